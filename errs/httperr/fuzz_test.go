package httperr

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"

	"github.com/contactrules/contactrules/errs"
)

// fromStatusMessage is the code and message FromResponse gives a bare
// status, written independently of the package's status table.
func fromStatusMessage(status int) (errs.Code, string) {
	if c, ok := map[int]errs.Code{401: errs.Unauthorized, 403: errs.InsufficientScope, 404: errs.NotFound, 409: errs.Conflict,
		422: errs.ValidationFailed, 429: errs.RateLimited, 500: errs.Internal}[status]; ok {
		return c, c.Message()
	}
	msg := fmt.Sprintf("%s: HTTP %d", errs.UnexpectedStatus.Message(), status)
	if text := http.StatusText(status); text != "" {
		msg += " " + text
	}
	return errs.UnexpectedStatus, msg
}

// FuzzFromResponse gives FromResponse a response of any status, body,
// Retry-After and Date. Besides not failing: nil for 2xx, else an error
// with a code and a message; a body that is no envelope gives the
// status's own error; an envelope is read as Parse reads it; Retry-After
// is within 0 and MaxRetryAfter, and only on a 429; and the error
// survives both Write and encoding/json with its code, message, details
// and id.
func FuzzFromResponse(f *testing.F) {
	seeds := []string{
		`{"error":{"code":"validation_failed","message":"One or more fields are invalid","details":[{"field":"base","message":"email or phone_number is required"}]}}`,
		`<html>502 Bad Gateway</html>`, ``, `{}`, `{"error":"invalid_client","error_description":"bad"}`,
		`{"error":{"code":"conflict","message":"m","id":12}}`, `{"error":{"code":"x"}}`, `{"error":{"code":""}}`,
		`{"error":{"code":"","message":"x"}}`, `{"error":{"code":"\ud800"}}`, `{"error":null}`,
		`{"error":{"code":"validation_failed","details":[{"field":1}]}}`,
	}
	for _, c := range append([]errs.Code{errs.Internal, errs.UnexpectedStatus}, codesOf(specTable)...) {
		rec := httptest.NewRecorder()
		Write(rec, errs.New(c))
		seeds = append(seeds, rec.Body.String())
	}
	for _, s := range seeds {
		f.Add(429, []byte(s), "120", "")
		f.Add(502, []byte(s), "", "Wed, 21 Oct 2015 07:28:00 GMT")
		f.Add(422, []byte(s), "Wed, 21 Oct 2015 07:29:00 GMT", "Wed, 21 Oct 2015 07:28:00 GMT")
	}
	f.Fuzz(func(t *testing.T, status int, body []byte, retryAfter, date string) {
		h := http.Header{}
		h.Set("Retry-After", retryAfter)
		h.Set("Date", date)
		e, err := split(FromResponse(&http.Response{StatusCode: status, Header: h, Body: io.NopCloser(bytes.NewReader(body))}))
		fail := func(msg string) {
			t.Helper()
			t.Fatalf("status %d body %q retry-after %q date %q: %+v, %v: %s", status, body, retryAfter, date, e, err, msg)
		}
		switch {
		case err != nil:
			fail("an error reading a body in memory")
		case 200 <= status && status <= 299:
			if e != nil {
				fail("a 2xx response is an error")
			}
			return
		case e == nil || e.Code == "" || e.Message == "":
			fail("no code or no message")
		case e.RetryAfter < 0 || e.RetryAfter > MaxRetryAfter || status != 429 && e.RetryAfter != 0:
			fail("Retry-After out of bounds")
		}
		sent, perr := Parse(body)
		if perr != nil {
			if code, msg := fromStatusMessage(status); e.Code != code || e.Message != msg || e.Details != nil || e.ID != "" {
				fail("a body that is no envelope does not give the status's error")
			}
		} else if e.Code != sent.Code || !reflect.DeepEqual(e.Details, sent.Details) || e.ID != sent.ID ||
			sent.Message != "" && e.Message != sent.Message {
			fail("the envelope is not read as Parse reads it")
		}
		// Whatever came in, writing it and reading it again keeps it.
		rec := httptest.NewRecorder()
		Write(rec, e)
		back, err := split(FromResponse(rec.Result()))
		if err != nil || back.Code != e.Code || back.Message != e.Message ||
			e.Code == errs.ValidationFailed && len(e.Details) > 0 && !reflect.DeepEqual(back.Details, e.Details) ||
			e.Code == errs.Conflict && back.ID != e.ID {
			fail(fmt.Sprintf("Write and FromResponse give back %+v", back))
		}
		if again := reencode(t, e); again.Code != e.Code || again.Message != e.Message {
			fail(fmt.Sprintf("encoding/json and Parse give back %+v", again))
		}
	})
}

// codesOf returns the codes of a table of tests.
func codesOf(table []struct{ code errs.Code }) []errs.Code {
	out := make([]errs.Code, len(table))
	for i, tt := range table {
		out[i] = tt.code
	}
	return out
}
