package main

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/contactrules/contactrules/internal/report"
	"github.com/contactrules/contactrules/validate"
)

// benchLines is the size of the generated input of the benchmarks.
const benchLines = 1_000_000

// A benchFile is a generated input, made once per test binary.
type benchFile struct {
	once sync.Once
	file string
	err  error
}

var bench, benchCSV benchFile

// benchInput returns a file of benchLines generated lines.
func benchInput(b *testing.B) string {
	return bench.get(b, "bench.ndjson", writeBenchInput)
}

// benchCSVInput returns a CSV file of benchLines generated rows.
func benchCSVInput(b *testing.B) string {
	return benchCSV.get(b, "bench.csv", func(path string, n int) error {
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		if err := writeCSVRows(f, n); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	})
}

func (f *benchFile) get(b *testing.B, name string, write func(path string, n int) error) string {
	f.once.Do(func() {
		f.file = filepath.Join(tmpDir, name)
		f.err = write(f.file, benchLines)
	})
	if f.err != nil {
		b.Fatal(f.err)
	}
	return f.file
}

// Valid numbers of several regions (libphonenumber's example numbers),
// and numbers the rules refuse.
var (
	benchPhones = []string{
		"+12015550123", "+15062345678", "+12025550143", "+447400123456", "+441212345678",
		"+4915123456789", "+4930123456", "+33612345678", "+61412345678", "+819012345678",
		"+5511961234567", "+918123456789", "+522221234567", "+31612345678", "+34612345678",
	}
	benchBadPhones = []string{"+4402071838750", "+15551234567", "+1 201 555 0123", "12015550123"}
	benchNames     = []string{"Ada", "Grace", "Jean", "Oliver", "Lena", "Élodie", "優希", "Lucas", "Priya", "Mia"}
)

// writeBenchInput writes a file of n generated lines (benchLines).
func writeBenchInput(path string, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	if err := writeBenchLines(w, n); err != nil {
		f.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// writeBenchLines writes n lines: three in four a typical contact (email,
// phone, both names, two tags, three custom fields, both consents), the
// rest an email-only contact or one of the usual mistakes.
func writeBenchLines(w io.Writer, n int) error {
	r := rand.New(rand.NewPCG(1, 2))
	var line []byte
	for i := range n {
		name := benchNames[r.IntN(len(benchNames))]
		ph := benchPhones[r.IntN(len(benchPhones))]
		line = line[:0]
		switch k := r.IntN(20); {
		case k < 15:
			sms := "never_subscribed"
			if ph[1] == '1' {
				sms = "subscribed"
			}
			line = fmt.Appendf(line, `{"email":"user%d@example.com","phone_number":%q,"first_name":%q,"last_name":"Smith","tags":["import","batch-%d"],"custom_fields":{"plan":"pro","seats":%d,"trial":false},"email_consent":"subscribed","sms_consent":%q}`,
				i, ph, name, i%100, i%50, sms)
		case k < 17:
			line = fmt.Appendf(line, `{"email":"user%d@example.org","first_name":%q}`, i, name)
		case k == 17:
			line = fmt.Appendf(line, `{"email":"user%d@example","phone_number":%q}`, i, benchBadPhones[r.IntN(len(benchBadPhones))])
		case k == 18:
			line = fmt.Appendf(line, `{"email":"user%d@example.com","phone":%q,"email_consent":"opted_in"}`, i, ph)
		default:
			line = fmt.Appendf(line, `{"first_name":%q,"tags":["a",""],"custom_fields":{"x":{"y":1}}`, name)
		}
		line = append(line, '\n')
		if _, err := w.Write(line); err != nil {
			return err
		}
	}
	return nil
}

// BenchmarkRun measures the program's throughput on the generated NDJSON
// file (output discarded), in lines per second and allocations per line,
// with GOMAXPROCS 1 and 2 in the same run, and logs the ratio: what the
// pipeline gains from a second core.
func BenchmarkRun(b *testing.B) {
	benchCores(b, benchInput)
}

// BenchmarkRunCSV is BenchmarkRun on the generated CSV import (typed
// phone numbers, duplicates, quoted notes), with -fix.
func BenchmarkRunCSV(b *testing.B) {
	benchCores(b, benchCSVInput, "-fix", os.DevNull)
}

func benchCores(b *testing.B, input func(*testing.B) string, args ...string) {
	var rate [3]float64
	for _, procs := range []int{1, 2} {
		b.Run(fmt.Sprintf("GOMAXPROCS=%d", procs), func(b *testing.B) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			file := input(b)
			rate[procs] = benchLoop(b, func() int {
				return run(append(args, file), nil, io.Discard, io.Discard)
			})
		})
	}
	if rate[1] > 0 && rate[2] > 0 {
		b.Logf("GOMAXPROCS=2: %.2fx the lines/s of GOMAXPROCS=1", rate[2]/rate[1])
	}
}

// BenchmarkRunNaive is the obvious alternative, for comparison: a
// bufio.Scanner, and each result formatted into a fresh buffer with fmt.
func BenchmarkRunNaive(b *testing.B) {
	file := benchInput(b)
	benchLoop(b, func() int {
		f, err := os.Open(file)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, validate.DefaultPolicy().MaxBodyBytes+2)
		code := exitValid
		for n := 1; sc.Scan(); n++ {
			_, eff, d := validate.CreateJSON(sc.Bytes(), validate.Policy{})
			res := report.AppendResult(nil, d, eff)
			fmt.Fprintf(io.Discard, "{\"line\":%d,%s\n", n, res[1:])
			if len(d) > 0 {
				code = exitInvalid
			}
		}
		if err := sc.Err(); err != nil {
			b.Fatal(err)
		}
		return code
	})
}

// benchLoop runs check (over benchLines rows) b.N times and reports
// lines per second, which it returns, and allocations per line.
func benchLoop(b *testing.B, check func() int) float64 {
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for b.Loop() {
		if code := check(); code != exitInvalid {
			b.Fatalf("exit status %d, want %d", code, exitInvalid)
		}
	}
	runtime.ReadMemStats(&after)
	lines := float64(benchLines) * float64(b.N)
	rate := lines / b.Elapsed().Seconds()
	b.ReportMetric(rate, "lines/s")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/lines, "allocs/line")
	return rate
}

// TestWriteBenchFiles writes the benchmarks' generated inputs,
// bench.ndjson and bench.csv, to the folder CONTACTCHECK_BENCH_DIR names,
// for timing the built program from the shell; without it, it does
// nothing.
func TestWriteBenchFiles(t *testing.T) {
	dir := os.Getenv("CONTACTCHECK_BENCH_DIR")
	if dir == "" {
		t.Skip("CONTACTCHECK_BENCH_DIR is not set")
	}
	if err := writeBenchInput(filepath.Join(dir, "bench.ndjson"), benchLines); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(dir, "bench.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := writeCSVRows(f, benchLines); err != nil {
		t.Fatal(err)
	}
}
