package validate_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/validate"
)

// TestIgnoreMembers: the members Policy.IgnoreMembers names are neither
// read nor reported, in JSON and in forms, while every other unknown
// member still is (docs/policy.md).
func TestIgnoreMembers(t *testing.T) {
	ignore := validate.Policy{IgnoreMembers: []string{"csrf_token", "submit", "website", "id", "email"}}
	for _, tc := range []struct {
		rule string
		body string // JSON; the form is its members as strings
		form string
		want []string
	}{
		{"ignored members are not reported", `{"email":"a@b.co","csrf_token":"x9","submit":"Send"}`,
			"email=a@b.co&csrf_token=x9&submit=Send", nil},
		{"other unknown members still are", `{"email":"a@b.co","csrf_token":"x9","nickname":"J"}`,
			"email=a@b.co&csrf_token=x9&nickname=J", []string{"nickname: is not a recognized field (unknown_field)"}},
		{"an ignored member is not read: any type, repeated", "{\"email\":\"a@b.co\",\"website\":{\"a\":[1]},\"website\":\"\xff\"}",
			"email=a@b.co&website=a&website=%FF", nil},
		{"a read-only member may be ignored", `{"email":"a@b.co","id":"c_1"}`, "email=a@b.co&id=c_1", nil},
		{"a field is always read, even when named", `{"email":"jane"}`, "email=jane",
			[]string{"email: must be a valid email address (email)"}},
		{"names match exactly", `{"email":"a@b.co","Submit":"Send"}`, "email=a@b.co&Submit=Send",
			[]string{"Submit: is not a recognized field (unknown_field)"}},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			_, _, ds := validate.CreateJSON([]byte(tc.body), ignore)
			if got := details(ds); !same(got, tc.want) {
				t.Errorf("CreateJSON details\n got: %q\nwant: %q", got, tc.want)
			}
			_, ds = validate.CheckCreateJSON([]byte(tc.body), ignore)
			if got := details(ds); !same(got, tc.want) {
				t.Errorf("CheckCreateJSON details\n got: %q\nwant: %q", got, tc.want)
			}
			_, _, ds = validate.UpdateJSON(withPhone, []byte(tc.body), ignore)
			if got := details(ds); !same(got, tc.want) {
				t.Errorf("UpdateJSON details\n got: %q\nwant: %q", got, tc.want)
			}
			form, err := url.ParseQuery(tc.form)
			if err != nil {
				t.Fatal(err)
			}
			_, _, ds = validate.CreateForm(form, ignore)
			if got := details(ds); !same(got, tc.want) {
				t.Errorf("CreateForm details\n got: %q\nwant: %q", got, tc.want)
			}
			_, _, ds = validate.UpdateForm(withPhone, form, ignore)
			if got := details(ds); !same(got, tc.want) {
				t.Errorf("UpdateForm details\n got: %q\nwant: %q", got, tc.want)
			}
		})
	}
}

// TestIgnoreMembersBounded: ignored members are not remembered, so a body
// of 60,000 of them costs no memory (docs/bounds.md).
func TestIgnoreMembersBounded(t *testing.T) {
	body := []byte(`{"email":"a@b.co"` + strings.Repeat(`,"csrf_token":1,"submit":"x"`, 30_000) + `}`)
	p := validate.Policy{IgnoreMembers: []string{"csrf_token", "submit"}}
	var ds []errs.FieldError
	allocs := testing.AllocsPerRun(3, func() { _, ds = validate.CheckCreateJSON(body, p) })
	if ds != nil || allocs > 0 {
		t.Errorf("details %q, %v allocations", details(ds), allocs)
	}
}
