package validate

import (
	"unicode/utf8"

	"github.com/contactrules/contactrules/errs"
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
)

type slot struct {
	kind kind
	s    string
	b    bool
}

// A payload is a body reduced to what the rules look at. Both entry points
// build one: the JSON path from the bytes, the struct path from a Contact.
// Everything after that is shared, so both give the same details.
type payload struct {
	m    [numFields]slot
	tags []string

	// custom is what the custom_fields object told about itself, and
	// customText its text: a slice of the private buffer, capped so that
	// an append cannot reach past it. The strings of the payload are views
	// of the same buffer, but none of them lies inside this slice, so a
	// caller that writes to the returned CustomFields changes nothing else.
	custom     customReport
	customText []byte

	// extra are the members reported by name, in input order: read-only,
	// unrecognized and repeated keys.
	extra []errs.FieldError
}

// customReport is the outcome of reading a custom_fields object.
type customReport struct {
	nested bool              // a value is an object or array
	keys   []errs.FieldError // per-key details, input order
}

// Messages of the rows the JSON reader reports itself.
const (
	msgJSONObject = "must be a JSON object"
	msgDuplicate  = "must not appear more than once"
	msgReadOnly   = "is read-only"
	msgUnknown    = "is not a recognized field"
	msgUTF8       = "must be valid UTF-8"
)

// readOnly are the top-level members the server sets.
var readOnly = [...]string{"id", "created_at", "updated_at"}

// lookup returns the field named k.
func lookup(k string) (Field, bool) {
	for f, name := range fieldNames {
		if name == k {
			return Field(f), true
		}
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

// decoder reads a JSON body into a payload.
type decoder struct {
	scanner
	p   *payload
	pol Policy

	// others holds the keys of members that are not writable fields,
	// and repeated those already reported as repeated: a key sent three
	// times earns one detail (one detail per field and rule).
	others, repeated keySet
}

// decode reads body into p. It returns false when body is not one
// well-formed JSON object; p is then meaningless.
func decode(body []byte, p *payload, pol Policy) bool {
	d := decoder{scanner: scanner{buf: body}, p: p, pol: pol}
	if !d.eat('{') {
		return false
	}
	var seen, repeated Fields
	if !d.eat('}') {
		for {
			k, ok := d.key()
			if !ok {
				return false
			}
			f, known := lookup(k)
			switch {
			case known && !seen.Has(f):
				seen = seen.With(f)
				ok = d.member(f)
			case known:
				if !repeated.Has(f) {
					repeated = repeated.With(f)
					p.extra = append(p.extra, errs.FieldError{Field: k, Message: msgDuplicate, Rule: "duplicate_key"})
				}
				ok = d.skip()
			default:
				d.other(k)
				ok = d.skip()
			}
			if !ok {
				return false
			}
			if d.eat(',') {
				continue
			}
			if !d.eat('}') {
				return false
			}
			break
		}
	}
	return d.atEnd()
}

// other records a member that is not a writable field.
func (d *decoder) other(k string) {
	if !d.others.add(k) {
		if d.repeated.add(k) {
			d.p.extra = append(d.p.extra, errs.FieldError{Field: k, Message: msgDuplicate, Rule: "duplicate_key"})
		}
		return
	}
	switch {
	case isReadOnly(k):
		d.p.extra = append(d.p.extra, errs.FieldError{Field: k, Message: msgReadOnly, Rule: "read_only"})
	case !d.pol.AllowUnknownFields:
		d.p.extra = append(d.p.extra, errs.FieldError{Field: k, Message: msgUnknown, Rule: "unknown_field"})
	}
}

// member reads the value of field f.
func (d *decoder) member(f Field) bool {
	sl := &d.p.m[f]
	c := d.peek()
	if c == 'n' {
		sl.kind = null
		return d.literal("null")
	}
	switch {
	case c == '"' && fieldShape[f] == text:
		s, ok := d.str()
		sl.kind, sl.s = text, s
		return ok
	case (c == 't' || c == 'f') && fieldShape[f] == boolean:
		sl.kind, sl.b = boolean, c == 't'
		if sl.b {
			return d.literal("true")
		}
		return d.literal("false")
	case c == '[' && fieldShape[f] == list:
		return d.tags(sl)
	case c == '{' && fieldShape[f] == object:
		start := d.pos
		ok := readCustom(&d.scanner, &d.p.custom)
		sl.kind = object
		d.p.customText = d.buf[start:d.pos:d.pos]
		return ok
	}
	sl.kind = wrongType
	return d.skip()
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

// tags reads an array, keeping its strings.
func (d *decoder) tags(sl *slot) bool {
	d.pos++ // [
	sl.kind = list
	// Most bodies have a few tags: collect them on the stack, then
	// allocate the result once at its exact size.
	var inline [16]string
	tags := inline[:0]
	if !d.eat(']') {
		for {
			if d.peek() == '"' {
				s, ok := d.str()
				if !ok {
					return false
				}
				tags = append(tags, s)
			} else {
				sl.kind = badShape
				if !d.skip() {
					return false
				}
			}
			if d.eat(',') {
				continue
			}
			if !d.eat(']') {
				return false
			}
			break
		}
	}
	if sl.kind == list {
		d.p.tags = make([]string, len(tags))
		copy(d.p.tags, tags)
	}
	return true
}

// readCustom reads a custom_fields object at s.pos into r. It is shared by
// both entry points: the struct path reads Contact.CustomFields with it.
func readCustom(s *scanner, r *customReport) bool {
	s.pos++ // {
	if s.eat('}') {
		return true
	}
	var seen, reported keySet
	for {
		k, ok := s.key()
		if !ok {
			return false
		}
		repeated := !seen.add(k)
		if repeated && reported.add(k) {
			r.keys = append(r.keys, errs.FieldError{Field: "custom_fields." + k, Message: msgDuplicate, Rule: "duplicate_key"})
		}
		switch s.peek() {
		case '{', '[':
			r.nested = true
			ok = s.skip()
		case '"':
			var v string
			v, ok = s.str()
			if ok && !repeated && !utf8.ValidString(v) {
				r.keys = append(r.keys, errs.FieldError{Field: "custom_fields." + k, Message: msgUTF8, Rule: "utf8"})
			}
		default:
			ok = s.scalar()
		}
		if !ok {
			return false
		}
		if s.eat(',') {
			continue
		}
		return s.eat('}')
	}
}

// keySet finds repeated keys: by a scan of a small array for the few keys
// of a usual object, by a map past that, so that a body of 100k keys
// stays linear.
type keySet struct {
	few  [16]string
	n    int
	many map[string]struct{}
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
		ks.many = make(map[string]struct{}, 2*len(ks.few))
		for _, seen := range ks.few {
			ks.many[seen] = struct{}{}
		}
	}
	if _, ok := ks.many[k]; ok {
		return false
	}
	ks.many[k] = struct{}{}
	return true
}
