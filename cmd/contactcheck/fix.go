package main

import (
	"bytes"
	"encoding/json"
	"strconv"

	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/internal/jsonwire"
)

// appendFix appends the -fix line of a valid create: the contact as a
// create payload, ready to send, members in the order of the create
// table. The values are those the API would store: the phone number in
// canonical E.164 (a CSV file's typed numbers converted), the tags and
// custom fields as read (CSV custom fields in name order, as the form
// path orders them). A consent that took its default is left out, as the
// row left it out (the API applies the same default); one that was sent
// is written as the API stores it (a legacy value as the value it stands
// for).
func appendFix(b []byte, res result) []byte {
	c := res.contact
	b = append(b, '{')
	start := len(b)
	key := func(name string) {
		if len(b) > start {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, name...)
		b = append(b, `":`...)
	}
	str := func(name, v string) {
		if v != "" {
			key(name)
			b = jsonwire.AppendQuote(b, v)
		}
	}
	str("email", c.Email)
	str("phone_number", c.PhoneNumber)
	str("first_name", c.FirstName)
	str("last_name", c.LastName)
	if len(c.Tags) > 0 {
		key("tags")
		for i, t := range c.Tags {
			if i == 0 {
				b = append(b, '[')
			} else {
				b = append(b, ',')
			}
			b = jsonwire.AppendQuote(b, t)
		}
		b = append(b, ']')
	}
	if c.CustomFields != nil {
		key("custom_fields")
		buf := bytes.NewBuffer(b)
		json.Compact(buf, c.CustomFields) // cannot fail: the rules read the object
		b = buf.Bytes()
	}
	if res.effects.DefaultsApplied&consent.DefaultedEmail == 0 {
		str("email_consent", string(c.EmailConsent))
	}
	if res.effects.DefaultsApplied&consent.DefaultedSMS == 0 {
		str("sms_consent", string(c.SMSConsent))
	}
	if c.SendWelcomeSMS != nil {
		key("send_welcome_sms")
		b = strconv.AppendBool(b, *c.SendWelcomeSMS)
	}
	return append(b, "}\n"...)
}
