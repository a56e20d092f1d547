package main

import (
	"bufio"
	"io"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/contactrules/contactrules/internal/testenv"
)

// TestCSVBoundedMemory streams a generated CSV import through the whole
// program (reader, workers, writer, duplicate check, summary, -fix) and
// samples the live heap as it goes: apart from the duplicate check's
// table, which holds 12 bytes a slot for each email and phone number
// seen, it must stay under a fixed bound whatever the number of rows.
// The default run streams 20,000 rows; with CONTACTRULES_LONG=1 (as CI
// runs it) a million.
func TestCSVBoundedMemory(t *testing.T) {
	rows := testenv.Cases(20_000, 1_000_000)
	const bound = 16 << 20 // live heap besides the duplicate table

	var peak heapPeak
	sample := peak.sample
	sample()
	base := peak

	pr, pw := io.Pipe()
	go func() {
		pw.CloseWithError(writeCSVRows(&sampling{w: pw, every: 1 << 20, sample: sample}, rows))
	}()
	cfg, err := parseArgs([]string{"-format", "csv", "-summary", "-fix", os.DevNull}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	c := newPipeline(cfg, &countingWriter{})
	c.fix = bufio.NewWriter(io.Discard)
	start := time.Now()
	if err := c.files(nil, pr); err != nil {
		t.Fatal(err)
	}
	elapsed := time.Since(start)
	sample()

	if c.sum.rows < rows*9/10 {
		t.Fatalf("%d rows checked of %d", c.sum.rows, rows)
	}
	if c.sum.duplicate == 0 || c.sum.invalid == 0 {
		t.Errorf("the generated rows gave %d invalid and %d duplicates; want some of both", c.sum.invalid, c.sum.duplicate)
	}
	table := uint64(c.seen.size())
	if keys := c.seen.n; table > 32*uint64(keys) {
		t.Errorf("the duplicate table holds %d bytes for %d keys, over 32 a key", table, keys)
	}
	grew := uint64(peak - base)
	if grew > table+bound {
		t.Errorf("the live heap grew by %d bytes, over the duplicate table's %d and %d more", grew, table, bound)
	}
	t.Logf("%d rows in %v (%.0f rows/s, GOMAXPROCS=%d): live heap grew by at most %.1f MiB, of which %.1f MiB the duplicate table (%d keys)",
		c.sum.rows, elapsed.Round(time.Millisecond), float64(c.sum.rows)/elapsed.Seconds(), runtime.GOMAXPROCS(0),
		float64(grew)/(1<<20), float64(table)/(1<<20), c.seen.n)
}

// A heapPeak is the largest live heap sampled.
type heapPeak uint64

// sample collects garbage and notes the live heap.
func (p *heapPeak) sample() {
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	*p = max(*p, heapPeak(ms.HeapAlloc))
}

// sampling passes writes on to w and calls sample every so many bytes.
type sampling struct {
	w      io.Writer
	every  int
	n      int
	sample func()
}

func (s *sampling) Write(p []byte) (int, error) {
	s.n += len(p)
	if s.n >= s.every {
		s.n = 0
		s.sample()
	}
	return s.w.Write(p)
}
