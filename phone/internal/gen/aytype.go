package gen

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// This file compiles what the as-you-type formatter reads of the metadata
// (dfa/aytype.go): per entity (a region, as in the parsing tables), its
// national prefix and the list of formats it formats with (its own, or
// those of its calling code's main region when it has none); per format,
// whether its national prefix formatting rule holds the national prefix,
// whether that prefix is optional, the digits of the rule, the format it
// uses in international form, and machines for its leading-digits
// patterns, which say of the digits typed so far whether a prefix of them
// matches the pattern (2), they could still grow into a match (1), or
// neither (0).

// maxTypedFormats bounds an entity's format list: the formatter keeps the
// formats still in the running as a 64-bit set.
const maxTypedFormats = 64

// A typedFormat is what the formatter knows of one format.
type typedFormat struct {
	flags    byte   // see the flag constants
	npDigits string // the digits of the national prefix formatting rule
	intl     int    // the format used in international form (0: none, "NA")
	leading  []uint32
	// jsNational is the national template as libphonenumber-js (and
	// Java's replaceFirst) makes it: the $1 of the national prefix
	// formatting rule is the group it replaces ("0$1" before "$2 15-…"
	// makes "0$2 15-…", where phonenumbers writes "0$1 15-…").
	jsNational string
	// short is the machine for the first leading-digits pattern read as
	// libphonenumber-js's PatternMatcher reads it for fewer than three
	// digits (see jsLiteral).
	short uint32
}

// The flags of a typedFormat.
const (
	usesNational     = 1 << iota // the national prefix formatting rule holds the national prefix
	optionalNational             // the national prefix is optional when formatting
	spaceNational                // the rule separates the prefix with '-' or ' '
	plainNational                // the national rule only puts punctuation between groups
	plainIntl                    // so does the international one
)

// nonAltering is libphonenumber-js's NON_ALTERING_FORMAT_REG_EXP (its
// punctuation, in the ASCII the rules are written in): a rule that writes
// the digits as they are, with only punctuation between them, from the
// first group on.
var nonAltering = regexp.MustCompile(`[-/. \[\]()~]*\$1[-/. \[\]()~]*(\$\d[-/. \[\]()~]*)*$`)

// A typedEntity is what the formatter knows of one region.
type typedEntity struct {
	first, count int // the formats, numbered in the format table
	national     string
	// complex is libphonenumber-js's COMPLEX_NATIONAL_PREFIX: the
	// national prefix for parsing is more than digits and [sets], and a
	// number that no format fits is read again.
	complex bool
}

type typing struct {
	m        *moore
	lead     map[string]uint32
	formats  map[int]typedFormat
	entities []typedEntity
}

// firstGroupOnly is libphonenumber-js's FIRST_GROUP_ONLY_PREFIX_PATTERN: a
// national prefix formatting rule that adds no national prefix.
var firstGroupOnly = regexp.MustCompile(`^\(?\$1\)?$`)

func compileTyping(md *metadata, lists map[string][]formatRule) (*typing, error) {
	t := &typing{m: newMoore(), lead: map[string]uint32{}, formats: map[int]typedFormat{}}
	add := func(meta *phonenumbers.PhoneMetadata, code string) error {
		// The formats of a region without its own are those of its
		// calling code's main region (libphonenumber-js's formats()).
		key, main := listKey(meta, code), meta
		if len(meta.GetNumberFormat()) == 0 {
			cc := int(meta.GetCountryCode())
			mainCode := phonenumbers.GetRegionCodeForCountryCode(cc)
			main = md.forRegion(cc, mainCode)
			if main == nil {
				return fmt.Errorf("region %s: no main region", code)
			}
			key = listKey(main, mainCode)
		}
		rules := lists[key]
		if len(rules) != len(main.GetNumberFormat()) {
			return fmt.Errorf("region %s: %d formats compiled of %d", code, len(rules), len(main.GetNumberFormat()))
		}
		e := typedEntity{national: meta.GetNationalPrefix()}
		e.complex = strings.ContainsFunc(meta.GetNationalPrefixForParsing(), func(c rune) bool {
			return !strings.ContainsRune("0123456789[]", c)
		})
		if len(rules) > maxTypedFormats {
			return fmt.Errorf("region %s: %d formats", code, len(rules))
		}
		if len(rules) > 0 {
			e.first, e.count = rules[0].index, len(rules)
		}
		for i, f := range main.GetNumberFormat() {
			r := rules[i]
			if _, ok := t.formats[r.index]; ok {
				continue
			}
			tf, err := t.format(f, main, lists["intl "+key], r)
			if err != nil {
				return fmt.Errorf("region %s: %v", code, err)
			}
			t.formats[r.index] = tf
		}
		t.entities = append(t.entities, e)
		return nil
	}
	for _, e := range md.entities() {
		if err := add(e.meta, e.code); err != nil {
			return nil, err
		}
	}
	renumber := t.m.minimize()
	for i, f := range t.formats {
		for j := range f.leading {
			f.leading[j] = renumber[f.leading[j]]
		}
		f.short = renumber[f.short]
		t.formats[i] = f
	}
	return t, nil
}

// format compiles f, one of the national formats of meta.
func (t *typing) format(f *phonenumbers.NumberFormat, meta *phonenumbers.PhoneMetadata, intlRules []formatRule, r formatRule) (typedFormat, error) {
	tf := typedFormat{intl: r.index}
	npfr := f.GetNationalPrefixFormattingRule()
	if npfr != "" && !firstGroupOnly.MatchString(npfr) {
		tf.flags |= usesNational
	}
	if f.GetNationalPrefixOptionalWhenFormatting() {
		tf.flags |= optionalNational
	}
	if strings.ContainsAny(npfr, "- ") {
		tf.flags |= spaceNational
	}
	if nonAltering.MatchString(f.GetFormat()) {
		tf.flags |= plainNational
	}
	if npfr != "" {
		done := false
		rule := firstGroup.ReplaceAllStringFunc(f.GetFormat(), func(g string) string {
			if done {
				return g
			}
			done = true
			return strings.ReplaceAll(npfr, "$1", g)
		})
		re, err := regexp.Compile(f.GetPattern())
		if err != nil {
			return tf, err
		}
		if tf.jsNational, err = template(re, rule); err != nil {
			return tf, err
		}
	}
	tf.npDigits = strings.Map(func(c rune) rune {
		if c >= '0' && c <= '9' {
			return c
		}
		return -1
	}, npfr)
	intl := meta.GetIntlNumberFormat()
	if len(intl) > 0 {
		// The international format of f is the one with its pattern and
		// leading digits; none ("NA" in the metadata) keeps f out of the
		// international form.
		tf.intl = 0
		if len(intlRules) != len(intl) {
			return tf, fmt.Errorf("%d international formats compiled of %d", len(intlRules), len(intl))
		}
		for i, g := range intl {
			if g.GetPattern() == f.GetPattern() && strings.Join(g.GetLeadingDigitsPattern(), "|") == strings.Join(f.GetLeadingDigitsPattern(), "|") {
				tf.intl = intlRules[i].index
				if nonAltering.MatchString(g.GetFormat()) {
					tf.flags |= plainIntl
				}
				break
			}
		}
	}
	if len(intl) == 0 && tf.flags&plainNational != 0 {
		tf.flags |= plainIntl
	}
	if ld := f.GetLeadingDigitsPattern(); len(ld) > 0 {
		short, always := jsLiteral(ld[0])
		var err error
		switch {
		case always:
			tf.short = t.m.add(1)
			t.m.next[tf.short] = [10]uint32{tf.short, tf.short, tf.short, tf.short, tf.short, tf.short, tf.short, tf.short, tf.short, tf.short}
		default:
			if tf.short, err = t.leadMachine(short); err != nil {
				return tf, err
			}
		}
	}
	for _, ld := range f.GetLeadingDigitsPattern() {
		s, ok := t.lead[ld]
		if !ok {
			var err error
			if s, err = t.leadMachine(ld); err != nil {
				return tf, err
			}
			t.lead[ld] = s
		}
		tf.leading = append(tf.leading, s)
	}
	return tf, nil
}

// listKey is the key of the formats of meta, the metadata of region
// code, in the lists of compiled formats: the region code, or the calling
// code of a non-geographic entity. "intl " + the key names its
// international formats.
func listKey(meta *phonenumbers.PhoneMetadata, code string) string {
	if code == nonGeo {
		return strconv.Itoa(int(meta.GetCountryCode()))
	}
	return code
}

// typingLists compiles the format lists the formatter reads: those the
// automaton already chose from (the main regions', in rules), and those
// of the other regions that have their own.
func typingLists(md *metadata, rules map[int]*ccRule, fmts *formats) (map[string][]formatRule, error) {
	lists := map[string][]formatRule{}
	for cc, r := range rules {
		main := phonenumbers.GetRegionCodeForCountryCode(cc)
		key := listKey(md.forRegion(cc, main), main)
		lists[key], lists["intl "+key] = r.national, r.intl
	}
	none := func(string) int { return 0 }
	for _, code := range regionCodes() {
		meta := md.byRegion[code]
		if code == nonGeo || lists[code] != nil || len(meta.GetNumberFormat()) == 0 {
			continue
		}
		var err error
		if lists[code], err = fmts.add(meta.GetNumberFormat(), none); err != nil {
			return nil, err
		}
		if lists["intl "+code], err = fmts.add(meta.GetIntlNumberFormat(), none); err != nil {
			return nil, err
		}
	}
	return lists, nil
}

// jsLiteral returns pattern as libphonenumber-js's PatternMatcher reads
// it, written for Go's regexp: it knows only digits, [sets], (?:groups)
// and |, and takes every other character (\d, {2}) literally, so that
// no digit matches it; always is true when it cannot parse the pattern (a
// ? that is not (?:), which makes formatMatches say yes to anything.
func jsLiteral(pattern string) (re string, always bool) {
	if strings.Contains(strings.ReplaceAll(pattern, "(?:", ""), "?") {
		return "", true
	}
	var b strings.Builder
	for _, c := range pattern {
		if strings.ContainsRune(`\{}.*+^$`, c) {
			b.WriteByte('\\')
		}
		b.WriteRune(c)
	}
	return b.String(), false
}

// leadMachine adds the machine for leading-digits pattern ld: output 2
// once a prefix of the input matches ld (libphonenumber-js tests
// ^(pattern)), 1 while the input could still grow into a match, 0 after.
func (t *typing) leadMachine(ld string) (uint32, error) {
	d, err := newDigitDFA([]string{ld})
	if err != nil {
		return 0, err
	}
	matched := t.m.add(2)
	t.m.next[matched] = [10]uint32{matched, matched, matched, matched, matched, matched, matched, matched, matched, matched}
	ids := map[int32]uint32{dead: 0}
	var visit func(v int32) uint32
	visit = func(v int32) uint32 {
		if id, ok := ids[v]; ok {
			return id
		}
		if d.accepts(v)[0] {
			return matched
		}
		id := t.m.add(1)
		ids[v] = id
		for c := range 10 {
			t.m.next[id][c] = visit(d.step(v, c))
		}
		return id
	}
	return visit(d.start), nil
}

// tables lays the formatter's data out as emit's comment describes.
func (t *typing) tables(nformats int) (parsingTables, error) {
	states, rows, nrows, err := layout(t.m.next, t.m.out)
	if err != nil {
		return parsingTables{}, fmt.Errorf("leading-digits machines: %v", err)
	}
	var text texts
	put := text.put
	var ents []byte
	for _, e := range t.entities {
		ents = le16(le16(le16(le16(ents, e.first), e.count), put(e.national)), boolInt(e.complex))
	}
	ftab := make([]byte, 0, 12*(nformats+1))
	for i := 0; i <= nformats; i++ {
		f := t.formats[i]
		var lead []byte
		for _, s := range f.leading {
			lead = le16(lead, int(s))
		}
		if len(f.leading) > 127 {
			return parsingTables{}, fmt.Errorf("%d leading-digits patterns", len(f.leading))
		}
		ftab = le16(le16(le16(le16(append(ftab, f.flags, 0), f.intl), put(f.npDigits)), put(string(lead))), int(f.short))
		ftab = le16(ftab, put(f.jsNational))
	}
	if len(text.b) >= 1<<16 {
		return parsingTables{}, fmt.Errorf("%d bytes of formatter text", len(text.b))
	}
	return parsingTables{
		consts: []constTable{
			{"typedStates", states},
			{"typedRows", rows},
			{"typedEntities", ents},
			{"typedFormats", ftab},
			{"typedText", text.b},
		},
		rows: nrows,
	}, nil
}
