package gen

import (
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/nyaruka/phonenumbers"
)

// This file reads the libphonenumber metadata into the rules the automaton
// is built from. Every rule mirrors one step of phonenumbers' own code
// (phonenumberutil.go), named in the comments, so that the automaton
// decides exactly as Parse, IsValidNumber and GetRegionCodeForNumber do.

// nonGeo is libphonenumber's region code for non-geographic entities.
const nonGeo = "001"

// maxDigits is the E.164 limit on the digits of a number.
const maxDigits = 15

// minNSN is phonenumbers.MIN_LENGTH_FOR_NSN: Parse rejects shorter
// national numbers.
const minNSN = 2

// A desc is a PhoneNumberDesc: a component of the automaton (its pattern)
// and the lengths isNumberPossibleForDesc allows (nil: any).
type desc struct {
	comp    int
	lengths []int32
}

// A regionRule holds what getRegionCodeForNumberFromRegionList and
// getNumberTypeHelper look at for one region.
type regionRule struct {
	code    string
	leading int // component for "(?:leading_digits)\d*", or -1
	general desc
	// The types getNumberTypeHelper tries before fixed line and mobile:
	// premium rate, toll free, shared cost, VoIP, personal number, pager,
	// UAN and voicemail.
	special         [8]desc
	fixed, mobile   desc
	sameFixedMobile bool
	// sameCode is IsValidNumberForRegion's check that the region's calling
	// code is the number's.
	sameCode bool
}

// A ccRule holds everything that decides numbers of one calling code.
type ccRule struct {
	cc      int
	maxLen  int // longest national number: 15 digits minus the code
	regions []regionRule
	// The patterns of all regions, one component each, run side by side.
	patterns []string
	// The main region's general pattern, as the strip check in
	// maybeStripNationalPrefixAndCarrierCode uses it (no length check).
	mainGeneral int
	// The main region's general description, whose possible lengths
	// parseHelper and IsPossibleNumberWithReason test.
	general *phonenumbers.PhoneNumberDesc
	prefix  *prefixRule // nil when the main region strips nothing
	// The main region's number formats and international formats, which
	// Format chooses from (chooseFormattingPatternForNumber), and the
	// number of the first of each in the global format table.
	national, intl []formatRule
}

// A formatRule is one NumberFormat as chooseFormattingPatternForNumber
// looks at it: the component for its last leading-digits pattern, matched
// at the start ("(?:pattern)\d*"; -1 when it has none), and the component
// for its pattern, matched fully. index is its number in the global
// format table (from 1).
type formatRule struct {
	leading, pattern int
	index            int
}

type metadata struct {
	byRegion map[string]*phonenumbers.PhoneMetadata
	nonGeo   map[int]*phonenumbers.PhoneMetadata
}

func loadMetadata() (*metadata, error) {
	coll, err := phonenumbers.MetadataCollection()
	if err != nil {
		return nil, err
	}
	m := &metadata{byRegion: map[string]*phonenumbers.PhoneMetadata{}, nonGeo: map[int]*phonenumbers.PhoneMetadata{}}
	for _, meta := range coll.GetMetadata() {
		if meta.GetId() == nonGeo {
			m.nonGeo[int(meta.GetCountryCode())] = meta
		} else {
			m.byRegion[meta.GetId()] = meta
		}
	}
	return m, nil
}

// forRegion is getMetadataForRegionOrCallingCode.
func (m *metadata) forRegion(cc int, region string) *phonenumbers.PhoneMetadata {
	if region == nonGeo {
		return m.nonGeo[cc]
	}
	return m.byRegion[region]
}

// An entityMeta is an entity of the tables: a region, or a
// non-geographic calling code (code "001").
type entityMeta struct {
	code string
	meta *phonenumbers.PhoneMetadata
}

// entities returns the entities in the order of the tables: the regions
// in code order, then the non-geographic calling codes, ascending.
func (m *metadata) entities() []entityMeta {
	var out []entityMeta
	for _, code := range regionCodes() {
		if code != nonGeo {
			out = append(out, entityMeta{code, m.byRegion[code]})
		}
	}
	for _, cc := range slices.Sorted(maps.Keys(m.nonGeo)) {
		out = append(out, entityMeta{nonGeo, m.nonGeo[cc]})
	}
	return out
}

// callingCodes returns the calling codes Parse knows, ascending.
func callingCodes() []int {
	var ccs []int
	for cc := range phonenumbers.GetSupportedCallingCodes() {
		ccs = append(ccs, cc)
	}
	slices.Sort(ccs)
	return ccs
}

func newCCRule(m *metadata, cc int, fmts *formats) (*ccRule, error) {
	codes := phonenumbers.GetRegionCodesForCountryCode(cc)
	if len(codes) == 0 {
		return nil, fmt.Errorf("calling code %d has no regions", cc)
	}
	r := &ccRule{cc: cc, maxLen: maxDigits - len(strconv.Itoa(cc))}
	comps := map[string]int{}
	comp := func(pattern string) int {
		if c, ok := comps[pattern]; ok {
			return c
		}
		comps[pattern] = len(r.patterns)
		r.patterns = append(r.patterns, pattern)
		return comps[pattern]
	}
	newDesc := func(d *phonenumbers.PhoneNumberDesc) (desc, error) {
		if d == nil {
			// phonenumbers itself would dereference nil here.
			return desc{}, fmt.Errorf("calling code %d: missing number description", cc)
		}
		return desc{comp: comp(d.GetNationalNumberPattern()), lengths: d.PossibleLength}, nil
	}
	for _, code := range codes {
		meta := m.forRegion(cc, code)
		if meta == nil {
			return nil, fmt.Errorf("region %s of calling code %d has no metadata", code, cc)
		}
		rr := regionRule{code: code, leading: -1, sameFixedMobile: meta.GetSameMobileAndFixedLinePattern()}
		rr.sameCode = code == nonGeo || int(meta.GetCountryCode()) == cc
		// Leading digits are consulted only when regions share the code.
		if ld := meta.GetLeadingDigits(); ld != "" && len(codes) > 1 {
			rr.leading = comp("(?:" + ld + `)\d*`)
		}
		descs := []*phonenumbers.PhoneNumberDesc{
			meta.GeneralDesc,
			meta.PremiumRate, meta.TollFree, meta.SharedCost, meta.Voip,
			meta.PersonalNumber, meta.Pager, meta.Uan, meta.Voicemail,
			meta.FixedLine, meta.Mobile,
		}
		var ds []desc
		for _, d := range descs {
			x, err := newDesc(d)
			if err != nil {
				return nil, err
			}
			ds = append(ds, x)
		}
		rr.general = ds[0]
		copy(rr.special[:], ds[1:9])
		rr.fixed, rr.mobile = ds[9], ds[10]
		r.regions = append(r.regions, rr)
	}

	// Parse and IsPossibleNumber use the main region's metadata
	// (GetRegionCodeForCountryCode: the first region of the code).
	main := m.forRegion(cc, codes[0])
	general := main.GetGeneralDesc()
	r.mainGeneral = comp(general.GetNationalNumberPattern())
	if len(general.PossibleLength) == 0 {
		// phonenumbers' testNumberLength would index an empty slice.
		return nil, fmt.Errorf("calling code %d: general description without possible lengths", cc)
	}
	r.general = general
	if npfp := main.GetNationalPrefixForParsing(); npfp != "" {
		p, err := newPrefixRule(npfp, main.GetNationalPrefixTransformRule(), r.maxLen)
		if err != nil {
			return nil, fmt.Errorf("calling code %d: %v", cc, err)
		}
		r.prefix = p
	}
	var err error
	if r.national, err = fmts.add(main.GetNumberFormat(), comp); err != nil {
		return nil, fmt.Errorf("calling code %d: %v", cc, err)
	}
	if r.intl, err = fmts.add(main.GetIntlNumberFormat(), comp); err != nil {
		return nil, fmt.Errorf("calling code %d: %v", cc, err)
	}
	return r, nil
}

// testNumberLength is phonenumbers' testNumberLength for the general
// description (number type UNKNOWN) and a number of length l.
func (r *ccRule) testNumberLength(l int) phonenumbers.ValidationResult {
	possible, n := r.general.PossibleLength, int32(l)
	switch {
	case possible[0] == -1:
		return phonenumbers.INVALID_LENGTH
	case slices.Contains(r.general.PossibleLengthLocalOnly, n):
		return phonenumbers.IS_POSSIBLE_LOCAL_ONLY
	case possible[0] == n:
		return phonenumbers.IS_POSSIBLE
	case possible[0] > n:
		return phonenumbers.TOO_SHORT
	case possible[len(possible)-1] < n:
		return phonenumbers.TOO_LONG
	case slices.Contains(possible[1:], n):
		return phonenumbers.IS_POSSIBLE
	}
	return phonenumbers.INVALID_LENGTH
}

// keepsStripped reports whether parseHelper keeps a stripped national
// number of length l: unless it is too short, possible only locally or of
// an invalid length.
func (r *ccRule) keepsStripped(l int) bool {
	res := r.testNumberLength(l)
	return res == phonenumbers.IS_POSSIBLE || res == phonenumbers.TOO_LONG
}

// possible reports whether IsPossibleNumberWithReason gives IS_POSSIBLE
// for a national number of length l.
func (r *ccRule) possible(l int) bool {
	if r.general.GetNationalNumberPattern() == "" {
		// Its case of "numbers with no metadata".
		return minNSN <= l && l <= phonenumbers.MAX_LENGTH_FOR_NSN
	}
	return r.testNumberLength(l) == phonenumbers.IS_POSSIBLE
}

// matches is isNumberMatchingDesc for a number of length n whose
// components' full-match results are acc.
func (d desc) matches(acc []bool, n int) bool {
	if len(d.lengths) > 0 && !slices.Contains(d.lengths, int32(n)) {
		return false
	}
	return acc[d.comp]
}

// known reports whether getNumberTypeHelper gives a type other than
// UNKNOWN.
func (r *regionRule) known(acc []bool, n int) bool {
	if !r.general.matches(acc, n) {
		return false
	}
	for _, d := range r.special {
		if d.matches(acc, n) {
			return true
		}
	}
	if r.fixed.matches(acc, n) {
		return true
	}
	return !r.sameFixedMobile && r.mobile.matches(acc, n)
}

// regionFor is GetRegionCodeForNumber: the index of the region, or -1.
func (r *ccRule) regionFor(acc []bool, n int) int {
	if len(r.regions) == 1 {
		return 0
	}
	for i := range r.regions {
		rr := &r.regions[i]
		if rr.leading >= 0 {
			if acc[rr.leading] {
				return i
			}
		} else if rr.known(acc, n) {
			return i
		}
	}
	return -1
}

// An outcome is what the automaton says about a number: its calling code,
// and its region when it is valid and when it has a possible length ("" if
// it is not); for a valid or possible number, its type (as Type numbers
// them: libphonenumber's PhoneNumberType + 1, 0 for UNKNOWN) and the
// formats Format chooses for it in NATIONAL and in INTERNATIONAL form (the
// number in the global format table, 0 for none).
type outcome struct {
	cc              int
	valid, possible string
	typ             int
	national, intl  int
}

// decide is the outcome for a national number of length n whose components
// give acc, given whether Parse would strip a national prefix from it.
func (r *ccRule) decide(acc []bool, n int, stripped bool) outcome {
	o := outcome{cc: r.cc}
	if n < minNSN || stripped {
		return o
	}
	region := r.regionFor(acc, n)
	if region >= 0 && r.regions[region].sameCode && r.regions[region].known(acc, n) {
		o.valid = r.regions[region].code
	}
	if r.possible(n) {
		if region < 0 {
			region = 0
		}
		o.possible = r.regions[region].code
	}
	if o.valid != "" || o.possible != "" {
		o.typ = r.numberType(acc, n)
		o.national = chooseFormat(r.national, acc)
		o.intl = o.national
		if len(r.intl) > 0 {
			o.intl = chooseFormat(r.intl, acc)
		}
	}
	return o
}

// typeOrder is the order in which getNumberTypeHelper tries the types of
// regionRule.special, as Type numbers them.
var typeOrder = [8]phonenumbers.PhoneNumberType{
	phonenumbers.PREMIUM_RATE, phonenumbers.TOLL_FREE, phonenumbers.SHARED_COST, phonenumbers.VOIP,
	phonenumbers.PERSONAL_NUMBER, phonenumbers.PAGER, phonenumbers.UAN, phonenumbers.VOICEMAIL,
}

// typeNumber is how Type numbers libphonenumber's type t: t + 1, with
// UNKNOWN (the last) as 0, the zero Type.
func typeNumber(t phonenumbers.PhoneNumberType) int {
	return (int(t) + 1) % (int(phonenumbers.UNKNOWN) + 1)
}

// numberType is GetNumberType: getNumberTypeHelper in the region
// GetRegionCodeForNumber gives.
func (r *ccRule) numberType(acc []bool, n int) int {
	region := r.regionFor(acc, n)
	if region < 0 {
		return typeNumber(phonenumbers.UNKNOWN)
	}
	rr := &r.regions[region]
	if !rr.general.matches(acc, n) {
		return typeNumber(phonenumbers.UNKNOWN)
	}
	for i, d := range rr.special {
		if d.matches(acc, n) {
			return typeNumber(typeOrder[i])
		}
	}
	if rr.fixed.matches(acc, n) {
		if rr.sameFixedMobile || rr.mobile.matches(acc, n) {
			return typeNumber(phonenumbers.FIXED_LINE_OR_MOBILE)
		}
		return typeNumber(phonenumbers.FIXED_LINE)
	}
	if !rr.sameFixedMobile && rr.mobile.matches(acc, n) {
		return typeNumber(phonenumbers.MOBILE)
	}
	return typeNumber(phonenumbers.UNKNOWN)
}

// chooseFormat is chooseFormattingPatternForNumber: the first format
// whose leading digits start the number and whose pattern matches it all.
func chooseFormat(fs []formatRule, acc []bool) int {
	for _, f := range fs {
		if (f.leading < 0 || acc[f.leading]) && acc[f.pattern] {
			return f.index
		}
	}
	return 0
}
