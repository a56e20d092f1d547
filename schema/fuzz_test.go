package schema

import (
	"strconv"
	"testing"
)

// FuzzSchemas: for any body, policy and stored contact, the Go validator
// accepts what validate accepts and refuses what validate refuses only
// for what the schemas say. Its seeds are the conformance corpus and
// the edges; `go test ./schema -fuzz FuzzSchemas` explores further.
func FuzzSchemas(f *testing.F) {
	corpus, err := conformance()
	if err != nil {
		f.Fatal(err)
	}
	seen := map[string]bool{}
	for _, c := range corpus {
		if key := string(c.body) + c.on.String(); !seen[key] {
			seen[key] = true
			f.Add(c.body, uint8(0), c.on == update)
		}
	}
	schemas := goSchemas(f)
	f.Fuzz(func(t *testing.T, body []byte, choice uint8, patch bool) {
		c := bodyCase{on: create, policy: int(choice) % len(policies()), body: body, origin: "fuzz"}
		if patch {
			c.on = update
			c.current = storedContacts[int(choice)/len(policies())%len(storedContacts)]
		}
		c.judge()
		ok, why := goAccepts(schemas[c.policy][c.schemaIndex()], body)
		switch {
		case c.details == nil && !ok:
			t.Fatalf("unsound: %s %v body %s (policy %d) is accepted by validate, refused by the schema: %v", c.on, c.current, strconv.Quote(string(body)), c.policy, why)
		case c.expressible() && ok:
			t.Fatalf("incomplete: %s %v body %s (policy %d) is refused only for what the schema says, %v, yet the schema accepts it", c.on, c.current, strconv.Quote(string(body)), c.policy, c.details)
		}
	})
}
