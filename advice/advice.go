// Package advice says what is probably wrong with a contact the API
// accepts: an address whose domain looks mistyped ("did you mean
// jane@gmail.com?"), a role address that reaches a department rather than
// a person, a number subscribed to SMS that cannot receive it, a typed
// phone number whose country code is not the country the form names
// (docs/advice.md). Advice is not a verdict: the contact stays valid, its
// details do not change, and a form shows the advice beside the fields so
// that the person who typed them can take it or leave it.
//
// Each rule is a row of one table ([Rules]); its message, like a detail's,
// never holds the submitted value, and package messages has its text in
// every language it knows, under the advice's field and rule name:
//
//	for _, a := range advice.For(contact, policy) {
//		show(a.Field, cat.Text(a.FieldError(), policy), a.Suggestion)
//	}
package advice

import (
	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/validate"
)

// An Advice is one thing the person filling in a form may want to fix.
type Advice struct {
	// Field names the member the advice is about, as a detail names it
	// ("email", "phone_region").
	Field string `json:"field"`

	// Rule is the rule's stable name ("email_typo"), for clients that
	// translate messages.
	Rule string `json:"rule"`

	// Message is the rule's English text. Like a detail's message it
	// never holds a submitted value, so it may be logged.
	Message string `json:"message"`

	// Suggestion is the corrected value, for display to the person who
	// typed the original ("Did you mean jane@gmail.com?"): the whole
	// corrected address, or the region the number belongs to. It is
	// derived from the submitted value, which is personal data: do not
	// log it. It is "" when the rule has nothing to suggest.
	Suggestion string `json:"suggestion,omitempty"`
}

// FieldError returns a's field, rule and message as a detail has them, so
// that messages.Catalog.Text gives its text in the reader's language. An
// Advice is not an error: never put it into an envelope's details.
func (a Advice) FieldError() errs.FieldError {
	return errs.FieldError{Field: a.Field, Message: a.Message, Rule: a.Rule}
}

// For returns the advice on an accepted contact (the Contact that
// validate.Create, CreateJSON or CreateForm returned with no details), in
// the order of [Rules]; nil when there is none. On a contact that was not
// accepted the advice may be incomplete, never wrong about what it reads.
// For does not allocate when it has nothing to say.
func For(c validate.Contact, p validate.Policy) []Advice {
	in := inputOf(&c, &p)
	var out []Advice
	for i := range table {
		r := &table[i]
		if r.contact == nil {
			continue
		}
		if s, ok := r.contact(in); ok {
			out = append(out, r.advice(s))
		}
	}
	return out
}

// ForPatch returns the advice on the new values of an accepted update:
// the rules are judged on the contact the patch makes (patch.Apply), and a
// rule speaks only when the patch gives a member it reads a new value, so
// that a stored address the person did not touch earns nothing. nil when
// there is none.
func ForPatch(current validate.Contact, patch validate.Patch, p validate.Policy) []Advice {
	after := patch.Apply(current)
	in := inputOf(&after, &p)
	var out []Advice
	for i := range table {
		r := &table[i]
		if r.contact == nil || !changed(r.reads, patch.Set, &current, &after) {
			continue
		}
		if s, ok := r.contact(in); ok {
			out = append(out, r.advice(s))
		}
	}
	return out
}

// changed reports whether the patch gives one of the fields a rule reads
// a value the contact did not have.
func changed(reads, set validate.Fields, before, after *validate.Contact) bool {
	moved := func(f validate.Field, differ bool) bool { return reads.Has(f) && set.Has(f) && differ }
	return moved(validate.Email, before.Email != after.Email) ||
		moved(validate.PhoneNumber, before.PhoneNumber != after.PhoneNumber) ||
		moved(validate.SMSConsent, before.SMSConsent != after.SMSConsent)
}

// ForForm returns the advice on a contact posted from an HTML form: the
// advice of [For] on c, the contact validate.CreateForm accepted (for
// validate.UpdateForm, the patch applied to the stored contact), then the
// rules that read what only the form holds (the phone_region the form
// names and the number as it was typed). form is the http.Request's
// Form, as validate.CreateForm takes it.
func ForForm(c validate.Contact, form map[string][]string, p validate.Policy) []Advice {
	out := For(c, p)
	in := formInput{region: firstValue(form["phone_region"]), typed: firstValue(form["phone_number"])}
	for i := range table {
		r := &table[i]
		if r.form == nil {
			continue
		}
		if s, ok := r.form(&c, &in); ok {
			out = append(out, r.advice(s))
		}
	}
	return out
}

// firstValue is the first non-empty value of a form member, as validate
// reads it (an empty value means absent).
func firstValue(values []string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
