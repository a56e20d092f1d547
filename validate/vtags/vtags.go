// Package vtags adds the contact rules to a go-playground/validator, for
// form backends (gin and the like) that bind requests into structs of
// their own. A struct whose fields carry the contact tags is checked as a
// create payload: the same rules as validate.CreateJSON, cross-field rules
// included, and FieldErrors turns the validator's error into the same
// details, byte for byte, as validate.CreateJSON gives for the struct's
// JSON form.
//
// It is a package of its own so that a program that only calls validate
// does not link the validator. docs/tags.md in the repository is the
// contract of the tags.
//
// # Roles
//
// The tags tell what a field is: the field tagged contact_email is the
// contact's email, phone_e164 (or sms_phone) its phone number, contact_name
// a name (first_name, or last_name when the field's JSON name is
// last_name), contact_tags (or dive,contact_tag) its tags, flat_map its
// custom fields, email_consent and sms_consent its consents. A *bool field
// named send_welcome_sms in JSON is the welcome SMS switch. Fields of an
// embedded struct belong to that struct, not to the outer one.
//
// # Cross-field rules
//
// validator has no hook that runs for every struct: struct-level rules are
// registered per type, and a field-level function is not called at all for
// an empty field whose tag starts with omitempty. So the cross-field rules
// run in the field-level functions, which see the enclosing struct
// (FieldLevel.Parent):
//
//   - sms_consent checks its value against the struct's phone number
//     (requires a phone number from a supported country; cannot be
//     unsubscribed for a new contact);
//   - the identity rule (email or phone_number is required) is reported
//     through one field: the email field, else the phone field, else the
//     first other contact field, whose function runs and passes its own
//     rules.
//
// Every contact tag takes a zero value (an empty string, a nil pointer,
// slice or map) as absent, as the API does, so none of them needs
// omitempty. Write contact_email and phone_e164 without it: then the
// identity rule is always reported. With omitempty before both, a struct
// whose every contact field is empty (or fails its own rules) passes the
// validator without the identity detail, because no function of this
// package is called; validate.Create on Rules.Contact still refuses it.
// Likewise a tag of validator's own that fails before a contact tag stops
// that field's checks, as validator does: put the contact tag first.
//
// # With gin
//
// gin binds with a validator of its own; register the tags on it:
//
//	rules.Register(binding.Validator.Engine().(*validator.Validate))
//
// and bind JSON with [Rules.JSONBinding] rather than gin's own JSON
// binding, which decodes the body before any rule runs (wrong types,
// unknown and repeated members, invalid UTF-8 and long numbers are then
// lost or answered otherwise): c.ShouldBindWith(&form, rules.JSONBinding(v)).
package vtags

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/validate"
	"github.com/go-playground/validator/v10"
)

// The struct tags Register adds to a validator. Each applies the rules of
// the API field it names, with the same details as validate.CreateJSON.
const (
	TagEmail        = "contact_email" // an email address (the contact's email)
	TagPhone        = "phone_e164"    // a phone number in canonical E.164 (the contact's phone)
	TagSMSPhone     = "sms_phone"     // TagPhone, and from a supported SMS region whatever the consent
	TagEmailConsent = "email_consent" // a writable email consent value
	TagSMSConsent   = "sms_consent"   // a writable SMS consent value, which the phone number allows
	TagFlat         = "flat_map"      // custom fields: a map of scalars, or the text of a flat JSON object
	TagTag          = "contact_tag"   // one tag: after dive
	TagName         = "contact_name"  // a first or last name
	TagTags         = "contact_tags"  // the tags: count, and each tag
)

// tags are the tags Register adds.
var tags = [...]string{TagEmail, TagPhone, TagSMSPhone, TagEmailConsent, TagSMSConsent, TagFlat, TagTag, TagName, TagTags}

// sms_consent is registered as an alias of two checks in a row: the
// value's own rules with the SMS country rule, then the policy's
// sms_mobile rule. A validator error carries the failing field's value,
// not its struct, so FieldErrors could not tell a number that cannot
// take SMS from one that is missing; the validator's ActualTag tells
// which of the two failed.
const (
	tagSMSConsentOwn = "sms_consent_value"
	tagSMSMobile     = "sms_consent_mobile"
)

func isOurs(tag string) bool {
	for _, t := range tags {
		if t == tag {
			return true
		}
	}
	return false
}

// Rules holds the contact tags under one policy. Make it with New; it is
// safe for concurrent use once Register and Message calls are done.
type Rules struct {
	p        validate.Policy // as given: the messages
	inner    validate.Policy // p, with room for the details of one field past the cap
	max      int             // the details an answer lists at most
	messages map[string]func(validator.FieldError) string
	keys     []string // the tag names of the validators registered, in order
	plans    sync.Map // planKey → *plan
	lastTag  atomic.Pointer[tagAnswer]
}

// defaultTagName is the validator's tag name unless SetTagName changes it.
const defaultTagName = "validate"

// tagName returns the tag name v reads (SetTagName's, "binding" in gin).
// The validator keeps it to itself, so it is read from its field;
// TestTagNameIsTheValidators holds this to the validator's version.
func tagName(v *validator.Validate) string {
	f := reflect.ValueOf(v).Elem().FieldByName("tagName")
	if f.Kind() != reflect.String || f.String() == "" {
		return defaultTagName
	}
	return f.String()
}

// New returns the contact tags checking under policy p.
func New(p validate.Policy) *Rules {
	r := &Rules{p: p, inner: p, max: p.MaxDetails}
	if r.max <= 0 {
		r.max = validate.DefaultPolicy().MaxDetails
	}
	// A field's own details are found by validate.Create on a contact
	// holding that field (and, for sms_consent, the phone number): a
	// couple more details than the cap tell FieldErrors that one field
	// passes it, as CreateJSON tells, without collecting them all.
	r.inner.MaxDetails = r.max + 4
	return r
}

// detail is rule id's detail, reported as field.
func (r *Rules) detail(id validate.RuleID, field string) errs.FieldError {
	return errs.FieldError{Field: field, Message: id.Message(r.p), Rule: id.Name()}
}

// Register adds the contact tags to v, and makes v name fields by their
// JSON names (the json tag's name, else the Go name), as the API does:
// FieldErrors reports fields by those names. Each tag is called also for
// a nil pointer, which means absent. The struct tags are read under v's
// tag name (SetTagName: "binding" in gin), so call SetTagName first. One
// Rules may serve validators of several tag names.
func (r *Rules) Register(v *validator.Validate) error {
	if v == nil {
		return errors.New("vtags: Register on a nil validator")
	}
	key := tagName(v)
	if !slices.Contains(r.keys, key) {
		r.keys = append(r.keys, key)
	}
	v.RegisterTagNameFunc(jsonName)
	for _, tag := range tags {
		name := tag
		if tag == TagSMSConsent {
			name = tagSMSConsentOwn
		}
		if err := v.RegisterValidation(name, r.fieldFunc(tag, key), true); err != nil {
			return err
		}
	}
	if err := v.RegisterValidation(tagSMSMobile, r.mobile(key), true); err != nil {
		return err
	}
	v.RegisterAlias(TagSMSConsent, tagSMSConsentOwn+","+tagSMSMobile)
	return nil
}

// Message makes FieldErrors give a failed tag (one of validator's, or a
// caller's own) the message f(fe), fe being the validator's error; the
// detail's rule stays the tag and its parameter. f must not put the submitted value in the message. A nil f
// restores the default message. The contact tags keep the API's messages:
// Message refuses them. Call Message before the Rules are in use.
func (r *Rules) Message(tag string, f func(fe validator.FieldError) string) error {
	if isOurs(tag) {
		return errors.New("vtags: " + tag + " reports the API's messages")
	}
	if f == nil {
		delete(r.messages, tag)
		return nil
	}
	if r.messages == nil {
		r.messages = map[string]func(validator.FieldError) string{}
	}
	r.messages[tag] = f
	return nil
}

// fieldFunc is the validator function of tag: the field's own rules, then,
// for the field that reports it, the identity rule.
func (r *Rules) fieldFunc(tag, key string) validator.Func {
	return func(fl validator.FieldLevel) bool {
		if tag == TagTag {
			// One tag: its own rules alone, and of no struct.
			return r.tagPasses(fl.Field())
		}
		parent, ok := structValue(fl.Parent())
		var pl *plan
		var phone string
		if ok {
			pl = r.plan(parent.Type(), key)
			phone = pl.phone(parent)
		}
		if len(r.own(tag, fl.Field(), phone)) > 0 {
			return false
		}
		if pl == nil {
			return true
		}
		at, ok := pl.byName[fl.StructFieldName()]
		return !ok || !pl.identityFails(parent) || pl.reporter(r, parent) != at
	}
}

// mobile is the check of the policy's sms_mobile rule on an sms_consent
// field that passed its own rules: the struct's phone number is of a type
// that can take SMS.
func (r *Rules) mobile(key string) validator.Func {
	return func(fl validator.FieldLevel) bool {
		parent, ok := structValue(fl.Parent())
		v, set := deref(fl.Field())
		if !r.p.SMSNeedsMobile || !ok || !set || v.Kind() != reflect.String {
			return true
		}
		c := validate.Contact{PhoneNumber: r.plan(parent.Type(), key).phone(parent), SMSConsent: consent.SMS(v.String())}
		return !slices.ContainsFunc(r.create(c, "sms_consent"), isMobile)
	}
}

// isMobile reports whether d is the sms_mobile rule's detail.
func isMobile(d errs.FieldError) bool { return d.Rule == validate.RuleSMSMobile.Name() }

// A tagAnswer is whether a short tag passes its rules.
type tagAnswer struct {
	tag    string
	passes bool
}

// tagPasses reports whether v, after dive, passes contact_tag. Tags that
// fail in bulk are mostly alike (a million empty ones): the last short
// one judged is remembered, so each repeat costs a comparison rather
// than a validate.Create.
func (r *Rules) tagPasses(v reflect.Value) bool {
	if v.Kind() == reflect.String {
		s := v.String()
		if last := r.lastTag.Load(); last != nil && last.tag == s {
			return last.passes
		}
		passes := len(r.own(TagTag, v, "")) == 0
		if len(s) <= 64 {
			r.lastTag.Store(&tagAnswer{strings.Clone(s), passes})
		}
		return passes
	}
	return len(r.own(TagTag, v, "")) == 0
}

// structValue returns v, or what it points to, when that is a struct.
func structValue(v reflect.Value) (reflect.Value, bool) {
	v, ok := deref(v)
	return v, ok && v.Kind() == reflect.Struct
}

// deref follows pointers and interfaces; ok is false when one is nil (or
// when they loop: an interface that holds a pointer to itself).
func deref(v reflect.Value) (_ reflect.Value, ok bool) {
	for range 64 {
		if !v.IsValid() || v.Kind() != reflect.Pointer && v.Kind() != reflect.Interface {
			return v, v.IsValid()
		}
		if v.IsNil() {
			return v, false
		}
		v = v.Elem()
	}
	return reflect.Value{}, false
}

// jsonName is the name a struct field has in JSON.
func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if name == "-" {
		return ""
	}
	return name
}
