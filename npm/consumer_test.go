package npm

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contactrules/contactrules/internal/testenv"
)

// TestConsumer packs the package as its author would (npm pack, whose
// prepack builds the WebAssembly entry), installs the tarball offline in
// a fresh project, and uses it there from Node.js ESM (the engine, its
// Standard Schema objects, and contactrules/wasm agreeing with it) and
// from TypeScript --strict.
func TestConsumer(t *testing.T) {
	testenv.SkipUnlessLong(t, "packing builds the WebAssembly entry")
	nodePath := testenv.Node(t)
	npm := testenv.Tool(t, "npm", "apt-get install -y nodejs npm (Node.js 20 or later)")
	testenv.NPMCI(t, "test")
	readSources(t)
	dir := t.TempDir()
	env := append(os.Environ(), "npm_config_update_notifier=false", "npm_config_fund=false", "npm_config_audit=false")
	pack := exec.Command(npm, "pack", "--offline", "--loglevel=warn", "--foreground-scripts", "--pack-destination", dir)
	pack.Env = env
	out := run(t, pack)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	tarball := filepath.Join(dir, lines[len(lines)-1])
	if !strings.HasSuffix(tarball, ".tgz") {
		t.Fatalf("npm pack named no tarball:\n%s", out)
	}

	project := filepath.Join(dir, "project")
	if err := os.MkdirAll(project, 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{"package.json": `{"name":"consumer","private":true,"type":"module"}`}
	for _, name := range []string{"consumer.mjs", "consumer.mts", "tsconfig.json"} {
		b, err := os.ReadFile(filepath.Join("test", "consumer", name))
		if err != nil {
			t.Fatal(err)
		}
		files[name] = string(b)
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(project, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	install := exec.Command(npm, "install", "--offline", "--no-audit", "--no-fund", tarball)
	install.Dir, install.Env = project, env
	run(t, install)

	node := exec.Command(nodePath, "consumer.mjs")
	node.Dir = project
	t.Log(run(t, node))

	tsc, err := filepath.Abs(filepath.Join("test", "node_modules", ".bin", "tsc"))
	if err != nil {
		t.Fatal(err)
	}
	compile := exec.Command(tsc, "-p", ".")
	compile.Dir = project
	run(t, compile)
}
