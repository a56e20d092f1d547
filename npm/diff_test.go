package npm

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nyaruka/phonenumbers"

	"github.com/contactrules/contactrules/internal/report"
	"github.com/contactrules/contactrules/internal/testenv"
	"github.com/contactrules/contactrules/phone"
	"github.com/contactrules/contactrules/validate"
)

// A diffCase is one call and the Go code's answer: the engine must give
// it for the body as bytes, as a string when the bytes are UTF-8, and as
// the parsed value when JSON.stringify writes that value back as the same
// text.
type diffCase struct {
	Op      string          `json:"op"`   // "create" or "update"
	Body    string          `json:"body"` // base64: the bytes may be anything
	Policy  json.RawMessage `json:"policy,omitempty"`
	Current json.RawMessage `json:"current,omitempty"`
	Want    string          `json:"want"`
}

// A policyCase is one policy in the engine's spelling and in Go's.
type policyCase struct {
	js string
	p  validate.Policy
}

func regions(codes ...string) phone.Regions {
	r, err := phone.NewRegions(codes...)
	if err != nil {
		panic(err)
	}
	return r
}

var policies = []policyCase{
	{"", validate.Policy{}},
	{`{"smsRegions":["GB","US"]}`, validate.Policy{SMSRegions: regions("GB", "US")}},
	{`{"allowUnknownFields":true}`, validate.Policy{AllowUnknownFields: true}},
	{`{"acceptLegacyConsent":true}`, validate.Policy{AcceptLegacyConsent: true}},
	{`{"possiblePhoneOnly":true,"smsRegions":["FR","DE","US"]}`, validate.Policy{PossiblePhoneOnly: true, SMSRegions: regions("FR", "DE", "US")}},
	{`{"maxBodyBytes":300}`, validate.Policy{MaxBodyBytes: 300}},
	{`{"maxNameLength":5,"maxTagLength":3,"maxTags":2}`, validate.Policy{MaxNameLength: 5, MaxTagLength: 3, MaxTags: 2}},
	{`{"maxDetails":3}`, validate.Policy{MaxDetails: 3}},
	{`{"smsNeedsMobile":true,"smsRegions":["GB","US","FR"],"acceptLegacyConsent":true}`, validate.Policy{SMSNeedsMobile: true, SMSRegions: regions("GB", "US", "FR"), AcceptLegacyConsent: true}},
	{`{"maxDetails":1,"allowUnknownFields":true}`, validate.Policy{MaxDetails: 1, AllowUnknownFields: true}},
}

// answer is the Go code's answer as the wasm build writes it.
func answer(op string, body []byte, p validate.Policy, current validate.Contact) string {
	if op == "create" {
		eff, d := validate.CheckCreateJSON(body, p)
		return string(report.AppendResult(nil, d, eff))
	}
	eff, d := validate.CheckUpdateJSON(current, body, p)
	return string(report.AppendResult(nil, d, eff))
}

// conformance are the bodies that exercise each rule and each bound by
// name: the wasm build's cases and the hostile bodies of docs/bounds.md.
func conformance() []string {
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
	}
}

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

// currents are the stored contacts of the update cases.
var currents = []validate.Contact{
	{},
	{Email: "jane@example.com", EmailConsent: "subscribed", SMSConsent: "never_subscribed"},
	{Email: "jane@Example.com", PhoneNumber: "+12015550123", SMSConsent: "subscribed"},
	{PhoneNumber: "+442071838750", EmailConsent: "suppressed", SMSConsent: "pending"},
	{Email: "x@y.co", EmailConsent: "compliance_suppressed", SMSConsent: "unsubscribed"},
	{PhoneNumber: "+33612345678", EmailConsent: "non_subscribed", SMSConsent: "single_opt_in"},
	{Email: "not an address", PhoneNumber: "+1", EmailConsent: "whatever"},
}

// TestSameAnswers runs the engine in Node.js on the conformance bodies
// and on generated create and update bodies (objects and JSON text,
// hostile ones included), and on phone numbers, against the Go code's
// answers; it fails on the first difference.
func TestSameAnswers(t *testing.T) {
	t.Parallel()
	nodePath := testenv.Node(t)
	readSources(t)
	n := testenv.Cases(150, 60000) // bodies per operation: 120,000 in all in CI
	dir := t.TempDir()
	file := filepath.Join(dir, "cases.ndjson")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	count := 0
	add := func(op string, body []byte, pc policyCase, cur validate.Contact) {
		c := diffCase{Op: op, Body: base64.StdEncoding.EncodeToString(body), Want: answer(op, body, pc.p, cur)}
		if pc.js != "" {
			c.Policy = json.RawMessage(pc.js)
		}
		if op == "update" {
			c.Current, _ = json.Marshal(cur)
		}
		if err := enc.Encode(c); err != nil {
			t.Fatal(err)
		}
		count++
	}
	for _, body := range conformance() {
		for i, pc := range policies {
			if len(body) > 10000 && i > 0 {
				break // a hostile body under the default policy only
			}
			add("create", []byte(body), pc, validate.Contact{})
			for j, cur := range currents {
				if len(body) > 10000 && j > 0 {
					break
				}
				add("update", []byte(body), pc, cur)
			}
		}
	}
	conf := count
	seed := runSeed(t)
	g := newBodies(rand.New(rand.NewPCG(seed, 26)), phoneSamples(t))
	for i := range n {
		pc := policies[g.r.IntN(len(policies))]
		add("create", g.body(i), pc, validate.Contact{})
		add("update", g.body(i), pc, currents[g.r.IntN(len(currents))])
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	phones := filepath.Join(dir, "phones.txt")
	formatted := filepath.Join(dir, "formats.ndjson")
	nphones := writePhones(t, phones, formatted, testenv.Cases(1500, 1000000))

	typed := filepath.Join(dir, "normalize.ndjson")
	ntyped := writeNormalize(t, typed, testenv.Cases(1000, 200000))

	examples := filepath.Join(dir, "examples.ndjson")
	writeExamples(t, examples)

	cmd := exec.Command(nodePath, "test/diff.mjs", file, phones, typed, formatted, examples)
	out := run(t, cmd)
	t.Logf("%d conformance calls, %d generated bodies, %d phone numbers, %d typed numbers:\n%s", conf, count-conf, nphones, ntyped, out)
}

// phoneSamples are numbers the generator draws phone_number from.
func phoneSamples(t *testing.T) []string {
	var out []string
	for _, ex := range exampleNumbers(t) {
		out = append(out, ex, ex[:len(ex)-1], ex+"9")
	}
	return out
}

// exampleNumbers are libphonenumber's example numbers of every type of
// every region and non-geographic calling code, in E.164.
func exampleNumbers(t *testing.T) []string {
	var out []string
	regions := slices.Sorted(func(yield func(string) bool) {
		for r := range phonenumbers.GetSupportedRegions() {
			if !yield(r) {
				return
			}
		}
	})
	for _, region := range regions {
		for typ := phonenumbers.FIXED_LINE; typ <= phonenumbers.UNKNOWN; typ++ {
			if n := phonenumbers.GetExampleNumberForType(region, typ); n != nil {
				out = append(out, phonenumbers.Format(n, phonenumbers.E164))
			}
		}
	}
	for _, cc := range slices.Sorted(func(yield func(int) bool) {
		for cc := range phonenumbers.GetSupportedGlobalNetworkCallingCodes() {
			if !yield(cc) {
				return
			}
		}
	}) {
		if n := phonenumbers.GetExampleNumberForNonGeoEntity(cc); n != nil {
			out = append(out, phonenumbers.Format(n, phonenumbers.E164))
		}
	}
	if len(out) < 1000 {
		t.Fatalf("only %d example numbers; metadata missing?", len(out))
	}
	return out
}

// writePhones writes every example number with each digit changed, its
// trunk prefix inserted and digits dropped or added, then random numbers
// of the calling codes until there are n, each with its regions and type:
// "number valid possible type" (a region, or - for none; the type of a
// valid number, else UNKNOWN), and each valid one's national,
// international and RFC 3966 forms to formatsFile (NDJSON).
func writePhones(t *testing.T, file, formatsFile string, n int) int {
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	ff, err := os.Create(formatsFile)
	if err != nil {
		t.Fatal(err)
	}
	defer ff.Close()
	fw := bufio.NewWriter(ff)
	formats := json.NewEncoder(fw)
	count := 0
	put := func(s string) {
		region := func(parse func(string) (phone.Number, error)) string {
			if num, err := parse(s); err == nil {
				return num.Region()
			}
			return "-"
		}
		typ := phone.Unknown
		if num, err := phone.Parse(s); err == nil {
			typ = num.Type()
			written := [3]string{num.Format(phone.National), num.Format(phone.International), num.Format(phone.RFC3966)}
			if err := formats.Encode(struct {
				N string    `json:"n"`
				F [3]string `json:"f"`
			}{s, written}); err != nil {
				t.Fatal(err)
			}
		}
		fmt.Fprintf(w, "%s %s %s %s\n", s, region(phone.Parse), region(phone.ParsePossible), typ)
		count++
	}
	for _, ex := range exampleNumbers(t) {
		put(ex)
		put(ex[:len(ex)-1])
		put(ex + "0")
		for i := 1; i < len(ex); i++ {
			b := []byte(ex)
			b[i] = '0' + (b[i]-'0'+3)%10
			put(string(b))
		}
		for _, cut := range []int{2, 3, 4} {
			if len(ex) > cut {
				put(ex[:cut] + "0" + ex[cut:])
			}
		}
	}
	ccs := slices.Sorted(func(yield func(int) bool) {
		for cc := range phonenumbers.GetSupportedCallingCodes() {
			if !yield(cc) {
				return
			}
		}
	})
	r := rand.New(rand.NewPCG(1, runSeed(t)))
	for count < n {
		s := "+" + strconv.Itoa(ccs[r.IntN(len(ccs))])
		for k := 2 + r.IntN(13); k > 0 && len(s) < 16; k-- {
			s += string(rune('0' + r.IntN(10)))
		}
		put(s)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := fw.Flush(); err != nil {
		t.Fatal(err)
	}
	return count
}

// runSeed is the seed of this run's generated bodies and numbers: new
// ones each run, or CONTACTRULES_SEED's to repeat a run (the test logs
// it).
func runSeed(t *testing.T) uint64 {
	if s := os.Getenv("CONTACTRULES_SEED"); s != "" {
		seed, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("CONTACTRULES_SEED=%q: %v", s, err)
		}
		return seed
	}
	seedOnce.Do(func() {
		seedValue = uint64(time.Now().UnixNano())
		t.Logf("CONTACTRULES_SEED=%d repeats this run's generated inputs", seedValue)
	})
	return seedValue
}

var (
	seedOnce  sync.Once
	seedValue uint64
)

// readSources reads the engine's files, so that go test's cache sees
// them as the test's inputs (node reads them in another process).
func readSources(t *testing.T) {
	for _, pattern := range []string{"engine/*", "data/*", "wasm/contactrules.*", "test/*.mjs", "test/consumer/*"} {
		files, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if _, err := os.ReadFile(f); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// run runs cmd, failing the test with its output when it fails.
func run(t *testing.T, cmd *exec.Cmd) string {
	t.Helper()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// writeExamples writes phone.Example's answer for every region (and two
// codes that name none) and every type: the number in E.164, or "".
func writeExamples(t *testing.T, file string) {
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	regions := append(slices.Sorted(func(yield func(string) bool) {
		for r := range phonenumbers.GetSupportedRegions() {
			if !yield(r) {
				return
			}
		}
	}), "001", "XX")
	for _, region := range regions {
		for typ := phone.Unknown; typ <= phone.Voicemail; typ++ {
			want := ""
			if n, ok := phone.Example(region, typ); ok {
				want = n.String()
			}
			if err := enc.Encode(map[string]string{"region": region, "type": typ.String(), "want": want}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
}
