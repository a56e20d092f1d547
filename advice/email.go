package advice

import (
	"math/bits"
	"slices"
	"strings"
)

// maxDomain is the longest domain an accepted address can have (254 bytes
// in all, at least two before the '@').
const maxDomain = 252

// emailTypo is the email_typo rule: the corrected address when the
// domain looks like a typo of a well-known mailbox domain or of a common
// top-level domain.
func emailTypo(in input) (string, bool) {
	at := strings.LastIndexByte(in.email, '@')
	if at < 0 {
		return "", false
	}
	fixed, ok := suggestDomain(in.email[at+1:])
	if !ok {
		return "", false
	}
	return in.email[:at+1] + fixed, true
}

// suggestDomain returns the domain d was probably meant to be, in lower
// case (docs/advice.md says how it is chosen).
func suggestDomain(d string) (string, bool) {
	if len(d) > maxDomain || len(d) == 0 {
		return "", false
	}
	var buf [maxDomain]byte
	s := buf[:len(d)]
	for i := 0; i < len(d); i++ {
		c := d[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		s[i] = c
	}
	if t, ok := nearestMailbox(s); ok {
		if otherCountry(s) || in(knownDomains[:], s) || slices.Contains(reported, string(s)) {
			return "", false
		}
		return t, true
	}
	return fixTLD(d, s)
}

// otherCountry reports whether s is a well-known mailbox name under
// another top-level domain where mailbox domains are common (gmail.ru,
// yahoo.ae, gmx.ch): most often the provider's own domain in that
// country, or another provider's. A letter missing from the well-known
// domain's own (gmail.co, gmail.cm) is still a slip.
func otherCountry(s []byte) bool {
	first := firstLabel(s)
	if len(first) == len(s) || lastDot(s) != len(first) || !in(mailTLDs[:], lastLabel(s)) {
		return false // not name.tld
	}
	found := false
	for i := range mailboxes {
		m := &mailboxes[i]
		if len(m.label) != len(first)+1 || !hasPrefix(s, m.label) {
			continue
		}
		if len(s) == len(m.name)-1 && distance(s, m.name, 1) == 1 {
			return false
		}
		found = true
	}
	return found
}

// nearestMailbox returns the well-known mailbox domain s is a typo of:
// the nearest within the edit budget, the more used on a tie.
func nearestMailbox(s []byte) (string, bool) {
	m := letters(s)
	best, bestDist := -1, maxEdits+1
	if len(s) >= len(byLength) {
		return "", false
	}
	for _, f := range byLength[len(s)] {
		// Cheap filters first: two edits change the length by at most 2
		// (byLength holds only those) and the set of characters by at
		// most 4 members.
		if bits.OnesCount32(m^f.letters) > 2*maxEdits {
			continue
		}
		// A digit or a hyphen the mailbox domain lacks is deliberate
		// (hotmail4.com, 0-mail.com), not a slip between letters.
		if m&^f.letters&(digit|hyphen) != 0 {
			continue
		}
		t := &mailboxes[f.index]
		if string(s) == t.name {
			return "", false // a well-known mailbox domain itself
		}
		d := distance(s, t.name, bestDist)
		if d == maxEdits+1 && bestDist > maxEdits {
			// Optimal string alignment edits no substring twice; a slip
			// can (gmalai.com: a letter in, then two swapped across it),
			// which costs it one edit more.
			d = damerau(s, t.name)
		}
		if d < bestDist && plausible(s, t, d) {
			best, bestDist = int(f.index), d
		}
	}
	if best < 0 {
		return "", false
	}
	return mailboxes[best].name, true
}

// The bits of letters for what is not a letter.
const (
	digit  = 1 << 26
	hyphen = 1 << 27
	dot    = 1 << 28
)

// maxEdits is the most edits email_typo corrects.
const maxEdits = 2

// plausible reports whether d edits turn the mailbox domain t into s as a
// typing slip would, rather than s being some other domain that happens
// to be near (docs/advice.md):
//
//   - the suffix is intact: the edits are all in t's name, and a short
//     name takes fewer of them (any one-letter change of aol.com is
//     another registered .com);
//   - the name is intact: the suffix is no top-level domain (gmail.cmo),
//     or a letter of it is missing (gmail.co); another real one (yahoo.de,
//     gmx.ch) is most often the provider's own domain in that country;
//   - both changed: the last label is no top-level domain (gmial.con), or
//     a dot moved (gmial.co m: its length changed) in a name long enough
//     for the edits.
func plausible(s []byte, t *mailbox, d int) bool {
	if d == maxEdits && wraps(s, t.label[:len(t.label)-1]) {
		return false
	}
	last := lastLabel(s)
	if hasSuffix(s, t.mailSuffix) && len(s) > len(t.mailSuffix) {
		// Edits only before "mail": in hotmail's "hot", which two
		// edits make another word (patmail, voemail).
		return d <= nameBudget(len(t.name)-len(t.mailSuffix)+1)
	}
	switch {
	case hasSuffix(s, t.suffix) || string(last) == t.tld:
		// The top-level domain is intact: the edits are in the name or
		// inside a suffix such as com.br.
		return d <= nameBudget(len(t.label))
	case !in(tlds[:], last):
		return true
	case !in(mailTLDs[:], last):
		// Another top-level domain, but one no known mailbox domain
		// has (yahoo.pr): a slip if the name is near enough.
		return nameEdits(s, t) <= nameBudget(len(t.label))
	case hasPrefix(s, t.label):
		return d == 1 && len(s) < len(t.name)
	default:
		// A dot moved (gmilc.om): the last label's length changed.
		return len(last) != len(t.tld) && nameEdits(s, t) <= nameBudget(len(t.label))
	}
}

// nameEdits is how many of the edits from t to s are in t's name, when
// the suffix changed: the name is s's first label, or, when swapping the
// last dot with the letter before it gives back t's suffix (amolc.om),
// what precedes that suffix.
func nameEdits(s []byte, t *mailbox) int {
	name := t.label[:len(t.label)-1]
	if i := lastDot(s); i > 0 {
		var buf [maxDomain]byte
		u := append(buf[:0], s...)
		u[i-1], u[i] = u[i], u[i-1]
		if hasSuffix(u, t.suffix) {
			return distance(u[:len(u)-len(t.suffix)], name, maxEdits)
		}
	}
	return distance(firstLabel(s), name, maxEdits)
}

// lastDot is the index of s's last dot, or -1.
func lastDot(s []byte) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '.' {
			return i
		}
	}
	return -1
}

// wraps reports whether s's first label is name with two letters or more
// before or after it: a word of its own (myyahoo, gmailup), not a slip.
func wraps(s []byte, name string) bool {
	first := firstLabel(s)
	return len(first) >= len(name)+2 && (hasPrefix(first, name) || hasSuffix(first, name))
}

// firstLabel is what precedes s's first dot.
func firstLabel(s []byte) []byte {
	for i, c := range s {
		if c == '.' {
			return s[:i]
		}
	}
	return s
}

// nameBudget is how many edits a mailbox name of n characters (its dot
// included: "aol." is 4) may carry and still be read as a typo.
func nameBudget(n int) int {
	switch {
	case n <= 4:
		return 1
	default:
		return maxEdits
	}
}

// fixTLD corrects a last label from the table of top-level domain typos,
// keeping the rest of the domain as it was typed but in lower case.
func fixTLD(d string, s []byte) (string, bool) {
	last := lastLabel(s)
	for _, t := range tldTypos {
		if string(last) == t.typo {
			return string(s[:len(s)-len(last)]) + t.tld, true
		}
	}
	return "", false
}

// lastLabel is what follows s's last dot.
func lastLabel(s []byte) []byte {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '.' {
			return s[i+1:]
		}
	}
	return s
}

// letters is the set of characters of s: a bit for each letter, one for
// all digits, one for '-' and one for '.'.
func letters[S ~string | ~[]byte](s S) uint32 {
	var m uint32
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z':
			m |= 1 << (c - 'a')
		case '0' <= c && c <= '9':
			m |= digit
		case c == '-':
			m |= hyphen
		default:
			m |= dot
		}
	}
	return m
}

// distance is the optimal string alignment distance between s and t
// (insertions, deletions, substitutions and transpositions of adjacent
// characters, each counting 1), or max+1 when it is more than max.
func distance(s []byte, t string, max int) int {
	const width = 64
	if len(t) >= width {
		return max + 1
	}
	var rows [3][width]uint8
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= len(t); j++ {
		prev[j] = uint8(j)
	}
	for i := 1; i <= len(s); i++ {
		cur[0] = uint8(i)
		low := cur[0]
		for j := 1; j <= len(t); j++ {
			cost := uint8(1)
			if s[i-1] == t[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && s[i-1] == t[j-2] && s[i-2] == t[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			low = min(low, v)
		}
		if int(low) > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(int(prev[len(t)]), max+1)
}

// damerau is the Damerau-Levenshtein distance between s and t (the
// edits of distance, a transposition being allowed across letters edited
// since), or maxEdits+1 when it is more than maxEdits.
func damerau(s []byte, t string) int {
	const width = 64 + 2
	if len(s)+2 > width || len(t)+2 > width {
		return maxEdits + 1
	}
	var lastRow [256]uint8 // the last row where each byte of s was seen
	var d [width][width]uint8
	inf := uint8(len(s) + len(t))
	d[0][0] = inf
	for i := 0; i <= len(s); i++ {
		d[i+1][0], d[i+1][1] = inf, uint8(i)
	}
	for j := 0; j <= len(t); j++ {
		d[0][j+1], d[1][j+1] = inf, uint8(j)
	}
	for i := 1; i <= len(s); i++ {
		lastCol := 0 // the last column in this row where s[i-1] matched
		for j := 1; j <= len(t); j++ {
			i1, j1 := int(lastRow[t[j-1]]), lastCol
			cost := uint8(1)
			if s[i-1] == t[j-1] {
				cost, lastCol = 0, j
			}
			d[i+1][j+1] = min(d[i][j]+cost, d[i+1][j]+1, d[i][j+1]+1,
				d[i1][j1]+uint8(i-i1-1)+1+uint8(j-j1-1))
		}
		lastRow[s[i-1]] = uint8(i)
	}
	return min(int(d[len(s)+1][len(t)+1]), maxEdits+1)
}

// A mailbox is a well-known mailbox domain, prepared for the search.
type mailbox struct {
	name   string // "yahoo.co.uk"
	label  string // its name up to the suffix, dot included: "yahoo."
	suffix string // the public suffix, dot included: ".co.uk"
	tld    string // its last label: "uk"
	// mailSuffix is "mail" and the suffix when the name ends in "mail"
	// ("mail.com" of hotmail.com), or a text no domain ends in.
	mailSuffix string
	letters    uint32
}

// mailboxes are the well-known mailbox domains in order of use, the most
// used first (a tie goes to the first).
var mailboxes = func() []mailbox {
	names := append(append([]string{}, top100[:]...), moreMailboxes...)
	out := make([]mailbox, len(names))
	for i, n := range names {
		dot := strings.IndexByte(n, '.')
		out[i] = mailbox{name: n, label: n[:dot+1], suffix: n[dot:], tld: n[strings.LastIndexByte(n, '.')+1:], letters: letters(n), mailSuffix: " "}
		if strings.HasSuffix(out[i].label, "mail.") {
			out[i].mailSuffix = "mail" + out[i].suffix
		}
	}
	return out
}()

// A filter is what the search reads of a mailbox domain before it
// measures the distance: kept apart from the mailboxes, so that a scan
// reads a few cache lines.
type filter struct {
	letters uint32
	index   uint8 // in mailboxes
}

// byLength holds, for each length of domain, the filters of the mailbox
// domains two edits can reach from it (their lengths differ by at most
// 2), in the order of mailboxes.
var byLength = func() (out [32][]filter) {
	for n := range out {
		for i, m := range mailboxes {
			if d := len(m.name) - n; -maxEdits <= d && d <= maxEdits {
				out[n] = append(out[n], filter{letters: m.letters, index: uint8(i)})
			}
		}
	}
	return out
}()

// moreMailboxes are mailbox domains in wide use that the source list of
// top100, older than they are, lacks.
var moreMailboxes = []string{"icloud.com", "protonmail.com"}

// reported are real domains that users of mailcheck reported it
// "corrected" (its issue tracker), beside the generated knownDomains.
var reported = []string{"mailw.com", "mailo.com", "mask.io"}

// A tldTypo is a last label that is no top-level domain, and the one it
// is a typo of.
type tldTypo struct{ typo, tld string }

// tldTypos are the common typos of the most used top-level domains; none
// is a top-level domain (a test holds them to the IANA list).
var tldTypos = []tldTypo{
	{"con", "com"}, {"cmo", "com"}, {"comm", "com"}, {"cpm", "com"}, {"xom", "com"},
	{"vom", "com"}, {"ocm", "com"}, {"coom", "com"}, {"clm", "com"}, {"cim", "com"},
	{"og", "org"}, {"ogr", "org"}, {"orgg", "org"}, {"prg", "org"},
	{"nte", "net"}, {"nett", "net"},
}

// in reports whether s is in the sorted list.
func in(sorted []string, s []byte) bool {
	lo, hi := 0, len(sorted)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if compare(sorted[m], s) < 0 {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo < len(sorted) && compare(sorted[lo], s) == 0
}

// compare is strings.Compare(a, string(b)) without the conversion.
func compare(a string, b []byte) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			if a[i] < b[i] {
				return -1
			}
			return 1
		}
	}
	return len(a) - len(b)
}

func hasSuffix(s []byte, suffix string) bool {
	return len(s) >= len(suffix) && string(s[len(s)-len(suffix):]) == suffix
}

func hasPrefix(s []byte, prefix string) bool {
	return len(s) >= len(prefix) && string(s[:len(prefix)]) == prefix
}
