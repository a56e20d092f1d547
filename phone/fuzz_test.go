package phone

import (
	"errors"
	"math/rand"
	"strings"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// The fuzz targets extend the differential tests (diff_test.go,
// normalize_diff_test.go) to arbitrary input, and check what holds of any
// answer besides. With plain go test they run their seeds and the inputs
// kept in testdata/fuzz/<Target>/; run them with -fuzz to judge a change
// of the engine.

// refusal returns "" when err, a refusal of input, is as the package
// promises: it wraps exactly one of ErrSyntax and ErrInvalid, comes with
// the zero Number and, when leaks is set, does not hold the input.
func refusal(n Number, err error, input string, leaks bool) string {
	var msg string
	if errors.Is(err, ErrSyntax) == errors.Is(err, ErrInvalid) {
		msg += "; the error wraps not exactly one of ErrSyntax and ErrInvalid"
	}
	if n != (Number{}) {
		msg += "; a refusal with a number"
	}
	// Only inputs of three digits or more are looked for: the errors'
	// fixed texts hold words and the numbers 0, 15, 64 and 0-9, which a
	// shorter input could match by chance.
	if leaks && len(input) >= 4 && len(keepOnly(input, "0123456789")) >= 3 && strings.Contains(err.Error(), input) {
		msg += "; the error holds the input"
	}
	return strings.TrimPrefix(msg, "; ")
}

// keepOnly returns s without the characters that are not in set.
func keepOnly(s, set string) string {
	return strings.Map(func(c rune) rune {
		if strings.ContainsRune(set, c) {
			return c
		}
		return -1
	}, s)
}

// FuzzParse: Parse and ParsePossible say what libphonenumber says (the
// syntax verdict is the E.164 pattern's, the validity verdict, calling
// code and region libphonenumber's); a refusal is as refusal says; an
// accepted number is valid, is the input, and round-trips through Parse,
// ParsePossible and Normalize.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"+14155552671", "+12015550123", "+15551234567", "+4402071838750", "+13101234", "+878101234567890",
		"+80012345678", "+8835100123456789", "+882345678901", "+0", "+0123", "+", "", "+1 415", "+800 1234 5678",
		"+1201555012345678", "+１４１５", "+１２０１５５５０１２３", "12015550123",
	} {
		f.Add(s)
	}
	// Example numbers of regions across the list, and a near miss of each.
	for i, ex := range exampleNumbers(f) {
		if i%40 == 0 {
			ms := mutations(ex, []byte{1})
			f.Add(ex.e164)
			f.Add(ms[1+i%(len(ms)-1)])
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := judge(Parse, s), oracle(s, false); got != want {
			t.Fatalf("Parse(%q) = %+v, libphonenumber says %+v", s, got, want)
		}
		if got, want := judge(ParsePossible, s), oracle(s, true); got != want {
			t.Fatalf("ParsePossible(%q) = %+v, libphonenumber says %+v", s, got, want)
		}
		n, err := Parse(s)
		if err != nil {
			if msg := refusal(n, err, s, true); msg != "" {
				t.Fatalf("Parse(%q) = %v, %v: %s", s, n, err, msg)
			}
			return
		}
		if n.String() != s || !n.IsValid() {
			t.Fatalf("Parse(%q) = %v, valid %v", s, n, n.IsValid())
		}
		if back, err := Parse(n.String()); err != nil || back != n {
			t.Fatalf("Parse(%q) = %v, %v; Parse(n.String()) != n", s, n, err)
		}
		if pp, err := ParsePossible(s); err != nil || pp != n {
			t.Fatalf("Parse(%q) = %v, ParsePossible %v, %v", s, n, pp, err)
		}
		if m, err := Normalize(s, ""); err != nil || m != n {
			t.Fatalf("Parse(%q) = %v, Normalize %v, %v: E.164 is not taken as it is", s, n, m, err)
		}
	})
}

// FuzzNormalize: Normalize says what it said when libphonenumber did the
// reading (oracleNormalize); a refusal is as refusal says (an unknown
// region is ErrInvalid whatever the input, and its error may name the
// region; over-long input is ErrSyntax); an accepted input holds only
// digits, '+' and separators, is at most 64 bytes, is the number
// libphonenumber reads in its digits, and Normalize(n.String()) and
// Parse(n.String()) give n.
func FuzzNormalize(f *testing.F) {
	for _, c := range []normCase{
		{"(415) 555-2671", "US"}, {"(201) 555-0123", "US"}, {"0044 20 7183 8750", "GB"}, {"+44 (0)20 7183 8750", ""},
		{"+0044 20 7183 8750", "GB"}, {"011 44 20 7183 8750", "US"}, {"020 7183 8750", "GB"}, {"011 54 9 11 2345 6789", "US"},
		{"434 1234", "BB"}, {"1 434 1234", "BB"}, {"1-800-FLOWERS", "US"}, {"+1 201 555 0123 x12", ""},
		{"+28 123 4567", ""}, {"12", "US"}, {"2015550123", ""}, {"2015550123", "ZZ"}, {"2015550123", "001"},
		{"+", "US"}, {"", "US"}, {"+1+2015550123", ""},
	} {
		f.Add(c.input, c.region)
	}
	// Example numbers of regions across the list, written every way in
	// their own region.
	dial := newDialling(f, rand.New(rand.NewSource(1)))
	for i, ex := range exampleNumbers(f) {
		if n, err := phonenumbers.Parse(ex.e164, ""); err == nil && i%60 == 0 && ex.region != nonGeoRegion {
			for _, w := range dial.writings(n, ex.region) {
				f.Add(w, ex.region)
			}
		}
	}
	f.Fuzz(func(t *testing.T, input, region string) {
		c := normCase{input, region}
		if got, want := normJudge(Normalize, c), normJudge(oracleNormalize, c); got != want {
			t.Fatalf("Normalize(%q, %q) = %v; libphonenumber: %v", input, region, got, want)
		}
		n, err := Normalize(input, region)
		fail := func(msg string) {
			t.Helper()
			t.Fatalf("Normalize(%q, %q) = %v, %v: %s", input, region, n, err, msg)
		}
		_, bad := NewRegions(region)
		regionOK := region == "" || bad == nil
		if err != nil {
			if msg := refusal(n, err, input, regionOK); msg != "" {
				fail(msg)
			}
			if len(input) > maxNormalizeInput && regionOK && !errors.Is(err, ErrSyntax) {
				fail("over-long input is not a syntax error")
			}
			return
		}
		if len(input) > maxNormalizeInput || strings.Trim(input, "0123456789+ \t()-./") != "" {
			fail("accepted input with other characters, or too long")
		}
		if back, err := Parse(n.String()); err != nil || back != n {
			fail("Parse(n.String()) != n")
		}
		if again, err := Normalize(n.String(), region); err != nil || again != n {
			fail("Normalize of the result is not the result")
		}
		if m, err := phonenumbers.Parse(keepOnly(input, "+0123456789"), region); err != nil || phonenumbers.Format(m, phonenumbers.E164) != n.String() {
			fail("libphonenumber reads the digits as another number")
		}
	})
}
