package consent

import (
	"strings"

	"github.com/contactrules/contactrules/internal/op"
)

// Tokens for what is not a consent value; they read as their own
// description in Rules. The parentheses keep them apart from any value:
// input only reaches the table after parsing.
const (
	absent  = "(absent or null)"
	invalid = "(not a writable value)"
	none    = "(new contact)" // the current consent on create
)

// A set matches tokens: the listed ones, or with not, all but those.
type set struct {
	tokens []string
	not    bool
	name   string // description, when the tokens would not read well
}

func is(tokens ...string) set  { return set{tokens: tokens} }
func not(tokens ...string) set { return set{tokens: tokens, not: true} }

var (
	anything = set{not: true, name: "any"}
	sent     = set{tokens: []string{absent}, not: true, name: "any value"}
)

func (s set) has(t string) bool {
	for _, x := range s.tokens {
		if x == t {
			return !s.not
		}
	}
	return s.not
}

func (s set) String() string {
	if s.name != "" {
		return s.name
	}
	list := strings.Join(s.tokens, " or ")
	if s.not {
		return "not " + list
	}
	return list
}

// cond is a condition on the rest of the request.
type cond uint8

const (
	always           cond = iota
	phoneUnsupported      // Request.Phone is not in the supported SMS regions
	welcomeWanted         // send_welcome_sms was not false
)

func (c cond) String() string {
	return [...]string{
		always:           "",
		phoneUnsupported: "phone number missing or not from a supported SMS region",
		welcomeWanted:    "send_welcome_sms is not false",
	}[c]
}

// effect is what a row that refuses nothing does.
type effect uint8

const (
	noEffect     effect = iota
	applyDefault        // the consent becomes never_subscribed; DefaultsApplied
	unsuppress          // EmailUnsuppressed
	welcome             // WelcomeSMS
)

// String returns the effect's JSON name (docs/consent.md).
func (e effect) String() string {
	return [...]string{
		noEffect:     "",
		applyDefault: "defaults_applied",
		unsuppress:   "email_unsuppressed",
		welcome:      "welcome_sms",
	}[e]
}

// A row is one consent rule: where it applies (field, operation, current
// consent, requested value, condition) and what it does — refuse with a
// message, or have an effect.
type row struct {
	field     *vocabulary
	on        op.Op
	current   set
	requested set
	when      cond
	refusal   Refusal // what the row refuses; 0 for an effect row
	effect    effect
}

// table is docs/create.md, docs/update.md and docs/consent.md, in the order of the contract's rows.
// For one field, the first refusal that applies wins (one detail per
// field); then every effect that applies happens.
var table = []row{
	// §3: any email_consent write to a compliance-suppressed contact is
	// refused — also a value that is not writable: no value could pass, so
	// the enum message would send the client to fix the wrong thing.
	{field: &emailWords, on: op.Update, current: is(string(EmailComplianceSuppressed)), requested: sent,
		refusal: RefuseComplianceSuppressed},
	// §2: one of the writable values; compliance_suppressed is read-only.
	{field: &emailWords, on: op.Both, current: anything, requested: is(invalid),
		refusal: RefuseEmailValue},
	// §4: absent on create means never_subscribed.
	{field: &emailWords, on: op.Create, current: anything, requested: is(absent),
		effect: applyDefault},
	// §4: writing any email consent to a merchant-suppressed contact first
	// unsuppresses it (writing "suppressed" included).
	{field: &emailWords, on: op.Update, current: is(string(EmailSuppressed)), requested: sent,
		effect: unsuppress},

	// §2: one of the writable values; pending is read-only.
	{field: &smsWords, on: op.Both, current: anything, requested: is(invalid),
		refusal: RefuseSMSValue},
	// §2, §3: opting in needs a phone number from a supported SMS region
	// (on update, the number the contact has after the patch).
	{field: &smsWords, on: op.Both, current: anything, requested: is(string(SMSSubscribed), string(SMSSingleOptIn)), when: phoneUnsupported,
		refusal: RefuseUnsupportedCountry},
	// §2: there is no consent to revoke on create; §3 allows it on update.
	{field: &smsWords, on: op.Create, current: anything, requested: is(string(SMSUnsubscribed)),
		refusal: RefuseUnsubscribeOnCreate},
	// §4: absent on create means never_subscribed.
	{field: &smsWords, on: op.Create, current: anything, requested: is(absent),
		effect: applyDefault},
	// §4: a welcome SMS when consent becomes subscribed from any other
	// state, create included; single_opt_in sends none.
	{field: &smsWords, on: op.Both, current: not(string(SMSSubscribed)), requested: is(string(SMSSubscribed)), when: welcomeWanted,
		effect: welcome},
}

// input is what a row is matched against, for one field.
type input struct {
	on        op.Op
	current   string // token
	requested string // token
	phoneOK   bool   // Request.Phone is in the supported SMS regions
	welcome   bool   // send_welcome_sms was not false
}

func (r *row) applies(f *vocabulary, in input) bool {
	return r.field == f && r.on&in.on != 0 &&
		r.current.has(in.current) && r.requested.has(in.requested) &&
		r.when.holds(in)
}

func (c cond) holds(in input) bool {
	switch c {
	case phoneUnsupported:
		return !in.phoneOK
	case welcomeWanted:
		return in.welcome
	}
	return true
}

// A Rule is one row of the consent rules table, in words, for
// documentation (the README's rules table is checked against it). A rule
// either refuses (Refusal set: the validate package's rule table says how
// the API reports it) or has an effect (Effect set).
//
// The words a field accepts (its enum, the read-only values, the legacy
// "non_subscribed") are described at [ParseEmail]; a value that does not
// parse is the requested value "(not a writable value)" here.
type Rule struct {
	Field     string  // JSON name: "email_consent" or "sms_consent"
	On        string  // "create", "update" or "create, update"
	Current   string  // the contact's consent it applies to, e.g. "any", "not subscribed"
	Requested string  // the value sent, e.g. "(absent or null)", "any value", "subscribed or single_opt_in"
	When      string  // a condition on the rest of the request, or ""
	Refusal   Refusal // what the rule refuses, or 0
	Effect    string  // JSON name of the effect: "defaults_applied", "email_unsuppressed", "welcome_sms"
}

// Rules returns the consent rules in the order they are evaluated: for
// one field, the first refusal that applies is reported and the member is
// then treated as absent; every effect that applies happens.
func Rules() []Rule {
	out := make([]Rule, len(table))
	for i, r := range table {
		out[i] = Rule{
			Field:     r.field.field,
			On:        r.on.String(),
			Current:   r.current.String(),
			Requested: r.requested.String(),
			When:      r.when.String(),
			Refusal:   r.refusal,
			Effect:    r.effect.String(),
		}
	}
	return out
}
