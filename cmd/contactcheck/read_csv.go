package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"unsafe"
)

// CSV files (docs/bulk.md). The reader parses rows with encoding/csv
// (RFC 4180 quoting, CRLF) and hands their cells to the workers, which
// read each row as the form values a contact form would post and check it
// with the library's form entry point: so phone cells are typed numbers,
// read in -region (or the row's phone_region), and an empty cell is
// absent.

// cellCost is what a cell costs in a batch besides its bytes: its string
// header.
const cellCost = int(unsafe.Sizeof(""))

// csvSlack is how far past the row limit encoding/csv may read ahead
// (its buffer is 4 KiB).
const csvSlack = 8 << 10

// csv cuts a CSV file into rows. The rows of a batch share one header.
func (c *pipeline) csv(src *source, name string) error {
	base := c.line // lines before this file
	defer func() { c.line = base + src.lines() }()
	// A reader of csv's own buffer size, which csv.NewReader takes as
	// its own: the header row's delimiter is read from it before csv
	// reads on, and csv reads no further ahead than it would.
	br := bufio.NewReaderSize(src, 4096)
	r := csv.NewReader(br)
	r.Comma = c.cfg.delimiter
	if r.Comma == 0 {
		head, _ := br.Peek(4096)
		r.Comma = sniffDelimiter(head)
	}
	r.FieldsPerRecord = -1 // rows of the wrong width are answered, not fatal
	r.ReuseRecord = true
	src.limit(0, c.limit)

	cells, err := r.Read()
	if err == io.EOF {
		return nil // an empty file: no header, no rows
	}
	var pe *csv.ParseError
	switch {
	case src.stopped:
		return fmt.Errorf("the header row is longer than %d bytes", c.limit)
	case errors.As(err, &pe):
		return fmt.Errorf("line %d: the header row: %v", base+pe.StartLine, pe.Err)
	case err != nil:
		return err
	}
	line, _ := r.FieldPos(0)
	hdr, err := newHeader(cells, c.cfg.columns)
	if err != nil {
		return fmt.Errorf("line %d: %v", base+line, err)
	}
	hdr.report(c.stderr, name)
	for {
		start := r.InputOffset()
		src.limit(start, c.limit)
		cells, err := r.Read()
		if err == io.EOF {
			return nil
		}
		it := item{kind: kindRow}
		switch {
		case errors.As(err, &pe):
			it.line, it.kind = base+pe.StartLine, kindCSVSyntax
		case err != nil:
			return err
		default:
			line, _ := r.FieldPos(0)
			it.line = base + line
		}
		size := int(min(r.InputOffset()-start, math.MaxInt))
		switch {
		case size > c.limit || src.stopped:
			it.kind = kindOverlong
		case it.kind == kindRow && allEmpty(cells):
			continue // a row of empty or blank cells, as spreadsheets write: no row
		}
		if err := c.addRow(it, hdr, cells, size); err != nil {
			return err
		}
		if src.stopped {
			return fmt.Errorf("line %d: a row longer than %d bytes (an unclosed quote?); the rest of the file cannot be read", it.line, c.limit)
		}
	}
}

// addRow adds a CSV row to the batch being filled, starting a new batch
// when the header changes.
func (c *pipeline) addRow(it item, hdr *header, cells []string, size int) error {
	b := c.batch()
	if b == nil {
		return errStopped
	}
	if b.hdr != hdr && len(b.items) > 0 {
		c.send()
		if b = c.batch(); b == nil {
			return errStopped
		}
	}
	b.hdr = hdr
	if it.kind == kindRow {
		it.a = len(b.cells)
		b.cells = append(b.cells, cells...)
		it.b = len(b.cells)
		// A row costs its bytes and its cells' string headers, which
		// for a row of many short cells are most of it: the batches in
		// flight are bounded in memory, not only in input bytes.
		b.size += size + len(cells)*cellCost
	}
	return c.add(it)
}

// allEmpty reports whether every cell is empty once trimmed, as a form
// reads its values (a cell of spaces is absent).
func allEmpty(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// A source is one input file as the reader reads it. It counts the bytes
// read, for progress, and the newlines, for the numbering of the lines of
// later files; for CSV it ends the input early, as if the file ended
// there, once a row has grown far past the limit, so that a row never
// costs more memory than the limit and a little.
type source struct {
	r        io.Reader
	pos      *int64 // the pipeline's count of input bytes
	n        int64  // bytes read from r
	newlines int
	last     byte  // the last byte read
	stop     int64 // no bytes past this offset; 0: no limit
	stopped  bool  // the input was ended at stop
}

func (s *source) Read(p []byte) (int, error) {
	if s.stop > 0 {
		room := s.stop - s.n
		if room <= 0 {
			s.stopped = true
			return 0, io.EOF
		}
		if int64(len(p)) > room {
			p = p[:room]
		}
	}
	k, err := s.r.Read(p)
	if k > 0 {
		s.newlines += bytes.Count(p[:k], []byte{'\n'})
		s.last = p[k-1]
	}
	s.n += int64(k)
	*s.pos += int64(k)
	return k, err
}

// limit lets the row that starts at offset start read at most limit
// bytes and csvSlack more.
func (s *source) limit(start int64, limit int) {
	room := int64(limit) + csvSlack
	if start > math.MaxInt64-room {
		s.stop = math.MaxInt64
		return
	}
	s.stop = start + room
}

// lines returns the number of lines read: a last line without a newline
// counts as one.
func (s *source) lines() int {
	if s.n > 0 && s.last != '\n' {
		return s.newlines + 1
	}
	return s.newlines
}

// sniffDelimiter returns the delimiter of a CSV file, read from the start
// of its header row as spreadsheets and import tools read it: the most
// frequent of comma, semicolon and tab outside quotes, a comma when there
// is none (a file of one column) or a tie.
func sniffDelimiter(head []byte) rune {
	var n [3]int
	quoted := false
	for _, b := range head {
		if b == '\n' && !quoted {
			break
		}
		switch {
		case b == '"':
			quoted = !quoted
		case quoted:
		case b == ',':
			n[0]++
		case b == ';':
			n[1]++
		case b == '\t':
			n[2]++
		}
	}
	switch {
	case n[1] > n[0] && n[1] >= n[2]:
		return ';'
	case n[2] > n[0] && n[2] > n[1]:
		return '\t'
	}
	return ','
}
