// Package report writes the outcome of one check as the JSON object that
// the contactcheck program prints for each line and the browser build
// returns: {"ok":true,"effects":{…}} or {"ok":false,"error":{…}}, where
// error is the inner object of the API's error envelope. Both print these
// bytes, so they agree byte for byte.
package report

import (
	"strconv"

	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/errs"
)

// AppendResult appends the outcome of a check to b: the details when
// there are any, else the effects of the acceptable payload.
func AppendResult(b []byte, details []errs.FieldError, eff consent.Effects) []byte {
	if len(details) > 0 {
		b = append(b, `{"ok":false,"error":`...)
		b = errs.Error{Code: errs.ValidationFailed, Details: details}.AppendBody(b)
		return append(b, '}')
	}
	b = append(b, `{"ok":true,"effects":{"welcome_sms":`...)
	b = strconv.AppendBool(b, eff.WelcomeSMS)
	b = append(b, `,"email_unsuppressed":`...)
	b = strconv.AppendBool(b, eff.EmailUnsuppressed)
	b = append(b, `,"defaults_applied":`...)
	b = eff.DefaultsApplied.AppendJSON(b)
	return append(b, "}}"...)
}
