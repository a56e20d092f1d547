package vtags

import (
	"reflect"
	"slices"
	"strings"

	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/validate"
)

// A role is what a tagged field is in the contact. The order is the rule
// table's.
type role uint8

const (
	roleNone role = iota
	roleEmail
	rolePhone
	roleFirst
	roleLast
	roleTags
	roleCustom
	roleEmailConsent
	roleSMSConsent
	numRoles
)

// A tagged is a struct field that carries a contact tag.
type tagged struct {
	index int    // in the struct
	role  role   // what it is
	tag   string // the first contact tag of the field
	self  bool   // a contact tag runs on the field itself (not only after dive)
	gate  string // omitempty, omitnil or omitzero before the contact tag, or ""
}

// A plan is what a struct type holds: its tagged fields, and which of
// them make the contact.
type plan struct {
	fields  []tagged
	byName  map[string]int // Go name → index in fields
	primary [numRoles]int  // the contact's field of each role: index in fields + 1, 0 for none
	welcome int            // the struct field index + 1 of send_welcome_sms, 0 for none
}

// plan returns the plan of struct type t, whose tags are read under key.
func (r *Rules) plan(t reflect.Type, key string) *plan {
	k := planKey{t, key}
	if pl, ok := r.plans.Load(k); ok {
		return pl.(*plan)
	}
	pl, _ := r.plans.LoadOrStore(k, newPlan(t, key))
	return pl.(*plan)
}

// contactPlan is the plan Contact reads t with: under the tag name of the
// first validator registered whose tags t uses ("validate" before any).
func (r *Rules) contactPlan(t reflect.Type) *plan {
	keys := r.keys
	if len(keys) == 0 {
		keys = []string{defaultTagName}
	}
	for _, key := range keys {
		if pl := r.plan(t, key); len(pl.fields) > 0 {
			return pl
		}
	}
	return r.plan(t, keys[0])
}

// A planKey is a struct type and the tag name its tags are read under.
type planKey struct {
	t   reflect.Type
	key string
}

func newPlan(t reflect.Type, key string) *plan {
	pl := &plan{byName: map[string]int{}}
	var names []int // contact_name fields without a first_name or last_name JSON name
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		if jsonName(sf) == "send_welcome_sms" && sf.Type == reflect.TypeFor[*bool]() && pl.welcome == 0 {
			pl.welcome = i + 1
			continue
		}
		f, ok := parseField(sf.Tag, key)
		if !ok {
			continue
		}
		f.index = i
		pl.byName[sf.Name] = len(pl.fields)
		pl.fields = append(pl.fields, f)
		at := len(pl.fields)
		switch {
		case f.role != roleFirst:
			if pl.primary[f.role] == 0 {
				pl.primary[f.role] = at
			}
		case jsonName(sf) == "last_name":
			pl.fields[at-1].role = roleLast
			if pl.primary[roleLast] == 0 {
				pl.primary[roleLast] = at
			}
		case jsonName(sf) == "first_name":
			if pl.primary[roleFirst] == 0 {
				pl.primary[roleFirst] = at
			}
		default:
			names = append(names, at)
		}
	}
	for _, at := range names {
		for _, ro := range []role{roleFirst, roleLast} {
			if pl.primary[ro] == 0 {
				pl.primary[ro] = at
				pl.fields[at-1].role = ro
				break
			}
		}
	}
	return pl
}

// parseField finds the contact tag in the field's struct tag under key,
// the validator's tag name (validate, binding, …), and what comes before
// it.
func parseField(st reflect.StructTag, key string) (tagged, bool) {
	value, ok := st.Lookup(key)
	if !ok {
		return tagged{}, false
	}
	var f tagged
	dive := false
	for _, item := range strings.Split(value, ",") {
		for _, alt := range strings.Split(item, "|") {
			name, _, _ := strings.Cut(alt, "=")
			switch {
			case name == "dive":
				dive = true
			case f.tag == "" && !dive && (name == "omitempty" || name == "omitnil" || name == "omitzero"):
				f.gate = name
			case isOurs(name):
				if f.tag == "" {
					f.tag, f.role = name, roleOf(name)
				}
				f.self = f.self || !dive && name != TagTag
			}
		}
	}
	return f, f.tag != ""
}

func roleOf(tag string) role {
	switch tag {
	case TagEmail:
		return roleEmail
	case TagPhone, TagSMSPhone:
		return rolePhone
	case TagName:
		return roleFirst
	case TagTags, TagTag:
		return roleTags
	case TagFlat:
		return roleCustom
	case TagEmailConsent:
		return roleEmailConsent
	}
	return roleSMSConsent
}

// field returns the struct's field of role ro; the zero Value when it has
// none.
func (pl *plan) field(s reflect.Value, ro role) reflect.Value {
	if at := pl.primary[ro]; at > 0 {
		return s.Field(pl.fields[at-1].index)
	}
	return reflect.Value{}
}

// phone returns the struct's phone number as a string ("" for none, or
// for a field that does not hold a string).
func (pl *plan) phone(s reflect.Value) string {
	if v, ok := deref(pl.field(s, rolePhone)); ok && v.Kind() == reflect.String {
		return v.String()
	}
	return ""
}

// identityFails reports whether the struct has neither an email nor a
// phone number: both absent, nil or empty.
func (pl *plan) identityFails(s reflect.Value) bool {
	for _, ro := range []role{roleEmail, rolePhone} {
		if v, ok := deref(pl.field(s, ro)); ok && !(v.Kind() == reflect.String && v.Len() == 0) {
			return false
		}
	}
	return true
}

// reporter returns the index in fields of the field that reports the
// identity rule: the first of the contact's fields, in the rule table's
// order, whose tag runs on it and which passes its own rules; -1 for none.
// Every function of the struct computes the same answer.
func (pl *plan) reporter(r *Rules, s reflect.Value) int {
	for ro := roleEmail; ro < numRoles; ro++ {
		at := pl.primary[ro]
		if at == 0 {
			continue
		}
		f := pl.fields[at-1]
		v := s.Field(f.index)
		if f.self && runs(f.gate, v) && len(r.own(f.tag, v, "")) == 0 {
			return at - 1
		}
	}
	return -1
}

// runs reports whether validator calls the tags after gate on v.
func runs(gate string, v reflect.Value) bool {
	nilable := func(v reflect.Value) bool {
		switch v.Kind() {
		case reflect.Pointer, reflect.Interface, reflect.Slice, reflect.Map, reflect.Chan, reflect.Func:
			return true
		}
		return false
	}
	switch gate {
	case "omitnil":
		return !nilable(v) || !v.IsNil()
	case "omitempty":
		if v.Kind() == reflect.Pointer && !v.IsNil() {
			e := v.Elem()
			return !nilable(e) || !e.IsNil()
		}
		return !v.IsZero()
	case "omitzero":
		return !v.IsZero()
	}
	return true
}

// tagFields are the API fields the tags check, and the rule of a value
// of another type.
var tagFields = map[string]struct {
	field    validate.Field
	typeRule validate.RuleID
}{
	TagEmail:        {validate.Email, validate.RuleEmailType},
	TagPhone:        {validate.PhoneNumber, validate.RulePhoneType},
	TagSMSPhone:     {validate.PhoneNumber, validate.RulePhoneType},
	TagName:         {validate.FirstName, validate.RuleFirstNameType},
	TagTags:         {validate.Tags, validate.RuleTagsType},
	TagTag:          {validate.Tags, validate.RuleTag},
	TagFlat:         {validate.CustomFields, validate.RuleCustomFieldsFlat},
	TagEmailConsent: {validate.EmailConsent, validate.RuleEmailConsentType},
	TagSMSConsent:   {validate.SMSConsent, validate.RuleSMSConsentType},
}

// apiField is the API field a tag checks.
func apiField(tag string) string { return tagFields[tag].field.String() }

// wrongType is the detail of a value of tag's field that no JSON of the
// field's type can be: a number where a string belongs.
func (r *Rules) wrongType(tag string) []errs.FieldError {
	field := apiField(tag)
	if tag == TagTag {
		field += "[0]"
	}
	return []errs.FieldError{r.detail(tagFields[tag].typeRule, field)}
}

// own returns the details of v under tag's own rules, named as the API
// names them ("email", "tags[0]", "custom_fields.<key>"). phone is the
// struct's phone number, for sms_consent. validate.Create decides, on a
// contact that holds v alone.
func (r *Rules) own(tag string, v reflect.Value, phone string) []errs.FieldError {
	v, ok := deref(v)
	if !ok {
		return nil // nil: absent
	}
	var c validate.Contact
	switch tag {
	case TagTags:
		list, ok := stringList(v)
		if !ok {
			return r.wrongType(tag)
		}
		if list == nil {
			return nil
		}
		c.Tags = list
	case TagFlat:
		text, ok := customText(v)
		if !ok {
			return r.wrongType(tag)
		}
		if text == nil {
			return nil
		}
		c.CustomFields = text
	default:
		if v.Kind() != reflect.String {
			return r.wrongType(tag)
		}
		s := v.String()
		if s == "" && tag != TagTag {
			return nil // absent (an empty tag is a tag)
		}
		switch tag {
		case TagEmail:
			c.Email = s
		case TagPhone, TagSMSPhone:
			c.PhoneNumber = s
		case TagName:
			c.FirstName = s
		case TagTag:
			c.Tags = []string{s}
		case TagEmailConsent:
			c.EmailConsent = consent.Email(s)
		case TagSMSConsent:
			c.SMSConsent, c.PhoneNumber = consent.SMS(s), phone
		}
	}
	ds := r.create(c, apiField(tag))
	if tag == TagSMSConsent {
		ds = slices.DeleteFunc(ds, isMobile) // the next check of the alias
	}
	if tag == TagSMSPhone && len(ds) == 0 {
		// The number is valid: is it one SMS may go to?
		c.SMSConsent = consent.SMSSubscribed
		for _, d := range r.create(c, "sms_consent") {
			ds = append(ds, errs.FieldError{Field: "phone_number", Message: d.Message, Rule: d.Rule})
		}
	}
	return ds
}

// create returns validate.Create's details of c that concern field (or
// its elements and keys).
func (r *Rules) create(c validate.Contact, field string) []errs.FieldError {
	_, _, ds := validate.Create(c, r.inner)
	var out []errs.FieldError
	for _, d := range ds {
		if member(d.Field) == field {
			out = append(out, d)
		}
	}
	return out
}

// member is the payload member a detail's field is in: "tags" for "tags[3]",
// "custom_fields" for "custom_fields.plan".
func member(field string) string {
	if i := strings.IndexAny(field, "[."); i >= 0 {
		return field[:i]
	}
	return field
}

// stringList returns the strings of a slice or array of strings; nil for
// a nil slice; ok is false for any other value.
func stringList(v reflect.Value) (_ []string, ok bool) {
	switch v.Kind() {
	case reflect.Slice:
		if v.IsNil() {
			return nil, true
		}
	case reflect.Array:
	default:
		return nil, false
	}
	list := make([]string, v.Len())
	for i := range list {
		e, ok := deref(v.Index(i))
		if !ok || e.Kind() != reflect.String {
			return nil, false
		}
		list[i] = e.String()
	}
	return list, true
}

// Contact returns the contact a tagged struct holds (s is the struct or
// a pointer to it), to check with validate.Create, which gives the
// contact to store and the effects of the create. It fails when s is not
// a struct, or when a contact field holds a value no contact can (a
// number where a string belongs, a channel in the custom fields): the
// validator refuses such a struct. A field that is nil or empty is
// absent. The tags are read under the tag name of the first validator
// registered whose tags s uses ("validate" before Register).
func (r *Rules) Contact(s any) (validate.Contact, error) {
	sv, ok := structValue(reflect.ValueOf(s))
	if !ok {
		return validate.Contact{}, errNotStruct
	}
	pl := r.contactPlan(sv.Type())
	var c validate.Contact
	strs := map[role]*string{roleEmail: &c.Email, rolePhone: &c.PhoneNumber, roleFirst: &c.FirstName, roleLast: &c.LastName,
		roleEmailConsent: (*string)(&c.EmailConsent), roleSMSConsent: (*string)(&c.SMSConsent)}
	for ro := roleEmail; ro < numRoles; ro++ {
		v, ok := deref(pl.field(sv, ro))
		if !ok {
			continue
		}
		name := sv.Type().Field(pl.fields[pl.primary[ro]-1].index).Name
		switch ro {
		case roleTags:
			if c.Tags, ok = stringList(v); !ok {
				return validate.Contact{}, fieldError(name, "is not a list of strings")
			}
		case roleCustom:
			if c.CustomFields, ok = customText(v); !ok {
				return validate.Contact{}, fieldError(name, "is not a flat map or JSON object text")
			}
		default:
			if v.Kind() != reflect.String {
				return validate.Contact{}, fieldError(name, "is not a string")
			}
			*strs[ro] = v.String()
		}
	}
	if pl.welcome > 0 {
		if b := sv.Field(pl.welcome - 1).Interface().(*bool); b != nil {
			v := *b
			c.SendWelcomeSMS = &v
		}
	}
	return c, nil
}

type contactError string

func (e contactError) Error() string { return string(e) }

const errNotStruct = contactError("vtags: Contact of a value that is not a struct")

func fieldError(name, what string) error {
	return contactError("vtags: Contact: field " + name + " " + what)
}
