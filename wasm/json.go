package main

// The bridge reads two JSON texts of its own: the policy and the stored
// contact. It read them with encoding/json, whose readings (values and
// error messages) JavaScript callers get; this file reads them the same
// way without it, because encoding/json brings reflect, fmt and their
// tables into the module: nearly a quarter of its gzipped size.
// json_test.go keeps encoding/json's readings as the oracle and compares
// the two on tables and fuzzed text; the Node.js suite compares the
// module's thrown messages with the oracle's.
//
// The reading is encoding/json's in two passes: a syntax check with its
// scanner's messages and offsets, then a decoder over the checked text
// that stores members as its reflection does (names matched exactly or
// case-insensitively, null leaving a value alone, arrays reusing the
// slice, the first type mismatch reported).

import (
	"slices"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/contactrules/contactrules/validate"
)

// maxDepth is encoding/json's limit on nesting: deeper text is a syntax
// error there, so it is one here.
const maxDepth = 10000

// A syntaxError is what encoding/json says of text that is not JSON: msg
// is the text of its *json.SyntaxError and offset its Offset. eof marks
// text that ends inside a value, which a json.Decoder reports as
// io.ErrUnexpectedEOF instead.
type syntaxError struct {
	msg    string
	offset int
	eof    bool
}

// at describes the byte data[i] that the scanner refuses in a place
// between tokens, where context is the scanner's ("looking for beginning
// of value"), or the end of the text there.
func at(data []byte, i int, context string) *syntaxError {
	if i == len(data) {
		return &syntaxError{msg: "unexpected end of JSON input", offset: i, eof: true}
	}
	return &syntaxError{msg: "invalid character " + quoteChar(data[i]) + " " + context, offset: i + 1}
}

// inToken is at for a place inside a literal, a number or an escape: at
// the end of the text the scanner, fed a space to end its last token,
// refuses the space.
func inToken(data []byte, i int, context string) *syntaxError {
	if i == len(data) {
		return &syntaxError{msg: "invalid character ' ' " + context, offset: i, eof: true}
	}
	return at(data, i, context)
}

// quoteChar quotes a byte as the scanner's messages do.
func quoteChar(c byte) string {
	switch c {
	case '\'':
		return `'\''`
	case '"':
		return `'"'`
	}
	q := strconv.Quote(string(rune(c)))
	return "'" + q[1:len(q)-1] + "'"
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func skipSpace(data []byte, i int) int {
	for i < len(data) && isSpace(data[i]) {
		i++
	}
	return i
}

// scanValue checks the JSON value that starts at data[i] (after white
// space) and returns the index just after it, or the error
// encoding/json's scanner reports first. It keeps one byte per open
// container and never recurses.
func scanValue(data []byte, i int) (int, *syntaxError) {
	var open []byte // the closing bracket of each open container
	var err *syntaxError
	for {
		// A value starts here.
		i = skipSpace(data, i)
		if i == len(data) {
			return i, at(data, i, "")
		}
		switch c := data[i]; c {
		case '{', '[':
			if len(open) == maxDepth {
				return i, at(data, i, "exceeded max depth")
			}
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
			if c == '{' {
				if i, err = scanKey(data, j); err != nil {
					return i, err
				}
			} else {
				i = j
			}
			continue
		case '"':
			i, err = scanString(data, i)
		case 't':
			i, err = scanLiteral(data, i, "true")
		case 'f':
			i, err = scanLiteral(data, i, "false")
		case 'n':
			i, err = scanLiteral(data, i, "null")
		default:
			if c != '-' && (c < '0' || c > '9') {
				return i, at(data, i, "looking for beginning of value")
			}
			i, err = scanNumber(data, i)
		}
		if err != nil {
			return i, err
		}
		// A value ended: close containers until one goes on.
		for {
			if len(open) == 0 {
				return i, nil
			}
			i = skipSpace(data, i)
			end := open[len(open)-1]
			if i < len(data) && data[i] == end {
				open = open[:len(open)-1]
				i++
				continue
			}
			if i < len(data) && data[i] == ',' {
				i++
				if end == '}' {
					if i, err = scanKey(data, skipSpace(data, i)); err != nil {
						return i, err
					}
				}
				break
			}
			if end == '}' {
				return i, at(data, i, "after object key:value pair")
			}
			return i, at(data, i, "after array element")
		}
	}
}

// scanKey checks an object key and the colon after it.
func scanKey(data []byte, i int) (int, *syntaxError) {
	if i == len(data) || data[i] != '"' {
		return i, at(data, i, "looking for beginning of object key string")
	}
	i, err := scanString(data, i)
	if err != nil {
		return i, err
	}
	if i = skipSpace(data, i); i == len(data) || data[i] != ':' {
		return i, at(data, i, "after object key")
	}
	return i + 1, nil
}

func scanString(data []byte, i int) (int, *syntaxError) {
	for i++; i < len(data); i++ {
		switch c := data[i]; {
		case c == '"':
			return i + 1, nil
		case c < 0x20:
			return i, at(data, i, "in string literal")
		case c != '\\':
		case i+1 < len(data) && data[i+1] == 'u':
			i++
			for range 4 {
				if i++; i == len(data) || !isHex(data[i]) {
					return i, inToken(data, i, `in \u hexadecimal character escape`)
				}
			}
		default:
			if i++; i == len(data) || !isEscape(data[i]) {
				return i, inToken(data, i, "in string escape code")
			}
		}
	}
	return i, at(data, i, "")
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func isEscape(c byte) bool {
	switch c {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return true
	}
	return false
}

// scanLiteral checks true, false or null, the scanner's way: byte by byte,
// each wrong one named with the byte it expected.
func scanLiteral(data []byte, i int, word string) (int, *syntaxError) {
	for k := 1; k < len(word); k++ {
		if i+k == len(data) || data[i+k] != word[k] {
			return i + k, inToken(data, i+k, "in literal "+word+" (expecting "+strconv.QuoteRune(rune(word[k]))+")")
		}
	}
	return i + len(word), nil
}

// scanNumber checks a number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func scanNumber(data []byte, i int) (int, *syntaxError) {
	if data[i] == '-' {
		if i++; i == len(data) || data[i] < '0' || data[i] > '9' {
			return i, inToken(data, i, "in numeric literal")
		}
	}
	if data[i] == '0' {
		i++
	} else {
		i = digits(data, i)
	}
	if i < len(data) && data[i] == '.' {
		j := digits(data, i+1)
		if j == i+1 {
			return j, inToken(data, j, "after decimal point in numeric literal")
		}
		i = j
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		j := digits(data, i)
		if j == i {
			return j, inToken(data, j, "in exponent of numeric literal")
		}
		i = j
	}
	return i, nil
}

func digits(data []byte, i int) int {
	for i < len(data) && '0' <= data[i] && data[i] <= '9' {
		i++
	}
	return i
}

// checkText checks data as json.Unmarshal does before it decodes: one
// value, white space around it.
func checkText(data []byte) *syntaxError {
	i, err := scanValue(data, 0)
	if err != nil {
		return err
	}
	if i = skipSpace(data, i); i < len(data) {
		return at(data, i, "after top-level value")
	}
	return nil
}

// firstValue checks the value data starts with as a json.Decoder reads
// it, and returns its end and whether more follows as Decoder.More says:
// something after white space other than a closing bracket.
func firstValue(data []byte) (end int, more bool, err *syntaxError) {
	end, err = scanValue(data, 0)
	if err != nil {
		return 0, false, err
	}
	i := skipSpace(data, end)
	return end, i < len(data) && data[i] != ']' && data[i] != '}', nil
}

// A reader decodes text that scanValue has found well-formed, so it never
// meets a syntax error; pos is always at a value or just after one.
type reader struct {
	data []byte
	pos  int
}

// next returns the first byte of the value at pos, after white space.
func (r *reader) next() byte {
	r.pos = skipSpace(r.data, r.pos)
	return r.data[r.pos]
}

// skip moves past the value at pos and returns its text.
func (r *reader) skip() []byte {
	start, depth := skipSpace(r.data, r.pos), 0
	r.pos = start
	for {
		switch c := r.data[r.pos]; {
		case c == '"':
			r.pos = stringEnd(r.data, r.pos)
		case c == '{' || c == '[':
			depth++
			r.pos++
		case c == '}' || c == ']':
			depth--
			r.pos++
		case depth > 0:
			r.pos++
		default: // a number or a literal at the top
			for r.pos < len(r.data) && !isSpace(r.data[r.pos]) && !isDelimiter(r.data[r.pos]) {
				r.pos++
			}
		}
		if depth == 0 {
			return r.data[start:r.pos]
		}
	}
}

func isDelimiter(c byte) bool { return c == ',' || c == '}' || c == ']' }

// stringEnd returns the index after the string that starts at data[i].
func stringEnd(data []byte, i int) int {
	for i++; data[i] != '"'; i++ {
		if data[i] == '\\' {
			i++
		}
	}
	return i + 1
}

// str reads the string at pos as encoding/json does: escapes decoded, an
// escaped surrogate that is not half of a pair and every byte that is not
// part of valid UTF-8 as U+FFFD.
func (r *reader) str() string {
	r.pos = skipSpace(r.data, r.pos)
	end := stringEnd(r.data, r.pos)
	s := r.data[r.pos+1 : end-1]
	r.pos = end
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && s[i+1] == 'u':
			u := hex4(s[i+2:])
			i += 6
			if utf16.IsSurrogate(u) {
				if i+1 < len(s) && s[i] == '\\' && s[i+1] == 'u' {
					if d := utf16.DecodeRune(u, hex4(s[i+2:])); d != utf8.RuneError {
						b = utf8.AppendRune(b, d)
						i += 6
						continue
					}
				}
				u = utf8.RuneError
			}
			b = utf8.AppendRune(b, u)
		case c == '\\':
			b = append(b, unescape[s[i+1]])
			i += 2
		case c < utf8.RuneSelf:
			b = append(b, c)
			i++
		default:
			u, n := utf8.DecodeRune(s[i:])
			b = utf8.AppendRune(b, u)
			i += n
		}
	}
	return string(b)
}

// unescape maps the byte after a backslash to what it stands for.
var unescape = [256]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

// hex4 reads the four hex digits the scan has checked.
func hex4(b []byte) rune {
	var r rune
	for _, c := range b[:4] {
		switch {
		case c <= '9':
			c -= '0'
		case c <= 'F':
			c -= 'A' - 10
		default:
			c -= 'a' - 10
		}
		r = r<<4 | rune(c)
	}
	return r
}

// sameName reports whether an object key names the member name as
// encoding/json matches them: exactly, or equal once both are folded.
func sameName(key, name string) bool {
	if key == name {
		return true
	}
	i := 0
	for _, r := range key {
		if i == len(name) || fold(r) != fold(rune(name[i])) {
			return false
		}
		i++
	}
	return i == len(name)
}

// fold is encoding/json's folding of a rune (the smallest rune of its
// unicode.SimpleFold orbit) where that is an ASCII character, which is all
// a member's ASCII name can match: ASCII letters, and two others. Any
// other rune stays outside ASCII. The table is tested against package
// unicode.
func fold(r rune) rune {
	switch {
	case 'a' <= r && r <= 'z':
		return r - ('a' - 'A')
	case r == '\u017F': // ſ, long s
		return 'S'
	case r == '\u212A': // Kelvin sign
		return 'K'
	}
	return r
}

// A member is where one member of a JSON object goes, as encoding/json
// stores a struct field of its type: exactly one of the pointers is set.
type member struct {
	name    string
	str     *string
	strs    *[]string
	flag    *bool
	optFlag **bool
	num     *int
	raw     *validate.RawObject
}

// goType is the member's Go type as encoding/json's errors name it.
func (m member) goType() string {
	switch {
	case m.strs != nil:
		return "[]string"
	case m.flag != nil || m.optFlag != nil:
		return "bool"
	case m.num != nil:
		return "int"
	}
	return "string"
}

// A typeError is a value of the wrong JSON type for its member, the first
// one in the text, as json.UnmarshalTypeError describes it: Value is
// "string", "number", "number 2.5", "bool", "array" or "object"; Field is
// the member's name and Type the Go type of what the value was read into
// (the member, or an element of it), both empty for a top-level value
// that is no object. With Unknown, it is instead a key that a strict
// reading does not know, in Field.
type typeError struct {
	Value, Field, Type string
	Unknown            bool
}

// kind names the JSON value at pos as a type error does, and skips it.
func (r *reader) kind() string {
	text := r.skip()
	switch text[0] {
	case '"':
		return "string"
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "bool"
	}
	return "number"
}

// object reads the JSON value at pos into members as encoding/json
// decodes an object into a struct whose fields they are: a null leaves
// them alone; a member sent twice is stored twice; keys that name no
// member are skipped, or with strict the first is reported; the first
// value of the wrong type is reported. Members are only partly stored
// after an error.
func (r *reader) object(members []member, strict bool) *typeError {
	switch r.next() {
	case 'n':
		r.skip()
		return nil
	case '{':
	default:
		return &typeError{Value: r.kind()}
	}
	r.pos++
	for r.next() != '}' {
		key := r.str()
		r.pos = skipSpace(r.data, r.pos) + 1 // :
		m := slices.IndexFunc(members, func(m member) bool { return sameName(key, m.name) })
		if m < 0 {
			if strict {
				return &typeError{Field: key, Unknown: true}
			}
			r.skip()
		} else if value, typ := r.store(members[m]); value != "" {
			return &typeError{Value: value, Field: members[m].name, Type: typ}
		}
		if r.next() == ',' {
			r.pos++
		}
	}
	r.pos++
	return nil
}

// store reads the value at pos into m, or when its type is wrong returns
// how a type error names it and the Go type it was read into.
func (r *reader) store(m member) (wrong, goType string) {
	c := r.next()
	switch {
	case m.raw != nil:
		_ = m.raw.UnmarshalJSON(r.skip()) // fails only on a nil pointer
	case c == 'n':
		r.skip()
		switch {
		case m.strs != nil:
			*m.strs = nil
		case m.optFlag != nil:
			*m.optFlag = nil
		}
	case m.str != nil && c == '"':
		*m.str = r.str()
	case m.strs != nil && c == '[':
		if wrong := r.strings(m.strs); wrong != "" {
			return wrong, "string"
		}
	case (m.flag != nil || m.optFlag != nil) && (c == 't' || c == 'f'):
		v := r.skip()[0] == 't'
		if m.flag != nil {
			*m.flag = v
		} else {
			if *m.optFlag == nil {
				*m.optFlag = new(bool)
			}
			**m.optFlag = v
		}
	case m.num != nil && (c == '-' || '0' <= c && c <= '9'):
		text := r.skip()
		n, err := strconv.Atoi(string(text)) // int has 64 bits, on wasm too
		if err != nil {
			return "number " + string(text), m.goType()
		}
		*m.num = n
	default:
		return r.kind(), m.goType()
	}
	return "", ""
}

// strings reads an array of strings into *dst as encoding/json does,
// which reuses the slice: an element that is null keeps what the array
// under *dst held at its index, which can show when a member comes twice.
func (r *reader) strings(dst *[]string) (wrong string) {
	s := *dst
	defer func() { *dst = s }()
	r.pos++
	i := 0
	for ; r.next() != ']'; i++ {
		if i == cap(s) {
			s = slices.Grow(s, 1) // as reflect.Value.Grow(1) does, to the same capacity
		}
		if i >= len(s) {
			s = s[:i+1]
		}
		switch r.next() {
		case '"':
			s[i] = r.str()
		case 'n':
			r.skip()
		default:
			return r.kind()
		}
		if r.next() == ',' {
			r.pos++
		}
	}
	r.pos++
	s = s[:i]
	if i == 0 {
		s = []string{}
	}
	return ""
}
