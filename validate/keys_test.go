package validate_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/contactrules/contactrules/validate"
)

// TestCreateCustomKeyNotText: custom fields whose key is not text (a raw
// byte that is not UTF-8, a lone surrogate escape), at the top of the
// object or nested, make the contact's JSON form malformed for CreateJSON
// (base, json_object); Create gives the same answer, not flat_object.
// Text that encoding/json cannot write at all keeps flat_object: that
// contact has no JSON form.
func TestCreateCustomKeyNotText(t *testing.T) {
	for _, c := range []struct {
		custom string
		rule   string // Create's only detail
		field  string
	}{
		{"{\"\xff\":1}", "json_object", "base"},
		{`{"\ud800":1}`, "json_object", "base"},
		{`{"ok":"v","\udfff":true}`, "json_object", "base"},
		{`{"a":{"\ud800":1}}`, "json_object", "base"},
		{"{\"a\":[{\"\xff\":1}]}", "json_object", "base"},
		{"{\"a\":\"\xff\",\"\xfe\":1}", "json_object", "base"},
		{`{"a":{"b":1}}`, "flat_object", "custom_fields"},
		{`[1]`, "flat_object", "custom_fields"},
		{"{\"\xff\":1", "flat_object", "custom_fields"},   // no JSON form
		{"{\"\xff\":1}x", "flat_object", "custom_fields"}, // no JSON form
	} {
		contact := validate.Contact{Email: "a@b.co", CustomFields: validate.RawObject(c.custom)}
		_, _, got := validate.Create(contact, validate.Policy{})
		if len(got) != 1 || got[0].Field != c.field || got[0].Rule != c.rule {
			t.Errorf("Create with custom fields %q: %v; want one detail %s, %s", c.custom, got, c.field, c.rule)
		}
		if body, err := json.Marshal(contact); err == nil {
			if _, _, want := validate.CreateJSON(body, validate.Policy{}); !slices.Equal(got, want) {
				t.Errorf("custom fields %q: Create %v, CreateJSON on %q %v", c.custom, got, body, want)
			}
		} else if c.rule == "json_object" {
			t.Errorf("custom fields %q: no JSON form (%v)", c.custom, err)
		}
		// An update answers as UpdateJSON does, alike.
		patch := validate.Patch{Set: validate.Fields(0).With(validate.CustomFields), Contact: contact}
		patch.Email = ""
		_, _, gotU := validate.Update(validate.Contact{Email: "a@b.co"}, patch, validate.Policy{})
		if c.rule == "json_object" && (len(gotU) != 1 || gotU[0].Rule != "json_object") {
			t.Errorf("Update with custom fields %q: %v; want base, json_object", c.custom, gotU)
		}
	}
}
