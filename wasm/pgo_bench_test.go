package main

import "testing"

var benchTypical = []byte(`{"email":"jane.doe@example.com","phone_number":"+12015550123","first_name":"Jane","last_name":"Doe",` +
	`"tags":["vip","newsletter"],"custom_fields":{"plan":"pro","seats":12,"trial":false},` +
	`"email_consent":"subscribed","sms_consent":"subscribed"}`)

func BenchmarkCreateResult(b *testing.B) {
	var out []byte
	for b.Loop() {
		out, _ = createResult(out[:0], benchTypical, nil)
	}
}
