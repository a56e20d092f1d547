package npm

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/nyaruka/phonenumbers"

	"github.com/contactrules/contactrules/internal/testenv"
	"github.com/contactrules/contactrules/phone"
)

// A normalizeCase is a typed number, its default region and what the Go
// code answers (the wasm build's normalizePhone result).
type normalizeCase struct {
	Input  string `json:"input"`
	Region string `json:"region"`
	Want   string `json:"want"`
}

// normalizeAnswer is phone.Normalize's answer as the wasm build writes
// it (wasm/bridge.go's normalizeResult).
func normalizeAnswer(input, region string) string {
	type failure struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	}
	var out struct {
		OK     bool     `json:"ok"`
		E164   string   `json:"e164,omitempty"`
		Region string   `json:"region,omitempty"`
		Error  *failure `json:"error,omitempty"`
	}
	n, err := phone.Normalize(input, region)
	out.OK, out.E164, out.Region = err == nil, n.String(), n.Region()
	if err != nil {
		code := "invalid"
		if errors.Is(err, phone.ErrSyntax) {
			code = "syntax"
		}
		out.Error = &failure{code, strings.TrimPrefix(err.Error(), "phone: ")}
	}
	b, _ := json.Marshal(out)
	return string(b)
}

// writeNormalize writes the typed numbers: every example number as
// libphonenumber formats it nationally and internationally, read in its
// own region, another, and none, with a digit dropped or the trunk
// prefix doubled; then random digits and separators, n in all.
func writeNormalize(t *testing.T, file string, n int) int {
	lines := testenv.CreateLines(t, file)
	count := 0
	put := func(input, region string) {
		if region != "" && !phone.IsRegion(region) {
			return // the engine throws a RangeError, as the wasm build does
		}
		lines.Encode(normalizeCase{input, region, normalizeAnswer(input, region)})
		count++
	}
	others := []string{"US", "GB", "DE", "FR", "BR", "IN", "AR", "MX", "IT", "JP", "AU", "CN", "RU", ""}
	r := rand.New(rand.NewPCG(2, runSeed(t)))
	for _, ex := range exampleNumbers(t) {
		num, err := phonenumbers.Parse(ex, "")
		if err != nil {
			continue
		}
		region := phonenumbers.GetRegionCodeForNumber(num)
		national := phonenumbers.Format(num, phonenumbers.NATIONAL)
		intl := phonenumbers.Format(num, phonenumbers.INTERNATIONAL)
		other := others[r.IntN(len(others))]
		for _, in := range []string{national, intl, ex, national[:len(national)-1], "0" + national, strings.TrimPrefix(intl, "+")} {
			put(in, region)
			put(in, other)
		}
		put(national, "")
	}
	for count < n {
		var b strings.Builder
		if r.IntN(3) == 0 {
			b.WriteByte('+')
		}
		for k := 1 + r.IntN(18); k > 0; k-- {
			b.WriteByte(byte('0' + r.IntN(10)))
			if r.IntN(4) == 0 {
				b.WriteByte(" -().+/x"[r.IntN(8)])
			}
		}
		put(b.String(), others[r.IntN(len(others))])
	}
	for _, in := range []string{"", "+", "++1", "()", strings.Repeat("1", 64), strings.Repeat("1", 65), "１２３", "+1 (201) 555-0123", "tel:+12015550123"} {
		put(in, "US")
	}
	lines.Close()
	return count
}
