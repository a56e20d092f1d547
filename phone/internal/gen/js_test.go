package gen

import (
	"bytes"
	"os"
	"testing"
)

// The JavaScript engine's phone module must be what JS makes from the
// metadata of the phonenumbers version in go.mod; after upgrading
// phonenumbers, run go generate ./npm.
func TestJSIsUpToDate(t *testing.T) {
	for file, source := range map[string]func() ([]byte, error){"phone.mjs": JS, "parsing.mjs": JSParsing, "format.mjs": JSFormats, "examples.mjs": JSExamples} {
		want, err := source()
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile("../../../npm/data/" + file)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("npm/data/%s is stale against the phonenumbers metadata; run go generate ./npm", file)
		}
	}
}
