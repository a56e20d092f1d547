package httperr

import (
	"bytes"
	"encoding/json"
	"errors"

	"github.com/contactrules/contactrules/errs"
)

// wireError is what clients accept: the envelope's object, or the RFC 6749
// token-endpoint string with error_description beside it. ID may be a
// string or a number, as servers differ.
type wireError struct {
	Error       json.RawMessage `json:"error"`
	Description string          `json:"error_description"`
}

type wireBody struct {
	Code    errs.Code         `json:"code"`
	Message string            `json:"message"`
	ID      contactID         `json:"id"`
	Details []errs.FieldError `json:"details"`
}

var errNotEnvelope = errors.New("httperr: not an error envelope")

// Parse reads an envelope, and also the RFC 6749 token-endpoint shape
// {"error":"invalid_client","error_description":"…"}. It is lenient
// where MarshalJSON is strict: details and id are kept whatever the code,
// and a missing message becomes the code's default. A body without a code
// is not an envelope and is an error. RetryAfter is left zero: it is not
// part of the body.
func Parse(data []byte) (*errs.Error, error) {
	var w wireError
	if err := json.Unmarshal(data, &w); err != nil {
		return nil, err
	}
	var got errs.Error
	switch raw := bytes.TrimSpace(w.Error); {
	case len(raw) > 0 && raw[0] == '"':
		if err := json.Unmarshal(raw, &got.Code); err != nil {
			return nil, err
		}
		got.Message = w.Description
	case len(raw) > 0 && raw[0] == '{':
		var b wireBody
		if err := json.Unmarshal(raw, &b); err != nil {
			return nil, err
		}
		got = errs.Error{Code: b.Code, Message: b.Message, ID: string(b.ID), Details: b.Details}
	}
	if got.Code == "" {
		return nil, errNotEnvelope
	}
	if got.Message == "" {
		got.Message = got.Code.Message()
	}
	return &got, nil
}

// contactID is an id as a server may send it: a string or a number.
type contactID string

func (id *contactID) UnmarshalJSON(data []byte) error {
	if len(data) > 0 && data[0] == '"' {
		return json.Unmarshal(data, (*string)(id))
	}
	var n json.Number
	if err := json.Unmarshal(data, &n); err != nil {
		return err
	}
	*id = contactID(n)
	return nil
}
