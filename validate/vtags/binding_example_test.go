package vtags_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/errs/httperr"
	"github.com/contactrules/contactrules/validate"
	"github.com/contactrules/contactrules/validate/vtags"
	"github.com/go-playground/validator/v10"
)

// newsletterSignup is a handler's struct: the contact's fields with
// their tags, and a field of the handler's own.
type newsletterSignup struct {
	Email        string         `json:"email" binding:"contact_email"`
	Phone        string         `json:"phone_number" binding:"phone_e164"`
	Tags         []string       `json:"tags" binding:"contact_tags"`
	CustomFields map[string]any `json:"custom_fields" binding:"flat_map"`
	SMSConsent   string         `json:"sms_consent" binding:"sms_consent"`
	Source       string         `json:"source" binding:"omitempty,oneof=web app"`
}

// A JSON handler that binds before it validates, as gin's do, answers as
// the API does. With gin the handler is
//
//	v := binding.Validator.Engine().(*validator.Validate) // gin's validator
//	rules.Register(v)
//	b := rules.JSONBinding(v)
//	r.POST("/v1/contacts", func(c *gin.Context) {
//		var s newsletterSignup
//		if err := c.ShouldBindWith(&s, b); err != nil {
//			if details := rules.FieldErrors(err); details != nil {
//				c.JSON(422, errs.Validation(details))
//			} else {
//				c.JSON(400, errs.New(errs.ValidationFailed)) // not about a field
//			}
//			return
//		}
//		…
//	})
//
// and this example is the same handler on net/http alone.
func ExampleRules_JSONBinding() {
	policy := validate.Policy{}
	v := validator.New()
	v.SetTagName("binding") // gin's tag name
	rules := vtags.New(policy)
	if err := rules.Register(v); err != nil {
		panic(err)
	}
	b := rules.JSONBinding(v)

	handler := func(w http.ResponseWriter, r *http.Request) {
		var s newsletterSignup
		if err := b.Bind(r, &s); err != nil {
			if details := rules.FieldErrors(err); details != nil {
				httperr.Write(w, errs.Validation(details)) // 422, the API's details
				return
			}
			// Not about a field: the body could not be read, or a member
			// of the struct's own is not of its Go type ("source": 5).
			http.Error(w, "cannot read the request", http.StatusBadRequest)
			return
		}
		c, _ := rules.Contact(s)
		contact, _, _ := validate.Create(c, policy) // consent defaults applied
		w.WriteHeader(http.StatusCreated)
		fmt.Fprintln(w, contact.Email, string(contact.CustomFields), s.Source)
	}

	for _, body := range []string{
		`{"email":"jane@example.com","custom_fields":{"id":12345678901234567890},"source":"web"}`,
		`{"email":123,"tags":"vip","nickname":"J"}`,
		`{"email":"jane@example.com","email":"other@example.com"}`,
		`{"email":"jane@example.com","source":"fax"}`,
		`{"email":"jane@example.com","source":5}`,
	} {
		rec := httptest.NewRecorder()
		handler(rec, httptest.NewRequest("POST", "/v1/contacts", strings.NewReader(body)))
		answer, _ := io.ReadAll(rec.Body)
		fmt.Print(rec.Code, " ", string(answer))
	}
	// Output:
	// 201 jane@example.com {"id":12345678901234567890} web
	// 422 {"error":{"code":"validation_failed","message":"One or more fields are invalid","details":[{"field":"email","message":"must be a string","rule":"type"},{"field":"tags","message":"must be an array of strings","rule":"type"},{"field":"nickname","message":"is not a recognized field","rule":"unknown_field"}]}}
	// 422 {"error":{"code":"validation_failed","message":"One or more fields are invalid","details":[{"field":"email","message":"must not appear more than once","rule":"duplicate_key"}]}}
	// 422 {"error":{"code":"validation_failed","message":"One or more fields are invalid","details":[{"field":"source","message":"must be one of: web, app","rule":"oneof=web app"}]}}
	// 400 cannot read the request
}
