package validate_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/contactrules/contactrules/validate"
)

// rawTexts are custom_fields texts a Contact may hold or be sent:
// objects, other JSON, white space the encoder compacts, characters it
// escapes, and text that is not JSON at all.
var rawTexts = []string{
	"", `{}`, `{"plan":"pro","seats":3,"trial":false,"note":null}`,
	" {\n \"a\" : 1 }\t", `{"html":"<b>&</b>"}`, "{\"s\":\"\u2028\"}", `null`, ` null `,
	`[1,2]`, `"text"`, `42`, `{"nested":{"a":[1]}}`, `{`, `{"a":1}}`, `{} {}`, `nope`, "{\"a\":\"\xff\"}",
}

// encoding/json writes and reads a RawObject exactly as it does a
// json.RawMessage: the type changed for the browser build's size, not for
// anyone's answers.
func TestRawObjectIsRawMessage(t *testing.T) {
	type raw struct {
		Omit json.RawMessage `json:"omit,omitempty"`
		Keep json.RawMessage `json:"keep"`
	}
	type obj struct {
		Omit validate.RawObject `json:"omit,omitempty"`
		Keep validate.RawObject `json:"keep"`
	}
	for _, text := range append(rawTexts, "nil") {
		var v []byte
		if text != "nil" {
			v = []byte(text)
		}
		want, wantErr := json.Marshal(raw{v, v})
		got, err := json.Marshal(obj{v, v})
		if !bytes.Equal(got, want) || (err == nil) != (wantErr == nil) ||
			err != nil && err.Error() != strings.ReplaceAll(wantErr.Error(), "json.RawMessage", "validate.RawObject") {
			t.Errorf("Marshal of %q: %s, %v; a RawMessage gives %s, %v", v, got, err, want, wantErr)
		}
	}
	for _, text := range rawTexts {
		for _, doc := range []string{`{"omit":` + text + `,"keep":` + text + `}`, `{"keep":` + text + `}`, `{"OMIT":` + text + `}`} {
			var want raw
			wantErr := json.Unmarshal([]byte(doc), &want)
			var got obj
			err := json.Unmarshal([]byte(doc), &got)
			if (err == nil) != (wantErr == nil) || !sameBytes(got.Omit, want.Omit) || !sameBytes(got.Keep, want.Keep) {
				t.Errorf("Unmarshal(%q) = %q %q, %v; into RawMessages %q %q, %v", doc, got.Omit, got.Keep, err, want.Omit, want.Keep, wantErr)
			}
		}
	}
}

// sameBytes is bytes.Equal that also tells nil from empty.
func sameBytes(a, b []byte) bool { return bytes.Equal(a, b) && (a == nil) == (b == nil) }

// A RawObject read from JSON is a copy: the decoder's buffer may be
// reused, and the caller's input may change.
func TestRawObjectUnmarshalCopies(t *testing.T) {
	in := []byte(`{"a":"b"}`)
	var o validate.RawObject
	if err := o.UnmarshalJSON(in); err != nil || string(o) != `{"a":"b"}` {
		t.Fatalf("UnmarshalJSON = %q, %v", o, err)
	}
	in[2] = 'z'
	if string(o) != `{"a":"b"}` {
		t.Errorf("changing the input changed the RawObject to %q", o)
	}
	if err := (*validate.RawObject)(nil).UnmarshalJSON(in); err == nil {
		t.Error("UnmarshalJSON on a nil pointer: no error")
	}
}

// A Contact keeps custom_fields as sent, through encoding/json and back.
func TestContactCustomFieldsRoundTrip(t *testing.T) {
	const in = `{"email":"jane@example.com","custom_fields":{"plan":"pro","seats":3}}`
	var c validate.Contact
	if err := json.Unmarshal([]byte(in), &c); err != nil {
		t.Fatal(err)
	}
	if string(c.CustomFields) != `{"plan":"pro","seats":3}` {
		t.Errorf("CustomFields = %q", c.CustomFields)
	}
	if out, err := json.Marshal(c); err != nil || string(out) != in {
		t.Errorf("Marshal = %s, %v; want %s", out, err, in)
	}
}
