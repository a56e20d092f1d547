package report

import (
	"encoding/json"
	"testing"

	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/errs"
)

// The outcome as plain structs, so that encoding/json writes the expected
// bytes with none of the code under test (no MarshalJSON of errs or
// consent).
type (
	passed struct {
		OK      bool    `json:"ok"`
		Effects effects `json:"effects"`
	}
	effects struct {
		WelcomeSMS        bool     `json:"welcome_sms"`
		EmailUnsuppressed bool     `json:"email_unsuppressed"`
		DefaultsApplied   []string `json:"defaults_applied"`
	}
	failed struct {
		OK    bool  `json:"ok"`
		Error inner `json:"error"`
	}
	inner struct {
		Code    string            `json:"code"`
		Message string            `json:"message"`
		Details []errs.FieldError `json:"details"`
	}
)

// AppendResult writes the bytes encoding/json writes for the same
// outcome, for every set of effects and for details that need escaping.
func TestAppendResultIsEncodingJSON(t *testing.T) {
	names := map[consent.Defaults][]string{
		0: {}, consent.DefaultedEmail: {"email_consent"}, consent.DefaultedSMS: {"sms_consent"},
		consent.DefaultedEmail | consent.DefaultedSMS: {"email_consent", "sms_consent"},
	}
	var all []consent.Effects
	for _, d := range []consent.Defaults{0, consent.DefaultedEmail, consent.DefaultedSMS, consent.DefaultedEmail | consent.DefaultedSMS} {
		for _, welcome := range []bool{false, true} {
			for _, unsuppressed := range []bool{false, true} {
				all = append(all, consent.Effects{WelcomeSMS: welcome, EmailUnsuppressed: unsuppressed, DefaultsApplied: d})
			}
		}
	}
	for _, eff := range all {
		want, err := json.Marshal(passed{true, effects{eff.WelcomeSMS, eff.EmailUnsuppressed, names[eff.DefaultsApplied]}})
		if err != nil {
			t.Fatal(err)
		}
		if got := AppendResult([]byte("x"), nil, eff); string(got[1:]) != string(want) {
			t.Errorf("AppendResult(%+v) = %s, want %s", eff, got[1:], want)
		}
	}
	details := []errs.FieldError{
		{Field: "email", Message: "must be a valid email address", Rule: "email"},
		{Field: "custom_fields.<é>\u2028\xff", Message: "is not a recognized field"},
	}
	want, err := json.Marshal(failed{false, inner{"validation_failed", "One or more fields are invalid", details}})
	if err != nil {
		t.Fatal(err)
	}
	if got := AppendResult(nil, details, consent.Effects{WelcomeSMS: true}); string(got) != string(want) {
		t.Errorf("AppendResult with details = %s\nwant %s", got, want)
	}
}
