package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// An exportRow is one contact of an export: its cells as the tool wrote
// them, and the same contact as a JSON create payload, written by hand.
type exportRow struct {
	cells string
	json  string
}

// exports are files shaped as the marketing tools and Excel write them
// (issue 24): a HubSpot export (byte order mark, CRLF, its header names
// and consent words) and German Excel files (semicolons, UTF-8 and
// Windows-1252).
var exports = []struct {
	name   string
	bom    bool
	crlf   bool
	cp1252 bool
	header string
	rows   []exportRow
}{
	{name: "hubspot", bom: true, crlf: true,
		header: "E-mail,First name,Phone Number,Mobile Phone,Email Marketing Consent,SMS Consent",
		rows: []exportRow{
			{`dana@example.com ,Dana,,+1 202 555 0143,yes,Subscribed`,
				`{"email":"dana@example.com","first_name":"Dana","phone_number":"+12025550143","email_consent":"subscribed","sms_consent":"subscribed"}`},
			{`lee@example.com,Lee,(415) 555-2671,,SUBSCRIBED,`,
				`{"email":"lee@example.com","first_name":"Lee","phone_number":"+14155552671","email_consent":"subscribed"}`},
			{`,Kim,,+1 202 555 0199,,no`,
				`{"first_name":"Kim","phone_number":"+12025550199","sms_consent":"no"}`},
			{`bad@,Bad,,,Unsubscribed,`,
				`{"email":"bad@","first_name":"Bad","email_consent":"unsubscribed"}`},
			{`both@example.com,"Both, Jr.",(202) 555-0100,(202) 555-0101,,YES`,
				`{"email":"both@example.com","first_name":"Both, Jr.","phone_number":"+12025550100","sms_consent":"subscribed"}`},
			{`mobile.only@example.com,Mo, ,202-555-0102,Never_Subscribed,on`,
				`{"email":"mobile.only@example.com","first_name":"Mo","phone_number":"+12025550102","email_consent":"never_subscribed","sms_consent":"subscribed"}`},
		}},
	{name: "excel-de", crlf: true,
		header: "E-Mail;Vorname;Nachname;Telefon;Tags;Kundennummer",
		rows:   excelDE},
	{name: "excel-de-1252", crlf: true, cp1252: true,
		header: "E-Mail;Vorname;Nachname;Telefon;Tags;Kundennummer",
		rows:   excelDE},
}

var excelDE = []exportRow{
	{`juergen@example.de;Jürgen;Groß;+49 30 12345678;"vip;gold";K-1`,
		`{"email":"juergen@example.de","first_name":"Jürgen","last_name":"Groß","phone_number":"+493012345678","tags":["vip","gold"],"custom_fields":{"kundennummer":"K-1"}}`},
	{`anna@example.de;Änne;Müller-Lüdenscheidt;;neu, vip;K-2`,
		`{"email":"anna@example.de","first_name":"Änne","last_name":"Müller-Lüdenscheidt","tags":["neu","vip"],"custom_fields":{"kundennummer":"K-2"}}`},
	{`francois@example.fr ;François;Désiré;030 1234567;;`,
		`{"email":"francois@example.fr","first_name":"François","last_name":"Désiré","phone_number":"+49301234567"}`},
	{`;Zoë;;;;K-4`,
		`{"first_name":"Zoë","custom_fields":{"kundennummer":"K-4"}}`},
	{`;;;;;`, ``}, // Excel's empty row after the data: no answer
}

// TestExports checks the exports as an import would read them: every row
// gets the answer its contact gets as JSON, and -fix writes the contact
// the JSON gives, so no value an alias should have read lands in a
// custom field.
func TestExports(t *testing.T) {
	answer := regexp.MustCompile(`^\{"line":\d+,`)
	for _, ex := range exports {
		t.Run(ex.name, func(t *testing.T) {
			dir := t.TempDir()
			nl := "\n"
			if ex.crlf {
				nl = "\r\n"
			}
			var csv, ndjson strings.Builder
			if ex.bom {
				csv.WriteString("\ufeff")
			}
			csv.WriteString(ex.header + nl)
			for _, r := range ex.rows {
				csv.WriteString(r.cells + nl)
				if r.json != "" {
					ndjson.WriteString(r.json + "\n")
				}
			}
			data := []byte(csv.String())
			if ex.cp1252 {
				var err error
				if data, err = charmap.Windows1252.NewEncoder().Bytes(data); err != nil {
					t.Fatal(err)
				}
			}
			csvFile, jsonFile := filepath.Join(dir, ex.name+".csv"), filepath.Join(dir, ex.name+".ndjson")
			if err := os.WriteFile(csvFile, data, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := writeFile(jsonFile, ndjson.String()); err != nil {
				t.Fatal(err)
			}
			flags := []string{"-region", "DE", "-sms-consent-checked", "subscribed", "-email-consent-checked", "subscribed"}
			if ex.name == "hubspot" {
				flags[1] = "US"
			}
			if ex.cp1252 {
				got := execute(t, "", append(flags, csvFile)...)
				if got.code != exitError || len(got.stdout) > 0 || !strings.Contains(string(got.stderr), "-encoding windows-1252") {
					t.Errorf("without -encoding: status %d, %d bytes out, stderr %s; want %d, nothing, and the flag named", got.code, len(got.stdout), got.stderr, exitError)
				}
				flags = append(flags, "-encoding", "windows-1252")
			}
			csvFix, jsonFix := filepath.Join(dir, "csv.fix"), filepath.Join(dir, "json.fix")
			fromCSV := execute(t, "", append(flags, "-fix", csvFix, csvFile)...)
			fromJSON := execute(t, "", append(flags, "-fix", jsonFix, jsonFile)...)
			got := strings.Split(strings.TrimSuffix(string(fromCSV.stdout), "\n"), "\n")
			want := strings.Split(strings.TrimSuffix(string(fromJSON.stdout), "\n"), "\n")
			if len(got) != len(want) {
				t.Fatalf("%d answers from the CSV, %d from the JSON:\n%s\n%s\nstderr: %s", len(got), len(want), fromCSV.stdout, fromJSON.stdout, fromCSV.stderr)
			}
			for i := range got {
				if g, w := answer.ReplaceAllString(got[i], ""), answer.ReplaceAllString(want[i], ""); g != w {
					t.Errorf("row %d:\n  CSV: %s\n JSON: %s", i+1, got[i], want[i])
				}
			}
			if fromCSV.code != fromJSON.code {
				t.Errorf("exit status %d from the CSV, %d from the JSON", fromCSV.code, fromJSON.code)
			}
			cf, _ := os.ReadFile(csvFix)
			jf, _ := os.ReadFile(jsonFix)
			if string(cf) != string(jf) || len(jf) == 0 {
				t.Errorf("-fix from the CSV:\n%s\nfrom the JSON:\n%s", cf, jf)
			}
			for l := range strings.Lines(string(cf)) {
				var c struct {
					CustomFields map[string]any `json:"custom_fields"`
				}
				if err := json.Unmarshal([]byte(l), &c); err != nil {
					t.Fatal(err)
				}
				for k := range c.CustomFields {
					if _, ok := known[headerKey(k)]; ok || byMeaning(headerKey(k)) != "" {
						t.Errorf("-fix wrote the custom field %q, which a field's column should have read: %s", k, l)
					}
				}
			}
			if strings.Contains(string(fromCSV.stderr), "warning") {
				t.Errorf("a column was not understood:\n%s", fromCSV.stderr)
			}
		})
	}
}
