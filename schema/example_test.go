package schema_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/contactrules/contactrules/schema"
	"github.com/contactrules/contactrules/validate"
)

// A server publishes the OpenAPI document of the policy it enforces, so
// that clients generate their types and checks from what it refuses.
func Example_publish() {
	policy := validate.Policy{MaxTags: 20}
	doc := schema.OpenAPI(policy) // once, at start-up
	mux := http.NewServeMux()
	mux.HandleFunc("GET /openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(doc)
	})

	srv := httptest.NewServer(mux)
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/openapi.json")
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var got struct {
		OpenAPI    string `json:"openapi"`
		Components struct {
			Schemas map[string]struct {
				Properties map[string]struct {
					MaxItems int `json:"maxItems"`
				} `json:"properties"`
			} `json:"schemas"`
		} `json:"components"`
	}
	json.Unmarshal(body, &got)
	fmt.Println(resp.Status, got.OpenAPI, got.Components.Schemas["CreateContact"].Properties["tags"].MaxItems)
	// Output: 200 OK 3.1.0 20
}

// Every keyword names the detail the API reports when it fails.
func ExampleCreate() {
	var doc struct {
		Properties map[string]struct {
			MaxLength int `json:"maxLength"`
			Rules     map[string]struct {
				Field, Rule, Message string
			} `json:"x-contactrules-rule"`
		} `json:"properties"`
		Unexpressed []struct{ Field, Rule string } `json:"x-contactrules-unexpressed"`
	}
	json.Unmarshal(schema.Create(validate.Policy{MaxNameLength: 40}), &doc)
	name := doc.Properties["first_name"]
	fmt.Println(name.MaxLength, name.Rules["maxLength"].Rule, name.Rules["maxLength"].Message)
	fmt.Println(len(doc.Unexpressed) > 0)
	// Output:
	// 40 max_length must be at most 40 characters
	// true
}
