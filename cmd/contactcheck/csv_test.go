package main

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestHeader checks how header rows are read: the names and aliases of
// docs/bulk.md, case, spaces, hyphens and underscores alike, custom
// fields named by the normalized header, and the headers that make a file
// unreadable.
func TestHeader(t *testing.T) {
	tests := []struct {
		header string
		want   string // the members, or the error
	}{
		{"email,phone_number,first_name,last_name,tags,email_consent,sms_consent,send_welcome_sms,phone_region",
			"email phone_number first_name last_name tags email_consent sms_consent send_welcome_sms phone_region"},
		{"Email Address,Phone,First Name,LAST-NAME,  Tags  ,SMS Consent,Send_Welcome-SMS,Phone Region",
			"email phone_number first_name last_name tags sms_consent send_welcome_sms phone_region"},
		{"EMAIL,Phone Number", "email phone_number"},
		{"email,MOBILE", "email phone_number"},
		{"\ufeffEmail,Loyalty Tier,loyalty-tier2,Ünïcode Näme,id,custom_fields",
			"email custom_fields[loyalty_tier] custom_fields[loyalty_tier2] custom_fields[ünïcode_näme] custom_fields[id] custom_fields[custom_fields]"},
		// The names the common tools write in their exports.
		{"E-mail,First name,Last name,Phone Number,Mobile Phone,Email Marketing Consent,SMS Consent", // HubSpot
			"email first_name last_name phone_number phone_number email_consent sms_consent"},
		{"Email Address,FNAME,LNAME,Phone Number,TAGS", "email first_name last_name phone_number tags"},                                                                // Mailchimp
		{"Email,Phone Number,First Name,Last Name,Email Marketing Consent,SMS Marketing Consent", "email phone_number first_name last_name email_consent sms_consent"}, // Klaviyo
		{"First Name,Last Name,Email,Accepts Email Marketing,Default Address Phone,Phone,Accepts SMS Marketing,Tags", // Shopify
			"first_name last_name email email_consent phone_number phone_number sms_consent tags"},
		{"Given Name,Family Name,E-mail 1 - Value,Phone 1 - Value", "first_name last_name email phone_number"},                   // Google Contacts
		{"First Name,Surname,E-mail Address,Mobile Phone,Primary Phone", "first_name last_name email phone_number phone_number"}, // Outlook
		{"E-Mail;Vorname;Nachname;Telefon;Handy", "email first_name last_name phone_number phone_number"},                        // German Excel
		// Consent columns by meaning; not the columns about a consent.
		{"email,SMS Opt-In,Newsletter Subscription", "email sms_consent email_consent"},
		{"email,Text Message Opt In Status,Email Consent Date,SMS Consent Source", "email sms_consent custom_fields[email_consent_date] custom_fields[sms_consent_source]"},
		// Several columns of one field: read in rank order (below); one
		// name twice, or one rank twice, cannot be read.
		{"email,phone,mobile", "email phone_number phone_number"},
		{"Email Address,email", "email email"},
		{"email,phone,PHONE", "columns 2 and 3 of the header row both give phone_number"},
		// Two consent columns by meaning: neither is read as the consent.
		{"email,SMS Marketing Opt-In,Text Opt In,Newsletter Opt-In", "email custom_fields[sms_marketing_opt_in] custom_fields[text_opt_in] email_consent"},
		// HubSpot's columns about email that are no consent, and an
		// opt-out flag, which says the opposite of one.
		{"email,Marketing emails opened,Marketing emails delivered,Unsubscribed from all email,Email Opt-Out,Last marketing email send date",
			"email custom_fields[marketing_emails_opened] custom_fields[marketing_emails_delivered] custom_fields[unsubscribed_from_all_email] custom_fields[email_opt_out] custom_fields[last_marketing_email_send_date]"},
		{"email,x,X", "columns 2 and 3 of the header row both give x"},
		{"email,Loyalty Tier,loyalty_tier", "columns 2 and 3 of the header row both give loyalty_tier"},
		{"email,,first_name", "column 2 of the header row has no name"},
		{"email,  ", "column 2 of the header row has no name"},
	}
	for _, tt := range tests {
		h, err := newHeader(strings.Split(strings.ReplaceAll(tt.header, ";", ","), ","), mapping{})
		got := fmt.Sprint(err)
		if err == nil {
			got = strings.Join(h.members, " ")
		}
		if got != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.header, got, tt.want)
		}
	}
}

// TestHeaderOrder checks which column a row reads first among several of
// one field: -map, then the field's own name, then the aliases in the
// table's order, then a column read by meaning; and that -map and
// -ignore name columns by their header, in any spelling.
func TestHeaderOrder(t *testing.T) {
	var m mapping
	for _, v := range []string{"Work Phone=phone_number", "Notes=-", "Member Code=custom_fields.code"} {
		if err := m.parseMap(v); err != nil {
			t.Fatal(err)
		}
	}
	m.ignore = []string{"csrf_token", "Submit"}
	h, err := newHeader([]string{"Mobile", "phone_number", "work-phone", "NOTES", "Phone", "member_code", "csrf_token", "Submit", "E-mail"}, m)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, i := range h.order {
		got = append(got, fmt.Sprintf("%d:%s", i+1, h.members[i]))
	}
	want := "3:phone_number 4: 6:custom_fields[code] 2:phone_number 9:email 7: 8: 1:phone_number 5:phone_number"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("order %s\n want %s", g, want)
	}
	for _, bad := range []string{"x", "=email", "x=nickname", "x=custom_fields.", "Notes=first_name"} {
		if err := m.parseMap(bad); err == nil {
			t.Errorf("-map %q: no error", bad)
		}
	}
}

// TestColumnsReport checks that how each column is read is said on
// standard error before the rows, with a warning for a header that looks
// like a field but became a custom field, and that a header is echoed cut
// as every name is.
func TestColumnsReport(t *testing.T) {
	long := strings.Repeat("é", 100)
	in := "Phone,Mobile Phone,E-Mial,Work Email,Loyalty Tier,Consent Given,Notes," + long + "\n" +
		"a@example.com,,,,,,,\n"
	_, stderr, _ := runString(t, in, "-format", "csv", "-map", "Notes=-", "-map", "Mobil Phone=phone_number")
	want := `contactcheck: standard input: columns:
  1 "Phone": phone_number (alias) when column 2 "Mobile Phone" is empty
  2 "Mobile Phone": phone_number (alias)
  3 "E-Mial": custom field "e_mial"
  4 "Work Email": custom field "work_email"
  5 "Loyalty Tier": custom field "loyalty_tier"
  6 "Consent Given": custom field "consent_given"
  7 "Notes": ignored (-map)
  8 "` + strings.Repeat("é", 32) + `...": custom field "` + strings.Repeat("é", 32) + `..."
contactcheck: warning: -map "Mobil Phone=phone_number" names no column of this file
contactcheck: warning: column 3 "E-Mial" looks like email but is read as a custom field: -map 'E-Mial=email' reads it as such, -map 'E-Mial=-' ignores it
contactcheck: warning: column 4 "Work Email" looks like email but is read as a custom field: -map 'Work Email=email' reads it as such, -map 'Work Email=-' ignores it
contactcheck: warning: column 6 "Consent Given" looks like email_consent or sms_consent but is read as a custom field: -map 'Consent Given=email_consent' or -map 'Consent Given=sms_consent' reads it as such, -map 'Consent Given=-' ignores it
`
	if stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
	}
}

// TestAmbiguousConsentReport checks that two columns meaning one consent
// are said to be custom fields, and why.
func TestAmbiguousConsentReport(t *testing.T) {
	_, stderr, _ := runString(t, "email,SMS Opt In Status,Text Opt In\na@example.com,yes,yes\n", "-format", "csv")
	want := `  2 "SMS Opt In Status": custom field "sms_opt_in_status" (several columns mean sms_consent: -map the one to read)`
	if !strings.Contains(stderr, want+"\n") {
		t.Errorf("stderr:\n%s\nwant a line\n%s", stderr, want)
	}
}

// TestDuplicateHeaderCut checks that a header named in an error is cut
// as every echoed name is (issue 23 item 7: a 100,000-byte header made a
// 100,080-byte message).
func TestDuplicateHeaderCut(t *testing.T) {
	h := strings.Repeat("x", 100_000)
	_, stderr, code := runString(t, "email,"+h+","+h+"\n", "-format", "csv")
	want := "contactcheck: standard input: line 1: columns 2 and 3 of the header row both give " + strings.Repeat("x", 64) + "...\n"
	if code != exitError || !strings.HasSuffix(stderr, want) || len(stderr) > 1000 {
		t.Errorf("status %d, %d bytes of stderr ending %q; want %d and %q", code, len(stderr), stderr[max(0, len(stderr)-200):], exitError, want)
	}
}

// TestSplitTags checks how a tags cell is cut.
func TestSplitTags(t *testing.T) {
	tests := map[string]string{
		"vip":              "[vip]",
		"vip,gold":         "[vip gold]",
		" vip , gold ,":    "[vip gold]",
		",,  ,":            "[]",
		"two words, x":     "[two words x]",
		"vip;gold":         "[vip gold]",
		"vip; gold,new;;":  "[vip gold new]",
		"\tvip\u00a0,gold": "[vip gold]",
	}
	for cell, want := range tests {
		if got := fmt.Sprint(splitTags(nil, cell)); got != want {
			t.Errorf("%q: %s, want %s", cell, got, want)
		}
	}
}

// TestCSVLineNumbers checks that CSV lines are physical lines, across
// quoted line breaks, blank and empty rows, and files: the second file's
// lines follow the first's as if they were one file, a last line without
// a newline included.
func TestCSVLineNumbers(t *testing.T) {
	file := func(s string) string {
		f := t.TempDir() + "/f.csv"
		if err := writeFile(f, s); err != nil {
			t.Fatal(err)
		}
		return f
	}
	a := file("email,note\n\na@example.com,\"x\r\ny\"\r\n,\nb@example.com,z")
	b := file("email\nc@example.com\n")
	out, _, _ := runString(t, "", a, b)
	var lines []string
	for l := range strings.Lines(out) {
		lines = append(lines, l[:strings.IndexByte(l, ',')])
	}
	if got, want := strings.Join(lines, " "), `{"line":3 {"line":6 {"line":8`; got != want {
		t.Errorf("lines %s, want %s\n%s", got, want, out)
	}
}

func writeFile(name, s string) error {
	return os.WriteFile(name, []byte(s), 0o644)
}

// TestSniffDelimiter checks the delimiter read from a header row: the
// most frequent of comma, semicolon and tab outside quotes, a comma
// otherwise.
func TestSniffDelimiter(t *testing.T) {
	tests := map[string]rune{
		"email,first_name\na;b;c;d;e\n": ',',
		"email;first_name;tags\n":       ';',
		"email\tfirst_name\n":           '\t',
		"email\n":                       ',',
		`"a,b,c";email` + "\n":          ';',
		"email;name,x\n":                ',',
		"":                              ',',
		"a;b\tc\n":                      ';',
	}
	for head, want := range tests {
		if got := sniffDelimiter([]byte(head)); got != want {
			t.Errorf("%q: %q, want %q", head, got, want)
		}
	}
}

// TestCSVOptions checks -delimiter, -ignore, the checkbox words of
// consent cells, and rows of blank cells, through the program.
func TestCSVOptions(t *testing.T) {
	ok := `"ok":true`
	tests := []struct {
		name, in string
		args     []string
		want     string // the answers, "ok" or the rule of the first detail, one a row
	}{
		{"semicolons read from the header", "email;first_name\na@example.com;Ada\n", nil, "ok"},
		{"tabs read from the header", "email\tfirst_name\na@example.com\tAda\n", nil, "ok"},
		{"-delimiter overrides", "email;first_name\na@example.com;Ada\n", []string{"-delimiter", ","}, "required_one_of"},
		{"-delimiter tab", "email\tx;y\na@example.com\t1;2\n", []string{"-delimiter", "tab"}, "ok"},
		{"-ignore a column", "email,csrf_token\na@example.com,x\n", []string{"-ignore", "csrf_token"}, "ok"},
		{"-ignore a JSON member", `{"email":"a@example.com","csrf":"x","nick":"y"}` + "\n", []string{"-ignore", "csrf, submit"}, "unknown_field"},
		{"-ignore JSON members", `{"email":"a@example.com","csrf":"x","nick":"y"}` + "\n", []string{"-ignore", "csrf,nick"}, "ok"},
		{"a row of blank cells gets no answer", "email,first_name\n  ,\t\n \u00a0, \nb@example.com,\n", nil, "ok"},
		{"checkbox words refused by default", "email,sms consent,phone\na@example.com,yes,+12025550143\n", nil, "enum"},
		{"checkbox words under -sms-consent-checked", "email,sms consent,phone\na@example.com,yes,+12025550143\n", []string{"-sms-consent-checked", "single_opt_in"}, "ok"},
		{"no is refused under every setting", "email,email consent\na@example.com,no\n", []string{"-email-consent-checked", "subscribed"}, "enum"},
	}
	rule := regexp.MustCompile(`"rule":"([^"]+)"`)
	for _, tt := range tests {
		format := "csv"
		if strings.HasPrefix(tt.in, "{") {
			format = "ndjson"
		}
		out, stderr, _ := runString(t, tt.in, append([]string{"-format", format}, tt.args...)...)
		var got []string
		for l := range strings.Lines(out) {
			if strings.Contains(l, ok) {
				got = append(got, "ok")
			} else if m := rule.FindStringSubmatch(l); m != nil {
				got = append(got, m[1])
			}
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("%s: %s, want %s\n%s%s", tt.name, g, tt.want, out, stderr)
		}
	}
	for _, bad := range [][]string{{"-delimiter", "|"}, {"-encoding", "latin9"}, {"-email-consent-checked", "yes"}, {"-sms-consent-checked", "pending"}, {"-map", "x=y"}} {
		if _, _, code := runString(t, "", bad...); code != exitError {
			t.Errorf("%q: status %d, want %d", bad, code, exitError)
		}
	}
}

// TestAliasesDocumented checks that docs/bulk.md lists every alias of the
// table, and every header it shows in its alias table is read as that
// row's field.
func TestAliasesDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../docs/bulk.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range aliases {
		if !strings.Contains(string(doc), "`"+a.name+"`") {
			t.Errorf("docs/bulk.md does not list the alias %q", a.name)
		}
	}
	row := regexp.MustCompile("(?m)^  \\| (`[a-z_]+`)? *\\| (.*?) \\|")
	field := ""
	for _, m := range row.FindAllStringSubmatch(string(doc), -1) {
		if m[1] != "" {
			field = strings.Trim(m[1], "`")
		}
		for _, name := range regexp.MustCompile("`([^`]+)`").FindAllStringSubmatch(m[2], -1) {
			h, err := newHeader([]string{name[1]}, mapping{})
			if err != nil || h.members[0] != field {
				t.Errorf("docs/bulk.md lists %q under %s; it is read as %v (%v)", name[1], field, h.members, err)
			}
		}
	}
}
