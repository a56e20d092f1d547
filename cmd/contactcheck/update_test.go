package main

import (
	"strings"
	"testing"

	"github.com/contactrules/contactrules/internal/report"
	"github.com/contactrules/contactrules/validate"
)

// TestSplitUpdateLine checks how an update line is read: exact member
// names, each at most once, nothing else, one object.
func TestSplitUpdateLine(t *testing.T) {
	tests := []struct {
		line          string
		current, want string // want: the patch's text; "" when refused
	}{
		{`{"current":{"email":"a@example.com"},"patch":{"first_name":"A"}}`, `{"email":"a@example.com"}`, `{"first_name":"A"}`},
		{` { "patch" : { } , "current" : null } `, `null`, `{ }`},
		{`{"patch":{}}`, ``, `{}`},
		{`{"patch":null}`, ``, `null`},
		{`{"patch":"text"}`, ``, `"text"`},
		{`{"p\u0061tch":[1,{"a":[]}],"\u0063urrent":{}}`, `{}`, `[1,{"a":[]}]`},
		{`{"patch":{"a":"\"}\\"},"current":5}`, `5`, `{"a":"\"}\\"}`},
		{`{"PATCH":{"first_name":"A"},"Current":{}}`, ``, ``},
		{`{"Patch":{"first_name":"A"}}`, ``, ``},
		{`{"current":{},"patch":{"first_name":"A"},"patch":{"first_name":"B"}}`, ``, ``},
		{`{"current":{},"current":{},"patch":{}}`, ``, ``},
		{`{"current":{},"patch":{},"id":1}`, ``, ``},
		{`{"current":{}}`, ``, ``},
		{`{}`, ``, ``},
		{`[{"patch":{}}]`, ``, ``},
		{`{"patch":{}} x`, ``, ``},
		{`{"patch":{},}`, ``, ``},
		{`{"patch":{"a":}}`, ``, ``},
		{`{"patch":{"a":1]}`, ``, ``},
		{`{"patch":{"a":[1}}}`, ``, ``},
		{`{"patch":{"\xff":1}}`, ``, ``},
		{"{\"patch\":{\"a\":\"\xff\"}}", ``, "{\"a\":\"\xff\"}"},
		{`{"patch":01}`, ``, ``},
		{`{"patch":"\x"}`, ``, ``},
		{`{"patch":{}`, ``, ``},
		{``, ``, ``},
	}
	for _, tt := range tests {
		cur, patch, ok := splitUpdateLine([]byte(tt.line))
		if ok != (tt.want != "") || string(patch) != tt.want || string(cur) != tt.current {
			t.Errorf("%s: current %q, patch %q, ok %v; want %q, %q", tt.line, cur, patch, ok, tt.current, tt.want)
		}
	}
}

// deep returns a patch whose custom_fields nest depth objects deep.
func deep(depth int) string {
	return `{"custom_fields":` + strings.Repeat(`{"a":`, depth) + `1` + strings.Repeat(`}`, depth) + `}`
}

// TestUpdateWrapper checks the update mode's wrapper cases end to end: a
// patch nested 20,000 deep gets the library's answer for the patch (not
// "must be a JSON object"), and member names in another case, or a patch
// sent twice, are refused.
func TestUpdateWrapper(t *testing.T) {
	patch := deep(20_000)
	effects, details := validate.CheckUpdateJSON(validate.Contact{}, []byte(patch), validate.Policy{})
	d := string(report.AppendResult(nil, details, effects))
	if strings.Contains(d, "json_object") {
		t.Fatalf("the library refuses the deep patch as a whole: %s", d)
	}
	bad := `{"line":1,"ok":false,"error":{"code":"validation_failed","message":"One or more fields are invalid","details":[{"field":"base","message":"must be a JSON object","rule":"json_object"}]}}` + "\n"
	tests := []struct{ name, line, want string }{
		{"deep patch", `{"current":{},"patch":` + patch + `}`, `{"line":1,` + d[1:] + "\n"},
		{"deep patch, no current", `{"patch":` + patch + `}`, `{"line":1,` + d[1:] + "\n"},
		{"names in another case", `{"PATCH":{"first_name":"Ada"},"Current":{}}`, bad},
		{"patch in another case beside patch", `{"patch":{"first_name":"Ada"},"Patch":{}}`, bad},
		{"repeated patch", `{"current":{},"patch":{"first_name":"Ada"},"patch":{"first_name":"Augusta"}}`, bad},
		{"repeated current", `{"current":{},"current":{"email":"a@example.com"},"patch":{"first_name":"Ada"}}`, bad},
		{"another member", `{"current":{},"patch":{"first_name":"Ada"},"note":"x"}`, bad},
		// current's members are read by their exact names, as the
		// browser build reads them (validate.ParseContact): "Email" is
		// not the stored email, so the patch sets one.
		{"current's names in another case", `{"current":{"Email":"jane@example.com"},"patch":{"email":"other@example.com"}}`,
			`{"line":1,"ok":true,"effects":{"welcome_sms":false,"email_unsuppressed":false,"defaults_applied":[]}}` + "\n"},
		{"current's email", `{"current":{"email":"jane@example.com"},"patch":{"email":"other@example.com"}}`,
			`{"line":1,"ok":false,"error":{"code":"validation_failed","message":"One or more fields are invalid","details":[{"field":"email","message":"cannot be changed once set","rule":"immutable"}]}}` + "\n"},
	}
	for _, tt := range tests {
		got, _, _ := runString(t, tt.line+"\n", "-mode", "update")
		if got != tt.want {
			t.Errorf("%s:\n got %.300s\nwant %.300s", tt.name, got, tt.want)
		}
	}
}
