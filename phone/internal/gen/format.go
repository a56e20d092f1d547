package gen

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// This file compiles what Format reads of a NumberFormat once the
// automaton has chosen it (see chooseFormat): how its pattern splits the
// national number into groups, and the text its format rule writes around
// them, with and without the national prefix formatting rule.
//
// A pattern becomes a list of atoms, each a digit class repeated min to
// max times, greedily, inside one capture group: what every pattern of
// the metadata is, once syntax.Simplify has spelled \d{3,4} out as
// \d\d\d(?:\d)?. A rule becomes a template: its literal bytes, with byte
// k (1-9) where group k goes, as regexp.Expand writes it.

// An atom is a class of digits repeated min to max times in a group.
type atom struct {
	group    byte
	mask     uint16
	min, max byte
}

// A formatText is a format compiled for package dfa.
type formatText struct {
	atoms           string // 5 bytes an atom: group, mask (LE), min, max
	national, plain string // templates: NATIONAL, and INTERNATIONAL and RFC3966
}

// formats collects the formats the automaton chooses from, numbered from 1
// in the order they are added.
type formats struct {
	list []formatText
}

// add compiles the formats fs and returns their rules for the automaton,
// with the components that comp gives their patterns.
func (t *formats) add(fs []*phonenumbers.NumberFormat, comp func(string) int) ([]formatRule, error) {
	var out []formatRule
	for _, f := range fs {
		ft, err := compileFormat(f)
		if err != nil {
			return nil, fmt.Errorf("format %q: %v", f.GetPattern(), err)
		}
		t.list = append(t.list, ft)
		fr := formatRule{leading: -1, pattern: comp(f.GetPattern()), index: len(t.list)}
		if ld := f.GetLeadingDigitsPattern(); len(ld) > 0 {
			// The last pattern is the most detailed, and FindStringIndex
			// at 0 is a match of a prefix.
			fr.leading = comp("(?:" + ld[len(ld)-1] + `)\d*`)
		}
		out = append(out, fr)
	}
	return out, nil
}

// firstGroup is phonenumbers.FIRST_GROUP_PATTERN.
var firstGroup = regexp.MustCompile(`(\$\d)`)

func compileFormat(f *phonenumbers.NumberFormat) (formatText, error) {
	atoms, err := compileAtoms(f.GetPattern())
	if err != nil {
		return formatText{}, err
	}
	var b []byte
	for _, a := range atoms {
		b = append(b, a.group, byte(a.mask), byte(a.mask>>8), a.min, a.max)
	}
	rule := f.GetFormat()
	national := rule
	if npfr := f.GetNationalPrefixFormattingRule(); npfr != "" {
		// formatNsnUsingPatternWithCarrier: the first $n becomes the
		// national prefix formatting rule, literally.
		done := false
		national = firstGroup.ReplaceAllStringFunc(rule, func(s string) string {
			if done {
				return s
			}
			done = true
			return npfr
		})
	}
	re, err := regexp.Compile(f.GetPattern())
	if err != nil {
		return formatText{}, err
	}
	ft := formatText{atoms: string(b)}
	if ft.national, err = template(re, national); err != nil {
		return formatText{}, err
	}
	if ft.plain, err = template(re, rule); err != nil {
		return formatText{}, err
	}
	return ft, nil
}

// template returns what re.Expand writes for rule when group k is the
// byte k: the literal text, with the groups as bytes 1-9.
func template(re *regexp.Regexp, rule string) (string, error) {
	n := re.NumSubexp()
	if n > 9 {
		return "", fmt.Errorf("%d groups", n)
	}
	src := []byte{}
	match := []int{0, n}
	for k := 1; k <= n; k++ {
		src = append(src, byte(k))
		match = append(match, k-1, k)
	}
	out := re.Expand(nil, []byte(rule), src, match)
	for _, c := range out {
		// RFC3966 joins the runs of what is not punctuation with '-': the
		// digits, and nothing else a template may hold.
		if c >= 10 && !(c >= '0' && c <= '9') && !strings.ContainsRune(" -x()./[]~", rune(c)) {
			return "", fmt.Errorf("rule %q writes %q, neither a digit nor punctuation", rule, c)
		}
	}
	return string(out), nil
}

// compileAtoms returns the atoms of pattern, which must be a sequence of
// capture groups holding digit classes with greedy repeats.
func compileAtoms(pattern string) ([]atom, error) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil, err
	}
	re = re.Simplify()
	subs := []*syntax.Regexp{re}
	if re.Op == syntax.OpConcat {
		subs = re.Sub
	}
	var atoms []atom
	for _, g := range subs {
		if g.Op != syntax.OpCapture || g.Cap > 9 {
			return nil, fmt.Errorf("%v is not one of up to 9 capture groups", g)
		}
		items := []*syntax.Regexp{g.Sub[0]}
		if g.Sub[0].Op == syntax.OpConcat {
			items = g.Sub[0].Sub
		}
		for _, it := range items {
			a, err := itemAtom(it)
			if err != nil {
				return nil, err
			}
			a.group = byte(g.Cap)
			if k := len(atoms) - 1; k >= 0 && atoms[k].group == a.group && atoms[k].mask == a.mask && atoms[k].max == atoms[k].min {
				// \d\d(?:\d)? is \d{2,3}: a class repeated a fixed number
				// of times, then optionally, is one greedy repeat.
				atoms[k].min += a.min
				atoms[k].max += a.max
				continue
			}
			atoms = append(atoms, a)
		}
	}
	if len(atoms) > 16 {
		return nil, fmt.Errorf("%d atoms", len(atoms))
	}
	return atoms, nil
}

// itemAtom reads a digit class (one digit), a literal digit, or greedy
// nested optional copies of one class ((?:\d(?:\d)?)? is \d{0,2}).
func itemAtom(re *syntax.Regexp) (atom, error) {
	switch re.Op {
	case syntax.OpCharClass, syntax.OpLiteral:
		m, err := classMask(re)
		return atom{mask: m, min: 1, max: 1}, err
	case syntax.OpQuest:
		if re.Flags&syntax.NonGreedy != 0 {
			break
		}
		m, k, err := optional(re.Sub[0])
		return atom{mask: m, min: 0, max: k}, err
	}
	return atom{}, fmt.Errorf("%v is not a digit class", re)
}

// optional returns the class and count of x in (?:x(?:x…)?)?'s inside.
func optional(re *syntax.Regexp) (uint16, byte, error) {
	if re.Op == syntax.OpConcat && len(re.Sub) == 2 && re.Sub[1].Op == syntax.OpQuest && re.Sub[1].Flags&syntax.NonGreedy == 0 {
		m, err := classMask(re.Sub[0])
		if err != nil {
			return 0, 0, err
		}
		m2, k, err := optional(re.Sub[1].Sub[0])
		if err != nil || m2 != m {
			return 0, 0, fmt.Errorf("%v is not a repeat of one class", re)
		}
		return m, k + 1, nil
	}
	m, err := classMask(re)
	return m, 1, err
}

// classMask returns the digits a one-character expression matches.
func classMask(re *syntax.Regexp) (uint16, error) {
	var m uint16
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) != 1 || re.Flags&syntax.FoldCase != 0 {
			return 0, fmt.Errorf("%v is not one digit", re)
		}
		m = runeMask(re.Rune[0], re.Rune[0])
	case syntax.OpCharClass:
		for i := 0; i < len(re.Rune); i += 2 {
			m |= runeMask(re.Rune[i], re.Rune[i+1])
		}
	default:
		return 0, fmt.Errorf("%v is not a digit class", re)
	}
	if m == 0 {
		return 0, fmt.Errorf("%v matches no digit", re)
	}
	return m, nil
}

// texts is a table's text: length-prefixed strings, each once.
type texts struct {
	b  []byte
	at map[string]int
}

// put returns the offset of s in the text, adding it if it is new.
func (t *texts) put(s string) int {
	if o, ok := t.at[s]; ok {
		return o
	}
	if t.at == nil {
		t.at = map[string]int{}
	}
	t.at[s] = len(t.b)
	t.b = append(append(t.b, byte(len(s))), s...)
	return t.at[s]
}

// tables lays the formats out as emit's comment describes.
func (t *formats) tables() parsingTables {
	var table []byte
	var text texts
	put := text.put
	table = le16(le16(le16(table, 0), 0), 0)
	for _, f := range t.list {
		table = le16(le16(le16(table, put(f.atoms)), put(f.national)), put(f.plain))
	}
	return parsingTables{consts: []constTable{{"formatTable", table}, {"formatText", text.b}}}
}
