package vtags_test

import (
	"encoding/json"
	"testing"

	"github.com/contactrules/contactrules/validate"
)

// emptyTags is a struct of n empty tags, each checked after dive: the
// hostile shape that fails once a tag.
type emptyTags struct {
	Email string   `json:"email" validate:"contact_email"`
	Tags  []string `json:"tags" validate:"dive,contact_tag"`
}

// ownTags is the same shape under validator's own tag: what validator
// costs by itself on it.
type ownTags struct {
	Email string   `json:"email"`
	Tags  []string `json:"tags" validate:"dive,required"`
}

// BenchmarkEmptyTags: FieldErrors of 100,000 empty tags beside
// validator's own dive,required on the same struct and json.Valid on its
// JSON. Past the details cap no tag can change the answer: the cost
// should be validator's own, plus a little.
func BenchmarkEmptyTags(b *testing.B) {
	const n = 100000
	tags := make([]string, n)
	v, rules := newValidator(b, validate.Policy{})
	body, _ := json.Marshal(emptyTags{Email: "a@b.co", Tags: tags})
	b.Run("vtags", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if ds := rules.FieldErrors(v.Struct(emptyTags{Email: "a@b.co", Tags: tags})); len(ds) != 100 {
				b.Fatal(len(ds))
			}
		}
	})
	b.Run("validator", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := v.Struct(ownTags{Email: "a@b.co", Tags: tags}); err == nil {
				b.Fatal("passes")
			}
		}
	})
	b.Run("json.Valid", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if !json.Valid(body) {
				b.Fatal("invalid")
			}
		}
	})
}
