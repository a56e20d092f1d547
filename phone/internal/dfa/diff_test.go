package dfa

import (
	"fmt"
	"math/rand"
	"os"
	"regexp/syntax"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/contactrules/contactrules/internal/testenv"
	"github.com/nyaruka/phonenumbers"
)

// The differential test: the automaton must say exactly what libphonenumber
// says, used the obvious (slow) way, about libphonenumber's own example
// numbers and near misses of them, and about a fixed-seed sample of
// generated numbers spread over every calling code. By default it takes
// every example number with a share of its near misses and 20,000
// generated numbers; with CONTACTRULES_LONG=1 (internal/testenv) every
// near miss and 1,000,000 generated numbers. DFA_DIFF_N sets the number
// of generated numbers and DFA_DIFF_SEED their seed (default 1), for
// longer runs locally.

// verdict is what one check says about +d: the calling code and region,
// or the zero verdict when the check fails.
type verdict struct {
	cc     int
	region string
}

// oracle judges +d with phonenumbers: Parse must succeed and Format must
// give the input back; then IsValidNumber (Valid) and
// IsPossibleNumberWithReason == IS_POSSIBLE (Possible) decide.
func oracle(d string) (valid, possible verdict) {
	s := "+" + d
	n, err := phonenumbers.Parse(s, "")
	if err != nil || phonenumbers.Format(n, phonenumbers.E164) != s {
		return
	}
	cc := int(n.GetCountryCode())
	region := phonenumbers.GetRegionCodeForNumber(n)
	if phonenumbers.IsValidNumber(n) {
		valid = verdict{cc, region}
	}
	if phonenumbers.IsPossibleNumberWithReason(n) == phonenumbers.IS_POSSIBLE {
		if region == "" {
			region = phonenumbers.GetRegionCodeForCountryCode(cc)
		}
		possible = verdict{cc, region}
	}
	return
}

type tally struct {
	inputs, valid, possible, disagree int
	first                             []string
}

// compare runs the automaton and the oracle on every input, on all CPUs.
func compare(inputs []string) tally {
	results := inParallel(inputs, func(r *tally, d string) {
		wantV, wantP := oracle(d)
		var gotV, gotP verdict
		gotV.cc, gotV.region, _ = Valid(d)
		gotP.cc, gotP.region, _ = Possible(d)
		r.inputs++
		if wantV.cc != 0 {
			r.valid++
		}
		if wantP.cc != 0 {
			r.possible++
		}
		if gotV != wantV || gotP != wantP {
			r.disagree++
			if len(r.first) < 20 {
				r.first = append(r.first, fmt.Sprintf("+%s: valid %v possible %v; libphonenumber: valid %v possible %v", d, gotV, gotP, wantV, wantP))
			}
		}
	})
	var t tally
	for _, r := range results {
		t.inputs += r.inputs
		t.valid += r.valid
		t.possible += r.possible
		t.disagree += r.disagree
		t.first = append(t.first, r.first...)
	}
	slices.Sort(t.first)
	return t
}

// inParallel calls check on every input, on all CPUs, and returns the
// results, one per worker, that check filled in.
func inParallel[T, R any](inputs []T, check func(r *R, x T)) []R {
	workers := runtime.GOMAXPROCS(0)
	results := make([]R, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(inputs); i += workers {
				check(&results[w], inputs[i])
			}
		}()
	}
	wg.Wait()
	return results
}

func report(t *testing.T, what string, r tally) {
	t.Helper()
	t.Logf("%s: %d inputs, %d valid, %d possible, %d disagreements", what, r.inputs, r.valid, r.possible, r.disagree)
	for _, f := range r.first {
		t.Error(f)
	}
	if r.disagree > 0 {
		t.Errorf("%s: %d of %d inputs disagree", what, r.disagree, r.inputs)
	}
	// Agreement means something only if both answers occur often.
	if r.valid < r.inputs/10 || r.inputs-r.valid < r.inputs/10 {
		t.Errorf("%s: %d of %d inputs valid; the inputs do not exercise both answers", what, r.valid, r.inputs)
	}
}

// examples returns the digits of every example number in the metadata:
// each type of each region, and each type of each non-geographic code.
func examples(t testing.TB) []string {
	var out []string
	regions := make([]string, 0, 256)
	for region := range phonenumbers.GetSupportedRegions() {
		regions = append(regions, region)
	}
	slices.Sort(regions)
	for _, region := range regions {
		for typ := phonenumbers.FIXED_LINE; typ <= phonenumbers.UNKNOWN; typ++ {
			if n := phonenumbers.GetExampleNumberForType(region, typ); n != nil {
				out = append(out, phonenumbers.Format(n, phonenumbers.E164)[1:])
			}
		}
	}
	coll, err := phonenumbers.MetadataCollection()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range coll.GetMetadata() {
		if m.GetId() != "001" {
			continue
		}
		cc := strconv.Itoa(int(m.GetCountryCode()))
		for _, d := range []*phonenumbers.PhoneNumberDesc{
			m.FixedLine, m.Mobile, m.TollFree, m.PremiumRate, m.SharedCost,
			m.PersonalNumber, m.Voip, m.Pager, m.Uan, m.Voicemail,
		} {
			if ex := d.GetExampleNumber(); ex != "" {
				out = append(out, cc+ex)
			}
		}
	}
	slices.Sort(out)
	out = slices.Compact(out)
	if len(out) < 1000 {
		t.Fatalf("only %d example numbers; metadata missing?", len(out))
	}
	return out
}

// nearMisses returns d and the numbers one edit away from it: each digit
// replaced by every other digit, each digit dropped, every truncation, and
// one or two digits appended; plus d with the region's national prefix
// written after each possible calling code.
func nearMisses(d string) []string {
	out := []string{d}
	for i := range len(d) {
		for c := byte('0'); c <= '9'; c++ {
			if c != d[i] {
				out = append(out, d[:i]+string(c)+d[i+1:])
			}
		}
		out = append(out, d[:i]+d[i+1:], d[:i])
	}
	for c := byte('0'); c <= '9'; c++ {
		out = append(out, d+string(c), d+string(c)+string('9'-c+'0'))
	}
	for i := 1; i <= 3 && i < len(d); i++ {
		for _, p := range []string{"0", "1", "8", "06", "90", "0549"} {
			out = append(out, d[:i]+p+d[i:])
		}
	}
	return out
}

// nearMissShare is how many of the near misses of each example number
// the default run takes: one in nearMissShare, a different one for each
// example, so that every kind of edit is still tried; the long run takes
// them all.
func nearMissShare() int { return testenv.Cases(8, 1) }

// someNearMisses returns d and the share of its near misses the run
// takes, for the i-th example.
func someNearMisses(d string, i, share int) []string {
	all := nearMisses(d)
	out := all[:1:1]
	for j := 1 + i%share; j < len(all); j += share {
		out = append(out, all[j])
	}
	return out
}

func TestDifferentialExamples(t *testing.T) {
	t.Parallel()
	var inputs []string
	share := nearMissShare()
	for i, d := range examples(t) {
		inputs = append(inputs, someNearMisses(d, i, share)...)
	}
	report(t, "example numbers and near misses", compare(valid15(inputs)))
}

// valid15 keeps the inputs the automaton is asked about: 1 to 15 digits,
// the first 1-9 (the E.164 syntax the phone package checks first).
func valid15(in []string) []string {
	out := in[:0]
	for _, d := range in {
		if len(d) >= 1 && len(d) <= maxDigits && d[0] != '0' {
			out = append(out, d)
		}
	}
	return out
}

// envInt returns the integer in environment variable name, or def.
func envInt(t *testing.T, name string, def int) int {
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return n
}

func TestDifferentialGenerated(t *testing.T) {
	t.Parallel()
	n := envInt(t, "DFA_DIFF_N", testenv.Cases(20_000, 1_000_000))
	g := newGenerator(t, int64(envInt(t, "DFA_DIFF_SEED", 1)))
	inputs := make([]string, 0, n)
	for i := 0; len(inputs) < n; i++ {
		inputs = append(inputs, valid15([]string{g.number(i)})...)
	}
	report(t, "generated numbers", compare(inputs))
}

// A generator makes numbers for the differential test: each calling code
// in turn, with national numbers that are random, random paths through the
// automaton to numbers it accepts (valid or possible), such numbers
// preceded by a national prefix as the main region parses it, and near
// misses of accepted numbers.
type generator struct {
	rng       *rand.Rand
	ccs       []string
	prefixes  map[string]*syntax.Regexp // calling code → national prefix pattern
	liveValid []bool                    // state → a valid number is reachable
	livePoss  []bool                    // state → a possible number is reachable
}

func newGenerator(t testing.TB, seed int64) *generator {
	g := &generator{rng: rand.New(rand.NewSource(seed)), prefixes: map[string]*syntax.Regexp{}}
	for cc := range phonenumbers.GetSupportedCallingCodes() {
		g.ccs = append(g.ccs, strconv.Itoa(cc))
	}
	slices.Sort(g.ccs)
	coll, err := phonenumbers.MetadataCollection()
	if err != nil {
		t.Fatal(err)
	}
	byRegion := map[string]*phonenumbers.PhoneMetadata{}
	for _, m := range coll.GetMetadata() {
		byRegion[m.GetId()] = m
	}
	for _, cc := range g.ccs {
		n, _ := strconv.Atoi(cc)
		// Non-geographic codes ("001") strip no national prefix.
		npfp := byRegion[phonenumbers.GetRegionCodeForCountryCode(n)].GetNationalPrefixForParsing()
		if npfp == "" {
			continue
		}
		re, err := syntax.Parse(npfp, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		g.prefixes[cc] = re.Simplify()
	}
	if len(g.ccs) < 200 || len(g.prefixes) < 100 {
		t.Fatalf("%d calling codes, %d national prefixes: metadata missing?", len(g.ccs), len(g.prefixes))
	}
	states := len(stateTable) / 4
	g.liveValid, g.livePoss = make([]bool, states), make([]bool, states)
	// Successors have smaller numbers than their states, so one pass in
	// increasing order sees every successor first.
	for s := 1; s < states; s++ {
		o := u16(stateTable, uint(2*s))
		g.liveValid[s] = outcomeTable[outcomeSize*o+validField] != 0
		g.livePoss[s] = outcomeTable[outcomeSize*o+possibleField] != 0
		for c := range uint(10) {
			n := successor(uint(s), c)
			g.liveValid[s] = g.liveValid[s] || g.liveValid[n]
			g.livePoss[s] = g.livePoss[s] || g.livePoss[n]
		}
	}
	return g
}

func successor(s, c uint) uint {
	link := u16(stateTable, 2*s+1)
	if link&uniformBit != 0 {
		return link &^ uniformBit
	}
	return u16(rowTable, 10*link+c)
}

func (g *generator) digits(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + g.rng.Intn(10))
	}
	return string(b)
}

// walk extends d along a random path of the automaton that stays where
// live says an accepted number can still be reached, stopping at an
// accepted number now and then.
func (g *generator) walk(d string, live []bool) string {
	s := uint(root)
	for i := 0; i < len(d); i++ {
		s = successor(s, uint(d[i]-'0'))
	}
	for live[s] {
		o := u16(stateTable, 2*s)
		if o != 0 && g.rng.Intn(3) == 0 {
			break
		}
		var next []uint
		for c := range uint(10) {
			if live[successor(s, c)] {
				next = append(next, c)
			}
		}
		if len(next) == 0 {
			break
		}
		c := next[g.rng.Intn(len(next))]
		d += string(rune('0' + c))
		s = successor(s, c)
	}
	return d
}

// sample returns a random string the pattern matches.
func (g *generator) sample(re *syntax.Regexp) string {
	switch re.Op {
	case syntax.OpLiteral:
		return string(re.Rune)
	case syntax.OpCharClass:
		for {
			c := rune('0' + g.rng.Intn(10))
			for i := 0; i+1 < len(re.Rune); i += 2 {
				if re.Rune[i] <= c && c <= re.Rune[i+1] {
					return string(c)
				}
			}
		}
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return g.digits(1)
	case syntax.OpCapture:
		return g.sample(re.Sub[0])
	case syntax.OpQuest, syntax.OpStar:
		if g.rng.Intn(2) == 0 {
			return ""
		}
		return g.sample(re.Sub[0])
	case syntax.OpPlus:
		return g.sample(re.Sub[0])
	case syntax.OpConcat:
		var b strings.Builder
		for _, s := range re.Sub {
			b.WriteString(g.sample(s))
		}
		return b.String()
	case syntax.OpAlternate:
		return g.sample(re.Sub[g.rng.Intn(len(re.Sub))])
	}
	return ""
}

// number returns the i-th generated number.
func (g *generator) number(i int) string {
	cc := g.ccs[i%len(g.ccs)]
	maxNational := maxDigits - len(cc)
	live := g.liveValid
	if g.rng.Intn(3) == 0 {
		live = g.livePoss
	}
	switch g.rng.Intn(5) {
	case 0:
		return cc + g.digits(g.rng.Intn(maxNational+1))
	case 1, 2:
		return g.walk(cc, live)
	case 3:
		if re, ok := g.prefixes[cc]; ok {
			// A national prefix then a national number: what libphonenumber
			// strips (or, when the rest is no number, keeps).
			d := g.walk(cc, live)
			return cc + g.sample(re) + d[len(cc):]
		}
		return g.walk(cc, live)
	default:
		d := []byte(g.walk(cc, live))
		switch j := len(cc) + g.rng.Intn(len(d)-len(cc)+1); {
		case j == len(d):
			return string(d) + g.digits(1)
		case g.rng.Intn(2) == 0:
			d[j] = byte('0' + g.rng.Intn(10))
			return string(d)
		default:
			return string(d[:j])
		}
	}
}
