package errs

import (
	"errors"
	"time"

	"github.com/contactrules/contactrules/internal/jsonwire"
)

// An Error is one failure of the API, the Go side of an envelope. Both
// servers (build one, write it with [github.com/contactrules/contactrules/errs/httperr.Write]) and clients
// ([github.com/contactrules/contactrules/errs/httperr.FromResponse]) use it; it works with [errors.As]:
//
//	var e *errs.Error
//	if errors.As(err, &e) && e.Code == errs.Conflict { update(e.ID) }
//
// The zero Error is an [Internal] error with its default message.
type Error struct {
	// Code is what clients branch on. Empty means Internal.
	Code Code

	// Message is for logs and never holds a submitted value. Empty means
	// Code's default message.
	Message string

	// Details lists the fields that failed. It is sent only with
	// ValidationFailed, as docs/envelope.md says; a client keeps whatever a server
	// sent.
	Details []FieldError

	// ID is the existing contact's id. It is sent only with Conflict.
	ID string

	// RetryAfter is how long a RateLimited client should wait. It travels
	// in the Retry-After header, never in the body; zero on a client means
	// the server did not say (or said something unusable).
	RetryAfter time.Duration
}

// Validation returns a ValidationFailed error carrying details, which it
// keeps (it does not copy them).
func Validation(details []FieldError) *Error {
	return &Error{Code: ValidationFailed, Message: ValidationFailed.Message(), Details: details}
}

// ConflictWith returns a Conflict error naming the id of the contact that
// already has the email or phone number, so the client can update it.
func ConflictWith(id string) *Error {
	return &Error{Code: Conflict, Message: Conflict.Message(), ID: id}
}

// RateLimitedFor returns a RateLimited error telling the client to wait d
// before it tries again.
func RateLimitedFor(d time.Duration) *Error {
	return &Error{Code: RateLimited, Message: RateLimited.Message(), RetryAfter: d}
}

// New returns an error with code c and c's default message.
func New(c Code) *Error {
	return &Error{Code: c, Message: c.Message()}
}

// Error returns "code: message". Details are left out: they are for the
// client, and a log line wants one failure, not a list.
func (e *Error) Error() string {
	if e == nil {
		return "errs: <nil>"
	}
	return string(e.code()) + ": " + e.message()
}

func (e *Error) code() Code {
	if e.Code == "" {
		return Internal
	}
	return e.Code
}

func (e *Error) message() string {
	switch {
	case e.Message != "":
		return e.Message
	case e.code().Message() != "":
		return e.code().Message()
	}
	return Internal.Message()
}

// MarshalJSON returns the envelope
// {"error":{"code":…,"message":…,"details":[…]}}: "details" only for
// ValidationFailed with at least one detail, "id" only for Conflict with
// an id. Being strict in what it sends keeps every envelope within the contract (docs/envelope.md)
// whatever a handler put in the Error.
func (e Error) MarshalJSON() ([]byte, error) {
	return e.AppendJSON(nil), nil
}

// AppendJSON appends the envelope, as MarshalJSON returns it, to b.
func (e Error) AppendJSON(b []byte) []byte {
	b = append(b, `{"error":`...)
	return append(e.AppendBody(b), '}')
}

// AppendBody appends the envelope's inner object,
// {"code":…,"message":…,"details":[…]}, to b: what a program that reports
// many results (one per line, say) prints for each. The bytes are those
// encoding/json would write, HTML escaping included; they are written
// without reflection because a bulk check prints one for every invalid
// line.
func (e Error) AppendBody(b []byte) []byte {
	code := e.code()
	b = append(b, `{"code":`...)
	b = jsonwire.AppendQuote(b, string(code))
	b = append(b, `,"message":`...)
	b = jsonwire.AppendQuote(b, e.message())
	if code == Conflict && e.ID != "" {
		b = append(b, `,"id":`...)
		b = jsonwire.AppendQuote(b, e.ID)
	}
	if code == ValidationFailed && len(e.Details) > 0 {
		b = append(b, `,"details":[`...)
		for i, d := range e.Details {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"field":`...)
			b = jsonwire.AppendQuote(b, d.Field)
			b = append(b, `,"message":`...)
			b = jsonwire.AppendQuote(b, d.Message)
			if d.Rule != "" {
				b = append(b, `,"rule":`...)
				b = jsonwire.AppendQuote(b, d.Rule)
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

// Retryable reports whether err is (or wraps) an *Error with code
// RateLimited: the only failure a client may retry unchanged (docs/envelope.md). Every other error needs the request fixed.
func Retryable(err error) bool {
	var e *Error
	return errors.As(err, &e) && e != nil && e.Code == RateLimited
}
