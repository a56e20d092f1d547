package validate

import (
	"hash/maphash"
	"unicode/utf8"

	"github.com/contactrules/contactrules/internal/jsonwire"
)

// kind is what a payload member held.
type kind uint8

const (
	absent    kind = iota
	null           // JSON null
	text           // a string, in slot.s
	boolean        // true or false, in slot.b
	list           // an array of strings: payload.tags
	object         // a JSON object: its text in slot.s
	wrongType      // any other JSON type
	badShape       // an array holding something other than strings
	unjudged       // form input present but not to be judged (phone_number in an unknown phone_region)
	badUTF8        // a string that is not valid UTF-8, in slot.s
)

// textSlot holds a string, noting whether it is valid UTF-8 (checked
// once, when it is read).
func textSlot(s string, valid bool) slot {
	if valid {
		return slot{kind: text, s: s}
	}
	return slot{kind: badUTF8, s: s}
}

type slot struct {
	kind kind
	s    string
	b    bool
}

// A payload is a body reduced to what the rules look at. Every entry
// point builds one: the JSON path from the bytes, the struct path from a
// Contact, the form path from form values. Everything after that is
// shared, so all give the same details.
//
// Ownership. A payload holds no bytes of its own. On the JSON path
// (readBody) every string in it is a view of the caller's body: the
// slots' values, the tags, custom_fields' text and the names of extra;
// borrowed is set. On the struct and form paths they are the caller's
// strings (or, for a form's custom fields, text built for the call).
// Views of the body are valid only while the call runs, so whatever an
// answer returns is copied out first: own copies a valid contact's
// strings, tags and custom_fields' text into one store (store128,
// store256, or two plain allocations for a larger contact) and makes
// strings of it with unsafe.String; a detail's echoed name is a new
// string (checkExtra, checkCustomKeys). Nothing of the body outlives the
// call, and the caller may reuse it at once.
type payload struct {
	// body is RuleMaxBytes or RuleJSONObject for a body that could not
	// be read; then nothing else in the payload means anything.
	body RuleID

	// borrowed: the strings are views of the caller's body, valid only
	// during the call.
	borrowed bool

	m [numFields]slot

	// tags are the first MaxTags tags of a list (more make it invalid,
	// so none past those is ever returned); ntags counts them all, and
	// tagFacts are the elements that fail, in order, at most
	// MaxDetails+1 of them (enough to know the cap is passed).
	tags     []string
	ntags    int
	tagFacts []tagFact

	// fewTags holds the kept tags of a JSON body while there are few
	// (tags is nil then): the reader allocates nothing for them.
	fewTags [8]string
	nfew    int

	// custom is what the custom_fields object told about itself, and
	// customText its text: on the JSON path a view of the caller's body,
	// capped so that an append cannot reach past it (own copies it out).
	custom     customReport
	customText []byte

	// extra are the members reported by name, in input order: read-only,
	// unrecognized and repeated keys, at most MaxDetails+1 of them.
	extra []fact

	// badRegion: a form's phone_region names no region.
	badRegion bool

	// ignore are the members the policy ignores (IgnoreMembers), for
	// the reader: a decoder's field or argument would cost the reading
	// of every body (measured).
	ignore []string
}

// clean reports whether the reader noted nothing wrong: the body was
// read, every member has a type its field takes and valid UTF-8, and no
// tag, custom field or member name was found wanting. The checks of
// readerFacts can then report nothing.
func (pl *payload) clean() bool {
	if pl.body != 0 || pl.badRegion || len(pl.extra) > 0 || len(pl.tagFacts) > 0 ||
		pl.custom.nested || len(pl.custom.facts) > 0 {
		return false
	}
	for i := range pl.m {
		if k := pl.m[i].kind; k >= wrongType && k != unjudged {
			return false
		}
	}
	return true
}

// A fact is something the reader noted about a member, for a row to
// report: the rule it breaks and the member's name as sent.
type fact struct {
	id  RuleID
	key string
}

// A tagFact is an element of tags that breaks rule id.
type tagFact struct {
	i  int
	id RuleID
}

// customReport is the outcome of reading a custom_fields object.
type customReport struct {
	nested bool   // a value is an object or array
	facts  []fact // per-key failures, input order, at most max+1
	max    int    // the policy's MaxDetails
}

// note records a fact unless enough are known to pass the details cap.
func note(facts []fact, max int, id RuleID, key string) []fact {
	if len(facts) > max {
		return facts
	}
	return append(facts, fact{id, key})
}

// addTag counts one element of a tags list and notes whether it fails,
// under the policy's limits l. It reports whether the tag is to be
// kept: only the first MaxTags are.
func (pl *payload) addTag(t string, valid bool, l limits) bool {
	i := pl.ntags
	pl.ntags++
	if len(pl.tagFacts) <= l.maxDetails {
		switch {
		case !valid:
			pl.tagFacts = append(pl.tagFacts, tagFact{i, RuleTagUTF8})
		case t == "" || len(t) > l.maxTagLength && utf8.RuneCountInString(t) > l.maxTagLength:
			pl.tagFacts = append(pl.tagFacts, tagFact{i, RuleTag})
		}
	}
	return i < l.maxTags
}

// limits are the numbers of a resolved policy that reading needs: a few
// words, where the Policy is a hundred bytes to copy.
type limits struct {
	maxDetails, maxTags, maxTagLength int
	allowUnknown                      bool
}

func (p *Policy) limits() limits {
	return limits{p.MaxDetails, p.MaxTags, p.MaxTagLength, p.AllowUnknownFields}
}

// ignored reports whether k is one of the members the policy ignores
// (IgnoreMembers). It is asked only of members that are not fields.
func ignored(ignore []string, k string) bool {
	for _, name := range ignore {
		if name == k {
			return true
		}
	}
	return false
}

// readOnly are the top-level members the server sets.
var readOnly = [...]string{"id", "created_at", "updated_at"}

// lookup returns the field named k.
func lookup(k string) (Field, bool) {
	// A switch compiles to a search by length and bytes: the reader
	// looks up every name it does not meet in place (fieldKey), such as
	// each of a hostile body's unknown members (a loop over fieldNames
	// made those bodies 1.3 to 1.6 times slower).
	switch k {
	case "email":
		return Email, true
	case "phone_number":
		return PhoneNumber, true
	case "first_name":
		return FirstName, true
	case "last_name":
		return LastName, true
	case "tags":
		return Tags, true
	case "custom_fields":
		return CustomFields, true
	case "email_consent":
		return EmailConsent, true
	case "sms_consent":
		return SMSConsent, true
	case "send_welcome_sms":
		return SendWelcomeSMS, true
	}
	return 0, false
}

func isReadOnly(k string) bool {
	for _, name := range readOnly {
		if name == k {
			return true
		}
	}
	return false
}

// decoder reads a JSON body into a payload. It keeps its place in the
// text in a local variable of each function, passed along and returned
// (-1 for a text that is not JSON), as jsonwire's stateless functions do:
// a place kept in a struct would be stored and loaded again around every
// call. Its methods take the payload as an argument: a pointer held in
// the decoder would, for the escape analysis, go wherever the body's
// views go (the heap), and take the caller's checker with it.
type decoder struct {
	lim limits

	// others holds the keys of members that are not writable fields,
	// and repeated those already reported as repeated: a key sent three
	// times earns one detail (one detail per field and rule). repeated is
	// made for the first repeat: a valid body has none, and clearing a
	// set costs more than reading a member.
	others   keySet
	repeated *keySet
}

// decode reads body into p. It returns false when body is not one
// well-formed JSON object; p is then meaningless.
func decode(b []byte, pl *payload, lim limits) bool {
	d := decoder{lim: lim}
	i := jsonwire.Space(b, 0)
	if i == len(b) || b[i] != '{' {
		return false
	}
	i, more := jsonwire.ConsumeOpen(b, i, '}')
	var seen, repeated Fields
	for more {
		f, k, v, known := fieldKey(b, i)
		if v < 0 {
			return false
		}
		switch {
		case known && !seen.Has(f):
			seen = seen.With(f)
			i = d.member(b, v, pl, f)
		case known:
			if !repeated.Has(f) {
				repeated = repeated.With(f)
				pl.extra = note(pl.extra, lim.maxDetails, RuleDuplicateKey, k)
			}
			i = jsonwire.ConsumeValue(b, v)
		default:
			d.other(pl, k)
			i = jsonwire.ConsumeValue(b, v)
		}
		if i < 0 {
			return false
		}
		if i < len(b) && b[i] == ',' { // compact text: no call
			i = jsonwire.Space(b, i+1)
			continue
		}
		if i, more = jsonwire.ConsumeNext(b, i, '}'); i < 0 {
			return false
		}
	}
	return jsonwire.Space(b, i) == len(b)
}

// fieldKey reads the key of a top-level member at b[i], the colon after
// it and the white space around the colon, as jsonwire.ConsumeKey does,
// and looks the field up. A field's name written plainly, as nearly every
// body writes it, is matched in place, without a scan for its end.
func fieldKey(b []byte, i int) (f Field, k string, next int, known bool) {
	if i+1 < len(b) && b[i] == '"' {
		for _, f := range byFirstByte[b[i+1]&31] {
			name := fieldNames[f]
			end := i + 1 + len(name)
			if end < len(b) && b[end] == '"' && string(b[i+1:end]) == name {
				return f, name, jsonwire.ConsumeColon(b, end+1), true
			}
		}
	}
	k, next = jsonwire.ConsumeKey(b, i)
	f, known = lookup(k)
	return f, k, next, known
}

// byFirstByte lists the fields by the first letter of their names (its
// low five bits: the names are lower case).
var byFirstByte = func() (t [32][]Field) {
	for f := range numFields {
		c := fieldNames[f][0] & 31
		t[c] = append(t[c], f)
	}
	return t
}()

// other records a member that is not a writable field, unless the policy
// ignores it (then it is not remembered either: not even its repeats are
// reported).
func (d *decoder) other(pl *payload, k string) {
	if len(pl.extra) > d.lim.maxDetails || ignored(pl.ignore, k) {
		// Enough is known to cut the details; no later member can
		// change them, so none is remembered (memory stays bounded).
		return
	}
	if !d.others.add(k) {
		if d.repeated == nil {
			d.repeated = new(keySet)
		}
		if d.repeated.add(k) {
			pl.extra = note(pl.extra, d.lim.maxDetails, RuleDuplicateKey, k)
		}
		return
	}
	switch {
	case isReadOnly(k):
		pl.extra = note(pl.extra, d.lim.maxDetails, RuleReadOnly, k)
	case !d.lim.allowUnknown:
		pl.extra = note(pl.extra, d.lim.maxDetails, RuleUnknownField, k)
	}
}

// member reads the value of field f at b[i].
func (d *decoder) member(b []byte, i int, pl *payload, f Field) int {
	sl := &pl.m[f]
	var c byte
	if i < len(b) {
		c = b[i]
	}
	switch {
	case c == 'n':
		sl.kind = null
		return jsonwire.ConsumeLiteral(b, i, "null")
	case c == '"' && fieldShape[f] == text:
		end, escaped, valid := jsonwire.ConsumeString(b, i)
		if end >= 0 {
			*sl = textSlot(jsonwire.StringValue(b, i, end, escaped), valid)
		}
		return end
	case (c == 't' || c == 'f') && fieldShape[f] == boolean:
		sl.kind, sl.b = boolean, c == 't'
		if sl.b {
			return jsonwire.ConsumeLiteral(b, i, "true")
		}
		return jsonwire.ConsumeLiteral(b, i, "false")
	case c == '[' && fieldShape[f] == list:
		return d.tags(b, i, pl, sl)
	case c == '{' && fieldShape[f] == object:
		pl.custom.max = d.lim.maxDetails
		sl.kind = object
		end := readCustom(b, i, &pl.custom)
		if end >= 0 {
			pl.customText = b[i:end:end]
		}
		return end
	}
	sl.kind = wrongType
	return jsonwire.ConsumeValue(b, i)
}

// fieldShape is the JSON type each field takes.
var fieldShape = [numFields]kind{
	Email:          text,
	PhoneNumber:    text,
	FirstName:      text,
	LastName:       text,
	Tags:           list,
	CustomFields:   object,
	EmailConsent:   text,
	SMSConsent:     text,
	SendWelcomeSMS: boolean,
}

// tags reads the array at b[i], keeping its strings.
func (d *decoder) tags(b []byte, i int, pl *payload, sl *slot) int {
	sl.kind = list
	i, more := jsonwire.ConsumeOpen(b, i, ']')
	for more {
		if i < len(b) && b[i] == '"' {
			end, escaped, valid := jsonwire.ConsumeString(b, i)
			if end < 0 {
				return -1
			}
			if t := jsonwire.StringValue(b, i, end, escaped); pl.addTag(t, valid, d.lim) {
				pl.keepTag(t)
			}
			i = end
		} else {
			sl.kind = badShape
			if i = jsonwire.ConsumeValue(b, i); i < 0 {
				return -1
			}
		}
		if i, more = jsonwire.ConsumeNext(b, i, ']'); i < 0 {
			return -1
		}
	}
	return i
}

// keepTag keeps a tag of a JSON body. Most bodies have a few tags: they
// stay in the payload, and only a longer list goes to the heap.
func (pl *payload) keepTag(t string) {
	switch {
	case pl.tags != nil:
		pl.tags = append(pl.tags, t)
	case pl.nfew < len(pl.fewTags):
		pl.fewTags[pl.nfew] = t
		pl.nfew++
	default:
		pl.tags = append(append(make([]string, 0, 2*len(pl.fewTags)), pl.fewTags[:]...), t)
	}
}

// tagList returns the tags kept: a view of the payload's own array while
// they are few, so it must not outlive the payload (own copies it).
func (pl *payload) tagList() []string {
	if pl.tags != nil || pl.nfew == 0 {
		return pl.tags
	}
	return pl.fewTags[:pl.nfew]
}

// readCustom reads the custom_fields object at b[i] into r and returns
// the index after it, or -1. It is shared by both entry points: the
// struct path reads Contact.CustomFields with it.
func readCustom(b []byte, i int, r *customReport) int {
	i, more := jsonwire.ConsumeOpen(b, i, '}')
	var seen keySet
	var reported *keySet // made for the first repeat, as decoder.repeated
	for more {
		k, v := jsonwire.ConsumeKey(b, i)
		if v < 0 {
			return -1
		}
		// Past the cap no key can change the details: stop remembering.
		full := len(r.facts) > r.max
		repeated := !full && !seen.add(k)
		if repeated && reported == nil {
			reported = new(keySet)
		}
		if repeated && reported.add(k) {
			r.facts = note(r.facts, r.max, RuleCustomFieldDuplicate, k)
		}
		switch {
		case v < len(b) && (b[v] == '{' || b[v] == '['):
			r.nested = true
			i = jsonwire.ConsumeValue(b, v)
		case v < len(b) && b[v] == '"':
			var valid bool
			i, _, valid = jsonwire.ConsumeString(b, v)
			if i >= 0 && !repeated && !full && !valid {
				r.facts = note(r.facts, r.max, RuleCustomFieldUTF8, k)
			}
		default:
			i = jsonwire.ConsumeValue(b, v)
		}
		if i < 0 {
			return -1
		}
		if i < len(b) && b[i] == ',' { // compact text: no call
			i = jsonwire.Space(b, i+1)
			continue
		}
		if i, more = jsonwire.ConsumeNext(b, i, '}'); i < 0 {
			return -1
		}
	}
	return i
}

// keySet finds repeated keys: by a scan of a small array for the few keys
// of a usual object, by a hash table past that, so that a body of 100k
// keys stays linear in time and small in memory.
type keySet struct {
	few  [16]string
	n    int
	many *hashSet
}

// add adds k and reports whether it was new.
func (ks *keySet) add(k string) bool {
	if ks.many == nil {
		for _, seen := range ks.few[:ks.n] {
			if seen == k {
				return false
			}
		}
		if ks.n < len(ks.few) {
			ks.few[ks.n] = k
			ks.n++
			return true
		}
		ks.many = newHashSet(4 * len(ks.few))
		for _, seen := range ks.few {
			ks.many.add(seen)
		}
	}
	return ks.many.add(k)
}

// A hashSet is a set of strings held as they are (views of the body, no
// copies): the strings in order of arrival, and an open-addressing table
// of their hashes and positions, 8 bytes a slot at most half full. A key
// costs about 32 bytes, where a map[string]struct{} takes some 70.
type hashSet struct {
	keys  []string
	slots []uint64 // 0 empty; else the hash's high 32 bits, then 1 + the key's position
	seed  maphash.Seed
}

func newHashSet(n int) *hashSet {
	return &hashSet{keys: make([]string, 0, n), slots: make([]uint64, 2*n), seed: maphash.MakeSeed()}
}

// add adds k and reports whether it was new.
func (h *hashSet) add(k string) bool {
	if 2*(len(h.keys)+1) > len(h.slots) {
		h.grow()
	}
	hash := maphash.String(h.seed, k)
	tag := hash >> 32 << 32
	mask := uint64(len(h.slots) - 1)
	for i := hash & mask; ; i = (i + 1) & mask {
		switch slot := h.slots[i]; {
		case slot == 0:
			h.keys = append(h.keys, k)
			h.slots[i] = tag | uint64(len(h.keys))
			return true
		case slot>>32<<32 == tag && h.keys[uint32(slot)-1] == k:
			return false
		}
	}
}

// grow doubles the table and places every key again.
func (h *hashSet) grow() {
	h.slots = make([]uint64, 2*len(h.slots))
	mask := uint64(len(h.slots) - 1)
	for n, k := range h.keys {
		hash := maphash.String(h.seed, k)
		i := hash & mask
		for h.slots[i] != 0 {
			i = (i + 1) & mask
		}
		h.slots[i] = hash>>32<<32 | uint64(n+1)
	}
}
