package consent

// A Refusal is one way the consent rules refuse a member of a request.
// [Create] and [Update] return the refusals that apply, at most one a
// field, email_consent's first. The package decides; the detail the API
// reports for each refusal (its field, rule name and message) is a row of
// the validate package's rule table. The zero Refusal refuses nothing.
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

// refusals are each refusal's field and name.
var refusals = [numRefusals]struct{ field, name string }{
	RefuseComplianceSuppressed: {"email_consent", "RefuseComplianceSuppressed"},
	RefuseEmailValue:           {"email_consent", "RefuseEmailValue"},
	RefuseSMSValue:             {"sms_consent", "RefuseSMSValue"},
	RefuseUnsupportedCountry:   {"sms_consent", "RefuseUnsupportedCountry"},
	RefuseUnsubscribeOnCreate:  {"sms_consent", "RefuseUnsubscribeOnCreate"},
}

// Field returns the JSON name of the member r refuses, "email_consent" or
// "sms_consent"; "" for a Refusal that is none.
func (r Refusal) Field() string {
	if r >= numRefusals {
		return ""
	}
	return refusals[r].field
}

// String returns the refusal's name, "RefuseSMSValue".
func (r Refusal) String() string {
	if r == 0 || r >= numRefusals {
		return "Refusal(none)"
	}
	return refusals[r].name
}
