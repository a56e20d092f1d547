package vtags_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/validate"
	"github.com/contactrules/contactrules/validate/vtags"
)

// The method sets of gin's binding.Binding and binding.BindingBody
// (github.com/gin-gonic/gin/binding), which gin's ShouldBindWith and
// ShouldBindBodyWith take.
type (
	ginBinding interface {
		Name() string
		Bind(*http.Request, any) error
	}
	ginBindingBody interface {
		ginBinding
		BindBody([]byte, any) error
	}
)

var _ ginBindingBody = vtags.JSONBinding{}

// bindingPayloads are the bodies a gin handler answered otherwise than
// CreateJSON (differs: with gin's own JSON binding, which decodes before
// any rule runs), and bodies it answered alike.
var bindingPayloads = []struct {
	name    string
	body    string
	differs bool
}{
	{"wrong type: email", `{"email":123}`, true},
	{"wrong type: tags", `{"email":"a@b.co","tags":"vip"}`, true},
	{"wrong type: send_welcome_sms", `{"phone_number":"+12015550123","sms_consent":"subscribed","send_welcome_sms":"yes"}`, true},
	{"wrong type: custom_fields", `{"email":"a@b.co","custom_fields":"gold"}`, true},
	{"an array body", `[{"email":"a@b.co"}]`, true},
	{"unknown member", `{"email":"a@b.co","nickname":"J"}`, true},
	{"read-only member", `{"email":"a@b.co","id":"c_1"}`, true},
	{"repeated email", `{"email":"jane","email":"a@b.co"}`, true},
	{"invalid UTF-8", "{\"email\":\"a@b.co\",\"first_name\":\"J\xffne\"}", true},
	{"repeated custom-field key", `{"email":"a@b.co","custom_fields":{"plan":"pro","plan":"max"}}`, true},
	{"a 20-digit custom field", `{"email":"a@b.co","custom_fields":{"n":12345678901234567890}}`, true},

	{"valid: email alone", `{"email":"jane@example.com"}`, false},
	{"valid: typical", `{"email":"jane@example.com","phone_number":"+12015550123","first_name":"Jane","last_name":"Doe","tags":["vip","gold"],"custom_fields":{"plan":"pro","seats":3,"trial":false},"email_consent":"subscribed","sms_consent":"subscribed"}`, false},
	{"valid: nulls", `{"email":"a@b.co","tags":null,"custom_fields":null,"send_welcome_sms":null}`, false},
	{"valid: scalars of custom fields", `{"email":"a@b.co","custom_fields":{"ok":true,"n":1.5,"z":null,"s":"x"}}`, false},
	{"valid: no welcome SMS", `{"phone_number":"+12015550123","sms_consent":"subscribed","send_welcome_sms":false}`, false},
	{"email", `{"email":"jane"}`, false},
	{"phone", `{"phone_number":"+1555"}`, false},
	{"identity: a name alone", `{"first_name":"Jane"}`, false},
	{"identity: nothing", `{}`, false},
	{"identity: empty strings", `{"email":"","phone_number":""}`, false},
	{"identity: null", `{"email":null,"phone_number":null}`, false},
	{"long name", `{"email":"a@b.co","last_name":"` + long256 + `"}`, false},
	{"too many tags", `{"email":"a@b.co","tags":["` + strings.Join(make101(), `","`) + `"]}`, false},
	{"an empty tag", `{"email":"a@b.co","tags":["vip",""]}`, false},
	{"email consent", `{"email":"a@b.co","email_consent":"pending"}`, false},
	{"SMS to a UK number", `{"phone_number":"+447400123456","sms_consent":"subscribed"}`, false},
	{"SMS unsubscribed on create", `{"email":"a@b.co","sms_consent":"unsubscribed"}`, false},
	{"nested custom field", `{"email":"a@b.co","custom_fields":{"a":{"b":1}}}`, false},
	{"a tag that is not a string", `{"email":"a@b.co","tags":["vip",1]}`, true},
	{"not JSON", `{"email":`, true},
	{"a member in another case", `{"email":"a@b.co","Email":"b@b.co"}`, true},
}

// newBinding is the binding of a validator that checks the tags of
// contact.
func newBinding(t testing.TB, p validate.Policy) (vtags.JSONBinding, *vtags.Rules) {
	v, rules := newValidator(t, p)
	return rules.JSONBinding(v), rules
}

// TestJSONBindingAsCreateJSON: FieldErrors on the binding's error gives
// CreateJSON's details on every payload, and a payload it accepts binds
// the contact CreateJSON returns; gin's way (decode, then validate)
// differs on the payloads marked so.
func TestJSONBindingAsCreateJSON(t *testing.T) {
	p := validate.Policy{}
	b, rules := newBinding(t, p)
	v, _ := newValidator(t, p)
	differ := 0
	for _, tc := range bindingPayloads {
		t.Run(tc.name, func(t *testing.T) {
			want, _, wantDetails := validate.CreateJSON([]byte(tc.body), p)
			var s contact
			err := b.BindBody([]byte(tc.body), &s)
			got := rules.FieldErrors(err)
			if !reflect.DeepEqual(got, wantDetails) {
				t.Fatalf("binding: %v\n got %q\nwant %q", err, details(got), details(wantDetails))
			}
			if (err == nil) != (wantDetails == nil) {
				t.Fatalf("binding error %v, CreateJSON details %q", err, details(wantDetails))
			}
			if err == nil {
				c, cerr := rules.Contact(s)
				stored, _, ds := validate.Create(c, p)
				if cerr != nil || ds != nil || !sameContact(stored, want) {
					t.Errorf("binding stores %+v (%v, %q), CreateJSON %+v", stored, cerr, details(ds), want)
				}
			}

			// gin's own JSON binding: encoding/json, then the validator.
			var naive contact
			naiveErr := json.Unmarshal([]byte(tc.body), &naive)
			if naiveErr == nil {
				naiveErr = v.Struct(naive)
			}
			c, _ := rules.Contact(naive)
			stored, _, _ := validate.Create(c, p)
			same := reflect.DeepEqual(rules.FieldErrors(naiveErr), wantDetails) && (wantDetails != nil || sameContact(stored, want))
			if same == tc.differs {
				t.Errorf("decoding first answers alike: %v, want %v", same, !tc.differs)
			}
			if !same {
				differ++
			}
		})
	}
	t.Logf("decoding first differs from CreateJSON on %d of %d payloads; the binding on none", differ, len(bindingPayloads))
}

// sameContact compares contacts, their custom fields as JSON values
// (numbers exactly): CreateJSON keeps the body's text, the binding writes
// the decoded map.
func sameContact(a, b validate.Contact) bool {
	ca, cb := a.CustomFields, b.CustomFields
	a.CustomFields, b.CustomFields = nil, nil
	if !reflect.DeepEqual(a, b) || (ca == nil) != (cb == nil) {
		return false
	}
	if ca == nil {
		return true
	}
	var ma, mb map[string]any
	for _, x := range []struct {
		text []byte
		m    *map[string]any
	}{{ca, &ma}, {cb, &mb}} {
		d := json.NewDecoder(bytes.NewReader(x.text))
		d.UseNumber()
		if d.Decode(x.m) != nil {
			return false
		}
	}
	return reflect.DeepEqual(ma, mb)
}

// TestJSONBindingKeepsNumbers: a number is bound as json.Number, exactly.
func TestJSONBindingKeepsNumbers(t *testing.T) {
	b, _ := newBinding(t, validate.Policy{})
	var s contact
	if err := b.BindBody([]byte(`{"email":"a@b.co","custom_fields":{"n":12345678901234567890}}`), &s); err != nil {
		t.Fatal(err)
	}
	if n := s.CustomFields["n"]; n != json.Number("12345678901234567890") {
		t.Errorf("custom_fields.n = %#v", n)
	}
}

// signupWithCountry holds a member of the form's own beside the
// contact's.
type signupWithCountry struct {
	Email   string `json:"email" validate:"contact_email"`
	Phone   string `json:"phone_number" validate:"phone_e164"`
	Country string `json:"country" validate:"required,len=2"`
	Notes   string `json:"-"`
}

// TestJSONBindingOwnMembers: the struct's own members are not unknown;
// they are still checked for repeats, then by the struct's tags. Other
// unknown members and the policy's IgnoreMembers are as in CreateJSON.
func TestJSONBindingOwnMembers(t *testing.T) {
	p := validate.Policy{IgnoreMembers: []string{"csrf_token"}}
	b, rules := newBinding(t, p)
	for _, tc := range []struct {
		body string
		want []string
	}{
		{`{"email":"a@b.co","country":"GB","csrf_token":"k"}`, nil},
		{`{"email":"a@b.co","country":"GBR"}`, want("country: must be exactly 2 characters (len=2)")},
		{`{"email":"a@b.co","country":"GB","country":"US"}`, want("country: must not appear more than once (duplicate_key)")},
		{`{"email":"a@b.co","country":"GB","Notes":"x","nickname":"J"}`, want(
			"Notes: is not a recognized field (unknown_field)", "nickname: is not a recognized field (unknown_field)")},
		{`{"email":5,"country":"GB"}`, want("email: must be a string (type)")},
	} {
		var s signupWithCountry
		err := b.BindBody([]byte(tc.body), &s)
		if got := details(rules.FieldErrors(err)); !reflect.DeepEqual(got, append([]string{}, tc.want...)) {
			t.Errorf("%s: %v\n got %q\nwant %q", tc.body, err, got, tc.want)
		}
	}
	// A member of the struct's own that is not of its Go type is a
	// decoding error: about no field the contact rules know.
	var s signupWithCountry
	err := b.BindBody([]byte(`{"email":"a@b.co","country":5}`), &s)
	if err == nil || rules.FieldErrors(err) != nil {
		t.Errorf("a number for country: %v, %q", err, details(rules.FieldErrors(err)))
	}
}

// TestJSONBindingBounds: Bind reads at most the policy's limit and one
// byte more, and answers a longer body as CreateJSON does; the details
// are cut as CreateJSON cuts them, the struct's own members aside.
func TestJSONBindingBounds(t *testing.T) {
	p := validate.Policy{MaxBodyBytes: 100, MaxDetails: 5}
	b, rules := newBinding(t, p)
	body := &countingReader{r: strings.NewReader(`{"email":"` + strings.Repeat("a", 1<<20) + `@b.co"}`)}
	var s contact
	err := b.Bind(httptest.NewRequest("POST", "/", body), &s)
	if got := details(rules.FieldErrors(err)); !reflect.DeepEqual(got, want("base: must be at most 100 bytes (max_bytes)")) || body.n > 101 {
		t.Errorf("read %d bytes, details %q", body.n, got)
	}
	many := `{"email":"a@b.co","country":"GB","a":1,"b":1,"c":1,"d":1,"e":1,"f":1}`
	_, _, cut := validate.CreateJSON([]byte(`{"email":"a@b.co","a":1,"b":1,"c":1,"d":1,"e":1,"f":1}`), p)
	var sc signupWithCountry
	if got := rules.FieldErrors(b.BindBody([]byte(many), &sc)); !reflect.DeepEqual(got, cut) {
		t.Errorf("cut details\n got %q\nwant %q", details(got), details(cut))
	}
	if err := b.Bind(&http.Request{}, &s); err == nil || rules.FieldErrors(err) != nil {
		t.Errorf("a request without a body: %v", err)
	}
	if err := (vtags.JSONBinding{}).BindBody([]byte(`{}`), &s); err == nil {
		t.Error("the zero JSONBinding binds")
	}
}

type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

// ginContext is what a gin handler calls, as gin's Context does it:
// ShouldBindWith hands the request to the binding, ShouldBindBodyWith
// reads the body and hands the bytes over, JSON writes the answer.
type ginContext struct {
	Request *http.Request
	Writer  http.ResponseWriter
}

func (c *ginContext) ShouldBindWith(obj any, b ginBinding) error { return b.Bind(c.Request, obj) }

func (c *ginContext) ShouldBindBodyWith(obj any, bb ginBindingBody) error {
	body, err := io.ReadAll(c.Request.Body)
	if err != nil {
		return err
	}
	return bb.BindBody(body, obj)
}

func (c *ginContext) JSON(status int, v any) {
	c.Writer.Header().Set("Content-Type", "application/json; charset=utf-8")
	c.Writer.WriteHeader(status)
	_ = json.NewEncoder(c.Writer).Encode(v)
}

// TestGinShapedHandler: a gin-shaped handler with the binding answers
// every payload with CreateJSON's status and details.
func TestGinShapedHandler(t *testing.T) {
	p := validate.Policy{}
	binding, rules := newBinding(t, p)
	handler := func(c *ginContext, viaBody bool) {
		var s contact
		var err error
		if viaBody {
			err = c.ShouldBindBodyWith(&s, binding)
		} else {
			err = c.ShouldBindWith(&s, binding)
		}
		if err != nil {
			if details := rules.FieldErrors(err); details != nil {
				c.JSON(http.StatusUnprocessableEntity, errs.Validation(details))
				return
			}
			c.JSON(http.StatusBadRequest, errs.New(errs.ValidationFailed)) // not about a field
			return
		}
		c.JSON(http.StatusCreated, map[string]string{"email": s.Email})
	}
	for _, tc := range bindingPayloads {
		_, _, ds := validate.CreateJSON([]byte(tc.body), p)
		wantStatus, wantBody := http.StatusCreated, ""
		if ds != nil {
			wantStatus, wantBody = http.StatusUnprocessableEntity, string(errs.Validation(ds).AppendJSON(nil))
		}
		for _, viaBody := range []bool{false, true} {
			rec := httptest.NewRecorder()
			handler(&ginContext{Request: httptest.NewRequest("POST", "/v1/contacts", strings.NewReader(tc.body)), Writer: rec}, viaBody)
			if rec.Code != wantStatus || wantBody != "" && strings.TrimSpace(rec.Body.String()) != wantBody {
				t.Errorf("%s (body bound: %v): %d %s\nwant %d %s", tc.name, viaBody, rec.Code, rec.Body, wantStatus, wantBody)
			}
		}
	}
}
