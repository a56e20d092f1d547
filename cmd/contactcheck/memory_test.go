package main

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
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

// TestWideCSVBoundedMemory streams CSV rows of many short cells, each row
// under the body limit, and samples the live heap: it must stay within a
// small multiple of the limit whatever the shape of the rows (issue 23
// item 8: 216,841 columns × 60 rows, each under 1 MiB, peaked at 402 MB
// of RSS, the cells' string headers, the workers' forms and the
// library's copies of them being each many times the row's bytes). The
// default run uses a 64 KiB limit, the long run (CONTACTRULES_LONG=1)
// the API's 1 MiB, with the columns scaled to it.
func TestWideCSVBoundedMemory(t *testing.T) {
	limit := testenv.Cases(128<<10, 1<<20)
	cols := limit * 216_841 / (1 << 20)
	const rows = 60
	// The live heap may grow by the batches in flight (flightBytes, a
	// fixed amount, bounded in memory rather than input bytes) and by a
	// fixed multiple of the limit: the header's columns, the csv
	// reader's record, one worker's form of the row and the library's
	// copy of it.
	bound := 2*flightBytes + 8<<20 + 64*limit

	var peak heapPeak
	sample := peak.sample
	sample()
	base := peak

	pr, pw := io.Pipe()
	go func() {
		w := bufio.NewWriter(&sampling{w: pw, every: limit, sample: sample})
		for i := range cols {
			if i > 0 {
				w.WriteByte(',')
			}
			w.WriteString(strconv.FormatInt(int64(i), 36))
		}
		w.WriteByte('\n')
		row := strings.Repeat("xy,", cols-1) + "xy\n"
		for range rows {
			w.WriteString(row)
		}
		pw.CloseWithError(w.Flush())
	}()
	cfg, err := parseArgs([]string{"-format", "csv", "-summary", "-max-bytes", strconv.Itoa(limit)}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	c := newPipeline(cfg, &out)
	if err := c.files(nil, pr); err != nil {
		t.Fatal(err)
	}
	sample()
	if c.sum.rows != rows || bytes.Contains(out.Bytes(), []byte("max_bytes")) {
		t.Fatalf("%d rows checked, want %d, none over the limit:\n%.500s", c.sum.rows, rows, out.Bytes())
	}
	grew := uint64(peak - base)
	if grew > uint64(bound) {
		t.Errorf("the live heap grew by %.1f MiB for rows of %d cells under a %d-byte limit: over the bound, %.1f MiB", float64(grew)/(1<<20), cols, limit, float64(bound)/(1<<20))
	}
	t.Logf("%d rows of %d cells, limit %d bytes: the live heap grew by at most %.1f MiB (%.1f times the limit)", rows, cols, limit, float64(grew)/(1<<20), float64(grew)/float64(limit))
}
