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
	// One pass: the local part up to the '@', then the labels, each byte
	// judged by its class.
	if len(s) > 254 {
		return false
	}
	i := 0
	prevDot := true // a leading dot is refused like a double one
	for ; i < len(s); i++ {
		c := s[i]
		if class[c]&atext != 0 {
			prevDot = false
			continue
		}
		if c != '.' || prevDot {
			break
		}
		prevDot = true
	}
	// Stopped at the '@', or at a byte the local part cannot hold (a
	// double dot too); refused also: no '@', a long or empty local part,
	// a trailing dot.
	if i == len(s) || s[i] != '@' || i > 64 || prevDot {
		return false
	}
	labels, start := 0, i+1
	for j := start; ; j++ {
		if j < len(s) && s[j] != '.' {
			if class[s[j]]&ldh == 0 {
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

// The classes of a byte in an address: RFC 5322 atext (what a dot-atom
// local part holds besides its dots), and a letter, digit or hyphen (what
// a domain label holds).
const (
	atext = 1 << iota
	ldh
)

var class = func() (t [256]uint8) {
	for c := range 128 {
		if isLetter(byte(c)) || '0' <= c && c <= '9' {
			t[c] = atext | ldh
		}
	}
	for _, c := range []byte("!#$%&'*+-/=?^_`{|}~") {
		t[c] |= atext
	}
	t['-'] |= ldh
	return t
}()

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
