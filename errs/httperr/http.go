package httperr

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/contactrules/contactrules/errs"
)

// Write answers an HTTP request with err as an envelope: the status of its
// code, Content-Type: application/json (with X-Content-Type-Options:
// nosniff, as http.Error sends), and for errs.RateLimited a Retry-After
// header of RetryAfter in whole seconds, rounded up and at least 1 (a 429
// always carries one, and "0" would invite an immediate retry). The body is
// the envelope followed by a newline, as json.Encoder and http.Error end
// theirs.
//
// An err that is not an *errs.Error (see errors.As), and a nil err, is answered
// with 500 and {"error":{"code":"internal_error","message":"Internal server
// error"}}: its text may hold internals or personal data, so none of it is
// sent. Log it yourself before calling Write.
func Write(w http.ResponseWriter, err error) {
	var e *errs.Error
	if !errors.As(err, &e) || e == nil {
		e = errs.New(errs.Internal)
	}
	data, _ := json.Marshal(e) // an envelope is strings only: it cannot fail
	h := w.Header()
	h.Del("Content-Length")
	h.Set("Content-Type", "application/json")
	h.Set("X-Content-Type-Options", "nosniff")
	code := e.Code
	if code == "" {
		code = errs.Internal
	}
	if code == errs.RateLimited {
		h.Set("Retry-After", strconv.FormatInt(retryAfterSeconds(e.RetryAfter), 10))
	}
	w.WriteHeader(code.Status())
	w.Write(append(data, '\n'))
}

func retryAfterSeconds(d time.Duration) int64 {
	s := int64(d / time.Second)
	if d%time.Second > 0 {
		s++
	}
	return max(s, 1)
}

// maxBody is how much of an error response FromResponse reads. Envelopes
// are small; anything larger is not one.
const maxBody = 1 << 20

// FromResponse returns the error a response carries, or nil for a 2xx
// response (whose body it leaves alone), as net/http and database/sql
// return errors: an error response gives an *errs.Error (errors.As finds
// it), so that a function returning error can return FromResponse's
// result as it is, nil on success. It reads at most 1 MiB of the body and
// does not close it; closing stays with the caller.
//
// It understands the envelope and the RFC 6749 token-endpoint shape
// {"error":"invalid_client","error_description":"…"}. A body that is
// neither (a proxy's HTML page, an empty or oversized body) gives the code
// the status stands for, with that code's default message; a status with no
// code of its own gives errs.UnexpectedStatus, whose message names the status.
// An envelope with a code unknown here and no message gets its status's
// message. For a 429 it also reads Retry-After into RetryAfter (see
// [RetryAfter]; relative to the response's Date header when it has one, so
// that a skewed local clock does not matter).
//
// The error is not an *errs.Error only when resp is nil or its body
// cannot be read: then the API's answer is unknown.
func FromResponse(resp *http.Response) error {
	if resp == nil {
		return errors.New("httperr: nil response")
	}
	if resp.StatusCode >= 200 && resp.StatusCode <= 299 {
		return nil
	}
	var data []byte
	if resp.Body != nil {
		var err error
		data, err = io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
		if err != nil {
			return fmt.Errorf("httperr: reading error response: %w", err)
		}
	}
	e, err := Parse(data)
	if len(data) > maxBody || err != nil {
		e = fromStatus(resp.StatusCode)
	} else if e.Message == "" { // a code unknown here, sent without a message
		e.Message = fromStatus(resp.StatusCode).Message
	}
	if resp.StatusCode == http.StatusTooManyRequests {
		e.RetryAfter, _ = RetryAfter(resp.Header, responseTime(resp.Header, time.Now()))
	}
	return e
}

// fromStatus is the error a bare status stands for.
func fromStatus(status int) *errs.Error {
	if c, ok := errs.ForStatus(status); ok {
		return errs.New(c)
	}
	msg := fmt.Sprintf("%s: HTTP %d", errs.UnexpectedStatus.Message(), status)
	if text := http.StatusText(status); text != "" {
		msg += " " + text
	}
	return &errs.Error{Code: errs.UnexpectedStatus, Message: msg}
}

// responseTime is the moment a response was sent by the server's own clock,
// or now when it does not say.
func responseTime(h http.Header, now time.Time) time.Time {
	if t, err := http.ParseTime(h.Get("Date")); err == nil {
		return t
	}
	return now
}

// MaxRetryAfter is the longest Retry-After that [RetryAfter] accepts. A
// longer one is more likely a bug (a timestamp sent as seconds) than
// advice, and no client should sleep on it.
const MaxRetryAfter = 24 * time.Hour

// RetryAfter returns the delay a Retry-After header asks for, measured from
// now. It accepts delta-seconds ("120") and an HTTP-date (a date already
// past means 0: retry now). It reports false when the header is absent,
// negative, not one of the two forms, or longer than MaxRetryAfter.
func RetryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	var d time.Duration
	if isDigits(v) {
		secs, err := strconv.ParseInt(v, 10, 64)
		if err != nil || secs > int64(MaxRetryAfter/time.Second) {
			return 0, false
		}
		d = time.Duration(secs) * time.Second
	} else {
		t, err := http.ParseTime(v)
		if err != nil {
			return 0, false
		}
		d = max(t.Sub(now), 0)
	}
	if d > MaxRetryAfter {
		return 0, false
	}
	return d, true
}

// isDigits reports whether s is 1*DIGIT, the only form of delta-seconds
// and of the rate-limit numbers; strconv alone would also take "+5".
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
