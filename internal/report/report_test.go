package report

import (
	"encoding/json"
	"testing"

	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/errs"
)

// AppendResult writes the bytes encoding/json writes for the same
// outcome, for every set of effects and for details that need escaping.
func TestAppendResultIsEncodingJSON(t *testing.T) {
	type passed struct {
		OK      bool            `json:"ok"`
		Effects consent.Effects `json:"effects"`
	}
	var effects []consent.Effects
	for _, d := range []consent.Defaults{0, consent.DefaultedEmail, consent.DefaultedSMS, consent.DefaultedEmail | consent.DefaultedSMS} {
		for _, welcome := range []bool{false, true} {
			for _, unsuppressed := range []bool{false, true} {
				effects = append(effects, consent.Effects{WelcomeSMS: welcome, EmailUnsuppressed: unsuppressed, DefaultsApplied: d})
			}
		}
	}
	for _, eff := range effects {
		want, err := json.Marshal(passed{true, eff})
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
	inner, err := json.Marshal(errs.Error{Code: errs.ValidationFailed, Details: details})
	if err != nil {
		t.Fatal(err)
	}
	var envelope struct{ Error json.RawMessage }
	if err := json.Unmarshal(inner, &envelope); err != nil {
		t.Fatal(err)
	}
	want := `{"ok":false,"error":` + string(envelope.Error) + `}`
	if got := AppendResult(nil, details, effects[len(effects)-1]); string(got) != want {
		t.Errorf("AppendResult with details = %s\nwant %s", got, want)
	}
}
