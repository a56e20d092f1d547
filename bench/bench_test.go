// Package bench holds the module's benchmarks side by side, so that one
// `go test -bench` call measures the library and the obvious alternative
// on the same inputs, and the ratios cancel the machine's noise. run.sh
// runs them as the README's performance table was measured, and names
// the few benchmarks that live beside the internals they need.
package bench

import (
	"bytes"
	"encoding/json"
	"maps"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/contactrules/contactrules/phone"
	"github.com/contactrules/contactrules/validate"
	"github.com/nyaruka/phonenumbers"
)

// mixed is the phone corpus: libphonenumber's example number of every
// region and type, written in E.164, and for each a copy with its last
// digit changed and one with a digit more: valid and invalid numbers of
// every calling code.
var mixed = sync.OnceValue(func() []string {
	var out []string
	regions := slices.Sorted(maps.Keys(phonenumbers.GetSupportedRegions()))
	for _, region := range regions {
		for t := phonenumbers.FIXED_LINE; t <= phonenumbers.VOICEMAIL; t++ {
			n := phonenumbers.GetExampleNumberForType(region, t)
			if n == nil {
				continue
			}
			e := phonenumbers.Format(n, phonenumbers.E164)
			last := e[len(e)-1]
			out = append(out, e, e[:len(e)-1]+string('0'+(last-'0'+5)%10), e+"7")
		}
	}
	return out
})

// trio is the obvious alternative to phone.Parse.
func trio(s string) bool {
	n, err := phonenumbers.Parse(s, "")
	return err == nil && phonenumbers.IsValidNumber(n) &&
		phonenumbers.Format(n, phonenumbers.E164) == s && phonenumbers.GetRegionCodeForNumber(n) != ""
}

// BenchmarkParse: one op is one number of the mixed corpus.
func BenchmarkParse(b *testing.B) {
	corpus := mixed()
	b.Run("phone", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			phone.Parse(corpus[i%len(corpus)])
			i++
		}
	})
	b.Run("phonenumbers", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			trio(corpus[i%len(corpus)])
			i++
		}
	})
}

// BenchmarkParseByKind: one number of each kind, by both sides: a valid
// number, one in E.164 syntax that is not valid (the 555 number from the
// API docs), and one that is not E.164 at all.
func BenchmarkParseByKind(b *testing.B) {
	for _, in := range []struct{ name, s string }{
		{"valid", "+14155552671"},
		{"invalid", "+15551234567"},
		{"malformed", "+1 415 555 2671"},
	} {
		b.Run(in.name+"/phone", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				phone.Parse(in.s)
			}
		})
		b.Run(in.name+"/phonenumbers", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				trio(in.s)
			}
		})
	}
}

// invalid is a contact with seven mistakes: email, phone number, name,
// tag, custom field, consent and an unknown member.
var invalid = []byte(`{"email":"jane.doe@","phone_number":"+4402071838750","first_name":1,"tags":[""],` +
	`"custom_fields":{"a":{}},"sms_consent":"pending","phone":"x"}`)

// BenchmarkCreateJSON: the whole typical contact, against the stack a Go
// user would write (userStack) and the trio on its phone number alone;
// and a contact whose every field is wrong.
func BenchmarkCreateJSON(b *testing.B) {
	b.Run("typical", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, ds := validate.CreateJSON(Typical, validate.Policy{}); ds != nil {
				b.Fatal(ds)
			}
		}
	})
	b.Run("invalid", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, ds := validate.CreateJSON(invalid, validate.Policy{}); len(ds) != 7 {
				b.Fatal(ds)
			}
		}
	})
	b.Run("encoding/json+validator+phonenumbers", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if !userStack(Typical) {
				b.Fatal("invalid")
			}
		}
	})
	b.Run("phonenumbers-phone-only", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if !trio("+12015550123") {
				b.Fatal("invalid")
			}
		}
	})
}

// BenchmarkTypicalVsValid: the whole check of the typical contact beside
// encoding/json.Valid on the same bytes, the bar it is held to; the
// check alone, without the contact (CheckCreateJSON); and a bare
// allocation of the contact's size, which CreateJSON makes once.
func BenchmarkTypicalVsValid(b *testing.B) {
	b.Run("CreateJSON", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			validate.CreateJSON(Typical, validate.Policy{})
		}
	})
	b.Run("CheckCreateJSON", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			validate.CheckCreateJSON(Typical, validate.Policy{})
		}
	})
	b.Run("json.Valid", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			json.Valid(Typical)
		}
	})
	// What the one allocation of the contact's store costs by itself on
	// this machine, the garbage collector's share included.
	b.Run("one-128-byte-allocation", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			allocSink = new([128]byte)
		}
	})
	b.Run("ratio", func(b *testing.B) {
		pairs(b, func() { validate.CreateJSON(Typical, validate.Policy{}) }, func() { json.Valid(Typical) })
	})
}

var allocSink *[128]byte

// pairs runs f and g in alternating batches of 1,000 calls, a pair of
// batches an op, and reports the median of the pairs' time ratios f/g
// (f/g-median) and the ratio of their fastest batches (f/g-fastest). On
// a shared machine a neighbour's load slows both batches of a pair
// alike, which separate benchmarks seconds apart do not see.
func pairs(b *testing.B, f, g func()) {
	const batch = 1000
	batchTime := func(fn func()) time.Duration {
		start := time.Now()
		for range batch {
			fn()
		}
		return time.Since(start)
	}
	var ratios []float64
	fastF, fastG := time.Duration(math.MaxInt64), time.Duration(math.MaxInt64)
	for b.Loop() {
		tf, tg := batchTime(f), batchTime(g)
		fastF, fastG = min(fastF, tf), min(fastG, tg)
		ratios = append(ratios, float64(tf)/float64(tg))
	}
	slices.Sort(ratios)
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(ratios[len(ratios)/2], "f/g-median")
	b.ReportMetric(float64(fastF)/float64(fastG), "f/g-fastest")
}

// BenchmarkContactcheck runs the built program over a generated file of a
// million lines (the example file's realistic mix, repeated; the
// duplicate check off, since every line repeats), on one core and on two
// (GOMAXPROCS=1, =2) in the same run: the ratio is what the second core
// buys. One op is one run over the file.
func BenchmarkContactcheck(b *testing.B) {
	const lines = 1_000_000
	dir := b.TempDir()
	bin := filepath.Join(dir, "contactcheck")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/contactcheck").CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	examples, err := os.ReadFile("../examples/contacts.ndjson")
	if err != nil {
		b.Fatal(err)
	}
	var file []byte
	ex := bytes.Split(bytes.TrimSpace(examples), []byte("\n"))
	for i := range lines {
		file = append(append(file, ex[i%len(ex)]...), '\n')
	}
	input := filepath.Join(dir, "contacts.ndjson")
	if err := os.WriteFile(input, file, 0o644); err != nil {
		b.Fatal(err)
	}
	check := func(procs string) time.Duration {
		cmd := exec.Command(bin, "-duplicates=false", input)
		cmd.Env = append(os.Environ(), "GOMAXPROCS="+procs)
		start := time.Now()
		if err := cmd.Run(); err != nil {
			if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
				b.Fatal(err)
			}
		}
		return time.Since(start)
	}
	for _, procs := range []string{"1", "2"} {
		b.Run("GOMAXPROCS="+procs, func(b *testing.B) {
			runtime.GC()
			for b.Loop() {
				check(procs)
			}
			b.ReportMetric(float64(lines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
		})
	}
	// One op is a run on one core and one on two, back to back: the
	// ratio of their times, which a neighbour's load skews less than
	// runs seconds apart.
	b.Run("speedup", func(b *testing.B) {
		var ratios []float64
		for b.Loop() {
			one, two := check("1"), check("2")
			ratios = append(ratios, float64(one)/float64(two))
		}
		slices.Sort(ratios)
		b.ReportMetric(0, "ns/op")
		b.ReportMetric(ratios[len(ratios)/2], "x-median")
	})
}
