package validate

import (
	"strconv"
	"strings"

	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/internal/jsonwire"
)

// ParseContact reads a stored contact as the API returns it (the body of
// GET /v1/contacts/{id}), the current contact an update is checked
// against. It is a JSON object whose members named exactly as the API
// names them (case matters) fill the Contact: email, phone_number,
// first_name, last_name, tags, custom_fields, email_consent, sms_consent
// and send_welcome_sms, each of which may be null or absent. Other
// members (id, created_at, …) are ignored, and the last of a repeated
// member counts, as JSON.parse and encoding/json read them. JSON null is
// the zero Contact.
//
// The values are not checked: they are what the API stored. Every
// surface that takes a stored contact (contactcheck -mode update, the
// browser build) reads it here, so a contact means the same everywhere.
// The error is a [*ContactError], whose message never quotes the input.
func ParseContact(b []byte) (Contact, error) {
	var c Contact
	s := jsonwire.Scanner{Buf: b}
	if !s.Skip() || !s.AtEnd() {
		return c, &ContactError{Offset: s.Pos}
	}
	s = jsonwire.Scanner{Buf: b}
	if s.Literal("null") {
		return c, nil
	}
	if s.Peek() != '{' {
		return c, &ContactError{Offset: -1, Want: "a contact object"}
	}
	for name, v := range s.Members() { // well-formed, as Skip said
		if err := c.set(name, v); err != nil {
			return Contact{}, err
		}
	}
	return c, nil
}

// set reads the stored value v of member name into c.
func (c *Contact) set(name string, v []byte) error {
	var err error
	switch name {
	case "email":
		c.Email, err = storedString(name, v)
	case "phone_number":
		c.PhoneNumber, err = storedString(name, v)
	case "first_name":
		c.FirstName, err = storedString(name, v)
	case "last_name":
		c.LastName, err = storedString(name, v)
	case "email_consent":
		var s string
		s, err = storedString(name, v)
		c.EmailConsent = consent.Email(s)
	case "sms_consent":
		var s string
		s, err = storedString(name, v)
		c.SMSConsent = consent.SMS(s)
	case "tags":
		c.Tags, err = storedTags(v)
	case "custom_fields":
		switch v[0] {
		case 'n':
			c.CustomFields = nil
		case '{':
			c.CustomFields = RawObject(strings.Clone(string(v)))
		default:
			err = &ContactError{Member: name, Offset: -1, Want: "an object"}
		}
	case "send_welcome_sms":
		switch v[0] {
		case 't', 'f':
			on := v[0] == 't'
			c.SendWelcomeSMS = &on
		case 'n':
			c.SendWelcomeSMS = nil
		default:
			err = &ContactError{Member: name, Offset: -1, Want: "a boolean"}
		}
	}
	return err
}

// storedString reads a string member; null is "".
func storedString(name string, v []byte) (string, error) {
	if v[0] == 'n' {
		return "", nil
	}
	s := jsonwire.Scanner{Buf: v}
	str, _, ok := s.Str()
	if !ok {
		return "", &ContactError{Member: name, Offset: -1, Want: "a string"}
	}
	return strings.Clone(str), nil // str may be a view of the caller's bytes
}

// storedTags reads tags: an array of strings, or null.
func storedTags(v []byte) ([]string, error) {
	if v[0] == 'n' {
		return nil, nil
	}
	tags := []string{}
	s := jsonwire.Scanner{Buf: v}
	if s.Eat('[') {
		for !s.Eat(']') {
			s.Eat(',')
			s.Peek()
			str, _, ok := s.Str()
			if !ok {
				break
			}
			tags = append(tags, strings.Clone(str))
		}
		if s.AtEnd() {
			return tags, nil
		}
	}
	return nil, &ContactError{Member: "tags", Offset: -1, Want: "an array of strings"}
}

// A ContactError says why [ParseContact] refused a stored contact. It
// names the place, never the value.
type ContactError struct {
	Offset int    // where the text stops being JSON; -1 when it is JSON
	Member string // the member whose value is of the wrong kind; "" for the whole text
	Want   string // what the member or the text must be ("a string", "a contact object")
}

// Error returns "not valid JSON (at byte offset 12)", "must be a contact
// object" or "email must be a string".
func (e *ContactError) Error() string {
	switch {
	case e.Offset >= 0:
		return "not valid JSON (at byte offset " + strconv.Itoa(e.Offset) + ")"
	case e.Member == "":
		return "must be " + e.Want
	}
	return e.Member + " must be " + e.Want
}
