package dfa

// The forms AppendFormat writes the national significant number in, as
// phonenumbers.formatNsn does for NATIONAL, INTERNATIONAL and RFC3966.
const (
	National = iota
	International
	RFC3966
)

// AppendFormat appends to dst the national significant number nsn of the
// number whose outcome ValidIndex or PossibleIndex returned, written in
// form f as phonenumbers.formatNsn writes it: split into groups by the
// pattern the automaton chose (for the international forms, among the
// international formats when the calling code has them), with the format
// rule's text around them (in the national form, with the national prefix
// formatting rule in place of the first group); for RFC3966 the
// punctuation then becomes single '-'. A number that no format fits is
// written as it is. AppendFormat does not allocate unless dst must grow.
func AppendFormat(dst, nsn []byte, outcome uint16, f int) []byte {
	field := uint(intlField)
	if f == National {
		field = nationalField
	}
	i := at16(outcomeTable, outcomeSize*uint(outcome)+field)
	if i == 0 {
		return append(dst, nsn...)
	}
	atoms := text(u16(formatTable, 3*i))
	tmpl := text(u16(formatTable, 3*i+1))
	if f != National {
		tmpl = text(u16(formatTable, 3*i+2))
	}
	var lens [maxAtoms]uint8
	end, ok := split(atoms, nsn, &lens)
	if !ok {
		// The automaton chose the format because its pattern matches all
		// of nsn; a table that says otherwise is not trusted further.
		return append(dst, nsn...)
	}
	start := len(dst)
	dst = expand(dst, nsn, atoms, &lens, tmpl, 0)
	// ReplaceAllString keeps what follows the match (nothing, when the
	// greedy match is the whole number, as it is for every pattern in the
	// metadata today).
	if end < len(nsn) {
		dst = append(dst, nsn[end:]...)
	}
	if f == RFC3966 {
		dst = joinRuns(dst, start, '-')
	}
	return dst
}

// joinRuns rewrites dst[start:] as libphonenumber separates the groups
// of a number it formats: the runs of digits (or of a template's 'x')
// joined by single sep, without leading or trailing punctuation. With
// '-' it is formatNsnUsingPatternWithCarrier's RFC3966 form; with ' ' the
// as-you-type formatter's applyInternationalSeparatorStyle. (A template
// holds nothing but digits and punctuation: package gen checks.)
func joinRuns(dst []byte, start int, sep byte) []byte {
	w, inSep := start, false
	for r := start; r < len(dst); r++ {
		c := dst[r]
		if !(c >= '0' && c <= '9' || c == 'x') {
			inSep = true
			continue
		}
		if inSep && w > start {
			dst[w] = sep
			w++
		}
		inSep = false
		dst[w] = c
		w++
	}
	return dst[:w]
}

// split is match from the start of nsn, which the pattern matches all
// of (the automaton chose the format so). With at most one repeat of
// variable length, the longest that leaves the others room is the one
// that makes the match end with nsn, so no search is needed.
func split(atoms string, nsn []byte, lens *[maxAtoms]uint8) (int, bool) {
	variable, fixed := -1, 0
	for a := 0; 5*a < len(atoms) && a < maxAtoms; a++ {
		lo, hi := int(atoms[5*a+3]), int(atoms[5*a+4])
		if lo != hi {
			if variable >= 0 {
				return match(atoms, nsn, 0, 0, lens)
			}
			variable = a
		}
		lens[a] = uint8(lo)
		fixed += lo
	}
	if variable >= 0 {
		// fixed counts the variable repeat's least length already.
		k := int(lens[variable]) + len(nsn) - fixed
		if k < int(lens[variable]) || k > int(atoms[5*variable+4]) {
			return match(atoms, nsn, 0, 0, lens)
		}
		fixed += k - int(lens[variable])
		lens[variable] = uint8(k)
	}
	if fixed != len(nsn) || 5*maxAtoms < len(atoms) {
		return match(atoms, nsn, 0, 0, lens)
	}
	return fixed, true
}

// maxAtoms bounds the atoms of a pattern (package gen checks).
const maxAtoms = 16

// match runs the atoms of a pattern from atom a at position pos of nsn as
// Go's regexp does (leftmost-first: each repeat as long as the rest can
// still match), recording the length each atom takes, and returns where
// the match ends. Each atom is five bytes: its group, its digit class as
// a 10-bit mask (little-endian), and its least and most repeats.
func match(atoms string, nsn []byte, a, pos int, lens *[maxAtoms]uint8) (int, bool) {
	if 5*a >= len(atoms) {
		return pos, true
	}
	if a >= maxAtoms {
		return 0, false
	}
	mask := uint(atoms[5*a+1]) | uint(atoms[5*a+2])<<8
	lo, hi := int(atoms[5*a+3]), int(atoms[5*a+4])
	k := 0
	for k < hi && pos+k < len(nsn) && mask>>(nsn[pos+k]-'0')&1 != 0 {
		k++
	}
	for ; k >= lo; k-- {
		if end, ok := match(atoms, nsn, a+1, pos+k, lens); ok {
			lens[a] = uint8(k)
			return end, true
		}
	}
	return 0, false
}

// text returns the string at offset i of formatText, after its length.
func text(i uint) string { return counted(formatText, i) }

// counted returns the string at offset i of a generated table of strings,
// each after its length byte.
func counted(table string, i uint) string {
	n := uint(table[i])
	return table[i+1 : i+1+n]
}

// ExampleNumber returns the E.164 digits of the example number
// phonenumbers.GetExampleNumberForType gives for region and type t (as
// Type numbers types), and whether there is one.
func ExampleNumber(region string, t uint8) (uint64, bool) {
	r := regionNumber(region)
	if r == 0 {
		return 0, false
	}
	for e := u16(exampleIndex, uint(r-1)); e < u16(exampleIndex, uint(r)); e++ {
		if exampleData[8*e] != t {
			continue
		}
		var v uint64
		for i := 7; i >= 1; i-- {
			v = v<<8 | uint64(exampleData[8*e+uint(i)])
		}
		return v, true
	}
	return 0, false
}

// regionNumber returns the number of region code in regionCodes (from 1),
// or 0 if it has none.
func regionNumber(code string) int {
	if len(code) < 2 || len(code) > 3 {
		return 0
	}
	for i := 1; 3*i <= len(regionCodes); i++ {
		if regionCode(byte(i)) == code {
			return i
		}
	}
	return 0
}
