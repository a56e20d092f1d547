package vtags_test

import (
	"fmt"
	"net/url"

	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/validate"
	"github.com/contactrules/contactrules/validate/vtags"
	"github.com/go-playground/validator/v10"
)

// signup is a gin-style form struct: gin's binding tag, the form and JSON
// names, the contact tags and tags of validator's own.
type signup struct {
	Email      string   `form:"email" json:"email" binding:"contact_email"`
	Phone      string   `form:"phone_number" json:"phone_number" binding:"phone_e164"`
	FirstName  string   `form:"first_name" json:"first_name" binding:"omitempty,contact_name"`
	Tags       []string `form:"tags" json:"tags" binding:"omitempty,contact_tags"`
	SMSConsent string   `form:"sms_consent" json:"sms_consent" binding:"omitempty,sms_consent"`
	Country    string   `form:"country" json:"country" binding:"required,len=2"`
}

// A form backend binds a post into its struct (gin's ShouldBind does this
// step), checks it with the validator, and answers the API's details; a
// valid struct gives the contact to store through validate.Create.
func Example() {
	policy := validate.Policy{}
	v := validator.New(validator.WithRequiredStructEnabled())
	v.SetTagName("binding") // gin's tag name
	rules := vtags.New(policy)
	if err := rules.Register(v); err != nil {
		panic(err)
	}

	for _, post := range []string{
		"phone_number=%2B447400123456&sms_consent=subscribed&country=GBR",
		"phone_number=%2B12015550123&sms_consent=subscribed&tags=vip&country=US",
	} {
		form, _ := url.ParseQuery(post)
		s := signup{Email: form.Get("email"), Phone: form.Get("phone_number"), FirstName: form.Get("first_name"),
			Tags: form["tags"], SMSConsent: form.Get("sms_consent"), Country: form.Get("country")}

		if err := v.Struct(s); err != nil {
			details := rules.FieldErrors(err)
			if details == nil {
				fmt.Println("500:", err) // not about a field of the form
				continue
			}
			fmt.Println(422, string(errs.Validation(details).AppendJSON(nil)))
			continue
		}
		c, _ := rules.Contact(s)
		contact, effects, _ := validate.Create(c, policy)
		fmt.Println(201, contact.PhoneNumber, contact.SMSConsent, contact.EmailConsent, "welcome SMS:", effects.WelcomeSMS)
	}
	// Output:
	// 422 {"error":{"code":"validation_failed","message":"One or more fields are invalid","details":[{"field":"sms_consent","message":"requires a phone number from a supported country","rule":"sms_supported_country"},{"field":"country","message":"must be exactly 2 characters","rule":"len=2"}]}}
	// 201 +12015550123 subscribed never_subscribed welcome SMS: true
}

// A caller's own tag gets a message of the caller's; validator's tags get
// a message that says what failed, and their tag and parameter as the
// rule.
func ExampleRules_Message() {
	type booking struct {
		Email string `json:"email" validate:"contact_email"`
		Seats int    `json:"seats" validate:"min=1,max=8"`
		Zip   string `json:"zip" validate:"zip5"`
	}
	v := validator.New()
	rules := vtags.New(validate.Policy{})
	_ = rules.Register(v)
	_ = v.RegisterValidation("zip5", func(fl validator.FieldLevel) bool { return len(fl.Field().String()) == 5 })
	_ = rules.Message("zip5", func(validator.FieldError) string { return "must be a 5-digit ZIP code" })

	for _, d := range rules.FieldErrors(v.Struct(booking{Email: "jane@example", Seats: 9, Zip: "123"})) {
		fmt.Printf("%s: %s (%s)\n", d.Field, d.Message, d.Rule)
	}
	// Output:
	// email: must be a valid email address (email)
	// seats: must be at most 8 (max=8)
	// zip: must be a 5-digit ZIP code (zip5)
}
