package main

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
)

// csvHeader is the header row of the generated CSV files.
const csvHeader = "Email Address,First Name,Last Name,Mobile,Tags,SMS Consent,Email Consent,Loyalty Tier,Notes\n"

// writeCSVRows writes a CSV import of n rows after csvHeader, as a
// spreadsheet export would hold: nine rows in ten distinct contacts with
// their own email and a US mobile number typed in one of several ways,
// some tags, custom fields and consents, a quoted note now and then (one
// in fifty spanning two lines); the rest the usual mistakes: a contact
// typed again (the domain in capitals), a bad address, a number that
// cannot be one, a row cut short.
func writeCSVRows(w io.Writer, n int) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	if _, err := bw.WriteString(csvHeader); err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(3, 4))
	var row []byte
	for i := range n {
		name := benchNames[r.IntN(len(benchNames))]
		// Distinct numbers: exchange 200 to 999 of area code 201.
		exch, num := 200+(i/10000)%800, i%10000
		var mobile string
		switch i % 4 {
		case 0:
			mobile = fmt.Sprintf("(201) %03d-%04d", exch, num)
		case 1:
			mobile = fmt.Sprintf("201.%03d.%04d", exch, num)
		case 2:
			mobile = fmt.Sprintf("+1 201 %03d %04d", exch, num)
		default:
			mobile = fmt.Sprintf("1-201-%03d-%04d", exch, num)
		}
		row = row[:0]
		switch k := r.IntN(40); {
		case k < 36:
			sms, note := "", ""
			if k < 12 {
				sms = "subscribed"
			}
			switch {
			case k == 0:
				note = `"Met at the fair,` + "\n" + `asked for a ""catalogue"""`
			case k < 8:
				note = `"Prefers email, not calls"`
			}
			row = fmt.Appendf(row, "user%d@example.com,%s,Smith,%s,\"import, batch-%d\",%s,subscribed,gold,%s\n", i, name, mobile, i%100, sms, note)
		case k == 36:
			row = fmt.Appendf(row, "user%d@EXAMPLE.com,%s,Smith,,,,,,typed again\n", max(i-1, 0), name)
		case k == 37:
			row = fmt.Appendf(row, "user%d@example,%s,,,,,,,\n", i, name)
		case k == 38:
			row = fmt.Appendf(row, "user%d@example.org,%s,,555-%04d,,subscribed,,,\n", i, name, num)
		default:
			row = fmt.Appendf(row, "user%d@example.net,%s\n", i, name)
		}
		if _, err := bw.Write(row); err != nil {
			return err
		}
	}
	return bw.Flush()
}
