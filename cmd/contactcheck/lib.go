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

// checkCreateJSON checks a create body for its answer alone.
func checkCreateJSON(body []byte, p validate.Policy) (consent.Effects, []errs.FieldError) {
	return validate.CheckCreateJSON(body, p)
}

// createForm checks a create posted as form values, with the typed phone
// number read in p.DefaultRegion unless the form names a phone_region.
func createForm(form map[string][]string, p validate.Policy) (validate.Contact, consent.Effects, []errs.FieldError) {
	return validate.CreateForm(form, p)
}

// updateJSON checks a patch body against the stored contact.
func updateJSON(cur validate.Contact, body []byte, p validate.Policy) (consent.Effects, []errs.FieldError) {
	return validate.CheckUpdateJSON(cur, body, p)
}

// appendEmailKey appends the form under which two addresses are one
// contact.
func appendEmailKey(dst []byte, email string) []byte {
	return validate.AppendEmailKey(dst, email)
}

// appendResult appends {"ok":true,"effects":{…}} or
// {"ok":false,"error":{…}}: the library's JSON form of an outcome.
func appendResult(b []byte, d []errs.FieldError, eff consent.Effects) []byte {
	return report.AppendResult(b, d, eff)
}

// detail returns the detail of the library's rule id under p.
func detail(id validate.RuleID, p validate.Policy) []errs.FieldError {
	return []errs.FieldError{{Field: id.Field(), Message: id.Message(p), Rule: id.Name()}}
}
