package fuzz

import (
	"math/rand"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Text for names, tags, custom fields and keys, email addresses, and a
// JSON writer that makes every choice JSON allows (escapes, white space)
// at random, so that the reader is tested against all of them.

// scripts are the code points text is drawn from: ASCII, the characters
// JSON must escape, several scripts, combining marks, invisible and
// astral characters.
var scripts = []struct{ lo, hi rune }{
	{0x00, 0x1f}, {0x7f, 0x7f}, // controls
	{'!', '/'}, {':', '@'}, {'[', '`'}, {'{', '~'}, // punctuation, among it " and \
	{0xc0, 0xff}, {0x100, 0x17f}, // Latin
	{0x300, 0x36f},                 // combining marks
	{0x391, 0x3c9}, {0x410, 0x44f}, // Greek, Cyrillic
	{0x5d0, 0x5ea}, {0x627, 0x64a}, // Hebrew, Arabic
	{0x900, 0x97f},                                       // Devanagari
	{0x3040, 0x30ff}, {0x4e00, 0x9fff}, {0xac00, 0xd7a3}, // kana, CJK, Hangul
	{0x200b, 0x200f}, {0x2028, 0x2029}, {0xfeff, 0xfeff}, {0xfffd, 0xffff}, {0xe000, 0xe0ff},
	{0x1f300, 0x1f64f}, {0x1f900, 0x1f9ff}, {0x10000, 0x1007f}, {0x10fff0, 0x10ffff},
}

const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

// genRune returns a random code point: mostly a letter or a space, as in
// real names.
func genRune(r *rand.Rand) rune {
	switch k := r.Intn(10); {
	case k < 5:
		return rune(letters[r.Intn(len(letters))])
	case k == 5:
		return ' '
	}
	s := pick(r, scripts)
	return s.lo + rune(r.Intn(int(s.hi-s.lo+1)))
}

// genText returns a valid UTF-8 string of exactly n code points.
func genText(r *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		b.WriteRune(genRune(r))
	}
	return b.String()
}

// genLen returns a length in [lo, hi]: mostly short, often one of the
// bounds.
func genLen(r *rand.Rand, lo, hi int) int {
	switch r.Intn(10) {
	case 0:
		return hi
	case 1:
		return lo
	}
	return lo + r.Intn(min(hi-lo, 12)+1)
}

// invalidUTF8 are byte sequences that are not UTF-8: a stray byte, a
// continuation byte, an overlong encoding, a truncated sequence, and the
// encodings of surrogates (which JSON can also write as a lone \uD800).
var invalidUTF8 = []string{"\xff", "\x80", "\xc0\xaf", "\xe2\x82", "\xed\xa0\x80", "\xed\xbf\xbf", "\xf4\x90\x80\x80"}

// breakUTF8 inserts one invalid sequence into s at a code point boundary.
func breakUTF8(r *rand.Rand, s string) string {
	cut := []int{0, len(s)}
	for i := range s {
		cut = append(cut, i)
	}
	i := pick(r, cut)
	return s[:i] + pick(r, invalidUTF8) + s[i:]
}

// atext is RFC 5322 atext beside letters and digits.
const atextPunct = "!#$%&'*+-/=?^_`{|}~"

// genLocal returns a dot-atom local part of n characters.
func genLocal(r *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		switch k := r.Intn(20); {
		case k == 0:
			b[i] = atextPunct[r.Intn(len(atextPunct))]
		case k < 3:
			b[i] = byte('0' + r.Intn(10))
		case k < 5 && i > 0 && i < n-1 && b[i-1] != '.':
			b[i] = '.'
		default:
			b[i] = letters[r.Intn(len(letters))]
		}
	}
	return string(b)
}

// genLabel returns an LDH label of n characters, with no hyphen at
// either end.
func genLabel(r *rand.Rand, n int) string {
	const ldh = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-"
	b := make([]byte, n)
	for i := range b {
		if i == 0 || i == n-1 {
			b[i] = ldh[r.Intn(len(ldh)-1)]
		} else {
			b[i] = ldh[r.Intn(len(ldh))]
		}
	}
	return string(b)
}

// genTLD returns a last label: letters, or a punycode label.
func genTLD(r *rand.Rand) string {
	if r.Intn(8) == 0 {
		return pick(r, []string{"xn--", "XN--", "xn--"}) + genLabel(r, 2+r.Intn(8))
	}
	var b strings.Builder
	for range 2 + r.Intn(5) {
		b.WriteByte(letters[r.Intn(len(letters))])
	}
	return b.String()
}

// genDomain returns a valid domain of 2 to 4 labels.
func genDomain(r *rand.Rand) string {
	labels := make([]string, 1+r.Intn(3))
	for i := range labels {
		labels[i] = genLabel(r, genLen(r, 1, 63))
	}
	return strings.Join(append(labels, genTLD(r)), ".")
}

// genEmail returns an address docs/email.md accepts.
func genEmail(r *rand.Rand) string {
	for {
		e := genLocal(r, genLen(r, 1, 64)) + "@" + genDomain(r)
		if len(e) <= 254 {
			return e
		}
	}
}

// badEmail returns a non-empty, UTF-8 string that is not an address
// docs/email.md accepts.
func badEmail(r *rand.Rand) string {
	local, domain := genLocal(r, 1+r.Intn(12)), genDomain(r)
	insert := func(s, what string) string {
		i := r.Intn(len(s) + 1)
		return s[:i] + what + s[i:]
	}
	switch r.Intn(24) {
	case 0:
		return local + domain // no @
	case 1:
		return local + "@" + local + "@" + domain
	case 2:
		return "." + local + "@" + domain
	case 3:
		return local + ".@" + domain
	case 4:
		return "a.." + local + "@" + domain
	case 5:
		return genLocal(r, 65+r.Intn(5)) + "@" + domain
	case 6: // over 254 in all, every label valid
		return local + "@" + strings.Repeat(genLabel(r, 63)+".", 4) + "com"
	case 7:
		return local + "@" + genLabel(r, 1+r.Intn(10)) // one label
	case 8:
		return local + "@" + genLabel(r, 3) + "." + strconv.Itoa(1+r.Intn(999)) // numeric top label
	case 9:
		return local + "@" + genLabel(r, 3) + ".c0m"
	case 10:
		return local + "@-" + domain
	case 11:
		return local + "@" + strings.Replace(domain, ".", "-.", 1)
	case 12:
		return local + "@" + genLabel(r, 64) + ".com"
	case 13:
		return "@" + domain
	case 14:
		return local + "@"
	case 15:
		return local + "@" + domain + "."
	case 16:
		return local + "@" + strings.Replace(domain, ".", "..", 1)
	case 17:
		return "Jane <" + local + "@" + domain + ">"
	case 18:
		return `"` + local + `"@` + domain
	case 19:
		return local + "@[192.0.2.1]"
	case 20:
		return insert(local, pick(r, []string{"é", "ü", "ı", "\u00a0", "😀"})) + "@" + domain
	case 21:
		return local + "@" + insert(domain[:strings.IndexByte(domain, '.')], "ü") + domain[strings.IndexByte(domain, '.'):]
	case 22:
		return insert(local, pick(r, []string{" ", ",", ";", ":", "<", ">", "(", ")", "[", "]", `\`, `"`})) + "@" + domain
	}
	return local + "@" + insert(domain[:strings.IndexByte(domain, '.')], "_") + domain[strings.IndexByte(domain, '.'):]
}

// sameAddress is the contract's "sending the same value again": validate
// compares local parts exactly and domains without regard to ASCII case.
func sameAddress(a, b string) bool {
	i, j := strings.LastIndexByte(a, '@'), strings.LastIndexByte(b, '@')
	return i >= 0 && j >= 0 && a[:i] == b[:j] && asciiEqualFold(a[i:], b[j:])
}

// sameElsewise returns the address itself, or now and then with its
// domain in other letter cases: the same address to validate.
func sameElsewise(r *rand.Rand, addr string) string {
	at := strings.LastIndexByte(addr, '@')
	if at < 0 || r.Intn(3) != 0 {
		return addr
	}
	domain := []byte(addr[at:])
	for i, c := range domain {
		if r.Intn(2) == 0 && ('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			domain[i] = c ^ 0x20
		}
	}
	return addr[:at] + string(domain)
}

func asciiEqualFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range len(a) {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// ws returns JSON white space: mostly none.
func ws(r *rand.Rand) string {
	if r.Intn(4) != 0 {
		return ""
	}
	return pick(r, []string{" ", "\n", "\t", "\r\n", "  ", " \n\t"})
}

// quote appends s as a JSON string. Where JSON lets the writer choose
// (escape or not, which escape, hex case) it chooses at random. Bytes
// that are not UTF-8 are written as they are, except that the encoding of
// a lone surrogate may be written as its \u escape, which validate reads
// back as the same bytes.
func quote(r *rand.Rand, b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size <= 1 {
			if u, ok := surrogateAt(s, i); ok && r.Intn(2) == 0 {
				if _, next := surrogateAt(s, i+3); !next {
					b = appendU(r, b, u)
					i += 3
					continue
				}
			}
			b = append(b, s[i])
			i++
			continue
		}
		switch {
		case c == '"' || c == '\\':
			if r.Intn(4) == 0 {
				b = appendU(r, b, c)
			} else {
				b = append(b, '\\', byte(c))
			}
		case c < 0x20:
			if short := strings.IndexRune("\b\f\n\r\t", c); short >= 0 && r.Intn(2) == 0 {
				b = append(b, '\\', "bfnrt"[short])
			} else {
				b = appendU(r, b, c)
			}
		case c == '/' && r.Intn(2) == 0:
			b = append(b, '\\', '/')
		case r.Intn(10) == 0:
			if c > 0xffff {
				hi, lo := utf16.EncodeRune(c)
				b = appendU(r, appendU(r, b, hi), lo)
			} else {
				b = appendU(r, b, c)
			}
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}

// surrogateAt reports whether s holds the three-byte encoding of a
// surrogate at i, and which.
func surrogateAt(s string, i int) (rune, bool) {
	if i+3 > len(s) || s[i] != 0xed || s[i+1] < 0xa0 || s[i+1] > 0xbf || s[i+2] < 0x80 || s[i+2] > 0xbf {
		return 0, false
	}
	return 0xd000 | rune(s[i+1]&0x3f)<<6 | rune(s[i+2]&0x3f), true
}

func appendU(r *rand.Rand, b []byte, c rune) []byte {
	const lower, upper = "0123456789abcdef", "0123456789ABCDEF"
	hex := lower
	if r.Intn(2) == 0 {
		hex = upper
	}
	return append(b, '\\', 'u', hex[c>>12&15], hex[c>>8&15], hex[c>>4&15], hex[c&15])
}

// numbers are JSON numbers in all their forms.
var jsonNumbers = []string{"0", "-0", "7", "-12", "3.25", "-0.5", "1e3", "1E+2", "2.5e-7", "123456789012345678901234567890", "1.0E400"}
