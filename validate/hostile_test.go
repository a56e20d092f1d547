package validate_test

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/contactrules/contactrules/validate"
)

// hostile bodies: each close to the 1 MiB default limit, of the shapes
// that make naive decoders recurse, quadratic or large.
func hostile() map[string][]byte {
	const n = 1<<20 - 100
	deep := func(open, close string) []byte {
		k := (n - 20) / (len(open) + len(close))
		return []byte(`{"x":` + strings.Repeat(open, k) + strings.Repeat(close, k) + `,"email":"a@b.co"}`)
	}
	manyKeys := func(prefix string) []byte {
		var b bytes.Buffer
		b.WriteString(`{"email":"a@b.co"`)
		for i := 0; b.Len() < n-40; i++ {
			b.WriteString(`,"` + prefix + strconv.Itoa(i) + `":1`)
		}
		b.WriteString("}")
		return b.Bytes()
	}
	customKeys := func() []byte {
		var b bytes.Buffer
		b.WriteString(`{"email":"a@b.co","custom_fields":{"k":0`)
		for i := 0; b.Len() < n-40; i++ {
			b.WriteString(`,"k` + strconv.Itoa(i) + `":1`)
		}
		b.WriteString("}}")
		return b.Bytes()
	}
	return map[string][]byte{
		"100k-deep arrays":            deep("[", "]"),
		"100k-deep objects":           deep(`{"a":`, "}"),
		"deep and unclosed":           []byte(`{"x":` + strings.Repeat("[", n-10)),
		"100k unknown keys":           manyKeys("k"),
		"100k custom field keys":      customKeys(),
		"one huge string":             []byte(`{"email":"` + strings.Repeat("a", n-20) + `"}`),
		"100k tags":                   []byte(`{"email":"a@b.co","tags":[` + strings.Repeat(`"",`, (n-40)/3) + `""]}`),
		"many escapes":                []byte(`{"first_name":"` + strings.Repeat(`\u00e9`, (n-40)/6) + `","email":"a@b.co"}`),
		"invalid UTF-8 everywhere":    append(append([]byte(`{"email":"a@b.co","last_name":"`), bytes.Repeat([]byte{0xff}, n-50)...), `"}`...),
		"same unknown key 100k times": []byte(`{"email":"a@b.co"` + strings.Repeat(`,"x":1`, (n-30)/6) + "}"),
	}
}

// TestHostileBodies checks that each hostile body is answered without a
// panic and with a bounded number of details and bytes allocated, a small
// multiple of the input. (Time is covered by the fuzz package's
// benchmarks; a test that times itself flakes.)
func TestHostileBodies(t *testing.T) {
	for name, body := range hostile() {
		t.Run(name, func(t *testing.T) {
			if len(body) > 1<<20 {
				t.Fatalf("body is %d bytes, over the limit: the test builds it wrong", len(body))
			}
			var ds int
			allocs := testing.AllocsPerRun(1, func() {
				_, _, d := validate.CreateJSON(body, validate.Policy{})
				ds = len(d)
			})
			if ds > len(body) {
				t.Errorf("%d details for %d bytes", ds, len(body))
			}
			if allocs > 2e6 {
				t.Errorf("%v allocations", allocs)
			}
		})
	}
}

func TestBodyLimit(t *testing.T) {
	body := []byte(`{"email":"a@b.co","first_name":"` + strings.Repeat("a", 1<<20) + `"}`)
	_, _, ds := validate.CreateJSON(body, validate.Policy{})
	want := []string{"base: must be at most 1048576 bytes (max_bytes)"}
	if got := details(ds); !same(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	_, _, ds = validate.CreateJSON(body[:100], validate.Policy{MaxBodyBytes: 99})
	want = []string{"base: must be at most 99 bytes (max_bytes)"}
	if got := details(ds); !same(got, want) {
		t.Errorf("policy limit: got %q, want %q", got, want)
	}
}
