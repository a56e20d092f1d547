package httperr

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestParseRateLimit(t *testing.T) {
	full := map[string]string{
		"X-RateLimit-Limit-Minute":     "60",
		"X-RateLimit-Remaining-Minute": "59",
		"X-RateLimit-Reset-Minute":     "1740830460",
		"X-RateLimit-Limit-Day":        "10000",
		"X-RateLimit-Remaining-Day":    "9000",
		"X-RateLimit-Reset-Day":        "1740873600",
	}
	with := func(changes map[string]string) map[string]string {
		m := map[string]string{}
		for k, v := range full {
			m[k] = v
		}
		for k, v := range changes {
			if v == "-" {
				delete(m, k)
			} else {
				m[k] = v
			}
		}
		return m
	}
	minute := Window{Limit: 60, Remaining: 59, Reset: time.Date(2025, 3, 1, 12, 1, 0, 0, time.UTC)}
	day := Window{Limit: 10000, Remaining: 9000, Reset: time.Date(2025, 3, 2, 0, 0, 0, 0, time.UTC)}

	tests := []struct {
		name    string
		headers map[string]string
		want    RateLimit
		errHas  string // "" means no error
	}{
		{"all six", full, RateLimit{Minute: minute, Day: day}, ""},
		{"none", nil, RateLimit{}, ""},
		{"minute only", with(map[string]string{"X-RateLimit-Limit-Day": "-", "X-RateLimit-Remaining-Day": "-", "X-RateLimit-Reset-Day": "-"}),
			RateLimit{Minute: minute}, ""},
		{"day only", with(map[string]string{"X-RateLimit-Limit-Minute": "-", "X-RateLimit-Remaining-Minute": "-", "X-RateLimit-Reset-Minute": "-"}),
			RateLimit{Day: day}, ""},
		{"header names are case-insensitive", map[string]string{"x-ratelimit-limit-minute": "60", "X-RATELIMIT-REMAINING-MINUTE": "59", "x-RateLimit-reset-minute": "1740830460"},
			RateLimit{Minute: minute}, ""},
		{"budget exhausted", with(map[string]string{"X-RateLimit-Remaining-Minute": "0"}),
			RateLimit{Minute: Window{Limit: 60, Remaining: 0, Reset: minute.Reset}, Day: day}, ""},
		{"minute partly there", with(map[string]string{"X-RateLimit-Reset-Minute": "-"}), RateLimit{}, "-Minute headers are incomplete"},
		{"day partly there", map[string]string{"X-RateLimit-Remaining-Day": "5"}, RateLimit{}, "-Day headers are incomplete"},
		{"negative", with(map[string]string{"X-RateLimit-Remaining-Day": "-1"}), RateLimit{}, "X-RateLimit-Remaining-Day"},
		{"plus sign", with(map[string]string{"X-RateLimit-Limit-Minute": "+60"}), RateLimit{}, "X-RateLimit-Limit-Minute"},
		{"empty", with(map[string]string{"X-RateLimit-Limit-Minute": ""}), RateLimit{}, "X-RateLimit-Limit-Minute"},
		{"fraction", with(map[string]string{"X-RateLimit-Reset-Minute": "1740830460.5"}), RateLimit{}, "X-RateLimit-Reset-Minute"},
		{"HTTP-date reset", with(map[string]string{"X-RateLimit-Reset-Day": "Sun, 02 Mar 2025 00:00:00 GMT"}), RateLimit{}, "X-RateLimit-Reset-Day"},
		{"count beyond int32", with(map[string]string{"X-RateLimit-Limit-Day": "2147483648"}), RateLimit{}, "X-RateLimit-Limit-Day"},
		{"count at int32 max", with(map[string]string{"X-RateLimit-Limit-Day": "2147483647"}),
			RateLimit{Minute: minute, Day: Window{Limit: 2147483647, Remaining: 9000, Reset: day.Reset}}, ""},
		{"reset after year 9999", with(map[string]string{"X-RateLimit-Reset-Day": "253402300800"}), RateLimit{}, "X-RateLimit-Reset-Day"},
		{"reset overflows int64", with(map[string]string{"X-RateLimit-Reset-Day": strings.Repeat("9", 30)}), RateLimit{}, "X-RateLimit-Reset-Day"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			for k, v := range tt.headers {
				h.Set(k, v)
			}
			got, err := ParseRateLimit(h)
			switch {
			case tt.errHas == "" && err != nil:
				t.Fatalf("unexpected error %v", err)
			case tt.errHas != "" && (err == nil || !strings.Contains(err.Error(), tt.errHas)):
				t.Fatalf("error %v, want one mentioning %q", err, tt.errHas)
			}
			if got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// The error names the header; a value never reaches a log through it.
func TestParseRateLimitErrorHidesValue(t *testing.T) {
	h := http.Header{}
	h.Set("X-RateLimit-Limit-Minute", "secret-value")
	_, err := ParseRateLimit(h)
	if err == nil || strings.Contains(err.Error(), "secret-value") {
		t.Errorf("error %v", err)
	}
}

func TestWindowIsZero(t *testing.T) {
	if !(Window{}).IsZero() {
		t.Error("zero Window is not zero")
	}
	if (Window{Limit: 60, Reset: time.Unix(0, 0)}).IsZero() {
		t.Error("a reported Window is zero")
	}
	if (Window{Reset: time.Unix(0, 0).UTC()}).IsZero() {
		t.Error("a Window reported as all zeros is zero")
	}
}
