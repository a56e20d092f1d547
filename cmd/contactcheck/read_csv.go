package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
)

// CSV files (docs/bulk.md). The reader parses rows with encoding/csv
// (RFC 4180 quoting, CRLF) and hands their cells to the workers, which
// read each row as the form values a contact form would post and check it
// with the library's form entry point: so phone cells are typed numbers,
// read in -region (or the row's phone_region), and an empty cell is
// absent.

// members maps normalized headers to the form members they fill: the
// fields' own names and the aliases of docs/bulk.md, and phone_region,
// which names the region of the row's phone number as a form's country
// select does. Every other header names a custom field.
var members = map[string]string{
	"email":            "email",
	"email_address":    "email",
	"phone_number":     "phone_number",
	"phone":            "phone_number",
	"mobile":           "phone_number",
	"phone_region":     "phone_region",
	"first_name":       "first_name",
	"last_name":        "last_name",
	"tags":             "tags",
	"email_consent":    "email_consent",
	"sms_consent":      "sms_consent",
	"send_welcome_sms": "send_welcome_sms",
}

// A header is what the columns of a CSV file are: the form member each
// column's cells fill.
type header struct {
	members []string // per column: "email", "tags", "custom_fields[loyalty_tier]", …
}

// normalizeHeader returns a header cell as headers are compared and
// custom fields named: without surrounding white space, in lower case,
// with spaces and hyphens written as underscores.
func normalizeHeader(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return '_'
		}
		return r
	}, h)
}

// newHeader reads the header row. A column without a name, or two
// columns that fill the same member, make the file unreadable: no row of
// it could be answered as the file's author meant.
func newHeader(cells []string) (*header, error) {
	h := &header{members: make([]string, len(cells))}
	column := make(map[string]int, len(cells))
	for i, cell := range cells {
		if i == 0 {
			cell = strings.TrimPrefix(cell, "\uFEFF") // a spreadsheet's byte order mark
		}
		name := normalizeHeader(cell)
		if name == "" {
			return nil, fmt.Errorf("column %d of the header row has no name", i+1)
		}
		m, ok := members[name]
		if !ok {
			m = "custom_fields[" + name + "]"
		}
		if j, ok := column[m]; ok {
			return nil, fmt.Errorf("columns %d and %d of the header row both give %s", j+1, i+1, strings.TrimSuffix(strings.TrimPrefix(m, "custom_fields["), "]"))
		}
		column[m] = i
		h.members[i] = m
	}
	return h, nil
}

// csvSlack is how far past the row limit encoding/csv may read ahead
// (its buffer is 4 KiB).
const csvSlack = 8 << 10

// csv cuts a CSV file into rows. The rows of a batch share one header.
func (c *pipeline) csv(src *source) error {
	base := c.line // lines before this file
	defer func() { c.line = base + src.lines() }()
	r := csv.NewReader(src)
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
	hdr, err := newHeader(cells)
	if err != nil {
		return fmt.Errorf("line %d: %v", base+line, err)
	}
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
			continue // a row of empty cells, as spreadsheets write: no row
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
		b.size += size
	}
	return c.add(it)
}

// allEmpty reports whether every cell is empty.
func allEmpty(cells []string) bool {
	for _, c := range cells {
		if c != "" {
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
