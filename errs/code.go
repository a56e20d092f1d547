// Package errs is the error envelope of the contacts API: codes, their HTTP
// statuses and default messages, field-level details, writing an envelope
// from a server handler and reading one in a client.
package errs

import "net/http"

// A Code is the machine-readable error code of an envelope. Clients branch
// on it after looking at the HTTP status.
type Code string

// The codes of the API (SPEC.md section 1).
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

// codeInfo is one row of the table in SPEC.md section 1.
type codeInfo struct {
	status  int
	message string
}

var codes = map[Code]codeInfo{
	InvalidClient:     {http.StatusUnauthorized, "Client ID or client secret is incorrect"},
	InvalidScope:      {http.StatusUnauthorized, "The requested OAuth scope is not enabled on the application"},
	Unauthorized:      {http.StatusUnauthorized, "Bearer token is missing, expired, revoked, or invalid"},
	InsufficientScope: {http.StatusForbidden, "Token does not have the required scope for this endpoint"},
	NotFound:          {http.StatusNotFound, "The contact could not be found"},
	Conflict:          {http.StatusConflict, "A contact with this email or phone number already exists"},
	ValidationFailed:  {http.StatusUnprocessableEntity, "One or more fields are invalid"},
	RateLimited:       {http.StatusTooManyRequests, "Rate limit exceeded"},
}

// Known reports whether c is one of the codes of the API.
func (c Code) Known() bool {
	_, ok := codes[c]
	return ok
}

// Status returns the HTTP status the API answers c with, or 500 for an
// unknown code.
func (c Code) Status() int {
	if info, ok := codes[c]; ok {
		return info.status
	}
	return http.StatusInternalServerError
}

// Message returns the default human-readable message of c, or "" for an
// unknown code.
func (c Code) Message() string {
	return codes[c].message
}
