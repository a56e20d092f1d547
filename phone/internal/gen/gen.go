// Package gen compiles the libphonenumber metadata shipped in
// github.com/nyaruka/phonenumbers into the tables of package dfa: one
// minimal deterministic automaton over the digits of an E.164 number that
// decides, without regular expressions, what Parse, IsValidNumber,
// IsPossibleNumberWithReason and GetRegionCodeForNumber decide.
package gen

// compileAll builds the automaton for every calling code phonenumbers knows.
func compileAll() (*automaton, error) {
	m, err := loadMetadata()
	if err != nil {
		return nil, err
	}
	rules := map[int]*ccRule{}
	for _, cc := range callingCodes() {
		r, err := newCCRule(m, cc)
		if err != nil {
			return nil, err
		}
		rules[cc] = r
	}
	return build(rules)
}
