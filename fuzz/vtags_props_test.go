package fuzz

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"testing"

	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/internal/report"
	"github.com/contactrules/contactrules/validate"
	"github.com/contactrules/contactrules/validate/vtags"
	"github.com/go-playground/validator/v10"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/prop"
)

// taggedContact expresses every create a Contact can: the contact tags,
// none behind omitempty, custom fields kept as their JSON text.
type taggedContact struct {
	Email          string             `json:"email" validate:"contact_email"`
	PhoneNumber    string             `json:"phone_number" validate:"phone_e164"`
	FirstName      string             `json:"first_name" validate:"contact_name"`
	LastName       string             `json:"last_name" validate:"contact_name"`
	Tags           []string           `json:"tags" validate:"contact_tags,dive,contact_tag"`
	CustomFields   validate.RawObject `json:"custom_fields" validate:"flat_map"`
	EmailConsent   string             `json:"email_consent" validate:"email_consent"`
	SMSConsent     string             `json:"sms_consent" validate:"sms_consent"`
	SendWelcomeSMS *bool              `json:"send_welcome_sms"`
}

// ginContact is a gin form backend's struct: gin's binding tag, omitempty
// before the optional fields (not before the identity tags, as the
// package asks), pointers, a consent type, and custom fields as a map.
type ginContact struct {
	Email          *string        `form:"email" json:"email" binding:"contact_email"`
	PhoneNumber    string         `form:"phone_number" json:"phone_number" binding:"phone_e164"`
	FirstName      string         `form:"first_name" json:"first_name" binding:"omitempty,contact_name"`
	LastName       *string        `form:"last_name" json:"last_name" binding:"omitempty,contact_name"`
	Tags           []string       `form:"tags" json:"tags" binding:"omitempty,contact_tags"`
	CustomFields   map[string]any `form:"custom_fields" json:"custom_fields" binding:"omitempty,flat_map"`
	EmailConsent   *string        `form:"email_consent" json:"email_consent" binding:"omitempty,email_consent"`
	SMSConsent     consent.SMS    `form:"sms_consent" json:"sms_consent" binding:"omitempty,sms_consent"`
	SendWelcomeSMS *bool          `form:"send_welcome_sms" json:"send_welcome_sms"`
}

// vtagsCases is how many cases the vtags property runs: as many as the
// other properties (cases).
func vtagsCases() int { return cases() }

// A checker is a validator prepared by vtags under one policy.
type tagChecker struct {
	v, gin *validator.Validate
	rules  *vtags.Rules
}

// tagCheckers keeps one checker a policy (by its %#v: a Policy holds a
// slice, so it is no map key): a validator learns the struct types it
// meets once.
type tagCheckers map[string]*tagChecker

func (cs tagCheckers) get(t *testing.T, p validate.Policy) *tagChecker {
	key := fmt.Sprintf("%#v", p)
	if c, ok := cs[key]; ok {
		return c
	}
	c := &tagChecker{v: validator.New(), gin: validator.New(), rules: vtags.New(p)}
	c.gin.SetTagName("binding")
	for _, v := range []*validator.Validate{c.v, c.gin} {
		if err := c.rules.Register(v); err != nil {
			t.Fatal(err)
		}
	}
	cs[key] = c
	return c
}

// createStructSample is a create a Contact can express; one in eight
// answers under a small MaxDetails.
func createStructSample(r *rand.Rand) *sample {
	for {
		if s := structSample(r); s.d.op == opCreate {
			if r.Intn(8) == 0 {
				s.policy.MaxDetails = 1 + r.Intn(4)
			}
			return s
		}
	}
}

func (s *sample) tagged() taggedContact {
	c := s.contact()
	return taggedContact{Email: c.Email, PhoneNumber: c.PhoneNumber, FirstName: c.FirstName, LastName: c.LastName, Tags: c.Tags,
		CustomFields: c.CustomFields, EmailConsent: string(c.EmailConsent), SMSConsent: string(c.SMSConsent), SendWelcomeSMS: c.SendWelcomeSMS}
}

// gin returns the sample as a ginContact, when one can express it: its
// custom fields, if any, are an object encoding/json reads as a map
// without losing what the rules look at (a repeated key, a string that is
// not UTF-8).
func (s *sample) gin() (ginContact, bool) {
	c := s.contact()
	g := ginContact{PhoneNumber: c.PhoneNumber, FirstName: c.FirstName, Tags: c.Tags, SMSConsent: c.SMSConsent, SendWelcomeSMS: c.SendWelcomeSMS}
	if c.Email != "" {
		g.Email = &c.Email
	}
	if c.LastName != "" {
		g.LastName = &c.LastName
	}
	if c.EmailConsent != "" {
		e := string(c.EmailConsent)
		g.EmailConsent = &e
	}
	if c.CustomFields != nil {
		for _, w := range s.want {
			if strings.HasPrefix(w.Field, "custom_fields.") {
				return g, false
			}
		}
		m, ok := decodeObject(c.CustomFields)
		if !ok {
			return g, false
		}
		g.CustomFields = m
	}
	return g, true
}

// decodeObject reads a JSON object as a map, numbers as json.Number.
func decodeObject(text []byte) (map[string]any, bool) {
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil || m == nil || dec.More() {
		return nil, false
	}
	return m, true
}

// sameCustom compares the custom fields of two contacts by their
// meaning: a map written by vtags orders and spells them its own way.
func sameCustom(got, want validate.Contact) string {
	g, okG := decodeObject(got.CustomFields)
	w, okW := decodeObject(want.CustomFields)
	if okG != okW || !reflect.DeepEqual(g, w) {
		return "custom_fields " + string(got.CustomFields) + ", want " + string(want.CustomFields)
	}
	return ""
}

// result is the line the CLI would print for details: the bytes compared.
func result(ds []errs.FieldError) string {
	return string(report.AppendResult(nil, ds, consent.Effects{}))
}

func TestVtagsAgrees(t *testing.T) {
	params := gopter.DefaultTestParametersWithSeed(*propSeed)
	params.MinSuccessfulTests = vtagsCases()
	props := gopter.NewProperties(params)
	checkers := tagCheckers{}
	met := seen{}

	// agree returns "" when the struct's details, through v and vtags,
	// are CreateJSON's on the sample's body byte for byte, and a valid
	// struct gives through Contact and validate.Create the contact and
	// effects CreateJSON gives.
	agree := func(s *sample, v *validator.Validate, rules *vtags.Rules, st any, exactCustom bool) string {
		wantC, wantEff, want := validate.CreateJSON(s.body, s.policy)
		got := rules.FieldErrors(v.Struct(st))
		if g, w := result(got), result(want); g != w {
			return "details\n got: " + g + "\nwant: " + w
		}
		if want != nil {
			return ""
		}
		c, err := rules.Contact(st)
		if err != nil {
			return err.Error()
		}
		gotC, gotEff, ds := validate.Create(c, s.policy)
		if ds != nil {
			return "validate.Create on the struct's contact: " + result(ds)
		}
		if !exactCustom {
			if msg := sameCustom(gotC, wantC); msg != "" {
				return msg
			}
			gotC.CustomFields, wantC.CustomFields = nil, nil
		}
		return sameContact(gotC, wantC) + sameEffects(gotEff, wantEff)
	}

	props.Property("a tagged struct through vtags gives CreateJSON's details byte for byte, and the same stored contact",
		prop.ForAll(func(s *sample) string {
			c := checkers.get(t, s.policy)
			if msg := agree(s, c.v, c.rules, s.tagged(), true); msg != "" {
				return msg
			}
			met["struct"]++
			if s.policy.MaxDetails > 0 && len(s.want) > s.policy.MaxDetails {
				met["details cut"]++
			}
			if len(s.want) == 0 {
				met["valid"]++
			}
			for _, name := range s.d.defects {
				met[name]++
			}
			if g, ok := s.gin(); ok {
				met["gin struct"]++
				return agree(s, c.gin, c.rules, g, false)
			}
			return ""
		}, from(createStructSample)))
	props.TestingRun(t)

	t.Logf("cases met: %v", met)
	n := params.MinSuccessfulTests
	met.atLeast(t, n, "struct")
	met.atLeast(t, n/8, "valid", "gin struct")
	met.atLeast(t, n/200, "details cut", "identity missing", "sms without a supported phone", "sms unsubscribed on create",
		"email format", "phone format", "too many tags", "bad tag", "nested custom field", "repeated custom field",
		"custom field not UTF-8", "email consent not writable", "sms consent not writable", "first_name too long",
		"custom_fields of another type", "email not UTF-8")
}
