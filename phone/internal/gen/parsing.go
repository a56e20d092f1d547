package gen

import (
	"fmt"
	"slices"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// This file compiles what phonenumbers.Parse(s, region) reads of the
// metadata when s is ASCII digits, perhaps after a '+': for every region
// (and every non-geographic calling code, whose metadata Parse uses for
// numbers written with '+'), its calling code, its international (IDD)
// prefix, its national prefix for parsing with the transform rule, its
// general number pattern and the possible lengths of that pattern. Package
// dfa runs parseHelper's steps over these; the patterns become machines
// (see moore) in one shared state space.

// maxParseInput is phonenumbers.MAX_INPUT_STRING_LENGTH: Parse rejects
// longer input, so no prefix it strips is longer.
const maxParseInput = phonenumbers.MAX_INPUT_STRING_LENGTH

// An entity is the parsing data of one PhoneMetadata: start states of its
// machines (0, the dead state, for a prefix that is never stripped) and
// the possible lengths of its general description as bitsets.
type entity struct {
	cc       int
	general  uint32 // output 1 where the general pattern fully matches
	national uint32 // output 1 + shape of the national prefix match
	idd      uint32 // output 1 + shape of the IDD match
	possible uint32 // bit l: length l is possible; 0: no length is (-1)
	local    uint32 // bit l: length l is possible for local dialling only
}

type parsing struct {
	m        *moore
	entities []entity // the regions in regionCodes order, then non-geographic codes
	mainOf   [1000]int
	// shapes are how a prefix match rewrites the number: per digit of the
	// match 'K' keeps it and 'S' drops it, and digits are inserted as
	// they are; the rest of the number follows.
	shapes []string
}

func compileParsing(md *metadata) (*parsing, error) {
	p := &parsing{m: newMoore()}
	for i := range p.mainOf {
		p.mainOf[i] = -1
	}
	index := map[string]int{}    // a region's entity
	nonGeoIndex := map[int]int{} // a non-geographic calling code's
	for _, e := range md.entities() {
		if e.code == nonGeo {
			nonGeoIndex[int(e.meta.GetCountryCode())] = len(p.entities)
		} else {
			index[e.code] = len(p.entities)
		}
		if err := p.add(e.meta, e.code); err != nil {
			return nil, err
		}
	}
	// GetRegionCodeForCountryCode: the first region of the code, whose
	// metadata parseHelper uses once it has the code.
	for _, cc := range callingCodes() {
		main := phonenumbers.GetRegionCodeForCountryCode(cc)
		i, ok := index[main]
		if main == nonGeo {
			i, ok = nonGeoIndex[cc]
		}
		if !ok || cc >= len(p.mainOf) {
			return nil, fmt.Errorf("calling code %d: no metadata for its main region %s", cc, main)
		}
		p.mainOf[cc] = i
	}
	renumber := p.m.minimize()
	for i := range p.entities {
		e := &p.entities[i]
		e.general, e.national, e.idd = renumber[e.general], renumber[e.national], renumber[e.idd]
	}
	return p, nil
}

// add appends the entity of meta, the metadata of region code.
func (p *parsing) add(meta *phonenumbers.PhoneMetadata, code string) error {
	if meta == nil || meta.GeneralDesc == nil {
		return fmt.Errorf("region %s: no metadata or no general description", code)
	}
	e := entity{cc: int(meta.GetCountryCode())}
	var err error
	if e.general, err = p.m.acceptor(meta.GeneralDesc.GetNationalNumberPattern()); err != nil {
		return fmt.Errorf("region %s: %v", code, err)
	}
	if len(meta.GeneralDesc.PossibleLength) == 0 {
		// testNumberLength would index the empty list.
		return fmt.Errorf("region %s: general description without possible lengths", code)
	}
	if e.possible, err = lengthBits(meta.GeneralDesc.PossibleLength); err != nil {
		return fmt.Errorf("region %s: %v", code, err)
	}
	if e.local, err = lengthBits(meta.GeneralDesc.PossibleLengthLocalOnly); err != nil {
		return fmt.Errorf("region %s: %v", code, err)
	}
	if npfp := meta.GetNationalPrefixForParsing(); npfp != "" {
		rule, err := newPrefixRule(npfp, meta.GetNationalPrefixTransformRule(), maxParseInput)
		if err != nil {
			return fmt.Errorf("region %s: %v", code, err)
		}
		var alts []alt
		var outs []uint32
		for _, a := range rule.alts {
			var b strings.Builder
			for j := range a.masks {
				b.WriteString(a.litAt[j])
				b.WriteByte("SK"[boolInt(a.feed[j])])
			}
			b.WriteString(a.litAt[len(a.masks)])
			out, err := p.shape(b.String())
			if err != nil {
				return fmt.Errorf("region %s: %v", code, err)
			}
			alts = append(alts, alt{masks: a.masks, end: a.end})
			outs = append(outs, out)
		}
		e.national = p.m.prefixMatcher(alts, outs)
	}
	if code != nonGeo {
		// maybeStripInternationalPrefixAndNormalize searches for the
		// pattern as it is, unanchored, and takes the match only if it
		// starts the number: that is the leftmost-first match of
		// "^(?:pattern)" when there is one.
		alts, _, err := expandPrefix(meta.GetInternationalPrefix(), maxParseInput)
		if err != nil {
			return fmt.Errorf("region %s: international prefix: %v", code, err)
		}
		var outs []uint32
		for _, a := range alts {
			out, err := p.shape(strings.Repeat("S", len(a.masks)))
			if err != nil {
				return err
			}
			outs = append(outs, out)
		}
		e.idd = p.m.prefixMatcher(alts, outs)
	}
	p.entities = append(p.entities, e)
	return nil
}

// shape returns 1 + the index of shape s, adding it if it is new.
func (p *parsing) shape(s string) (uint32, error) {
	if strings.Trim(s, "0123456789KS") != "" {
		return 0, fmt.Errorf("transform rule inserts something other than digits: %q", s)
	}
	i := slices.Index(p.shapes, s)
	if i < 0 {
		i = len(p.shapes)
		p.shapes = append(p.shapes, s)
	}
	return uint32(i + 1), nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// maxLengthBit bounds the lengths a bitset holds.
const maxLengthBit = 31

// lengthBits returns a PossibleLength list as a bitset; [-1], the list of
// a description no number has, is the empty set.
func lengthBits(lengths []int32) (uint32, error) {
	if len(lengths) == 1 && lengths[0] == -1 {
		return 0, nil
	}
	if !slices.IsSorted(lengths) {
		// testNumberLength takes the first as the shortest.
		return 0, fmt.Errorf("possible lengths %v not sorted", lengths)
	}
	var bits uint32
	for _, l := range lengths {
		if l < 0 || l > maxLengthBit {
			return 0, fmt.Errorf("possible length %d out of range", l)
		}
		bits |= 1 << l
	}
	return bits, nil
}

// A constTable is one string constant of package dfa.
type constTable struct {
	name string
	data []byte
}

type parsingTables struct {
	consts []constTable
	rows   int
}

func (t parsingTables) size() int {
	n := 0
	for _, c := range t.consts {
		n += len(c.data)
	}
	return n
}

// tables lays the parsing data out as emit's comment describes.
func (p *parsing) tables() (parsingTables, error) {
	states, rows, nrows, err := layout(p.m.next, p.m.out)
	if err != nil {
		return parsingTables{}, fmt.Errorf("parsing machines: %v", err)
	}
	var entities []byte
	for _, e := range p.entities {
		if e.cc <= 0 || e.cc >= len(p.mainOf) {
			return parsingTables{}, fmt.Errorf("calling code %d out of range", e.cc)
		}
		entities = le16(le16(le16(le16(entities, e.cc), int(e.general)), int(e.national)), int(e.idd))
		entities = le16(le16(le16(le16(entities, int(e.possible)), int(e.possible>>16)), int(e.local)), int(e.local>>16))
	}
	var mains []byte
	for _, i := range p.mainOf {
		mains = le16(mains, i+1)
	}
	var index, text []byte
	for _, s := range p.shapes {
		index = le16(index, len(text))
		text = append(text, s...)
	}
	index = le16(index, len(text))
	return parsingTables{
		consts: []constTable{
			{"parseStates", states},
			{"parseRows", rows},
			{"entityTable", entities},
			{"codeEntities", mains},
			{"shapeIndex", index},
			{"shapeText", text},
		},
		rows: nrows,
	}, nil
}
