package npm

import (
	"os/exec"
	"testing"

	"github.com/contactrules/contactrules/internal/testenv"
)

// TestBounds runs test/bounds.mjs: every regular expression of the
// engine on its worst inputs, the metadata's patterns held to bounded
// input, and the answers to the most hostile bodies within the bounds of
// docs/bounds.md.
func TestBounds(t *testing.T) {
	nodePath := testenv.Node(t)
	readSources(t)
	t.Log(run(t, exec.Command(nodePath, "test/bounds.mjs")))
}
