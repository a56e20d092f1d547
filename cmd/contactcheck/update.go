package main

import (
	"encoding/json"

	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/internal/jsonwire"
	"github.com/contactrules/contactrules/validate"
)

// An outcome is what the rules said about one row.
type outcome struct {
	details []errs.FieldError // nil: valid
	effects consent.Effects
	contact validate.Contact // a valid create's contact, as stored
}

// currentDetail is the answer for an update line whose current does not
// decode as a contact.
var currentDetail = []errs.FieldError{{Field: "current", Message: "must be a contact object", Rule: "type"}}

// update checks one line of -mode update: the patch gets exactly the
// answer of the library for its bytes.
func (c *checker) update(b []byte) (consent.Effects, []errs.FieldError) {
	cur, patch, ok := splitUpdateLine(b)
	if !ok {
		return consent.Effects{}, c.badWrapper
	}
	var current validate.Contact
	if cur != nil {
		// The stored contact as the API returns it; it is not checked.
		if err := json.Unmarshal(cur, &current); err != nil {
			return consent.Effects{}, currentDetail
		}
	}
	return updateJSON(current, patch, c.cfg.policy)
}

// splitUpdateLine reads a line of -mode update, {"current":…,"patch":…},
// and returns the text of both values (current nil when absent). ok is
// false unless the line is one well-formed JSON object whose members are
// exactly these names (case matters), each at most once, patch present.
// It reads with the project's JSON layer, which has no depth limit, so
// whatever the patch holds, the library sees it.
func splitUpdateLine(b []byte) (current, patch []byte, ok bool) {
	s := jsonwire.Scanner{Buf: b}
	if !s.Eat('{') || s.Eat('}') {
		return nil, nil, false
	}
	for {
		k, ok := s.Key()
		if !ok {
			return nil, nil, false
		}
		var dst *[]byte
		switch k {
		case "current":
			dst = &current
		case "patch":
			dst = &patch
		default:
			return nil, nil, false
		}
		s.Peek() // past white space
		start := s.Pos
		if *dst != nil || !s.Skip() {
			return nil, nil, false // repeated, or malformed
		}
		*dst = b[start:s.Pos]
		if s.Eat(',') {
			continue
		}
		if !s.Eat('}') || !s.AtEnd() || patch == nil {
			return nil, nil, false
		}
		return current, patch, true
	}
}
