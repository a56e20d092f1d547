package validate

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/internal/jsonwire"
	"github.com/contactrules/contactrules/internal/op"
	"github.com/contactrules/contactrules/phone"
)

// CreateForm checks a create posted from an HTML form
// (application/x-www-form-urlencoded or multipart: http.Request.Form holds
// either), by the rules of CreateJSON and with the same details for every
// contact both can express (docs/forms.md):
//
//   - member names are the JSON ones; tags is repeated (tags=vip&tags=gold),
//     custom fields are custom_fields[<key>]=<value> (string values);
//   - the white space around a value is dropped (people type the values),
//     and an empty value means absent (a form sends every input, filled
//     or not);
//   - send_welcome_sms is a checkbox: true, on, 1 or false, off, 0;
//   - email_consent and sms_consent may be checkboxes: under the policy's
//     EmailConsentChecked and SMSConsentChecked, on, true, 1 and yes (in
//     any case) mean the policy's value;
//   - phone_number is read as people type it ("(415) 555-2671") and judged
//     in its canonical E.164 form; without a leading '+' it is read in the
//     region named by phone_region, or else in the policy's DefaultRegion;
//   - a member given more than once (other than tags) is reported as
//     repeated, and its first value is checked;
//   - read-only, unknown and repeated members are reported in name order,
//     since a form's values have no order.
//
// form is an http.Request's Form or PostForm (a url.Values); the type is
// spelled as its underlying map so that this package need not link
// net/url. It returns the contact to store, with the phone number in
// E.164, and the effects, or the details.
func CreateForm(form map[string][]string, p Policy) (out Contact, eff consent.Effects, details []errs.FieldError) {
	c := &checker{op: op.Create, pol: p}
	c.pol.resolve()
	fromForm(&c.p, form, &c.pol)
	eff, details = c.finishCreate(&out)
	return out, eff, details
}

// UpdateForm checks an update posted from an HTML form against the stored
// contact, as CreateForm checks a create. An empty input leaves its field
// as it is: a form cannot clear a field.
func UpdateForm(current Contact, form map[string][]string, p Policy) (Patch, consent.Effects, []errs.FieldError) {
	c := &checker{op: op.Update, pol: p, cur: current}
	c.pol.resolve()
	fromForm(&c.p, form, &c.pol)
	return c.finishUpdate()
}

// Form members that are not JSON members.
const (
	formRegion       = "phone_region"
	formCustomPrefix = "custom_fields["
)

// fromForm reduces form values to a payload.
func fromForm(pl *payload, form map[string][]string, p *Policy) {
	names := make([]string, 0, len(form))
	for name := range form {
		names = append(names, name)
	}
	slices.Sort(names)

	// phone_region is read before the loop (phone_number comes first in
	// name order), but as every member is: its first non-empty value.
	region := p.DefaultRegion
	if values := formValues(form[formRegion]); len(values) > 0 {
		region = strings.ToUpper(values[0])
		if !phone.IsRegion(region) {
			pl.badRegion = true
		}
	}
	var custom []string // key, value pairs in key order
	lim := p.limits()
	for i, name := range names {
		values := formValues(form[name])
		if len(values) == 0 {
			continue
		}
		v := values[0]
		if k, ok := customKey(name); ok {
			if custom == nil {
				// Room for them all (in name order they are together):
				// a form of many custom fields (a wide CSV row) is not
				// copied as it grows.
				n := 0
				for _, name := range names[i:] {
					if !strings.HasPrefix(name, formCustomPrefix) {
						break
					}
					n++
				}
				custom = make([]string, 0, 2*n)
			}
			custom = append(custom, k, v)
			if !utf8.ValidString(v) {
				pl.custom.facts = note(pl.custom.facts, p.MaxDetails, RuleCustomFieldUTF8, k)
			}
			if len(values) > 1 {
				pl.custom.facts = note(pl.custom.facts, p.MaxDetails, RuleCustomFieldDuplicate, k)
			}
			continue
		}
		f, known := lookup(name)
		if !known && name != formRegion && ignored(p.IgnoreMembers, name) {
			continue
		}
		if len(values) > 1 && name != "tags" {
			pl.extra = note(pl.extra, p.MaxDetails, RuleDuplicateKey, name)
		}
		switch {
		case name == formRegion:
		case !known && isReadOnly(name):
			pl.extra = note(pl.extra, p.MaxDetails, RuleReadOnly, name)
		case !known:
			if !p.AllowUnknownFields {
				pl.extra = note(pl.extra, p.MaxDetails, RuleUnknownField, name)
			}
		case f == Tags:
			pl.m[Tags] = slot{kind: list}
			for _, t := range values {
				if pl.addTag(t, utf8.ValidString(t), lim) {
					pl.tags = append(pl.tags, t)
				}
			}
		case f == SendWelcomeSMS:
			switch v {
			case "true", "on", "1":
				pl.m[f] = slot{kind: boolean, b: true}
			case "false", "off", "0":
				pl.m[f] = slot{kind: boolean}
			default:
				pl.m[f] = slot{kind: wrongType}
			}
		case f == CustomFields:
			pl.m[f] = slot{kind: wrongType} // a plain value is not an object
		case f == PhoneNumber:
			if pl.badRegion {
				// Not judged: the number is present (for the identity
				// rule) but the contact has no phone.
				pl.m[f] = slot{kind: unjudged, s: v}
				break
			}
			s := typedPhone(v, region)
			pl.m[f] = textSlot(s, utf8.ValidString(s))
		case f == EmailConsent && p.EmailConsentChecked != "" && checkboxWord(v):
			pl.m[f] = textSlot(string(p.EmailConsentChecked), utf8.ValidString(string(p.EmailConsentChecked)))
		case f == SMSConsent && p.SMSConsentChecked != "" && checkboxWord(v):
			pl.m[f] = textSlot(string(p.SMSConsentChecked), utf8.ValidString(string(p.SMSConsentChecked)))
		default:
			pl.m[f] = textSlot(v, utf8.ValidString(v))
		}
	}
	if custom != nil && pl.m[CustomFields].kind == absent {
		pl.m[CustomFields] = slot{kind: object}
		pl.customText = customJSON(custom)
	}
}

// checkboxWords are what a checked box posts: its value attribute's
// default (on), and the words forms and files use for yes. no, false,
// off and 0 are not among them: an unchecked box posts nothing, and in a
// file such a word cannot tell "never asked" (never_subscribed) from
// "opted out" (unsubscribed) (docs/forms.md).
var checkboxWords = [...]string{"on", "true", "1", "yes"}

// checkboxWord reports whether v is a checkbox word, in any case.
func checkboxWord(v string) bool {
	for _, w := range checkboxWords {
		if strings.EqualFold(v, w) {
			return true
		}
	}
	return false
}

// typedPhone is the E.164 form of a phone number typed into a form, for
// the phone rules to judge; input that cannot be read as a number is
// judged as it was typed, and fails as it would in JSON.
func typedPhone(v, region string) string {
	if e164, err := phone.ReadE164(v, region); err == nil {
		return e164
	}
	return v
}

// customKey returns the key of a custom_fields[<key>] member.
func customKey(name string) (string, bool) {
	if strings.HasPrefix(name, formCustomPrefix) && strings.HasSuffix(name, "]") && len(name) > len(formCustomPrefix) {
		return name[len(formCustomPrefix) : len(name)-1], true
	}
	return "", false
}

// customJSON writes the custom fields of a form as the JSON object a JSON
// body would carry.
func customJSON(kv []string) RawObject {
	n := 2
	for _, s := range kv {
		n += len(s) + 4 // quotes, and a colon or comma
	}
	b := append(make([]byte, 0, n), '{')
	for i := 0; i < len(kv); i += 2 {
		if i > 0 {
			b = append(b, ',')
		}
		b = jsonwire.AppendQuote(b, kv[i])
		b = append(b, ':')
		b = jsonwire.AppendQuote(b, kv[i+1])
	}
	return append(b, '}')
}

// formValues returns a member's values as every member reads them:
// without the white space around each (people type the values, and a
// space they did not mean to type is invisible), and without the values
// that are then empty (a form sends every input, filled or not). The
// values are returned as they are when none changes, which is usual.
func formValues(values []string) []string {
	for i, v := range values {
		if t := strings.TrimSpace(v); t == "" || len(t) != len(v) {
			return trimmed(values, i)
		}
	}
	return values
}

// trimmed is formValues from values[i] on, the first that changes.
func trimmed(values []string, i int) []string {
	out := append(make([]string, 0, len(values)), values[:i]...)
	for _, v := range values[i:] {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}
