package fuzz

import (
	"bytes"
	"context"
	"encoding/json"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/internal/jsonwire"
	"github.com/contactrules/contactrules/internal/report"
	"github.com/contactrules/contactrules/phone"
	"github.com/contactrules/contactrules/validate"
)

// The native fuzz targets of whole payloads and of the contactcheck
// program. Each checks what holds for any input, not only that there is
// no panic; their seeds are the contract's examples and samples of the
// property generators, and they judge details by the contract table of this
// package, which is why they live here and not beside validate or
// cmd/contactcheck. The targets of phone and errs/httperr sit beside
// their packages.

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
				l.keySet[echoed(s)] = true // how a detail may show it
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

// echoed is a member name as a detail shows it (docs/bounds.md): whole up
// to 64 bytes, else its longest prefix of at most 64 bytes that ends at a
// code point boundary, then "...".
func echoed(k string) string {
	if len(k) <= 64 {
		return k
	}
	i := 64
	for i > 0 && !utf8.RuneStart(k[i]) {
		i--
	}
	return k[:i] + "..."
}

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

// Independent of validate: docs/email.md as regular expressions.
var (
	atom    = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
	localRE = regexp.MustCompile(`^` + atom + `(\.` + atom + `)*$`)
	labelRE = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$`)
	topRE   = regexp.MustCompile(`^([A-Za-z]+|[Xx][Nn]--[A-Za-z0-9-]*[A-Za-z0-9])$`)
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

// storedValues returns "" when c's writable values are within the contract's
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

// specBodies are the contract's own examples and the classic hostile shapes.
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
		// Each line is judged alone here; the duplicate check across
		// lines has tests of its own in cmd/contactcheck.
		args := []string{"-duplicates=false"}
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
	w, ok := updateMembers(line)
	if !ok || w["patch"] == nil {
		return report.AppendResult(nil, []errs.FieldError{{Field: "base", Message: msgJSONObject, Rule: "json_object"}}, consent.Effects{})
	}
	var current validate.Contact
	if w["current"] != nil && json.Unmarshal(w["current"], &current) != nil {
		return report.AppendResult(nil, []errs.FieldError{{Field: "current", Message: "must be a contact object", Rule: "type"}}, consent.Effects{})
	}
	_, eff, ds := validate.UpdateJSON(current, w["patch"], p)
	return report.AppendResult(nil, ds, eff)
}

// updateMembers reads an update line as the documentation says: one JSON
// object whose members are "current" and "patch" (names exact, each at
// most once, nothing else), at any depth.
func updateMembers(line []byte) (map[string]json.RawMessage, bool) {
	s := jsonwire.Scanner{Buf: line}
	members := map[string]json.RawMessage{}
	if !s.Eat('{') {
		return nil, false
	}
	for !s.Eat('}') {
		if len(members) > 0 && !s.Eat(',') {
			return nil, false
		}
		k, ok := s.Key()
		if _, seen := members[k]; !ok || seen || k != "current" && k != "patch" {
			return nil, false
		}
		s.Peek()
		start := s.Pos
		if !s.Skip() {
			return nil, false
		}
		members[k] = line[start:s.Pos]
	}
	return members, s.AtEnd()
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
