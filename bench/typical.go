package bench

// Typical is the contact of the README's performance table: email,
// phone, both names, 2 tags, 3 custom fields, both consents. The
// benchmarks and the instruction count (bench/count) read it.
var Typical = []byte(`{"email":"jane.doe@example.com","phone_number":"+12015550123","first_name":"Jane","last_name":"Doe",` +
	`"tags":["vip","newsletter"],"custom_fields":{"plan":"pro","seats":12,"trial":false},` +
	`"email_consent":"subscribed","sms_consent":"subscribed"}`)
