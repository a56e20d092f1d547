package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files from the program's output")

// tmpDir holds the program built for the tests and the benchmarks'
// generated input; both are made once per test binary.
var (
	tmpDir  string
	program string
)

func TestMain(m *testing.M) {
	flag.Parse()
	code := func() int {
		dir, err := os.MkdirTemp("", "contactcheck-test")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
		defer os.RemoveAll(dir)
		tmpDir, program = dir, filepath.Join(dir, "contactcheck")
		if out, err := exec.Command("go", "build", "-o", program, ".").CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "building contactcheck: %v\n%s", err, out)
			return 2
		}
		return m.Run()
	}()
	os.Exit(code)
}

// execResult is what a run of the real program gave.
type execResult struct {
	stdout, stderr []byte
	code           int
}

// execute runs the built program with args, stdin read from the file
// stdinFile ("" for an empty stdin).
func execute(t *testing.T, stdinFile string, args ...string) execResult {
	t.Helper()
	cmd := exec.Command(program, args...)
	if stdinFile != "" {
		f, err := os.Open(stdinFile)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		cmd.Stdin = f
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatal(err)
	}
	return execResult{stdout.Bytes(), stderr.Bytes(), cmd.ProcessState.ExitCode()}
}

// compareGolden compares got with the file path, or rewrites the file
// under -update.
func compareGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range max(len(gl), len(wl)) {
		g, w := at(gl, i), at(wl, i)
		if g != w {
			t.Errorf("%s differs at line %d:\n got: %s\nwant: %s", path, i+1, g, w)
			return
		}
	}
}

func at(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return "(none)"
}

// TestGolden runs the real program over the examples and the edge cases
// in testdata and compares its output with the checked-in files. Run
// with -update to rewrite them, then review the diff.
func TestGolden(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		stdin string // file fed to standard input
		out   string // golden standard output
		err   string // golden standard error; "" means it must be empty
		fix   string // golden -fix output; "" means no -fix
		code  int
	}{
		{name: "examples", args: []string{"../../examples/contacts.ndjson"}, out: "../../examples/contacts.out.ndjson", code: 1},
		{name: "examples, update mode", args: []string{"-mode", "update", "../../examples/updates.ndjson"}, out: "../../examples/updates.out.ndjson", code: 1},
		{name: "examples with summary", args: []string{"-summary", "../../examples/contacts.ndjson"}, out: "../../examples/contacts.out.ndjson", err: "testdata/contacts.summary.txt", code: 1},
		{name: "update mode with summary", args: []string{"-summary", "-mode", "update", "../../examples/updates.ndjson"}, out: "../../examples/updates.out.ndjson", err: "testdata/updates.summary.txt", code: 1},
		{name: "blank lines skipped but counted", args: []string{"testdata/blank.ndjson"}, out: "testdata/blank.out.ndjson", code: 1},
		{name: "CRLF line endings", args: []string{"testdata/crlf.ndjson"}, out: "testdata/crlf.out.ndjson", code: 1},
		{name: "lines over -max-bytes", args: []string{"-max-bytes", "64", "testdata/overlong.ndjson"}, out: "testdata/overlong.out.ndjson", code: 1},
		{name: "invalid UTF-8", args: []string{"testdata/utf8.ndjson"}, out: "testdata/utf8.out.ndjson", code: 1},
		{name: "empty file", args: []string{"testdata/empty.ndjson"}, out: "testdata/empty.ndjson", code: 0},
		{name: "empty stdin", stdin: "testdata/empty.ndjson", out: "testdata/empty.ndjson", code: 0},
		{name: "stdin by default", stdin: "testdata/blank.ndjson", out: "testdata/blank.out.ndjson", code: 1},
		{name: "stdin as -", args: []string{"-"}, stdin: "testdata/blank.ndjson", out: "testdata/blank.out.ndjson", code: 1},
		{name: "files numbered as one", args: []string{"testdata/nonewline.ndjson", "-", "testdata/blank.ndjson"}, stdin: "testdata/crlf.ndjson", out: "testdata/multiple.out.ndjson", code: 1},
		{name: "default policy", args: []string{"testdata/options.ndjson"}, out: "testdata/options.out.ndjson", code: 1},
		{name: "policy flags", args: []string{"-sms-regions", "gb, US", "-legacy-consent", "-allow-unknown", "testdata/options.ndjson"}, out: "testdata/options.flags.out.ndjson", code: 0},
		{name: "update mode edge cases", args: []string{"-mode", "update", "testdata/update.ndjson"}, out: "testdata/update.out.ndjson", code: 1},
		{name: "duplicates in NDJSON", args: []string{"testdata/duplicates.ndjson"}, out: "testdata/duplicates.ndjson.out.ndjson", code: 1},
		{name: "duplicates in NDJSON, check off", args: []string{"-duplicates=false", "testdata/duplicates.ndjson"}, out: "testdata/duplicates.ndjson.nodup.out.ndjson", code: 1},
		{name: "CSV example", args: []string{"../../examples/contacts.csv"}, out: "../../examples/contacts.csv.out.ndjson", err: "testdata/contacts.csv.columns.txt", code: 1},
		{name: "CSV example with summary and -fix", args: []string{"-summary", "../../examples/contacts.csv"}, out: "../../examples/contacts.csv.out.ndjson", err: "testdata/contacts.csv.summary.txt", fix: "testdata/contacts.csv.fix.ndjson", code: 1},
		{name: "CSV header aliases, files numbered as one", args: []string{"testdata/aliases.csv", "testdata/aliases-phone.csv", "testdata/aliases-mobile.csv"}, out: "testdata/aliases.out.ndjson", err: "testdata/aliases.columns.txt", fix: "testdata/aliases.fix.ndjson", code: 1},
		{name: "CSV quoting", args: []string{"testdata/quoting.csv"}, out: "testdata/quoting.out.ndjson", err: "testdata/quoting.columns.txt", fix: "testdata/quoting.fix.ndjson", code: 1},
		{name: "CSV national numbers in US", args: []string{"-duplicates=false", "testdata/national.csv"}, out: "testdata/national.out.ndjson", err: "testdata/national.columns.txt", fix: "testdata/national.fix.ndjson", code: 1},
		{name: "CSV national numbers in GB", args: []string{"-duplicates=false", "-region", "gb", "testdata/national.csv"}, out: "testdata/national.gb.out.ndjson", err: "testdata/national.columns.txt", code: 1},
		{name: "CSV national numbers, duplicates", args: []string{"testdata/national.csv"}, out: "testdata/national.dup.out.ndjson", err: "testdata/national.columns.txt", code: 1},
		{name: "CSV duplicates", args: []string{"testdata/duplicates.csv"}, out: "testdata/duplicates.csv.out.ndjson", err: "testdata/duplicates.csv.columns.txt", fix: "testdata/duplicates.csv.fix.ndjson", code: 1},
		{name: "CSV short, long and malformed rows", args: []string{"testdata/short.csv"}, out: "testdata/short.out.ndjson", err: "testdata/short.columns.txt", code: 1},
		{name: "CSV with CRLF", args: []string{"testdata/crlf.csv"}, out: "testdata/crlf.csv.out.ndjson", err: "testdata/crlf.csv.columns.txt", fix: "testdata/crlf.csv.fix.ndjson", code: 0},
		{name: "CSV from stdin with -format", args: []string{"-format", "csv"}, stdin: "testdata/duplicates.csv", out: "testdata/duplicates.csv.out.ndjson", err: "testdata/stdin.csv.columns.txt", code: 1},
		{name: "NDJSON named .csv with -format", args: []string{"-format", "ndjson", "testdata/duplicates.csv"}, out: "testdata/duplicates.csv.asndjson.out.ndjson", code: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := tt.args
			fix := filepath.Join(t.TempDir(), "fix.ndjson")
			if tt.fix != "" {
				args = append([]string{"-fix", fix}, args...)
			}
			got := execute(t, tt.stdin, args...)
			if got.code != tt.code {
				t.Errorf("exit status %d, want %d; stderr:\n%s", got.code, tt.code, got.stderr)
			}
			compareGolden(t, tt.out, got.stdout)
			if tt.err != "" {
				compareGolden(t, tt.err, got.stderr)
			} else if len(got.stderr) > 0 {
				t.Errorf("unexpected stderr:\n%s", got.stderr)
			}
			if tt.fix != "" {
				b, err := os.ReadFile(fix)
				if err != nil {
					t.Fatal(err)
				}
				compareGolden(t, tt.fix, b)
			}
			for i, line := range bytes.SplitAfter(got.stdout, []byte("\n")) {
				if len(line) > 0 && !json.Valid(line) {
					t.Errorf("output line %d is not JSON: %q", i+1, line)
				}
			}
		})
	}
}

// TestExitStatus checks the statuses of usage and I/O errors, and that
// each says what went wrong on standard error.
func TestExitStatus(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string // a part of standard error
		lines  int    // output lines
	}{
		{name: "all valid", args: []string{"-allow-unknown", "-legacy-consent", "-sms-regions", "GB,US", "testdata/options.ndjson"}, code: 0, lines: 4},
		{name: "some invalid", args: []string{"testdata/options.ndjson"}, code: 1, lines: 4},
		{name: "help", args: []string{"-h"}, code: 0, stderr: "usage: contactcheck"},
		{name: "unknown flag", args: []string{"-bogus", "testdata/options.ndjson"}, code: 2, stderr: "flag provided but not defined: -bogus"},
		{name: "bad mode", args: []string{"-mode", "delete"}, code: 2, stderr: "-mode must be create or update"},
		{name: "unknown region", args: []string{"-sms-regions", "US,XX"}, code: 2, stderr: `unknown region code (argument 2)`},
		{name: "non-geographic region", args: []string{"-sms-regions", "001"}, code: 2, stderr: `unknown region code (argument 1)`},
		{name: "bad max-bytes", args: []string{"-max-bytes", "0"}, code: 2, stderr: "-max-bytes must be positive"},
		{name: "missing file", args: []string{"testdata/missing.ndjson"}, code: 2, stderr: "no such file or directory"},
		{name: "directory", args: []string{"testdata"}, code: 2, stderr: "is a directory"},
		{name: "output kept before a missing file", args: []string{"testdata/options.ndjson", "testdata/missing.ndjson"}, code: 2, stderr: "missing.ndjson", lines: 4},
		{name: "bad format", args: []string{"-format", "tsv"}, code: 2, stderr: "-format must be csv or ndjson"},
		{name: "bad region", args: []string{"-region", "ZZ"}, code: 2, stderr: "-region must be a region code"},
		{name: "non-geographic default region", args: []string{"-region", "001"}, code: 2, stderr: "-region must be a region code"},
		{name: "CSV in update mode", args: []string{"-mode", "update", "testdata/quoting.csv"}, code: 2, stderr: "-mode update reads NDJSON only"},
		{name: "CSV format in update mode", args: []string{"-mode", "update", "-format", "csv"}, code: 2, stderr: "-mode update reads NDJSON only"},
		{name: "-fix in update mode", args: []string{"-mode", "update", "-fix", "x.ndjson"}, code: 2, stderr: "-fix needs -mode create"},
		{name: "-fix file cannot be made", args: []string{"-fix", "testdata/no/such/dir/fix.ndjson", "testdata/options.ndjson"}, code: 2, stderr: "-fix: open testdata/no/such/dir/fix.ndjson"},
		{name: "CSV header: two columns for one field", args: []string{"testdata/options.ndjson", "testdata/bad-header-dup.csv"}, code: 2, stderr: "testdata/bad-header-dup.csv: line 5: columns 2 and 3 of the header row both give phone_number", lines: 4},
		{name: "CSV header: a column without a name", args: []string{"testdata/bad-header-empty.csv"}, code: 2, stderr: "testdata/bad-header-empty.csv: line 1: column 2 of the header row has no name"},
		{name: "CSV header: malformed", args: []string{"testdata/bad-header-quote.csv"}, code: 2, stderr: `testdata/bad-header-quote.csv: line 1: the header row: extraneous or missing " in quoted-field`},
		{name: "CSV: a row far over the limit stops the file", args: []string{"-max-bytes", "100", "testdata/unclosed.csv", "testdata/options.ndjson"}, code: 2, stderr: "testdata/unclosed.csv: line 3: a row longer than 100 bytes (an unclosed quote?); the rest of the file cannot be read", lines: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := execute(t, "", tt.args...)
			if got.code != tt.code {
				t.Errorf("exit status %d, want %d; stderr:\n%s", got.code, tt.code, got.stderr)
			}
			if !bytes.Contains(got.stderr, []byte(tt.stderr)) {
				t.Errorf("stderr does not say %q:\n%s", tt.stderr, got.stderr)
			}
			if n := bytes.Count(got.stdout, []byte("\n")); n != tt.lines {
				t.Errorf("%d output lines, want %d", n, tt.lines)
			}
		})
	}
}
