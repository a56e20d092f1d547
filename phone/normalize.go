package phone

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
// country calling code. The digits are read as libphonenumber's Parse reads
// them in defaultRegion: after the '+' or any international prefix the
// region's metadata allows comes a country calling code; otherwise the
// number is national and gets the region's calling code, unless it starts
// with that code and reads better without it ("1 415 555 2671" from "US").
// Either way the national (trunk) prefix is removed, or rewritten, as the
// metadata says ("0" in GB, "1" in the NANP; in Argentina "0 11 15 …"
// becomes "9 11 …"), and so is a trunk prefix after the calling code
// ("+44 (0)20 …"). The reading runs on tables compiled from the metadata,
// with no regular expressions. The result is whatever [Parse] says about the
// number's canonical E.164 form, so a Number from Normalize is always one
// Parse accepts; well-formed input that makes no valid number is an
// [ErrInvalid], and so is an unknown defaultRegion, whatever the input.
func Normalize(input, defaultRegion string) (Number, error) {
	var buf [maxNormalizeInput]byte
	cleaned, err := normalizeInput(buf[:0], input, defaultRegion)
	if err != nil {
		return Number{}, err
	}
	// The number libphonenumber's Parse reads in the digits (calling
	// code after '+' or the region's international prefix, national
	// prefix stripped), written in E.164; Parse does the judging.
	var e164 [1 + 3 + maxNormalizeInput]byte
	d, ok := readE164(e164[:0], cleaned, defaultRegion)
	if !ok {
		return Number{}, errUnparsable
	}
	return parseNormalized(string(d))
}

// ReadE164 reads a phone number as typed, as [Normalize] does, without
// judging it: it returns the E.164 text that the digits stand for in
// defaultRegion, which [Parse] or [ParsePossible] then accepts or refuses.
// Form input goes through it so that the number is judged by the same
// rule, with the same policy, as one sent in E.164. Its errors are
// Normalize's for input that cannot be read as a number at all.
func ReadE164(input, defaultRegion string) (string, error) {
	var buf [maxNormalizeInput]byte
	cleaned, err := normalizeInput(buf[:0], input, defaultRegion)
	if err != nil {
		return "", err
	}
	var e164 [1 + 3 + maxNormalizeInput]byte
	d, ok := readE164(e164[:0], cleaned, defaultRegion)
	if !ok {
		return "", errUnparsable
	}
	return string(d), nil
}

// IsRegion reports whether code is a region the metadata knows, written
// as an upper-case ISO 3166-1 alpha-2 code ("US", "GB"): a region
// [Normalize] reads national numbers in. The non-geographic "001" is not
// one.
func IsRegion(code string) bool {
	_, ok := regionIndex(code)
	return ok && code != nonGeoRegion
}

// normalizeInput checks the default region and appends to dst the digits
// of input, preceded by '+' if input starts with one: what Normalize
// reads a number from.
func normalizeInput(dst []byte, input, defaultRegion string) ([]byte, error) {
	if defaultRegion != "" {
		if !IsRegion(defaultRegion) {
			return nil, errUnknownRegion
		}
	}
	cleaned, err := stripFormatting(dst, input)
	if err != nil {
		return nil, err
	}
	if cleaned[len(dst)] != '+' && defaultRegion == "" {
		return nil, errNoRegion
	}
	return cleaned, nil
}

// parseNormalized is Parse of the E.164 form of the number read from form
// input.
func parseNormalized(e164 string) (Number, error) {
	num, err := Parse(e164)
	if err != nil {
		// Even a syntax error here (libphonenumber accepts national
		// numbers that make more than 15 digits) means the input, though
		// well formed, is no valid number.
		return Number{}, errNotValid
	}
	return num, nil
}

// stripFormatting appends to dst the digits of input, preceded by '+' if
// input had one before its first digit.
func stripFormatting(dst []byte, input string) ([]byte, error) {
	if len(input) > maxNormalizeInput {
		return nil, errInputTooLong
	}
	out := dst
	for i := 0; i < len(input); i++ {
		switch c := input[i]; c {
		case ' ', '\t', '(', ')', '-', '.', '/':
		case '+':
			if len(out) > len(dst) {
				return nil, errMisplacedPlus
			}
			out = append(out, c)
		default:
			if c < '0' || c > '9' {
				return nil, errNotPhoneChar
			}
			out = append(out, c)
		}
	}
	if n := len(out) - len(dst); n == 0 || (n == 1 && out[len(dst)] == '+') {
		return nil, errNoInputDigits
	}
	return out, nil
}
