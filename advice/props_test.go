package advice

import (
	"bufio"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/contactrules/contactrules/consent"
	"github.com/contactrules/contactrules/internal/testenv"
	"github.com/contactrules/contactrules/phone"
	"github.com/contactrules/contactrules/validate"
)

// The properties of advice, over the example files (every create and
// update payload of examples/) and generated contacts:
//
//   - advice never changes the details: the contact For read is the same
//     after, and validate answers the same for it;
//   - taking an email_typo suggestion keeps an accepted contact accepted
//     with the same effects, and earns no further email_typo;
//   - taking a phone_region_mismatch suggestion keeps a form accepted
//     with the same number, and earns no further mismatch.

// examples returns the create payloads and the updates of examples/.
func examples(t *testing.T) (creates [][]byte, updates []struct{ Current, Patch json.RawMessage }) {
	read := func(name string, each func([]byte)) {
		f, err := os.Open(filepath.Join("..", "examples", name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			each(slices.Clone(sc.Bytes()))
		}
	}
	read("contacts.ndjson", func(b []byte) { creates = append(creates, b) })
	read("updates.ndjson", func(b []byte) {
		var u struct{ Current, Patch json.RawMessage }
		if json.Unmarshal(b, &u) == nil {
			updates = append(updates, u)
		}
	})
	if len(creates) == 0 || len(updates) == 0 {
		t.Fatal("no examples read")
	}
	return creates, updates
}

// deepCopy copies what For could reach and change.
func deepCopy(c validate.Contact) validate.Contact {
	c.Tags = slices.Clone(c.Tags)
	c.CustomFields = slices.Clone(c.CustomFields)
	if c.SendWelcomeSMS != nil {
		v := *c.SendWelcomeSMS
		c.SendWelcomeSMS = &v
	}
	return c
}

// checkContact states the properties of For on a contact.
func checkContact(t *testing.T, c validate.Contact, p validate.Policy) {
	t.Helper()
	before := deepCopy(c)
	_, eff, details := validate.Create(c, p)
	as := For(c, p)
	if !reflect.DeepEqual(c, before) {
		t.Fatalf("For changed the contact: %+v, was %+v", c, before)
	}
	if _, eff2, details2 := validate.Create(c, p); !reflect.DeepEqual(details, details2) || eff != eff2 {
		t.Fatalf("%q: the details changed after For: %v, were %v", c.Email, details2, details)
	}
	if !reflect.DeepEqual(as, For(c, p)) {
		t.Fatalf("%q: For answers differently twice", c.Email)
	}
	if details != nil {
		return
	}
	for _, a := range as {
		if a.Rule != "email_typo" {
			continue
		}
		fixed := deepCopy(c)
		fixed.Email = a.Suggestion
		_, eff2, details2 := validate.Create(fixed, p)
		if details2 != nil || eff2 != eff {
			t.Fatalf("%q: taking the suggestion %q gives %v, %+v", c.Email, a.Suggestion, details2, eff2)
		}
		for _, b := range For(fixed, p) {
			if b.Rule == "email_typo" {
				t.Fatalf("%q: the suggestion %q earns another: %q", c.Email, a.Suggestion, b.Suggestion)
			}
		}
	}
}

func TestPropertiesOnExamples(t *testing.T) {
	creates, updates := examples(t)
	p := validate.Policy{}
	for _, body := range creates {
		c, _, _ := validate.CreateJSON(body, p)
		checkContact(t, c, p)
	}
	for _, u := range updates {
		cur, _, details := validate.CreateJSON(u.Current, validate.Policy{AllowUnknownFields: true})
		if details != nil {
			continue
		}
		patch, eff, details := validate.UpdateJSON(cur, u.Patch, p)
		before := deepCopy(cur)
		ForPatch(cur, patch, p)
		if !reflect.DeepEqual(cur, before) {
			t.Fatalf("ForPatch changed the contact")
		}
		if patch2, eff2, details2 := validate.UpdateJSON(cur, u.Patch, p); !reflect.DeepEqual(details, details2) || eff != eff2 || !reflect.DeepEqual(patch, patch2) {
			t.Fatalf("%s: the details changed after ForPatch", u.Patch)
		}
	}
}

// genEmail makes an address: a person's or a role's local part, at a
// well-known domain, one with one or two random edits, or another.
func genEmail(r *rand.Rand) string {
	locals := []string{"jane.doe", "Info", "no-reply", "admin+x", "sales", "j", "webMaster", "a.b-c"}
	local := locals[r.IntN(len(locals))]
	var domain string
	switch r.IntN(4) {
	case 0:
		domain = mailboxes[r.IntN(len(mailboxes))].name
	case 1, 2:
		d := []byte(mailboxes[r.IntN(len(mailboxes))].name)
		for range 1 + r.IntN(2) {
			i := r.IntN(len(d))
			switch r.IntN(3) {
			case 0:
				d = slices.Insert(d, i, byte('a'+r.IntN(26)))
			case 1:
				d = slices.Delete(d, i, i+1)
			default:
				d[i] = byte('a' + r.IntN(26))
			}
		}
		domain = string(d)
	default:
		domain = []string{"example.com", "shop.example.con", "Example.ORG", "b.og", "x.co", "mail-archive.org"}[r.IntN(6)]
	}
	if r.IntN(8) == 0 {
		domain = strings.ToUpper(domain)
	}
	return local + "@" + domain
}

var genPhones = []string{"", "+12015550123", "+447400123456", "+33612345678", "+18002530000", "+442071838750", "+80012345678", "12345"}

func TestPropertiesOnGeneratedContacts(t *testing.T) {
	r := rand.New(rand.NewPCG(27, 1))
	gb, err := phone.NewRegions("GB", "US")
	if err != nil {
		t.Fatal(err)
	}
	policies := []validate.Policy{{}, {PossiblePhoneOnly: true}, {DefaultRegion: "GB"}, {SMSRegions: gb}}
	seen := map[string]int{}
	for range testenv.Cases(2000, 20000) {
		p := policies[r.IntN(len(policies))]
		c := validate.Contact{Email: genEmail(r), PhoneNumber: genPhones[r.IntN(len(genPhones))]}
		if r.IntN(2) == 0 {
			c.SMSConsent = consent.SMSSubscribed
		}
		if r.IntN(3) == 0 {
			c.Tags = []string{"vip"}
		}
		checkContact(t, c, p)

		// The same as form input, with a phone_region that may or may
		// not be the number's.
		form := map[string][]string{"email": {c.Email}, "sms_consent": {string(c.SMSConsent)}}
		if c.PhoneNumber != "" {
			form["phone_number"] = []string{c.PhoneNumber}
			form["phone_region"] = []string{[]string{"US", "GB", "fr", ""}[r.IntN(4)]}
		}
		checkForm(t, form, p)
		c, _, _ = validate.CreateForm(form, p)
		for _, a := range ForForm(c, form, p) {
			seen[a.Rule]++
		}
	}
	// The properties were put to the test: every rule spoke.
	for _, r := range Rules() {
		if seen[r.Name] == 0 {
			t.Errorf("no generated contact earned %s", r.Name)
		}
	}
	t.Logf("advice given: %v", seen)
}

// checkForm states the properties of ForForm on a form.
func checkForm(t *testing.T, form map[string][]string, p validate.Policy) {
	t.Helper()
	c, eff, details := validate.CreateForm(form, p)
	as := ForForm(c, form, p)
	if _, eff2, details2 := validate.CreateForm(form, p); !reflect.DeepEqual(details, details2) || eff != eff2 {
		t.Fatalf("%v: the details changed after ForForm", form)
	}
	if details != nil {
		return
	}
	for _, a := range as {
		if a.Rule != "phone_region_mismatch" {
			continue
		}
		fixed := map[string][]string{}
		for k, v := range form {
			fixed[k] = v
		}
		fixed["phone_region"] = []string{a.Suggestion}
		c2, _, details2 := validate.CreateForm(fixed, p)
		if details2 != nil || c2.PhoneNumber != c.PhoneNumber {
			t.Fatalf("%v: taking the region %q gives %v, %q", form, a.Suggestion, details2, c2.PhoneNumber)
		}
		for _, b := range ForForm(c2, fixed, p) {
			if b.Rule == a.Rule {
				t.Fatalf("%v: the region %q is advised against again", form, a.Suggestion)
			}
		}
	}
}
