package schema

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestReadmeClient runs the README's Python client (Debian's
// python3-jsonschema, a third implementation of draft 2020-12) on the
// checked-in OpenAPI document and requires the output its comments show:
// the API's details, found through x-contactrules-rule.
func TestReadmeClient(t *testing.T) {
	t.Parallel()
	const python = "/usr/bin/python3"
	if err := exec.Command(python, "-c", "import jsonschema").Run(); err != nil {
		msg := "no " + python + " with jsonschema: apt-get install -y python3-jsonschema"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)```python\n(.*?)```").FindSubmatch(readme)
	if m == nil {
		t.Fatal("the README shows no Python client")
	}
	code := string(m[1])
	fetch := regexp.MustCompile(`urllib\.request\.urlopen\("[^"]*"\)`)
	if !fetch.MatchString(code) {
		t.Fatal("the README's client does not fetch the document")
	}
	code = fetch.ReplaceAllLiteralString(code, `open("openapi.json")`)
	var want []string
	for _, line := range strings.Split(code, "\n") {
		if c, ok := strings.CutPrefix(line, "# "); ok {
			want = append(want, c)
		}
	}
	out := run(t, exec.Command(python, "-c", code))
	if got := strings.TrimSpace(string(out)); got != strings.Join(want, "\n") {
		t.Errorf("the README's client prints\n%s\nits comments say\n%s", got, strings.Join(want, "\n"))
	}
}
