package errs

// A FieldError is one entry of an envelope's details: which field failed
// and why. Message never contains the submitted value.
//
// Field is the JSON name of the payload member ("email", "tags[3]"), or
// "base" for a failure of the payload as a whole. Rule, when set, is a
// stable machine-readable name of the rule that failed (for clients that
// localise messages); it is omitted from the JSON when empty.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
	Rule    string `json:"rule,omitempty"`
}

// Error returns "field: message".
func (e FieldError) Error() string {
	return e.Field + ": " + e.Message
}
