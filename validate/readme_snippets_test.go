package validate_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// A readmeHarness runs one of the README's Go snippets: the snippet goes
// in place of SNIPPET in fn, a function of a program whose main calls
// check, which fails (panics) when the snippet does not do what the
// README says it does.
type readmeHarness struct {
	key   string // a string only that snippet holds
	fn    string // the function the snippet is the body of
	check string // statements of main that call fn and check its result
	// prints: the snippet's closing comment lines are what it prints
	prints bool
}

var readmeHarnesses = []readmeHarness{
	{
		key: "validate.CreateJSON(body",
		fn: `func jsonHandler(w http.ResponseWriter, r *http.Request) {
SNIPPET
	_, _ = contact, effects
	w.WriteHeader(http.StatusCreated)
}`,
		check: `
	post(jsonHandler, "/v1/contacts", "application/json", ` + "`" + `{"email":"jane@example.com"}` + "`" + `, 201, "")
	post(jsonHandler, "/v1/contacts", "application/json", ` + "`" + `{"email":"jane"}` + "`" + `, 422, "must be a valid email address")`,
	},
	{
		key: "validate.CreateForm(",
		fn: `func formHandler(w http.ResponseWriter, r *http.Request) {
SNIPPET
	if details != nil {
		httperr.Write(w, errs.Validation(details))
		return
	}
	_ = effects
	w.WriteHeader(http.StatusCreated)
	fmt.Fprint(w, contact.PhoneNumber)
}`,
		// A signup page's form, posted to a URL with a campaign's query
		// string, urlencoded and multipart.
		check: `
	post(formHandler, "/signup?utm_source=nl", "application/x-www-form-urlencoded",
		"phone_number=%28415%29+555-2671&csrf_token=k9&submit=Sign+up", 201, "+14155552671")
	var mp bytes.Buffer
	mw := multipart.NewWriter(&mp)
	_ = mw.WriteField("phone_number", "07400 123456")
	_ = mw.WriteField("phone_region", "GB")
	_ = mw.WriteField("nickname", "J")
	_ = mw.Close()
	post(formHandler, "/signup?utm_source=nl", mw.FormDataContentType(), mp.String(), 422, "nickname")`,
	},
	{
		key: "vtags.New(",
		fn: `type signupForm struct {
	Email string ` + "`" + `json:"email" validate:"contact_email"` + "`" + `
	Phone string ` + "`" + `json:"phone_number" validate:"phone_e164"` + "`" + `
}

func tagged(signup signupForm) (error, []errs.FieldError, validate.Contact) {
SNIPPET
	return err, details, c
}`,
		check: `
	if err, details, c := tagged(signupForm{Email: "jane@example.com"}); err != nil || details != nil || c.Email != "jane@example.com" {
		panic(fmt.Sprint("tags, a valid struct: ", err, details, c))
	}
	if err, details, _ := tagged(signupForm{Phone: "+1555"}); err == nil || len(details) != 1 || details[0].Field != "phone_number" {
		panic(fmt.Sprint("tags, a bad phone: ", err, details))
	}`,
	},
	{
		key: "httperr.RetryTransport{}",
		fn: `func preflight(contact validate.Contact, req *http.Request) error {
SNIPPET
	return nil
}`,
		check: `
	answers := map[string]int{"/created": 201, "/exists": 409}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if answers[r.URL.Path] == 409 {
			httperr.Write(w, errs.ConflictWith("c_42"))
			return
		}
		w.WriteHeader(answers[r.URL.Path])
	}))
	defer srv.Close()
	jane := validate.Contact{Email: "jane@example.com"}
	req, _ := http.NewRequest("POST", srv.URL+"/created", nil)
	if err := preflight(jane, req); err != nil {
		panic(fmt.Sprintf("client, a 201: %v (%T)", err, err))
	}
	req, _ = http.NewRequest("POST", srv.URL+"/exists", nil)
	var apiErr *errs.Error
	if err := preflight(jane, req); !errors.As(err, &apiErr) || apiErr.ID != "c_42" {
		panic(fmt.Sprintf("client, a 409: %v", err))
	}
	if err := preflight(validate.Contact{Email: "jane"}, req); !errors.As(err, &apiErr) || apiErr.Code != errs.ValidationFailed {
		panic(fmt.Sprintf("client, the pre-flight check: %v", err))
	}`,
	},
	{
		key: "schema.OpenAPI(",
		fn: `func openapiMux(policy validate.Policy) *http.ServeMux {
	mux := http.NewServeMux()
SNIPPET
	return mux
}`,
		check: `
	{
	srv := httptest.NewServer(openapiMux(validate.Policy{}))
	resp, err := http.Get(srv.URL + "/openapi.json")
	if err != nil {
		panic(err)
	}
	doc, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	srv.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/json" || !bytes.Contains(doc, []byte(` + "`" + `"openapi": "3.1` + "`" + `)) {
		panic(fmt.Sprintf("the OpenAPI handler: %d %s %.80s", resp.StatusCode, resp.Header.Get("Content-Type"), doc))
	}
	}`,
	},
	{
		key: "messages.For(",
		fn: `func localized(r *http.Request, details []errs.FieldError, policy validate.Policy) {
SNIPPET
}`,
		check: `
	r := httptest.NewRequest("POST", "/signup", nil)
	r.Header.Set("Accept-Language", "de-CH,de;q=0.9")
	_, _, details := validate.CreateJSON([]byte(` + "`" + `{"phone_number":"+1555"}` + "`" + `), validate.Policy{})
	localized(r, details, validate.Policy{})`,
		prints: true,
	},
}

const readmeMain = `package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/errs/httperr"
	"github.com/contactrules/contactrules/messages"
	"github.com/contactrules/contactrules/schema"
	"github.com/contactrules/contactrules/validate"
	"github.com/contactrules/contactrules/validate/vtags"
	"github.com/go-playground/validator/v10"
)

var (
	_ = io.EOF
	_ = log.Print
	_ = messages.For
	_ = vtags.New
	_ = validator.New
)

// post sends body to handler and checks the status, and that the answer
// holds want.
func post(handler http.HandlerFunc, target, contentType, body string, status int, want string) {
	r := httptest.NewRequest("POST", target, strings.NewReader(body))
	r.Header.Set("Content-Type", contentType)
	w := httptest.NewRecorder()
	handler(w, r)
	if w.Code != status || !strings.Contains(w.Body.String(), want) {
		panic(fmt.Sprintf("%s %s: %d %s, want %d and %q", target, body, w.Code, w.Body, status, want))
	}
}
`

// TestReadmeSnippets compiles the README's Go snippets into a program of
// a temporary module (which requires this one, replaced by this
// directory) and runs it: each snippet is the body of a function that
// the program calls and checks, as the README says it behaves.
func TestReadmeSnippets(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)\n```go\n(.*?)```\n").FindAllStringSubmatch(string(readme), -1)
	if len(blocks) == 0 {
		t.Fatal("the README has no Go snippet")
	}
	var prog strings.Builder
	prog.WriteString(readmeMain)
	var checks, printed []string
	used := make([]bool, len(readmeHarnesses))
	for _, b := range blocks {
		snippet := b[1]
		n := 0
		for i, h := range readmeHarnesses {
			if !strings.Contains(snippet, h.key) {
				continue
			}
			n++
			used[i] = true
			prog.WriteString("\n" + strings.Replace(h.fn, "SNIPPET", indent(snippet), 1) + "\n")
			checks = append(checks, h.check)
			if h.prints {
				printed = append(printed, closingComments(snippet)...)
			}
		}
		if n != 1 {
			t.Errorf("README snippet matches %d harnesses, want 1 (give it one in readmeHarnesses):\n%s", n, snippet)
		}
	}
	for i, h := range readmeHarnesses {
		if !used[i] {
			t.Errorf("no README snippet holds %q: remove its harness", h.key)
		}
	}
	if t.Failed() {
		return
	}
	prog.WriteString("\nfunc main() {" + strings.Join(checks, "\n") + "\n}\n")

	dir := t.TempDir()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	// The module's own requirements (its go.sum covers them), this
	// module, and this directory in its place.
	_, reqs, _ := strings.Cut(string(gomod), "\nrequire")
	mod := "module readme\n\ngo 1.26.0\n\nrequire github.com/contactrules/contactrules v0.0.0\n\nrequire" + reqs +
		"\nreplace github.com/contactrules/contactrules => " + root + "\n"
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{"go.mod": mod, "go.sum": string(sum), "main.go": prog.String()} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(goTool, "run", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the README's snippets, as a program: %v\n%s\n--- the program:\n%s", err, out, prog.String())
	}
	for _, line := range printed {
		if !strings.Contains(string(out), line+"\n") {
			t.Errorf("the README says a snippet prints %q; it printed:\n%s", line, out)
		}
	}
}

// indent indents a snippet's lines by a tab, as a function body.
func indent(s string) string {
	var b strings.Builder
	for line := range strings.Lines(s) {
		if strings.TrimSpace(line) != "" {
			b.WriteString("\t")
		}
		b.WriteString(line)
	}
	return b.String()
}

// closingComments are the comment lines that end a snippet, which show
// what it prints.
func closingComments(s string) []string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	var out []string
	for i := len(lines) - 1; i >= 0 && strings.HasPrefix(lines[i], "// "); i-- {
		out = append([]string{strings.TrimPrefix(lines[i], "// ")}, out...)
	}
	return out
}
