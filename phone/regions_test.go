package phone

import (
	"slices"
	"strings"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

func mustRegions(t *testing.T, codes ...string) Regions {
	t.Helper()
	r, err := NewRegions(codes...)
	if err != nil {
		t.Fatalf("NewRegions(%q): %v", codes, err)
	}
	return r
}

func mustParse(t *testing.T, s string) Number {
	t.Helper()
	n, err := Parse(s)
	if err != nil {
		t.Fatalf("Parse(%q): %v", s, err)
	}
	return n
}

func TestNewRegions(t *testing.T) {
	tests := []struct {
		name  string
		codes []string
		want  []string // Codes() of the result
	}{
		{name: "none is the empty set", codes: nil, want: []string{}},
		{name: "one", codes: []string{"GB"}, want: []string{"GB"}},
		{name: "sorted whatever the order", codes: []string{"US", "GB", "CA"}, want: []string{"CA", "GB", "US"}},
		{name: "duplicates collapse", codes: []string{"US", "US", "CA", "US"}, want: []string{"CA", "US"}},
		{name: "first and last region", codes: []string{"ZW", "AC"}, want: []string{"AC", "ZW"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustRegions(t, tt.codes...)
			got := r.Codes()
			if got == nil || !slices.Equal(got, tt.want) {
				t.Errorf("Codes() = %#v, want %#v", got, tt.want)
			}
			if r.IsZero() != (len(tt.want) == 0) {
				t.Errorf("IsZero() = %v for %q", r.IsZero(), tt.want)
			}
		})
	}
}

func TestNewRegionsRejectsUnknownCodes(t *testing.T) {
	tests := []struct {
		code    string
		message string
	}{
		{code: "ZZ", message: `phone: unknown region code (argument 2)`},
		{code: "us", message: `phone: unknown region code (argument 2)`},
		{code: "USA", message: `phone: unknown region code (argument 2)`},
		{code: "", message: `phone: unknown region code (argument 2)`},
		{code: " US", message: `phone: unknown region code (argument 2)`},
		{code: "001", message: `phone: unknown region code (argument 2)`},
		{code: "UK", message: `phone: unknown region code (argument 2)`},
		{code: strings.Repeat("X", 1000), message: `phone: unknown region code (argument 2)`},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			r, err := NewRegions("US", tt.code, "CA")
			if err == nil {
				t.Fatalf("NewRegions accepted %q", tt.code)
			}
			if err.Error() != tt.message {
				t.Errorf("error = %q, want %q", err, tt.message)
			}
			if !r.IsZero() {
				t.Errorf("failed NewRegions returned non-empty %v", r.Codes())
			}
		})
	}
}

// Every region libphonenumber supports can be a member on its own, which
// also exercises every word of the bitset.
func TestEveryRegionIsAMember(t *testing.T) {
	var all []string
	for code := range phonenumbers.GetSupportedRegions() {
		r := mustRegions(t, code)
		if !r.Contains(code) || !slices.Equal(r.Codes(), []string{code}) {
			t.Errorf("NewRegions(%q): Contains %v, Codes %v", code, r.Contains(code), r.Codes())
		}
		all = append(all, code)
	}
	if len(all) < 200 {
		t.Fatalf("only %d supported regions; metadata missing?", len(all))
	}
	slices.Sort(all)
	if got := mustRegions(t, all...).Codes(); !slices.Equal(got, all) {
		t.Errorf("set of all regions has Codes() %v", got)
	}
}

func TestDefaultSMSRegions(t *testing.T) {
	d := DefaultSMSRegions()
	if d != mustRegions(t, "CA", "US") {
		t.Errorf("DefaultSMSRegions() = %v, want CA and US", d.Codes())
	}
}

func TestRegionsContains(t *testing.T) {
	r := mustRegions(t, "US", "GB")
	tests := []struct {
		region string
		want   bool
	}{
		{"US", true},
		{"GB", true},
		{"CA", false},
		{"us", false},
		{"001", false},
		{"", false},
		{"ZZ", false},
	}
	for _, tt := range tests {
		if got := r.Contains(tt.region); got != tt.want {
			t.Errorf("Contains(%q) = %v, want %v", tt.region, got, tt.want)
		}
	}
	if (Regions{}).Contains("US") {
		t.Error("the zero Regions contains US")
	}
}

func TestRegionsSupports(t *testing.T) {
	sms := DefaultSMSRegions()
	possible555, err := ParsePossible("+15551234567")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		regions Regions
		n       Number
		want    bool
	}{
		{"US number, default", sms, mustParse(t, "+14155552671"), true},
		{"CA number, default", sms, mustParse(t, "+15062345678"), true},
		{"JM shares +1 but is not supported", sms, mustParse(t, "+18765230123"), false},
		{"GB number, default", sms, mustParse(t, "+442071838750"), false},
		{"GB number, configured", mustRegions(t, "GB"), mustParse(t, "+442071838750"), true},
		{"GG is not GB", mustRegions(t, "GB"), mustParse(t, "+441481256789"), false},
		{"non-geographic never", sms, mustParse(t, "+80012345678"), false},
		{"zero Number never", sms, Number{}, false},
		{"empty set supports nothing", Regions{}, mustParse(t, "+14155552671"), false},
		{"possible-only number uses its fallback region", sms, possible555, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.regions.Supports(tt.n); got != tt.want {
				t.Errorf("Supports(%v in %s) = %v, want %v", tt.n, tt.n.Region(), got, tt.want)
			}
		})
	}
}

// The contract's default SMS countries are US and CA only: every other member
// of the North American Numbering Plan shares +1 but must be refused.
func TestNANPOtherThanUSAndCAUnsupportedByDefault(t *testing.T) {
	sms := DefaultSMSRegions()
	nanp := phonenumbers.GetRegionCodesForCountryCode(1)
	if len(nanp) < 20 {
		t.Fatalf("only %d NANP regions: %v", len(nanp), nanp)
	}
	for _, region := range nanp {
		t.Run(region, func(t *testing.T) {
			ex := phonenumbers.GetExampleNumberForType(region, phonenumbers.MOBILE)
			if ex == nil {
				ex = phonenumbers.GetExampleNumber(region)
			}
			if ex == nil {
				t.Fatal("no example number")
			}
			n := mustParse(t, phonenumbers.Format(ex, phonenumbers.E164))
			if n.Region() != region || n.CountryCode() != 1 {
				t.Fatalf("%v: region %s, calling code %d; want %s, 1", n, n.Region(), n.CountryCode(), region)
			}
			want := region == "US" || region == "CA"
			if got := sms.Supports(n); got != want {
				t.Errorf("DefaultSMSRegions().Supports(%v) = %v, want %v", n, got, want)
			}
			if got := sms.Contains(region); got != want {
				t.Errorf("DefaultSMSRegions().Contains(%q) = %v, want %v", region, got, want)
			}
		})
	}
}

func TestRegionsComparable(t *testing.T) {
	a := mustRegions(t, "US", "CA")
	b := mustRegions(t, "CA", "US", "CA")
	c := mustRegions(t, "US")
	if a != b || a == c {
		t.Errorf("== on Regions: %v == %v is %v, %v == %v is %v", a.Codes(), b.Codes(), a == b, a.Codes(), c.Codes(), a == c)
	}
}

// TestEngineIndex: every region the engine names is one of regionTable's,
// which engineIndex's construction takes on trust (a code it does not find
// would silently become index 0).
func TestEngineIndex(t *testing.T) {
	for n, code := range engineRegions() {
		if i, ok := regionIndex(code); !ok || regionTable[i] != code {
			t.Errorf("engine region %d, %s, is not in regionTable", n+1, code)
		}
	}
}
