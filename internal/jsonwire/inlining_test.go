package jsonwire

import (
	"os/exec"
	"regexp"
	"testing"
)

// TestInlining holds the functions whose inlining the reader's speed was
// measured to depend on (see the comments at Space and ConsumeString):
// a change that makes one of them too large for the inliner fails here,
// as net/netip's inlining test does, rather than only costing time.
func TestInlining(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the package with -gcflags=-m")
	}
	want := []string{
		"Space", "ConsumeLiteral", "ConsumeOpen", "StringValue", "special", "load8", "view",
		"(*Scanner).Peek", "(*Scanner).Eat", "(*Scanner).AtEnd", "(*Scanner).ws",
	}
	out, err := exec.Command("go", "build", "-gcflags=-m", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build -gcflags=-m: %v\n%s", err, out)
	}
	inlinable := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m): can inline (\S+)$`).FindAllSubmatch(out, -1) {
		inlinable[string(m[1])] = true
	}
	for _, fn := range want {
		if !inlinable[fn] {
			t.Errorf("%s is no longer inlinable", fn)
		}
	}
}
