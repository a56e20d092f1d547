package phone

import "github.com/nyaruka/phonenumbers"

// This file is the only place where the number rules meet their metadata
// engine (today libphonenumber through github.com/nyaruka/phonenumbers).
// Replacing the engine means rewriting these three functions and nothing
// else; the differential test in diff_test.go says whether the replacement
// still agrees with libphonenumber.
//
// Contract for the check functions: d is the digits of an E.164 number after
// the '+', already checked to be 1 to 15 ASCII digits starting with 1-9. They
// report whether the number passes (validity or possible length, and being
// written in canonical form), its country calling code, and its region code,
// which must be one of engineRegions. They must not retain d, and should
// not allocate.

// checkValid reports whether +d is a valid number per libphonenumber written
// in canonical E.164 form, with its calling code and the region
// libphonenumber assigns to it.
func checkValid(d string) (cc int, region string, ok bool) {
	n, ok := parseCanonical(d)
	if !ok {
		return 0, "", false
	}
	// This is phonenumbers.IsValidNumber with its region lookup shared with
	// ours instead of done twice.
	region = phonenumbers.GetRegionCodeForNumber(n)
	if !phonenumbers.IsValidNumberForRegion(n, region) {
		return 0, "", false
	}
	return int(n.GetCountryCode()), region, true
}

// checkPossible reports whether +d has a possible length (not a local-only
// one) for its calling code and is written in canonical E.164 form, with its
// calling code and its region: the one libphonenumber assigns or, when it
// assigns none, the main region of the calling code.
func checkPossible(d string) (cc int, region string, ok bool) {
	n, ok := parseCanonical(d)
	if !ok || phonenumbers.IsPossibleNumberWithReason(n) != phonenumbers.IS_POSSIBLE {
		return 0, "", false
	}
	cc = int(n.GetCountryCode())
	region = phonenumbers.GetRegionCodeForNumber(n)
	if region == "" {
		region = phonenumbers.GetRegionCodeForCountryCode(cc)
	}
	return cc, region, true
}

// parseCanonical parses +d and reports whether that is exactly how
// libphonenumber writes the number in E.164 (it is not when, for instance,
// Parse stripped a trunk prefix).
func parseCanonical(d string) (*phonenumbers.PhoneNumber, bool) {
	s := "+" + d
	n, err := phonenumbers.Parse(s, "")
	if err != nil || phonenumbers.Format(n, phonenumbers.E164) != s {
		return nil, false
	}
	return n, true
}

// engineRegions returns every region code the engine can report, in any
// order: the geographic regions plus "001" for non-geographic numbers.
func engineRegions() []string {
	codes := make([]string, 0, len(phonenumbers.GetSupportedRegions())+1)
	for code := range phonenumbers.GetSupportedRegions() {
		codes = append(codes, code)
	}
	return append(codes, nonGeoRegion)
}
