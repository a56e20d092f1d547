package main

import (
	"fmt"
	"io"
	"time"
)

// Progress timing: nothing for the first progressDelay, so that short runs
// stay quiet, then an update at most every progressPeriod. The clock is
// read once every progressLines lines only.
const (
	progressDelay  = time.Second
	progressPeriod = 250 * time.Millisecond
	progressLines  = 1 << 14
)

// A progress keeps one line on a terminal up to date. A nil *progress
// shows nothing.
type progress struct {
	w     io.Writer
	now   func() time.Time
	next  time.Time // no update before
	n     int       // calls to tick
	shown bool
}

func newProgress(w io.Writer) *progress {
	p := &progress{w: w, now: time.Now}
	p.next = p.now().Add(progressDelay)
	return p
}

// tick is called once a checked line.
func (p *progress) tick(lines, invalid int) {
	if p == nil {
		return
	}
	p.n++
	if p.n%progressLines != 0 {
		return
	}
	if t := p.now(); !t.Before(p.next) {
		p.next = t.Add(progressPeriod)
		fmt.Fprintf(p.w, "\rcontactcheck: line %d, %d invalid", lines, invalid)
		p.shown = true
	}
}

// done erases the progress line, so that what follows on the terminal
// starts on a clean line.
func (p *progress) done() {
	if p != nil && p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}
