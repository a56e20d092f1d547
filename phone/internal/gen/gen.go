// Package gen compiles the libphonenumber metadata shipped in
// github.com/nyaruka/phonenumbers into the tables of package dfa: one
// minimal deterministic automaton over the digits of an E.164 number that
// decides, without regular expressions, what Parse, IsValidNumber,
// IsPossibleNumberWithReason and GetRegionCodeForNumber decide; and the
// parsing tables (parsing.go), with which package dfa reads digits typed
// in a region as Parse does.
package gen

// compileAll builds the automaton for every calling code phonenumbers
// knows, and the parsing tables of every region.
func compileAll() (*automaton, *parsing, error) {
	m, err := loadMetadata()
	if err != nil {
		return nil, nil, err
	}
	rules := map[int]*ccRule{}
	for _, cc := range callingCodes() {
		r, err := newCCRule(m, cc)
		if err != nil {
			return nil, nil, err
		}
		rules[cc] = r
	}
	a, err := build(rules)
	if err != nil {
		return nil, nil, err
	}
	p, err := compileParsing(m)
	if err != nil {
		return nil, nil, err
	}
	return a, p, nil
}
