package messages

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/validate"
)

// TestCatalogsHaveTheSameRules: every file names exactly the rules of
// the English one (an extra key is a typo that would never be shown).
func TestCatalogsHaveTheSameRules(t *testing.T) {
	en := builtin[0]
	if len(builtin) != len(languages) || en.lang != "en" {
		t.Fatalf("builtin catalogs: %d, first %q", len(builtin), en.lang)
	}
	for _, c := range builtin[1:] {
		for k := range en.texts {
			if _, ok := c.texts[k]; !ok {
				t.Errorf("catalog/%s.json lacks %s/%s", c.lang, k.Field, k.Rule)
			}
		}
		for k := range c.texts {
			if _, ok := en.texts[k]; !ok {
				t.Errorf("catalog/%s.json has %s/%s, which no rule gives", c.lang, k.Field, k.Rule)
			}
		}
	}
}

// TestPlaceholders: a rule's number has its placeholder exactly once in
// every language, and no text holds another brace.
func TestPlaceholders(t *testing.T) {
	for k := range placeholders {
		if _, ok := builtin[0].texts[k]; !ok {
			t.Errorf("placeholder for %s/%s, a rule the catalogs do not have", k.Field, k.Rule)
		}
	}
	for _, c := range builtin {
		for k, text := range c.texts {
			rest := text
			if ph, ok := placeholders[k]; ok {
				if n := strings.Count(text, ph.name); n != 1 {
					t.Errorf("%s: %s/%s holds %s %d times: %q", c.lang, k.Field, k.Rule, ph.name, n, text)
				}
				rest = strings.ReplaceAll(text, ph.name, "")
			}
			if strings.ContainsAny(rest, "{}") {
				t.Errorf("%s: %s/%s holds an unknown placeholder: %q", c.lang, k.Field, k.Rule, text)
			}
			if !utf8.ValidString(text) || text != strings.TrimSpace(text) || text == "" {
				t.Errorf("%s: %s/%s: %q", c.lang, k.Field, k.Rule, text)
			}
		}
	}
}

// TestMaxDetailsNumber checks the max_details text with a cap other than
// the default, which validate.Policy cannot express yet.
func TestMaxDetailsNumber(t *testing.T) {
	d := errs.FieldError{Field: "base", Rule: "max_details"}
	k := Key{"base", "max_details"}
	for _, c := range builtin {
		for _, limit := range []int{2, 8, 100, 1234} {
			got := render(k, c.texts[k], limits{details: limit})
			if !strings.Contains(got, strconv.Itoa(limit-1)) {
				t.Errorf("%s: cap %d: %q", c.lang, limit, got)
			}
		}
		if got := c.Text(d, validate.Policy{}); !strings.Contains(got, "99") {
			t.Errorf("%s: default cap: %q", c.lang, got)
		}
	}
}
