package advice

import (
	"testing"

	"github.com/contactrules/contactrules/validate"
)

// typical is the contact of bench.Typical (the README's performance
// table), decoded: nothing to advise.
var typical = validate.Contact{
	Email: "jane.doe@example.com", PhoneNumber: "+12015550123", FirstName: "Jane", LastName: "Doe",
	Tags: []string{"vip", "newsletter"}, CustomFields: validate.RawObject(`{"plan":"pro","seats":12,"trial":false}`),
	EmailConsent: "subscribed", SMSConsent: "subscribed",
}

// quiet are contacts with nothing to advise: the typical one, and
// domains that pass the cheap filters of the search (near a mailbox
// domain's length and letters) or are mailbox domains themselves.
var quiet = []validate.Contact{
	typical,
	{Email: "jane@gmail.com"},
	{Email: "jane.doe@yahoo.co.uk"},
	{Email: "jane@email.com"},
	{Email: "jane@hotmail.de"},
	{Email: "j@mail-archive.org"},
}

// TestNothingToAdviseAllocatesNothing: For on a contact with nothing to
// advise allocates nothing (the goal; BenchmarkFor measures its
// time).
func TestNothingToAdviseAllocatesNothing(t *testing.T) {
	for _, c := range quiet {
		if got := For(c, validate.Policy{}); got != nil {
			t.Fatalf("%s: advice %v; the benchmark wants a contact with nothing to advise", c.Email, got)
		}
		if n := testing.AllocsPerRun(100, func() { For(c, validate.Policy{}) }); n != 0 {
			t.Errorf("%s: %.1f allocations, want 0", c.Email, n)
		}
	}
}

// BenchmarkFor measures For on contacts with nothing to advise (the
// goal: at most 300 ns and no allocation), and on one with a typo; beside
// it, the obvious alternative: the same edit distance to every mailbox
// domain, without the filters, and validate.Create, the verdict the
// advice sits beside.
func BenchmarkFor(b *testing.B) {
	b.Run("typical", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			For(typical, validate.Policy{})
		}
	})
	b.Run("quiet-mix", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			For(quiet[i%len(quiet)], validate.Policy{})
		}
	})
	b.Run("typo", func(b *testing.B) {
		c := validate.Contact{Email: "jane.doe@gmial.com"}
		b.ReportAllocs()
		for b.Loop() {
			For(c, validate.Policy{})
		}
	})
	b.Run("alternative=distance-to-every-domain", func(b *testing.B) {
		s := []byte("example.com")
		b.ReportAllocs()
		for b.Loop() {
			for i := range mailboxes {
				distance(s, mailboxes[i].name, maxEdits)
			}
		}
	})
	b.Run("beside=validate.Create", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			validate.Create(typical, validate.Policy{})
		}
	})
}
