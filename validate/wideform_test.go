package validate

import (
	"strconv"
	"testing"
)

// TestWideFormAllocations checks that a form of many custom fields (a
// wide CSV row) is not copied as it is read: its custom fields are sized
// once, and their JSON text too (issue 23 item 8: a form of 216,841
// custom fields took 78 allocations and 52 MB, most of them growing
// copies).
func TestWideFormAllocations(t *testing.T) {
	form := make(map[string][]string)
	for i := range 20_000 {
		form["custom_fields["+strconv.Itoa(i)+"]"] = []string{"xy"}
	}
	form["email"] = []string{"a@example.com"}
	allocs := testing.AllocsPerRun(3, func() { CreateForm(form, Policy{}) })
	if allocs > 16 {
		t.Errorf("CreateForm on a form of %d members: %.0f allocations, want at most 16", len(form), allocs)
	}
}
