package phone

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// parseCase is one row of a rule table: the input and either the number it
// denotes (e164, cc, region) or the sentinel it is rejected with.
type parseCase struct {
	name   string
	in     string
	cc     int
	region string
	err    error // nil: accepted, and String() must give back in
}

func checkParse(t *testing.T, parse func(string) (Number, error), tests []parseCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := parse(tt.in)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("error = %v, want %v", err, tt.err)
				}
				if n != (Number{}) {
					t.Errorf("rejected input gave non-zero Number %v", n)
				}
				return
			}
			if err != nil {
				t.Fatalf("error = %v, want none", err)
			}
			if got := n.String(); got != tt.in {
				t.Errorf("String() = %q, want %q", got, tt.in)
			}
			if got := n.CountryCode(); got != tt.cc {
				t.Errorf("CountryCode() = %d, want %d", got, tt.cc)
			}
			if got := n.Region(); got != tt.region {
				t.Errorf("Region() = %q, want %q", got, tt.region)
			}
			if !n.IsValid() {
				t.Error("IsValid() = false for an accepted number")
			}
		})
	}
}

func TestParse(t *testing.T) {
	checkParse(t, Parse, []parseCase{
		// Valid numbers, in canonical E.164 form.
		{name: "US", in: "+14155552671", cc: 1, region: "US"},
		{name: "CA shares +1", in: "+15062345678", cc: 1, region: "CA"},
		{name: "JM is its own region though +1", in: "+18765230123", cc: 1, region: "JM"},
		{name: "PR", in: "+17872345678", cc: 1, region: "PR"},
		{name: "GB", in: "+442071838750", cc: 44, region: "GB"},
		{name: "GG shares +44", in: "+441481256789", cc: 44, region: "GG"},
		{name: "IT keeps its leading zero", in: "+390212345678", cc: 39, region: "IT"},
		{name: "DE short", in: "+4930123456", cc: 49, region: "DE"},
		{name: "non-geographic +800", in: "+80012345678", cc: 800, region: "001"},
		{name: "15 digits, the E.164 limit", in: "+878101234567890", cc: 878, region: "001"},
		{name: "15 digits, geographic", in: "+911861123456789", cc: 91, region: "IN"},

		// Not E.164 syntax.
		{name: "empty", in: "", err: ErrSyntax},
		{name: "plus only", in: "+", err: ErrSyntax},
		{name: "no plus", in: "14155552671", err: ErrSyntax},
		{name: "double plus", in: "++14155552671", err: ErrSyntax},
		{name: "international prefix instead of plus", in: "0014155552671", err: ErrSyntax},
		{name: "calling code starting with 0", in: "+04155552671", err: ErrSyntax},
		{name: "all zeros", in: "+0", err: ErrSyntax},
		{name: "16 digits", in: "+8781012345678901", err: ErrSyntax},
		{name: "16 digits of a valid number plus one", in: "+9118611234567890", err: ErrSyntax},
		{name: "spaces", in: "+1 415 555 2671", err: ErrSyntax},
		{name: "leading space", in: " +14155552671", err: ErrSyntax},
		{name: "trailing space", in: "+14155552671 ", err: ErrSyntax},
		{name: "trailing newline", in: "+14155552671\n", err: ErrSyntax},
		{name: "hyphens", in: "+1-415-555-2671", err: ErrSyntax},
		{name: "parentheses", in: "+1(415)5552671", err: ErrSyntax},
		{name: "letters", in: "+1415555CALL", err: ErrSyntax},
		{name: "extension", in: "+14155552671x1", err: ErrSyntax},
		{name: "tel URI", in: "tel:+14155552671", err: ErrSyntax},
		{name: "fullwidth digits", in: "+１４１５５５５２６７１", err: ErrSyntax},
		{name: "fullwidth plus", in: "＋14155552671", err: ErrSyntax},
		{name: "Arabic-Indic digits", in: "+١٤١٥٥٥٥٢٦٧١", err: ErrSyntax},
		{name: "embedded NUL", in: "+1415\x005552671", err: ErrSyntax},
		{name: "trailing NUL", in: "+1415555267\x00", err: ErrSyntax},
		{name: "invalid UTF-8", in: "+1415\xff5552671", err: ErrSyntax},
		{name: "very long", in: "+" + strings.Repeat("1", 1<<20), err: ErrSyntax},

		// E.164 syntax, but not a valid number in canonical form.
		{name: "555 numbers are fictional", in: "+15551234567", err: ErrInvalid},
		{name: "UK trunk prefix 0 is not E.164", in: "+4402071838750", err: ErrInvalid},
		{name: "one digit", in: "+1", err: ErrInvalid},
		{name: "unassigned calling code", in: "+9991234567", err: ErrInvalid},
		{name: "too short for US", in: "+1415555267", err: ErrInvalid},
		{name: "too long for US", in: "+141555526710", err: ErrInvalid},
		{name: "US number without area code", in: "+15552671", err: ErrInvalid},
		{name: "15 digits, not a number", in: "+123456789012345", err: ErrInvalid},
		{name: "calling code only", in: "+44", err: ErrInvalid},
	})
}

func TestParsePossible(t *testing.T) {
	checkParse(t, ParsePossible, []parseCase{
		{name: "valid numbers are possible", in: "+14155552671", cc: 1, region: "US"},
		{name: "555 has a possible length; main region of +1", in: "+15551234567", cc: 1, region: "US"},
		{name: "unassigned JM number keeps JM", in: "+18765550123", cc: 1, region: "JM"},
		{name: "GB possible but not valid", in: "+442071838", cc: 44, region: "GB"},
		{name: "non-geographic", in: "+80012345678", cc: 800, region: "001"},
		{name: "15 digits", in: "+883510012345678", cc: 883, region: "001"},

		{name: "syntax as for Parse", in: "+1 415 555 2671", err: ErrSyntax},
		{name: "16 digits", in: "+8835100123456789", err: ErrSyntax},
		{name: "calling code starting with 0", in: "+0123456789", err: ErrSyntax},
		{name: "trunk prefix is still not canonical", in: "+4402071838750", err: ErrInvalid},
		{name: "too short", in: "+1415555267", err: ErrInvalid},
		{name: "too long", in: "+141555526710", err: ErrInvalid},
		{name: "local-only length is not an E.164 number", in: "+15552671", err: ErrInvalid},
		{name: "unassigned calling code", in: "+9991234567", err: ErrInvalid},
	})
}

func TestZeroNumber(t *testing.T) {
	var n Number
	if n.IsValid() || n.String() != "" || n.CountryCode() != 0 || n.Region() != "" {
		t.Errorf("zero Number: IsValid %v, String %q, CountryCode %d, Region %q; want false, \"\", 0, \"\"",
			n.IsValid(), n.String(), n.CountryCode(), n.Region())
	}
}

func TestNumberComparable(t *testing.T) {
	a, _ := Parse("+14155552671")
	b, _ := Parse("+14155552671")
	c, _ := Parse("+14155552672")
	p, _ := ParsePossible("+14155552671")
	if a != b {
		t.Error("the same number parsed twice gives unequal Numbers")
	}
	if a == c {
		t.Error("different numbers compare equal")
	}
	if a != p {
		t.Error("Parse and ParsePossible disagree on a valid number")
	}
	seen := map[Number]bool{a: true}
	if !seen[b] || seen[c] {
		t.Error("Number does not work as a map key")
	}
}

func TestErrorsDoNotContainInput(t *testing.T) {
	inputs := []string{
		"", "+", "14155552671", "+04155552671", "+1 415 555 2671",
		"+4402071838750", "+8781012345678901",
		"+" + strings.Repeat("7", 100),
	}
	for _, in := range inputs {
		for _, parse := range []func(string) (Number, error){Parse, ParsePossible} {
			_, err := parse(in)
			if err == nil {
				t.Fatalf("%q accepted; the test needs rejected input", in)
			}
			msg := err.Error()
			if digits := strings.TrimLeft(in, "+ "); len(digits) >= 3 && strings.Contains(msg, digits[:3]) {
				t.Errorf("error for %q contains the input: %q", in, msg)
			}
			if errors.Is(err, ErrSyntax) == errors.Is(err, ErrInvalid) {
				t.Errorf("error for %q wraps both or neither sentinel: %v", in, err)
			}
		}
	}
}

// Rejecting input, however long, must not copy or scan it.
func TestRejectsHugeInputWithoutWork(t *testing.T) {
	huge := "+" + strings.Repeat("1", 10<<20)
	allocs := testing.AllocsPerRun(10, func() {
		if _, err := Parse(huge); !errors.Is(err, ErrSyntax) {
			t.Fatalf("error = %v, want ErrSyntax", err)
		}
	})
	if allocs != 0 {
		t.Errorf("rejecting huge input allocated %v times", allocs)
	}
}

// A Number keeps no reference to the caller's string, which may be a slice
// of a large request body.
func TestNumberDoesNotRetainInput(t *testing.T) {
	buf := []byte("+14155552671")
	n, err := Parse(unsafe.String(&buf[0], len(buf))) // aliases buf
	if err != nil {
		t.Fatal(err)
	}
	copy(buf, "+19999999999")
	if n.String() != "+14155552671" {
		t.Errorf("String() = %q after the input buffer changed", n.String())
	}
}

func TestDecimal(t *testing.T) {
	for _, v := range []uint64{1, 9, 10, 99, 100, 12345678, 99999999, 100000000, 100000001, 1000000000000, 442071838750, 12015550123, 999999999999999} {
		var buf [maxDigits + 1]byte
		if got, want := string(decimal(&buf, v)), strconv.FormatUint(v, 10); got != want {
			t.Errorf("decimal(%d) = %q", v, got)
		}
	}
}
