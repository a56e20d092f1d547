package npm

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/contactrules/contactrules/internal/testenv"
)

// weightBudget is the most a page importing validateCreate alone may
// ship, gzipped: every rule, full phone validity, English messages.
// formatBudget is the most importing formatPhone and AsYouType beside it
// may add, together.
const (
	weightBudget = 45_000
	formatBudget = 15_000
	// adviceBudget is the most importing contactrules/advice's advise
	// beside validateCreate may add (its lists; the phone metadata is
	// shared).
	adviceBudget = 10_000
)

// TestWeight bundles a page that imports validateCreate with esbuild
// (minified) and holds it within its budget, next to libphonenumber-js's
// isValidPhoneNumber measured in the same run.
func TestWeight(t *testing.T) {
	testenv.SkipUnlessLong(t, "bundles the pages with esbuild")
	t.Parallel()
	nodePath := testenv.Node(t)
	testenv.NPMCI(t, "test")
	readSources(t)
	out := run(t, exec.Command(nodePath, "test/size.mjs"))
	var sizes map[string]struct{ Minified, Gzip, Brotli int }
	if err := json.Unmarshal([]byte(out), &sizes); err != nil {
		t.Fatalf("size.mjs: %v\n%s", err, out)
	}
	var table strings.Builder
	fmt.Fprintf(&table, "| bundle (esbuild, minified) | minified | gzip -9 | brotli |\n|---|---:|---:|---:|\n")
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for name := range sizes {
			if !yield(name) {
				return
			}
		}
	}) {
		s := sizes[name]
		fmt.Fprintf(&table, "| %s | %d | %d | %d |\n", name, s.Minified, s.Gzip, s.Brotli)
	}
	t.Logf("\n%s", table.String())
	ours, ok := sizes["contactrules validateCreate"]
	if !ok {
		t.Fatal("size.mjs measured no contactrules bundle")
	}
	if ours.Gzip > weightBudget {
		t.Errorf("validateCreate's bundle is %d bytes gzipped; the budget is %d", ours.Gzip, weightBudget)
	}
	withFormat, ok := sizes["contactrules validateCreate + formatPhone + AsYouType"]
	if !ok {
		t.Fatal("size.mjs measured no bundle with formatPhone and AsYouType")
	}
	if added := withFormat.Gzip - ours.Gzip; added > formatBudget {
		t.Errorf("formatPhone and AsYouType add %d bytes gzipped; the budget is %d", added, formatBudget)
	}
	if added := sizes["contactrules validateCreate + contactrules/advice advise"].Gzip - ours.Gzip; added <= 0 || added > adviceBudget {
		t.Errorf("advise adds %d bytes gzipped; the budget is %d", added, adviceBudget)
	}
}
