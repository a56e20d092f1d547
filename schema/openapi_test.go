package schema

import (
	"encoding/json"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/contactrules/contactrules/errs/httperr"
	"github.com/contactrules/contactrules/internal/testenv"
)

// TestOpenAPILints: Redocly's linter (its recommended rules, the OpenAPI
// 3.1 structure and every example against its schema) finds no problem
// in the document, and does find the one planted in a copy, so that a
// linter that checked nothing could not pass.
func TestOpenAPILints(t *testing.T) {
	testenv.SkipUnlessLong(t, "runs Redocly's linter twice")
	t.Parallel()
	nodePath := npmCI(t)
	out := run(t, exec.Command(nodePath, "test/lint.mjs", "openapi.json"))
	t.Logf("%s", out)

	// A copy whose 422 example sends a code the envelope does not have.
	var doc map[string]any
	b, _ := os.ReadFile("openapi.json")
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	example := dig(doc, "paths", "/v1/contacts", "post", "responses", "422", "content", "application/json", "examples", "validation_failed", "value", "error").(map[string]any)
	example["code"] = "invalid"
	broken := filepath.Join(t.TempDir(), "broken.json")
	b, _ = json.Marshal(doc)
	os.WriteFile(broken, b, 0o644)
	cmd := exec.Command(nodePath, "test/lint.mjs", broken)
	out, err := cmd.Output()
	if err == nil || !strings.Contains(string(out), "no-invalid-media-type-examples") {
		t.Errorf("the linter passes a 422 example with an unknown code: %v\n%s", err, out)
	}
}

// dig returns the member at the path of keys in nested objects.
func dig(v any, keys ...string) any {
	for _, k := range keys {
		v = v.(map[string]any)[k]
	}
	return v
}

// TestOpenAPIRenders: Swagger UI (swagger-ui-dist, served from the test
// server: no CDN) shows the document in headless Chromium with both
// operations, each with its error statuses, and the create's 422 example
// with its details; the screenshot is out/schema/openapi.png. Like the
// browser build's Chromium test it runs with CONTACTRULES_LONG=1 (CI).
func TestOpenAPIRenders(t *testing.T) {
	t.Parallel()
	testenv.SkipUnlessLong(t, "Chromium renders the document in Swagger UI")
	nodePath := npmCI(t)
	chromium := os.Getenv("CONTACTRULES_CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := os.Stat(chromium); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skipf("no Chromium (%v): apt-get install -y chromium", err)
	}
	mux := http.NewServeMux()
	mux.Handle("/swagger-ui/", http.StripPrefix("/swagger-ui/", http.FileServer(http.Dir(filepath.Join("test", "node_modules", "swagger-ui-dist")))))
	mux.HandleFunc("/openapi.json", func(w http.ResponseWriter, r *http.Request) { http.ServeFile(w, r, "openapi.json") })
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		http.ServeFile(w, r, filepath.Join("test", "swagger.html"))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	outDir := filepath.Join("..", "out", "schema")
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(outDir, "openapi.png")
	out := run(t, exec.Command(nodePath, "test/render.mjs", srv.URL+"/", shot, t.TempDir()))
	var page struct {
		Title      string
		Operations []struct {
			Method, Path string
			Responses    map[string]string
		}
		Problems []string
	}
	if err := json.Unmarshal(out, &page); err != nil {
		t.Fatalf("render.mjs printed %s: %v", out, err)
	}
	for _, p := range page.Problems {
		t.Errorf("page: %s", p)
	}
	var doc map[string]any
	b, _ := os.ReadFile("openapi.json")
	json.Unmarshal(b, &doc)
	want := map[string][]string{"POST /v1/contacts": {"201", "401", "403", "409", "422", "429"}, "PATCH /v1/contacts/{id}": {"200", "401", "403", "404", "409", "422", "429"}}
	for _, op := range page.Operations {
		key := op.Method + " " + op.Path
		statuses, ok := want[key]
		if !ok {
			t.Errorf("the page shows an operation %s", key)
			continue
		}
		delete(want, key)
		for _, s := range statuses {
			if _, ok := op.Responses[s]; !ok {
				t.Errorf("%s: the page shows no %s response (%d shown)", key, s, len(op.Responses))
			}
		}
		method := map[string]string{"POST": "post", "PATCH": "patch"}[op.Method]
		path := map[string]string{"POST": "/v1/contacts", "PATCH": "/v1/contacts/{id}"}[op.Method]
		example := dig(doc, "paths", path, method, "responses", "422", "content", "application/json", "examples", "validation_failed", "value", "error").(map[string]any)
		shown := op.Responses["422"]
		for _, d := range example["details"].([]any) {
			d := d.(map[string]any)
			for _, s := range []string{d["field"].(string), d["message"].(string), d["rule"].(string)} {
				if !strings.Contains(shown, s) {
					t.Errorf("%s: the 422 example on the page lacks %q:\n%s", key, s, shown)
				}
			}
		}
	}
	for key := range want {
		t.Errorf("the page does not show %s", key)
	}
	t.Logf("%q: %d operations; screenshot %s", page.Title, len(page.Operations), shot)
}

// TestRateLimitHeadersAreTheClients: the document's rate-limit headers
// are the six errs/httperr.ParseRateLimit reads: with all of them both
// windows are read, and without any one of them a window is incomplete.
func TestRateLimitHeadersAreTheClients(t *testing.T) {
	var doc struct {
		Components struct {
			Headers map[string]any `json:"headers"`
		} `json:"components"`
	}
	b, _ := os.ReadFile("openapi.json")
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	h := http.Header{}
	for name := range doc.Components.Headers {
		h.Set(name, "7")
	}
	rl, err := httperr.ParseRateLimit(h)
	if err != nil || rl.Minute.IsZero() || rl.Day.IsZero() {
		t.Errorf("the document's headers %v give %+v, %v", slices.Sorted(maps.Keys(doc.Components.Headers)), rl, err)
	}
	for name := range doc.Components.Headers {
		less := h.Clone()
		less.Del(name)
		if _, err := httperr.ParseRateLimit(less); err == nil {
			t.Errorf("without %s the headers still read", name)
		}
	}
}
