package dfa

import (
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// corpus is a mix of valid and invalid numbers from many regions: example
// numbers, near misses of them and generated numbers over every calling
// code, about 60% valid.
func corpus(tb testing.TB) []string {
	var in []string
	for i, d := range examples(tb) {
		in = append(in, d)
		if i%2 == 0 {
			in = append(in, nearMisses(d)[1+i%100])
		}
	}
	g := newGenerator(tb, 7)
	for i := 0; i < 1000; i++ {
		in = append(in, g.number(i))
	}
	return valid15(in)
}

func TestBenchmarkCorpusIsMixed(t *testing.T) {
	in := corpus(t)
	valid := 0
	for _, d := range in {
		if _, _, ok := Valid(d); ok {
			valid++
		}
	}
	t.Logf("corpus: %d numbers, %d valid", len(in), valid)
	if valid < len(in)/3 || valid > len(in)*3/4 {
		t.Errorf("corpus: %d of %d numbers valid", valid, len(in))
	}
}

func BenchmarkValid(b *testing.B)    { benchmark(b, Valid) }
func BenchmarkPossible(b *testing.B) { benchmark(b, Possible) }

func benchmark(b *testing.B, check func(string) (int, string, bool)) {
	in := corpus(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		check(in[i%len(in)])
	}
}

// BenchmarkPhonenumbers is the obvious alternative on the same corpus:
// phonenumbers.Parse, IsValidNumber and GetRegionCodeForNumber (without
// even the Format call that the canonical-form check needs).
func BenchmarkPhonenumbers(b *testing.B) {
	in := corpus(b)
	plus := make([]string, len(in))
	for i, d := range in {
		plus[i] = "+" + d
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n, err := phonenumbers.Parse(plus[i%len(plus)], "")
		if err == nil {
			phonenumbers.IsValidNumber(n)
			phonenumbers.GetRegionCodeForNumber(n)
		}
	}
}
