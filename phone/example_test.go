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
