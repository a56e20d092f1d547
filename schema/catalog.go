package schema

import (
	"slices"
	"strconv"
	"strings"

	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/phone"
	"github.com/contactrules/contactrules/validate"
)

// An entry is what the schemas say of one rule of validate.Rules: the
// keywords that refuse what the rule refuses, and in words what they
// leave to the server. A rule a schema cannot express at all has no
// keywords; one it expresses in part has both.
type entry struct {
	says   func(g *gen) []keyword
	unsaid func(g *gen) string
}

// A keyword is one keyword a rule sets in a body schema: at is where,
// "" for the body itself, a member's name for that member's schema, or
// a member's name and a path under it ("tags/items").
type keyword struct {
	at    string
	name  string
	value any
}

// catalog maps every rule of validate.Rules to what the schemas say of
// it: the one place where rules become keywords. A rule of validate.Rules
// missing here fails the generator and TestCatalogCoversEveryRule.
var catalog = map[validate.RuleID]entry{
	validate.RuleMaxBytes: {unsaid: says("the body's size in bytes: a schema judges the value a parser made of the body, not its text (the OpenAPI document states the limit)")},
	validate.RuleJSONObject: {
		says:   func(g *gen) []keyword { return []keyword{{"", "type", "object"}} },
		unsaid: says("well-formed JSON text with member names of valid UTF-8: what is not JSON has no value for a schema to judge"),
	},
	validate.RuleRequiredAny:    {says: writesAField},
	validate.RuleRequiredOneOf:  {says: hasIdentity},
	validate.RuleEmailType:      {says: typed("string")},
	validate.RuleEmailUTF8:      notUTF8,
	validate.RuleEmailImmutable: stored("an email, once set, cannot change"),
	validate.RuleEmail: {says: func(g *gen) []keyword {
		// The grammar of docs/email.md: ASCII, so characters are bytes;
		// the local part's limit of 64 needs a second pattern (Go's
		// regexp and ECMA-262 share no lookahead).
		return []keyword{
			{validate.Email.String(), "maxLength", 254},
			{validate.Email.String(), "pattern", emailPattern},
			{validate.Email.String(), "allOf", []any{g.annotated(newObj("pattern", localPartPattern), "pattern")}},
		}
	}},
	validate.RulePhoneRegion:    {unsaid: says("form input only: a JSON body has no phone_region")},
	validate.RulePhoneType:      {says: typed("string")},
	validate.RulePhoneUTF8:      notUTF8,
	validate.RulePhoneImmutable: stored("a phone number, once set, cannot change"),
	validate.RulePhone: {
		says: func(g *gen) []keyword {
			return []keyword{{validate.PhoneNumber.String(), "pattern", e164Pattern}}
		},
		unsaid: func(g *gen) string {
			s := "that the number is valid for its region per libphonenumber's metadata and written in its canonical form: the pattern is the E.164 syntax alone"
			if g.p.PossiblePhoneOnly {
				s = strings.Replace(s, "is valid for its region", "has a possible length for its country calling code", 1)
			}
			return s
		},
	},
	validate.RuleFirstNameType:   {says: typed("string")},
	validate.RuleFirstNameUTF8:   notUTF8,
	validate.RuleFirstNameLength: {says: nameLength},
	validate.RuleLastNameType:    {says: typed("string")},
	validate.RuleLastNameUTF8:    notUTF8,
	validate.RuleLastNameLength:  {says: nameLength},
	validate.RuleTagsType: {says: func(g *gen) []keyword {
		return []keyword{
			{validate.Tags.String(), "type", []any{"array", "null"}},
			{validate.Tags.String() + "/items", "type", "string"},
		}
	}},
	validate.RuleTagsMaxItems: {says: func(g *gen) []keyword {
		return []keyword{{validate.Tags.String(), "maxItems", g.rule.Limit}}
	}},
	validate.RuleTagUTF8: notUTF8,
	validate.RuleTag: {says: func(g *gen) []keyword {
		return []keyword{
			{validate.Tags.String() + "/items", "minLength", 1},
			{validate.Tags.String() + "/items", "maxLength", g.rule.Limit},
		}
	}},
	validate.RuleCustomFieldsFlat: {says: func(g *gen) []keyword {
		return []keyword{
			{validate.CustomFields.String(), "type", []any{"object", "null"}},
			{validate.CustomFields.String() + "/additionalProperties", "type", []any{"string", "number", "boolean", "null"}},
		}
	}},
	validate.RuleCustomFieldDuplicate:   {unsaid: says("a key sent twice: a parser keeps one value per key")},
	validate.RuleCustomFieldUTF8:        notUTF8,
	validate.RuleEmailConsentType:       {says: typed("string")},
	validate.RuleEmailConsentUTF8:       notUTF8,
	validate.RuleEmailConsentCompliance: stored("a compliance-suppressed contact's email consent cannot change"),
	validate.RuleEmailConsentEnum: {says: func(g *gen) []keyword {
		return []keyword{{validate.EmailConsent.String(), "enum", append(g.emailValues(), nil)}}
	}},
	validate.RuleSMSConsentType: {says: typed("string")},
	validate.RuleSMSConsentUTF8: notUTF8,
	validate.RuleSMSConsentEnum: {says: func(g *gen) []keyword {
		return []keyword{{validate.SMSConsent.String(), "enum", append(g.smsValues(), nil)}}
	}},
	validate.RuleSMSSupportedCountry: {says: smsNeedsPhone, unsaid: func(g *gen) string {
		s := "that the phone number is from a supported SMS region (" + strings.Join(g.p.SMSRegions.Codes(), ", ") + "): the pattern holds it to their calling codes, but cannot tell the regions that share one"
		if g.on == update {
			s += "; and, for a patch that sends no phone_number, the stored one"
		}
		return s
	}},
	validate.RuleSMSMobile: {unsaid: func(g *gen) string {
		if !g.p.SMSNeedsMobile {
			return "" // the policy does not ask
		}
		return "that the number can take SMS (not a fixed line, toll-free, premium-rate, shared-cost, UAN, voicemail or pager number per libphonenumber's metadata): a pattern cannot tell a number's type"
	}},
	validate.RuleSMSNoUnsubscribeOnCreate: {says: func(g *gen) []keyword {
		return []keyword{{validate.SMSConsent.String(), "not", newObj("enum", g.smsRefusedOnCreate())}}
	}},
	validate.RuleSendWelcomeSMSType: {says: typed("boolean")},
	validate.RuleReadOnly: {says: func(g *gen) []keyword {
		return []keyword{{"", "propertyNames", newObj("not", newObj("enum", readOnly))}}
	}},
	validate.RuleUnknownField: {says: func(g *gen) []keyword {
		if g.p.AllowUnknownFields {
			return nil // the policy ignores them
		}
		return []keyword{{"", "additionalProperties", false}}
	}},
	validate.RuleDuplicateKey: {unsaid: says("a member sent twice: a parser keeps one value per name")},
	validate.RuleMaxDetails:   {unsaid: says("it cuts the list of details and refuses nothing of its own")},
}

// readOnly are the members the server sets (docs/create.md).
var readOnly = []string{"id", "created_at", "updated_at"}

// The patterns of the two formats a schema can say. An empty string is
// not judged by either rule (it counts as absent, or clears on update).
const (
	// e164Pattern is the E.164 syntax phone.Parse asks first: '+', a
	// country calling code that does not start with 0, 15 digits at most.
	e164Pattern = `^(\+[1-9][0-9]{0,14})?$`

	// emailPattern is docs/email.md's grammar but for the length of the
	// local part: dot-atom local part, then two or more LDH labels, the
	// last alphabetic or punycode.
	emailPattern = "^(" + atext + "+(\\." + atext + "+)*@(" + ldhLabel + "\\.)+([A-Za-z]{1,63}|[Xx][Nn]--[A-Za-z0-9-]{0,58}[A-Za-z0-9]))?$"

	// localPartPattern holds the local part to 64 characters.
	localPartPattern = "^([^@]{1,64}@|$)"

	atext    = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]"
	ldhLabel = "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
)

func says(s string) func(*gen) string { return func(*gen) string { return s } }

// notUTF8 is every utf8 rule's entry.
var notUTF8 = entry{unsaid: says("invalid UTF-8 and lone surrogate escapes: a schema judges text a parser has already decoded (and mended or refused)")}

// stored is the entry of a rule that depends on the stored contact.
func stored(what string) entry {
	return entry{unsaid: says(what + ": that depends on the stored contact, which a patch's schema does not see")}
}

// typed is a type rule: the type, or null, which means absent on create
// and in a patch clears or leaves the member (docs/update.md); never a
// type error.
func typed(t string) func(*gen) []keyword {
	return func(g *gen) []keyword {
		return []keyword{{g.rule.Field, "type", []any{t, "null"}}}
	}
}

func nameLength(g *gen) []keyword {
	return []keyword{{g.rule.Field, "maxLength", g.rule.Limit}}
}

// hasIdentity: email or phone_number present, neither null nor "".
func hasIdentity(g *gen) []keyword {
	var anyOf []any
	for _, f := range []validate.Field{validate.Email, validate.PhoneNumber} {
		anyOf = append(anyOf, newObj(
			"required", []string{f.String()},
			"properties", newObj(f.String(), newObj("not", newObj("enum", []any{nil, ""})))))
	}
	return []keyword{{"", "anyOf", anyOf}}
}

// writesAField: a patch writes at least one field. Which members a null
// still writes (those it clears) is asked of validate, by sending each
// member's null alone.
func writesAField(g *gen) []keyword {
	var anyOf []any
	for _, f := range g.fields {
		branch := newObj("required", []string{f})
		if !g.nullWrites(f) {
			branch.set("properties", newObj(f, newObj("not", newObj("type", "null"))))
		}
		anyOf = append(anyOf, branch)
	}
	return []keyword{{"", "anyOf", anyOf}}
}

// smsNeedsPhone: an sms_consent that asks for a phone number (consent
// refuses it without one) comes with a phone_number, on create, or at
// least does not clear it, on update; and a number sent with it has the
// calling code of an SMS region.
func smsNeedsPhone(g *gen) []keyword {
	sms, ph := validate.SMSConsent.String(), validate.PhoneNumber.String()
	then := newObj()
	if g.on == create {
		then.set("required", []string{ph})
	}
	number := newObj("type", "string", "minLength", 1)
	if codes := g.smsCallingCodes(); codes != nil {
		// E.164 calling codes are a prefix code: a number is of a region
		// only if it starts with the region's code.
		number.set("pattern", `^\+(`+strings.Join(codes, "|")+`)`)
	}
	then.set("properties", newObj(ph, number))
	return []keyword{
		{"", "if", newObj("required", []string{sms}, "properties", newObj(sms, newObj("enum", g.smsNeedingPhone())))},
		{"", "then", then},
	}
}

// smsCallingCodes returns the calling codes of the policy's SMS regions,
// read off their example numbers, or nil when a region has none to read
// (the schemas then say nothing of the codes).
func (g *gen) smsCallingCodes() []string {
	var out []string
	for _, region := range g.p.SMSRegions.Codes() {
		cc := 0
		for t := phone.FixedLine; cc == 0 && !strings.HasPrefix(t.String(), "Type("); t++ {
			if n, ok := phone.Example(region, t); ok {
				cc = n.CountryCode()
			}
		}
		if cc == 0 {
			return nil
		}
		if code := strconv.Itoa(cc); !slices.Contains(out, code) {
			out = append(out, code)
		}
	}
	slices.Sort(out)
	return out
}

// The consent words the consent package knows, each field's values in
// the order of its enum message, then the read-only ones; and the legacy
// word, which the package does not export but a policy may accept.
var (
	emailWords = []consent.Email{consent.EmailSubscribed, consent.EmailUnsubscribed, consent.EmailNeverSubscribed, consent.EmailSuppressed, consent.EmailComplianceSuppressed, legacyWord}
	smsWords   = []consent.SMS{consent.SMSSubscribed, consent.SMSUnsubscribed, consent.SMSNeverSubscribed, consent.SMSSingleOptIn, consent.SMSPending, legacyWord}
)

const legacyWord = "non_subscribed"

// emailValues are the email consent words the policy lets a client send.
func (g *gen) emailValues() []any { return parsing(emailWords, consent.ParseEmail, g.consent()) }

// smsValues are the SMS consent words the policy lets a client send.
func (g *gen) smsValues() []any { return parsing(smsWords, consent.ParseSMS, g.consent()) }

// parsing returns the words that parse under o.
func parsing[W ~string](words []W, parse func(string, consent.Options) (W, error), o consent.Options) []any {
	var out []any
	for _, w := range words {
		if _, err := parse(string(w), o); err == nil {
			out = append(out, string(w))
		}
	}
	return out
}

// smsRefused are the writable SMS words the consent rules refuse on
// create as refusal r when nothing else is sent.
func (g *gen) smsRefused(r consent.Refusal) []any {
	var out []any
	for _, w := range g.smsValues() {
		_, _, refused := consent.Create(consent.Request{SMS: consent.Field{Value: w.(string), Set: true}}, g.consent())
		if slices.Contains(refused, r) {
			out = append(out, w)
		}
	}
	return out
}

func (g *gen) smsNeedingPhone() []any    { return g.smsRefused(consent.RefuseUnsupportedCountry) }
func (g *gen) smsRefusedOnCreate() []any { return g.smsRefused(consent.RefuseUnsubscribeOnCreate) }

func (g *gen) consent() consent.Options {
	return consent.Options{SMSRegions: g.p.SMSRegions, AcceptLegacy: g.p.AcceptLegacyConsent}
}

// nullWrites reports whether a patch of member f's null alone writes a
// field (it clears f) rather than naming nothing.
func (g *gen) nullWrites(f string) bool {
	_, _, details := validate.UpdateJSON(validate.Contact{}, []byte(`{"`+f+`":null}`), g.p)
	for _, d := range details {
		if id, _ := validate.RuleOf(d); id == validate.RuleRequiredAny {
			return false
		}
	}
	return true
}
