package phone

import "errors"

// Sentinel errors. Every error returned by this package wraps exactly one of
// them; test with errors.Is.
var (
	// ErrSyntax reports input that is not written as E.164: empty, no
	// leading '+', characters other than ASCII digits (spaces, punctuation,
	// letters, non-ASCII digits, NUL, ...), a country calling code starting
	// with 0, or more than 15 digits. For [Normalize] it reports input that
	// cannot be a phone number at all (letters, extensions, too long).
	ErrSyntax = errors.New("phone: malformed phone number")

	// ErrInvalid reports input in E.164 syntax that is not a valid number
	// (for ParsePossible: not of a possible length) per libphonenumber, or
	// that is not written in its canonical E.164 form.
	ErrInvalid = errors.New("phone: not a valid phone number")
)

// reasonError adds the rule that failed to a sentinel. The values are
// allocated once, so rejecting input costs no allocation, and they hold no
// part of the input.
type reasonError struct {
	kind   error
	reason string
}

func (e *reasonError) Error() string { return e.kind.Error() + ": " + e.reason }
func (e *reasonError) Unwrap() error { return e.kind }

var (
	errEmpty       = &reasonError{ErrSyntax, "empty"}
	errTooLong     = &reasonError{ErrSyntax, "more than 15 digits"}
	errNoPlus      = &reasonError{ErrSyntax, "does not start with '+'"}
	errNoDigits    = &reasonError{ErrSyntax, "no digits after '+'"}
	errLeadingZero = &reasonError{ErrSyntax, "country calling code starts with 0"}
	errNotDigit    = &reasonError{ErrSyntax, "contains a character other than the digits 0-9"}
	errNotValid    = &reasonError{ErrInvalid, "not a valid number for its region, or not in canonical form"}
	errNotPossible = &reasonError{ErrInvalid, "not a possible length for its country calling code, or not in canonical form"}

	// Normalize only.
	errInputTooLong  = &reasonError{ErrSyntax, "longer than 64 bytes"}
	errNotPhoneChar  = &reasonError{ErrSyntax, "contains a character that is not a digit, a leading '+' or a separator ( ) - . / space"}
	errMisplacedPlus = &reasonError{ErrSyntax, "'+' after the first digit or repeated"}
	errNoInputDigits = &reasonError{ErrSyntax, "no digits"}
	errNoRegion      = &reasonError{ErrInvalid, "no country calling code and no default region"}
	errUnparsable    = &reasonError{ErrInvalid, "cannot be read as a phone number"}
	errUnknownRegion = &reasonError{ErrInvalid, "unknown default region"}
)
