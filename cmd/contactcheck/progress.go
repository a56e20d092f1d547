package main

import (
	"fmt"
	"io"
	"time"
)

// Progress timing: nothing for the first progressDelay, so that short runs
// stay quiet, then an update at most every progressPeriod. The clock is
// read once every progressRows rows only.
const (
	progressDelay  = time.Second
	progressPeriod = 250 * time.Millisecond
	progressRows   = 1 << 14
)

// A progress keeps one line on a terminal up to date: the line reached,
// the share of the input read (when its size is known), rows per second
// and the failures so far. A nil *progress shows nothing.
type progress struct {
	w     io.Writer
	now   func() time.Time
	start time.Time
	next  time.Time // no update before
	total int64     // the input's size in bytes; 0: unknown
	n     int       // calls to tick
	shown bool
}

// newProgress returns a progress for an input of total bytes (0 when
// unknown).
func newProgress(w io.Writer, total int64) *progress {
	p := &progress{w: w, now: time.Now, total: total}
	p.start = p.now()
	p.next = p.start.Add(progressDelay)
	return p
}

// tick is called once a row, in input order, with the counts so far, the
// row's line and the bytes of input read.
func (p *progress) tick(s *summary, line int, pos int64) {
	if p == nil {
		return
	}
	p.n++
	if p.n%progressRows != 0 {
		return
	}
	t := p.now()
	if t.Before(p.next) {
		return
	}
	p.next = t.Add(progressPeriod)
	b := fmt.Appendf(nil, "\rcontactcheck: line %d", line)
	if p.total > 0 {
		b = fmt.Appendf(b, " (%d%%)", min(pos, p.total)*100/p.total)
	}
	if d := t.Sub(p.start).Seconds(); d > 0 {
		b = fmt.Appendf(b, ", %.0f rows/s", float64(s.rows)/d)
	}
	b = fmt.Appendf(b, ", %d invalid, %d duplicate\x1b[K", s.invalid, s.duplicate)
	p.w.Write(b)
	p.shown = true
}

// done erases the progress line, so that what follows on the terminal
// starts on a clean line.
func (p *progress) done() {
	if p != nil && p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}
