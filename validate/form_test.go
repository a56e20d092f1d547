package validate_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/contactrules/contactrules/validate"
)

// formCases are docs/forms.md's rules, each a form as a browser posts it.
var formCases = []struct {
	rule  string
	form  string // url-encoded
	phone string // the stored phone number of a valid contact
	want  []string
}{
	{"typed phone: national form in the default region", "phone_number=(201)+555-0123", "+12015550123", nil},
	{"typed phone: dots and dashes", "phone_number=201.555.0123&email=a@b.co", "+12015550123", nil},
	{"typed phone: international form", "phone_number=%2B44+7400+123456", gbNumber, nil},
	{"typed phone: national form in phone_region", "phone_number=07400+123456&phone_region=GB", gbNumber, nil},
	{"typed phone: phone_region in any case", "phone_number=07400+123456&phone_region=gb", gbNumber, nil},
	{"typed phone: letters cannot be read", "phone_number=1-800-FLOWERS", "", []string{"phone_number: must be a valid phone number in E.164 format (e164)"}},
	{"typed phone: a number that is not valid", "phone_number=555-0100", "", []string{"phone_number: must be a valid phone number in E.164 format (e164)"}},
	{"phone_region: unknown, the number is not judged", "phone_number=07400+123456&phone_region=ZZ",
		"", []string{"phone_region: is not a supported region (region)"}},
	{"phone_region: unknown, and SMS consent then has no phone", "phone_number=07400+123456&phone_region=XX&sms_consent=subscribed",
		"", []string{"phone_region: is not a supported region (region)", "sms_consent: requires a phone number from a supported country (sms_supported_country)"}},
	{"phone_region: an empty value first is absent", "phone_number=020+7183+8750&phone_region=&phone_region=GB", "+442071838750", nil},
	{"phone_region: an empty value first, then an unknown region", "phone_number=020+7183+8750&phone_region=&phone_region=ZZ",
		"", []string{"phone_region: is not a supported region (region)"}},
	{"phone_region: repeated", "phone_number=020+7183+8750&phone_region=GB&phone_region=FR",
		"", []string{"phone_region: must not appear more than once (duplicate_key)"}},
	{"spaces around a value are dropped", "email=dana%40example.com+&phone_number=+%28201%29+555-0123%09&sms_consent=+subscribed&send_welcome_sms=on+", "+12015550123", nil},
	{"spaces around a value are dropped: phone_region", "phone_number=020+7183+8750&phone_region=+gb+", "+442071838750", nil},
	{"a value of spaces is absent", "email=+++&phone_number=%09&first_name=Jane", "", []string{"base: email or phone_number is required (required_one_of)"}},
	{"a value of spaces is absent: not repeated", "email=a@b.co&first_name=+&first_name=Jane", "", nil},
	{"spaces inside a value stay", "email=dana+x%40example.com", "", []string{"email: must be a valid email address (email)"}},
	{"empty inputs are absent", "email=a@b.co&first_name=&last_name=&tags=&phone_number=&phone_region=&send_welcome_sms=&custom_fields%5Bplan%5D=", "", nil},
	{"empty inputs are absent: the identity rule", "email=&phone_number=&first_name=Jane", "", []string{"base: email or phone_number is required (required_one_of)"}},
	{"tags: repeated", "email=a@b.co&tags=vip&tags=gold", "", nil},
	{"tags: each checked", "email=a@b.co&tags=vip&tags=" + url.QueryEscape(long256), "", []string{"tags[1]: must be a non-empty string of at most 255 characters (tag)"}},
	{"custom_fields: bracketed keys", "email=a@b.co&custom_fields%5Bplan%5D=pro&custom_fields%5Bseats%5D=3", "", nil},
	{"custom_fields: a key twice", "email=a@b.co&custom_fields%5Bplan%5D=pro&custom_fields%5Bplan%5D=max", "",
		[]string{"custom_fields.plan: must not appear more than once (duplicate_key)"}},
	{"custom_fields: a plain value is not an object", "email=a@b.co&custom_fields=pro", "",
		[]string{"custom_fields: must be a flat key-value object (no nested values) (flat_object)"}},
	{"send_welcome_sms: on", "phone_number=2015550123&sms_consent=subscribed&send_welcome_sms=on", "+12015550123", nil},
	{"send_welcome_sms: 0", "phone_number=2015550123&sms_consent=subscribed&send_welcome_sms=0", "+12015550123", nil},
	{"send_welcome_sms: anything else", "email=a@b.co&send_welcome_sms=yes", "", []string{"send_welcome_sms: must be a boolean (type)"}},
	{"a member twice", "email=a@b.co&email=b@b.co", "", []string{"email: must not appear more than once (duplicate_key)"}},
	{"read-only and unknown members in name order", "zeta=1&email=a@b.co&id=c_1&alpha=2", "",
		[]string{"alpha: is not a recognized field (unknown_field)", "id: is read-only (read_only)", "zeta: is not a recognized field (unknown_field)"}},
	{"consent rules as in JSON", "email=a@b.co&sms_consent=unsubscribed", "",
		[]string{"sms_consent: cannot be unsubscribed for a new contact (sms_no_unsubscribe_on_create)"}},
	{"a UK number cannot opt in to SMS", "phone_number=%2B447400123456&sms_consent=subscribed", "",
		[]string{"sms_consent: requires a phone number from a supported country (sms_supported_country)"}},
}

func TestCreateForm(t *testing.T) {
	for _, tc := range formCases {
		t.Run(tc.rule, func(t *testing.T) {
			form, err := url.ParseQuery(tc.form)
			if err != nil {
				t.Fatal(err)
			}
			c, _, ds := validate.CreateForm(form, validate.Policy{})
			if got := details(ds); !same(got, tc.want) {
				t.Errorf("details\n got: %q\nwant: %q", got, tc.want)
			}
			if ds == nil && c.PhoneNumber != tc.phone {
				t.Errorf("phone %q, want %q", c.PhoneNumber, tc.phone)
			}
		})
	}
}

// TestCreateFormContact: a form stores the contact its JSON form gives;
// the spaces a person types around a value are dropped (docs/forms.md),
// in every member.
func TestCreateFormContact(t *testing.T) {
	for _, tc := range []struct {
		name string
		form url.Values
		json string
	}{
		{"typed", url.Values{
			"email": {"jane@example.com"}, "phone_number": {"(201) 555-0123"}, "first_name": {"Jane"},
			"tags": {"vip", "", "gold"}, "custom_fields[plan]": {"pro"}, "custom_fields[note]": {"<b>é</b>"},
			"sms_consent": {"subscribed"}, "send_welcome_sms": {"off"},
		}, `{"email":"jane@example.com","phone_number":"+12015550123","first_name":"Jane",` +
			`"tags":["vip","gold"],"custom_fields":{"note":"\u003cb\u003eé\u003c/b\u003e","plan":"pro"},"sms_consent":"subscribed","send_welcome_sms":false}`},
		{"spaces around the values", url.Values{
			"email": {" jane@example.com "}, "phone_number": {"\t(201) 555-0123 "}, "first_name": {" Jane\u00a0"},
			"tags": {" vip", " ", "gold "}, "custom_fields[plan]": {" pro "}, "custom_fields[note]": {"  "},
			"sms_consent": {"subscribed "}, "send_welcome_sms": {" off"},
		}, `{"email":"jane@example.com","phone_number":"+12015550123","first_name":"Jane",` +
			`"tags":["vip","gold"],"custom_fields":{"plan":"pro"},"sms_consent":"subscribed","send_welcome_sms":false}`},
	} {
		c, eff, ds := validate.CreateForm(tc.form, validate.Policy{})
		if ds != nil {
			t.Fatalf("%s: details %q", tc.name, details(ds))
		}
		want, weff, _ := validate.CreateJSON([]byte(tc.json), validate.Policy{})
		if g, w := fmtContact(c), fmtContact(want); g != w || eff != weff {
			t.Errorf("%s: form gives\n%s %+v\nJSON gives\n%s %+v", tc.name, g, eff, w, weff)
		}
	}
}

func TestUpdateForm(t *testing.T) {
	for _, tc := range []struct {
		rule    string
		current validate.Contact
		form    string
		want    []string
	}{
		{"an empty form names nothing", withEmail, "email=&first_name=", []string{"base: at least one field is required (required_any)"}},
		{"an empty input leaves the stored value", withEmail, "email=&first_name=Jane", nil},
		{"an input of spaces leaves the stored value", withEmail, "email=+&first_name=+", []string{"base: at least one field is required (required_any)"}},
		{"the stored phone typed another way is not a change", withPhone, "phone_number=(201)+555-0123", nil},
		{"another phone is a change", withPhone, "phone_number=(506)+234-5678", []string{"phone_number: cannot be changed once set (immutable)"}},
		{"an unknown phone_region alone gets its detail alone", withEmail, "phone_region=ZZ&phone_number=1", []string{"phone_region: is not a supported region (region)"}},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			form, _ := url.ParseQuery(tc.form)
			_, _, ds := validate.UpdateForm(tc.current, form, validate.Policy{})
			if got := details(ds); !same(got, tc.want) {
				t.Errorf("details\n got: %q\nwant: %q", got, tc.want)
			}
		})
	}
}

// fmtContact renders a contact for comparison.
func fmtContact(c validate.Contact) string {
	b, _ := json.Marshal(c)
	return string(b)
}

// TestFormBounds: a form obeys the bounds of docs/bounds.md as JSON does.
func TestFormBounds(t *testing.T) {
	form := url.Values{"email": {"a@b.co"}}
	for i := range 300 {
		form.Set(fmt.Sprintf("x%03d", i), "1")
	}
	form.Set("custom_fields["+strings.Repeat("k", 100)+"]", "\xff")
	form["tags"] = slices.Repeat([]string{strings.Repeat("t", 300)}, 150)
	_, _, ds := validate.CreateForm(form, validate.Policy{})
	if len(ds) != 100 || ds[99].Rule != "max_details" || ds[0].Rule != "max_items" {
		t.Fatalf("%d details, first %v, last %v", len(ds), ds[0], ds[len(ds)-1])
	}
	_, _, ds = validate.CreateForm(url.Values{"email": {"a@b.co"}, "custom_fields[" + strings.Repeat("é", 40) + "]": {"\xff"}}, validate.Policy{})
	if want := "custom_fields." + strings.Repeat("é", 32) + "..."; len(ds) != 1 || ds[0].Field != want {
		t.Errorf("details %v, want field %q", ds, want)
	}
}
