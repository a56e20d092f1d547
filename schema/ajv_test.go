package schema

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"unicode/utf8"
)

// TestAjvSoundAndComplete: the same corpus judged by ajv in Node.js
// (test/ajv.mjs), a second implementation of draft 2020-12 and the one
// JavaScript clients use: sound and complete on what the schemas say,
// as with the Go validator, and of the same verdict as it on every body
// both read alike (valid UTF-8 without surrogate escapes).
func TestAjvSoundAndComplete(t *testing.T) {
	t.Parallel()
	nodePath := npmCI(t)
	cases := allCases(t)
	type input struct {
		S int    `json:"s"`
		B string `json:"b"`
	}
	var in struct {
		Schemas []json.RawMessage `json:"schemas"`
		Cases   []input           `json:"cases"`
	}
	for _, p := range policies() {
		in.Schemas = append(in.Schemas, Create(p), Update(p))
	}
	for _, c := range cases {
		in.Cases = append(in.Cases, input{2*c.policy + c.schemaIndex(), base64.StdEncoding.EncodeToString(c.body)})
	}
	file := filepath.Join(t.TempDir(), "cases.json")
	b, _ := json.Marshal(in)
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	var verdicts [][3]any
	out := run(t, exec.Command(nodePath, "test/ajv.mjs", file))
	if err := json.Unmarshal(out, &verdicts); err != nil || len(verdicts) != len(cases) {
		t.Fatalf("ajv.mjs printed %d verdicts for %d cases (%v)", len(verdicts), len(cases), err)
	}
	holdsSoundAndComplete(t, "ajv", cases, func(i int) (bool, string) {
		return verdicts[i][0].(bool), verdicts[i][1].(string)
	})

	schemas := goSchemas(t)
	disagree := 0
	for i, c := range cases {
		goOK, _ := goAccepts(schemas[c.policy][c.schemaIndex()], c.body)
		if goOK != verdicts[i][0].(bool) && utf8.Valid(c.body) && !surrogate.Match(c.body) {
			if disagree++; disagree <= 10 {
				t.Errorf("body %q (policy %d): santhosh-tekuri/jsonschema accepts it: %v, ajv: %v (%s)", c.body, c.policy, goOK, verdicts[i][0], verdicts[i][1])
			}
		}
	}
	nonFinite := 0
	for _, v := range verdicts {
		if v[2].(bool) {
			nonFinite++
		}
	}
	t.Logf("ajv and santhosh-tekuri/jsonschema disagree on %d of %d bodies read alike; %d bodies hold a number JavaScript reads as Infinity (ajv runs with strictNumbers: false for them)", disagree, len(cases), nonFinite)
}

// npmCI installs test/'s locked devDependencies with npm ci unless
// node_modules already holds them, and returns node's path. Without
// node or npm the test skips, saying how to install them; with CI=true
// it fails.
func npmCI(t *testing.T) string {
	t.Helper()
	nodePath := tool(t, "node")
	npmPath := tool(t, "npm")
	installing.Lock() // the tests that need it run in parallel
	defer installing.Unlock()
	lock, err := os.ReadFile(filepath.Join("test", "package-lock.json"))
	if err != nil {
		t.Fatal(err)
	}
	installed, _ := os.ReadFile(filepath.Join("test", "node_modules", ".package-lock.json"))
	if !sameLock(lock, installed) {
		cmd := exec.Command(npmPath, "ci", "--no-audit", "--no-fund", "--ignore-scripts")
		cmd.Dir = "test"
		cmd.Env = append(os.Environ(), "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1", "SCARF_ANALYTICS=false", "npm_config_update_notifier=false")
		run(t, cmd)
	}
	return nodePath
}

// installing serialises npmCI.
var installing sync.Mutex

// sameLock reports whether node_modules/.package-lock.json (what npm
// installed) locks the packages package-lock.json does.
func sameLock(lock, installed []byte) bool {
	var a, b struct {
		Packages map[string]struct{ Version string } `json:"packages"`
	}
	if json.Unmarshal(lock, &a) != nil || json.Unmarshal(installed, &b) != nil {
		return false
	}
	for path, p := range a.Packages {
		if path != "" && b.Packages[path].Version != p.Version {
			return false
		}
	}
	return true
}

// tool returns the path of a program the test needs; it skips without
// it, or fails in CI, where .ci/run installs everything.
func tool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	msg := fmt.Sprintf("%s not found (%v); install Node.js 20 or later with npm (apt-get install -y nodejs npm)", name, err)
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// run runs cmd and returns its standard output; it fails the test with
// the standard error when cmd fails.
func run(t *testing.T, cmd *exec.Cmd) []byte {
	t.Helper()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%v: %v\n%s\n%s", cmd.Args, err, out, stderr.Bytes())
	}
	return out
}
