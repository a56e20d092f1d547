package validate

import (
	"math/rand/v2"
	"strconv"

	"slices"
	"strings"
	"testing"

	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/internal/jsonwire"
	"github.com/contactrules/contactrules/internal/op"
)

// members are body fragments, right and wrong, for every field and for
// each thing the reader notes.
var members = []string{
	`"email":"jane@example.com"`, `"email":"jane@"`, `"email":5`, "\"email\":\"j\xffne@example.com\"", `"email":null`, `"email":""`,
	`"phone_number":"+12015550123"`, `"phone_number":"+4402071838750"`, `"phone_number":[]`,
	`"first_name":"Jane"`, `"first_name":"` + strings.Repeat("é", 101) + `"`, `"first_name":{}`, "\"first_name\":\"\xc3\"",
	`"last_name":"Doe"`, `"last_name":true`,
	`"tags":["vip","news"]`, `"tags":[""]`, `"tags":[1]`, `"tags":"vip"`, "\"tags\":[\"\xff\"]", `"tags":["a","b","c","d","e","f","g","h","i","j","k","l","m","n","o","p","q","r","s","t","u","v","w","x","y","z","aa","bb","cc","dd","ee","ff","gg","hh","ii","jj","kk","ll","mm","nn","oo","pp","qq","rr","ss","tt","uu","vv","ww","xx","yy"]`,
	`"custom_fields":{"plan":"pro","seats":2}`, `"custom_fields":{"a":{}}`, `"custom_fields":{"a":1,"a":2}`, "\"custom_fields\":{\"a\":\"\xff\"}", `"custom_fields":[]`,
	`"email_consent":"subscribed"`, `"email_consent":"pending"`, `"email_consent":1`,
	`"sms_consent":"subscribed"`, `"sms_consent":"unsubscribed"`, `"sms_consent":"single_opt_in"`, "\"sms_consent\":\"\xff\"",
	`"send_welcome_sms":false`, `"send_welcome_sms":"no"`,
	`"id":"c_1"`, `"phone":"x"`,
}

// TestCleanPlan: the plan for a clean payload gives the details of the
// whole table, on random bodies of the fragments above, for create and
// update; and a payload the reader noted anything about is not clean.
// On the same bodies CheckCreateJSON and CheckUpdateJSON give the
// effects and details of CreateJSON and UpdateJSON.
func TestCleanPlan(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	current := Contact{Email: "jane@example.com", PhoneNumber: "+12015550123", EmailConsent: "compliance_suppressed"}
	var cleanSeen, dirtySeen int
	for range 5000 {
		parts := make([]string, rng.IntN(6))
		for i := range parts {
			parts[i] = members[rng.IntN(len(members))]
		}
		body := []byte("{" + strings.Join(parts, ",") + "}")
		for o, on := range []op.Op{op.Create, op.Update} {
			c := checker{op: on, pol: Policy{}.resolved(), cur: current}
			readBody(body, &c.p, &c.pol)
			// The whole table, the clean plan, and the reader's rows alone.
			var runs [3][]string
			plan := append(plans[o][:], nil)
			for _, s := range plans[o][0] {
				if !s.check.judges() {
					plan[2] = append(plan[2], s)
				}
			}
			for i, steps := range plan {
				ch := c
				for _, s := range steps {
					if ch.full {
						break
					}
					ch.field = s.f
					ch.apply(s)
				}
				for _, d := range ch.details {
					runs[i] = append(runs[i], d.Field+"/"+d.Rule)
				}
			}
			// The answer alone is the whole answer's.
			var effects, checkEffects consent.Effects
			var ds, checkDs []errs.FieldError
			if on == op.Create {
				_, effects, ds = CreateJSON(body, Policy{})
				checkEffects, checkDs = CheckCreateJSON(body, Policy{})
			} else {
				_, effects, ds = UpdateJSON(current, body, Policy{})
				checkEffects, checkDs = CheckUpdateJSON(current, body, Policy{})
			}
			if effects != checkEffects || !slices.Equal(ds, checkDs) {
				t.Fatalf("%s (%v): the check alone answers %v %v, the whole %v %v", body, on, checkEffects, checkDs, effects, ds)
			}
			if !c.p.clean() {
				dirtySeen++
				continue
			}
			cleanSeen++
			if !slices.Equal(runs[0], runs[1]) || runs[2] != nil {
				t.Fatalf("%s (%v): the whole table gives %q, the clean plan %q, the reader's rows %q", body, on, runs[0], runs[1], runs[2])
			}
		}
	}
	if cleanSeen < 1000 || dirtySeen < 1000 {
		t.Fatalf("the bodies were %d clean and %d not: the test needs both", cleanSeen, dirtySeen)
	}
}

// TestFieldKey: the in-place match of a field's name gives what
// jsonwire.ConsumeKey and lookup give, on names, near names, escapes,
// white space and cut texts.
func TestFieldKey(t *testing.T) {
	var keys []string
	for f := range numFields {
		n := fieldNames[f]
		keys = append(keys, n, n[:len(n)-1], n+"x", strings.ToUpper(n[:1])+n[1:], `\u00`+strconv.FormatInt(int64(n[0]), 16)+n[1:])
	}
	keys = append(keys, "", "id", "e", "\xff", "%mail")
	for _, k := range keys {
		for _, tail := range []string{`:1`, ` : 1`, `:`, ``, `1`, ` `} {
			b := []byte(`"` + k + `"` + tail)
			for _, cut := range []int{len(b), len(b) - 1, 1, 0} {
				text := b[:max(cut, 0)]
				f, name, next, known := fieldKey(text, 0)
				wantName, wantNext := jsonwire.ConsumeKey(text, 0)
				wantF, wantKnown := lookup(wantName)
				if next != wantNext || next >= 0 && (name != wantName || known != wantKnown || known && f != wantF) {
					t.Errorf("fieldKey(%q) = %v %q %d %v; ConsumeKey and lookup give %v %q %d %v", text, f, name, next, known, wantF, wantName, wantNext, wantKnown)
				}
			}
		}
	}
}
