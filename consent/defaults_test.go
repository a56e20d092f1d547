package consent

import (
	"encoding/json"
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
