package dfa

import (
	"bytes"
	"math/bits"
	"strconv"
)

// AppendE164 reads s as phonenumbers.Parse(s, region) does and appends to
// dst the number it makes, as phonenumbers.Format(n, E164) writes it. s
// must be ASCII digits, perhaps after one '+'; region is the default
// region, used when s does not start with '+' ("" or an unknown code: no
// region). ok is false where Parse returns an error (and for any other
// s). The number is not checked further: Valid says whether it is valid
// and canonical.
//
// The steps are parseHelper's, for input that has nothing but digits
// (phonenumberutil.go names them): the input must be viable; a leading
// '+' or the region's international (IDD) prefix introduces a calling
// code; without either, the number is national, unless it starts with the
// region's own calling code and reads better without it; finally the
// national prefix (trunk prefix, carrier code) of the calling code's main
// region is stripped or transformed if what remains has a usable length.
// The metadata each step reads is in the parsing tables, compiled by
// package gen; AppendE164 neither allocates nor initialises anything.
func AppendE164(dst, s []byte, region string) (_ []byte, ok bool) {
	if len(s) == 0 || len(s) > maxInput {
		return dst, false
	}
	plus := s[0] == '+'
	digits := s
	if plus {
		digits = s[1:]
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return dst, false
		}
	}
	// isViablePhoneNumber: two digits alone, or at least three.
	if len(digits) < 3 && (plus || len(digits) < 2) {
		return dst, false
	}
	r, hasRegion := regionEntity(region)
	if !plus && !hasRegion {
		return dst, false // checkRegionForParsing
	}
	var buf1, buf2 [maxInput + 16]byte
	cc, nsn, res := extractCallingCode(digits, plus, r, hasRegion, buf1[:0])
	if res == badCode && plus {
		// parseHelper tries again without the '+'; this time a number
		// without a calling code is no better.
		if cc, nsn, res = extractCallingCode(digits, false, r, hasRegion, buf1[:0]); res == noCode {
			res = badCode
		}
	}
	var meta entity
	switch res {
	case foundCode:
		meta = mainEntity(cc)
	case noCode:
		cc, nsn, meta = r.callingCode(), digits, r
	default:
		return dst, false
	}
	if len(nsn) < minNSN {
		return dst, false
	}
	if y := meta.stripNationalPrefix(nsn, buf2[:0]); meta.keepsStripped(len(y)) {
		nsn = y
	}
	if len(nsn) < minNSN || len(nsn) > maxNSN {
		return dst, false
	}
	dst = append(dst, '+')
	dst = strconv.AppendInt(dst, int64(cc), 10)
	return append(dst, nsn...), true
}

const (
	// maxInput is phonenumbers.MAX_INPUT_STRING_LENGTH.
	maxInput = 250
	// Parse accepts national significant numbers of minNSN to maxNSN
	// digits (MIN_LENGTH_FOR_NSN, MAX_LENGTH_FOR_NSN).
	minNSN = 2
	maxNSN = 17
)

// What extractCallingCode found.
type codeResult uint8

const (
	noCode    codeResult = iota // national number, no calling code
	foundCode                   // a calling code, then the national number
	badCode                     // '+' or IDD, but no calling code after it
	shortCode                   // '+' or IDD, then too few digits
)

// extractCallingCode is maybeExtractCountryCode: it finds the calling code
// after plus or the region's IDD prefix, or the region's own code at the
// start of a national number, and returns the national number after it.
// scratch is room for the national number.
func extractCallingCode(digits []byte, plus bool, r entity, hasRegion bool, scratch []byte) (int, []byte, codeResult) {
	full, international := digits, plus
	if !plus && hasRegion {
		if k, ok := r.iddLength(full); ok {
			full, international = full[k:], true
		}
	}
	if international {
		if len(full) <= minNSN {
			return 0, nil, shortCode
		}
		// extractCountryCode: the shortest prefix that is a calling code.
		cc := 0
		for i := 0; i < 3 && i < len(full) && full[0] != '0'; i++ {
			cc = 10*cc + int(full[i]-'0')
			if mainEntityIndex(cc) != 0 {
				return cc, full[i+1:], foundCode
			}
		}
		return 0, nil, badCode
	}
	if !hasRegion {
		return 0, nil, noCode
	}
	// The region's own calling code, then a national number: keep it that
	// way if the number did not match the general pattern before and does
	// now, or was too long.
	var code [8]byte
	cc := r.callingCode()
	if rest, ok := bytes.CutPrefix(full, strconv.AppendInt(code[:0], int64(cc), 10)); ok {
		national := r.stripNationalPrefix(rest, scratch)
		if !r.general(full) && r.general(national) || r.testLength(len(full)) == tooLongLength {
			return cc, national, foundCode
		}
	}
	return 0, nil, noCode
}

// An entity is the parsing metadata of a region or of a non-geographic
// calling code: its index in entityTable.
type entity uint

const entitySize = 16

// Fields of an entity (uint16 indexes into it).
const (
	fieldCC       = 0
	fieldGeneral  = 1
	fieldNational = 2
	fieldIDD      = 3
	fieldPossible = 4 // and 5: a 32-bit set
	fieldLocal    = 6 // and 7
)

// regionEntity returns the entity of a region such as "US" ("001" is not
// one).
func regionEntity(code string) (entity, bool) {
	if len(code) != 2 {
		return 0, false
	}
	// regionCodes lists the regions sorted, padded to three bytes, then
	// "001".
	lo, hi := 0, len(regionCodes)/3-1
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if c := regionCodes[3*m : 3*m+2]; c < code {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(regionCodes)/3-1 && regionCodes[3*lo:3*lo+2] == code {
		return entity(lo), true
	}
	return 0, false
}

// mainEntityIndex returns 1 + the entity of the main region of calling
// code cc, or 0 if cc is not a calling code.
func mainEntityIndex(cc int) uint {
	if cc <= 0 || 2*cc >= len(codeEntities) {
		return 0
	}
	return u16(codeEntities, uint(cc))
}

// mainEntity returns the entity of the main region of calling code cc,
// whose metadata parseHelper reads for numbers of that code.
func mainEntity(cc int) entity {
	return entity(mainEntityIndex(cc) - 1)
}

func (e entity) field(f uint) uint {
	return u16(entityTable, uint(e)*entitySize/2+f)
}

func (e entity) callingCode() int {
	return int(e.field(fieldCC))
}

// general reports whether the general description's pattern fully matches
// d.
func (e entity) general(d []byte) bool {
	return u16(parseStates, 2*walk(parseStates, parseRows, e.field(fieldGeneral), d)) == 1
}

// prefixShape returns how the prefix machine starting at start rewrites
// d: the shape of its match, or ok false.
func prefixShape(start uint, d []byte) (shape string, ok bool) {
	v := u16(parseStates, 2*walk(parseStates, parseRows, start, d))
	if v == 0 {
		return "", false
	}
	return shapeText[u16(shapeIndex, v-1):u16(shapeIndex, v)], true
}

// iddLength is parsePrefixAsIdd: the length of the IDD prefix that starts
// d, unless a 0 follows it (calling codes do not start with 0).
func (e entity) iddLength(d []byte) (int, bool) {
	shape, ok := prefixShape(e.field(fieldIDD), d)
	if !ok || len(shape) < len(d) && d[len(shape)] == '0' {
		return 0, false
	}
	return len(shape), true // every step of an IDD shape drops a digit
}

// stripNationalPrefix is maybeStripNationalPrefixAndCarrierCode: d with
// the national prefix removed or transformed by the transform rule,
// unless that would turn a number matching the general pattern into one
// that does not. The result is d or is built in scratch.
func (e entity) stripNationalPrefix(d, scratch []byte) []byte {
	if len(d) == 0 {
		return d
	}
	shape, ok := prefixShape(e.field(fieldNational), d)
	if !ok {
		return d
	}
	y, i := scratch[:0], 0
	for _, op := range []byte(shape) {
		switch op {
		case 'K':
			y = append(y, d[i])
			i++
		case 'S':
			i++
		default:
			y = append(y, op)
		}
	}
	y = append(y, d[i:]...)
	if e.general(d) && !e.general(y) {
		return d
	}
	return y
}

// A lengthResult is a phonenumbers.ValidationResult.
type lengthResult uint8

const (
	possibleLength lengthResult = iota
	localOnlyLength
	tooShortLength
	tooLongLength
	invalidLength
)

// testLength is testNumberLength for the general description (number type
// UNKNOWN) and a number of n digits.
func (e entity) testLength(n int) lengthResult {
	possible := uint32(e.field(fieldPossible) | e.field(fieldPossible+1)<<16)
	local := uint32(e.field(fieldLocal) | e.field(fieldLocal+1)<<16)
	switch {
	case possible == 0: // the list is [-1]
		return invalidLength
	case n < 32 && local&(1<<n) != 0:
		return localOnlyLength
	case n < 32 && possible&(1<<n) != 0:
		return possibleLength
	case n < bits.TrailingZeros32(possible):
		return tooShortLength
	case n > 31-bits.LeadingZeros32(possible):
		return tooLongLength
	}
	return invalidLength
}

// keepsStripped reports whether parseHelper keeps a stripped national
// number of n digits: unless it is too short, possible only locally or
// of an invalid length.
func (e entity) keepsStripped(n int) bool {
	r := e.testLength(n)
	return r == possibleLength || r == tooLongLength
}
