//go:build !js

package validate

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"

	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/errs"
	"github.com/go-playground/validator/v10"
)

// The struct tags RegisterTags adds to a validator, for form backends
// that decode into structs of their own. They apply the same rules, with
// the same messages, as CreateJSON. Use omitempty before them for
// optional fields.
const (
	TagEmail        = "contact_email" // an address as SPEC 2.1 defines it
	TagPhone        = "phone_e164"    // canonical E.164, valid (or possible, by policy)
	TagSMSPhone     = "sms_phone"     // TagPhone, and in the policy's SMS regions
	TagEmailConsent = "email_consent" // a writable email consent value
	TagSMSConsent   = "sms_consent"   // a writable SMS consent value
	TagFlat         = "flat_map"      // a map whose values are strings, numbers, booleans or nil
	TagTag          = "contact_tag"   // a non-empty string of at most MaxTagLength code points
	TagName         = "contact_name"  // at most MaxNameLength code points
	TagTags         = "contact_tags"  // a slice of at most MaxTags items
)

// tagRule is one tag: how it checks a value and what it reports.
type tagRule struct {
	tag   string
	rule  string
	check func(p Policy, v reflect.Value) bool
	msg   func(Policy) string
}

func tagRules() []tagRule {
	str := func(f func(p Policy, s string) bool) func(Policy, reflect.Value) bool {
		return func(p Policy, v reflect.Value) bool { return v.Kind() == reflect.String && f(p, v.String()) }
	}
	return []tagRule{
		{TagEmail, "email", str(func(_ Policy, s string) bool { return validEmail(s) }), fixed("must be a valid email address")},
		{TagPhone, "e164", str(func(p Policy, s string) bool { _, err := p.parsePhone(s); return err == nil }),
			fixed("must be a valid phone number in E.164 format")},
		{TagSMSPhone, "sms_supported_country", str(func(p Policy, s string) bool {
			n, err := p.parsePhone(s)
			return err == nil && p.SMSRegions.Supports(n)
		}), fixed("requires a phone number from a supported country")},
		{TagEmailConsent, "enum", str(func(p Policy, s string) bool { _, err := consent.ParseEmail(s, p.consent()); return err == nil }),
			func(p Policy) string { _, err := consent.ParseEmail("", p.consent()); return fieldMessage(err) }},
		{TagSMSConsent, "enum", str(func(p Policy, s string) bool { _, err := consent.ParseSMS(s, p.consent()); return err == nil }),
			func(p Policy) string { _, err := consent.ParseSMS("", p.consent()); return fieldMessage(err) }},
		{TagFlat, "flat_object", flatMap, fixed(msgFlat)},
		{TagTag, "tag", str(func(p Policy, s string) bool { return s != "" && runes(s) <= p.MaxTagLength }), Policy.tagMessage},
		{TagName, "max_length", str(func(p Policy, s string) bool { return runes(s) <= p.MaxNameLength }), Policy.nameMessage},
		{TagTags, "max_items", func(p Policy, v reflect.Value) bool { return v.Kind() == reflect.Slice && v.Len() <= p.MaxTags }, Policy.tagsMessage},
	}
}

func runes(s string) int { return len([]rune(s)) }

func fieldMessage(err error) string {
	var fe errs.FieldError
	if errors.As(err, &fe) {
		return fe.Message
	}
	return ""
}

// flatMap reports whether v is a map whose values are JSON scalars.
func flatMap(_ Policy, v reflect.Value) bool {
	if v.Kind() != reflect.Map {
		return false
	}
	for it := v.MapRange(); it.Next(); {
		e := it.Value()
		for e.Kind() == reflect.Interface && !e.IsNil() {
			e = e.Elem()
		}
		switch e.Kind() {
		case reflect.Interface, reflect.String, reflect.Bool,
			reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
			reflect.Float32, reflect.Float64:
		default:
			return false
		}
		if e.Type() == reflect.TypeFor[json.RawMessage]() {
			return false
		}
	}
	return true
}

// RegisterTags adds the tags above to v, checking under policy p, and
// makes v name fields by their JSON names, as the API does.
func RegisterTags(v *validator.Validate, p Policy) error {
	p = p.resolved()
	v.RegisterTagNameFunc(jsonName)
	for _, t := range tagRules() {
		check := t.check
		if err := v.RegisterValidation(t.tag, func(fl validator.FieldLevel) bool { return check(p, fl.Field()) }); err != nil {
			return err
		}
	}
	return nil
}

// jsonName is the name a struct field has in JSON.
func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	switch name {
	case "-":
		return ""
	case "":
		return f.Name
	}
	return name
}

// FieldErrors translates the error of v.Struct into details with the
// API's field names and messages. Tags of this package get their SPEC
// message; validator's required gets "is required", and any other tag
// "is invalid", with the tag as the rule. An error that is not a
// validator.ValidationErrors gives a single base detail.
func FieldErrors(err error, p Policy) []errs.FieldError {
	if err == nil {
		return nil
	}
	var ves validator.ValidationErrors
	if !errors.As(err, &ves) {
		return []errs.FieldError{{Field: "base", Message: msgJSONObject, Rule: "json_object"}}
	}
	p = p.resolved()
	rules := tagRules()
	out := make([]errs.FieldError, 0, len(ves))
	for _, fe := range ves {
		d := errs.FieldError{Field: fieldPath(fe), Message: "is invalid", Rule: fe.Tag()}
		if fe.Tag() == "required" {
			d.Message = "is required"
		}
		for _, t := range rules {
			if t.tag == fe.Tag() {
				d.Message, d.Rule = t.msg(p), t.rule
			}
		}
		out = append(out, d)
	}
	return out
}

// fieldPath is the field's JSON path below the top-level struct:
// "tags[2]", "address.city".
func fieldPath(fe validator.FieldError) string {
	ns := fe.Namespace()
	if _, rest, ok := strings.Cut(ns, "."); ok {
		return rest
	}
	return ns
}
