package phone

import "github.com/contactrules/contactrules/phone/internal/dfa"

// This file is the only place where the number rules meet their metadata
// engine: a deterministic automaton over the digits of a number, compiled
// from the libphonenumber metadata of github.com/nyaruka/phonenumbers (the
// version in go.mod) by phone/internal/gen into the constant tables of
// phone/internal/dfa. Deciding a number walks at most 15 states: no regular
// expression, no allocation. Reading form input (readE164, for Normalize)
// runs on parsing tables compiled the same way. The differential tests
// (diff_test.go and normalize_diff_test.go here, and phone/internal/dfa's
// on over a million numbers) say whether it still agrees with
// libphonenumber.
//
// Contract for the check functions: d is the digits of an E.164 number after
// the '+', already checked to be 1 to 15 ASCII digits starting with 1-9. They
// report whether the number passes (validity or possible length, and being
// written in canonical form), its country calling code, its region as an
// index in regionTable, and the engine's outcome for it, which numberType
// and appendNSN read. They must not retain d, and should not allocate.

// checkValid reports whether +d is a valid number per libphonenumber written
// in canonical E.164 form, with its calling code and the region
// libphonenumber assigns to it.
func checkValid(d string) (cc int, region, outcome uint16, ok bool) {
	cc, r, o, ok := dfa.ValidIndex(d)
	return cc, engineIndex[r], o, ok
}

// checkPossible reports whether +d has a possible length (not a local-only
// one) for its calling code and is written in canonical E.164 form, with its
// calling code and its region: the one libphonenumber assigns or, when it
// assigns none, the main region of the calling code.
func checkPossible(d string) (cc int, region, outcome uint16, ok bool) {
	cc, r, o, ok := dfa.PossibleIndex(d)
	return cc, engineIndex[r], o, ok
}

// numberType is what phonenumbers.GetNumberType says of the number with
// the given outcome.
func numberType(outcome uint16) Type {
	return Type(dfa.Type(outcome))
}

// appendNSN appends the national significant number nsn of the number
// with the given outcome in form f (National, International or RFC3966)
// as phonenumbers.Format writes it after the calling code.
func appendNSN(dst, nsn []byte, outcome uint16, f Format) []byte {
	form := dfa.International
	switch f {
	case National:
		form = dfa.National
	case RFC3966:
		form = dfa.RFC3966
	}
	return dfa.AppendFormat(dst, nsn, outcome, form)
}

// exampleDigits returns the E.164 digits of libphonenumber's example number of
// region and type t.
func exampleDigits(region string, t Type) (uint64, bool) {
	return dfa.ExampleNumber(region, uint8(t))
}

// engineIndex maps the engine's region numbers (from 1, in the order of
// engineRegions) to their index in regionTable, so that deciding a number
// looks no region code up.
var engineIndex = func() []uint16 {
	codes := engineRegions()
	ix := make([]uint16, len(codes)+1)
	for n, code := range codes {
		i, _ := regionIndex(code)
		ix[n+1] = i
	}
	return ix
}()

// readE164 appends to dst the number libphonenumber reads in s (ASCII
// digits, perhaps after one '+') with default region defaultRegion, in
// E.164 form: what phonenumbers.Parse(s, defaultRegion) and Format(E164)
// give. It reports false where Parse fails. The number may be invalid.
func readE164(dst, s []byte, defaultRegion string) ([]byte, bool) {
	return dfa.AppendE164(dst, s, defaultRegion)
}

// engineRegions returns every region code the engine can report, in any
// order: the geographic regions plus "001" for non-geographic numbers.
func engineRegions() []string {
	return dfa.Regions()
}
