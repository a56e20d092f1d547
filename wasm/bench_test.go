package main

import "testing"

// benchTypical is bench/'s typical contact: email, phone, both names, 2
// tags, 3 custom fields, both consents.
var benchTypical = []byte(`{"email":"jane.doe@example.com","phone_number":"+12015550123","first_name":"Jane","last_name":"Doe",` +
	`"tags":["vip","newsletter"],"custom_fields":{"plan":"pro","seats":12,"trial":false},` +
	`"email_consent":"subscribed","sms_consent":"subscribed"}`)

// BenchmarkCreateResult is the Go side of validateCreate on the host,
// with the default policy and with one from the cache. (npm/test/bench.mjs
// times the whole call in Node.js.)
func BenchmarkCreateResult(b *testing.B) {
	for _, policy := range []string{"", `{"smsRegions":["US","CA","GB"]}`} {
		b.Run("policy="+policy, func(b *testing.B) {
			b.ReportAllocs()
			var out []byte
			for b.Loop() {
				out, _, _ = createResult(out[:0], benchTypical, []byte(policy), true)
			}
		})
	}
}
