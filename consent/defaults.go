package consent

import (
	"encoding/json"
	"errors"
)

// Defaults is a set of consent fields that took their default value on
// create. The zero value is the empty set.
type Defaults uint8

// The consent fields of a Defaults set.
const (
	DefaultedEmail Defaults = 1 << iota // email_consent
	DefaultedSMS                        // sms_consent
)

// Names returns the JSON names of the fields in d, email_consent before
// sms_consent; an empty, non-nil slice when d is empty.
func (d Defaults) Names() []string {
	names := []string{}
	for _, v := range fields {
		if d&v.defaulted != 0 {
			names = append(names, v.field)
		}
	}
	return names
}

// MarshalJSON encodes d as an array of field names, [] when empty (never
// null: clients iterate it).
func (d Defaults) MarshalJSON() ([]byte, error) {
	return json.Marshal(d.Names())
}

// UnmarshalJSON decodes an array of field names as written by
// MarshalJSON, so that Effects round-trips; null is the empty set. An
// unknown name is an error.
func (d *Defaults) UnmarshalJSON(b []byte) error {
	var names []string
	if err := json.Unmarshal(b, &names); err != nil {
		return err
	}
	var out Defaults
	for _, n := range names {
		bit := Defaults(0)
		for _, v := range fields {
			if v.field == n {
				bit = v.defaulted
			}
		}
		if bit == 0 {
			return errors.New("consent: unknown consent field in defaults_applied")
		}
		out |= bit
	}
	*d = out
	return nil
}
