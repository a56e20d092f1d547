package validate_test

import (
	"strings"
	"testing"

	"github.com/contactrules/contactrules/validate"
)

// utf8Cases are the UTF-8 rows, one per string field: raw invalid bytes
// and a lone surrogate escape are refused alike.
var utf8Cases = []struct {
	rule string
	body string
	want []string
}{
	{"utf8: phone_number", "{\"email\":\"a@b.co\",\"phone_number\":\"+1\xff\"}", []string{"phone_number: must be valid UTF-8 (utf8)"}},
	{"utf8: first_name (lone high surrogate before a non-surrogate)", `{"email":"a@b.co","first_name":"\ud800\u0041"}`, []string{"first_name: must be valid UTF-8 (utf8)"}},
	{"utf8: last_name (lone surrogate)", `{"email":"a@b.co","last_name":"\udc00"}`, []string{"last_name: must be valid UTF-8 (utf8)"}},
	{"utf8: tags[i]", "{\"email\":\"a@b.co\",\"tags\":[\"ok\",\"\xc3\"]}", []string{"tags[1]: must be valid UTF-8 (utf8)"}},
	{"utf8: custom_fields.<key>", "{\"email\":\"a@b.co\",\"custom_fields\":{\"a\":\"\xe2\x82\"}}", []string{"custom_fields.a: must be valid UTF-8 (utf8)"}},
	{"utf8: email_consent", "{\"email\":\"a@b.co\",\"email_consent\":\"\xff\"}", []string{"email_consent: must be valid UTF-8 (utf8)"}},
	{"utf8: sms_consent", "{\"email\":\"a@b.co\",\"sms_consent\":\"\xff\"}", []string{"sms_consent: must be valid UTF-8 (utf8)"}},
	{"utf8: a surrogate pair is fine", `{"email":"a@b.co","first_name":"\ud83d\ude00"}`, nil},
}

func TestCreateJSONUTF8(t *testing.T) {
	for _, tc := range utf8Cases {
		t.Run(tc.rule, func(t *testing.T) {
			_, ds := validate.CreateJSON([]byte(tc.body), validate.Policy{})
			if got := details(ds); !same(got, tc.want) {
				t.Errorf("details\n got: %q\nwant: %q", got, tc.want)
			}
		})
	}
}

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
	if field == "base" {
		return field
	}
	return "<member>"
}

// TestEveryRuleHasARow fails when a row of the rule table is not the
// expected outcome of some test row: every SPEC rule is tested by name.
func TestEveryRuleHasARow(t *testing.T) {
	seen := map[string]bool{
		"base max_bytes": true, // TestBodyLimit
	}
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
	for _, tc := range utf8Cases {
		note(tc.want)
	}
	for _, r := range validate.Rules(validate.Policy{}) {
		if !seen[r.Field+" "+r.Name] {
			t.Errorf("no test row expects %s %s (%s)", r.Field, r.Name, r.Message)
		}
	}
}
