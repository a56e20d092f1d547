package main

import (
	"regexp"
	"strings"
	"testing"
)

// TestAdviceFlag: -advice adds each valid row's advice to its line, the
// advice of package advice for the row's contact (and, for a CSV row, its
// form), and changes nothing else: the same lines without the member, the
// same exit status.
func TestAdviceFlag(t *testing.T) {
	ndjson := strings.Join([]string{
		`{"email":"jane@gmial.com"}`,
		`{"email":"info@shop.example"}`,
		`{"email":"jane@gmial"}`, // refused: no advice on a refused row
		`{"email":"ok@example.com"}`,
		`{"phone_number":"+18002530000","sms_consent":"subscribed"}`,
	}, "\n") + "\n"
	csv := "Email,Phone,Phone Region\nana@hotmial.com,+44 7400 123456,US\n"
	tests := []struct {
		name, input string
		args        []string
		want        []string // per line, the advice member or ""
	}{
		{"ndjson", ndjson, nil, []string{
			`"advice":[{"field":"email","rule":"email_typo","message":"looks like a typo of a common email domain","suggestion":"jane@gmail.com"}]`,
			`"advice":[{"field":"email","rule":"role_address","message":"is a role address, which reaches a team or no one rather than a person"}]`,
			``, ``,
			`"advice":[{"field":"sms_consent","rule":"sms_landline","message":"the phone number cannot receive SMS (it is not a mobile number)"}]`,
		}},
		{"update", `{"current":{"email":"jane@example.com"},"patch":{"first_name":"Jane"}}` + "\n" +
			`{"current":{"phone_number":"+12015550123"},"patch":{"email":"jo@yaho.com"}}` + "\n", []string{"-mode", "update"}, []string{
			``,
			`"advice":[{"field":"email","rule":"email_typo","message":"looks like a typo of a common email domain","suggestion":"jo@yahoo.com"}]`,
		}},
		{"csv", csv, []string{"-format", "csv"}, []string{
			`"advice":[{"field":"email","rule":"email_typo","message":"looks like a typo of a common email domain","suggestion":"ana@hotmail.com"},` +
				`{"field":"phone_region","rule":"phone_region_mismatch",`,
		}},
	}
	member := regexp.MustCompile(`,"advice":\[.*\]\}$`)
	for _, tt := range tests {
		plain, _, plainCode := runString(t, tt.input, tt.args...)
		got, _, code := runString(t, tt.input, append([]string{"-advice"}, tt.args...)...)
		if code != plainCode {
			t.Errorf("%s: status %d with -advice, %d without", tt.name, code, plainCode)
		}
		lines, plainLines := strings.Split(strings.TrimSuffix(got, "\n"), "\n"), strings.Split(strings.TrimSuffix(plain, "\n"), "\n")
		if len(lines) != len(tt.want) || len(plainLines) != len(lines) {
			t.Fatalf("%s: %d lines, %d without -advice; want %d:\n%s", tt.name, len(lines), len(plainLines), len(tt.want), got)
		}
		for i, line := range lines {
			if m := member.FindString(line); m == "" && tt.want[i] != "" || m != "" && !strings.HasPrefix(m[1:], tt.want[i]) {
				t.Errorf("%s line %d: %s\nwant advice %s", tt.name, i+1, line, tt.want[i])
			}
			if without := member.ReplaceAllString(line, "}"); without != plainLines[i] {
				t.Errorf("%s line %d: -advice changed the answer:\n%s\n%s", tt.name, i+1, without, plainLines[i])
			}
		}
	}
	_, stderr, _ := runString(t, ndjson, "-advice", "-summary")
	for _, want := range []string{"contactcheck: advice on 3 ok rows", "1  email        email_typo", "1  sms_consent  sms_landline"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("-summary lacks %q:\n%s", want, stderr)
		}
	}
}
