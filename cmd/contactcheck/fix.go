package main

import (
	"bytes"
	"encoding/json"

	"github.com/contactrules/contactrules/consent"
)

// A fixWriter writes the -fix line of a valid row: the contact as a
// create payload, ready to send. The values are those the API would
// store: the phone number in canonical E.164 (a CSV file's typed numbers
// converted), the tags and custom fields as read. A consent that took its
// default is left out, as the row left it out (the API applies the same
// default); one that was sent is written as the API stores it.
type fixWriter struct {
	buf bytes.Buffer
	enc *json.Encoder
}

// append appends the -fix line of a valid create to dst.
func (f *fixWriter) append(dst []byte, res outcome) []byte {
	if f.enc == nil {
		f.enc = json.NewEncoder(&f.buf)
		f.enc.SetEscapeHTML(false)
	}
	c := res.contact
	if res.effects.DefaultsApplied&consent.DefaultedEmail != 0 {
		c.EmailConsent = ""
	}
	if res.effects.DefaultsApplied&consent.DefaultedSMS != 0 {
		c.SMSConsent = ""
	}
	f.buf.Reset()
	if err := f.enc.Encode(c); err != nil {
		// A contact the library accepted always encodes; should one
		// not, the row is left out rather than written half.
		return dst
	}
	return append(dst, f.buf.Bytes()...)
}
