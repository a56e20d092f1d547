package errs

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestSpecSampleByteForByte(t *testing.T) {
	pretty, err := os.ReadFile("testdata/spec_sample.json") // copied from docs/envelope.md
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := json.Compact(&want, pretty); err != nil {
		t.Fatal(err)
	}
	got, err := json.Marshal(Validation([]FieldError{{Field: "base", Message: "email or phone_number is required"}}))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Errorf("got  %s\nwant %s", got, want.Bytes())
	}
}

// Every shape an envelope takes, byte for byte.
func TestMarshalGolden(t *testing.T) {
	tests := []struct {
		name string
		err  *Error
		want string
	}{
		{"validation with rule", Validation([]FieldError{
			{Field: "base", Message: "email or phone_number is required", Rule: "required_one_of"},
			{Field: "tags[3]", Message: "must be a non-empty string of at most 255 characters", Rule: "tag"},
		}), `{"error":{"code":"validation_failed","message":"One or more fields are invalid","details":[{"field":"base","message":"email or phone_number is required","rule":"required_one_of"},{"field":"tags[3]","message":"must be a non-empty string of at most 255 characters","rule":"tag"}]}}`},
		{"validation without details", Validation(nil),
			`{"error":{"code":"validation_failed","message":"One or more fields are invalid"}}`},
		{"validation with empty details", Validation([]FieldError{}),
			`{"error":{"code":"validation_failed","message":"One or more fields are invalid"}}`},
		{"conflict", ConflictWith("c_123"),
			`{"error":{"code":"conflict","message":"A contact with this email or phone number already exists","id":"c_123"}}`},
		{"conflict without id", ConflictWith(""),
			`{"error":{"code":"conflict","message":"A contact with this email or phone number already exists"}}`},
		{"rate limited: Retry-After is a header, not body", RateLimitedFor(30 * time.Second),
			`{"error":{"code":"rate_limited","message":"Rate limit exceeded"}}`},
		{"custom message", &Error{Code: NotFound, Message: "No such list"},
			`{"error":{"code":"not_found","message":"No such list"}}`},
		{"empty message means default", &Error{Code: InsufficientScope},
			`{"error":{"code":"insufficient_scope","message":"Token does not have the required scope for this endpoint"}}`},
		{"zero Error is internal", &Error{},
			`{"error":{"code":"internal_error","message":"Internal server error"}}`},
		{"unknown code without message", &Error{Code: "teapot"},
			`{"error":{"code":"teapot","message":"Internal server error"}}`},
		{"details only on validation_failed", &Error{Code: NotFound, Details: []FieldError{{Field: "x", Message: "y"}}},
			`{"error":{"code":"not_found","message":"The contact could not be found"}}`},
		{"id only on conflict", &Error{Code: ValidationFailed, ID: "c_1"},
			`{"error":{"code":"validation_failed","message":"One or more fields are invalid"}}`},
		{"html is escaped", &Error{Code: ValidationFailed, Details: []FieldError{{Field: "<script>", Message: "is not a recognized field"}}},
			`{"error":{"code":"validation_failed","message":"One or more fields are invalid","details":[{"field":"\u003cscript\u003e","message":"is not a recognized field"}]}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, v := range []any{tt.err, *tt.err} { // pointer and value marshal alike
				got, err := json.Marshal(v)
				if err != nil {
					t.Fatal(err)
				}
				if string(got) != tt.want {
					t.Errorf("%T:\ngot  %s\nwant %s", v, got, tt.want)
				}
			}
		})
	}
}

// Every code's default envelope, from New.
func TestNewEveryCode(t *testing.T) {
	for _, tt := range specTable {
		t.Run(string(tt.code), func(t *testing.T) {
			e := New(tt.code)
			got, err := json.Marshal(e)
			if err != nil {
				t.Fatal(err)
			}
			want := fmt.Sprintf(`{"error":{"code":%q,"message":%q}}`, tt.code, tt.message)
			if string(got) != want {
				t.Errorf("got  %s\nwant %s", got, want)
			}
			if s := e.Error(); s != string(tt.code)+": "+tt.message {
				t.Errorf("Error() = %q", s)
			}
		})
	}
}

func TestFieldErrorJSON(t *testing.T) {
	tests := []struct {
		fe   FieldError
		want string
	}{
		{FieldError{Field: "email", Message: "must be a valid email address"}, `{"field":"email","message":"must be a valid email address"}`},
		{FieldError{Field: "email", Message: "must be a valid email address", Rule: "email"}, `{"field":"email","message":"must be a valid email address","rule":"email"}`},
	}
	for _, tt := range tests {
		got, err := json.Marshal(tt.fe)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != tt.want {
			t.Errorf("got %s, want %s", got, tt.want)
		}
		if s := tt.fe.Error(); s != "email: must be a valid email address" {
			t.Errorf("Error() = %q", s)
		}
	}
}

func TestErrorString(t *testing.T) {
	tests := []struct {
		err  *Error
		want string
	}{
		{Validation([]FieldError{{Field: "email", Message: "must be a valid email address"}}), "validation_failed: One or more fields are invalid"},
		{ConflictWith("c_9"), "conflict: A contact with this email or phone number already exists"},
		{&Error{Code: NotFound, Message: "gone"}, "not_found: gone"},
		{&Error{}, "internal_error: Internal server error"},
		{nil, "errs: <nil>"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

func TestErrorsAs(t *testing.T) {
	err := fmt.Errorf("creating contact: %w", ConflictWith("c_42"))
	var e *Error
	if !errors.As(err, &e) {
		t.Fatal("errors.As found no *Error")
	}
	if e.Code != Conflict || e.ID != "c_42" {
		t.Errorf("got %+v", e)
	}
}

func TestConstructors(t *testing.T) {
	details := []FieldError{{Field: "email", Message: "must be a valid email address", Rule: "email"}}
	tests := []struct {
		name string
		got  *Error
		want Error
	}{
		{"Validation", Validation(details), Error{Code: ValidationFailed, Message: "One or more fields are invalid", Details: details}},
		{"ConflictWith", ConflictWith("c_1"), Error{Code: Conflict, Message: "A contact with this email or phone number already exists", ID: "c_1"}},
		{"RateLimitedFor", RateLimitedFor(90 * time.Second), Error{Code: RateLimited, Message: "Rate limit exceeded", RetryAfter: 90 * time.Second}},
		{"New", New(Unauthorized), Error{Code: Unauthorized, Message: "Bearer token is missing, expired, revoked, or invalid"}},
		{"New unknown", New("teapot"), Error{Code: "teapot"}},
	}
	for _, tt := range tests {
		if !reflect.DeepEqual(*tt.got, tt.want) {
			t.Errorf("%s = %+v, want %+v", tt.name, *tt.got, tt.want)
		}
	}
}

// Error text goes to logs; it is "code: message" and never a detail.
func TestErrorStringHasNoDetails(t *testing.T) {
	e := Validation([]FieldError{{Field: "email", Message: "must be a valid email address"}})
	if s := e.Error(); strings.Contains(s, "email:") || strings.Contains(s, "valid email") {
		t.Errorf("Error() = %q mentions a detail", s)
	}
}
