package validate

import (
	"strings"

	"github.com/contactrules/contactrules/errs"
)

// RuleOf returns the rule a detail reports, found by its field and rule
// name (not its message, which depends on the policy), and false for a
// detail no rule of this package gives.
func RuleOf(d errs.FieldError) (RuleID, bool) {
	// A member reported by name (unknown, read-only, or a known field
	// sent twice) is in the <member> row: look there when the field's
	// own rows do not name the rule.
	for _, family := range [...]string{Family(d.Field), "<member>"} {
		for id := RuleID(1); id < numRules; id++ {
			if rules[id].name == d.Rule && rules[id].field == family {
				return id, true
			}
		}
	}
	return 0, false
}

// Family returns the field a detail's rule is listed under in the rule
// table ([Rules], [RuleID.Field]): "tags[i]" for an element of tags
// ("tags[3]"), "custom_fields.<key>" for a custom field
// ("custom_fields.plan"), and field itself otherwise. (Members reported
// by name, such as an unknown "nickname", are listed as "<member>"; they
// keep their own name here, so that a caller's own rules on a field of
// its own can be told apart.)
func Family(field string) string {
	if rest, ok := strings.CutPrefix(field, "tags["); ok {
		if n, ok := strings.CutSuffix(rest, "]"); ok && n != "" && strings.Trim(n, "0123456789") == "" {
			return "tags[i]"
		}
	}
	if strings.HasPrefix(field, "custom_fields.") {
		return "custom_fields.<key>"
	}
	return field
}

// detail returns the detail of rule id on field under a resolved policy.
func (id RuleID) detail(field string, p *Policy) errs.FieldError {
	return errs.FieldError{Field: field, Message: id.message(p), Rule: rules[id].name}
}

// maxEcho is how much of a member name a detail echoes.
const maxEcho = 64

// echo cuts a member name chosen by the client to its first 64 bytes, at
// a code point boundary, followed by "...": keys are often personal data,
// and an answer must not grow with them.
func echo(name string) string {
	if len(name) <= maxEcho {
		return name
	}
	i := maxEcho
	for i > 0 && name[i]&0xC0 == 0x80 {
		i--
	}
	return name[:i] + "..."
}
