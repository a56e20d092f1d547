package messages

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/contactrules/contactrules/advice"
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

// TestCatalogKeysAreTheRules: the catalogs' keys are the fields and rule
// names of the rule table and of the advice table, no more and no less.
func TestCatalogKeysAreTheRules(t *testing.T) {
	rows := map[Key]bool{}
	for _, r := range validate.Rules(validate.Policy{}) {
		rows[Key{r.Field, r.Name}] = true
	}
	for _, r := range advice.Rules() {
		rows[Key{r.Field, r.Name}] = true
	}
	for k := range rows {
		if _, ok := builtin[0].texts[k]; !ok {
			t.Errorf("catalog/en.json has no text for rule %s/%s", k.Field, k.Rule)
		}
	}
	for k := range builtin[0].texts {
		if !rows[k] {
			t.Errorf("catalog/en.json has %s/%s, which no rule gives", k.Field, k.Rule)
		}
	}
}

// TestPlaceholders: a text holds one placeholder exactly when its rule's
// message holds a number, and no other brace.
func TestPlaceholders(t *testing.T) {
	for _, r := range validate.Rules(validate.Policy{}) {
		k := Key{r.Field, r.Name}
		for _, c := range builtin {
			text := c.texts[k]
			rest, n := text, 0
			for _, ph := range placeholders {
				n += strings.Count(text, ph)
				rest = strings.ReplaceAll(rest, ph, "")
			}
			if want := map[bool]int{true: 1, false: 0}[r.Limit >= 0]; n != want {
				t.Errorf("%s: %s/%s holds %d placeholders, want %d: %q", c.lang, k.Field, k.Rule, n, want, text)
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

// TestMaxDetailsNumber checks the max_details text with caps other than
// the default.
func TestMaxDetailsNumber(t *testing.T) {
	d := errs.FieldError{Field: "base", Rule: "max_details"}
	k := Key{"base", "max_details"}
	for _, c := range builtin {
		for _, limit := range []int{2, 8, 100, 1234} {
			got := render(k, c.texts[k], validate.Policy{MaxDetails: limit})
			if !strings.Contains(got, strconv.Itoa(limit-1)) {
				t.Errorf("%s: cap %d: %q", c.lang, limit, got)
			}
		}
		if got := c.Text(d, validate.Policy{}); !strings.Contains(got, "99") {
			t.Errorf("%s: default cap: %q", c.lang, got)
		}
	}
}
