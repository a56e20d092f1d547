// Package messages turns the details of a refused payload into display
// texts in the language of the person filling in the form.
//
// The API's messages are its contract and stay English on the wire; a form
// backend or a browser shows the same details to people who read other
// languages. A [Catalog] holds one language's texts, found by the rule that
// failed (its field family and rule name), not by the English text, with
// the numbers of the policy in force:
//
//	cat := messages.For(r.Header.Get("Accept-Language"))
//	for _, d := range details {
//		show(d.Field, cat.Text(d, policy))
//	}
//
// English is the wire message exactly. The texts of the other languages
// are written for people: full sentences, formal register, and for the
// phone number an example of what a valid one looks like. No text of a
// catalog holds a submitted value.
//
// The texts live in the JSON files catalog/<language>.json, one object of
// field families, each an object of rule names and texts, in which {max}
// stands for the policy's limit of that rule and {count} for the number of
// details listed when there are too many; a browser build can ship the
// same files. They also hold the texts of package advice's rules, under
// the advised field and the rule name, so that Text localizes an
// advice's FieldError as it does a detail.
package messages

import (
	"cmp"
	"maps"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/validate"
)

// A Key names a rule: the Field and Name of a row of [validate.Rules].
// Field is a field family: a JSON member name such as "email", "base",
// or one of "tags[i]" (any tag), "custom_fields.<key>" (any custom field)
// and "<member>" (a read-only, unrecognized or repeated top-level member).
type Key struct {
	Field string
	Rule  string
}

// A Catalog holds the texts of one language. It is immutable and safe for
// concurrent use; [Catalog.With] returns a changed copy. A nil *Catalog
// is the English one.
type Catalog struct {
	lang  string
	texts map[Key]string
}

// Languages returns the languages there are catalogs for, as BCP 47 tags,
// English first.
func Languages() []string {
	out := make([]string, len(builtin))
	for i, c := range builtin {
		out[i] = c.lang
	}
	return out
}

// matcher picks a catalog for a list of preferred languages; English, the
// first, when none is close enough. It is built once and never changed.
var matcher = language.NewMatcher(func() []language.Tag {
	tags := make([]language.Tag, len(builtin))
	for i, c := range builtin {
		tags[i] = language.MustParse(c.lang)
	}
	return tags
}())

// For returns the catalog that best matches an Accept-Language value
// ("de-CH,de;q=0.9" gives German; "pt" gives Brazilian Portuguese), or a
// plain language tag ("fr"). Entries that cannot be read are skipped (a
// weight is "q=" and 0 to 1 with at most three decimals, RFC 9110
// §12.4.2: "de;q=0.5" is read, "de;q=.5" and "de;" are not), and only the
// first 32 are read; a value that names no language close to one of
// [Languages] gives English. The time taken is linear in the value.
func For(acceptLanguage string) *Catalog {
	_, i, conf := matcher.Match(preferred(acceptLanguage)...)
	if conf == language.No {
		return builtin[0]
	}
	return builtin[i]
}

// maxEntries bounds the work of reading a hostile header: browsers send a
// handful of entries, and later ones would hardly decide anything.
const maxEntries = 32

// preferred reads an Accept-Language value leniently: one entry that is
// not a language tag, or whose weight is not one (or is 0), drops that
// entry, not the whole list. Only the first maxEntries entries are read.
// The tags come in order of preference; equal weights keep their order.
// npm/wasm/contactrules.mjs's matchLanguage reads the same grammar.
func preferred(acceptLanguage string) []language.Tag {
	type weighted struct {
		tag language.Tag
		q   int // thousandths
	}
	var ws []weighted
	n := 0
	for entry := range strings.SplitSeq(acceptLanguage, ",") {
		if n++; n > maxEntries {
			break
		}
		tag, weight, hasWeight := strings.Cut(entry, ";")
		tag = strings.Trim(tag, ows)
		q := 1000
		if hasWeight {
			if q = qvalue(strings.Trim(weight, ows)); q <= 0 {
				continue // not a weight, or 0: not acceptable
			}
		}
		// language.ParseAcceptLanguage reads "*" and the words browsers
		// once sent ("english"), and would trim other white space than
		// the header's: a tag holding such is no tag.
		if tag == "" || strings.TrimSpace(tag) != tag {
			continue
		}
		tags, _, err := language.ParseAcceptLanguage(tag)
		if err != nil || len(tags) != 1 {
			continue
		}
		ws = append(ws, weighted{tags[0], q})
	}
	slices.SortStableFunc(ws, func(a, b weighted) int { return cmp.Compare(b.q, a.q) })
	tags := make([]language.Tag, len(ws))
	for i, w := range ws {
		tags[i] = w.tag
	}
	return tags
}

// ows is HTTP's optional white space.
const ows = " \t"

// qvalue returns the weight w gives in thousandths, or -1 when w is not
// a weight: "q=" (in either case) and a qvalue of RFC 9110 §12.4.2, 0 to
// 1 with at most three decimals. Nothing else is read: not what
// strconv.ParseFloat takes ("nan", "0x1p-2", "5e-1", "0_5"), nor white
// space around the "=".
func qvalue(w string) int {
	if len(w) < 3 || len(w) > 7 || w[0] != 'q' && w[0] != 'Q' || w[1] != '=' || w[2] != '0' && w[2] != '1' {
		return -1
	}
	q := int(w[2]-'0') * 1000
	if len(w) == 3 {
		return q
	}
	if w[3] != '.' {
		return -1
	}
	scale := 100
	for _, c := range []byte(w[4:]) {
		if c < '0' || c > '9' {
			return -1
		}
		q += int(c-'0') * scale
		scale /= 10
	}
	if q > 1000 {
		return -1
	}
	return q
}

// Language returns the catalog's language as a BCP 47 tag, one of
// [Languages].
func (c *Catalog) Language() string {
	if c == nil {
		return builtin[0].lang
	}
	return c.lang
}

// Text returns the display text of a detail. The text is the catalog's
// for the detail's rule, with the limits of p in it (a zero limit means
// its default, as in [validate.Policy]); a detail whose rule the catalog
// has no text for keeps its own Message.
//
// The rule is found by d.Rule and the family of d.Field: "tags[3]" is
// "tags[i]", "custom_fields.color" is "custom_fields.<key>", and a member
// the catalog has no such rule for (say "id" with rule read_only) is
// "<member>". The text never holds d.Field or any submitted value.
func (c *Catalog) Text(d errs.FieldError, p validate.Policy) string {
	if c == nil {
		c = builtin[0]
	}
	k := Key{validate.Family(d.Field), d.Rule}
	t, ok := c.texts[k]
	if !ok {
		k.Field = "<member>"
		if t, ok = c.texts[k]; !ok {
			return d.Message
		}
	}
	return render(k, t, p)
}

// With returns a copy of c in which the given texts replace the
// catalog's, for a form backend with wording of its own; c is unchanged.
// A key may also name a rule of the caller's own (such as a
// go-playground/validator tag on a field of its own: Key{"nickname",
// "required"}). Texts may hold the placeholders of the rule they replace
// ({max}, {count}); empty texts are ignored.
func (c *Catalog) With(texts map[Key]string) *Catalog {
	if c == nil {
		c = builtin[0]
	}
	n := &Catalog{lang: c.lang, texts: make(map[Key]string, len(c.texts)+len(texts))}
	maps.Copy(n.texts, c.texts)
	for k, t := range texts {
		if t != "" {
			n.texts[k] = t
		}
	}
	return n
}
