// Package errs is the error envelope of the contacts API: codes, their HTTP
// statuses and default messages, field-level details, and the JSON bytes of
// an envelope.
//
// On the wire every failure is one JSON object (docs/envelope.md):
//
//	{"error":{"code":"validation_failed","message":"One or more fields are invalid","details":[{"field":"base","message":"email or phone_number is required"}]}}
//
// Servers build an [*Error] with [Validation], [ConflictWith],
// [RateLimitedFor] or [New]; clients ask [Retryable]. Speaking HTTP
// (writing an envelope as a response, reading one from a response,
// waiting out 429s) is package errs/httperr's: this package links neither
// net/http nor encoding/json, so the rules and the browser build can use it.
package errs

// A Code is the machine-readable error code of an envelope. Clients branch
// on it after looking at the HTTP status.
type Code string

// The codes of the API (docs/envelope.md).
const (
	InvalidClient     Code = "invalid_client"
	InvalidScope      Code = "invalid_scope"
	Unauthorized      Code = "unauthorized"
	InsufficientScope Code = "insufficient_scope"
	NotFound          Code = "not_found"
	Conflict          Code = "conflict"
	ValidationFailed  Code = "validation_failed"
	RateLimited       Code = "rate_limited"
)

// Codes this package uses where the contract has none; [Code.Known] is false for
// them.
const (
	// Internal (500, "Internal server error") is what
	// [github.com/contactrules/contactrules/errs/httperr.Write] answers for
	// an error that is not an *Error, so that no internal error text
	// reaches the client.
	Internal Code = "internal_error"

	// UnexpectedStatus (502, "The server answered with an unexpected
	// status") is what [github.com/contactrules/contactrules/errs/httperr.FromResponse]
	// reports for a response whose body is not an envelope and whose
	// status has no code of its own: a proxy's HTML 502 page, a load
	// balancer's 400. Its message names the status.
	UnexpectedStatus Code = "unexpected_status"
)

// codeInfo is one row of the table in docs/envelope.md.
type codeInfo struct {
	status  int
	message string
	spec    bool // a code of the contract, not one of this package's own
}

// The statuses are plain numbers, not net/http's constants: the browser
// build imports this package and must not link net/http.
var codes = map[Code]codeInfo{
	InvalidClient:     {401, "Client ID or client secret is incorrect", true},
	InvalidScope:      {401, "The requested OAuth scope is not enabled on the application", true},
	Unauthorized:      {401, "Bearer token is missing, expired, revoked, or invalid", true},
	InsufficientScope: {403, "Token does not have the required scope for this endpoint", true},
	NotFound:          {404, "The contact could not be found", true},
	Conflict:          {409, "A contact with this email or phone number already exists", true},
	ValidationFailed:  {422, "One or more fields are invalid", true},
	RateLimited:       {429, "Rate limit exceeded", true},

	Internal:         {500, "Internal server error", false},
	UnexpectedStatus: {502, "The server answered with an unexpected status", false},
}

// ForStatus returns the code a client assumes from an HTTP status alone,
// for a response whose body says nothing: the reverse of [Code.Status].
// Three codes share 401; the token-endpoint ones come with a body, so a
// bare 401 is the bearer-token failure. ok is false for a status that no
// code answers with.
func ForStatus(status int) (c Code, ok bool) {
	c, ok = statusCodes[status]
	return c, ok
}

var statusCodes = map[int]Code{
	401: Unauthorized,
	403: InsufficientScope,
	404: NotFound,
	409: Conflict,
	422: ValidationFailed,
	429: RateLimited,
	500: Internal,
}

// Known reports whether c is one of the eight codes of the contract.
func (c Code) Known() bool {
	return codes[c].spec
}

// Status returns the HTTP status the API answers c with, or 500 for an
// unknown code.
func (c Code) Status() int {
	if info, ok := codes[c]; ok {
		return info.status
	}
	return 500
}

// Message returns the default human-readable message of c, or "" for an
// unknown code.
func (c Code) Message() string {
	return codes[c].message
}
