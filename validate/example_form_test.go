package validate_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/errs/httperr"
	"github.com/contactrules/contactrules/validate"
)

// signup is a form backend's handler: the form is checked by the API's
// rules, and the contact it stores has its phone number in E.164.
func signup(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		httperr.Write(w, errs.Validation([]errs.FieldError{{Field: "base", Message: "must be a form", Rule: "form"}}))
		return
	}
	contact, effects, details := validate.CreateForm(r.PostForm, validate.Policy{DefaultRegion: "US"})
	if details != nil {
		httperr.Write(w, errs.Validation(details))
		return
	}
	w.WriteHeader(http.StatusCreated)
	fmt.Fprintf(w, "stored %s, welcome SMS %v\n", contact.PhoneNumber, effects.WelcomeSMS)
}

// A form handler: what people type is checked by the same rules as the
// API's JSON, with the same details.
func ExampleCreateForm() {
	srv := httptest.NewServer(http.HandlerFunc(signup))
	defer srv.Close()
	for _, form := range []url.Values{
		{"phone_number": {"(415) 555-2671"}, "sms_consent": {"subscribed"}, "first_name": {"Jane"}, "email": {""}},
		{"phone_number": {"07400 123456"}, "phone_region": {"GB"}, "sms_consent": {"subscribed"}},
	} {
		resp, err := http.PostForm(srv.URL, form)
		if err != nil {
			panic(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		fmt.Print(resp.StatusCode, " ", string(body))
	}
	// Output:
	// 201 stored +14155552671, welcome SMS true
	// 422 {"error":{"code":"validation_failed","message":"One or more fields are invalid","details":[{"field":"sms_consent","message":"requires a phone number from a supported country","rule":"sms_supported_country"}]}}
}

// TestFormHandlerAnswersCurl posts to the Example's handler on 127.0.0.1
// with curl, as a person's browser would post the form.
func TestFormHandlerAnswersCurl(t *testing.T) {
	curl, err := exec.LookPath("curl")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("curl is missing")
		}
		t.Skip("no curl")
	}
	srv := httptest.NewServer(http.HandlerFunc(signup))
	defer srv.Close()
	if !strings.HasPrefix(srv.URL, "http://127.0.0.1:") {
		t.Fatalf("server at %s, want 127.0.0.1", srv.URL)
	}
	for _, tc := range []struct {
		data, want string
	}{
		{"phone_number=(415) 555-2671&first_name=Jane&tags=vip&tags=gold&custom_fields[plan]=pro&send_welcome_sms=off&sms_consent=subscribed",
			"201 stored +14155552671, welcome SMS false\n"},
		{"first_name=Jane&nickname=J",
			`422 {"error":{"code":"validation_failed","message":"One or more fields are invalid","details":[` +
				`{"field":"base","message":"email or phone_number is required","rule":"required_one_of"},` +
				`{"field":"nickname","message":"is not a recognized field","rule":"unknown_field"}]}}` + "\n"},
	} {
		out, err := exec.Command(curl, "-s", "-w", "%{http_code}", "-o", "-", "-d", tc.data, srv.URL).Output()
		if err != nil {
			t.Fatalf("curl: %v", err)
		}
		// curl writes the body, then the status: put the status first.
		s := string(out)
		got := s[len(s)-3:] + " " + s[:len(s)-3]
		if got != tc.want {
			t.Errorf("curl -d %q:\n got %q\nwant %q", tc.data, got, tc.want)
		}
	}
}
