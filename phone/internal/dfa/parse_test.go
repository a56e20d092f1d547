package dfa

import (
	"fmt"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/contactrules/contactrules/internal/testenv"
	"github.com/nyaruka/phonenumbers"
)

// readOracle is what AppendE164 must say about s: phonenumbers.Parse(s,
// region) written by Format(E164), or "" where Parse fails.
func readOracle(s, region string) string {
	n, err := phonenumbers.Parse(s, region)
	if err != nil {
		return ""
	}
	return phonenumbers.Format(n, phonenumbers.E164)
}

func read(s, region string) string {
	d, ok := AppendE164(nil, []byte(s), region)
	if !ok {
		return ""
	}
	return string(d)
}

// Each case is digits as typed in a form, the default region, and the
// number libphonenumber reads in them ("" when it reads none).
var readCases = []struct{ why, s, region, want string }{
	{"national number", "4155552671", "US", "+14155552671"},
	{"national prefix 1", "14155552671", "US", "+14155552671"},
	{"international prefix 011", "011442071838750", "US", "+442071838750"},
	{"international prefix 00", "00442071838750", "GB", "+442071838750"},
	{"national prefix 0", "02071838750", "GB", "+442071838750"},
	{"the region's own calling code without '+'", "442071838750", "GB", "+442071838750"},
	{"'+' needs no region", "+442071838750", "", "+442071838750"},
	{"a national prefix after the calling code is stripped", "+4402071838750", "", "+442071838750"},
	{"another region's number with '+'", "+442071838750", "US", "+442071838750"},
	{"transform rule: seven digits take the area code", "4341234", "BB", "+12464341234"},
	{"calling code, national prefix, then the transform", "14341234", "BB", "+12464341234"},
	{"transform rule: 0 and 15 around the area code become 9", "0111523456789", "AR", "+5491123456789"},
	{"transform rule: the area code goes in front", "812345", "SM", "+3780549812345"},
	{"a local number is not stripped to an impossible length", "2123456", "MG", "+261202123456"},
	{"international prefix then 0 is no international prefix", "00012345678", "GB", "+440012345678"},
	{"international prefix 0 of WS after a '+' before no code", "+0685800123", "WS", "+685800123"},
	{"'+', then the international prefix of the region", "+00442071838750", "GB", "+442071838750"},
	{"national prefix kept when the rest is too short", "01", "GB", "+4401"},
	{"two digits are a number", "12", "US", "+112"},
	{"non-geographic code, short", "+80012", "", "+80012"},

	{"one digit", "1", "US", ""},
	{"two digits after '+'", "+12", "", ""},
	{"only the calling code", "+44", "", ""},
	{"one digit after the calling code", "+442", "", ""},
	{"unassigned calling code", "+2812345678", "US", ""},
	{"calling code 0", "+0412345678", "", ""},
	{"too few digits after the international prefix", "00441", "GB", ""},
	{"national significant number of 18 digits", "123456789012345678", "DE", ""},
	{"no '+' and no region", "4155552671", "", ""},
	{"lower-case region is unknown", "4155552671", "us", ""},
	{"non-geographic region is no region", "4155552671", "001", ""},
	{"empty", "", "US", ""},
	{"longer than libphonenumber reads", strings.Repeat("1", 251), "US", ""},
}

func TestAppendE164(t *testing.T) {
	for _, c := range readCases {
		if got := read(c.s, c.region); got != c.want {
			t.Errorf("%s: AppendE164(%q, %q) = %q, want %q", c.why, c.s, c.region, got, c.want)
		}
		if lib := readOracle(c.s, c.region); lib != c.want {
			t.Errorf("%s: libphonenumber reads %q in %q as %q, the case says %q", c.why, c.s, c.region, lib, c.want)
		}
	}
	// libphonenumber reads more than digits (letters, punctuation); the
	// contract is digits perhaps after a '+', and AppendE164 refuses the
	// rest.
	for _, s := range []string{"415555267a", "4+155552671", "++4155552671", "+1 415 555 2671", "\uff14155552671"} {
		if got := read(s, "US"); got != "" {
			t.Errorf("AppendE164(%q) = %q", s, got)
		}
	}
	if d, ok := AppendE164([]byte("x"), []byte("+442071838750"), ""); !ok || string(d) != "x+442071838750" {
		t.Errorf("AppendE164 does not append: %q, %v", d, ok)
	}
}

func TestAppendE164NoAllocations(t *testing.T) {
	dst := make([]byte, 0, 64)
	for _, c := range readCases {
		s := []byte(c.s)
		if n := testing.AllocsPerRun(10, func() { _, sink = AppendE164(dst, s, c.region) }); n != 0 {
			t.Errorf("%q in %q: %v allocations", c.s, c.region, n)
		}
	}
}

// A reading is digits as typed and the default region.
type reading struct{ s, region string }

// readings returns inputs for the differential test: each example number
// and each near miss of it, typed one of the ways AppendE164 reads (with
// '+', after an international prefix the region's pattern matches, after
// the calling code alone, nationally with or without a national prefix
// the pattern of its region matches, after a stray 0) in its own region,
// in another or in none; and as many generated numbers typed the same
// ways. Of the near misses it takes the share nearMissShare says.
func readings(t *testing.T, generated int) []reading {
	g := newGenerator(t, 11)
	coll, err := phonenumbers.MetadataCollection()
	if err != nil {
		t.Fatal(err)
	}
	idd, national := map[string]*syntax.Regexp{}, map[string]*syntax.Regexp{}
	for _, m := range coll.GetMetadata() {
		for p, into := range map[string]map[string]*syntax.Regexp{m.GetInternationalPrefix(): idd, m.GetNationalPrefixForParsing(): national} {
			if re, err := syntax.Parse(p, syntax.Perl); err == nil && p != "" && m.GetId() != "001" {
				into[m.GetId()] = re.Simplify()
			}
		}
	}
	regions := Regions()
	regions = append(regions[:len(regions)-1], "", "001", "ZZ")
	typed := func(d string) reading {
		n, err := phonenumbers.Parse("+"+d, "")
		cc, own := "", ""
		if err == nil {
			cc = strconv.Itoa(int(n.GetCountryCode()))
			own = phonenumbers.GetRegionCodeForNumber(n)
		}
		region := own
		if region == "" || g.rng.Intn(3) == 0 {
			region = regions[g.rng.Intn(len(regions))]
		}
		nsn := strings.TrimPrefix(d, cc)
		switch g.rng.Intn(7) {
		case 0:
			return reading{"+" + d, region}
		case 1:
			if re, ok := idd[region]; ok {
				return reading{g.sample(re) + d, region}
			}
		case 2:
			if re, ok := national[region]; ok {
				return reading{g.sample(re) + nsn, region}
			}
		case 3:
			return reading{nsn, region}
		case 4:
			return reading{"0" + d, region}
		case 5:
			return reading{"+0" + d, region}
		}
		return reading{d, region}
	}
	var out []reading
	share := nearMissShare()
	for i, d := range examples(t) {
		for _, m := range someNearMisses(d, i, share) {
			out = append(out, typed(m))
		}
	}
	for i := range generated {
		out = append(out, typed(g.number(i)))
	}
	return out
}

func TestAppendE164Differential(t *testing.T) {
	t.Parallel()
	in := readings(t, testenv.Cases(5_000, 50_000))
	type result struct {
		read     int
		disagree []string
	}
	results := inParallel(in, func(r *result, c reading) {
		want := readOracle(c.s, c.region)
		if want != "" {
			r.read++
		}
		if got := read(c.s, c.region); got != want {
			r.disagree = append(r.disagree, fmt.Sprintf("AppendE164(%q, %q) = %q, libphonenumber reads %q", c.s, c.region, got, want))
		}
	})
	read, disagree := 0, []string(nil)
	for _, r := range results {
		read += r.read
		disagree = append(disagree, r.disagree...)
	}
	slices.Sort(disagree)
	for _, d := range disagree[:min(20, len(disagree))] {
		t.Error(d)
	}
	t.Logf("%d inputs, %d read as a number, %d disagreements", len(in), read, len(disagree))
	if read < len(in)/4 || len(in)-read < len(in)/10 {
		t.Errorf("%d of %d inputs read: the inputs do not exercise both answers", read, len(in))
	}
}

// BenchmarkAppendE164 reads national, IDD and '+' input beside the
// obvious alternative, phonenumbers.Parse and Format.
func BenchmarkAppendE164(b *testing.B) {
	in := []reading{{"4155552671", "US"}, {"02071838750", "GB"}, {"00442071838750", "GB"}, {"+4402071838750", ""}, {"0111523456789", "AR"}}
	b.Run("tables", func(b *testing.B) {
		b.ReportAllocs()
		dst := make([]byte, 0, 32)
		bs := make([][]byte, len(in))
		for i, r := range in {
			bs[i] = []byte(r.s)
		}
		for i := 0; b.Loop(); i++ {
			dst, sink = AppendE164(dst[:0], bs[i%len(in)], in[i%len(in)].region)
		}
	})
	b.Run("phonenumbers", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			r := in[i%len(in)]
			if n, err := phonenumbers.Parse(r.s, r.region); err == nil {
				sink = phonenumbers.Format(n, phonenumbers.E164) != ""
			}
		}
	})
}

// FuzzAppendE164 extends the differential test to arbitrary digits; with
// plain go test it runs the seeds.
func FuzzAppendE164(f *testing.F) {
	for _, c := range readCases {
		f.Add(c.s, c.region)
	}
	f.Fuzz(func(t *testing.T, s, region string) {
		if strings.Trim(strings.TrimPrefix(s, "+"), "0123456789") != "" {
			if got := read(s, region); got != "" {
				t.Errorf("AppendE164(%q, %q) = %q for input other than digits", s, region, got)
			}
			return
		}
		if got, want := read(s, region), readOracle(s, region); got != want {
			t.Errorf("AppendE164(%q, %q) = %q, libphonenumber reads %q", s, region, got, want)
		}
	})
}

func ExampleAppendE164() {
	for _, typed := range []struct{ digits, region string }{
		{"02071838750", "GB"},     // national, trunk prefix 0
		{"011442071838750", "US"}, // international prefix 011
		{"0111523456789", "AR"},   // Argentine mobile: 0 11 15 … is +54 9 11 …
		{"+4402071838750", ""},    // trunk prefix after the calling code
		{"4155552671", ""},        // national, but no region
	} {
		if d, ok := AppendE164(nil, []byte(typed.digits), typed.region); ok {
			fmt.Printf("%s in %q: %s\n", typed.digits, typed.region, d)
		} else {
			fmt.Printf("%s in %q: no number\n", typed.digits, typed.region)
		}
	}
	// Output:
	// 02071838750 in "GB": +442071838750
	// 011442071838750 in "US": +442071838750
	// 0111523456789 in "AR": +5491123456789
	// +4402071838750 in "": +442071838750
	// 4155552671 in "": no number
}
