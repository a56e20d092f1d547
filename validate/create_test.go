package validate_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/validate"
)

// Numbers from libphonenumber's examples: valid, and in or out of the
// default SMS regions.
const (
	usNumber = "+12015550123"
	caNumber = "+15062345678"
	gbNumber = "+447400123456"
	jmNumber = "+18765230123"
)

// details renders details as "field: message (rule)" lines.
func details(ds []errs.FieldError) []string {
	out := []string{}
	for _, d := range ds {
		out = append(out, d.Field+": "+d.Message+" ("+d.Rule+")")
	}
	return out
}

func same(a, b []string) bool {
	return strings.Join(a, "\n") == strings.Join(b, "\n")
}

var long256 = strings.Repeat("é", 256)

var createCases = []struct {
	rule string // the contract rule the row checks
	body string
	want []string
}{
	// Identity.
	{"identity: neither email nor phone", `{"first_name":"Jane"}`, []string{"base: email or phone_number is required (required_one_of)"}},
	{"identity: empty strings count as absent and are not reported", `{"email":"","phone_number":""}`, []string{"base: email or phone_number is required (required_one_of)"}},
	{"identity: null counts as absent", `{"email":null,"phone_number":null}`, []string{"base: email or phone_number is required (required_one_of)"}},
	{"identity: email alone is enough", `{"email":"jane@example.com"}`, nil},
	{"identity: phone alone is enough", `{"phone_number":"` + usNumber + `"}`, nil},
	{"identity: a value of the wrong type is present (its type is reported)", `{"email":5}`, []string{"email: must be a string (type)"}},

	// email.
	{"email: must be a valid address", `{"email":"jane"}`, []string{"email: must be a valid email address (email)"}},
	{"email: display name refused", `{"email":"Jane <jane@example.com>"}`, []string{"email: must be a valid email address (email)"}},
	{"email: quoted local part refused", `{"email":"\"jane\"@example.com"}`, []string{"email: must be a valid email address (email)"}},
	{"email: IP literal refused", `{"email":"jane@[192.0.2.1]"}`, []string{"email: must be a valid email address (email)"}},
	{"email: single-label domain refused", `{"email":"jane@localhost"}`, []string{"email: must be a valid email address (email)"}},
	{"email: numeric TLD refused", `{"email":"jane@example.123"}`, []string{"email: must be a valid email address (email)"}},
	{"email: punycode TLD accepted", `{"email":"jane@example.xn--p1ai"}`, nil},
	{"email: wrong type", `{"email":true,"phone_number":"` + usNumber + `"}`, []string{"email: must be a string (type)"}},
	{"email: invalid UTF-8", "{\"email\":\"j\xffne@example.com\",\"phone_number\":\"" + usNumber + "\"}", []string{"email: must be valid UTF-8 (utf8)"}},

	// phone_number.
	{"phone: E.164 and valid", `{"phone_number":"` + gbNumber + `"}`, nil},
	{"phone: national format refused", `{"phone_number":"(201) 555-0123"}`, []string{"phone_number: must be a valid phone number in E.164 format (e164)"}},
	{"phone: UK trunk 0 is not canonical", `{"phone_number":"+4402071838750"}`, []string{"phone_number: must be a valid phone number in E.164 format (e164)"}},
	{"phone: fictional 555 number invalid", `{"phone_number":"+15551234567"}`, []string{"phone_number: must be a valid phone number in E.164 format (e164)"}},
	{"phone: more than 15 digits", `{"phone_number":"+1201555012345678"}`, []string{"phone_number: must be a valid phone number in E.164 format (e164)"}},
	{"phone: wrong type", `{"phone_number":12015550123}`, []string{"phone_number: must be a string (type)"}},

	// Names.
	{"names: 255 code points pass", `{"email":"a@b.co","first_name":"` + long256[2:] + `"}`, nil},
	{"names: 256 code points fail (not bytes)", `{"email":"a@b.co","first_name":"` + long256 + `","last_name":"` + long256 + `"}`,
		[]string{"first_name: must be at most 255 characters (max_length)", "last_name: must be at most 255 characters (max_length)"}},
	{"names: wrong type", `{"email":"a@b.co","last_name":["x"]}`, []string{"last_name: must be a string (type)"}},

	// tags.
	{"tags: array of strings", `{"email":"a@b.co","tags":["vip","2024"]}`, nil},
	{"tags: not an array", `{"email":"a@b.co","tags":"vip"}`, []string{"tags: must be an array of strings (type)"}},
	{"tags: an element is not a string", `{"email":"a@b.co","tags":["vip",1]}`, []string{"tags: must be an array of strings (type)"}},
	{"tags: empty and too long elements", `{"email":"a@b.co","tags":["ok","","` + long256 + `"]}`,
		[]string{"tags[1]: must be a non-empty string of at most 255 characters (tag)", "tags[2]: must be a non-empty string of at most 255 characters (tag)"}},
	{"tags: at most 100", `{"email":"a@b.co","tags":[` + strings.Repeat(`"t",`, 100) + `"t"]}`, []string{"tags: must have at most 100 items (max_items)"}},
	{"tags: exactly 100 pass", `{"email":"a@b.co","tags":[` + strings.Repeat(`"t",`, 99) + `"t"]}`, nil},

	// custom_fields.
	{"custom_fields: flat values pass", `{"email":"a@b.co","custom_fields":{"plan":"pro","seats":3,"trial":false,"ref":null}}`, nil},
	{"custom_fields: nested object", `{"email":"a@b.co","custom_fields":{"a":{"b":1}}}`, []string{"custom_fields: must be a flat key-value object (no nested values) (flat_object)"}},
	{"custom_fields: nested array", `{"email":"a@b.co","custom_fields":{"a":[1]}}`, []string{"custom_fields: must be a flat key-value object (no nested values) (flat_object)"}},
	{"custom_fields: not an object", `{"email":"a@b.co","custom_fields":"x"}`, []string{"custom_fields: must be a flat key-value object (no nested values) (flat_object)"}},
	{"custom_fields: repeated key", `{"email":"a@b.co","custom_fields":{"a":1,"a":2}}`, []string{"custom_fields.a: must not appear more than once (duplicate_key)"}},

	// Consent.
	{"email_consent: enum", `{"email":"a@b.co","email_consent":"yes"}`, []string{"email_consent: must be one of: subscribed, unsubscribed, never_subscribed, suppressed (enum)"}},
	{"email_consent: compliance_suppressed is read-only", `{"email":"a@b.co","email_consent":"compliance_suppressed"}`, []string{"email_consent: must be one of: subscribed, unsubscribed, never_subscribed, suppressed (enum)"}},
	{"email_consent: empty string is not a value", `{"email":"a@b.co","email_consent":""}`, []string{"email_consent: must be one of: subscribed, unsubscribed, never_subscribed, suppressed (enum)"}},
	{"email_consent: wrong type", `{"email":"a@b.co","email_consent":1}`, []string{"email_consent: must be a string (type)"}},
	{"sms_consent: wrong type", `{"phone_number":"` + usNumber + `","sms_consent":true}`, []string{"sms_consent: must be a string (type)"}},
	{"sms_consent: enum", `{"phone_number":"` + usNumber + `","sms_consent":"yes"}`, []string{"sms_consent: must be one of: subscribed, unsubscribed, never_subscribed, single_opt_in (enum)"}},
	{"sms_consent: pending is read-only", `{"phone_number":"` + usNumber + `","sms_consent":"pending"}`, []string{"sms_consent: must be one of: subscribed, unsubscribed, never_subscribed, single_opt_in (enum)"}},
	{"sms_consent: legacy non_subscribed refused by default", `{"phone_number":"` + usNumber + `","sms_consent":"non_subscribed"}`, []string{"sms_consent: must be one of: subscribed, unsubscribed, never_subscribed, single_opt_in (enum)"}},
	{"sms_consent: subscribed with a US number", `{"phone_number":"` + usNumber + `","sms_consent":"subscribed"}`, nil},
	{"sms_consent: single_opt_in with a CA number", `{"phone_number":"` + caNumber + `","sms_consent":"single_opt_in"}`, nil},
	{"sms_consent: subscribed without a phone", `{"email":"a@b.co","sms_consent":"subscribed"}`, []string{"sms_consent: requires a phone number from a supported country (sms_supported_country)"}},
	{"sms_consent: subscribed with a GB number", `{"phone_number":"` + gbNumber + `","sms_consent":"subscribed"}`, []string{"sms_consent: requires a phone number from a supported country (sms_supported_country)"}},
	{"sms_consent: single_opt_in with a Jamaican +1 number", `{"phone_number":"` + jmNumber + `","sms_consent":"single_opt_in"}`, []string{"sms_consent: requires a phone number from a supported country (sms_supported_country)"}},
	{"sms_consent: subscribed with an invalid phone", `{"email":"a@b.co","phone_number":"+15551234567","sms_consent":"subscribed"}`,
		[]string{"phone_number: must be a valid phone number in E.164 format (e164)", "sms_consent: requires a phone number from a supported country (sms_supported_country)"}},
	{"sms_consent: unsubscribed on create", `{"phone_number":"` + usNumber + `","sms_consent":"unsubscribed"}`, []string{"sms_consent: cannot be unsubscribed for a new contact (sms_no_unsubscribe_on_create)"}},
	{"send_welcome_sms: must be a boolean", `{"phone_number":"` + usNumber + `","send_welcome_sms":"false"}`, []string{"send_welcome_sms: must be a boolean (type)"}},

	// Members the client may not write.
	{"read-only: id, created_at, updated_at", `{"id":"c_1","email":"a@b.co","created_at":"x","updated_at":null}`,
		[]string{"id: is read-only (read_only)", "created_at: is read-only (read_only)", "updated_at: is read-only (read_only)"}},
	{"unknown: a typo does not pass silently", `{"email":"a@b.co","phone":"` + usNumber + `"}`, []string{"phone: is not a recognized field (unknown_field)"}},
	{"duplicate: a key twice", `{"email":"a@b.co","email":"b@b.co"}`, []string{"email: must not appear more than once (duplicate_key)"}},
	{"duplicate: an unknown key twice", `{"email":"a@b.co","x":1,"x":2}`, []string{"x: is not a recognized field (unknown_field)", "x: must not appear more than once (duplicate_key)"}},
	{"duplicate: an escaped key is the same key", `{"email":"a@b.co","\u0065mail":"b@b.co"}`, []string{"email: must not appear more than once (duplicate_key)"}},

	// UTF-8, per string field: raw invalid bytes and a lone surrogate
	// escape are refused alike.
	{"utf8: phone_number", "{\"email\":\"a@b.co\",\"phone_number\":\"+1\xff\"}", []string{"phone_number: must be valid UTF-8 (utf8)"}},
	{"utf8: first_name (lone high surrogate before a non-surrogate)", `{"email":"a@b.co","first_name":"\ud800\u0041"}`, []string{"first_name: must be valid UTF-8 (utf8)"}},
	{"utf8: last_name (lone surrogate)", `{"email":"a@b.co","last_name":"\udc00"}`, []string{"last_name: must be valid UTF-8 (utf8)"}},
	{"utf8: tags[i]", "{\"email\":\"a@b.co\",\"tags\":[\"ok\",\"\xc3\"]}", []string{"tags[1]: must be valid UTF-8 (utf8)"}},
	{"utf8: custom_fields.<key>", "{\"email\":\"a@b.co\",\"custom_fields\":{\"a\":\"\xe2\x82\"}}", []string{"custom_fields.a: must be valid UTF-8 (utf8)"}},
	{"utf8: email_consent", "{\"email\":\"a@b.co\",\"email_consent\":\"\xff\"}", []string{"email_consent: must be valid UTF-8 (utf8)"}},
	{"utf8: sms_consent", "{\"email\":\"a@b.co\",\"sms_consent\":\"\xff\"}", []string{"sms_consent: must be valid UTF-8 (utf8)"}},
	{"utf8: a surrogate pair is fine", `{"email":"a@b.co","first_name":"\ud83d\ude00"}`, nil},

	// The body.
	{"body: malformed JSON", `{"email":`, []string{"base: must be a JSON object (json_object)"}},
	{"body: not an object", `["email"]`, []string{"base: must be a JSON object (json_object)"}},
	{"body: trailing data", `{"email":"a@b.co"} {}`, []string{"base: must be a JSON object (json_object)"}},
	{"body: empty", ``, []string{"base: must be a JSON object (json_object)"}},
	{"body: invalid UTF-8 in a key", "{\"e\xffmail\":1}", []string{"base: must be a JSON object (json_object)"}},

	// Order: the rows of the contract's table, then members by name in input order.
	{"order: every row at once",
		`{"zz":1,"send_welcome_sms":1,"sms_consent":"unsubscribed","email_consent":"x","custom_fields":[],"tags":[""],"last_name":1,"first_name":1,"phone_number":"1","email":"x","id":1}`,
		[]string{
			"email: must be a valid email address (email)",
			"phone_number: must be a valid phone number in E.164 format (e164)",
			"first_name: must be a string (type)",
			"last_name: must be a string (type)",
			"tags[0]: must be a non-empty string of at most 255 characters (tag)",
			"custom_fields: must be a flat key-value object (no nested values) (flat_object)",
			"email_consent: must be one of: subscribed, unsubscribed, never_subscribed, suppressed (enum)",
			"sms_consent: cannot be unsubscribed for a new contact (sms_no_unsubscribe_on_create)",
			"send_welcome_sms: must be a boolean (type)",
			"zz: is not a recognized field (unknown_field)",
			"id: is read-only (read_only)",
		}},
}

func TestCreateJSON(t *testing.T) {
	for _, tc := range createCases {
		t.Run(tc.rule, func(t *testing.T) {
			_, _, ds := validate.CreateJSON([]byte(tc.body), validate.Policy{})
			if got := details(ds); !same(got, tc.want) {
				t.Errorf("details\n got: %q\nwant: %q", got, tc.want)
			}
		})
	}
}

// TestCreateStructAgrees checks that Create gives CreateJSON's details for
// every row a Contact can express: decoded with encoding/json, the
// payloads that only JSON can get wrong fail to decode and are skipped.
func TestCreateStructAgrees(t *testing.T) {
	agreed := 0
	for _, tc := range createCases {
		var c validate.Contact
		dec := json.NewDecoder(strings.NewReader(tc.body))
		dec.DisallowUnknownFields()
		_, _, want := validate.CreateJSON([]byte(tc.body), validate.Policy{})
		if err := dec.Decode(&c); err != nil || dec.More() || jsonOnly(want) || strings.Contains(tc.body, `""`) || !utf8Clean(tc.body) {
			continue
		}
		if _, _, got := validate.Create(c, validate.Policy{}); !same(details(got), details(want)) {
			t.Errorf("%s: Create\n got: %q\nwant: %q", tc.rule, details(got), details(want))
		}
		agreed++
	}
	if agreed < 30 {
		t.Errorf("only %d rows could be compared; the filter is too strict", agreed)
	}
}

func utf8Clean(s string) bool {
	return strings.ToValidUTF8(s, "\uFFFD") == s && !strings.Contains(s, `\u`)
}

// jsonOnly reports whether ds has a detail only a JSON body can earn.
func jsonOnly(ds []errs.FieldError) bool {
	for _, d := range ds {
		switch d.Rule {
		case "type", "duplicate_key", "unknown_field", "read_only", "json_object", "max_bytes":
			return true
		}
	}
	return false
}

func TestCreateJSONResult(t *testing.T) {
	body := `{"email":"jane@example.com","phone_number":"` + usNumber + `","first_name":"Jane","last_name":"Doe",` +
		`"tags":["vip","2024"],"custom_fields":{"plan":"pro","seats":3},"sms_consent":"subscribed"}`
	c, eff, ds := validate.CreateJSON([]byte(body), validate.Policy{})
	if ds != nil {
		t.Fatalf("details: %q", details(ds))
	}
	got, _ := json.Marshal(struct {
		validate.Contact
		Effects any `json:"effects"`
	}{c, eff})
	want := `{"email":"jane@example.com","phone_number":"+12015550123","first_name":"Jane","last_name":"Doe","tags":["vip","2024"],` +
		`"custom_fields":{"plan":"pro","seats":3},"email_consent":"never_subscribed","sms_consent":"subscribed",` +
		`"effects":{"welcome_sms":true,"email_unsuppressed":false,"defaults_applied":["email_consent"]}}`
	if string(got) != want {
		t.Errorf("contact\n got: %s\nwant: %s", got, want)
	}
}

func TestCreateJSONKeepsNoReferenceToBody(t *testing.T) {
	body := []byte(`{"email":"jane@example.com","tags":["vip"],"custom_fields":{"a":"b"}}`)
	c, _, _ := validate.CreateJSON(body, validate.Policy{})
	for i := range body {
		body[i] = 'X'
	}
	if c.Email != "jane@example.com" || c.Tags[0] != "vip" || string(c.CustomFields) != `{"a":"b"}` {
		t.Errorf("the contact changed with the caller's buffer: %+v", c)
	}
}

// TestCreateCustomFieldsText checks that Create reads a decoded
// custom_fields text as JSON does: white space around it is fine, a
// trailing byte that is not is not.
func TestCreateCustomFieldsText(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{" {\"a\":1} \n", nil},
		{"null", nil},
		{"{\"a\":1}\x00", []string{"custom_fields: must be a flat key-value object (no nested values) (flat_object)"}},
		{"{\"a\":1} x", []string{"custom_fields: must be a flat key-value object (no nested values) (flat_object)"}},
	} {
		c := validate.Contact{Email: "a@b.co", CustomFields: validate.RawObject(tc.text)}
		_, _, ds := validate.Create(c, validate.Policy{})
		if got := details(ds); !same(got, tc.want) {
			t.Errorf("%q: got %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestTypicalContactAllocatesOnce: a usual valid contact costs one
// allocation, the store its returned strings and tags share.
func TestTypicalContactAllocatesOnce(t *testing.T) {
	body := []byte(`{"email":"jane.doe@example.com","phone_number":"+12015550123","first_name":"Jane","last_name":"Doe",` +
		`"tags":["vip","newsletter"],"custom_fields":{"plan":"pro","seats":12,"trial":false},` +
		`"email_consent":"subscribed","sms_consent":"subscribed"}`)
	if n := testing.AllocsPerRun(100, func() { validate.CreateJSON(body, validate.Policy{}) }); n > 1 {
		t.Errorf("%v allocations", n)
	}
	c, _, _ := validate.CreateJSON(body, validate.Policy{})
	for i := range body {
		body[i] = 'X'
	}
	if c.Email != "jane.doe@example.com" || c.Tags[1] != "newsletter" || string(c.CustomFields) != `{"plan":"pro","seats":12,"trial":false}` {
		t.Errorf("the contact changed with the body: %+v", c)
	}
	if c.Tags = append(c.Tags, "more"); c.Tags[0] != "vip" {
		t.Errorf("appending to the tags changed them: %q", c.Tags)
	}
}

// TestAnswerAloneAllocatesNothing: the check without the contact costs
// no allocation on an acceptable create or update, however the stored
// contact was passed.
func TestAnswerAloneAllocatesNothing(t *testing.T) {
	body := []byte(`{"email":"jane.doe@example.com","phone_number":"+12015550123","first_name":"Jane","last_name":"Doe",` +
		`"tags":["vip","newsletter"],"custom_fields":{"plan":"pro","seats":12,"trial":false},` +
		`"email_consent":"subscribed","sms_consent":"subscribed"}`)
	stored := validate.Contact{Email: "jane.doe@example.com", SMSConsent: "never_subscribed"}
	patch := []byte(`{"phone_number":"+12015550123","sms_consent":"subscribed","tags":["vip"]}`)
	for name, f := range map[string]func(){
		"CheckCreateJSON": func() { validate.CheckCreateJSON(body, validate.Policy{}) },
		"CheckUpdateJSON": func() { validate.CheckUpdateJSON(stored, patch, validate.Policy{}) },
	} {
		if n := testing.AllocsPerRun(100, f); n != 0 {
			t.Errorf("%s: %v allocations", name, n)
		}
	}
	if _, ds := validate.CheckUpdateJSON(stored, patch, validate.Policy{}); ds != nil {
		t.Errorf("the patch is refused: %v", ds)
	}
}
