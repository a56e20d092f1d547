package phone

import (
	"errors"
	"slices"
	"strconv"
)

// nonGeoRegion is libphonenumber's region code for numbers that belong to no
// country (UN M.49 "World"): +800 freephone, +882/+883 international
// networks, +870 Inmarsat and the like.
const nonGeoRegion = "001"

// regionWords sizes the Regions bitset. libphonenumber knows 245 regions
// plus "001"; room for 256 keeps Regions at 32 bytes.
const regionWords = 4

// regionTable lists every region code a Number can carry, sorted, so that a
// region is stored as its index and a Regions set as a bitset over indexes.
// It is computed once from the engine's metadata and never modified.
var regionTable = sortedRegions(engineRegions())

func sortedRegions(codes []string) []string {
	slices.Sort(codes)
	codes = slices.Compact(codes)
	if len(codes) > 64*regionWords {
		// A metadata upgrade outgrew the bitset; fail at start-up (and in
		// every test run) rather than misreport regions later.
		panic("phone: " + strconv.Itoa(len(codes)) + " regions do not fit Regions; raise regionWords")
	}
	return codes
}

func regionIndex(code string) (uint16, bool) {
	i, ok := slices.BinarySearch(regionTable, code)
	return uint16(i), ok
}

// Regions is a set of regions, such as the countries a deployment can send
// SMS to. It is a small comparable value; the zero Regions is the empty set.
//
// Members are geographic regions as libphonenumber names them (ISO 3166-1
// alpha-2 codes, plus a few it adds such as "AC" and "XK"). The
// non-geographic code "001" is never a member: numbers such as +800 or +882
// belong to no country and cannot receive SMS sent under a country's rules.
type Regions struct {
	bits [regionWords]uint64
}

// NewRegions returns the set of the given region codes, which must be
// upper-case codes of regions libphonenumber supports ("US", "CA", "GB", …).
// Duplicates are allowed; no codes give the empty set. An unknown code, a
// lower-case one, or "001" is an error that names the argument's position,
// never the code itself (error texts quote no caller input).
func NewRegions(codes ...string) (Regions, error) {
	var r Regions
	for n, code := range codes {
		i, ok := regionIndex(code)
		if !ok || code == nonGeoRegion {
			return Regions{}, errors.New("phone: unknown region code (argument " + strconv.Itoa(n+1) + ")")
		}
		r.bits[i/64] |= 1 << (i % 64)
	}
	return r, nil
}

// DefaultSMSRegions returns the regions SMS may be sent to by default: the
// United States and Canada. Other members of the North American Numbering
// Plan (Jamaica, Puerto Rico, …) share the +1 calling code but are not in
// it.
func DefaultSMSRegions() Regions {
	return defaultSMSRegions
}

// defaultSMSRegions is built once: every check under the default policy
// asks for it. Regions is a value, so callers get copies.
var defaultSMSRegions = func() Regions {
	r, err := NewRegions("US", "CA")
	if err != nil {
		panic(err) // both codes are in every libphonenumber release
	}
	return r
}()

// Supports reports whether n is a number (not the zero Number) whose region
// is in r.
func (r Regions) Supports(n Number) bool {
	return n.IsValid() && r.has(n.region)
}

// Contains reports whether region is in r. It is false for codes that are
// not in r's vocabulary, including "001" and lower-case codes.
func (r Regions) Contains(region string) bool {
	i, ok := regionIndex(region)
	return ok && r.has(i)
}

func (r Regions) has(i uint16) bool {
	return r.bits[i/64]&(1<<(i%64)) != 0
}

// Codes returns the region codes in r, sorted. It returns an empty, non-nil
// slice for the empty set.
func (r Regions) Codes() []string {
	codes := []string{}
	for i, code := range regionTable {
		if r.has(uint16(i)) {
			codes = append(codes, code)
		}
	}
	return codes
}

// IsZero reports whether r is the empty set.
func (r Regions) IsZero() bool {
	return r == Regions{}
}
