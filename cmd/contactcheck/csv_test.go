package main

import (
	"fmt"
	"os"
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
		{"\ufeffEmail,Loyalty Tier,loyalty-tier2,Ünïcode Näme,id,custom_fields,E-mail",
			"email custom_fields[loyalty_tier] custom_fields[loyalty_tier2] custom_fields[ünïcode_näme] custom_fields[id] custom_fields[custom_fields] custom_fields[e_mail]"},
		{"email,phone,mobile", "columns 2 and 3 of the header row both give phone_number"},
		{"Email Address,email", "columns 1 and 2 of the header row both give email"},
		{"email,Loyalty Tier,loyalty_tier", "columns 2 and 3 of the header row both give loyalty_tier"},
		{"email,,first_name", "column 2 of the header row has no name"},
		{"email,  ", "column 2 of the header row has no name"},
	}
	for _, tt := range tests {
		h, err := newHeader(strings.Split(tt.header, ","))
		got := fmt.Sprint(err)
		if err == nil {
			got = strings.Join(h.members, " ")
		}
		if got != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.header, got, tt.want)
		}
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
