package validate

import (
	"strings"
	"testing"

	"github.com/contactrules/contactrules/consent"
)

// TestConsentRowsReportEveryRefusal: each refusal the consent package can
// return is reported by exactly one row, a consent row of the refused
// field, and every consent row reports one.
func TestConsentRowsReportEveryRefusal(t *testing.T) {
	rows := map[consent.Refusal]int{}
	for _, cr := range consent.Rules() {
		if cr.Refusal != 0 {
			rows[cr.Refusal] = 0
		}
	}
	for id := RuleID(1); id < numRules; id++ {
		r := &rules[id]
		if (r.check == byConsent) != (r.refusal != 0) {
			t.Errorf("%v: a consent row must name the refusal it reports, and only a consent row does", id)
		}
		if r.refusal == 0 {
			continue
		}
		if _, ok := rows[r.refusal]; !ok {
			t.Errorf("%v reports %v, which the consent rules never return", id, r.refusal)
		}
		rows[r.refusal]++
		if r.refusal.Field() != r.field {
			t.Errorf("%v reports %v, a refusal of %s", id, r.refusal, r.refusal.Field())
		}
	}
	for rf, n := range rows {
		if n != 1 {
			t.Errorf("%v is reported by %d rows, want 1", rf, n)
		}
	}
}

// TestRowsAreComplete: every row has its identity and words, and a row
// whose message holds a number names the limit that fills it.
func TestRowsAreComplete(t *testing.T) {
	p := DefaultPolicy()
	for id := RuleID(1); id < numRules; id++ {
		r := &rules[id]
		if r.field == "" || r.name == "" || r.message == "" || r.on == 0 || r.when == "" {
			t.Errorf("%d: incomplete row %+v", id, *r)
		}
		if holds := strings.Contains(r.message, "%d"); holds != (r.limit != noLimit) || r.limit.of(&p) < -1 {
			t.Errorf("%v: message %q with limit %d", id, r.message, r.limit)
		}
	}
}
