package validate_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/errs/httperr"
	"github.com/contactrules/contactrules/validate"
)

// A create handler: the details go straight into the error envelope.
func ExampleCreateJSON_handler() {
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20+1))
		contact, effects, details := validate.CreateJSON(body, validate.Policy{})
		if details != nil {
			httperr.Write(w, errs.Validation(details))
			return
		}
		_, _ = contact, effects // store it, send the welcome SMS if effects.WelcomeSMS
		w.WriteHeader(http.StatusCreated)
	})

	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, httptest.NewRequest("POST", "/v1/contacts", strings.NewReader(`{"first_name":"Jane","phone":"+12015550123"}`)))
	fmt.Println(rec.Code)
	fmt.Print(rec.Body.String())
	// Output:
	// 422
	// {"error":{"code":"validation_failed","message":"One or more fields are invalid","details":[{"field":"base","message":"email or phone_number is required","rule":"required_one_of"},{"field":"phone","message":"is not a recognized field","rule":"unknown_field"}]}}
}
