package main

import (
	"bytes"
	"os"
	"testing"
)

// rules.mjs must be what the generator makes from the Go code; after a
// change to the rules, run go generate ./npm.
func TestRulesAreUpToDate(t *testing.T) {
	want, err := source()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../data/rules.mjs")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("npm/data/rules.mjs is stale against the Go rules; run go generate ./npm")
	}
}
