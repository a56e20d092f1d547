package httperr

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeClock stands in for time: sleeping moves it forward and is recorded.
type fakeClock struct {
	now   time.Time
	slept []time.Duration
}

func (c *fakeClock) Now() time.Time { return c.now }

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.slept = append(c.slept, d)
	c.now = c.now.Add(d)
	return nil
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) transport(t RetryTransport) *RetryTransport {
	t.now, t.sleep = c.Now, c.Sleep
	return &t
}

// reply is one scripted answer of a test server.
type reply struct {
	status     int
	retryAfter string
}

// scriptServer answers with replies in turn (the last one repeats) and
// records the bodies it was sent.
type scriptServer struct {
	*httptest.Server
	mu      sync.Mutex
	replies []reply
	bodies  []string
}

func newScriptServer(t *testing.T, replies ...reply) *scriptServer {
	s := &scriptServer{replies: replies}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		s.bodies = append(s.bodies, string(body))
		rep := s.replies[min(len(s.bodies), len(s.replies))-1]
		s.mu.Unlock()
		if rep.retryAfter != "" {
			w.Header().Set("Retry-After", rep.retryAfter)
		}
		if rep.status == http.StatusOK {
			io.WriteString(w, "ok")
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(rep.status)
		io.WriteString(w, `{"error":{"code":"rate_limited","message":"Rate limit exceeded"}}`)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *scriptServer) attempts() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.bodies)
}

func TestRetryTransportAgainstServer(t *testing.T) {
	tooMany := func(after string) reply { return reply{http.StatusTooManyRequests, after} }
	ok := reply{status: http.StatusOK}
	tests := []struct {
		name       string
		transport  RetryTransport
		replies    []reply
		wantStatus int
		attempts   int
		slept      []time.Duration
	}{
		{"429 then 200", RetryTransport{}, []reply{tooMany("2"), ok}, 200, 2, []time.Duration{2 * time.Second}},
		{"two 429s then 200", RetryTransport{}, []reply{tooMany("1"), tooMany("3"), ok}, 200, 3, []time.Duration{time.Second, 3 * time.Second}},
		{"Retry-After 0 retries at once", RetryTransport{}, []reply{tooMany("0"), ok}, 200, 2, []time.Duration{0}},
		{"429 past the default 3 attempts", RetryTransport{}, []reply{tooMany("1")}, 429, 3, []time.Duration{time.Second, time.Second}},
		{"429 past MaxAttempts 5", RetryTransport{MaxAttempts: 5}, []reply{tooMany("1")}, 429, 5, []time.Duration{time.Second, time.Second, time.Second, time.Second}},
		{"MaxAttempts 1 never retries", RetryTransport{MaxAttempts: 1}, []reply{tooMany("1"), ok}, 429, 1, nil},
		{"negative MaxAttempts means the default", RetryTransport{MaxAttempts: -1}, []reply{tooMany("1")}, 429, 3, []time.Duration{time.Second, time.Second}},
		{"Retry-After beyond the default 60s", RetryTransport{}, []reply{tooMany("61"), ok}, 429, 1, nil},
		{"Retry-After of exactly 60s", RetryTransport{}, []reply{tooMany("60"), ok}, 200, 2, []time.Duration{time.Minute}},
		{"MaxWait bounds the total", RetryTransport{MaxAttempts: 10, MaxWait: 5 * time.Second}, []reply{tooMany("2")}, 429, 3, []time.Duration{2 * time.Second, 2 * time.Second}},
		{"no Retry-After: the server has not said when", RetryTransport{}, []reply{tooMany(""), ok}, 429, 1, nil},
		{"garbage Retry-After", RetryTransport{}, []reply{tooMany("later"), ok}, 429, 1, nil},
		{"500 not retried", RetryTransport{}, []reply{{500, "1"}, ok}, 500, 1, nil},
		{"503 with Retry-After not retried", RetryTransport{}, []reply{{503, "1"}, ok}, 503, 1, nil},
		{"422 not retried", RetryTransport{}, []reply{{422, ""}, ok}, 422, 1, nil},
		{"200 sent once", RetryTransport{}, []reply{ok}, 200, 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newScriptServer(t, tt.replies...)
			clock := newFakeClock()
			client := &http.Client{Transport: clock.transport(tt.transport)}
			resp, err := client.Get(srv.URL)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tt.wantStatus {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.wantStatus)
			}
			if resp.StatusCode == 429 && !strings.Contains(string(body), "rate_limited") {
				t.Errorf("the 429 handed back lost its body: %q", body)
			}
			if n := srv.attempts(); n != tt.attempts {
				t.Errorf("%d attempts, want %d", n, tt.attempts)
			}
			if !reflect.DeepEqual(clock.slept, tt.slept) {
				t.Errorf("slept %v, want %v", clock.slept, tt.slept)
			}
		})
	}
}

func TestRetryTransportReplaysBody(t *testing.T) {
	srv := newScriptServer(t, reply{429, "1"}, reply{429, "1"}, reply{status: 200})
	clock := newFakeClock()
	client := &http.Client{Transport: clock.transport(RetryTransport{})}
	const payload = `{"email":"jane@example.com"}`
	resp, err := client.Post(srv.URL, "application/json", strings.NewReader(payload))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("status %d", resp.StatusCode)
	}
	if want := []string{payload, payload, payload}; !reflect.DeepEqual(srv.bodies, want) {
		t.Errorf("server got bodies %q, want %q", srv.bodies, want)
	}
}

func TestRetryTransportBodyWithoutGetBody(t *testing.T) {
	srv := newScriptServer(t, reply{429, "1"}, reply{status: 200})
	clock := newFakeClock()
	req, err := http.NewRequest(http.MethodPost, srv.URL, io.NopCloser(strings.NewReader("once")))
	if err != nil {
		t.Fatal(err)
	}
	if req.GetBody != nil {
		t.Fatal("NewRequest set GetBody for an opaque reader")
	}
	resp, err := clock.transport(RetryTransport{}).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 429 || srv.attempts() != 1 || len(clock.slept) != 0 {
		t.Errorf("status %d after %d attempts, slept %v; want the 429 at once", resp.StatusCode, srv.attempts(), clock.slept)
	}
}

// The wait is the real one here: cancelling the context must end it.
func TestRetryTransportContextCancelledDuringWait(t *testing.T) {
	served := make(chan struct{}, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "30")
		w.WriteHeader(http.StatusTooManyRequests)
		served <- struct{}{}
	}))
	defer srv.Close()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		<-served
		cancel()
	}()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL, nil)
	start := time.Now()
	resp, err := (&RetryTransport{}).RoundTrip(req)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, %v; want context.Canceled", resp, err)
	}
	if resp != nil {
		t.Error("a response came with the error")
	}
	if elapsed := time.Since(start); elapsed > 10*time.Second {
		t.Errorf("waited %v after cancellation", elapsed)
	}
}

func TestRetryTransportContextCancelledFakeClock(t *testing.T) {
	srv := newScriptServer(t, reply{429, "5"}, reply{status: 200})
	clock := newFakeClock()
	ctx, cancel := context.WithCancel(context.Background())
	rt := clock.transport(RetryTransport{})
	rt.sleep = func(ctx context.Context, d time.Duration) error {
		cancel() // cancelled while waiting
		return clock.Sleep(ctx, d)
	}
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL, strings.NewReader("x"))
	resp, err := rt.RoundTrip(req)
	if !errors.Is(err, context.Canceled) || resp != nil {
		t.Errorf("got %v, %v; want context.Canceled", resp, err)
	}
	if srv.attempts() != 1 {
		t.Errorf("%d attempts after cancellation", srv.attempts())
	}
}

// A deadline that would pass during the wait gets the 429 at once: waiting
// could only end in the context's error.
func TestRetryTransportDeadlineBeforeRetry(t *testing.T) {
	clock := newFakeClock()
	tests := []struct {
		name     string
		deadline time.Duration // from the fake now
		attempts int
		status   int
	}{
		{"deadline before the retry", 5 * time.Second, 1, 429},
		{"deadline after the retry", 20 * time.Second, 2, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newScriptServer(t, reply{429, "10"}, reply{status: 200})
			ctx := detachedDeadline{context.Background(), clock.now.Add(tt.deadline)}
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL, nil)
			resp, err := clock.transport(RetryTransport{}).RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.status || srv.attempts() != tt.attempts {
				t.Errorf("status %d after %d attempts, want %d after %d", resp.StatusCode, srv.attempts(), tt.status, tt.attempts)
			}
		})
	}
}

// detachedDeadline reports a deadline without enforcing it, so that a
// deadline on the fake clock does not expire on the real one.
type detachedDeadline struct {
	context.Context
	deadline time.Time
}

func (d detachedDeadline) Deadline() (time.Time, bool) { return d.deadline, true }
func (d detachedDeadline) Done() <-chan struct{}       { return nil }
func (d detachedDeadline) Err() error                  { return nil }

// An HTTP-date Retry-After counts from the server's Date header.
func TestRetryTransportHTTPDate(t *testing.T) {
	clock := newFakeClock()
	clock.now = clock.now.Add(-time.Hour) // a local clock far behind must not matter
	base := &fakeBase{responses: []*http.Response{
		fakeResponse(429, http.Header{"Date": {"Sat, 01 Mar 2025 12:00:00 GMT"}, "Retry-After": {"Sat, 01 Mar 2025 12:00:45 GMT"}}),
		fakeResponse(200, nil),
	}}
	req, _ := http.NewRequest(http.MethodGet, "http://api.test/v1/contacts", nil)
	resp, err := clock.transport(RetryTransport{Base: base}).RoundTrip(req)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("got %v, %v", resp, err)
	}
	if want := []time.Duration{45 * time.Second}; !reflect.DeepEqual(clock.slept, want) {
		t.Errorf("slept %v, want %v", clock.slept, want)
	}
}

// fakeBase is a RoundTripper answering with prepared responses or an error.
type fakeBase struct {
	responses []*http.Response
	err       error
	requests  []*http.Request
}

func (b *fakeBase) RoundTrip(req *http.Request) (*http.Response, error) {
	b.requests = append(b.requests, req)
	if b.err != nil {
		return nil, b.err
	}
	resp := b.responses[min(len(b.requests), len(b.responses))-1]
	return resp, nil
}

// trackedBody records whether it was read to the end and closed.
type trackedBody struct {
	io.Reader
	drained, closed bool
}

func (b *trackedBody) Read(p []byte) (int, error) {
	n, err := b.Reader.Read(p)
	if err == io.EOF {
		b.drained = true
	}
	return n, err
}

func (b *trackedBody) Close() error { b.closed = true; return nil }

func fakeResponse(status int, h http.Header) *http.Response {
	if h == nil {
		h = http.Header{}
	}
	return &http.Response{StatusCode: status, Header: h, Body: &trackedBody{Reader: strings.NewReader(`{"error":{"code":"rate_limited"}}`)}}
}

func TestRetryTransportDrainsDiscardedResponses(t *testing.T) {
	first := fakeResponse(429, http.Header{"Retry-After": {"1"}})
	second := fakeResponse(429, http.Header{"Retry-After": {"1"}})
	last := fakeResponse(429, http.Header{"Retry-After": {"1"}})
	base := &fakeBase{responses: []*http.Response{first, second, last}}
	req, _ := http.NewRequest(http.MethodGet, "http://api.test/", nil)
	resp, err := newFakeClock().transport(RetryTransport{Base: base}).RoundTrip(req)
	if err != nil || resp != last {
		t.Fatalf("got %v, %v; want the last 429", resp, err)
	}
	for i, r := range []*http.Response{first, second} {
		if b := r.Body.(*trackedBody); !b.drained || !b.closed {
			t.Errorf("discarded response %d: drained %v, closed %v", i, b.drained, b.closed)
		}
	}
	if b := last.Body.(*trackedBody); b.closed {
		t.Error("the response handed back was closed")
	}
}

func TestRetryTransportDoesNotRetryErrors(t *testing.T) {
	base := &fakeBase{err: errors.New("connection refused")}
	clock := newFakeClock()
	req, _ := http.NewRequest(http.MethodPost, "http://api.test/", strings.NewReader("x"))
	resp, err := clock.transport(RetryTransport{Base: base}).RoundTrip(req)
	if resp != nil || err == nil || len(base.requests) != 1 || len(clock.slept) != 0 {
		t.Errorf("got %v, %v after %d requests", resp, err, len(base.requests))
	}
}

func TestRetryTransportGetBodyFails(t *testing.T) {
	first := fakeResponse(429, http.Header{"Retry-After": {"1"}})
	base := &fakeBase{responses: []*http.Response{first, fakeResponse(200, nil)}}
	req, _ := http.NewRequest(http.MethodPost, "http://api.test/", strings.NewReader("x"))
	req.GetBody = func() (io.ReadCloser, error) { return nil, errors.New("gone") }
	resp, err := newFakeClock().transport(RetryTransport{Base: base}).RoundTrip(req)
	if err != nil || resp != first || len(base.requests) != 1 {
		t.Errorf("got %v, %v after %d requests; want the 429 at once", resp, err, len(base.requests))
	}
	if first.Body.(*trackedBody).closed {
		t.Error("the 429 handed back was closed")
	}
}

// Each retry is a fresh request; the caller's is left as it was.
func TestRetryTransportLeavesRequestAlone(t *testing.T) {
	base := &fakeBase{responses: []*http.Response{fakeResponse(429, http.Header{"Retry-After": {"1"}}), fakeResponse(200, nil)}}
	req, _ := http.NewRequest(http.MethodPut, "http://api.test/v1/contacts/c_1", strings.NewReader("x"))
	req.Header.Set("Authorization", "Bearer t")
	body := req.Body
	if _, err := newFakeClock().transport(RetryTransport{Base: base}).RoundTrip(req); err != nil {
		t.Fatal(err)
	}
	if len(base.requests) != 2 || base.requests[0] != req || base.requests[1] == req {
		t.Fatalf("requests %v", base.requests)
	}
	if req.Body != body {
		t.Error("the caller's request got a new body")
	}
	if got := base.requests[1]; got.Method != http.MethodPut || got.URL.String() != req.URL.String() || got.Header.Get("Authorization") != "Bearer t" {
		t.Errorf("retry differs: %s %s %v", got.Method, got.URL, got.Header)
	}
}
