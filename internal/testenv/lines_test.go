package testenv

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// A Lines file holds, once closed, its JSON values and its text, a line
// each, in the order written.
func TestLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cases.ndjson")
	l := CreateLines(t, path)
	l.Encode(map[string]string{"a": "<b>"})
	fmt.Fprintf(l, "%s %d\n", "text", 7)
	l.Encode([]int{1, 2})
	l.Close()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := "{\"a\":\"\\u003cb\\u003e\"}\ntext 7\n[1,2]\n"; string(got) != want {
		t.Errorf("the file holds %q; want %q", got, want)
	}
}
