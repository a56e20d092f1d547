package advice

import (
	"strings"

	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/phone"
	"github.com/contactrules/contactrules/validate"
)

// A rule is a row of the advice table.
type rule struct {
	field, name, message string
	when                 string // when it speaks, for the README and docs
	reads                validate.Fields
	// contact judges what a contact holds; nil for a rule of form input
	// alone.
	contact func(input) (suggestion string, ok bool)
	// form judges what only a form holds, beside the accepted contact.
	form func(*validate.Contact, *formInput) (suggestion string, ok bool)
}

// input is what the rules of a contact read, passed by value: a pointer
// passed to a function of the table would make the contact escape, and
// For allocate.
type input struct {
	email, phone string
	sms          consent.SMS
}

func inputOf(c *validate.Contact, _ *validate.Policy) input {
	return input{email: c.Email, phone: c.PhoneNumber, sms: c.SMSConsent}
}

// formInput is what a form holds that the accepted contact does not.
type formInput struct {
	region string // phone_region as sent
	typed  string // phone_number as typed
}

// table is the advice rules, in the order advice is given. Its messages
// are in messages/catalog/*.json under the field and rule name.
var table = []rule{
	{
		field: "email", name: "email_typo", reads: fields(validate.Email),
		message: "looks like a typo of a common email domain",
		when:    "the domain is one or two edits from a well-known mailbox domain, or its last label a typo of com, org or net, and is not a known domain; suggests the whole corrected address",
		contact: emailTypo,
	},
	{
		field: "email", name: "role_address", reads: fields(validate.Email),
		message: "is a role address, which reaches a team or no one rather than a person",
		when:    "the local part, without a +tag and in any case, is a role: admin, info, support, sales, noreply, postmaster, abuse, webmaster and the rest of docs/advice.md's list",
		contact: roleAddress,
	},
	{
		field: "sms_consent", name: "sms_landline", reads: fields(validate.PhoneNumber, validate.SMSConsent),
		message: "the phone number cannot receive SMS (it is not a mobile number)",
		when:    "sms_consent is subscribed or single_opt_in and the phone number's type (libphonenumber's) is one that cannot receive SMS: fixed line, toll free, premium rate, shared cost, UAN, voicemail or pager",
		contact: smsLandline,
	},
	{
		field: "phone_region", name: "phone_region_mismatch",
		message: "does not match the country code of the phone number",
		when:    "form input: the number is typed with a + country code, and the region it belongs to is not the phone_region the form names; suggests that region",
		form:    regionMismatch,
	},
}

func fields(fs ...validate.Field) validate.Fields {
	var s validate.Fields
	for _, f := range fs {
		s = s.With(f)
	}
	return s
}

func (r *rule) advice(suggestion string) Advice {
	return Advice{Field: r.field, Rule: r.name, Message: r.message, Suggestion: suggestion}
}

// A Rule describes a row of the advice table, as validate.Rule describes
// one of the API's.
type Rule struct {
	Field   string // the member advised on
	Name    string // the rule name, Advice.Rule
	Message string // the English text, Advice.Message
	When    string // when the rule speaks
	Form    bool   // judged only on form input (ForForm)
}

// Rules returns the advice rules in the order advice is given.
func Rules() []Rule {
	out := make([]Rule, len(table))
	for i, r := range table {
		out[i] = Rule{Field: r.field, Name: r.name, Message: r.message, When: r.when, Form: r.contact == nil}
	}
	return out
}

// regionMismatch is the phone_region_mismatch rule.
func regionMismatch(c *validate.Contact, in *formInput) (string, bool) {
	if in.region == "" || c.PhoneNumber == "" || !strings.HasPrefix(strings.TrimLeft(in.typed, " \t"), "+") {
		return "", false
	}
	// The contact was accepted, so its number passed Parse or, by policy,
	// ParsePossible, whose region is a best guess.
	n, err := phone.ParsePossible(c.PhoneNumber)
	if err != nil {
		return "", false
	}
	region := n.Region()
	if region == "001" || strings.EqualFold(region, in.region) {
		return "", false
	}
	return region, true
}

// smsLandline is the sms_landline rule. A number the policy accepts for
// its possible length alone has no type, and earns no advice.
func smsLandline(in input) (string, bool) {
	if in.sms != consent.SMSSubscribed && in.sms != consent.SMSSingleOptIn {
		return "", false
	}
	n, err := phone.Parse(in.phone)
	if err != nil {
		return "", false
	}
	// The types validate's sms_mobile rule refuses, by the same word.
	return "", !n.Type().MayTakeSMS()
}
