package main

import (
	"encoding/json"

	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/validate"
)

// An outcome is what the rules said about one row.
type outcome struct {
	details []errs.FieldError // nil: valid
	effects consent.Effects
}

// update checks one line of -mode update.
func (c *checker) update(b []byte) (consent.Effects, []errs.FieldError) {
	var w updateLine
	if err := json.Unmarshal(b, &w); err != nil || len(w.Patch) == 0 {
		return consent.Effects{}, c.badWrapper
	}
	var current validate.Contact
	if len(w.Current) > 0 {
		if err := json.Unmarshal(w.Current, &current); err != nil {
			return consent.Effects{}, []errs.FieldError{
				{Field: "current", Message: "must be a contact object", Rule: "type"},
			}
		}
	}
	return updateJSON(current, w.Patch, c.cfg.policy)
}

// An updateLine is a line of -mode update: the stored contact and the
// body of the PATCH.
type updateLine struct {
	Current json.RawMessage `json:"current"`
	Patch   json.RawMessage `json:"patch"`
}
