package npm

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// bodies generates create and update bodies: mostly JSON as
// JSON.stringify writes it (so that the engine is also run on the parsed
// value), some with white space, escapes, repeated keys, invalid UTF-8,
// deep nesting, long lists or cut short.
type bodies struct {
	r      *rand.Rand
	phones []string
}

func newBodies(r *rand.Rand, phones []string) *bodies {
	return &bodies{r: r, phones: phones}
}

func (g *bodies) pick(list ...string) string { return list[g.r.IntN(len(list))] }
func (g *bodies) chance(n int) bool          { return g.r.IntN(n) == 0 }

var (
	emails = []string{"jane@example.com", "jane.doe+tag@mail.example.co.uk", "JANE@EXAMPLE.COM", "jane@Example.com",
		"a@b.co", "x@y.z1", "jane@localhost", "jane..doe@example.com", ".j@example.com", "j.@example.com", "Jane Doe <jane@example.com>",
		"jane@xn--bcher-kva.example", "jane@example.xn--p1ai", "jane@-x.com", "jane@x-.com", "jané@example.com", "", " ",
		"jane@example.com ", "@example.com", "jane@", "jane", "jane@@example.com", "o'brien@example.ie", "{}@example.com",
		"a@b", "x@y.co", "not an address"}
	words = []string{"subscribed", "unsubscribed", "never_subscribed", "suppressed", "compliance_suppressed", "single_opt_in",
		"pending", "non_subscribed", "Subscribed", "", "yes"}
	names = []string{"Jane", "Doe", "José", "李", "😀", "", " ", "O'Brien", "Anne-Marie", "a\"b", "tab\there", "new\nline", "ctl\u0001"}
	keys  = []string{"plan", "seats", "trial", "tier", "notes", "Plan", "plan ", "ключ", "😀", "", "a\"b", "1", "__proto__",
		"constructor", "toString", "x.y"}
	members = []string{"id", "created_at", "updated_at", "nickname", "phone", "Email", "email ", "tags2", "__proto__", "constructor", "1", "x"}
)

// text returns a random string for a member: from list, or long, or with
// characters JSON writers escape.
func (g *bodies) text(list []string) string {
	switch g.r.IntN(12) {
	case 0:
		return strings.Repeat(g.pick("a", "é", "😀", "ab"), g.r.IntN(300))
	case 1:
		return list[g.r.IntN(len(list))] + string(rune(g.r.IntN(0x2100)))
	}
	return list[g.r.IntN(len(list))]
}

// quote writes s as JSON.stringify does; hostile bodies vary it.
func (g *bodies) quote(b *strings.Builder, s string, hostile bool) {
	b.WriteByte('"')
	for _, c := range s {
		switch {
		case c == '"':
			b.WriteString(`\"`)
		case c == '\\':
			b.WriteString(`\\`)
		case c == '\b':
			b.WriteString(`\b`)
		case c == '\f':
			b.WriteString(`\f`)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\r':
			b.WriteString(`\r`)
		case c == '\t':
			b.WriteString(`\t`)
		case c < 0x20:
			b.WriteString(`\u00` + strconv.FormatInt(int64(c)>>4, 16) + strconv.FormatInt(int64(c)&15, 16))
		case hostile && g.chance(20):
			if c >= 0x10000 {
				r := c - 0x10000
				b.WriteString(`\u` + strconv.FormatInt(int64(0xd800+(r>>10)), 16) + `\u` + strconv.FormatInt(int64(0xdc00+(r&0x3ff)), 16))
			} else {
				b.WriteString(`\u` + strings.Repeat("0", 4-len(strconv.FormatInt(int64(c), 16))) + strconv.FormatInt(int64(c), 16))
			}
		default:
			b.WriteRune(c)
		}
	}
	if hostile {
		switch g.r.IntN(16) {
		case 0:
			b.WriteString(g.pick(`\ud800`, `\udfff`, `\uDBFF\u0041`, `\ud83d\ude00`, `\uDC00\uD800`))
		case 1:
			b.WriteString(g.pick("\xff", "\xc3", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x82", "\xc0\xaf"))
		}
	}
	b.WriteByte('"')
}

// value writes a value for a member not checked by type.
func (g *bodies) any(b *strings.Builder, depth int, hostile bool) {
	switch g.r.IntN(9) {
	case 0:
		b.WriteString("null")
	case 1:
		b.WriteString(g.pick("true", "false"))
	case 2:
		b.WriteString(g.pick("0", "12", "-3.5", "1e+21", "0.001"))
	case 3, 4:
		g.quote(b, g.text(names), hostile)
	case 5:
		if depth < 3 {
			b.WriteByte('[')
			for i := range g.r.IntN(4) {
				if i > 0 {
					b.WriteByte(',')
				}
				g.any(b, depth+1, hostile)
			}
			b.WriteByte(']')
		} else {
			b.WriteString("[]")
		}
	case 6:
		if depth < 3 {
			b.WriteByte('{')
			for i := range g.r.IntN(4) {
				if i > 0 {
					b.WriteByte(',')
				}
				g.quote(b, g.text(keys), hostile)
				b.WriteByte(':')
				g.any(b, depth+1, hostile)
			}
			b.WriteByte('}')
		} else {
			b.WriteString("{}")
		}
	default:
		g.quote(b, g.pick(emails...), hostile)
	}
}

// body returns the i-th body.
func (g *bodies) body(i int) []byte {
	hostile := g.chance(4)
	var b strings.Builder
	b.WriteByte('{')
	n := 0
	member := func(name string) {
		if n > 0 {
			b.WriteByte(',')
		}
		n++
		g.quote(&b, name, hostile && g.chance(8))
		b.WriteByte(':')
	}
	order := g.r.Perm(12)
	for _, m := range order[:g.r.IntN(12)] {
		switch m {
		case 0:
			member("email")
			g.str(&b, g.text(emails), hostile)
		case 1:
			member("phone_number")
			p := g.phones[g.r.IntN(len(g.phones))]
			if g.chance(10) {
				p = g.pick("", "+", "+1", "12015550123", "+1 201 555 0123", "+0123", "+12015550123x", "+1201555012345678")
			}
			g.str(&b, p, hostile)
		case 2, 3:
			member([]string{"first_name", "last_name"}[m-2])
			g.str(&b, g.text(names), hostile)
		case 4:
			member("tags")
			g.tags(&b, hostile)
		case 5:
			member("custom_fields")
			g.custom(&b, hostile)
		case 6, 7:
			member([]string{"email_consent", "sms_consent"}[m-6])
			g.str(&b, g.pick(words...), hostile)
		case 8:
			member("send_welcome_sms")
			if g.chance(4) {
				g.any(&b, 0, hostile)
			} else {
				b.WriteString(g.pick("true", "false"))
			}
		case 9, 10:
			for range 1 + g.r.IntN(3) {
				member(g.text(members))
				g.any(&b, 0, hostile)
			}
		case 11:
			if hostile { // a repeated member
				member(g.pick("email", "tags", "id", "nickname", "sms_consent"))
				g.any(&b, 0, hostile)
			}
		}
	}
	if hostile && g.chance(10) {
		member("x")
		d := 1 + g.r.IntN(5000)
		b.WriteString(strings.Repeat("[", d) + strings.Repeat("]", d))
	}
	b.WriteByte('}')
	out := []byte(b.String())
	if hostile {
		switch g.r.IntN(10) {
		case 0:
			out = out[:g.r.IntN(len(out)+1)]
		case 1:
			out = []byte(strings.NewReplacer(",", " ,\n", ":", " : ").Replace(string(out)))
		case 2:
			out = append(out, g.pick(" ", "\n", "x", "}", "\t")...)
		}
	}
	return out
}

// str writes a string member, or now and then another type.
func (g *bodies) str(b *strings.Builder, s string, hostile bool) {
	if g.chance(15) {
		g.any(b, 0, hostile)
		return
	}
	g.quote(b, s, hostile)
}

func (g *bodies) tags(b *strings.Builder, hostile bool) {
	if g.chance(12) {
		g.any(b, 0, hostile)
		return
	}
	n := g.r.IntN(5)
	if g.chance(10) {
		n = 95 + g.r.IntN(30)
	}
	if hostile && g.chance(20) {
		n = 1000 + g.r.IntN(5000)
	}
	b.WriteByte('[')
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		if g.chance(40) {
			g.any(b, 1, hostile)
			continue
		}
		g.quote(b, g.text([]string{"vip", "newsletter", "", "a", "long-tag", "ünï"}), hostile)
	}
	b.WriteByte(']')
}

func (g *bodies) custom(b *strings.Builder, hostile bool) {
	if g.chance(12) {
		g.any(b, 0, hostile)
		return
	}
	b.WriteByte('{')
	for i := range g.r.IntN(6) {
		if i > 0 {
			b.WriteByte(',')
		}
		k := g.text(keys)
		if g.chance(10) {
			k = strings.Repeat(g.pick("k", "é", "😀"), 20+g.r.IntN(30))
		}
		g.quote(b, k, hostile)
		b.WriteByte(':')
		if g.chance(8) {
			g.any(b, 1, hostile)
		} else {
			g.any(b, 3, hostile)
		}
	}
	b.WriteByte('}')
}
