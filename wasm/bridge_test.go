package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/contactrules/contactrules/phone"
	"github.com/contactrules/contactrules/validate"
)

func TestParsePolicy(t *testing.T) {
	gb, _ := phone.NewRegions("GB")
	tests := []struct {
		text string
		want validate.Policy
	}{
		{"", validate.Policy{}},
		{" null ", validate.Policy{}},
		{"{}", validate.Policy{}},
		{`{"smsRegions":[]}`, validate.Policy{}},
		{`{"smsRegions":["GB"]}`, validate.Policy{SMSRegions: gb}},
		{`{"allowUnknownFields":true,"acceptLegacyConsent":true,"possiblePhoneOnly":true}`,
			validate.Policy{AllowUnknownFields: true, AcceptLegacyConsent: true, PossiblePhoneOnly: true}},
		{`{"maxNameLength":10,"maxTagLength":20,"maxTags":3,"maxBodyBytes":4096}`,
			validate.Policy{MaxNameLength: 10, MaxTagLength: 20, MaxTags: 3, MaxBodyBytes: 4096}},
	}
	for _, tt := range tests {
		got, err := parsePolicy([]byte(tt.text))
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parsePolicy(%q) = %+v, %v; want %+v", tt.text, got, err, tt.want)
		}
	}
}

// A policy JavaScript gets wrong is thrown at the caller, never read as
// the default: a typo would otherwise loosen the checks unnoticed. The
// messages name the option, never a value.
func TestParsePolicyRefuses(t *testing.T) {
	for _, tt := range policyMistakes {
		_, err := parsePolicy([]byte(tt.text))
		var ce *callerError
		if !errors.As(err, &ce) || ce.kind != invalidPolicy || ce.msg != tt.want {
			t.Errorf("parsePolicy(%s) error = %#v; want invalid_policy %q", tt.text, err, tt.want)
		}
	}
}

// policyMistakes are policies the module refuses, with the message of
// the ContactRulesError it throws (the Node.js suite throws them too).
var policyMistakes = []struct{ text, want string }{
	{`{"smsRegion":["GB"]}`, "policy has an option that does not exist; the options are " + policyOptions},
	{`{"SMSREGIONS":["GB"]}`, "policy has an option that does not exist; the options are " + policyOptions},
	{`{"smsRegions":["GB","XX"]}`, "policy.smsRegions[1] is not a supported region code"},
	{`{"smsRegions":["001"]}`, "policy.smsRegions[0] is not a supported region code"},
	{`{"smsRegions":"GB"}`, "policy.smsRegions must be an array of region codes"},
	{`{"smsRegions":["GB",7]}`, "policy.smsRegions must be an array of region codes"},
	{`{"allowUnknownFields":"yes"}`, "policy.allowUnknownFields must be a boolean"},
	{`{"acceptLegacyConsent":1}`, "policy.acceptLegacyConsent must be a boolean"},
	{`{"possiblePhoneOnly":[]}`, "policy.possiblePhoneOnly must be a boolean"},
	{`{"maxTags":"3"}`, "policy.maxTags must be an integer"},
	{`{"maxTags":2.5}`, "policy.maxTags must be an integer"},
	{`{"maxNameLength":1e3}`, "policy.maxNameLength must be an integer"},
	{`{"maxTagLength":-1}`, "policy.maxTagLength must not be negative"},
	{`{"maxBodyBytes":2147483648}`, "policy.maxBodyBytes must be at most 2147483647"},
	{`{"maxBodyBytes":99999999999999999999999}`, "policy.maxBodyBytes must be at most 2147483647"},
	{`[]`, "policy must be an object"},
	{`"GB"`, "policy must be an object"},
	{`{} {}`, "policy is not valid JSON (at byte offset 3)"},
	{`{`, "policy is not valid JSON (at byte offset 1)"},
	{`{"maxTags":3,}`, "policy is not valid JSON (at byte offset 13)"},
	{` `, "policy is not valid JSON (at byte offset 1)"},
}

// The cache keeps a policy it read, so the next call with the same text
// finds it, and keeps no refused one, so each call with it throws again.
func TestPolicyCache(t *testing.T) {
	clear(policies)
	texts := []string{`{"smsRegions":["GB"]}`, `{"maxTags":3}`}
	for range 3 {
		for _, text := range append(texts, "") {
			if _, _, err := createResult(nil, []byte(`{}`), []byte(text), true); err != nil {
				t.Fatal(err)
			}
		}
	}
	if len(policies) != len(texts) {
		t.Errorf("%d policies cached after calls with %d; want %d", len(policies), len(texts), len(texts))
	}
	for _, text := range texts {
		if _, ok := policies[text]; !ok {
			t.Errorf("%s is not cached", text)
		}
	}
	for range 2 {
		if _, _, err := createResult(nil, []byte(`{}`), []byte(`{"maxTags":"3"}`), true); err == nil {
			t.Fatal("no error for a bad policy")
		}
	}
	if _, ok := policies[`{"maxTags":"3"}`]; ok {
		t.Error("a refused policy is cached")
	}
	for i := range 2 * maxPolicies {
		if _, err := cachedPolicy([]byte(`{"maxTags":` + strconv.Itoa(i+1) + `}`)); err != nil {
			t.Fatal(err)
		}
	}
	if len(policies) > maxPolicies {
		t.Errorf("%d policies cached; at most %d", len(policies), maxPolicies)
	}
}

// The bridge adds nothing to validate: its text is internal/report's result line, for
// the policy the JavaScript spelling names.
func TestCreateResult(t *testing.T) {
	tests := []struct{ body, policy, want string }{
		{`{}`, ``, `{"ok":false,"error":{"code":"validation_failed","message":"One or more fields are invalid","details":[{"field":"base","message":"email or phone_number is required","rule":"required_one_of"}]}}`},
		{`{"email":"jane@example.com"}`, ``, `{"ok":true,"effects":{"welcome_sms":false,"email_unsuppressed":false,"defaults_applied":["email_consent","sms_consent"]}}`},
		{`{"phone_number":"+442071838750","sms_consent":"subscribed"}`, ``, `{"ok":false,"error":{"code":"validation_failed","message":"One or more fields are invalid","details":[{"field":"sms_consent","message":"requires a phone number from a supported country","rule":"sms_supported_country"}]}}`},
		{`{"phone_number":"+442071838750","sms_consent":"subscribed"}`, `{"smsRegions":["GB"]}`, `{"ok":true,"effects":{"welcome_sms":true,"email_unsuppressed":false,"defaults_applied":["email_consent"]}}`},
		{`{"email":"jane@example.com","phone":"+14155552671"}`, `{"allowUnknownFields":true}`, `{"ok":true,"effects":{"welcome_sms":false,"email_unsuppressed":false,"defaults_applied":["email_consent","sms_consent"]}}`},
		{`{"email":"jane@example.com"}`, `{"maxBodyBytes":10}`, `{"ok":false,"error":{"code":"validation_failed","message":"One or more fields are invalid","details":[{"field":"base","message":"must be at most 10 bytes","rule":"max_bytes"}]}}`},
	}
	for _, tt := range tests {
		got, _, err := createResult(nil, []byte(tt.body), []byte(tt.policy), true)
		if err != nil || string(got) != tt.want {
			t.Errorf("createResult(%s, %s, true) =\n%s, %v\nwant\n%s", tt.body, tt.policy, got, err, tt.want)
		}
	}
	if _, _, err := createResult(nil, []byte(`{}`), []byte(`{"nope":1}`), true); err == nil {
		t.Error("createResult with a bad policy: no error")
	}
}

func TestUpdateResult(t *testing.T) {
	tests := []struct{ current, body, want string }{
		// Members of a stored contact the rules do not read are ignored.
		{`{"id":"c_1","email":"jane@example.com","created_at":"2024-01-01T00:00:00Z"}`, `{"first_name":"Jane"}`,
			`{"ok":true,"effects":{"welcome_sms":false,"email_unsuppressed":false,"defaults_applied":[]}}`},
		{`{"email":"jane@example.com"}`, `{"email":"john@example.com"}`,
			`{"ok":false,"error":{"code":"validation_failed","message":"One or more fields are invalid","details":[{"field":"email","message":"cannot be changed once set","rule":"immutable"}]}}`},
		{`{"email":"jane@example.com","email_consent":"compliance_suppressed"}`, `{"email_consent":"subscribed"}`,
			`{"ok":false,"error":{"code":"validation_failed","message":"One or more fields are invalid","details":[{"field":"email_consent","message":"cannot be changed while the contact is compliance-suppressed","rule":"compliance_suppressed"}]}}`},
		{`{"phone_number":"+14155552671","sms_consent":"never_subscribed"}`, `{"sms_consent":"subscribed"}`,
			`{"ok":true,"effects":{"welcome_sms":true,"email_unsuppressed":false,"defaults_applied":[]}}`},
		{`null`, `{}`,
			`{"ok":false,"error":{"code":"validation_failed","message":"One or more fields are invalid","details":[{"field":"base","message":"at least one field is required","rule":"required_any"}]}}`},
	}
	for _, tt := range tests {
		got, _, err := updateResult(nil, []byte(tt.current), []byte(tt.body), nil, true)
		if err != nil || string(got) != tt.want {
			t.Errorf("updateResult(%s, %s, true) =\n%s, %v\nwant\n%s", tt.current, tt.body, got, err, tt.want)
		}
	}
}

// A stored contact that is not one is the calling code's mistake, and the
// error says where without quoting the contact.
func TestUpdateResultBadCurrent(t *testing.T) {
	for _, tt := range contactMistakes {
		_, _, err := updateResult(nil, []byte(tt.text), []byte(`{"first_name":"Jane"}`), nil, true)
		var ce *callerError
		if !errors.As(err, &ce) || ce.kind != invalidContact || ce.msg != tt.want {
			t.Errorf("updateResult(current %s, true) error = %#v; want invalid_contact %q", tt.text, err, tt.want)
		}
	}
}

// contactMistakes are stored contacts the module refuses, with the
// message of the ContactRulesError it throws. None quotes the contact.
var contactMistakes = []struct{ text, want string }{
	{`{"email":"secret@example.com"`, "current is not valid JSON (at byte offset 29)"},
	{`{"email":"secret@example.com",}`, "current is not valid JSON (at byte offset 30)"},
	{`{"email":42,"last_name":"Secret"}`, "current.email must be a string"},
	{`{"phone_number":14155552671}`, "current.phone_number must be a string"},
	{`{"first_name":{}}`, "current.first_name must be a string"},
	{`{"last_name":true}`, "current.last_name must be a string"},
	{`{"tags":["Secret",7]}`, "current.tags must be an array of strings"},
	{`{"tags":"Secret"}`, "current.tags must be an array of strings"},
	{`{"custom_fields":["Secret"]}`, "current.custom_fields must be an object"},
	{`{"email_consent":1}`, "current.email_consent must be a string"},
	{`{"sms_consent":false}`, "current.sms_consent must be a string"},
	{`{"send_welcome_sms":"no"}`, "current.send_welcome_sms must be a boolean"},
	{`["secret@example.com"]`, "current must be a contact object"},
	{`"secret@example.com"`, "current must be a contact object"},
	{`42`, "current must be a contact object"},
	{``, "current is not valid JSON (at byte offset 0)"},
}

// The stored contact is read as JSON.parse reads it: exact names, the
// last of a repeated member, nulls as absent, other members ignored.
func TestReadContact(t *testing.T) {
	no := false
	tests := []struct {
		text string
		want validate.Contact
	}{
		{`null`, validate.Contact{}},
		{`{}`, validate.Contact{}},
		{` {"id":"c_1","created_at":"2024-01-01","extra":{"a":[1,{"b":"]}"}]}} `, validate.Contact{}},
		{`{"email":"jane@example.com","phone_number":"+14155552671","first_name":"Jane","last_name":"Doe"}`,
			validate.Contact{Email: "jane@example.com", PhoneNumber: "+14155552671", FirstName: "Jane", LastName: "Doe"}},
		{`{"tags":["vip","gold"],"custom_fields":{"plan": "pro","n":1},"email_consent":"compliance_suppressed","sms_consent":"pending","send_welcome_sms":false}`,
			validate.Contact{Tags: []string{"vip", "gold"}, CustomFields: validate.RawObject(`{"plan": "pro","n":1}`),
				EmailConsent: "compliance_suppressed", SMSConsent: "pending", SendWelcomeSMS: &no}},
		{`{"tags":[]}`, validate.Contact{Tags: []string{}}},
		{`{"email":"jane@example.com","email":null,"Email":"x@example.com","tags":null,"custom_fields":null,"send_welcome_sms":null}`, validate.Contact{}},
		{`{"first_name":"J\u00e9r\u00f4me \"J\" \ud83d\ude00 \/\b\f\n\r\t\\"}`,
			validate.Contact{FirstName: "Jérôme \"J\" 😀 /\b\f\n\r\t\\"}},
		{"{\"last_name\":\"\xff\"}", validate.Contact{LastName: "\xff"}},
	}
	for _, tt := range tests {
		got, err := readContact([]byte(tt.text))
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("readContact(%s) = %+v, %v; want %+v", tt.text, got, err, tt.want)
		}
	}
}

// The verdict says what the answer's text says, for JavaScript to build
// an acceptable answer's object from it.
func TestSummary(t *testing.T) {
	bodies := []string{
		`{}`,
		`{"email":"jane@example.com"}`,
		`{"email":"jane@example.com","email_consent":"subscribed"}`,
		`{"phone_number":"+14155552671","sms_consent":"subscribed"}`,
		`{"phone_number":"+14155552671","sms_consent":"subscribed","send_welcome_sms":false,"email_consent":"unsubscribed"}`,
	}
	seen := map[verdict]bool{}
	check := func(text []byte, s verdict) {
		var answer struct {
			OK      bool
			Effects struct {
				WelcomeSMS        bool     `json:"welcome_sms"`
				EmailUnsuppressed bool     `json:"email_unsuppressed"`
				DefaultsApplied   []string `json:"defaults_applied"`
			}
		}
		if err := json.Unmarshal(text, &answer); err != nil {
			t.Fatal(err)
		}
		want := verdict(0)
		if answer.OK {
			want = verdictOK
			e := answer.Effects
			for flag, on := range map[verdict]bool{verdictWelcomeSMS: e.WelcomeSMS, verdictEmailUnsuppressed: e.EmailUnsuppressed,
				verdictDefaultedEmail: slices.Contains(e.DefaultsApplied, "email_consent"), verdictDefaultedSMS: slices.Contains(e.DefaultsApplied, "sms_consent")} {
				if on {
					want |= flag
				}
			}
		}
		if s != want {
			t.Errorf("%s: verdict %05b, want %05b", text, s, want)
		}
		seen[s] = true
	}
	for _, body := range bodies {
		text, s, err := createResult(nil, []byte(body), nil, true)
		if err != nil {
			t.Fatal(err)
		}
		check(text, s)
	}
	text, s, err := updateResult(nil, []byte(`{"email":"jane@example.com","email_consent":"suppressed"}`), []byte(`{"email_consent":"subscribed"}`), nil, true)
	if err != nil {
		t.Fatal(err)
	}
	check(text, s)
	if len(seen) < 5 {
		t.Errorf("the cases give %d summaries; want them to cover every bit", len(seen))
	}
}

func TestNormalizeResult(t *testing.T) {
	tests := []struct{ input, region, want string }{
		{"(415) 555-2671", "US", `{"ok":true,"e164":"+14155552671","region":"US"}`},
		{"020 7183 8750", "GB", `{"ok":true,"e164":"+442071838750","region":"GB"}`},
		{"+1 099 555 1234", "", `{"ok":false,"error":{"code":"invalid","message":"not a valid phone number: not a valid number for its region, or not in canonical form"}}`},
		{"+1 876 960 1234", "GB", `{"ok":true,"e164":"+18769601234","region":"JM"}`},
		{"1-800-FLOWERS", "US", `{"ok":false,"error":{"code":"syntax","message":"malformed phone number: contains a character that is not a digit, a leading '+' or a separator ( ) - . / space"}}`},
		{"415 555 2671", "", `{"ok":false,"error":{"code":"invalid","message":"not a valid phone number: no country calling code and no default region"}}`},
	}
	for _, tt := range tests {
		got, err := normalizeResult([]byte("x"), tt.input, tt.region)
		if err != nil || string(got) != "x"+tt.want {
			t.Errorf("normalizeResult(%q, %q) =\n%s, %v\nwant\n%s", tt.input, tt.region, got, err, tt.want)
		}
	}
}

// An unknown default region is the caller's mistake, a RangeError whose
// message does not quote it.
func TestNormalizeResultRegion(t *testing.T) {
	for _, region := range []string{"ZZ", "us", "001", "Secret", "\x00"} {
		_, err := normalizeResult(nil, "415 555 2671", region)
		var ce *callerError
		if !errors.As(err, &ce) || ce.kind != outOfRange || ce.msg != `defaultRegion must be a supported region code, such as "US"` {
			t.Errorf("normalizeResult(region %q) error = %#v; want the RangeError", region, err)
		}
	}
}

// No message of phone's reaches JavaScript with the package's prefix.
func TestNormalizeResultMessages(t *testing.T) {
	for _, in := range []string{"", "+", "1+2", "abc", "+0123", strings.Repeat("1", 65), "555-01", "+99912345", "415 555 2671"} {
		got, err := normalizeResult(nil, in, "")
		if err != nil || bytes.Contains(got, []byte("phone:")) {
			t.Errorf("normalizeResult(%q) = %s, %v", in, got, err)
		}
	}
}

func Example_normalizePhone() {
	b, _ := normalizeResult(nil, "(415) 555-2671", "US")
	fmt.Println(string(b))
	// Output: {"ok":true,"e164":"+14155552671","region":"US"}
}

func Example_validateCreate() {
	b, _, _ := createResult(nil, []byte(`{"email":"jane@example.com","sms_consent":"unsubscribed"}`), nil, true)
	fmt.Println(string(b))
	// Output: {"ok":false,"error":{"code":"validation_failed","message":"One or more fields are invalid","details":[{"field":"sms_consent","message":"cannot be unsubscribed for a new contact","rule":"sms_no_unsubscribe_on_create"}]}}
}

func Example_validateUpdate() {
	b, _, _ := updateResult(nil, []byte(`{"id":"c_1","email":"jane@example.com"}`), []byte(`{"phone_number":"+14155552671","sms_consent":"subscribed"}`), nil, true)
	fmt.Println(string(b))
	// Output: {"ok":true,"effects":{"welcome_sms":true,"email_unsuppressed":false,"defaults_applied":[]}}
}

// TestSMSNeedsMobileOption: the policy option smsNeedsMobile is the Go
// policy's SMSNeedsMobile.
func TestSMSNeedsMobileOption(t *testing.T) {
	body := []byte(`{"phone_number":"+18002530000","sms_consent":"subscribed"}`)
	got, _, err := createResult(nil, body, []byte(`{"smsNeedsMobile":true}`), true)
	want := `{"ok":false,"error":{"code":"validation_failed","message":"One or more fields are invalid","details":[{"field":"sms_consent","message":"requires a mobile phone number","rule":"sms_mobile"}]}}`
	if err != nil || string(got) != want {
		t.Errorf("got %s, %v; want %s", got, err, want)
	}
}
