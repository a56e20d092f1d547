package fuzz

import (
	"bytes"
	"io"
	"math"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/contactrules/contactrules/errs/httperr"
	"github.com/contactrules/contactrules/phone"
	"github.com/contactrules/contactrules/validate"
)

// Bounded work on huge input, checked without a clock: a test that times
// itself flakes on a shared machine. What is checked instead is that the
// memory each entry point allocates grows linearly with its input (or not
// at all where the input is cut short), which a quadratic algorithm or a
// copy per element would break. Time is bounded by go test's -timeout;
// the benchmarks below report the throughput.

// hostile returns bodies of about n bytes, of the shapes that make naive
// readers recurse, go quadratic or allocate per element.
func hostile(n int) map[string][]byte {
	repeat := func(prefix, unit, suffix string) []byte {
		k := max((n-len(prefix)-len(suffix))/len(unit), 1)
		return []byte(prefix + strings.Repeat(unit, k) + suffix)
	}
	nested := func(open, close string) []byte {
		k := (n - 40) / (len(open) + len(close))
		return []byte(`{"x":` + strings.Repeat(open, k) + strings.Repeat(close, k) + `,"email":"a@b.co"}`)
	}
	numbered := func(prefix, format, suffix string) []byte {
		var b bytes.Buffer
		b.WriteString(prefix)
		for i := 0; b.Len() < n-len(suffix)-20; i++ {
			b.WriteString(strings.Replace(format, "#", strconv.Itoa(i), 1))
		}
		b.WriteString(suffix)
		return b.Bytes()
	}
	return map[string][]byte{
		"deep arrays":             nested("[", "]"),
		"deep objects":            nested(`{"a":`, "}"),
		"deep and unclosed":       repeat(`{"x":`, "[", ""),
		"unknown keys":            numbered(`{"email":"a@b.co"`, `,"k#":1`, "}"),
		"custom field keys":       numbered(`{"email":"a@b.co","custom_fields":{"k":0`, `,"k#":"v"`, "}}"),
		"one long string":         repeat(`{"email":"`, "a", `"}`),
		"empty tags":              repeat(`{"email":"a@b.co","tags":[""`, `,""`, "]}"),
		"escapes":                 repeat(`{"email":"a@b.co","first_name":"`, `\u00e9`, `"}`),
		"surrogate escapes":       repeat(`{"email":"a@b.co","last_name":"`, `\ud800`, `"}`),
		"invalid UTF-8":           repeat(`{"email":"a@b.co","last_name":"`, "\xff", `"}`),
		"one key repeated":        repeat(`{"email":"a@b.co"`, `,"x":1`, "}"),
		"one custom key repeated": repeat(`{"email":"a@b.co","custom_fields":{"k":0`, `,"k":1`, "}}"),
		"many small numbers":      repeat(`{"email":"a@b.co","x":[0`, `,1`, "]}"),
	}
}

// allocated returns the allocations and bytes one call of f allocates:
// the least of runs calls, each measured alone, after a warm-up. The
// counters are the process's, and a call's own figure is its least: other
// goroutines allocate meanwhile, and under -race a sync.Pool drops a
// quarter of what is put back at random, so a call that reuses a pooled
// buffer (encoding/json's scanner, fmt's printer) allocates a few more
// objects on some runs than on others.
func allocated(runs int, f func()) (mallocs, bytes float64) {
	f()
	var before, after runtime.MemStats
	mallocs, bytes = math.Inf(1), math.Inf(1)
	for range runs {
		runtime.GC()
		runtime.ReadMemStats(&before)
		f()
		runtime.ReadMemStats(&after)
		mallocs = min(mallocs, float64(after.Mallocs-before.Mallocs))
		bytes = min(bytes, float64(after.TotalAlloc-before.TotalAlloc))
	}
	return mallocs, bytes
}

// growth returns how much more f allocates (count and bytes) on the
// large input than on the small one.
func growth(f func([]byte), small, large []byte) (mallocs, bytes float64, onLarge float64) {
	m1, b1 := allocated(3, func() { f(small) })
	m2, b2 := allocated(3, func() { f(large) })
	return (m2 + 1) / (m1 + 1), b2 / max(b1, 1), b2
}

func TestLinearWork(t *testing.T) {
	const small, large = 256 << 10, 1<<20 - 64 // large is 4 times small, under the 1 MiB limit
	smallBodies, largeBodies := hostile(small), hostile(large)
	checks := map[string]func([]byte){
		"CreateJSON": func(b []byte) { validate.CreateJSON(b, validate.Policy{}) },
		"UpdateJSON": func(b []byte) { validate.UpdateJSON(validate.Contact{Email: "a@b.co"}, b, validate.Policy{}) },
	}
	for entry, f := range checks {
		for name := range smallBodies {
			t.Run(entry+"/"+name, func(t *testing.T) {
				m, b, onLarge := growth(f, smallBodies[name], largeBodies[name])
				// Four times the input: a linear reader allocates about four
				// times as much (slack for slices growing by doubling); a
				// quadratic one sixteen times.
				if m > 6 || b > 6 {
					t.Errorf("4x the input allocates %.1fx as often and %.1fx as many bytes", m, b)
				}
				// Today's worst, 1 MiB of empty tags, allocates about 125
				// bytes a byte of input (a detail for each tag).
				if perByte := onLarge / float64(len(largeBodies[name])); perByte > 200 {
					t.Errorf("%.0f bytes allocated for each byte of input", perByte)
				}
			})
		}
	}
}

// TestCutShort checks the entry points that read only a bounded prefix
// of their input: their allocations do not grow with it at all, and
// FromResponse reads no more than its limit of the body.
//
// FromResponse's allocations are compared by bytes, not by count: it
// reuses pooled buffers (encoding/json's scanner, fmt's printer), and
// under -race a sync.Pool drops a quarter of what is put back at random,
// so the same call counts 61 or 64 allocations from one run to the next
// (a few hundred bytes, which the bytes' slack holds).
func TestCutShort(t *testing.T) {
	var read int64 // what the last FromResponse read of its body
	fromResponse := func(body []byte) func() {
		return func() {
			r := &countingReader{r: bytes.NewReader(body)}
			httperr.FromResponse(&http.Response{StatusCode: 502, Header: http.Header{}, Body: io.NopCloser(r)})
			read = r.n
		}
	}
	page := func(n int) []byte { return bytes.Repeat([]byte("<html>502 Bad Gateway</html>"), n/28) }
	short, long := "+1"+strings.Repeat("2", 1<<10), "+1"+strings.Repeat("2", 1<<20)
	typedShort, typedLong := strings.Repeat("2 ", 1<<9), strings.Repeat("2 ", 1<<19)
	checks := []struct {
		name         string
		small, large func()
		sizes        string
		pooled       bool // the count of allocations varies under -race
	}{
		{"phone.Parse", func() { phone.Parse(short) }, func() { phone.Parse(long) }, "1 KiB, 1 MiB", false},
		{"phone.Normalize", func() { phone.Normalize(typedShort, "US") }, func() { phone.Normalize(typedLong, "US") }, "1 KiB, 1 MiB", false},
		{"httperr.FromResponse", fromResponse(page(2 << 20)), fromResponse(page(16 << 20)), "2 MiB, 16 MiB", true},
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			m1, b1 := allocated(5, c.small)
			m2, b2 := allocated(5, c.large)
			if !c.pooled && m2 > m1+2 || b2 > 1.1*b1+4096 {
				t.Errorf("inputs of %s: %.0f then %.0f allocations, %.0f then %.0f bytes", c.sizes, m1, m2, b1, b2)
			}
		})
	}
	t.Run("httperr.FromResponse reads", func(t *testing.T) {
		// The limit is 1 MiB; one byte more tells a longer body.
		for _, n := range []int{2 << 20, 16 << 20} {
			if fromResponse(page(n))(); read != 1<<20+1 {
				t.Errorf("a body of %d bytes: %d read; want %d", n, read, 1<<20+1)
			}
		}
	})
}

// countingReader counts what is read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
