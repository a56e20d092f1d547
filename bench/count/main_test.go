package main

import (
	"testing"

	"github.com/contactrules/contactrules/bench"
	"github.com/contactrules/contactrules/validate"
)

// TestCountsTheValidPath: the count is of the path the performance table
// names, an accepted contact, for each function compared.
func TestCountsTheValidPath(t *testing.T) {
	if _, _, ds := validate.CreateJSON(bench.Typical, validate.Policy{}); ds != nil {
		t.Fatalf("CreateJSON refuses the typical contact: %v", ds)
	}
	if _, ds := validate.CheckCreateJSON(bench.Typical, validate.Policy{}); ds != nil {
		t.Fatalf("CheckCreateJSON refuses the typical contact: %v", ds)
	}
	for _, name := range []string{"CreateJSON", "CheckCreateJSON", "json.Valid"} {
		if calls[name] == nil {
			t.Errorf("no call named %s", name)
		}
	}
	if len(calls) != 3 {
		t.Errorf("%d calls; run.sh counts 3", len(calls))
	}
}
