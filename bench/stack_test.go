package bench

import (
	"encoding/json"
	"sync"
	"testing"

	"github.com/go-playground/validator/v10"
)

// userContact is the typical contact as a Go user without this library
// would check it: encoding/json into a tagged struct, go-playground's
// validator for the field rules, and phonenumbers (through trio) for
// the number. It knows fewer rules (no repeated or unknown members, no
// UTF-8 or consent-transition rules), so it is a lower bound on what
// that stack costs for the same answer.
type userContact struct {
	Email        string         `json:"email" validate:"required_without=PhoneNumber,omitempty,email,max=254"`
	PhoneNumber  string         `json:"phone_number" validate:"required_without=Email,omitempty,e164,phone"`
	FirstName    string         `json:"first_name" validate:"max=255"`
	LastName     string         `json:"last_name" validate:"max=255"`
	Tags         []string       `json:"tags" validate:"max=100,dive,required,max=255"`
	CustomFields map[string]any `json:"custom_fields"`
	EmailConsent string         `json:"email_consent" validate:"omitempty,oneof=subscribed unsubscribed never_subscribed suppressed"`
	SMSConsent   string         `json:"sms_consent" validate:"omitempty,oneof=subscribed unsubscribed never_subscribed single_opt_in"`
}

// userValidator is built once, as a user's program would.
var userValidator = sync.OnceValue(func() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	if err := v.RegisterValidation("phone", func(fl validator.FieldLevel) bool { return trio(fl.Field().String()) }); err != nil {
		panic(err)
	}
	return v
})

// userStack checks body with that stack and reports whether it passes.
func userStack(body []byte) bool {
	var c userContact
	if err := json.Unmarshal(body, &c); err != nil {
		return false
	}
	for _, v := range c.CustomFields {
		switch v.(type) {
		case map[string]any, []any:
			return false
		}
	}
	return userValidator().Struct(&c) == nil
}

// TestUserStack: the alternative passes the typical contact and refuses
// the invalid one, so that it is measured doing the work.
func TestUserStack(t *testing.T) {
	if !userStack(Typical) || userStack(invalid) {
		t.Fatalf("userStack: typical %v, invalid %v", userStack(Typical), userStack(invalid))
	}
	if userStack([]byte(`{"email":"jane@example.com","phone_number":"+4402071838750"}`)) {
		t.Fatal("userStack passes a number that is not E.164")
	}
}
