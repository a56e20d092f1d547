package consent

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/contactrules/contactrules/internal/op"
	"github.com/contactrules/contactrules/phone"
)

// Phone numbers by region, each valid per libphonenumber.
const (
	usPhone = "+12015550123"  // US: SMS by default
	caPhone = "+15062345678"  // CA: SMS by default
	jmPhone = "+18765230123"  // JM: +1 but not the US or Canada
	gbPhone = "+447400123456" // GB
)

var (
	emailEnumErr  = RefuseEmailValue
	smsEnumErr    = RefuseSMSValue
	complianceErr = RefuseComplianceSuppressed
	countryErr    = RefuseUnsupportedCountry
	noUnsubErr    = RefuseUnsubscribeOnCreate
)

func member(v string) Field { return Field{Value: v, Set: true} }

func state(email Email, sms SMS) State { return State{Email: email, SMS: sms} }

// A decideCase is one rule of docs/create.md, docs/update.md and docs/consent.md at work.
type decideCase struct {
	name    string
	on      op.Op // op.Create or op.Update
	current State // update only
	email   Field
	sms     Field
	noWel   bool   // send_welcome_sms was false
	phone   string // E.164, "" for none
	o       Options
	want    State
	eff     Effects
	errs    []Refusal
}

var (
	never       = state(EmailNeverSubscribed, SMSNeverSubscribed)
	bothDefault = Effects{DefaultsApplied: DefaultedEmail | DefaultedSMS}
	welcomed    = Effects{WelcomeSMS: true}
	unsuppr     = Effects{EmailUnsuppressed: true}
	gbOnly      = Options{SMSRegions: mustRegions("GB")}
)

var decideCases = []decideCase{
	// §4 defaults on create
	{name: "create: absent consents default to never_subscribed", on: op.Create,
		want: never, eff: bothDefault},
	{name: "create: email set, sms defaulted", on: op.Create, email: member("subscribed"),
		want: state(EmailSubscribed, SMSNeverSubscribed), eff: Effects{DefaultsApplied: DefaultedSMS}},
	{name: "create: sms set, email defaulted", on: op.Create, sms: member("never_subscribed"),
		want: never, eff: Effects{DefaultsApplied: DefaultedEmail}},
	{name: "create: explicit never_subscribed is not a default", on: op.Create, email: member("never_subscribed"), sms: member("never_subscribed"),
		want: never},
	{name: "create: merchant may create a suppressed contact, nothing to unsuppress", on: op.Create, email: member("suppressed"),
		want: state(EmailSuppressed, SMSNeverSubscribed), eff: Effects{DefaultsApplied: DefaultedSMS}},
	{name: "update: absent consents leave the contact as it is", on: op.Update, current: state(EmailSubscribed, SMSSingleOptIn),
		want: state(EmailSubscribed, SMSSingleOptIn)},

	// §2 enums and read-only values; a refused member is treated as absent
	{name: "create: unknown email consent", on: op.Create, email: member("opted_in"),
		want: never, eff: bothDefault, errs: []Refusal{emailEnumErr}},
	{name: "create: compliance_suppressed is read-only", on: op.Create, email: member("compliance_suppressed"),
		want: never, eff: bothDefault, errs: []Refusal{emailEnumErr}},
	{name: "create: pending is read-only", on: op.Create, sms: member("pending"), phone: usPhone,
		want: never, eff: bothDefault, errs: []Refusal{smsEnumErr}},
	{name: "update: compliance_suppressed is read-only", on: op.Update, current: state(EmailSubscribed, SMSSubscribed), email: member("compliance_suppressed"),
		want: state(EmailSubscribed, SMSSubscribed), errs: []Refusal{emailEnumErr}},
	{name: "update: pending is read-only", on: op.Update, current: state(EmailSubscribed, SMSNeverSubscribed), sms: member("pending"), phone: usPhone,
		want: state(EmailSubscribed, SMSNeverSubscribed), errs: []Refusal{smsEnumErr}},
	{name: "create: both refused, email first", on: op.Create, email: member("pending"), sms: member("suppressed"),
		want: never, eff: bothDefault, errs: []Refusal{emailEnumErr, smsEnumErr}},

	// §2, §3 SMS opt-in needs a supported-country phone number
	{name: "create: subscribed without a phone", on: op.Create, sms: member("subscribed"),
		want: never, eff: bothDefault, errs: []Refusal{countryErr}},
	{name: "create: single_opt_in without a phone", on: op.Create, sms: member("single_opt_in"),
		want: never, eff: bothDefault, errs: []Refusal{countryErr}},
	{name: "create: subscribed with a Jamaican (+1 876) phone", on: op.Create, sms: member("subscribed"), phone: jmPhone,
		want: never, eff: bothDefault, errs: []Refusal{countryErr}},
	{name: "create: single_opt_in with a UK phone", on: op.Create, sms: member("single_opt_in"), phone: gbPhone,
		want: never, eff: bothDefault, errs: []Refusal{countryErr}},
	{name: "create: subscribed with a US phone", on: op.Create, sms: member("subscribed"), phone: usPhone,
		want: state(EmailNeverSubscribed, SMSSubscribed), eff: Effects{WelcomeSMS: true, DefaultsApplied: DefaultedEmail}},
	{name: "create: single_opt_in with a Canadian phone", on: op.Create, sms: member("single_opt_in"), phone: caPhone,
		want: state(EmailNeverSubscribed, SMSSingleOptIn), eff: Effects{DefaultsApplied: DefaultedEmail}},
	{name: "create: never_subscribed needs no phone", on: op.Create, email: member("subscribed"), sms: member("never_subscribed"),
		want: state(EmailSubscribed, SMSNeverSubscribed)},
	{name: "create: policy regions GB: UK phone accepted", on: op.Create, sms: member("subscribed"), phone: gbPhone, o: gbOnly,
		want: state(EmailNeverSubscribed, SMSSubscribed), eff: Effects{WelcomeSMS: true, DefaultsApplied: DefaultedEmail}},
	{name: "create: policy regions GB: US phone refused", on: op.Create, sms: member("subscribed"), phone: usPhone, o: gbOnly,
		want: never, eff: bothDefault, errs: []Refusal{countryErr}},
	{name: "update: subscribed with the contact's US phone", on: op.Update, current: state(EmailSubscribed, SMSNeverSubscribed), sms: member("subscribed"), phone: usPhone,
		want: state(EmailSubscribed, SMSSubscribed), eff: welcomed},
	{name: "update: single_opt_in with the contact's Canadian phone", on: op.Update, current: state(EmailSubscribed, SMSUnsubscribed), sms: member("single_opt_in"), phone: caPhone,
		want: state(EmailSubscribed, SMSSingleOptIn)},
	{name: "update: subscribed, contact has no phone", on: op.Update, current: state(EmailSubscribed, SMSNeverSubscribed), sms: member("subscribed"),
		want: state(EmailSubscribed, SMSNeverSubscribed), errs: []Refusal{countryErr}},
	{name: "update: single_opt_in, contact has a Jamaican phone", on: op.Update, current: state(EmailSubscribed, SMSUnsubscribed), sms: member("single_opt_in"), phone: jmPhone,
		want: state(EmailSubscribed, SMSUnsubscribed), errs: []Refusal{countryErr}},
	{name: "update: re-subscribing still needs a supported phone", on: op.Update, current: state(EmailSubscribed, SMSSubscribed), sms: member("subscribed"), phone: gbPhone,
		want: state(EmailSubscribed, SMSSubscribed), errs: []Refusal{countryErr}},
	{name: "update: unsubscribed needs no phone", on: op.Update, current: state(EmailSubscribed, SMSSubscribed), sms: member("unsubscribed"),
		want: state(EmailSubscribed, SMSUnsubscribed)},

	// §2, §3 SMS unsubscribed: refused on create, allowed on update
	{name: "create: sms unsubscribed refused", on: op.Create, sms: member("unsubscribed"), phone: usPhone,
		want: never, eff: bothDefault, errs: []Refusal{noUnsubErr}},
	{name: "create: email unsubscribed allowed", on: op.Create, email: member("unsubscribed"),
		want: state(EmailUnsubscribed, SMSNeverSubscribed), eff: Effects{DefaultsApplied: DefaultedSMS}},
	{name: "update: sms unsubscribed allowed", on: op.Update, current: state(EmailNeverSubscribed, SMSSubscribed), sms: member("unsubscribed"), phone: usPhone,
		want: state(EmailNeverSubscribed, SMSUnsubscribed)},

	// §3 compliance suppression
	{name: "update: email write to a compliance-suppressed contact", on: op.Update, current: state(EmailComplianceSuppressed, SMSNeverSubscribed), email: member("subscribed"),
		want: state(EmailComplianceSuppressed, SMSNeverSubscribed), errs: []Refusal{complianceErr}},
	{name: "update: same value is still a write", on: op.Update, current: state(EmailComplianceSuppressed, SMSNeverSubscribed), email: member("unsubscribed"),
		want: state(EmailComplianceSuppressed, SMSNeverSubscribed), errs: []Refusal{complianceErr}},
	{name: "update: unknown value on a compliance-suppressed contact gets the compliance message", on: op.Update, current: state(EmailComplianceSuppressed, SMSNeverSubscribed), email: member("opted_in"),
		want: state(EmailComplianceSuppressed, SMSNeverSubscribed), errs: []Refusal{complianceErr}},
	{name: "update: compliance_suppressed on a compliance-suppressed contact", on: op.Update, current: state(EmailComplianceSuppressed, SMSNeverSubscribed), email: member("compliance_suppressed"),
		want: state(EmailComplianceSuppressed, SMSNeverSubscribed), errs: []Refusal{complianceErr}},
	{name: "update: compliance-suppressed contact may change SMS", on: op.Update, current: state(EmailComplianceSuppressed, SMSNeverSubscribed), sms: member("subscribed"), phone: caPhone,
		want: state(EmailComplianceSuppressed, SMSSubscribed), eff: welcomed},
	{name: "update: compliance and SMS errors, email first", on: op.Update, current: state(EmailComplianceSuppressed, SMSSubscribed), email: member("subscribed"), sms: member("pending"),
		want: state(EmailComplianceSuppressed, SMSSubscribed), errs: []Refusal{complianceErr, smsEnumErr}},

	// §4 unsuppress first
	{name: "update: email write unsuppresses a suppressed contact", on: op.Update, current: state(EmailSuppressed, SMSNeverSubscribed), email: member("subscribed"),
		want: state(EmailSubscribed, SMSNeverSubscribed), eff: unsuppr},
	{name: "update: writing suppressed to a suppressed contact still unsuppresses first", on: op.Update, current: state(EmailSuppressed, SMSNeverSubscribed), email: member("suppressed"),
		want: state(EmailSuppressed, SMSNeverSubscribed), eff: unsuppr},
	{name: "update: refused email write does not unsuppress", on: op.Update, current: state(EmailSuppressed, SMSNeverSubscribed), email: member("compliance_suppressed"),
		want: state(EmailSuppressed, SMSNeverSubscribed), errs: []Refusal{emailEnumErr}},
	{name: "update: no email write, no unsuppress", on: op.Update, current: state(EmailSuppressed, SMSNeverSubscribed), sms: member("unsubscribed"),
		want: state(EmailSuppressed, SMSUnsubscribed)},
	{name: "update: write to an unsubscribed contact unsuppresses nothing", on: op.Update, current: state(EmailUnsubscribed, SMSNeverSubscribed), email: member("subscribed"),
		want: state(EmailSubscribed, SMSNeverSubscribed)},

	// §4 welcome SMS
	{name: "create: subscribed without send_welcome_sms false: welcome", on: op.Create, sms: member("subscribed"), phone: caPhone,
		want: state(EmailNeverSubscribed, SMSSubscribed), eff: Effects{WelcomeSMS: true, DefaultsApplied: DefaultedEmail}},
	{name: "create: send_welcome_sms false: no welcome", on: op.Create, sms: member("subscribed"), phone: usPhone, noWel: true,
		want: state(EmailNeverSubscribed, SMSSubscribed), eff: Effects{DefaultsApplied: DefaultedEmail}},
	{name: "create: single_opt_in sends none", on: op.Create, email: member("subscribed"), sms: member("single_opt_in"), phone: usPhone,
		want: state(EmailSubscribed, SMSSingleOptIn)},
	{name: "update: pending -> subscribed: welcome", on: op.Update, current: state(EmailSubscribed, SMSPending), sms: member("subscribed"), phone: usPhone,
		want: state(EmailSubscribed, SMSSubscribed), eff: welcomed},
	{name: "update: single_opt_in -> subscribed: welcome", on: op.Update, current: state(EmailSubscribed, SMSSingleOptIn), sms: member("subscribed"), phone: usPhone,
		want: state(EmailSubscribed, SMSSubscribed), eff: welcomed},
	{name: "update: unsubscribed -> subscribed: welcome", on: op.Update, current: state(EmailSubscribed, SMSUnsubscribed), sms: member("subscribed"), phone: usPhone,
		want: state(EmailSubscribed, SMSSubscribed), eff: welcomed},
	{name: "update: already subscribed: no welcome", on: op.Update, current: state(EmailSubscribed, SMSSubscribed), sms: member("subscribed"), phone: usPhone,
		want: state(EmailSubscribed, SMSSubscribed)},
	{name: "update: pending -> subscribed, send_welcome_sms false: no welcome", on: op.Update, current: state(EmailSubscribed, SMSPending), sms: member("subscribed"), phone: usPhone, noWel: true,
		want: state(EmailSubscribed, SMSSubscribed)},
	{name: "update: -> single_opt_in sends none", on: op.Update, current: state(EmailSubscribed, SMSNeverSubscribed), sms: member("single_opt_in"), phone: usPhone,
		want: state(EmailSubscribed, SMSSingleOptIn)},
	{name: "update: send_welcome_sms alone changes nothing", on: op.Update, current: state(EmailSubscribed, SMSPending), phone: usPhone,
		want: state(EmailSubscribed, SMSPending)},

	// §4 legacy vocabulary
	{name: "create: legacy non_subscribed refused by default", on: op.Create, email: member("non_subscribed"), sms: member("non_subscribed"),
		want: never, eff: bothDefault, errs: []Refusal{emailEnumErr, smsEnumErr}},
	{name: "create: legacy non_subscribed accepted with AcceptLegacy", on: op.Create, email: member("non_subscribed"), sms: member("non_subscribed"), o: legacyOn,
		want: never},
	{name: "update: legacy non_subscribed accepted with AcceptLegacy", on: op.Update, current: state(EmailSubscribed, SMSSubscribed), email: member("non_subscribed"), sms: member("non_subscribed"), o: legacyOn,
		want: never},
}

func (c decideCase) request(t *testing.T) Request {
	t.Helper()
	r := Request{Email: c.email, SMS: c.sms, NoWelcomeSMS: c.noWel}
	if c.phone != "" {
		n, err := phone.Parse(c.phone)
		if err != nil {
			t.Fatalf("phone.Parse(%q): %v", c.phone, err)
		}
		r.Phone = n
	}
	return r
}

func (c decideCase) run(t *testing.T) (State, Effects, []Refusal) {
	t.Helper()
	if c.on == op.Create {
		return Create(c.request(t), c.o)
	}
	return Update(c.current, c.request(t), c.o)
}

func TestDecide(t *testing.T) {
	for _, c := range decideCases {
		t.Run(c.name, func(t *testing.T) {
			st, eff, fe := c.run(t)
			if st != c.want {
				t.Errorf("state = %+v, want %+v", st, c.want)
			}
			if eff != c.eff {
				t.Errorf("effects = %+v, want %+v", eff, c.eff)
			}
			if !reflect.DeepEqual(fe, c.errs) { // nil when none, not empty
				t.Errorf("errors = %#v, want %#v", fe, c.errs)
			}
		})
	}
}

// Every row of the rules table must be at work in some case of
// decideCases, so that a rule added to the table without a test fails.
func TestEveryRuleIsTested(t *testing.T) {
	used := make([]bool, len(table))
	for _, c := range decideCases {
		current := c.current
		if c.on == op.Create {
			current = State{Email: none, SMS: none}
		}
		req := c.request(t)
		st, eff, fe := decide(c.on, current, &req, &c.o, func(i int) { used[i] = true })
		// decide with a tracer must be what Create and Update do.
		st2, eff2, fe2 := c.run(t)
		if st != st2 || eff != eff2 || !reflect.DeepEqual(fe, fe2) {
			t.Errorf("%s: decide and the public API disagree", c.name)
		}
	}
	rules := Rules()
	for i, u := range used {
		if !u {
			t.Errorf("rule %d (%+v) is used by no test case", i, rules[i])
		}
	}
}

func mustRegions(codes ...string) phone.Regions {
	r, err := phone.NewRegions(codes...)
	if err != nil {
		panic(err)
	}
	return r
}

func TestEffectsJSON(t *testing.T) {
	tests := []struct {
		eff  Effects
		json string
	}{
		{Effects{}, `{"welcome_sms":false,"email_unsuppressed":false,"defaults_applied":[]}`},
		{Effects{WelcomeSMS: true, DefaultsApplied: DefaultedEmail},
			`{"welcome_sms":true,"email_unsuppressed":false,"defaults_applied":["email_consent"]}`},
		{Effects{EmailUnsuppressed: true}, `{"welcome_sms":false,"email_unsuppressed":true,"defaults_applied":[]}`},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.eff)
		if err != nil || string(b) != tt.json {
			t.Errorf("json.Marshal(%+v) = %s, %v; want %s", tt.eff, b, err, tt.json)
		}
		var back Effects
		if err := json.Unmarshal(b, &back); err != nil || back != tt.eff {
			t.Errorf("round trip of %s = %+v, %v", b, back, err)
		}
	}
}

// TestLookupIsTheTable checks that every outcome looked up by index is
// the one the table gives when it is scanned: for every word a member
// may hold (absent, each term, a word of no term), with and without
// legacy words, on every current consent (and one of no vocabulary).
func TestLookupIsTheTable(t *testing.T) {
	m := memo()
	for i, f := range fields {
		reqs := []Field{{}, {Value: "garbage", Set: true}}
		for _, term := range f.terms {
			reqs = append(reqs, Field{Value: term.word, Set: true})
		}
		for _, o := range []Options{{}, {AcceptLegacy: true}} {
			for _, on := range []op.Op{op.Create, op.Update} {
				for _, cur := range append(m.tokens[i], "garbage") {
					for _, req := range reqs {
						for k := range 4 {
							in := input{on: on, current: cur, requested: f.token(req, o), phoneOK: k&1 != 0, welcome: k&2 != 0}
							if on == op.Create {
								in.current = none
							}
							key, ok := m.key(i, on, cur, req, o.AcceptLegacy, in.phoneOK, in.welcome)
							want := evaluate(f, in, nil)
							if ok && m.byKey[i][key] != want || !ok && (cur != "garbage" || on == op.Create) {
								t.Errorf("%s %+v: lookup %+v (%v), table %+v", f.field, in, m.byKey[i][key], ok, want)
							}
						}
					}
				}
			}
		}
	}
}
