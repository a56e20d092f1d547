package main

import (
	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/internal/report"
	"github.com/contactrules/contactrules/validate"
)

// This file is the program's one seam with package validate: every call
// of an entry point and every result it prints go through these
// functions, so that a change of the library's signatures touches only
// them.

// createJSON checks a create body.
func createJSON(body []byte, p validate.Policy) (validate.Contact, consent.Effects, []errs.FieldError) {
	return validate.CreateJSON(body, p)
}

// updateJSON checks a patch body against the stored contact.
func updateJSON(cur validate.Contact, body []byte, p validate.Policy) (consent.Effects, []errs.FieldError) {
	_, eff, d := validate.UpdateJSON(cur, body, p)
	return eff, d
}

// appendResult appends {"ok":true,"effects":{…}} or
// {"ok":false,"error":{…}}: the library's JSON form of an outcome.
func appendResult(b []byte, d []errs.FieldError, eff consent.Effects) []byte {
	return report.AppendResult(b, d, eff)
}

// baseDetail returns the library's base detail of the rule named name
// under p (max_bytes, json_object), as the rule table gives it.
func baseDetail(name string, p validate.Policy) []errs.FieldError {
	for _, r := range validate.Rules(p) {
		if r.Field == "base" && r.Name == name {
			return []errs.FieldError{{Field: "base", Message: r.Message, Rule: r.Name}}
		}
	}
	panic("contactcheck: the library has no base rule " + name)
}
