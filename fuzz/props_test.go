package fuzz

import (
	"bytes"
	"encoding/json"
	"flag"
	"math/rand"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/internal/report"
	"github.com/contactrules/contactrules/internal/testenv"
	"github.com/contactrules/contactrules/validate"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/prop"
)

// Every property runs with a fixed seed, so that CI is reproducible, and
// 500 cases (10,000 with CONTACTRULES_LONG=1, as in CI; see
// internal/testenv); run-long.sh passes other seeds and more cases.
var (
	propSeed  = flag.Int64("props.seed", 20261126, "seed of the property tests")
	propCases = flag.Int("props.cases", 0, "successful cases each property must pass (0: 500, or 10000 with CONTACTRULES_LONG=1)")
)

// cases returns how many successful cases each property must pass.
func cases() int {
	if *propCases > 0 {
		return *propCases
	}
	return testenv.Cases(500, 10_000)
}

func properties() *gopter.Properties {
	params := gopter.DefaultTestParametersWithSeed(*propSeed)
	params.MinSuccessfulTests = cases()
	return gopter.NewProperties(params)
}

// from makes a gopter generator of a function of a random source. The
// values are built, not shrunk: a failure prints the whole sample, which
// carries the body, the policy and the stored contact.
func from[T any](f func(*rand.Rand) T) gopter.Gen {
	return func(p *gopter.GenParameters) *gopter.GenResult {
		return gopter.NewGenResult(f(p.Rng), gopter.NoShrinker)
	}
}

// An answer is what checking a body gives: the contact of a create or
// the patch of an update, the effects, and the details.
type answer struct {
	c   validate.Contact
	p   validate.Patch
	eff consent.Effects
	ds  []errs.FieldError
}

// check checks body as the sample's operation does.
func (s *sample) check(body []byte, pol validate.Policy) answer {
	var a answer
	if s.d.op == opCreate {
		a.c, a.eff, a.ds = validate.CreateJSON(body, pol)
	} else {
		a.p, a.eff, a.ds = validate.UpdateJSON(s.d.current, body, pol)
	}
	return a
}

func (s *sample) run() answer { return s.check(s.body, s.policy) }

func (s *sample) isKey(k string) bool { return slices.Contains(s.keys, k) }

func genDraft(r *rand.Rand) *draft {
	if r.Intn(2) == 0 {
		return genCreate(r)
	}
	return genUpdate(r)
}

// withDefects applies up to n defects that touch nothing in common, of
// those keep allows; one of them may be one that stands alone only when
// n is 1. Extras come last: a repeated member repeats a field as the
// other defects left it.
func withDefects(r *rand.Rand, d *draft, n int, keep func(defect) bool) *draft {
	var chosen []defect
	var touched uint32
	for _, i := range r.Perm(len(catalogue)) {
		if len(chosen) == n {
			break
		}
		x := catalogue[i]
		if x.ops&d.op == 0 || x.touches&touched != 0 || x.alone && n > 1 || !keep(x) {
			continue
		}
		chosen = append(chosen, x)
		touched |= x.touches
	}
	slices.SortStableFunc(chosen, func(a, b defect) int {
		return int(a.touches>>16) - int(b.touches>>16)
	})
	for _, x := range chosen {
		x.apply(r, d)
		d.defects = append(d.defects, x.name)
	}
	return d
}

func anyDefect(defect) bool { return true }

func oneDefect(r *rand.Rand) *sample { return withDefects(r, genDraft(r), 1, anyDefect).render(r) }

func someDefects(r *rand.Rand) *sample {
	return withDefects(r, genDraft(r), 2+r.Intn(3), anyDefect).render(r)
}

// anySample is valid, or carries one or several defects.
func anySample(r *rand.Rand) *sample {
	switch r.Intn(3) {
	case 0:
		return genDraft(r).render(r)
	case 1:
		return oneDefect(r)
	}
	return someDefects(r)
}

// structSample is a sample a Contact or Patch can express.
func structSample(r *rand.Rand) *sample {
	for {
		d := withDefects(r, genDraft(r), r.Intn(4), func(x defect) bool { return !x.json })
		if s := d.render(r); s.structOK() {
			return s
		}
	}
}

// sameDetails returns "" when got are exactly want.
func sameDetails(got, want []errs.FieldError) string {
	g, w := details(got), details(want)
	if slices.Equal(g, w) {
		return ""
	}
	return "details\n got: " + strings.Join(g, "\n      ") + "\nwant: " + strings.Join(w, "\n      ")
}

// checkDetails returns "" when ds keep the promises every answer keeps:
// each detail is one the contract allows, once per field and rule, in the contract's
// order, without any submitted value, and the Result JSON of ds and eff
// reads back as them.
func checkDetails(ds []errs.FieldError, eff consent.Effects, p validate.Policy, isKey func(string) bool, values, keys []string) string {
	for _, d := range ds {
		if msg := judge(d, p, isKey); msg != "" {
			return msg
		}
	}
	for _, msg := range []string{onePerFieldAndRule(ds), inSpecOrder(ds, isKey), leaks(ds, p, values, keys), resultReadsBack(ds, eff)} {
		if msg != "" {
			return msg
		}
	}
	return ""
}

// leaks returns "" when no detail holds a submitted value of four bytes
// or more. A value that is a word of a fixed message or a key is not
// told apart from it: the contract's messages and the keys are not values.
func leaks(ds []errs.FieldError, p validate.Policy, values, keys []string) string {
	for _, v := range values {
		if len(v) < 4 || inCatalogue(v, p) {
			continue
		}
		for _, d := range ds {
			if strings.Contains(d.Message, v) {
				return "the message of " + d.Field + " holds a submitted value"
			}
			if strings.Contains(d.Field, v) && !slices.ContainsFunc(keys, func(k string) bool { return strings.Contains(k, v) }) {
				return "the field " + d.Field + " holds a submitted value"
			}
		}
	}
	return ""
}

// resultReadsBack returns "" when report.AppendResult writes JSON that
// encoding/json reads back as the same result.
func resultReadsBack(ds []errs.FieldError, eff consent.Effects) string {
	out := report.AppendResult(nil, ds, eff)
	var got struct {
		OK    bool `json:"ok"`
		Error *struct {
			Code    errs.Code         `json:"code"`
			Message string            `json:"message"`
			Details []errs.FieldError `json:"details"`
		} `json:"error"`
		Effects *consent.Effects `json:"effects"`
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil || dec.More() {
		return "the result line is not one JSON object: " + string(out)
	}
	switch {
	case len(ds) == 0 && (!got.OK || got.Error != nil || got.Effects == nil || *got.Effects != eff):
		return "an OK result reads back wrong: " + string(out)
	case len(ds) > 0 && (got.OK || got.Effects != nil || got.Error == nil || got.Error.Code != errs.ValidationFailed ||
		got.Error.Message != errs.ValidationFailed.Message() || !reflect.DeepEqual(got.Error.Details, ds)):
		return "a failed result reads back wrong: " + string(out)
	}
	return ""
}

func (s *sample) checkDetails(ds []errs.FieldError, eff consent.Effects) string {
	return checkDetails(ds, eff, s.policy, s.isKey, s.values, s.keys)
}

// seen counts what generated cases exercised, so that a test can fail
// when a generator stops reaching a case it is meant to reach.
type seen map[string]int

// atLeast fails t for every name met fewer than n times.
func (c seen) atLeast(t *testing.T, n int, names ...string) {
	t.Helper()
	for _, name := range names {
		if c[name] < n {
			t.Errorf("%q was generated %d times, want at least %d", name, c[name], n)
		}
	}
}

func TestValidPayloads(t *testing.T) {
	props := properties()
	met := seen{}
	count := func(s *sample, a answer) {
		met[s.d.op.String()]++
		for name, hit := range map[string]bool{
			"welcome_sms":           a.eff.WelcomeSMS,
			"welcome suppressed":    s.d.noWelcome() && s.d.f[fSMSC].s == "subscribed",
			"email_unsuppressed":    a.eff.EmailUnsuppressed,
			"both defaults":         a.eff.DefaultsApplied == consent.DefaultedEmail|consent.DefaultedSMS,
			"legacy word":           s.d.f[fEmailC].s == "non_subscribed" || s.d.f[fSMSC].s == "non_subscribed",
			"tags at the limit":     len(s.d.f[fTags].list) == limitsOf(s.policy).tags,
			"name at the limit":     utf8.RuneCountInString(s.d.f[fFirst].s) == limitsOf(s.policy).name,
			"custom fields":         len(s.d.f[fCustom].obj) > 0,
			"cleared by null":       s.d.op == opUpdate && s.d.f[fTags].kind == vNull,
			"SMS region by policy":  !s.policy.SMSRegions.IsZero() && s.d.f[fSMSC].s == "single_opt_in",
			"possible-only phone":   s.policy.PossiblePhoneOnly && s.d.f[fPhone].kind == vString,
			"email set on update":   s.d.op == opUpdate && s.d.current.Email == "" && s.d.f[fEmail].s != "",
			"phone again on update": s.d.op == opUpdate && s.d.current.PhoneNumber != "" && s.d.f[fPhone].s != "",
			"email again, other case": s.d.op == opUpdate && s.d.current.Email != "" && s.d.f[fEmail].kind == vString &&
				s.d.f[fEmail].s != s.d.current.Email,
		} {
			if hit {
				met[name]++
			}
		}
	}
	props.Property("create: a valid payload has no details and gives the contact sent, with consent defaults and effects",
		prop.ForAll(func(s *sample) string {
			a := s.run()
			count(s, a)
			if a.ds != nil {
				return sameDetails(a.ds, nil)
			}
			wc, we := s.wantContact()
			return sameContact(a.c, wc) + sameEffects(a.eff, we) + s.checkDetails(a.ds, a.eff)
		}, from(func(r *rand.Rand) *sample { return genCreate(r).render(r) })))
	props.Property("update: a valid patch has no details, and Apply gives the contact expected, with its effects",
		prop.ForAll(func(s *sample) string {
			a := s.run()
			count(s, a)
			if a.ds != nil {
				return sameDetails(a.ds, nil)
			}
			if want := s.patch().Set; a.p.Set != want {
				return "Set is " + setNames(a.p.Set) + ", want " + setNames(want)
			}
			wc, we := s.wantApplied()
			return sameContact(a.p.Apply(s.d.current), wc) + sameEffects(a.eff, we) + s.checkDetails(a.ds, a.eff)
		}, from(func(r *rand.Rand) *sample { return genUpdate(r).render(r) })))
	props.TestingRun(t)
	met.atLeast(t, cases(), "create", "update")
	met.atLeast(t, max(1, cases()/1000), "welcome_sms", "welcome suppressed", "email_unsuppressed", "both defaults", "legacy word",
		"tags at the limit", "name at the limit", "custom fields", "cleared by null", "SMS region by policy",
		"possible-only phone", "email set on update", "phone again on update", "email again, other case")
}

func setNames(s validate.Fields) string {
	var names []string
	for f := range validate.Field(numFields) {
		if s.Has(f) {
			names = append(names, f.String())
		}
	}
	return "[" + strings.Join(names, " ") + "]"
}

func TestInjectedDefects(t *testing.T) {
	props := properties()
	met := seen{}
	props.Property("one injected defect gives exactly its detail, with the contract's field, message and rule",
		prop.ForAll(func(s *sample) string {
			if len(s.want) > 1 {
				return "the generator expects more than one detail"
			}
			a := s.run()
			for _, name := range s.d.defects {
				met[s.d.op.String()+": "+name]++
			}
			if msg := sameDetails(a.ds, s.want); msg != "" {
				return msg
			}
			if a.ds != nil && (!reflect.DeepEqual(a.c, validate.Contact{}) || !reflect.DeepEqual(a.p, validate.Patch{})) {
				return "a refused payload returned a contact or patch"
			}
			return s.checkDetails(a.ds, a.eff)
		}, from(oneDefect)))
	props.Property("several defects give exactly their details, in the contract's order",
		prop.ForAll(func(s *sample) string {
			a := s.run()
			if msg := sameDetails(a.ds, s.want); msg != "" {
				return msg
			}
			return s.checkDetails(a.ds, a.eff)
		}, from(someDefects)))
	props.TestingRun(t)
	for _, x := range catalogue {
		for _, o := range []op{opCreate, opUpdate} {
			if x.ops&o != 0 {
				met.atLeast(t, max(1, cases()/500), o.String()+": "+x.name)
			}
		}
	}
}

func TestStructAgrees(t *testing.T) {
	props := properties()
	props.Property("Create and Update give the details CreateJSON and UpdateJSON give for the same payload",
		prop.ForAll(func(s *sample) string {
			want := s.run().ds
			var got []errs.FieldError
			if s.d.op == opCreate {
				_, _, got = validate.Create(s.contact(), s.policy)
			} else {
				_, _, got = validate.Update(s.d.current, s.patch(), s.policy)
			}
			return sameDetails(got, want) + sameDetails(want, s.want)
		}, from(structSample)))
	props.TestingRun(t)
}

func TestDeterministic(t *testing.T) {
	props := properties()
	props.Property("the same payload always gives the same bytes, whatever the caller does to its buffer",
		prop.ForAll(func(s *sample) string {
			answer := func(body []byte, p validate.Policy) string {
				a := s.check(body, p)
				for i := range body {
					body[i] = 'X' // nothing returned may alias the body
				}
				js, _ := json.Marshal(struct{ C, P any }{a.c, a.p})
				return string(report.AppendResult(nil, a.ds, a.eff)) + string(js)
			}
			first := answer(bytes.Clone(s.body), s.policy)
			if again := answer(bytes.Clone(s.body), s.policy); again != first {
				return "second answer differs:\n" + first + "\n" + again
			}
			if reflect.DeepEqual(s.policy, validate.Policy{}) {
				if spelled := answer(bytes.Clone(s.body), validate.DefaultPolicy()); spelled != first {
					return "DefaultPolicy answers otherwise than the zero Policy:\n" + first + "\n" + spelled
				}
			}
			return ""
		}, from(anySample)))
	props.TestingRun(t)
}

func TestNoValueInDetails(t *testing.T) {
	props := properties()
	props.Property("no detail holds a submitted email, phone number, name, tag or custom field value",
		prop.ForAll(func(s *sample) string {
			a := s.run()
			return leaks(a.ds, s.policy, s.values, s.keys) + s.checkDetails(a.ds, a.eff)
		}, from(anySample)))
	props.TestingRun(t)
}
