package phone

import "strconv"

// maxDigits is the E.164 limit on the digits of a number, country calling
// code included (ITU-T E.164 section 6.1).
const maxDigits = 15

// A Number is a phone number that passed [Parse], [ParsePossible] or
// [Normalize]. Like netip.Addr it is a small comparable value: two Numbers
// are == exactly when they are the same E.164 number. The zero Number means
// "no number".
type Number struct {
	// digits holds the E.164 digits after the '+' as an integer. E.164
	// numbers never start with 0 and have at most 15 digits, so the value
	// determines the string, and 0 marks the zero Number. Keeping an integer
	// rather than the caller's string keeps Parse free of allocations and
	// does not pin the caller's (possibly large) input buffer in memory.
	digits uint64
	cc     uint16
	region uint16 // index into regionTable
	// outcome is what the engine said of the number (see engine.go): a
	// function of digits, so == still compares numbers.
	outcome uint16
}

// Parse reports the number s, which must be a valid phone number written
// exactly in canonical E.164 form, as described in the package
// documentation. Its Region is the one libphonenumber assigns ("JM" for
// +1 876 numbers, "001" for non-geographic numbers such as +800).
//
// Errors wrap [ErrSyntax] or [ErrInvalid]. Parse does not allocate
// memory beyond what the underlying metadata engine needs, and rejects
// overlong input before looking at its content.
func Parse(s string) (Number, error) {
	return parseWith(s, checkValid, errNotValid)
}

// ParsePossible is like [Parse] but checks only that the number has a
// possible length for its country calling code, for deployments whose policy
// prefers that to full validation. Syntax and canonical form are checked as
// in Parse.
//
// Lengths libphonenumber marks as possible only for local dialling (a US
// number without its area code, for example) are rejected: E.164 is the
// international form, which always carries the whole national number. A
// number Parse accepts is always accepted: the policy is meant to be
// laxer, never stricter (a Canadian UAN such as +1 310-1234 is valid with
// a length that is otherwise local-only).
//
// The Region is the one libphonenumber assigns to the number when it can;
// a number that is possible but matches no region's patterns gets the main
// region of its country calling code ("US" for +1, "GB" for +44, "001" for
// non-geographic codes). The Region of a number from ParsePossible is
// therefore a best guess, and [Regions.Supports] relies on it.
func ParsePossible(s string) (Number, error) {
	return parseWith(s, validOrPossible, errNotPossible)
}

func validOrPossible(d string) (int, uint16, uint16, bool) {
	if cc, region, o, ok := checkValid(d); ok {
		return cc, region, o, true
	}
	return checkPossible(d)
}

func parseWith(s string, check func(string) (int, uint16, uint16, bool), fail error) (Number, error) {
	d, v, err := e164Digits(s)
	if err != nil {
		return Number{}, err
	}
	cc, region, outcome, ok := check(d)
	if !ok {
		return Number{}, fail
	}
	if cc <= 0 || cc > 999 {
		// The engine named a region or code outside its own tables; treat
		// the number as unusable rather than store a Number that could
		// never be compared or supported correctly.
		return Number{}, fail
	}
	return Number{digits: v, cc: uint16(cc), region: region, outcome: outcome}, nil
}

// e164Digits checks the E.164 syntax of s and returns its digits (after the
// '+') and their value.
func e164Digits(s string) (string, uint64, error) {
	switch {
	case len(s) == 0:
		return "", 0, errEmpty
	case len(s) > 1+maxDigits:
		// Checked before anything else looks at s, so huge input costs
		// nothing.
		return "", 0, errTooLong
	case s[0] != '+':
		return "", 0, errNoPlus
	case len(s) == 1:
		return "", 0, errNoDigits
	case s[1] == '0':
		return "", 0, errLeadingZero
	}
	d := s[1:]
	var v uint64
	for i := 0; i < len(d); i++ {
		c := d[i]
		if c < '0' || c > '9' {
			return "", 0, errNotDigit
		}
		v = v*10 + uint64(c-'0')
	}
	return d, v, nil
}

// IsValid reports whether n is a number rather than the zero Number.
func (n Number) IsValid() bool { return n.digits != 0 }

// String returns n in E.164 form, such as "+14155552671", or "" for the
// zero Number.
func (n Number) String() string {
	if n.digits == 0 {
		return ""
	}
	var buf [1 + 20]byte
	buf[0] = '+'
	return string(strconv.AppendUint(buf[:1], n.digits, 10))
}

// CountryCode returns the country calling code of n (1 for +1 415…, 44 for
// +44 20…), or 0 for the zero Number.
func (n Number) CountryCode() int { return int(n.cc) }

// Region returns the region libphonenumber assigns to n: an ISO 3166-1
// alpha-2 code such as "US" or "JM", or "001" for non-geographic numbers
// (+800, +882, …). It returns "" for the zero Number.
func (n Number) Region() string {
	if n.digits == 0 {
		return ""
	}
	return regionTable[n.region]
}
