// Package httperr speaks the contacts API's error envelope over HTTP.
//
// A server answers with [Write]: the status of the error's code, the
// envelope as the body, and Retry-After on a 429. A client turns a
// response into an error with [FromResponse], nil on success and an
// [*errs.Error] (found with errors.As) for the API's answer (or a body with
// [Parse], which also reads the RFC 6749 token-endpoint shape), reads the
// rate-limit headers with [ParseRateLimit] and [RetryAfter], and may let a
// [RetryTransport] wait out 429s: the only failure worth retrying
// unchanged.
package httperr
