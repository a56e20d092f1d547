package dfa

import (
	"bytes"
	"os"
	"testing"

	"github.com/contactrules/contactrules/phone/internal/gen"
)

// tables.go must be what the generator makes from the metadata of the
// phonenumbers version in go.mod; after upgrading phonenumbers, run
// go generate ./phone/internal/dfa.
func TestTablesAreUpToDate(t *testing.T) {
	want, err := gen.Source()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("tables.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("tables.go is stale against the phonenumbers metadata; run go generate ./phone/internal/dfa")
	}
	t.Logf("tables: %d bytes of data, of which %d in the automaton", len(stateTable)+len(rowTable)+len(outcomeTable)+len(regionCodes)+
		len(parseStates)+len(parseRows)+len(entityTable)+len(codeEntities)+len(shapeIndex)+len(shapeText)+
		len(formatTable)+len(formatText)+len(exampleIndex)+len(exampleData),
		len(stateTable)+len(rowTable)+len(outcomeTable)+len(regionCodes))
}
