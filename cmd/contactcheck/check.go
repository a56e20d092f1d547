package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/validate"
)

// The program is a pipeline: one goroutine reads the input and cuts it
// into batches of rows, N workers (GOMAXPROCS) run the rules on a batch
// each, and the writer, the goroutine of run, prints the batches in input
// order. What depends on the order of rows (duplicates, the summary's
// bounded counts, progress, -fix) is done by the writer alone, so the
// output is the same bytes whatever the number of workers.
//
// A fixed number of batches exists (batchesPerWorker per worker, and two
// more); the reader waits for a free one, and waits too while the batches
// in flight hold flightBytes of input or more. A batch holds at most
// batchRows rows and stops taking rows once batchBytes of input are in
// it, so at most a fixed number of rows and bytes are in flight: memory
// does not grow with the input. The pipeline is deep enough that a worker
// the system pauses for a while (on a busy machine) does not soon stall
// the others behind the batch it holds.
const (
	readSize  = 64 << 10 // the reader's buffer: a line that fits is read without a copy
	writeSize = 64 << 10

	batchRows        = 256
	batchBytes       = 64 << 10
	batchesPerWorker = 8
	flightBytes      = 8 << 20
)

// A checker holds the program's state: the settings every goroutine
// reads, the reader's state and the writer's.
type checker struct {
	cfg     config
	limit   int // the longest acceptable line or row, in bytes
	workers int

	// Fixed answers: a line over the limit; an update line that is not
	// a {"current":…,"patch":…} object (the library's detail for a body
	// that is not a JSON object).
	overlong, badWrapper []errs.FieldError

	// The reader's state.
	in   *bufio.Reader
	long []byte // a line longer than in's buffer, at most limit+2 bytes of it
	line int    // number of the last line read
	pos  int64  // bytes of input read, all files so far
	cur  *batch // the batch being filled; nil: none
	pipe

	// The writer's state.
	out      *bufio.Writer
	fix      *bufio.Writer // -fix; nil: none
	buf      []byte        // a duplicate's answer being built
	dedup    bool          // look for duplicates
	seen     seenSet
	sum      summary
	progress *progress // nil: none
}

// The channels of the pipeline.
type pipe struct {
	free  chan *batch   // batches the reader may fill
	work  chan *batch   // batches for the workers
	order chan *batch   // every batch, in input order, for the writer
	quit  chan struct{} // closed when the writer has failed

	inflight atomic.Int64  // bytes of input in batches sent and not yet freed
	freed    chan struct{} // a batch was freed (a wake-up for the reader)
}

func newChecker(cfg config, stdout io.Writer) *checker {
	limit := cfg.policy.MaxBodyBytes
	if limit <= 0 {
		limit = validate.DefaultPolicy().MaxBodyBytes
	}
	limit = min(limit, math.MaxInt-2) // read counts up to limit+2
	workers := cfg.workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	return &checker{
		cfg:        cfg,
		limit:      limit,
		workers:    workers,
		overlong:   detail(validate.RuleMaxBytes, cfg.policy),
		badWrapper: detail(validate.RuleJSONObject, cfg.policy),
		in:         bufio.NewReaderSize(nil, readSize),
		out:        bufio.NewWriterSize(stdout, writeSize),
		sum:        summary{detailed: cfg.summary},
		dedup:      !cfg.update && !cfg.keepDuplicates,
	}
}

// An item is one row of input: an NDJSON line, a CSV row, or the answer
// already known for one (a line over the limit, a malformed CSV row).
type item struct {
	line int // the line the row starts on
	kind itemKind
	a, b int // an NDJSON line: its bytes in batch.data; a CSV row: its cells in batch.cells

	// Set by the worker.
	end     int               // the end of the row's result in batch.out
	fixEnd  int               // the end of its -fix line in batch.fix
	details []errs.FieldError // nil: valid
	keys    [2]uint64         // a valid create's email and phone keys; 0: none
}

type itemKind uint8

const (
	kindLine      itemKind = iota // an NDJSON line
	kindRow                       // a CSV row
	kindOverlong                  // a line or row over the limit
	kindCSVSyntax                 // a CSV row that encoding/csv cannot read
)

// A batch is a run of consecutive rows, with the results a worker wrote
// for them.
type batch struct {
	items []item
	data  []byte   // the NDJSON lines of items
	cells []string // the cells of CSV rows
	hdr   *header  // the columns of CSV rows
	size  int      // bytes of input in the batch
	pos   int64    // checker.pos once the batch was filled (progress)
	err   error    // the read error that ends the input after items

	out   []byte        // the results, one line each, in the order of items
	fix   []byte        // the -fix lines of valid rows
	ready chan struct{} // a worker is done with the batch
}

// full reports whether the batch should be sent.
func (b *batch) full() bool {
	return len(b.items) >= batchRows || b.size >= batchBytes
}

// reset empties b for reuse, letting go of what the last rows held.
func (b *batch) reset() {
	clear(b.items)
	clear(b.cells)
	b.items, b.data, b.cells = b.items[:0], b.data[:0], b.cells[:0]
	b.out, b.fix = b.out[:0], b.fix[:0]
	b.hdr, b.size, b.err = nil, 0, nil
	// A huge line grew a buffer: give it back rather than keep it.
	if cap(b.data) > 4*batchBytes {
		b.data = nil
	}
	if cap(b.out) > 16*batchBytes {
		b.out = nil
	}
	if cap(b.fix) > 16*batchBytes {
		b.fix = nil
	}
}

// errStopped is the reader's answer once the writer has failed.
var errStopped = errors.New("contactcheck: output failed")

// files checks the named files in turn as one input; "-" or no names at
// all mean stdin. It stops at the first I/O error, with the output of the
// rows before it written.
func (c *checker) files(names []string, stdin io.Reader) error {
	defer c.progress.done()
	if len(names) == 0 {
		names = []string{"-"}
	}
	n := c.workers*batchesPerWorker + 2
	c.pipe = pipe{
		free:  make(chan *batch, n),
		work:  make(chan *batch, n),
		order: make(chan *batch, n),
		quit:  make(chan struct{}),
		freed: make(chan struct{}, 1),
	}
	for range n {
		c.free <- &batch{ready: make(chan struct{}, 1)}
	}
	var wg sync.WaitGroup
	for range c.workers {
		wg.Go(func() {
			w := c.newWorker()
			for b := range c.work {
				w.batch(b)
				b.ready <- struct{}{}
			}
		})
	}
	go c.readAll(names, stdin)
	err := c.writeAll()
	wg.Wait()
	return err
}

// readAll is the reader: it reads every file in turn, sends the batches
// and closes the channels at the end.
func (c *checker) readAll(names []string, stdin io.Reader) {
	defer close(c.order)
	defer close(c.work)
	for _, name := range names {
		err := c.file(name, stdin)
		if err == errStopped {
			return
		}
		if err != nil {
			if b := c.batch(); b != nil {
				b.err = err
				c.send()
			}
			return
		}
	}
	if c.cur != nil {
		c.send()
	}
}

// batch returns the batch being filled, taking a free one when there is
// none; nil once the writer has failed.
func (c *checker) batch() *batch {
	if c.cur == nil {
		for c.inflight.Load() >= flightBytes {
			select {
			case <-c.freed:
			case <-c.quit:
				return nil
			}
		}
		select {
		case c.cur = <-c.free:
		case <-c.quit:
			return nil
		}
	}
	return c.cur
}

// add appends it to the batch being filled and sends the batch when it is
// full. It returns errStopped once the writer has failed.
func (c *checker) add(it item) error {
	b := c.batch()
	if b == nil {
		return errStopped
	}
	b.items = append(b.items, it)
	if b.full() {
		c.send()
	}
	return nil
}

// send passes the batch being filled to the writer and the workers. The
// channels hold every batch there is, so neither send blocks.
func (c *checker) send() {
	c.cur.pos = c.pos
	c.inflight.Add(int64(c.cur.size))
	c.order <- c.cur
	c.work <- c.cur
	c.cur = nil
}

// writeAll is the writer: it prints the batches in input order as the
// workers finish them, and returns the first read or write error.
func (c *checker) writeAll() error {
	var err error
	for b := range c.order {
		<-b.ready
		if err == nil {
			if err = c.emit(b); err != nil {
				close(c.quit)
			}
		}
		size := b.size
		b.reset()
		c.free <- b
		c.inflight.Add(-int64(size))
		select {
		case c.freed <- struct{}{}:
		default:
		}
	}
	if ferr := c.out.Flush(); err == nil {
		err = ferr
	}
	if c.fix != nil {
		if ferr := c.fix.Flush(); err == nil {
			err = ferr
		}
	}
	return err
}

// emit writes the results of a batch, and returns its read error. A
// valid row that repeats an earlier valid row's email or phone number is
// answered as a duplicate instead. The workers' lines between duplicates
// are written in one piece.
func (c *checker) emit(b *batch) error {
	out, fix := 0, 0 // the start of the lines not written yet
	start, fixStart := 0, 0
	for i := range b.items {
		it := &b.items[i]
		dup := 0
		if c.dedup && it.details == nil {
			dup = c.seen.check(it.keys, it.line)
		}
		if dup == 0 {
			c.sum.add(it.details)
		} else {
			c.sum.addDuplicate()
			if err := c.write(b, out, start, fix, fixStart); err != nil {
				return err
			}
			if _, err := c.out.Write(c.duplicate(it.line, dup)); err != nil {
				return err
			}
			out, fix = it.end, it.fixEnd
		}
		start, fixStart = it.end, it.fixEnd
		c.progress.tick(&c.sum, it.line, b.pos)
	}
	if err := c.write(b, out, start, fix, fixStart); err != nil {
		return err
	}
	return b.err
}

// write writes b.out[out:outEnd] and b.fix[fix:fixEnd].
func (c *checker) write(b *batch, out, outEnd, fix, fixEnd int) error {
	if _, err := c.out.Write(b.out[out:outEnd]); err != nil {
		return err
	}
	if c.fix != nil {
		if _, err := c.fix.Write(b.fix[fix:fixEnd]); err != nil {
			return fmt.Errorf("-fix: %w", err)
		}
	}
	return nil
}

// conflictBody is the error of a duplicate row: the API's conflict
// envelope, without the id of the existing contact, which a file does not
// have.
var conflictBody = errs.Error{Code: errs.Conflict}.AppendBody(nil)

// duplicate returns the answer for the row on line that repeats the row
// on line earlier.
func (c *checker) duplicate(line, earlier int) []byte {
	c.buf = append(c.buf[:0], `{"line":`...)
	c.buf = strconv.AppendInt(c.buf, int64(line), 10)
	c.buf = append(c.buf, `,"ok":false,"duplicate_of":`...)
	c.buf = strconv.AppendInt(c.buf, int64(earlier), 10)
	c.buf = append(c.buf, `,"error":`...)
	c.buf = append(c.buf, conflictBody...)
	return append(c.buf, "}\n"...)
}

// file reads one file, or stdin for "-", into batches: CSV when -format
// says so or, without -format, when its name ends in ".csv"; otherwise
// NDJSON. A batch holds rows of one file only.
func (c *checker) file(name string, stdin io.Reader) error {
	r, closer, err := open(name, stdin)
	if err != nil {
		return err
	}
	defer closer()
	src := &source{r: r, pos: &c.pos}
	if c.cfg.isCSV(name) {
		err = c.csv(src)
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
func (c *checker) ndjson(r io.Reader) error {
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
		case len(line) > c.limit:
			it.kind = kindOverlong
		case blank(line):
			continue
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

// A worker runs the rules on batches; each worker has its own, with its
// buffers.
type worker struct {
	c *checker

	// A CSV row's form, and the values it holds.
	form   map[string][]string
	values []string
	tags   []string

	scratch []byte // an email key being built
}

func (c *checker) newWorker() *worker {
	return &worker{c: c}
}

// batch writes the result of every row of b into b.out, and the -fix
// line of every valid one into b.fix.
func (w *worker) batch(b *batch) {
	for i := range b.items {
		it := &b.items[i]
		b.out = w.row(b.out, it, b)
		it.end, it.fixEnd = len(b.out), len(b.fix)
	}
}

// row appends the result line of one row to out and records in it the
// row's details and, for a valid create, its duplicate keys; the -fix
// line goes to b.fix.
func (w *worker) row(out []byte, it *item, b *batch) []byte {
	var res outcome
	switch it.kind {
	case kindLine:
		res = w.line(b.data[it.a:it.b])
	case kindRow:
		res = w.csvRow(b.hdr, b.cells[it.a:it.b])
	case kindOverlong:
		res.details = w.c.overlong
	case kindCSVSyntax:
		res.details = csvDetail
	}
	it.details = res.details
	if res.details == nil && !w.c.cfg.update {
		if e := res.contact.Email; e != "" && w.c.dedup {
			it.keys[0], w.scratch = emailKey(e, w.scratch)
		}
		if p := res.contact.PhoneNumber; p != "" && w.c.dedup {
			it.keys[1] = phoneKey(p)
		}
		if w.c.cfg.fix != "" {
			b.fix = appendFix(b.fix, res)
		}
	}
	return appendLine(out, it.line, res)
}

// line runs the rules on one NDJSON line.
func (w *worker) line(body []byte) outcome {
	var res outcome
	switch {
	case w.c.cfg.update:
		res.effects, res.details = w.c.update(body)
	case w.c.dedup || w.c.cfg.fix != "":
		res.contact, res.effects, res.details = createJSON(body, w.c.cfg.policy)
	default: // nothing reads the contact: the answer alone, which allocates nothing
		res.effects, res.details = checkCreateJSON(body, w.c.cfg.policy)
	}
	return res
}

// appendLine appends the result line of row line: {"line":N then the
// library's result {"ok":…}, whose "{" becomes ",".
func appendLine(out []byte, line int, res outcome) []byte {
	out = append(out, `{"line":`...)
	out = strconv.AppendInt(out, int64(line), 10)
	at := len(out)
	out = appendResult(out, res.details, res.effects)
	out[at] = ','
	return append(out, '\n')
}
