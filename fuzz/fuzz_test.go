package fuzz

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/errs/httperr"
	"github.com/contactrules/contactrules/internal/report"
	"github.com/contactrules/contactrules/phone"
	"github.com/contactrules/contactrules/validate"
	"github.com/nyaruka/phonenumbers"
)

// The native fuzz targets. Each checks what holds for any input, not
// only that there is no panic; their seeds are the SPEC's examples and
// samples of the property generators.

// fuzzPolicy turns a byte of fuzz input into a policy, so that the fuzzer
// explores the options too: short limits let short inputs reach them.
func fuzzPolicy(b byte) (validate.Policy, []string) {
	p := validate.Policy{
		AllowUnknownFields:  b&1 != 0,
		AcceptLegacyConsent: b&2 != 0,
		PossiblePhoneOnly:   b&4 != 0,
	}
	if b&8 != 0 {
		p.MaxNameLength, p.MaxTagLength, p.MaxTags = 3, 3, 2
	}
	if b&16 != 0 {
		p.MaxBodyBytes = 64
	}
	sms := []string{"CA", "US"}
	if b&32 != 0 {
		sms = []string{"GB", "JM"}
		p.SMSRegions, _ = phone.NewRegions(sms...)
	}
	return p, sms
}

// policyBits is the fuzzPolicy byte nearest to p, for seeds.
func policyBits(p validate.Policy) byte {
	var b byte
	for i, on := range []bool{p.AllowUnknownFields, p.AcceptLegacyConsent, p.PossiblePhoneOnly} {
		if on {
			b |= 1 << i
		}
	}
	return b
}

// A lexed body is what a lexical pass over JSON text finds: every string
// literal, decoded, as a key (followed by a colon) or a value. It does not
// check that the text is JSON; it finds a superset of the keys a reader
// can report.
type lexed struct {
	keys, values []string
	keySet       map[string]bool
	plainKeys    bool // every key is UTF-8 without surrogate escapes
}

func lex(body []byte) lexed {
	l := lexed{keySet: map[string]bool{}, plainKeys: true}
	for i := 0; i < len(body); i++ {
		if body[i] != '"' {
			continue
		}
		j := i + 1
		for j < len(body) && body[j] != '"' {
			if body[j] == '\\' {
				j++
			}
			j++
		}
		if j >= len(body) {
			break
		}
		lit := body[i : j+1]
		var s string
		decoded := json.Unmarshal(lit, &s) == nil
		k := j + 1
		for k < len(body) && strings.IndexByte(" \t\r\n", body[k]) >= 0 {
			k++
		}
		if k < len(body) && body[k] == ':' {
			if decoded {
				l.keys = append(l.keys, s)
				l.keySet[s] = true
			}
			if !decoded || !utf8.Valid(lit) || bytes.Contains(bytes.ToLower(lit), []byte(`\ud`)) {
				l.plainKeys = false
			}
		} else if decoded {
			l.values = append(l.values, s)
		}
		i = j
	}
	return l
}

func (l lexed) isKey(k string) bool { return l.keySet[k] }

// jsonOnly reports whether ds has a detail only a JSON body can earn.
func jsonOnly(ds []errs.FieldError) bool {
	return slices.ContainsFunc(ds, func(d errs.FieldError) bool {
		switch d.Rule {
		case "type", "duplicate_key", "unknown_field", "read_only", "json_object", "max_bytes":
			return true
		}
		return false
	})
}

// agreesWithEncodingJSON returns "" when the details agree with
// encoding/json's view of the body: a body it rejects (and could read,
// depth aside) is refused as not a JSON object, and an object it reads,
// with keys that are text, is not.
func agreesWithEncodingJSON(body []byte, ds []errs.FieldError, p validate.Policy, l lexed) string {
	if len(body) > limitsOf(p).bytes {
		return sameDetails(ds, []errs.FieldError{{Field: "base", Message: msgBodySize(p), Rule: "max_bytes"}})
	}
	valid := json.Valid(body)
	if !valid && bytes.Count(body, []byte("["))+bytes.Count(body, []byte("{")) < 9000 {
		return sameDetails(ds, []errs.FieldError{{Field: "base", Message: msgJSONObject, Rule: "json_object"}})
	}
	if trimmed := bytes.TrimLeft(body, " \t\r\n"); valid && len(trimmed) > 0 && trimmed[0] == '{' && l.plainKeys &&
		slices.ContainsFunc(ds, func(d errs.FieldError) bool { return d.Rule == "json_object" }) {
		return "encoding/json reads an object the rules call malformed"
	}
	return ""
}

// members decodes the top-level members of body for a struct twin, when
// encoding/json would read the body as the rules do: UTF-8 text without
// surrogate escapes, and only writable field names.
func members(body []byte) (map[string]json.RawMessage, bool) {
	if !utf8.Valid(body) || bytes.Contains(bytes.ToLower(body), []byte(`\ud`)) {
		return nil, false
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(body, &m) != nil {
		return nil, false
	}
	for k := range m {
		if !writable[k] {
			return nil, false
		}
	}
	return m, true
}

func decodeContact(body []byte) (validate.Contact, bool) {
	var c validate.Contact
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	return c, dec.Decode(&c) == nil
}

// Independent of validate: SPEC.md section 2.1 as regular expressions.
var (
	atom     = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
	localRE  = regexp.MustCompile(`^` + atom + `(\.` + atom + `)*$`)
	labelRE  = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$`)
	topRE    = regexp.MustCompile(`^([A-Za-z]+|[Xx][Nn]--[A-Za-z0-9-]*[A-Za-z0-9])$`)
	e164Expr = regexp.MustCompile(`^\+[1-9][0-9]{0,14}$`)
)

func specEmail(s string) bool {
	local, domain, ok := strings.Cut(s, "@")
	if !ok || len(s) > 254 || len(local) > 64 || !localRE.MatchString(local) {
		return false
	}
	labels := strings.Split(domain, ".")
	for _, l := range labels {
		if !labelRE.MatchString(l) {
			return false
		}
	}
	return len(labels) >= 2 && topRE.MatchString(labels[len(labels)-1])
}

// phoneOK reports whether s passes the policy's phone check, by
// libphonenumber.
func phoneOK(s string, p validate.Policy) bool {
	if p.PossiblePhoneOnly {
		return oraclePossible(s)
	}
	return oracleValid(s)
}

// storedValues returns "" when c's writable values are within the SPEC's
// formats and the policy's limits: what an accepted payload may store.
func storedValues(c validate.Contact, set func(validate.Field) bool, p validate.Policy) string {
	l := limitsOf(p)
	switch {
	case set(fEmail) && c.Email != "" && !specEmail(c.Email):
		return "accepted email " + quoteGo(c.Email)
	case set(fPhone) && c.PhoneNumber != "" && !phoneOK(c.PhoneNumber, p):
		return "accepted phone_number " + quoteGo(c.PhoneNumber)
	}
	for _, name := range []string{c.FirstName, c.LastName} {
		if !utf8.ValidString(name) || utf8.RuneCountInString(name) > l.name {
			return "accepted name " + quoteGo(name)
		}
	}
	if set(fTags) && len(c.Tags) > l.tags {
		return "accepted too many tags"
	}
	for _, tag := range c.Tags {
		if !utf8.ValidString(tag) || tag == "" || utf8.RuneCountInString(tag) > l.tag {
			return "accepted tag " + quoteGo(tag)
		}
	}
	if set(fCustom) && len(c.CustomFields) > 0 {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(c.CustomFields, &m); err != nil && !bytes.Equal(c.CustomFields, []byte("null")) {
			return "accepted custom_fields that encoding/json cannot read: " + err.Error()
		}
		for _, v := range m {
			if v[0] == '{' || v[0] == '[' {
				return "accepted nested custom_fields"
			}
		}
	}
	return ""
}

// smsAllowed returns "" when an SMS opt-in has a number from the policy's
// regions.
func smsAllowed(s consent.SMS, number string, p validate.Policy, sms []string) string {
	if s != consent.SMSSubscribed && s != consent.SMSSingleOptIn {
		return ""
	}
	parse := phone.Parse
	if p.PossiblePhoneOnly {
		parse = phone.ParsePossible
	}
	if n, err := parse(number); err != nil || !slices.Contains(sms, n.Region()) {
		return "SMS " + string(s) + " accepted without a supported number"
	}
	return ""
}

func checkCreate(t *testing.T, body []byte, bits byte) {
	p, sms := fuzzPolicy(bits)
	c, eff, ds := validate.CreateJSON(body, p)
	l := lex(body)
	fail := func(msg string) {
		t.Helper()
		if msg != "" {
			t.Fatalf("%s\nbody: %q\npolicy: %+v\ndetails: %q", msg, body, p, details(ds))
		}
	}
	fail(checkDetails(ds, eff, p, l.isKey, l.values, l.keys))
	if c2, _, ds2 := validate.CreateJSON(bytes.Clone(body), p); !slices.Equal(details(ds), details(ds2)) || sameContact(c, c2) != "" {
		fail("a second call answers otherwise")
	}
	if len(ds) > len(body)/2+4 {
		fail("more details than the body has room for")
	}
	fail(agreesWithEncodingJSON(body, ds, p, l))
	// A Contact's empty consent means absent; in JSON it is a value.
	if m, ok := members(body); ok && !jsonOnly(ds) && string(m["email_consent"]) != `""` && string(m["sms_consent"]) != `""` {
		if twin, ok := decodeContact(body); ok {
			_, _, twinDS := validate.Create(twin, p)
			fail(sameDetails(twinDS, ds))
		}
	}
	if ds != nil {
		return
	}
	all := func(validate.Field) bool { return true }
	fail(storedValues(c, all, p))
	fail(smsAllowed(c.SMSConsent, c.PhoneNumber, p, sms))
	switch {
	case c.Email == "" && c.PhoneNumber == "":
		fail("accepted without email or phone_number")
	case !slices.Contains([]consent.Email{"subscribed", "unsubscribed", "never_subscribed", "suppressed"}, c.EmailConsent):
		fail("accepted email consent " + string(c.EmailConsent))
	case !slices.Contains([]consent.SMS{"subscribed", "never_subscribed", "single_opt_in"}, c.SMSConsent):
		fail("accepted SMS consent " + string(c.SMSConsent) + " on create")
	case eff.WelcomeSMS != (c.SMSConsent == consent.SMSSubscribed && (c.SendWelcomeSMS == nil || *c.SendWelcomeSMS)):
		fail("welcome_sms does not follow the SMS consent and send_welcome_sms")
	case eff.EmailUnsuppressed:
		fail("a create unsuppressed")
	case eff.DefaultsApplied&consent.DefaultedEmail != 0 && c.EmailConsent != consent.EmailNeverSubscribed,
		eff.DefaultsApplied&consent.DefaultedSMS != 0 && c.SMSConsent != consent.SMSNeverSubscribed:
		fail("a defaulted consent is not never_subscribed")
	}
}

// stored returns a stored contact from fuzz input.
func stored(email, number string, consents byte) validate.Contact {
	return validate.Contact{Email: email, PhoneNumber: number,
		EmailConsent: storedEmail[int(consents)%len(storedEmail)], SMSConsent: storedSMS[int(consents/8)%len(storedSMS)]}
}

func consentByte(c validate.Contact) byte {
	return byte(slices.Index(storedEmail, c.EmailConsent) + 8*slices.Index(storedSMS, c.SMSConsent))
}

func checkUpdate(t *testing.T, body []byte, cur validate.Contact, bits byte) {
	p, sms := fuzzPolicy(bits)
	patch, eff, ds := validate.UpdateJSON(cur, body, p)
	l := lex(body)
	fail := func(msg string) {
		t.Helper()
		if msg != "" {
			t.Fatalf("%s\nbody: %q\ncurrent: %#v\npolicy: %+v\ndetails: %q", msg, body, cur, p, details(ds))
		}
	}
	fail(checkDetails(ds, eff, p, l.isKey, l.values, l.keys))
	if p2, _, ds2 := validate.UpdateJSON(cur, bytes.Clone(body), p); !slices.Equal(details(ds), details(ds2)) || p2.Set != patch.Set || sameContact(patch.Contact, p2.Contact) != "" {
		fail("a second call answers otherwise")
	}
	if len(ds) > len(body)/2+4 {
		fail("more details than the body has room for")
	}
	fail(agreesWithEncodingJSON(body, ds, p, l))
	if m, ok := members(body); ok && !jsonOnly(ds) {
		if twin, ok := decodeContact(body); ok {
			tp := validate.Patch{Contact: twin}
			for name, raw := range m {
				f := fieldNamed(name)
				if string(raw) != "null" || f <= fCustom {
					tp.Set = tp.Set.With(f)
				}
			}
			_, _, twinDS := validate.Update(cur, tp, p)
			fail(sameDetails(twinDS, ds))
		}
	}
	if ds != nil {
		return
	}
	after := patch.Apply(cur)
	curSMS := cur.SMSConsent
	if curSMS == "" {
		curSMS = consent.SMSNeverSubscribed
	}
	fail(storedValues(patch.Contact, patch.Set.Has, p))
	if patch.Set.Has(fSMSC) {
		fail(smsAllowed(after.SMSConsent, after.PhoneNumber, p, sms))
	}
	switch {
	case patch.Set == 0:
		fail("accepted a patch that writes nothing")
	case cur.Email != "" && after.Email != cur.Email:
		fail("the stored email changed")
	case cur.PhoneNumber != "" && after.PhoneNumber != cur.PhoneNumber:
		fail("the stored phone number changed")
	case after.EmailConsent != cur.EmailConsent && (cur.EmailConsent == consent.EmailComplianceSuppressed || !after.EmailConsent.Writable()):
		fail("email consent " + string(cur.EmailConsent) + " became " + string(after.EmailConsent))
	case after.SMSConsent != cur.SMSConsent && !after.SMSConsent.Writable():
		fail("SMS consent became " + string(after.SMSConsent))
	case eff.WelcomeSMS != (patch.Set.Has(fSMSC) && after.SMSConsent == consent.SMSSubscribed && curSMS != consent.SMSSubscribed &&
		(patch.SendWelcomeSMS == nil || *patch.SendWelcomeSMS)):
		fail("welcome_sms does not follow the SMS consent and send_welcome_sms")
	case eff.EmailUnsuppressed != (patch.Set.Has(fEmailC) && cur.EmailConsent == consent.EmailSuppressed):
		fail("email_unsuppressed does not follow the write")
	case eff.DefaultsApplied != 0:
		fail("an update applied defaults")
	}
}

func fieldNamed(name string) validate.Field {
	for f := range validate.Field(numFields) {
		if f.String() == name {
			return f
		}
	}
	panic("no field " + name)
}

// seedSamples are property samples for seeds: valid, and with defects.
func seedSamples(gen func(*rand.Rand) *draft) []*sample {
	r := rand.New(rand.NewSource(1))
	var out []*sample
	for i := range 48 {
		out = append(out, withDefects(r, gen(r), i%3, anyDefect).render(r))
	}
	return out
}

// specBodies are the SPEC's own examples and the classic hostile shapes.
var specBodies = []string{
	`{"email":"jane@example.com","phone_number":"+12015550123","first_name":"Jane","last_name":"Doe","tags":["vip","2024"],"custom_fields":{"plan":"pro","seats":3},"sms_consent":"subscribed"}`,
	`{"first_name":"Jane"}`, `{"email":"","phone_number":null}`, `{"phone_number":"+4402071838750"}`,
	`{"email":"Jane <j@x.com>"}`, `{"email":"a@b.co","phone":"+12015550123"}`, `{"email":"a@b.co","email":"b@b.co"}`,
	`{"email":"a@b.co","x":1,"x":2,"x":3}`, `{"email":"a@b.co","custom_fields":{"a":{"b":1}}}`,
	`{"email":"a@b.co","tags":["",1]}`, `{"id":1,"email":"a@b.co"}`, `{"email":`, `["email"]`, ``,
	`{"phone_number":"+12015550123","sms_consent":"unsubscribed","send_welcome_sms":"false"}`,
	`{"email":"a@b.co","email_consent":"compliance_suppressed","sms_consent":"pending"}`,
	"{\"e\xffmail\":1}", `{"\u0065mail":"a@b.co","first_name":"\ud800"}`, `{"x":[[[[[[[[[[]]]]]]]]]]}`,
}

func FuzzCreateJSON(f *testing.F) {
	for _, b := range specBodies {
		f.Add([]byte(b), byte(0))
	}
	for _, s := range seedSamples(genCreate) {
		f.Add(s.body, policyBits(s.policy))
	}
	f.Fuzz(checkCreate)
}

func FuzzUpdateJSON(f *testing.F) {
	for _, b := range specBodies {
		f.Add([]byte(b), "jane@example.com", "", byte(2), byte(0))
		f.Add([]byte(b), "", "+12015550123", byte(5+8*5), byte(0))
	}
	for _, s := range seedSamples(genUpdate) {
		f.Add(s.body, s.d.current.Email, s.d.current.PhoneNumber, consentByte(s.d.current), policyBits(s.policy))
	}
	f.Fuzz(func(t *testing.T, body []byte, email, number string, consents, bits byte) {
		checkUpdate(t, body, stored(email, number, consents), bits)
	})
}

// noLeak returns "" when err's text does not hold input. Only inputs
// with three digits or more are looked for: the errors' fixed texts hold
// words and the numbers 0, 15, 64 and 0-9, which a shorter input could
// match by chance.
func noLeak(err error, input string) string {
	if err != nil && len(input) >= 4 && len(strings.Map(keepDigits, input)) >= 3 && strings.Contains(err.Error(), input) {
		return "the error holds the input: " + err.Error()
	}
	return ""
}

// oneSentinel returns "" when err wraps exactly one of the phone
// package's sentinels.
func oneSentinel(err error) string {
	if errors.Is(err, phone.ErrSyntax) == errors.Is(err, phone.ErrInvalid) {
		return "error wraps not exactly one of ErrSyntax and ErrInvalid: " + err.Error()
	}
	return ""
}

func FuzzPhoneParse(f *testing.F) {
	for _, s := range []string{"+12015550123", "+4402071838750", "+15551234567", "+13101234", "+800 1234 5678", "+", "", "+0123",
		"+1201555012345678", "+１２０１５５５０１２３", "12015550123", "+80012345678", "+882345678901"} {
		f.Add(s)
	}
	r := rand.New(rand.NewSource(1))
	for range 32 {
		f.Add(nearby(r).e164)
		f.Add(badPhone(r, false))
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := phone.Parse(s)
		fail := func(msg string) {
			if msg != "" {
				t.Fatalf("Parse(%q) = %v, %v: %s", s, n, err, msg)
			}
		}
		syntax := e164Expr.MatchString(s)
		switch {
		case syntax == errors.Is(err, phone.ErrSyntax):
			fail("the syntax verdict differs from the E.164 pattern")
		case syntax && oracleValid(s) != (err == nil):
			fail("libphonenumber disagrees")
		}
		if err != nil {
			fail(oneSentinel(err) + noLeak(err, s))
			if n != (phone.Number{}) {
				fail("a refusal with a number")
			}
			return
		}
		p, _ := oracleParse(s)
		if n.String() != s || n.Region() != regionOf(p) || n.CountryCode() != int(p.GetCountryCode()) || !n.IsValid() {
			fail("the number is not what libphonenumber says")
		}
		if back, err := phone.Parse(n.String()); err != nil || back != n {
			fail("Parse(n.String()) != n")
		}
		if pp, err := phone.ParsePossible(s); err != nil || pp != n {
			fail("ParsePossible refuses a valid number")
		}
		if m, err := phone.Normalize(s, ""); err != nil || m != n {
			fail("Normalize does not take E.164 as it is")
		}
	})
}

func FuzzPhoneNormalize(f *testing.F) {
	for _, in := range [][2]string{{"(201) 555-0123", "US"}, {"+44 (0)20 7183 8750", ""}, {"0044 20 7183 8750", "GB"},
		{"011 44 20 7183 8750", "US"}, {"020 7183 8750", "GB"}, {"1-800-FLOWERS", "US"}, {"+1 201 555 0123 x12", ""},
		{"2015550123", ""}, {"2015550123", "ZZ"}, {"2015550123", "001"}, {"+", "US"}, {"", "US"}, {"+1+2015550123", ""}} {
		f.Add(in[0], in[1])
	}
	r := rand.New(rand.NewSource(1))
	for range 48 {
		in, region, _ := formatted(r, nearby(r))
		f.Add(in, region)
	}
	f.Fuzz(func(t *testing.T, input, region string) {
		n, err := phone.Normalize(input, region)
		fail := func(msg string) {
			if msg != "" {
				t.Fatalf("Normalize(%q, %q) = %v, %v: %s", input, region, n, err, msg)
			}
		}
		// An unknown region is ErrInvalid whatever the input, and its
		// error names the region (configuration, not personal data).
		_, bad := phone.NewRegions(region)
		regionOK := region == "" || bad == nil
		if err != nil {
			fail(oneSentinel(err))
			if regionOK {
				fail(noLeak(err, input))
			}
			if n != (phone.Number{}) {
				fail("a refusal with a number")
			}
			if len(input) > 64 && regionOK && !errors.Is(err, phone.ErrSyntax) {
				fail("over-long input is not a syntax error")
			}
			return
		}
		if len(input) > 64 || strings.Trim(input, "0123456789+ \t()-./") != "" {
			fail("accepted input with other characters, or too long")
		}
		if back, err := phone.Parse(n.String()); err != nil || back != n {
			fail("Parse(n.String()) != n")
		}
		if again, err := phone.Normalize(n.String(), region); err != nil || again != n {
			fail("Normalize of the result is not the result")
		}
		cleaned := strings.Map(func(c rune) rune {
			if c == '+' || '0' <= c && c <= '9' {
				return c
			}
			return -1
		}, input)
		if m, err := phonenumbers.Parse(cleaned, region); err != nil || phonenumbers.Format(m, phonenumbers.E164) != n.String() {
			fail("libphonenumber reads the digits as another number")
		}
	})
}

// fromStatusMessage is the message FromResponse gives a bare status.
func fromStatusMessage(status int) (errs.Code, string) {
	if c, ok := map[int]errs.Code{401: errs.Unauthorized, 403: errs.InsufficientScope, 404: errs.NotFound, 409: errs.Conflict,
		422: errs.ValidationFailed, 429: errs.RateLimited, 500: errs.Internal}[status]; ok {
		return c, c.Message()
	}
	msg := fmt.Sprintf("%s: HTTP %d", errs.UnexpectedStatus.Message(), status)
	if text := http.StatusText(status); text != "" {
		msg += " " + text
	}
	return errs.UnexpectedStatus, msg
}

func FuzzFromResponse(f *testing.F) {
	seeds := []string{`<html>502 Bad Gateway</html>`, ``, `{}`, `{"error":"invalid_client","error_description":"bad"}`,
		`{"error":{"code":"conflict","message":"m","id":12}}`, `{"error":{"code":"x"}}`, `{"error":{"code":""}}`,
		`{"error":{"code":"\ud800"}}`, `{"error":null}`, `{"error":{"code":"validation_failed","details":[{"field":1}]}}`}
	for _, c := range codes {
		rec := httptest.NewRecorder()
		httperr.Write(rec, errs.New(c))
		seeds = append(seeds, rec.Body.String())
	}
	for _, s := range seeds {
		f.Add(429, []byte(s), "120", "")
		f.Add(502, []byte(s), "", "Wed, 21 Oct 2015 07:28:00 GMT")
		f.Add(422, []byte(s), "Wed, 21 Oct 2015 07:29:00 GMT", "Wed, 21 Oct 2015 07:28:00 GMT")
	}
	f.Fuzz(func(t *testing.T, status int, body []byte, retryAfter, date string) {
		h := http.Header{}
		h.Set("Retry-After", retryAfter)
		h.Set("Date", date)
		e, err := httperr.FromResponse(&http.Response{StatusCode: status, Header: h, Body: io.NopCloser(bytes.NewReader(body))})
		fail := func(msg string) {
			t.Helper()
			t.Fatalf("status %d body %q retry-after %q date %q: %+v, %v: %s", status, body, retryAfter, date, e, err, msg)
		}
		switch {
		case err != nil:
			fail("an error reading a body in memory")
		case 200 <= status && status <= 299:
			if e != nil {
				fail("a 2xx response is an error")
			}
			return
		case e == nil || e.Code == "" || e.Message == "":
			fail("no code or no message")
		case e.RetryAfter < 0 || e.RetryAfter > httperr.MaxRetryAfter || status != 429 && e.RetryAfter != 0:
			fail("Retry-After out of bounds")
		}
		sent, perr := httperr.Parse(body)
		if perr != nil {
			if code, msg := fromStatusMessage(status); e.Code != code || e.Message != msg || e.Details != nil || e.ID != "" {
				fail("a body that is no envelope does not give the status's error")
			}
		} else if e.Code != sent.Code || !reflect.DeepEqual(e.Details, sent.Details) || e.ID != sent.ID ||
			sent.Message != "" && e.Message != sent.Message {
			fail("the envelope is not read as Parse reads it")
		}
		// Whatever came in, writing it and reading it again keeps it.
		rec := httptest.NewRecorder()
		httperr.Write(rec, e)
		back, err := httperr.FromResponse(rec.Result())
		if err != nil || back.Code != e.Code || back.Message != e.Message ||
			e.Code == errs.ValidationFailed && len(e.Details) > 0 && !reflect.DeepEqual(back.Details, e.Details) ||
			e.Code == errs.Conflict && back.ID != e.ID {
			fail(fmt.Sprintf("Write and FromResponse give back %+v", back))
		}
	})
}

// FuzzContactcheck drives the contactcheck program as a user does: NDJSON
// on standard input, one result line per non-blank input line on standard
// output. Its line reader lives in package main, out of reach of an
// in-process target, so the target builds the program once per fuzzing
// process and checks its output against what its documentation promises:
// the lines numbered as an editor numbers them, blank lines skipped, a CR
// before the newline dropped, each result byte for byte the library's,
// exit status 1 exactly when a line is refused.
func FuzzContactcheck(f *testing.F) {
	bin := buildContactcheck(f)
	for _, in := range []string{"", "\n", " \t\r\n\n", "{}\n", "{\"email\":\"a@b.co\"}\r\n\n{\"email\":\"x\"}", "{\"email\":\"a@b.co\"}\r",
		"a\rb\n", strings.Repeat("x", 100) + "\n{}", "{\"current\":{\"email\":\"a@b.co\"},\"patch\":{\"email\":\"b@b.co\"}}\n",
		"{\"current\":5,\"patch\":{}}\n{\"patch\":null}\n"} {
		f.Add([]byte(in), false, uint16(0))
		f.Add([]byte(in), true, uint16(20))
	}
	if b, err := os.ReadFile("../examples/contacts.ndjson"); err == nil {
		f.Add(b, false, uint16(0))
	}
	r := rand.New(rand.NewSource(1))
	var lines []string
	for range 8 {
		lines = append(lines, string(withDefects(r, genCreate(r), r.Intn(2), func(x defect) bool { return !x.alone }).render(r).body))
	}
	f.Add([]byte(strings.Join(lines, "\n")), false, uint16(0))
	f.Fuzz(func(t *testing.T, input []byte, update bool, maxBytes uint16) {
		p := validate.Policy{}
		args := []string{}
		if update {
			args = append(args, "-mode", "update")
		}
		if maxBytes > 0 {
			p.MaxBodyBytes = 16 + int(maxBytes)%1024
			args = append(args, "-max-bytes", strconv.Itoa(p.MaxBodyBytes))
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, bin, args...)
		cmd.Stdin = bytes.NewReader(input)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		status := 0
		if ee, ok := err.(*exec.ExitError); ok {
			status = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		want, refused := contactcheckOutput(input, update, p)
		fail := func(msg string) {
			t.Helper()
			t.Fatalf("%s\nargs: %q\ninput: %q\nstdout: %q\nstderr: %q\nwant: %q", msg, args, input, stdout.String(), stderr.String(), want)
		}
		switch {
		case stderr.Len() > 0:
			fail("something on standard error")
		case status != map[bool]int{false: 0, true: 1}[refused]:
			fail("exit status " + strconv.Itoa(status))
		case stdout.String() != want:
			fail("output differs")
		}
	})
}

// contactcheckOutput is what contactcheck's documentation says it prints
// for input, and whether some line is refused.
func contactcheckOutput(input []byte, update bool, p validate.Policy) (string, bool) {
	var out strings.Builder
	refused := false
	limit := limitsOf(p).bytes
	for n, rest := 1, input; len(rest) > 0; n++ {
		line, after, newline := bytes.Cut(rest, []byte("\n"))
		rest = after
		if newline {
			line = bytes.TrimSuffix(line, []byte("\r"))
		}
		if len(line) <= limit && len(bytes.Trim(line, " \t\r")) == 0 {
			continue
		}
		res := contactcheckResult(line, update, p)
		refused = refused || bytes.HasPrefix(res, []byte(`{"ok":false`))
		out.WriteString(`{"line":` + strconv.Itoa(n) + ",")
		out.Write(res[1:])
		out.WriteByte('\n')
	}
	return out.String(), refused
}

func contactcheckResult(line []byte, update bool, p validate.Policy) []byte {
	if !update || len(line) > limitsOf(p).bytes {
		_, eff, ds := validate.CreateJSON(line, p)
		return report.AppendResult(nil, ds, eff)
	}
	var w struct{ Current, Patch json.RawMessage }
	if err := json.Unmarshal(line, &w); err != nil || len(w.Patch) == 0 {
		return report.AppendResult(nil, []errs.FieldError{{Field: "base", Message: msgJSONObject, Rule: "json_object"}}, consent.Effects{})
	}
	var current validate.Contact
	if len(w.Current) > 0 && json.Unmarshal(w.Current, &current) != nil {
		return report.AppendResult(nil, []errs.FieldError{{Field: "current", Message: "must be a contact object", Rule: "type"}}, consent.Effects{})
	}
	_, eff, ds := validate.UpdateJSON(current, w.Patch, p)
	return report.AppendResult(nil, ds, eff)
}

// buildContactcheck builds the program into a directory the test removes.
func buildContactcheck(f *testing.F) string {
	goTool, err := exec.LookPath("go")
	if err != nil {
		f.Skip("no go command to build contactcheck with")
	}
	bin := filepath.Join(f.TempDir(), "contactcheck")
	if out, err := exec.Command(goTool, "build", "-o", bin, "github.com/contactrules/contactrules/cmd/contactcheck").CombinedOutput(); err != nil {
		f.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}
