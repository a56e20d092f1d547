package validate_test

import (
	"net/url"
	"testing"

	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/validate"
)

// TestConsentCheckbox: under a policy's EmailConsentChecked and
// SMSConsentChecked, a consent input's checkbox words (on, true, 1, yes,
// in any case) mean that value; without them, and for any other word,
// the value is judged as sent (docs/forms.md).
func TestConsentCheckbox(t *testing.T) {
	checked := validate.Policy{EmailConsentChecked: consent.EmailSubscribed, SMSConsentChecked: consent.SMSSingleOptIn}
	const enumSMS = "sms_consent: must be one of: subscribed, unsubscribed, never_subscribed, single_opt_in (enum)"
	const enumEmail = "email_consent: must be one of: subscribed, unsubscribed, never_subscribed, suppressed (enum)"
	for _, tc := range []struct {
		rule      string
		policy    validate.Policy
		form      string
		want      []string
		email     consent.Email
		sms       consent.SMS
		welcomeTo bool
	}{
		{"on means the policy's value", checked, "phone_number=2015550123&sms_consent=on&email=a@b.co&email_consent=on", nil,
			consent.EmailSubscribed, consent.SMSSingleOptIn, false},
		{"every checkbox word, any case", checked, "phone_number=2015550123&sms_consent=YES&email=a@b.co&email_consent=True", nil,
			consent.EmailSubscribed, consent.SMSSingleOptIn, false},
		{"1, with the spaces a form may add", checked, "phone_number=2015550123&sms_consent=+1+&email=a@b.co&email_consent=On", nil,
			consent.EmailSubscribed, consent.SMSSingleOptIn, false},
		{"subscribed sends the welcome SMS as if sent", validate.Policy{SMSConsentChecked: consent.SMSSubscribed},
			"phone_number=2015550123&sms_consent=on", nil, consent.EmailNeverSubscribed, consent.SMSSubscribed, true},
		{"a consent value is still itself", checked, "phone_number=2015550123&sms_consent=never_subscribed", nil,
			consent.EmailNeverSubscribed, consent.SMSNeverSubscribed, false},
		{"the value is judged as if sent: a UK number", checked, "phone_number=%2B447400123456&sms_consent=on",
			[]string{"sms_consent: requires a phone number from a supported country (sms_supported_country)"}, "", "", false},
		{"unset: refused as before", validate.Policy{}, "phone_number=2015550123&sms_consent=on&email=a@b.co&email_consent=yes",
			[]string{enumEmail, enumSMS}, "", "", false},
		{"each field has its own setting", validate.Policy{EmailConsentChecked: consent.EmailSubscribed}, "phone_number=2015550123&sms_consent=on&email=a@b.co&email_consent=on",
			[]string{enumSMS}, "", "", false},
		{"no, false, off, 0 are not words of a checkbox", checked, "phone_number=2015550123&sms_consent=no&email=a@b.co&email_consent=false",
			[]string{enumEmail, enumSMS}, "", "", false},
		{"off", checked, "phone_number=2015550123&sms_consent=off", []string{enumSMS}, "", "", false},
		{"0", checked, "phone_number=2015550123&sms_consent=0", []string{enumSMS}, "", "", false},
		{"a word only when whole", checked, "phone_number=2015550123&sms_consent=yes+please", []string{enumSMS}, "", "", false},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			form, err := url.ParseQuery(tc.form)
			if err != nil {
				t.Fatal(err)
			}
			c, eff, ds := validate.CreateForm(form, tc.policy)
			if got := details(ds); !same(got, tc.want) {
				t.Fatalf("details\n got: %q\nwant: %q", got, tc.want)
			}
			if ds == nil && (c.EmailConsent != tc.email || c.SMSConsent != tc.sms || eff.WelcomeSMS != tc.welcomeTo) {
				t.Errorf("consents %q %q welcome %v, want %q %q %v", c.EmailConsent, c.SMSConsent, eff.WelcomeSMS, tc.email, tc.sms, tc.welcomeTo)
			}
		})
	}
}

// TestConsentCheckboxNotJSON: JSON is the API's own; a checkbox word in
// it is refused whatever the policy.
func TestConsentCheckboxNotJSON(t *testing.T) {
	p := validate.Policy{EmailConsentChecked: consent.EmailSubscribed, SMSConsentChecked: consent.SMSSubscribed}
	_, _, ds := validate.CreateJSON([]byte(`{"phone_number":"+12015550123","sms_consent":"on"}`), p)
	if want := []string{"sms_consent: must be one of: subscribed, unsubscribed, never_subscribed, single_opt_in (enum)"}; !same(details(ds), want) {
		t.Errorf("details %q, want %q", details(ds), want)
	}
}

// TestConsentCheckboxUpdate: an edit form's checkbox means the value too.
func TestConsentCheckboxUpdate(t *testing.T) {
	p := validate.Policy{SMSConsentChecked: consent.SMSSubscribed}
	patch, eff, ds := validate.UpdateForm(withPhone, url.Values{"sms_consent": {"on"}}, p)
	if ds != nil || patch.SMSConsent != consent.SMSSubscribed || !eff.WelcomeSMS {
		t.Errorf("patch %+v, effects %+v, details %q", patch, eff, details(ds))
	}
}
