package npm

import (
	"os"
	"os/exec"
	"strconv"
	"testing"

	"github.com/contactrules/contactrules/internal/testenv"
)

// TestBounds runs test/bounds.mjs: every regular expression of the
// engine on its worst inputs, the metadata's patterns held to bounded
// input, and the answers to the most hostile bodies within the bounds of
// docs/bounds.md.
func TestBounds(t *testing.T) {
	t.Parallel()
	nodePath := testenv.Node(t)
	readSources(t)
	cmd := exec.Command(nodePath, "test/bounds.mjs")
	// Worst inputs of 256 KiB by default, 1 MiB in the long run.
	cmd.Env = append(os.Environ(), "BOUNDS_SIZE="+strconv.Itoa(testenv.Cases(1<<16, 1<<20)))
	t.Log(run(t, cmd))
}
