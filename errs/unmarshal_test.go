//go:build !js

package errs

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

func TestUnmarshal(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Error
	}{
		{"spec sample", `{"error":{"code":"validation_failed","message":"One or more fields are invalid","details":[{"field":"base","message":"email or phone_number is required"}]}}`,
			Error{Code: ValidationFailed, Message: "One or more fields are invalid", Details: []FieldError{{Field: "base", Message: "email or phone_number is required"}}}},
		{"rule", `{"error":{"code":"validation_failed","message":"m","details":[{"field":"email","message":"x","rule":"email"}]}}`,
			Error{Code: ValidationFailed, Message: "m", Details: []FieldError{{Field: "email", Message: "x", Rule: "email"}}}},
		{"conflict id string", `{"error":{"code":"conflict","message":"m","id":"c_7"}}`,
			Error{Code: Conflict, Message: "m", ID: "c_7"}},
		{"conflict id number", `{"error":{"code":"conflict","message":"m","id":12345678901234567890}}`,
			Error{Code: Conflict, Message: "m", ID: "12345678901234567890"}},
		{"id null", `{"error":{"code":"conflict","message":"m","id":null}}`,
			Error{Code: Conflict, Message: "m"}},
		{"missing message takes default", `{"error":{"code":"not_found"}}`,
			Error{Code: NotFound, Message: "The contact could not be found"}},
		{"unknown code kept", `{"error":{"code":"payment_required","message":"Pay up"}}`,
			Error{Code: "payment_required", Message: "Pay up"}},
		{"unknown members ignored", `{"error":{"code":"not_found","message":"m","trace":"abc"},"request_id":"r1"}`,
			Error{Code: NotFound, Message: "m"}},
		{"lenient: details kept on any code", `{"error":{"code":"not_found","message":"m","details":[{"field":"f","message":"g"}]}}`,
			Error{Code: NotFound, Message: "m", Details: []FieldError{{Field: "f", Message: "g"}}}},
		{"RFC 6749", `{"error":"invalid_client","error_description":"Client authentication failed"}`,
			Error{Code: InvalidClient, Message: "Client authentication failed"}},
		{"RFC 6749 without description", `{"error":"invalid_scope"}`,
			Error{Code: InvalidScope, Message: "The requested OAuth scope is not enabled on the application"}},
		{"RFC 6749 code outside SPEC", `{"error":"invalid_grant","error_description":"Bad code"}`,
			Error{Code: "invalid_grant", Message: "Bad code"}},
		{"whitespace", " {\n \"error\" : {\"code\":\"unauthorized\"} }\n",
			Error{Code: Unauthorized, Message: "Bearer token is missing, expired, revoked, or invalid"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Error{Code: "stale", RetryAfter: time.Hour, ID: "stale"} // replaced, not merged
			if err := json.Unmarshal([]byte(tt.in), &got); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestUnmarshalRejects(t *testing.T) {
	tests := []string{
		``,
		`null`,
		`[]`,
		`"error"`,
		`{}`,
		`{"error":null}`,
		`{"error":""}`,
		`{"error":{}}`,
		`{"error":{"message":"no code"}}`,
		`{"error":{"code":""}}`,
		`{"error":42}`,
		`{"error":true}`,
		`{"error":["x"]}`,
		`{"error":{"code":7}}`,
		`{"error":{"code":"conflict","id":true}}`,
		`{"error":{"code":"conflict","id":{}}}`,
		`{"error":{"code":"validation_failed","details":"x"}}`,
		`{"error":{"code":"not_found"}`,
		`{"error":"invalid_client","error_description":5}`,
		`<html><body>502 Bad Gateway</body></html>`,
	}
	for _, in := range tests {
		var e Error
		if err := json.Unmarshal([]byte(in), &e); err == nil {
			t.Errorf("Unmarshal(%s) = %+v, want an error", in, e)
		}
	}
}

// What Marshal writes, Unmarshal reads back unchanged (RetryAfter aside:
// it travels in a header).
func TestMarshalUnmarshalRoundTrip(t *testing.T) {
	tests := []*Error{
		Validation([]FieldError{{Field: "email", Message: "must be a valid email address", Rule: "email"}, {Field: "first_name", Message: "must be at most 255 characters"}}),
		ConflictWith("c_1"),
		New(NotFound),
		{Code: Unauthorized, Message: "Token expired"},
		{Code: "future_code", Message: "Something new"},
		{Code: ValidationFailed, Message: "ünïcödé \u2028 \"quoted\" <b>", Details: []FieldError{{Field: "custom_fields.名前", Message: "m"}}},
	}
	for _, want := range tests {
		if got := reencode(t, want); !reflect.DeepEqual(&got, want) {
			t.Errorf("%+v read back as %+v", want, got)
		}
	}
}

// reencode returns what e's envelope reads back as.
func reencode(t *testing.T, e *Error) Error {
	t.Helper()
	data, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	var back Error
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatalf("%s: %v", data, err)
	}
	return back
}
