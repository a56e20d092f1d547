package errs

import (
	"net/http"
	"testing"
)

// The table of docs/envelope.md, written out again so that a typo in the
// package's table shows up as a difference.
var specTable = []struct {
	code    Code
	status  int
	message string
}{
	{InvalidClient, 401, "Client ID or client secret is incorrect"},
	{InvalidScope, 401, "The requested OAuth scope is not enabled on the application"},
	{Unauthorized, 401, "Bearer token is missing, expired, revoked, or invalid"},
	{InsufficientScope, 403, "Token does not have the required scope for this endpoint"},
	{NotFound, 404, "The contact could not be found"},
	{Conflict, 409, "A contact with this email or phone number already exists"},
	{ValidationFailed, 422, "One or more fields are invalid"},
	{RateLimited, 429, "Rate limit exceeded"},
}

func TestCodeTable(t *testing.T) {
	for _, tt := range specTable {
		t.Run(string(tt.code), func(t *testing.T) {
			if got := tt.code.Status(); got != tt.status {
				t.Errorf("Status() = %d, want %d", got, tt.status)
			}
			if got := tt.code.Message(); got != tt.message {
				t.Errorf("Message() = %q, want %q", got, tt.message)
			}
			if !tt.code.Known() {
				t.Error("Known() = false, want true")
			}
		})
	}
}

func TestCodeTableHasEightSpecCodes(t *testing.T) {
	n := 0
	for c := range codes {
		if c.Known() {
			n++
		}
	}
	if n != len(specTable) {
		t.Errorf("%d known codes, the contract has %d", n, len(specTable))
	}
}

func TestCodeOutsideSpec(t *testing.T) {
	tests := []struct {
		code    Code
		status  int
		message string
	}{
		{Internal, http.StatusInternalServerError, "Internal server error"},
		{UnexpectedStatus, http.StatusBadGateway, "The server answered with an unexpected status"},
		{"", http.StatusInternalServerError, ""},
		{"teapot", http.StatusInternalServerError, ""},
		{"Not_Found", http.StatusInternalServerError, ""}, // codes are case-sensitive
	}
	for _, tt := range tests {
		t.Run(string(tt.code), func(t *testing.T) {
			if tt.code.Known() {
				t.Error("Known() = true, want false")
			}
			if got := tt.code.Status(); got != tt.status {
				t.Errorf("Status() = %d, want %d", got, tt.status)
			}
			if got := tt.code.Message(); got != tt.message {
				t.Errorf("Message() = %q, want %q", got, tt.message)
			}
		})
	}
}

// A response without a usable body is judged by its status: each status of
// the table stands for one code (401 for the bearer-token one).
func TestStatusCodesReverseTheTable(t *testing.T) {
	for status, c := range statusCodes {
		if c.Status() != status {
			t.Errorf("status %d stands for %s, whose status is %d", status, c, c.Status())
		}
	}
	for _, tt := range specTable {
		if _, ok := statusCodes[tt.status]; !ok {
			t.Errorf("status %d of %s stands for no code", tt.status, tt.code)
		}
	}
}
