package httperr_test

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"time"

	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/errs/httperr"
)

// A handler answers a payload that names no contact with the contract's
// validation envelope.
func ExampleWrite() {
	handler := func(w http.ResponseWriter, r *http.Request) {
		httperr.Write(w, errs.Validation([]errs.FieldError{
			{Field: "base", Message: "email or phone_number is required", Rule: "required_one_of"},
		}))
	}

	rec := httptest.NewRecorder()
	handler(rec, httptest.NewRequest(http.MethodPost, "/v1/contacts", strings.NewReader(`{}`)))
	fmt.Println(rec.Code, rec.Header().Get("Content-Type"))
	fmt.Print(rec.Body)
	// Output:
	// 422 application/json
	// {"error":{"code":"validation_failed","message":"One or more fields are invalid","details":[{"field":"base","message":"email or phone_number is required","rule":"required_one_of"}]}}
}

// An error that is not an *Error becomes a 500 that tells nothing of it.
func ExampleWrite_internal() {
	rec := httptest.NewRecorder()
	httperr.Write(rec, errors.New("db: connection to 10.0.0.7 refused"))
	fmt.Println(rec.Code)
	fmt.Print(rec.Body)
	// Output:
	// 500
	// {"error":{"code":"internal_error","message":"Internal server error"}}
}

// A client creating a contact that already exists learns its id.
func ExampleFromResponse() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		httperr.Write(w, errs.ConflictWith("c_42"))
	}))
	defer srv.Close()

	resp, err := http.Post(srv.URL+"/v1/contacts", "application/json", strings.NewReader(`{"email":"jane@example.com"}`))
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	err = httperr.FromResponse(resp)
	var apiErr *errs.Error
	switch {
	case err == nil:
		fmt.Println("created")
	case !errors.As(err, &apiErr):
		fmt.Println("reading the response:", err)
	case apiErr.Code == errs.Conflict:
		fmt.Println("exists already, update", apiErr.ID)
	default:
		fmt.Println(apiErr)
	}
	// Output:
	// exists already, update c_42
}

// A token endpoint's RFC 6749 answer, and a proxy's HTML page, read alike.
func ExampleFromResponse_otherShapes() {
	for _, r := range []struct {
		status int
		body   string
	}{
		{401, `{"error":"invalid_client","error_description":"Client authentication failed"}`},
		{502, `<html><body><h1>502 Bad Gateway</h1></body></html>`},
	} {
		err := httperr.FromResponse(&http.Response{StatusCode: r.status, Body: io.NopCloser(strings.NewReader(r.body))})
		fmt.Println(err)
	}
	// Output:
	// invalid_client: Client authentication failed
	// unexpected_status: The server answered with an unexpected status: HTTP 502 Bad Gateway
}

// A client whose requests wait out rate limiting.
func ExampleRetryTransport() {
	var served atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if served.Add(1) == 1 {
			httperr.Write(w, errs.RateLimitedFor(0)) // Retry-After: 1
			return
		}
		fmt.Fprintln(w, "created")
	}))
	defer srv.Close()

	client := &http.Client{Transport: &httperr.RetryTransport{MaxAttempts: 2, MaxWait: 5 * time.Second}}
	resp, err := client.Post(srv.URL+"/v1/contacts", "application/json", strings.NewReader(`{"email":"jane@example.com"}`))
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Print(resp.StatusCode, " ", string(body))
	// Output:
	// 200 created
}

func ExampleRetryAfter() {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	for _, v := range []string{"120", "Sat, 01 Mar 2025 12:00:30 GMT", "-5", "999999999"} {
		d, ok := httperr.RetryAfter(http.Header{"Retry-After": {v}}, now)
		fmt.Println(d, ok)
	}
	// Output:
	// 2m0s true
	// 30s true
	// 0s false
	// 0s false
}

func ExampleParseRateLimit() {
	h := http.Header{}
	h.Set("X-RateLimit-Limit-Minute", "60")
	h.Set("X-RateLimit-Remaining-Minute", "0")
	h.Set("X-RateLimit-Reset-Minute", "1740830460")
	rl, err := httperr.ParseRateLimit(h)
	if err != nil {
		panic(err)
	}
	fmt.Println(rl.Minute.Remaining, "of", rl.Minute.Limit, "left until", rl.Minute.Reset.Format(time.RFC3339))
	fmt.Println("daily budget reported:", !rl.Day.IsZero())
	// Output:
	// 0 of 60 left until 2025-03-01T12:01:00Z
	// daily budget reported: false
}

// Parse reads an envelope a client already holds, and the RFC 6749 shape
// of an OAuth token endpoint.
func ExampleParse() {
	for _, body := range []string{
		`{"error":{"code":"conflict","message":"A contact with this email or phone number already exists","id":"c_42"}}`,
		`{"error":"invalid_client","error_description":"Client authentication failed"}`,
	} {
		e, err := httperr.Parse([]byte(body))
		fmt.Println(e.Code, e.ID, e.Message, err)
	}
	// Output:
	// conflict c_42 A contact with this email or phone number already exists <nil>
	// invalid_client  Client authentication failed <nil>
}
