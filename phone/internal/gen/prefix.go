package gen

import (
	"errors"
	"fmt"
	"regexp/syntax"
	"strings"
	"unicode"
	"unicode/utf8"
)

// libphonenumber strips a national (trunk) prefix while parsing with
// "^(?:national_prefix_for_parsing)", where Go's leftmost-first semantics
// decide how much is stripped and what the capture groups hold. This file
// turns such a pattern into the ordered list of ways it can match: a
// backtracking matcher, whose choice leftmost-first semantics reproduce,
// tries exactly these in this order and takes the first that fits. The
// patterns in the metadata match bounded lengths, so the list is finite.

// An alt is one way a prefix pattern can match: a digit set per position
// it consumes, whether it must also reach the end of the input ($), and
// where each capture group that takes part starts and ends.
type alt struct {
	masks []uint16
	end   bool
	spans map[int][2]int // group → [start, end) in digits consumed
}

type itemOp uint8

const (
	itClass itemOp = iota
	itOpen
	itClose
	itBegin
	itEnd
)

type item struct {
	op    itemOp
	mask  uint16 // itClass: the digits it matches
	group int    // itOpen, itClose
}

const allDigits = 1<<10 - 1

// maxAlts bounds the expansion so that a pathological pattern fails
// generation instead of exhausting memory.
const maxAlts = 100000

var errTooMany = errors.New("prefix pattern has too many alternatives")

// expandPrefix returns the ways "^(?:expr)" can match a digit string of at
// most maxLen digits, in leftmost-first preference order, and its number of
// capture groups.
func expandPrefix(expr string, maxLen int) ([]alt, int, error) {
	re, err := syntax.Parse("^(?:"+expr+")", syntax.Perl)
	if err != nil {
		return nil, 0, err
	}
	for _, name := range re.CapNames() {
		if name != "" {
			return nil, 0, fmt.Errorf("named group in prefix pattern %q", expr)
		}
	}
	groups := re.MaxCap()
	seqs, err := expand(re.Simplify(), maxLen)
	if err != nil {
		return nil, 0, err
	}
	var alts []alt
	for _, seq := range seqs {
		if a, ok := finish(seq); ok {
			alts = append(alts, a)
		}
	}
	return alts, groups, nil
}

// finish turns an item sequence into an alt, or reports that no digit
// string matches it.
func finish(seq []item) (alt, bool) {
	a := alt{spans: map[int][2]int{}}
	open := map[int]int{}
	for _, it := range seq {
		switch it.op {
		case itClass:
			if a.end || it.mask == 0 {
				return alt{}, false
			}
			a.masks = append(a.masks, it.mask)
		case itBegin:
			if len(a.masks) != 0 {
				return alt{}, false
			}
		case itEnd:
			a.end = true
		case itOpen:
			open[it.group] = len(a.masks)
		case itClose:
			// A group repeated by a loop reports its last iteration, as in
			// Go.
			a.spans[it.group] = [2]int{open[it.group], len(a.masks)}
		}
	}
	return a, true
}

func classLen(seq []item) int {
	n := 0
	for _, it := range seq {
		if it.op == itClass {
			n++
		}
	}
	return n
}

// expand lists the item sequences re can match, in backtracking order,
// dropping those that consume more than maxLen digits.
func expand(re *syntax.Regexp, maxLen int) ([][]item, error) {
	switch re.Op {
	case syntax.OpNoMatch:
		return nil, nil
	case syntax.OpEmptyMatch:
		return [][]item{nil}, nil
	case syntax.OpLiteral:
		var seq []item
		for _, r := range re.Rune {
			seq = append(seq, item{op: itClass, mask: runeMask(r, r)})
		}
		return fit([][]item{seq}, maxLen), nil
	case syntax.OpCharClass:
		var m uint16
		for i := 0; i+1 < len(re.Rune); i += 2 {
			m |= runeMask(re.Rune[i], re.Rune[i+1])
		}
		return [][]item{{{op: itClass, mask: m}}}, nil
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return [][]item{{{op: itClass, mask: allDigits}}}, nil
	case syntax.OpBeginLine, syntax.OpBeginText:
		return [][]item{{{op: itBegin}}}, nil
	case syntax.OpEndLine, syntax.OpEndText:
		return [][]item{{{op: itEnd}}}, nil
	case syntax.OpCapture:
		sub, err := expand(re.Sub[0], maxLen)
		if err != nil {
			return nil, err
		}
		out := make([][]item, 0, len(sub))
		for _, s := range sub {
			seq := append([]item{{op: itOpen, group: re.Cap}}, s...)
			out = append(out, append(seq, item{op: itClose, group: re.Cap}))
		}
		return out, nil
	case syntax.OpQuest:
		sub, err := expand(re.Sub[0], maxLen)
		if err != nil {
			return nil, err
		}
		if re.Flags&syntax.NonGreedy != 0 {
			return append([][]item{nil}, sub...), nil
		}
		return append(sub, nil), nil
	case syntax.OpStar, syntax.OpPlus:
		sub, err := expand(re.Sub[0], maxLen)
		if err != nil {
			return nil, err
		}
		for _, s := range sub {
			if classLen(s) == 0 {
				return nil, fmt.Errorf("loop over an empty match in %v", re)
			}
		}
		star, err := loop(sub, re.Flags&syntax.NonGreedy == 0, maxLen)
		if err != nil {
			return nil, err
		}
		if re.Op == syntax.OpStar {
			return star, nil
		}
		return concat(sub, star, maxLen)
	case syntax.OpConcat:
		out := [][]item{nil}
		for _, s := range re.Sub {
			sub, err := expand(s, maxLen)
			if err != nil {
				return nil, err
			}
			if out, err = concat(out, sub, maxLen); err != nil {
				return nil, err
			}
		}
		return out, nil
	case syntax.OpAlternate:
		var out [][]item
		for _, s := range re.Sub {
			sub, err := expand(s, maxLen)
			if err != nil {
				return nil, err
			}
			out = append(out, sub...)
			if len(out) > maxAlts {
				return nil, errTooMany
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("unsupported %v in prefix pattern", re)
}

// loop expands x* (greedy: one more x first) for the given expansions of
// x, within maxLen digits.
func loop(sub [][]item, greedy bool, maxLen int) ([][]item, error) {
	if maxLen <= 0 {
		return [][]item{nil}, nil
	}
	var more [][]item
	for _, s := range sub {
		n := classLen(s)
		if n > maxLen {
			continue
		}
		rest, err := loop(sub, greedy, maxLen-n)
		if err != nil {
			return nil, err
		}
		tail, err := concat([][]item{s}, rest, maxLen)
		if err != nil {
			return nil, err
		}
		more = append(more, tail...)
	}
	if greedy {
		return append(more, nil), nil
	}
	return append([][]item{nil}, more...), nil
}

// concat lists, in backtracking order, each sequence of a followed by each
// of b.
func concat(a, b [][]item, maxLen int) ([][]item, error) {
	var out [][]item
	for _, x := range a {
		for _, y := range b {
			seq := append(append([]item(nil), x...), y...)
			if classLen(seq) <= maxLen {
				out = append(out, seq)
			}
		}
		if len(out) > maxAlts {
			return nil, errTooMany
		}
	}
	return out, nil
}

func fit(seqs [][]item, maxLen int) [][]item {
	var out [][]item
	for _, s := range seqs {
		if classLen(s) <= maxLen {
			out = append(out, s)
		}
	}
	return out
}

// runeMask returns the digits in [lo, hi].
func runeMask(lo, hi rune) uint16 {
	var m uint16
	for c := '0'; c <= '9'; c++ {
		if lo <= c && c <= hi {
			m |= 1 << (c - '0')
		}
	}
	return m
}

// A part of a replacement template: a literal, or a capture group's text.
type part struct {
	lit   string
	group int // -1 for a literal
}

// parseTemplate splits a replacement template the way regexp.Expand reads
// it: $1 or ${1} name a group, $$ is a dollar sign, and a malformed $ is
// literal. Names that are not numbers would refer to named groups, which
// prefix patterns do not have, so they expand to nothing.
func parseTemplate(t string) []part {
	var parts []part
	lit := ""
	for len(t) > 0 {
		i := strings.IndexByte(t, '$')
		if i < 0 {
			break
		}
		lit += t[:i]
		t = t[i+1:]
		if len(t) > 0 && t[0] == '$' {
			lit += "$"
			t = t[1:]
			continue
		}
		num, rest, ok := extract(t)
		if !ok {
			lit += "$"
			continue
		}
		t = rest
		if lit != "" {
			parts = append(parts, part{lit: lit, group: -1})
			lit = ""
		}
		if num >= 0 {
			parts = append(parts, part{group: num})
		}
	}
	if lit += t; lit != "" {
		parts = append(parts, part{lit: lit, group: -1})
	}
	return parts
}

// extract is regexp's reading of the name after a $ (regexp/regexp.go).
func extract(str string) (num int, rest string, ok bool) {
	if str == "" {
		return
	}
	brace := false
	if str[0] == '{' {
		brace = true
		str = str[1:]
	}
	i := 0
	for i < len(str) {
		r, size := utf8.DecodeRuneInString(str[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' {
			break
		}
		i += size
	}
	if i == 0 {
		return
	}
	name := str[:i]
	if brace {
		if i >= len(str) || str[i] != '}' {
			return
		}
		i++
	}
	num = 0
	for j := 0; j < len(name); j++ {
		if name[j] < '0' || '9' < name[j] || num >= 1e8 {
			num = -1
			break
		}
		num = num*10 + int(name[j]) - '0'
	}
	if name[0] == '0' && len(name) > 1 {
		num = -1
	}
	return num, str[i:], true
}

// A prefixAlt is an alt together with what stripping it does to the
// national number (maybeStripNationalPrefixAndCarrierCode): the new number
// is built from the digits of the prefix it keeps (feed), literal digits of
// the transform rule (litAt[j] comes before prefix digit j; litAt[k] after
// the prefix), and then the rest of the number.
type prefixAlt struct {
	masks   []uint16
	end     bool
	feed    []bool
	litAt   []string
	delta   int  // length of the new number minus that of the old one
	changed bool // the new number differs from the old one
}

// A prefixRule is a main region's national_prefix_for_parsing with its
// national_prefix_transform_rule.
type prefixRule struct {
	alts []prefixAlt
}

func newPrefixRule(pattern, transform string, maxLen int) (*prefixRule, error) {
	alts, groups, err := expandPrefix(pattern, maxLen)
	if err != nil {
		return nil, err
	}
	p := &prefixRule{}
	for _, a := range alts {
		k := len(a.masks)
		pa := prefixAlt{masks: a.masks, end: a.end, feed: make([]bool, k), litAt: make([]string, k+1)}
		// Without a transform rule, or when the last group took no part,
		// the match is simply removed; otherwise it is replaced by the
		// expanded rule (regexp.ReplaceAllString, which the anchored
		// pattern matches once).
		_, last := a.spans[groups]
		if transform == "" || groups > 0 && !last {
			pa.delta, pa.changed = -k, k > 0
			p.alts = append(p.alts, pa)
			continue
		}
		span := func(g int) ([2]int, bool) {
			if g == 0 {
				return [2]int{0, k}, true
			}
			s, ok := a.spans[g]
			return s, ok
		}
		pos, newLen, lit := 0, 0, ""
		var only [2]int
		groupParts := 0
		for _, pt := range parseTemplate(transform) {
			if pt.group < 0 {
				lit += pt.lit
				newLen += len(pt.lit)
				continue
			}
			s, ok := span(pt.group)
			if !ok || s[0] == s[1] {
				continue
			}
			if s[0] < pos {
				return nil, fmt.Errorf("transform rule %q uses groups out of order", transform)
			}
			pa.litAt[pos] += lit
			lit = ""
			for j := s[0]; j < s[1]; j++ {
				pa.feed[j] = true
			}
			pos, newLen = s[1], newLen+s[1]-s[0]
			only = s
			groupParts++
		}
		pa.litAt[pos] += lit
		pa.delta = newLen - k
		switch {
		case newLen != k:
			pa.changed = true
		case groupParts == 1 && newLen == only[1]-only[0] && only == [2]int{0, k}:
			pa.changed = false
		case k == 0:
			pa.changed = false
		default:
			// Whether the new number equals the old would depend on the
			// digits; no metadata does this.
			return nil, fmt.Errorf("transform rule %q may or may not change the number", transform)
		}
		p.alts = append(p.alts, pa)
	}
	return p, nil
}
