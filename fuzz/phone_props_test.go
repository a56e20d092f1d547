package fuzz

import (
	"errors"
	"math/rand"
	"testing"

	"github.com/contactrules/contactrules/phone"
	"github.com/leanovate/gopter/prop"
)

// typed is a way of writing a valid number, as a form receives it.
type typed struct {
	n             *number
	input, region string
	how           string
}

func (t typed) String() string {
	return t.how + ": Normalize(" + quoteGo(t.input) + ", " + quoteGo(t.region) + ") should be " + t.n.e164
}

// nearby returns a number close to an example: the example with its last
// digits changed, when libphonenumber finds that valid too, else the
// example. It reaches far more numbers than the examples alone.
func nearby(r *rand.Rand) *number {
	n := pickNumber(r)
	for range 4 {
		k := 1 + r.Intn(3)
		if k >= len(n.nsn) {
			break
		}
		tail := make([]byte, k)
		for i := range tail {
			tail[i] = byte('0' + r.Intn(10))
		}
		e := n.e164[:len(n.e164)-k] + string(tail)
		if p, ok := oracleParse(e); ok && oracleValid(e) {
			m := *n
			m.e164 = e
			m.nsn = n.nsn[:len(n.nsn)-k] + string(tail)
			m.national = nil
			m.region = regionOf(p)
			if m.region == n.region {
				for _, nat := range n.national {
					m.national = append(m.national, nat[:len(nat)-k]+string(tail))
				}
				m.national = keepNational(m.national, &m)
			}
			return &m
		}
	}
	return n
}

func TestPhoneProperties(t *testing.T) {
	props := properties()
	props.Property("Normalize reads every way of writing a valid number (separators, national form, IDD prefix) as that number",
		prop.ForAll(func(tp typed) string {
			got, err := phone.Normalize(tp.input, tp.region)
			switch {
			case err != nil:
				return "error: " + err.Error()
			case got.String() != tp.n.e164 || got.Region() != tp.n.region:
				return "got " + got.String() + " in " + got.Region()
			}
			if back, err := phone.Parse(got.String()); err != nil || back != got {
				return "Parse(n.String()) != n"
			}
			return ""
		}, from(func(r *rand.Rand) typed {
			n := nearby(r)
			input, region, how := formatted(r, n)
			return typed{n, input, region, how}
		})))
	props.Property("Parse accepts exactly the valid canonical numbers, and Parse(n.String()) == n with libphonenumber's region",
		prop.ForAll(func(s string) string {
			n, err := phone.Parse(s)
			if valid := oracleValid(s); valid != (err == nil) {
				return "Parse says " + errString(err) + ", libphonenumber says valid=" + boolString(valid)
			}
			if err != nil {
				if !errors.Is(err, phone.ErrInvalid) && !errors.Is(err, phone.ErrSyntax) || n != (phone.Number{}) {
					return "a refusal must be ErrSyntax or ErrInvalid with the zero Number"
				}
				return ""
			}
			p, _ := oracleParse(s)
			if n.String() != s || n.Region() != regionOf(p) || n.CountryCode() != int(p.GetCountryCode()) {
				return "got " + n.String() + " " + n.Region()
			}
			back, err := phone.Parse(n.String())
			if err != nil || back != n {
				return "Parse(n.String()) != n"
			}
			if pp, err := phone.ParsePossible(s); err != nil || pp != n {
				return "ParsePossible disagrees on a valid number"
			}
			return ""
		}, from(func(r *rand.Rand) string {
			if r.Intn(4) == 0 {
				return badPhone(r, r.Intn(2) == 0)
			}
			return nearby(r).e164
		})))
	props.TestingRun(t)
}

func errString(err error) string {
	if err == nil {
		return "ok"
	}
	return err.Error()
}

func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}
