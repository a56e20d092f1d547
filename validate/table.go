package validate

import (
	"strconv"
	"strings"

	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/internal/op"
)

// A RuleID names one row of the rule table: one way a payload can fail,
// with its field, its rule name (errs.FieldError.Rule) and its message.
// The zero RuleID names no rule. IDs are listed in the order their details
// appear, which is the order of [Rules].
type RuleID uint8

// The rules, in the order of details. Each is one row of the table below.
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
	RuleSMSMobile                                  // sms_consent: opt-in with a number that cannot take SMS (by policy)
	RuleSMSNoUnsubscribeOnCreate                   // sms_consent: unsubscribed on create
	RuleSendWelcomeSMSType                         // send_welcome_sms: not a boolean
	RuleReadOnly                                   // <member>: read-only member
	RuleUnknownField                               // <member>: unrecognized member
	RuleDuplicateKey                               // <member>: repeated member
	RuleMaxDetails                                 // base: more details than the policy lists
	numRules
)

// A rule is one row of the rule table: everything about one way a
// payload can fail. Every path (JSON, structs, forms, validator tags)
// reports a rule with its row's text, the message catalogs are keyed by
// its field and name, and the README's rules table, the docs' tables and
// the generated documents are made from the rows.
type rule struct {
	field   string          // JSON name; "tags[i]", "custom_fields.<key>" and "<member>" stand for families
	name    string          // errs.FieldError.Rule
	message string          // the API's message; "%d" stands for the limit
	limit   limit           // the policy's number in the message, if any
	on      op.Op           // the operations the rule applies to
	check   check           // how the row is checked; none: another row's check reports it
	refusal consent.Refusal // a consent row: the consent package's refusal it reports
	when    string          // the rule in words, for the README's table
}

// Messages shared by several rules.
const (
	msgString     = "must be a string"
	msgUTF8       = "must be valid UTF-8"
	msgChanged    = "cannot be changed once set"
	msgDuplicate  = "must not appear more than once"
	msgNameLength = "must be at most %d characters"
	whenString    = "not a string"
	whenUTF8      = "not valid UTF-8"
	whenChanged   = "the contact has a value and the patch changes or clears it"
	whenLength    = "longer than the policy allows (code points)"
)

// rules is the table, one row per RuleID, in the order of details. Every
// rule of docs/create.md, docs/update.md, docs/forms.md and
// docs/bounds.md that yields a detail is here, once; the consent rows
// report what the consent package decides.
//
// Adding a rule is adding its ID above, its row here, its texts to the
// message catalogs (messages/catalog) and its tests; a new kind of check
// is also a function and a case of checker.apply.
var rules = [numRules]rule{
	RuleMaxBytes: {field: "base", name: "max_bytes", message: "must be at most %d bytes", limit: maxBody, on: op.Both, check: byBody,
		when: "the body is larger than the policy's maximum (only detail)"},
	RuleJSONObject: {field: "base", name: "json_object", message: "must be a JSON object", on: op.Both, check: byBody,
		when: "the body is not one well-formed JSON object (only detail)"},
	RuleRequiredAny: {field: "base", name: "required_any", message: "at least one field is required", on: op.Update, check: byAnyField,
		when: "the patch names nothing: no writable field, and no read-only, unrecognized or repeated member"},
	RuleRequiredOneOf: {field: "base", name: "required_one_of", message: "email or phone_number is required", on: op.Create, check: byIdentity,
		when: "neither email nor phone_number is present and non-empty"},

	RuleEmailType:      {field: "email", name: "type", message: msgString, on: op.Both, check: byType, when: whenString},
	RuleEmailUTF8:      {field: "email", name: "utf8", message: msgUTF8, on: op.Both, check: byUTF8, when: whenUTF8},
	RuleEmailImmutable: {field: "email", name: "immutable", message: msgChanged, on: op.Update, check: byImmutable, when: whenChanged},
	RuleEmail: {field: "email", name: "email", message: "must be a valid email address", on: op.Both, check: byEmail,
		when: "not an address as docs/email.md defines it"},

	RulePhoneRegion: {field: "phone_region", name: "region", message: "is not a supported region", on: op.Both, check: byRegion,
		when: "form input: phone_region names no region (the number is then not judged)"},
	RulePhoneType:      {field: "phone_number", name: "type", message: msgString, on: op.Both, check: byType, when: whenString},
	RulePhoneUTF8:      {field: "phone_number", name: "utf8", message: msgUTF8, on: op.Both, check: byUTF8, when: whenUTF8},
	RulePhoneImmutable: {field: "phone_number", name: "immutable", message: msgChanged, on: op.Update, check: byImmutable, when: whenChanged},
	RulePhone: {field: "phone_number", name: "e164", message: "must be a valid phone number in E.164 format", on: op.Both, check: byPhone,
		when: "not canonical E.164 or not a valid number for its region (possible length only, by policy)"},

	RuleFirstNameType:   {field: "first_name", name: "type", message: msgString, on: op.Both, check: byType, when: whenString},
	RuleFirstNameUTF8:   {field: "first_name", name: "utf8", message: msgUTF8, on: op.Both, check: byUTF8, when: whenUTF8},
	RuleFirstNameLength: {field: "first_name", name: "max_length", message: msgNameLength, limit: maxName, on: op.Both, check: byNameLength, when: whenLength},
	RuleLastNameType:    {field: "last_name", name: "type", message: msgString, on: op.Both, check: byType, when: whenString},
	RuleLastNameUTF8:    {field: "last_name", name: "utf8", message: msgUTF8, on: op.Both, check: byUTF8, when: whenUTF8},
	RuleLastNameLength:  {field: "last_name", name: "max_length", message: msgNameLength, limit: maxName, on: op.Both, check: byNameLength, when: whenLength},

	RuleTagsType: {field: "tags", name: "type", message: "must be an array of strings", on: op.Both, check: byTagsShape,
		when: "not an array, or an element is not a string"},
	RuleTagsMaxItems: {field: "tags", name: "max_items", message: "must have at most %d items", limit: maxTags, on: op.Both, check: byTagCount,
		when: "more tags than the policy allows"},
	// The two tags[i] rows report in element order, so the first reports
	// both.
	RuleTagUTF8: {field: "tags[i]", name: "utf8", message: msgUTF8, on: op.Both, check: byTags,
		when: "the tag is not valid UTF-8"},
	RuleTag: {field: "tags[i]", name: "tag", message: "must be a non-empty string of at most %d characters", limit: maxTag, on: op.Both,
		when: "the tag is empty or too long (code points)"},

	RuleCustomFieldsFlat: {field: "custom_fields", name: "flat_object", message: "must be a flat key-value object (no nested values)", on: op.Both, check: byFlat,
		when: "not an object, or a value is an object or array"},
	// Likewise the custom_fields.<key> rows, in key order.
	RuleCustomFieldDuplicate: {field: "custom_fields.<key>", name: "duplicate_key", message: msgDuplicate, on: op.Both, check: byCustomKeys,
		when: "the key appears twice in custom_fields"},
	RuleCustomFieldUTF8: {field: "custom_fields.<key>", name: "utf8", message: msgUTF8, on: op.Both,
		when: "a string value is not valid UTF-8"},

	RuleEmailConsentType: {field: "email_consent", name: "type", message: msgString, on: op.Both, check: byType, when: whenString},
	RuleEmailConsentUTF8: {field: "email_consent", name: "utf8", message: msgUTF8, on: op.Both, check: byUTF8, when: whenUTF8},
	RuleEmailConsentCompliance: {field: "email_consent", name: "compliance_suppressed", message: "cannot be changed while the contact is compliance-suppressed",
		on: op.Update, check: byConsent, refusal: consent.RefuseComplianceSuppressed,
		when: "any value is sent and the contact's email consent is compliance_suppressed"},
	RuleEmailConsentEnum: {field: "email_consent", name: "enum", message: "must be one of: subscribed, unsubscribed, never_subscribed, suppressed",
		on: op.Both, check: byConsent, refusal: consent.RefuseEmailValue,
		when: "the value is not a writable email consent"},

	RuleSMSConsentType: {field: "sms_consent", name: "type", message: msgString, on: op.Both, check: byType, when: whenString},
	RuleSMSConsentUTF8: {field: "sms_consent", name: "utf8", message: msgUTF8, on: op.Both, check: byUTF8, when: whenUTF8},
	RuleSMSConsentEnum: {field: "sms_consent", name: "enum", message: "must be one of: subscribed, unsubscribed, never_subscribed, single_opt_in",
		on: op.Both, check: byConsent, refusal: consent.RefuseSMSValue,
		when: "the value is not a writable SMS consent"},
	RuleSMSSupportedCountry: {field: "sms_consent", name: "sms_supported_country", message: "requires a phone number from a supported country",
		on: op.Both, check: byConsent, refusal: consent.RefuseUnsupportedCountry,
		when: "subscribed or single_opt_in, and the contact's phone number is missing or not from a supported SMS region"},
	RuleSMSMobile: {field: "sms_consent", name: "sms_mobile", message: "requires a mobile phone number", on: op.Both, check: bySMSMobile,
		when: "by policy (SMSNeedsMobile): subscribed or single_opt_in, and the contact's number is of a type that cannot take SMS (fixed line, toll-free, premium rate, shared cost, UAN, voicemail, pager)"},
	RuleSMSNoUnsubscribeOnCreate: {field: "sms_consent", name: "sms_no_unsubscribe_on_create", message: "cannot be unsubscribed for a new contact",
		on: op.Create, check: byConsent, refusal: consent.RefuseUnsubscribeOnCreate,
		when: "unsubscribed is sent for a new contact"},

	RuleSendWelcomeSMSType: {field: "send_welcome_sms", name: "type", message: "must be a boolean", on: op.Both, check: byType,
		when: "not a boolean"},

	// The <member> rows report in input order (name order for a form).
	RuleReadOnly: {field: "<member>", name: "read_only", message: "is read-only", on: op.Both, check: byExtra,
		when: "id, created_at or updated_at is sent (whatever its value)"},
	RuleUnknownField: {field: "<member>", name: "unknown_field", message: "is not a recognized field", on: op.Both,
		when: "a member the API does not know (off by policy)"},
	RuleDuplicateKey: {field: "<member>", name: "duplicate_key", message: msgDuplicate, on: op.Both,
		when: "a member appears twice"},

	// Added by report when the list is cut.
	RuleMaxDetails: {field: "base", name: "max_details", message: "too many errors; only the first %d are listed", limit: maxDetails, on: op.Both,
		when: "more details than the policy's MaxDetails: the first MaxDetails-1 are listed, then this one"},
}

// A limit names the policy's number that a rule's message holds.
type limit uint8

const (
	noLimit limit = iota
	maxBody
	maxName
	maxTags
	maxTag
	maxDetails
)

// of returns the limit's number under a resolved policy, or -1 for
// noLimit.
func (l limit) of(p *Policy) int {
	switch l {
	case maxBody:
		return p.MaxBodyBytes
	case maxName:
		return p.MaxNameLength
	case maxTags:
		return p.MaxTags
	case maxTag:
		return p.MaxTagLength
	case maxDetails:
		return p.MaxDetails - 1 // the details listed before max_details
	}
	return -1
}

// valid reports whether id names a rule.
func (id RuleID) valid() bool { return id > 0 && id < numRules }

// Message returns the rule's message under policy p (a zero field of p
// means its default), as the API sends it. It is "" for an ID that names
// no rule.
func (id RuleID) Message(p Policy) string {
	if !id.valid() {
		return ""
	}
	p.resolve()
	return id.message(&p)
}

// message is Message under a resolved policy.
func (id RuleID) message(p *Policy) string {
	r := &rules[id]
	if n := r.limit.of(p); n >= 0 {
		return strings.Replace(r.message, "%d", strconv.Itoa(n), 1)
	}
	return r.message
}

// Limit returns the number the rule's message holds under policy p (a
// zero field of p means its default): the maximum of a length or a count,
// or for max_details the number of details listed before it. It is -1
// for a rule whose message holds no number, and for an ID that names no
// rule.
func (id RuleID) Limit(p Policy) int {
	if !id.valid() {
		return -1
	}
	p.resolve()
	return rules[id].limit.of(&p)
}

// Field returns the field the rule reports: a JSON member name, "base",
// or a family: "tags[i]", "custom_fields.<key>", "<member>".
func (id RuleID) Field() string {
	if !id.valid() {
		return ""
	}
	return rules[id].field
}

// Name returns the rule's machine-readable name, errs.FieldError.Rule.
func (id RuleID) Name() string {
	if !id.valid() {
		return ""
	}
	return rules[id].name
}

// String returns "field/name", e.g. "email/type".
func (id RuleID) String() string {
	if !id.valid() {
		return "RuleID(" + strconv.Itoa(int(id)) + ")"
	}
	return id.Field() + "/" + id.Name()
}

// A Rule is one row of the rule table, in words: its ID, the field it
// reports, its rule name (FieldError.Rule), its message and limit under a
// policy, the operations it applies to, and when it fails.
type Rule struct {
	ID      RuleID
	Field   string // JSON name; "tags[i]", "custom_fields.<key>" and "<member>" stand for families
	Name    string
	Message string
	Limit   int    // the number in Message, or -1 (see [RuleID.Limit])
	On      string // "create", "update" or "create, update"
	When    string
}

// Rules lists the rules in the order their details appear, with the
// messages they give under p. The README's rules table is this list.
func Rules(p Policy) []Rule {
	p.resolve()
	out := make([]Rule, 0, numRules-1)
	for id := RuleID(1); id < numRules; id++ {
		r := &rules[id]
		out = append(out, Rule{ID: id, Field: r.field, Name: r.name, Message: id.message(&p), Limit: r.limit.of(&p), On: r.on.String(), When: r.when})
	}
	return out
}
