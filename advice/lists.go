package advice

import "slices"

// Lists are the lists the rules read, for the generators of other
// engines of the same rules (npm/gen writes them into the JavaScript
// engine's data): docs/advice.md says where each comes from.
type Lists struct {
	Mailboxes []string    // the well-known mailbox domains, the most used first
	Known     []string    // the known domains email_typo never corrects, sorted
	TLDs      []string    // the IANA root zone's top-level domains in ASCII, sorted
	MailTLDs  []string    // the top-level domains where mailbox domains are common, sorted
	TLDTypos  [][2]string // the typos of common top-level domains and the domain each is one of
	Roles     []string    // the local parts of role addresses, as role_address reads them
}

// TypoLists returns a copy of the lists the rules read.
func TypoLists() Lists {
	l := Lists{
		Mailboxes: append(append([]string{}, top100[:]...), moreMailboxes...),
		Known:     slices.Sorted(slices.Values(append(append([]string{}, knownDomains[:]...), reported...))),
		TLDs:      append([]string{}, tlds[:]...),
		MailTLDs:  append([]string{}, mailTLDs[:]...),
		Roles:     append([]string{}, roles...),
	}
	for _, t := range tldTypos {
		l.TLDTypos = append(l.TLDTypos, [2]string{t.typo, t.tld})
	}
	return l
}
