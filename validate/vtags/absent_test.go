package vtags_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/contactrules/contactrules/validate"
)

// plainContact is contact without omitempty: its JSON form sends every
// member, empty or not.
type plainContact struct {
	Email        string `json:"email" validate:"contact_email"`
	EmailConsent string `json:"email_consent" validate:"email_consent"`
	SMSConsent   string `json:"sms_consent" validate:"sms_consent"`
}

// TestEmptyIsAbsent settles docs/tags.md against CreateJSON: every tag
// takes "" as absent, as a form does (an unchosen select sends "") and
// as the struct's JSON form with omitempty does. CreateJSON takes an
// empty email or name as absent too, but answers enum for an empty
// consent string: the two tags that differ from the JSON form without
// omitempty, on purpose (docs/decisions.md).
func TestEmptyIsAbsent(t *testing.T) {
	// With omitempty: the JSON form omits "", and both agree.
	for _, c := range []contact{
		{Email: "a@b.co", SMSConsent: ""},
		{Email: "a@b.co", EmailConsent: ""},
		{Phone: usNumber, Email: "", FirstName: ""},
	} {
		got := check(t, validate.Policy{}, c)
		body, _ := json.Marshal(c)
		_, _, ds := validate.CreateJSON(body, validate.Policy{})
		if len(got) != 0 || len(ds) != 0 {
			t.Errorf("%s: vtags %q, CreateJSON %q; want both none", body, got, details(ds))
		}
	}
	// Without omitempty: the empty consents, and only they, differ.
	got := check(t, validate.Policy{}, plainContact{Email: "a@b.co"})
	body, _ := json.Marshal(plainContact{Email: "a@b.co"})
	_, _, ds := validate.CreateJSON(body, validate.Policy{})
	want := []string{
		"email_consent: must be one of: subscribed, unsubscribed, never_subscribed, suppressed (enum)",
		"sms_consent: must be one of: subscribed, unsubscribed, never_subscribed, single_opt_in (enum)",
	}
	if len(got) != 0 || !reflect.DeepEqual(details(ds), want) {
		t.Errorf("%s: vtags %q, CreateJSON %q", body, got, details(ds))
	}
}
