package vtags

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/validate"
	"github.com/go-playground/validator/v10"
)

// A JSONBinding binds a JSON create body into a tagged struct as the API
// reads it, for frameworks that bind before they validate (gin, echo):
// it has the method set of gin's binding.BindingBody (Name, Bind and
// BindBody), so gin's ShouldBindWith and ShouldBindBodyWith take it,
// and it needs no import of gin. Make one with [Rules.JSONBinding].
//
// A framework's own JSON binding decodes the body before any rule runs,
// so what only the body's bytes show is lost or answered otherwise: a
// wrong JSON type is a decoding error, unknown and read-only members are
// dropped, a repeated member keeps its last value, invalid UTF-8 becomes
// U+FFFD, a long number in a map[string]any is rounded to a float64. A
// JSONBinding runs those rules first, as validate.CreateJSON does, then
// decodes (numbers exactly, as json.Number) and runs the struct's rules;
// [Rules.FieldErrors] on its error gives the details CreateJSON gives on
// the body (docs/tags.md).
type JSONBinding struct {
	rules *Rules
	v     *validator.Validate
}

// JSONBinding returns the binding of JSON bodies into structs whose tags
// v checks; v must have the contact tags (Register). With gin, v is
// binding.Validator.Engine().(*validator.Validate).
func (r *Rules) JSONBinding(v *validator.Validate) JSONBinding {
	return JSONBinding{rules: r, v: v}
}

// Name is the binding's name, as gin's JSON binding's: "json".
func (JSONBinding) Name() string { return "json" }

// Bind reads the request's body, at most the policy's MaxBodyBytes and
// one byte more (so that a longer body is answered, not read whole), and
// binds it as BindBody does. An error reading it is returned as it is:
// it is about no field.
func (b JSONBinding) Bind(req *http.Request, obj any) error {
	if req == nil || req.Body == nil {
		return errors.New("vtags: a request without a body")
	}
	body, err := io.ReadAll(io.LimitReader(req.Body, int64(b.rules.maxBody())+1))
	if err != nil {
		return err
	}
	return b.BindBody(body, obj)
}

// BindBody binds a JSON create body into obj, a pointer to a tagged
// struct:
//
//  1. the rules that only the body's bytes show run first, as
//     validate.CreateJSON runs them: its size, that it is one JSON object,
//     each contact member's JSON type and UTF-8, repeated, unknown and
//     read-only members, and custom fields that are not a flat object. A
//     body that breaks one of them is not decoded, and the error is a
//     *BodyError holding CreateJSON's details for the body (all of them);
//  2. the body is decoded into obj, numbers as json.Number (exactly: a
//     20-digit custom field stays 20 digits); a decoding error (a member
//     of obj's own that is not of its Go type) is returned as it is;
//  3. the struct's rules run (the validator's Struct), whose error
//     FieldErrors reads as usual.
//
// The struct's own members (JSON names of its fields that are not the
// API's, such as "country") are not unknown: the contact rules ignore
// them, but for a repeat, which is reported as any repeated member is.
// Members the policy ignores (IgnoreMembers) are not decoded either.
func (b JSONBinding) BindBody(body []byte, obj any) error {
	if b.rules == nil || b.v == nil {
		return errors.New("vtags: a JSONBinding without its rules or validator (use Rules.JSONBinding)")
	}
	if details := b.rules.bodyDetails(body, jsonNames(obj)); details != nil {
		return &BodyError{Details: details}
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(obj); err != nil {
		return err
	}
	return b.v.Struct(obj)
}

// A BodyError is the error of a body that the contact rules refuse before
// it is decoded (see [JSONBinding.BindBody]). Its Details are
// validate.CreateJSON's for the body; [Rules.FieldErrors] returns them.
type BodyError struct {
	Details []errs.FieldError
}

// Error says how many details the body has; it names no value.
func (e *BodyError) Error() string {
	return "vtags: the body breaks " + strconv.Itoa(len(e.Details)) + " of the contact rules"
}

// bodyRules are the rules (by their names on the wire) whose breach only
// a body's bytes show: a decoded struct cannot hold it.
var bodyRules = []string{"max_bytes", "json_object", "type", "utf8", "duplicate_key", "read_only", "unknown_field", "flat_object"}

// bodyDetails returns CreateJSON's details for body when it breaks one of
// the rules that only its bytes show, and nil otherwise. own are the JSON
// names of the struct's fields, which are no unknown members.
func (r *Rules) bodyDetails(body []byte, own []string) []errs.FieldError {
	p := r.p
	extra := 0 // the struct's own members, whose unknown_field details are dropped
	for _, name := range own {
		if !isField(name) && !slices.Contains(p.IgnoreMembers, name) {
			extra++
		}
	}
	// Room for the details that are dropped, so that the answer is cut
	// where CreateJSON would cut it without them.
	p.MaxDetails = r.max + extra
	_, details := validate.CheckCreateJSON(body, p)
	if !slices.ContainsFunc(details, func(d errs.FieldError) bool { return slices.Contains(bodyRules, d.Rule) && !r.ownMember(d, own) }) {
		return nil
	}
	out := make([]errs.FieldError, 0, min(len(details), r.max))
	for _, d := range details {
		switch {
		case r.ownMember(d, own):
		case d.Rule == "max_details" && d.Field == "base":
			return append(out[:min(len(out), r.max-1)], r.detail(validate.RuleMaxDetails, "base"))
		case len(out) == r.max:
			return append(out[:r.max-1], r.detail(validate.RuleMaxDetails, "base"))
		default:
			out = append(out, d)
		}
	}
	return out
}

// ownMember reports whether d says that a member of the struct's own is
// unknown: it is not, to the binding.
func (r *Rules) ownMember(d errs.FieldError, own []string) bool {
	return d.Rule == "unknown_field" && slices.Contains(own, d.Field) && !isField(d.Field)
}

// maxBody is the policy's MaxBodyBytes, resolved.
func (r *Rules) maxBody() int {
	if r.p.MaxBodyBytes > 0 {
		return r.p.MaxBodyBytes
	}
	return validate.DefaultPolicy().MaxBodyBytes
}

// isField reports whether name is a member of the API's create body.
func isField(name string) bool {
	for f := validate.Field(0); !strings.HasPrefix(f.String(), "Field("); f++ {
		if f.String() == name {
			return true
		}
	}
	return false
}

// jsonNames are the names encoding/json decodes into the struct obj
// points to: its exported fields' JSON names, those of embedded structs
// included; none when obj is not a pointer to a struct.
func jsonNames(obj any) []string {
	t := reflect.TypeOf(obj)
	if t == nil || t.Kind() != reflect.Pointer || t.Elem().Kind() != reflect.Struct {
		return nil
	}
	var names []string
	for _, f := range reflect.VisibleFields(t.Elem()) {
		if !f.IsExported() || f.Anonymous && f.Tag.Get("json") == "" {
			continue
		}
		name := jsonName(f)
		if name == "" {
			if f.Tag.Get("json") == "-" {
				continue
			}
			name = f.Name
		}
		names = append(names, name)
	}
	return names
}
