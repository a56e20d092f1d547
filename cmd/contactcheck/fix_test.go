package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/contactrules/contactrules/validate"
)

// TestFixLinesAreAccepted checks the -fix output against the library:
// there is one line per row answered ok, in order, and each is a create
// payload that CreateJSON accepts as the contact the row was (same
// contact, same effects but for the defaults, which the payload leaves
// to the API), written as encoding/json would write that payload.
func TestFixLinesAreAccepted(t *testing.T) {
	inputs := []string{
		"../../examples/contacts.csv", "../../examples/contacts.ndjson",
		"testdata/aliases.csv", "testdata/quoting.csv", "testdata/national.csv",
		"testdata/duplicates.csv", "testdata/crlf.csv", "testdata/options.ndjson",
	}
	for _, in := range inputs {
		fix := filepath.Join(t.TempDir(), "fix.ndjson")
		out, _, _ := runString(t, "", "-fix", fix, "-legacy-consent", in)
		fixed, err := os.ReadFile(fix)
		if err != nil {
			t.Fatal(err)
		}
		oks := strings.Count(out, `"ok":true`)
		lines := bytes.Split(bytes.TrimSuffix(fixed, []byte("\n")), []byte("\n"))
		if len(fixed) == 0 {
			lines = nil
		}
		if len(lines) != oks {
			t.Errorf("%s: %d -fix lines for %d rows ok", in, len(lines), oks)
		}
		for _, line := range lines {
			c, _, d := validate.CreateJSON(line, validate.Policy{})
			if d != nil {
				t.Errorf("%s: the -fix line %s is refused: %v", in, line, d)
				continue
			}
			// encoding/json's reading of the payload, and its writing
			// of the contact the library returns, consents aside.
			var sent validate.Contact
			if err := json.Unmarshal(line, &sent); err != nil {
				t.Fatal(err)
			}
			sent.EmailConsent, sent.SMSConsent = c.EmailConsent, c.SMSConsent
			if !reflect.DeepEqual(sent, c) {
				t.Errorf("%s: the -fix line %s reads as %+v, the library stores %+v", in, line, sent, c)
			}
			want, err := json.Marshal(json.RawMessage(line))
			if err != nil || !bytes.Equal(want, line) {
				t.Errorf("%s: the -fix line %s is not as encoding/json writes it: %s", in, line, want)
			}
		}
	}
}
