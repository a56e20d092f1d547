package fuzz

import (
	"strconv"
	"strings"

	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/validate"
)

// The details the contract (docs/) allows, written from the contract and not from package
// validate's table: the generators expect these messages, and every
// detail any check returns must be one of these rows.

// The messages of docs/create.md, docs/update.md and docs/policy.md.
const (
	msgRequiredOneOf = "email or phone_number is required"
	msgRequiredAny   = "at least one field is required"
	msgJSONObject    = "must be a JSON object"
	msgEmail         = "must be a valid email address"
	msgPhone         = "must be a valid phone number in E.164 format"
	msgString        = "must be a string"
	msgBoolean       = "must be a boolean"
	msgTagsShape     = "must be an array of strings"
	msgFlat          = "must be a flat key-value object (no nested values)"
	msgEmailEnum     = "must be one of: subscribed, unsubscribed, never_subscribed, suppressed"
	msgSMSEnum       = "must be one of: subscribed, unsubscribed, never_subscribed, single_opt_in"
	msgSMSCountry    = "requires a phone number from a supported country"
	msgNoUnsubscribe = "cannot be unsubscribed for a new contact"
	msgImmutable     = "cannot be changed once set"
	msgCompliance    = "cannot be changed while the contact is compliance-suppressed"
	msgReadOnly      = "is read-only"
	msgUnknown       = "is not a recognized field"
	msgDuplicate     = "must not appear more than once"

	// Where the contract is silent: a string that is not UTF-8 (validate's
	// README decision).
	msgUTF8 = "must be valid UTF-8"
)

// limits are a policy's limits with the contract defaults for zero fields.
type limits struct{ name, tag, tags, bytes int }

func limitsOf(p validate.Policy) limits {
	l := limits{name: 255, tag: 255, tags: 100, bytes: 1 << 20}
	for _, v := range []struct{ set, to *int }{
		{&p.MaxNameLength, &l.name}, {&p.MaxTagLength, &l.tag}, {&p.MaxTags, &l.tags}, {&p.MaxBodyBytes, &l.bytes},
	} {
		if *v.set > 0 {
			*v.to = *v.set
		}
	}
	return l
}

func msgNameLength(p validate.Policy) string {
	return "must be at most " + strconv.Itoa(limitsOf(p).name) + " characters"
}

func msgTooManyTags(p validate.Policy) string {
	return "must have at most " + strconv.Itoa(limitsOf(p).tags) + " items"
}

func msgTag(p validate.Policy) string {
	return "must be a non-empty string of at most " + strconv.Itoa(limitsOf(p).tag) + " characters"
}

func msgBodySize(p validate.Policy) string {
	return "must be at most " + strconv.Itoa(limitsOf(p).bytes) + " bytes"
}

// Families of detail fields that are not one fixed name.
const (
	famTag    = "tags[i]"
	famCustom = "custom_fields.<key>"
	famMember = "<member>" // a top-level key of the body, by name
)

// A specRow is one field, rule and message that may appear together.
type specRow struct{ field, rule, message string }

// specRows returns the rows for policy p, in the order the contract (docs/) lists
// them: that is the order of details, family by family.
func specRows(p validate.Policy) []specRow {
	rows := []specRow{
		{"base", "max_bytes", msgBodySize(p)},
		{"base", "json_object", msgJSONObject},
		{"base", "required_any", msgRequiredAny},
		{"base", "required_one_of", msgRequiredOneOf},
	}
	add := func(field string, pairs ...string) {
		for i := 0; i < len(pairs); i += 2 {
			rows = append(rows, specRow{field, pairs[i], pairs[i+1]})
		}
	}
	text := []string{"type", msgString, "utf8", msgUTF8}
	add("email", append(text, "immutable", msgImmutable, "email", msgEmail)...)
	add("phone_number", append(text, "immutable", msgImmutable, "e164", msgPhone)...)
	add("first_name", append(text, "max_length", msgNameLength(p))...)
	add("last_name", append(text, "max_length", msgNameLength(p))...)
	add("tags", "type", msgTagsShape, "max_items", msgTooManyTags(p))
	add(famTag, "utf8", msgUTF8, "tag", msgTag(p))
	add("custom_fields", "flat_object", msgFlat)
	add(famCustom, "duplicate_key", msgDuplicate, "utf8", msgUTF8)
	add("email_consent", append(text, "compliance_suppressed", msgCompliance, "enum", msgEmailEnum)...)
	add("sms_consent", append(text, "enum", msgSMSEnum, "sms_supported_country", msgSMSCountry,
		"sms_no_unsubscribe_on_create", msgNoUnsubscribe)...)
	add("send_welcome_sms", "type", msgBoolean)
	add(famMember, "read_only", msgReadOnly, "unknown_field", msgUnknown, "duplicate_key", msgDuplicate)
	return rows
}

// families are the detail families in the contract's order.
var families = func() []string {
	var out []string
	for _, r := range specRows(validate.Policy{}) {
		if len(out) == 0 || out[len(out)-1] != r.field {
			out = append(out, r.field)
		}
	}
	return out
}()

// writable are the JSON names of the writable fields.
var writable = func() map[string]bool {
	m := map[string]bool{}
	for f := validate.Email; f <= validate.SendWelcomeSMS; f++ {
		m[f.String()] = true
	}
	return m
}()

var readOnlyNames = map[string]bool{"id": true, "created_at": true, "updated_at": true}

// tagIndex returns i for a field "tags[i]" written as strconv.Itoa does.
func tagIndex(field string) (int, bool) {
	s, ok := strings.CutPrefix(field, "tags[")
	if !ok {
		return 0, false
	}
	s, ok = strings.CutSuffix(s, "]")
	if !ok {
		return 0, false
	}
	i, err := strconv.Atoi(s)
	if err != nil || i < 0 || strconv.Itoa(i) != s {
		return 0, false
	}
	return i, true
}

// candidates returns the families field may belong to, by rank in the contract. A
// name can be ambiguous: a top-level key "custom_fields.a" and the custom
// field "a" give the same field.
func candidates(d errs.FieldError, isKey func(string) bool) []int {
	var out []int
	for rank, fam := range families {
		switch fam {
		case famTag:
			if _, ok := tagIndex(d.Field); ok {
				out = append(out, rank)
			}
		case famCustom:
			if k, ok := strings.CutPrefix(d.Field, "custom_fields."); ok && isKey(k) {
				out = append(out, rank)
			}
		case famMember:
			if isKey(d.Field) {
				out = append(out, rank)
			}
		default:
			if d.Field == fam {
				out = append(out, rank)
			}
		}
	}
	return out
}

// judge returns "" when d is a detail the contract allows for a body whose
// keys isKey knows, under policy p, and what is wrong otherwise.
func judge(d errs.FieldError, p validate.Policy, isKey func(string) bool) string {
	rows := specRows(p)
	for _, rank := range candidates(d, isKey) {
		fam := families[rank]
		for _, r := range rows {
			if r.field != fam || r.rule != d.Rule || r.message != d.Message {
				continue
			}
			if fam == famMember && !memberRuleFits(d, p) {
				continue
			}
			return ""
		}
	}
	return "detail " + strconv.Quote(d.Field) + " / " + strconv.Quote(d.Rule) + " / " + strconv.Quote(d.Message) + " is not one the contract allows here"
}

// memberRuleFits says which keys may earn which member rule.
func memberRuleFits(d errs.FieldError, p validate.Policy) bool {
	switch d.Rule {
	case "read_only":
		return readOnlyNames[d.Field]
	case "unknown_field":
		return !readOnlyNames[d.Field] && !writable[d.Field] && !p.AllowUnknownFields
	}
	return true // duplicate_key: any key
}

// inSpecOrder returns "" when ds are in the contract's order: family by family, and
// tags[i] by increasing i. Members and custom keys come in input order,
// which only the generators know; they check it by exact comparison.
func inSpecOrder(ds []errs.FieldError, isKey func(string) bool) string {
	rank, lastTag := 0, -1
	for i, d := range ds {
		next := -1
		for _, c := range candidates(d, isKey) {
			if c >= rank {
				next = c
				break
			}
		}
		if next < 0 {
			return "detail " + strconv.Itoa(i) + " (" + d.Field + ") comes after a later family"
		}
		if next != rank {
			lastTag = -1
		}
		rank = next
		if families[rank] == famTag {
			n, _ := tagIndex(d.Field)
			if n <= lastTag {
				return "tags[i] details are not in increasing i at " + d.Field
			}
			lastTag = n
		}
	}
	return ""
}

// onePerFieldAndRule returns "" when no two details share field and rule
// (docs/create.md: "One detail per field and rule"), a key written
// three times included (TestRepeatedKeyReportedOnce).
func onePerFieldAndRule(ds []errs.FieldError) string {
	seen := map[[2]string]bool{}
	for _, d := range ds {
		k := [2]string{d.Field, d.Rule}
		if seen[k] {
			return "two details for " + strconv.Quote(d.Field) + " / " + d.Rule
		}
		seen[k] = true
	}
	return ""
}

// inCatalogue reports whether v is part of a fixed message or field name
// of the table: such a value in a detail is not told apart from the
// table's own words, so the leak checks let it be.
func inCatalogue(v string, p validate.Policy) bool {
	for _, r := range specRows(p) {
		if strings.Contains(r.message, v) || strings.Contains(r.field, v) {
			return true
		}
	}
	return false
}
