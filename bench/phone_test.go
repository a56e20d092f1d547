package bench

import (
	"sync"
	"testing"

	"github.com/contactrules/contactrules/phone"
	"github.com/nyaruka/phonenumbers"
)

// validNumbers is the valid part of the mixed corpus, parsed by both
// sides beforehand: Type and Format are asked of a number already read.
var validNumbers = sync.OnceValues(func() ([]phone.Number, []*phonenumbers.PhoneNumber) {
	var ours []phone.Number
	var theirs []*phonenumbers.PhoneNumber
	for _, s := range mixed() {
		n, err := phone.Parse(s)
		if err != nil {
			continue
		}
		pn, err := phonenumbers.Parse(s, "")
		if err != nil {
			panic(err)
		}
		ours, theirs = append(ours, n), append(theirs, pn)
	}
	return ours, theirs
})

// BenchmarkType: one op is the type of one valid number of the corpus.
func BenchmarkType(b *testing.B) {
	ours, theirs := validNumbers()
	b.Run("phone", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			_ = ours[i%len(ours)].Type()
			i++
		}
	})
	b.Run("phonenumbers", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			phonenumbers.GetNumberType(theirs[i%len(theirs)])
			i++
		}
	})
}

var libFormats = [...]phonenumbers.PhoneNumberFormat{
	phone.E164:          phonenumbers.E164,
	phone.International: phonenumbers.INTERNATIONAL,
	phone.National:      phonenumbers.NATIONAL,
	phone.RFC3966:       phonenumbers.RFC3966,
}

// BenchmarkFormat: one op writes one valid number of the corpus in one
// of the four formats, in turn.
func BenchmarkFormat(b *testing.B) {
	ours, theirs := validNumbers()
	b.Run("phone", func(b *testing.B) {
		b.ReportAllocs()
		var buf [64]byte
		i := 0
		for b.Loop() {
			ours[i%len(ours)].AppendFormat(buf[:0], phone.Format(i%len(libFormats)))
			i++
		}
	})
	b.Run("phonenumbers", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			phonenumbers.Format(theirs[i%len(theirs)], libFormats[i%len(libFormats)])
			i++
		}
	})
}

// BenchmarkAsYouType: one op is one keystroke of a US number typed with
// its separators; each number starts on a new AsYouType, made with the
// timer stopped (Input is what is measured). phonenumbers has no
// as-you-type formatter; npm/test/bench.mjs would be the place for
// libphonenumber-js's.
func BenchmarkAsYouType(b *testing.B) {
	keys := []string{"(", "2", "0", "1", ")", " ", "5", "5", "5", "-", "0", "1", "2", "3"}
	b.ReportAllocs()
	var a *phone.AsYouType
	k := 0
	for i := 0; i < b.N; i++ {
		if k == 0 {
			b.StopTimer()
			a = phone.NewAsYouType("US")
			b.StartTimer()
		}
		a.Input(keys[k])
		k = (k + 1) % len(keys)
	}
}
