package advice

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// tool returns the path of a program the tests need: in CI a missing one
// fails the test, elsewhere it skips it.
func tool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	msg := fmt.Sprintf("%s not found (%v); install it with: apt-get install -y nodejs npm (Node.js 20 or later)", name, err)
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

var npmOnce sync.Once

// npmCI runs npm ci in oracleDir unless node_modules holds every locked
// package at its locked version.
func npmCI(t *testing.T) {
	t.Helper()
	read := func(file string, v any) bool {
		b, err := os.ReadFile(file)
		return err == nil && json.Unmarshal(b, v) == nil
	}
	var lock struct {
		Packages map[string]struct{ Version string } `json:"packages"`
	}
	if !read(filepath.Join(oracleDir, "package-lock.json"), &lock) || len(lock.Packages) < 2 {
		t.Fatal(oracleDir + "/package-lock.json is missing or locks nothing")
	}
	current := true
	for path, p := range lock.Packages {
		var installed struct{ Version string }
		if path != "" && (!read(filepath.Join(oracleDir, path, "package.json"), &installed) || installed.Version != p.Version) {
			current = false
		}
	}
	if current {
		return
	}
	npm := tool(t, "npm")
	npmOnce.Do(func() {
		cmd := exec.Command(npm, "ci", "--no-audit", "--no-fund")
		cmd.Dir = oracleDir
		run(t, cmd)
	})
}

// run runs cmd, failing the test with its output when it fails.
func run(t *testing.T, cmd *exec.Cmd) []byte {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\nstdout:\n%s\nstderr:\n%s", strings.Join(cmd.Args, " "), err, stdout.Bytes(), stderr.Bytes())
	}
	return stdout.Bytes()
}
