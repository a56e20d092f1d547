package vtags_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/validate"
)

// person is a contact kept in a map, by a key the client chose.
type person struct {
	Email string `json:"email" validate:"contact_email"`
}

// keyed holds maps whose keys the client chose (an email address, a
// name): fields echo the keys.
type keyed struct {
	People map[string]person `json:"people" validate:"dive"`
	Extra  map[string]string `json:"extra" validate:"omitempty,dive,max=3"`
}

// envelope is the API's answer for details, as written.
func envelope(t testing.TB, ds []errs.FieldError) []byte {
	t.Helper()
	b, err := json.Marshal(errs.Validation(ds))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestMapKeysCut: a map key in a field's path is echoed through the one
// cutting rule (validate.CutName: 64 bytes at a code point boundary,
// then "..."), and no envelope exceeds 64 KiB however long or many the
// keys. (One 1 MiB key made a 1,048,745-byte envelope; 200 keys of 300
// bytes one of 187,289 bytes.)
func TestMapKeysCut(t *testing.T) {
	k100 := strings.Repeat("k", 100)
	accent := strings.Repeat("a", 63) + "é" + "bc"
	for _, c := range []struct {
		name string
		s    keyed
		want []string
	}{
		{"a short key is whole", keyed{People: map[string]person{"jane.doe@example.com": {Email: "x"}}},
			want("people[jane.doe@example.com].email: must be a valid email address (email)")},
		{"a long key is cut", keyed{People: map[string]person{k100: {Email: "x"}}},
			want("people[" + k100[:64] + "...].email: must be a valid email address (email)")},
		{"at a code point boundary", keyed{Extra: map[string]string{accent: "abcd"}},
			want("extra[" + strings.Repeat("a", 63) + "...]: must be at most 3 characters (max=3)")},
		{"64 bytes are whole", keyed{Extra: map[string]string{k100[:64]: "abcd"}},
			want("extra[" + k100[:64] + "]: must be at most 3 characters (max=3)")},
		{"a key holding ] and . is one key", keyed{Extra: map[string]string{"a].b[c" + k100: "abcd"}},
			want("extra[" + ("a].b[c" + k100)[:64] + "...]: must be at most 3 characters (max=3)")},
		{"the identity detail of a nested contact", keyed{People: map[string]person{k100: {}}},
			want("people[" + k100[:64] + "...].base: email or phone_number is required (required_one_of)")},
		{"a key of digits is a key", keyed{Extra: map[string]string{strings.Repeat("1", 70): "abcd"}},
			want("extra[" + strings.Repeat("1", 64) + "...]: must be at most 3 characters (max=3)")},
	} {
		if got := check(t, validate.Policy{}, c.s); !equal(got, c.want) {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}

	v, rules := newValidator(t, validate.Policy{})
	huge := keyed{Extra: map[string]string{strings.Repeat("x", 1<<20): "abcd"}}
	if b := envelope(t, rules.FieldErrors(v.Struct(huge))); len(b) > 64<<10 {
		t.Errorf("one 1 MiB key: an envelope of %d bytes", len(b))
	}
	many := keyed{Extra: map[string]string{}, People: map[string]person{}}
	for i := range 200 {
		// A control character is written as 6 bytes (\u0001).
		k := string(rune('a'+i%26)) + string(rune('A'+i/26)) + strings.Repeat("\x01", 298)
		many.Extra[k] = "abcd"
		many.People[k] = person{Email: "x"}
	}
	ds := rules.FieldErrors(v.Struct(many))
	if b := envelope(t, ds); len(b) > 64<<10 || len(ds) != 100 {
		t.Errorf("200 keys of 300 bytes: an envelope of %d bytes, %d details", len(b), len(ds))
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestCapStopsCollecting: past the details cap no failing tag changes the
// answer, so a struct of 20,000 empty tags costs what validator's own
// dive,required costs on it, plus a little: allocations are counted, not
// time. (Each tag was judged twice, by validate.Create, and all the
// details of all of them sorted: 3.4 times validator's allocations.)
func TestCapStopsCollecting(t *testing.T) {
	tags := make([]string, 20000)
	v, rules := newValidator(t, validate.Policy{})
	ours := testing.AllocsPerRun(3, func() {
		if ds := rules.FieldErrors(v.Struct(emptyTags{Email: "a@b.co", Tags: tags})); len(ds) != 100 {
			t.Fatalf("%d details", len(ds))
		}
	})
	own := testing.AllocsPerRun(3, func() { _ = v.Struct(ownTags{Email: "a@b.co", Tags: tags}) })
	if ours > 1.05*own+1000 {
		t.Errorf("20,000 empty tags: %.0f allocations; validator's own dive,required %.0f", ours, own)
	}
}
