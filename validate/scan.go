package validate

import (
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// A scanner walks a JSON text once, left to right. It never recurses, so
// the depth of the input costs heap (one byte a level, beyond the first
// 64), never stack, and every step moves forward: time is linear in the
// input.
//
// buf must not change while strings taken from it are alive: the caller
// owns a private copy.
type scanner struct {
	buf []byte
	pos int
}

// ws skips JSON white space.
func (s *scanner) ws() {
	for s.pos < len(s.buf) {
		switch s.buf[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

// peek returns the next byte after white space, or 0 at the end.
func (s *scanner) peek() byte {
	s.ws()
	if s.pos < len(s.buf) {
		return s.buf[s.pos]
	}
	return 0
}

// atEnd reports whether only white space is left.
func (s *scanner) atEnd() bool {
	s.ws()
	return s.pos == len(s.buf)
}

// eat consumes c if it is the next byte after white space.
func (s *scanner) eat(c byte) bool {
	if s.peek() == c {
		s.pos++
		return true
	}
	return false
}

// str reads a JSON string at s.pos and returns its value. A string without
// escapes is a view of buf (no allocation). A lone surrogate escape decodes
// to bytes that are not UTF-8, so that the caller's UTF-8 check rejects it
// as it rejects raw invalid bytes. ok is false when the text is not a
// well-formed JSON string.
func (s *scanner) str() (v string, ok bool) {
	if s.pos >= len(s.buf) || s.buf[s.pos] != '"' {
		return "", false
	}
	start := s.pos + 1
	i := start
	for i < len(s.buf) {
		c := s.buf[i]
		if c == '"' {
			s.pos = i + 1
			return view(s.buf[start:i]), true
		}
		if c == '\\' {
			return s.unescape(start, i)
		}
		if c < 0x20 {
			return "", false
		}
		i++
	}
	return "", false
}

// unescape decodes a string with escapes, from start; esc is the first
// backslash.
func (s *scanner) unescape(start, esc int) (string, bool) {
	out := make([]byte, esc-start, esc-start+16)
	copy(out, s.buf[start:esc])
	i := esc
	for i < len(s.buf) {
		c := s.buf[i]
		switch {
		case c == '"':
			s.pos = i + 1
			return view(out), true
		case c < 0x20:
			return "", false
		case c != '\\':
			out = append(out, c)
			i++
			continue
		}
		if i+1 >= len(s.buf) {
			return "", false
		}
		switch e := s.buf[i+1]; e {
		case '"', '\\', '/':
			out = append(out, e)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, ok := hex4(s.buf, i+2)
			if !ok {
				return "", false
			}
			i += 6
			if utf16.IsSurrogate(r) {
				if r2, ok := hex4(s.buf, i+2); ok && i+1 < len(s.buf) && s.buf[i] == '\\' && s.buf[i+1] == 'u' {
					if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
						out = utf8.AppendRune(out, d)
						i += 6
						continue
					}
				}
				// A lone surrogate: keep it as its three-byte
				// encoding, which is not valid UTF-8.
				out = append(out, 0xE0|byte(r>>12), 0x80|byte(r>>6)&0x3F, 0x80|byte(r)&0x3F)
				continue
			}
			out = utf8.AppendRune(out, r)
			continue
		default:
			return "", false
		}
		i += 2
	}
	return "", false
}

// hex4 reads four hex digits at b[i:].
func hex4(b []byte, i int) (rune, bool) {
	if i+4 > len(b) {
		return 0, false
	}
	var r rune
	for _, c := range b[i : i+4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// view returns b as a string without copying. Safe because the scanner's
// buffer is private and never written after the scan starts.
func view(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// literal consumes word (true, false, null) at s.pos.
func (s *scanner) literal(word string) bool {
	if len(s.buf)-s.pos >= len(word) && string(s.buf[s.pos:s.pos+len(word)]) == word {
		s.pos += len(word)
		return true
	}
	return false
}

// number consumes a JSON number at s.pos.
func (s *scanner) number() bool {
	b, i := s.buf, s.pos
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && '1' <= b[i] && b[i] <= '9':
		i = digits(b, i)
	default:
		return false
	}
	if i < len(b) && b[i] == '.' {
		j := digits(b, i+1)
		if j == i+1 {
			return false
		}
		i = j
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		j := digits(b, i)
		if j == i {
			return false
		}
		i = j
	}
	s.pos = i
	return true
}

func digits(b []byte, i int) int {
	for i < len(b) && '0' <= b[i] && b[i] <= '9' {
		i++
	}
	return i
}

// key reads an object key and the colon after it. Keys must be UTF-8:
// a key is a name, and a name that is not text cannot be reported.
func (s *scanner) key() (string, bool) {
	if s.peek() != '"' {
		return "", false
	}
	k, ok := s.str()
	if !ok || !utf8.ValidString(k) || !s.eat(':') {
		return "", false
	}
	return k, true
}

// scalar consumes a string, number, true, false or null.
func (s *scanner) scalar() bool {
	switch s.peek() {
	case '"':
		_, ok := s.str()
		return ok
	case 't':
		return s.literal("true")
	case 'f':
		return s.literal("false")
	case 'n':
		return s.literal("null")
	default:
		return s.number()
	}
}

// skip consumes one JSON value of any depth.
func (s *scanner) skip() bool {
	var inline [64]byte
	open := inline[:0] // the closing bracket of each open container
	for {
		// A value is expected here.
		switch s.peek() {
		case '{':
			s.pos++
			if !s.eat('}') {
				if _, ok := s.key(); !ok {
					return false
				}
				open = append(open, '}')
				continue
			}
		case '[':
			s.pos++
			if !s.eat(']') {
				open = append(open, ']')
				continue
			}
		default:
			if !s.scalar() {
				return false
			}
		}
		// A value ended: close containers until one goes on.
		for {
			if len(open) == 0 {
				return true
			}
			end := open[len(open)-1]
			if s.eat(',') {
				if end == '}' {
					if _, ok := s.key(); !ok {
						return false
					}
				}
				break
			}
			if !s.eat(end) {
				return false
			}
			open = open[:len(open)-1]
		}
	}
}
