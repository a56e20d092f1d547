package jsonwire

import "unicode/utf8"

// safe[c] is true for the ASCII bytes that encoding/json writes as they
// are inside a string: all but control characters, the quote, the
// backslash and the HTML-sensitive <, > and &.
var safe = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// AppendQuote appends s to b as a JSON string, byte for byte as
// json.Marshal writes a Go string by default: the quote and backslash
// escaped with a backslash; \b, \f, \n, \r and \t by name; other control
// characters and the HTML-sensitive <, > and & as \u00XX; each byte that
// is not UTF-8 as \ufffd; U+2028 and U+2029 as \u2028 and \u2029 (JSON
// allows them raw, older JavaScript did not); everything else as it is.
// Not strconv.AppendQuote, which is Go's quoting and differs outside
// printable ASCII.
func AppendQuote(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if safe[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// AppendQuoteBytes appends s to b as a JSON string that keeps every byte
// of s: only the quote, the backslash and control characters are
// escaped, and bytes that are not UTF-8 stay as they are. The text is
// then not valid JSON when s is not UTF-8, which is the point: a
// Scanner reads the same bytes back (Str reports them invalid), so a
// payload built from Go values is judged on exactly what was given.
func AppendQuoteBytes(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}
