package fuzz

import (
	"fmt"
	"math/rand"
	"slices"
	"testing"

	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/phone"
	"github.com/leanovate/gopter/prop"
)

// A consentCase is one call of consent.Create (current is nil) or
// consent.Update.
type consentCase struct {
	current *consent.State
	req     consent.Request
	opts    consent.Options
	sms     []string // opts' SMS regions
}

func (c consentCase) String() string {
	cur := "create"
	if c.current != nil {
		cur = fmt.Sprintf("update from %+v", *c.current)
	}
	return fmt.Sprintf("%s: email %+v sms %+v no-welcome=%v phone=%v legacy=%v sms-regions=%v",
		cur, c.req.Email, c.req.SMS, c.req.NoWelcomeSMS, c.req.Phone, c.opts.AcceptLegacy, c.sms)
}

// consentWords are what a client may send for either consent field: every
// value of both, the read-only ones, the legacy word, near misses.
var consentWords = []string{"subscribed", "unsubscribed", "never_subscribed", "suppressed", "single_opt_in",
	"compliance_suppressed", "pending", "non_subscribed", "", "Subscribed", "pending ", "opted_in"}

func genConsentCase(r *rand.Rand) consentCase {
	var c consentCase
	if r.Intn(4) != 0 {
		c.current = &consent.State{Email: pick(r, storedEmail[1:]), SMS: pick(r, storedSMS[1:])}
	}
	field := func() consent.Field {
		if r.Intn(4) == 0 {
			return consent.Field{}
		}
		return consent.Field{Value: pick(r, consentWords), Set: true}
	}
	c.req.Email, c.req.SMS = field(), field()
	c.req.NoWelcomeSMS = r.Intn(3) == 0
	if r.Intn(5) != 0 {
		if n, err := phone.Parse(pickNumber(r).e164); err == nil {
			c.req.Phone = n
		}
	}
	c.opts.AcceptLegacy = r.Intn(3) == 0
	c.sms = []string{"CA", "US"}
	if r.Intn(3) == 0 {
		c.sms = []string{pick(r, pool().regions), pick(r, pool().regions)}
		c.opts.SMSRegions, _ = phone.NewRegions(c.sms...)
	}
	return c
}

func (c consentCase) run() (consent.State, consent.Effects, []consent.Refusal) {
	if c.current == nil {
		return consent.Create(c.req, c.opts)
	}
	return consent.Update(*c.current, c.req, c.opts)
}

// before is the consent the contact had: none on create.
func (c consentCase) before() consent.State {
	if c.current == nil {
		return consent.State{}
	}
	return *c.current
}

func refused(es []consent.Refusal, field string) bool {
	return slices.ContainsFunc(es, func(r consent.Refusal) bool { return r.Field() == field })
}

func TestConsentProperties(t *testing.T) {
	props := properties()
	props.Property("no update or create ends with a read-only value the client wrote; writing one is refused",
		prop.ForAll(func(c consentCase) string {
			st, _, es := c.run()
			before := c.before()
			switch {
			case st.Email == consent.EmailComplianceSuppressed && before.Email != consent.EmailComplianceSuppressed:
				return "the contact became compliance_suppressed"
			case st.SMS == consent.SMSPending && before.SMS != consent.SMSPending:
				return "the contact became pending"
			case c.req.Email.Set && c.req.Email.Value == "compliance_suppressed" && !refused(es, "email_consent"):
				return "writing compliance_suppressed is not refused"
			case c.req.SMS.Set && c.req.SMS.Value == "pending" && !refused(es, "sms_consent"):
				return "writing pending is not refused"
			case before.Email == consent.EmailComplianceSuppressed && st.Email != before.Email:
				return "a compliance-suppressed contact's email consent changed"
			}
			return ""
		}, from(genConsentCase)))
	props.Property("a welcome SMS is sent exactly when SMS consent becomes subscribed and send_welcome_sms is not false",
		prop.ForAll(func(c consentCase) string {
			st, eff, es := c.run()
			became := st.SMS == consent.SMSSubscribed && c.before().SMS != consent.SMSSubscribed
			if want := became && !c.req.NoWelcomeSMS; eff.WelcomeSMS != want {
				return fmt.Sprintf("welcome_sms = %v, want %v (SMS %q -> %q)", eff.WelcomeSMS, want, c.before().SMS, st.SMS)
			}
			if became && (refused(es, "sms_consent") || c.req.SMS.Value != "subscribed" || !slices.Contains(c.sms, c.req.Phone.Region())) {
				return "SMS consent became subscribed without an accepted request from a supported number"
			}
			return ""
		}, from(genConsentCase)))
	props.Property("the consent after is the value sent when accepted, else the one before (never_subscribed on create), and errors come email first, one a field",
		prop.ForAll(func(c consentCase) string {
			st, eff, es := c.run()
			before := c.before()
			emailWant, smsWant := string(before.Email), string(before.SMS)
			if c.current == nil {
				emailWant, smsWant = "never_subscribed", "never_subscribed"
			}
			if c.req.Email.Set && !refused(es, "email_consent") {
				emailWant = meaning(c.req.Email.Value)
			}
			if c.req.SMS.Set && !refused(es, "sms_consent") {
				smsWant = meaning(c.req.SMS.Value)
			}
			if string(st.Email) != emailWant || string(st.SMS) != smsWant {
				return fmt.Sprintf("state %+v, want email %q sms %q", st, emailWant, smsWant)
			}
			unsuppressed := c.current != nil && before.Email == consent.EmailSuppressed && c.req.Email.Set && !refused(es, "email_consent")
			if eff.EmailUnsuppressed != unsuppressed {
				return fmt.Sprintf("email_unsuppressed = %v, want %v", eff.EmailUnsuppressed, unsuppressed)
			}
			if len(es) > 2 || len(es) == 2 && (es[0].Field() != "email_consent" || es[1].Field() != "sms_consent") {
				return fmt.Sprintf("refusals out of order: %v", es)
			}
			return ""
		}, from(genConsentCase)))
	props.TestingRun(t)
}
