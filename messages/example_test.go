package messages_test

import (
	"fmt"

	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/messages"
	"github.com/contactrules/contactrules/validate"
)

// A form backend shows the details of a refused contact in the language
// of the browser's Accept-Language header.
func ExampleCatalog_Text() {
	details := []errs.FieldError{
		{Field: "phone_number", Message: "must be a valid phone number in E.164 format", Rule: "e164"},
		{Field: "tags[2]", Message: "must be a non-empty string of at most 255 characters", Rule: "tag"},
	}
	cat := messages.For("de-CH,de;q=0.9")
	for _, d := range details {
		fmt.Printf("%s: %s\n", d.Field, cat.Text(d, validate.Policy{}))
	}
	// Output:
	// phone_number: Bitte geben Sie eine gültige Telefonnummer mit Ländervorwahl ein, z. B. +49 30 123456.
	// tags[2]: Ein Tag darf nicht leer sein und höchstens 255 Zeichen haben.
}

// The numbers in a text are the policy's.
func ExampleCatalog_Text_policy() {
	d := errs.FieldError{Field: "first_name", Message: "must be at most 40 characters", Rule: "max_length"}
	p := validate.Policy{MaxNameLength: 40}
	fmt.Println(messages.For("en").Text(d, p))
	fmt.Println(messages.For("ja").Text(d, p))
	// Output:
	// must be at most 40 characters
	// 名は 40 文字以内で入力してください。
}

// For reads an Accept-Language header; what it cannot serve is English.
func ExampleFor() {
	for _, h := range []string{"de-CH,de;q=0.9", "fr-CA", "es-419", "pt", "zh-CN", ""} {
		fmt.Printf("%q: %s\n", h, messages.For(h).Language())
	}
	// Output:
	// "de-CH,de;q=0.9": de
	// "fr-CA": fr
	// "es-419": es
	// "pt": pt-BR
	// "zh-CN": en
	// "": en
}

// A form backend with wording of its own replaces some texts, and adds
// one for a go-playground/validator tag of its own.
func ExampleCatalog_With() {
	de := messages.For("de").With(map[messages.Key]string{
		{Field: "first_name", Rule: "max_length"}: "Bitte kürzen Sie den Vornamen auf {max} Zeichen.",
		{Field: "nickname", Rule: "required"}:     "Bitte geben Sie einen Spitznamen an.",
	})
	p := validate.Policy{}
	fmt.Println(de.Text(errs.FieldError{Field: "first_name", Rule: "max_length"}, p))
	fmt.Println(de.Text(errs.FieldError{Field: "nickname", Message: "is required", Rule: "required"}, p))
	fmt.Println(de.Text(errs.FieldError{Field: "email", Rule: "email"}, p))
	// Output:
	// Bitte kürzen Sie den Vornamen auf 255 Zeichen.
	// Bitte geben Sie einen Spitznamen an.
	// Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@example.com.
}

func ExampleLanguages() {
	fmt.Println(messages.Languages())
	// Output: [en de es fr it nl pt-BR ja]
}
