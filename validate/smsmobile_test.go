package validate_test

import (
	"testing"

	"github.com/contactrules/contactrules/phone"
	"github.com/contactrules/contactrules/validate"
)

// Numbers of each kind the sms_mobile rule tells apart.
const (
	usTollFree = "+18002530000"  // TOLL_FREE
	gbLandline = "+442071838750" // FIXED_LINE
	gbMobile   = gbNumber        // MOBILE
	gbPremium  = "+449098765432" // PREMIUM_RATE
)

var smsGB = func() phone.Regions {
	r, err := phone.NewRegions("US", "CA", "GB")
	if err != nil {
		panic(err)
	}
	return r
}()

// smsMobileCases are the sms_mobile rule (docs/policy.md): with
// SMSNeedsMobile, an SMS opt-in needs a number whose type can take SMS.
var smsMobileCases = []struct {
	rule   string
	policy validate.Policy
	body   string
	want   []string
}{
	{"sms_mobile: a toll-free number cannot take SMS", validate.Policy{SMSNeedsMobile: true},
		`{"phone_number":"` + usTollFree + `","sms_consent":"subscribed"}`,
		[]string{"sms_consent: requires a mobile phone number (sms_mobile)"}},
	{"sms_mobile: single_opt_in too", validate.Policy{SMSNeedsMobile: true},
		`{"phone_number":"` + usTollFree + `","sms_consent":"single_opt_in"}`,
		[]string{"sms_consent: requires a mobile phone number (sms_mobile)"}},
	{"sms_mobile: off by default", validate.Policy{},
		`{"phone_number":"` + usTollFree + `","sms_consent":"subscribed"}`, nil},
	{"sms_mobile: US numbers are fixed line or mobile, and pass", validate.Policy{SMSNeedsMobile: true},
		`{"phone_number":"` + usNumber + `","sms_consent":"subscribed"}`, nil},
	{"sms_mobile: a GB landline", validate.Policy{SMSNeedsMobile: true, SMSRegions: smsGB},
		`{"phone_number":"` + gbLandline + `","sms_consent":"subscribed"}`,
		[]string{"sms_consent: requires a mobile phone number (sms_mobile)"}},
	{"sms_mobile: a GB premium-rate number", validate.Policy{SMSNeedsMobile: true, SMSRegions: smsGB},
		`{"phone_number":"` + gbPremium + `","sms_consent":"subscribed"}`,
		[]string{"sms_consent: requires a mobile phone number (sms_mobile)"}},
	{"sms_mobile: a GB mobile", validate.Policy{SMSNeedsMobile: true, SMSRegions: smsGB},
		`{"phone_number":"` + gbMobile + `","sms_consent":"subscribed"}`, nil},
	{"sms_mobile: after the country rule, one detail a field", validate.Policy{SMSNeedsMobile: true},
		`{"phone_number":"` + gbLandline + `","sms_consent":"subscribed"}`,
		[]string{"sms_consent: requires a phone number from a supported country (sms_supported_country)"}},
	{"sms_mobile: other consents are not judged", validate.Policy{SMSNeedsMobile: true},
		`{"phone_number":"` + usTollFree + `","sms_consent":"never_subscribed"}`, nil},
	{"sms_mobile: an email-only contact with a landline and no SMS", validate.Policy{SMSNeedsMobile: true, SMSRegions: smsGB},
		`{"email":"a@b.co","phone_number":"` + gbLandline + `"}`, nil},
}

func TestSMSMobile(t *testing.T) {
	for _, tc := range smsMobileCases {
		_, _, ds := validate.CreateJSON([]byte(tc.body), tc.policy)
		if got := details(ds); !same(got, tc.want) {
			t.Errorf("%s: got %q, want %q", tc.rule, got, tc.want)
		}
	}
	// On update: the number the contact keeps counts.
	cur := validate.Contact{Email: "a@b.co", PhoneNumber: usTollFree}
	_, _, ds := validate.UpdateJSON(cur, []byte(`{"sms_consent":"subscribed"}`), validate.Policy{SMSNeedsMobile: true})
	if got, want := details(ds), []string{"sms_consent: requires a mobile phone number (sms_mobile)"}; !same(got, want) {
		t.Errorf("update: got %q, want %q", got, want)
	}
	_, _, ds = validate.UpdateJSON(cur, []byte(`{"sms_consent":"unsubscribed"}`), validate.Policy{SMSNeedsMobile: true})
	if len(ds) != 0 {
		t.Errorf("update that unsubscribes: %q", details(ds))
	}
}

// TestSMSMobileSurfaces: a form and a decoded contact get the JSON body's
// details under SMSNeedsMobile.
func TestSMSMobileSurfaces(t *testing.T) {
	p := validate.Policy{SMSNeedsMobile: true}
	want := []string{"sms_consent: requires a mobile phone number (sms_mobile)"}
	_, _, ds := validate.CreateForm(map[string][]string{"phone_number": {"(800) 253-0000"}, "sms_consent": {"subscribed"}}, p)
	if got := details(ds); !same(got, want) {
		t.Errorf("form: got %q, want %q", got, want)
	}
	_, _, ds = validate.Create(validate.Contact{PhoneNumber: usTollFree, SMSConsent: "subscribed"}, p)
	if got := details(ds); !same(got, want) {
		t.Errorf("struct: got %q, want %q", got, want)
	}
}
