package dfa

// The as-you-type formatter: what libphonenumber-js's AsYouType shows
// while a number is typed, computed from the tables (gen/aytype.go).
//
// The steps are those of libphonenumber-js (AsYouType.input and its
// parser and formatter): the digits typed after a '+' start with a
// calling code; digits typed in a region may start with its national
// prefix; the formats of the region (of the calling code's main region,
// for an international number) stay in the running while their leading
// digits fit the digits typed (narrowed once per input, as there); a
// number of a possible length that a format's pattern matches is written
// with that format; otherwise the first format still in the running
// gives a template, its pattern's longest grouping with 'x' for each
// digit, which the digits fill one by one; when none fits, the digits are
// shown as typed.

// MaxTyped bounds the digits a Typer keeps; it ignores the ones after.
const MaxTyped = 20

// MaxDisplay bounds the text AppendDisplay writes.
const MaxDisplay = 64

// A Typer is the state of the formatter: what was typed, and which
// formats are still in the running, as in libphonenumber-js, where both
// depend on how the input came in.
type Typer struct {
	region   entity
	national bool // a region was given: digits without '+' are national
	plus     bool
	n        uint8
	digits   [MaxTyped]byte
	// key says what the formats were chosen for: the calling code and the
	// national prefix's length, +1 (0: nothing yet).
	key      uint16
	matching uint64 // the formats still in the running, by position
	chosen   uint8  // 1 + the position of the chosen format; 0: none
	// chosenLen is the length of the digits the chosen format's template
	// was made for; complete marks a template made by formatting the
	// whole number, which no further digit fits.
	chosenLen uint8
	complete  bool
	// extracted is 1 + how many digits there were when the national
	// prefix was read (0: not yet), and shape how it was read (see
	// prefixShape): libphonenumber-js reads it once, and then appends
	// the digits that follow to the national number.
	extracted uint8
	shape     string
	idd       uint8 // the length of the international prefix typed, if any
	outLen    uint8
	out       [MaxDisplay]byte // the display
	nsn       [2 * MaxTyped]byte
}

// NewTyper returns the state of a formatter for numbers typed in region
// (a code such as "US"; any other value: only numbers typed with '+').
func NewTyper(region string) Typer {
	e, ok := regionEntity(region)
	return Typer{region: e, national: ok}
}

// Reset forgets what was typed.
func (t *Typer) Reset() {
	*t = Typer{region: t.region, national: t.national}
}

// Input takes text, typed after what came before, as
// libphonenumber-js's input does: its ASCII digits, and a '+' that comes
// before any digit of the number.
func (t *Typer) Input(text string) {
	plus, digits, before := false, 0, t.n
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c >= '0' && c <= '9':
			if int(t.n) < MaxTyped {
				t.digits[t.n] = c
				t.n++
			}
			digits++
		case c == '+' && digits == 0 && t.n == 0:
			plus = true
		}
	}
	if plus && !t.plus {
		t.plus = true
		if digits == 0 {
			t.out[0], t.outLen = '+', 1
			return
		}
	}
	if digits == 0 {
		return
	}
	if before < 3 && t.n >= 3 {
		t.extractIDD()
	}
	t.update()
	var buf [MaxDisplay]byte
	out := t.appendDisplay(buf[:0])
	t.outLen = uint8(copy(t.out[:], out))
}

// Display returns the text libphonenumber-js's input returns after what
// was typed so far. It stays valid until the next Input or Reset.
func (t *Typer) Display() []byte {
	return t.out[:t.outLen]
}

// parsed is the typed digits read as libphonenumber-js's parser reads
// them.
type parsed struct {
	cc       int    // 0: none yet
	prefix   []byte // the national prefix typed
	before   []byte // digits before nsn that are not the national prefix (a carrier code)
	nsn      []byte // the national significant number
	national []byte // the digits typed after the calling code
	modified bool   // nsn is not the last digits of national
	e        entity // whose formats
	ok       bool   // a numbering plan is chosen (formats apply)
}

func (t *Typer) parse() parsed {
	d := t.digits[t.idd:t.n]
	var p parsed
	if t.intl() {
		for i := 0; i < 3 && i < len(d) && d[0] != '0'; i++ {
			p.cc = 10*p.cc + int(d[i]-'0')
			if mainEntityIndex(p.cc) != 0 {
				p.nsn, p.national, p.e, p.ok = d[i+1:], d[i+1:], mainEntity(p.cc), true
				return p
			}
		}
		p.cc = 0
		return p
	}
	if !t.national {
		return p
	}
	p.e, p.ok, p.cc = t.region, true, t.region.callingCode()
	p.nsn, p.national = d, d
	if t.extracted == 0 {
		return p
	}
	at := int(t.extracted - 1)
	nsn, prefix, groups := applyShape(t.nsn[:0], t.shape, d[:at])
	p.nsn = append(nsn, d[at:]...)
	np := typedString(t.region.typedField(typedNational))
	switch {
	case !groups:
		p.prefix = d[:len(prefix)]
	case string(prefix) == np:
		p.prefix = prefix
	}
	if len(p.nsn) > len(d) || string(d[len(d)-len(p.nsn):]) != string(p.nsn) {
		p.modified = true
	} else if b := d[:len(d)-len(p.nsn)]; len(b) > 0 && string(b) != string(p.prefix) {
		p.before = b
	}
	return p
}

// applyShape appends to dst the national number a national prefix match
// of the given shape makes of d, and returns it with the digits before
// the first kept one (the national prefix, if the match kept any digit)
// and whether it kept any.
func applyShape(dst []byte, shape string, d []byte) (nsn, prefix []byte, groups bool) {
	k := 0
	prefixEnd := -1
	for i := 0; i < len(shape); i++ {
		switch c := shape[i]; c {
		case 'S':
			k++
		case 'K':
			if prefixEnd < 0 {
				prefixEnd = k
			}
			dst = append(dst, d[k])
			k++
		default:
			dst = append(dst, c)
			groups = true
		}
	}
	if prefixEnd >= 0 {
		groups = true
	} else {
		prefixEnd = k
	}
	return append(dst, d[k:]...), d[:prefixEnd], groups
}

// extract is the parser's extractNationalSignificantNumber: it reads the
// national prefix of the digits typed, if a match changes them, and
// reports whether it did. again is extractAnotherNationalSignificantNumber:
// a new reading counts only if it makes another national number.
func (t *Typer) extract(again bool) bool {
	if t.intl() || !t.national {
		return false
	}
	d := t.digits[:t.n]
	shape, ok := prefixShape(t.region.field(fieldNational), d)
	if !ok {
		shape = ""
	}
	var buf [2 * MaxTyped]byte
	nsn, _, _ := applyShape(buf[:0], shape, d)
	if again {
		if string(nsn) == string(t.parse().nsn) {
			return false
		}
	} else if string(nsn) == string(d) {
		return false
	}
	t.extracted, t.shape = t.n+1, shape
	return true
}

// update narrows the formats and chooses one for what is typed now.
func (t *Typer) update() {
	if t.extracted == 0 {
		t.extract(false)
	}
	t.narrow()
}

// narrow is the formatter's reset when the calling code or the national
// number's reading changed, and narrowDownMatchingFormats.
func (t *Typer) narrow() {
	p := t.parse()
	if !p.ok {
		return
	}
	intl := uint16(0)
	if t.intl() {
		intl = 1
	}
	if key := uint16(p.cc)<<6 | intl<<5 | uint16(t.extracted) + 1; key != t.key {
		// A new calling code or national prefix: every format is back.
		// A format that is not for international use ("NA") is none
		// at all for libphonenumber-js, whose metadata leaves it out.
		t.key, t.chosen, t.complete = key, 0, false
		t.matching = 0
		for i := range p.e.formatCount() {
			if p.e.format(i).intl() != 0 {
				t.matching |= 1 << i
			}
		}
	}
	if len(p.nsn) == 0 {
		return
	}
	for i := range p.e.formatCount() {
		if t.matching&(1<<i) != 0 && !t.suits(p, p.e.format(i)) {
			t.matching &^= 1 << i
		}
	}
	if t.chosen != 0 && t.matching&(1<<(t.chosen-1)) == 0 {
		t.chosen, t.complete = 0, false
	}
}

// suits is formatSuits and formatMatches.
func (t *Typer) suits(p parsed, f format) bool {
	flags := f.flags()
	uses := flags&usesNational != 0
	optional := flags&optionalNational != 0
	if len(p.prefix) > 0 && !uses && !optional {
		return false
	}
	if !t.intl() && len(p.prefix) == 0 && uses && !optional {
		return false
	}
	lead := f.leading()
	if len(lead) == 0 {
		return true
	}
	if len(p.nsn) < 3 {
		// PatternMatcher, which reads the first pattern its own way.
		return u16(typedStates, 2*walk(typedStates, typedRows, f.short(), p.nsn)) != 0
	}
	i := min(len(p.nsn)-3, len(lead)/2-1)
	return u16(typedStates, 2*walk(typedStates, typedRows, at16(lead, 2*uint(i)), p.nsn)) == 2
}

// appendDisplay appends the display to dst, choosing the format as
// libphonenumber-js does once per input.
func (t *Typer) appendDisplay(dst []byte) []byte {
	if t.n == 0 {
		if t.plus {
			return append(dst, '+')
		}
		return dst
	}
	p := t.parse()
	var buf [MaxDisplay]byte
	var out []byte
	ok := false
	if p.ok {
		out, ok = t.format(p, buf[:0])
		if !ok && t.reExtract() {
			// Format what the new reading makes.
			t.narrow()
			if p = t.parse(); p.ok {
				out, ok = t.format(p, buf[:0])
			}
		}
	}
	if !ok || len(out) == 0 {
		out = t.unformatted(p, buf[:0])
	}
	if !t.intl() {
		return append(dst, out...)
	}
	// getFullNumber: the international prefix, then the calling code
	// and the national number.
	d := t.digits[t.idd:t.n]
	if t.idd > 0 {
		dst = append(dst, t.digits[:t.idd]...)
		if len(d) > 0 {
			dst = append(dst, ' ')
		}
	} else {
		dst = append(dst, '+')
	}
	if p.cc == 0 {
		return append(dst, d...)
	}
	dst = append(dst, d[:len(d)-len(p.national)]...)
	if len(out) > 0 {
		dst = append(append(dst, ' '), out...)
	}
	return dst
}

// unformatted is getNonFormattedNumber's national part.
func (t *Typer) unformatted(p parsed, dst []byte) []byte {
	switch {
	case !p.ok && !t.intl():
		return append(dst, t.digits[:t.n]...)
	case p.modified:
		return append(dst, p.national...)
	case len(p.before) > 0:
		dst = append(dst, p.before...)
	default:
		dst = append(dst, p.prefix...)
	}
	return append(dst, p.nsn...)
}

// reExtract is the parser's reExtractNationalSignificantNumber: when no
// format fits, the national prefix is read again (if it is complex), or
// an international prefix is looked for.
func (t *Typer) reExtract() bool {
	if t.region.typedField(typedComplex) != 0 && t.extract(true) {
		return true
	}
	return t.extractIDD()
}

// extractIDD is the parser's extractIddPrefix: digits typed in a region
// that start with its international prefix, and no 0 after it, are an
// international number.
func (t *Typer) extractIDD() bool {
	if t.intl() || !t.national {
		return false
	}
	k, ok := t.region.iddLength(t.digits[:t.n])
	if !ok || k == 0 {
		return false
	}
	t.idd, t.extracted, t.shape = uint8(k), 0, ""
	return true
}

// intl reports whether the number is typed in international form.
func (t *Typer) intl() bool {
	return t.plus || t.idd > 0
}

// format is AsYouTypeFormatter.format: the national part of the display,
// or false when no format fits. It updates the chosen format, as there.
func (t *Typer) format(p parsed, dst []byte) ([]byte, bool) {
	if p.e.possibleBit(len(p.nsn)) {
		for i := range p.e.formatCount() {
			if t.matching&(1<<i) == 0 {
				continue
			}
			if out, ok := t.formatComplete(p, p.e.format(i), dst); ok {
				t.chosen, t.chosenLen, t.complete = uint8(i+1), uint8(len(p.nsn)), true
				return out, true
			}
		}
	}
	// chooseFormat: the first format in the running that can make a
	// template, unless the chosen one comes first.
	for i := range p.e.formatCount() {
		if t.matching&(1<<i) == 0 {
			continue
		}
		if t.chosen == uint8(i+1) {
			break
		}
		f := p.e.format(i)
		plain := byte(plainNational)
		if t.intl() {
			plain = plainIntl
		}
		if f.flags()&plain == 0 {
			continue
		}
		l, ok := f.templateLen(len(p.nsn))
		if !ok {
			t.matching &^= 1 << i
			continue
		}
		t.chosen, t.chosenLen, t.complete = uint8(i+1), uint8(l), false
		break
	}
	if t.chosen == 0 || t.complete {
		// No format, or a whole number's, which no further digit fits.
		t.chosen, t.complete = 0, false
		return dst, false
	}
	out, ok := t.fill(p, p.e.format(int(t.chosen-1)), dst)
	if !ok {
		t.chosen = 0
	}
	return out, ok
}

// separator is getSeparatorAfterNationalPrefix.
func (t *Typer) separator(p parsed, f format) []byte {
	if p.cc == 1 || f.flags()&spaceNational != 0 {
		return []byte{' '}
	}
	return nil
}

// npRule reports whether the national prefix formatting rule applies:
// shouldTryNationalPrefixFormattingRule.
func (t *Typer) npRule(p parsed, f format) bool {
	if f.npDigits() == "" {
		return false
	}
	uses := f.flags()&usesNational != 0
	return uses && len(p.prefix) > 0 || !uses && !t.intl()
}

// formatComplete is formatCompleteNumber: the whole national number
// written with format f, if its pattern matches it.
func (t *Typer) formatComplete(p parsed, f format, dst []byte) ([]byte, bool) {
	atoms, plainT, nationalT := f.texts(t.intl())
	if plainT == "" {
		return dst, false // "NA": no international form
	}
	var lens [maxAtoms]uint8
	if end, ok := match(atoms, p.nsn, 0, 0, &lens); !ok || end != len(p.nsn) {
		return dst, false
	}
	start := len(dst)
	if t.npRule(p, f) {
		dst = expand(dst, p.nsn, atoms, &lens, nationalT, 0)
		if sameDigits(dst[start:], p.national) {
			return dst, true
		}
		dst = dst[:start]
	}
	switch {
	case len(p.prefix) > 0:
		dst = append(append(dst, p.prefix...), t.separator(p, f)...)
	case len(p.before) > 0:
		dst = append(append(dst, p.before...), ' ')
	}
	dst = expand(dst, p.nsn, atoms, &lens, plainT, 0)
	if t.intl() {
		dst = joinRuns(dst, start, ' ')
	}
	return dst, sameDigits(dst[start:], p.national)
}

// fill writes the national digits into the template of format f made for
// chosenLen digits (getTemplateForFormat, then populateTemplateWithDigits
// and cutAndStripNonPairedParens).
func (t *Typer) fill(p parsed, f format, dst []byte) ([]byte, bool) {
	atoms, plainT, nationalT := f.texts(t.intl())
	var lens [maxAtoms]uint8
	var nines [maxDigits + 2]byte
	for i := range nines {
		nines[i] = '9'
	}
	if _, ok := matchAny(atoms, nines[:t.chosenLen], 0, 0, &lens, true); !ok {
		return dst, false
	}
	start := len(dst)
	if t.npRule(p, f) && f.npDigits() == string(p.prefix)+"1" {
		dst = expand(dst, nil, atoms, &lens, nationalT, len(p.prefix))
	} else {
		switch {
		case len(p.before) > 0:
			for range p.before {
				dst = append(dst, 'x')
			}
			dst = append(dst, ' ')
		case len(p.prefix) > 0:
			for range p.prefix {
				dst = append(dst, 'x')
			}
			dst = append(dst, t.separator(p, f)...)
		}
		dst = expand(dst, nil, atoms, &lens, plainT, 0)
	}
	if t.intl() {
		dst = joinRuns(dst, start, ' ')
	}
	// populateTemplateWithDigits, then the cut after the last digit.
	last, k := -1, 0
	for i := start; i < len(dst) && k < len(p.national); i++ {
		if dst[i] == 'x' {
			dst[i] = p.national[k]
			k++
			last = i
		}
	}
	if k < len(p.national) {
		return dst[:start], false
	}
	end := last + 1
	if end < len(dst) && dst[end] == ')' {
		end++
	}
	return stripParens(dst[:end], start), true
}

// expand writes a template with the groups of nsn as the atoms split it
// (AppendFormat's number, and the formatter's), or, when nsn is nil, as
// many 'x'; it writes the first np digits of the template's own text as
// 'x' too, and, with nsn nil, like libphonenumber-js's template, every
// literal '9'.
func expand(dst, nsn []byte, atoms string, lens *[maxAtoms]uint8, tmpl string, np int) []byte {
	var span [10][2]uint8
	pos := uint8(0)
	for a := 0; 5*a < len(atoms); a++ {
		g := atoms[5*a]
		if span[g][1] == 0 {
			span[g][0] = pos
		}
		pos += lens[a]
		span[g][1] = pos
	}
	for k := 0; k < len(tmpl); k++ {
		c := tmpl[k]
		switch {
		case c < 10 && nsn != nil:
			dst = append(dst, nsn[span[c][0]:span[c][1]]...)
		case c < 10:
			for range span[c][1] - span[c][0] {
				dst = append(dst, 'x')
			}
		case c >= '0' && c <= '9' && np > 0:
			dst = append(dst, 'x')
			np--
		case c == '9' && nsn == nil:
			dst = append(dst, 'x')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// stripParens is stripNonPairedParens on dst[start:]: an opening
// parenthesis that is never closed goes.
func stripParens(dst []byte, start int) []byte {
	var open [MaxDisplay]int
	n := 0
	for i := start; i < len(dst); i++ {
		switch dst[i] {
		case '(':
			if n < len(open) {
				open[n] = i
				n++
			}
		case ')':
			if n > 0 {
				n--
			}
		}
	}
	if n == 0 {
		return dst
	}
	w, j := start, 0
	for r := start; r < len(dst); r++ {
		if j < n && open[j] == r {
			j++
			continue
		}
		dst[w] = dst[r]
		w++
	}
	return dst[:w]
}

// sameDigits reports whether the digits of s are d.
func sameDigits(s, d []byte) bool {
	k := 0
	for _, c := range s {
		if c >= '0' && c <= '9' {
			if k >= len(d) || d[k] != c {
				return false
			}
			k++
		}
	}
	return k == len(d)
}

// Number appends the E.164 digits (after the '+') of what was typed, if
// a calling code and a national number can be told apart.
func (t *Typer) Number(dst []byte) ([]byte, bool) {
	p := t.parse()
	if !p.ok || len(p.nsn) == 0 {
		return dst, false
	}
	if !t.intl() {
		p.cc = t.region.callingCode()
	}
	var code [4]byte
	n := 0
	for c := p.cc; c > 0; c /= 10 {
		code[3-n] = byte('0' + c%10)
		n++
	}
	return append(append(dst, code[4-n:]...), p.nsn...), true
}

// The typed tables, as gen/aytype.go lays them out.
const (
	typedEntitySize = 8
	typedFirst      = 0
	typedCount      = 2
	typedNational   = 4
	typedComplex    = 6
	typedFormatSize = 12
)

// The flags of a format (gen/aytype.go).
const (
	usesNational = 1 << iota
	optionalNational
	spaceNational
	plainNational
	plainIntl
)

func (e entity) typedField(f uint) uint {
	return at16(typedEntities, uint(e)*typedEntitySize+f)
}

func (e entity) formatCount() int {
	return int(e.typedField(typedCount))
}

func (e entity) possibleBit(n int) bool {
	possible := uint32(e.field(fieldPossible) | e.field(fieldPossible+1)<<16)
	return n < 32 && possible&(1<<n) != 0
}

// format is a format, numbered in formatTable.
type format uint

func (e entity) format(i int) format {
	return format(e.typedField(typedFirst) + uint(i))
}

func (f format) flags() byte {
	return typedFormats[typedFormatSize*uint(f)]
}

func (f format) intl() uint {
	return at16(typedFormats, typedFormatSize*uint(f)+2)
}

func (f format) npDigits() string {
	return typedString(at16(typedFormats, typedFormatSize*uint(f)+4))
}

func (f format) short() uint {
	return at16(typedFormats, typedFormatSize*uint(f)+8)
}

func (f format) leading() string {
	return typedString(at16(typedFormats, typedFormatSize*uint(f)+6))
}

// texts returns the atoms of f's pattern, the rule the display uses
// ("" for none) and f's rule with the national prefix formatting rule,
// as libphonenumber-js writes it.
func (f format) texts(international bool) (atoms, plain, national string) {
	i := uint(f)
	atoms = text(u16(formatTable, 3*i))
	national = typedString(at16(typedFormats, typedFormatSize*i+10))
	plain = text(u16(formatTable, 3*i+2))
	if international {
		plain = ""
		if j := f.intl(); j != 0 {
			plain = text(u16(formatTable, 3*j+2))
		}
	}
	return atoms, plain, national
}

// templateLen returns the length of the digits f's template is made of
// for n digits typed: n if the pattern, with every class read as \d,
// matches n digits, or else its longest match of 15 ('9' * 15); false if
// n digits do not fit that.
func (f format) templateLen(n int) (int, bool) {
	atoms := text(u16(formatTable, 3*uint(f)))
	var nines [maxDigits]byte
	for i := range nines {
		nines[i] = '9'
	}
	var lens [maxAtoms]uint8
	long, ok := matchAny(atoms, nines[:], 0, 0, &lens, false)
	if !ok || n > long {
		return 0, false
	}
	if n <= len(nines) {
		if end, ok := matchAny(atoms, nines[:n], 0, 0, &lens, true); ok && end == n {
			return n, true
		}
	}
	return long, true
}

// matchAny is match with every class read as any digit; with full, the
// match must take all of nsn.
func matchAny(atoms string, nsn []byte, a, pos int, lens *[maxAtoms]uint8, full bool) (int, bool) {
	if 5*a >= len(atoms) {
		return pos, !full || pos == len(nsn)
	}
	if a >= maxAtoms {
		return 0, false
	}
	lo, hi := int(atoms[5*a+3]), int(atoms[5*a+4])
	k := min(hi, len(nsn)-pos)
	for ; k >= lo; k-- {
		if end, ok := matchAny(atoms, nsn, a+1, pos+k, lens, full); ok {
			lens[a] = uint8(k)
			return end, true
		}
	}
	return 0, false
}

// typedString returns the string at offset i of typedText, after its
// length.
func typedString(i uint) string { return counted(typedText, i) }
