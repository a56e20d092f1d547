package vtags

import (
	"cmp"
	"errors"
	"reflect"
	"slices"
	"strings"

	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/validate"
	"github.com/go-playground/validator/v10"
)

// FieldErrors turns the error of a validator that Register prepared
// (Validate.Struct's) into the API's details, named by the JSON paths of
// the fields ("email", "tags[2]", "contact.phone_number"), in the rule
// table's order: the order validate.CreateJSON gives them. The contact
// tags give exactly the details validate.CreateJSON gives for the
// struct's JSON form; the identity detail is field "base" (or
// "<path>.base" for a contact nested in another struct). Past the
// policy's MaxDetails the list is cut as CreateJSON cuts it: the first
// MaxDetails-1, then base, max_details.
//
// Other tags give a detail whose rule is the tag and its parameter
// ("max=3") and whose message says what failed ("must be at most 3
// characters"), or the message registered with Message; they come after
// the contact's details, in the validator's order, except on a field
// named as an API field, which they join.
//
// On the error of a JSONBinding that refused the body before decoding it
// (a *BodyError), FieldErrors returns that body's details, which are
// validate.CreateJSON's.
//
// FieldErrors returns nil when err is nil, and also when it is not a
// validation error (validator.InvalidValidationError for an argument that
// is not a struct, or a framework's binding error wrapped around no
// validator.ValidationErrors): such an error is not about a field of the
// payload, so it has no detail. The caller answers it itself, typically
// with 400 for a body that did not bind and 500 for a programming error:
// check err before using an empty answer as "valid".
func (r *Rules) FieldErrors(err error) []errs.FieldError {
	if be := (*BodyError)(nil); errors.As(err, &be) {
		return be.Details // a JSONBinding's answer on the body
	}
	var ves validator.ValidationErrors
	if !errors.As(err, &ves) || len(ves) == 0 {
		return nil
	}
	// Only the first max+1 details in order matter (the last of them
	// says the list is cut), and the order is by struct, then by rule: a
	// sorted list keeps them, and an error whose details would all come
	// after the last one kept is passed over without its details being
	// found, so that past the cap a million failing tags cost validator's
	// own work and little more.
	var kept details
	kept.max = r.max + 1
	groups := map[string]int{}
	group := func(parent string) int {
		g, ok := groups[parent]
		if !ok {
			g = len(groups)
			groups[parent] = g
		}
		return g
	}
	memo := map[string][]ranked{}
	for _, fe := range ves {
		path, parent := cutPath(fieldPath(fe))
		g := group(parent)
		tag := fe.ActualTag()
		switch tag {
		case tagSMSConsentOwn:
			tag = TagSMSConsent
		case tagSMSMobile:
			d := r.detail(validate.RuleSMSMobile, "sms_consent")
			if path != "" {
				d.Field = path
			}
			kept.add(g, rankOf("sms_consent", d.Rule), d)
			continue
		}
		if !isOurs(tag) {
			rank := rankOf(fe.Field(), "")
			if kept.after(g, rank) {
				continue
			}
			field := path
			if field == "" {
				field, _ = cutPath(fe.Field())
			}
			kept.add(g, rank, errs.FieldError{Field: field, Message: r.message(fe), Rule: ruleOf(fe)})
			continue
		}
		// A contact tag's details are of its field, or the identity
		// detail (never a single tag's).
		low := int(validate.RuleRequiredOneOf)
		if tag == TagTag {
			low = tagRank
		}
		if kept.after(g, low) {
			continue
		}
		if s, ok := fe.Value().(string); ok && tag == TagTag {
			// Failing tags in bulk are mostly alike (empty): each value
			// is judged once, and its details ranked once.
			own, seen := memo[s]
			if !seen {
				for _, d := range r.own(tag, reflect.ValueOf(s), "") {
					own = append(own, ranked{rank: rankOf(d.Field, d.Rule), d: d})
				}
				if len(memo) < 256 {
					memo[s] = own
				}
			}
			for _, x := range own {
				if !kept.after(g, x.rank) {
					x.d.Field = path
					kept.add(g, x.rank, x.d)
				}
			}
			continue
		}
		own := r.own(tag, reflect.ValueOf(fe.Value()), "")
		if len(own) == 0 {
			// The field passes its own rules: it reported the identity
			// rule for its struct.
			d := r.detail(validate.RuleRequiredOneOf, "base")
			if parent != "" {
				d.Field = parent + "." + d.Field
			}
			kept.add(g, int(validate.RuleRequiredOneOf), d)
			continue
		}
		for _, d := range own {
			rank := rankOf(d.Field, d.Rule)
			if tag == TagName && fe.Field() == "last_name" {
				rank = rankOf("last_name", d.Rule)
			}
			if path != "" {
				if tag == TagTag {
					d.Field = path
				} else {
					d.Field = path + strings.TrimPrefix(d.Field, apiField(tag))
				}
			}
			kept.add(g, rank, d)
		}
	}
	out := make([]errs.FieldError, len(kept.list))
	for i, x := range kept.list {
		out[i] = x.d
	}
	if len(out) > r.max {
		// As validate caps an answer: the first max-1, then a detail
		// that says the list is cut.
		out = append(out[:r.max-1], r.detail(validate.RuleMaxDetails, "base"))
	}
	return out
}

// tagRank is the least rank of a detail of one tag.
var tagRank = rankOf(apiField(TagTag)+"[0]", "")

// details keeps the first max details in the order of FieldErrors: by
// group (the structs, in the order validator meets them), then by rank
// (the rule table's), then as they came; one per field and rule.
type details struct {
	list []ranked
	max  int
}

type ranked struct {
	group, rank int
	d           errs.FieldError
}

// after reports whether a detail of group g and rank at least rank
// would come after all those kept when the list is full: it would not
// be kept.
func (ds *details) after(g, rank int) bool {
	if len(ds.list) < ds.max {
		return false
	}
	last := ds.list[len(ds.list)-1]
	return g > last.group || g == last.group && rank >= last.rank
}

// add keeps d, of group g and rank, when it is among the first max.
func (ds *details) add(g, rank int, d errs.FieldError) {
	// A detail of the same field and rule kept already came first (the
	// same field is of the same group, the same rule of the same rank).
	i, _ := slices.BinarySearchFunc(ds.list, ranked{group: g, rank: rank}, func(x, t ranked) int {
		if x.group != t.group {
			return cmp.Compare(x.group, t.group)
		}
		if x.rank <= t.rank {
			return -1 // equal ranks keep their order: d goes after
		}
		return 1
	})
	if i == ds.max {
		return
	}
	for _, x := range ds.list {
		if x.d.Field == d.Field && x.d.Rule == d.Rule {
			return
		}
	}
	ds.list = slices.Insert(ds.list, i, ranked{g, rank, d})
	if len(ds.list) > ds.max {
		ds.list = ds.list[:ds.max]
	}
}

// fieldPath is the field's JSON path below the struct validated:
// "tags[2]", "contact.email".
func fieldPath(fe validator.FieldError) string {
	_, rest, _ := strings.Cut(fe.Namespace(), ".")
	return rest
}

// rankOf is the place in the rule table of a detail of field (an API
// field, "tags[3]", "custom_fields.plan") and rule: its RuleID, or the
// first rule of its field for a rule the table does not list. Fields that
// are no API field come after all of them.
func rankOf(field, rule string) int {
	if id, ok := validate.RuleOf(errs.FieldError{Field: field, Rule: rule}); ok {
		return int(id)
	}
	family := validate.Family(field)
	for id := validate.RuleID(1); id.Field() != ""; id++ {
		if id.Field() == family {
			return int(id)
		}
	}
	return 1 << 16
}

// ruleOf is the rule of a detail of a tag that is not ours: the tag, and
// its parameter.
func ruleOf(fe validator.FieldError) string {
	if p := fe.Param(); p != "" {
		return fe.Tag() + "=" + p
	}
	return fe.Tag()
}

// message is the message of a detail of a tag that is not ours.
func (r *Rules) message(fe validator.FieldError) string {
	for _, tag := range []string{fe.Tag(), fe.ActualTag()} {
		if f, ok := r.messages[tag]; ok {
			return f(fe)
		}
	}
	return defaultMessage(fe)
}

// defaultMessage says what a validator tag asks for. It uses the tag's
// parameter (the struct's author wrote it), never the value.
func defaultMessage(fe validator.FieldError) string {
	p := fe.Param()
	switch tag := fe.ActualTag(); tag {
	case "required", "required_if", "required_unless", "required_with", "required_with_all", "required_without", "required_without_all":
		return "is required"
	case "excluded_if", "excluded_unless", "excluded_with", "excluded_with_all", "excluded_without", "excluded_without_all":
		return "must not be set"
	case "email":
		return "must be a valid email address"
	case "url", "http_url", "https_url", "uri", "url_encoded":
		return "must be a valid URL"
	case "e164":
		return "must be a valid phone number in E.164 format"
	case "uuid", "uuid3", "uuid4", "uuid5", "uuid_rfc4122", "uuid3_rfc4122", "uuid4_rfc4122", "uuid5_rfc4122":
		return "must be a valid UUID"
	case "boolean":
		return "must be a boolean"
	case "number", "numeric":
		return "must be a number"
	case "alpha":
		return "must contain only letters"
	case "alphanum":
		return "must contain only letters and digits"
	case "ascii", "printascii":
		return "must contain only ASCII characters"
	case "lowercase":
		return "must be in lower case"
	case "uppercase":
		return "must be in upper case"
	case "iso3166_1_alpha2":
		return "must be a two-letter country code"
	case "datetime":
		if p != "" {
			return "must be a date and time in the layout " + p
		}
	case "oneof":
		if words := strings.Fields(strings.ReplaceAll(p, "'", "")); len(words) > 0 {
			return "must be one of: " + strings.Join(words, ", ")
		}
	case "eqfield", "eqcsfield":
		return "must be equal to " + p
	case "nefield", "necsfield":
		return "must not be equal to " + p
	}
	if p != "" {
		if m := sizeMessage(fe.ActualTag(), p, fe.Kind()); m != "" {
			return m
		}
	}
	return "is invalid"
}

// sizeMessage is the message of a limit tag (max, min, len, lt, lte, gt,
// gte, eq, ne) on a value of kind k: characters for strings, items for
// collections, the value for numbers.
func sizeMessage(tag, p string, k reflect.Kind) string {
	var words [3]string // strings, collections, numbers
	switch tag {
	case "max", "lte":
		words = [3]string{"must be at most %s", "must have at most %s", "must be at most %s"}
	case "min", "gte":
		words = [3]string{"must be at least %s", "must have at least %s", "must be at least %s"}
	case "lt":
		words = [3]string{"must be shorter than %s", "must have fewer than %s", "must be less than %s"}
	case "gt":
		words = [3]string{"must be longer than %s", "must have more than %s", "must be greater than %s"}
	case "len":
		words = [3]string{"must be exactly %s", "must have exactly %s", "must be %s"}
	case "eq":
		words = [3]string{"must be equal to %s", "must have exactly %s", "must be equal to %s"}
	case "ne":
		words = [3]string{"must not be equal to %s", "must not have %s", "must not be equal to %s"}
	default:
		return ""
	}
	unit := func(one, many string) string {
		if p == "1" {
			return " " + one
		}
		return " " + many
	}
	switch k {
	case reflect.String:
		if tag == "eq" || tag == "ne" {
			return strings.Replace(words[0], "%s", p, 1)
		}
		return strings.Replace(words[0], "%s", p, 1) + unit("character", "characters")
	case reflect.Slice, reflect.Array, reflect.Map:
		return strings.Replace(words[1], "%s", p, 1) + unit("item", "items")
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64:
		return strings.Replace(words[2], "%s", p, 1)
	}
	return ""
}
