package advice_test

import (
	"fmt"

	"github.com/contactrules/contactrules/advice"
	"github.com/contactrules/contactrules/messages"
	"github.com/contactrules/contactrules/validate"
)

// A signup form's backend: the contact is accepted, and the advice is
// shown beside the fields, in the reader's language, with a button that
// takes the suggestion.
func ExampleFor() {
	p := validate.Policy{}
	contact, _, details := validate.CreateJSON([]byte(`{"email":"info@gmial.com"}`), p)
	if details != nil {
		return // refused: show the details instead
	}
	cat := messages.For("de-CH, de;q=0.9")
	for _, a := range advice.For(contact, p) {
		fmt.Printf("%s (%s): %s\n", a.Field, a.Rule, cat.Text(a.FieldError(), p))
		if a.Suggestion != "" {
			fmt.Printf("  Meinten Sie %s?\n", a.Suggestion) // never logged: it is the person's address
		}
	}
	// Output:
	// email (email_typo): Die E-Mail-Adresse enthält möglicherweise einen Tippfehler in der Domain.
	//   Meinten Sie info@gmail.com?
	// email (role_address): Dies ist eine Funktionsadresse (z. B. info@ oder support@), die ein Team statt einer Person erreicht.
}

// Form input: the number typed with a + country code belongs to another
// country than the one the form's select names.
func ExampleForForm() {
	form := map[string][]string{
		"email":        {"jane@example.com"},
		"phone_region": {"GB"},
		"phone_number": {"+1 (201) 555-0123"},
	}
	p := validate.Policy{}
	contact, _, details := validate.CreateForm(form, p)
	if details != nil {
		return
	}
	for _, a := range advice.ForForm(contact, form, p) {
		fmt.Println(a.Field, a.Rule, a.Message, a.Suggestion)
	}
	// Output:
	// phone_region phone_region_mismatch does not match the country code of the phone number US
}
