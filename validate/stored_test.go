package validate_test

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/contactrules/contactrules/validate"
)

func TestParseContact(t *testing.T) {
	yes := true
	tests := []struct {
		text string
		want validate.Contact
		err  string
	}{
		{`null`, validate.Contact{}, ""},
		{`{}`, validate.Contact{}, ""},
		{`{"id":"c_1","email":"jane@example.com","created_at":"2026-01-01T00:00:00Z"}`, validate.Contact{Email: "jane@example.com"}, ""},
		{`{"Email":"jane@example.com","EMAIL":"x"}`, validate.Contact{}, ""}, // names are exact
		{`{"email":"a@example.com","email":"b@example.com"}`, validate.Contact{Email: "b@example.com"}, ""},
		{`{"email":null,"phone_number":"+12015550123","tags":["a","\u00e9"],"custom_fields":{"k":1},` +
			`"email_consent":"compliance_suppressed","sms_consent":"pending","send_welcome_sms":true}`,
			validate.Contact{PhoneNumber: "+12015550123", Tags: []string{"a", "é"}, CustomFields: validate.RawObject(`{"k":1}`),
				EmailConsent: "compliance_suppressed", SMSConsent: "pending", SendWelcomeSMS: &yes}, ""},
		{`{"tags":[]}`, validate.Contact{Tags: []string{}}, ""},
		{`{"tags":null,"custom_fields":null,"send_welcome_sms":null}`, validate.Contact{}, ""},
		{`{"email":5}`, validate.Contact{}, "email must be a string"},
		{`{"tags":["a",1]}`, validate.Contact{}, "tags must be an array of strings"},
		{`{"tags":"a"}`, validate.Contact{}, "tags must be an array of strings"},
		{`{"custom_fields":[]}`, validate.Contact{}, "custom_fields must be an object"},
		{`{"send_welcome_sms":"yes"}`, validate.Contact{}, "send_welcome_sms must be a boolean"},
		{`[]`, validate.Contact{}, "must be a contact object"},
		{`"jane@example.com"`, validate.Contact{}, "must be a contact object"},
		{`{"email":"jane@example.com"`, validate.Contact{}, "not valid JSON (at byte offset 27)"},
		{``, validate.Contact{}, "not valid JSON (at byte offset 0)"},
	}
	for _, tt := range tests {
		got, err := validate.ParseContact([]byte(tt.text))
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if msg != tt.err || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseContact(%s) = %+v, %q; want %+v, %q", tt.text, got, msg, tt.want, tt.err)
		}
	}
}

// The stored contact an update is checked against, as the API returned
// it: its id and timestamps are ignored, its read-only consent kept.
func ExampleParseContact() {
	stored := []byte(`{"id":"c_8f2","email":"jane@example.com","email_consent":"compliance_suppressed","created_at":"2026-11-02T09:30:00Z"}`)
	current, err := validate.ParseContact(stored)
	if err != nil {
		fmt.Println(err)
		return
	}
	_, _, details := validate.UpdateJSON(current, []byte(`{"email_consent":"subscribed"}`), validate.Policy{})
	fmt.Println(details)
	// Output:
	// [email_consent: cannot be changed while the contact is compliance-suppressed]
}
