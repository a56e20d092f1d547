package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"testing"

	"github.com/contactrules/contactrules/internal/testenv"
	"github.com/contactrules/contactrules/validate"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// goSchemas compiles the create and update schemas of every test policy
// with santhosh-tekuri/jsonschema, an implementation of draft 2020-12
// that shares no code with this package: [policy][0] creates, [1] patches.
func goSchemas(t testing.TB) [][2]*jsonschema.Schema {
	out := make([][2]*jsonschema.Schema, len(policies()))
	for i, p := range policies() {
		for j, doc := range [][]byte{Create(p), Update(p)} {
			v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
			if err != nil {
				t.Fatal(err)
			}
			c := jsonschema.NewCompiler()
			c.AssertFormat() // none is used; were one added, it would be asserted, not ignored
			url := fmt.Sprintf("mem://policy%d/%d.json", i, j)
			if err := c.AddResource(url, v); err != nil {
				t.Fatal(err)
			}
			if out[i][j], err = c.Compile(url); err != nil {
				t.Fatalf("policy %d: %v", i, err)
			}
		}
	}
	return out
}

// goAccepts reports whether the body is one JSON value the schema
// accepts; a text that is not JSON gives no value to accept.
func goAccepts(s *jsonschema.Schema, body []byte) (bool, error) {
	if !json.Valid(body) {
		return false, fmt.Errorf("not JSON")
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		return false, err
	}
	err = s.Validate(v)
	return err == nil, err
}

// generatedCount is how many bodies the validators judge beyond the
// conformance corpus: 2,000 by default, 20,000 in the long runs (CI).
func generatedCount() int { return testenv.Cases(2_000, 20_000) }

// TestGoValidatorSoundAndComplete: over the conformance corpus and the
// generated bodies, the schemas never refuse a body validate accepts
// (sound), and refuse every body validate refuses only for what they
// can say (complete on what they express), by santhosh-tekuri/jsonschema.
func TestGoValidatorSoundAndComplete(t *testing.T) {
	schemas := goSchemas(t)
	cases := allCases(t)
	holdsSoundAndComplete(t, "santhosh-tekuri/jsonschema", cases, func(i int) (bool, string) {
		c := cases[i]
		ok, err := goAccepts(schemas[c.policy][c.schemaIndex()], c.body)
		if err != nil {
			return ok, err.Error()
		}
		return ok, ""
	})
}

// allCases are the conformance corpus and the generated bodies.
func allCases(t *testing.T) []bodyCase {
	corpus, err := conformance()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("the conformance corpus and the edges: %d bodies; generated: %d", len(corpus), generatedCount())
	return append(corpus, generated(generatedCount())...)
}

// schemaIndex is the case's schema among a policy's two: 0 creates, 1
// patches.
func (c *bodyCase) schemaIndex() int {
	if c.on == update {
		return 1
	}
	return 0
}

// holdsSoundAndComplete checks a validator's verdicts on the cases:
// accepts(i) says whether it accepts case i and why not.
func holdsSoundAndComplete(t *testing.T, validator string, cases []bodyCase, accepts func(i int) (bool, string)) {
	t.Helper()
	var accepted, expressible, refusedBeyond, unexpressed, failures int
	fail := func(format string, args ...any) {
		if failures++; failures <= 20 {
			t.Errorf(format, args...)
		}
	}
	for i, c := range cases {
		ok, why := accepts(i)
		switch {
		case c.details == nil:
			accepted++
			if !ok {
				fail("unsound: %s %v body %s (policy %d, %s) is accepted by validate, refused by %s: %s", c.on, c.current, strconv.Quote(string(c.body)), c.policy, c.origin, validator, why)
			}
		case c.expressible():
			expressible++
			if ok {
				fail("incomplete: %s %v body %s (policy %d, %s) is refused by validate only for what the schema says, %v, yet %s accepts it", c.on, c.current, strconv.Quote(string(c.body)), c.policy, c.origin, c.details, validator)
			}
		case !ok:
			refusedBeyond++
		default:
			unexpressed++
		}
	}
	if failures > 20 {
		t.Errorf("... %d failures in all", failures)
	}
	t.Logf("%s, %d bodies: %d accepted by both; %d refused only for what the schema says, refused by both; %d refused for more, refused by the schema too; %d refused for what only the server checks, accepted by the schema",
		validator, len(cases), accepted, expressible, refusedBeyond, unexpressed)
	// The generator must reach both sides, or the test says nothing.
	if accepted < len(cases)/10 || expressible < len(cases)/10 || unexpressed == 0 {
		t.Errorf("the corpus is lopsided: %d accepted, %d expressible refusals, %d unexpressed", accepted, expressible, unexpressed)
	}
}

func (o op) String() string { return map[op]string{create: "create", update: "update"}[o] }

// TestEveryKeywordIsNeeded: the corpus is strong enough to notice any
// rule's keywords missing. With one rule's keywords left out, some body
// validate refuses only for what the full schemas say is accepted by the
// Go validator; so the soundness and completeness tests above would
// notice a rule expressed wrongly, not only one expressed not at all.
// The consent fields' type rules are the exception: their enum lists
// strings and null only, so it refuses every other type by itself.
// (Never parallel: it changes the catalog, which the parallel tests read
// only once every test that is not parallel has ended.)
func TestEveryKeywordIsNeeded(t *testing.T) {
	implied := map[validate.RuleID]bool{validate.RuleEmailConsentType: true, validate.RuleSMSConsentType: true}
	corpus, err := conformance()
	if err != nil {
		t.Fatal(err)
	}
	cases := append(corpus, generated(testenv.Cases(0, 4_000))...)
	var expressible []bodyCase
	for _, c := range cases {
		if c.expressible() {
			expressible = append(expressible, c)
		}
	}
	for id, e := range catalog {
		if e.says == nil || implied[id] {
			continue
		}
		catalog[id] = entry{unsaid: says("left out by TestEveryKeywordIsNeeded")}
		schemas := goSchemas(t)
		catalog[id] = e
		caught := 0
		for _, c := range expressible {
			if ok, _ := goAccepts(schemas[c.policy][c.schemaIndex()], c.body); ok {
				caught++
			}
		}
		if caught == 0 {
			t.Errorf("without the keywords of %v, the schemas still refuse every body refused for what they say: the corpus does not reach the rule", id)
		}
	}
}
