package schema

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"github.com/contactrules/contactrules/phone"
	"github.com/contactrules/contactrules/validate"
)

// TestCheckedInAreFresh: the checked-in documents are what the generator
// writes for the default policy; go generate ./schema refreshes them.
func TestCheckedInAreFresh(t *testing.T) {
	for name, want := range Files(validate.Policy{}) {
		got, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is stale: run go generate ./schema", name)
		}
	}
}

// policies are the policies the tests generate schemas for: the default
// and each option that changes a schema.
func policies() []validate.Policy {
	gbjm, _ := phone.NewRegions("GB", "JM")
	return []validate.Policy{
		{},
		{AllowUnknownFields: true},
		{AcceptLegacyConsent: true},
		{PossiblePhoneOnly: true},
		{MaxNameLength: 3, MaxTagLength: 3, MaxTags: 2},
		{SMSRegions: gbjm, AllowUnknownFields: true, AcceptLegacyConsent: true, SMSNeedsMobile: true},
	}
}

// TestCatalogCoversEveryRule: every rule of validate.Rules is expressed
// by keywords, listed as unexpressed, or both, under every policy; and
// the catalog names no rule validate no longer has.
func TestCatalogCoversEveryRule(t *testing.T) {
	known := map[validate.RuleID]bool{}
	for _, p := range policies() {
		for _, r := range validate.Rules(p) {
			known[r.ID] = true
			e, ok := catalog[r.ID]
			if !ok || e.says == nil && e.unsaid == nil {
				t.Errorf("rule %v (%s) is neither expressed nor listed as unexpressed: give it an entry in the catalog", r.ID, r.When)
			}
		}
	}
	for id := range catalog {
		if !known[id] {
			t.Errorf("the catalog has an entry for %v, which validate.Rules does not list", id)
		}
	}
}

// TestEveryRuleIsAccountedFor: in each generated schema, every rule that
// applies to its operation appears: as a keyword's x-contactrules-rule,
// in x-contactrules-unexpressed, or both; and no other rule does.
func TestEveryRuleIsAccountedFor(t *testing.T) {
	for _, p := range policies() {
		for _, on := range []op{create, update} {
			doc := build(p, on, true)
			b, _ := marshal(doc)
			var v any
			if err := json.Unmarshal(b, &v); err != nil {
				t.Fatal(err)
			}
			seen := map[string]bool{}
			walkNotes(v, func(n map[string]any) { seen[n["field"].(string)+"/"+n["rule"].(string)] = true })
			for _, r := range validate.Rules(p) {
				key := r.Field + "/" + r.Name
				if r.ID == validate.RuleUnknownField && p.AllowUnknownFields || r.ID == validate.RuleSMSMobile && !p.SMSNeedsMobile {
					continue // the policy turns it off: nothing to say
				}
				switch {
				case on.appliesTo(r.On) && !seen[key]:
					t.Errorf("%v, %+v: rule %s appears nowhere in the schema", on, p, key)
				case !on.appliesTo(r.On) && seen[key] && !sharedKey(p, r, on):
					t.Errorf("%v, %+v: rule %s (on %s) appears in the schema", on, p, key, r.On)
				}
			}
		}
	}
}

// sharedKey reports whether another rule that applies to on has r's
// field and name (none today; kept so the test says what it means).
func sharedKey(p validate.Policy, r validate.Rule, on op) bool {
	for _, o := range validate.Rules(p) {
		if o.ID != r.ID && o.Field == r.Field && o.Name == r.Name && on.appliesTo(o.On) {
			return true
		}
	}
	return false
}

// walkNotes calls f on every note of a generated document: each value
// of an x-contactrules-rule and each entry of x-contactrules-unexpressed.
func walkNotes(v any, f func(map[string]any)) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			switch k {
			case "x-contactrules-rule":
				for _, n := range x.(map[string]any) {
					f(n.(map[string]any))
				}
			case "x-contactrules-unexpressed":
				for _, n := range x.([]any) {
					f(n.(map[string]any))
				}
			default:
				walkNotes(x, f)
			}
		}
	case []any:
		for _, x := range v {
			walkNotes(x, f)
		}
	}
}

// TestNotesAreTheAPIsDetails: every note names a rule of validate.Rules
// with the message the API sends under the schema's policy.
func TestNotesAreTheAPIsDetails(t *testing.T) {
	for _, p := range policies() {
		want := map[string]string{}
		for _, r := range validate.Rules(p) {
			want[r.Field+"/"+r.Name] = r.Message
		}
		for _, on := range []op{create, update} {
			b, _ := marshal(build(p, on, true))
			var v any
			json.Unmarshal(b, &v)
			n := 0
			walkNotes(v, func(note map[string]any) {
				n++
				key := note["field"].(string) + "/" + note["rule"].(string)
				if msg, ok := want[key]; !ok || msg != note["message"] {
					t.Errorf("note %v: validate.Rules has %q", note, msg)
				}
			})
			if n < 30 {
				t.Errorf("%v: only %d notes", on, n)
			}
		}
	}
}

// TestLimitsFollowThePolicy: the numbers in the keywords are the
// policy's, as the messages state them.
func TestLimitsFollowThePolicy(t *testing.T) {
	p := validate.Policy{MaxNameLength: 7, MaxTagLength: 11, MaxTags: 13}
	var doc struct {
		Properties map[string]struct {
			MaxLength int `json:"maxLength"`
			MaxItems  int `json:"maxItems"`
			Items     struct {
				MaxLength int `json:"maxLength"`
			} `json:"items"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(Create(p), &doc); err != nil {
		t.Fatal(err)
	}
	got := []int{doc.Properties["first_name"].MaxLength, doc.Properties["last_name"].MaxLength, doc.Properties["tags"].Items.MaxLength, doc.Properties["tags"].MaxItems}
	if want := []int{7, 7, 11, 13}; !slices.Equal(got, want) {
		t.Errorf("limits %v, want %v", got, want)
	}
	for _, r := range validate.Rules(p) {
		if r.ID == validate.RuleTagsMaxItems && !regexp.MustCompile(`\b`+strconv.Itoa(13)+`\b`).MatchString(r.Message) {
			t.Errorf("message %q does not name the limit", r.Message)
		}
	}
}
