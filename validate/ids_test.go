package validate_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/validate"
)

// TestFamily: an element of tags and a custom field map to their rows'
// fields; anything else, unknown names and look-alikes included, is
// itself.
func TestFamily(t *testing.T) {
	for field, want := range map[string]string{
		"tags[0]": "tags[i]", "tags[17]": "tags[i]", "custom_fields.plan": "custom_fields.<key>", "custom_fields.": "custom_fields.<key>",
		"tags": "tags", "tags[]": "tags[]", "tags[x]": "tags[x]", "tags[1": "tags[1", "custom_fields": "custom_fields",
		"email": "email", "base": "base", "nickname": "nickname", "": "",
	} {
		if got := validate.Family(field); got != want {
			t.Errorf("Family(%q) = %q, want %q", field, got, want)
		}
	}
}

// TestRuleOf finds each detail's rule by its field and name, whatever the
// policy made of its message.
func TestRuleOf(t *testing.T) {
	for _, tc := range []struct {
		d    errs.FieldError
		want validate.RuleID
	}{
		{errs.FieldError{Field: "email", Rule: "type"}, validate.RuleEmailType},
		{errs.FieldError{Field: "tags", Rule: "type"}, validate.RuleTagsType},
		{errs.FieldError{Field: "tags[17]", Rule: "tag", Message: "must be a non-empty string of at most 9 characters"}, validate.RuleTag},
		{errs.FieldError{Field: "custom_fields.plan", Rule: "duplicate_key"}, validate.RuleCustomFieldDuplicate},
		{errs.FieldError{Field: "nickname", Rule: "unknown_field"}, validate.RuleUnknownField},
		{errs.FieldError{Field: "email", Rule: "duplicate_key"}, validate.RuleDuplicateKey},
		{errs.FieldError{Field: "base", Rule: "max_details"}, validate.RuleMaxDetails},
		{errs.FieldError{Field: "phone_region", Rule: "region"}, validate.RulePhoneRegion},
		{errs.FieldError{Field: "email", Rule: "required"}, 0},
	} {
		got, ok := validate.RuleOf(tc.d)
		if got != tc.want || ok != (tc.want != 0) {
			t.Errorf("RuleOf(%+v) = %v, %v; want %v", tc.d, got, ok, tc.want)
		}
	}
	for _, r := range validate.Rules(validate.Policy{}) {
		if id, _ := validate.RuleOf(errs.FieldError{Field: r.Field, Rule: r.Name}); id != r.ID && r.Field != "tags[i]" && r.Field != "custom_fields.<key>" && r.Field != "<member>" {
			t.Errorf("row %s/%s has ID %v, RuleOf says %v", r.Field, r.Name, r.ID, id)
		}
		if r.ID.Message(validate.Policy{}) != r.Message || r.ID.Field() != r.Field || r.ID.Name() != r.Name {
			t.Errorf("ID %v does not name row %s/%s", r.ID, r.Field, r.Name)
		}
	}
}

// TestLookupNamesEveryField keeps the reader's key lookup equal to the
// fields' names.
func TestLookupNamesEveryField(t *testing.T) {
	for f := validate.Email; f <= validate.SendWelcomeSMS; f++ {
		body := `{"email":"a@b.co","` + f.String() + `":5}`
		_, _, ds := validate.CreateJSON([]byte(body), validate.Policy{})
		if len(ds) != 1 || ds[0].Field != f.String() || ds[0].Rule == "unknown_field" {
			t.Errorf("%s: %v", body, ds)
		}
	}
}

// TestManyKeysRepeated finds a repeat among many keys, where the set of
// keys seen is a hash table.
func TestManyKeysRepeated(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"email":"a@b.co","custom_fields":{`)
	for i := range 5000 {
		b.WriteString(`"k` + strconv.Itoa(i) + `":1,`)
	}
	b.WriteString(`"k4321":2,"k5000":3}`)
	b.WriteString(`,"x1":1,"x2":1,"x1":1}`)
	_, _, ds := validate.CreateJSON([]byte(b.String()), validate.Policy{AllowUnknownFields: true})
	want := []string{"custom_fields.k4321: must not appear more than once (duplicate_key)", "x1: must not appear more than once (duplicate_key)"}
	if got := details(ds); !same(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
