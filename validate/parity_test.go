package validate_test

import (
	"encoding/json"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"

	"github.com/contactrules/contactrules/internal/jsonwire"
	"github.com/contactrules/contactrules/internal/testenv"
	"github.com/contactrules/contactrules/validate"
)

// A contact both JSON and a form can express: members with non-empty
// string values (a form's empty input is absent), tags, custom fields
// with string values, and a checkbox.
type formContact struct {
	members map[string]string // JSON name -> value
	typed   string            // phone_number as a person typed it
	tags    []string
	custom  map[string]string
	welcome string // "", "true" or "false"
}

var (
	emails   = []string{"jane@example.com", "JANE@Example.CO", "jane", "a@b", "j@x.xn--p1ai", "Jane <j@x.com>", "a@" + strings.Repeat("b", 64) + ".com"}
	phones   = [][2]string{{"+12015550123", "(201) 555-0123"}, {"+12015550123", "+1 201.555.0123"}, {"+447400123456", "+44 7400 123456"}, {"+15062345678", "506-234-5678"}, {"+15551234567", "+15551234567"}, {"+442071838750", "+44 (0)20 7183 8750"}, {"12015550123x", "12015550123x"}}
	names    = []string{"Jane", "Ölçer", strings.Repeat("é", 255), strings.Repeat("x", 256), "\xff"}
	tagPool  = []string{"vip", "gold", strings.Repeat("t", 256), "\xfe"}
	consents = []string{"subscribed", "unsubscribed", "never_subscribed", "suppressed", "single_opt_in", "pending", "compliance_suppressed", "yes"}
)

func genFormContact(r *rand.Rand) formContact {
	c := formContact{members: map[string]string{}}
	pick := func(pool []string) string { return pool[r.IntN(len(pool))] }
	if r.IntN(3) > 0 {
		c.members["email"] = pick(emails)
	}
	if r.IntN(2) > 0 {
		p := phones[r.IntN(len(phones))]
		c.members["phone_number"], c.typed = p[0], p[1]
	}
	for _, f := range []string{"first_name", "last_name"} {
		if r.IntN(3) == 0 {
			c.members[f] = pick(names)
		}
	}
	for _, f := range []string{"email_consent", "sms_consent"} {
		if r.IntN(2) == 0 {
			c.members[f] = pick(consents)
		}
	}
	if r.IntN(4) == 0 {
		c.members["nickname"] = "J" // unknown in both
	}
	for range r.IntN(4) {
		c.tags = append(c.tags, pick(tagPool))
	}
	if r.IntN(3) == 0 {
		c.custom = map[string]string{"plan": pick([]string{"pro", "<b>", "\xff"})}
	}
	c.welcome = pick([]string{"", "true", "false"})
	return c
}

func (c formContact) json() []byte {
	b := []byte{'{'}
	add := func(k string, v []byte) {
		if len(b) > 1 {
			b = append(b, ',')
		}
		b = append(jsonwire.AppendQuoteBytes(b, k), ':')
		b = append(b, v...)
	}
	keys := make([]string, 0, len(c.members))
	for k := range c.members {
		keys = append(keys, k)
	}
	slices.Sort(keys) // a form reports unknown members in name order
	for _, k := range keys {
		add(k, jsonwire.AppendQuoteBytes(nil, c.members[k]))
	}
	if c.tags != nil {
		v := []byte{'['}
		for i, t := range c.tags {
			if i > 0 {
				v = append(v, ',')
			}
			v = jsonwire.AppendQuoteBytes(v, t)
		}
		add("tags", append(v, ']'))
	}
	if c.custom != nil {
		add("custom_fields", append(jsonwire.AppendQuoteBytes([]byte(`{"plan":`), c.custom["plan"]), '}'))
	}
	if c.welcome != "" {
		add("send_welcome_sms", []byte(c.welcome))
	}
	return append(b, '}')
}

func (c formContact) form() map[string][]string {
	f := map[string][]string{}
	for k, v := range c.members {
		f[k] = []string{v}
	}
	if c.typed != "" {
		f["phone_number"] = []string{c.typed}
	}
	f["tags"] = append([]string{""}, c.tags...) // an empty input too
	if c.custom != nil {
		f["custom_fields[plan]"] = []string{c.custom["plan"]}
	}
	f["send_welcome_sms"] = []string{map[string]string{"": "", "true": "on", "false": "0"}[c.welcome]}
	return f
}

// propertyCases is how many cases a property runs: 10,000 when
// CONTACTRULES_LONG=1 asks for the long run (CI does), 1,000 otherwise
// (internal/testenv).
func propertyCases() int { return testenv.Cases(1000, 10_000) }

// TestFormParity: for every contact both can express, CreateForm gives
// CreateJSON's details byte for byte and, when valid, the same contact
// and effects; so does Create on the decoded struct.
func TestFormParity(t *testing.T) {
	params := gopter.DefaultTestParametersWithSeed(1)
	params.MinSuccessfulTests = propertyCases()
	props := gopter.NewProperties(params)
	props.Property("form, struct and JSON agree", prop.ForAll(func(seed uint64) (msg string) {
		c := genFormContact(rand.New(rand.NewPCG(seed, 7)))
		body := c.json()
		jc, je, jd := validate.CreateJSON(body, validate.Policy{})
		fc, fe, fd := validate.CreateForm(c.form(), validate.Policy{})
		if g, w := strings.Join(details(fd), "\n"), strings.Join(details(jd), "\n"); g != w {
			return "form details\n" + g + "\nJSON details\n" + w + "\nfor " + string(body)
		}
		if jd == nil && (fmtContact(fc) != fmtContact(jc) || fe != je) {
			return "form contact " + fmtContact(fc) + "\nJSON contact " + fmtContact(jc)
		}
		if jd == nil {
			var decoded validate.Contact
			if err := json.Unmarshal(body, &decoded); err != nil {
				return err.Error()
			}
			sc, se, sd := validate.Create(decoded, validate.Policy{})
			if sd != nil || fmtContact(sc) != fmtContact(jc) || se != je {
				return "struct path disagrees on " + string(body)
			}
		}
		return ""
	}, gen.UInt64()))
	props.TestingRun(t)
}
