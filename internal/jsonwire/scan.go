// Package jsonwire is the project's one JSON layer, at the level of bytes:
// stateless functions of a text and an index ([Space], [ConsumeOpen],
// [ConsumeKey], [ConsumeColon], [ConsumeString], [StringValue],
// [ConsumeNext], [ConsumeValue], [ConsumeNumber], [ConsumeLiteral]) for
// a reader that keeps its place in a local variable; a small
// forward-only [Scanner] built on them, which reads white space,
// literals, numbers, strings and whole values of any depth; and
// [AppendQuote], which writes a string exactly as encoding/json does.
// It is modelled on
// encoding/json/v2's jsontext and its internal jsonwire package: no
// reflection, no allocation for strings without escapes, time linear in
// the input and no recursion, so a hostile text costs neither stack nor
// more than one pass.
//
// It reads what encoding/json reads, with two differences. An object key
// must be valid UTF-8 (a raw byte that is not UTF-8, or a lone surrogate
// escape, makes the text malformed), because a key is a name and a name
// that is not text cannot be reported; string values may hold anything
// encoding/json accepts, and [Scanner.Str] says whether they are valid
// UTF-8. And there is no depth limit (encoding/json stops at 10,000
// levels), since depth costs a bit a level, not stack.
package jsonwire

import (
	"math/bits"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// A Scanner walks a JSON text once, left to right. Buf is the text and
// Pos the index of the next byte to read; a caller may read both (Pos
// says where a text went wrong) and may move Pos forward over bytes it
// has read itself.
//
// Methods that read a value report false when the text there is not one;
// Pos is then left where the value started or somewhere inside it, and
// the text is malformed.
//
// Strings without escapes are views of Buf, not copies: Buf must not
// change while strings taken from it are alive. The zero Scanner reads
// an empty text.
type Scanner struct {
	Buf []byte
	Pos int

	anyKey bool // keys need not be valid UTF-8 (ValidAnyKeys)
}

// The stateless layer: functions of a text and an index into it, as
// encoding/json/v2's jsonwire has them, for a reader that keeps its index
// in a local variable (a register) rather than in a Scanner, which every
// call would store and load again. The Scanner is built on them.

// Space returns the index of the first byte of b at or after i that is
// not JSON white space, or len(b).
func Space(b []byte, i int) int {
	// A mask of the four bytes, so that Space (and Peek, Eat) stays
	// small enough to be inlined everywhere.
	const space = 1<<' ' | 1<<'\n' | 1<<'\t' | 1<<'\r'
	for i < len(b) && b[i] <= ' ' && space&(1<<b[i]) != 0 {
		i++
	}
	return i
}

// ConsumeLiteral returns the index after word (true, false or null) when
// b[i:] starts with it, or -1.
func ConsumeLiteral(b []byte, i int, word string) int {
	if len(b)-i >= len(word) && string(b[i:i+len(word)]) == word {
		return i + len(word)
	}
	return -1
}

// StringValue returns the value of the string b[i:end], which
// [ConsumeString] read, escaped telling whether it holds escapes: a view
// of b without escapes, a new string with them (see [Scanner.Str]).
func StringValue(b []byte, i, end int, escaped bool) string {
	if escaped {
		return unescape(b, i, end)
	}
	// The closing quote is there, so b[i+1] is too, even for "".
	return unsafe.String(&b[i+1], end-i-2)
}

// ConsumeKey reads, at b[i], an object key, the colon after it and the
// white space around the colon. It returns the key and the index of the
// member's value, or next -1 when there is no string at b[i], the key is
// not valid UTF-8 (a name that is not text cannot be reported) or no
// colon follows it. Like [StringValue], the key is a view of b unless it
// holds escapes.
func ConsumeKey(b []byte, i int) (k string, next int) {
	end, escaped, valid := ConsumeString(b, i)
	if end < 0 || !valid {
		return "", -1
	}
	if next = ConsumeColon(b, end); next < 0 {
		return "", -1
	}
	return StringValue(b, i, end, escaped), next
}

// ConsumeColon reads, at b[i], white space, the colon between a key and
// its value and the white space after it, and returns the index of the
// value, or -1 when there is no colon.
func ConsumeColon(b []byte, i int) int {
	if i+1 < len(b) && b[i] == ':' && b[i+1] > ' ' { // compact text, asked first
		return i + 1
	}
	if i = Space(b, i); i == len(b) || b[i] != ':' {
		return -1
	}
	return Space(b, i+1)
}

// ConsumeOpen reads past the opening brace or bracket at b[i] and the
// white space after it: more says whether a member or element follows,
// at next; otherwise (close follows at once) next is past close.
func ConsumeOpen(b []byte, i int, close byte) (next int, more bool) {
	i = Space(b, i+1)
	if i < len(b) && b[i] == close {
		return i + 1, false
	}
	return i, true
}

// ConsumeNext reads what follows a member or an element at b[i]: white
// space, then a comma and the white space after it (more is true and
// next is the index of the next member or element), or close, the
// closing brace or bracket (more is false and next is the index after
// it). next is -1 when neither follows.
func ConsumeNext(b []byte, i int, close byte) (next int, more bool) {
	switch i = Space(b, i); {
	case i == len(b):
	case b[i] == ',':
		return Space(b, i+1), true
	case b[i] == close:
		return i + 1, false
	}
	return -1, false
}

// ConsumeValue reads one JSON value of any kind and depth at b[i], as
// [Scanner.Skip] does, and returns the index after it, or -1.
func ConsumeValue(b []byte, i int) int {
	i = Space(b, i)
	if i < len(b) && (b[i] == '{' || b[i] == '[') {
		s := Scanner{Buf: b, Pos: i}
		if !s.Skip() {
			return -1
		}
		return s.Pos
	}
	return consumeScalar(b, i) // none of Skip's stack for the usual number or boolean
}

// consumeScalar reads the string, number, true, false or null at b[i]
// and returns the index after it, or -1.
func consumeScalar(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '"':
		end, _, _ := ConsumeString(b, i)
		return end
	case 't':
		return ConsumeLiteral(b, i, "true")
	case 'f':
		return ConsumeLiteral(b, i, "false")
	case 'n':
		return ConsumeLiteral(b, i, "null")
	}
	return ConsumeNumber(b, i)
}

// ws skips JSON white space.
func (s *Scanner) ws() {
	s.Pos = Space(s.Buf, s.Pos)
}

// Peek skips white space and returns the next byte, or 0 at the end of
// the text (where a NUL byte would be no JSON either). It does not
// consume the byte.
func (s *Scanner) Peek() byte {
	s.ws()
	if s.Pos < len(s.Buf) {
		return s.Buf[s.Pos]
	}
	return 0
}

// AtEnd skips white space and reports whether the text ends there.
func (s *Scanner) AtEnd() bool {
	s.ws()
	return s.Pos == len(s.Buf)
}

// Eat skips white space and consumes c if it is the next byte. It
// reports whether it did.
func (s *Scanner) Eat(c byte) bool {
	if s.Peek() == c && s.Pos < len(s.Buf) {
		s.Pos++
		return true
	}
	return false
}

// Literal consumes word (true, false or null) if the text at Pos starts
// with it. It does not skip white space before it, nor look at what
// follows it: the caller's next step rejects "nullx".
func (s *Scanner) Literal(word string) bool {
	return s.to(ConsumeLiteral(s.Buf, s.Pos, word))
}

// to moves to end, the answer of a stateless function, unless it is -1
// (the text there is not what was asked), and reports which.
func (s *Scanner) to(end int) bool {
	if end < 0 {
		return false
	}
	s.Pos = end
	return true
}

// Number consumes the JSON number at Pos, as ConsumeNumber reads it.
func (s *Scanner) Number() bool {
	return s.to(ConsumeNumber(s.Buf, s.Pos))
}

// ConsumeNumber reads the JSON number at b[i]: an optional minus, an
// integer part without leading zeros, an optional fraction and an
// optional exponent; it returns the index after it, or -1. It stops at
// the first byte that cannot continue the number, so "01" reads as 0 and
// leaves "1" for the caller to reject.
func ConsumeNumber(b []byte, i int) int {
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && '1' <= b[i] && b[i] <= '9':
		i = digits(b, i)
	default:
		return -1
	}
	if i < len(b) && b[i] == '.' {
		j := digits(b, i+1)
		if j == i+1 {
			return -1
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
			return -1
		}
		i = j
	}
	return i
}

func digits(b []byte, i int) int {
	for i < len(b) && '0' <= b[i] && b[i] <= '9' {
		i++
	}
	return i
}

// Str reads the JSON string at Pos (it does not skip white space before
// it) and returns its value. ok is false when the text there is not a
// well-formed JSON string; Pos is then unchanged.
//
// A string without escapes is a view of Buf (no allocation); one with
// escapes is decoded into a new string. valid reports whether the value
// is valid UTF-8, as noted while reading it, so the caller need not
// check again. A raw byte that is not UTF-8 is kept as it is, and a lone
// surrogate escape (\ud800 not followed by a low surrogate escape) is
// decoded to its three-byte encoding, which is not UTF-8 either: a
// caller that rejects invalid UTF-8 rejects both, where encoding/json
// would have replaced both with U+FFFD.
func (s *Scanner) Str() (v string, valid, ok bool) {
	end, escaped, valid := ConsumeString(s.Buf, s.Pos)
	if end < 0 {
		return "", false, false
	}
	v = StringValue(s.Buf, s.Pos, end, escaped)
	s.Pos = end
	return v, valid, true
}

// unescape returns the value of the well-formed string with escapes
// b[i:end].
func unescape(b []byte, i, end int) string {
	body := b[i+1 : end-1]
	// A decoded string is never longer than its text.
	return view(unquote(make([]byte, 0, len(body)), body))
}

// Key skips white space and reads an object key, the colon after it and
// the white space after that (see [ConsumeKey]).
// ok is false when there is no string there, when the key is not valid
// UTF-8 (a name that is not text cannot be reported) or when no colon
// follows it.
func (s *Scanner) Key() (k string, ok bool) {
	s.ws()
	k, next := ConsumeKey(s.Buf, s.Pos)
	return k, s.to(next)
}

// skipKey is Key without decoding the key: no allocation.
func (s *Scanner) skipKey() bool {
	// ConsumeKey without the key's value (no allocation for escapes);
	// not a function the two share: the extra call in ConsumeKey cost
	// 54 instructions a typical contact (its three custom keys).
	s.ws()
	end, _, valid := ConsumeString(s.Buf, s.Pos)
	if end < 0 || !valid && !s.anyKey {
		return false
	}
	return s.to(ConsumeColon(s.Buf, end))
}

// Scalar skips white space and consumes a string, number, true, false or
// null, without decoding it (no allocation).
func (s *Scanner) Scalar() bool {
	s.ws()
	return s.scalar()
}

// scalar is Scalar once white space is skipped.
func (s *Scanner) scalar() bool {
	return s.to(consumeScalar(s.Buf, s.Pos))
}

// Skip skips white space and consumes one JSON value of any kind and
// depth, without decoding it. It never recurses: each open object or
// array costs one bit (on the heap beyond 128 levels), and every step
// moves forward, so time is linear in the text. Object keys must be
// valid UTF-8, as for [Scanner.Key]; nothing else is asked of a string.
func (s *Scanner) Skip() bool {
	var open stack
	object := false // whether the innermost open container is an object
	for {
		// A value is expected here.
		switch c := s.Peek(); c {
		case '{':
			s.Pos++
			if !s.Eat('}') {
				if !s.skipKey() {
					return false
				}
				open.push(true)
				object = true
				continue
			}
		case '[':
			s.Pos++
			if !s.Eat(']') {
				open.push(false)
				object = false
				continue
			}
		default:
			if !s.scalar() {
				return false
			}
		}
		// A value ended: close containers until one goes on.
	closing:
		for open.n > 0 {
			switch c := s.Peek(); {
			case c == ',':
				s.Pos++
				if object && !s.skipKey() {
					return false
				}
				break closing
			case c == '}' && object, c == ']' && !object:
				s.Pos++
				open.n--
				if open.n > 0 {
					object = open.top()
				}
			default:
				return false
			}
		}
		if open.n == 0 {
			return true
		}
	}
}

// A stack holds one bit for each open container: set for an object,
// clear for an array. Its first 128 levels need no allocation.
type stack struct {
	inline [2]uint64
	more   []uint64 // levels 128 and up
	n      int
}

func (st *stack) push(object bool) {
	bit := uint64(1) << (st.n % 64)
	if w := st.word(st.n); object {
		*w |= bit
	} else {
		*w &^= bit
	}
	st.n++
}

func (st *stack) top() bool {
	return *st.word(st.n - 1)&(1<<((st.n-1)%64)) != 0
}

// word returns the word that holds level i, adding one when a push
// reaches past the last.
func (st *stack) word(i int) *uint64 {
	if i < 128 {
		return &st.inline[i/64]
	}
	j := (i - 128) / 64
	if j == len(st.more) {
		st.more = append(st.more, 0)
	}
	return &st.more[j]
}

// plain[c] is true for the bytes that stand for themselves in a JSON
// string and need no further look: ASCII but the quote, the backslash
// and control characters.
var plain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// ConsumeString reads the JSON string that starts at b[i] without
// decoding it. end is the index after its closing quote, or -1 when b[i:] does
// not start with a well-formed string; escaped reports whether it holds
// escapes and valid whether its value is valid UTF-8 (neither raw bytes
// that are not UTF-8 nor lone surrogate escapes). Validity is judged on
// the text: raw bytes between escapes must be UTF-8 on their own, since
// an escape decodes to whole characters and so cannot complete a
// sequence that the raw bytes before it began.
func ConsumeString(b []byte, i int) (end int, escaped, valid bool) {
	if i >= len(b) || b[i] != '"' {
		return -1, false, false
	}
	// Eight bytes at a time while none of them needs a look: most strings
	// are plain ASCII up to their closing quote, and then this is all
	// that runs (a loop small enough to keep its values in registers).
	// consumeRest has the same loop: as a function of its own it cannot
	// be inlined, and the call cost 180 instructions a typical contact.
	i++
	for i+8 <= len(b) {
		if m := special(load8(b, i)); m != 0 {
			i += bits.TrailingZeros64(m) >> 3
			if b[i] == '"' {
				return i + 1, false, true
			}
			break
		}
		i += 8
	}
	return consumeRest(b, i)
}

// consumeRest is ConsumeString from b[i] on, inside a string whose bytes
// so far were plain.
func consumeRest(b []byte, i int) (end int, escaped, valid bool) {
	valid = true
	for i < len(b) {
		for i+8 <= len(b) {
			if m := special(load8(b, i)); m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				break
			}
			i += 8
		}
		if i >= len(b) {
			break
		}
		c := b[i]
		if c == '"' {
			return i + 1, escaped, valid
		}
		if plain[c] {
			i++
			continue
		}
		switch {
		case c == '\\':
			escaped = true
			n, lone := escapeLen(b, i)
			if n == 0 {
				return -1, false, false
			}
			valid = valid && !lone
			i += n
		case c < 0x20:
			return -1, false, false
		default:
			r, size := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size == 1 {
				valid = false
			}
			i += size
		}
	}
	return -1, false, false
}

// special marks, in the high bit of each byte of the result, the bytes
// of w (eight bytes of text, the first in the low byte) that are not
// plain: control characters, the quote, the backslash and non-ASCII.
// The lowest mark is exact (a borrow starts only at a byte that is
// marked, and can only mark bytes after it), which is all ConsumeString
// uses. Below 0x80, each difference marks the bytes of its kind; from
// 0x80 up, a byte stays at 0x80 or above after either exclusive or, and
// is marked by a difference whose exclusive or did not leave it at
// exactly 0x80 (they cannot both).
func special(w uint64) uint64 {
	const (
		ones  = 0x0101010101010101
		highs = 0x8080808080808080
	)
	q, bs := w^(ones*'"'), w^(ones*'\\')
	return ((w - ones*0x20) | (q - ones) | (bs - ones)) & highs
}

// load8 reads b[i:i+8] as a little-endian word (one load, as the compiler
// combines the bytes; encoding/binary would link reflect).
func load8(b []byte, i int) uint64 {
	b = b[i : i+8]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// escapeLen returns the length of the escape at b[i] == '\\': 2, 6, or 12
// for a surrogate pair; 0 when it is malformed. lone reports a surrogate
// escape not paired with the one after it, read on its own (length 6).
func escapeLen(b []byte, i int) (n int, lone bool) {
	if i+1 >= len(b) {
		return 0, false
	}
	switch b[i+1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return 2, false
	case 'u':
		r, ok := hex4(b, i+2)
		if !ok {
			return 0, false
		}
		if !utf16.IsSurrogate(r) {
			return 6, false
		}
		if _, ok := pair(b, i+6, r); ok {
			return 12, false
		}
		return 6, true
	}
	return 0, false
}

// pair decodes the surrogate pair whose second half would be the escape
// at b[i], r being the first half.
func pair(b []byte, i int, r rune) (rune, bool) {
	if i+1 < len(b) && b[i] == '\\' && b[i+1] == 'u' {
		if r2, ok := hex4(b, i+2); ok {
			if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
				return d, true
			}
		}
	}
	return 0, false
}

// unquote appends the value of body, the text of a well-formed string
// between its quotes, to out.
func unquote(out, body []byte) []byte {
	for i := 0; i < len(body); {
		c := body[i]
		if c != '\\' {
			out = append(out, c)
			i++
			continue
		}
		switch e := body[i+1]; e {
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
			r, _ := hex4(body, i+2)
			i += 6
			if !utf16.IsSurrogate(r) {
				out = utf8.AppendRune(out, r)
				continue
			}
			if d, ok := pair(body, i, r); ok {
				out = utf8.AppendRune(out, d)
				i += 6
				continue
			}
			// A lone surrogate: keep its three-byte encoding,
			// which is not valid UTF-8.
			out = append(out, 0xE0|byte(r>>12), 0x80|byte(r>>6)&0x3F, 0x80|byte(r)&0x3F)
			continue
		default: // '"', '\\', '/'
			out = append(out, e)
		}
		i += 2
	}
	return out
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

// view returns b as a string without copying. Safe because Buf does not
// change while its strings are alive (the Scanner's contract) and a
// decoded string's bytes are written once, before the view is taken.
func view(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}
