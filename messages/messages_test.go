package messages_test

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/messages"
	"github.com/contactrules/contactrules/phone"
	"github.com/contactrules/contactrules/validate"
)

// policies are the policies the texts are checked under: the default
// spelled both ways, and limits with unusual numbers that a lost or
// mistyped placeholder would show.
var policies = map[string]validate.Policy{
	"zero":    {},
	"default": validate.DefaultPolicy(),
	"unusual": {MaxNameLength: 7, MaxTagLength: 123, MaxTags: 45, MaxBodyBytes: 6789},
	"small":   {MaxNameLength: 1, MaxTagLength: 2, MaxTags: 3, MaxBodyBytes: 4},
}

// pending are rows that the contract has and validate.Rules is gaining; while a
// row is missing there, it is checked from here (messages as in the contract (docs/),
// under the default MaxDetails of 100).
var pending = []validate.Rule{
	{Field: "base", Name: "max_details", Message: "too many errors; only the first 99 are listed"},
	{Field: "phone_region", Name: "region", Message: "is not a supported region"},
}

// rules are validate.Rules(p) and the pending rows it lacks.
func rules(p validate.Policy) []validate.Rule {
	all := validate.Rules(p)
	for _, r := range pending {
		found := false
		for _, a := range all {
			found = found || a.Field == r.Field && a.Name == r.Name
		}
		if !found {
			all = append(all, r)
		}
	}
	return all
}

// details are details the rule gives: its field families written as the
// validator writes them.
func details(r validate.Rule) []errs.FieldError {
	const sentinel = "\x00not a catalog text"
	var fields []string
	switch r.Field {
	case "tags[i]":
		fields = []string{"tags[0]", "tags[7]", "tags[123]"}
	case "custom_fields.<key>":
		fields = []string{"custom_fields.color", "custom_fields.", "custom_fields.a.b"}
	case "<member>":
		// read-only, unrecognized, repeated known and cut member names
		fields = []string{"id", "created_at", "phone", "email", "tags[2]", "custom_fields", strings.Repeat("x", 64) + "..."}
	default:
		fields = []string{r.Field}
	}
	out := make([]errs.FieldError, len(fields))
	for i, f := range fields {
		out[i] = errs.FieldError{Field: f, Message: sentinel, Rule: r.Name}
	}
	return out
}

func TestEnglishIsTheWireMessage(t *testing.T) {
	en := messages.For("en")
	for name, p := range policies {
		for _, r := range rules(p) {
			for _, d := range details(r) {
				if got := en.Text(d, p); got != r.Message {
					t.Errorf("%s policy, %s/%s as %q: got %q, want the wire message %q", name, r.Field, r.Name, d.Field, got, r.Message)
				}
			}
		}
	}
}

func TestEveryRuleHasATextInEveryLanguage(t *testing.T) {
	p := validate.Policy{}
	for _, lang := range messages.Languages() {
		cat := messages.For(lang)
		if cat.Language() != lang {
			t.Fatalf("For(%q).Language() = %q", lang, cat.Language())
		}
		for _, r := range rules(p) {
			for _, d := range details(r) {
				got := cat.Text(d, p)
				if got == d.Message || strings.TrimSpace(got) == "" {
					t.Errorf("%s: no text for %s/%s (detail field %q)", lang, r.Field, r.Name, d.Field)
				}
				if lang != "en" && got == r.Message {
					t.Errorf("%s: %s/%s is the English text", lang, r.Field, r.Name)
				}
			}
		}
	}
}

func TestLanguages(t *testing.T) {
	got := messages.Languages()
	want := []string{"en", "de", "es", "fr", "it", "nl", "pt-BR", "ja"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("Languages() = %v, want %v", got, want)
	}
	got[0] = "xx"
	if messages.Languages()[0] != "en" {
		t.Error("Languages returns the package's own slice")
	}
}

// TestNumbersSurvive fails when a text loses the number of its rule, or
// holds a default limit written out: every policy limit in the English
// text appears, as digits, in every language, and under other limits no
// default one does.
func TestNumbersSurvive(t *testing.T) {
	digits := regexp.MustCompile(`[0-9]+`)
	p := policies["unusual"]
	limits := map[string]bool{"7": true, "123": true, "45": true, "6789": true, "99": true}
	defaults := map[string]bool{"255": true, "100": true, "1048576": true}
	for _, lang := range messages.Languages() {
		cat := messages.For(lang)
		for _, r := range rules(p) {
			var want []string
			for _, n := range digits.FindAllString(r.Message, -1) {
				if limits[n] {
					want = append(want, n)
				}
			}
			for _, d := range details(r) {
				got := cat.Text(d, p)
				have := digits.FindAllString(got, -1)
				for _, n := range want {
					if !slices.Contains(have, n) {
						t.Errorf("%s: %s/%s lost %s: %q", lang, r.Field, r.Name, n, got)
					}
				}
				for _, n := range have {
					if defaults[n] {
						t.Errorf("%s: %s/%s holds the default %s, not the policy's limit: %q", lang, r.Field, r.Name, n, got)
					}
				}
				if strings.ContainsAny(got, "{}") {
					t.Errorf("%s: %s/%s keeps a placeholder: %q", lang, r.Field, r.Name, got)
				}
			}
		}
	}
}

// TestEnumValuesSurvive: the values a consent field accepts are API words
// (what a select sends), listed verbatim in every language.
func TestEnumValuesSurvive(t *testing.T) {
	p := validate.Policy{}
	for _, r := range rules(p) {
		_, list, ok := strings.Cut(r.Message, "one of: ")
		if !ok {
			continue
		}
		for _, lang := range messages.Languages() {
			got := messages.For(lang).Text(details(r)[0], p)
			for _, v := range strings.Split(list, ", ") {
				if !regexp.MustCompile(`(^|[^a-z_])` + v + `($|[^a-z_])`).MatchString(got) {
					t.Errorf("%s: %s/%s lacks %q: %q", lang, r.Field, r.Name, v, got)
				}
			}
		}
	}
}

// TestExamplePhoneNumbersAreValid: the example a phone text shows is a
// number the rules accept.
func TestExamplePhoneNumbersAreValid(t *testing.T) {
	example := regexp.MustCompile(`\+[0-9][0-9 -]*[0-9]`)
	d := errs.FieldError{Field: "phone_number", Rule: "e164"}
	for _, lang := range messages.Languages() {
		if lang == "en" {
			continue // the wire message, no example
		}
		got := messages.For(lang).Text(d, validate.Policy{})
		m := example.FindString(got)
		if m == "" {
			t.Errorf("%s: the phone text shows no example number: %q", lang, got)
			continue
		}
		e164 := strings.NewReplacer(" ", "", "-", "").Replace(m)
		if _, err := phone.Parse(e164); err != nil {
			t.Errorf("%s: example %q is not a valid number: %v", lang, m, err)
		}
	}
}

func TestFor(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"de-CH,de;q=0.9", "de"},
		{"de", "de"},
		{"DE-de", "de"},
		{"fr-CA", "fr"},
		{"fr-BE;q=0.8, en-US;q=0.9", "en"},
		{"es-419", "es"},
		{"es-ES", "es"},
		{"pt-BR", "pt-BR"},
		{"pt", "pt-BR"},
		{"pt-PT", "pt-BR"},
		{"it-CH", "it"},
		{"nl-BE", "nl"},
		{"ja-JP", "ja"},
		{"en-GB", "en"},
		{"de;q=0.1,fr;q=0.9", "fr"},
		{"ru, de;q=0.5", "de"},    // the first the catalogs can serve
		{"en;q=0, de", "de"},      // q=0: not acceptable
		{"*;q=0.5, ja", "ja"},     // the wildcard names no language
		{"zz-ZZ,de", "de"},        // an entry that cannot be read is skipped
		{"de, !!!", "de"},         // ... wherever it is
		{"  fr  ;  q=0.7 ", "fr"}, // white space
		{"zh-CN", "en"},           // no catalog close enough
		{"sr-Latn", "en"},         //
		{"", "en"},                // empty
		{"*", "en"},               //
		{"garbage!!", "en"},       // garbage
		{";q=1", "en"},            //
		{",,,", "en"},             //
		{"\xff\xfe", "en"},        // not UTF-8
		{strings.Repeat("x-", 5000), "en"},
		{strings.Repeat("zh,", 31) + "de", "de"}, // the 32nd entry is read
		{strings.Repeat("zh,", 32) + "de", "en"}, // the 33rd is not
		{strings.Repeat("de-CH;q=0.5,", 100000), "de"}, // a hostile header costs 32 entries
	} {
		if got := messages.For(c.in).Language(); got != c.want {
			t.Errorf("For(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}

// TestForWeights: a weight is "q=" (either case) and a qvalue, 0 to 1
// with at most three decimals (RFC 9110 §12.4.2), optional white space
// (spaces, tabs) around the ";" only; anything else after a ";" is not a
// weight and drops its entry, as an entry that is not a tag is dropped.
// The browser's matchLanguage reads the same grammar (wasm/localize_test.go
// holds the two together).
func TestForWeights(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"de;q=0.5,fr;q=0.4", "de"},
		{"de;q=0.4,fr;q=0.5", "fr"},
		{"de;Q=0.5,fr;q=0.4", "de"},   // Q is q
		{"de;q=1,fr;q=1.000", "de"},   // equal weights keep their order
		{"de;q=0.001,fr;q=0", "de"},   // the least weight
		{"de;q=0.,fr;q=0.0001", "en"}, // "0." is 0; four decimals are no weight
		{"de;q=0.,it", "it"},          //
		{"de 	; 	q=0.9 ,fr;q=0.8", "de"},
		{"de;", "en"},                                                // a ";" without a weight
		{"de;,fr", "fr"},                                             //
		{"de;q=,fr", "fr"},                                           //
		{"de;q=nan,fr;q=0.1", "fr"},                                  // what strconv.ParseFloat reads is not a weight
		{"de;q=NaN,fr;q=0.1", "fr"},                                  //
		{"de;q=inf,fr;q=0.1", "fr"},                                  //
		{"de;q=0x1p-2,fr;q=0.1", "fr"},                               //
		{"de;q=0x_1p-1,fr;q=0.1", "fr"},                              //
		{"de;q=0_5,fr;q=0.1", "fr"},                                  //
		{"de;q=5e-1,fr;q=0.1", "fr"},                                 //
		{"de;q=.5,fr;q=0.1", "fr"},                                   //
		{"de;q=+0.5,fr;q=0.1", "fr"},                                 //
		{"de;q=0.5000,fr;q=0.1", "fr"},                               // four decimals
		{"de;q=1.001,fr;q=0.1", "fr"},                                // above 1
		{"de;q=2,fr;q=0.1", "fr"},                                    //
		{"de;q=-0,fr;q=0.1", "fr"},                                   //
		{"de;q=00.5,fr;q=0.1", "fr"},                                 //
		{"de;q = 0.5,fr;q=0.1", "fr"},                                // no white space around "="
		{"de;q= 0.5,fr;q=0.1", "fr"},                                 //
		{"de;q=0.5;x=1,fr;q=0.1", "fr"},                              // one parameter: the weight
		{"de;x=1,fr;q=0.1", "fr"},                                    //
		{"de;q=0.5 x,fr;q=0.1", "fr"},                                //
		{"de;q=\u0030,fr;q=0.1", "fr"},                               //
		{"de;q=０.5,fr;q=0.1", "fr"},                                  // a fullwidth digit is no digit
		{"de;q=0" + strings.Repeat("5", 1<<16) + "x,fr;q=0.1", "fr"}, // the browser took 4.4 s on this one
	} {
		if got := messages.For(c.in).Language(); got != c.want {
			t.Errorf("For(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}

// TestUnknownRuleKeepsItsMessage: a detail the catalogs know no text for
// (a go-playground/validator tag, a rule of the caller's own, a detail
// without a rule) is shown as it came.
func TestUnknownRuleKeepsItsMessage(t *testing.T) {
	for _, d := range []errs.FieldError{
		{Field: "nickname", Message: "is required", Rule: "required"},
		{Field: "address.city", Message: "is invalid", Rule: "alpha"},
		{Field: "email", Message: "is invalid", Rule: "required"},
		{Field: "email", Message: "must be a valid email address"}, // no rule: not matched by its text
		{Field: "tags[x]", Message: "m", Rule: "tag"},              // not a tag index
		{Field: "tags[]", Message: "m", Rule: "tag"},
		{Field: "", Message: "m", Rule: ""},
	} {
		for _, lang := range messages.Languages() {
			if got := messages.For(lang).Text(d, validate.Policy{}); got != d.Message {
				t.Errorf("%s: %+v gave %q, want its own message", lang, d, got)
			}
		}
	}
}

// TestNoSubmittedValue: a text holds neither the detail's field (where a
// member name was typed by the client) nor anything else of the input.
func TestNoSubmittedValue(t *testing.T) {
	const secret = "jane.doe@example.com"
	for _, r := range rules(validate.Policy{}) {
		for _, field := range []string{"custom_fields." + secret, secret, "tags[3]"} {
			d := errs.FieldError{Field: field, Message: "m", Rule: r.Name}
			for _, lang := range messages.Languages() {
				if got := messages.For(lang).Text(d, validate.Policy{}); strings.Contains(got, secret) || strings.Contains(got, "tags[3]") {
					t.Errorf("%s: %q echoes the member name", lang, got)
				}
			}
		}
	}
}

func TestWith(t *testing.T) {
	de := messages.For("de")
	p := validate.Policy{MaxNameLength: 40}
	phoneDetail := errs.FieldError{Field: "phone_number", Message: "must be a valid phone number in E.164 format", Rule: "e164"}
	nameDetail := errs.FieldError{Field: "first_name", Message: "must be at most 40 characters", Rule: "max_length"}
	own := errs.FieldError{Field: "nickname", Message: "is required", Rule: "required"}
	before := de.Text(phoneDetail, p)

	mine := de.With(map[messages.Key]string{
		{Field: "phone_number", Rule: "e164"}:     "Bitte mit +49 beginnen.",
		{Field: "first_name", Rule: "max_length"}: "Höchstens {max} Buchstaben.",
		{Field: "nickname", Rule: "required"}:     "Bitte einen Spitznamen angeben.",
		{Field: "last_name", Rule: "type"}:        "", // ignored
	})
	for _, c := range []struct {
		d    errs.FieldError
		want string
	}{
		{phoneDetail, "Bitte mit +49 beginnen."},
		{nameDetail, "Höchstens 40 Buchstaben."},
		{own, "Bitte einen Spitznamen angeben."},
		{errs.FieldError{Field: "last_name", Rule: "type"}, "Der Nachname muss ein Text sein."},
		{errs.FieldError{Field: "email", Rule: "email"}, de.Text(errs.FieldError{Field: "email", Rule: "email"}, p)},
	} {
		if got := mine.Text(c.d, p); got != c.want {
			t.Errorf("With: %s/%s = %q, want %q", c.d.Field, c.d.Rule, got, c.want)
		}
	}
	if mine.Language() != "de" {
		t.Errorf("With changed the language to %q", mine.Language())
	}
	if got := de.Text(phoneDetail, p); got != before || messages.For("de").Text(phoneDetail, p) != before {
		t.Errorf("With changed the catalog it was called on: %q", got)
	}

	// The map is copied: changing it later changes nothing.
	m := map[messages.Key]string{{Field: "email", Rule: "email"}: "one"}
	c := messages.For("fr").With(m)
	m[messages.Key{Field: "email", Rule: "email"}] = "two"
	if got := c.Text(errs.FieldError{Field: "email", Rule: "email"}, p); got != "one" {
		t.Errorf("With keeps the caller's map: %q", got)
	}
}

func TestNilCatalogIsEnglish(t *testing.T) {
	var c *messages.Catalog
	d := errs.FieldError{Field: "tags", Rule: "max_items", Message: "x"}
	if got, want := c.Text(d, validate.Policy{MaxTags: 5}), "must have at most 5 items"; got != want {
		t.Errorf("nil Text = %q, want %q", got, want)
	}
	if c.Language() != "en" {
		t.Errorf("nil Language = %q", c.Language())
	}
	if got := c.With(map[messages.Key]string{{Field: "tags", Rule: "max_items"}: "{max} max"}).Text(d, validate.Policy{}); got != "100 max" {
		t.Errorf("nil With: %q", got)
	}
}

// TestZeroAndNegativeLimitsMeanDefaults follows validate: a limit of zero
// or less is its default.
func TestZeroAndNegativeLimitsMeanDefaults(t *testing.T) {
	for _, p := range []validate.Policy{{}, {MaxNameLength: -1, MaxTagLength: -2, MaxTags: -3, MaxBodyBytes: -4}} {
		for _, r := range validate.Rules(p) {
			if got := messages.For("").Text(details(r)[0], p); got != r.Message {
				t.Errorf("%+v: %s/%s = %q, want %q", p, r.Field, r.Name, got, r.Message)
			}
		}
		got := messages.For("de").Text(errs.FieldError{Field: "base", Rule: "max_bytes"}, p)
		if !strings.Contains(got, strconv.Itoa(1<<20)) {
			t.Errorf("%+v: %q", p, got)
		}
	}
}

// FuzzFor: any header gives one of the catalogs, without panicking.
func FuzzFor(f *testing.F) {
	for _, s := range []string{"de-CH,de;q=0.9", "", "*", "x-private", "en;q=0.5,,fr;q=", "de-u-co-phonebk", "zh-Hant-TW;q=0.3"} {
		f.Add(s)
	}
	langs := messages.Languages()
	f.Fuzz(func(t *testing.T, h string) {
		if got := messages.For(h).Language(); !slices.Contains(langs, got) {
			t.Fatalf("For(%q) = %q", h, got)
		}
	})
}
