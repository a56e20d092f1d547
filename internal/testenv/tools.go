package testenv

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Tool returns the path of a program a test needs (node, npm). In CI
// (CI=true) a missing one fails the test; elsewhere it skips it, saying
// how to install it.
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

// NodeInstall is how Tool's message says to install node and npm.
const NodeInstall = "apt-get install -y nodejs npm (Node.js 20 or later)"

// NPMCI runs npm ci in dir unless its node_modules holds every package
// its package-lock.json locks, at the locked version (it does not on a
// fresh clone, or after the lock changed). Optional packages (platform
// builds) are not required.
func NPMCI(t testing.TB, dir string) {
	t.Helper()
	read := func(file string, v any) bool {
		b, err := os.ReadFile(file)
		return err == nil && json.Unmarshal(b, v) == nil
	}
	var lock struct {
		Packages map[string]struct {
			Version  string
			Optional bool
		} `json:"packages"`
	}
	if !read(filepath.Join(dir, "package-lock.json"), &lock) || len(lock.Packages) < 2 {
		t.Fatal(dir + "/package-lock.json is missing or locks nothing")
	}
	for path, p := range lock.Packages {
		var installed struct{ Version string }
		if path != "" && !p.Optional && (!read(filepath.Join(dir, path, "package.json"), &installed) || installed.Version != p.Version) {
			cmd := exec.Command(Tool(t, "npm", NodeInstall), "ci", "--no-audit", "--no-fund")
			cmd.Dir = dir
			Run(t, cmd)
			return
		}
	}
}

// Run runs cmd and returns its standard output, failing the test with
// both outputs when it fails.
func Run(t testing.TB, cmd *exec.Cmd) []byte {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\nstdout:\n%s\nstderr:\n%s", strings.Join(cmd.Args, " "), err, stdout.Bytes(), stderr.Bytes())
	}
	return stdout.Bytes()
}
