package advice

import (
	"strings"
	"testing"

	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/validate"
)

// FuzzFor: whatever the contact or form holds, accepted or not, For,
// ForPatch and ForForm return without a panic, and no message holds more
// than the rule's own text.
func FuzzFor(f *testing.F) {
	f.Add("jane@gmial.com", "+442071838750", "subscribed", "GB", "+1 201 555 0123")
	f.Add("info@"+strings.Repeat("a", 300)+".con", "+", "single_opt_in", "", "")
	f.Add("\xff@\xfe.\xff", "+1\x00", "", "zz", "++")
	f.Add("a@b", "12345", "subscribed", "US", "+800 1234 5678")
	messages := map[string]string{}
	for _, r := range Rules() {
		messages[r.Name] = r.Message
	}
	f.Fuzz(func(t *testing.T, email, number, sms, region, typed string) {
		c := validate.Contact{Email: email, PhoneNumber: number, SMSConsent: consent.SMS(sms)}
		form := map[string][]string{"email": {email}, "phone_number": {typed}, "phone_region": {region}, "sms_consent": {sms}}
		all := append(For(c, validate.Policy{}), ForForm(c, form, validate.Policy{})...)
		all = append(all, ForPatch(validate.Contact{}, validate.Patch{Set: validate.Fields(0).With(validate.Email).With(validate.SMSConsent), Contact: c}, validate.Policy{})...)
		for _, a := range all {
			if a.Message != messages[a.Rule] {
				t.Fatalf("%+v: the message is not the rule's", a)
			}
		}
	})
}
