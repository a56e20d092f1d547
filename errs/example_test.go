package errs_test

import (
	"fmt"
	"os"
	"time"

	"github.com/contactrules/contactrules/errs"
)

// The envelope of a payload that names no contact, as a server sends it.
func ExampleValidation() {
	e := errs.Validation([]errs.FieldError{
		{Field: "base", Message: "email or phone_number is required", Rule: "required_one_of"},
	})
	os.Stdout.Write(e.AppendJSON(nil))
	fmt.Println()
	fmt.Println(e.Code.Status())
	// Output:
	// {"error":{"code":"validation_failed","message":"One or more fields are invalid","details":[{"field":"base","message":"email or phone_number is required","rule":"required_one_of"}]}}
	// 422
}

func ExampleRetryable() {
	for _, err := range []error{
		fmt.Errorf("sync: %w", errs.RateLimitedFor(time.Second)),
		errs.Validation(nil),
	} {
		fmt.Println(errs.Retryable(err))
	}
	// Output:
	// true
	// false
}
