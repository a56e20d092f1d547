package httperr

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/contactrules/contactrules/errs"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want errs.Error
	}{
		{"spec sample", `{"error":{"code":"validation_failed","message":"One or more fields are invalid","details":[{"field":"base","message":"email or phone_number is required"}]}}`,
			errs.Error{Code: errs.ValidationFailed, Message: "One or more fields are invalid", Details: []errs.FieldError{{Field: "base", Message: "email or phone_number is required"}}}},
		{"rule", `{"error":{"code":"validation_failed","message":"m","details":[{"field":"email","message":"x","rule":"email"}]}}`,
			errs.Error{Code: errs.ValidationFailed, Message: "m", Details: []errs.FieldError{{Field: "email", Message: "x", Rule: "email"}}}},
		{"conflict id string", `{"error":{"code":"conflict","message":"m","id":"c_7"}}`,
			errs.Error{Code: errs.Conflict, Message: "m", ID: "c_7"}},
		{"conflict id number", `{"error":{"code":"conflict","message":"m","id":12345678901234567890}}`,
			errs.Error{Code: errs.Conflict, Message: "m", ID: "12345678901234567890"}},
		{"id null", `{"error":{"code":"conflict","message":"m","id":null}}`,
			errs.Error{Code: errs.Conflict, Message: "m"}},
		{"missing message takes default", `{"error":{"code":"not_found"}}`,
			errs.Error{Code: errs.NotFound, Message: "The contact could not be found"}},
		{"unknown code kept", `{"error":{"code":"payment_required","message":"Pay up"}}`,
			errs.Error{Code: "payment_required", Message: "Pay up"}},
		{"unknown members ignored", `{"error":{"code":"not_found","message":"m","trace":"abc"},"request_id":"r1"}`,
			errs.Error{Code: errs.NotFound, Message: "m"}},
		{"lenient: details kept on any code", `{"error":{"code":"not_found","message":"m","details":[{"field":"f","message":"g"}]}}`,
			errs.Error{Code: errs.NotFound, Message: "m", Details: []errs.FieldError{{Field: "f", Message: "g"}}}},
		{"RFC 6749", `{"error":"invalid_client","error_description":"Client authentication failed"}`,
			errs.Error{Code: errs.InvalidClient, Message: "Client authentication failed"}},
		{"RFC 6749 without description", `{"error":"invalid_scope"}`,
			errs.Error{Code: errs.InvalidScope, Message: "The requested OAuth scope is not enabled on the application"}},
		{"RFC 6749 code outside the contract", `{"error":"invalid_grant","error_description":"Bad code"}`,
			errs.Error{Code: "invalid_grant", Message: "Bad code"}},
		{"whitespace", " {\n \"error\" : {\"code\":\"unauthorized\"} }\n",
			errs.Error{Code: errs.Unauthorized, Message: "Bearer token is missing, expired, revoked, or invalid"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestParseRejects(t *testing.T) {
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
		if e, err := Parse([]byte(in)); err == nil {
			t.Errorf("Parse(%s) = %+v, want an error", in, e)
		}
	}
}

// What Marshal writes, Parse reads back unchanged (RetryAfter aside:
// it travels in a header).
func TestMarshalParseRoundTrip(t *testing.T) {
	tests := []*errs.Error{
		errs.Validation([]errs.FieldError{{Field: "email", Message: "must be a valid email address", Rule: "email"}, {Field: "first_name", Message: "must be at most 255 characters"}}),
		errs.ConflictWith("c_1"),
		errs.New(errs.NotFound),
		{Code: errs.Unauthorized, Message: "Token expired"},
		{Code: "future_code", Message: "Something new"},
		{Code: errs.ValidationFailed, Message: "ünïcödé \u2028 \"quoted\" <b>", Details: []errs.FieldError{{Field: "custom_fields.名前", Message: "m"}}},
	}
	for _, want := range tests {
		if got := reencode(t, want); !reflect.DeepEqual(&got, want) {
			t.Errorf("%+v read back as %+v", want, got)
		}
	}
}

// reencode returns what e's envelope reads back as.
func reencode(t *testing.T, e *errs.Error) errs.Error {
	t.Helper()
	data, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse(data)
	if err != nil {
		t.Fatalf("%s: %v", data, err)
	}
	return *back
}
