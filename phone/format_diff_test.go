package phone

import (
	"math/rand"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"testing"

	"github.com/contactrules/contactrules/internal/testenv"
	"github.com/nyaruka/phonenumbers"
)

// The differential test of Type, Format and Example: they must say what
// libphonenumber, used the obvious way, says of every example number of
// every region and type, and of numbers made from them by varying their
// last digits (a sample by default, over a million valid ones in the long
// run).

// libType is the libphonenumber type a Type stands for.
func libType(t Type) phonenumbers.PhoneNumberType {
	if t == Unknown {
		return phonenumbers.UNKNOWN
	}
	return phonenumbers.PhoneNumberType(t - 1)
}

var libFormats = [...]phonenumbers.PhoneNumberFormat{
	E164:          phonenumbers.E164,
	International: phonenumbers.INTERNATIONAL,
	National:      phonenumbers.NATIONAL,
	RFC3966:       phonenumbers.RFC3966,
}

// formatVerdict is what one side says of a number.
type formatVerdict struct {
	typ     Type
	formats [len(libFormats)]string
}

func libVerdict(s string) (formatVerdict, bool) {
	n, err := phonenumbers.Parse(s, "")
	if err != nil {
		return formatVerdict{}, false
	}
	var v formatVerdict
	v.typ = Unknown
	if t := phonenumbers.GetNumberType(n); t != phonenumbers.UNKNOWN {
		v.typ = Type(t + 1)
	}
	for f, lf := range libFormats {
		v.formats[f] = phonenumbers.Format(n, lf)
	}
	return v, true
}

func ourVerdict(n Number) formatVerdict {
	v := formatVerdict{typ: n.Type()}
	for f := range libFormats {
		v.formats[f] = n.Format(Format(f))
	}
	return v
}

// varied returns count numbers made from the examples by replacing their
// last one to four digits with random ones.
func varied(examples []example, count int, seed int64) []string {
	rng := rand.New(rand.NewSource(seed))
	out := make([]string, 0, count)
	for i := 0; len(out) < count; i++ {
		b := []byte(examples[i%len(examples)].e164)
		for k := 1 + rng.Intn(4); k > 0 && len(b)-k > 2; k-- {
			b[len(b)-k] = byte('0' + rng.Intn(10))
		}
		out = append(out, string(b))
	}
	return out
}

func TestTypeAndFormatDifferential(t *testing.T) {
	examples := exampleNumbers(t)
	inputs := make([]string, 0, len(examples))
	for _, ex := range examples {
		inputs = append(inputs, ex.e164)
	}
	// Nearly all varied numbers are valid; one in 150 or so is possible
	// only.
	inputs = append(inputs, varied(examples, testenv.Cases(6_000, 1_050_000), 25)...)

	// Half the inputs on each core: the long run is a few million
	// libphonenumber calls.
	workers := max(1, runtime.GOMAXPROCS(0))
	type tally struct {
		valid, possible, failures int
		types                     map[Type]int
		errs                      []string
	}
	tallies := make([]tally, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ta := &tallies[w]
			ta.types = map[Type]int{}
			for i := w; i < len(inputs); i += workers {
				s := inputs[i]
				n, err := ParsePossible(s)
				if err != nil {
					continue // Parse's and ParsePossible's verdicts are TestDifferential's
				}
				if _, err := Parse(s); err == nil {
					ta.valid++
				} else {
					ta.possible++
				}
				want, ok := libVerdict(s)
				got := ourVerdict(n)
				ta.types[got.typ]++
				if !ok || got != want {
					ta.failures++
					if len(ta.errs) < 10 {
						ta.errs = append(ta.errs, s+": got "+strconv.Quote(got.typ.String())+" "+strconv.Quote(got.formats[National])+" "+strconv.Quote(got.formats[International])+" "+strconv.Quote(got.formats[RFC3966])+
							", libphonenumber "+strconv.Quote(want.typ.String())+" "+strconv.Quote(want.formats[National])+" "+strconv.Quote(want.formats[International])+" "+strconv.Quote(want.formats[RFC3966]))
					}
				}
			}
		}()
	}
	wg.Wait()
	var all tally
	all.types = map[Type]int{}
	for _, ta := range tallies {
		all.valid += ta.valid
		all.possible += ta.possible
		all.failures += ta.failures
		for _, e := range ta.errs {
			t.Error(e)
		}
		for ty, c := range ta.types {
			all.types[ty] += c
		}
	}
	if all.failures > 0 {
		t.Errorf("%d of %d numbers disagree", all.failures, all.valid+all.possible)
	}
	t.Logf("%d inputs: %d valid, %d possible only; types %v", len(inputs), all.valid, all.possible, all.types)
	// The comparison means something only if it saw enough of each kind.
	minValid := 1_000_000
	if !testenv.Long() {
		minValid = 6_000
	}
	if all.valid < minValid || all.possible < minValid/500 {
		t.Errorf("too few numbers: %d valid, %d possible only", all.valid, all.possible)
	}
	for ty := FixedLine; ty <= Voicemail; ty++ {
		if all.types[ty] == 0 {
			t.Errorf("no number of type %v", ty)
		}
	}
}

func TestExampleDifferential(t *testing.T) {
	regions := []string{}
	for r := range phonenumbers.GetSupportedRegions() {
		regions = append(regions, r)
	}
	slices.Sort(regions)
	found := 0
	for _, region := range regions {
		for ty := Unknown; ty <= Voicemail; ty++ {
			n, ok := Example(region, ty)
			want := phonenumbers.GetExampleNumberForType(region, libType(ty))
			switch {
			case want == nil && ok:
				t.Errorf("Example(%s, %v) = %v, libphonenumber has none", region, ty, n)
			case want != nil && !ok:
				t.Errorf("Example(%s, %v) has none, libphonenumber %s", region, ty, phonenumbers.Format(want, phonenumbers.E164))
			case want != nil && n.String() != phonenumbers.Format(want, phonenumbers.E164):
				t.Errorf("Example(%s, %v) = %v, libphonenumber %s", region, ty, n, phonenumbers.Format(want, phonenumbers.E164))
			case ok:
				found++
			}
		}
	}
	if found < 1000 {
		t.Errorf("only %d examples", found)
	}
	for _, c := range []struct {
		region string
		t      Type
	}{{"001", Mobile}, {"us", Mobile}, {"", FixedLine}, {"USA", Mobile}, {"US", Unknown}, {"US", 200}} {
		if n, ok := Example(c.region, c.t); ok {
			t.Errorf("Example(%q, %v) = %v, want none", c.region, c.t, n)
		}
	}
}

func TestTypeString(t *testing.T) {
	// libphonenumber's PhoneNumberType names, in its order.
	names := []string{"FIXED_LINE", "MOBILE", "FIXED_LINE_OR_MOBILE", "TOLL_FREE", "PREMIUM_RATE",
		"SHARED_COST", "VOIP", "PERSONAL_NUMBER", "PAGER", "UAN", "VOICEMAIL", "UNKNOWN"}
	for lt, name := range names {
		ty := Unknown
		if phonenumbers.PhoneNumberType(lt) != phonenumbers.UNKNOWN {
			ty = Type(lt + 1)
		}
		if libType(ty) != phonenumbers.PhoneNumberType(lt) || ty.String() != name {
			t.Errorf("type %d: %v (%d), want %s", lt, ty, ty, name)
		}
	}
	if got := Type(12).String(); got != "Type(12)" {
		t.Errorf("Type(12).String() = %q", got)
	}
	for f, want := range []string{"E164", "INTERNATIONAL", "NATIONAL", "RFC3966", "Format(4)"} {
		if got := Format(f).String(); got != want {
			t.Errorf("Format(%d).String() = %q, want %q", f, got, want)
		}
	}
}

func TestZeroNumberFormats(t *testing.T) {
	var n Number
	if n.Type() != Unknown {
		t.Errorf("zero Number: Type %v", n.Type())
	}
	for f := E164; f <= RFC3966+1; f++ {
		if s := n.Format(f); s != "" {
			t.Errorf("zero Number: Format(%v) = %q", f, s)
		}
	}
	n, _ = Parse("+12015550123")
	if got := string(n.AppendFormat([]byte("x"), RFC3966+1)); got != "x" {
		t.Errorf("AppendFormat with no format appended: %q", got)
	}
}
