package consent

import (
	"errors"
	"strconv"
	"strings"
)

// Defaults is a set of consent fields that took their default value on
// create. The zero value is the empty set.
type Defaults uint8

// The consent fields of a Defaults set.
const (
	DefaultedEmail Defaults = 1 << iota // email_consent
	DefaultedSMS                        // sms_consent
)

// Names returns the JSON names of the fields in d, email_consent before
// sms_consent; an empty, non-nil slice when d is empty.
func (d Defaults) Names() []string {
	names := []string{}
	for _, v := range fields {
		if d&v.defaulted != 0 {
			names = append(names, v.field)
		}
	}
	return names
}

// MarshalJSON encodes d as an array of field names, [] when empty (never
// null: clients iterate it). The bytes are encoding/json's for d.Names():
// the names are plain ASCII, which JSON writes as it is. The JSON methods
// are written by hand so that the browser build, which decodes no
// Effects, does not link encoding/json.
func (d Defaults) MarshalJSON() ([]byte, error) {
	b := []byte{'['}
	for i, name := range d.Names() {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, name...)
		b = append(b, '"')
	}
	return append(b, ']'), nil
}

var (
	errDefaultsSyntax = errors.New("consent: defaults_applied is not a JSON array of strings")
	errDefaultsName   = errors.New("consent: unknown consent field in defaults_applied")
)

// UnmarshalJSON decodes an array of field names as written by
// MarshalJSON, so that Effects round-trips; null is the empty set. An
// unknown name is an error. It accepts what encoding/json accepts for a
// []string of known names: white space around the tokens, escapes in the
// names, a name more than once.
func (d *Defaults) UnmarshalJSON(b []byte) error {
	s := skipSpace(b)
	if len(s) >= 4 && string(s[:4]) == "null" {
		if len(skipSpace(s[4:])) > 0 {
			return errDefaultsSyntax
		}
		*d = 0
		return nil
	}
	if len(s) == 0 || s[0] != '[' {
		return errDefaultsSyntax
	}
	s = skipSpace(s[1:])
	var out Defaults
	if len(s) > 0 && s[0] == ']' {
		s = s[1:]
	} else {
		for {
			name, rest, ok := jsonString(s)
			if !ok {
				return errDefaultsSyntax
			}
			bit := defaultsBit(name)
			if bit == 0 {
				return errDefaultsName
			}
			out |= bit
			s = skipSpace(rest)
			if len(s) > 0 && s[0] == ']' {
				s = s[1:]
				break
			}
			if len(s) == 0 || s[0] != ',' {
				return errDefaultsSyntax
			}
			s = skipSpace(s[1:])
		}
	}
	if len(skipSpace(s)) > 0 {
		return errDefaultsSyntax
	}
	*d = out
	return nil
}

// defaultsBit returns the member of Defaults named name, 0 for none.
func defaultsBit(name []byte) Defaults {
	for _, v := range fields {
		if v.field == string(name) {
			return v.defaulted
		}
	}
	return 0
}

// skipSpace returns b without its leading JSON white space.
func skipSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\n' || b[0] == '\r') {
		b = b[1:]
	}
	return b
}

// jsonString reads the JSON string at the start of b: its value, as far
// as a field name can match it, and the bytes after it. Names are ASCII
// letters and underscores, so an escape that stands for anything else
// (a control character, a character outside ASCII) only has to decode to
// some byte that is in no name; ok is false when b does not start with a
// well-formed string.
func jsonString(b []byte) (value, rest []byte, ok bool) {
	if len(b) == 0 || b[0] != '"' {
		return nil, nil, false
	}
	for i := 1; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '"':
			return value, b[i+1:], true
		case c < 0x20:
			return nil, nil, false
		case c == '\\' && i+1 < len(b) && strings.IndexByte(`"\\/bfnrt`, b[i+1]) >= 0:
			i++
			c = b[i]
			if 'b' <= c && c <= 't' {
				c = 0 // \b \f \n \r \t: control characters
			}
		case c == '\\' && i+5 < len(b) && b[i+1] == 'u':
			r, err := strconv.ParseUint(string(b[i+2:i+6]), 16, 16)
			if err != nil {
				return nil, nil, false
			}
			i += 5
			c = byte(min(r, 0xFF))
		case c == '\\':
			return nil, nil, false
		}
		value = append(value, c)
	}
	return nil, nil, false
}
