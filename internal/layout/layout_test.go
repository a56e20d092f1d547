// Package layout holds the test of the module's layering: the import
// order the README states, checked on the packages as they are.
package layout

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/contactrules/contactrules"

// rank is each package's place in the one-way order of imports: a
// package imports only packages of a lower rank. Every package of the
// module is listed, so a new one cannot join without a place.
var rank = map[string]int{
	"internal/jsonwire":  0, // the wire layer, under everything that reads or writes JSON
	"phone/internal/dfa": 0,
	"internal/op":        0, // create, update: the words of both rule tables
	"phone/internal/gen": 0, // the generator: its own program, at go generate time
	"internal/corpus":    0, // the named bodies the tests of every surface share
	"errs":               1,
	"phone":              1,
	"errs/httperr":       2, // the envelope over HTTP: nothing of the rules imports it
	"consent":            2,
	"validate":           3,
	"internal/report":    3,
	"validate/vtags":     4,
	"messages":           4,
	"advice":             4, // imports validate and phone; only programs, the browser build and tests import it
	"bench":              4,
	"internal/testenv":   4,
	"internal/layout":    4,
	"schema":             4, // the API documents, generated from validate's table
	// programs and the tests' packages
	"phone/internal/gen/cmd":   5,
	"cmd/contactcheck":         5,
	"wasm":                     5,
	"bench/count":              5,
	"fuzz":                     5,
	"schema/internal/generate": 5,
	"npm":                      5, // the JavaScript engine's tests
	"npm/gen":                  5, // the JavaScript engine's rules data, at go generate time
	"phone/internal/gen/jscmd": 5, // the JavaScript engine's phone data, likewise
}

// validateImporters are the only packages that may import validate:
// "nothing imports validate but vtags, messages, schema, advice, programs and tests".
var validateImporters = []string{"validate/vtags", "messages", "schema", "schema/internal/generate", "advice", "cmd/contactcheck", "wasm", "bench/count", "npm/gen"}

// adviceImporters are the only packages that may import advice: "nothing
// imports it but programs, the browser package and tests".
var adviceImporters = []string{"cmd/contactcheck", "wasm", "npm/gen"}

// heavy are what the library's packages must not link: an HTTP stack,
// reflection-based JSON, the tag validator and libphonenumber's runtime
// belong to the programs and adapters that want them.
var heavy = []string{"net/http", "net/url", "encoding/json", "reflect", "github.com/go-playground/validator/v10", "github.com/nyaruka/phonenumbers"}

func list(t *testing.T, args ...string) []string {
	out, err := exec.Command("go", append([]string{"list"}, args...)...).Output()
	if err != nil {
		t.Fatalf("go list %v: %v", args, err)
	}
	return strings.Split(strings.TrimSpace(string(out)), "\n")
}

// TestImportsRunOneWay: every import between the module's packages goes
// down the order of rank, and only the listed packages import validate.
func TestImportsRunOneWay(t *testing.T) {
	lines := list(t, "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, module+"/...")
	seen := map[string]bool{}
	for _, line := range lines {
		fields := strings.Fields(line)
		pkg := strings.TrimPrefix(strings.TrimPrefix(fields[0], module), "/")
		seen[pkg] = true
		r, ok := rank[pkg]
		if !ok {
			t.Errorf("package %s has no rank: give it its place in the order", pkg)
			continue
		}
		for _, imp := range fields[1:] {
			dep, inModule := strings.CutPrefix(imp, module+"/")
			if !inModule {
				continue
			}
			if rank[dep] >= r {
				t.Errorf("%s (rank %d) imports %s (rank %d): imports run one way", pkg, r, dep, rank[dep])
			}
			if dep == "validate" && !slices.Contains(validateImporters, pkg) {
				t.Errorf("%s imports validate; only %v may", pkg, validateImporters)
			}
			if dep == "advice" && !slices.Contains(adviceImporters, pkg) {
				t.Errorf("%s imports advice; only %v may", pkg, adviceImporters)
			}
		}
	}
	for pkg := range rank {
		if !seen[pkg] {
			t.Errorf("rank lists %s, which go list does not find", pkg)
		}
	}
}

// TestLibraryStaysLight: the packages a server, a form backend or the
// browser build link (advice included, which the browser build will
// link) hold none of the heavy packages.
func TestLibraryStaysLight(t *testing.T) {
	for _, pkg := range []string{"errs", "phone", "consent", "validate", "advice"} {
		deps := list(t, "-deps", module+"/"+pkg)
		for _, h := range heavy {
			if slices.Contains(deps, h) {
				t.Errorf("%s links %s", pkg, h)
			}
		}
	}
}

// library are the packages a server, a form backend or a client links.
var library = []string{"errs", "errs/httperr", "phone", "phone/internal/dfa", "consent", "validate", "validate/vtags", "messages", "advice", "internal/jsonwire", "internal/report"}

// TestLibraryBuildsEverywhere: no library file has a build constraint,
// so every platform, the browser's included, compiles the same rules.
func TestLibraryBuildsEverywhere(t *testing.T) {
	for _, pkg := range library {
		dir := list(t, "-f", "{{.Dir}}", module+"/"+pkg)[0]
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no Go files in %s (%v)", pkg, dir, err)
		}
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := os.Open(name)
			if err != nil {
				t.Fatal(err)
			}
			sc := bufio.NewScanner(f)
			for sc.Scan() {
				line := sc.Text()
				if strings.HasPrefix(line, "package ") {
					break
				}
				if strings.HasPrefix(line, "//go:build") {
					t.Errorf("%s has a build constraint: %s", name, line)
				}
			}
			f.Close()
		}
	}
}
