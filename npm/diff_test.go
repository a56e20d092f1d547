package npm

import (
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

	"github.com/contactrules/contactrules/internal/corpus"
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
	cases := testenv.CreateLines(t, file)
	count := 0
	add := func(op string, body []byte, pc policyCase, cur validate.Contact) {
		c := diffCase{Op: op, Body: base64.StdEncoding.EncodeToString(body), Want: answer(op, body, pc.p, cur)}
		if pc.js != "" {
			c.Policy = json.RawMessage(pc.js)
		}
		if op == "update" {
			c.Current, _ = json.Marshal(cur)
		}
		cases.Encode(c)
		count++
	}
	for _, body := range corpus.Bodies() {
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
	cases.Close()

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
	w := testenv.CreateLines(t, file)
	formats := testenv.CreateLines(t, formatsFile)
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
			formats.Encode(struct {
				N string    `json:"n"`
				F [3]string `json:"f"`
			}{s, written})
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
	w.Close()
	formats.Close()
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
	lines := testenv.CreateLines(t, file)
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
			lines.Encode(map[string]string{"region": region, "type": typ.String(), "want": want})
		}
	}
	lines.Close()
}
