package consent

import "github.com/contactrules/contactrules/errs"

// A Refusal is one way the consent rules refuse a member of a request.
// [Create] and [Update] return the refusals that apply, at most one a
// field, email_consent's first; FieldError gives each one's detail. The
// zero Refusal refuses nothing.
type Refusal uint8

// The refusals, in the order of the rules table.
const (
	// RefuseComplianceSuppressed: any email_consent sent for a contact
	// whose email consent is compliance_suppressed (update).
	RefuseComplianceSuppressed Refusal = iota + 1
	// RefuseEmailValue: email_consent is not a value a client may write.
	RefuseEmailValue
	// RefuseSMSValue: sms_consent is not a value a client may write.
	RefuseSMSValue
	// RefuseUnsupportedCountry: sms_consent subscribed or single_opt_in
	// without a phone number from a supported SMS region.
	RefuseUnsupportedCountry
	// RefuseUnsubscribeOnCreate: sms_consent unsubscribed for a new
	// contact.
	RefuseUnsubscribeOnCreate
	numRefusals
)

// refusals are each refusal's detail.
var refusals = [numRefusals]errs.FieldError{
	RefuseComplianceSuppressed: {Field: "email_consent", Message: "cannot be changed while the contact is compliance-suppressed", Rule: "compliance_suppressed"},
	RefuseEmailValue:           emailWords.enumError(),
	RefuseSMSValue:             smsWords.enumError(),
	RefuseUnsupportedCountry:   {Field: "sms_consent", Message: "requires a phone number from a supported country", Rule: "sms_supported_country"},
	RefuseUnsubscribeOnCreate:  {Field: "sms_consent", Message: "cannot be unsubscribed for a new contact", Rule: "sms_no_unsubscribe_on_create"},
}

// FieldError returns the detail the API reports for r; the zero
// FieldError for a Refusal that is none.
func (r Refusal) FieldError() errs.FieldError {
	if r >= numRefusals {
		return errs.FieldError{}
	}
	return refusals[r]
}

// String returns the refusal's field and rule, "sms_consent/enum".
func (r Refusal) String() string {
	e := r.FieldError()
	if e.Field == "" {
		return "Refusal(none)"
	}
	return e.Field + "/" + e.Rule
}
