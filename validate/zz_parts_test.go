package validate

import (
	"encoding/json"
	"testing"
)

var typicalBody = []byte(`{"email":"jane.doe@example.com","phone_number":"+12015550123","first_name":"Jane","last_name":"Doe",` +
	`"tags":["vip","newsletter"],"custom_fields":{"plan":"pro","seats":12,"trial":false},` +
	`"email_consent":"subscribed","sms_consent":"subscribed"}`)

func BenchmarkParts(b *testing.B) {
	b.Run("json.Valid", func(b *testing.B) {
		for b.Loop() {
			json.Valid(typicalBody)
		}
	})
	b.Run("decode", func(b *testing.B) {
		for b.Loop() {
			c := &checker{op: onCreate, pol: Policy{}.resolved()}
			readBody(typicalBody, &c.p, c.pol)
		}
	})
	b.Run("decode+run", func(b *testing.B) {
		for b.Loop() {
			c := &checker{op: onCreate, pol: Policy{}.resolved()}
			readBody(typicalBody, &c.p, c.pol)
			c.run()
		}
	})
	b.Run("all", func(b *testing.B) {
		for b.Loop() {
			CreateJSON(typicalBody, Policy{})
		}
	})
}
