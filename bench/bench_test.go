// Package bench holds the benchmarks of issue 7 side by side, so that one
// `go test -bench` call measures the library and the obvious alternative
// on the same inputs, and the ratios cancel the machine's noise. See
// bench/README.md and bench/run.sh.
package bench

import (
	"bytes"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"testing"

	"github.com/contactrules/contactrules/phone"
	"github.com/contactrules/contactrules/validate"
	"github.com/nyaruka/phonenumbers"
)

// mixed is the phone corpus: libphonenumber's example number of every
// region and type, written in E.164, and for each a copy with its last
// digit changed and one with a digit more: valid and invalid numbers of
// every calling code.
var mixed = sync.OnceValue(func() []string {
	var out []string
	regions := slices.Sorted(maps.Keys(phonenumbers.GetSupportedRegions()))
	for _, region := range regions {
		for t := phonenumbers.FIXED_LINE; t <= phonenumbers.VOICEMAIL; t++ {
			n := phonenumbers.GetExampleNumberForType(region, t)
			if n == nil {
				continue
			}
			e := phonenumbers.Format(n, phonenumbers.E164)
			last := e[len(e)-1]
			out = append(out, e, e[:len(e)-1]+string('0'+(last-'0'+5)%10), e+"7")
		}
	}
	return out
})

// trio is the obvious alternative to phone.Parse.
func trio(s string) bool {
	n, err := phonenumbers.Parse(s, "")
	return err == nil && phonenumbers.IsValidNumber(n) &&
		phonenumbers.Format(n, phonenumbers.E164) == s && phonenumbers.GetRegionCodeForNumber(n) != ""
}

// BenchmarkParse: one op is one number of the mixed corpus.
func BenchmarkParse(b *testing.B) {
	corpus := mixed()
	b.Run("phone", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			phone.Parse(corpus[i%len(corpus)])
			i++
		}
	})
	b.Run("phonenumbers", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			trio(corpus[i%len(corpus)])
			i++
		}
	})
}

// typical is the contact of issue 7: email, phone, both names, 2 tags, 3
// custom fields, both consents.
var typical = []byte(`{"email":"jane.doe@example.com","phone_number":"+12015550123","first_name":"Jane","last_name":"Doe",` +
	`"tags":["vip","newsletter"],"custom_fields":{"plan":"pro","seats":12,"trial":false},` +
	`"email_consent":"subscribed","sms_consent":"subscribed"}`)

// BenchmarkCreateJSON: the whole typical contact, against the trio on its
// phone number alone.
func BenchmarkCreateJSON(b *testing.B) {
	b.Run("typical", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, ds := validate.CreateJSON(typical, validate.Policy{}); ds != nil {
				b.Fatal(ds)
			}
		}
	})
	b.Run("phonenumbers-phone-only", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if !trio("+12015550123") {
				b.Fatal("invalid")
			}
		}
	})
}

// BenchmarkContactcheck runs the built program, on one core
// (GOMAXPROCS=1), over a generated file of a million lines: the example
// file's realistic mix, repeated. One op is one run over the file.
func BenchmarkContactcheck(b *testing.B) {
	const lines = 1_000_000
	dir := b.TempDir()
	bin := filepath.Join(dir, "contactcheck")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/contactcheck").CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	examples, err := os.ReadFile("../examples/contacts.ndjson")
	if err != nil {
		b.Fatal(err)
	}
	var file []byte
	ex := bytes.Split(bytes.TrimSpace(examples), []byte("\n"))
	for i := range lines {
		file = append(append(file, ex[i%len(ex)]...), '\n')
	}
	input := filepath.Join(dir, "contacts.ndjson")
	if err := os.WriteFile(input, file, 0o644); err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	for b.Loop() {
		cmd := exec.Command(bin, input)
		cmd.Env = append(os.Environ(), "GOMAXPROCS=1")
		if err := cmd.Run(); err != nil {
			if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(lines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}
