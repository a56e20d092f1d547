package validate

import (
	"strconv"
	"strings"

	"github.com/contactrules/contactrules/errs"
)

// A RuleID names one row of the rule table: one way a payload can fail,
// with its field, its rule name (errs.FieldError.Rule) and its message.
// The zero RuleID names no rule. IDs are listed in the order their details
// appear, which is the order of [Rules].
type RuleID uint8

// The rules, in the order of details.
const (
	RuleMaxBytes                 RuleID = iota + 1 // base: the body is too large
	RuleJSONObject                                 // base: not one JSON object
	RuleRequiredAny                                // base: a patch that names nothing
	RuleRequiredOneOf                              // base: neither email nor phone_number
	RuleEmailType                                  // email: not a string
	RuleEmailUTF8                                  // email: not UTF-8
	RuleEmailImmutable                             // email: changed once set
	RuleEmail                                      // email: not an address
	RulePhoneRegion                                // phone_region: unknown region (form input)
	RulePhoneType                                  // phone_number: not a string
	RulePhoneUTF8                                  // phone_number: not UTF-8
	RulePhoneImmutable                             // phone_number: changed once set
	RulePhone                                      // phone_number: not canonical E.164, or not valid
	RuleFirstNameType                              // first_name: not a string
	RuleFirstNameUTF8                              // first_name: not UTF-8
	RuleFirstNameLength                            // first_name: too long
	RuleLastNameType                               // last_name: not a string
	RuleLastNameUTF8                               // last_name: not UTF-8
	RuleLastNameLength                             // last_name: too long
	RuleTagsType                                   // tags: not an array of strings
	RuleTagsMaxItems                               // tags: too many
	RuleTagUTF8                                    // tags[i]: not UTF-8
	RuleTag                                        // tags[i]: empty or too long
	RuleCustomFieldsFlat                           // custom_fields: not a flat object
	RuleCustomFieldDuplicate                       // custom_fields.<key>: repeated key
	RuleCustomFieldUTF8                            // custom_fields.<key>: not UTF-8
	RuleEmailConsentType                           // email_consent: not a string
	RuleEmailConsentUTF8                           // email_consent: not UTF-8
	RuleEmailConsentCompliance                     // email_consent: contact is compliance-suppressed
	RuleEmailConsentEnum                           // email_consent: not a writable value
	RuleSMSConsentType                             // sms_consent: not a string
	RuleSMSConsentUTF8                             // sms_consent: not UTF-8
	RuleSMSConsentEnum                             // sms_consent: not a writable value
	RuleSMSSupportedCountry                        // sms_consent: opt-in without a phone from a supported country
	RuleSMSNoUnsubscribeOnCreate                   // sms_consent: unsubscribed on create
	RuleSendWelcomeSMSType                         // send_welcome_sms: not a boolean
	RuleReadOnly                                   // <member>: read-only member
	RuleUnknownField                               // <member>: unrecognized member
	RuleDuplicateKey                               // <member>: repeated member
	RuleMaxDetails                                 // base: more details than the policy lists
	numRules
)

// The identity of each rule, written once: its field, its name
// (errs.FieldError.Rule) and its message. Every path (JSON, structs,
// forms, validator tags) reports a rule with this table's text. A "%d" in
// a message stands for the policy's limit that the rule names.
var identities = [numRules]struct{ field, name, message string }{
	RuleMaxBytes:                 {"base", "max_bytes", "must be at most %d bytes"},
	RuleJSONObject:               {"base", "json_object", "must be a JSON object"},
	RuleRequiredAny:              {"base", "required_any", "at least one field is required"},
	RuleRequiredOneOf:            {"base", "required_one_of", "email or phone_number is required"},
	RuleEmailType:                {"email", "type", msgString},
	RuleEmailUTF8:                {"email", "utf8", msgUTF8},
	RuleEmailImmutable:           {"email", "immutable", msgChanged},
	RuleEmail:                    {"email", "email", "must be a valid email address"},
	RulePhoneRegion:              {"phone_region", "region", "is not a supported region"},
	RulePhoneType:                {"phone_number", "type", msgString},
	RulePhoneUTF8:                {"phone_number", "utf8", msgUTF8},
	RulePhoneImmutable:           {"phone_number", "immutable", msgChanged},
	RulePhone:                    {"phone_number", "e164", "must be a valid phone number in E.164 format"},
	RuleFirstNameType:            {"first_name", "type", msgString},
	RuleFirstNameUTF8:            {"first_name", "utf8", msgUTF8},
	RuleFirstNameLength:          {"first_name", "max_length", msgNameLength},
	RuleLastNameType:             {"last_name", "type", msgString},
	RuleLastNameUTF8:             {"last_name", "utf8", msgUTF8},
	RuleLastNameLength:           {"last_name", "max_length", msgNameLength},
	RuleTagsType:                 {"tags", "type", "must be an array of strings"},
	RuleTagsMaxItems:             {"tags", "max_items", "must have at most %d items"},
	RuleTagUTF8:                  {"tags[i]", "utf8", msgUTF8},
	RuleTag:                      {"tags[i]", "tag", "must be a non-empty string of at most %d characters"},
	RuleCustomFieldsFlat:         {"custom_fields", "flat_object", "must be a flat key-value object (no nested values)"},
	RuleCustomFieldDuplicate:     {"custom_fields.<key>", "duplicate_key", msgDuplicate},
	RuleCustomFieldUTF8:          {"custom_fields.<key>", "utf8", msgUTF8},
	RuleEmailConsentType:         {"email_consent", "type", msgString},
	RuleEmailConsentUTF8:         {"email_consent", "utf8", msgUTF8},
	RuleEmailConsentCompliance:   {"email_consent", "compliance_suppressed", "cannot be changed while the contact is compliance-suppressed"},
	RuleEmailConsentEnum:         {"email_consent", "enum", "must be one of: subscribed, unsubscribed, never_subscribed, suppressed"},
	RuleSMSConsentType:           {"sms_consent", "type", msgString},
	RuleSMSConsentUTF8:           {"sms_consent", "utf8", msgUTF8},
	RuleSMSConsentEnum:           {"sms_consent", "enum", "must be one of: subscribed, unsubscribed, never_subscribed, single_opt_in"},
	RuleSMSSupportedCountry:      {"sms_consent", "sms_supported_country", "requires a phone number from a supported country"},
	RuleSMSNoUnsubscribeOnCreate: {"sms_consent", "sms_no_unsubscribe_on_create", "cannot be unsubscribed for a new contact"},
	RuleSendWelcomeSMSType:       {"send_welcome_sms", "type", "must be a boolean"},
	RuleReadOnly:                 {"<member>", "read_only", "is read-only"},
	RuleUnknownField:             {"<member>", "unknown_field", "is not a recognized field"},
	RuleDuplicateKey:             {"<member>", "duplicate_key", msgDuplicate},
	RuleMaxDetails:               {"base", "max_details", "too many errors; only the first %d are listed"},
}

// Messages shared by several rules.
const (
	msgString     = "must be a string"
	msgUTF8       = "must be valid UTF-8"
	msgChanged    = "cannot be changed once set"
	msgDuplicate  = "must not appear more than once"
	msgNameLength = "must be at most %d characters"
)

// limit is the policy number a rule's message names, or -1.
func (id RuleID) limit(p Policy) int {
	switch id {
	case RuleMaxBytes:
		return p.MaxBodyBytes
	case RuleFirstNameLength, RuleLastNameLength:
		return p.MaxNameLength
	case RuleTagsMaxItems:
		return p.MaxTags
	case RuleTag:
		return p.MaxTagLength
	case RuleMaxDetails:
		return p.MaxDetails - 1
	}
	return -1
}

// Message returns the rule's message under policy p (a zero field of p
// means its default), as the API sends it. It is "" for an ID that names
// no rule.
func (id RuleID) Message(p Policy) string {
	if id == 0 || id >= numRules {
		return ""
	}
	return id.message(p.resolved())
}

// message is Message under a resolved policy.
func (id RuleID) message(p Policy) string {
	m := identities[id].message
	if n := id.limit(p); n >= 0 {
		return strings.Replace(m, "%d", strconv.Itoa(n), 1)
	}
	return m
}

// Field returns the field the rule reports: a JSON member name, "base",
// or a family: "tags[i]", "custom_fields.<key>", "<member>".
func (id RuleID) Field() string {
	if id == 0 || id >= numRules {
		return ""
	}
	return identities[id].field
}

// Name returns the rule's machine-readable name, errs.FieldError.Rule.
func (id RuleID) Name() string {
	if id == 0 || id >= numRules {
		return ""
	}
	return identities[id].name
}

// String returns "field/name", e.g. "email/type".
func (id RuleID) String() string {
	if id == 0 || id >= numRules {
		return "RuleID(" + strconv.Itoa(int(id)) + ")"
	}
	return id.Field() + "/" + id.Name()
}

// RuleOf returns the rule a detail reports, found by its field and rule
// name (not its message, which depends on the policy), and false for a
// detail no rule of this package gives.
func RuleOf(d errs.FieldError) (RuleID, bool) {
	// A member reported by name (unknown, read-only, or a known field
	// sent twice) is in the <member> row: look there when the field's
	// own rows do not name the rule.
	for _, family := range [...]string{Family(d.Field), "<member>"} {
		for id := RuleID(1); id < numRules; id++ {
			if identities[id].name == d.Rule && identities[id].field == family {
				return id, true
			}
		}
	}
	return 0, false
}

// Family returns the field a detail's rule is listed under in the rule
// table ([Rules], [RuleID.Field]): "tags[i]" for an element of tags
// ("tags[3]"), "custom_fields.<key>" for a custom field
// ("custom_fields.plan"), and field itself otherwise. (Members reported
// by name, such as an unknown "nickname", are listed as "<member>"; they
// keep their own name here, so that a caller's own rules on a field of
// its own can be told apart.)
func Family(field string) string {
	if rest, ok := strings.CutPrefix(field, "tags["); ok {
		if n, ok := strings.CutSuffix(rest, "]"); ok && n != "" && strings.Trim(n, "0123456789") == "" {
			return "tags[i]"
		}
	}
	if strings.HasPrefix(field, "custom_fields.") {
		return "custom_fields.<key>"
	}
	return field
}

// detail returns the detail of rule id on field under a resolved policy.
func (id RuleID) detail(field string, p Policy) errs.FieldError {
	return errs.FieldError{Field: field, Message: id.message(p), Rule: identities[id].name}
}

// maxEcho is how much of a member name a detail echoes.
const maxEcho = 64

// echo cuts a member name chosen by the client to its first 64 bytes, at
// a code point boundary, followed by "...": keys are often personal data,
// and an answer must not grow with them.
func echo(name string) string {
	if len(name) <= maxEcho {
		return name
	}
	i := maxEcho
	for i > 0 && name[i]&0xC0 == 0x80 {
		i--
	}
	return name[:i] + "..."
}
