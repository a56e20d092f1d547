package validate_test

import (
	"cmp"
	"maps"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/internal/testenv"
	"github.com/contactrules/contactrules/validate"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
)

// boundsCases are the bounded answers of docs/bounds.md.
var boundsCases = []struct {
	rule   string
	policy validate.Policy
	body   string
	want   []string
}{
	{"max_bytes: a body over the policy's limit gets that one detail", validate.Policy{MaxBodyBytes: 20},
		`{"email":"jane@example.com"}`, []string{"base: must be at most 20 bytes (max_bytes)"}},
	{"max_details: 100 details are listed as they are", validate.Policy{},
		`{"email":"a@b.co","tags":[` + strings.Repeat(`"",`, 99) + `""]}`, tagDetails(0, 100)},
	{"max_details: the 101st detail cuts the list to 99 and one that says so", validate.Policy{},
		`{"email":"a@b.co","tags":[` + strings.Repeat(`"",`, 100) + `""]}`,
		append(append([]string{"tags: must have at most 100 items (max_items)"}, tagDetails(0, 98)...),
			"base: too many errors; only the first 99 are listed (max_details)")},
	{"max_details: the policy's number", validate.Policy{MaxDetails: 3},
		`{"email":"x","first_name":5,"last_name":5,"tags":5}`,
		[]string{"email: must be a valid email address (email)", "first_name: must be a string (type)",
			"base: too many errors; only the first 2 are listed (max_details)"}},
	{"max_details: unknown members count too", validate.Policy{MaxDetails: 2},
		`{"email":"a@b.co","a":1,"b":1,"c":1}`,
		[]string{"a: is not a recognized field (unknown_field)", "base: too many errors; only the first 1 are listed (max_details)"}},
	{"echo: a long unknown member name is cut to 64 bytes", validate.Policy{},
		`{"email":"a@b.co","` + strings.Repeat("x", 100) + `":1}`,
		[]string{strings.Repeat("x", 64) + "...: is not a recognized field (unknown_field)"}},
	{"echo: 64 bytes are not cut", validate.Policy{},
		`{"email":"a@b.co","` + strings.Repeat("x", 64) + `":1}`,
		[]string{strings.Repeat("x", 64) + ": is not a recognized field (unknown_field)"}},
	{"echo: the cut falls on a code point boundary", validate.Policy{},
		`{"email":"a@b.co","x` + strings.Repeat("é", 40) + `":1}`,
		[]string{"x" + strings.Repeat("é", 31) + "...: is not a recognized field (unknown_field)"}},
	{"echo: a repeated custom field key is cut", validate.Policy{},
		`{"email":"a@b.co","custom_fields":{"` + strings.Repeat("k", 70) + `":1,"` + strings.Repeat("k", 70) + `":2}}`,
		[]string{"custom_fields." + strings.Repeat("k", 64) + "...: must not appear more than once (duplicate_key)"}},
}

func tagDetails(from, to int) []string {
	var out []string
	for i := from; i < to; i++ {
		out = append(out, "tags["+strconv.Itoa(i)+"]: must be a non-empty string of at most 255 characters (tag)")
	}
	return out
}

func TestBounds(t *testing.T) {
	for _, tc := range boundsCases {
		t.Run(tc.rule, func(t *testing.T) {
			_, _, ds := validate.CreateJSON([]byte(tc.body), tc.policy)
			if got := details(ds); !same(got, tc.want) {
				t.Errorf("details\n got: %q\nwant: %q", got, tc.want)
			}
		})
	}
}

// TestHostileAnswersAreBounded states the bounds on every hostile body:
// at most MaxDetails details, every echoed name at most 64 bytes and
// "...", and the default envelope at most 64 KiB.
func TestHostileAnswersAreBounded(t *testing.T) {
	bodies := hostile()
	long := []byte(`{"email":"a@b.co","` + strings.Repeat("x", 1<<20-40) + `":1}`)
	bodies["one unknown member named with 1 MiB"] = long
	for name, body := range bodies {
		t.Run(name, func(t *testing.T) {
			_, _, ds := validate.CreateJSON(body, validate.Policy{})
			if len(ds) > 100 {
				t.Errorf("%d details", len(ds))
			}
			for _, d := range ds {
				if len(d.Field) > len("custom_fields.")+64+3 || !utf8.ValidString(d.Field) {
					t.Errorf("field %.80q… of %d bytes", d.Field, len(d.Field))
				}
			}
			if env := errs.Validation(ds).AppendJSON(nil); len(env) > 64<<10 {
				t.Errorf("envelope of %d bytes", len(env))
			}
		})
	}
}

// TestCapStopsCollecting checks that a body failing everywhere costs no
// more memory than one failing a hundred times: what answering a 1 MiB
// body of empty tags allocates is a small multiple of its size.
func TestCapStopsCollecting(t *testing.T) {
	body := []byte(`{"email":"a@b.co","tags":[` + strings.Repeat(`"",`, (1<<20-40)/3) + `""]}`)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	validate.CreateJSON(body, validate.Policy{})
	runtime.ReadMemStats(&after)
	if got := after.TotalAlloc - before.TotalAlloc; got > 3*uint64(len(body)) {
		t.Errorf("%d bytes allocated for a %d-byte body", got, len(body))
	}
}

// hostileShapes build bodies of about n bytes that fail in bulk, or make
// naive readers recurse, go quadratic or echo what they were sent.
var hostileShapes = map[string]func(n int) []byte{
	"empty tags": func(n int) []byte {
		return []byte(`{"email":"a@b.co","tags":[` + strings.Repeat(`"",`, n/3) + `""]}`)
	},
	"unknown members": func(n int) []byte {
		var b strings.Builder
		b.WriteString(`{"email":"a@b.co"`)
		for i := 0; b.Len() < n; i++ {
			b.WriteString(`,"k` + strconv.Itoa(i) + `":1`)
		}
		return []byte(b.String() + "}")
	},
	"repeated keys": func(n int) []byte {
		return []byte(`{"email":"a@b.co"` + strings.Repeat(`,"email":1,"x":2`, n/16) + "}")
	},
	"repeated custom field keys": func(n int) []byte {
		var b strings.Builder
		b.WriteString(`{"email":"a@b.co","custom_fields":{`)
		for i := 0; b.Len() < n; i++ {
			k := `"k` + strconv.Itoa(i) + `"`
			b.WriteString(k + `:1,` + k + `:2,`)
		}
		return []byte(b.String() + `"z":0}}`)
	},
	"long names": func(n int) []byte {
		name := strings.Repeat("é", n/8)
		return []byte(`{"email":"a@b.co","` + name + `":1,"id` + name + `":2,"custom_fields":{"` + name + `":"\udc00"}}`)
	},
	"deep nesting": func(n int) []byte {
		return []byte(`{"email":"a@b.co","custom_fields":` + strings.Repeat(`{"a":[`, n/6) + strings.Repeat(`]}`, n/6) + "}")
	},
	"many custom fields": func(n int) []byte {
		var b strings.Builder
		b.WriteString(`{"email":"a@b.co","custom_fields":{"k":"\xff"`)
		for i := 0; b.Len() < n; i++ {
			b.WriteString(`,"k` + strconv.Itoa(i) + `":"\xff"`)
		}
		return []byte(b.String() + "}}")
	},
}

// TestBoundsProperty states docs/bounds.md over generated hostile bodies
// of every shape and size up to the limit, under policies with several
// caps: at most MaxDetails details, the last one saying the list is cut
// when it is; no echoed name over 64 bytes and "..."; the default
// policy's envelope within 64 KiB; memory a small multiple of the body,
// plus what the details listed take (at most MaxDetails of them).
func TestBoundsProperty(t *testing.T) {
	shapes := slices.Sorted(maps.Keys(hostileShapes))
	maxSize := testenv.Cases(64<<10, 1<<20-64)
	params := gopter.DefaultTestParametersWithSeed(2)
	params.MinSuccessfulTests = 200
	props := gopter.NewProperties(params)
	props.Property("answers are bounded", prop.ForAll(func(shape, size, maxDetails int) string {
		body := hostileShapes[shapes[shape]](size)
		if len(body) > 1<<20 {
			body = body[:1<<20]
		}
		p := validate.Policy{MaxDetails: maxDetails}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, _, ds := validate.CreateJSON(body, p)
		runtime.ReadMemStats(&after)
		limit := cmp.Or(maxDetails, 100)
		switch {
		case len(ds) > limit:
			return strconv.Itoa(len(ds)) + " details"
		case len(ds) == limit && ds[limit-1].Rule != "max_details" && limit > 1 && shapes[shape] == "empty tags" && size > 3*limit:
			return "a cut list does not say so"
		case after.TotalAlloc-before.TotalAlloc > uint64(3*len(body)+64<<10+512*limit):
			return strconv.FormatUint(after.TotalAlloc-before.TotalAlloc, 10) + " bytes allocated for " + strconv.Itoa(len(body))
		}
		for _, d := range ds {
			if len(d.Field) > len("custom_fields.")+64+3 {
				return "field of " + strconv.Itoa(len(d.Field)) + " bytes"
			}
		}
		if maxDetails == 0 {
			if env := errs.Validation(ds).AppendJSON(nil); len(env) > 64<<10 {
				return "envelope of " + strconv.Itoa(len(env)) + " bytes"
			}
		}
		return ""
	}, gen.IntRange(0, len(shapes)-1), gen.IntRange(1, maxSize), gen.OneConstOf(0, 1, 2, 7, 100, 1000)))
	props.TestingRun(t)
}
