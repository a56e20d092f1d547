package validate_test

import (
	"strings"
	"testing"

	"github.com/contactrules/contactrules/validate"
)

// family maps a detail's field to the name its rule has in the table.
func family(field string) string {
	switch {
	case strings.HasPrefix(field, "tags["):
		return "tags[i]"
	case strings.HasPrefix(field, "custom_fields."):
		return "custom_fields.<key>"
	}
	for f := validate.Email; f <= validate.SendWelcomeSMS; f++ {
		if f.String() == field {
			return field
		}
	}
	if field == "base" || field == "phone_region" {
		return field
	}
	return "<member>"
}

// TestEveryRuleHasARow fails when a row of the rule table is not the
// expected outcome of some test row: every rule of the contract is tested by name.
func TestEveryRuleHasARow(t *testing.T) {
	seen := map[string]bool{}
	note := func(want []string) {
		for _, w := range want {
			field, rest, _ := strings.Cut(w, ": ")
			rule := rest[strings.LastIndex(rest, "(")+1 : len(rest)-1]
			seen[family(field)+" "+rule] = true
		}
	}
	for _, tc := range createCases {
		note(tc.want)
	}
	for _, tc := range updateCases {
		note(tc.want)
	}
	for _, tc := range boundsCases {
		note(tc.want)
	}
	for _, tc := range formCases {
		note(tc.want)
	}
	for _, tc := range smsMobileCases {
		note(tc.want)
	}
	for _, r := range validate.Rules(validate.Policy{}) {
		if !seen[r.Field+" "+r.Name] {
			t.Errorf("no test row expects %s %s (%s)", r.Field, r.Name, r.Message)
		}
	}
}
