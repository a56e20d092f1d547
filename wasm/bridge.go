// Command wasm is the browser build of contactrules: compiled with
// GOOS=js GOARCH=wasm (see build.sh), it hands JavaScript one object with
// validateCreate, validateUpdate and normalizePhone, and
// dist/contactrules.mjs wraps that object in an ES module.
//
// The functions return the JSON text the Go code writes, which the module
// parses, so the browser sees the bytes the contactcheck program prints for
// the same payload (minus its "line" member). This file holds everything
// but the JavaScript glue, so the host can build and test it.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"

	"github.com/contactrules/contactrules/phone"
	"github.com/contactrules/contactrules/validate"
)

// jsPolicy is the JavaScript spelling of validate.Policy. An absent member,
// and a zero or empty one, means the SPEC default, as in validate.Policy.
type jsPolicy struct {
	SMSRegions          []string `json:"smsRegions"`
	AllowUnknownFields  bool     `json:"allowUnknownFields"`
	AcceptLegacyConsent bool     `json:"acceptLegacyConsent"`
	PossiblePhoneOnly   bool     `json:"possiblePhoneOnly"`
	MaxNameLength       int      `json:"maxNameLength"`
	MaxTagLength        int      `json:"maxTagLength"`
	MaxTags             int      `json:"maxTags"`
	MaxBodyBytes        int      `json:"maxBodyBytes"`
}

// parsePolicy reads a policy written as JSON; empty text or null is the
// zero Policy. A misspelt member is an error rather than silently the
// default, since a typo there would loosen the checks unnoticed.
func parsePolicy(text []byte) (validate.Policy, error) {
	var jp jsPolicy
	if len(bytes.TrimSpace(text)) > 0 {
		d := json.NewDecoder(bytes.NewReader(text))
		d.DisallowUnknownFields()
		if err := d.Decode(&jp); err != nil {
			return validate.Policy{}, callerError("policy: " + err.Error())
		}
		if d.More() {
			return validate.Policy{}, callerError("policy: more than one JSON value")
		}
	}
	regions, err := phone.NewRegions(jp.SMSRegions...)
	if err != nil {
		return validate.Policy{}, callerError("policy: smsRegions: " + err.Error())
	}
	return validate.Policy{
		SMSRegions:          regions,
		AllowUnknownFields:  jp.AllowUnknownFields,
		AcceptLegacyConsent: jp.AcceptLegacyConsent,
		PossiblePhoneOnly:   jp.PossiblePhoneOnly,
		MaxNameLength:       jp.MaxNameLength,
		MaxTagLength:        jp.MaxTagLength,
		MaxTags:             jp.MaxTags,
		MaxBodyBytes:        jp.MaxBodyBytes,
	}, nil
}

// A callerError reports a mistake of the calling code (a bad policy, a
// stored contact that is not one), which JavaScript gets as a thrown Error:
// unlike a payload, that input is not the user's to fix. Its text never
// quotes a submitted value.
type callerError string

func (e callerError) Error() string { return "contactrules: " + string(e) }

// createResult is validateCreate: the Result JSON of a create body.
func createResult(body, policy []byte) ([]byte, error) {
	p, err := parsePolicy(policy)
	if err != nil {
		return nil, err
	}
	c, details := validate.CreateJSON(body, p)
	return validate.Result{Details: details, Effects: c.Effects}.AppendJSON(nil), nil
}

// updateResult is validateUpdate: the Result JSON of a patch body against
// the stored contact, which is read as encoding/json reads a
// validate.Contact (members it does not know, such as id, are ignored).
func updateResult(current, body, policy []byte) ([]byte, error) {
	p, err := parsePolicy(policy)
	if err != nil {
		return nil, err
	}
	var cur validate.Contact
	if err := json.Unmarshal(current, &cur); err != nil {
		return nil, currentError(err)
	}
	patch, details := validate.UpdateJSON(cur, body, p)
	return validate.Result{Details: details, Effects: patch.Effects}.AppendJSON(nil), nil
}

// currentError describes why the stored contact could not be read without
// encoding/json's syntax messages, which quote a character of the input.
func currentError(err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return callerError("current contact: not valid JSON (at byte " + strconv.FormatInt(se.Offset, 10) + ")")
	case errors.As(err, &te) && te.Field != "":
		return callerError("current contact: " + te.Field + " has the wrong JSON type")
	default:
		return callerError("current contact: not a JSON object")
	}
}

// phoneResult is the JSON form of a normalizePhone answer.
type phoneResult struct {
	OK     bool        `json:"ok"`
	E164   string      `json:"e164,omitempty"`
	Region string      `json:"region,omitempty"`
	Error  *phoneError `json:"error,omitempty"`
}

// phoneError says why input is no phone number: code "syntax" (it cannot
// be one, e.g. letters) or "invalid" (it is written like one but is not a
// valid number), and phone's message, which never quotes the input.
type phoneError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// normalizeResult is normalizePhone: phone.Normalize as JSON.
func normalizeResult(input, defaultRegion string) []byte {
	n, err := phone.Normalize(input, defaultRegion)
	r := phoneResult{OK: err == nil, E164: n.String(), Region: n.Region()}
	if err != nil {
		code := "invalid"
		if errors.Is(err, phone.ErrSyntax) {
			code = "syntax"
		}
		r.Error = &phoneError{Code: code, Message: err.Error()}
	}
	b, err := json.Marshal(r)
	if err != nil {
		panic("wasm: marshal phone result: " + err.Error()) // strings and bools cannot fail
	}
	return b
}
