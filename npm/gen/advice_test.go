package main

import (
	"bytes"
	"os"
	"testing"
)

// advice.mjs must be what the generator makes from package advice; after
// a change to its rules or lists, run go generate ./npm.
func TestAdviceIsUpToDate(t *testing.T) {
	got, err := os.ReadFile("../data/advice.mjs")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, adviceSource()) {
		t.Fatal("npm/data/advice.mjs is stale against package advice; run go generate ./npm")
	}
}
