package npm

import (
	"os"
	"os/exec"
	"testing"

	"github.com/contactrules/contactrules/internal/testenv"
)

// TestBundledPage runs test/page.mjs: the engine bundled by esbuild into
// a page, in headless Chromium, answering as it does in Node.js.
func TestBundledPage(t *testing.T) {
	testenv.SkipUnlessLong(t, "drives headless Chromium")
	t.Parallel()
	chromium := os.Getenv("CONTACTRULES_CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	chromium = testenv.Tool(t, chromium, "apt-get update && apt-get install -y chromium")
	nodePath := testenv.Node(t)
	testenv.NPMCI(t, "test")
	readSources(t)
	t.Log(run(t, exec.Command(nodePath, "test/page.mjs", chromium)))
}
