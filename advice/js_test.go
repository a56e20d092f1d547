package advice

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/internal/testenv"
	"github.com/contactrules/contactrules/validate"
)

// A jsCase is one contact (and, for adviseForm, its form) with the Go
// code's advice on it: the JavaScript engine's advise must give the same
// advice, in the same order.
type jsCase struct {
	Contact map[string]string   `json:"contact"`
	Form    map[string][]string `json:"form,omitempty"`
	Want    []Advice            `json:"want"`
}

// TestSameAdviceInJavaScript runs the npm package's advise
// (npm/engine/advice.mjs) on the corpus of TestCorpus (the typo
// addresses, then the real and held-out domains: every tenth by default,
// all of them under CONTACTRULES_LONG) and on generated contacts and
// forms, and fails on the first advice that differs from For's or
// ForForm's (field, rule, message, suggestion, order).
func TestSameAdviceInJavaScript(t *testing.T) {
	nodePath := testenv.Node(t)
	readEngine(t)
	testenv.NPMCI(t, oracleDir)
	realList := realDomains(t)
	real := map[string]bool{}
	for _, d := range realList {
		real[d] = true
	}
	typos, _, _ := makeTypos(real)
	emails := typos
	step := testenv.Cases(40, 1)
	for i, d := range append(realList, domainsOf(t, heldOutSource.pkg, heldOutSource.file)...) {
		if i%step == 0 {
			emails = append(emails, local+"@"+d)
		}
	}
	emails = append(emails, hostileEmails()...)

	file := filepath.Join(t.TempDir(), "advice.ndjson")
	cases := testenv.CreateLines(t, file)
	n := 0
	put := func(c validate.Contact, form map[string][]string) {
		// The contact as JavaScript reads it: JSON makes each byte that
		// is not UTF-8 a U+FFFD.
		c.Email = jsonString(t, c.Email)
		jc := jsCase{Contact: map[string]string{"email": c.Email, "phone_number": c.PhoneNumber, "sms_consent": string(c.SMSConsent)}, Form: form}
		if form == nil {
			jc.Want = For(c, validate.Policy{})
		} else {
			jc.Want = ForForm(c, form, validate.Policy{})
		}
		cases.Encode(jc)
		n++
	}
	for _, e := range emails {
		put(validate.Contact{Email: e}, nil)
	}
	r := rand.New(rand.NewPCG(27, 26))
	forms := []string{"US", "GB", "fr", "", "u\u017f", "\u212aR", "001"}
	for range testenv.Cases(1000, 100000) {
		c := validate.Contact{Email: genEmail(r), PhoneNumber: genPhones[r.IntN(len(genPhones))]}
		c.SMSConsent = []consent.SMS{"", consent.SMSSubscribed, consent.SMSSingleOptIn, consent.SMSUnsubscribed}[r.IntN(4)]
		put(c, nil)
		typed := c.PhoneNumber
		if r.IntN(2) == 0 {
			typed = []string{" \t", "", "00", " "}[r.IntN(4)] + strings.TrimPrefix(typed, "+")
		}
		put(c, map[string][]string{"phone_region": {"", forms[r.IntN(len(forms))]}, "phone_number": {typed}})
	}
	cases.Close()

	cmd := exec.Command(nodePath, filepath.Join("..", "npm", "test", "advice.mjs"), file)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node npm/test/advice.mjs: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "cases: "+itoa(n)) {
		t.Fatalf("advice.mjs did not run the %d cases:\n%s", n, out)
	}
	t.Logf("%s", out)
}

func jsonString(t *testing.T, s string) string {
	b, err := json.Marshal(s)
	if err == nil {
		err = json.Unmarshal(b, &s)
	}
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// hostileEmails are addresses no one types, for the bounds of both
// engines: long domains, non-ASCII ones (compared in UTF-8 bytes), a
// domain as long as an address may hold, case and separators.
func hostileEmails() []string {
	return []string{
		"", "@", "a@", "@gmail.com", "a@gmaié.com", "a@café.con", "a@GMAİL.com", "a@gmail.com ", "a@\u212amail.com",
		"a@" + strings.Repeat("g", 252), "a@" + strings.Repeat("gmail.", 42) + "con", "a@" + strings.Repeat("x", 300) + ".con",
		"NO_REPLY+x@shop.example", "n.o-r_e.p-l_y@x.io", strings.Repeat("info", 20) + "@x.io", "a@b@gmial.com",
		"jane@gmail.con", "jane@yahoo.pr", "jane@gmilc.om", "jane@amolc.om", "jane@hotmail4.com", "jane@myyahoo.com",
		"jane@patmail.com", "jane@gmail.ru", "jane@gmail.cm", "jane@mailw.com", "jane@mask.io", "\xed\xa0\x80@gmial.com", "\xff@gmial.com", "a@gmial.com\xff",
	}
}

// TestAdviceBoundsInJavaScript runs the engine's advise on contacts and
// forms whose members are 256 KiB long (1 MiB under CONTACTRULES_LONG):
// long domains, local parts and typed numbers get bounded answers, in
// time linear in their length (no clock: go test's timeout fails a
// hang).
func TestAdviceBoundsInJavaScript(t *testing.T) {
	readEngine(t)
	cmd := exec.Command(testenv.Node(t), filepath.Join("..", "npm", "test", "advice.mjs"), "--bounds")
	cmd.Env = append(os.Environ(), "BOUNDS_SIZE="+itoa(testenv.Cases(1<<16, 1<<20)))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node npm/test/advice.mjs --bounds: %v\n%s", err, out)
	}
	t.Logf("%s", out)
}

// readEngine reads the JavaScript engine's files, so that go test's cache
// sees them as the test's inputs (node reads them in another process).
func readEngine(t *testing.T) {
	for _, pattern := range []string{"engine/*", "data/*", "test/advice.mjs"} {
		files, err := filepath.Glob(filepath.Join("..", "npm", pattern))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: %v, %d files", pattern, err, len(files))
		}
		for _, f := range files {
			if _, err := os.ReadFile(f); err != nil {
				t.Fatal(err)
			}
		}
	}
}
