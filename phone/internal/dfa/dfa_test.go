package dfa

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// Each case is the digits after the '+' and what Valid and Possible say:
// the region, or "" when the check fails.
var cases = []struct {
	why             string
	d               string
	cc              int
	valid, possible string
}{
	{"US number", "14155552671", 1, "US", "US"},
	{"NANP region by area code", "18765551234", 1, "JM", "JM"},
	{"555 numbers are fictional, but of a possible length", "15551234567", 1, "", "US"},
	{"seven digits are a US length for local dialling only", "14155552", 1, "", ""},
	{"UK number", "442071838750", 44, "GB", "GB"},
	{"UK trunk prefix 0: libphonenumber strips it, so not canonical", "4402071838750", 44, "", ""},
	{"Isle of Man by leading digits", "447624123456", 44, "IM", "IM"},
	{"Guernsey prefix that no region of +44 accepts", "441481123456", 44, "", "GB"},
	{"Italian leading zero is part of the number", "390612345678", 39, "IT", "IT"},
	{"Vatican shares +39", "390669812345", 39, "VA", "VA"},
	{"+7 mobile in Russia", "79123456789", 7, "RU", "RU"},
	{"+7 in Kazakhstan", "77012345678", 7, "KZ", "KZ"},
	{"Argentine mobile", "5491123456789", 54, "AR", "AR"},
	{"Argentine mobile with trunk 0", "54091123456789", 54, "", ""},
	{"Madagascar: parsing adds the 20 area code, so not canonical", "2612012345", 261, "", ""},
	{"Chinese carrier code before a mobile number", "8611234138123456", 86, "", ""},
	{"non-geographic freephone", "80012345678", 800, "001", "001"},
	{"15 digits", "497420470222756", 49, "DE", "DE"},
	{"too short after the calling code", "123", 1, "", ""},
	{"unassigned calling code", "2812345678", 0, "", ""},
	{"16 digits", "4974204702227561", 0, "", ""},
	{"empty", "", 0, "", ""},
	{"leading zero", "014155552671", 0, "", ""},
	{"not a digit", "1415555267a", 0, "", ""},
	{"plus sign is not part of the digits", "+14155552671", 0, "", ""},
	{"fullwidth digit", "1415555267\uff11", 0, "", ""},
	{"NUL", "1415555267\x00", 0, "", ""},
}

func TestCases(t *testing.T) {
	for _, c := range cases {
		for _, mode := range []struct {
			name   string
			check  func(string) (int, string, bool)
			region string
		}{
			{"Valid", Valid, c.valid},
			{"Possible", Possible, c.possible},
		} {
			cc, region, ok := mode.check(c.d)
			wantCC := c.cc
			if mode.region == "" {
				wantCC = 0
			}
			if cc != wantCC || region != mode.region || ok != (mode.region != "") {
				t.Errorf("%s: %s(%q) = %d, %q, %v; want %d, %q", c.why, mode.name, c.d, cc, region, ok, wantCC, mode.region)
			}
		}
	}
}

// sink keeps the compiler from dropping calls whose results are unused.
var sink bool

func TestNoAllocations(t *testing.T) {
	for _, c := range cases {
		n := testing.AllocsPerRun(10, func() {
			_, _, v := Valid(c.d)
			_, _, p := Possible(c.d)
			sink = v || p
		})
		if n != 0 {
			t.Errorf("%q: %v allocations", c.d, n)
		}
	}
}

func TestHugeInputIsRejectedAtOnce(t *testing.T) {
	huge := "1" + strings.Repeat("4", 1<<20)
	if _, _, ok := Valid(huge); ok {
		t.Error("a million digits are valid")
	}
	if n := testing.AllocsPerRun(10, func() { _, _, sink = Possible(huge) }); n != 0 {
		t.Errorf("%v allocations", n)
	}
}

func TestRegions(t *testing.T) {
	codes := Regions()
	if !slices.IsSorted(codes[:len(codes)-1]) || codes[len(codes)-1] != "001" {
		t.Errorf("regions not sorted then 001: %v", codes)
	}
	for _, want := range []string{"US", "CA", "JM", "GB", "IM", "VA", "KZ", "XK", "AC"} {
		if !slices.Contains(codes, want) {
			t.Errorf("%s missing from %v", want, codes)
		}
	}
	for _, c := range cases {
		for _, r := range []string{c.valid, c.possible} {
			if r != "" && !slices.Contains(codes, r) {
				t.Errorf("%q: region %s is not in Regions", c.d, r)
			}
		}
	}
	// Every outcome names a region of the list.
	for o := 0; outcomeSize*o < len(outcomeTable); o++ {
		for _, f := range []int{validField, possibleField} {
			if int(outcomeTable[outcomeSize*o+f]) > len(codes) {
				t.Errorf("outcome %d names region %d of %d", o, outcomeTable[outcomeSize*o+f], len(codes))
			}
		}
	}
}

func Example() {
	for _, d := range []string{"18765551234", "4402071838750", "15551234567"} {
		cc, region, ok := Valid(d)
		fmt.Printf("+%s Valid: %v %d %q\n", d, ok, cc, region)
		cc, region, ok = Possible(d)
		fmt.Printf("+%s Possible: %v %d %q\n", d, ok, cc, region)
	}
	// Output:
	// +18765551234 Valid: true 1 "JM"
	// +18765551234 Possible: true 1 "JM"
	// +4402071838750 Valid: false 0 ""
	// +4402071838750 Possible: false 0 ""
	// +15551234567 Valid: false 0 ""
	// +15551234567 Possible: true 1 "US"
}
