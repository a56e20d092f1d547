package phone

import (
	"strconv"

	"github.com/contactrules/contactrules/phone/internal/dfa"
)

// MetadataVersion is the libphonenumber metadata release the tables are
// compiled from, with the github.com/nyaruka/phonenumbers version that
// ships it: a number's validity, region, type, formats and the example
// numbers are those of this release. The value is set by go generate, in
// the generated tables (phone/internal/dfa/tables.go).
const MetadataVersion = dfa.MetadataVersion

// A Type is the kind of line a number belongs to, as libphonenumber's
// metadata classifies it. The zero Type is Unknown.
type Type uint8

// The types, as libphonenumber's PhoneNumberType names them (see
// [Type.String]).
const (
	Unknown Type = iota
	FixedLine
	Mobile
	// FixedLineOrMobile is a number the metadata cannot place: in the
	// NANP (US, CA, …) fixed and mobile numbers share their ranges.
	FixedLineOrMobile
	TollFree
	PremiumRate
	SharedCost
	VoIP
	PersonalNumber
	Pager
	UAN // universal access number: one number for a company's sites
	Voicemail
)

var typeNames = [...]string{
	Unknown:           "UNKNOWN",
	FixedLine:         "FIXED_LINE",
	Mobile:            "MOBILE",
	FixedLineOrMobile: "FIXED_LINE_OR_MOBILE",
	TollFree:          "TOLL_FREE",
	PremiumRate:       "PREMIUM_RATE",
	SharedCost:        "SHARED_COST",
	VoIP:              "VOIP",
	PersonalNumber:    "PERSONAL_NUMBER",
	Pager:             "PAGER",
	UAN:               "UAN",
	Voicemail:         "VOICEMAIL",
}

// String returns libphonenumber's name of t ("MOBILE",
// "FIXED_LINE_OR_MOBILE", …), or "Type(n)" for a value that is no type.
func (t Type) String() string {
	if int(t) < len(typeNames) {
		return typeNames[t]
	}
	return "Type(" + strconv.Itoa(int(t)) + ")"
}

// Type returns the type libphonenumber's GetNumberType gives n. A number
// from [Parse] or [Normalize] always has a type other than Unknown; one
// from [ParsePossible] that is not valid, and the zero Number, have
// Unknown.
//
// Type reads what was decided when n was parsed: it costs a table read.
func (n Number) Type() Type {
	if n.digits == 0 {
		return Unknown
	}
	return numberType(n.outcome)
}

// A Format is a way of writing a number, as libphonenumber's
// PhoneNumberFormat names them.
type Format uint8

// The formats of +1 201-555-0123, a US number.
const (
	E164          Format = iota // +12015550123
	International               // +1 201-555-0123
	National                    // (201) 555-0123
	RFC3966                     // tel:+1-201-555-0123
)

var formatNames = [...]string{E164: "E164", International: "INTERNATIONAL", National: "NATIONAL", RFC3966: "RFC3966"}

// String returns libphonenumber's name of f ("E164", "INTERNATIONAL",
// "NATIONAL", "RFC3966"), or "Format(n)" for a value that is no format.
func (f Format) String() string {
	if int(f) < len(formatNames) {
		return formatNames[f]
	}
	return "Format(" + strconv.Itoa(int(f)) + ")"
}

// Format returns n written in form f, as libphonenumber's Format writes
// it: the national form is how people write the number in its country
// ("(201) 555-0123", "020 7183 8750"), the international form adds the
// calling code and uses the country's international grouping. It returns
// "" for the zero Number or a Format that is none of the four.
//
// As in libphonenumber, the grouping is that of the calling code's main
// region: a Jamaican +1 876 number is grouped as a US one.
func (n Number) Format(f Format) string {
	var buf [64]byte
	return string(n.AppendFormat(buf[:0], f))
}

// AppendFormat appends n written in form f, as [Number.Format] returns it,
// to dst and returns the extended buffer. It does not allocate unless dst
// must grow.
func (n Number) AppendFormat(dst []byte, f Format) []byte {
	if n.digits == 0 || f > RFC3966 {
		return dst
	}
	var buf [maxDigits + 1]byte
	d := decimal(&buf, n.digits)
	if f == E164 {
		return append(append(dst, '+'), d...)
	}
	ccLen := 1
	switch {
	case n.cc >= 100:
		ccLen = 3
	case n.cc >= 10:
		ccLen = 2
	}
	switch f {
	case International:
		dst = append(append(append(dst, '+'), d[:ccLen]...), ' ')
	case RFC3966:
		dst = append(append(append(dst, "tel:+"...), d[:ccLen]...), '-')
	}
	return appendNSN(dst, d[ccLen:], n.outcome, f)
}

// Example returns libphonenumber's example number of type t in region (an
// upper-case region code such as "US"), as its GetExampleNumberForType
// gives it: Example("US", Mobile) is +1 201-555-0123. A FixedLineOrMobile
// example is the fixed-line one, as in libphonenumber. It reports false
// when the metadata has no example of that type there (Unknown has none
// anywhere), for an unknown region code, and for "001" (non-geographic
// numbers have one calling code each, which a region code cannot name).
//
// Form placeholders are the usual use: Example(region, Mobile) written in
// [National] form.
func Example(region string, t Type) (Number, bool) {
	v, ok := exampleDigits(region, t)
	if !ok {
		return Number{}, false
	}
	n, err := ParsePossible("+" + strconv.FormatUint(v, 10))
	return n, err == nil
}

// decimal writes v, at most 15 digits, into buf (one byte more, for the
// pairs of the high half) and returns them: in two
// halves of 8 digits, whose divisions by 100 are multiplications, rather
// than by strconv's 64-bit steps, which took half of AppendFormat's time.
func decimal(buf *[maxDigits + 1]byte, v uint64) []byte {
	i := len(buf)
	if v >= 1e8 {
		hi := v / 1e8
		lo := uint32(v - hi*1e8)
		for range 4 { // the low half has 8 digits, leading zeros included
			q := lo / 100
			r := 2 * (lo - q*100)
			i -= 2
			buf[i], buf[i+1] = digitPairs[r], digitPairs[r+1]
			lo = q
		}
		v = hi
	}
	x := uint32(v)
	for x >= 100 {
		q := x / 100
		r := 2 * (x - q*100)
		i -= 2
		buf[i], buf[i+1] = digitPairs[r], digitPairs[r+1]
		x = q
	}
	if x >= 10 {
		i -= 2
		buf[i], buf[i+1] = digitPairs[2*x], digitPairs[2*x+1]
	} else {
		i--
		buf[i] = byte('0' + x)
	}
	return buf[i:]
}

const digitPairs = "00010203040506070809" +
	"10111213141516171819" +
	"20212223242526272829" +
	"30313233343536373839" +
	"40414243444546474849" +
	"50515253545556575859" +
	"60616263646566676869" +
	"70717273747576777879" +
	"80818283848586878889" +
	"90919293949596979899"
