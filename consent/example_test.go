package consent_test

import (
	"encoding/json"
	"fmt"

	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/phone"
)

// A new contact subscribes to SMS with a US number and sends no
// email_consent: the email consent takes its default and the welcome SMS
// goes out.
func ExampleCreate() {
	n, err := phone.Parse("+12015550123")
	if err != nil {
		panic(err)
	}
	state, effects, refusals := consent.Create(consent.Request{
		SMS:   consent.Field{Value: "subscribed", Set: true},
		Phone: n,
	}, consent.Options{})
	fmt.Println("refusals:", len(refusals))
	fmt.Println("email_consent:", state.Email)
	fmt.Println("sms_consent:", state.SMS)
	b, _ := json.Marshal(effects)
	fmt.Println("effects:", string(b))
	// Output:
	// refusals: 0
	// email_consent: never_subscribed
	// sms_consent: subscribed
	// effects: {"welcome_sms":true,"email_unsuppressed":false,"defaults_applied":["email_consent"]}
}

// The system has compliance-suppressed a contact's email: no client may
// change its email consent, while SMS consent stays the client's to set.
func ExampleUpdate() {
	current := consent.State{Email: consent.EmailComplianceSuppressed, SMS: consent.SMSSubscribed}
	state, _, refusals := consent.Update(current, consent.Request{
		Email: consent.Field{Value: "subscribed", Set: true},
		SMS:   consent.Field{Value: "unsubscribed", Set: true},
	}, consent.Options{})
	for _, r := range refusals {
		fmt.Printf("%s: %v\n", r.Field(), r)
	}
	fmt.Println(state.Email, state.SMS)
	// Output:
	// email_consent: RefuseComplianceSuppressed
	// compliance_suppressed unsubscribed
}

// Older API versions said non_subscribed; a deployment may still accept it.
func ExampleParseSMS() {
	_, err := consent.ParseSMS("non_subscribed", consent.Options{})
	fmt.Println(err)
	v, _ := consent.ParseSMS("non_subscribed", consent.Options{AcceptLegacy: true})
	fmt.Println(v)
	// Output:
	// sms_consent: must be one of: subscribed, unsubscribed, never_subscribed, single_opt_in
	// never_subscribed
}

// A refusal is typed; the validate package's rule table says how the API
// reports it.
func ExampleRefusal() {
	_, _, refusals := consent.Create(consent.Request{SMS: consent.Field{Value: "unsubscribed", Set: true}}, consent.Options{})
	for _, r := range refusals {
		fmt.Println(r == consent.RefuseUnsubscribeOnCreate, r.Field())
	}
	// Output:
	// true sms_consent
}
