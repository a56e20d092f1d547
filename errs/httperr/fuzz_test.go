package httperr

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// Whatever a server sends, FromResponse gives an error with a code, and
// that error survives Write's encoding with its code and message intact.
func FuzzFromResponse(f *testing.F) {
	for _, seed := range []string{
		`{"error":{"code":"validation_failed","message":"One or more fields are invalid","details":[{"field":"base","message":"email or phone_number is required"}]}}`,
		`{"error":{"code":"conflict","message":"m","id":12}}`,
		`{"error":"invalid_client","error_description":"bad"}`,
		`{"error":{"code":"","message":"x"}}`,
		`<html>502</html>`,
		``,
		`{"error":{"code":"\ud800"}}`,
	} {
		f.Add(502, seed)
		f.Add(429, seed)
	}
	f.Fuzz(func(t *testing.T, status int, body string) {
		if status >= 200 && status <= 299 {
			return
		}
		e, err := FromResponse(&http.Response{StatusCode: status, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(body))})
		if err != nil || e == nil || e.Code == "" || e.Message == "" {
			t.Fatalf("FromResponse = %+v, %v", e, err)
		}
		if back := reencode(t, e); back.Code != e.Code || back.Message != e.Message {
			t.Errorf("%+v came back as %+v", e, back)
		}
	})
}
