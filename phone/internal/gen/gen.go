// Package gen compiles the libphonenumber metadata shipped in
// github.com/nyaruka/phonenumbers into the tables of package dfa: one
// minimal deterministic automaton over the digits of an E.164 number that
// decides, without regular expressions, what Parse, IsValidNumber,
// IsPossibleNumberWithReason, GetRegionCodeForNumber, GetNumberType and
// Format's choice of pattern decide; the formats it chooses (format.go);
// the example numbers and the metadata version (examples.go); and the
// parsing tables (parsing.go), with which package dfa reads digits typed
// in a region as Parse does.
package gen

// compiled is everything the tables are made of.
type compiled struct {
	a        *automaton
	p        *parsing
	formats  *formats
	typing   *typing
	examples []example
	version  string
}

// compileAll builds the automaton for every calling code phonenumbers
// knows, and the other tables.
func compileAll() (*compiled, error) {
	m, err := loadMetadata()
	if err != nil {
		return nil, err
	}
	c := &compiled{formats: &formats{}}
	rules := map[int]*ccRule{}
	for _, cc := range callingCodes() {
		r, err := newCCRule(m, cc, c.formats)
		if err != nil {
			return nil, err
		}
		rules[cc] = r
	}
	if c.a, err = build(rules); err != nil {
		return nil, err
	}
	if c.p, err = compileParsing(m); err != nil {
		return nil, err
	}
	lists, err := typingLists(m, rules, c.formats)
	if err != nil {
		return nil, err
	}
	if c.typing, err = compileTyping(m, lists); err != nil {
		return nil, err
	}
	if c.examples, err = examples(); err != nil {
		return nil, err
	}
	if c.version, err = metadataVersion(); err != nil {
		return nil, err
	}
	return c, nil
}
