package validate

import (
	"strconv"
	"unicode/utf8"

	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/phone"
)

// op says which operations a rule applies to.
type op uint8

const (
	onCreate op = 1 << iota
	onUpdate
	onBoth = onCreate | onUpdate
)

// A rule is one row of the SPEC's tables. check reports the failures of
// the row through c.fail; rules are evaluated in table order, which is the
// order of details.
type rule struct {
	f       Field  // the field the row checks, when it is one
	field   string // JSON name; "tags[i]" and "custom_fields.<key>" stand for a family
	name    string // errs.FieldError.Rule
	ops     op
	message func(Policy) string
	what    string // the rule in words, for the README's table
	check   func(c *checker, r *rule)
}

// Messages shared by several rows.
const (
	msgString  = "must be a string"
	msgBoolean = "must be a boolean"
	msgTags    = "must be an array of strings"
	msgFlat    = "must be a flat key-value object (no nested values)"
	msgChanged = "cannot be changed once set"
)

func row(field, name string, ops op, message func(Policy) string, what string, check func(*checker, *rule)) rule {
	return rule{field: field, name: name, ops: ops, message: message, what: what, check: check}
}

func fixed(m string) func(Policy) string { return func(Policy) string { return m } }

// rules is the table. Every row of SPEC.md sections 2, 3 and 5 that
// yields a detail is here, once; the consent rows hand over to the consent
// package, which owns those rules.
var rules = concat(
	[]rule{
		row("base", "max_bytes", onBoth, Policy.bodyMessage, "the body is larger than the policy's maximum (only detail)", nil),
		row("base", "json_object", onBoth, fixed(msgJSONObject), "the body is not one well-formed JSON object (only detail)", nil),
		row("base", "required_any", onUpdate, fixed("at least one field is required"), "the patch carries no writable field", checkAnyField),
		row("base", "required_one_of", onCreate, fixed("email or phone_number is required"), "neither email nor phone_number is present and non-empty", checkIdentity),
	},
	identityRules(Email, "email", "must be a valid email address", "not an address as SPEC 2.1 defines it", checkEmail),
	identityRules(PhoneNumber, "e164", "must be a valid phone number in E.164 format",
		"not canonical E.164 or not a valid number for its region (possible length only, by policy)", checkPhone),
	nameRules(FirstName),
	nameRules(LastName),
	[]rule{
		row("tags", "type", onBoth, fixed(msgTags), "not an array, or an element is not a string", checkTagsShape),
		row("tags", "max_items", onBoth, Policy.tagsMessage, "more tags than the policy allows", checkTagCount),
		row("tags[i]", "utf8", onBoth, fixed(msgUTF8), "the tag is not valid UTF-8", nil), // reported by the next row, in element order
		row("tags[i]", "tag", onBoth, Policy.tagMessage, "the tag is empty or too long (code points)", checkTags),
		row("custom_fields", "flat_object", onBoth, fixed(msgFlat), "not an object, or a value is an object or array", checkFlat),
		row("custom_fields.<key>", "duplicate_key", onBoth, fixed(msgDuplicate), "the key appears twice in custom_fields", checkCustomKeys),
		row("custom_fields.<key>", "utf8", onBoth, fixed(msgUTF8), "a string value is not valid UTF-8", nil),
	},
	consentRules(EmailConsent, "email_consent"),
	consentRules(SMSConsent, "sms_consent"),
	[]rule{
		row("send_welcome_sms", "type", onBoth, fixed(msgBoolean), "not a boolean", checkType),
		row("<member>", "read_only", onBoth, fixed(msgReadOnly), "id, created_at or updated_at is sent (input order, whatever its value)", checkExtra),
		row("<member>", "unknown_field", onBoth, fixed(msgUnknown), "a member the API does not know (input order; off by policy)", nil),
		row("<member>", "duplicate_key", onBoth, fixed(msgDuplicate), "a top-level key appears twice (input order)", nil),
	},
)

func concat(parts ...[]rule) []rule {
	var all []rule
	for _, p := range parts {
		all = append(all, p...)
	}
	for i := range all {
		all[i].f, _ = lookup(all[i].field)
	}
	return all
}

// stringRules are the rows every string field starts with.
func stringRules(f Field) []rule {
	return []rule{
		row(f.String(), "type", onBoth, fixed(msgString), "not a string", checkType),
		row(f.String(), "utf8", onBoth, fixed(msgUTF8), "not valid UTF-8", checkUTF8),
	}
}

// identityRules are the rows of email and phone_number: written once, then
// fixed.
func identityRules(f Field, name, msg, what string, check func(*checker, *rule)) []rule {
	return append(stringRules(f),
		row(f.String(), "immutable", onUpdate, fixed(msgChanged), "the contact has a value and the patch changes or clears it", checkImmutable),
		row(f.String(), name, onBoth, fixed(msg), what, check),
	)
}

func nameRules(f Field) []rule {
	return append(stringRules(f),
		row(f.String(), "max_length", onBoth, Policy.nameMessage, "longer than the policy allows (code points)", checkNameLength))
}

// consentRules are a consent field's rows: the JSON checks here, the
// consent rules from the consent package, in its order.
func consentRules(f Field, name string) []rule {
	rows := stringRules(f)
	for _, r := range consent.Rules() {
		if r.Field != name || r.Message == "" {
			continue // an effect, not a refusal
		}
		ops := map[string]op{"create": onCreate, "update": onUpdate}[r.On]
		if ops == 0 {
			ops = onBoth
		}
		what := "the value sent is " + r.Requested
		if r.Current != "any" {
			what += ", the contact's is " + r.Current
		}
		if r.When != "" {
			what += ", " + r.When
		}
		rows = append(rows, row(name, r.Rule, ops, fixed(r.Message), what, checkConsent))
	}
	return rows
}

// A checker evaluates the table against one payload.
type checker struct {
	op      op
	pol     Policy
	p       payload  // held here, so that one allocation serves both
	cur     *Contact // the stored contact, on update
	details []errs.FieldError

	// field is the Field of the row being checked.
	field Field

	// The consent decision, made once by the first consent row.
	decided bool
	state   consent.State
	effects consent.Effects
	cerrs   []errs.FieldError

	// number is the payload's phone number when it is valid.
	number phone.Number
}

// run evaluates every row that applies, in order.
func (c *checker) run() []errs.FieldError {
	for i := range rules {
		r := &rules[i]
		if r.ops&c.op == 0 || r.check == nil {
			continue
		}
		c.field = r.f
		r.check(c, r)
	}
	return c.details
}

func (c *checker) fail(r *rule, field string) {
	c.details = append(c.details, errs.FieldError{Field: field, Message: r.message(c.pol), Rule: r.name})
}

// str returns the field's string when it is one and is valid UTF-8: the
// precondition of every rule on the value.
func (c *checker) str() (string, bool) {
	sl := c.p.m[c.field]
	if sl.kind != text || !utf8.ValidString(sl.s) {
		return "", false
	}
	return sl.s, true
}

// sent reports whether the field counts as written: present, or null for
// a field that null clears.
func (c *checker) sent(f Field) bool {
	switch c.p.m[f].kind {
	case absent:
		return false
	case null:
		return clearable(f)
	}
	return true
}

// clearable are the fields a null clears; for the others (consent,
// send_welcome_sms) a null means the same as absent.
func clearable(f Field) bool { return f <= CustomFields }

func checkAnyField(c *checker, r *rule) {
	for f := range numFields {
		if c.sent(f) {
			return
		}
	}
	c.fail(r, r.field)
}

func checkIdentity(c *checker, r *rule) {
	for _, f := range []Field{Email, PhoneNumber} {
		sl := c.p.m[f]
		if sl.kind != absent && sl.kind != null && !(sl.kind == text && sl.s == "") {
			return
		}
	}
	c.fail(r, r.field)
}

func checkType(c *checker, r *rule) {
	if c.p.m[c.field].kind == wrongType {
		c.fail(r, r.field)
	}
}

func checkUTF8(c *checker, r *rule) {
	if sl := c.p.m[c.field]; sl.kind == text && !utf8.ValidString(sl.s) {
		c.fail(r, r.field)
	}
}

// changes reports whether the patch writes a value of email or
// phone_number other than the stored one; an empty string and null clear.
func (c *checker) changes() bool {
	if c.cur == nil || !c.sent(c.field) {
		return false
	}
	stored := c.cur.Email
	if c.field == PhoneNumber {
		stored = c.cur.PhoneNumber
	}
	sl := c.p.m[c.field]
	if stored == "" || sl.kind == text && sameIdentity(c.field, stored, sl.s) {
		return false
	}
	return sl.kind != wrongType && !(sl.kind == text && !utf8.ValidString(sl.s))
}

// sameIdentity compares a stored and a sent value. Email domains are
// compared without regard to case (DNS ignores it), local parts exactly
// (RFC 5321 lets the receiving server tell cases apart).
func sameIdentity(f Field, stored, sent string) bool {
	if f != Email || len(stored) != len(sent) {
		return stored == sent
	}
	at := lastAt(stored)
	return at >= 0 && at == lastAt(sent) && stored[:at] == sent[:at] && equalFoldASCII(stored[at:], sent[at:])
}

func lastAt(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '@' {
			return i
		}
	}
	return -1
}

func equalFoldASCII(a, b string) bool {
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if x != y && (x|0x20 != y|0x20 || !isLetter(x)) {
			return false
		}
	}
	return true
}

func checkImmutable(c *checker, r *rule) {
	if c.changes() {
		c.fail(r, r.field)
	}
}

// formatted returns the value to check the format of: a non-empty string
// that is not already refused as a change.
func (c *checker) formatted() (string, bool) {
	s, ok := c.str()
	if !ok || s == "" {
		return "", false
	}
	if c.cur != nil && c.changes() {
		return "", false
	}
	return s, true
}

func checkEmail(c *checker, r *rule) {
	if s, ok := c.formatted(); ok && !validEmail(s) {
		c.fail(r, r.field)
	}
}

func checkPhone(c *checker, r *rule) {
	s, ok := c.formatted()
	if !ok {
		return
	}
	n, err := c.pol.parsePhone(s)
	if err != nil {
		c.fail(r, r.field)
		return
	}
	c.number = n
}

func checkNameLength(c *checker, r *rule) {
	if s, ok := c.str(); ok && len(s) > c.pol.MaxNameLength && utf8.RuneCountInString(s) > c.pol.MaxNameLength {
		c.fail(r, r.field)
	}
}

func checkTagsShape(c *checker, r *rule) {
	if k := c.p.m[Tags].kind; k == wrongType || k == badShape {
		c.fail(r, r.field)
	}
}

func checkTagCount(c *checker, r *rule) {
	if c.p.m[Tags].kind == list && len(c.p.tags) > c.pol.MaxTags {
		c.fail(r, r.field)
	}
}

// checkTags gives each element at most one detail, in element order:
// the UTF-8 row's or its own.
func checkTags(c *checker, r *rule) {
	if c.p.m[Tags].kind != list {
		return
	}
	msg := "" // built once: a body may hold 100k bad tags
	for i, t := range c.p.tags {
		switch {
		case !utf8.ValidString(t):
			c.details = append(c.details, errs.FieldError{Field: "tags[" + strconv.Itoa(i) + "]", Message: msgUTF8, Rule: "utf8"})
		case t == "" || len(t) > c.pol.MaxTagLength && utf8.RuneCountInString(t) > c.pol.MaxTagLength:
			if msg == "" {
				msg = r.message(c.pol)
			}
			c.details = append(c.details, errs.FieldError{Field: "tags[" + strconv.Itoa(i) + "]", Message: msg, Rule: r.name})
		}
	}
}

func checkFlat(c *checker, r *rule) {
	if k := c.p.m[CustomFields].kind; k == wrongType || k == object && c.p.custom.nested {
		c.fail(r, r.field)
	}
}

func checkCustomKeys(c *checker, r *rule) {
	if c.p.m[CustomFields].kind == object {
		c.details = append(c.details, c.p.custom.keys...)
	}
}

func checkExtra(c *checker, r *rule) {
	c.details = append(c.details, c.p.extra...)
}

// checkConsent reports the consent package's errors of this row.
func checkConsent(c *checker, r *rule) {
	c.decide()
	for _, e := range c.cerrs {
		if e.Field == r.field && e.Rule == r.name {
			c.details = append(c.details, e)
		}
	}
}

// decide runs the consent rules once, on what the payload asks for.
func (c *checker) decide() {
	if c.decided {
		return
	}
	c.decided = true
	req := consent.Request{
		Email:        c.consentField(EmailConsent),
		SMS:          c.consentField(SMSConsent),
		NoWelcomeSMS: c.p.m[SendWelcomeSMS].kind == boolean && !c.p.m[SendWelcomeSMS].b,
		Phone:        c.phoneAfter(),
	}
	if c.op == onCreate {
		c.state, c.effects, c.cerrs = consent.Create(req, c.pol.consent())
		return
	}
	cur := consent.State{Email: c.cur.EmailConsent, SMS: c.cur.SMSConsent}
	if cur.Email == "" {
		cur.Email = consent.EmailNeverSubscribed
	}
	if cur.SMS == "" {
		cur.SMS = consent.SMSNeverSubscribed
	}
	c.state, c.effects, c.cerrs = consent.Update(cur, req, c.pol.consent())
}

func (c *checker) consentField(f Field) consent.Field {
	if sl := c.p.m[f]; sl.kind == text && utf8.ValidString(sl.s) {
		return consent.Field{Value: sl.s, Set: true}
	}
	return consent.Field{}
}

// phoneAfter is the phone number the contact has once the payload is
// applied: the payload's, or on update the stored one when the patch
// leaves it alone.
func (c *checker) phoneAfter() phone.Number {
	if c.op == onCreate || c.sent(PhoneNumber) {
		return c.number
	}
	n, _ := c.pol.parsePhone(c.cur.PhoneNumber)
	return n
}

// A Rule is one row of the rule table, in words: the field it reports,
// its rule name (FieldError.Rule), its message under a policy, the
// operations it applies to, and when it fails.
type Rule struct {
	Field   string // JSON name; "tags[i]", "custom_fields.<key>" and "<member>" stand for families
	Name    string
	Message string
	On      string // "create", "update" or "create, update"
	When    string
}

// Rules lists the rules in the order their details appear, with the
// messages they give under p. The README's rules table is this list.
func Rules(p Policy) []Rule {
	p = p.resolved()
	out := make([]Rule, len(rules))
	for i, r := range rules {
		on := map[op]string{onCreate: "create", onUpdate: "update", onBoth: "create, update"}[r.ops]
		out[i] = Rule{Field: r.field, Name: r.name, Message: r.message(p), On: on, When: r.what}
	}
	return out
}
