package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
)

// file reads one file, or stdin for "-", into batches: CSV when -format
// says so or, without -format, when its name ends in ".csv"; otherwise
// NDJSON. A batch holds rows of one file only.
func (c *pipeline) file(name string, stdin io.Reader) error {
	r, closer, err := open(name, stdin)
	if err != nil {
		return err
	}
	defer closer()
	src := &source{r: r, pos: &c.pos}
	if c.cfg.isCSV(name) {
		if src.r, err = c.decoded(r, c.line); err == nil {
			err = c.csv(src, displayName(name))
		}
		if err != nil && err != errStopped {
			err = fmt.Errorf("%s: %w", displayName(name), err)
		}
	} else {
		err = c.ndjson(src)
	}
	if err == nil && c.cur != nil {
		c.send()
	}
	return err
}

// displayName is how messages name a file.
func displayName(name string) string {
	if name == "-" {
		return "standard input"
	}
	return name
}

// ndjson cuts NDJSON input into rows, one a line. Blank lines are counted
// but are no rows.
func (c *pipeline) ndjson(r io.Reader) error {
	c.in.Reset(r)
	for {
		line, err := c.read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		c.line++
		it := item{line: c.line}
		switch {
		case blank(line) && (len(line) <= c.limit || c.cutBlank):
			continue // however long: the rest of a cut line was blank too
		case len(line) > c.limit:
			it.kind = kindOverlong
		default:
			b := c.batch()
			if b == nil {
				return errStopped
			}
			it.a = len(b.data)
			b.data = append(b.data, line...)
			it.b = len(b.data)
			b.size += len(line)
		}
		if err := c.add(it); err != nil {
			return err
		}
	}
}

// read returns the next line without its line ending ("\n" or "\r\n"), or
// io.EOF after the last one. A line longer than the limit comes back cut
// to limit+1 bytes, which is all the rules need to see; the rest is
// discarded as it is read, and c.cutBlank says whether it was blank. The line is valid until the next call.
func (c *pipeline) read() ([]byte, error) {
	b, err := c.in.ReadSlice('\n')
	cut := false
	c.cutBlank = true
	if err == bufio.ErrBufferFull {
		c.long = append(c.long[:0], b...)
		for err == bufio.ErrBufferFull {
			b, err = c.in.ReadSlice('\n')
			room := max(c.limit+2-len(c.long), 0)
			if len(b) > room {
				cut = true
				c.cutBlank = c.cutBlank && blank(bytes.TrimSuffix(b[room:], []byte{'\n'}))
			}
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
