package advice_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/contactrules/contactrules/advice"
	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/messages"
	"github.com/contactrules/contactrules/phone"
	"github.com/contactrules/contactrules/validate"
)

// suggestion returns the advice of rule in as, and whether there is one.
func suggestion(as []advice.Advice, rule string) (string, bool) {
	for _, a := range as {
		if a.Rule == rule {
			return a.Suggestion, true
		}
	}
	return "", false
}

func TestEmailTypo(t *testing.T) {
	tests := []struct {
		email, want string // want "" means no advice
	}{
		// one or two edits from a well-known mailbox domain
		{"jane@gmial.com", "jane@gmail.com"},     // transposition
		{"jane@gmai.com", "jane@gmail.com"},      // deletion: a typo trap the known list holds
		{"jane@gmaill.com", "jane@gmail.com"},    // insertion
		{"jane@gnail.com", "jane@gmail.com"},     // substitution
		{"jane@hotmial.con", "jane@hotmail.com"}, // two edits
		{"jane@yahooo.co.uk", "jane@yahoo.co.uk"},
		{"jane@outlok.com", "jane@outlook.com"},
		{"jane@gmilc.om", "jane@gmail.com"},   // a dot moved
		{"jane@gmail.co", "jane@gmail.com"},   // a letter of the suffix missing
		{"jane@iclod.com", "jane@icloud.com"}, // one of moreMailboxes
		// the local part is kept as typed; the domain is the mailbox's
		{"Jane.Doe+news@GMIAL.COM", "Jane.Doe+news@gmail.com"},
		// a typo of a common top-level domain, on any domain
		{"jane@example.con", "jane@example.com"},
		{"jane@example.cmo", "jane@example.com"},
		{"jane@example.comm", "jane@example.com"},
		{"jane@example.og", "jane@example.org"},
		{"jane@Shop.Example.CON", "jane@shop.example.com"},
		// nothing to advise
		{"jane@gmail.com", ""},
		{"jane@example.com", ""},
		{"jane@yahoo.de", ""},            // Yahoo's German domain
		{"jane@gmx.ch", ""},              // a provider's country domain
		{"jane@gmail.ru", ""},            // a mailbox name under another common TLD
		{"jane@email.com", ""},           // a known domain, one substitution from gmail.com
		{"jane@mailw.com", ""},           // reported to mailcheck as wrongly corrected
		{"jane@mailo.com", ""},           // likewise
		{"jane@mask.io", ""},             // likewise
		{"jane@hotmail4.com", ""},        // a digit is deliberate
		{"jane@myyahoo.com", ""},         // a word around the name
		{"jane@patmail.com", ""},         // two edits in hotmail's "hot" make a word
		{"jane@example.co", ""},          // .co is a top-level domain
		{"jane@aok.com", "jane@aol.com"}, // a short name takes one edit
		{"jane@axk.com", ""},             // but not two
	}
	for _, tt := range tests {
		got, ok := suggestion(advice.For(validate.Contact{Email: tt.email}, validate.Policy{}), "email_typo")
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("%s: suggestion %q (%v), want %q", tt.email, got, ok, tt.want)
		}
	}
}

func TestRoleAddress(t *testing.T) {
	tests := []struct {
		email string
		role  bool
	}{
		{"admin@example.com", true},
		{"Info@example.com", true},
		{"SUPPORT@example.com", true},
		{"sales@example.com", true},
		{"no-reply@example.com", true},
		{"no_reply@example.com", true},
		{"noreply@example.com", true},
		{"no.reply@example.com", true},
		{"postmaster@example.com", true},
		{"abuse@example.com", true},
		{"webmaster@example.com", true},
		{"list-request@example.com", true},
		{"mailer-daemon@example.com", true},
		{"info+newsletter@example.com", true}, // a subaddress is still the role's
		{"jane@example.com", false},
		{"jane.info@example.com", false},
		{"information@example.com", false},
		{"salesforce@example.com", false},
		{"alexa@example.com", false}, // a name, whatever some role lists say
		{"", false},
	}
	for _, tt := range tests {
		_, got := suggestion(advice.For(validate.Contact{Email: tt.email}, validate.Policy{}), "role_address")
		if got != tt.role {
			t.Errorf("%q: role_address %v, want %v", tt.email, got, tt.role)
		}
	}
}

func TestPhoneRegionMismatch(t *testing.T) {
	tests := []struct {
		name          string
		region, typed string
		want          string // the suggested region; "" for no advice
	}{
		{"a US number on a form set to GB", "GB", "+1 201-555-0123", "US"},
		{"a GB number on a form set to US", "us", "+44 7400 123456", "GB"},
		{"leading spaces before the +", "FR", "  +1 (201) 555-0123", "US"},
		{"the region named in lower case matches", "us", "+1 201 555 0123", ""},
		{"a number typed without its country code is read in the region", "GB", "07400 123456", ""},
		{"no phone_region: nothing to compare", "", "+1 201 555 0123", ""},
		{"a non-geographic number belongs to no region", "US", "+800 1234 5678", ""},
	}
	for _, tt := range tests {
		form := map[string][]string{"email": {"jane@example.com"}, "phone_number": {tt.typed}}
		if tt.region != "" {
			form["phone_region"] = []string{tt.region}
		}
		c, _, details := validate.CreateForm(form, validate.Policy{})
		if details != nil {
			t.Fatalf("%s: refused: %v", tt.name, details)
		}
		got, ok := suggestion(advice.ForForm(c, form, validate.Policy{}), "phone_region_mismatch")
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("%s: suggestion %q (%v), want %q", tt.name, got, ok, tt.want)
		}
		if _, ok := suggestion(advice.For(c, validate.Policy{}), "phone_region_mismatch"); ok {
			t.Errorf("%s: For gave form advice without the form", tt.name)
		}
	}
}

func TestForPatch(t *testing.T) {
	current := validate.Contact{Email: "jane@gmial.com", PhoneNumber: "+12015550123", SMSConsent: consent.SMSSubscribed}
	tests := []struct {
		name    string
		current validate.Contact
		patch   validate.Patch
		want    []string // rules advised
	}{
		{"a patch that leaves the email alone earns no advice on it", current,
			validate.Patch{Set: validate.Fields(0).With(validate.FirstName), Contact: validate.Contact{FirstName: "Jane"}}, nil},
		{"an email set by the patch is advised on", validate.Contact{PhoneNumber: "+12015550123"},
			validate.Patch{Set: validate.Fields(0).With(validate.Email), Contact: validate.Contact{Email: "info@gmial.com"}}, []string{"email_typo", "role_address"}},
		{"SMS consent given to a stored fixed line", validate.Contact{Email: "jane@example.com", PhoneNumber: "+18002530000"},
			validate.Patch{Set: validate.Fields(0).With(validate.SMSConsent), Contact: validate.Contact{SMSConsent: consent.SMSSubscribed}}, []string{"sms_landline"}},
		{"the same email sent again is no new value", current,
			validate.Patch{Set: validate.Fields(0).With(validate.Email), Contact: validate.Contact{Email: "jane@gmial.com"}}, nil},
	}
	for _, tt := range tests {
		var got []string
		for _, a := range advice.ForPatch(tt.current, tt.patch, validate.Policy{}) {
			got = append(got, a.Rule)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestAdviceOrderAndShape: advice comes in the order of Rules, with the
// rule's field and message.
func TestAdviceOrderAndShape(t *testing.T) {
	got := advice.For(validate.Contact{Email: "Info@Gmial.com"}, validate.Policy{})
	rules := advice.Rules()
	if len(got) != 2 || got[0].Rule != rules[0].Name || got[1].Rule != rules[1].Name {
		t.Fatalf("For = %+v", got)
	}
	for i, a := range got {
		if a.Field != rules[i].Field || a.Message != rules[i].Message {
			t.Errorf("%+v, want the field and message of %+v", a, rules[i])
		}
	}
	if got[0].Suggestion != "Info@gmail.com" || got[1].Suggestion != "" {
		t.Errorf("suggestions %q, %q", got[0].Suggestion, got[1].Suggestion)
	}
}

// TestMessagesHoldNoValue: whatever was typed, a message is the rule's
// fixed text, and never holds the value (the suggestion may).
func TestMessagesHoldNoValue(t *testing.T) {
	byRule := map[string]string{}
	for _, r := range advice.Rules() {
		byRule[r.Name] = r.Message
	}
	for _, email := range []string{"zzqx@gmial.com", "admin@exampleqq.con", "Info@Hotmial.com"} {
		for _, a := range advice.For(validate.Contact{Email: email}, validate.Policy{}) {
			local, domain, _ := strings.Cut(strings.ToLower(email), "@")
			if a.Message != byRule[a.Rule] || strings.Contains(strings.ToLower(a.Message), local) || strings.Contains(strings.ToLower(a.Message), domain) {
				t.Errorf("%s: message %q", email, a.Message)
			}
		}
	}
}

// TestEveryRuleHasATextInEveryLanguage: package messages localizes an
// Advice as it does a detail; English is the Advice's message.
func TestEveryRuleHasATextInEveryLanguage(t *testing.T) {
	for _, lang := range messages.Languages() {
		cat := messages.For(lang)
		for _, r := range advice.Rules() {
			a := advice.Advice{Field: r.Field, Rule: r.Name, Message: r.Message}
			got := cat.Text(a.FieldError(), validate.Policy{})
			switch {
			case lang == "en" && got != r.Message:
				t.Errorf("en: %s/%s is %q, want the message %q", r.Field, r.Name, got, r.Message)
			case lang != "en" && (got == r.Message || strings.TrimSpace(got) == ""):
				t.Errorf("%s: no text for %s/%s", lang, r.Field, r.Name)
			}
		}
	}
}

func TestSMSLandline(t *testing.T) {
	gb, _ := phone.NewRegions("GB", "US")
	tests := []struct {
		name  string
		c     validate.Contact
		p     validate.Policy
		wants bool
	}{
		{"a GB fixed line subscribed to SMS", validate.Contact{PhoneNumber: "+442071838750", SMSConsent: consent.SMSSubscribed}, validate.Policy{SMSRegions: gb}, true},
		{"single opt-in too", validate.Contact{PhoneNumber: "+442071838750", SMSConsent: consent.SMSSingleOptIn}, validate.Policy{SMSRegions: gb}, true},
		{"a US toll-free number", validate.Contact{PhoneNumber: "+18002530000", SMSConsent: consent.SMSSubscribed}, validate.Policy{}, true},
		{"a GB mobile", validate.Contact{PhoneNumber: "+447400123456", SMSConsent: consent.SMSSubscribed}, validate.Policy{SMSRegions: gb}, false},
		{"a US number: fixed line or mobile, the metadata cannot tell", validate.Contact{PhoneNumber: "+12015550123", SMSConsent: consent.SMSSubscribed}, validate.Policy{}, false},
		{"a fixed line without SMS consent", validate.Contact{Email: "jane@example.com", PhoneNumber: "+442071838750"}, validate.Policy{SMSRegions: gb}, false},
		{"a fixed line that unsubscribed", validate.Contact{Email: "jane@example.com", PhoneNumber: "+442071838750", SMSConsent: consent.SMSNeverSubscribed}, validate.Policy{SMSRegions: gb}, false},
	}
	for _, tt := range tests {
		if _, _, details := validate.Create(tt.c, tt.p); details != nil {
			t.Fatalf("%s: refused: %v", tt.name, details)
		}
		if _, got := suggestion(advice.For(tt.c, tt.p), "sms_landline"); got != tt.wants {
			t.Errorf("%s: sms_landline %v, want %v", tt.name, got, tt.wants)
		}
	}
}
