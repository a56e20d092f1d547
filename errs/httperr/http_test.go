package httperr

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/contactrules/contactrules/errs"
)

func TestWriteGolden(t *testing.T) {
	tests := []struct {
		name       string
		err        error
		status     int
		retryAfter string // "" means the header must be absent
		body       string
	}{
		{"validation", errs.Validation([]errs.FieldError{{Field: "base", Message: "email or phone_number is required"}}), 422, "",
			`{"error":{"code":"validation_failed","message":"One or more fields are invalid","details":[{"field":"base","message":"email or phone_number is required"}]}}` + "\n"},
		{"conflict", errs.ConflictWith("c_123"), 409, "",
			`{"error":{"code":"conflict","message":"A contact with this email or phone number already exists","id":"c_123"}}` + "\n"},
		{"rate limited", errs.RateLimitedFor(30 * time.Second), 429, "30",
			`{"error":{"code":"rate_limited","message":"Rate limit exceeded"}}` + "\n"},
		{"rate limited rounds up", errs.RateLimitedFor(1500 * time.Millisecond), 429, "2", ""},
		{"rate limited just over a second", errs.RateLimitedFor(time.Second + time.Nanosecond), 429, "2", ""},
		{"rate limited at least 1", errs.RateLimitedFor(0), 429, "1", ""},
		{"rate limited negative", errs.RateLimitedFor(-time.Minute), 429, "1", ""},
		{"rate limited sub-second", errs.RateLimitedFor(time.Millisecond), 429, "1", ""},
		{"rate limited huge", errs.RateLimitedFor(1<<63 - 1), 429, "9223372037", ""},
		{"RetryAfter ignored off rate_limited", &errs.Error{Code: errs.NotFound, RetryAfter: time.Minute}, 404, "",
			`{"error":{"code":"not_found","message":"The contact could not be found"}}` + "\n"},
		{"wrapped", fmt.Errorf("store: %w", errs.New(errs.NotFound)), 404, "",
			`{"error":{"code":"not_found","message":"The contact could not be found"}}` + "\n"},
		{"plain error hides its text", errors.New("pq: duplicate key jane@example.com"), 500, "",
			`{"error":{"code":"internal_error","message":"Internal server error"}}` + "\n"},
		{"nil error", nil, 500, "",
			`{"error":{"code":"internal_error","message":"Internal server error"}}` + "\n"},
		{"typed nil *errs.Error", (*errs.Error)(nil), 500, "",
			`{"error":{"code":"internal_error","message":"Internal server error"}}` + "\n"},
		{"unknown code", &errs.Error{Code: "teapot", Message: "short and stout"}, 500, "",
			`{"error":{"code":"teapot","message":"short and stout"}}` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			rec.Header().Set("Content-Length", "3") // set by a handler before it failed; must not survive
			Write(rec, tt.err)
			if rec.Code != tt.status {
				t.Errorf("status %d, want %d", rec.Code, tt.status)
			}
			h := rec.Result().Header
			if ct := h.Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type %q", ct)
			}
			if ns := h.Get("X-Content-Type-Options"); ns != "nosniff" {
				t.Errorf("X-Content-Type-Options %q", ns)
			}
			if cl := h.Get("Content-Length"); cl != "" {
				t.Errorf("Content-Length %q survived", cl)
			}
			if got, ok := h["Retry-After"]; tt.retryAfter == "" && ok || tt.retryAfter != "" && !reflect.DeepEqual(got, []string{tt.retryAfter}) {
				t.Errorf("Retry-After %q, want %q", got, tt.retryAfter)
			}
			if tt.body != "" && rec.Body.String() != tt.body {
				t.Errorf("body\ngot  %s\nwant %s", rec.Body, tt.body)
			}
		})
	}
}

// Every code through a real HTTP exchange: what Write sends, FromResponse
// reads back as the same error.
func TestWriteFromResponseRoundTrip(t *testing.T) {
	var send *errs.Error
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { Write(w, send) }))
	defer srv.Close()

	tests := []*errs.Error{
		errs.Validation([]errs.FieldError{{Field: "email", Message: "must be a valid email address", Rule: "email"}}),
		errs.ConflictWith("c_5"),
		errs.RateLimitedFor(7 * time.Second),
		{Code: errs.NotFound, Message: "Custom message"},
		errs.New(errs.Internal),
	}
	for _, tt := range specTable {
		tests = append(tests, errs.New(tt.code))
	}
	for _, want := range tests {
		t.Run(want.Error(), func(t *testing.T) {
			send = want
			resp, err := http.Get(srv.URL)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			if resp.StatusCode != want.Code.Status() {
				t.Errorf("status %d, want %d", resp.StatusCode, want.Code.Status())
			}
			got, err := split(FromResponse(resp))
			if err != nil {
				t.Fatal(err)
			}
			wantBack := *want
			if want.Code == errs.RateLimited && want.RetryAfter == 0 {
				wantBack.RetryAfter = time.Second // Write's minimum
			}
			if !reflect.DeepEqual(*got, wantBack) {
				t.Errorf("got  %+v\nwant %+v", *got, wantBack)
			}
		})
	}
}

func response(status int, header http.Header, body string) *http.Response {
	if header == nil {
		header = http.Header{}
	}
	return &http.Response{StatusCode: status, Header: header, Body: io.NopCloser(strings.NewReader(body))}
}

func TestFromResponse(t *testing.T) {
	badGateway := `<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>`
	tests := []struct {
		name string
		resp *http.Response
		want *errs.Error
	}{
		{"RFC 6749 token endpoint", response(401, nil, `{"error":"invalid_client","error_description":"Client authentication failed"}`),
			&errs.Error{Code: errs.InvalidClient, Message: "Client authentication failed"}},
		{"RFC 6749 without description", response(400, nil, `{"error":"invalid_scope"}`),
			&errs.Error{Code: errs.InvalidScope, Message: "The requested OAuth scope is not enabled on the application"}},
		{"proxy HTML 502", response(502, http.Header{"Content-Type": {"text/html"}}, badGateway),
			&errs.Error{Code: errs.UnexpectedStatus, Message: "The server answered with an unexpected status: HTTP 502 Bad Gateway"}},
		{"HTML 401 stands for unauthorized", response(401, nil, "<html>errs.Unauthorized</html>"),
			&errs.Error{Code: errs.Unauthorized, Message: "Bearer token is missing, expired, revoked, or invalid"}},
		{"HTML 403", response(403, nil, "<html>Forbidden</html>"),
			&errs.Error{Code: errs.InsufficientScope, Message: "Token does not have the required scope for this endpoint"}},
		{"empty 404", response(404, nil, ""),
			&errs.Error{Code: errs.NotFound, Message: "The contact could not be found"}},
		{"no body at all", &http.Response{StatusCode: 409, Header: http.Header{}},
			&errs.Error{Code: errs.Conflict, Message: "A contact with this email or phone number already exists"}},
		{"text 500", response(500, nil, "panic: runtime error: secret stuff"),
			&errs.Error{Code: errs.Internal, Message: "Internal server error"}},
		{"400 without code", response(400, nil, "Bad Request"),
			&errs.Error{Code: errs.UnexpectedStatus, Message: "The server answered with an unexpected status: HTTP 400 Bad Request"}},
		{"status without text", response(599, nil, ""),
			&errs.Error{Code: errs.UnexpectedStatus, Message: "The server answered with an unexpected status: HTTP 599"}},
		{"redirect that was not followed", response(302, nil, ""),
			&errs.Error{Code: errs.UnexpectedStatus, Message: "The server answered with an unexpected status: HTTP 302 Found"}},
		{"JSON that is not an envelope", response(422, nil, `{"message":"nope"}`),
			&errs.Error{Code: errs.ValidationFailed, Message: "One or more fields are invalid"}},
		{"truncated envelope", response(409, nil, `{"error":{"code":"conflict","id":"c_`),
			&errs.Error{Code: errs.Conflict, Message: "A contact with this email or phone number already exists"}},
		{"unknown code without message", response(402, nil, `{"error":{"code":"payment_required"}}`),
			&errs.Error{Code: "payment_required", Message: "The server answered with an unexpected status: HTTP 402 Payment Required"}},
		{"unknown code without message on a known status", response(404, nil, `{"error":{"code":"list_gone"}}`),
			&errs.Error{Code: "list_gone", Message: "The contact could not be found"}},
		{"body code wins over status", response(400, nil, `{"error":{"code":"validation_failed","message":"m"}}`),
			&errs.Error{Code: errs.ValidationFailed, Message: "m"}},
		{"oversized envelope is not read", response(422, nil, `{"error":{"code":"validation_failed","message":"`+strings.Repeat("x", maxBody)+`"}}`),
			&errs.Error{Code: errs.ValidationFailed, Message: "One or more fields are invalid"}},
		{"429 delta-seconds", response(429, http.Header{"Retry-After": {"12"}}, `{"error":{"code":"rate_limited","message":"Rate limit exceeded"}}`),
			&errs.Error{Code: errs.RateLimited, Message: "Rate limit exceeded", RetryAfter: 12 * time.Second}},
		{"429 HTTP-date relative to Date", response(429, http.Header{
			"Date":        {"Sun, 06 Nov 1994 08:49:37 GMT"},
			"Retry-After": {"Sun, 06 Nov 1994 08:50:07 GMT"},
		}, ""), &errs.Error{Code: errs.RateLimited, Message: "Rate limit exceeded", RetryAfter: 30 * time.Second}},
		{"429 garbage Retry-After", response(429, http.Header{"Retry-After": {"soon"}}, ""),
			&errs.Error{Code: errs.RateLimited, Message: "Rate limit exceeded"}},
		{"429 without Retry-After", response(429, nil, ""),
			&errs.Error{Code: errs.RateLimited, Message: "Rate limit exceeded"}},
		{"Retry-After read on 429 only", response(503, http.Header{"Retry-After": {"12"}}, ""),
			&errs.Error{Code: errs.UnexpectedStatus, Message: "The server answered with an unexpected status: HTTP 503 Service Unavailable"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := split(FromResponse(tt.resp))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// split is FromResponse's result as the API's error and any other error.
func split(err error) (*errs.Error, error) {
	var e *errs.Error
	if errors.As(err, &e) {
		return e, nil
	}
	return nil, err
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("connection reset") }

// countingReader counts what is read from a body.
type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

func TestFromResponseSuccessAndFailures(t *testing.T) {
	for _, status := range []int{200, 201, 204, 299} {
		body := &countingReader{r: strings.NewReader(`{"error":{"code":"not_found"}}`)}
		got, err := split(FromResponse(&http.Response{StatusCode: status, Body: io.NopCloser(body)}))
		if got != nil || err != nil {
			t.Errorf("%d: got %v, %v; want nil, nil", status, got, err)
		}
		if body.n != 0 {
			t.Errorf("%d: read %d bytes of a success body", status, body.n)
		}
	}
	if got, err := split(FromResponse(nil)); got != nil || err == nil {
		t.Errorf("nil response: got %v, %v; want an error", got, err)
	}
	if got, err := split(FromResponse(&http.Response{StatusCode: 500, Body: io.NopCloser(failingReader{})})); got != nil || err == nil {
		t.Errorf("failing body: got %v, %v; want an error", got, err)
	}
}

// FromResponse reads no more than its cap of a huge body.
func TestFromResponseBoundedRead(t *testing.T) {
	body := &countingReader{r: io.LimitReader(neverEnding('x'), 1<<30)}
	got, err := split(FromResponse(&http.Response{StatusCode: 502, Body: io.NopCloser(body)}))
	if err != nil || got.Code != errs.UnexpectedStatus {
		t.Fatalf("got %v, %v", got, err)
	}
	if body.n > maxBody+1 {
		t.Errorf("read %d bytes, cap is %d", body.n, maxBody)
	}
}

type neverEnding byte

func (b neverEnding) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(b)
	}
	return len(p), nil
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		values []string // nil: header absent
		want   time.Duration
		ok     bool
	}{
		{"absent", nil, 0, false},
		{"empty", []string{""}, 0, false},
		{"zero seconds", []string{"0"}, 0, true},
		{"seconds", []string{"120"}, 120 * time.Second, true},
		{"leading zeros", []string{"007"}, 7 * time.Second, true},
		{"surrounding space", []string{" 5 "}, 5 * time.Second, true},
		{"exactly a day", []string{"86400"}, 24 * time.Hour, true},
		{"more than a day", []string{"86401"}, 0, false},
		{"a Unix timestamp sent as seconds", []string{"1740830400"}, 0, false},
		{"overflows int64", []string{"99999999999999999999999"}, 0, false},
		{"negative", []string{"-1"}, 0, false},
		{"plus sign", []string{"+5"}, 0, false},
		{"fraction", []string{"1.5"}, 0, false},
		{"unit", []string{"5s"}, 0, false},
		{"hex", []string{"0x10"}, 0, false},
		{"unicode digits", []string{"١٢"}, 0, false},
		{"garbage", []string{"soon"}, 0, false},
		{"HTTP-date IMF-fixdate", []string{"Sat, 01 Mar 2025 12:01:30 GMT"}, 90 * time.Second, true},
		{"HTTP-date RFC 850", []string{"Saturday, 01-Mar-25 12:00:10 GMT"}, 10 * time.Second, true},
		{"HTTP-date asctime", []string{"Sat Mar  1 12:00:20 2025"}, 20 * time.Second, true},
		{"HTTP-date in the past means now", []string{"Sat, 01 Mar 2025 11:00:00 GMT"}, 0, true},
		{"HTTP-date now", []string{"Sat, 01 Mar 2025 12:00:00 GMT"}, 0, true},
		{"HTTP-date a day ahead", []string{"Sun, 02 Mar 2025 12:00:00 GMT"}, 24 * time.Hour, true},
		{"HTTP-date more than a day ahead", []string{"Sun, 02 Mar 2025 12:00:01 GMT"}, 0, false},
		{"HTTP-date far future", []string{"Fri, 31 Dec 9999 23:59:59 GMT"}, 0, false},
		{"not GMT", []string{"Sat, 01 Mar 2025 12:01:30 PST"}, 0, false},
		{"first of several", []string{"3", "600"}, 3 * time.Second, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			if tt.values != nil {
				h["Retry-After"] = tt.values
			}
			got, ok := RetryAfter(h, now)
			if got != tt.want || ok != tt.ok {
				t.Errorf("RetryAfter(%q) = %v, %v; want %v, %v", tt.values, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestRetryable(t *testing.T) {
	tests := []struct {
		err  error
		want bool
	}{
		{errs.RateLimitedFor(time.Second), true},
		{errs.New(errs.RateLimited), true},
		{fmt.Errorf("sync: %w", errs.New(errs.RateLimited)), true},
		{&errs.Error{Code: errs.RateLimited}, true},
		{nil, false},
		{(*errs.Error)(nil), false},
		{errors.New("rate_limited: Rate limit exceeded"), false}, // the text is not the code
		{errs.New(errs.Internal), false},
		{errs.New(errs.UnexpectedStatus), false},
	}
	for _, tt := range specTable {
		if tt.code != errs.RateLimited {
			tests = append(tests, struct {
				err  error
				want bool
			}{errs.New(tt.code), false})
		}
	}
	for _, tt := range tests {
		if got := errs.Retryable(tt.err); got != tt.want {
			t.Errorf("Retryable(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}

// specTable holds the eight codes of the contract, for tests that run
// over all of them.
var specTable = []struct{ code errs.Code }{
	{errs.InvalidClient}, {errs.InvalidScope}, {errs.Unauthorized}, {errs.InsufficientScope},
	{errs.NotFound}, {errs.Conflict}, {errs.ValidationFailed}, {errs.RateLimited},
}

// TestFromResponseIsAnError: FromResponse's result is an error, nil on
// success, so that a function returning error can return it: a typed nil
// *errs.Error in an error interface would be non-nil on a 201.
func TestFromResponseIsAnError(t *testing.T) {
	create := func(resp *http.Response) error {
		return FromResponse(resp)
	}
	if err := create(response(201, nil, `{"id":"c_1"}`)); err != nil {
		t.Errorf("201: %v (%T), want nil", err, err)
	}
	err := create(response(409, nil, `{"error":{"code":"conflict","message":"exists","id":"c_42"}}`))
	var apiErr *errs.Error
	if !errors.As(err, &apiErr) || apiErr.Code != errs.Conflict || apiErr.ID != "c_42" {
		t.Errorf("409: %v (%T), want an *errs.Error with the conflict", err, err)
	}
	err = create(&http.Response{StatusCode: 500, Body: io.NopCloser(failingReader{})})
	if err == nil || errors.As(err, &apiErr) {
		t.Errorf("a body that cannot be read: %v (%T), want an error that is no *errs.Error", err, err)
	}
}
