package fuzz

import (
	"bytes"
	"encoding/json"
	"io"
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

// allocated returns the allocations and bytes one call of f allocates,
// averaged over runs calls after a warm-up.
func allocated(runs int, f func()) (mallocs, bytes float64) {
	f()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for range runs {
		f()
	}
	runtime.ReadMemStats(&after)
	return float64(after.Mallocs-before.Mallocs) / float64(runs), float64(after.TotalAlloc-before.TotalAlloc) / float64(runs)
}

// growth returns how much more f allocates (count and bytes) on the
// large input than on the small one.
func growth(f func([]byte), small, large []byte) (mallocs, bytes float64, onLarge float64) {
	m1, b1 := allocated(2, func() { f(small) })
	m2, b2 := allocated(2, func() { f(large) })
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
// of their input: their allocations do not grow with it at all.
func TestCutShort(t *testing.T) {
	fromResponse := func(body []byte) func() {
		return func() {
			httperr.FromResponse(&http.Response{StatusCode: 502, Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(body))})
		}
	}
	page := func(n int) []byte { return bytes.Repeat([]byte("<html>502 Bad Gateway</html>"), n/28) }
	short, long := "+1"+strings.Repeat("2", 1<<10), "+1"+strings.Repeat("2", 1<<20)
	typedShort, typedLong := strings.Repeat("2 ", 1<<9), strings.Repeat("2 ", 1<<19)
	checks := []struct {
		name         string
		small, large func()
		sizes        string
	}{
		{"phone.Parse", func() { phone.Parse(short) }, func() { phone.Parse(long) }, "1 KiB, 1 MiB"},
		{"phone.Normalize", func() { phone.Normalize(typedShort, "US") }, func() { phone.Normalize(typedLong, "US") }, "1 KiB, 1 MiB"},
		{"httperr.FromResponse", fromResponse(page(2 << 20)), fromResponse(page(16 << 20)), "2 MiB, 16 MiB"},
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			m1, b1 := allocated(2, c.small)
			m2, b2 := allocated(2, c.large)
			if m2 > m1+2 || b2 > 1.1*b1+4096 {
				t.Errorf("inputs of %s: %.0f then %.0f allocations, %.0f then %.0f bytes", c.sizes, m1, m2, b1, b2)
			}
		})
	}
}

// The benchmarks put CreateJSON beside the obvious alternative, decoding
// with encoding/json (into a map, as a reader that must see unknown
// members does), on each hostile body.
func BenchmarkHostile(b *testing.B) {
	for name, body := range hostile(1<<20 - 64) {
		b.Run(name+"/CreateJSON", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				validate.CreateJSON(body, validate.Policy{})
			}
		})
		b.Run(name+"/encoding-json", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				var m map[string]any
				_ = json.Unmarshal(body, &m)
			}
		})
	}
}
