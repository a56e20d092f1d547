package advice

import (
	"slices"
	"testing"

	"github.com/contactrules/contactrules/validate"
)

// TypoLists gives the lists the rules read, and copies of them: what a
// generator does with them changes no advice.
func TestTypoLists(t *testing.T) {
	l := TypoLists()
	if len(l.Mailboxes) != len(mailboxes) || l.Mailboxes[0] != "gmail.com" {
		t.Errorf("mailboxes: %d, first %q; want %d, gmail.com first", len(l.Mailboxes), l.Mailboxes[0], len(mailboxes))
	}
	for name, list := range map[string][]string{"Known": l.Known, "TLDs": l.TLDs, "MailTLDs": l.MailTLDs} {
		if !slices.IsSorted(list) || len(list) == 0 {
			t.Errorf("%s is not sorted, or empty", name)
		}
	}
	for _, d := range reported {
		if _, ok := slices.BinarySearch(l.Known, d); !ok {
			t.Errorf("Known lacks the reported domain %s", d)
		}
	}
	if len(l.Known) != len(knownDomains)+len(reported) || len(l.TLDTypos) != len(tldTypos) || len(l.Roles) != len(roles) {
		t.Errorf("the lists' lengths differ from the rules'")
	}
	l.Mailboxes[0], l.Known[0], l.Roles[0], l.TLDTypos[0][1] = "x", "x", "x", "x"
	c := validate.Contact{Email: "abuse@gmial.con"}
	if got := For(c, validate.Policy{}); len(got) != 2 || got[0].Suggestion != "abuse@gmail.com" {
		t.Errorf("after changing the lists returned: %v", got)
	}
}
