package validate_test

import (
	"encoding/json"
	"fmt"

	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/phone"
	"github.com/contactrules/contactrules/validate"
)

// A valid create returns the contact to store, with the consent defaults
// and the effects decided.
func ExampleCreateJSON() {
	c, effects, details := validate.CreateJSON([]byte(`{"phone_number":"+12015550123","sms_consent":"subscribed"}`), validate.Policy{})
	fmt.Println(details == nil, c.EmailConsent, c.SMSConsent)
	out, _ := json.Marshal(effects)
	fmt.Println(string(out))
	// Output:
	// true never_subscribed subscribed
	// {"welcome_sms":true,"email_unsuppressed":false,"defaults_applied":["email_consent"]}
}

// An update is checked against the contact as stored.
func ExampleUpdateJSON() {
	stored := validate.Contact{Email: "jane@example.com", PhoneNumber: "+447400123456"}
	_, _, details := validate.UpdateJSON(stored, []byte(`{"email":"joan@example.com","sms_consent":"subscribed"}`), validate.Policy{})
	for _, d := range details {
		fmt.Printf("%s: %s\n", d.Field, d.Message)
	}
	// Output:
	// email: cannot be changed once set
	// sms_consent: requires a phone number from a supported country
}

// A client that only needs the answer, before it sends a body, checks it
// without building the contact.
func ExampleCheckCreateJSON() {
	effects, details := validate.CheckCreateJSON([]byte(`{"email":"jane@example.com","sms_consent":"subscribed"}`), validate.Policy{})
	fmt.Println(effects.WelcomeSMS)
	for _, d := range details {
		fmt.Printf("%s: %s (%s)\n", d.Field, d.Message, d.Rule)
	}
	// Output:
	// false
	// sms_consent: requires a phone number from a supported country (sms_supported_country)
}

// The stored phone number sent again is no change.
func ExampleCheckUpdateJSON() {
	stored := validate.Contact{PhoneNumber: "+12015550123", SMSConsent: consent.SMSNeverSubscribed}
	effects, details := validate.CheckUpdateJSON(stored, []byte(`{"phone_number":"+12015550123","sms_consent":"subscribed"}`), validate.Policy{})
	fmt.Println(details == nil, effects.WelcomeSMS)
	// Output:
	// true true
}

// A pre-flight check in a client runs the server's rules before sending.
// Here a deployment that also texts the UK.
func ExampleCreate_preflight() {
	uk, _ := phone.NewRegions("US", "CA", "GB")
	policy := validate.Policy{SMSRegions: uk}
	c := validate.Contact{PhoneNumber: "+447400123456", SMSConsent: consent.SMSSingleOptIn, Tags: []string{"uk", ""}}
	_, _, details := validate.Create(c, policy)
	for _, d := range details {
		fmt.Printf("%s: %s\n", d.Field, d.Message)
	}
	// Output:
	// tags[1]: must be a non-empty string of at most 255 characters
}

// Rules lists the table the README shows.
func ExampleRules() {
	for _, r := range validate.Rules(validate.Policy{MaxTags: 10})[:4] {
		fmt.Printf("%s %s: %s\n", r.Field, r.Name, r.Message)
	}
	// Output:
	// base max_bytes: must be at most 1048576 bytes
	// base json_object: must be a JSON object
	// base required_any: at least one field is required
	// base required_one_of: email or phone_number is required
}

// A client that shows its own texts finds each detail's rule by its field
// and name, whatever the policy made of the message.
func ExampleRuleOf() {
	_, _, details := validate.CreateJSON([]byte(`{"email":"a@b.co","tags":["",""],"nickname":1}`), validate.Policy{})
	for _, d := range details {
		id, _ := validate.RuleOf(d)
		fmt.Println(d.Field, id, id == validate.RuleTag || id == validate.RuleUnknownField)
	}
	// Output:
	// tags[0] tags[i]/tag true
	// tags[1] tags[i]/tag true
	// nickname <member>/unknown_field true
}

// A profile form updates a stored contact: an empty input leaves its
// field alone, and the stored number typed another way is no change.
func ExampleUpdateForm() {
	stored := validate.Contact{Email: "jane@example.com", PhoneNumber: "+14155552671"}
	form := map[string][]string{"first_name": {"Jane"}, "last_name": {""}, "phone_number": {"(415) 555-2671"}, "sms_consent": {"subscribed"}}
	patch, effects, details := validate.UpdateForm(stored, form, validate.Policy{})
	fmt.Println(details, patch.Apply(stored).FirstName, patch.Apply(stored).SMSConsent, effects.WelcomeSMS)
	// Output:
	// [] Jane subscribed true
}

// A detail's field names the element or key it is about; Family gives
// the field its rule is listed under, to look up a text of one's own.
func ExampleFamily() {
	for _, field := range []string{"tags[3]", "custom_fields.plan", "email"} {
		fmt.Println(validate.Family(field))
	}
	// Output:
	// tags[i]
	// custom_fields.<key>
	// email
}

// Two spellings of one address: the domain's case does not count.
func ExampleAppendEmailKey() {
	a := validate.AppendEmailKey(nil, "Jane@Example.COM")
	b := validate.AppendEmailKey(nil, "Jane@example.com")
	c := validate.AppendEmailKey(nil, "jane@example.com")
	fmt.Println(string(a), string(a) == string(b), string(a) == string(c))
	// Output:
	// Jane@example.com true false
}
