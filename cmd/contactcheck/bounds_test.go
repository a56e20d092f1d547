package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestHostileLineIsAnsweredSmall: a 1 MiB line of empty tags, which fails
// 349k times, is answered with one line of at most 64 KiB (the details
// cap), by a process whose peak resident memory stays under 32 MB.
func TestHostileLineIsAnsweredSmall(t *testing.T) {
	const n = 1<<20 - 64
	line := `{"email":"a@b.co","tags":[` + strings.Repeat(`"",`, (n-40)/3) + `""]}` + "\n"
	path := filepath.Join(t.TempDir(), "tags.ndjson")
	if err := os.WriteFile(path, []byte(line), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(program, path)
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	if err := cmd.Run(); cmd.ProcessState == nil || cmd.ProcessState.ExitCode() != 1 {
		t.Fatalf("exit %v: %v", cmd.ProcessState, err)
	}
	if got := bytes.Count(stdout.Bytes(), []byte("\n")); got != 1 || stdout.Len() > 64<<10 {
		t.Errorf("%d lines, %d bytes", got, stdout.Len())
	}
	if !bytes.Contains(stdout.Bytes(), []byte(`"rule":"max_details"`)) {
		t.Errorf("the answer does not say it is cut: %.200s", stdout.Bytes())
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		t.Skip("no resource usage on this system")
	}
	if rss := ru.Maxrss * 1024; rss > 32<<20 { // Linux reports kilobytes
		t.Errorf("peak RSS %d bytes", rss)
	}
	t.Logf("answer %d bytes, peak RSS %d kB", stdout.Len(), ru.Maxrss)
}
