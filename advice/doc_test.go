package advice

import (
	"os"
	"strings"
	"testing"
)

// checkBlock holds the generated block name of the file at path (the
// lines between <!-- name:begin … --> and <!-- name:end -->) to want, or
// rewrites it with -update.
func checkBlock(t *testing.T, path, name, want string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	begin := strings.Index(text, "<!-- "+name+":begin")
	end := strings.Index(text, "<!-- "+name+":end -->")
	if begin < 0 || end < begin {
		t.Fatalf("%s has no <!-- %s:begin --> … <!-- %s:end --> block", path, name, name)
	}
	start := begin + strings.Index(text[begin:], "-->\n") + len("-->\n")
	if *update {
		text = text[:start] + want + text[end:]
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got := text[start:end]; got != want {
		t.Errorf("%s's %s block is stale: run go test ./advice -update\ngot:\n%s\nwant:\n%s", path, name, got, want)
	}
}
