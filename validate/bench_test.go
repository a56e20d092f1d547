package validate_test

import (
	"encoding/json"
	"testing"

	"github.com/contactrules/contactrules/validate"
	"github.com/nyaruka/phonenumbers"
)

// typical is the contact of issue 7: email, phone, both names, 2 tags, 3
// custom fields, both consents.
var typical = []byte(`{"email":"jane.doe@example.com","phone_number":"+12015550123","first_name":"Jane","last_name":"Doe",` +
	`"tags":["vip","newsletter"],"custom_fields":{"plan":"pro","seats":12,"trial":false},` +
	`"email_consent":"subscribed","sms_consent":"subscribed"}`)

func BenchmarkCreateJSON(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(typical)))
	for b.Loop() {
		if _, _, ds := validate.CreateJSON(typical, validate.Policy{}); ds != nil {
			b.Fatal(ds)
		}
	}
}

// BenchmarkPhonenumbersTrio is the obvious alternative for the typical
// contact's phone number alone: what CreateJSON is measured against.
func BenchmarkPhonenumbersTrio(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		n, err := phonenumbers.Parse("+12015550123", "")
		if err != nil || !phonenumbers.IsValidNumber(n) || phonenumbers.GetRegionCodeForNumber(n) != "US" {
			b.Fatal("not valid")
		}
	}
}

func BenchmarkCreateJSONInvalid(b *testing.B) {
	body := []byte(`{"email":"jane.doe@","phone_number":"+4402071838750","first_name":1,"tags":[""],` +
		`"custom_fields":{"a":{}},"sms_consent":"pending","phone":"x"}`)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, ds := validate.CreateJSON(body, validate.Policy{}); len(ds) != 7 {
			b.Fatal(ds)
		}
	}
}

// BenchmarkTypicalVsValid: the whole check of the typical contact beside
// encoding/json.Valid on the same bytes, the bar it is held to.
func BenchmarkTypicalVsValid(b *testing.B) {
	b.Run("CreateJSON", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			validate.CreateJSON(typical, validate.Policy{})
		}
	})
	b.Run("json.Valid", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			json.Valid(typical)
		}
	})
}
