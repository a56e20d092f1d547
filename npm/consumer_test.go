package npm

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/contactrules/contactrules/internal/testenv"
	"github.com/contactrules/contactrules/messages"
)

// tarballBudget is the most the packed package may weigh (gzip, as npm
// downloads it): its wasm/ was 861,509 B gzip -9 when this was written
// (contactrules.wasm is most of it, under wasm's own budget of 1,000,000),
// the engine, its data and the rest 126,257 B; 1,018,218 B packed.
const tarballBudget = 1_100_000

// shipped are the files the package ships besides the catalogs: the
// engine and its data as they are in the repository, the wasm entry (the
// checked-in module and types, the module build.sh builds, Go's
// wasm_exec.js), its README. No test, Go file or contactrules.d.mts.
func shipped(t *testing.T) []string {
	files := []string{"README.md", "package.json", "wasm/contactrules.d.ts", "wasm/contactrules.mjs", "wasm/contactrules.wasm", "wasm/wasm_exec.js"}
	for _, pattern := range []string{"engine/*.mjs", "engine/*.d.ts", "data/*.mjs"} {
		more, err := filepath.Glob(pattern)
		if err != nil || len(more) == 0 {
			t.Fatalf("%s: %v, %d files", pattern, err, len(more))
		}
		files = append(files, more...)
	}
	return files
}

// TestConsumer packs the package as its author would (npm pack, whose
// prepack builds the WebAssembly entry into wasm/), checks what the
// tarball holds and weighs (the catalogs being the Go package's files,
// byte for byte), installs it offline in a fresh project, and uses it
// there from Node.js ESM (the engine, its Standard Schema objects, and
// contactrules/wasm agreeing with it, localizing, and reading a catalog
// as contactrules/messages/ja.json) and from TypeScript --strict under
// both of TypeScript's ways of resolving a package (consumer.mts, and
// wasm.mts for the wasm entry: a consumer of every type, with
// @ts-expect-error on misuses).
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
	checkTarball(t, tarball)

	project := filepath.Join(dir, "project")
	if err := os.MkdirAll(project, 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{"package.json": `{"name":"consumer","private":true,"type":"module"}`}
	for _, name := range []string{"consumer.mjs", "consumer.mts", "wasm.mts", "tsconfig.json"} {
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
	for _, resolution := range [][]string{nil, {"--module", "esnext", "--moduleResolution", "bundler"}} {
		compile := exec.Command(tsc, append([]string{"-p", "."}, resolution...)...)
		compile.Dir = project
		run(t, compile)
	}
}

// checkTarball requires the packed package to hold exactly what runs,
// its types and the catalogs of the Go package messages (their files as
// they are), and to weigh at most tarballBudget.
func checkTarball(t *testing.T, tarball string) {
	t.Helper()
	tgz, err := os.ReadFile(tarball)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(tgz))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if files[h.Name], err = io.ReadAll(tr); err != nil {
			t.Fatal(err)
		}
	}
	want := shipped(t)
	for _, lang := range messages.Languages() {
		name := "wasm/messages/" + lang + ".json"
		want = append(want, name)
		source, err := os.ReadFile(filepath.Join("..", "messages", "catalog", lang+".json"))
		if err != nil || !bytes.Equal(files["package/"+name], source) {
			t.Errorf("%s of the package differs from messages/catalog/%s.json (%v): build.sh copies it when packing", name, lang, err)
		}
	}
	var got []string
	for name := range files {
		got = append(got, strings.TrimPrefix(name, "package/"))
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("the tarball holds %q; want %q", got, want)
	}
	t.Logf("%s: %d bytes (gzip)", filepath.Base(tarball), len(tgz))
	if len(tgz) > tarballBudget {
		t.Errorf("the tarball is %d bytes, over its budget of %d", len(tgz), tarballBudget)
	}
}
