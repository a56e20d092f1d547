package vtags_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/phone"
	"github.com/contactrules/contactrules/validate"
	"github.com/contactrules/contactrules/validate/vtags"
	"github.com/go-playground/validator/v10"
)

// Numbers from libphonenumber's examples: valid, and in or out of the
// default SMS regions.
const (
	usNumber = "+12015550123"
	gbNumber = "+447400123456"
)

var long256 = strings.Repeat("é", 256)

// contact is a form backend's struct written as the package advises: the
// API's JSON names, a contact tag on each field, none behind omitempty.
type contact struct {
	Email          string         `json:"email,omitempty" validate:"contact_email"`
	Phone          string         `json:"phone_number,omitempty" validate:"phone_e164"`
	FirstName      string         `json:"first_name,omitempty" validate:"contact_name"`
	LastName       string         `json:"last_name,omitempty" validate:"contact_name"`
	Tags           []string       `json:"tags,omitempty" validate:"contact_tags"`
	CustomFields   map[string]any `json:"custom_fields,omitempty" validate:"flat_map"`
	EmailConsent   string         `json:"email_consent,omitempty" validate:"email_consent"`
	SMSConsent     string         `json:"sms_consent,omitempty" validate:"sms_consent"`
	SendWelcomeSMS *bool          `json:"send_welcome_sms,omitempty"`
}

// details renders details as "field: message (rule)" lines.
func details(ds []errs.FieldError) []string {
	out := []string{}
	for _, d := range ds {
		out = append(out, d.Field+": "+d.Message+" ("+d.Rule+")")
	}
	return out
}

func newValidator(t testing.TB, p validate.Policy) (*validator.Validate, *vtags.Rules) {
	t.Helper()
	v := validator.New(validator.WithRequiredStructEnabled())
	rules := vtags.New(p)
	if err := rules.Register(v); err != nil {
		t.Fatal(err)
	}
	return v, rules
}

// check returns the details of s through the validator.
func check(t testing.TB, p validate.Policy, s any) []string {
	t.Helper()
	v, rules := newValidator(t, p)
	return details(rules.FieldErrors(v.Struct(s)))
}

func want(lines ...string) []string { return append([]string{}, lines...) }

var contactCases = []struct {
	rule   string // the contract rule the row checks
	c      contact
	want   []string
	noJSON bool // encoding/json cannot write it (invalid UTF-8 becomes U+FFFD)
}{
	// Identity.
	{"identity: neither email nor phone", contact{FirstName: "Jane"}, want("base: email or phone_number is required (required_one_of)"), false},
	{"identity: an empty contact", contact{}, want("base: email or phone_number is required (required_one_of)"), false},
	{"identity: email alone is enough", contact{Email: "jane@example.com"}, want(), false},
	{"identity: phone alone is enough", contact{Phone: usNumber}, want(), false},

	// email and phone_number.
	{"email: must be a valid address", contact{Email: "Jane <jane@example.com>"}, want("email: must be a valid email address (email)"), false},
	{"email: must be valid UTF-8", contact{Email: "j\xffne@example.com"}, want("email: must be valid UTF-8 (utf8)"), true},
	{"phone_number: canonical E.164 only", contact{Phone: "+4402071838750"}, want("phone_number: must be a valid phone number in E.164 format (e164)"), false},
	{"phone_number: a fictional 555 number is invalid", contact{Phone: "+15551234567"}, want("phone_number: must be a valid phone number in E.164 format (e164)"), false},

	// Names.
	{"first_name: at most 255 code points", contact{Email: "a@b.co", FirstName: long256}, want("first_name: must be at most 255 characters (max_length)"), false},
	{"first_name: 255 code points pass", contact{Email: "a@b.co", FirstName: long256[2:]}, want(), false},
	{"last_name: at most 255 code points", contact{Email: "a@b.co", LastName: long256}, want("last_name: must be at most 255 characters (max_length)"), false},

	// Tags.
	{"tags: at most 100", contact{Email: "a@b.co", Tags: make101()}, want("tags: must have at most 100 items (max_items)"), false},
	{"tags[i]: non-empty", contact{Email: "a@b.co", Tags: []string{"vip", ""}}, want("tags[1]: must be a non-empty string of at most 255 characters (tag)"), false},
	{"tags[i]: at most 255 code points", contact{Email: "a@b.co", Tags: []string{long256}}, want("tags[0]: must be a non-empty string of at most 255 characters (tag)"), false},
	{"tags[i]: valid UTF-8", contact{Email: "a@b.co", Tags: []string{"ok", "\xff"}}, want("tags[1]: must be valid UTF-8 (utf8)"), true},
	{"tags: too many, and a bad tag: both", contact{Email: "a@b.co", Tags: append(make101(), "")},
		want("tags: must have at most 100 items (max_items)", "tags[101]: must be a non-empty string of at most 255 characters (tag)"), false},

	// Custom fields.
	{"custom_fields: flat values pass", contact{Email: "a@b.co", CustomFields: map[string]any{"plan": "pro", "seats": 3, "trial": false, "ref": nil}}, want(), false},
	{"custom_fields: no nested object", contact{Email: "a@b.co", CustomFields: map[string]any{"a": map[string]any{}}},
		want("custom_fields: must be a flat key-value object (no nested values) (flat_object)"), false},
	{"custom_fields: no array", contact{Email: "a@b.co", CustomFields: map[string]any{"a": []int{1}}},
		want("custom_fields: must be a flat key-value object (no nested values) (flat_object)"), false},
	{"custom_fields.<key>: valid UTF-8", contact{Email: "a@b.co", CustomFields: map[string]any{"note": "\xff"}},
		want("custom_fields.note: must be valid UTF-8 (utf8)"), true},

	// Consent.
	{"email_consent: a writable value", contact{Email: "a@b.co", EmailConsent: "compliance_suppressed"},
		want("email_consent: must be one of: subscribed, unsubscribed, never_subscribed, suppressed (enum)"), false},
	{"sms_consent: a writable value", contact{Phone: usNumber, SMSConsent: "pending"},
		want("sms_consent: must be one of: subscribed, unsubscribed, never_subscribed, single_opt_in (enum)"), false},
	{"sms_consent: subscribed needs a supported country", contact{Phone: gbNumber, SMSConsent: "subscribed"},
		want("sms_consent: requires a phone number from a supported country (sms_supported_country)"), false},
	{"sms_consent: single_opt_in needs a phone number", contact{Email: "a@b.co", SMSConsent: "single_opt_in"},
		want("sms_consent: requires a phone number from a supported country (sms_supported_country)"), false},
	{"sms_consent: an invalid number gets both details", contact{Phone: "+1201555012", SMSConsent: "subscribed"},
		want("phone_number: must be a valid phone number in E.164 format (e164)", "sms_consent: requires a phone number from a supported country (sms_supported_country)"), false},
	{"sms_consent: a US number may subscribe", contact{Phone: usNumber, SMSConsent: "subscribed"}, want(), false},
	{"sms_consent: not unsubscribed on create", contact{Email: "a@b.co", SMSConsent: "unsubscribed"},
		want("sms_consent: cannot be unsubscribed for a new contact (sms_no_unsubscribe_on_create)"), false},

	// Everything at once: the rule table's order.
	{"order: the rule table's", contact{LastName: long256, FirstName: long256, SMSConsent: "subscribed", EmailConsent: "x", Tags: []string{""},
		CustomFields: map[string]any{"a": []any{}}},
		want("base: email or phone_number is required (required_one_of)",
			"first_name: must be at most 255 characters (max_length)",
			"last_name: must be at most 255 characters (max_length)",
			"tags[0]: must be a non-empty string of at most 255 characters (tag)",
			"custom_fields: must be a flat key-value object (no nested values) (flat_object)",
			"email_consent: must be one of: subscribed, unsubscribed, never_subscribed, suppressed (enum)",
			"sms_consent: requires a phone number from a supported country (sms_supported_country)"), false},
}

func make101() []string { return strings.Split(strings.Repeat("t,", 100)+"t", ",") }

func TestContactTags(t *testing.T) {
	for _, tc := range contactCases {
		t.Run(tc.rule, func(t *testing.T) {
			got := check(t, validate.Policy{}, tc.c)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("details\n got: %q\nwant: %q", got, tc.want)
			}
			if tc.noJSON {
				return
			}
			body, err := json.Marshal(tc.c)
			if err != nil {
				t.Fatal(err)
			}
			_, _, ds := validate.CreateJSON(body, validate.Policy{})
			if js := details(ds); !reflect.DeepEqual(got, js) {
				t.Errorf("CreateJSON(%s) gives other details\n vtags: %q\n  JSON: %q", body, got, js)
			}
		})
	}
}

// TestContactTagsNoJSON checks the rows encoding/json cannot write
// against validate.Create on the contact the struct holds.
func TestContactTagsNoJSON(t *testing.T) {
	rules := vtags.New(validate.Policy{})
	for _, tc := range contactCases {
		c, err := rules.Contact(tc.c)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, ds := validate.Create(c, validate.Policy{}); !reflect.DeepEqual(details(ds), tc.want) {
			t.Errorf("%s: validate.Create gives %q, want %q", tc.rule, details(ds), tc.want)
		}
	}
}

// signupForm is a gin form backend's struct, as issue reports wrote it:
// gin's binding tag, omitempty before the optional fields.
type signupForm struct {
	Email      string   `form:"email" json:"email" binding:"omitempty,contact_email"`
	Phone      string   `form:"phone" json:"phone_number" binding:"omitempty,phone_e164"`
	FirstName  string   `form:"first_name" json:"first_name" binding:"omitempty,contact_name"`
	Tags       []string `form:"tags" json:"tags" binding:"omitempty,contact_tags"`
	SMSConsent string   `form:"sms_consent" json:"sms_consent" binding:"omitempty,sms_consent"`
}

func checkBinding(t *testing.T, p validate.Policy, s any) []string {
	t.Helper()
	v := validator.New()
	v.SetTagName("binding")
	rules := vtags.New(p)
	if err := rules.Register(v); err != nil {
		t.Fatal(err)
	}
	return details(rules.FieldErrors(v.Struct(s)))
}

// The three answers reported wrong: the validator route accepted what
// validate.Create refuses, or answered otherwise.
func TestReportedBugs(t *testing.T) {
	cases := []struct {
		form string
		s    signupForm
		want []string
	}{
		{"phone=+447400123456&sms_consent=subscribed", signupForm{Phone: gbNumber, SMSConsent: "subscribed"},
			want("sms_consent: requires a phone number from a supported country (sms_supported_country)")},
		{"email=a@b.co&sms_consent=unsubscribed", signupForm{Email: "a@b.co", SMSConsent: "unsubscribed"},
			want("sms_consent: cannot be unsubscribed for a new contact (sms_no_unsubscribe_on_create)")},
		{"first_name=Jane", signupForm{FirstName: "Jane"}, want("base: email or phone_number is required (required_one_of)")},
	}
	for _, tc := range cases {
		if got := checkBinding(t, validate.Policy{}, tc.s); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s:\n got: %q\nwant: %q", tc.form, got, tc.want)
		}
	}
}

// With omitempty before both identity tags the identity rule is reported
// by another field that runs and passes its own rules; when none does,
// the validator never calls this package (the documented limit) and
// validate.Create on the contact still refuses it.
func TestIdentityBehindOmitempty(t *testing.T) {
	if got := checkBinding(t, validate.Policy{}, signupForm{Tags: []string{"vip"}}); !reflect.DeepEqual(got, want("base: email or phone_number is required (required_one_of)")) {
		t.Errorf("tags alone: %q", got)
	}
	if got := checkBinding(t, validate.Policy{}, signupForm{SMSConsent: "never_subscribed"}); !reflect.DeepEqual(got, want("base: email or phone_number is required (required_one_of)")) {
		t.Errorf("sms_consent alone: %q", got)
	}
	if got := checkBinding(t, validate.Policy{}, signupForm{FirstName: long256}); !reflect.DeepEqual(got, want("first_name: must be at most 255 characters (max_length)")) {
		t.Errorf("a name too long alone: %q", got)
	}
	if got := checkBinding(t, validate.Policy{}, signupForm{}); len(got) != 0 {
		t.Errorf("empty form: %q (the validator calls no contact tag)", got)
	}
	c, err := vtags.New(validate.Policy{}).Contact(signupForm{})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, ds := validate.Create(c, validate.Policy{}); !reflect.DeepEqual(details(ds), want("base: email or phone_number is required (required_one_of)")) {
		t.Errorf("validate.Create on the empty form: %q", details(ds))
	}
}

// The policy is given once, to New.
func TestPolicyOnce(t *testing.T) {
	uk, err := phone.NewRegions("GB")
	if err != nil {
		t.Fatal(err)
	}
	p := validate.Policy{MaxTags: 2, MaxNameLength: 3, SMSRegions: uk, AcceptLegacyConsent: true}
	got := check(t, p, contact{Phone: gbNumber, SMSConsent: "subscribed", FirstName: "Jane", Tags: []string{"a", "b", "c"}, EmailConsent: "non_subscribed"})
	w := want("first_name: must be at most 3 characters (max_length)", "tags: must have at most 2 items (max_items)")
	if !reflect.DeepEqual(got, w) {
		t.Errorf("details\n got: %q\nwant: %q", got, w)
	}
	got = check(t, p, contact{Phone: usNumber, SMSConsent: "single_opt_in"})
	if w := want("sms_consent: requires a phone number from a supported country (sms_supported_country)"); !reflect.DeepEqual(got, w) {
		t.Errorf("a US number under GB-only SMS: %q", got)
	}
}

// An answer lists at most MaxDetails details, as CreateJSON's: the first
// MaxDetails-1, then base, max_details.
func TestMaxDetails(t *testing.T) {
	many := make([]string, 150) // 150 empty tags
	for _, tc := range []struct {
		max int
		c   contact
	}{
		{0, contact{Email: "a@b.co", Tags: many}},
		{3, contact{FirstName: long256, Tags: []string{"", "", ""}}},
		{3, contact{FirstName: long256, Tags: []string{""}}},
		{4, contact{FirstName: long256, Tags: []string{""}, SMSConsent: "subscribed"}},
		{1, contact{FirstName: "Jane"}},
		{1, contact{Email: "x", Phone: "y"}},
		{2, contact{Email: "a@b.co", Tags: many}},
	} {
		p := validate.Policy{MaxDetails: tc.max}
		got := check(t, p, tc.c)
		body, _ := json.Marshal(tc.c)
		_, _, ds := validate.CreateJSON(body, p)
		if !reflect.DeepEqual(got, details(ds)) {
			t.Errorf("MaxDetails %d, %s:\n got: %q\nwant: %q", tc.max, body[:min(len(body), 80)], got, details(ds))
		}
	}
	got := check(t, validate.Policy{MaxDetails: 2}, contact{FirstName: long256, Tags: []string{""}})
	if w := want("base: email or phone_number is required (required_one_of)", "base: too many errors; only the first 1 are listed (max_details)"); !reflect.DeepEqual(got, w) {
		t.Errorf("MaxDetails 2: %q", got)
	}
}

// sms_phone is phone_e164 for numbers SMS may go to, whatever the consent.
func TestSMSPhone(t *testing.T) {
	type smsForm struct {
		Phone string `json:"phone_number" validate:"sms_phone"`
	}
	cases := []struct {
		phone string
		want  []string
	}{
		{usNumber, want()},
		{gbNumber, want("phone_number: requires a phone number from a supported country (sms_supported_country)")},
		{"+4402071838750", want("phone_number: must be a valid phone number in E.164 format (e164)")},
		{"", want("base: email or phone_number is required (required_one_of)")},
	}
	for _, tc := range cases {
		if got := check(t, validate.Policy{}, smsForm{tc.phone}); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q: %q, want %q", tc.phone, got, tc.want)
		}
	}
}

// Tags that are not ours keep validator's tag and parameter as the rule,
// and a message that says what failed.
func TestOtherTags(t *testing.T) {
	type form struct {
		Email   string            `json:"email" validate:"contact_email"`
		Country string            `json:"country" validate:"required"`
		Code    string            `json:"code" validate:"max=3"`
		Pin     string            `json:"pin" validate:"len=4"`
		Nick    string            `json:"nick" validate:"min=2"`
		Picks   []int             `json:"picks" validate:"max=1"`
		Seats   int               `json:"seats" validate:"max=3"`
		Plan    string            `json:"plan" validate:"oneof=free pro"`
		Backup  string            `json:"backup" validate:"email"`
		Site    string            `json:"site" validate:"url"`
		Color   string            `json:"color" validate:"hexcolor"`
		Labels  map[string]string `json:"labels" validate:"min=1"`
		Another string            `json:"another" validate:"required_without=Email"`
	}
	got := check(t, validate.Policy{}, form{Email: "a@b.co", Code: "ABCD", Pin: "123", Nick: "J", Picks: []int{1, 2}, Seats: 4,
		Plan: "team", Backup: "x", Site: "not a url", Color: "red", Labels: map[string]string{}})
	w := want(
		"country: is required (required)",
		"code: must be at most 3 characters (max=3)",
		"pin: must be exactly 4 characters (len=4)",
		"nick: must be at least 2 characters (min=2)",
		"picks: must have at most 1 item (max=1)",
		"seats: must be at most 3 (max=3)",
		"plan: must be one of: free, pro (oneof=free pro)",
		"backup: must be a valid email address (email)",
		"site: must be a valid URL (url)",
		"color: is invalid (hexcolor)",
		"labels: must have at least 1 item (min=1)",
	)
	if !reflect.DeepEqual(got, w) {
		t.Errorf("details\n got: %q\nwant: %q", got, w)
	}
}

// A tag that is not ours on a field named as an API field joins that
// field's place; other fields come after the contact's details.
func TestOtherTagsOrder(t *testing.T) {
	type form struct {
		Country    string `json:"country" validate:"required"`
		SMSConsent string `json:"sms_consent" validate:"sms_consent"`
		FirstName  string `json:"first_name" validate:"required,contact_name"`
		Email      string `json:"email" validate:"contact_email"`
	}
	got := check(t, validate.Policy{}, form{Email: "x", SMSConsent: "pending"})
	w := want("email: must be a valid email address (email)",
		"first_name: is required (required)",
		"sms_consent: must be one of: subscribed, unsubscribed, never_subscribed, single_opt_in (enum)",
		"country: is required (required)")
	if !reflect.DeepEqual(got, w) {
		t.Errorf("details\n got: %q\nwant: %q", got, w)
	}
}

// Callers register messages of their own, per tag; the contact tags keep
// the API's.
func TestMessage(t *testing.T) {
	type form struct {
		Email string `json:"email" validate:"contact_email"`
		Code  string `json:"code" validate:"max=3"`
		Zip   string `json:"zip" validate:"postcode"`
	}
	v := validator.New()
	rules := vtags.New(validate.Policy{})
	if err := rules.Register(v); err != nil {
		t.Fatal(err)
	}
	if err := v.RegisterValidation("postcode", func(fl validator.FieldLevel) bool { return len(fl.Field().String()) == 5 }); err != nil {
		t.Fatal(err)
	}
	if err := rules.Message("max", func(fe validator.FieldError) string { return "darf höchstens " + fe.Param() + " Zeichen haben" }); err != nil {
		t.Fatal(err)
	}
	if err := rules.Message("postcode", func(validator.FieldError) string { return "must be a 5-digit postcode" }); err != nil {
		t.Fatal(err)
	}
	if err := rules.Message(vtags.TagEmail, func(validator.FieldError) string { return "x" }); err == nil {
		t.Error("Message accepted a contact tag")
	}
	got := details(rules.FieldErrors(v.Struct(form{Email: "a@b.co", Code: "ABCD", Zip: "1"})))
	w := want("code: darf höchstens 3 Zeichen haben (max=3)", "zip: must be a 5-digit postcode (postcode)")
	if !reflect.DeepEqual(got, w) {
		t.Errorf("details\n got: %q\nwant: %q", got, w)
	}
	if err := rules.Message("max", nil); err != nil {
		t.Fatal(err)
	}
	got = details(rules.FieldErrors(v.Struct(form{Email: "a@b.co", Code: "ABCD", Zip: "12345"})))
	if w := want("code: must be at most 3 characters (max=3)"); !reflect.DeepEqual(got, w) {
		t.Errorf("after Message(max, nil): %q", got)
	}
}

// An error that is not about a field has no detail: FieldErrors returns
// nil and the caller answers err itself.
func TestNotAValidationError(t *testing.T) {
	v, rules := newValidator(t, validate.Policy{})
	for name, err := range map[string]error{
		"nil":                    nil,
		"not a struct":           v.Struct(5),
		"nil pointer":            v.Struct((*contact)(nil)),
		"a binding error":        errors.New("json: cannot unmarshal number into Go struct field"),
		"empty ValidationErrors": validator.ValidationErrors{},
	} {
		if ds := rules.FieldErrors(err); ds != nil {
			t.Errorf("%s: %q", name, details(ds))
		}
	}
	var invalid *validator.InvalidValidationError
	if err := v.Struct(5); !errors.As(err, &invalid) {
		t.Errorf("v.Struct(5) = %v", err)
	}
	wrapped := fmt.Errorf("binding: %w", v.Struct(contact{}))
	if got := details(rules.FieldErrors(wrapped)); !reflect.DeepEqual(got, want("base: email or phone_number is required (required_one_of)")) {
		t.Errorf("a wrapped validation error: %q", got)
	}
}

// Contacts nested in a request, alone or in a list, are named by their
// path, base included.
func TestNested(t *testing.T) {
	type request struct {
		Contact  contact   `json:"contact"`
		Contacts []contact `json:"contacts" validate:"dive"`
	}
	got := check(t, validate.Policy{}, request{
		Contact:  contact{Phone: gbNumber, SMSConsent: "subscribed", Tags: []string{""}},
		Contacts: []contact{{FirstName: "Jane"}, {Email: "a@b.co"}, {Email: "x", CustomFields: map[string]any{"k": "\xff"}}},
	})
	w := want(
		"contact.tags[0]: must be a non-empty string of at most 255 characters (tag)",
		"contact.sms_consent: requires a phone number from a supported country (sms_supported_country)",
		"contacts[0].base: email or phone_number is required (required_one_of)",
		"contacts[2].email: must be a valid email address (email)",
		"contacts[2].custom_fields.k: must be valid UTF-8 (utf8)",
	)
	if !reflect.DeepEqual(got, w) {
		t.Errorf("details\n got: %q\nwant: %q", got, w)
	}
}

// Pointers, named string types, raw custom fields, element tags after
// dive and other JSON names: roles come from the tags.
func TestShapes(t *testing.T) {
	type shapes struct {
		Mail    *string            `json:"mail" validate:"contact_email"`
		Mobile  *string            `json:"mobile" validate:"omitempty,phone_e164"`
		Given   *string            `json:"given" validate:"contact_name"`
		Family  string             `json:"family" validate:"contact_name"`
		Labels  []string           `json:"labels" validate:"dive,contact_tag"`
		Extra   validate.RawObject `json:"extra" validate:"flat_map"`
		SMS     *consent.SMS       `json:"sms" validate:"sms_consent"`
		Welcome *bool              `json:"send_welcome_sms"`
	}
	sms := consent.SMSSubscribed
	mobile, bad := usNumber, "x"
	cases := []struct {
		name string
		s    shapes
		want []string
	}{
		{"nil pointers are absent", shapes{Mobile: &mobile}, want()},
		{"identity with nil pointers", shapes{Family: "Doe"}, want("base: email or phone_number is required (required_one_of)")},
		{"a pointer to a bad email", shapes{Mail: &bad}, want("mail: must be a valid email address (email)")},
		{"sms consent through a pointer", shapes{Mail: &mobile, SMS: &sms}, want("mail: must be a valid email address (email)",
			"sms: requires a phone number from a supported country (sms_supported_country)")},
		{"element tags", shapes{Mobile: &mobile, Labels: []string{"a", "", "b", ""}}, want(
			"labels[1]: must be a non-empty string of at most 255 characters (tag)",
			"labels[3]: must be a non-empty string of at most 255 characters (tag)")},
		{"raw custom fields: repeated key", shapes{Mobile: &mobile, Extra: validate.RawObject(`{"a":1,"a":2}`)}, want("extra.a: must not appear more than once (duplicate_key)")},
		{"raw custom fields: not an object", shapes{Mobile: &mobile, Extra: validate.RawObject(`[1]`)}, want("extra: must be a flat key-value object (no nested values) (flat_object)")},
		{"second name field is the last name", shapes{Mobile: &mobile, Family: long256}, want("family: must be at most 255 characters (max_length)")},
	}
	for _, tc := range cases {
		if got := check(t, validate.Policy{}, tc.s); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s:\n got: %q\nwant: %q", tc.name, got, tc.want)
		}
	}
	welcome := false
	c, err := vtags.New(validate.Policy{}).Contact(&shapes{Mobile: &mobile, Given: &mobile, Family: "Doe", Labels: []string{"vip"},
		Extra: validate.RawObject(`{"a":1}`), SMS: &sms, Welcome: &welcome})
	if err != nil {
		t.Fatal(err)
	}
	wc := validate.Contact{PhoneNumber: usNumber, FirstName: usNumber, LastName: "Doe", Tags: []string{"vip"},
		CustomFields: validate.RawObject(`{"a":1}`), SMSConsent: consent.SMSSubscribed, SendWelcomeSMS: &welcome}
	if !reflect.DeepEqual(c, wc) {
		t.Errorf("Contact:\n got: %+v\nwant: %+v", c, wc)
	}
}

// A value of the wrong kind is reported as JSON reports a wrong type.
func TestWrongKinds(t *testing.T) {
	type odd struct {
		Email  int            `json:"email" validate:"contact_email"`
		Tags   []int          `json:"tags" validate:"contact_tags"`
		Custom map[string]any `json:"custom_fields" validate:"flat_map"`
		Fields []string       `json:"fields" validate:"flat_map"`
	}
	got := check(t, validate.Policy{}, odd{Email: 1, Tags: []int{1}, Custom: map[string]any{"c": make(chan int)}, Fields: []string{"a"}})
	w := want("email: must be a string (type)",
		"tags: must be an array of strings (type)",
		"custom_fields: must be a flat key-value object (no nested values) (flat_object)",
		"fields: must be a flat key-value object (no nested values) (flat_object)")
	if !reflect.DeepEqual(got, w) {
		t.Errorf("details\n got: %q\nwant: %q", got, w)
	}
	var loop any
	loop = &loop
	if got := check(t, validate.Policy{}, contact{Email: "a@b.co", CustomFields: map[string]any{"loop": loop}}); len(got) != 0 {
		t.Errorf("a value that points to itself: %q", got) // read as null, without hanging
	}
	if _, err := vtags.New(validate.Policy{}).Contact(odd{Email: 1}); err == nil {
		t.Error("Contact of an int email succeeded")
	}
	if _, err := vtags.New(validate.Policy{}).Contact("jane@example.com"); err == nil {
		t.Error("Contact of a string succeeded")
	}
}

// The tags also check single values with Validate.Var, named as the API
// names them.
func TestVar(t *testing.T) {
	v, rules := newValidator(t, validate.Policy{})
	got := details(rules.FieldErrors(v.Var("jane@", vtags.TagEmail)))
	if w := want("email: must be a valid email address (email)"); !reflect.DeepEqual(got, w) {
		t.Errorf("Var: %q", got)
	}
	if err := v.Var(usNumber, vtags.TagPhone); err != nil {
		t.Errorf("Var(%s): %v", usNumber, err)
	}
}

// A valid struct gives, through Contact and validate.Create, the contact
// CreateJSON gives for its JSON form, consent defaults and effects.
func TestContactAgrees(t *testing.T) {
	rules := vtags.New(validate.Policy{})
	no := false
	s := contact{Phone: usNumber, FirstName: "Jane", Tags: []string{"vip"}, CustomFields: map[string]any{"seats": 3, "plan": "pro"},
		SMSConsent: "subscribed", SendWelcomeSMS: &no}
	c, err := rules.Contact(s)
	if err != nil {
		t.Fatal(err)
	}
	got, gotEff, ds := validate.Create(c, validate.Policy{})
	body, _ := json.Marshal(s)
	wantC, wantEff, wantDs := validate.CreateJSON(body, validate.Policy{})
	if ds != nil || wantDs != nil {
		t.Fatalf("details: %q, JSON: %q", details(ds), details(wantDs))
	}
	if !reflect.DeepEqual(got, wantC) || gotEff != wantEff {
		t.Errorf("contact\n got: %+v %+v\nwant: %+v %+v", got, gotEff, wantC, wantEff)
	}
}

// One Rules and one validator serve concurrent requests, struct types
// met for the first time included.
func TestConcurrent(t *testing.T) {
	type other struct {
		Phone string `json:"phone_number" validate:"phone_e164"`
		SMS   string `json:"sms_consent" validate:"sms_consent"`
	}
	v, rules := newValidator(t, validate.Policy{})
	cases := []struct {
		s    any
		want []string
	}{
		{contact{FirstName: "Jane", SMSConsent: "unsubscribed"}, want("base: email or phone_number is required (required_one_of)",
			"sms_consent: cannot be unsubscribed for a new contact (sms_no_unsubscribe_on_create)")},
		{other{Phone: gbNumber, SMS: "subscribed"}, want("sms_consent: requires a phone number from a supported country (sms_supported_country)")},
	}
	errc := make(chan string, 8)
	for i := range 8 {
		go func() {
			tc := cases[i%len(cases)]
			for range 50 {
				if got := details(rules.FieldErrors(v.Struct(tc.s))); !reflect.DeepEqual(got, tc.want) {
					errc <- fmt.Sprintf("%q, want %q", got, tc.want)
					return
				}
			}
			errc <- ""
		}()
	}
	for range 8 {
		if msg := <-errc; msg != "" {
			t.Error(msg)
		}
	}
}

// TestTagNameIsTheValidators: the tags are read under the validator's
// own tag name, so a field whose other struct tag holds a word that is
// also a contact tag (an ORM's column name) is no contact field.
func TestTagNameIsTheValidators(t *testing.T) {
	type row struct {
		Email string `json:"email" binding:"contact_email"`
		Note  string `json:"note" bun:"sms_consent" validate:"omitempty,max=20"`
	}
	v := validator.New()
	v.SetTagName("binding")
	rules := vtags.New(validate.Policy{})
	if err := rules.Register(v); err != nil {
		t.Fatal(err)
	}
	c, err := rules.Contact(row{Email: "jane@example.com", Note: "subscribed"})
	if err != nil || c.Email != "jane@example.com" || c.SMSConsent != "" {
		t.Errorf("Contact = %+v, %v; want the email alone", c, err)
	}
	if got := details(rules.FieldErrors(v.Struct(row{Email: "jane@example"}))); !reflect.DeepEqual(got, want("email: must be a valid email address (email)")) {
		t.Errorf("FieldErrors = %q", got)
	}
	// The same Rules serves a validator of another tag name, which reads
	// its own.
	other := validator.New()
	if err := rules.Register(other); err != nil {
		t.Fatal(err)
	}
	if got := details(rules.FieldErrors(other.Struct(row{Email: "jane@example", Note: "subscribed"}))); len(got) != 0 {
		t.Errorf("a validator reading validate tags: %q", got)
	}
}

// TestSMSNeedsMobile: the policy's sms_mobile rule gives the tags the
// details CreateJSON gives the struct's JSON.
func TestSMSNeedsMobile(t *testing.T) {
	p := validate.Policy{SMSNeedsMobile: true}
	for _, c := range []contact{
		{Phone: "+18002530000", SMSConsent: "subscribed"},    // toll-free
		{Phone: "+18002530000", SMSConsent: "single_opt_in"}, // toll-free
		{Phone: usNumber, SMSConsent: "subscribed"},          // fixed line or mobile
		{Email: "a@b.co", Phone: "+18002530000"},             // no SMS asked
	} {
		body, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		_, _, ds := validate.CreateJSON(body, p)
		if got, want := check(t, p, c), details(ds); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: tags give %q, CreateJSON %q", body, got, want)
		}
	}
	if got := check(t, p, contact{Phone: "+18002530000", SMSConsent: "subscribed"}); !reflect.DeepEqual(got, want("sms_consent: requires a mobile phone number (sms_mobile)")) {
		t.Errorf("toll-free subscribed: %q", got)
	}
}
