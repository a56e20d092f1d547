package fuzz

import (
	"slices"
	"testing"

	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/phone"
	"github.com/contactrules/contactrules/validate"
)

// Regression tests for the bugs the properties and fuzz targets found.
// A test named TestBug… is skipped while its bug is open, and the
// properties carry a matching exception, named there; both go when the
// bug is fixed, and the test keeps its place under a plain name.

// The policy option "possible length only" is meant to be laxer than the
// default validity check, yet ParsePossible refused numbers Parse
// accepts: libphonenumber's example UAN number of Canada, +1 310-1234, is
// valid but its length is "possible for local dialling only".
func TestParsePossibleAcceptsValidNumbers(t *testing.T) {
	const s = "+13101234"
	n, err := phone.Parse(s)
	if err != nil {
		t.Fatalf("Parse(%q): %v", s, err)
	}
	if p, err := phone.ParsePossible(s); err != nil || p != n {
		t.Errorf("ParsePossible(%q) = %v, %v; want %v, nil", s, p, err, n)
	}
}

// docs/create.md: "One detail per field and rule". A key written three
// times earned one duplicate_key detail for each repeat: at top level
// (writable, read-only or unknown keys alike) and in custom_fields.
func TestRepeatedKeyReportedOnce(t *testing.T) {
	for _, tc := range []struct{ body, want string }{
		{`{"email":"a@b.co","email":"a@b.co","email":"a@b.co"}`, "email: must not appear more than once (duplicate_key)"},
		{`{"email":"a@b.co","id":1,"id":2,"id":3}`, "id: must not appear more than once (duplicate_key)"},
		{`{"email":"a@b.co","custom_fields":{"a":1,"a":2,"a":3}}`, "custom_fields.a: must not appear more than once (duplicate_key)"},
	} {
		_, _, ds := validate.CreateJSON([]byte(tc.body), validate.Policy{})
		if n := countDetail(ds, tc.want); n != 1 {
			t.Errorf("%s: %q appears %d times in %q", tc.body, tc.want, n, details(ds))
		}
	}
}

func countDetail(ds []errs.FieldError, want string) int {
	got := details(ds)
	return len(got) - len(slices.DeleteFunc(slices.Clone(got), func(s string) bool { return s == want }))
}

// docs/update.md: email may be set only while it is null, "once
// populated they cannot be changed", and "sending the same value again
// is not a change". validate takes the same address with the domain in
// another case as the same value (domains ignore case) and accepts it;
// Patch.Apply stored the client's spelling, so the stored email changed
// through a patch accepted as no change.
func TestApplyKeepsStoredEmail(t *testing.T) {
	current := validate.Contact{Email: "jane@example.com"}
	p, _, ds := validate.UpdateJSON(current, []byte(`{"email":"jane@EXAMPLE.com"}`), validate.Policy{})
	if ds != nil {
		t.Fatalf("details: %q", details(ds))
	}
	if got := p.Apply(current).Email; got != current.Email {
		t.Errorf("Apply stores %q, want the stored %q", got, current.Email)
	}
}
