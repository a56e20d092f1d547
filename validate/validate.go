// Package validate decides whether a contact payload of the contacts API
// (create: POST /v1/contacts, update: PATCH /v1/contacts/{id}) is
// acceptable, and says exactly why not, as the errs.FieldError values of
// the API's error details. It is the one place that turns a payload into
// details: servers, pre-flight checks, form backends and the browser build
// all call it, so all of them give the same answer, byte for byte.
//
// Eight entry points, create and update of each: CreateJSON and
// UpdateJSON read JSON bodies; CheckCreateJSON and CheckUpdateJSON do the
// same for the answer alone (no contact built: no allocation); Create and
// Update check payloads a caller already decoded; CreateForm and
// UpdateForm read HTML form values. All reduce their input to the same
// internal payload and run the same rule table (listed by Rules), in the
// order of the contract's tables (docs/). ParseContact reads the stored
// contact an update is checked against.
package validate

import (
	"unicode/utf8"
	"unsafe"

	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/internal/jsonwire"
	"github.com/contactrules/contactrules/internal/op"

	"github.com/contactrules/contactrules/errs"
)

// CreateJSON checks the body of a create request. When it is acceptable
// it returns the contact the server stores (the values sent, consent
// defaults applied) and the effects of the create. Otherwise it returns
// the zero Contact, no effects, and the details in the order of the rule
// table. It never panics, and its time and memory are linear in
// len(body), which p bounds.
func CreateJSON(body []byte, p Policy) (c Contact, eff consent.Effects, details []errs.FieldError) {
	ch := &checker{op: op.Create, pol: p}
	ch.pol.resolve()
	readBody(body, &ch.p, &ch.pol)
	eff, details = ch.finishCreate(&c)
	return c, eff, details
}

// UpdateJSON checks the body of an update request against the contact as
// it is stored now. When it is acceptable it returns the patch: the
// members sent, their values, the consent the update decides and its
// effects; Patch.Apply(current) is the contact to store. Otherwise it
// returns the zero Patch, no effects, and the details.
func UpdateJSON(current Contact, body []byte, p Policy) (Patch, consent.Effects, []errs.FieldError) {
	c := &checker{op: op.Update, pol: p, cur: current}
	c.pol.resolve()
	readBody(body, &c.p, &c.pol)
	return c.finishUpdate()
}

// CheckCreateJSON is CreateJSON for a caller that needs only the answer:
// the effects of an acceptable body, or the details. It builds no
// contact, so it allocates nothing for an acceptable body; a pre-flight
// check, a bulk file's check and the browser build call it.
func CheckCreateJSON(body []byte, p Policy) (consent.Effects, []errs.FieldError) {
	c := &checker{op: op.Create, pol: p}
	c.pol.resolve()
	readBody(body, &c.p, &c.pol)
	return c.answer()
}

// CheckUpdateJSON is UpdateJSON for a caller that needs only the answer,
// as [CheckCreateJSON] is for CreateJSON.
func CheckUpdateJSON(current Contact, body []byte, p Policy) (consent.Effects, []errs.FieldError) {
	c := &checker{op: op.Update, pol: p, cur: current}
	c.pol.resolve()
	readBody(body, &c.p, &c.pol)
	return c.answer()
}

// Create checks a contact a caller has already decoded, for a create. It
// gives what CreateJSON gives on the JSON form of c: the contact to store
// and the effects, or the details. (A Contact cannot hold what only JSON
// can get wrong: wrong types, repeated keys, unknown members.)
func Create(c Contact, p Policy) (out Contact, eff consent.Effects, details []errs.FieldError) {
	ch := &checker{op: op.Create, pol: p}
	ch.pol.resolve()
	fromContact(&ch.p, c, Fields(0), &ch.pol)
	eff, details = ch.finishCreate(&out)
	return out, eff, details
}

// Update checks a decoded patch against the stored contact. It gives what
// UpdateJSON gives on the JSON form of patch.
func Update(current Contact, patch Patch, p Policy) (Patch, consent.Effects, []errs.FieldError) {
	ch := &checker{op: op.Update, pol: p, cur: current}
	ch.pol.resolve()
	fromContact(&ch.p, patch.Contact, patch.Set, &ch.pol)
	return ch.finishUpdate()
}

// finishCreate runs the rules and builds the answer of a create: the
// contact in *out (written in place: it is the largest part of the
// answer), the effects or the details.
func (c *checker) finishCreate(out *Contact) (consent.Effects, []errs.FieldError) {
	if d := c.run(); d != nil {
		return consent.Effects{}, d
	}
	c.contact(out)
	return c.effects, nil
}

// answer runs the rules and returns the effects or the details.
func (c *checker) answer() (consent.Effects, []errs.FieldError) {
	if d := c.run(); d != nil {
		return consent.Effects{}, d
	}
	c.decide()
	return c.effects, nil
}

// finishUpdate runs the rules and builds the answer of an update.
func (c *checker) finishUpdate() (Patch, consent.Effects, []errs.FieldError) {
	if d := c.run(); d != nil {
		return Patch{}, consent.Effects{}, d
	}
	return c.patch(), c.effects, nil
}

// readBody fills pl from body, or notes in pl.body why it cannot.
func readBody(body []byte, pl *payload, p *Policy) {
	if len(body) > p.MaxBodyBytes {
		pl.body = RuleMaxBytes
		return
	}
	// No copy: the payload's strings are views of body while the rules
	// run; what the answer returns is copied out of it (own), so the
	// caller may reuse body.
	pl.ignore = p.IgnoreMembers
	if !decode(body, pl, p.limits()) {
		*pl = payload{body: RuleJSONObject}
		return
	}
	pl.borrowed = true
}

// fromContact reduces a decoded contact to a payload. With set == 0 (a
// create) a zero value is absent; otherwise the members in set are sent,
// and a zero value of a clearable one is null.
func fromContact(pl *payload, c Contact, set Fields, p *Policy) {
	str := func(f Field, s string) {
		switch {
		case set == 0 && s != "", set.Has(f) && (s != "" || !clearable(f)):
			pl.m[f] = textSlot(s, utf8.ValidString(s))
		case set.Has(f):
			pl.m[f] = slot{kind: null}
		}
	}
	str(Email, c.Email)
	str(PhoneNumber, c.PhoneNumber)
	str(FirstName, c.FirstName)
	str(LastName, c.LastName)
	str(EmailConsent, string(c.EmailConsent))
	str(SMSConsent, string(c.SMSConsent))
	switch {
	case c.Tags != nil && (set == 0 || set.Has(Tags)):
		pl.m[Tags] = slot{kind: list}
		lim := p.limits()
		for _, t := range c.Tags {
			pl.addTag(t, utf8.ValidString(t), lim)
		}
		pl.tags = c.Tags
	case set.Has(Tags):
		pl.m[Tags] = slot{kind: null}
	}
	switch {
	case c.CustomFields != nil && (set == 0 || set.Has(CustomFields)):
		pl.custom.max = p.MaxDetails
		pl.m[CustomFields] = customSlot(c.CustomFields, &pl.custom)
		pl.customText = c.CustomFields
		if pl.m[CustomFields].kind == wrongType && keyNotText(c.CustomFields) {
			// JSON to encoding/json, with a key that is not text (a
			// byte that is not UTF-8, a lone surrogate escape): the
			// contact's JSON form is malformed for CreateJSON, and
			// Create answers as CreateJSON does on it.
			*pl = payload{body: RuleJSONObject}
			return
		}
	case set.Has(CustomFields):
		pl.m[CustomFields] = slot{kind: null}
	}
	if c.SendWelcomeSMS != nil && (set == 0 || set.Has(SendWelcomeSMS)) {
		pl.m[SendWelcomeSMS] = slot{kind: boolean, b: *c.SendWelcomeSMS}
	}
}

// keyNotText reports whether raw is JSON to encoding/json but malformed
// here, which only a key that is not text makes it.
func keyNotText(raw []byte) bool {
	end := jsonwire.ConsumeValue(raw, 0)
	return (end < 0 || jsonwire.Space(raw, end) != len(raw)) && jsonwire.ValidAnyKeys(raw)
}

// customSlot reads a decoded custom_fields text as CreateJSON reads the
// member.
func customSlot(raw []byte, r *customReport) slot {
	// No copy: the scan keeps no view of raw beyond this call (details
	// build their own strings).
	i := jsonwire.Space(raw, 0)
	switch {
	case i == len(raw):
	case raw[i] == 'n':
		if end := jsonwire.ConsumeLiteral(raw, i, "null"); end >= 0 && jsonwire.Space(raw, end) == len(raw) {
			return slot{kind: null}
		}
	case raw[i] == '{':
		if end := readCustom(raw, i, r); end >= 0 && jsonwire.Space(raw, end) == len(raw) {
			return slot{kind: object}
		}
		*r = customReport{max: r.max}
	}
	return slot{kind: wrongType}
}

// contact builds the result of a valid create in *out.
func (c *checker) contact(out *Contact) {
	c.decide()
	*out = Contact{
		Email:        c.p.m[Email].s,
		PhoneNumber:  c.p.m[PhoneNumber].s,
		FirstName:    c.p.m[FirstName].s,
		LastName:     c.p.m[LastName].s,
		EmailConsent: c.state.Email,
		SMSConsent:   c.state.SMS,
	}
	list := c.p.m[Tags].kind == list
	if list && !c.p.borrowed {
		out.Tags = c.p.tags
	}
	if c.p.m[CustomFields].kind == object {
		out.CustomFields = c.p.customText
	}
	if sl := c.p.m[SendWelcomeSMS]; sl.kind == boolean {
		b := sl.b
		out.SendWelcomeSMS = &b
	}
	if c.p.borrowed {
		own(out, list, c.p.tagList())
	}
}

// own copies the strings of a contact read from a caller's body, and the
// tags (from, a list when list is set), so that the contact keeps nothing
// of the body (nor of the payload, where few tags are held). A usual
// contact takes one allocation: its tags and its text in one small store;
// a larger one takes two.
func own(c *Contact, list bool, from []string) {
	n := len(c.Email) + len(c.PhoneNumber) + len(c.FirstName) + len(c.LastName) + len(c.CustomFields)
	for _, t := range from {
		n += len(t)
	}
	var buf []byte
	var tags []string
	switch {
	case len(from) <= len(store128{}.tags) && n <= len(store128{}.text):
		st := new(store128)
		buf, tags = st.text[:0:n], st.tags[:0:len(from)]
	case len(from) <= len(store256{}.tags) && n <= len(store256{}.text):
		st := new(store256)
		buf, tags = st.text[:0:n], st.tags[:0:len(from)]
	default:
		buf, tags = make([]byte, 0, n), make([]string, 0, len(from))
	}
	keep := func(s string) string {
		if s == "" {
			return ""
		}
		start := len(buf)
		buf = append(buf, s...)
		return unsafe.String(&buf[start], len(s))
	}
	c.Email, c.PhoneNumber = keep(c.Email), keep(c.PhoneNumber)
	c.FirstName, c.LastName = keep(c.FirstName), keep(c.LastName)
	if list {
		for _, t := range from {
			tags = append(tags, keep(t))
		}
		c.Tags = tags
	}
	if c.CustomFields != nil {
		start := len(buf)
		buf = append(buf, c.CustomFields...)
		c.CustomFields = buf[start:len(buf):len(buf)]
	}
}

// A store holds what a usual contact returns, in one allocation: its
// tags' headers and the bytes of all its strings, which point into text
// (the store lives as long as any of them). Two sizes, so that the
// allocation (zeroed, and scanned by the collector for its tags) is no
// larger than the contact needs.
type (
	store128 struct {
		tags [2]string
		text [96]byte
	}
	store256 struct {
		tags [4]string
		text [192]byte
	}
)

// patch builds the result of a valid update.
func (c *checker) patch() Patch {
	c.decide()
	var set Fields
	for f := range numFields {
		if c.sent(f) {
			set = set.With(f)
		}
	}
	out := Patch{Set: set}
	c.contact(&out.Contact)
	// Sending the stored email or phone again is no change, even when it
	// is spelt differently (an email domain in another case): the stored
	// spelling stays.
	if set.Has(Email) && c.cur.Email != "" {
		out.Email = c.cur.Email
	}
	if set.Has(PhoneNumber) && c.cur.PhoneNumber != "" {
		out.PhoneNumber = c.cur.PhoneNumber
	}
	// An empty tags array clears like null does: the stored contact has
	// no tags either way. (An empty custom_fields object is kept as {}.)
	if out.Tags != nil && len(out.Tags) == 0 {
		out.Tags = nil
	}
	return out
}
