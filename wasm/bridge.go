// Command wasm is the browser build of contactrules: compiled with
// GOOS=js GOARCH=wasm (see build.sh), it exports functions that take
// their arguments as bytes in the module's memory and write their answer
// there, and npm/wasm/contactrules.mjs wraps them in an ES module (the npm
// package contactrules, as its contactrules/wasm entry).
//
// The answers are the JSON text the Go code writes, which the module
// parses, so JavaScript sees the bytes the contactcheck program prints for
// the same payload (minus its "line" member). This file holds everything
// but the exports, so the host can build and test it.
package main

import (
	"errors"
	"strconv"
	"strings"

	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/internal/jsonwire"
	"github.com/contactrules/contactrules/internal/report"
	"github.com/contactrules/contactrules/phone"
	"github.com/contactrules/contactrules/validate"
)

// An errorKind says which JavaScript error a callerError becomes; the
// exports return it as their status (0 is an answer), and
// npm/wasm/contactrules.mjs maps it back.
type errorKind uint32

const (
	invalidPolicy  errorKind = 1 // ContactRulesError, code "invalid_policy"
	invalidContact errorKind = 2 // ContactRulesError, code "invalid_contact"
	outOfRange     errorKind = 3 // RangeError
	internalError  errorKind = 4 // ContactRulesError, code "internal"
)

// A callerError reports a mistake of the calling code (a bad policy, a
// stored contact that is not one, an unknown region code), which
// JavaScript gets as a thrown error: unlike a payload, that input is not
// the user's to fix. Its message never quotes the input.
type callerError struct {
	kind errorKind
	msg  string
}

func (e *callerError) Error() string { return e.msg }

// policyOptions are the members of a policy, in the order of the
// documentation.
const policyOptions = "smsRegions, allowUnknownFields, acceptLegacyConsent, smsNeedsMobile, possiblePhoneOnly, maxNameLength, maxTagLength, maxTags, maxBodyBytes, maxDetails"

// maxLimit is the largest value of a policy's numeric options.
const maxLimit = 1<<31 - 1

// parsePolicy reads a policy written as JSON (JavaScript's spelling of
// validate.Policy: smsRegions, allowUnknownFields, …). It reads with the
// project's JSON layer, not encoding/json, which the module does not link
// (its weight, and its reflection). Empty text, null
// and absent or null members are the defaults, as in validate.Policy. A
// misspelt member is an error rather than silently the default, since a
// typo there would loosen the checks unnoticed. The text is read as
// JSON.parse reads it: the last of a repeated member counts.
func parsePolicy(text []byte) (validate.Policy, error) {
	var p validate.Policy
	if len(text) == 0 {
		return p, nil
	}
	if at, ok := wellFormed(text); !ok {
		return p, &callerError{invalidPolicy, "policy is not valid JSON (at byte offset " + strconv.Itoa(at) + ")"}
	}
	var err *callerError
	fail := func(msg string) {
		if err == nil {
			err = &callerError{invalidPolicy, msg}
		}
	}
	var regions []string
	s := jsonwire.Scanner{Buf: text}
	isObject := s.Peek() == '{'
	for name, v := range s.Members() {
		switch name {
		case "smsRegions":
			var ok bool
			if regions, ok = stringArray(v, regions[:0]); !ok {
				fail("policy.smsRegions must be an array of region codes")
			}
		case "allowUnknownFields":
			p.AllowUnknownFields = boolOption(v, name, fail)
		case "acceptLegacyConsent":
			p.AcceptLegacyConsent = boolOption(v, name, fail)
		case "smsNeedsMobile":
			p.SMSNeedsMobile = boolOption(v, name, fail)
		case "possiblePhoneOnly":
			p.PossiblePhoneOnly = boolOption(v, name, fail)
		case "maxNameLength":
			p.MaxNameLength = intOption(v, name, fail)
		case "maxTagLength":
			p.MaxTagLength = intOption(v, name, fail)
		case "maxTags":
			p.MaxTags = intOption(v, name, fail)
		case "maxBodyBytes":
			p.MaxBodyBytes = intOption(v, name, fail)
		case "maxDetails":
			p.MaxDetails = intOption(v, name, fail)
		default:
			fail("policy has an option that does not exist; the options are " + policyOptions)
		}
	}
	if !isObject && !isNull(text) {
		fail("policy must be an object")
	}
	for i, code := range regions {
		if !phone.IsRegion(code) {
			fail("policy.smsRegions[" + strconv.Itoa(i) + "] is not a supported region code")
		}
	}
	if err != nil {
		return validate.Policy{}, err
	}
	p.SMSRegions, _ = phone.NewRegions(regions...)
	return p, nil
}

func boolOption(v []byte, name string, fail func(string)) bool {
	switch v[0] {
	case 't':
		return true
	case 'f', 'n':
		return false
	}
	fail("policy." + name + " must be a boolean")
	return false
}

// intOption reads a whole number as JSON.stringify writes one (digits,
// no fraction, no exponent), from 0 to maxLimit; null is 0, the default.
func intOption(v []byte, name string, fail func(string)) int {
	if v[0] == 'n' {
		return 0
	}
	digits := v
	if v[0] == '-' {
		digits = v[1:]
	}
	n := 0
	for _, c := range digits {
		if c < '0' || c > '9' {
			fail("policy." + name + " must be an integer")
			return 0
		}
		if n = n*10 + int(c-'0'); n > maxLimit {
			fail("policy." + name + " must be at most " + strconv.Itoa(maxLimit))
			return 0
		}
	}
	if len(digits) == 0 {
		fail("policy." + name + " must be an integer")
		return 0
	}
	if v[0] == '-' && n != 0 {
		fail("policy." + name + " must not be negative")
		return 0
	}
	return n
}

// policies caches parsed policies by their JSON text, so that calls
// with one policy (a page usually has one) read it once.
var policies = map[string]validate.Policy{}

// maxPolicies bounds the cache; when it is full it starts again.
const maxPolicies = 32

// cachedPolicy is parsePolicy through the cache. Refused texts are not
// kept: each call with one throws again.
func cachedPolicy(text []byte) (validate.Policy, error) {
	if len(text) == 0 {
		return validate.Policy{}, nil
	}
	if p, ok := policies[string(text)]; ok {
		return p, nil
	}
	p, err := parsePolicy(text)
	if err != nil {
		return p, err
	}
	if len(policies) == maxPolicies {
		clear(policies)
	}
	policies[string(text)] = p
	return p, nil
}

// A verdict is an answer in one number, from which JavaScript builds the
// parsed object of an acceptable answer without reading its text: 0 for
// a refused payload (whose details only the text holds), else
// verdictOK with a bit per effect.
type verdict uint32

const (
	verdictOK verdict = 1 << iota
	verdictWelcomeSMS
	verdictEmailUnsuppressed
	verdictDefaultedEmail
	verdictDefaultedSMS
)

// verdictOf returns the verdict of the answer report.AppendResult writes.
func verdictOf(details []errs.FieldError, eff consent.Effects) verdict {
	if len(details) > 0 {
		return 0
	}
	s := verdictOK
	if eff.WelcomeSMS {
		s |= verdictWelcomeSMS
	}
	if eff.EmailUnsuppressed {
		s |= verdictEmailUnsuppressed
	}
	if eff.DefaultsApplied&consent.DefaultedEmail != 0 {
		s |= verdictDefaultedEmail
	}
	if eff.DefaultsApplied&consent.DefaultedSMS != 0 {
		s |= verdictDefaultedSMS
	}
	return s
}

// createResult is validateCreate: under the policy written as JSON, it
// appends the answer to a create body to dst, and returns its verdict.
// With all false only a refused answer's text is written: JavaScript
// builds an acceptable one from the verdict.
func createResult(dst, body, policy []byte, all bool) ([]byte, verdict, error) {
	p, err := cachedPolicy(policy)
	if err != nil {
		return dst, 0, err
	}
	eff, details := validate.CheckCreateJSON(body, p)
	return appendAnswer(dst, details, eff, all), verdictOf(details, eff), nil
}

// updateResult is validateUpdate: createResult for a patch body against
// the stored contact, written as JSON.
func updateResult(dst, current, body, policy []byte, all bool) ([]byte, verdict, error) {
	p, err := cachedPolicy(policy)
	if err != nil {
		return dst, 0, err
	}
	cur, err := readContact(current)
	if err != nil {
		return dst, 0, err
	}
	eff, details := validate.CheckUpdateJSON(cur, body, p)
	return appendAnswer(dst, details, eff, all), verdictOf(details, eff), nil
}

// appendAnswer appends the answer's text, unless all is false and the
// answer is acceptable.
func appendAnswer(dst []byte, details []errs.FieldError, eff consent.Effects, all bool) []byte {
	if !all && len(details) == 0 {
		return dst
	}
	return report.AppendResult(dst, details, eff)
}

// readContact reads the stored contact as validate.ParseContact reads it
// on every surface; its error becomes the caller's, named "current".
func readContact(data []byte) (validate.Contact, error) {
	c, err := validate.ParseContact(data)
	if err != nil {
		e := err.(*validate.ContactError)
		msg := "current"
		if e.Member != "" {
			msg += "." + e.Member
		}
		if e.Offset >= 0 {
			msg += " is not valid JSON (at byte offset " + strconv.Itoa(e.Offset) + ")"
		} else {
			msg += " must be " + e.Want
		}
		return c, &callerError{invalidContact, msg}
	}
	return c, nil
}

// wellFormed reports whether text is one JSON value with white space
// around it, and otherwise the offset where it goes wrong.
func wellFormed(text []byte) (offset int, ok bool) {
	s := jsonwire.Scanner{Buf: text}
	if !s.Skip() || !s.AtEnd() {
		return s.Pos, false
	}
	return 0, true
}

// The readers below take well-formed text (wellFormed said so).

// isNull reports whether the text is the literal null.
func isNull(text []byte) bool {
	s := jsonwire.Scanner{Buf: text}
	return s.Peek() == 'n'
}

// stringArray appends to dst the strings of the JSON array v (nothing for
// null); ok is false when v is another value or holds one.
func stringArray(v []byte, dst []string) ([]string, bool) {
	s := jsonwire.Scanner{Buf: v}
	if s.Eat('n') {
		return dst, true
	}
	if !s.Eat('[') {
		return dst, false
	}
	for !s.Eat(']') {
		s.Eat(',')
		s.Peek()
		str, _, ok := s.Str()
		if !ok {
			return dst, false
		}
		dst = append(dst, str)
	}
	return dst, true
}

// normalizeResult is normalizePhone: it appends phone.Normalize's answer
// as JSON to dst, {"ok":true,"e164":…,"region":…} or
// {"ok":false,"error":{"code":…,"message":…}}. The error's code is
// "syntax" (the input cannot be a phone number, e.g. letters) or
// "invalid" (it is written like one but is not a valid number); its
// message is phone's without the package's prefix, and never quotes the
// input. An unknown default region is the caller's mistake: a RangeError.
func normalizeResult(dst []byte, input, defaultRegion string) ([]byte, error) {
	if defaultRegion != "" && !phone.IsRegion(defaultRegion) {
		return dst, &callerError{outOfRange, `defaultRegion must be a supported region code, such as "US"`}
	}
	n, err := phone.Normalize(input, defaultRegion)
	b := strconv.AppendBool(append(dst, `{"ok":`...), err == nil)
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
		msg := strings.TrimPrefix(err.Error(), "phone: ")
		b = errs.Error{Code: code, Message: msg}.AppendBody(append(b, `,"error":`...))
	}
	return append(b, '}'), nil
}
