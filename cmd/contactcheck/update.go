package main

import (
	"encoding/json"

	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/validate"
)

// An outcome is what the rules said about one row.
type outcome struct {
	details []errs.FieldError // nil: valid
	effects consent.Effects
	contact validate.Contact // a valid create's contact, as stored
}

// currentDetail is the answer for an update line whose current does not
// decode as a contact.
var currentDetail = []errs.FieldError{{Field: "current", Message: "must be a contact object", Rule: "type"}}

// update checks one line of -mode update: the patch gets exactly the
// answer of the library for its bytes.
func (c *checker) update(b []byte) (consent.Effects, []errs.FieldError) {
	cur, patch, ok := splitUpdateLine(b)
	if !ok {
		return consent.Effects{}, c.badWrapper
	}
	var current validate.Contact
	if cur != nil {
		// The stored contact as the API returns it; it is not checked.
		if err := json.Unmarshal(cur, &current); err != nil {
			return consent.Effects{}, currentDetail
		}
	}
	return updateJSON(current, patch, c.cfg.policy)
}

// splitUpdateLine reads a line of -mode update, {"current":…,"patch":…},
// and returns the text of both values (current nil when absent). ok is
// false unless the line is one well-formed JSON object whose members are
// exactly these names (case matters), each at most once, patch present.
// Nesting is limited only by the line's length, so whatever the patch
// holds, the library sees it.
func splitUpdateLine(b []byte) (current, patch []byte, ok bool) {
	i := space(b, 0)
	if i == len(b) || b[i] != '{' {
		return nil, nil, false
	}
	i = space(b, i+1)
	if i < len(b) && b[i] == '}' {
		return nil, nil, false // no patch
	}
	for {
		k := i
		if i = skipString(b, i); i < 0 {
			return nil, nil, false
		}
		name := b[k+1 : i-1]
		if i = space(b, i); i == len(b) || b[i] != ':' {
			return nil, nil, false
		}
		v := space(b, i+1)
		if i = skipValue(b, v); i < 0 {
			return nil, nil, false
		}
		var dst *[]byte
		switch unescapeName(name) {
		case "current":
			dst = &current
		case "patch":
			dst = &patch
		default:
			return nil, nil, false
		}
		if *dst != nil {
			return nil, nil, false // repeated
		}
		*dst = b[v:i]
		if i = space(b, i); i == len(b) {
			return nil, nil, false
		}
		switch b[i] {
		case ',':
			i = space(b, i+1)
			continue
		case '}':
			if patch == nil || space(b, i+1) != len(b) {
				return nil, nil, false
			}
			return current, patch, true
		}
		return nil, nil, false
	}
}

// unescapeName returns the member name whose string text (between the
// quotes, well formed) is s, when it is plain ASCII; otherwise "" (no
// wrapper member has such a name).
func unescapeName(s []byte) string {
	var out []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return ""
		}
		if c != '\\' {
			out = append(out, c)
			continue
		}
		i++
		switch s[i] {
		case 'b':
			c = '\b'
		case 'f':
			c = '\f'
		case 'n':
			c = '\n'
		case 'r':
			c = '\r'
		case 't':
			c = '\t'
		case 'u':
			r := 0
			for _, h := range s[i+1 : i+5] {
				r = r<<4 | int(unhex(h))
			}
			if r >= 0x80 {
				return ""
			}
			c = byte(r)
			i += 4
		default: // '"', '\\', '/'
			c = s[i]
		}
		out = append(out, c)
	}
	return string(out)
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

// space returns the index of the first byte at or after i that is not
// JSON white space.
func space(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipValue returns the end of the well-formed JSON value that starts at
// b[i], or -1 when there is none. It accepts exactly what
// encoding/json.Valid accepts (strings are not checked for UTF-8), but
// without a depth limit: the open containers are a stack of one byte
// each, so nesting costs memory linear in the input.
func skipValue(b []byte, i int) int {
	var open []byte // '{' or '[' per open container
	for {
		// A value starts at b[i].
		if i == len(b) {
			return -1
		}
		switch b[i] {
		case '{', '[':
			c := b[i]
			i = space(b, i+1)
			if i < len(b) && b[i] == c+2 { // '}' or ']'
				i++
				break
			}
			open = append(open, c)
			if c == '{' {
				if i = member(b, i); i < 0 {
					return -1
				}
			}
			continue
		case '"':
			i = skipString(b, i)
		case 't':
			i = skipWord(b, i, "true")
		case 'f':
			i = skipWord(b, i, "false")
		case 'n':
			i = skipWord(b, i, "null")
		default:
			i = skipNumber(b, i)
		}
		// A value ended at b[i]: close containers until one goes on.
		for {
			if i < 0 {
				return -1
			}
			if len(open) == 0 {
				return i
			}
			if i = space(b, i); i == len(b) {
				return -1
			}
			top := open[len(open)-1]
			if b[i] == top+2 {
				open = open[:len(open)-1]
				i++
				continue
			}
			if b[i] != ',' {
				return -1
			}
			i = space(b, i+1)
			if top == '{' {
				i = member(b, i)
			}
			break
		}
		if i < 0 {
			return -1
		}
	}
}

// member reads a member name and its colon at b[i], and returns the start
// of the member's value, or -1.
func member(b []byte, i int) int {
	if i = skipString(b, i); i < 0 {
		return -1
	}
	if i = space(b, i); i == len(b) || b[i] != ':' {
		return -1
	}
	return space(b, i+1)
}

// skipString returns the end of the JSON string at b[i], or -1 when there
// is no well-formed one (no control characters, known escapes only).
func skipString(b []byte, i int) int {
	if i == len(b) || b[i] != '"' {
		return -1
	}
	for i++; i < len(b); i++ {
		switch c := b[i]; {
		case c == '"':
			return i + 1
		case c < 0x20:
			return -1
		case c == '\\':
			i++
			if i == len(b) {
				return -1
			}
			switch b[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if i+4 >= len(b) {
					return -1
				}
				for _, h := range b[i+1 : i+5] {
					if !isHex(h) {
						return -1
					}
				}
				i += 4
			default:
				return -1
			}
		}
	}
	return -1
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// skipWord returns the end of word at b[i], or -1.
func skipWord(b []byte, i int, word string) int {
	if len(b)-i < len(word) || string(b[i:i+len(word)]) != word {
		return -1
	}
	return i + len(word)
}

// skipNumber returns the end of the JSON number at b[i], or -1.
func skipNumber(b []byte, i int) int {
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i == len(b):
		return -1
	case b[i] == '0':
		i++
	case '1' <= b[i] && b[i] <= '9':
		i = skipDigits(b, i)
	default:
		return -1
	}
	if i < len(b) && b[i] == '.' {
		if i = skipDigits(b, i+1); i < 0 {
			return -1
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		i = skipDigits(b, i)
	}
	return i
}

// skipDigits returns the end of the one or more digits at b[i], or -1.
func skipDigits(b []byte, i int) int {
	start := i
	for i < len(b) && '0' <= b[i] && b[i] <= '9' {
		i++
	}
	if i == start {
		return -1
	}
	return i
}
