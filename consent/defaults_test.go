package consent

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

func TestDefaultsJSON(t *testing.T) {
	tests := []struct {
		d     Defaults
		names []string
		json  string
	}{
		{0, []string{}, `[]`},
		{DefaultedEmail, []string{"email_consent"}, `["email_consent"]`},
		{DefaultedSMS, []string{"sms_consent"}, `["sms_consent"]`},
		{DefaultedSMS | DefaultedEmail, []string{"email_consent", "sms_consent"}, `["email_consent","sms_consent"]`},
	}
	for _, tt := range tests {
		if got := tt.d.Names(); !reflect.DeepEqual(got, tt.names) || got == nil {
			t.Errorf("Defaults(%d).Names() = %#v, want %#v", tt.d, got, tt.names)
		}
		b, err := json.Marshal(tt.d)
		if err != nil || string(b) != tt.json {
			t.Errorf("json.Marshal(Defaults(%d)) = %s, %v; want %s", tt.d, b, err, tt.json)
		}
		var back Defaults = DefaultedEmail | DefaultedSMS // must be overwritten, not or-ed
		if err := json.Unmarshal([]byte(tt.json), &back); err != nil || back != tt.d {
			t.Errorf("json.Unmarshal(%s) = %d, %v; want %d", tt.json, back, err, tt.d)
		}
	}
}

func TestDefaultsUnmarshalRefuses(t *testing.T) {
	for _, in := range []string{`["phone_number"]`, `"email_consent"`, `[1]`, `{}`, `["EMAIL_CONSENT"]`} {
		var d Defaults
		if err := json.Unmarshal([]byte(in), &d); err == nil {
			t.Errorf("json.Unmarshal(%s) = %d, want an error", in, d)
		}
	}
}

// MarshalJSON writes the bytes encoding/json writes for Names, for every
// value, unknown bits included.
func TestDefaultsMarshalMatchesEncodingJSON(t *testing.T) {
	for d := range 256 {
		want, _ := json.Marshal(Defaults(d).Names())
		got, err := Defaults(d).MarshalJSON()
		if err != nil || string(got) != string(want) {
			t.Errorf("Defaults(%d).MarshalJSON() = %s, %v; want %s", d, got, err, want)
		}
	}
}

// unmarshalNames is how UnmarshalJSON used to read defaults_applied,
// through encoding/json: the behaviour the hand-written reader keeps.
func unmarshalNames(b []byte) (Defaults, error) {
	var names []string
	if err := json.Unmarshal(b, &names); err != nil {
		return 0, err
	}
	var out Defaults
	for _, n := range names {
		switch n {
		case "email_consent":
			out |= DefaultedEmail
		case "sms_consent":
			out |= DefaultedSMS
		default:
			return 0, errors.New("unknown")
		}
	}
	return out, nil
}

var defaultsTexts = []string{
	`null`, ` null `, "\t\r\n null\n", `nul`, `nulll`, `null null`, `Null`,
	`[]`, ` [ ] `, `[`, `]`, `[]]`, `[][]`, `[] x`, `[,]`,
	`["email_consent"]`, ` [ "sms_consent" , "email_consent" ] `, `["sms_consent","sms_consent"]`,
	`["email_consent",]`, `["email_consent" "sms_consent"]`, `["email_consent",,"sms_consent"]`,
	`["email_consent"`, `["email_consent`, `"email_consent"`, `{}`, `{"email_consent":true}`,
	`[1]`, `[null]`, `[true]`, `[[]]`, `[{}]`, `["email_consent",null]`, `["email_consent",1]`,
	`["EMAIL_CONSENT"]`, `["email_consent "]`, `[""]`, `["phone_number"]`,
	`["\u0065mail_consent"]`, `["email\u005Fconsent"]`, `["sms\/consent"]`, `["sms_consent\u0000"]`,
	`["\uD835\uDC1Email_consent"]`, `["email_consent\u"]`, `["email_consent\u12"]`, `["\u+123"]`,
	`["email_consent\x"]`, `["email\_consent"]`, "[\"email\tconsent\"]", "[\"email_consent\x00\"]",
	"[\"\xffmail_consent\"]", "[\"email_consent\"]\x00", "\v[]", "\u00a0[]",
	`["email_consent"]  ["sms_consent"]`, `true`, `0`, `-`, ``, ` `,
}

// UnmarshalJSON accepts exactly what encoding/json decodes into a
// []string of known names, with the same result, whether it is called by
// encoding/json (which first checks the text is JSON) or directly.
func TestDefaultsUnmarshalMatchesEncodingJSON(t *testing.T) {
	for _, in := range defaultsTexts {
		checkDefaultsUnmarshal(t, []byte(in))
	}
}

func FuzzDefaultsUnmarshalJSON(f *testing.F) {
	for _, in := range defaultsTexts {
		f.Add([]byte(in))
	}
	f.Fuzz(checkDefaultsUnmarshal)
}

func checkDefaultsUnmarshal(t *testing.T, in []byte) {
	want, wantErr := unmarshalNames(in)
	const before = DefaultedEmail | DefaultedSMS
	got := before
	err := got.UnmarshalJSON(in)
	switch {
	case (err == nil) != (wantErr == nil):
		t.Errorf("UnmarshalJSON(%q) error = %v, encoding/json's %v", in, err, wantErr)
	case err == nil && got != want:
		t.Errorf("UnmarshalJSON(%q) = %d, encoding/json gives %d", in, got, want)
	case err != nil && got != before:
		t.Errorf("UnmarshalJSON(%q) failed but changed the set to %d", in, got)
	}
	if !json.Valid(in) {
		return // a member's text cannot be tried apart from the object
	}
	var viaJSON struct{ D Defaults }
	viaJSON.D = before
	err = json.Unmarshal(append(append([]byte(`{"D":`), in...), '}'), &viaJSON)
	if (err == nil) != (wantErr == nil) || err == nil && viaJSON.D != want {
		t.Errorf("json.Unmarshal of a member %q = %d, %v; encoding/json into []string gives %d, %v", in, viaJSON.D, err, want, wantErr)
	}
}
