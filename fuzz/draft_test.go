package fuzz

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math/rand"
	"slices"
	"strconv"
	"strings"

	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/phone"
	"github.com/contactrules/contactrules/validate"
)

// A draft is a payload under construction: valid when the generator
// makes it, then given defects, each of which says the details it earns.
// It is rendered to JSON bytes (and, when a Contact or Patch can express
// it, to a struct) only at the end.

type op uint8

const (
	opCreate op = 1 << iota
	opUpdate
)

func (o op) String() string {
	if o == opCreate {
		return "create"
	}
	return "update"
}

const numFields = int(validate.SendWelcomeSMS) + 1

// vkind is what a member holds.
type vkind uint8

const (
	vAbsent vkind = iota
	vNull
	vString
	vBool
	vList   // an array of strings
	vObject // an object of entries (custom_fields)
	vRaw    // any other JSON, as text
)

type value struct {
	kind vkind
	s    string
	b    bool
	list []string
	obj  []entry
	raw  string
}

type entry struct {
	key string
	v   value
}

func str(s string) value { return value{kind: vString, s: s} }

// shape is the kind each field takes when it is not null.
var shape = [numFields]vkind{vString, vString, vString, vString, vList, vObject, vString, vString, vBool}

// Groups of details, in contract order; members reported by name come last,
// in the order they are written.
const (
	gBase = iota
	gEmail
	gPhone
	gFirst
	gLast
	gTags
	gTagItems
	gCustom
	gCustomKeys
	gEmailConsent
	gSMSConsent
	gWelcome
	numGroups
)

var fieldGroup = [numFields]int{gEmail, gPhone, gFirst, gLast, gTags, gCustom, gEmailConsent, gSMSConsent, gWelcome}

// An extra is a member other than the first of a writable field: a
// read-only, unknown or repeated key.
type extra struct {
	key     string
	v       value
	want    []errs.FieldError
	repeats int // the validate.Field it repeats (written after it), or -1
}

type draft struct {
	op      op
	policy  validate.Policy
	sms     []string // the policy's SMS regions, as the generator chose them
	current validate.Contact

	f      [numFields]value
	extras []extra
	want   [numGroups][]errs.FieldError

	jsonOnly bool                            // no Contact or Patch can express it
	corrupt  func(*rand.Rand, []byte) []byte // makes the body anything but one JSON object
	oversize bool                            // the policy's byte limit goes below the body's size
	defects  []string                        // names of the defects it carries, for failure reports
}

func (d *draft) expect(g int, field, rule, msg string) {
	d.want[g] = append(d.want[g], errs.FieldError{Field: field, Message: msg, Rule: rule})
}

// smsOK reports whether n may subscribe to SMS under the draft's policy.
func (d *draft) smsOK(n *number) bool {
	return n != nil && slices.Contains(d.sms, n.region)
}

// number returns a random example number the draft's policy accepts;
// often one that may subscribe to SMS, which few regions can.
func (d *draft) number(r *rand.Rand) *number {
	if r.Intn(3) == 0 {
		p := pool()
		if in := p.byRegion[pick(r, d.sms)]; len(in) > 0 {
			return &p.all[pick(r, in)]
		}
	}
	return pickNumber(r)
}

// numberOf returns the pool number written as s, or nil.
func numberOf(s string) *number {
	for i := range pool().all {
		if pool().all[i].e164 == s {
			return &pool().all[i]
		}
	}
	return nil
}

// genPolicy returns a policy and its SMS regions: mostly the default,
// otherwise one option changed.
func genPolicy(r *rand.Rand) (validate.Policy, []string) {
	var p validate.Policy
	sms := []string{"CA", "US"}
	switch r.Intn(12) {
	case 0:
		p = validate.DefaultPolicy()
	case 1:
		p.AllowUnknownFields = true
	case 2:
		p.AcceptLegacyConsent = true
	case 3:
		p.PossiblePhoneOnly = true
	case 4:
		sms = nil
		for range 1 + r.Intn(4) {
			if c := pick(r, pool().regions); !slices.Contains(sms, c) {
				sms = append(sms, c)
			}
		}
		slices.Sort(sms)
		regions, err := phone.NewRegions(sms...)
		if err != nil {
			panic(err)
		}
		p.SMSRegions = regions
	case 5:
		p.MaxNameLength = 1 + r.Intn(40)
		p.MaxTagLength = 1 + r.Intn(40)
		p.MaxTags = 1 + r.Intn(10)
	}
	return p, sms
}

// Consent words a client may send, by policy.
func emailWords(p validate.Policy) []string {
	w := []string{"subscribed", "unsubscribed", "never_subscribed", "suppressed"}
	if p.AcceptLegacyConsent {
		w = append(w, "non_subscribed")
	}
	return w
}

// smsWords are the SMS words that need no phone number.
func smsWords(p validate.Policy, create bool) []string {
	w := []string{"never_subscribed"}
	if !create {
		w = append(w, "unsubscribed")
	}
	if p.AcceptLegacyConsent {
		w = append(w, "non_subscribed")
	}
	return w
}

// meaning is the consent value a word stands for.
func meaning(word string) string {
	if word == "non_subscribed" {
		return "never_subscribed"
	}
	return word
}

func genTags(r *rand.Rand, l limits, n int) []string {
	tags := make([]string, n)
	for i := range tags {
		tags[i] = genText(r, genLen(r, 1, l.tag))
	}
	return tags
}

// genObject returns flat custom fields with distinct keys.
func genObject(r *rand.Rand) []entry {
	var obj []entry
	seen := map[string]bool{}
	for range genLen(r, 0, 8) {
		k := genText(r, genLen(r, 0, 12))
		if seen[k] {
			continue
		}
		seen[k] = true
		obj = append(obj, entry{key: k, v: genScalar(r)})
	}
	return obj
}

func genScalar(r *rand.Rand) value {
	switch r.Intn(6) {
	case 0:
		return value{kind: vRaw, raw: pick(r, jsonNumbers)}
	case 1:
		return value{kind: vBool, b: r.Intn(2) == 0}
	case 2:
		return value{kind: vNull}
	}
	return str(genText(r, genLen(r, 0, 40)))
}

// maybe returns v, null or absent.
func maybe(r *rand.Rand, pct int, v func() value) value {
	switch k := r.Intn(100); {
	case k < pct:
		return v()
	case k < pct+5:
		return value{kind: vNull}
	}
	return value{}
}

// genCreate returns a valid create payload.
func genCreate(r *rand.Rand) *draft {
	d := &draft{op: opCreate}
	d.policy, d.sms = genPolicy(r)
	l := limitsOf(d.policy)
	var num *number
	switch r.Intn(3) {
	case 0:
		d.f[validate.Email] = str(genEmail(r))
		d.f[validate.PhoneNumber] = pick(r, []value{{}, {}, {kind: vNull}, str("")})
	case 1:
		num = d.number(r)
		d.f[validate.PhoneNumber] = str(num.e164)
		d.f[validate.Email] = pick(r, []value{{}, {}, {kind: vNull}, str("")})
	default:
		num = d.number(r)
		d.f[validate.Email] = str(genEmail(r))
		d.f[validate.PhoneNumber] = str(num.e164)
	}
	d.genCommon(r, l)
	d.f[validate.EmailConsent] = maybe(r, 50, func() value { return str(pick(r, emailWords(d.policy))) })
	d.f[validate.SMSConsent] = maybe(r, 50, func() value {
		w := smsWords(d.policy, true)
		if d.smsOK(num) {
			w = append(w, "subscribed", "single_opt_in", "subscribed")
		}
		return str(pick(r, w))
	})
	return d
}

// genCommon sets the fields create and update treat alike.
func (d *draft) genCommon(r *rand.Rand, l limits) {
	pct := 50
	if d.op == opUpdate {
		pct = 30
	}
	d.f[validate.FirstName] = maybe(r, pct, func() value { return str(genText(r, genLen(r, 0, l.name))) })
	d.f[validate.LastName] = maybe(r, pct, func() value { return str(genText(r, genLen(r, 0, l.name))) })
	d.f[validate.Tags] = maybe(r, pct, func() value { return value{kind: vList, list: genTags(r, l, genLen(r, 0, l.tags))} })
	d.f[validate.CustomFields] = maybe(r, pct, func() value { return value{kind: vObject, obj: genObject(r)} })
	d.f[validate.SendWelcomeSMS] = maybe(r, pct-10, func() value { return value{kind: vBool, b: r.Intn(2) == 0} })
}

var (
	storedEmail = []consent.Email{"", consent.EmailSubscribed, consent.EmailUnsubscribed, consent.EmailNeverSubscribed,
		consent.EmailSuppressed, consent.EmailComplianceSuppressed}
	storedSMS = []consent.SMS{"", consent.SMSSubscribed, consent.SMSUnsubscribed, consent.SMSNeverSubscribed,
		consent.SMSSingleOptIn, consent.SMSPending}
)

// genUpdate returns a stored contact and a valid patch for it.
func genUpdate(r *rand.Rand) *draft {
	d := &draft{op: opUpdate}
	d.policy, d.sms = genPolicy(r)
	l := limitsOf(d.policy)
	c := &d.current
	if r.Intn(5) < 3 {
		c.Email = genEmail(r)
	}
	if r.Intn(5) < 3 {
		c.PhoneNumber = d.number(r).e164
	}
	if r.Intn(2) == 0 {
		c.FirstName, c.Tags = genText(r, 5), []string{"old"}
	}
	c.EmailConsent, c.SMSConsent = pick(r, storedEmail), pick(r, storedSMS)

	if r.Intn(10) < 3 {
		if c.Email == "" {
			d.f[validate.Email] = pick(r, []value{str(genEmail(r)), str(genEmail(r)), {kind: vNull}, str("")})
		} else {
			d.f[validate.Email] = str(sameElsewise(r, c.Email)) // the same value again is not a change
		}
	}
	if r.Intn(10) < 3 {
		if c.PhoneNumber == "" {
			d.f[validate.PhoneNumber] = pick(r, []value{str(d.number(r).e164), str(d.number(r).e164), {kind: vNull}, str("")})
		} else {
			d.f[validate.PhoneNumber] = str(c.PhoneNumber)
		}
	}
	d.genCommon(r, l)
	if c.EmailConsent == consent.EmailComplianceSuppressed {
		d.f[validate.EmailConsent] = maybe(r, 0, nil)
	} else {
		d.f[validate.EmailConsent] = maybe(r, 30, func() value { return str(pick(r, emailWords(d.policy))) })
	}
	d.f[validate.SMSConsent] = maybe(r, 30, func() value {
		w := smsWords(d.policy, false)
		if d.smsOK(d.phoneAfter()) {
			w = append(w, "subscribed", "single_opt_in", "subscribed")
		}
		return str(pick(r, w))
	})
	if !d.anySent() {
		d.f[validate.FirstName] = str(genText(r, genLen(r, 0, l.name)))
	}
	return d
}

// phoneAfter is the pool number the contact has once the patch is
// applied, or nil.
func (d *draft) phoneAfter() *number {
	if v := d.f[validate.PhoneNumber]; v.kind != vAbsent || d.op == opCreate {
		if v.kind == vString {
			return numberOf(v.s)
		}
		return nil
	}
	return numberOf(d.current.PhoneNumber)
}

// sent reports whether the patch writes field f (docs/update.md: a
// null clears the fields null clears; a null consent is absent).
func (d *draft) sent(f validate.Field) bool {
	switch d.f[f].kind {
	case vAbsent:
		return false
	case vNull:
		return f <= validate.CustomFields
	}
	return true
}

func (d *draft) anySent() bool {
	for f := range validate.Field(numFields) {
		if d.sent(f) {
			return true
		}
	}
	return false
}

// A sample is a rendered draft: what the properties check.
type sample struct {
	d      *draft
	policy validate.Policy
	body   []byte
	custom []byte            // custom_fields as written, when present and not null
	want   []errs.FieldError // the details the contract asks for, in order
	values []string          // every string value written (not keys)
	keys   []string          // every key written, decoded
}

// render writes d as a JSON body, with members in random order.
func (d *draft) render(r *rand.Rand) *sample {
	s := &sample{d: d, policy: d.policy}
	type member struct {
		key   string
		v     value
		field int
		x     *extra
	}
	var ms []member
	for f := range numFields {
		if d.f[f].kind != vAbsent {
			ms = append(ms, member{key: validate.Field(f).String(), v: d.f[f], field: f})
		}
	}
	r.Shuffle(len(ms), func(i, j int) { ms[i], ms[j] = ms[j], ms[i] })
	for i := range d.extras {
		x := &d.extras[i]
		lo := 0
		if x.repeats >= 0 {
			lo = 1 + slices.IndexFunc(ms, func(m member) bool { return m.field == x.repeats && m.x == nil })
		}
		ms = slices.Insert(ms, lo+r.Intn(len(ms)-lo+1), member{key: x.key, v: x.v, field: -1, x: x})
	}
	for g := range numGroups {
		s.want = append(s.want, d.want[g]...)
	}
	b := append([]byte(ws(r)), '{')
	for i, m := range ms {
		if i > 0 {
			b = append(b, ws(r)+","...)
		}
		b = quote(r, append(b, ws(r)...), m.key)
		b = append(b, ws(r)+":"+ws(r)...)
		start := len(b)
		b = s.write(r, b, m.v)
		if m.field == int(validate.CustomFields) && m.v.kind != vNull {
			s.custom = slices.Clone(b[start:])
		}
		if m.x != nil {
			s.want = append(s.want, m.x.want...)
		}
		s.keys = append(s.keys, m.key)
	}
	b = append(b, ws(r)+"}"+ws(r)...)
	if d.corrupt != nil {
		b = d.corrupt(r, b)
	}
	if d.oversize {
		s.policy.MaxBodyBytes = 1 + r.Intn(len(b)-1)
		s.want = []errs.FieldError{{Field: "base", Message: msgBodySize(s.policy), Rule: "max_bytes"}}
	}
	s.body = b
	return s
}

// write appends v as JSON.
func (s *sample) write(r *rand.Rand, b []byte, v value) []byte {
	switch v.kind {
	case vNull:
		return append(b, "null"...)
	case vString:
		s.values = append(s.values, v.s)
		return quote(r, b, v.s)
	case vBool:
		return strconv.AppendBool(b, v.b)
	case vList:
		b = append(b, '[')
		for i, t := range v.list {
			if i > 0 {
				b = append(b, ws(r)+","...)
			}
			s.values = append(s.values, t)
			b = quote(r, append(b, ws(r)...), t)
		}
		return append(b, ws(r)+"]"...)
	case vObject:
		b = append(b, '{')
		for i, e := range v.obj {
			if i > 0 {
				b = append(b, ","...)
			}
			b = quote(r, append(b, ws(r)...), e.key)
			s.keys = append(s.keys, e.key)
			b = append(b, ws(r)+":"+ws(r)...)
			b = append(s.write(r, b, e.v), ws(r)...)
		}
		return append(b, '}')
	}
	return append(b, v.raw...)
}

// structOK reports whether a Contact (create) or Patch (update) can
// express the sample: JSON-only defects aside, create cannot send an
// empty consent (a Contact's "" means absent) and only custom_fields can
// carry a value of another JSON type (as its raw text).
func (s *sample) structOK() bool {
	d := s.d
	if d.jsonOnly || d.corrupt != nil || d.oversize || len(d.extras) > 0 {
		return false
	}
	for f := range numFields {
		v := d.f[f]
		switch {
		case v.kind == vAbsent || v.kind == vNull || f == int(validate.CustomFields):
		case v.kind != shape[f]:
			return false
		case d.op == opCreate && v.kind == vString && v.s == "" && f >= int(validate.EmailConsent):
			return false
		}
	}
	return true
}

// contact returns the struct form of a create, or of a patch's values.
func (s *sample) contact() validate.Contact {
	d := s.d
	var c validate.Contact
	strs := []*string{&c.Email, &c.PhoneNumber, &c.FirstName, &c.LastName}
	for f, p := range strs {
		if d.f[f].kind == vString {
			*p = d.f[f].s
		}
	}
	if v := d.f[validate.Tags]; v.kind == vList {
		c.Tags = append([]string{}, v.list...)
	}
	if v := d.f[validate.CustomFields]; v.kind != vAbsent && v.kind != vNull {
		c.CustomFields = s.custom
	}
	if v := d.f[validate.EmailConsent]; v.kind == vString {
		c.EmailConsent = consent.Email(v.s)
	}
	if v := d.f[validate.SMSConsent]; v.kind == vString {
		c.SMSConsent = consent.SMS(v.s)
	}
	if v := d.f[validate.SendWelcomeSMS]; v.kind == vBool {
		c.SendWelcomeSMS = &v.b
	}
	return c
}

// patch returns the struct form of an update.
func (s *sample) patch() validate.Patch {
	p := validate.Patch{Contact: s.contact()}
	for f := range validate.Field(numFields) {
		if s.d.sent(f) {
			p.Set = p.Set.With(f)
		}
	}
	return p
}

// wantContact is what a valid create returns.
func (s *sample) wantContact() (validate.Contact, consent.Effects) {
	d := s.d
	c := s.contact()
	var eff consent.Effects
	c.EmailConsent, c.SMSConsent = consent.EmailNeverSubscribed, consent.SMSNeverSubscribed
	if v := d.f[validate.EmailConsent]; v.kind == vString {
		c.EmailConsent = consent.Email(meaning(v.s))
	} else {
		eff.DefaultsApplied |= consent.DefaultedEmail
	}
	if v := d.f[validate.SMSConsent]; v.kind == vString {
		c.SMSConsent = consent.SMS(meaning(v.s))
	} else {
		eff.DefaultsApplied |= consent.DefaultedSMS
	}
	eff.WelcomeSMS = c.SMSConsent == consent.SMSSubscribed && !d.noWelcome()
	return c, eff
}

func (d *draft) noWelcome() bool {
	v := d.f[validate.SendWelcomeSMS]
	return v.kind == vBool && !v.b
}

// wantApplied is the stored contact after a valid update, and the
// update's effects.
func (s *sample) wantApplied() (validate.Contact, consent.Effects) {
	d := s.d
	c, p := d.current, s.contact()
	c.SendWelcomeSMS = nil
	var eff consent.Effects
	set := func(f validate.Field, apply func()) {
		if d.sent(f) {
			apply()
		}
	}
	// A stored email or phone number can only be sent again: the stored
	// spelling stays.
	set(validate.Email, func() { c.Email = cmp.Or(c.Email, p.Email) })
	set(validate.PhoneNumber, func() { c.PhoneNumber = cmp.Or(c.PhoneNumber, p.PhoneNumber) })
	set(validate.FirstName, func() { c.FirstName = p.FirstName })
	set(validate.LastName, func() { c.LastName = p.LastName })
	set(validate.Tags, func() { c.Tags = p.Tags })
	set(validate.CustomFields, func() { c.CustomFields = p.CustomFields })
	curSMS := d.current.SMSConsent
	if curSMS == "" {
		curSMS = consent.SMSNeverSubscribed
	}
	if v := d.f[validate.EmailConsent]; v.kind == vString {
		c.EmailConsent = consent.Email(meaning(v.s))
		eff.EmailUnsuppressed = d.current.EmailConsent == consent.EmailSuppressed
	}
	if v := d.f[validate.SMSConsent]; v.kind == vString {
		c.SMSConsent = consent.SMS(meaning(v.s))
		eff.WelcomeSMS = c.SMSConsent == consent.SMSSubscribed && curSMS != consent.SMSSubscribed && !d.noWelcome()
	}
	return c, eff
}

// sameEffects compares the effects of an answer with those expected.
func sameEffects(got, want consent.Effects) string {
	if got != want {
		return fmt.Sprintf("effects %+v, want %+v", got, want)
	}
	return ""
}

// sameContact compares two contacts as stored: an empty list or object
// is the same as none.
func sameContact(got, want validate.Contact) string {
	norm := func(c validate.Contact) string {
		if len(c.Tags) == 0 {
			c.Tags = nil
		}
		if len(c.CustomFields) == 0 || isEmptyObject(c.CustomFields) {
			c.CustomFields = nil
		}
		welcome := "absent"
		if c.SendWelcomeSMS != nil {
			welcome = strconv.FormatBool(*c.SendWelcomeSMS)
		}
		c.SendWelcomeSMS = nil
		return fmt.Sprintf("%+v welcome=%s custom=%q", c, welcome, c.CustomFields)
	}
	if g, w := norm(got), norm(want); g != w {
		return "contact\n got: " + g + "\nwant: " + w
	}
	return ""
}

func isEmptyObject(raw []byte) bool {
	var m map[string]json.RawMessage
	return json.Unmarshal(raw, &m) == nil && len(m) == 0
}

// String is what a failing property prints: enough to reproduce.
func (s *sample) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "\n  op: %v defects: %q\n  policy: %+v sms: %v\n", s.d.op, s.d.defects, s.policy, s.d.sms)
	if s.d.op == opUpdate {
		fmt.Fprintf(&b, "  current: %#v\n", s.d.current)
	}
	fmt.Fprintf(&b, "  body: %q\n  want: %q\n", s.body, details(s.want))
	return b.String()
}

// details renders details as "field: message (rule)" lines.
func details(ds []errs.FieldError) []string {
	out := []string{}
	for _, d := range ds {
		out = append(out, d.Field+": "+d.Message+" ("+d.Rule+")")
	}
	return out
}
