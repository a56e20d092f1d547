package validate_test

import (
	"encoding/json"
	"testing"

	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/validate"
)

// Stored contacts the update rows start from.
var (
	withEmail = validate.Contact{Email: "jane@example.com", EmailConsent: consent.EmailSubscribed, SMSConsent: consent.SMSNeverSubscribed}
	withPhone = validate.Contact{PhoneNumber: usNumber, EmailConsent: consent.EmailNeverSubscribed, SMSConsent: consent.SMSNeverSubscribed}
	withGB    = validate.Contact{Email: "jane@example.com", PhoneNumber: gbNumber}
	pending   = validate.Contact{PhoneNumber: usNumber, SMSConsent: consent.SMSPending}
	smsOn     = validate.Contact{PhoneNumber: usNumber, SMSConsent: consent.SMSSubscribed}
	suppr     = validate.Contact{Email: "jane@example.com", EmailConsent: consent.EmailSuppressed}
	compl     = validate.Contact{Email: "jane@example.com", EmailConsent: consent.EmailComplianceSuppressed}
)

var updateCases = []struct {
	rule    string
	current validate.Contact
	patch   string
	want    []string
	effects string // JSON of the effects of an accepted patch, when it matters
}{
	{"at least one field: empty patch", withEmail, `{}`, []string{"base: at least one field is required (required_any)"}, ""},
	{"at least one field: a patch of unknown members gets their details alone", withEmail, `{"nickname":"J"}`,
		[]string{"nickname: is not a recognized field (unknown_field)"}, ""},
	{"at least one field: a patch of read-only members gets their details alone", withEmail, `{"created_at":"2024-01-01T00:00:00Z"}`,
		[]string{"created_at: is read-only (read_only)"}, ""},
	{"at least one field: a patch of a repeated unknown member gets its details alone", withEmail, `{"x":1,"x":2}`,
		[]string{"x: is not a recognized field (unknown_field)", "x: must not appear more than once (duplicate_key)"}, ""},
	{"at least one field: null consents name nothing", withEmail, `{"email_consent":null,"sms_consent":null}`,
		[]string{"base: at least one field is required (required_any)"}, ""},
	{"at least one field: a null that clears counts", withEmail, `{"first_name":null}`, nil, ""},
	{"identity rule does not apply", withEmail, `{"first_name":"Jane"}`, nil, ""},

	{"email: may be set while null", withPhone, `{"email":"jane@example.com"}`, nil, ""},
	{"email: cannot be changed once set", withEmail, `{"email":"joan@example.com"}`, []string{"email: cannot be changed once set (immutable)"}, ""},
	{"email: cannot be cleared once set (null)", withEmail, `{"email":null}`, []string{"email: cannot be changed once set (immutable)"}, ""},
	{"email: cannot be cleared once set (empty string)", withEmail, `{"email":""}`, []string{"email: cannot be changed once set (immutable)"}, ""},
	{"email: the same value again is not a change", withEmail, `{"email":"jane@example.com"}`, nil, ""},
	{"email: the same value with the domain in upper case is not a change", withEmail, `{"email":"jane@EXAMPLE.com"}`, nil, ""},
	{"email: the stored value sent again is no change even when it is no address", validate.Contact{Email: "not-an-email"}, `{"email":"not-an-email"}`, nil, ""},
	{"email: a new value is checked for format", withPhone, `{"email":"jane@"}`, []string{"email: must be a valid email address (email)"}, ""},
	{"phone: may be set while null", withEmail, `{"phone_number":"` + usNumber + `"}`, nil, ""},
	{"phone: cannot be changed once set", withPhone, `{"phone_number":"` + caNumber + `"}`, []string{"phone_number: cannot be changed once set (immutable)"}, ""},
	{"phone: cannot be cleared once set", withPhone, `{"phone_number":null}`, []string{"phone_number: cannot be changed once set (immutable)"}, ""},
	{"phone: the same value again is not a change", withPhone, `{"phone_number":"` + usNumber + `"}`, nil, ""},
	{"phone: the same value again keeps the number for SMS consent", withPhone, `{"phone_number":"` + usNumber + `","sms_consent":"subscribed"}`, nil,
		`{"welcome_sms":true,"email_unsuppressed":false,"defaults_applied":[]}`},
	{"phone: a new value is checked for format", withEmail, `{"phone_number":"+4402071838750"}`, []string{"phone_number: must be a valid phone number in E.164 format (e164)"}, ""},

	{"formats and limits as on create", withEmail, `{"first_name":"` + long256 + `","tags":[""],"custom_fields":{"a":[]}}`,
		[]string{"first_name: must be at most 255 characters (max_length)", "tags[0]: must be a non-empty string of at most 255 characters (tag)",
			"custom_fields: must be a flat key-value object (no nested values) (flat_object)"}, ""},
	{"tags and custom_fields replace the whole value", withEmail, `{"tags":["a"],"custom_fields":{"b":1}}`, nil, ""},

	{"sms_consent: subscribed with the stored supported phone", withPhone, `{"sms_consent":"subscribed"}`, nil,
		`{"welcome_sms":true,"email_unsuppressed":false,"defaults_applied":[]}`},
	{"sms_consent: subscribed with the patch's supported phone", withEmail, `{"phone_number":"` + caNumber + `","sms_consent":"single_opt_in"}`, nil,
		`{"welcome_sms":false,"email_unsuppressed":false,"defaults_applied":[]}`},
	{"sms_consent: subscribed without any phone", withEmail, `{"sms_consent":"subscribed"}`,
		[]string{"sms_consent: requires a phone number from a supported country (sms_supported_country)"}, ""},
	{"sms_consent: subscribed with the stored unsupported phone", withGB, `{"sms_consent":"subscribed"}`,
		[]string{"sms_consent: requires a phone number from a supported country (sms_supported_country)"}, ""},
	{"sms_consent: unsubscribed is allowed on update", smsOn, `{"sms_consent":"unsubscribed"}`, nil, ""},
	{"sms_consent: pending to subscribed sends the welcome SMS", pending, `{"sms_consent":"subscribed"}`, nil,
		`{"welcome_sms":true,"email_unsuppressed":false,"defaults_applied":[]}`},
	{"sms_consent: already subscribed sends none", smsOn, `{"sms_consent":"subscribed"}`, nil,
		`{"welcome_sms":false,"email_unsuppressed":false,"defaults_applied":[]}`},
	{"sms_consent: send_welcome_sms false suppresses it", withPhone, `{"sms_consent":"subscribed","send_welcome_sms":false}`, nil,
		`{"welcome_sms":false,"email_unsuppressed":false,"defaults_applied":[]}`},
	{"email_consent: writing to a suppressed contact unsuppresses it", suppr, `{"email_consent":"subscribed"}`, nil,
		`{"welcome_sms":false,"email_unsuppressed":true,"defaults_applied":[]}`},
	{"email_consent: refused while compliance-suppressed", compl, `{"email_consent":"subscribed"}`,
		[]string{"email_consent: cannot be changed while the contact is compliance-suppressed (compliance_suppressed)"}, ""},
	{"email_consent: a null leaves it as is", compl, `{"email_consent":null,"first_name":"J"}`, nil, ""},
	{"read-only members", withEmail, `{"id":"c_1","first_name":"J"}`, []string{"id: is read-only (read_only)"}, ""},
}

func TestUpdateJSON(t *testing.T) {
	for _, tc := range updateCases {
		t.Run(tc.rule, func(t *testing.T) {
			_, eff, ds := validate.UpdateJSON(tc.current, []byte(tc.patch), validate.Policy{})
			if got := details(ds); !same(got, tc.want) {
				t.Errorf("details\n got: %q\nwant: %q", got, tc.want)
			}
			if tc.effects != "" {
				got, _ := json.Marshal(eff)
				if string(got) != tc.effects {
					t.Errorf("effects\n got: %s\nwant: %s", got, tc.effects)
				}
			}
		})
	}
}

// TestUpdateStructAgrees checks Update against UpdateJSON for every row a
// Patch can express.
func TestUpdateStructAgrees(t *testing.T) {
	agreed := 0
	for _, tc := range updateCases {
		var members map[string]json.RawMessage
		if json.Unmarshal([]byte(tc.patch), &members) != nil {
			continue
		}
		var p validate.Patch
		if json.Unmarshal([]byte(tc.patch), &p.Contact) != nil {
			continue
		}
		for name, raw := range members {
			f, ok := fieldByName(name)
			if !ok {
				continue
			}
			if string(raw) == "null" && f >= validate.EmailConsent {
				continue // a null consent leaves the contact as it is
			}
			p.Set = p.Set.With(f)
		}
		_, _, want := validate.UpdateJSON(tc.current, []byte(tc.patch), validate.Policy{})
		if jsonOnly(want) {
			continue
		}
		if _, _, got := validate.Update(tc.current, p, validate.Policy{}); !same(details(got), details(want)) {
			t.Errorf("%s: Update\n got: %q\nwant: %q", tc.rule, details(got), details(want))
		}
		agreed++
	}
	if agreed < 25 {
		t.Errorf("only %d rows could be compared", agreed)
	}
}

func fieldByName(name string) (validate.Field, bool) {
	for f := validate.Email; f <= validate.SendWelcomeSMS; f++ {
		if f.String() == name {
			return f, true
		}
	}
	return 0, false
}

func TestPatchApply(t *testing.T) {
	current := validate.Contact{Email: "jane@example.com", FirstName: "Jane", Tags: []string{"old"}, EmailConsent: consent.EmailSuppressed, SMSConsent: consent.SMSNeverSubscribed}
	p, eff, ds := validate.UpdateJSON(current, []byte(`{"first_name":null,"tags":["new"],"email_consent":"subscribed","phone_number":"`+usNumber+`"}`), validate.Policy{})
	if ds != nil {
		t.Fatalf("details: %q", details(ds))
	}
	got, _ := json.Marshal(p.Apply(current))
	want := `{"email":"jane@example.com","phone_number":"+12015550123","tags":["new"],"email_consent":"subscribed","sms_consent":"never_subscribed"}`
	if string(got) != want {
		t.Errorf("applied\n got: %s\nwant: %s", got, want)
	}
	if !eff.EmailUnsuppressed {
		t.Error("the unsuppress effect is lost")
	}
}
