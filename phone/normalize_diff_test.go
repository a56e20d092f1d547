package phone

import (
	"errors"
	"fmt"
	"math/rand"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"

	"github.com/contactrules/contactrules/internal/testenv"
	"github.com/nyaruka/phonenumbers"
)

// The differential test of Normalize: the oracle is Normalize as it was
// built on libphonenumber, which read the number with phonenumbers.Parse
// and wrote it with Format(E164). Normalize now reads it with the
// compiled parsing tables; both must say the same about form input
// written every way libphonenumber itself writes a number, and about near
// misses of them.

// oracleNormalize is Normalize with libphonenumber doing the reading.
func oracleNormalize(input, defaultRegion string) (Number, error) {
	var buf [maxNormalizeInput]byte
	cleaned, err := normalizeInput(buf[:0], input, defaultRegion)
	if err != nil {
		return Number{}, err
	}
	n, err := phonenumbers.Parse(string(cleaned), defaultRegion)
	if err != nil {
		return Number{}, errUnparsable
	}
	return parseNormalized(phonenumbers.Format(n, phonenumbers.E164))
}

// A normCase is form input with the default region it is read in.
type normCase struct{ input, region string }

// normVerdict is what a normalize function says about a normCase: the
// number and its region, or the kind of error (ErrSyntax or ErrInvalid)
// with its message, which says the reason.
type normVerdict struct {
	e164, region string
	kind         error
	reason       string
}

func (v normVerdict) String() string {
	if v.kind != nil {
		return v.reason
	}
	return v.e164 + " (" + v.region + ")"
}

func normJudge(normalize func(string, string) (Number, error), c normCase) normVerdict {
	n, err := normalize(c.input, c.region)
	v := normVerdict{e164: n.String(), region: n.Region()}
	if err != nil {
		v.kind, v.reason = err, err.Error()
		for _, kind := range []error{ErrSyntax, ErrInvalid} {
			if errors.Is(err, kind) {
				v.kind = kind
			}
		}
	}
	return v
}

// formats are the ways libphonenumber writes a number, with RFC 3966
// losing its "tel:" (Normalize does not read URIs).
var formats = []struct {
	name string
	f    phonenumbers.PhoneNumberFormat
}{
	{"national", phonenumbers.NATIONAL},
	{"international", phonenumbers.INTERNATIONAL},
	{"E.164", phonenumbers.E164},
	{"RFC 3966", phonenumbers.RFC3966},
}

func format(n *phonenumbers.PhoneNumber, f phonenumbers.PhoneNumberFormat) string {
	return strings.TrimPrefix(phonenumbers.Format(n, f), "tel:")
}

// writings returns the ways of writing n that the test reads in region:
// each format, as dialled from region (libphonenumber writes the
// international prefix, or its pattern where the region has several),
// after prefixes the region's international prefix pattern matches, and
// after the common prefixes 00 and 011.
func (d *dialling) writings(n *phonenumbers.PhoneNumber, region string) []string {
	var out []string
	for _, f := range formats {
		out = append(out, format(n, f.f))
	}
	intl := format(n, phonenumbers.INTERNATIONAL)[1:]
	if region != "" {
		out = append(out, phonenumbers.FormatOutOfCountryCallingNumber(n, region))
		for range 2 {
			out = append(out, d.idd(region)+" "+intl)
		}
	}
	return append(out, "00"+intl, "011 "+intl)
}

// dialling samples each region's international prefixes.
type dialling struct {
	rng      *rand.Rand
	patterns map[string]*syntax.Regexp
}

func newDialling(t testing.TB, rng *rand.Rand) *dialling {
	coll, err := phonenumbers.MetadataCollection()
	if err != nil {
		t.Fatal(err)
	}
	d := &dialling{rng: rng, patterns: map[string]*syntax.Regexp{}}
	for _, m := range coll.GetMetadata() {
		if m.GetId() == nonGeoRegion {
			continue
		}
		re, err := syntax.Parse(m.GetInternationalPrefix(), syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		d.patterns[m.GetId()] = re.Simplify()
	}
	return d
}

// idd returns a random string that region's international prefix
// pattern matches.
func (d *dialling) idd(region string) string {
	var b strings.Builder
	var sample func(re *syntax.Regexp)
	sample = func(re *syntax.Regexp) {
		switch re.Op {
		case syntax.OpLiteral:
			b.WriteString(string(re.Rune))
		case syntax.OpCharClass:
			var in []rune
			for i := 0; i+1 < len(re.Rune); i += 2 {
				for c := max(re.Rune[i], '0'); c <= min(re.Rune[i+1], '9'); c++ {
					in = append(in, c)
				}
			}
			b.WriteRune(in[d.rng.Intn(len(in))])
		case syntax.OpCapture, syntax.OpPlus:
			sample(re.Sub[0])
		case syntax.OpQuest, syntax.OpStar:
			if d.rng.Intn(2) == 0 {
				sample(re.Sub[0])
			}
		case syntax.OpRepeat:
			for range re.Min + d.rng.Intn(re.Max-re.Min+1) {
				sample(re.Sub[0])
			}
		case syntax.OpConcat:
			for _, sub := range re.Sub {
				sample(sub)
			}
		case syntax.OpAlternate:
			sample(re.Sub[d.rng.Intn(len(re.Sub))])
		}
	}
	sample(d.patterns[region])
	return b.String()
}

// normalizeCases returns the inputs of the differential test: every
// example number written every way, read in its own region, with no
// region and in three others; near misses of it: a calling code that
// starts with 0 or is unassigned, an international prefix before a 0,
// too few digits; and the near misses of each example (mutations in
// diff_test.go) written in a few ways, read in their region and one
// other. By default (internal/testenv) each example is read in one of
// the three other regions, in turn, and with a quarter of the near
// misses of one digit change; CONTACTRULES_LONG=1 takes them all.
func normalizeCases(t *testing.T) []normCase {
	var regions []string
	for r := range phonenumbers.GetSupportedRegions() {
		regions = append(regions, r)
	}
	slices.Sort(regions)
	rng := rand.New(rand.NewSource(1))
	dial := newDialling(t, rng)
	seen := map[normCase]bool{}
	var out []normCase
	add := func(input string, regions ...string) {
		for _, r := range regions {
			if c := (normCase{input, r}); !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	deltas, share := []byte{3, 7}, 1
	if !testenv.Long() {
		deltas, share = deltas[:1], 4
	}
	examples := exampleNumbers(t)
	// The non-geographic ones come in map order; the random choices below
	// must not.
	slices.SortFunc(examples, func(a, b example) int { return strings.Compare(a.region+a.e164, b.region+b.e164) })
	for i, ex := range examples {
		own := ex.region
		if own == nonGeoRegion {
			own = ""
		}
		n, err := phonenumbers.Parse(ex.e164, "")
		if err != nil {
			t.Fatalf("example %s: %v", ex.e164, err)
		}
		others := []string{"US", "GB", regions[rng.Intn(len(regions))]}
		if share > 1 {
			others = others[i%3 : i%3+1]
		}
		for _, r := range append([]string{own, ""}, others...) {
			for _, w := range dial.writings(n, r) {
				add(w, r)
			}
		}
		digits, nsn := ex.e164[1:], phonenumbers.GetNationalSignificantNumber(n)
		add(nsn, own) // without the trunk prefix
		add("+0"+digits, own, "US")
		add("+28"+nsn, own) // +28x is unassigned
		add(digits[:2], own)
		add("+"+digits[:3], own)
		if own != "" {
			add(dial.idd(own)+"0"+digits, own)
			add(dial.idd(own)+digits[:2], own)
		}
		ms := mutations(ex, deltas)
		for j := 1 + i%share; j < len(ms); j += share {
			m, other := ms[j], regions[rng.Intn(len(regions))]
			add(m, own, other)
			add(m[1:], own) // without '+': maybe the region's own code
			mn, err := phonenumbers.Parse(m, "")
			if err != nil {
				continue
			}
			add(format(mn, phonenumbers.NATIONAL), own, other)
			add(format(mn, phonenumbers.INTERNATIONAL), other)
			add(dial.idd(other)+format(mn, phonenumbers.E164)[1:], other)
		}
	}
	return out
}

func TestNormalizeDifferential(t *testing.T) {
	cases := normalizeCases(t)
	counts := map[string]int{} // by the oracle's reason
	var disagree []string
	for _, c := range cases {
		want := normJudge(oracleNormalize, c)
		got := normJudge(Normalize, c)
		counts[want.reason]++
		if got != want {
			disagree = append(disagree, fmt.Sprintf("Normalize(%q, %q) = %v; libphonenumber: %v", c.input, c.region, got, want))
		}
	}
	slices.Sort(disagree)
	for _, d := range disagree[:min(20, len(disagree))] {
		t.Error(d)
	}
	if len(disagree) > 0 {
		t.Errorf("%d of %d inputs disagree", len(disagree), len(cases))
	}
	var lines []string
	for reason, n := range counts {
		if reason == "" {
			reason = "accepted"
		}
		lines = append(lines, fmt.Sprintf("%7d %s", n, reason))
	}
	slices.Sort(lines)
	t.Logf("%d inputs, %d disagreements; libphonenumber says:\n%s", len(cases), len(disagree), strings.Join(lines, "\n"))
	// Agreement means something only if every verdict is common.
	syntax := 0
	for reason, n := range counts {
		if strings.HasPrefix(reason, ErrSyntax.Error()) {
			syntax += n
		}
	}
	if counts[""] < len(cases)/5 || counts[errNotValid.Error()] < len(cases)/5 ||
		counts[errUnparsable.Error()] < min(1000, len(cases)/100) || syntax < min(100, len(cases)/2000) {
		t.Errorf("too few inputs of some verdict: %v", counts)
	}
}

// sinkNumber keeps the compiler from dropping calls whose results are
// unused.
var sinkNumber Number

// BenchmarkNormalize compares Normalize with the obvious alternative, the
// oracle: the same checks around phonenumbers.Parse and Format. It stays
// here, not in bench/, because the oracle is unexported.
func BenchmarkNormalize(b *testing.B) {
	for _, c := range []struct{ name, input, region string }{
		{"national", "(415) 555-2671", "US"},
		{"national-trunk", "020 7183 8750", "GB"},
		{"idd", "0044 20 7183 8750", "GB"},
		{"international", "+44 20 7183 8750", ""},
		{"invalid", "(555) 123-4567", "US"},
		{"unparsable", "+28 123 4567", ""},
	} {
		for _, impl := range []struct {
			name      string
			normalize func(string, string) (Number, error)
		}{
			{"tables", Normalize},
			{"libphonenumber", oracleNormalize},
		} {
			b.Run(c.name+"/"+impl.name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					sinkNumber, _ = impl.normalize(c.input, c.region)
				}
			})
		}
	}
}
