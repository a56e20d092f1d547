package testenv

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// Tool returns the path of a program a test needs. When it is missing the
// test skips, saying how to install it, or fails in CI (CI=true), where
// .ci/run installs everything.
func Tool(t testing.TB, name, install string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	msg := fmt.Sprintf("%s not found (%v); install it with: %s", name, err, install)
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// Node returns the path of node (see Tool).
func Node(t testing.TB) string {
	return Tool(t, "node", "apt-get install -y nodejs npm (Node.js 20 or later)")
}

// npmMu keeps parallel tests from running npm ci in one directory at once.
var npmMu sync.Mutex

// NPMCI runs npm ci in dir unless its node_modules holds every package
// of its package-lock.json at its locked version (it does not on a fresh
// clone, or after the lock changed). Tests that call it may run in
// parallel, in one test binary or in several (go test ./... runs the
// packages' binaries at once, and npm/test serves the tests of npm and
// wasm): a lock on dir keeps a second npm ci from emptying node_modules
// under the first or under a test using it.
func NPMCI(t testing.TB, dir string) {
	t.Helper()
	npmMu.Lock()
	defer npmMu.Unlock()
	unlock, err := lockDir(dir)
	if err != nil {
		t.Fatalf("locking %s for npm ci: %v", dir, err)
	}
	defer unlock()
	read := func(file string, v any) bool {
		b, err := os.ReadFile(file)
		return err == nil && json.Unmarshal(b, v) == nil
	}
	var lock struct {
		Packages map[string]struct {
			Version  string
			Optional bool // platform builds, installed only on their platform
		} `json:"packages"`
	}
	if !read(filepath.Join(dir, "package-lock.json"), &lock) || len(lock.Packages) < 2 {
		t.Fatalf("%s/package-lock.json is missing or locks nothing", dir)
	}
	current := true
	for path, p := range lock.Packages {
		var installed struct{ Version string }
		if path != "" && !p.Optional && (!read(filepath.Join(dir, path, "package.json"), &installed) || installed.Version != p.Version) {
			current = false
		}
	}
	if current {
		return
	}
	npm := Tool(t, "npm", "apt-get install -y nodejs npm (Node.js 20 or later)")
	cmd := exec.Command(npm, "ci", "--no-audit", "--no-fund")
	cmd.Dir = dir
	// playwright-core downloads no browser, but a package that depends on
	// playwright would: the browser tests use Debian's chromium.
	cmd.Env = append(os.Environ(), "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("npm ci in %s: %v\n%s", dir, err, out)
	}
}
