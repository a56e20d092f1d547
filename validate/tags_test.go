//go:build !js

package validate_test

import (
	"strings"
	"testing"

	"github.com/contactrules/contactrules/validate"
	"github.com/go-playground/validator/v10"
)

// signupForm is a form backend's own struct.
type signupForm struct {
	Email      string         `json:"email" validate:"omitempty,contact_email"`
	Phone      string         `json:"phone_number" validate:"omitempty,sms_phone"`
	First      string         `json:"first_name" validate:"contact_name"`
	Tags       []string       `json:"tags" validate:"contact_tags,dive,contact_tag"`
	Extra      map[string]any `json:"custom_fields" validate:"omitempty,flat_map"`
	EmailOptIn string         `json:"email_consent" validate:"omitempty,email_consent"`
	SMSOptIn   string         `json:"sms_consent" validate:"omitempty,sms_consent"`
	Country    string         `json:"country" validate:"required"`
}

func TestRegisterTags(t *testing.T) {
	v := validator.New()
	if err := validate.RegisterTags(v, validate.Policy{}); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		form signupForm
		want []string
	}{
		{"valid", signupForm{Email: "jane@example.com", Phone: usNumber, First: "Jane", Tags: []string{"vip"},
			Extra: map[string]any{"plan": "pro", "seats": 3, "trial": false, "ref": nil}, EmailOptIn: "subscribed", SMSOptIn: "single_opt_in", Country: "US"}, nil},
		{"every tag fails", signupForm{Email: "jane@", Phone: gbNumber, First: long256, Tags: []string{"ok", ""},
			Extra: map[string]any{"a": map[string]any{}}, EmailOptIn: "compliance_suppressed", SMSOptIn: "pending"},
			[]string{
				"email: must be a valid email address (email)",
				"phone_number: requires a phone number from a supported country (sms_supported_country)",
				"first_name: must be at most 255 characters (max_length)",
				"tags[1]: must be a non-empty string of at most 255 characters (tag)",
				"custom_fields: must be a flat key-value object (no nested values) (flat_object)",
				"email_consent: must be one of: subscribed, unsubscribed, never_subscribed, suppressed (enum)",
				"sms_consent: must be one of: subscribed, unsubscribed, never_subscribed, single_opt_in (enum)",
				"country: is required (required)",
			}},
		{"too many tags", signupForm{Email: "a@b.co", Tags: strings.Split(strings.Repeat("t,", 100)+"t", ","), Country: "US"},
			[]string{"tags: must have at most 100 items (max_items)"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := details(validate.FieldErrors(v.Struct(tc.form), validate.Policy{}))
			if !same(got, tc.want) {
				t.Errorf("details\n got: %q\nwant: %q", got, tc.want)
			}
		})
	}
}
