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
