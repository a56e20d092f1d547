package main

import (
	"bufio"
	"errors"
	"io"
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/contactrules/contactrules/advice"
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

// A pipeline holds the program's state: the settings every goroutine
// reads, the reader's state and the writer's.
type pipeline struct {
	cfg     config
	limit   int // the longest acceptable line or row, in bytes
	workers int

	// Fixed answers: a line over the limit; an update line that is not
	// a {"current":…,"patch":…} object (the library's detail for a body
	// that is not a JSON object).
	overlong, badWrapper []errs.FieldError

	wide chan struct{} // held while a wide CSV row is checked

	// The reader's state.
	stderr   io.Writer // how CSV columns are read is said here
	in       *bufio.Reader
	long     []byte // a line longer than in's buffer, at most limit+2 bytes of it
	cutBlank bool   // what read discarded of the last line was blank
	line     int    // number of the last line read
	pos      int64  // bytes of input read, all files so far
	cur      *batch // the batch being filled; nil: none
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

func newPipeline(cfg config, stdout io.Writer) *pipeline {
	limit := cfg.policy.MaxBodyBytes
	if limit <= 0 {
		limit = validate.DefaultPolicy().MaxBodyBytes
	}
	limit = min(limit, math.MaxInt-2) // read counts up to limit+2
	workers := runtime.GOMAXPROCS(0)
	return &pipeline{
		cfg:        cfg,
		limit:      limit,
		workers:    workers,
		overlong:   ruleDetail(validate.RuleMaxBytes, cfg.policy),
		badWrapper: ruleDetail(validate.RuleJSONObject, cfg.policy),
		stderr:     io.Discard,
		wide:       make(chan struct{}, 1),
		in:         bufio.NewReaderSize(nil, readSize),
		out:        bufio.NewWriterSize(stdout, writeSize),
		sum:        summary{detailed: cfg.summary},
		dedup:      !cfg.update && !cfg.noDuplicates,
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
	advice  []advice.Advice   // -advice: the advice on a valid row
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
	pos   int64    // pipeline.pos once the batch was filled (progress)
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
	if cap(b.cells)*cellCost > 4*batchBytes {
		b.cells = nil
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
func (c *pipeline) files(names []string, stdin io.Reader) error {
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
func (c *pipeline) readAll(names []string, stdin io.Reader) {
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
func (c *pipeline) batch() *batch {
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
func (c *pipeline) add(it item) error {
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
func (c *pipeline) send() {
	c.cur.pos = c.pos
	c.inflight.Add(int64(c.cur.size))
	c.order <- c.cur
	c.work <- c.cur
	c.cur = nil
}

// writeAll is the writer: it prints the batches in input order as the
// workers finish them, and returns the first read or write error.
func (c *pipeline) writeAll() error {
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
