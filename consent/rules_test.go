package consent

import (
	"reflect"
	"slices"
	"testing"

	"github.com/contactrules/contactrules/phone"
)

// Rules must list exactly the contract's consent refusals (field and
// refusal) and effects, each row being one or the other.
func TestRulesListing(t *testing.T) {
	type refusal struct {
		field string
		r     Refusal
	}
	wantRefusals := []refusal{
		{"email_consent", RefuseComplianceSuppressed},
		{"email_consent", RefuseEmailValue},
		{"sms_consent", RefuseSMSValue},
		{"sms_consent", RefuseUnsupportedCountry},
		{"sms_consent", RefuseUnsubscribeOnCreate},
	}
	type effect struct{ field, on, effect string }
	wantEffects := []effect{
		{"email_consent", "create", "defaults_applied"},
		{"email_consent", "update", "email_unsuppressed"},
		{"sms_consent", "create", "defaults_applied"},
		{"sms_consent", "create, update", "welcome_sms"},
	}
	var refusals []refusal
	var effects []effect
	for _, r := range Rules() {
		if (r.Refusal == 0) == (r.Effect == "") || r.Refusal != 0 && r.Refusal.Field() != r.Field {
			t.Errorf("rule %+v: want a refusal of its field, or an effect", r)
		}
		if r.On == "" || r.Current == "" || r.Requested == "" {
			t.Errorf("rule %+v: On, Current and Requested must be described", r)
		}
		if r.Refusal != 0 {
			refusals = append(refusals, refusal{r.Field, r.Refusal})
		} else {
			effects = append(effects, effect{r.Field, r.On, r.Effect})
		}
	}
	if !reflect.DeepEqual(refusals, wantRefusals) {
		t.Errorf("refusals =\n%v\nwant\n%v", refusals, wantRefusals)
	}
	if !reflect.DeepEqual(effects, wantEffects) {
		t.Errorf("effects =\n%q\nwant\n%q", effects, wantEffects)
	}
}

// The words of Rules are what a README table shows; check the rows a
// reader relies on most read as meant.
func TestRulesWording(t *testing.T) {
	rules := Rules()
	tests := []struct {
		row  int
		want Rule
	}{
		{0, Rule{Field: "email_consent", On: "update", Current: "compliance_suppressed", Requested: "any value", Refusal: RefuseComplianceSuppressed}},
		{1, Rule{Field: "email_consent", On: "create, update", Current: "any", Requested: "(not a writable value)", Refusal: RefuseEmailValue}},
		{2, Rule{Field: "email_consent", On: "create", Current: "any", Requested: "(absent or null)", Effect: "defaults_applied"}},
		{5, Rule{Field: "sms_consent", On: "create, update", Current: "any", Requested: "subscribed or single_opt_in",
			When: "phone number missing or not from a supported SMS region", Refusal: RefuseUnsupportedCountry}},
		{8, Rule{Field: "sms_consent", On: "create, update", Current: "not subscribed", Requested: "subscribed",
			When: "send_welcome_sms is not false", Effect: "welcome_sms"}},
	}
	for _, tt := range tests {
		if tt.row >= len(rules) {
			t.Fatalf("Rules() has %d rows, want at least %d", len(rules), tt.row+1)
		}
		if rules[tt.row] != tt.want {
			t.Errorf("Rules()[%d] = %+v, want %+v", tt.row, rules[tt.row], tt.want)
		}
	}
}

// Rules hands out copies: a caller cannot change the table.
func TestRulesIsACopy(t *testing.T) {
	Rules()[0].Field = "changed"
	if Rules()[0].Field == "changed" {
		t.Error("Rules shares its rows with the caller")
	}
}

// Over every combination of operation, current consent, requested values
// (absent, each word, junk), phone, welcome switch and legacy switch, the
// outcome keeps the promises of the API docs.
func TestDecideInvariants(t *testing.T) {
	words := []string{"subscribed", "unsubscribed", "never_subscribed", "suppressed", "single_opt_in",
		"compliance_suppressed", "pending", "non_subscribed", "", "SUBSCRIBED", "+12015550123"}
	requests := []Field{{}}
	for _, w := range words {
		requests = append(requests, member(w))
	}
	emails := []Email{EmailSubscribed, EmailUnsubscribed, EmailNeverSubscribed, EmailSuppressed, EmailComplianceSuppressed}
	smss := []SMS{SMSSubscribed, SMSUnsubscribed, SMSNeverSubscribed, SMSSingleOptIn, SMSPending}
	us, err := phone.Parse(usPhone)
	if err != nil {
		t.Fatal(err)
	}
	jm, err := phone.Parse(jmPhone)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, create := range []bool{true, false} {
		for _, ce := range emails {
			for _, cs := range smss {
				for _, re := range requests {
					for _, rs := range requests {
						for _, ph := range []phone.Number{{}, us, jm} {
							for _, noWel := range []bool{false, true} {
								for _, o := range []Options{{}, legacyOn} {
									r := Request{Email: re, SMS: rs, NoWelcomeSMS: noWel, Phone: ph}
									cur := State{ce, cs}
									var st State
									var eff Effects
									var fe []Refusal
									if create {
										st, eff, fe = Create(r, o)
										cur = never
									} else {
										st, eff, fe = Update(cur, r, o)
									}
									checkInvariants(t, create, cur, r, o, st, eff, fe)
									if t.Failed() {
										t.FailNow() // one combination is enough to read
									}
									n++
								}
							}
						}
					}
				}
			}
			if create {
				break // create has no current consent
			}
		}
	}
	t.Logf("%d combinations", n)
}

func checkInvariants(t *testing.T, create bool, cur State, r Request, o Options, st State, eff Effects, fe []Refusal) {
	t.Helper()
	fail := func(what string) {
		t.Helper()
		t.Errorf("create=%v current=%+v request=%+v legacy=%v: %s (state %+v, effects %+v, errors %+v)",
			create, cur, r, o.AcceptLegacy, what, st, eff, fe)
	}
	refused := map[string]bool{}
	for i, rf := range fe {
		field := rf.Field()
		if field == "" {
			fail("a refusal that is none")
		}
		if refused[field] {
			fail("two errors for one field")
		}
		refused[field] = true
		if i > 0 && field == "email_consent" {
			fail("email_consent error after sms_consent")
		}
	}
	if fe != nil && len(fe) == 0 {
		fail("empty non-nil error slice")
	}
	// Each field: the parsed value when accepted, else as before (the
	// default on create).
	wantEmail, wantSMS := cur.Email, cur.SMS
	if e, err := ParseEmail(r.Email.Value, o); r.Email.Set && err == nil && !refused["email_consent"] {
		wantEmail = e
	}
	if s, err := ParseSMS(r.SMS.Value, o); r.SMS.Set && err == nil && !refused["sms_consent"] {
		wantSMS = s
	}
	if st != (State{wantEmail, wantSMS}) {
		fail("state is not the accepted request over the current consent")
	}
	if refused["email_consent"] != (r.Email.Set && (!create && cur.Email == EmailComplianceSuppressed || !emailOK(r.Email.Value, o))) {
		fail("email_consent refused when it should not be, or not refused")
	}
	optedIn := r.SMS.Set && !refused["sms_consent"] && slices.Contains([]SMS{SMSSubscribed, SMSSingleOptIn}, st.SMS)
	if optedIn && !o.smsOK(r.Phone) {
		fail("SMS opt-in accepted without a supported phone")
	}
	if create && st.SMS == SMSUnsubscribed {
		fail("new contact unsubscribed from SMS")
	}
	if eff.WelcomeSMS != (r.SMS.Set && !r.NoWelcomeSMS && st.SMS == SMSSubscribed && (create || cur.SMS != SMSSubscribed)) {
		fail("welcome SMS when it should not be, or none when it should")
	}
	if eff.EmailUnsuppressed != (!create && cur.Email == EmailSuppressed && r.Email.Set && !refused["email_consent"]) {
		fail("unsuppressed wrongly")
	}
	wantDefaults := Defaults(0)
	if create && (!r.Email.Set || refused["email_consent"]) {
		wantDefaults |= DefaultedEmail
	}
	if create && (!r.SMS.Set || refused["sms_consent"]) {
		wantDefaults |= DefaultedSMS
	}
	if eff.DefaultsApplied != wantDefaults {
		fail("defaults applied wrongly")
	}
}

func emailOK(s string, o Options) bool {
	_, err := ParseEmail(s, o)
	return err == nil
}
