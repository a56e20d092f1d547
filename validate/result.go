package validate

import (
	"strconv"

	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/errs"
)

// A Result is the outcome of one check in the JSON form that the
// contactcheck program prints for each line and the browser build
// returns: {"ok":true,"effects":{…}} or {"ok":false,"error":{…}}, where
// error is the inner object of the API's error envelope.
type Result struct {
	Details []errs.FieldError // nil when the payload is acceptable
	Effects consent.Effects   // of an acceptable payload
}

// OK reports whether the payload was acceptable.
func (r Result) OK() bool { return len(r.Details) == 0 }

// MarshalJSON returns r.AppendJSON(nil).
func (r Result) MarshalJSON() ([]byte, error) {
	return r.AppendJSON(nil), nil
}

// AppendJSON appends the JSON form of r to b. Every program that prints a
// Result prints these bytes, so all of them agree byte for byte.
func (r Result) AppendJSON(b []byte) []byte {
	if !r.OK() {
		b = append(b, `{"ok":false,"error":`...)
		b = errs.Error{Code: errs.ValidationFailed, Details: r.Details}.AppendBody(b)
		return append(b, '}')
	}
	b = append(b, `{"ok":true,"effects":{"welcome_sms":`...)
	b = strconv.AppendBool(b, r.Effects.WelcomeSMS)
	b = append(b, `,"email_unsuppressed":`...)
	b = strconv.AppendBool(b, r.Effects.EmailUnsuppressed)
	b = append(b, `,"defaults_applied":[`...)
	for i, name := range r.Effects.DefaultsApplied.Names() {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendQuote(b, name)
	}
	return append(b, "]}}"...)
}
