package schema

// The bodies the validators judge: the contract's examples (docs/create.md,
// docs/update.md), the example files, the fuzz seeds, and generated
// bodies near every rule's edge, each with validate's answer under one of
// the test policies.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/phone"
	"github.com/contactrules/contactrules/validate"
	"github.com/nyaruka/phonenumbers"
)

// A bodyCase is one body, the operation and policy it is judged under
// (an index into policies()), the stored contact of an update, and
// validate's details.
type bodyCase struct {
	on      op
	policy  int
	current validate.Contact
	body    []byte
	details []errs.FieldError
	origin  string
}

func (c *bodyCase) judge() {
	p := policies()[c.policy]
	if c.on == create {
		_, _, c.details = validate.CreateJSON(c.body, p)
	} else {
		_, _, c.details = validate.UpdateJSON(c.current, c.body, p)
	}
}

// docsStored is the stored contact of docs/update.md's examples.
var docsStored = validate.Contact{Email: "jane@example.com", PhoneNumber: "+14155552671", EmailConsent: consent.EmailSubscribed, SMSConsent: consent.SMSNeverSubscribed}

// conformance returns the corpus of the contract and the repository:
// the docs' example bodies, examples/*.ndjson, and the fuzz seeds, each
// under every test policy.
func conformance() ([]bodyCase, error) {
	var out []bodyCase
	add := func(on op, cur validate.Contact, body []byte, origin string) {
		for i := range policies() {
			c := bodyCase{on: on, policy: i, current: cur, body: body, origin: origin}
			c.judge()
			out = append(out, c)
		}
	}
	row := regexp.MustCompile("^\\| `(.*?)` \\|")
	for _, doc := range []struct {
		file string
		on   op
	}{{"create.md", create}, {"update.md", update}} {
		b, err := os.ReadFile(filepath.Join("..", "docs", doc.file))
		if err != nil {
			return nil, err
		}
		for _, line := range strings.Split(string(b), "\n") {
			if m := row.FindStringSubmatch(line); m != nil && strings.HasPrefix(m[1], "{") {
				add(doc.on, docsStored, []byte(m[1]), "docs/"+doc.file)
			}
		}
	}
	lines := func(name string, f func([]byte)) error {
		file, err := os.Open(filepath.Join("..", "examples", name))
		if err != nil {
			return err
		}
		defer file.Close()
		sc := bufio.NewScanner(file)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			f(bytes.Clone(sc.Bytes()))
		}
		return sc.Err()
	}
	if err := lines("contacts.ndjson", func(b []byte) { add(create, validate.Contact{}, b, "examples/contacts.ndjson") }); err != nil {
		return nil, err
	}
	if err := lines("updates.ndjson", func(b []byte) {
		var u struct {
			Current validate.Contact
			Patch   json.RawMessage
		}
		if json.Unmarshal(b, &u) != nil || u.Patch == nil {
			return // a line contactcheck refuses before any patch is judged
		}
		add(update, u.Current, u.Patch, "examples/updates.ndjson")
	}); err != nil {
		return nil, err
	}
	seeds, _ := filepath.Glob(filepath.Join("..", "fuzz", "testdata", "fuzz", "Fuzz*JSON", "*"))
	for _, name := range seeds {
		b, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		for _, line := range strings.Split(string(b), "\n") {
			if q, ok := strings.CutPrefix(line, "[]byte("); ok {
				body, err := strconv.Unquote(strings.TrimSuffix(q, ")"))
				if err != nil {
					return nil, err
				}
				on := create
				if strings.Contains(name, "Update") {
					on = update
				}
				add(on, docsStored, []byte(body), name)
			}
		}
	}
	return append(out, edges()...), nil
}

// generated returns n bodies from a fixed seed, creates and patches in
// turn, each under one of the test policies.
func generated(n int) []bodyCase {
	r := rand.New(rand.NewSource(28))
	out := make([]bodyCase, n)
	for i := range out {
		c := bodyCase{on: create, policy: r.Intn(len(policies())), origin: "generated"}
		if i%2 == 1 {
			c.on = update
			c.current = storedContacts[r.Intn(len(storedContacts))]
		}
		w := writer{r: r, p: resolve(policies()[c.policy])}
		c.body = w.body(c.on)
		c.judge()
		out[i] = c
	}
	return out
}

// edges returns create bodies of one email or phone number each, at the
// edges of the formats the schemas say by pattern: every length limit
// of docs/email.md on either side, docs/email.md's examples, and phone
// numbers around the E.164 syntax.
func edges() []bodyCase {
	var emails []string
	for _, local := range []int{1, 63, 64, 65} {
		for _, total := range []int{253, 254, 255} {
			for _, label := range []int{62, 63, 64} {
				emails = append(emails, exactEmail(strings.Repeat("a", local), total, label))
			}
		}
	}
	emails = append(emails, "jane@example.com", "a+tag@b.co", "!#$%&'*+-/=?^_`{|}~@b.co", "a@1.com", "a@b.c", "a@b.XN--P1AI",
		"a@b.c1", "a@xn--p1ai", "a@b.xn--", "a@b.xn--a", "a@b.xn---", "a@-b.com", "a@b-.com", "a@b..com", "a@b.com.", "a@b_c.com",
		".a@b.com", "a.@b.com", "a..b@b.com", "a@@b.com", `"a"@b.com`, "a b@c.com", "é@b.com", "a@bé.com",
		"Jane <j@x.com>", "j@[1.2.3.4]", "a@b."+strings.Repeat("c", 63), "a@b."+strings.Repeat("c", 64), "a@b.xn--"+strings.Repeat("c", 59), "a@b.xn--"+strings.Repeat("c", 60))
	phones := []string{"", "+", "+0", "+1", "+12", "+1" + strings.Repeat("2", 14), "+1" + strings.Repeat("2", 15), "+01234", "1201555012", "+1 201", "+1-201", "+١٢", "+12015550123", "+4402071838750"}
	var out []bodyCase
	for _, e := range emails {
		out = append(out, bodyCase{on: create, body: []byte(`{"email":` + strconv.Quote(e) + `}`), origin: "edges"})
	}
	for _, ph := range phones {
		out = append(out, bodyCase{on: create, body: []byte(`{"phone_number":` + strconv.Quote(ph) + `}`), origin: "edges"})
	}
	// Every member with every kind of JSON value, beside an identity of
	// the other kind, on create and update.
	for _, name := range append(writable(), "id", "nickname") {
		identity := `"email":"a@b.co"`
		if name == validate.Email.String() {
			identity = `"phone_number":"+12015550123"`
		}
		for _, v := range []string{"null", "5", "-0.5", "true", `""`, `"x"`, "[]", `["x"]`, "[5]", "{}", `{"a":1}`, `{"a":[]}`} {
			for _, on := range []op{create, update} {
				out = append(out, bodyCase{on: on, current: docsStored, body: []byte(`{` + identity + `,"` + name + `":` + v + `}`), origin: "edges"})
			}
		}
	}
	for i := range out {
		out[i].judge()
	}
	return out
}

// storedContacts are the stored contacts of generated patches: all valid,
// as a server's are.
var storedContacts = []validate.Contact{
	{},
	{Email: "jane@example.com"},
	{PhoneNumber: "+12015550123", SMSConsent: consent.SMSSubscribed},
	docsStored,
	{Email: "kim@example.org", PhoneNumber: "+447400123456", EmailConsent: consent.EmailComplianceSuppressed},
	{Email: "lee@example.net", EmailConsent: consent.EmailSuppressed},
}

// A writer writes random bodies near the edges of every rule.
type writer struct {
	r *rand.Rand
	p validate.Policy
}

func (w writer) pick(xs ...string) string { return xs[w.r.Intn(len(xs))] }
func (w writer) pct(n int) bool           { return w.r.Intn(100) < n }

// body returns one body: mostly an object of members, a few of them
// off, sometimes not an object at all.
func (w writer) body(on op) []byte {
	if w.pct(2) {
		return []byte(w.pick("", "[]", "null", `"x"`, "{", `{"email":"a@b.co"} x`, `{"email":"a@b.co",}`, "\xff"))
	}
	var members [][2]string
	add := func(name, value string) { members = append(members, [2]string{name, value}) }
	// A plausible contact first, then mutations.
	if on == create || w.pct(30) {
		if w.pct(80) {
			add("email", w.str(w.goodEmail()))
		}
		if w.pct(50) {
			add("phone_number", w.str(w.pick("+12015550123", "+15062345678", "+14155552671", "+447400123456", "+18765550123")))
		}
	}
	for range w.r.Intn(5) {
		name := w.pick("email", "phone_number", "first_name", "last_name", "tags", "custom_fields", "email_consent", "sms_consent", "send_welcome_sms", "extra")
		if name == "extra" {
			add(w.pick("id", "created_at", "updated_at", "nickname", "Email", "phone", ""), w.anyValue())
			continue
		}
		add(name, w.value(name))
	}
	w.r.Shuffle(len(members), func(i, j int) { members[i], members[j] = members[j], members[i] })
	if len(members) > 0 && w.pct(5) {
		members = append(members, members[w.r.Intn(len(members))]) // a repeat
	}
	var b bytes.Buffer
	b.WriteByte('{')
	seen := map[string]bool{}
	for i, m := range members {
		if seen[m[0]] && !w.pct(20) && i != len(members)-1 {
			continue // repeats mostly only from the line above
		}
		seen[m[0]] = true
		if b.Len() > 1 {
			b.WriteByte(',')
		}
		b.WriteString(w.str(m[0]) + ":" + m[1])
	}
	b.WriteByte('}')
	return b.Bytes()
}

// value returns a value for member name: mostly of its type, near its
// limits, sometimes null or of another type.
func (w writer) value(name string) string {
	if w.pct(8) {
		return "null"
	}
	if w.pct(6) {
		return w.anyValue()
	}
	switch name {
	case "email":
		if w.pct(40) {
			return w.str(w.goodEmail())
		}
		return w.str(w.email())
	case "phone_number":
		return w.str(w.phone())
	case "first_name", "last_name":
		return w.str(w.text(w.around(w.p.MaxNameLength)))
	case "tags":
		n := w.r.Intn(4)
		if w.pct(15) {
			n = w.around(w.p.MaxTags)
		}
		var tags []string
		for range n {
			switch {
			case w.pct(3):
				tags = append(tags, w.pick("5", "null", "{}", "true"))
			case w.pct(8):
				tags = append(tags, w.str(w.text(w.around(w.p.MaxTagLength))))
			default:
				tags = append(tags, w.str(w.text(1+w.r.Intn(8))))
			}
		}
		return "[" + strings.Join(tags, ",") + "]"
	case "custom_fields":
		if w.pct(5) {
			return w.pick(`"x"`, "[]", "5", "true")
		}
		var kv []string
		for range w.r.Intn(4) {
			v := w.pick(w.str(w.text(w.r.Intn(6))), "12", "-0", "1.5e-3", "1e999", "-12345678901234567890", "true", "false", "null")
			if w.pct(5) {
				v = w.pick("{}", `{"a":1}`, "[]", "[1]")
			}
			kv = append(kv, w.str(w.pick("plan", "seats", "", "tier", "é"))+":"+v)
		}
		return "{" + strings.Join(kv, ",") + "}"
	case "email_consent", "sms_consent":
		return w.str(w.pick("subscribed", "unsubscribed", "never_subscribed", "suppressed", "single_opt_in",
			"compliance_suppressed", "pending", "non_subscribed", "", "Subscribed", "yes"))
	case "send_welcome_sms":
		return w.pick("true", "false", `"true"`, "0")
	}
	panic(name)
}

// around returns a length near limit, or a short one.
func (w writer) around(limit int) int {
	if w.pct(50) {
		return max(0, limit-1+w.r.Intn(3))
	}
	return w.r.Intn(min(limit, 10) + 1)
}

func (w writer) anyValue() string {
	return w.pick("null", "5", "true", `"x"`, "[]", "{}", `[{"a":[1,{"b":null}]}]`, `""`)
}

// text returns n characters of one, two, three and four UTF-8 bytes
// (the last a surrogate pair in UTF-16), rarely with a byte that is not
// UTF-8 or a lone surrogate escape.
func (w writer) text(n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(w.pick("a", "Z", " ", "é", "中", "😀", "-", "."))
	}
	s := b.String()
	if w.pct(3) {
		s += w.pick("\xff", "\xed\xa0\x80", "\\ud800")
	}
	return s
}

// str quotes s as a JSON string, keeping what is not UTF-8 and the lone
// surrogate escapes text() writes.
func (w writer) str(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case strings.HasPrefix(s[i:], `\ud800`):
			b.WriteString(`\ud800`)
			i += 6
			continue
		case r == utf8.RuneError && size == 1:
			b.WriteByte(s[i])
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20:
			b.WriteString(`\u00` + strconv.FormatInt(int64(r)>>4, 16) + strconv.FormatInt(int64(r)&15, 16))
		case w.pct(1):
			b.WriteString(strconv.QuoteToASCII(string(r))[1 : len(strconv.QuoteToASCII(string(r)))-1])
		default:
			b.WriteRune(r)
		}
		i += size
	}
	b.WriteByte('"')
	return b.String()
}

const atextChars = "abcXYZ019!#$%&'*+-/=?^_`{|}~"

func (w writer) goodEmail() string {
	return w.pick("jane@example.com", "a+tag@b.co", "!#$%&'*+-/=?^_`{|}~@b.co", "a@1.com", "a@b.c", "a@b.XN--P1AI", "x.y@sub.example.org")
}

// email returns an address near docs/email.md's edges: the local part's
// and labels' lengths, dots, hyphens, the last label, and bytes no
// address holds.
func (w writer) email() string {
	if w.pct(10) {
		return exactEmail(w.pick("a", "a.b")[0:1]+strings.Repeat("a", 62+w.r.Intn(3)), 253+w.r.Intn(3), 62+w.r.Intn(3))
	}
	if w.pct(10) {
		var b strings.Builder
		for range w.r.Intn(12) {
			b.WriteString(w.pick("a", ".", "@", "-", "1", " ", "é", `"`, "[", "_", "xn--"))
		}
		return b.String()
	}
	var local strings.Builder
	n := 1 + w.r.Intn(6)
	if w.pct(20) {
		n = 62 + w.r.Intn(4)
	}
	for i := range n {
		c := atextChars[w.r.Intn(len(atextChars))]
		if i > 0 && i < n-1 && w.pct(15) {
			c = '.'
		}
		local.WriteByte(c)
	}
	if w.pct(5) {
		local.WriteString(w.pick(".", "..", " ", "é", "@", `"`))
	}
	labels := 2 + w.r.Intn(2)
	var domain []string
	for i := range labels {
		m := 1 + w.r.Intn(5)
		if w.pct(10) {
			m = 61 + w.r.Intn(4)
		}
		var l strings.Builder
		for range m {
			l.WriteByte("abcdefXYZ0123-"[w.r.Intn(14)])
		}
		s := l.String()
		if i == labels-1 {
			switch w.r.Intn(4) {
			case 0:
				s = w.pick("com", "c", "ORG", "c1", "x-y")
			case 1:
				s = w.pick("xn--", "XN--") + s
			}
		}
		if w.pct(3) {
			s = w.pick("", "_", "-a", "a-")
		}
		domain = append(domain, s)
	}
	at := "@"
	if w.pct(3) {
		at = w.pick("", "@@")
	}
	addr := local.String() + at + strings.Join(domain, ".")
	if w.pct(5) {
		// Near the 254 limit: long labels until it is.
		for len(addr) < 250 {
			addr = "abcdefghij" + addr[min(1, len(addr)):]
			addr = strings.Replace(addr, "@", "@"+strings.Repeat("b", 1+w.r.Intn(60))+".", 1)
		}
	}
	return addr
}

// phone returns numbers valid and not, in E.164 syntax and not.
func (w writer) phone() string {
	if w.pct(35) {
		return w.pick("+12015550123", "+15062345678", "+447400123456", "+18765550123", "+4402071838750", "+1", "+12345", "+999123", "", "+33123456789", "+800 1234 5678")
	}
	var b strings.Builder
	if !w.pct(8) {
		b.WriteByte('+')
	}
	n := w.r.Intn(18)
	for i := range n {
		c := byte('0' + w.r.Intn(10))
		if i == 0 && !w.pct(10) && c == '0' {
			c = '1'
		}
		b.WriteByte(c)
		if w.pct(2) {
			b.WriteString(w.pick(" ", "-", "a", "١"))
		}
	}
	return b.String()
}

// The classification of a refused body, for completeness: whether
// validate refused it only for what the schema can say.

// expressible reports whether every detail of c is a failure the schema
// can say: a rule the catalog expresses whole, or a partly expressed
// rule failing for the part it expresses. A cut list is not judged.
func (c *bodyCase) expressible() bool {
	if c.details == nil {
		return false
	}
	var body map[string]any
	parsed := json.Unmarshal(c.body, &body) == nil
	for _, d := range c.details {
		id, ok := validate.RuleOf(d)
		if !ok {
			return false
		}
		e := catalog[id]
		switch {
		case e.says == nil:
			return false
		case e.unsaid == nil:
			continue
		}
		switch id {
		case validate.RuleJSONObject:
			// Malformed text is expressible; names that are not UTF-8
			// are not.
			if !utf8.Valid(c.body) || surrogate.Match(c.body) {
				return false
			}
		case validate.RulePhone:
			s, isString := body[validate.PhoneNumber.String()].(string)
			if !parsed || !isString {
				return false
			}
			if _, err := phone.Parse(s); !errors.Is(err, phone.ErrSyntax) {
				return false // valid syntax: validity is the server's
			}
		case validate.RuleSMSSupportedCountry:
			// Expressible when the request leaves no phone number at
			// all (none on create, or a patch's clearing one), or sends
			// one without the calling code of an SMS region
			// (libphonenumber's codes, by package phonenumbers).
			v, sent := body[validate.PhoneNumber.String()]
			s, isString := v.(string)
			switch {
			case !parsed:
				return false
			case isString && s != "":
				if c.smsCallingCode(s) {
					return false
				}
			case c.on == update && !sent:
				return false // the stored number counts
			}
		default:
			panic("no classification for the partly expressed rule " + id.String())
		}
	}
	return true
}

// smsCallingCode reports whether s starts with the calling code of one
// of the policy's SMS regions.
func (c *bodyCase) smsCallingCode(s string) bool {
	regions := resolve(policies()[c.policy]).SMSRegions.Codes()
	for _, r := range regions {
		if strings.HasPrefix(s, "+"+strconv.Itoa(phonenumbers.GetCountryCodeForRegion(r))) {
			return true
		}
	}
	return false
}

// surrogate matches a \u escape of a surrogate, which JSON parsers
// mend, keep or refuse as they like.
var surrogate = regexp.MustCompile(`(?i)\\ud[89a-f]`)

// exactEmail returns local@domain of total length total, the domain made
// of labels of at most label characters and a last label "com": the
// edges of the grammar's lengths.
func exactEmail(local string, total, label int) string {
	rest := total - len(local) - 1 - len(".com")
	var labels []string
	for rest > 0 {
		n := min(rest, label)
		if rest-n == 1 {
			n-- // no label may be empty
		}
		labels = append(labels, strings.Repeat("b", n))
		rest -= n + 1
	}
	return local + "@" + strings.Join(labels, ".") + ".com"
}
