package validate

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// rfc5322Atext is RFC 5322's atext, spelt out.
const rfc5322Atext = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+-/=?^_`{|}~"

// byTheDefinition is docs/email.md read as it is written, part by part:
// validEmail must agree with it on every input.
func byTheDefinition(s string) bool {
	at := strings.LastIndexByte(s, '@')
	if len(s) > 254 || at < 1 || at > 64 || strings.Count(s, "@") != 1 {
		return false
	}
	local, domain := s[:at], s[at+1:]
	for _, atom := range strings.Split(local, ".") {
		if atom == "" {
			return false
		}
		for i := 0; i < len(atom); i++ {
			if !strings.ContainsRune(rfc5322Atext, rune(atom[i])) {
				return false
			}
		}
	}
	labels := strings.Split(domain, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if len(l) < 1 || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for i := 0; i < len(l); i++ {
			if c := l[i]; !isLetter(c) && (c < '0' || '9' < c) && c != '-' {
				return false
			}
		}
	}
	return topLabel(labels[len(labels)-1])
}

// TestEmailIsTheDefinition compares validEmail with byTheDefinition on
// addresses built from the pieces that matter (dots, '@', hyphens,
// digits, punycode, non-ASCII) and on lengths around every limit.
func TestEmailIsTheDefinition(t *testing.T) {
	pieces := []string{"a", "Z", "0", ".", "..", "@", "-", "_", "+", "xn--", "com", "é", " ", "\"", "\x00", "[", "example", "9"}
	rng := rand.New(rand.NewPCG(3, 4))
	var accepted int
	check := func(s string) {
		if got, want := validEmail(s), byTheDefinition(s); got != want {
			t.Fatalf("validEmail(%q) = %v, the definition says %v", s, got, want)
		}
		if validEmail(s) {
			accepted++
		}
	}
	for range 200_000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		check(b.String())
		check("jane" + b.String() + "@example.com")
		check("jane@" + b.String())
	}
	for _, n := range []int{1, 63, 64, 65, 240, 254, 255} {
		check(strings.Repeat("a", n) + "@example.com")
		check("a@" + strings.Repeat("b", n) + ".com")
		check("a@" + strings.Repeat("b.", n/2) + "com")
		check(strings.Repeat("a", 64) + "@" + strings.Repeat("b", n) + ".com")
	}
	if accepted < 10_000 {
		t.Fatalf("only %d addresses were valid: the test needs more", accepted)
	}
}

// TestAppendEmailKey: the domain in ASCII lower case, the local part and
// everything not ASCII as sent.
func TestAppendEmailKey(t *testing.T) {
	for in, want := range map[string]string{
		"Jane@Example.COM": "Jane@example.com",
		"jane@example.com": "jane@example.com",
		"J@ne@EXAMPLE.com": "J@ne@example.com",
		"jane@EXAMPLÉ.com": "jane@examplÉ.com",
		"NO-AT-SIGN.COM":   "NO-AT-SIGN.COM",
		"":                 "",
		"x@":               "x@",
		"@Z":               "@z",
	} {
		if got := string(AppendEmailKey([]byte("prefix:"), in)); got != "prefix:"+want {
			t.Errorf("AppendEmailKey(%q) = %q, want %q", in, got, "prefix:"+want)
		}
	}
}
