//go:build !js

package main

// The browser build as JavaScript sees it: the npm package's
// contactrules/wasm entry (npm/wasm). These tests build contactrules.wasm
// with build.sh into a temporary directory, beside a copy of the
// checked-in module, and then
//
//   - TestNodeSuite runs test/contactrules.test.mjs under `node --test` on
//     payloads whose Result JSON the host computes with package validate;
//   - TestCLIAgrees runs cmd/contactcheck on the same lines and requires
//     the same bytes, so the module answers as the program does;
//   - TestLocalize (localize_test.go) holds localize to package messages;
//   - TestBrowserDemo drives demo/index.html in headless Chromium (only
//     with CONTACTRULES_LONG=1, as in CI: see internal/testenv);
//   - TestBrowserBuildSize keeps the module within its gzip budget.
//
// npm/'s TestConsumer packs the package, installs it into a fresh project
// and uses contactrules/wasm there, from Node.js and TypeScript.
//
// Without node or chromium they skip, saying how to install them; with
// CI=true a missing tool is a failure.

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/internal/corpus"
	"github.com/contactrules/contactrules/internal/report"
	"github.com/contactrules/contactrules/internal/testenv"
	"github.com/contactrules/contactrules/messages"
	"github.com/contactrules/contactrules/phone"
	"github.com/contactrules/contactrules/validate"
)

// tmpRoot holds what the tests build; TestMain removes it.
var tmpRoot string

func TestMain(m *testing.M) {
	code := func() int {
		dir, err := os.MkdirTemp("", "contactrules-wasm-test")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
		defer os.RemoveAll(dir)
		tmpRoot = dir
		return m.Run()
	}()
	os.Exit(code)
}

// entryDir holds the npm package's contactrules/wasm entry as it is
// checked in: the module and its types, beside which build.sh builds.
var entryDir = filepath.Join("..", "npm", "wasm")

var distBuild struct {
	once sync.Once
	dir  string
	log  []byte
	err  error
}

// builtDist returns the npm package's wasm/ as it ships: the checked-in
// module, the built contactrules.wasm, Go's wasm_exec.js and the
// catalogs, all of build.sh but the module, which is copied from
// npm/wasm. build.sh builds once per test binary into a temporary
// directory, never into npm/wasm, which npm/'s own tests pack (npm
// pack's prepack runs build.sh there) while these run.
func builtDist(t *testing.T) string {
	t.Helper()
	b := &distBuild
	b.once.Do(func() {
		b.dir = filepath.Join(tmpRoot, "wasm")
		b.log, b.err = exec.Command("bash", "build.sh", b.dir).CombinedOutput()
		if b.err == nil {
			b.err = copyFile(filepath.Join(entryDir, "contactrules.mjs"), filepath.Join(b.dir, "contactrules.mjs"))
		}
	})
	if b.err != nil {
		t.Fatalf("building the wasm entry: %v\n%s", b.err, b.log)
	}
	t.Logf("%s", bytes.TrimSpace(b.log))
	return b.dir
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o644)
}

// tool returns the path of a program a test needs (testenv.Tool: a skip
// without it, a failure in CI).
func tool(t *testing.T, name, install string) string {
	t.Helper()
	return testenv.Tool(t, name, install)
}

func node(t *testing.T) string {
	return tool(t, "node", "apt-get install -y nodejs npm (Node.js 20 or later)")
}

// run runs cmd, failing the test with its output when it fails.
func run(t *testing.T, cmd *exec.Cmd) []byte {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\nstdout:\n%s\nstderr:\n%s", strings.Join(cmd.Args, " "), err, stdout.Bytes(), stderr.Bytes())
	}
	if stderr.Len() > 0 {
		t.Logf("%s stderr:\n%s", filepath.Base(cmd.Args[0]), stderr.Bytes())
	}
	return stdout.Bytes()
}

// A jsPolicyCase is one policy in its three spellings: Go, the module's
// and contactcheck's flags (nil when the program has none for it).
type jsPolicyCase struct {
	js  string
	p   validate.Policy
	cli []string
}

func regions(codes ...string) phone.Regions {
	r, err := phone.NewRegions(codes...)
	if err != nil {
		panic(err)
	}
	return r
}

var (
	defaultPolicy = jsPolicyCase{"", validate.Policy{}, []string{}}
	policyCases   = []struct {
		policy   jsPolicyCase
		payloads []string
	}{
		{jsPolicyCase{`{"smsRegions":["GB","US"]}`, validate.Policy{SMSRegions: regions("GB", "US")}, []string{"-sms-regions", "GB,US"}}, []string{
			`{"phone_number":"+442071838750","sms_consent":"subscribed"}`,
			`{"phone_number":"+14155552671","sms_consent":"subscribed"}`,
			`{"phone_number":"+14165550123","sms_consent":"single_opt_in"}`,
		}},
		{jsPolicyCase{`{"allowUnknownFields":true}`, validate.Policy{AllowUnknownFields: true}, []string{"-allow-unknown"}}, []string{
			`{"email":"jane@example.com","phone":"+14155552671"}`,
			`{"email":"jane@example.com","id":"c_1","extra":{"a":[1]}}`,
		}},
		{jsPolicyCase{`{"acceptLegacyConsent":true}`, validate.Policy{AcceptLegacyConsent: true}, []string{"-legacy-consent"}}, []string{
			`{"email":"jane@example.com","email_consent":"non_subscribed","sms_consent":"non_subscribed"}`,
			`{"email":"jane@example.com","email_consent":"pending"}`,
		}},
		{jsPolicyCase{`{"maxBodyBytes":64}`, validate.Policy{MaxBodyBytes: 64}, []string{"-max-bytes", "64"}}, []string{
			`{"email":"jane@example.com","first_name":"Jane"}`,
			`{"email":"jane@example.com","first_name":"Jane","last_name":"Doe-Smithson"}`,
		}},
		{jsPolicyCase{`{"possiblePhoneOnly":true}`, validate.Policy{PossiblePhoneOnly: true}, nil}, []string{
			`{"phone_number":"+10995551234"}`,
			`{"phone_number":"+1099555123"}`,
		}},
		{jsPolicyCase{`{"maxNameLength":5,"maxTagLength":3,"maxTags":2}`, validate.Policy{MaxNameLength: 5, MaxTagLength: 3, MaxTags: 2}, nil}, []string{
			`{"email":"jane@example.com","first_name":"Janet","last_name":"Doesmith","tags":["a","bcde"]}`,
			`{"email":"jane@example.com","tags":["a","b","c"]}`,
		}},
		{jsPolicyCase{`{"maxDetails":3}`, validate.Policy{MaxDetails: 3}, nil}, []string{
			`{"email":"Jane","phone_number":"555","first_name":7,"last_name":8}`,
			`{"email":"Jane","phone_number":"555"}`,
		}},
	}
)

// updateCases pair a stored contact with patches.
var updateCases = []struct {
	current string
	patches []string
}{
	{`{"id":"c_1","email":"jane@example.com","email_consent":"subscribed","sms_consent":"never_subscribed","created_at":"2024-01-01T00:00:00Z"}`, []string{
		`{}`,
		`{"first_name":"Jane","tags":["vip"]}`,
		`{"email":"jane@example.com"}`,
		`{"email":"john@example.com"}`,
		`{"email":null}`,
		`{"phone_number":"+14155552671","sms_consent":"subscribed"}`,
		`{"phone_number":"+14155552671","sms_consent":"subscribed","send_welcome_sms":false}`,
		`{"sms_consent":"subscribed"}`,
		`{"sms_consent":"unsubscribed"}`,
		`{"email_consent":"unsubscribed","tags":[],"custom_fields":null}`,
		`{"id":"c_2","first_name":"Jane"}`,
		`{"nickname":"J"}`,
		`null`,
	}},
	{`{"email":"jane@example.com","email_consent":"suppressed"}`, []string{
		`{"email_consent":"subscribed"}`,
		`{"email_consent":"suppressed"}`,
	}},
	{`{"email":"jane@example.com","email_consent":"compliance_suppressed"}`, []string{
		`{"email_consent":"subscribed"}`,
		`{"first_name":"Jane"}`,
	}},
	{`{"phone_number":"+14155552671","sms_consent":"subscribed"}`, []string{
		`{"sms_consent":"subscribed"}`,
		`{"phone_number":"+14155552672"}`,
		`{"phone_number":"+14155552671","email":"jane@example.com"}`,
	}},
	{`{"phone_number":"+442071838750"}`, []string{
		`{"sms_consent":"subscribed"}`,
		`{"sms_consent":"single_opt_in"}`,
	}},
	{`null`, []string{
		`{"email":"jane@example.com"}`,
	}},
}

// A jsCase is one payload for the module, in the JSON form
// contactrules.test.mjs reads: the payload as bytes (base64), the
// expected Result JSON.
type jsCase struct {
	Name    string `json:"name"`
	Op      string `json:"op"` // "create" or "update"
	Payload []byte `json:"payload"`
	Current string `json:"current,omitempty"` // the stored contact, for an update
	Policy  string `json:"policy,omitempty"`  // the module's spelling; "" for the default
	Want    string `json:"want"`

	cli []string // contactcheck's flags for the policy; nil when it has none
}

// A phoneCase is a normalizePhone call and its expected JSON.
type phoneCase struct {
	Input  string `json:"input"`
	Region string `json:"region"`
	Want   string `json:"want"`
}

// jsCases builds the cases, with the answers package validate gives on
// the host.
func jsCases(t *testing.T) []jsCase {
	t.Helper()
	var cases []jsCase
	add := func(op, current, payload string, pc jsPolicyCase) {
		p, err := parsePolicy([]byte(pc.js))
		if err != nil || !reflect.DeepEqual(p, pc.p) {
			t.Fatalf("policy %s reads as %+v, %v; the case means %+v", pc.js, p, err, pc.p)
		}
		result := func() []byte {
			if op == "create" {
				_, eff, d := validate.CreateJSON([]byte(payload), pc.p)
				return report.AppendResult(nil, d, eff)
			}
			var cur validate.Contact
			if err := json.Unmarshal([]byte(current), &cur); err != nil {
				t.Fatalf("current %s: %v", current, err)
			}
			_, eff, d := validate.UpdateJSON(cur, []byte(payload), pc.p)
			return report.AppendResult(nil, d, eff)
		}()
		cases = append(cases, jsCase{
			Name:    fmt.Sprintf("%d %.70q", len(cases)+1, payload),
			Op:      op,
			Payload: []byte(payload),
			Current: current,
			Policy:  pc.js,
			Want:    string(result),
			cli:     pc.cli,
		})
	}
	for _, p := range corpus.Bodies() {
		add("create", "", p, defaultPolicy)
	}
	for _, pc := range policyCases {
		for _, p := range pc.payloads {
			add("create", "", p, pc.policy)
		}
	}
	for _, u := range updateCases {
		for _, p := range u.patches {
			add("update", u.current, p, defaultPolicy)
		}
	}
	// The bundled examples, as contactcheck's README runs them.
	for _, line := range exampleLines(t, "contacts.ndjson") {
		add("create", "", line, defaultPolicy)
	}
	for _, line := range exampleLines(t, "updates.ndjson") {
		var u struct{ Current, Patch json.RawMessage }
		if err := json.Unmarshal([]byte(line), &u); err != nil || u.Patch == nil {
			continue // a line about the wrapper itself, not the rules
		}
		current := string(u.Current)
		if current == "" {
			current = "null"
		}
		if json.Unmarshal(u.Current, new(validate.Contact)) != nil {
			continue // the module throws for such a contact; contactcheck reports it
		}
		add("update", current, string(u.Patch), defaultPolicy)
	}
	return cases
}

// exampleLines returns the non-blank lines of examples/name, if it exists.
func exampleLines(t *testing.T, name string) []string {
	b, err := os.ReadFile(filepath.Join("..", "examples", name))
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for line := range strings.SplitSeq(string(b), "\n") {
		if line = strings.TrimSuffix(line, "\r"); strings.TrimSpace(line) != "" {
			lines = append(lines, line)
		}
	}
	return lines
}

var phoneInputs = []struct{ input, region string }{
	{"(415) 555-2671", "US"},
	{"+1 415 555 2671", ""},
	{"415.555.2671", "CA"},
	{"011 44 20 7183 8750", "US"},
	{"020 7183 8750", "GB"},
	{"+44 (0)20 7183 8750", "GB"},
	{"0044 20 7183 8750", "GB"},
	{"+1 876 960 1234", "GB"},
	{"030 123456", "DE"},
	{"555-01", "US"},
	{"1-800-FLOWERS", "US"},
	{"415 555 2671 x12", "US"},
	{"415 555 2671", ""},
	{"", "US"},
	{"+", "US"},
	{"1+2", "US"},
	{strings.Repeat("1", 65), "US"},
	{"٤١٥٥٥٥٢٦٧١", "US"},
}

func phoneCases() []phoneCase {
	cases := make([]phoneCase, len(phoneInputs))
	for i, in := range phoneInputs {
		b, err := normalizeResult(nil, in.input, in.region)
		if err != nil {
			panic(err)
		}
		cases[i] = phoneCase{in.input, in.region, string(b)}
	}
	return cases
}

// A mistakeCase is a policy (as JSON text) or a stored contact (as
// bytes) handed to the module, with the code and message of the
// ContactRulesError it throws.
type mistakeCase struct {
	Op      string `json:"op"` // "policy" or "current"
	Policy  string `json:"policy"`
	Current []byte `json:"current"`
	Code    string `json:"code"`
	Want    string `json:"want"`
}

func mistakeCases() []mistakeCase {
	var cases []mistakeCase
	for _, m := range policyMistakes {
		cases = append(cases, mistakeCase{Op: "policy", Policy: m.text, Code: "invalid_policy", Want: m.want})
	}
	for _, m := range contactMistakes {
		cases = append(cases, mistakeCase{Op: "current", Current: []byte(m.text), Code: "invalid_contact", Want: m.want})
	}
	return cases
}

// TestNodeSuite runs the node:test suite against the built module.
func TestNodeSuite(t *testing.T) {
	testenv.SkipUnlessLong(t, "builds the WebAssembly module")
	nodePath := node(t)
	dist := builtDist(t)
	cases := jsCases(t)
	mistakes := mistakeCases()
	file := filepath.Join(tmpRoot, "cases.json")
	b, err := json.Marshal(struct {
		Cases    []jsCase      `json:"cases"`
		Phones   []phoneCase   `json:"phones"`
		Mistakes []mistakeCase `json:"mistakes"`
	}{cases, phoneCases(), mistakes})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(nodePath, "--test", "--test-reporter=spec", "contactrules.test.mjs")
	cmd.Dir = "test"
	cmd.Env = append(os.Environ(), "CONTACTRULES_DIST="+dist, "CONTACTRULES_CASES="+file)
	out := run(t, cmd)
	t.Logf("%d payload cases, %d phone cases, %d policies and stored contacts\n%s", len(cases), len(phoneInputs), len(mistakes), tail(out, 9))
}

// tail returns the last n lines of b: node's totals.
func tail(b []byte, n int) []byte {
	lines := bytes.Split(bytes.TrimSpace(b), []byte("\n"))
	return bytes.Join(lines[max(0, len(lines)-n):], []byte("\n"))
}

// sizeBudget is the target for contactrules.wasm: 1.0 MB gzipped.
const sizeBudget = 1_000_000

// heavyPackages are what the browser build once linked and must not again:
// encoding/json with reflect and fmt were a quarter of the module, os 3 %,
// net/http and regexp (the HTTP helpers, the phonenumbers engine) most of
// the rest.
var heavyPackages = []string{"encoding/json", "fmt", "reflect", "os", "net/http", "regexp", "github.com/nyaruka/phonenumbers"}

// TestBrowserBuildSize keeps the module within its budget, and names the
// package to blame when one that made it heavy comes back.
func TestBrowserBuildSize(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", ".")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	deps := strings.Fields(string(run(t, cmd)))
	for _, heavy := range heavyPackages {
		if slices.Contains(deps, heavy) {
			t.Errorf("the browser build links %s; find who imports it with: GOOS=js GOARCH=wasm go list -deps -f '{{.ImportPath}}: {{.Imports}}' ./wasm", heavy)
		}
	}
	if !testenv.Long() {
		return // the module's size: the long run builds it
	}
	module, err := os.ReadFile(filepath.Join(builtDist(t), "contactrules.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	w, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	w.Write(module)
	w.Close()
	t.Logf("contactrules.wasm: %d bytes, %d gzipped (compress/gzip, best compression); budget %d", len(module), gz.Len(), sizeBudget)
	if gz.Len() > sizeBudget {
		t.Errorf("contactrules.wasm is %d bytes gzipped, over the budget of %d", gz.Len(), sizeBudget)
	}
}

// TestCLIAgrees checks that contactcheck prints, for each case it can
// express, the bytes the module is required to give.
func TestCLIAgrees(t *testing.T) {
	program := filepath.Join(tmpRoot, "contactcheck")
	run(t, exec.Command("go", "build", "-o", program, "../cmd/contactcheck"))

	// One run per mode and policy, one case a line.
	type batch struct {
		args  []string
		lines []string
		want  []string
	}
	batches := map[string]*batch{}
	var keys []string
	compared := 0
	for _, c := range jsCases(t) {
		line := string(c.Payload)
		if c.cli == nil || strings.ContainsAny(line, "\r\n") || strings.TrimSpace(line) == "" {
			continue
		}
		args := append([]string{"-mode", c.Op, "-duplicates=false"}, c.cli...)
		if c.Op == "update" {
			if !json.Valid(c.Payload) {
				continue // the line would not be a {"current","patch"} object
			}
			line = `{"current":` + c.Current + `,"patch":` + line + `}`
		}
		key := strings.Join(args, " ")
		b := batches[key]
		if b == nil {
			b = &batch{args: args}
			batches[key] = b
			keys = append(keys, key)
		}
		b.lines = append(b.lines, line)
		b.want = append(b.want, c.Want)
		compared++
	}
	slices.Sort(keys)
	for _, key := range keys {
		b := batches[key]
		in := filepath.Join(tmpRoot, "cli-input.ndjson")
		if err := os.WriteFile(in, []byte(strings.Join(b.lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(program, append(b.args, in)...)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil && cmd.ProcessState.ExitCode() != 1 {
			t.Fatalf("contactcheck %s: %v\n%s", key, err, stderr.Bytes())
		}
		got := strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
		if len(got) != len(b.lines) {
			t.Fatalf("contactcheck %s: %d lines out for %d in", key, len(got), len(b.lines))
		}
		for i, out := range got {
			prefix := `{"line":` + strconv.Itoa(i+1) + `,`
			if !strings.HasPrefix(out, prefix) || "{"+out[len(prefix):] != b.want[i] {
				t.Errorf("contactcheck %s, line %d %.80q:\n got %s\nwant %s%s", key, i+1, b.lines[i], out, prefix, b.want[i][1:])
			}
		}
	}
	t.Logf("%d lines compared in %d runs", compared, len(keys))
}

// A scenario fills the demo form and submits it.
type scenario struct {
	Name      string            `json:"name"`
	Fill      map[string]string `json:"fill"`                // input name to value; send_welcome_sms "false" unchecks it; lang picks the messages' language
	Languages []string          `json:"languages,omitempty"` // navigator.languages; Chromium's en-US when empty
	Then      map[string]string `json:"then,omitempty"`      // filled after the submit: lang shows the details in another language
	// TakeAdvice clicks the button of the email's advice after the
	// submit, which takes its suggestion.
	TakeAdvice bool `json:"takeAdvice,omitempty"`
	// TakePhoneAdvice clicks the button of the phone's advice, which
	// picks the number's country.
	TakePhoneAdvice bool              `json:"takePhoneAdvice,omitempty"`
	Type            map[string]string `json:"type,omitempty"` // typed a key at a time after Fill
}

// shown is a detail as the demo shows it.
type shown struct {
	Field   string `json:"field"`
	Rule    string `json:"rule"`
	Message string `json:"message"` // the wire message, in small print and the title
	Text    string `json:"text"`    // the text shown, in the chosen language
	Lang    string `json:"lang"`    // the list item's lang attribute
	Where   string `json:"where"`   // "field" (next to its input) or "top"
	Visible bool   `json:"visible"`
}

// observation is what npm/test/demo.mjs read off the page after a submit.
type observation struct {
	Name               string          `json:"name"`
	NavigatorLanguages []string        `json:"navigatorLanguages"`
	DefaultLang        string          `json:"defaultLang"` // the language select as the page set it
	Lang               string          `json:"lang"`        // the language select at the end
	Payload            json.RawMessage `json:"payload"`
	Details            []shown         `json:"details"`
	Success            bool            `json:"success"`
	Effects            []string        `json:"effects"`
	PhoneHint          string          `json:"phoneHint"`
	Advice             string          `json:"advice"`       // the advice shown under the email, "" when none
	EmailAfter         string          `json:"emailAfter"`   // the email field after the advice's button was clicked
	AdviceAfter        bool            `json:"adviceAfter"`  // whether advice is still shown then
	PhoneAdvice        string          `json:"phoneAdvice"`  // the advice shown under the phone, "" when none
	CountryAfter       string          `json:"countryAfter"` // the country select after the phone advice's button was clicked
	PhoneField         string          `json:"phoneField"`   // the phone as the field shows it
}

// formFields are the members the demo has an input for.
var formFields = []string{"email", "phone_number", "first_name", "last_name", "email_consent", "sms_consent", "send_welcome_sms"}

// A demoTest is a scenario of the demo page and what it must show.
type demoTest struct {
	scenario
	want      []errs.FieldError // what the contract says for this contact
	wantOK    bool
	wantPhone string // phone_number sent
	wantHint  string
	wantField string // the phone field's text, when it was typed
	wantLang  string // of the texts shown; "" for English
	// wantAdvice is the advice shown under the email (the engine's
	// advise), wantTaken the email after taking its suggestion.
	wantAdvice, wantTaken string
	// wantPhoneAdvice is the advice shown under the phone (adviseForm),
	// wantCountry the country picked by taking it.
	wantPhoneAdvice, wantCountry string
}

// TestBrowserDemo opens the demo in headless Chromium, submits the form
// with several contacts and checks what it shows: the details of
// validate.CreateJSON for the payload the form sent, each next to its
// field in the language chosen (by the browser's languages, or the
// select) as package messages gives it, and the contract's messages for the
// contacts of the scenarios. Two scenarios show German texts: "de"
// (a Swiss German browser; the screenshot demo-de.png) and "de-empty"
// (French picked, then German). The page runs the scenarios with the
// JavaScript engine, its default, then with the WebAssembly build (?rules=wasm).
func TestBrowserDemo(t *testing.T) {
	testenv.SkipUnlessLong(t, "drives headless Chromium")
	chromium := os.Getenv("CONTACTRULES_CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	chromium = tool(t, chromium, "apt-get update && apt-get install -y chromium")
	nodePath := node(t)
	testenv.NPMCI(t, npmTest) // playwright-core, which downloads no browser
	dist := builtDist(t)

	// The demo imports the package's entries from the repository as
	// ../../npm/…: the engine as it is, the wasm entry as built.
	mux := http.NewServeMux()
	mux.Handle("/npm/wasm/", http.StripPrefix("/npm/wasm/", http.FileServer(http.Dir(dist))))
	mux.Handle("/npm/", http.FileServer(http.Dir(".."))) // the engine, the demo's default
	mux.Handle("/", http.FileServer(http.Dir(".")))      // demo/
	srv := httptest.NewServer(mux)                       // on 127.0.0.1
	defer srv.Close()

	everythingWrong := map[string]string{"email": "Jane <jane@example.com>", "phone_number": "555-01",
		"first_name": strings.Repeat("J", 256), "sms_consent": "unsubscribed"}
	everythingWrongDetails := []errs.FieldError{
		{Field: "email", Message: "must be a valid email address"},
		{Field: "phone_number", Message: "must be a valid phone number in E.164 format"},
		{Field: "first_name", Message: "must be at most 255 characters"},
		{Field: "sms_consent", Message: "cannot be unsubscribed for a new contact"},
	}
	tests := []demoTest{
		{
			scenario:  scenario{Name: "bad-phone", Fill: map[string]string{"phone_number": "555-01", "first_name": "Jane"}},
			want:      []errs.FieldError{{Field: "phone_number", Message: "must be a valid phone number in E.164 format"}},
			wantPhone: "555-01",
		},
		{
			scenario: scenario{Name: "empty", Fill: map[string]string{"first_name": "Jane", "last_name": "Doe"}},
			want:     []errs.FieldError{{Field: "base", Message: "email or phone_number is required"}},
		},
		{
			scenario:  scenario{Name: "everything-wrong", Fill: everythingWrong},
			want:      everythingWrongDetails,
			wantPhone: "555-01",
		},
		{
			scenario:  scenario{Name: "de", Fill: everythingWrong, Languages: []string{"de-CH", "de", "en"}},
			want:      everythingWrongDetails,
			wantPhone: "555-01",
			wantLang:  "de",
		},
		{
			scenario: scenario{Name: "de-empty", Fill: map[string]string{"first_name": "Jane", "lang": "fr"}, Then: map[string]string{"lang": "de"}},
			want:     []errs.FieldError{{Field: "base", Message: "email or phone_number is required"}},
			wantLang: "de",
		},
		{
			scenario: scenario{Name: "uk-sms", Fill: map[string]string{"email": "jane@example.com", "country": "GB", "phone_number": "020 7183 8750",
				"sms_consent": "subscribed"}},
			want:      []errs.FieldError{{Field: "sms_consent", Message: "requires a phone number from a supported country"}},
			wantPhone: "+442071838750",
			wantHint:  "Sent as +442071838750 (GB)",
		},
		{
			scenario: scenario{Name: "valid", Fill: map[string]string{"email": "jane@example.com", "country": "US", "phone_number": "(415) 555-2671",
				"first_name": "Jane", "last_name": "Doe", "email_consent": "subscribed", "sms_consent": "subscribed"}},
			wantOK:    true,
			wantPhone: "+14155552671",
			wantHint:  "Sent as +14155552671 (US)",
		},
		{
			scenario:   scenario{Name: "typo", Fill: map[string]string{"email": "Jane@GMIAL.com", "first_name": "Jane"}, TakeAdvice: true},
			wantOK:     true,
			wantAdvice: "Did you mean Jane@gmail.com?",
			wantTaken:  "Jane@gmail.com",
		},
		{
			scenario:   scenario{Name: "role", Fill: map[string]string{"email": "no-reply@example.com"}},
			wantOK:     true,
			wantAdvice: "This address is a role address, which reaches a team or no one rather than a person.",
		},
		{
			scenario: scenario{Name: "region", Fill: map[string]string{"email": "jane@example.com", "country": "US", "phone_number": "+44 20 7183 8750"},
				TakePhoneAdvice: true},
			wantOK:          true,
			wantPhone:       "+442071838750",
			wantHint:        "Sent as +442071838750 (GB)",
			wantPhoneAdvice: "This number is from United Kingdom, not the country picked.",
			wantCountry:     "GB",
		},
		{
			scenario: scenario{Name: "role-de", Fill: map[string]string{"email": "Info@example.com", "lang": "de"}},
			wantOK:   true,
			wantLang: "de",
			wantAdvice: messages.For("de").Text(errs.FieldError{Field: "email", Rule: "role_address",
				Message: "is a role address, which reaches a team or no one rather than a person"}, validate.Policy{}),
		},
		{
			// Formatted as it is typed, by the engine's AsYouType.
			scenario: scenario{Name: "typed-phone", Fill: map[string]string{"email": "jane@example.com", "country": "US"},
				Type: map[string]string{"phone_number": "4155552671"}},
			wantOK:    true,
			wantPhone: "+14155552671",
			wantHint:  "Sent as +14155552671 (US)",
			wantField: "(415) 555-2671",
		},
	}
	scenarios := make([]scenario, len(tests))
	for i, tt := range tests {
		scenarios[i] = tt.scenario
	}
	file := filepath.Join(tmpRoot, "scenarios.json")
	b, _ := json.Marshal(scenarios)
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	// The page runs the JavaScript engine (npm/engine), its default, then
	// the WebAssembly build: the same scenarios, the same observations.
	for _, rules := range []struct{ name, query, out string }{{"engine", "", "wasm/engine"}, {"wasm", "?rules=wasm", "wasm"}} {
		t.Run(rules.name, func(t *testing.T) {
			demoScenarios(t, nodePath, chromium, srv.URL+"/demo/index.html"+rules.query, file, rules.out, tests)
		})
	}
}

// demoScenarios runs the scenarios in the page at url and checks what it
// shows; screenshots go to out/ under the repository.
func demoScenarios(t *testing.T, nodePath, chromium, url, file, out string, tests []demoTest) {
	outDir, err := filepath.Abs(filepath.Join("..", "out", out))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, nodePath, "demo.mjs", url, file, outDir, t.TempDir())
	cmd.Dir = npmTest
	cmd.Env = append(os.Environ(), "CONTACTRULES_CHROMIUM="+chromium)
	var got struct {
		Observations []observation `json:"observations"`
		Problems     []string      `json:"problems"`
	}
	if err := json.Unmarshal(run(t, cmd), &got); err != nil {
		t.Fatalf("demo.mjs output: %v", err)
	}
	for _, p := range got.Problems {
		t.Errorf("page: %s", p)
	}
	if len(got.Observations) != len(tests) {
		t.Fatalf("%d observations for %d scenarios", len(got.Observations), len(tests))
	}
	for i, tt := range tests {
		obs := got.Observations[i]
		t.Run(tt.Name, func(t *testing.T) {
			checkObservation(t, obs)
			if want := cmp.Or(tt.wantLang, "en"); obs.Lang != want {
				t.Errorf("the messages are in %q, want %q", obs.Lang, want)
			}
			if want := messages.For(strings.Join(obs.NavigatorLanguages, ",")).Language(); obs.DefaultLang != want {
				t.Errorf("navigator.languages %q: the page chose %q, messages.For %q", obs.NavigatorLanguages, obs.DefaultLang, want)
			}
			for _, d := range obs.Details {
				if obs.Lang != "en" && d.Text == d.Message {
					t.Errorf("%s/%s is shown in English (%q), not in %s", d.Field, d.Rule, d.Text, obs.Lang)
				}
			}
			var sent struct {
				PhoneNumber string `json:"phone_number"`
			}
			if err := json.Unmarshal(obs.Payload, &sent); err != nil || sent.PhoneNumber != tt.wantPhone {
				t.Errorf("phone_number sent %q (%v), want %q", sent.PhoneNumber, err, tt.wantPhone)
			}
			if obs.PhoneHint != tt.wantHint {
				t.Errorf("phone hint %q, want %q", obs.PhoneHint, tt.wantHint)
			}
			if tt.wantField != "" && obs.PhoneField != tt.wantField {
				t.Errorf("the phone field shows %q, want %q", obs.PhoneField, tt.wantField)
			}
			if obs.Success != tt.wantOK {
				t.Errorf("success shown: %v, want %v", obs.Success, tt.wantOK)
			}
			if obs.Advice != tt.wantAdvice {
				t.Errorf("advice shown %q, want %q", obs.Advice, tt.wantAdvice)
			}
			if obs.PhoneAdvice != tt.wantPhoneAdvice {
				t.Errorf("phone advice shown %q, want %q", obs.PhoneAdvice, tt.wantPhoneAdvice)
			}
			if tt.TakePhoneAdvice && (obs.CountryAfter != tt.wantCountry || obs.AdviceAfter) {
				t.Errorf("after taking the phone advice, the country is %q and advice shown %v; want %q and none", obs.CountryAfter, obs.AdviceAfter, tt.wantCountry)
			}
			if tt.TakeAdvice && (obs.EmailAfter != tt.wantTaken || obs.AdviceAfter) {
				t.Errorf("after taking the advice, the email is %q and advice shown %v; want %q and none", obs.EmailAfter, obs.AdviceAfter, tt.wantTaken)
			}
			var shownDetails []errs.FieldError
			for _, d := range obs.Details {
				shownDetails = append(shownDetails, errs.FieldError{Field: d.Field, Message: d.Message})
				t.Logf("%s (%s): %s", d.Field, d.Rule, d.Text)
			}
			if !sameDetails(shownDetails, tt.want) {
				t.Errorf("shown %+v\nwant %+v", shownDetails, tt.want)
			}
			t.Logf("screenshot: %s", filepath.Join(outDir, "demo-"+tt.Name+".png"))
		})
	}
}

// checkObservation checks that the page shows exactly what validate says
// about the payload the form sent, each detail visible and where it
// belongs, in the chosen language as package messages words it, and the
// effects of an acceptable one.
func checkObservation(t *testing.T, obs observation) {
	t.Helper()
	_, e, details := validate.CreateJSON(obs.Payload, validate.Policy{})
	var want []errs.FieldError
	for _, d := range details {
		want = append(want, errs.FieldError{Field: d.Field, Message: d.Message, Rule: d.Rule})
	}
	cat := messages.For(obs.Lang)
	var got []errs.FieldError
	for _, d := range obs.Details {
		wantWhere := "top"
		if slices.Contains(formFields, d.Field) {
			wantWhere = "field"
		}
		if d.Where != wantWhere || !d.Visible {
			t.Errorf("detail %s %q shown at %s, visible %v; want at %s, visible", d.Field, d.Message, d.Where, d.Visible, wantWhere)
		}
		fe := errs.FieldError{Field: d.Field, Message: d.Message, Rule: d.Rule}
		wantText := cat.Text(fe, validate.Policy{})
		if d.Where == "top" && d.Field != "base" {
			wantText = d.Field + ": " + wantText
		}
		if d.Text != wantText || d.Lang != obs.Lang || cat.Language() != obs.Lang {
			t.Errorf("detail %s/%s shown as %q (lang %q); messages.For(%q) gives %q", d.Field, d.Rule, d.Text, d.Lang, obs.Lang, wantText)
		}
		got = append(got, fe)
	}
	if !sameDetails(got, want) {
		t.Errorf("page shows %+v\nvalidate says %+v for %s", got, want, obs.Payload)
	}
	if len(details) > 0 {
		return
	}
	wantEffects := []string{
		"Welcome SMS: " + map[bool]string{true: "will be sent", false: "none"}[e.WelcomeSMS],
		"Email unsuppressed: " + map[bool]string{true: "yes", false: "no"}[e.EmailUnsuppressed],
		"Defaults applied: " + cmp.Or(strings.Join(e.DefaultsApplied.Names(), ", "), "none"),
	}
	if !slices.Equal(obs.Effects, wantEffects) {
		t.Errorf("effects shown %q, want %q", obs.Effects, wantEffects)
	}
}

// sameDetails compares details (field, rule and message) as sets: the
// page groups them by field, not in the order of the list.
func sameDetails(a, b []errs.FieldError) bool {
	key := func(d errs.FieldError) string { return d.Field + "\x00" + d.Rule + "\x00" + d.Message }
	ka, kb := make([]string, len(a)), make([]string, len(b))
	for i, d := range a {
		ka[i] = key(d)
	}
	for i, d := range b {
		kb[i] = key(d)
	}
	slices.Sort(ka)
	slices.Sort(kb)
	return slices.Equal(ka, kb)
}

// npmTest holds the npm package's tests and their locked devDependencies
// (testenv.NPMCI installs them), the demo's driver among them.
var npmTest = filepath.Join("..", "npm", "test")

// engineTypes are the engine's types (npm/engine/index.d.ts): the
// contacts, results, policy and details, which contactrules.d.ts imports
// rather than declaring them again.
var engineTypes = filepath.Join("..", "npm", "engine", "index.d.ts")

// readTypes returns contactrules.d.ts and the engine's types.
func readTypes(t *testing.T) (wasmTypes, engine []byte) {
	t.Helper()
	wasmTypes, err := os.ReadFile(filepath.Join(entryDir, "contactrules.d.ts"))
	if err == nil {
		engine, err = os.ReadFile(engineTypes)
	}
	if err != nil {
		t.Fatal(err)
	}
	return wasmTypes, engine
}

// TestDeclaredUnions keeps the unions of contactrules.d.ts and of the
// engine's types it imports equal to what the Go code can answer:
// RuleName to the rule table's names, ErrorCode to the envelope's eight
// codes, ContactRulesErrorCode to the bridge's error kinds and the
// module's load failure, Language to the languages of package messages.
func TestDeclaredUnions(t *testing.T) {
	wasmTypes, shared := readTypes(t)
	b := append(wasmTypes, shared...)
	var rules []string
	for _, r := range validate.Rules(validate.Policy{}) {
		if !slices.Contains(rules, r.Name) {
			rules = append(rules, r.Name)
		}
	}
	codes := []string{}
	for _, c := range []errs.Code{errs.InvalidClient, errs.InvalidScope, errs.Unauthorized, errs.InsufficientScope,
		errs.NotFound, errs.Conflict, errs.ValidationFailed, errs.RateLimited} {
		codes = append(codes, string(c))
	}
	for _, u := range []struct {
		name string
		want []string
	}{
		{"RuleName", rules},
		{"ErrorCode", codes},
		{"ContactRulesErrorCode", []string{"invalid_policy", "invalid_contact", "load_failed", "internal"}},
		{"Language", messages.Languages()},
	} {
		got := declaredUnion(t, string(b), u.name)
		if !slices.Equal(sorted(got), sorted(u.want)) {
			t.Errorf("contactrules.d.ts: type %s = %q; want %q", u.name, got, u.want)
		}
	}
}

// declaredUnion returns the string literals of `export type name = "a" | "b";`.
func declaredUnion(t *testing.T, dts, name string) []string {
	t.Helper()
	start := strings.Index(dts, "export type "+name+" =")
	if start < 0 {
		t.Fatalf("the types declare no type %s", name)
	}
	decl := dts[start:]
	decl = decl[len("export type "+name+" ="):strings.Index(decl, ";")]
	var lits []string
	for part := range strings.SplitSeq(decl, "|") {
		if strings.TrimSpace(part) == "" {
			continue // the | before the first member
		}
		lit, err := strconv.Unquote(strings.TrimSpace(part))
		if err != nil {
			t.Fatalf("type %s: %q is not a string literal", name, part)
		}
		lits = append(lits, lit)
	}
	return lits
}

// TestOneSetOfTypes keeps the package's types declared once: each name
// contactrules.d.ts exports is either its own or imported from the
// engine's types, never declared in both, but for ContactRulesError,
// which is a class of each entry (instanceof tells them apart).
func TestOneSetOfTypes(t *testing.T) {
	wasmTypes, shared := readTypes(t)
	engine := declaredNames(string(shared))
	if !slices.Contains(engine, "Result") || !slices.Contains(engine, "FieldError") {
		t.Fatalf("%s declares %q, not the results and details", engineTypes, engine)
	}
	for _, name := range declaredNames(string(wasmTypes)) {
		if slices.Contains(engine, name) && name != "ContactRulesError" {
			t.Errorf("contactrules.d.ts declares %s again; import it from ../engine/index.js", name)
		}
	}
}

// declaredNames returns the names a .d.ts declares at its top level
// (export type, interface, class, function, const), not those it
// re-exports.
func declaredNames(dts string) []string {
	var names []string
	for line := range strings.SplitSeq(dts, "\n") {
		rest, ok := strings.CutPrefix(line, "export ")
		if !ok {
			continue
		}
		rest = strings.TrimPrefix(rest, "declare ")
		for _, kind := range []string{"type ", "interface ", "class ", "function ", "const "} {
			if after, ok := strings.CutPrefix(rest, kind); ok {
				name, _, _ := strings.Cut(after, " ")
				name = strings.TrimRight(strings.SplitN(name, "<", 2)[0], ":;(=")
				if name != "{" {
					names = append(names, name)
				}
			}
		}
	}
	return names
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}
