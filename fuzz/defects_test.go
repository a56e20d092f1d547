package fuzz

import (
	"math/rand"
	"slices"
	"strconv"
	"strings"

	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/validate"
)

// The defects the generators inject, one per rule of the contract (and per field
// where the rule is per field). Each changes a valid draft so that it
// earns exactly the details it records with draft.expect, whatever else
// the draft holds, as long as no other defect touches the same things.

type defect struct {
	name string
	ops  op // the operations it applies to

	// touches are the fields (1<<validate.Field) and member kinds it
	// changes or relies on: defects combined touch nothing in common.
	touches uint32

	alone bool // it rewrites the whole body: never combined
	json  bool // only a JSON body can carry it

	apply func(r *rand.Rand, d *draft)
}

// Member kinds a defect may add, beside the fields.
const (
	tReadOnly uint32 = 1 << (16 + iota)
	tUnknown
	tRepeat
)

func touch(fs ...validate.Field) uint32 {
	var t uint32
	for _, f := range fs {
		t |= 1 << f
	}
	return t
}

const (
	fEmail   = validate.Email
	fPhone   = validate.PhoneNumber
	fFirst   = validate.FirstName
	fLast    = validate.LastName
	fTags    = validate.Tags
	fCustom  = validate.CustomFields
	fEmailC  = validate.EmailConsent
	fSMSC    = validate.SMSConsent
	fWelcome = validate.SendWelcomeSMS
)

// dropOptIn removes an SMS opt-in that would need the phone number a
// defect takes away.
func dropOptIn(d *draft) {
	if v := d.f[fSMSC]; v.kind == vString && (v.s == "subscribed" || v.s == "single_opt_in") {
		d.f[fSMSC] = value{}
	}
}

// notWritable returns a consent value the field does not accept under p:
// read-only values, near misses, other fields' words, garbage.
func notWritable(r *rand.Rand, p validate.Policy, sms bool) string {
	words := []string{"", " ", "Subscribed", "SUBSCRIBED", "subscribed ", " subscribed", "unsubscribe", "opted_in",
		"true", "null", "0", "never subscribed", "never-subscribed", "subscribed\x00", genText(r, 1+r.Intn(20))}
	if sms {
		words = append(words, "pending", "pending", "suppressed", "compliance_suppressed", "single-opt-in", "double_opt_in")
	} else {
		words = append(words, "compliance_suppressed", "compliance_suppressed", "single_opt_in", "pending", "Suppressed")
	}
	if !p.AcceptLegacyConsent {
		words = append(words, "non_subscribed")
	}
	accepted := emailWords(p)
	if sms {
		accepted = append(smsWords(p, false), "subscribed", "single_opt_in")
	}
	for {
		if w := pick(r, words); !slices.Contains(accepted, w) {
			return w
		}
	}
}

// wrongType returns a value of another JSON type than field f takes.
func wrongType(r *rand.Rand, f validate.Field) value {
	switch f {
	case fTags:
		return pick(r, []value{str(genText(r, 4+r.Intn(8))), {kind: vBool}, {kind: vRaw, raw: pick(r, jsonNumbers)},
			{kind: vRaw, raw: `{"a":"b"}`}, {kind: vRaw, raw: `["vip",1]`}, {kind: vRaw, raw: `[null]`}, {kind: vRaw, raw: `[["a"]]`},
			{kind: vRaw, raw: `[{}]`}, {kind: vRaw, raw: `["a",true,"b"]`}})
	case fCustom:
		return pick(r, []value{str(genText(r, 4+r.Intn(8))), {kind: vBool, b: true}, {kind: vRaw, raw: pick(r, jsonNumbers)},
			{kind: vList, list: []string{genText(r, 5)}}, {kind: vRaw, raw: `[{"a":1}]`}, {kind: vRaw, raw: `[]`}})
	case fWelcome:
		return pick(r, []value{str("false"), str("true"), str(genText(r, 4+r.Intn(8))), {kind: vRaw, raw: pick(r, []string{"0", "1"})},
			{kind: vList}, {kind: vRaw, raw: `{"send":false}`}})
	}
	return pick(r, []value{{kind: vBool, b: r.Intn(2) == 0}, {kind: vRaw, raw: pick(r, jsonNumbers)},
		{kind: vList, list: []string{genText(r, 4+r.Intn(8))}}, {kind: vList}, {kind: vRaw, raw: `{"value":"x"}`}, {kind: vRaw, raw: `[1,[2]]`}})
}

func typeMessage(f validate.Field) (rule, msg string) {
	switch f {
	case fTags:
		return "type", msgTagsShape
	case fCustom:
		return "flat_object", msgFlat
	case fWelcome:
		return "type", msgBoolean
	}
	return "type", msgString
}

// nested are custom field values that are not flat.
var nested = []string{`{}`, `[]`, `{"a":{"b":[1]}}`, `[1,"x"]`, `{"k":"v"}`, `[null]`,
	strings.Repeat("[", 300) + strings.Repeat("]", 300), strings.Repeat(`{"a":`, 50) + "1" + strings.Repeat("}", 50)}

// anyJSON returns some JSON value, for members whose value does not
// matter.
func anyJSON(r *rand.Rand) value {
	return pick(r, []value{str(genText(r, genLen(r, 0, 20))), {kind: vNull}, {kind: vBool, b: true},
		{kind: vRaw, raw: pick(r, jsonNumbers)}, {kind: vRaw, raw: pick(r, nested)}, {kind: vList, list: []string{"x"}}})
}

var unknownKeys = []string{"phone", "Email", "EMAIL", "e_mail", "emails", "name", "firstName", "first-name", "tag",
	"customFields", "custom_field", "email ", " email", "sms", "consent", "ID", "Id", "createdAt", "", "\u00e9mail",
	"email\x00", "__proto__", "constructor", "$where", "send_welcome_SMS", "welcome_sms", "🙂"}

// unknownKey returns a top-level key the API does not know.
func unknownKey(r *rand.Rand) string {
	for {
		k := pick(r, unknownKeys)
		if r.Intn(3) == 0 {
			k = genText(r, genLen(r, 1, 12))
		}
		if !writable[k] && !readOnlyNames[k] && !strings.HasPrefix(k, "custom_fields.") {
			return k
		}
	}
}

// catalogue lists every defect.
var catalogue = func() []defect {
	ds := []defect{
		{name: "identity missing", ops: opCreate, touches: touch(fEmail, fPhone, fSMSC), apply: func(r *rand.Rand, d *draft) {
			none := []value{{}, {kind: vNull}, str("")}
			d.f[fEmail], d.f[fPhone] = pick(r, none), pick(r, none)
			dropOptIn(d)
			d.expect(gBase, "base", "required_one_of", msgRequiredOneOf)
		}},
		{name: "nothing to update", ops: opUpdate, alone: true, apply: func(r *rand.Rand, d *draft) {
			d.f = [numFields]value{}
			for _, f := range []validate.Field{fEmailC, fSMSC, fWelcome} {
				if r.Intn(2) == 0 {
					d.f[f] = value{kind: vNull} // a null consent leaves it as is: not a write
				}
			}
			d.expect(gBase, "base", "required_any", msgRequiredAny)
		}},
		{name: "email format", ops: opCreate | opUpdate, touches: touch(fEmail), apply: func(r *rand.Rand, d *draft) {
			d.current.Email = ""
			d.f[fEmail] = str(badEmail(r))
			d.expect(gEmail, "email", "email", msgEmail)
		}},
		{name: "email changed", ops: opUpdate, touches: touch(fEmail), apply: func(r *rand.Rand, d *draft) {
			if d.current.Email == "" {
				d.current.Email = genEmail(r)
			}
			d.f[fEmail] = pick(r, []value{{kind: vNull}, str(""), str(badEmail(r)), str(otherEmail(r, d.current.Email))})
			d.expect(gEmail, "email", "immutable", msgImmutable)
		}},
		{name: "phone format", ops: opCreate | opUpdate, touches: touch(fPhone, fSMSC), apply: func(r *rand.Rand, d *draft) {
			d.current.PhoneNumber = ""
			d.f[fPhone] = str(badPhone(r, d.policy.PossiblePhoneOnly))
			dropOptIn(d)
			d.expect(gPhone, "phone_number", "e164", msgPhone)
		}},
		{name: "phone changed", ops: opUpdate, touches: touch(fPhone, fSMSC), apply: func(r *rand.Rand, d *draft) {
			if d.current.PhoneNumber == "" {
				d.current.PhoneNumber = d.number(r).e164
			}
			other := pickNumberWhere(r, func(n *number) bool { return n.e164 != d.current.PhoneNumber })
			d.f[fPhone] = pick(r, []value{{kind: vNull}, str(""), str(badPhone(r, d.policy.PossiblePhoneOnly)), str(other.e164)})
			dropOptIn(d)
			d.expect(gPhone, "phone_number", "immutable", msgImmutable)
		}},
		{name: "too many tags", ops: opCreate | opUpdate, touches: touch(fTags), apply: func(r *rand.Rand, d *draft) {
			l := limitsOf(d.policy)
			d.f[fTags] = value{kind: vList, list: genTags(r, limits{tag: min(l.tag, 8)}, l.tags+1+r.Intn(5))}
			d.expect(gTags, "tags", "max_items", msgTooManyTags(d.policy))
		}},
		{name: "bad tag", ops: opCreate | opUpdate, touches: touch(fTags), apply: func(r *rand.Rand, d *draft) {
			l := limitsOf(d.policy)
			tags := genTags(r, limits{tag: min(l.tag, 8)}, genLen(r, 1, l.tags))
			i := r.Intn(len(tags))
			rule, msg := "tag", msgTag(d.policy)
			switch r.Intn(3) {
			case 0:
				tags[i] = ""
			case 1:
				tags[i] = genText(r, l.tag+1+r.Intn(5))
			default:
				tags[i] = breakUTF8(r, tags[i])
				rule, msg = "utf8", msgUTF8
			}
			d.f[fTags] = value{kind: vList, list: tags}
			d.expect(gTagItems, "tags["+strconv.Itoa(i)+"]", rule, msg)
		}},
		{name: "nested custom field", ops: opCreate | opUpdate, touches: touch(fCustom), apply: func(r *rand.Rand, d *draft) {
			obj := genObject(r)
			k := genText(r, genLen(r, 0, 12))
			for slices.ContainsFunc(obj, func(e entry) bool { return e.key == k }) {
				k += "x"
			}
			obj = slices.Insert(obj, r.Intn(len(obj)+1), entry{key: k, v: value{kind: vRaw, raw: pick(r, nested)}})
			d.f[fCustom] = value{kind: vObject, obj: obj}
			d.expect(gCustom, "custom_fields", "flat_object", msgFlat)
		}},
		{name: "repeated custom field", ops: opCreate | opUpdate, touches: touch(fCustom), apply: func(r *rand.Rand, d *draft) {
			obj := append(genObject(r), entry{key: genText(r, genLen(r, 0, 12)) + "k", v: genScalar(r)})
			obj = dedupe(obj)
			j := r.Intn(len(obj))
			again := entry{key: obj[j].key, v: genScalar(r)}
			obj = slices.Insert(obj, j+1+r.Intn(len(obj)-j), again)
			d.f[fCustom] = value{kind: vObject, obj: obj}
			d.expect(gCustomKeys, "custom_fields."+again.key, "duplicate_key", msgDuplicate)
		}},
		{name: "custom field not UTF-8", ops: opCreate | opUpdate, touches: touch(fCustom), apply: func(r *rand.Rand, d *draft) {
			obj := dedupe(append(genObject(r), entry{key: "k" + genText(r, genLen(r, 0, 12)), v: genScalar(r)}))
			j := r.Intn(len(obj))
			obj[j].v = str(breakUTF8(r, genText(r, genLen(r, 0, 12))))
			d.f[fCustom] = value{kind: vObject, obj: obj}
			d.expect(gCustomKeys, "custom_fields."+obj[j].key, "utf8", msgUTF8)
		}},
		{name: "email consent not writable", ops: opCreate | opUpdate, touches: touch(fEmailC), apply: func(r *rand.Rand, d *draft) {
			for d.current.EmailConsent == consent.EmailComplianceSuppressed {
				d.current.EmailConsent = pick(r, storedEmail)
			}
			d.f[fEmailC] = str(notWritable(r, d.policy, false))
			d.expect(gEmailConsent, "email_consent", "enum", msgEmailEnum)
		}},
		{name: "compliance suppressed", ops: opUpdate, touches: touch(fEmailC), apply: func(r *rand.Rand, d *draft) {
			d.current.EmailConsent = consent.EmailComplianceSuppressed
			w := pick(r, []string{pick(r, emailWords(d.policy)), notWritable(r, d.policy, false), "compliance_suppressed"})
			d.f[fEmailC] = str(w)
			d.expect(gEmailConsent, "email_consent", "compliance_suppressed", msgCompliance)
		}},
		{name: "sms consent not writable", ops: opCreate | opUpdate, touches: touch(fSMSC), apply: func(r *rand.Rand, d *draft) {
			d.f[fSMSC] = str(notWritable(r, d.policy, true))
			d.expect(gSMSConsent, "sms_consent", "enum", msgSMSEnum)
		}},
		{name: "sms without a supported phone", ops: opCreate, touches: touch(fEmail, fPhone, fSMSC), apply: func(r *rand.Rand, d *draft) {
			if n := pickNumberWhere(r, func(n *number) bool { return !d.smsOK(n) }); n != nil && r.Intn(2) == 0 {
				d.f[fPhone] = str(n.e164)
			} else {
				d.f[fPhone] = pick(r, []value{{}, {kind: vNull}, str("")})
				if v := d.f[fEmail]; v.kind != vString || v.s == "" {
					d.f[fEmail] = str(genEmail(r))
				}
			}
			d.f[fSMSC] = str(pick(r, []string{"subscribed", "single_opt_in"}))
			d.expect(gSMSConsent, "sms_consent", "sms_supported_country", msgSMSCountry)
		}},
		{name: "sms without a supported phone", ops: opUpdate, touches: touch(fPhone, fSMSC), apply: func(r *rand.Rand, d *draft) {
			unsupported := ""
			if n := pickNumberWhere(r, func(n *number) bool { return !d.smsOK(n) }); n != nil {
				unsupported = n.e164
			}
			switch r.Intn(3) {
			case 0: // the stored number, or none
				d.f[fPhone] = value{}
				d.current.PhoneNumber = pick(r, []string{"", unsupported})
			case 1:
				d.current.PhoneNumber = ""
				d.f[fPhone] = str(unsupported)
			default:
				d.current.PhoneNumber = ""
				d.f[fPhone] = pick(r, []value{{kind: vNull}, str("")})
			}
			d.f[fSMSC] = str(pick(r, []string{"subscribed", "single_opt_in"}))
			d.expect(gSMSConsent, "sms_consent", "sms_supported_country", msgSMSCountry)
		}},
		{name: "sms unsubscribed on create", ops: opCreate, touches: touch(fSMSC), apply: func(r *rand.Rand, d *draft) {
			d.f[fSMSC] = str("unsubscribed")
			d.expect(gSMSConsent, "sms_consent", "sms_no_unsubscribe_on_create", msgNoUnsubscribe)
		}},
		{name: "read-only member", ops: opCreate | opUpdate, touches: tReadOnly, json: true, apply: func(r *rand.Rand, d *draft) {
			k := pick(r, []string{"id", "created_at", "updated_at"})
			d.addExtra(extra{key: k, v: anyJSON(r), repeats: -1}, "read_only", msgReadOnly)
		}},
		{name: "unknown member", ops: opCreate | opUpdate, touches: tUnknown, json: true, apply: func(r *rand.Rand, d *draft) {
			x := extra{key: unknownKey(r), v: anyJSON(r), repeats: -1}
			if d.policy.AllowUnknownFields {
				d.extras = append(d.extras, x)
				d.jsonOnly = true
				return
			}
			d.addExtra(x, "unknown_field", msgUnknown)
		}},
		{name: "repeated member", ops: opCreate | opUpdate, touches: tRepeat, json: true, apply: func(r *rand.Rand, d *draft) {
			var present []validate.Field
			for f := range validate.Field(numFields) {
				if d.f[f].kind != vAbsent {
					present = append(present, f)
				}
			}
			f := pick(r, present)
			d.addExtra(extra{key: f.String(), v: anyJSON(r), repeats: int(f)}, "duplicate_key", msgDuplicate)
		}},
		{name: "not a JSON object", ops: opCreate | opUpdate, alone: true, json: true, apply: func(r *rand.Rand, d *draft) {
			d.corrupt = corrupt
			d.expect(gBase, "base", "json_object", msgJSONObject)
		}},
		{name: "too large", ops: opCreate | opUpdate, alone: true, json: true, apply: func(r *rand.Rand, d *draft) {
			d.oversize = true // render sets the limit and the detail
		}},
	}
	for _, f := range []validate.Field{fFirst, fLast} {
		ds = append(ds, defect{name: f.String() + " too long", ops: opCreate | opUpdate, touches: touch(f), apply: func(r *rand.Rand, d *draft) {
			d.f[f] = str(genText(r, limitsOf(d.policy).name+1+r.Intn(5)))
			d.expect(fieldGroup[f], f.String(), "max_length", msgNameLength(d.policy))
		}})
	}
	for f := range validate.Field(numFields) {
		touches := touch(f)
		if f == fPhone {
			touches |= touch(fSMSC) // no number: no SMS opt-in
		}
		ds = append(ds, defect{name: f.String() + " of another type", ops: opCreate | opUpdate, touches: touches, json: f != fCustom,
			apply: func(r *rand.Rand, d *draft) {
				d.f[f] = wrongType(r, f)
				if f == fPhone {
					dropOptIn(d)
				}
				rule, msg := typeMessage(f)
				d.expect(fieldGroup[f], f.String(), rule, msg)
			}})
		if shape[f] != vString {
			continue
		}
		ds = append(ds, defect{name: f.String() + " not UTF-8", ops: opCreate | opUpdate, touches: touches, apply: func(r *rand.Rand, d *draft) {
			var v string
			switch f {
			case fEmail:
				v = genEmail(r)
			case fPhone:
				v = pickNumber(r).e164
				dropOptIn(d)
			case fEmailC, fSMSC:
				v = pick(r, emailWords(d.policy))
			default:
				v = genText(r, genLen(r, 0, 20))
			}
			d.f[f] = str(breakUTF8(r, v))
			d.expect(fieldGroup[f], f.String(), "utf8", msgUTF8)
		}})
	}
	return ds
}()

func (d *draft) addExtra(x extra, rule, msg string) {
	x.want = append(x.want, errs.FieldError{Field: x.key, Message: msg, Rule: rule})
	d.extras = append(d.extras, x)
	d.jsonOnly = true
}

// otherEmail returns a valid address that is not the same as stored.
func otherEmail(r *rand.Rand, stored string) string {
	for {
		e := genEmail(r)
		if r.Intn(3) == 0 { // the same domain, another local part
			e = genLocal(r, genLen(r, 1, 20)) + stored[strings.LastIndexByte(stored, '@'):]
		}
		if !sameAddress(e, stored) && len(e) <= 254 {
			return e
		}
	}
}

// dedupe drops entries whose key came before.
func dedupe(obj []entry) []entry {
	seen := map[string]bool{}
	return slices.DeleteFunc(obj, func(e entry) bool {
		dup := seen[e.key]
		seen[e.key] = true
		return dup
	})
}

// corrupt turns a body that is one JSON object into one that is not.
func corrupt(r *rand.Rand, b []byte) []byte {
	end := strings.LastIndexByte(string(b), '}')
	open := strings.IndexByte(string(b), '{')
	inside := func(what string) []byte {
		return slices.Concat(b[:open+1], []byte(what), b[open+1:])
	}
	switch r.Intn(8) {
	case 0:
		return b[:r.Intn(end+1)] // cut before the object closes
	case 1:
		return append(b, pick(r, []string{"x", "}", "]", ",", "{}", "null", `""`, "0", "\x00", "\ufeff"})...)
	case 2:
		return []byte(pick(r, []string{"", " ", "[]", "[" + string(b) + "]", `"{}"`, "1", "null", "true", "\ufeff" + string(b)}))
	case 3: // a key that is not text
		return inside(pick(r, []string{"\"\xff\":1,", "\"\\ud800\":1,", "\"a\\udc00\":1,"}))
	case 4:
		return inside(pick(r, []string{"\"a\nb\":1,", "'a':1,", "a:1,", "/*c*/", "\"k\":NaN,", "\"k\":01,", "\"k\":+1,",
			"\"k\":.5,", "\"k\":1.,", "\"k\":1e,", "\"k\":tru,", "\"k\":[1,2,", "\"k\":\"\\x41\",", "\"k\":\"\\u12\",", "\"k\" 1,"}))
	case 5:
		return append(b[:end], []byte(pick(r, []string{",}", ",,}", "", "]", "}}"}))...)
	case 6:
		return slices.Concat([]byte("{"), b)
	}
	return slices.Concat(b[:open+1], []byte(pick(r, []string{`"k":1 "j":2,`, `"k":{"a":1,},`, `"k":[1,],`, `"k":{"a"},`})), b[open+1:])
}
