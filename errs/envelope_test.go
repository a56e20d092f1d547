package errs

import (
	"encoding/json"
	"testing"
)

// reference is the envelope as encoding/json writes it: what AppendJSON
// must equal byte for byte.
func reference(e Error) []byte {
	type body struct {
		Code    Code         `json:"code"`
		Message string       `json:"message"`
		ID      string       `json:"id,omitempty"`
		Details []FieldError `json:"details,omitempty"`
	}
	b := body{Code: e.code(), Message: e.message()}
	switch b.Code {
	case ValidationFailed:
		b.Details = e.Details
	case Conflict:
		b.ID = e.ID
	}
	out, err := json.Marshal(struct {
		Error body `json:"error"`
	}{b})
	if err != nil {
		panic(err)
	}
	return out
}

// awkward are strings hard to quote. The strings alone are checked
// against encoding/json, and fuzzed, in internal/jsonwire; here they fill
// every member of every shape of envelope.
var awkward = []string{
	"", "plain", `quote " and \ backslash`, "<script>&amp;</script>", "\b\f\n\r\t\x00\x01\x1f\x7f",
	"é 優希 😀", "bad \xff byte", "cut \xe2\x82", "\u2028\u2029", "\ufffd", "surrogate \xed\xa0\x80",
}

func TestAppendJSONIsEncodingJSON(t *testing.T) {
	for _, s := range awkward {
		for _, e := range []Error{
			{Code: ValidationFailed, Details: []FieldError{{Field: s, Message: s, Rule: s}, {Field: s, Message: "m"}}},
			{Code: Conflict, ID: s},
			{Code: Code(s), Message: s},
			{Code: ValidationFailed, Message: s},
		} {
			if got, want := e.AppendJSON(nil), reference(e); string(got) != string(want) {
				t.Errorf("%q:\n got %s\nwant %s", s, got, want)
			}
		}
	}
}
