package validate

// validEmail reports whether s is an address docs/email.md accepts:
// ASCII local@domain, a dot-atom local part of at most 64 characters, a
// domain of two or more LDH labels whose last is alphabetic or a punycode
// "xn--" label, at most 254 characters in all. Everything RFC 5322 allows
// beyond that (quoted local parts, comments, IP literals, display names) is
// refused on purpose: no mail system a marketer uses needs them.
func validEmail(s string) bool {
	if len(s) > 254 {
		return false
	}
	at := -1
	for i := 0; i < len(s); i++ {
		if s[i] == '@' {
			if at >= 0 {
				return false
			}
			at = i
		}
	}
	if at < 1 || at > 64 {
		return false
	}
	return dotAtom(s[:at]) && validDomain(s[at+1:])
}

// dotAtom reports whether s is RFC 5322 dot-atom-text.
func dotAtom(s string) bool {
	prevDot := true // a leading dot is refused like a double one
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '.' {
			if prevDot {
				return false
			}
			prevDot = true
			continue
		}
		if !isAtext(c) {
			return false
		}
		prevDot = false
	}
	return !prevDot
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

// validDomain reports whether s is two or more dot-separated LDH labels of
// 1 to 63 characters with no hyphen at either end, the last alphabetic or
// punycode.
func validDomain(s string) bool {
	labels := 0
	for len(s) > 0 {
		end := 0
		for end < len(s) && s[end] != '.' {
			end++
		}
		label := s[:end]
		if !ldhLabel(label) {
			return false
		}
		labels++
		if end == len(s) {
			return labels >= 2 && topLabel(label)
		}
		s = s[end+1:]
	}
	return false // empty domain, or a trailing dot
}

func ldhLabel(l string) bool {
	if len(l) < 1 || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
		return false
	}
	for i := 0; i < len(l); i++ {
		c := l[i]
		if !(isLetter(c) || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
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
