package fuzz

import (
	"fmt"

	"github.com/contactrules/contactrules/validate"
)

// The table every property and fuzz target judges a detail by, written
// from the contract (docs/) and not from package validate: each field (or family of
// fields), rule and message that may appear together, in the order
// details come in. Members are top-level keys of the body, reported by
// name.
func Example() {
	for _, r := range specRows(validate.Policy{}) {
		fmt.Printf("%-19s %-28s %s\n", r.field, r.rule, r.message)
	}
	// Output:
	// base                max_bytes                    must be at most 1048576 bytes
	// base                json_object                  must be a JSON object
	// base                required_any                 at least one field is required
	// base                required_one_of              email or phone_number is required
	// email               type                         must be a string
	// email               utf8                         must be valid UTF-8
	// email               immutable                    cannot be changed once set
	// email               email                        must be a valid email address
	// phone_number        type                         must be a string
	// phone_number        utf8                         must be valid UTF-8
	// phone_number        immutable                    cannot be changed once set
	// phone_number        e164                         must be a valid phone number in E.164 format
	// first_name          type                         must be a string
	// first_name          utf8                         must be valid UTF-8
	// first_name          max_length                   must be at most 255 characters
	// last_name           type                         must be a string
	// last_name           utf8                         must be valid UTF-8
	// last_name           max_length                   must be at most 255 characters
	// tags                type                         must be an array of strings
	// tags                max_items                    must have at most 100 items
	// tags[i]             utf8                         must be valid UTF-8
	// tags[i]             tag                          must be a non-empty string of at most 255 characters
	// custom_fields       flat_object                  must be a flat key-value object (no nested values)
	// custom_fields.<key> duplicate_key                must not appear more than once
	// custom_fields.<key> utf8                         must be valid UTF-8
	// email_consent       type                         must be a string
	// email_consent       utf8                         must be valid UTF-8
	// email_consent       compliance_suppressed        cannot be changed while the contact is compliance-suppressed
	// email_consent       enum                         must be one of: subscribed, unsubscribed, never_subscribed, suppressed
	// sms_consent         type                         must be a string
	// sms_consent         utf8                         must be valid UTF-8
	// sms_consent         enum                         must be one of: subscribed, unsubscribed, never_subscribed, single_opt_in
	// sms_consent         sms_supported_country        requires a phone number from a supported country
	// sms_consent         sms_no_unsubscribe_on_create cannot be unsubscribed for a new contact
	// send_welcome_sms    type                         must be a boolean
	// <member>            read_only                    is read-only
	// <member>            unknown_field                is not a recognized field
	// <member>            duplicate_key                must not appear more than once
}
