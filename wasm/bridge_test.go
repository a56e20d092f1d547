package main

import (
	"errors"
	"fmt"
	"reflect"
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
// the default: a typo would otherwise loosen the checks unnoticed.
func TestParsePolicyRefuses(t *testing.T) {
	tests := []struct{ text, wantIn string }{
		{`{"smsRegion":["GB"]}`, `unknown field "smsRegion"`},
		{`{"smsRegions":["XX"]}`, "smsRegions"},
		{`{"maxTags":"3"}`, "policy"},
		{`{"maxTags":2.5}`, "policy"},
		{`{} {}`, "more than one JSON value"},
		{`[]`, "policy"},
		{`{`, "policy"},
	}
	for _, tt := range tests {
		_, err := parsePolicy([]byte(tt.text))
		var ce callerError
		if !errors.As(err, &ce) || !strings.Contains(err.Error(), tt.wantIn) {
			t.Errorf("parsePolicy(%q) error = %v; want a callerError containing %q", tt.text, err, tt.wantIn)
		}
	}
}

// The bridge adds nothing to validate: its text is validate.Result's, for
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
		got, err := createResult([]byte(tt.body), []byte(tt.policy))
		if err != nil || string(got) != tt.want {
			t.Errorf("createResult(%s, %s) =\n%s, %v\nwant\n%s", tt.body, tt.policy, got, err, tt.want)
		}
	}
	if _, err := createResult([]byte(`{}`), []byte(`{"nope":1}`)); err == nil {
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
		got, err := updateResult([]byte(tt.current), []byte(tt.body), nil)
		if err != nil || string(got) != tt.want {
			t.Errorf("updateResult(%s, %s) =\n%s, %v\nwant\n%s", tt.current, tt.body, got, err, tt.want)
		}
	}
}

// A stored contact that is not one is the calling code's mistake, and the
// error says where without quoting the contact.
func TestUpdateResultBadCurrent(t *testing.T) {
	tests := []struct{ current, wantIn string }{
		{`{"email":"secret@example.com"`, "not valid JSON"},
		{`{"email":"secret@example.com",}`, "not valid JSON"},
		{`{"email":42,"last_name":"Secret"}`, "email has the wrong JSON type"},
		{`{"tags":["Secret",7]}`, "tags has the wrong JSON type"},
		{`["secret@example.com"]`, "not a JSON object"},
		{`"secret@example.com"`, "not a JSON object"},
		{``, "not valid JSON"},
	}
	for _, tt := range tests {
		_, err := updateResult([]byte(tt.current), []byte(`{"first_name":"Jane"}`), nil)
		var ce callerError
		if !errors.As(err, &ce) || !strings.Contains(err.Error(), tt.wantIn) {
			t.Errorf("updateResult(current %s) error = %v; want a callerError containing %q", tt.current, err, tt.wantIn)
			continue
		}
		if msg := strings.ToLower(err.Error()); strings.Contains(msg, "secret") || strings.Contains(msg, "42") {
			t.Errorf("updateResult(current %s) error %q quotes the contact", tt.current, err)
		}
	}
}

func TestNormalizeResult(t *testing.T) {
	tests := []struct{ input, region, want string }{
		{"(415) 555-2671", "US", `{"ok":true,"e164":"+14155552671","region":"US"}`},
		{"020 7183 8750", "GB", `{"ok":true,"e164":"+442071838750","region":"GB"}`},
		{"+1 099 555 1234", "", `{"ok":false,"error":{"code":"invalid","message":"phone: not a valid phone number: not a valid number for its region, or not in canonical form"}}`},
		{"+1 876 960 1234", "GB", `{"ok":true,"e164":"+18769601234","region":"JM"}`},
		{"1-800-FLOWERS", "US", `{"ok":false,"error":{"code":"syntax","message":"phone: malformed phone number: contains a character that is not a digit, a leading '+' or a separator ( ) - . / space"}}`},
		{"415 555 2671", "", `{"ok":false,"error":{"code":"invalid","message":"phone: not a valid phone number: no country calling code and no default region"}}`},
		{"415 555 2671", "ZZ", `{"ok":false,"error":{"code":"invalid","message":"phone: not a valid phone number: unknown default region"}}`},
	}
	for _, tt := range tests {
		if got := normalizeResult(tt.input, tt.region); string(got) != tt.want {
			t.Errorf("normalizeResult(%q, %q) =\n%s\nwant\n%s", tt.input, tt.region, got, tt.want)
		}
	}
}

func Example_normalizePhone() {
	fmt.Println(string(normalizeResult("(415) 555-2671", "US")))
	// Output: {"ok":true,"e164":"+14155552671","region":"US"}
}

func Example_validateCreate() {
	b, _ := createResult([]byte(`{"email":"jane@example.com","sms_consent":"unsubscribed"}`), nil)
	fmt.Println(string(b))
	// Output: {"ok":false,"error":{"code":"validation_failed","message":"One or more fields are invalid","details":[{"field":"sms_consent","message":"cannot be unsubscribed for a new contact","rule":"sms_no_unsubscribe_on_create"}]}}
}
