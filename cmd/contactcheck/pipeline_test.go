package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// runWorkers runs the program in-process with the given number of
// workers, input as standard input.
func runWorkers(t *testing.T, workers int, input []byte, args ...string) (stdout, stderr []byte, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	cfg, err := parseArgs(args, &errOut)
	if err != nil {
		t.Fatalf("%v: %v", args, err)
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(workers))
	code = runConfig(cfg, bytes.NewReader(input), &out, &errOut)
	return out.Bytes(), errOut.Bytes(), code
}

// generated returns n generated lines with blank lines, lines over the
// limit and repeated contacts among them.
func generated(t testing.TB, n int) []byte {
	var buf bytes.Buffer
	if err := writeBenchLines(&buf, n); err != nil {
		t.Fatal(err)
	}
	lines := bytes.SplitAfter(buf.Bytes(), []byte("\n"))
	var out bytes.Buffer
	for i, line := range lines {
		out.Write(line)
		switch i % 997 {
		case 3:
			out.WriteString("\n  \r\n")
		case 5:
			out.WriteString(`{"email":"` + strings.Repeat("x", 5000) + "\"}\n") // over -max-bytes 4096
		case 7:
			out.Write(lines[i/2]) // a repeat of an earlier line
		}
	}
	return out.Bytes()
}

// TestWorkersSameOutput checks that the output, the summary and the exit
// status are the same bytes whatever the number of workers, on the
// examples, the edge cases and generated input.
func TestWorkersSameOutput(t *testing.T) {
	type input struct {
		name string
		data []byte
		args []string
	}
	var inputs []input
	for _, f := range []struct{ file, mode string }{
		{"../../examples/contacts.ndjson", "create"},
		{"../../examples/updates.ndjson", "update"},
		{"testdata/blank.ndjson", "create"},
		{"testdata/crlf.ndjson", "create"},
		{"testdata/utf8.ndjson", "create"},
		{"testdata/update.ndjson", "update"},
	} {
		data, err := os.ReadFile(f.file)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, input{filepath.Base(f.file), data, []string{"-summary", "-mode", f.mode}})
	}
	overlong, err := os.ReadFile("testdata/overlong.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	csvFile, err := os.ReadFile("../../examples/contacts.csv")
	if err != nil {
		t.Fatal(err)
	}
	var csvRows bytes.Buffer
	if err := writeCSVRows(&csvRows, 20_000); err != nil {
		t.Fatal(err)
	}
	inputs = append(inputs,
		input{"overlong.ndjson", overlong, []string{"-summary", "-max-bytes", "64"}},
		input{"generated", generated(t, 20_000), []string{"-summary", "-max-bytes", "4096"}},
		input{"contacts.csv", csvFile, []string{"-summary", "-format", "csv"}},
		input{"generated CSV", csvRows.Bytes(), []string{"-summary", "-format", "csv"}},
	)
	for _, in := range inputs {
		t.Run(in.name, func(t *testing.T) {
			wantOut, wantErr, wantCode := runWorkers(t, 1, in.data, in.args...)
			if len(wantOut) == 0 {
				t.Fatal("no output")
			}
			for _, workers := range []int{2, 8} {
				out, errOut, code := runWorkers(t, workers, in.data, in.args...)
				if !bytes.Equal(out, wantOut) {
					t.Errorf("%d workers: the output differs from one worker's", workers)
				}
				if !bytes.Equal(errOut, wantErr) || code != wantCode {
					t.Errorf("%d workers: status %d and summary\n%s\none worker: status %d and summary\n%s", workers, code, errOut, wantCode, wantErr)
				}
			}
		})
	}
}

// failingWriter fails every write after the first n bytes.
type failingWriter struct{ n int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, io.ErrShortWrite
	}
	w.n -= len(p)
	return len(p), nil
}

// TestOutputFailureStops checks that a failing standard output ends the
// run with status 2 instead of blocking the pipeline or reading on.
func TestOutputFailureStops(t *testing.T) {
	in := generated(t, 20_000)
	for _, workers := range []int{1, 2, 8} {
		var errOut bytes.Buffer
		r := &countingReader{r: bytes.NewReader(in)}
		prev := runtime.GOMAXPROCS(workers) // the pipeline runs a worker a processor
		code := runConfig(config{}, r, &failingWriter{n: 100_000}, &errOut)
		runtime.GOMAXPROCS(prev)
		if code != exitError || !strings.Contains(errOut.String(), "short write") {
			t.Errorf("%d workers: status %d, stderr %q; want %d and the write error", workers, code, errOut.String(), exitError)
		}
		if r.n == int64(len(in)) {
			t.Errorf("%d workers: read the whole input after the output failed", workers)
		}
	}
}

type countingReader struct {
	r io.Reader
	n int64
}

func (r *countingReader) Read(p []byte) (int, error) {
	k, err := r.r.Read(p)
	r.n += int64(k)
	return k, err
}
