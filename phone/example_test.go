package phone_test

import (
	"errors"
	"fmt"

	"github.com/contactrules/contactrules/phone"
)

func ExampleParse() {
	for _, s := range []string{
		"+14155552671",
		"+18765230123",   // +1, but Jamaica
		"+4402071838750", // UK trunk 0: not how E.164 writes it
		"+15551234567",   // 555: fictional
		"+1 415 555 2671",
	} {
		n, err := phone.Parse(s)
		switch {
		case errors.Is(err, phone.ErrSyntax):
			fmt.Println("not E.164")
		case errors.Is(err, phone.ErrInvalid):
			fmt.Println("not a valid number")
		default:
			fmt.Println(n, n.CountryCode(), n.Region())
		}
	}
	// Output:
	// +14155552671 1 US
	// +18765230123 1 JM
	// not a valid number
	// not a valid number
	// not E.164
}

func ExampleNormalize() {
	for _, in := range []struct{ input, region string }{
		{"(415) 555-2671", "US"},
		{"020 7183 8750", "GB"},
		{"0044 20 7183 8750", "GB"},
		{"+44 (0)20 7183 8750", ""},
		{"415-555-2671 ext. 5", "US"},
	} {
		n, err := phone.Normalize(in.input, in.region)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(n)
	}
	// Output:
	// +14155552671
	// +442071838750
	// +442071838750
	// +442071838750
	// phone: malformed phone number: contains a character that is not a digit, a leading '+' or a separator ( ) - . / space
}

func ExampleRegions() {
	sms := phone.DefaultSMSRegions()
	fmt.Println(sms.Codes())

	us, _ := phone.Parse("+14155552671")
	jm, _ := phone.Parse("+18765230123")
	fmt.Println(sms.Supports(us), sms.Supports(jm))

	withUK, err := phone.NewRegions("US", "CA", "GB")
	fmt.Println(withUK.Codes(), err)

	_, err = phone.NewRegions("US", "UK")
	fmt.Println(err)
	// Output:
	// [CA US]
	// true false
	// [CA GB US] <nil>
	// phone: unknown region code (argument 2)
}

// A form's typed number is read into E.164 without being judged, so that
// the rule for E.164 input (and its policy) judges it.
func ExampleReadE164() {
	for _, in := range []string{"(415) 555-2671", "+44 (0)20 7183 8750", "555-0100", "1-800-FLOWERS"} {
		e164, err := phone.ReadE164(in, "US")
		fmt.Printf("%q %v\n", e164, err)
	}
	// Output:
	// "+14155552671" <nil>
	// "+442071838750" <nil>
	// "+15550100" <nil>
	// "" phone: malformed phone number: contains a character that is not a digit, a leading '+' or a separator ( ) - . / space
}

func ExampleIsRegion() {
	fmt.Println(phone.IsRegion("GB"), phone.IsRegion("gb"), phone.IsRegion("UK"), phone.IsRegion("001"))
	// Output:
	// true false false false
}

func ExampleNumber_Type() {
	for _, s := range []string{"+447400123456", "+442071838750", "+12015550123", "+18005550199"} {
		n, err := phone.Parse(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		// Only a mobile can take SMS for certain; in the US and Canada the
		// metadata cannot tell fixed lines from mobiles.
		fmt.Println(n, n.Type(), n.Type() == phone.Mobile || n.Type() == phone.FixedLineOrMobile)
	}
	// Output:
	// +447400123456 MOBILE true
	// +442071838750 FIXED_LINE false
	// +12015550123 FIXED_LINE_OR_MOBILE true
	// +18005550199 TOLL_FREE false
}

func ExampleNumber_Format() {
	for _, s := range []string{"+12015550123", "+442071838750", "+390612345678"} {
		n, _ := phone.Parse(s)
		fmt.Printf("%-22s %-20s %s\n", n.Format(phone.International), n.Format(phone.National), n.Format(phone.RFC3966))
	}
	// Output:
	// +1 201-555-0123        (201) 555-0123       tel:+1-201-555-0123
	// +44 20 7183 8750       020 7183 8750        tel:+44-20-7183-8750
	// +39 06 1234 5678       06 1234 5678         tel:+39-06-1234-5678
}

// A form's phone field: what the person typed is read in their region,
// and shown back as people write it there.
func ExampleNumber_Format_form() {
	typed, region := "2015550123", "US"
	n, err := phone.Normalize(typed, region)
	if err != nil {
		fmt.Println("not a phone number")
		return
	}
	fmt.Println(n.Format(phone.National)) // shown in the field
	fmt.Println(n)                        // stored
	// Output:
	// (201) 555-0123
	// +12015550123
}

func ExampleExample() {
	// A placeholder for a form's phone field in each region.
	for _, region := range []string{"US", "GB", "DE"} {
		n, ok := phone.Example(region, phone.Mobile)
		if ok {
			fmt.Printf("%s: e.g. %s\n", region, n.Format(phone.National))
		}
	}
	// Output:
	// US: e.g. (201) 555-0123
	// GB: e.g. 07400 123456
	// DE: e.g. 01512 3456789
}

// A form's phone field formatted while the person types, one keystroke
// at a time, as a browser would send them.
func ExampleAsYouType() {
	a := phone.NewAsYouType("US")
	for _, key := range "2015550123" {
		fmt.Println(a.Input(string(key)))
	}
	n, ok := a.Number()
	fmt.Println(n, ok)
	// Output:
	// 2
	// 20
	// (201)
	// (201) 5
	// (201) 55
	// (201) 555
	// (201) 555-0
	// (201) 555-01
	// (201) 555-012
	// (201) 555-0123
	// +12015550123 true
}
