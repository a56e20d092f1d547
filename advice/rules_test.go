package advice

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestTLDTyposAreNoTLDs: a typo the table corrects is no top-level
// domain (else a real domain would be "corrected"), and its correction is.
func TestTLDTyposAreNoTLDs(t *testing.T) {
	for _, typo := range tldTypos {
		if in(tlds[:], []byte(typo.typo)) {
			t.Errorf("%s is a top-level domain", typo.typo)
		}
		if !in(tlds[:], []byte(typo.tld)) {
			t.Errorf("%s is no top-level domain", typo.tld)
		}
	}
	for _, want := range []string{"con", "cmo", "comm", "og"} { // the issue's
		if !strings.Contains(fmt.Sprint(tldTypos), "{"+want+" ") {
			t.Errorf("the issue's %s is not corrected", want)
		}
	}
}

// TestByLengthReachesEveryMailbox: byLength is long enough for every
// domain within two edits of a mailbox domain.
func TestByLengthReachesEveryMailbox(t *testing.T) {
	for i, m := range mailboxes {
		if len(m.name)+maxEdits >= len(byLength) {
			t.Errorf("%s: %d bytes; byLength has %d lengths", m.name, len(m.name), len(byLength))
		}
		if !strings.Contains(m.name, ".") || m.label+m.suffix[1:] != m.name {
			t.Errorf("mailboxes[%d] = %+v", i, m)
		}
	}
}

func TestDistances(t *testing.T) {
	tests := []struct {
		s, t         string
		osa, damerau int // capped at maxEdits+1
	}{
		{"gmail.com", "gmail.com", 0, 0},
		{"gmial.com", "gmail.com", 1, 1},
		{"gmai.com", "gmail.com", 1, 1},
		{"gmaill.com", "gmail.com", 1, 1},
		{"hotmial.con", "hotmail.com", 2, 2},
		{"gmalai.com", "gmail.com", 3, 2}, // an insertion between a swapped pair
		{"example.com", "gmail.com", 3, 3},
		{"", "ab", 2, 2},
	}
	for _, tt := range tests {
		if got := distance([]byte(tt.s), tt.t, maxEdits); got != tt.osa {
			t.Errorf("distance(%q, %q) = %d, want %d", tt.s, tt.t, got, tt.osa)
		}
		if got := damerau([]byte(tt.s), tt.t); got != tt.damerau {
			t.Errorf("damerau(%q, %q) = %d, want %d", tt.s, tt.t, got, tt.damerau)
		}
	}
}

// TestREADMETable: the README's table of advice rules is Rules (go test
// ./advice -run TestREADMETable -update writes it).
func TestREADMETable(t *testing.T) {
	checkBlock(t, filepath.Join("..", "README.md"), "advice-rules", readmeTable())
}

func readmeTable() string {
	var b strings.Builder
	b.WriteString("| # | field | rule | message | on | advises when |\n|---|---|---|---|---|---|\n")
	for i, r := range Rules() {
		on := "create, update, form"
		if r.Form {
			on = "form"
		}
		fmt.Fprintf(&b, "| %d | `%s` | `%s` | %s | %s | %s |\n", i+1, r.Field, r.Name, r.Message, on, r.When)
	}
	return b.String()
}
