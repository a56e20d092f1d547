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
	"errors"
	"strconv"

	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/internal/jsonwire"
	"github.com/contactrules/contactrules/internal/report"
	"github.com/contactrules/contactrules/phone"
	"github.com/contactrules/contactrules/validate"
)

// jsPolicy is the JavaScript spelling of validate.Policy. An absent member,
// and a zero or empty one, means the SPEC default, as in validate.Policy.
// The json tags are the names members gives; the tests decode a jsPolicy
// with encoding/json to check that parsePolicy reads it the same way.
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

// members are p's members as JavaScript names them.
func (p *jsPolicy) members() []member {
	return []member{
		{name: "smsRegions", strs: &p.SMSRegions},
		{name: "allowUnknownFields", flag: &p.AllowUnknownFields},
		{name: "acceptLegacyConsent", flag: &p.AcceptLegacyConsent},
		{name: "possiblePhoneOnly", flag: &p.PossiblePhoneOnly},
		{name: "maxNameLength", num: &p.MaxNameLength},
		{name: "maxTagLength", num: &p.MaxTagLength},
		{name: "maxTags", num: &p.MaxTags},
		{name: "maxBodyBytes", num: &p.MaxBodyBytes},
	}
}

// parsePolicy reads a policy written as JSON; empty text or null is the
// zero Policy. A misspelt member is an error rather than silently the
// default, since a typo there would loosen the checks unnoticed.
//
// The reading and its messages are a json.Decoder's, with unknown fields
// disallowed, decoding one value into a jsPolicy: what JavaScript callers
// have always got.
func parsePolicy(text []byte) (validate.Policy, error) {
	var jp jsPolicy
	if len(bytes.TrimSpace(text)) > 0 {
		end, more, err := firstValue(text)
		switch {
		case err != nil && err.eof:
			return validate.Policy{}, callerError("policy: unexpected EOF")
		case err != nil:
			return validate.Policy{}, callerError("policy: " + err.msg)
		}
		r := reader{data: text[:end]}
		switch te := r.object(jp.members(), true); {
		case te == nil:
		case te.Unknown:
			return validate.Policy{}, callerError("policy: json: unknown field " + strconv.Quote(te.Field))
		case te.Field == "":
			return validate.Policy{}, callerError("policy: json: cannot unmarshal " + te.Value + " into Go value of type main.jsPolicy")
		default:
			return validate.Policy{}, callerError("policy: json: cannot unmarshal " + te.Value + " into Go struct field jsPolicy." + te.Field + " of type " + te.Type)
		}
		if more {
			return validate.Policy{}, callerError("policy: more than one JSON value")
		}
	}
	return jp.policy()
}

// policy is the validate.Policy p spells.
func (p jsPolicy) policy() (validate.Policy, error) {
	regions, err := phone.NewRegions(p.SMSRegions...)
	if err != nil {
		return validate.Policy{}, callerError("policy: smsRegions: " + err.Error())
	}
	return validate.Policy{
		SMSRegions:          regions,
		AllowUnknownFields:  p.AllowUnknownFields,
		AcceptLegacyConsent: p.AcceptLegacyConsent,
		PossiblePhoneOnly:   p.PossiblePhoneOnly,
		MaxNameLength:       p.MaxNameLength,
		MaxTagLength:        p.MaxTagLength,
		MaxTags:             p.MaxTags,
		MaxBodyBytes:        p.MaxBodyBytes,
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
	_, eff, details := validate.CreateJSON(body, p)
	return report.AppendResult(nil, details, eff), nil
}

// updateResult is validateUpdate: the Result JSON of a patch body against
// the stored contact, which is read as encoding/json reads a
// validate.Contact (members it does not know, such as id, are ignored).
func updateResult(current, body, policy []byte) ([]byte, error) {
	p, err := parsePolicy(policy)
	if err != nil {
		return nil, err
	}
	cur, err := readContact(current)
	if err != nil {
		return nil, err
	}
	_, eff, details := validate.UpdateJSON(cur, body, p)
	return report.AppendResult(nil, details, eff), nil
}

// contactMembers are c's members as encoding/json names them (the
// Contact's json tags).
func contactMembers(c *validate.Contact) []member {
	return []member{
		{name: "email", str: &c.Email},
		{name: "phone_number", str: &c.PhoneNumber},
		{name: "first_name", str: &c.FirstName},
		{name: "last_name", str: &c.LastName},
		{name: "tags", strs: &c.Tags},
		{name: "custom_fields", raw: &c.CustomFields},
		{name: "email_consent", str: (*string)(&c.EmailConsent)},
		{name: "sms_consent", str: (*string)(&c.SMSConsent)},
		{name: "send_welcome_sms", optFlag: &c.SendWelcomeSMS},
	}
}

// readContact reads the stored contact as json.Unmarshal reads a
// validate.Contact, and says why it cannot without encoding/json's
// messages, which quote a character of the input: where the JSON breaks,
// which member has the wrong type, or that it is no object.
func readContact(data []byte) (validate.Contact, error) {
	var c validate.Contact
	if err := checkText(data); err != nil {
		return c, callerError("current contact: not valid JSON (at byte " + strconv.Itoa(err.offset) + ")")
	}
	r := reader{data: data}
	switch te := r.object(contactMembers(&c), false); {
	case te == nil:
		return c, nil
	case te.Field != "":
		return validate.Contact{}, callerError("current contact: " + te.Field + " has the wrong JSON type")
	}
	return validate.Contact{}, callerError("current contact: not a JSON object")
}

// normalizeResult is normalizePhone: phone.Normalize as JSON,
// {"ok":…,"e164":…,"region":…} or {"ok":false,"error":{"code":…,"message":…}}.
// The error's code is "syntax" (the input cannot be a phone number, e.g.
// letters) or "invalid" (it is written like one but is not a valid
// number); its message is phone's, which never quotes the input.
func normalizeResult(input, defaultRegion string) []byte {
	n, err := phone.Normalize(input, defaultRegion)
	b := strconv.AppendBool([]byte(`{"ok":`), err == nil)
	if e164 := n.String(); e164 != "" {
		b = jsonwire.AppendQuote(append(b, `,"e164":`...), e164)
	}
	if region := n.Region(); region != "" {
		b = jsonwire.AppendQuote(append(b, `,"region":`...), region)
	}
	if err != nil {
		code := errs.Code("invalid")
		if errors.Is(err, phone.ErrSyntax) {
			code = "syntax"
		}
		// An envelope's inner object is {"code":…,"message":…} for any
		// code but conflict and validation_failed, and AppendBody writes
		// it in encoding/json's bytes: the message may quote the default
		// region as the caller wrote it, which JSON escapes its own way.
		b = errs.Error{Code: code, Message: err.Error()}.AppendBody(append(b, `,"error":`...))
	}
	return append(b, '}')
}
