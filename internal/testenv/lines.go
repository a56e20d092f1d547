package testenv

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"
)

// Lines is a file of cases a test writes for a Node.js script to read, a
// line each: JSON values (Encode) or text (its Writer). A failure to
// write it fails the test.
type Lines struct {
	*bufio.Writer
	t   testing.TB
	f   *os.File
	enc *json.Encoder
}

// CreateLines creates the file at path. The test's cleanup closes it if
// the test ends before Close.
func CreateLines(t testing.TB, path string) *Lines {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	w := bufio.NewWriter(f)
	return &Lines{Writer: w, t: t, f: f, enc: json.NewEncoder(w)}
}

// Encode writes v's JSON (encoding/json's, HTML escaped) and a newline.
func (l *Lines) Encode(v any) {
	l.t.Helper()
	if err := l.enc.Encode(v); err != nil {
		l.t.Fatal(err)
	}
}

// Close writes out what is buffered and closes the file, for the script
// to read.
func (l *Lines) Close() {
	l.t.Helper()
	if err := l.Flush(); err != nil {
		l.t.Fatal(err)
	}
	if err := l.f.Close(); err != nil {
		l.t.Fatal(err)
	}
}
