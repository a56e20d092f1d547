package main

import (
	"bufio"
	"errors"
	"io"
	"math"
	"runtime"
	"strconv"
	"sync"

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
// more); the reader waits for a free one. A batch holds at most
// batchRows rows and stops taking rows once batchBytes of input are in
// it, so at most a fixed number of rows and bytes are in flight: memory
// does not grow with the input.
const (
	readSize  = 64 << 10 // the reader's buffer: a line that fits is read without a copy
	writeSize = 64 << 10

	batchRows        = 256
	batchBytes       = 64 << 10
	batchesPerWorker = 2
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
	sum      summary
	progress *progress // nil: none
}

// The channels of the pipeline.
type pipe struct {
	free  chan *batch   // batches the reader may fill
	work  chan *batch   // batches for the workers
	order chan *batch   // every batch, in input order, for the writer
	quit  chan struct{} // closed when the writer has failed
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
		overlong:   baseDetail("max_bytes", cfg.policy),
		badWrapper: baseDetail("json_object", cfg.policy),
		in:         bufio.NewReaderSize(nil, readSize),
		out:        bufio.NewWriterSize(stdout, writeSize),
		sum:        summary{detailed: cfg.summary},
	}
}

// An item is one row of input: an NDJSON line, or the answer already
// known for one (a line over the limit).
type item struct {
	line int // the line the row starts on
	kind itemKind
	a, b int // an NDJSON line: its bytes in batch.data

	// Set by the worker.
	end     int               // the end of the row's result in batch.out
	details []errs.FieldError // nil: valid
}

type itemKind uint8

const (
	kindLine     itemKind = iota // an NDJSON line
	kindOverlong                 // a line over the limit
)

// A batch is a run of consecutive rows, with the results a worker wrote
// for them.
type batch struct {
	items []item
	data  []byte        // the NDJSON lines of items
	pos   int64         // checker.pos once the batch was filled (progress)
	err   error         // the read error that ends the input after items
	out   []byte        // the results, one line each, in the order of items
	ready chan struct{} // a worker is done with the batch
}

// reset empties b for reuse, letting go of what the last rows held.
func (b *batch) reset() {
	clear(b.items)
	b.items, b.data, b.out = b.items[:0], b.data[:0], b.out[:0]
	b.err = nil
	// A huge line grew a buffer: give it back rather than keep it.
	if cap(b.data) > 4*batchBytes {
		b.data = nil
	}
	if cap(b.out) > 16*batchBytes {
		b.out = nil
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
	if len(b.items) >= batchRows || len(b.data) >= batchBytes {
		c.send()
	}
	return nil
}

// send passes the batch being filled to the writer and the workers. The
// channels hold every batch there is, so neither send blocks.
func (c *checker) send() {
	c.cur.pos = c.pos
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
		b.reset()
		c.free <- b
	}
	if ferr := c.out.Flush(); err == nil {
		err = ferr
	}
	return err
}

// emit writes the results of a batch, and returns its read error.
func (c *checker) emit(b *batch) error {
	start := 0
	for i := range b.items {
		it := &b.items[i]
		c.sum.add(it.details)
		c.progress.tick(&c.sum, it.line, b.pos)
		if _, err := c.out.Write(b.out[start:it.end]); err != nil {
			return err
		}
		start = it.end
	}
	return b.err
}

// file reads one file, or stdin for "-", into batches.
func (c *checker) file(name string, stdin io.Reader) error {
	r, closer, err := open(name, stdin)
	if err != nil {
		return err
	}
	defer closer()
	return c.ndjson(&counter{r: r, n: &c.pos})
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

// A worker runs the rules on batches; each worker has its own.
type worker struct {
	c *checker
}

func (c *checker) newWorker() *worker {
	return &worker{c: c}
}

// batch writes the result of every row of b into b.out.
func (w *worker) batch(b *batch) {
	for i := range b.items {
		it := &b.items[i]
		b.out = w.row(b.out, it, b)
		it.end = len(b.out)
	}
}

// row appends the result line of one row to out and records the row's
// details in it.
func (w *worker) row(out []byte, it *item, b *batch) []byte {
	var res outcome
	switch it.kind {
	case kindLine:
		res = w.line(b.data[it.a:it.b])
	case kindOverlong:
		res.details = w.c.overlong
	}
	it.details = res.details
	return appendLine(out, it.line, res)
}

// line runs the rules on one NDJSON line.
func (w *worker) line(body []byte) outcome {
	var res outcome
	if w.c.cfg.update {
		res.effects, res.details = w.c.update(body)
	} else {
		_, res.effects, res.details = createJSON(body, w.c.cfg.policy)
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

// A counter counts the bytes read through it into *n.
type counter struct {
	r io.Reader
	n *int64
}

func (r *counter) Read(p []byte) (int, error) {
	k, err := r.r.Read(p)
	*r.n += int64(k)
	return k, err
}
