package gen

import (
	"math/rand"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// run returns the output of m's machine from state s after reading d.
func (m *moore) run(s uint32, d string) uint32 {
	for i := 0; i < len(d); i++ {
		s = m.next[s][d[i]-'0']
	}
	return m.out[s]
}

// rewrite is what shape (see parsing) makes of d.
func rewrite(shape, d string) string {
	var b strings.Builder
	i := 0
	for _, op := range []byte(shape) {
		switch op {
		case 'K':
			b.WriteByte(d[i])
			i++
		case 'S':
			i++
		default:
			b.WriteByte(op)
		}
	}
	return b.String() + d[i:]
}

// The minimized machines of every region say what Go's regexp package,
// which libphonenumber uses, says: whether the general pattern matches,
// what maybeStripNationalPrefixAndCarrierCode makes of the number once
// its national prefix matched, and how long a match of the international
// prefix at the start is.
func TestParsingMachinesMatchRegexp(t *testing.T) {
	md, err := loadMetadata()
	if err != nil {
		t.Fatal(err)
	}
	p, err := compileParsing(md)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewSource(3))
	codes := slices.DeleteFunc(regionCodes(), func(c string) bool { return c == nonGeo })
	if len(codes) < 200 || len(p.entities) != len(codes)+len(md.nonGeo) {
		t.Fatalf("%d regions, %d entities", len(codes), len(p.entities))
	}
	shapeOf := func(out uint32) (string, bool) {
		if out == 0 {
			return "", false
		}
		return p.shapes[out-1], true
	}
	checked := map[string]int{}
	for i, code := range codes {
		meta, e := md.byRegion[code], p.entities[i]
		if e.cc != int(meta.GetCountryCode()) {
			t.Errorf("%s: calling code %d", code, e.cc)
		}
		general := regexp.MustCompile("^(?:" + meta.GetGeneralDesc().GetNationalNumberPattern() + ")$")
		idd := regexp.MustCompile(meta.GetInternationalPrefix())
		iddAlts, _, err := expandPrefix(meta.GetInternationalPrefix(), maxParseInput)
		if err != nil {
			t.Fatal(err)
		}
		in := prefixInputs(iddAlts, rng)
		var national *regexp.Regexp
		if npfp := meta.GetNationalPrefixForParsing(); npfp != "" {
			national = regexp.MustCompile("^(?:" + npfp + ")")
			alts, _, err := expandPrefix(npfp, maxParseInput)
			if err != nil {
				t.Fatal(err)
			}
			in = append(in, prefixInputs(alts, rng)...)
		}
		for _, w := range in {
			if got, want := p.m.run(e.general, w) == 1, general.MatchString(w); got != want {
				t.Errorf("%s: general pattern on %q: %v, regexp %v", code, w, got, want)
			}
			checked["general"]++
			shape, ok := shapeOf(p.m.run(e.idd, w))
			if loc := idd.FindStringIndex(w); (loc != nil && loc[0] == 0) != ok || ok && loc[1] != len(shape) {
				t.Errorf("%s: international prefix of %q: %q, %v; regexp %v", code, w, shape, ok, loc)
			}
			if ok {
				checked["idd"]++
			}
			shape, ok = shapeOf(p.m.run(e.national, w))
			if matched := national != nil && national.MatchString(w); matched != ok {
				t.Errorf("%s: national prefix of %q: %v, regexp %v", code, w, ok, matched)
			} else if ok {
				checked["national"]++
				if got, want := rewrite(shape, w), strip(national, meta.GetNationalPrefixTransformRule(), w); got != want {
					t.Errorf("%s: %q stripped to %q, libphonenumber %q", code, w, got, want)
				}
			}
		}
	}
	// Non-geographic entities: numbers with '+' only, so no international
	// prefix; their metadata has no national prefix either.
	for cc, meta := range md.nonGeo {
		e := p.entities[p.mainOf[cc]]
		general := regexp.MustCompile("^(?:" + meta.GetGeneralDesc().GetNationalNumberPattern() + ")$")
		if e.cc != cc || e.idd != 0 || e.national != 0 {
			t.Errorf("+%d: entity %+v", cc, e)
		}
		for _, w := range prefixInputs(nil, rng) {
			if got, want := p.m.run(e.general, w) == 1, general.MatchString(w); got != want {
				t.Errorf("+%d: general pattern on %q: %v, regexp %v", cc, w, got, want)
			}
		}
	}
	t.Logf("%d states, %d shapes; checked %v", len(p.m.next), len(p.shapes), checked)
	for _, what := range []string{"general", "idd", "national"} {
		if checked[what] < 10000 {
			t.Errorf("only %d matches of %s checked", checked[what], what)
		}
	}
}

// Minimizing keeps what every state outputs on every input, and leaves no
// two states that no input tells apart.
func TestMinimize(t *testing.T) {
	m := newMoore()
	var starts []uint32
	for _, p := range []string{`\d{3}`, `[0-5]\d{2}|[6-9]\d{2}`, `1\d*`, `(?:12)+`, ``, `[2-9]\d{6}(?:\d{3})?`} {
		s, err := m.acceptor(p)
		if err != nil {
			t.Fatal(err)
		}
		starts = append(starts, s)
	}
	alts, _, err := expandPrefix(`0(1\d)?|00`, maxParseInput)
	if err != nil {
		t.Fatal(err)
	}
	starts = append(starts, m.prefixMatcher(alts, []uint32{1, 2}))
	before := &moore{next: slices.Clone(m.next), out: slices.Clone(m.out)}
	newOf := m.minimize()
	rng := rand.New(rand.NewSource(4))
	for range 5000 {
		w := make([]byte, rng.Intn(12))
		for i := range w {
			w[i] = byte('0' + rng.Intn(10))
		}
		for _, s := range starts {
			if got, want := m.run(newOf[s], string(w)), before.run(s, string(w)); got != want {
				t.Fatalf("from %d on %q: %d after minimizing, %d before", s, w, got, want)
			}
		}
	}
	if len(m.next) >= len(before.next) || newOf[0] != 0 {
		t.Errorf("%d states before, %d after; dead state %d", len(before.next), len(m.next), newOf[0])
	}
	again := &moore{next: slices.Clone(m.next), out: slices.Clone(m.out)}
	if again.minimize(); len(again.next) != len(m.next) {
		t.Errorf("minimizing again: %d states, then %d", len(m.next), len(again.next))
	}
}
