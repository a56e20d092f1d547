package gen

// A TypingLead is what the as-you-type formatter asks of one format's
// leading digits: its patterns, and Short, the inputs of one digit d
// (bit d) and of two digits d1 d2 (bit 10+10·d1+d2) that its first
// pattern, read as libphonenumber-js's PatternMatcher reads it, matches
// or may still match once more digits come.
type TypingLead struct {
	Patterns []string
	Short    [110]bool
}

// JSTypingLeads returns the TypingLead of each format of the as-you-type
// tables, numbered as package dfa's format table numbers them (0 is no
// format). The JavaScript engine's AsYouType tests the patterns as
// RegExps, where package dfa walks the machines compiled of them.
func JSTypingLeads() ([]TypingLead, error) {
	m, err := loadMetadata()
	if err != nil {
		return nil, err
	}
	fmts := &formats{}
	rules := map[int]*ccRule{}
	for _, cc := range callingCodes() {
		if rules[cc], err = newCCRule(m, cc, fmts); err != nil {
			return nil, err
		}
	}
	lists, err := typingLists(m, rules, fmts)
	if err != nil {
		return nil, err
	}
	t, err := compileTyping(m, lists)
	if err != nil {
		return nil, err
	}
	leads := make([]TypingLead, len(fmts.list)+1)
	for i, f := range t.formats {
		leads[i] = TypingLead{Patterns: f.leadText, Short: f.shortSet}
	}
	return leads, nil
}
