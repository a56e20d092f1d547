package schema

import (
	"bytes"
	"testing"

	"github.com/contactrules/contactrules/bench"
	"github.com/contactrules/contactrules/validate"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// BenchmarkTypical judges the README's typical contact with validate
// and, beside it, with the create schema in a Go JSON Schema validator
// (decoding included, as a server would): what a Go server saves by
// checking with validate, which also says what the schema cannot.
func BenchmarkTypical(b *testing.B) {
	b.Run("validate.CheckCreateJSON", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, d := validate.CheckCreateJSON(bench.Typical, validate.Policy{}); d != nil {
				b.Fatal(d)
			}
		}
	})
	b.Run("jsonschema", func(b *testing.B) {
		s := goSchemas(b)[0][0]
		b.ReportAllocs()
		for b.Loop() {
			v, err := jsonschema.UnmarshalJSON(bytes.NewReader(bench.Typical))
			if err == nil {
				err = s.Validate(v)
			}
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkGenerate is the cost of generating the documents, which a
// server does once at start-up.
func BenchmarkGenerate(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		OpenAPI(validate.Policy{})
	}
}
