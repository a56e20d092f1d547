package npm

import (
	"os/exec"
	"testing"

	"github.com/contactrules/contactrules/internal/testenv"
)

// TestStandardSchema runs test/standard-schema.mjs: the Standard Schema
// objects used by a real consumer library from npm (TanStack Form's core),
// each detail on its field.
func TestStandardSchema(t *testing.T) {
	testenv.SkipUnlessLong(t, "loads TanStack Form's core in Node.js")
	t.Parallel()
	nodePath := testenv.Node(t)
	testenv.NPMCI(t, "test")
	readSources(t)
	t.Log(run(t, exec.Command(nodePath, "test/standard-schema.mjs")))
}
