package bench

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/contactrules/contactrules/validate"
)

// hostile are 1 MiB bodies that fail in bulk or nest deep: the bounded
// answers of docs/bounds.md at work. Each is measured beside
// encoding/json.Valid on the same bytes, the bar it is held to (at most a
// few times Valid's time).
func hostile() []struct {
	name string
	body []byte
} {
	const n = 1<<20 - 64
	keys := func(prefix, value string) []byte {
		var b strings.Builder
		b.WriteString(`{"email":"a@b.co"`)
		for i := 0; b.Len() < n-len(prefix)-16; i++ {
			b.WriteString(`,"` + prefix + strconv.Itoa(i) + `":` + value)
		}
		return []byte(b.String() + "}")
	}
	return []struct {
		name string
		body []byte
	}{
		{"empty-tags", []byte(`{"email":"a@b.co","tags":[` + strings.Repeat(`"",`, (n-40)/3) + `""]}`)},
		{"unknown-members", keys("k", "1")},
		{"repeated-keys", []byte(`{"email":"a@b.co"` + strings.Repeat(`,"email":1,"x":2`, (n-20)/16) + "}")},
		{"repeated-custom-keys", []byte(`{"email":"a@b.co","custom_fields":{` + strings.Repeat(`"k":1,`, (n-50)/6) + `"k":2}}`)},
		{"long-name", []byte(`{"email":"a@b.co","` + strings.Repeat("x", n-30) + `":1}`)},
		// 4,999 levels: encoding/json stops reading at 10,000, and the
		// comparison wants it to read the whole body.
		{"deep-nesting", []byte(`{"email":"a@b.co","custom_fields":` + strings.Repeat(`{"a":[`, 4999/2) + strings.Repeat(`]}`, 4999/2) +
			`,"first_name":"` + strings.Repeat("x", n-50-4999*4) + `"}`)},
		{"many-custom-fields", []byte(`{"custom_fields":` + string(keys("c", `"v"`)) + "}")},
	}
}

// BenchmarkHostile: CreateJSON on each hostile body, then json.Valid on
// it; bench/run.sh prints the ratios.
func BenchmarkHostile(b *testing.B) {
	for _, h := range hostile() {
		if len(h.body) > 1<<20 {
			b.Fatalf("%s: %d bytes", h.name, len(h.body))
		}
		b.Run("CreateJSON/"+h.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(h.body)))
			for b.Loop() {
				validate.CreateJSON(h.body, validate.Policy{})
			}
		})
		b.Run("json.Valid/"+h.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(h.body)))
			for b.Loop() {
				json.Valid(h.body)
			}
		})
	}
}
