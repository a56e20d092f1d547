package main

import (
	"bytes"
	"os"
	"testing"
)

// npm/data/asyoutype.mjs must hold the tables package dfa holds now;
// after regenerating them, run go generate ./npm.
func TestAsYouTypeIsUpToDate(t *testing.T) {
	got, err := os.ReadFile("../../../../npm/data/asyoutype.mjs")
	if err != nil {
		t.Fatal(err)
	}
	want, err := asYouType()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("npm/data/asyoutype.mjs is stale against package dfa's tables; run go generate ./npm")
	}
}
