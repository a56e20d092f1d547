package vtags_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contactrules/contactrules/internal/testenv"
)

// ginVersion is the gin the test builds an app with.
const ginVersion = "v1.12.0"

// ginApp is a gin app as docs/tags.md writes it: gin's own validator
// with the contact tags, the binding, and the handler; its main posts
// every payload (payloads.json) to it through ShouldBindWith and
// ShouldBindBodyWith, and prints each answer that is not CreateJSON's.
const ginApp = `package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"

	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/validate"
	"github.com/contactrules/contactrules/validate/vtags"
	"github.com/gin-gonic/gin"
	"github.com/gin-gonic/gin/binding"
	"github.com/go-playground/validator/v10"
)

type signup struct {
	Email          string         ` + "`json:\"email\" binding:\"contact_email\"`" + `
	Phone          string         ` + "`json:\"phone_number\" binding:\"phone_e164\"`" + `
	FirstName      string         ` + "`json:\"first_name\" binding:\"contact_name\"`" + `
	LastName       string         ` + "`json:\"last_name\" binding:\"contact_name\"`" + `
	Tags           []string       ` + "`json:\"tags\" binding:\"contact_tags\"`" + `
	CustomFields   map[string]any ` + "`json:\"custom_fields\" binding:\"flat_map\"`" + `
	EmailConsent   string         ` + "`json:\"email_consent\" binding:\"email_consent\"`" + `
	SMSConsent     string         ` + "`json:\"sms_consent\" binding:\"sms_consent\"`" + `
	SendWelcomeSMS *bool          ` + "`json:\"send_welcome_sms\"`" + `
}

func main() {
	gin.SetMode(gin.ReleaseMode)
	policy := validate.Policy{}
	rules := vtags.New(policy)
	v := binding.Validator.Engine().(*validator.Validate)
	if err := rules.Register(v); err != nil {
		panic(err)
	}
	b := rules.JSONBinding(v)
	var _ binding.BindingBody = b

	answer := func(c *gin.Context, err error) {
		if err != nil {
			if details := rules.FieldErrors(err); details != nil {
				c.Data(http.StatusUnprocessableEntity, "application/json", errs.Validation(details).AppendJSON(nil))
				return
			}
			c.String(http.StatusBadRequest, "not about a field")
			return
		}
		c.Status(http.StatusCreated)
	}
	r := gin.New()
	r.POST("/bind", func(c *gin.Context) {
		var s signup
		answer(c, c.ShouldBindWith(&s, b))
	})
	r.POST("/body", func(c *gin.Context) {
		var s signup
		answer(c, c.ShouldBindBodyWith(&s, b))
	})
	// gin's own JSON binding, for the count of answers it gets wrong.
	r.POST("/gin", func(c *gin.Context) {
		var s signup
		answer(c, c.ShouldBindJSON(&s))
	})

	data, err := os.ReadFile("payloads.json")
	if err != nil {
		panic(err)
	}
	var payloads [][]byte
	if err := json.Unmarshal(data, &payloads); err != nil {
		panic(err)
	}
	bad, ginBad := 0, 0
	for _, p := range payloads {
		_, _, ds := validate.CreateJSON(p, policy)
		want := "201 "
		if ds != nil {
			want = "422 " + string(errs.Validation(ds).AppendJSON(nil))
		}
		for _, path := range []string{"/bind", "/body", "/gin"} {
			rec := httptest.NewRecorder()
			r.ServeHTTP(rec, httptest.NewRequest("POST", path, strings.NewReader(string(p))))
			got := fmt.Sprint(rec.Code, " ", rec.Body.String())
			switch {
			case got == want:
			case path == "/gin":
				ginBad++
			default:
				bad++
				fmt.Printf("%s %q:\n got %s\nwant %s\n", path, p, got, want)
			}
		}
	}
	fmt.Printf("payloads %d, the binding differs on %d answers, gin's own JSON binding on %d\n", len(payloads), bad, ginBad)
	if bad > 0 {
		os.Exit(1)
	}
}
`

// TestGinApp builds a real gin app in a temporary module (gin is no
// dependency of this module) and checks that, with the binding, it gives
// CreateJSON's answer on every payload. It downloads gin: long runs only.
func TestGinApp(t *testing.T) {
	testenv.SkipUnlessLong(t, "downloads gin from the module proxy")
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatal(err)
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	var payloads [][]byte
	for _, p := range bindingPayloads {
		payloads = append(payloads, []byte(p.body))
	}
	data, err := json.Marshal(payloads)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string]string{
		"go.mod":        "module ginapp\n\ngo 1.26.0\n\nreplace github.com/contactrules/contactrules => " + root + "\n",
		"main.go":       ginApp,
		"payloads.json": string(data),
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(goTool, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	run("get", "github.com/contactrules/contactrules@v0.0.0", "github.com/gin-gonic/gin@"+ginVersion)
	run("mod", "tidy")
	t.Log(strings.TrimSpace(run("run", ".")))
}
