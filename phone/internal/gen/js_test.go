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
	want, err := JS()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../../npm/data/phone.mjs")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("npm/data/phone.mjs is stale against the phonenumbers metadata; run go generate ./npm")
	}
}
