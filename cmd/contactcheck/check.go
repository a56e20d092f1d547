package main

import (
	"bufio"
	"encoding/json"
	"io"
	"math"
	"os"
	"strconv"

	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/internal/report"
	"github.com/contactrules/contactrules/validate"
)

// Buffer sizes. A line that fits the reader's buffer is checked where it
// lies, without a copy; longer ones are gathered in checker.long.
const (
	readSize  = 64 << 10
	writeSize = 64 << 10
)

// A checker streams lines through the rules. Its buffers are reused from
// line to line and file to file, so its memory is bounded by the body
// limit, whatever the input.
type checker struct {
	update bool
	policy validate.Policy
	limit  int // the longest acceptable line, in bytes

	in   *bufio.Reader
	long []byte // a line longer than in's buffer, at most limit+2 bytes of it
	out  *bufio.Writer
	buf  []byte // the output line being built

	line     int // number of the last line read
	sum      summary
	progress *progress // nil: none

	// badWrapper is the detail of an update line that is not a
	// {"current":…,"patch":…} object: the library's own detail for a body
	// that is not a JSON object.
	badWrapper []errs.FieldError
}

func newChecker(cfg config, stdout io.Writer) *checker {
	limit := cfg.policy.MaxBodyBytes
	if limit <= 0 {
		limit = validate.DefaultPolicy().MaxBodyBytes
	}
	limit = min(limit, math.MaxInt-2) // read counts up to limit+2
	_, _, bad := validate.CreateJSON(nil, cfg.policy)
	return &checker{
		update:     cfg.update,
		policy:     cfg.policy,
		limit:      limit,
		in:         bufio.NewReaderSize(nil, readSize),
		out:        bufio.NewWriterSize(stdout, writeSize),
		sum:        summary{detailed: cfg.summary},
		badWrapper: bad,
	}
}

// files checks the named files in turn; "-" or no names at all mean
// stdin. It stops at the first I/O error, with the output of the lines
// before it written.
func (c *checker) files(names []string, stdin io.Reader) error {
	defer c.progress.done()
	if len(names) == 0 {
		names = []string{"-"}
	}
	for _, name := range names {
		if err := c.file(name, stdin); err != nil {
			c.out.Flush()
			return err
		}
	}
	return c.out.Flush()
}

func (c *checker) file(name string, stdin io.Reader) error {
	r := stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	c.in.Reset(r)
	for {
		b, err := c.read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		c.line++
		if err := c.check(b); err != nil {
			return err
		}
	}
}

// read returns the next line without its line ending ("\n" or "\r\n"), or
// io.EOF after the last one. A line longer than the limit comes back cut
// to limit+1 bytes, which is all the rules need to see; the rest is
// discarded as it is read. The line is valid until the next call.
func (c *checker) read() ([]byte, error) {
	b, err := c.in.ReadSlice('\n')
	cut := false
	if err == bufio.ErrBufferFull {
		c.long = append(c.long[:0], b...)
		for err == bufio.ErrBufferFull {
			b, err = c.in.ReadSlice('\n')
			room := max(c.limit+2-len(c.long), 0)
			cut = cut || len(b) > room
			c.long = append(c.long, b[:min(room, len(b))]...)
		}
		b = c.long
	}
	switch {
	case err != nil && err != io.EOF:
		return nil, err
	case len(b) == 0:
		return nil, io.EOF
	case cut:
		// Even with "\r\n" cut off, more than limit bytes remain.
		return b[:c.limit+1], nil
	}
	if b[len(b)-1] == '\n' {
		b = b[:len(b)-1]
		if len(b) > 0 && b[len(b)-1] == '\r' {
			b = b[:len(b)-1]
		}
	}
	return b, nil
}

// check checks one line and writes its result.
func (c *checker) check(b []byte) error {
	if len(b) <= c.limit && blank(b) {
		return nil
	}
	details, eff := c.result(b)
	c.sum.add(details)
	c.progress.tick(c.line, c.sum.invalid)

	// {"line":N then the result {"ok":…}, whose "{" becomes ",".
	c.buf = append(c.buf[:0], `{"line":`...)
	c.buf = strconv.AppendInt(c.buf, int64(c.line), 10)
	at := len(c.buf)
	c.buf = report.AppendResult(c.buf, details, eff)
	c.buf[at] = ','
	c.buf = append(c.buf, '\n')
	_, err := c.out.Write(c.buf)
	return err
}

// blank reports whether b holds only JSON white space other than
// newlines.
func blank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\r' {
			return false
		}
	}
	return true
}

// result runs the rules on one line.
func (c *checker) result(b []byte) ([]errs.FieldError, consent.Effects) {
	if !c.update || len(b) > c.limit {
		// The body limit is the same row for both operations, and
		// comes first: an over-long line is not parsed.
		_, eff, d := validate.CreateJSON(b, c.policy)
		return d, eff
	}
	var w updateLine
	if err := json.Unmarshal(b, &w); err != nil || len(w.Patch) == 0 {
		return c.badWrapper, consent.Effects{}
	}
	var current validate.Contact
	if len(w.Current) > 0 {
		if err := json.Unmarshal(w.Current, &current); err != nil {
			return []errs.FieldError{
				{Field: "current", Message: "must be a contact object", Rule: "type"},
			}, consent.Effects{}
		}
	}
	_, eff, d := validate.UpdateJSON(current, w.Patch, c.policy)
	return d, eff
}

// An updateLine is a line of -mode update: the stored contact and the
// body of the PATCH.
type updateLine struct {
	Current json.RawMessage `json:"current"`
	Patch   json.RawMessage `json:"patch"`
}
