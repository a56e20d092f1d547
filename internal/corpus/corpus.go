// Package corpus holds the named bodies the tests of every surface share:
// create bodies that exercise each rule and each bound of docs/ by name,
// alone and together, and the hostile ones of docs/bounds.md. The
// browser build's, the JavaScript engine's and the command's tests judge
// them against package validate, so a body added here is tried on all.
package corpus

import (
	"fmt"
	"strconv"
	"strings"
)

// Bodies returns the create bodies, each once, in a fixed order.
func Bodies() []string {
	many := func(n int, item string) string {
		return strings.TrimSuffix(strings.Repeat(item+",", n), ",")
	}
	long := strings.Repeat("x", 100)
	return []string{
		`{}`, `[]`, `null`, `"x"`, ``, ` `, `{`, `{"email":"a@b.co"} x`, `{"email":"a@b.co",}`,
		`{"email":"","phone_number":""}`,
		`{"email":null,"phone_number":null,"first_name":"Jane"}`,
		`{"email":"jane@example.com"}`,
		` {"email" : "jane@example.com"} `,
		"{\"email\"\t:\n\"jane@example.com\"\r}",
		`{"email":"Jane <jane@example.com>"}`, `{"email":"jane..doe@example.com"}`, `{"email":".jane@example.com"}`,
		`{"email":"jane.@example.com"}`, `{"email":"jane@localhost"}`, `{"email":"jane@xn--bcher-kva.example"}`,
		`{"email":"jane@example.xn--p1ai"}`, `{"email":"jane@-example.com"}`, `{"email":"jane@example-.com"}`,
		`{"email":"jane@exa_mple.com"}`, `{"email":"jane@example.c0m"}`, `{"email":"a@b@example.com"}`,
		`{"email":"` + strings.Repeat("a", 64) + `@example.com"}`, `{"email":"` + strings.Repeat("a", 65) + `@example.com"}`,
		`{"email":"a@` + strings.Repeat("b", 63) + `.com"}`, `{"email":"a@` + strings.Repeat("b", 64) + `.com"}`,
		`{"email":"a@` + strings.Repeat("b.", 125) + `com"}`, `{"email":"jos\u00e9@example.com"}`,
		`{"email":42}`, `{"email":true}`, `{"email":{}}`, `{"email":[]}`, `{"email":"\ud800@example.com"}`,
		"{\"email\":\"\xff@example.com\"}", `{"em\u0061il":"jane@example.com"}`,
		`{"phone_number":"+14155552671"}`, `{"phone_number":"+4402071838750"}`, `{"phone_number":"4155552671"}`,
		`{"phone_number":"+1 415 555 2671"}`, `{"phone_number":"+1415555267112345"}`, `{"phone_number":"+"}`,
		`{"phone_number":"+0123"}`, `{"phone_number":"+12015550123","sms_consent":"subscribed"}`,
		`{"phone_number":"+14155552671","sms_consent":"subscribed","send_welcome_sms":false}`,
		`{"phone_number":"+14155552671","sms_consent":"single_opt_in"}`,
		`{"phone_number":"+442071838750","sms_consent":"subscribed"}`,
		`{"phone_number":"12345","sms_consent":"subscribed"}`,
		`{"email":"jane@example.com","sms_consent":"subscribed"}`,
		`{"email":"jane@example.com","sms_consent":"unsubscribed"}`,
		`{"email":"jane@example.com","sms_consent":"pending"}`,
		`{"email":"jane@example.com","email_consent":"compliance_suppressed"}`,
		`{"email":"jane@example.com","email_consent":"non_subscribed","sms_consent":"non_subscribed"}`,
		`{"email":"jane@example.com","email_consent":"Subscribed"}`,
		`{"email":"jane@example.com","email_consent":7,"sms_consent":null,"send_welcome_sms":"no"}`,
		`{"email":"jane@example.com","first_name":"` + strings.Repeat("é", 255) + `"}`,
		`{"email":"jane@example.com","first_name":"` + strings.Repeat("é", 256) + `"}`,
		`{"email":"jane@example.com","last_name":"` + strings.Repeat("😀", 256) + `"}`,
		`{"email":"jane@example.com","tags":[]}`, `{"email":"jane@example.com","tags":["",""]}`,
		`{"email":"jane@example.com","tags":"vip"}`, `{"email":"jane@example.com","tags":["vip",1]}`,
		`{"email":"jane@example.com","tags":[` + many(101, `"t"`) + `]}`,
		`{"email":"jane@example.com","tags":[` + many(150, `""`) + `],"nickname":"x"}`,
		`{"email":"jane@example.com","tags":["` + strings.Repeat("t", 256) + `","\udc00"]}`,
		`{"email":"jane@example.com","custom_fields":{"a":1,"b":"x","c":null,"d":true}}`,
		`{"email":"jane@example.com","custom_fields":{"a":{"b":1}}}`, `{"email":"jane@example.com","custom_fields":[1]}`,
		`{"email":"jane@example.com","custom_fields":{"a":1,"a":2,"a":3}}`,
		`{"email":"jane@example.com","custom_fields":{"` + strings.Repeat("k", 70) + `":1,"` + strings.Repeat("k", 70) + `":2}}`,
		`{"email":"jane@example.com","custom_fields":{"s":"\udfff"}}`,
		`{"email":"jane@example.com","custom_fields":{"\udfff":"s"}}`,
		`{"email":"jane@example.com","id":"c_1","created_at":1,"updated_at":null,"nickname":"x"}`,
		`{"email":"jane@example.com","` + long + `":1}`,
		`{"email":"jane@example.com","` + strings.Repeat("a", 63) + `é` + long + `":1}`,
		`{"email":"jane@example.com","email":"x","nickname":1,"nickname":2,"nickname":3}`,
		`{"email":"jane@example.com","x":` + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + `}`,
		`{"email":"jane@example.com","x":` + strings.Repeat(`{"a":`, 10000) + `1` + strings.Repeat("}", 10000) + `}`,
		`{"email":"jane@example.com","x":` + strings.Repeat("[", 1000) + `}`,
		`{"email":"jane@example.com",` + many(200, `"u":1`) + `}`,
		`{"email":"jane@example.com",` + manyKeys(300) + `}`,
		`{"email":"jane@example.com","x":[` + many(100000, "1") + `]}`,
		`{"email":"jane@example.com","x":"` + strings.Repeat("y", 1<<20) + `"}`,
		`{"email":"jane@example.com","x":1e5,"y":-0.5E-3,"z":0}`,
		`{"email":"jane@example.com","x":01}`, `{"email":"jane@example.com","x":1.}`, `{"email":"jane@example.com","x":.5}`,
		`{"email":"jane@example.com","x":"\x01"}`, `{"email":"jane@example.com","x":"\q"}`, `{"email":"jane@example.com","x":nul}`,
		// Variants of the above, escapes JSON does not have, and
		// characters JSON encoders escape differently.
		`{"phone_number":"+14155552671","sms_consent":"subscribed"}`,
		`{"email":"jane@example.com","email_consent":"suppressed"}`,
		`{"email":"jane@example.com","email_consent":"non_subscribed"}`,
		`{"email":"jane@example.com","email_consent":"SUBSCRIBED"}`,
		`{"email":"jane@example.com","email_consent":7}`,
		`{"email":"jane@example.com","first_name":"` + strings.Repeat("a", 256) + `"}`,
		`{"email":"jane@example.com","last_name":7}`,
		`{"email":"jane@example.com","tags":["vip",""]}`,
		`{"email":"jane@example.com","tags":["vip",3]}`,
		`{"email":"jane@example.com","tags":[` + numbered(101) + `]}`,
		`{"email":"jane@example.com","custom_fields":{"plan":"pro","seats":3,"trial":false,"note":null}}`,
		`{"email":"jane@example.com","custom_fields":{"a":1,"a":2}}`,
		`{"email":"jane@example.com","send_welcome_sms":"no"}`,
		`{"email":"jane@example.com","id":"c_1","created_at":"2024-01-01","phone":"+14155552671"}`,
		`{"email":"jane@example.com","email":"john@example.com"}`,
		`{"email":"jane@example.com","<b>&amp;":1,"line\u2028sep":2,"é":3}`,
		`{"email":"jane@example.com","tags":["ok","\xff"]}`,
		`{"email":"jane@example.com","first_name":"\xc3"}`,
		`{"email":"Jane","phone_number":"555","first_name":` + strconv.Quote(strings.Repeat("x", 300)) +
			`,"tags":[1],"custom_fields":{"a":[]},"email_consent":"x","sms_consent":"unsubscribed","send_welcome_sms":1,"updated_at":null,"zzz":0}`,
		`"jane@example.com"`, `42`, `not json`, `{"email":"jane@example.com"`, `{"email":"jane@example.com"} {}`,
		strings.Repeat("[", 100000) + strings.Repeat("]", 100000),
		`{"email":"jane@example.com","first_name":"` + strings.Repeat("a", 1<<20) + `"}`,
	}
}

// manyKeys is n members with distinct names.
func manyKeys(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"key%d":%d`, i, i)
	}
	return b.String()
}

// numbered is n distinct quoted tags, "t0" on.
func numbered(n int) string {
	tags := make([]string, n)
	for i := range tags {
		tags[i] = strconv.Quote("t" + strconv.Itoa(i))
	}
	return strings.Join(tags, ",")
}
