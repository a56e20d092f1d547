package phone

import "github.com/nyaruka/phonenumbers"

// maxNormalizeInput bounds the form input Normalize looks at. The longest
// E.164 number with generous formatting ("+44 (0) 20 - 7183 - 8750") is far
// shorter; anything longer is not a phone number someone typed.
const maxNormalizeInput = 64

// Normalize turns a phone number as typed into a form into a [Number].
//
// The input may be written in international form ("+44 20 7183 8750",
// "+44 (0)20 7183 8750"), with the international dialling prefix of
// defaultRegion ("0044 20 7183 8750" from "GB", "011 44 …" from "US"), or in
// the national form of defaultRegion ("(415) 555-2671" from "US",
// "020 7183 8750" from "GB"). Apart from ASCII digits and one leading '+',
// it may contain only the separators space, tab, '(', ')', '-', '.' and '/'.
// Letters (vanity numbers such as 1-800-FLOWERS), extensions ("x123",
// "ext. 5", ";ext=5", "#5") and any other character are an [ErrSyntax], as
// is input longer than 64 bytes.
//
// defaultRegion is an upper-case region code ("US", "GB") used when the
// number does not start with '+'; it may be "" when every input carries its
// country calling code. The result is whatever [Parse] says about the
// number's canonical E.164 form, so a Number from Normalize is always one
// Parse accepts; well-formed input that makes no valid number is an
// [ErrInvalid], and so is an unknown defaultRegion, whatever the input.
func Normalize(input, defaultRegion string) (Number, error) {
	if defaultRegion != "" {
		if _, ok := regionIndex(defaultRegion); !ok || defaultRegion == nonGeoRegion {
			return Number{}, &reasonError{ErrInvalid, "unknown default region " + quoteCode(defaultRegion)}
		}
	}
	cleaned, err := stripFormatting(input)
	if err != nil {
		return Number{}, err
	}
	if cleaned[0] != '+' && defaultRegion == "" {
		return Number{}, errNoRegion
	}
	// libphonenumber knows each region's international and national
	// prefixes; it does the national-format work, and Parse the judging.
	n, perr := phonenumbers.Parse(cleaned, defaultRegion)
	if perr != nil {
		return Number{}, errUnparsable
	}
	num, err := Parse(phonenumbers.Format(n, phonenumbers.E164))
	if err != nil {
		// Even a syntax error here (libphonenumber accepts national
		// numbers that make more than 15 digits) means the input, though
		// well formed, is no valid number.
		return Number{}, errNotValid
	}
	return num, nil
}

// stripFormatting returns the digits of input, preceded by '+' if input
// had one before its first digit.
func stripFormatting(input string) (string, error) {
	if len(input) > maxNormalizeInput {
		return "", errInputTooLong
	}
	var buf [maxNormalizeInput]byte
	out := buf[:0]
	for i := 0; i < len(input); i++ {
		switch c := input[i]; c {
		case ' ', '\t', '(', ')', '-', '.', '/':
		case '+':
			if len(out) > 0 {
				return "", errMisplacedPlus
			}
			out = append(out, c)
		default:
			if c < '0' || c > '9' {
				return "", errNotPhoneChar
			}
			out = append(out, c)
		}
	}
	if len(out) == 0 || (len(out) == 1 && out[0] == '+') {
		return "", errNoInputDigits
	}
	return string(out), nil
}
