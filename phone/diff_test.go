package phone

import (
	"errors"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"github.com/contactrules/contactrules/internal/testenv"
	"github.com/nyaruka/phonenumbers"
)

// The differential test: Parse and ParsePossible must agree with
// libphonenumber, used the obvious (slow) way, on every example number in
// its metadata and on near misses of them. It is written against
// phonenumbers directly, not engine.go, so it judges any engine put behind
// the seam.

// e164Syntax is the contract's syntax rule, written independently of
// e164Digits.
var e164Syntax = regexp.MustCompile(`^\+[1-9][0-9]{0,14}$`)

// verdict is what a parse function says about one input.
type verdict struct {
	err    error // nil, ErrSyntax or ErrInvalid
	cc     int
	region string
}

// oracle judges s with libphonenumber: valid (or, with possible, valid or
// of a possible length that is not local-only), and written exactly as
// libphonenumber writes it in E.164.
func oracle(s string, possible bool) verdict {
	if !e164Syntax.MatchString(s) {
		return verdict{err: ErrSyntax}
	}
	n, err := phonenumbers.Parse(s, "")
	if err != nil || phonenumbers.Format(n, phonenumbers.E164) != s {
		return verdict{err: ErrInvalid}
	}
	cc := int(n.GetCountryCode())
	region := phonenumbers.GetRegionCodeForNumber(n)
	if possible && !phonenumbers.IsValidNumber(n) {
		if phonenumbers.IsPossibleNumberWithReason(n) != phonenumbers.IS_POSSIBLE {
			return verdict{err: ErrInvalid}
		}
		if region == "" {
			region = phonenumbers.GetRegionCodeForCountryCode(cc)
		}
		return verdict{cc: cc, region: region}
	}
	if !phonenumbers.IsValidNumber(n) {
		return verdict{err: ErrInvalid}
	}
	return verdict{cc: cc, region: region}
}

func judge(parse func(string) (Number, error), s string) verdict {
	n, err := parse(s)
	switch {
	case errors.Is(err, ErrSyntax):
		return verdict{err: ErrSyntax}
	case errors.Is(err, ErrInvalid):
		return verdict{err: ErrInvalid}
	case err != nil:
		return verdict{err: err}
	}
	return verdict{cc: n.CountryCode(), region: n.Region()}
}

// example is one of libphonenumber's example numbers with the region whose
// metadata it came from.
type example struct {
	e164, region string
}

// exampleNumbers returns the example number of every type of every region,
// and of every non-geographic calling code.
func exampleNumbers(t testing.TB) []example {
	var out []example
	regions := make([]string, 0, 256)
	for region := range phonenumbers.GetSupportedRegions() {
		regions = append(regions, region)
	}
	slices.Sort(regions) // failures should come out in a stable order
	for _, region := range regions {
		for typ := phonenumbers.FIXED_LINE; typ <= phonenumbers.UNKNOWN; typ++ {
			if n := phonenumbers.GetExampleNumberForType(region, typ); n != nil {
				out = append(out, example{phonenumbers.Format(n, phonenumbers.E164), region})
			}
		}
	}
	for cc := range phonenumbers.GetSupportedGlobalNetworkCallingCodes() {
		if n := phonenumbers.GetExampleNumberForNonGeoEntity(cc); n != nil {
			out = append(out, example{phonenumbers.Format(n, phonenumbers.E164), nonGeoRegion})
		}
	}
	if len(out) < 1000 {
		t.Fatalf("only %d example numbers; metadata missing?", len(out))
	}
	return out
}

// mutations returns ex and near misses of it: every digit changed (by each
// of deltas), the last one or two digits dropped, a digit appended, and the
// region's trunk prefix inserted after the calling code, which
// libphonenumber accepts but does not write.
func mutations(ex example, deltas []byte) []string {
	s := ex.e164
	out := []string{s, s[:len(s)-1], s[:len(s)-2], s + "0", s + "7"}
	for i := 1; i < len(s); i++ {
		for _, delta := range deltas {
			b := []byte(s)
			b[i] = '0' + (b[i]-'0'+delta)%10
			out = append(out, string(b))
		}
	}
	trunk := phonenumbers.GetNddPrefixForRegion(ex.region, true)
	if trunk == "" {
		trunk = "0"
	}
	ccLen := 1
	if ex.region != nonGeoRegion {
		ccLen = len(strconv.Itoa(phonenumbers.GetCountryCodeForRegion(ex.region)))
	} else {
		ccLen = 3 // every non-geographic calling code has three digits
	}
	return append(out, s[:1+ccLen]+trunk+s[1+ccLen:])
}

func TestDifferential(t *testing.T) {
	// Three digit changes per position take a few seconds; the default
	// run keeps one (internal/testenv).
	deltas := []byte{1, 4, 7}
	if !testenv.Long() {
		deltas = deltas[:1]
	}
	seen := map[string]bool{}
	var inputs []string
	for _, ex := range exampleNumbers(t) {
		for _, s := range mutations(ex, deltas) {
			if !seen[s] {
				seen[s] = true
				inputs = append(inputs, s)
			}
		}
	}
	modes := []struct {
		name     string
		parse    func(string) (Number, error)
		possible bool
	}{
		{"Parse", Parse, false},
		{"ParsePossible", ParsePossible, true},
	}
	for _, mode := range modes {
		t.Run(mode.name, func(t *testing.T) {
			counts := map[error]int{}
			failures := 0
			for _, s := range inputs {
				want := oracle(s, mode.possible)
				got := judge(mode.parse, s)
				counts[want.err]++
				if got != want {
					failures++
					if failures <= 20 {
						t.Errorf("%s(%q) = %+v, libphonenumber says %+v", mode.name, s, got, want)
					}
					continue
				}
				if want.err == nil {
					if n, _ := mode.parse(s); n.String() != s {
						t.Errorf("%s(%q).String() = %q", mode.name, s, n.String())
					}
				}
			}
			if failures > 0 {
				t.Errorf("%d of %d inputs disagree", failures, len(inputs))
			}
			t.Logf("%d inputs: %d accepted, %d ErrInvalid, %d ErrSyntax",
				len(inputs), counts[nil], counts[ErrInvalid], counts[ErrSyntax])
			// The comparison means something only if every verdict occurs
			// often.
			if counts[nil] < 1000 || counts[ErrInvalid] < 1000 || counts[ErrSyntax] < 50 {
				t.Errorf("too few inputs of some verdict: %v", counts)
			}
		})
	}
}
