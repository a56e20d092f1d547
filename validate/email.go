package validate

import "strings"

// AppendEmailKey appends to dst the form under which two email addresses
// name the same contact: the local part as it is (RFC 5321 lets a mail
// server tell its cases apart) and the domain in ASCII lower case (DNS
// ignores case). An update that sends the stored address in another case
// of its domain changes nothing, and contactcheck finds duplicates by this
// form. A text without '@' is appended as it is.
func AppendEmailKey(dst []byte, email string) []byte {
	at := strings.LastIndexByte(email, '@')
	start := len(dst)
	dst = append(dst, email...)
	if at < 0 {
		return dst
	}
	for i := start + at + 1; i < len(dst); i++ {
		if c := dst[i]; 'A' <= c && c <= 'Z' {
			dst[i] = c + 'a' - 'A'
		}
	}
	return dst
}

// validEmail reports whether s is an address docs/email.md accepts:
// ASCII local@domain, a dot-atom local part of at most 64 characters, a
// domain of two or more LDH labels whose last is alphabetic or a punycode
// "xn--" label, at most 254 characters in all. Everything RFC 5322 allows
// beyond that (quoted local parts, comments, IP literals, display names) is
// refused on purpose: no mail system a marketer uses needs them.
func validEmail(s string) bool {
	// One pass: the local part up to the '@', then the labels.
	if len(s) > 254 {
		return false
	}
	i := 0
	prevDot := true // a leading dot is refused like a double one
	for ; i < len(s) && s[i] != '@'; i++ {
		switch c := s[i]; {
		case c == '.' && prevDot:
			return false
		case c == '.':
			prevDot = true
		case !isAtext(c):
			return false
		default:
			prevDot = false
		}
	}
	if i == len(s) || i > 64 || prevDot { // no '@', a long or empty local part, or a trailing dot
		return false
	}
	labels, start := 0, i+1
	for j := start; ; j++ {
		if j < len(s) && s[j] != '.' {
			if c := s[j]; !isLetter(c) && (c < '0' || '9' < c) && c != '-' {
				return false // a second '@' too
			}
			continue
		}
		label := s[start:j]
		if len(label) < 1 || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false // an empty domain or a trailing dot too
		}
		labels++
		if j == len(s) {
			return labels >= 2 && topLabel(label)
		}
		start = j + 1
	}
}

// atext is RFC 5322 atext, as a bitmap over ASCII.
var atext = func() (m [2]uint64) {
	const punct = "!#$%&'*+-/=?^_`{|}~"
	set := func(c byte) { m[c/64] |= 1 << (c % 64) }
	for c := byte('0'); c <= '9'; c++ {
		set(c)
	}
	for c := byte('a'); c <= 'z'; c++ {
		set(c)
		set(c - 'a' + 'A')
	}
	for i := 0; i < len(punct); i++ {
		set(punct[i])
	}
	return m
}()

func isAtext(c byte) bool {
	return c < 128 && atext[c/64]&(1<<(c%64)) != 0
}

// topLabel reports whether the last label may end a domain: letters only,
// or an internationalised top-level domain in its punycode form.
func topLabel(l string) bool {
	if len(l) > 4 && l[0]|0x20 == 'x' && l[1]|0x20 == 'n' && l[2:4] == "--" {
		return true
	}
	for i := 0; i < len(l); i++ {
		if !isLetter(l[i]) {
			return false
		}
	}
	return true
}

func isLetter(c byte) bool {
	u := c &^ 0x20 // upper case
	return 'A' <= u && u <= 'Z'
}
