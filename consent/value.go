// Package consent holds the consent rules of the contacts API
// (docs/consent.md): the email and SMS consent values, which of them a
// client may write, and what a create or an update does to a contact's
// consent — the resulting state, the effects (welcome SMS, unsuppression,
// defaults) and the refusals. The package decides; how the API reports a
// refusal (its detail's field, rule name and message) is a row of the
// validate package's rule table.
//
// The transition rules are one table, listed by [Rules]; [Create] and
// [Update] only evaluate it. Configuration (supported SMS regions, legacy
// vocabulary) comes in as an [Options] value; the package has no global
// mutable state.
//
// Where the contract is silent, the package decides:
//   - An email_consent that is not a writable value, sent to a
//     compliance-suppressed contact, gets the compliance-suppressed
//     message, not the enum one: no value could pass, so the enum message
//     would send the client to fix the wrong thing.
//   - Any email_consent write to a suppressed contact unsuppresses it
//     first, writing "suppressed" included; on create there is nothing to
//     unsuppress.
//   - sms_consent subscribed or single_opt_in always needs a
//     supported-country phone, also when the contact already has that
//     consent; a patch without sms_consent is not checked against the phone.
//   - A null member is an absent one: a patch cannot clear a consent.
//   - A refused member is treated as absent, so with errors the State and
//     Effects are those of the rest of the request: on create the refused
//     field reads never_subscribed and counts as defaulted, on update it
//     keeps its current value; no effect comes from it.
package consent

import (
	"strings"

	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/phone"
)

// An Email is an email consent value. The zero value is none of them:
// every contact has an email consent (never_subscribed by default).
type Email string

// The email consent values the API knows.
const (
	EmailSubscribed      Email = "subscribed"
	EmailUnsubscribed    Email = "unsubscribed"
	EmailNeverSubscribed Email = "never_subscribed"
	// EmailSuppressed is set by the merchant; writing any email consent
	// lifts it first (see Effects.EmailUnsuppressed).
	EmailSuppressed Email = "suppressed"
	// EmailComplianceSuppressed is set by the system and read-only: no
	// client may write it, nor change the consent of a contact that has it.
	EmailComplianceSuppressed Email = "compliance_suppressed"
)

// An SMS is an SMS consent value. The zero value is none of them: every
// contact has an SMS consent (never_subscribed by default).
type SMS string

// The SMS consent values the API knows.
const (
	SMSSubscribed      SMS = "subscribed"
	SMSUnsubscribed    SMS = "unsubscribed"
	SMSNeverSubscribed SMS = "never_subscribed"
	// SMSSingleOptIn is consent without the confirmation step; it sends no
	// welcome SMS.
	SMSSingleOptIn SMS = "single_opt_in"
	// SMSPending is set by the system while a double opt-in awaits
	// confirmation; it is read-only.
	SMSPending SMS = "pending"
)

// Options is the consent part of a deployment's policy. The zero value is
// the contract's default policy.
type Options struct {
	// SMSRegions are the regions whose phone numbers may opt in to SMS;
	// the zero value means phone.DefaultSMSRegions() (US, CA).
	SMSRegions phone.Regions
	// AcceptLegacy accepts "non_subscribed", the older API versions' word
	// for never_subscribed, in both consent fields.
	AcceptLegacy bool
}

// ruleEnum is the FieldError.Rule of a value a field does not accept.
const ruleEnum = "enum"

// legacyNeverSubscribed is what older API versions called never_subscribed.
const legacyNeverSubscribed = "non_subscribed"

// A term is one word a client may send for a consent field, or one value
// the system sets.
type term struct {
	word     string // as in JSON
	means    string // the value it stands for
	writable bool   // a client may send it (legacy words only with Options.AcceptLegacy)
	legacy   bool
}

// A vocabulary is the words of one consent field, in the order of the
// enum message.
type vocabulary struct {
	field     string   // JSON name of the payload member
	byDefault string   // the value of a member absent on create
	defaulted Defaults // its bit in Effects.DefaultsApplied
	terms     []term
}

func value(s string) term    { return term{word: s, means: s, writable: true} }
func readOnly(s string) term { return term{word: s, means: s} }
func legacy(word, means string) term {
	return term{word: word, means: means, writable: true, legacy: true}
}

// The vocabularies of docs/consent.md: enums, read-only values, defaults
// and the legacy word.
var (
	emailWords = vocabulary{"email_consent", string(EmailNeverSubscribed), DefaultedEmail, []term{
		value(string(EmailSubscribed)),
		value(string(EmailUnsubscribed)),
		value(string(EmailNeverSubscribed)),
		value(string(EmailSuppressed)),
		readOnly(string(EmailComplianceSuppressed)),
		legacy(legacyNeverSubscribed, string(EmailNeverSubscribed)),
	}}
	smsWords = vocabulary{"sms_consent", string(SMSNeverSubscribed), DefaultedSMS, []term{
		value(string(SMSSubscribed)),
		value(string(SMSUnsubscribed)),
		value(string(SMSNeverSubscribed)),
		value(string(SMSSingleOptIn)),
		readOnly(string(SMSPending)),
		legacy(legacyNeverSubscribed, string(SMSNeverSubscribed)),
	}}
)

// fields are the consent fields in the order of the contract's rows, which is
// the order of errors and of Defaults.Names.
var fields = [...]*vocabulary{&emailWords, &smsWords}

// parse returns the value s stands for, or the field's enum error.
// Read-only values get the enum message too (docs/create.md): to a
// client they are as unwritable as a typo.
func (v vocabulary) parse(s string, o Options) (string, error) {
	if j := v.find(s, o.AcceptLegacy); j >= 0 {
		return v.terms[j].means, nil
	}
	return "", v.enumError()
}

// find returns the index of the term a client may send as s (legacy
// words too when legacy is set), or -1.
func (v *vocabulary) find(s string, legacy bool) int {
	for j, t := range v.terms {
		if t.word == s && t.writable && (!t.legacy || legacy) {
			return j
		}
	}
	return -1
}

// writable reports whether s is a current (non-legacy) value a client
// may write.
func (v vocabulary) writable(s string) bool {
	for _, t := range v.terms {
		if t.word == s {
			return t.writable && !t.legacy
		}
	}
	return false
}

// enumError lists the writable values, so the message cannot drift from
// the vocabulary; the legacy word stays unadvertised.
func (v vocabulary) enumError() errs.FieldError {
	var b strings.Builder
	b.WriteString("must be one of: ")
	n := 0
	for _, t := range v.terms {
		if t.writable && !t.legacy {
			if n > 0 {
				b.WriteString(", ")
			}
			b.WriteString(t.word)
			n++
		}
	}
	return errs.FieldError{Field: v.field, Message: b.String(), Rule: ruleEnum}
}

// Writable reports whether a client may send e: false for the read-only
// EmailComplianceSuppressed and for anything that is not an email consent
// value.
func (e Email) Writable() bool { return emailWords.writable(string(e)) }

// Writable reports whether a client may send s: false for the read-only
// SMSPending and for anything that is not an SMS consent value.
func (s SMS) Writable() bool { return smsWords.writable(string(s)) }

// ParseEmail returns the email consent a client's email_consent value s
// stands for. Only writable values parse, exactly as spelled (no case
// folding, no trimming); with o.AcceptLegacy, "non_subscribed" parses as
// EmailNeverSubscribed. Otherwise the error is an [errs.FieldError] for
// "email_consent" with rule "enum" and the contract's message, which never
// contains s.
func ParseEmail(s string, o Options) (Email, error) {
	v, err := emailWords.parse(s, o)
	return Email(v), err
}

// ParseSMS is [ParseEmail] for sms_consent: it returns the SMS consent s
// stands for, or an [errs.FieldError] for "sms_consent" with rule "enum".
func ParseSMS(s string, o Options) (SMS, error) {
	v, err := smsWords.parse(s, o)
	return SMS(v), err
}
