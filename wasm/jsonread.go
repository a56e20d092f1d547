package main

// A small JSON reader for the bridge's own two arguments, the policy and
// the stored contact, which JavaScript writes with JSON.stringify (or
// passes as text). It reads them as JSON.parse does: exact member names,
// the last of a repeated member wins, \u escapes decoded (a lone
// surrogate becoming U+FFFD, as TextEncoder writes it). Its messages are
// its own, and name a byte offset, never a character of the input.
//
// checkJSON checks the whole text first; the readers below then walk
// text known to be well formed.

import (
	"unicode/utf16"
	"unicode/utf8"
)

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func skipSpace(data []byte, i int) int {
	for i < len(data) && isSpace(data[i]) {
		i++
	}
	return i
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isHex(c byte) bool { return isDigit(c) || 'a' <= c|0x20 && c|0x20 <= 'f' }

// checkJSON reports whether data is one JSON value with optional white
// space around it, and otherwise the offset of the first byte that is
// wrong (len(data) when the text ends too soon). It keeps one byte per
// open container and never recurses, so any depth is fine.
func checkJSON(data []byte) (offset int, ok bool) {
	var open []byte // the closing bracket of each open container
	i := 0
	for {
		// A value starts at i (after white space).
		i = skipSpace(data, i)
		if i == len(data) {
			return i, false
		}
		switch c := data[i]; c {
		case '{', '[':
			end := byte('}')
			if c == '[' {
				end = ']'
			}
			j := skipSpace(data, i+1)
			if j < len(data) && data[j] == end { // {} or []
				i = j + 1
				break
			}
			open = append(open, end)
			if c == '[' {
				i = j
				continue
			}
			if i, ok = checkKey(data, j); !ok {
				return i, false
			}
			continue
		case '"':
			if i, ok = checkString(data, i); !ok {
				return i, false
			}
		case 't', 'f', 'n':
			if i, ok = checkLiteral(data, i); !ok {
				return i, false
			}
		default:
			if i, ok = checkNumber(data, i); !ok {
				return i, false
			}
		}
		// A value ended at i: close containers until one goes on.
		for {
			i = skipSpace(data, i)
			if len(open) == 0 {
				return i, i == len(data)
			}
			if i == len(data) {
				return i, false
			}
			end := open[len(open)-1]
			if data[i] == end {
				open = open[:len(open)-1]
				i++
				continue
			}
			if data[i] != ',' {
				return i, false
			}
			i++
			if end == '}' {
				if i, ok = checkKey(data, skipSpace(data, i)); !ok {
					return i, false
				}
			}
			break
		}
	}
}

// checkKey checks an object key and the colon after it.
func checkKey(data []byte, i int) (int, bool) {
	if i == len(data) || data[i] != '"' {
		return i, false
	}
	i, ok := checkString(data, i)
	if !ok {
		return i, false
	}
	if i = skipSpace(data, i); i == len(data) || data[i] != ':' {
		return i, false
	}
	return i + 1, true
}

// checkString checks the string that starts at data[i] and returns the
// index after it. Bytes that are not UTF-8 pass, as in a Uint8Array.
func checkString(data []byte, i int) (int, bool) {
	for i++; i < len(data); i++ {
		switch c := data[i]; {
		case c == '"':
			return i + 1, true
		case c < 0x20:
			return i, false
		case c == '\\':
			if i++; i == len(data) {
				return i, false
			}
			switch data[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				for range 4 {
					if i++; i == len(data) || !isHex(data[i]) {
						return i, false
					}
				}
			default:
				return i, false
			}
		}
	}
	return i, false
}

func checkLiteral(data []byte, i int) (int, bool) {
	for _, lit := range [...]string{"true", "false", "null"} {
		if lit[0] == data[i] {
			for k := range len(lit) {
				if i+k == len(data) || data[i+k] != lit[k] {
					return i + k, false
				}
			}
			return i + len(lit), true
		}
	}
	return i, false
}

// checkNumber checks a number as JSON writes it: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?
func checkNumber(data []byte, i int) (int, bool) {
	if i < len(data) && data[i] == '-' {
		i++
	}
	switch {
	case i == len(data) || !isDigit(data[i]):
		return i, false
	case data[i] == '0':
		i++
	default:
		for i < len(data) && isDigit(data[i]) {
			i++
		}
	}
	if i < len(data) && data[i] == '.' {
		if i++; i == len(data) || !isDigit(data[i]) {
			return i, false
		}
		for i < len(data) && isDigit(data[i]) {
			i++
		}
	}
	if i < len(data) && data[i]|0x20 == 'e' {
		if i++; i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if i == len(data) || !isDigit(data[i]) {
			return i, false
		}
		for i < len(data) && isDigit(data[i]) {
			i++
		}
	}
	return i, true
}

// The readers below take well-formed text (checkJSON said so).

// valueEnd returns the index just after the value that starts at data[i].
func valueEnd(data []byte, i int) int {
	switch data[i] {
	case '"':
		end, _ := checkString(data, i)
		return end
	case '{', '[':
		depth := 0
		for ; i < len(data); i++ {
			switch data[i] {
			case '"':
				i, _ = checkString(data, i)
				i--
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return i + 1
				}
			}
		}
		return i
	}
	for i < len(data) && data[i] != ',' && data[i] != '}' && data[i] != ']' && !isSpace(data[i]) {
		i++
	}
	return i
}

// members calls f with the name and the value text of each member of the
// object value, in order, which is the whole of data but white space.
// It reports false when the value is not an object.
func members(data []byte, f func(name string, value []byte)) bool {
	i := skipSpace(data, 0)
	if data[i] != '{' {
		return false
	}
	for i = skipSpace(data, i+1); data[i] != '}'; i = skipSpace(data, i) {
		if data[i] == ',' {
			i = skipSpace(data, i+1)
		}
		end := valueEnd(data, i)
		name := unquote(data[i:end])
		i = skipSpace(data, skipSpace(data, end)+1) // past the colon
		end = valueEnd(data, i)
		f(name, data[i:end])
		i = end
	}
	return true
}

// elements calls f with the text of each element of the array value
// data, and reports false when data is not an array.
func elements(data []byte, f func(value []byte)) bool {
	if data[0] != '[' {
		return false
	}
	for i := skipSpace(data, 1); data[i] != ']'; i = skipSpace(data, i) {
		if data[i] == ',' {
			i = skipSpace(data, i+1)
		}
		end := valueEnd(data, i)
		f(data[i:end])
		i = end
	}
	return true
}

// unquote decodes the string value s, quotes included.
func unquote(s []byte) string {
	s = s[1 : len(s)-1]
	i := 0
	for i < len(s) && s[i] != '\\' {
		i++
	}
	if i == len(s) {
		return string(s)
	}
	b := make([]byte, i, len(s))
	copy(b, s)
	for i < len(s) {
		if s[i] != '\\' {
			b = append(b, s[i])
			i++
			continue
		}
		i++
		switch c := s[i]; c {
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r := hex4(s[i+1:])
			i += 4
			if utf16.IsSurrogate(r) {
				r2 := rune(-1)
				if i+2 < len(s) && s[i+1] == '\\' && s[i+2] == 'u' { // the text is valid: four digits follow
					r2 = hex4(s[i+3:])
				}
				if pair := utf16.DecodeRune(r, r2); pair != utf8.RuneError {
					r = pair
					i += 6
				} else {
					r = utf8.RuneError
				}
			}
			b = utf8.AppendRune(b, r)
		default: // " \ /
			b = append(b, c)
		}
		i++
	}
	return string(b)
}

// hex4 reads the four hexadecimal digits of a \u escape.
func hex4(s []byte) rune {
	var r rune
	for _, c := range s[:4] {
		switch {
		case isDigit(c):
			c -= '0'
		default:
			c = c | 0x20 - 'a' + 10
		}
		r = r<<4 | rune(c)
	}
	return r
}
