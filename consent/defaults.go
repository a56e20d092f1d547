package consent

import (
	"errors"

	"github.com/contactrules/contactrules/internal/jsonwire"
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
// null: clients iterate it). The bytes are encoding/json's for d.Names().
// The JSON methods do without encoding/json so that the browser build,
// which decodes no Effects, does not link it.
func (d Defaults) MarshalJSON() ([]byte, error) {
	return d.AppendJSON(nil), nil
}

// AppendJSON appends d as MarshalJSON encodes it to b, for writers that
// build a whole answer in one buffer.
func (d Defaults) AppendJSON(b []byte) []byte {
	b = append(b, '[')
	n := 0
	for _, v := range fields {
		if d&v.defaulted != 0 {
			if n++; n > 1 {
				b = append(b, ',')
			}
			b = jsonwire.AppendQuote(b, v.field)
		}
	}
	return append(b, ']')
}

var (
	errDefaultsSyntax = errors.New("consent: defaults_applied is not a JSON array of strings")
	errDefaultsName   = errors.New("consent: unknown consent field in defaults_applied")
)

// UnmarshalJSON decodes an array of field names as written by
// MarshalJSON, so that Effects round-trips; null is the empty set. An
// unknown name is an error. It accepts what encoding/json accepts for a
// []string of known names: white space around the tokens, escapes in the
// names, a name more than once. On an error d is left as it was.
func (d *Defaults) UnmarshalJSON(b []byte) error {
	s := jsonwire.Scanner{Buf: b}
	var out Defaults
	switch s.Peek() {
	case 'n':
		if !s.Literal("null") {
			return errDefaultsSyntax
		}
	case '[':
		s.Pos++
		if s.Eat(']') {
			break
		}
		for {
			if s.Peek() != '"' {
				return errDefaultsSyntax
			}
			name, _, ok := s.Str()
			if !ok {
				return errDefaultsSyntax
			}
			bit := defaultsBit(name)
			if bit == 0 {
				return errDefaultsName
			}
			out |= bit
			if s.Eat(',') {
				continue
			}
			if !s.Eat(']') {
				return errDefaultsSyntax
			}
			break
		}
	default:
		return errDefaultsSyntax
	}
	if !s.AtEnd() {
		return errDefaultsSyntax
	}
	*d = out
	return nil
}

// defaultsBit returns the member of Defaults named name, 0 for none.
func defaultsBit(name string) Defaults {
	for _, v := range fields {
		if v.field == name {
			return v.defaulted
		}
	}
	return 0
}
