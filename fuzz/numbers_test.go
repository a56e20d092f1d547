package fuzz

import (
	"math/rand"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/nyaruka/phonenumbers"
)

// The phone numbers the generators use: libphonenumber's example number
// of every type of every region and non-geographic calling code, with what
// libphonenumber itself (the oracle, not package phone) says about them.

// A number is a valid example number.
type number struct {
	e164   string
	region string // as libphonenumber assigns it; "001" for non-geographic
	cc     string
	nsn    string // national significant number

	// national are national forms (digits only) that libphonenumber reads
	// back as this number in region: the bare national significant number,
	// and with the national prefix. Empty for non-geographic numbers.
	national []string
}

// An idd is a region whose international dialling prefix is one fixed
// digit string, such as GB's 00 and US's 011.
type idd struct{ region, prefix string }

type numberPool struct {
	all      []number
	regions  []string         // geographic regions with an example number, sorted
	byRegion map[string][]int // indexes into all

	// invalid are E.164-syntax numbers that libphonenumber finds invalid
	// or non-canonical; impossible are those it finds of an impossible
	// length (or non-canonical), which fail phone.ParsePossible too.
	invalid, impossible []string

	idds []idd
}

var digitsOnly = regexp.MustCompile(`^[0-9]+$`)

// pool builds the numbers once; the result is never modified.
var pool = sync.OnceValue(func() *numberPool {
	p := &numberPool{}
	var regions []string
	for r := range phonenumbers.GetSupportedRegions() {
		regions = append(regions, r)
	}
	slices.Sort(regions)
	var examples []*phonenumbers.PhoneNumber
	for _, r := range regions {
		for t := phonenumbers.FIXED_LINE; t < phonenumbers.UNKNOWN; t++ {
			if n := phonenumbers.GetExampleNumberForType(r, t); n != nil {
				examples = append(examples, n)
			}
		}
		if prefix, ok := iddPrefix(r); ok {
			p.idds = append(p.idds, idd{r, prefix})
		}
	}
	var global []int
	for cc := range phonenumbers.GetSupportedGlobalNetworkCallingCodes() {
		global = append(global, cc)
	}
	slices.Sort(global)
	for _, cc := range global {
		if n := phonenumbers.GetExampleNumberForNonGeoEntity(cc); n != nil {
			examples = append(examples, n)
		}
	}
	seen := map[string]bool{}
	for _, n := range examples {
		e := phonenumbers.Format(n, phonenumbers.E164)
		if seen[e] || !oracleValid(e) {
			continue
		}
		seen[e] = true
		num := number{
			e164:   e,
			region: regionOf(n),
			cc:     strconv.Itoa(int(n.GetCountryCode())),
			nsn:    phonenumbers.GetNationalSignificantNumber(n),
		}
		if num.region != "001" {
			ndd := phonenumbers.GetNddPrefixForRegion(num.region, true)
			num.national = keepNational([]string{num.nsn, ndd + num.nsn}, &num)
			if !slices.Contains(p.regions, num.region) {
				p.regions = append(p.regions, num.region)
			}
		}
		p.all = append(p.all, num)
	}
	slices.Sort(p.regions)
	p.byRegion = map[string][]int{}
	for i, n := range p.all {
		p.byRegion[n.region] = append(p.byRegion[n.region], i)
	}
	// Near misses of the examples, judged by the oracle.
	for _, num := range p.all {
		d := num.e164[1:]
		last := d[len(d)-1]
		for _, miss := range []string{
			d + "0", d + "12", d[:len(d)-1], d[:len(d)-2],
			d[:len(d)-1] + string('0'+(last-'0'+5)%10),
			num.cc + "0" + num.nsn, num.cc + "00" + num.nsn,
		} {
			s := "+" + miss
			if len(miss) > 15 || miss[0] == '0' || seen[s] {
				continue
			}
			seen[s] = true
			if !oracleValid(s) {
				p.invalid = append(p.invalid, s)
			}
			if !oraclePossible(s) {
				p.impossible = append(p.impossible, s)
			}
		}
	}
	return p
})

// iddPrefix returns the international dialling prefix of region, when it
// is one digit string, as libphonenumber writes it before a foreign
// number ("011 49 30 123456" from US).
func iddPrefix(region string) (string, bool) {
	foreign := "DE"
	if region == foreign || phonenumbers.GetCountryCodeForRegion(region) == 49 {
		foreign = "FR"
	}
	out := phonenumbers.FormatOutOfCountryCallingNumber(phonenumbers.GetExampleNumber(foreign), region)
	prefix, _, ok := strings.Cut(out, " ")
	return prefix, ok && digitsOnly.MatchString(prefix)
}

// keepNational returns the national forms that libphonenumber reads
// back as n in n's region.
func keepNational(forms []string, n *number) []string {
	var out []string
	for _, nat := range forms {
		m, err := phonenumbers.Parse(nat, n.region)
		if err == nil && phonenumbers.Format(m, phonenumbers.E164) == n.e164 && !slices.Contains(out, nat) {
			out = append(out, nat)
		}
	}
	return out
}

func regionOf(n *phonenumbers.PhoneNumber) string { return phonenumbers.GetRegionCodeForNumber(n) }

func quoteGo(s string) string { return strconv.Quote(s) }

// oracleParse reads s with libphonenumber and reports whether s is
// exactly how libphonenumber writes that number in E.164.
func oracleParse(s string) (*phonenumbers.PhoneNumber, bool) {
	n, err := phonenumbers.Parse(s, "")
	if err != nil || phonenumbers.Format(n, phonenumbers.E164) != s {
		return nil, false
	}
	return n, true
}

func oracleValid(s string) bool {
	n, ok := oracleParse(s)
	return ok && phonenumbers.IsValidNumber(n)
}

func oraclePossible(s string) bool {
	n, ok := oracleParse(s)
	return ok && phonenumbers.IsPossibleNumberWithReason(n) == phonenumbers.IS_POSSIBLE
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.Intn(len(xs))] }

// pickNumber returns a random example number.
func pickNumber(r *rand.Rand) *number {
	all := pool().all
	return &all[r.Intn(len(all))]
}

// pickNumberWhere returns a random example number for which keep holds,
// or nil after a bounded number of tries.
func pickNumberWhere(r *rand.Rand, keep func(*number) bool) *number {
	for range 200 {
		if n := pickNumber(r); keep(n) {
			return n
		}
	}
	return nil
}

// separators are what people put between the digits of a phone number,
// as phone.Normalize documents them.
var separators = []string{" ", " ", "-", "-", ".", "/", "  ", " - ", "\t", ""}

// spread writes digits in groups of one to four, with random separators
// and now and then a group in parentheses. The result is at most 64 bytes
// (phone.Normalize's limit) whenever digits leave room for it.
func spread(r *rand.Rand, digits string) string {
	for range 8 {
		var b strings.Builder
		for len(digits) > 0 {
			n := min(1+r.Intn(4), len(digits))
			group := digits[:n]
			digits = digits[n:]
			if r.Intn(6) == 0 {
				group = "(" + group + ")"
			}
			b.WriteString(group)
			if len(digits) > 0 {
				b.WriteString(pick(r, separators))
			}
		}
		if b.Len() <= 64 {
			return b.String()
		}
		digits = strings.Map(keepDigits, b.String())
	}
	return digits
}

func keepDigits(c rune) rune {
	if '0' <= c && c <= '9' {
		return c
	}
	return -1
}

// formatted returns a way of writing n that phone.Normalize must read as
// n, with the default region to pass.
func formatted(r *rand.Rand, n *number) (input, region string, how string) {
	p := pool()
	switch k := r.Intn(4); {
	case k == 0 && len(n.national) > 0:
		return spread(r, pick(r, n.national)), n.region, "national"
	case k == 1:
		// Some regions' prefixes are patterns that also take the next
		// digit (HK: 00 or 002), so that "00" + 252… reads as +524…;
		// only the forms libphonenumber itself reads back count.
		for range 4 {
			d := pick(r, p.idds)
			m, err := phonenumbers.Parse(d.prefix+n.cc+n.nsn, d.region)
			if err == nil && phonenumbers.Format(m, phonenumbers.E164) == n.e164 {
				return spread(r, d.prefix+n.cc+n.nsn), d.region, "idd " + d.prefix + " from " + d.region
			}
		}
	case k == 2:
		return n.e164, pick(r, append([]string{""}, p.regions...)), "e164"
	}
	plus := pick(r, []string{"+", "+", "+ ", "(+", "+("})
	s := plus + spread(r, n.cc+n.nsn)
	if strings.Count(s, "(") > strings.Count(s, ")") {
		s = strings.Replace(s, "(", "", 1) // keep it looking like typing
	}
	if len(s) > 64 {
		s = n.e164
	}
	return s, pick(r, append([]string{""}, p.regions...)), "international"
}

// badPhone returns a phone_number value that is not a valid number in
// canonical E.164. With possibleOnly the policy checks possible length
// only, so an invalid but possible number would pass: only syntax errors
// and impossible numbers are returned then.
func badPhone(r *rand.Rand, possibleOnly bool) string {
	p := pool()
	if r.Intn(2) == 0 {
		if possibleOnly {
			return pick(r, p.impossible)
		}
		return pick(r, p.invalid)
	}
	n := pickNumber(r)
	d := n.e164[1:]
	i := r.Intn(len(d))
	switch r.Intn(14) {
	case 0:
		return d // no +
	case 1:
		return "+" + d[:i] + pick(r, []string{" ", "-", ".", "(", ")", "/"}) + d[i:]
	case 2:
		return "+0" + d
	case 3:
		return n.e164 + strings.Repeat("1", 16-len(d)) // 16 digits
	case 4:
		return "+" + d[:i] + pick(r, []string{"a", "O", "l", "x", "#", "*"}) + d[i+1:]
	case 5:
		return "+" + d[:i] + pick(r, []string{"１", "٣", "߂", "𝟘"}) + d[i+1:] // non-ASCII digits
	case 6:
		return pick(r, []string{" ", "\t", "\n", "\u00a0"}) + n.e164
	case 7:
		return n.e164 + pick(r, []string{" ", "\n", ".", "x12", ";ext=1", " ext. 5", "#"})
	case 8:
		return "00" + d
	case 9:
		return "tel:" + n.e164
	case 10:
		return pick(r, []string{"+", "++", "+ ", "-", "()"})
	case 11:
		return "++" + d
	case 12:
		if len(n.national) > 0 {
			return spread(r, n.national[0]) + "x" // a national form is not E.164 either
		}
		return "+" + spread(r, d) + "-"
	}
	return "+" + d[:i] + "\x00" + d[i:]
}
