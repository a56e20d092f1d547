package httperr

import (
	"context"
	"io"
	"net/http"
	"time"
)

// Defaults of a [RetryTransport] whose fields are zero. Three attempts and
// a minute keep a caller within the per-minute budget of docs/envelope.md
// without letting one request hang for long.
const (
	DefaultMaxAttempts = 3
	DefaultMaxWait     = 60 * time.Second
)

// A RetryTransport is an [http.RoundTripper] that waits out rate limiting:
// it retries a request answered 429 after the Retry-After the server gave,
// and nothing else. The contract allows no other retries: every other error
// needs the request fixed, and a failed connection may have reached the
// server. The zero RetryTransport is ready to use.
//
// It gives up, and hands the 429 to the caller, when
//   - MaxAttempts requests have been sent,
//   - Retry-After is missing or unusable (see [RetryAfter]): the server has
//     not said when, and guessing could hammer it,
//   - the total wait would exceed MaxWait,
//   - the request's context would expire before the wait is over, or
//   - the request has a body but no GetBody to send it again
//     ([http.NewRequest] sets GetBody for in-memory bodies).
//
// While waiting it honours the request's context: cancelled, RoundTrip
// returns the context's error. A 429 it does not hand back is drained and
// closed, so its connection can be reused.
type RetryTransport struct {
	// Base sends the requests; nil means http.DefaultTransport.
	Base http.RoundTripper

	// MaxAttempts is how many requests to send at most, the first one
	// included; zero or negative means DefaultMaxAttempts.
	MaxAttempts int

	// MaxWait bounds the total time spent waiting for one request; zero
	// or negative means DefaultMaxWait.
	MaxWait time.Duration

	// Tests replace the clock; nil means the real one.
	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error
}

// RoundTrip sends req, again after each 429 while the limits allow it.
func (t *RetryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	base := t.Base
	if base == nil {
		base = http.DefaultTransport
	}
	maxAttempts := t.MaxAttempts
	if maxAttempts <= 0 {
		maxAttempts = DefaultMaxAttempts
	}
	maxWait := t.MaxWait
	if maxWait <= 0 {
		maxWait = DefaultMaxWait
	}
	ctx := req.Context()
	var waited time.Duration
	next := req
	for attempt := 1; ; attempt++ {
		resp, err := base.RoundTrip(next)
		if err != nil || resp == nil || resp.StatusCode != http.StatusTooManyRequests || attempt >= maxAttempts {
			return resp, err
		}
		now := t.clock()
		d, ok := RetryAfter(resp.Header, responseTime(resp.Header, now))
		if !ok || waited+d > maxWait || expiresWithin(ctx, now, d) {
			return resp, nil
		}
		again, ok := rewind(req)
		if !ok {
			return resp, nil
		}
		discard(resp)
		if err := t.wait(ctx, d); err != nil {
			if again.Body != nil {
				again.Body.Close()
			}
			return nil, err
		}
		waited += d
		next = again
	}
}

func (t *RetryTransport) clock() time.Time {
	if t.now != nil {
		return t.now()
	}
	return time.Now()
}

func (t *RetryTransport) wait(ctx context.Context, d time.Duration) error {
	if t.sleep != nil {
		return t.sleep(ctx, d)
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}

// expiresWithin reports whether ctx's deadline comes before now+d: waiting
// would only end in the context's error, so the caller is better served by
// the 429 at once.
func expiresWithin(ctx context.Context, now time.Time, d time.Duration) bool {
	deadline, ok := ctx.Deadline()
	return ok && deadline.Before(now.Add(d))
}

// rewind returns a copy of req to send again, with a fresh body, or false
// when its body cannot be sent again.
func rewind(req *http.Request) (*http.Request, bool) {
	again := req.Clone(req.Context())
	if req.Body == nil || req.Body == http.NoBody {
		return again, true
	}
	if req.GetBody == nil {
		return nil, false
	}
	body, err := req.GetBody()
	if err != nil {
		return nil, false
	}
	again.Body = body
	return again, true
}

// maxDrain is how much of a discarded response is read so that its
// connection can be reused; beyond it, closing is cheaper than reading.
const maxDrain = 64 << 10

func discard(resp *http.Response) {
	io.Copy(io.Discard, io.LimitReader(resp.Body, maxDrain))
	resp.Body.Close()
}
