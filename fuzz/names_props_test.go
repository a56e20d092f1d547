package fuzz

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/internal/jsonwire"
	"github.com/contactrules/contactrules/internal/testenv"
	"github.com/contactrules/contactrules/validate"
	"github.com/contactrules/contactrules/validate/vtags"
	"github.com/go-playground/validator/v10"
)

// keyedPerson and keyedMaps are a form backend's struct whose maps are
// keyed by names the client chose.
type keyedPerson struct {
	Email string `json:"email" validate:"contact_email"`
}

type keyedMaps struct {
	Email  string                 `json:"email" validate:"contact_email"`
	People map[string]keyedPerson `json:"people" validate:"dive"`
	Extra  map[string]string      `json:"extra" validate:"omitempty,dive,max=3"`
}

// nameBytes are what generated names are made of: ASCII, the path's own
// punctuation, a quote and a backslash (escaped in JSON), a control
// character (written as 6 bytes), 2- and 4-byte characters (cut at a
// boundary), and, where the surface takes them, bytes that are not UTF-8.
var nameBytes = []string{"a", "b", "z", "0", "9", ".", "[", "]", `"`, `\`, "\x01", "é", "😀", " "}

// genName returns a name of up to 300 bytes, around 64 bytes one time in
// four, and one time in ten a long one of up to maxLen bytes (a short
// one repeated).
func genName(r *rand.Rand, maxLen int, utf8Only bool) string {
	n := r.IntN(301)
	if r.IntN(4) == 0 {
		n = 60 + r.IntN(10) // around the cut
	}
	var b strings.Builder
	b.WriteString("x") // never one of the API's members
	for b.Len() < n {
		if !utf8Only && r.IntN(20) == 0 {
			b.WriteByte(0xff)
			continue
		}
		b.WriteString(nameBytes[r.IntN(len(nameBytes))])
	}
	if r.IntN(10) == 0 && maxLen > b.Len() {
		return strings.Repeat(b.String(), 1+r.IntN(maxLen/b.Len()))
	}
	return b.String()
}

// TestNamesCutEverywhere states docs/bounds.md on every surface that
// echoes a name the client chose: CreateJSON, UpdateJSON and CheckCreateJSON
// (unknown members, custom field keys), Create (custom field keys),
// CreateForm (unknown members) and vtags (map keys). Each detail naming
// one shows it as validate.CutName does (fuzz's own echoed, written
// apart), and no default envelope exceeds 64 KiB, however many and long
// the names. Up to 150 names a case, the long ones up to 1,000 bytes, by
// default; 400 names, up to 100,000 bytes, under CONTACTRULES_LONG.
func TestNamesCutEverywhere(t *testing.T) {
	cases, maxLen, maxNames := testenv.Cases(60, 300), testenv.Cases(1000, 100000), testenv.Cases(150, 400)
	v := validator.New()
	rules := vtags.New(validate.Policy{})
	if err := rules.Register(v); err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(23, 1))
	for i := range cases {
		n := 1 + r.IntN(maxNames)
		text := make([]string, n) // valid UTF-8: JSON keys
		raw := make([]string, n)  // any bytes
		for j := range n {
			text[j] = genName(r, maxLen, true)
			raw[j] = genName(r, maxLen, false)
		}
		want := map[string]bool{}
		var body, custom strings.Builder
		body.WriteString(`{"email":"a@b.co"`)
		custom.WriteString(`{`)
		form := map[string][]string{"email": {"a@b.co"}}
		s := keyedMaps{Email: "a@b.co", People: map[string]keyedPerson{}, Extra: map[string]string{}}
		for j, k := range text {
			q := string(jsonwire.AppendQuote(nil, k))
			body.WriteString("," + q + ":1")
			if j > 0 {
				custom.WriteString(",")
			}
			custom.WriteString(q + `:"\udc00"`)
			want[echoed(k)] = true
			want["custom_fields."+echoed(k)] = true
		}
		for _, k := range raw {
			form[k] = []string{"1"}
			s.Extra[k] = "abcd"
			s.People[k] = keyedPerson{Email: "x"}
			want[echoed(k)] = true
			want["extra["+echoed(k)+"]"] = true
			want["people["+echoed(k)+"].email"] = true
		}
		custom.WriteString("}")
		body.WriteString(`,"custom_fields":` + custom.String() + "}")
		b := []byte(body.String())
		_, _, created := validate.CreateJSON(b, validate.Policy{})
		_, _, updated := validate.UpdateJSON(validate.Contact{Email: "a@b.co"}, b, validate.Policy{})
		_, checked := validate.CheckCreateJSON(b, validate.Policy{})
		_, _, fromStruct := validate.Create(validate.Contact{Email: "a@b.co", CustomFields: validate.RawObject(custom.String())}, validate.Policy{})
		_, _, fromForm := validate.CreateForm(form, validate.Policy{})
		tagged := rules.FieldErrors(v.Struct(s))
		for _, surface := range []struct {
			name string
			ds   []errs.FieldError
		}{
			{"CreateJSON", created}, {"UpdateJSON", updated}, {"CheckCreateJSON", checked},
			{"Create", fromStruct}, {"CreateForm", fromForm}, {"vtags", tagged},
		} {
			if len(surface.ds) == 0 {
				t.Fatalf("case %d, %s: no details", i, surface.name)
			}
			for _, d := range surface.ds {
				if d.Field != "base" && !want[d.Field] {
					t.Fatalf("case %d, %s: a detail names %.100q (%d bytes), which is no name sent, cut", i, surface.name, d.Field, len(d.Field))
				}
			}
			if env := errs.Validation(surface.ds).AppendJSON(nil); len(env) > 64<<10 {
				t.Fatalf("case %d, %s: %d names: an envelope of %s bytes", i, surface.name, n, strconv.Itoa(len(env)))
			}
		}
	}
}
