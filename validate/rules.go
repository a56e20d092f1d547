package validate

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/internal/op"
	"github.com/contactrules/contactrules/phone"
)

// A check is how a row is checked: one function each, called by apply.
// (A switch rather than a function value in the row, so that the compiler
// sees every call and the checker stays on the caller's stack: a function
// value would send it to the heap, an allocation per call.)
type check uint8

const (
	none check = iota

	// The checks that only report what the reader noted, which
	// payload.clean says there is none of: a clean payload skips them.
	byBody
	byType
	byUTF8
	byRegion
	byTagsShape
	byTags
	byFlat
	byCustomKeys
	byExtra

	// The checks that judge values.
	byAnyField
	byIdentity
	byImmutable
	byEmail
	byPhone
	byNameLength
	byTagCount
	byConsent
	bySMSMobile
)

// judges reports whether the check judges values, rather than only
// reporting what the reader noted.
func (k check) judges() bool { return k >= byAnyField }

// apply runs step s's check.
func (c *checker) apply(s step) {
	switch s.check {
	case byBody:
		checkBody(c, s.id)
	case byAnyField:
		checkAnyField(c, s.id)
	case byIdentity:
		checkIdentity(c, s.id)
	case byType:
		checkType(c, s.id)
	case byUTF8:
		checkUTF8(c, s.id)
	case byImmutable:
		checkImmutable(c, s.id)
	case byEmail:
		checkEmail(c, s.id)
	case byRegion:
		checkRegion(c, s.id)
	case byPhone:
		checkPhone(c, s.id)
	case byNameLength:
		checkNameLength(c, s.id)
	case byTagsShape:
		checkTagsShape(c, s.id)
	case byTagCount:
		checkTagCount(c, s.id)
	case byTags:
		checkTags(c, s.id)
	case byFlat:
		checkFlat(c, s.id)
	case byCustomKeys:
		checkCustomKeys(c, s.id)
	case byConsent:
		checkConsent(c, s.id)
	case bySMSMobile:
		checkSMSMobile(c, s.id)
	case byExtra:
		checkExtra(c, s.id)
	}
}

// A checker evaluates the table against one payload.
type checker struct {
	op      op.Op
	pol     Policy
	p       payload // held here: the checker, payload included, lives on the caller's stack
	cur     Contact // the stored contact, on update (a value: a pointer would send the caller's to the heap)
	details []errs.FieldError
	full    bool // the details reached the policy's MaxDetails: stop

	// field is the Field of the row being checked.
	field Field

	// The consent decision, made once by the first consent row.
	decided bool
	state   consent.State
	effects consent.Effects
	refused []consent.Refusal

	// number is the payload's phone number when it is valid.
	number phone.Number
}

// run evaluates every row that applies, in order, until the details are
// complete or reach the policy's cap.
func (c *checker) run() []errs.FieldError {
	clean := 0
	if c.p.clean() {
		clean = 1
	}
	for _, s := range plans[c.op-1][clean] { // op.Create is 1, op.Update 2
		if c.full {
			break
		}
		c.field = s.f
		c.apply(s)
	}
	return c.details
}

// A step is a row of the table as run computes it: a few bytes, so that
// the rows of one pass share a cache line or two.
type step struct {
	id    RuleID
	f     Field
	check check
}

// plans are the steps run takes, by operation (create, update) and by
// whether the payload is clean (see payload.clean): for a clean one the
// rows that only report what the reader noted are left out, since they
// cannot fail.
var plans = func() (p [2][2][]step) {
	for i, o := range []op.Op{op.Create, op.Update} {
		for id := RuleID(1); id < numRules; id++ {
			r := &rules[id]
			if r.on&o == 0 || r.check == none {
				continue
			}
			f, _ := lookup(r.field)
			s := step{id, f, r.check}
			p[i][0] = append(p[i][0], s)
			if r.check.judges() {
				p[i][1] = append(p[i][1], s)
			}
		}
	}
	return p
}()

// fail reports the failure of rule id on the field its row names.
func (c *checker) fail(id RuleID) {
	c.report(id, rules[id].field)
}

// report adds the detail of rule id on field, unless the cap is reached:
// past MaxDetails details the list keeps the first MaxDetails-1 and ends
// with the max_details detail, and nothing more is collected.
func (c *checker) report(id RuleID, field string) {
	if c.full {
		return
	}
	if len(c.details) < c.pol.MaxDetails {
		c.details = append(c.details, id.detail(field, &c.pol))
		return
	}
	c.details = append(c.details[:c.pol.MaxDetails-1], RuleMaxDetails.detail("base", &c.pol))
	c.full = true
}

// checkBody reports a body that could not be read: the only detail.
func checkBody(c *checker, id RuleID) {
	if c.p.body == id {
		c.fail(id)
		c.full = true
	}
}

// str returns the field's string when it is one and is valid UTF-8: the
// precondition of every rule on the value.
func (c *checker) str() (string, bool) {
	sl := c.p.m[c.field]
	if sl.kind != text {
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

func checkAnyField(c *checker, id RuleID) {
	for f := range numFields {
		if c.sent(f) {
			return
		}
	}
	// A patch of read-only, unrecognized or repeated members gets their
	// details alone: it names something, just nothing it may.
	if len(c.p.extra) == 0 && !c.p.badRegion {
		c.fail(id)
	}
}

func checkIdentity(c *checker, id RuleID) {
	for _, f := range []Field{Email, PhoneNumber} {
		sl := c.p.m[f]
		if sl.kind != absent && sl.kind != null && !(sl.kind == text && sl.s == "") {
			return
		}
	}
	c.fail(id)
}

func checkType(c *checker, id RuleID) {
	if c.p.m[c.field].kind == wrongType {
		c.fail(id)
	}
}

func checkUTF8(c *checker, id RuleID) {
	if c.p.m[c.field].kind == badUTF8 {
		c.fail(id)
	}
}

// changes reports whether the patch writes a value of email or
// phone_number other than the stored one; an empty string and null clear.
func (c *checker) changes() bool {
	if c.op != op.Update || !c.sent(c.field) {
		return false
	}
	stored := c.stored()
	sl := c.p.m[c.field]
	if stored == "" || (sl.kind == text || sl.kind == badUTF8) && sameIdentity(c.field, stored, sl.s) {
		return false
	}
	return sl.kind != wrongType && sl.kind != unjudged && sl.kind != badUTF8
}

// sameIdentity compares a stored and a sent value: emails by
// AppendEmailKey, anything else byte for byte.
func sameIdentity(f Field, stored, sent string) bool {
	if stored == sent {
		return true // identical bytes are never a change, whatever they hold
	}
	if f != Email || len(stored) != len(sent) {
		return false
	}
	var a, b [64]byte // most addresses: no allocation
	return string(AppendEmailKey(a[:0], stored)) == string(AppendEmailKey(b[:0], sent))
}

func checkImmutable(c *checker, id RuleID) {
	if c.changes() {
		c.fail(id)
	}
}

// formatted returns the value to check the format of: a non-empty string
// that is not already refused as a change.
func (c *checker) formatted() (string, bool) {
	s, ok := c.str()
	if !ok || s == "" {
		return "", false
	}
	if c.op == op.Update && (c.changes() || c.stored() != "" && sameIdentity(c.field, c.stored(), s)) {
		// Refused as a change, or the stored value sent again: nothing
		// new to judge.
		return "", false
	}
	return s, true
}

// stored is the contact's value of the field being checked (email or
// phone_number) on update.
func (c *checker) stored() string {
	if c.field == PhoneNumber {
		return c.cur.PhoneNumber
	}
	return c.cur.Email
}

func checkEmail(c *checker, id RuleID) {
	if s, ok := c.formatted(); ok && !validEmail(s) {
		c.fail(id)
	}
}

// checkRegion reports a form's phone_region that names no region.
func checkRegion(c *checker, id RuleID) {
	if c.p.badRegion {
		c.fail(id)
	}
}

func checkPhone(c *checker, id RuleID) {
	s, ok := c.formatted()
	if !ok {
		if s, isText := c.str(); isText && c.op == op.Update && s == c.cur.PhoneNumber {
			// The stored number sent again: the contact keeps it, for
			// the SMS rules too.
			c.number, _ = c.pol.parsePhone(s)
		}
		return
	}
	n, err := c.pol.parsePhone(s)
	if err != nil {
		c.fail(id)
		return
	}
	c.number = n
}

func checkNameLength(c *checker, id RuleID) {
	if s, ok := c.str(); ok && len(s) > c.pol.MaxNameLength && utf8.RuneCountInString(s) > c.pol.MaxNameLength {
		c.fail(id)
	}
}

func checkTagsShape(c *checker, id RuleID) {
	if k := c.p.m[Tags].kind; k == wrongType || k == badShape {
		c.fail(id)
	}
}

func checkTagCount(c *checker, id RuleID) {
	if c.p.m[Tags].kind == list && c.p.ntags > c.pol.MaxTags {
		c.fail(id)
	}
}

// checkTags reports the elements the reader found wanting, in element
// order: each at most once, for UTF-8 or for its length.
func checkTags(c *checker, id RuleID) {
	if c.p.m[Tags].kind != list {
		return
	}
	for _, f := range c.p.tagFacts {
		c.report(f.id, "tags["+strconv.Itoa(f.i)+"]")
	}
}

func checkFlat(c *checker, id RuleID) {
	if k := c.p.m[CustomFields].kind; k == wrongType || k == object && c.p.custom.nested {
		c.fail(id)
	}
}

func checkCustomKeys(c *checker, id RuleID) {
	if c.p.m[CustomFields].kind == object {
		for _, f := range c.p.custom.facts {
			c.report(f.id, "custom_fields."+echo(f.key)) // a new string: nothing of the body
		}
	}
}

// checkExtra reports the members the reader noted by name.
func checkExtra(c *checker, id RuleID) {
	for _, f := range c.p.extra {
		c.report(f.id, strings.Clone(echo(f.key))) // the key may be a view of the caller's body
	}
}

// checkConsent reports the consent package's refusal of this row.
func checkConsent(c *checker, id RuleID) {
	c.decide()
	if slices.Contains(c.refused, rules[id].refusal) {
		c.fail(id)
	}
}

// checkSMSMobile reports, when the policy asks for it, an SMS opt-in the
// consent rules accepted for a number whose type cannot take SMS. A
// refused sms_consent has its detail already: one detail a field.
func checkSMSMobile(c *checker, id RuleID) {
	if !c.pol.SMSNeedsMobile {
		return
	}
	c.decide()
	for _, r := range c.refused {
		if r.Field() == "sms_consent" {
			return
		}
	}
	// The consent the decision gave a value sent and not refused is that
	// value, as parsed: no second reading of it.
	if c.p.m[SMSConsent].kind != text || c.state.SMS != consent.SMSSubscribed && c.state.SMS != consent.SMSSingleOptIn {
		return
	}
	if !c.phoneAfter().Type().MayTakeSMS() {
		c.fail(id)
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
	if c.op == op.Create {
		c.state, c.effects, c.refused = consent.Create(req, c.pol.consent())
		return
	}
	cur := consent.State{Email: c.cur.EmailConsent, SMS: c.cur.SMSConsent}
	if cur.Email == "" {
		cur.Email = consent.EmailNeverSubscribed
	}
	if cur.SMS == "" {
		cur.SMS = consent.SMSNeverSubscribed
	}
	c.state, c.effects, c.refused = consent.Update(cur, req, c.pol.consent())
}

func (c *checker) consentField(f Field) consent.Field {
	if sl := c.p.m[f]; sl.kind == text {
		return consent.Field{Value: sl.s, Set: true}
	}
	return consent.Field{}
}

// phoneAfter is the phone number the contact has once the payload is
// applied: the payload's, or on update the stored one when the patch
// leaves it alone.
func (c *checker) phoneAfter() phone.Number {
	if c.op == op.Create || c.sent(PhoneNumber) {
		return c.number
	}
	n, _ := c.pol.parsePhone(c.cur.PhoneNumber)
	return n
}
