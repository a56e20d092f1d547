package validate

import (
	"errors"
	"strconv"

	"github.com/contactrules/contactrules/consent"
)

// A Field names one writable member of a contact payload.
type Field uint8

// The writable members, in the order of the create table (docs/create.md).
const (
	Email Field = iota
	PhoneNumber
	FirstName
	LastName
	Tags
	CustomFields
	EmailConsent
	SMSConsent
	SendWelcomeSMS
	numFields
)

var fieldNames = [numFields]string{
	Email:          "email",
	PhoneNumber:    "phone_number",
	FirstName:      "first_name",
	LastName:       "last_name",
	Tags:           "tags",
	CustomFields:   "custom_fields",
	EmailConsent:   "email_consent",
	SMSConsent:     "sms_consent",
	SendWelcomeSMS: "send_welcome_sms",
}

// String returns the JSON name of f.
func (f Field) String() string {
	if f < numFields {
		return fieldNames[f]
	}
	return "Field(" + strconv.Itoa(int(f)) + ")"
}

// Fields is a set of Field values. The zero Fields is empty.
type Fields uint16

// Has reports whether f is in s.
func (s Fields) Has(f Field) bool { return s&(1<<f) != 0 }

// With returns s with f added.
func (s Fields) With(f Field) Fields { return s | 1<<f }

// A Contact is a contact as the API stores it, and the payload of a
// create. Its JSON form is the API's, so a Contact can also be decoded
// with encoding/json and checked with Create.
//
// An empty Email or PhoneNumber means none; an empty consent means the
// default (on create) or none.
type Contact struct {
	Email       string   `json:"email,omitempty"`
	PhoneNumber string   `json:"phone_number,omitempty"`
	FirstName   string   `json:"first_name,omitempty"`
	LastName    string   `json:"last_name,omitempty"`
	Tags        []string `json:"tags,omitempty"`

	// CustomFields is a flat JSON object, kept as its text: its values
	// are strings, numbers, booleans or null.
	CustomFields RawObject `json:"custom_fields,omitempty"`

	EmailConsent consent.Email `json:"email_consent,omitempty"`
	SMSConsent   consent.SMS   `json:"sms_consent,omitempty"`

	// SendWelcomeSMS false suppresses the welcome SMS; nil means absent.
	SendWelcomeSMS *bool `json:"send_welcome_sms,omitempty"`
}

// A RawObject is the text of a JSON value kept as it was sent: the
// custom_fields object of a Contact. encoding/json writes and reads it
// exactly as a json.RawMessage: written as it is (null when nil, checked
// and compacted by the encoder), read as a copy of the member's text (a
// JSON null included). It is its own type so that the browser build,
// which checks contacts but never runs encoding/json on them, does not
// link encoding/json.
type RawObject []byte

// MarshalJSON returns o, or null when o is nil.
func (o RawObject) MarshalJSON() ([]byte, error) {
	if o == nil {
		return []byte("null"), nil
	}
	return o, nil
}

// UnmarshalJSON sets *o to a copy of data.
func (o *RawObject) UnmarshalJSON(data []byte) error {
	if o == nil {
		return errors.New("validate.RawObject: UnmarshalJSON on nil pointer")
	}
	*o = append((*o)[0:0], data...)
	return nil
}

// A Patch is an update payload: the members it carries and their values.
// A member in Set whose value is the zero value clears the stored value
// (a JSON null, or an empty string for email and phone_number). The
// consent members and send_welcome_sms are in Set only when they carry a
// value: for them a null leaves the contact as it is.
type Patch struct {
	Set Fields
	Contact
}

// Apply returns current with p applied: what the server stores after a
// valid update. The consent values are those decided by the update.
func (p Patch) Apply(current Contact) Contact {
	c := current
	c.SendWelcomeSMS = nil
	take(p.Set, Email, &c.Email, p.Email)
	take(p.Set, PhoneNumber, &c.PhoneNumber, p.PhoneNumber)
	take(p.Set, FirstName, &c.FirstName, p.FirstName)
	take(p.Set, LastName, &c.LastName, p.LastName)
	take(p.Set, Tags, &c.Tags, p.Tags)
	take(p.Set, CustomFields, &c.CustomFields, p.CustomFields)
	take(p.Set, EmailConsent, &c.EmailConsent, p.EmailConsent)
	take(p.Set, SMSConsent, &c.SMSConsent, p.SMSConsent)
	return c
}

// take sets *dst to v when f is in set.
func take[T any](set Fields, f Field, dst *T, v T) {
	if set.Has(f) {
		*dst = v
	}
}
