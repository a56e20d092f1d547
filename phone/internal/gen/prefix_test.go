package gen

import (
	"math/rand"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// prefixPatterns returns every national_prefix_for_parsing in the metadata
// with its transform rule.
func prefixPatterns(t *testing.T) [][2]string {
	m, err := loadMetadata()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[[2]string]bool{}
	var out [][2]string
	add := func(p, tr string) {
		if p != "" && !seen[[2]string{p, tr}] {
			seen[[2]string{p, tr}] = true
			out = append(out, [2]string{p, tr})
		}
	}
	for _, meta := range m.byRegion {
		add(meta.GetNationalPrefixForParsing(), meta.GetNationalPrefixTransformRule())
	}
	for _, meta := range m.nonGeo {
		add(meta.GetNationalPrefixForParsing(), meta.GetNationalPrefixTransformRule())
	}
	slices.SortFunc(out, func(a, b [2]string) int { return strings.Compare(a[0]+a[1], b[0]+b[1]) })
	if len(out) < 10 {
		t.Fatalf("only %d prefix patterns", len(out))
	}
	return out
}

// prefixInputs returns digit strings that exercise alts: one drawn from
// each alt, each truncated and extended, plus every string of up to three
// digits and random ones.
func prefixInputs(alts []alt, rng *rand.Rand) []string {
	var in []string
	for n := 1; n <= 3; n++ {
		for i := 0; i < pow10(n); i++ {
			in = append(in, digitsOf(i, n))
		}
	}
	for _, a := range alts {
		var b []byte
		for _, m := range a.masks {
			b = append(b, randomDigit(m, rng))
		}
		for tail := 0; tail <= 6; tail++ {
			s := string(b)
			for j := 0; j < tail; j++ {
				s += string(randomDigit(allDigits, rng))
			}
			in = append(in, s)
		}
		for i := range b {
			in = append(in, string(b[:i]))
		}
	}
	for i := 0; i < 2000; i++ {
		s := ""
		for j := rng.Intn(15); j >= 0; j-- {
			s += string(randomDigit(allDigits, rng))
		}
		in = append(in, s)
	}
	return in
}

func pow10(n int) int {
	p := 1
	for ; n > 0; n-- {
		p *= 10
	}
	return p
}

func digitsOf(v, n int) string {
	b := make([]byte, n)
	for i := n - 1; i >= 0; i-- {
		b[i] = byte('0' + v%10)
		v /= 10
	}
	return string(b)
}

func randomDigit(mask uint16, rng *rand.Rand) byte {
	for {
		if c := rng.Intn(10); mask&(1<<c) != 0 {
			return byte('0' + c)
		}
	}
}

// strip is what maybeStripNationalPrefixAndCarrierCode makes of w once the
// pattern matched: the rest of w, or, with a transform rule and the last
// group taking part, w with the match replaced by the expanded rule.
func strip(re *regexp.Regexp, transform, w string) string {
	loc := re.FindStringSubmatchIndex(w)
	if transform == "" || loc[len(loc)-2] < 0 {
		return w[loc[1]:]
	}
	return re.ReplaceAllString(w, transform)
}

// applyAlt builds the stripped number the way the automaton feeds it.
func applyAlt(a prefixAlt, w string) string {
	var b strings.Builder
	for j := range a.masks {
		b.WriteString(a.litAt[j])
		if a.feed[j] {
			b.WriteByte(w[j])
		}
	}
	b.WriteString(a.litAt[len(a.masks)])
	b.WriteString(w[len(a.masks):])
	return b.String()
}

// The expansion must pick the same match as Go's regexp (leftmost-first)
// and build the same stripped number as libphonenumber, for every national
// prefix pattern in the metadata.
func TestPrefixRulesMatchRegexp(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for _, pt := range prefixPatterns(t) {
		pattern, transform := pt[0], pt[1]
		re := regexp.MustCompile("^(?:" + pattern + ")")
		rule, err := newPrefixRule(pattern, transform, maxDigits)
		if err != nil {
			t.Errorf("%q: %v", pattern, err)
			continue
		}
		alts, _, err := expandPrefix(pattern, maxDigits)
		if err != nil {
			t.Fatal(err)
		}
		checked := 0
		for _, w := range prefixInputs(alts, rng) {
			i := match(alts, w)
			loc := re.FindStringSubmatchIndex(w)
			if (i >= 0) != (loc != nil) {
				t.Errorf("%q on %q: alt %d, regexp %v", pattern, w, i, loc)
				continue
			}
			if i < 0 {
				continue
			}
			checked++
			if got := spansOf(alts[i], re.NumSubexp()); !slices.Equal(got, loc) {
				t.Errorf("%q on %q: alt %d gives %v, regexp %v", pattern, w, i, got, loc)
			}
			want := strip(re, transform, w)
			a := rule.alts[i]
			if got := applyAlt(a, w); got != want {
				t.Errorf("%q/%q on %q: stripped to %q, libphonenumber %q", pattern, transform, w, got, want)
			}
			if len(want)-len(w) != a.delta || (want != w) != a.changed {
				t.Errorf("%q/%q on %q: delta %d changed %v for %q", pattern, transform, w, a.delta, a.changed, want)
			}
		}
		if checked < 10 {
			t.Errorf("%q: only %d inputs matched", pattern, checked)
		}
	}
}

// spansOf returns the submatch index slice regexp reports for a match by a.
func spansOf(a alt, groups int) []int {
	loc := []int{0, len(a.masks)}
	for g := 1; g <= groups; g++ {
		if s, ok := a.spans[g]; ok {
			loc = append(loc, s[0], s[1])
		} else {
			loc = append(loc, -1, -1)
		}
	}
	return loc
}

func TestParseTemplateMatchesExpand(t *testing.T) {
	re := regexp.MustCompile(`^(1)(23)?`)
	for _, tmpl := range []string{
		"", "9$1", "$1", "$2", "20$1", "0549$1", "${1}0", "$1$2", "$$1", "$", "$x1",
		"${", "${1", "$01", "$0", "a$3b", "$2$1", "$10",
	} {
		for _, w := range []string{"1234", "1", "19"} {
			want := re.ReplaceAllString(w, tmpl)
			loc := re.FindStringSubmatchIndex(w)
			var b strings.Builder
			for _, p := range parseTemplate(tmpl) {
				if p.group < 0 {
					b.WriteString(p.lit)
				} else if 2*p.group+1 < len(loc) && loc[2*p.group] >= 0 {
					b.WriteString(w[loc[2*p.group]:loc[2*p.group+1]])
				}
			}
			if got := b.String() + w[loc[1]:]; got != want {
				t.Errorf("template %q on %q: %q, regexp %q", tmpl, w, got, want)
			}
		}
	}
}

// Each pattern of the metadata, run by digitDFA, accepts exactly what
// regexp accepts.
func TestDigitDFAMatchesRegexp(t *testing.T) {
	m, err := loadMetadata()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewSource(2))
	for _, cc := range callingCodes() {
		r, err := newCCRule(m, cc, &formats{})
		if err != nil {
			t.Fatal(err)
		}
		d, err := newDigitDFA(r.patterns)
		if err != nil {
			t.Fatal(err)
		}
		res := make([]*regexp.Regexp, len(r.patterns))
		for i, p := range r.patterns {
			res[i] = regexp.MustCompile("^(?:" + p + ")$")
		}
		for i := 0; i < 300; i++ {
			// Walk the DFA towards live states so that inputs match often.
			s, w := d.start, ""
			for n := 1 + rng.Intn(r.maxLen); n > 0; n-- {
				c := rng.Intn(10)
				for try := 0; try < 10 && d.step(s, c) == dead; try++ {
					c = rng.Intn(10)
				}
				s, w = d.step(s, c), w+string(rune('0'+c))
			}
			acc := d.accepts(s)
			for j, re := range res {
				if acc[j] != re.MatchString(w) {
					t.Fatalf("calling code %d, pattern %q on %q: dfa %v", cc, r.patterns[j], w, acc[j])
				}
			}
		}
	}
}

// match returns the index of the alt leftmost-first matching picks for
// digits, or -1.
func match(alts []alt, digits string) int {
next:
	for i, a := range alts {
		if len(a.masks) > len(digits) || a.end && len(a.masks) != len(digits) {
			continue
		}
		for j, m := range a.masks {
			if m&(1<<(digits[j]-'0')) == 0 {
				continue next
			}
		}
		return i
	}
	return -1
}
