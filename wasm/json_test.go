//go:build !js

package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/contactrules/contactrules/phone"
	"github.com/contactrules/contactrules/validate"
)

// The bridge read the policy and the stored contact with encoding/json,
// and its answers and messages are what JavaScript callers know. These
// are those readings, kept as the oracle for json.go.

func oracleParsePolicy(text []byte) (validate.Policy, error) {
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
	return jp.policy()
}

// phoneResult and phoneError are normalizePhone's answer as the bridge
// wrote it with encoding/json.
type phoneResult struct {
	OK     bool        `json:"ok"`
	E164   string      `json:"e164,omitempty"`
	Region string      `json:"region,omitempty"`
	Error  *phoneError `json:"error,omitempty"`
}

type phoneError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func oracleNormalizeResult(input, defaultRegion string) []byte {
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
		panic(err)
	}
	return b
}

func oracleReadContact(data []byte) (validate.Contact, error) {
	var c validate.Contact
	err := json.Unmarshal(data, &c)
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case err == nil:
		return c, nil
	case errors.As(err, &se):
		return c, callerError("current contact: not valid JSON (at byte " + strconv.FormatInt(se.Offset, 10) + ")")
	case errors.As(err, &te) && te.Field != "":
		return c, callerError("current contact: " + te.Field + " has the wrong JSON type")
	default:
		return c, callerError("current contact: not a JSON object")
	}
}

// Texts that reach the corners of encoding/json's reading: syntax errors
// of every kind and at the end of the text, nesting at its limit, escapes
// and surrogates, invalid UTF-8, names in other cases (and the four
// non-ASCII letters that fold to ASCII ones), null members, members sent
// twice (a null element of a repeated array keeps the earlier element),
// numbers an int cannot hold, and trailing text.
var jsonTexts = []string{
	``, ` `, `null`, ` null `, `nul`, `nulx`, `nullx`, `null x`, `null]`, `null}`, `true`, `false`, `tru`, `fals`, `flase`,
	`0`, `-`, `-x`, `01`, `1.`, `1.x`, `1e`, `1e+`, `1E-5`, `-0.5e10`, `1x`, `12 34`, `"`, `"abc`, `"abc"`, `"\`, `"\x"`, `"\u12`, `"\u12g4"`,
	"\"a\x00\"", "\"a\x1f\"", "\"\t\"", `{`, `{ `, `{"`, `{"a`, `{"a"`, `{"a":`, `{"a":1`, `{"a":1,`, `{"a":1,}`, `{,}`, `{"a" 1}`, `{"a":1 "b":2}`,
	`{}`, `{} `, `{}x`, `{} {}`, `{}}`, `{}]`, `{}{`, `[`, `[]`, `[1`, `[1,`, `[1,]`, `[,]`, `[1 2]`, `[01]`, `{"a":01}`, `[1}`, `{"a":1]`, `]`, `}`, `:`, `,`, `'a'`,
	"\v{}", "{}\v", "\u00a0", "\u00a0{}", "\ufeff{}", "\xff", "\xc3", "\xc3\xa9", "{\"a\":\"\xff\"}", "\r\n\t {} \r\n\t",
	strings.Repeat("[", 10000) + strings.Repeat("]", 10000), strings.Repeat("[", 10001) + strings.Repeat("]", 10001),
	strings.Repeat(`{"a":`, 10000) + "1" + strings.Repeat("}", 10000), strings.Repeat(`{"a":`, 10001) + "1" + strings.Repeat("}", 10001),
	`[]`, `"x"`, `42`, `{"a":[1,{"b":null}],"c":"d"}`,
}

var policyTexts = []string{
	`{"smsRegions":["GB"]}`, `{"smsRegions":["GB","US","CA"],"maxTags":3}`, `{"smsRegions":[]}`, `{"smsRegions":null}`,
	`{"smsRegions":["XX"]}`, `{"smsRegions":["gb"]}`, `{"smsRegions":["001"]}`, `{"smsRegions":[null]}`, `{"smsRegions":["GB",null]}`,
	`{"smsRegions":["GB","US"],"smsRegions":[null]}`, `{"smsRegions":["GB","US","CA"],"smsRegions":["DE"],"smsRegions":[null,null,null]}`,
	`{"smsRegions":["GB"],"smsRegions":[null,null]}`, `{"smsRegions":["GB","US","CA","FR","DE"],"smsRegions":[null,null,null,null,null,null]}`,
	`{"smsRegions":["GB"],"smsRegions":[]}`, `{"smsRegions":["GB"],"smsRegions":null}`,
	`{"smsRegions":"GB"}`, `{"smsRegions":1}`, `{"smsRegions":true}`, `{"smsRegions":{}}`, `{"smsRegions":["GB",1]}`, `{"smsRegions":[["GB"]]}`,
	`{"smsRegions":[{"a":1}]}`, `{"smsRegions":[true]}`, `{"smsRegions":["\u0047\u0042"]}`, `{"smsRegions":["G\u0000"]}`, "{\"smsRegions\":[\"G\xff\"]}",
	`{"smsRegion":["GB"]}`, `{"SMSREGIONS":["GB"]}`, `{"smsregions":["GB"]}`, "{\"\u017fmsRegions\":[\"GB\"]}", "{\"allowUn\u212anownFields\":true}",
	"{\"allowUnknownF\u0131elds\":true}", "{\"allowUnknownF\u0130elds\":true}", "{\"allowUnknownF\u00edelds\":true}", `{"sms\u0052egions":["GB"]}`,
	`{"\ud800":1}`, `{"\ud83d\ude00":1}`, "{\"\xff\":1}", `{"a\"b":1}`, `{"":1}`, `{"smsRegions":["GB"],"nope":1,"maxTags":"x"}`,
	`{"allowUnknownFields":true,"acceptLegacyConsent":true,"possiblePhoneOnly":true}`, `{"allowUnknownFields":"true"}`, `{"allowUnknownFields":1}`,
	`{"allowUnknownFields":null}`, `{"allowUnknownFields":true,"allowUnknownFields":null}`, `{"allowUnknownFields":true,"allowUnknownFields":false}`,
	`{"allowUnknownFields":[]}`, `{"allowUnknownFields":{}}`,
	`{"maxNameLength":10,"maxTagLength":20,"maxTags":3,"maxBodyBytes":4096}`, `{"maxTags":"3"}`, `{"maxTags":2.5}`, `{"maxTags":1e2}`, `{"maxTags":-1}`,
	`{"maxTags":-0}`, `{"maxTags":9223372036854775807}`, `{"maxTags":9223372036854775808}`, `{"maxTags":-9223372036854775809}`, `{"maxTags":true}`,
	`{"maxTags":null}`, `{"maxTags":5,"maxTags":null}`, `{"maxTags":[]}`, `{"maxTags":{}}`, `{"maxTags":1,"maxTags":2}`, `{"MaxTags":4}`,
	`{"maxTags":3}garbage`, `{"maxTags":3} {"maxTags":4}`, `{"maxTags":3}]`, `{"maxTags":3} }`, `{"maxTags":"3"} {}`, `{"maxTags":3`, `{"maxTags":3,`,
	`{"nope":1`, `{"nope":[}`, `[]`, `[1]`, `"policy"`, `3`, `true`, `{"maxTags":3}x`, `{"maxTags":3.}`,
}

var contactTexts = []string{
	`{"id":"c_1","email":"jane@example.com","created_at":"2024-01-01T00:00:00Z"}`,
	`{"email":"jane@example.com","phone_number":"+14155552671","first_name":"Jane","last_name":"Doe","tags":["a","b"],"custom_fields":{"k":"v"},"email_consent":"subscribed","sms_consent":"pending","send_welcome_sms":false}`,
	`{"email":42,"last_name":"Secret"}`, `{"tags":["Secret",7]}`, `{"tags":"x"}`, `{"tags":{}}`, `{"tags":[[]]}`, `{"tags":[{}]}`, `{"tags":[true]}`,
	`{"tags":[null]}`, `{"tags":null}`, `{"tags":[]}`, `{"tags":["a","b"],"tags":[null]}`, `{"tags":["a","b","c"],"tags":["x"],"tags":[null,null,null,null]}`,
	`{"tags":["a"],"tags":[null,null]}`, `{"tags":["a","b"],"tags":[]}`, `{"tags":["a"],"tags":null,"tags":[null]}`,
	`{"email":null}`, `{"email":"a@x","email":null}`, `{"email":"a@x","email":"b@x"}`, `{"EMAIL":"a@x"}`, `{"Email":"a@x","email":"b@x"}`,
	"{\"email\":\"a\xffb\"}", `{"email":"\ud800x"}`, `{"email":"\ud800\u0041"}`, `{"email":"\udc00\ud800"}`, `{"email":"\ud83d\ude00"}`, `{"email":"\u00e9\n\/"}`,
	"{\"email\":\"\xed\xa0\x80\"}", "{\"email\":\"\xe2\x82\"}", "{\"\u017fms_consent\":\"subscribed\"}", "{\"emaıl\":\"a@x\"}",
	`{"email":true}`, `{"email":{}}`, `{"email":[]}`, `{"email":1.5}`, `{"email_consent":1}`, `{"sms_consent":[]}`,
	`{"custom_fields":null}`, `{"custom_fields":[1, 2]}`, `{"custom_fields":"x"}`, `{"custom_fields": {"a" : 1} }`, `{"custom_fields":{"a":1},"custom_fields":2}`,
	`{"send_welcome_sms":true}`, `{"send_welcome_sms":null}`, `{"send_welcome_sms":"true"}`, `{"send_welcome_sms":1}`, `{"send_welcome_sms":true,"send_welcome_sms":null}`,
	`{"send_welcome_sms":false,"send_welcome_sms":true}`, `{"Effects":{"welcome_sms":true}}`, `{"-":1}`, `{"first_name":"x","first_name":3}`,
	`{"email":"secret@example.com"`, `{"email":"secret@example.com",}`, `["secret@example.com"]`, `"secret@example.com"`, `42`, `true`,
}

func TestParsePolicyIsEncodingJSONs(t *testing.T) {
	for _, text := range append(policyTexts, jsonTexts...) {
		checkPolicy(t, []byte(text))
	}
}

func TestReadContactIsEncodingJSONs(t *testing.T) {
	for _, text := range append(contactTexts, jsonTexts...) {
		checkContact(t, []byte(text))
	}
}

// The syntax check gives encoding/json's messages and offsets, including
// at the end of the text, where its scanner is fed a space.
func TestCheckTextIsEncodingJSONs(t *testing.T) {
	for _, text := range append(append(jsonTexts, policyTexts...), contactTexts...) {
		checkSyntax(t, []byte(text))
	}
}

func FuzzParsePolicy(f *testing.F) {
	for _, text := range append(policyTexts, jsonTexts...) {
		f.Add([]byte(text))
	}
	f.Fuzz(checkPolicy)
}

func FuzzReadContact(f *testing.F) {
	for _, text := range append(contactTexts, jsonTexts...) {
		f.Add([]byte(text))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkContact(t, data)
		checkSyntax(t, data)
	})
}

// Default regions are the caller's text, quoted in messages: characters
// that JSON and Go escape differently must come out as encoding/json
// wrote them.
var defaultRegions = []string{"", "US", "GB", "JM", "001", "ZZ", "us", "<b>&", "é", "\xff", "\u2028", `"`, `\`, "\x00", "ABCDEFGHIJ", "\U0001F600"}

func TestNormalizeResultIsEncodingJSONs(t *testing.T) {
	for _, region := range defaultRegions {
		for _, in := range phoneInputs {
			checkNormalize(t, in.input, region)
		}
	}
}

func FuzzNormalizeResult(f *testing.F) {
	for i, in := range phoneInputs {
		f.Add(in.input, defaultRegions[i%len(defaultRegions)])
	}
	f.Fuzz(checkNormalize)
}

func checkNormalize(t *testing.T, input, region string) {
	if got, want := normalizeResult(input, region), oracleNormalizeResult(input, region); !bytes.Equal(got, want) {
		t.Errorf("normalizeResult(%q, %q) =\n%s\nencoding/json writes\n%s", input, region, got, want)
	}
}

func checkPolicy(t *testing.T, text []byte) {
	want, wantErr := oracleParsePolicy(text)
	got, err := parsePolicy(text)
	if got != want || errorText(err) != errorText(wantErr) {
		t.Errorf("parsePolicy(%q) =\n%+v, %v\nencoding/json reads\n%+v, %v", text, got, err, want, wantErr)
	}
}

func checkContact(t *testing.T, data []byte) {
	want, wantErr := oracleReadContact(data)
	got, err := readContact(data)
	if errorText(err) != errorText(wantErr) || err == nil && !reflect.DeepEqual(got, want) {
		t.Errorf("readContact(%q) =\n%#v, %v\nencoding/json reads\n%#v, %v", data, got, err, want, wantErr)
	}
}

func checkSyntax(t *testing.T, data []byte) {
	var se *json.SyntaxError
	errors.As(json.Unmarshal(data, new(json.RawMessage)), &se)
	err := checkText(data)
	switch {
	case se == nil && err != nil:
		t.Errorf("checkText(%q) = %q at %d; encoding/json finds no error", data, err.msg, err.offset)
	case se != nil && (err == nil || err.msg != se.Error() || int64(err.offset) != se.Offset):
		t.Errorf("checkText(%q) = %+v; encoding/json says %q at %d", data, err, se.Error(), se.Offset)
	}
}

func errorText(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

// fold is encoding/json's folding wherever that folding is ASCII, and
// leaves every other rune outside ASCII, so no other key can match a name.
func TestFold(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		want := r // encoding/json's foldRune: the smallest rune of the orbit
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			want = min(want, f)
		}
		if got := fold(r); want < utf8RuneSelf && got != want || want >= utf8RuneSelf && got < utf8RuneSelf {
			t.Errorf("fold(%U) = %U; encoding/json folds it to %U", r, got, want)
		}
	}
}

const utf8RuneSelf = 0x80

// The members the decoders fill are the struct fields encoding/json
// fills, under the same names.
func TestMembersAreTheJSONFields(t *testing.T) {
	var p jsPolicy
	checkMembers(t, reflect.ValueOf(&p).Elem(), p.members())
	var c validate.Contact
	checkMembers(t, reflect.ValueOf(&c).Elem(), contactMembers(&c))
}

func checkMembers(t *testing.T, v reflect.Value, members []member) {
	t.Helper()
	var want []string
	for i := range v.NumField() {
		name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		want = append(want, name+" "+strconv.FormatUint(uint64(v.Field(i).Addr().Pointer()), 16))
	}
	var got []string
	for _, m := range members {
		p := reflect.ValueOf(m.str)
		for _, q := range []any{m.strs, m.flag, m.optFlag, m.num, m.raw} {
			if !reflect.ValueOf(q).IsNil() {
				p = reflect.ValueOf(q)
			}
		}
		got = append(got, m.name+" "+strconv.FormatUint(uint64(p.Pointer()), 16))
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("members %v; the %s's JSON fields are %v", got, v.Type(), want)
	}
}
