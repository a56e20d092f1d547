package validate_test

import (
	"strings"
	"testing"

	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/validate"
)

// TestFormNameNotText settles a form member whose name is not UTF-8: a
// form is not JSON, so the body is not malformed (a JSON key that is not
// text makes the body json_object); the member is unknown, named as sent
// (cut as every echoed name), and the envelope writes each byte that is
// not UTF-8 as U+FFFD, as encoding/json does (docs/decisions.md).
func TestFormNameNotText(t *testing.T) {
	long := strings.Repeat("\xff", 100)
	_, _, ds := validate.CreateForm(map[string][]string{"email": {"a@b.co"}, "n\xffme": {"1"}, long: {"2"}}, validate.Policy{})
	fields := map[string]bool{}
	for _, d := range ds {
		if d.Rule != "unknown_field" {
			t.Errorf("detail %q: want unknown_field", d)
		}
		fields[d.Field] = true
	}
	if len(ds) != 2 || !fields["n\xffme"] || !fields[long[:64]+"..."] {
		t.Errorf("details %q", ds)
	}
	env := string(errs.Validation(ds).AppendJSON(nil))
	if !strings.Contains(env, `"field":"n\ufffdme"`) && !strings.Contains(env, "\"field\":\"n\uFFFDme\"") {
		t.Errorf("envelope %s: the name is not written with U+FFFD", env)
	}
}
