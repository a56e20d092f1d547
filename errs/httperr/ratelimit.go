package httperr

import (
	"errors"
	"math"
	"net/http"
	"strconv"
	"time"
)

// A Window is one rate-limit budget as the server last reported it. The
// zero Window means the server did not report that budget.
type Window struct {
	Limit     int       // requests allowed per window
	Remaining int       // requests left in the current window
	Reset     time.Time // when the current window ends (UTC)
}

// IsZero reports whether w is the zero Window: the budget was not reported.
func (w Window) IsZero() bool {
	return w == Window{}
}

// A RateLimit is the rate-limit state of an account, from the headers of
// any response. The default budget is 60 requests a minute and 10,000 a day
// (docs/envelope.md), but only the headers say what applies.
type RateLimit struct {
	Minute Window // X-RateLimit-{Limit,Remaining,Reset}-Minute
	Day    Window // X-RateLimit-{Limit,Remaining,Reset}-Day
}

// maxUnix is the last second of the year 9999.
const maxUnix = 253402300799

// ParseRateLimit reads the six X-RateLimit-* headers. A window whose three
// headers are all absent stays zero; so headers from a server that sends
// none give the zero RateLimit and no error. It is an error when a window
// is only partly there, or when a value is not a non-negative decimal
// integer (resets are Unix timestamps in seconds, up to the year 9999).
// The error names the header, never its value.
func ParseRateLimit(h http.Header) (RateLimit, error) {
	var rl RateLimit
	for _, win := range []struct {
		suffix string
		w      *Window
	}{{"-Minute", &rl.Minute}, {"-Day", &rl.Day}} {
		w, err := parseWindow(h, win.suffix)
		if err != nil {
			return RateLimit{}, err
		}
		*win.w = w
	}
	return rl, nil
}

// windowHeaders are the three headers of a window, before their suffix,
// with the largest value each may carry: counts fit an int on every
// platform (the WASM build included), resets end with the year 9999.
var windowHeaders = [3]struct {
	prefix string
	max    int64
}{
	{"X-RateLimit-Limit", math.MaxInt32},
	{"X-RateLimit-Remaining", math.MaxInt32},
	{"X-RateLimit-Reset", maxUnix},
}

func parseWindow(h http.Header, suffix string) (Window, error) {
	var vals [len(windowHeaders)]int64
	present := 0
	for i, hdr := range windowHeaders {
		name := hdr.prefix + suffix
		v := h.Values(name)
		if len(v) == 0 {
			continue
		}
		present++
		n, err := strconv.ParseInt(v[0], 10, 64)
		if !isDigits(v[0]) || err != nil || n > hdr.max {
			return Window{}, errors.New("errs: header " + name + " is not a non-negative integer in range")
		}
		vals[i] = n
	}
	switch present {
	case 0:
		return Window{}, nil
	case len(windowHeaders):
		return Window{Limit: int(vals[0]), Remaining: int(vals[1]), Reset: time.Unix(vals[2], 0).UTC()}, nil
	}
	return Window{}, errors.New("errs: X-RateLimit-*" + suffix + " headers are incomplete")
}
