package fuzz

import (
	"errors"
	"fmt"
	"math/rand"
	"net/http/httptest"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/errs/httperr"
	"github.com/leanovate/gopter/prop"
)

// codes are every code an envelope can carry: the contract's eight and the
// package's own two.
var codes = []errs.Code{errs.InvalidClient, errs.InvalidScope, errs.Unauthorized, errs.InsufficientScope,
	errs.NotFound, errs.Conflict, errs.ValidationFailed, errs.RateLimited, errs.Internal, errs.UnexpectedStatus}

// envelope is an *errs.Error as a server builds it: a message (the
// default or its own), details only for validation_failed, an id only for
// conflict, a whole-second Retry-After only for rate_limited.
type envelope struct{ e *errs.Error }

func (v envelope) String() string { return fmt.Sprintf("%#v", *v.e) }

func genEnvelope(r *rand.Rand) envelope {
	c := codes[r.Intn(len(codes))]
	e := errs.New(c)
	if r.Intn(2) == 0 {
		e.Message = genText(r, 1+r.Intn(40))
	}
	switch c {
	case errs.ValidationFailed:
		for range r.Intn(6) {
			d := errs.FieldError{Field: genText(r, genLen(r, 1, 20)), Message: genText(r, genLen(r, 1, 40))}
			if r.Intn(2) == 0 {
				d.Rule = pick(r, []string{"e164", "required_one_of", genText(r, 5)})
			}
			e.Details = append(e.Details, d)
		}
	case errs.Conflict:
		e.ID = pick(r, []string{"c_" + genText(r, 8), strconv.Itoa(r.Intn(1e9)), genText(r, 1+r.Intn(30))})
	case errs.RateLimited:
		e.RetryAfter = time.Duration(1+r.Intn(int(httperr.MaxRetryAfter/time.Second))) * time.Second
	}
	return envelope{e}
}

func TestEnvelopeProperties(t *testing.T) {
	props := properties()
	props.Property("FromResponse(Write(e)) == e for every code",
		prop.ForAll(func(v envelope) string {
			rec := httptest.NewRecorder()
			httperr.Write(rec, v.e)
			resp := rec.Result()
			if resp.StatusCode != v.e.Code.Status() || resp.Header.Get("Content-Type") != "application/json" {
				return fmt.Sprintf("status %d, content type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
			}
			var got *errs.Error
			if err := httperr.FromResponse(resp); !errors.As(err, &got) {
				return fmt.Sprintf("FromResponse: %v", err)
			}
			if !reflect.DeepEqual(*got, *v.e) {
				return fmt.Sprintf("came back as %#v", *got)
			}
			return ""
		}, from(genEnvelope)))
	props.TestingRun(t)
}
