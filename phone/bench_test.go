package phone

import (
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// benchInputs are the same for both sides: a valid number, one in E.164
// syntax that is not valid (the 555 number from the API docs), and one that
// is not E.164 at all.
var benchInputs = []struct{ name, in string }{
	{"valid", "+14155552671"},
	{"invalid", "+15551234567"},
	{"malformed", "+1 415 555 2671"},
}

var (
	sinkNumber Number
	sinkRegion string
	sinkOK     bool
)

// BenchmarkParse compares Parse with the obvious alternative, the
// phonenumbers trio Parse + IsValidNumber + GetRegionCodeForNumber.
func BenchmarkParse(b *testing.B) {
	for _, bi := range benchInputs {
		b.Run(bi.name+"/phone", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkNumber, _ = Parse(bi.in)
			}
		})
		b.Run(bi.name+"/phonenumbers", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				n, err := phonenumbers.Parse(bi.in, "")
				if err != nil {
					sinkOK = false
					continue
				}
				sinkOK = phonenumbers.IsValidNumber(n)
				sinkRegion = phonenumbers.GetRegionCodeForNumber(n)
			}
		})
	}
}
