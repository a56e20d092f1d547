package validate_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/phone"
	"github.com/contactrules/contactrules/validate"
)

// A create handler: the details go straight into the error envelope.
func ExampleCreateJSON_handler() {
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20+1))
		contact, details := validate.CreateJSON(body, validate.Policy{})
		if details != nil {
			errs.Write(w, errs.Validation(details))
			return
		}
		_ = contact // store it, send the welcome SMS if contact.Effects.WelcomeSMS
		w.WriteHeader(http.StatusCreated)
	})

	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, httptest.NewRequest("POST", "/v1/contacts", strings.NewReader(`{"first_name":"Jane","phone":"+12015550123"}`)))
	fmt.Println(rec.Code)
	fmt.Print(rec.Body.String())
	// Output:
	// 422
	// {"error":{"code":"validation_failed","message":"One or more fields are invalid","details":[{"field":"base","message":"email or phone_number is required","rule":"required_one_of"},{"field":"phone","message":"is not a recognized field","rule":"unknown_field"}]}}
}

// A valid create returns the contact to store, with the consent defaults
// and the effects decided.
func ExampleCreateJSON() {
	c, details := validate.CreateJSON([]byte(`{"phone_number":"+12015550123","sms_consent":"subscribed"}`), validate.Policy{})
	fmt.Println(details == nil, c.EmailConsent, c.SMSConsent)
	out, _ := json.Marshal(c.Effects)
	fmt.Println(string(out))
	// Output:
	// true never_subscribed subscribed
	// {"welcome_sms":true,"email_unsuppressed":false,"defaults_applied":["email_consent"]}
}

// An update is checked against the contact as stored.
func ExampleUpdateJSON() {
	stored := validate.Contact{Email: "jane@example.com", PhoneNumber: "+447400123456"}
	_, details := validate.UpdateJSON(stored, []byte(`{"email":"joan@example.com","sms_consent":"subscribed"}`), validate.Policy{})
	for _, d := range details {
		fmt.Printf("%s: %s\n", d.Field, d.Message)
	}
	// Output:
	// email: cannot be changed once set
	// sms_consent: requires a phone number from a supported country
}

// A pre-flight check in a client runs the server's rules before sending.
// Here a deployment that also texts the UK.
func ExampleCreate_preflight() {
	uk, _ := phone.NewRegions("US", "CA", "GB")
	policy := validate.Policy{SMSRegions: uk}
	c := validate.Contact{PhoneNumber: "+447400123456", SMSConsent: consent.SMSSingleOptIn, Tags: []string{"uk", ""}}
	for _, d := range validate.Create(c, policy) {
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
