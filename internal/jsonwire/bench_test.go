package jsonwire

import (
	"encoding/json"
	"strings"
	"testing"
)

// benchTexts are a contact payload as clients send it, one with escapes
// and text outside ASCII, and a large nested document.
var benchTexts = []struct{ name, text string }{
	{"contact", `{"email":"jane.doe@example.com","phone_number":"+14155550123","first_name":"Jane","last_name":"Doe",` +
		`"email_consent":"subscribed","sms_consent":"pending","tags":["vip","newsletter","2024"],` +
		`"custom_fields":{"plan":"pro","seats":12,"trial":false,"referrer":null}}`},
	{"escaped", `{"first_name":"Ren\u00e9e \"Ree\"","last_name":"Ã…ngstrÃ¶m ðŸ˜€","note":"line\nbreak\ttab \ud83d\ude00",` +
		`"tags":["caf\u00e9","\u4f18\u5e0c"]}`},
	{"large", `[` + strings.Repeat(`{"id":123456,"ok":true,"score":-1.25e-3,"name":"some name","list":[1,2,3,[4,[5]]],"obj":{"k":"v"}},`, 200) + `{}]`},
}

// BenchmarkSkip compares Skip (then AtEnd) with json.Valid on the same
// texts: both answer "is this one JSON value".
func BenchmarkSkip(b *testing.B) {
	for _, bt := range benchTexts {
		text := []byte(bt.text)
		if !whole(text) || !json.Valid(text) {
			b.Fatalf("%s is not JSON", bt.name)
		}
		b.Run("jsonwire/"+bt.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				whole(text)
			}
		})
		b.Run("encoding_json/"+bt.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				json.Valid(text)
			}
		})
	}
}
