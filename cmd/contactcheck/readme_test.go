package main

import (
	"os"
	"strings"
	"testing"
)

// TestReadmeWalkthrough keeps the README's "Checking an import file"
// section true: every line its code blocks show is a line of the example
// file, of the program's golden answers, of its golden -fix output, or the
// golden summary itself.
func TestReadmeWalkthrough(t *testing.T) {
	readme := read(t, "../../README.md")
	start := strings.Index(readme, "## Checking an import file")
	if start < 0 {
		t.Fatal("the README has no section \"Checking an import file\"")
	}
	section := readme[start:]
	if end := strings.Index(section[3:], "\n## "); end >= 0 {
		section = section[:end+3]
	}
	sources := map[string]string{
		"the example file":   read(t, "../../examples/contacts.csv"),
		"the golden answers": read(t, "../../examples/contacts.csv.out.ndjson"),
		"the golden -fix":    read(t, "testdata/contacts.csv.fix.ndjson"),
		"the golden summary": read(t, "testdata/contacts.csv.summary.txt"),
	}
	blocks := strings.Split(section, "```")
	if len(blocks) < 9 {
		t.Fatalf("the section has %d code blocks, want at least 4", len(blocks)/2)
	}
	for i := 1; i < len(blocks); i += 2 {
		block := strings.TrimPrefix(blocks[i], "\n")
	lines:
		for line := range strings.Lines(block) {
			for _, src := range sources {
				if strings.Contains(src, line) {
					continue lines
				}
			}
			t.Errorf("the README shows a line that is in none of the example file and the golden outputs:\n%s", line)
		}
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
