//go:build !js

package main

// The package's localize against the Go package messages: TestLocalize
// writes what messages gives (every rule's text in every language under
// several policies, and the language chosen for thousands of tags and
// Accept-Language values) and runs test/localize.test.mjs, which requires
// the same from the JavaScript.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/contactrules/contactrules/errs"
	"github.com/contactrules/contactrules/internal/testenv"
	"github.com/contactrules/contactrules/messages"
	"github.com/contactrules/contactrules/validate"
)

// catalogDir holds the Go package's catalogs, which the npm package ships
// as wasm/messages/<language>.json.
var catalogDir = filepath.Join("..", "messages", "catalog")

// localizePolicies are the policies the texts are compared under, in the
// module's spelling: the default, unusual limits a lost placeholder would
// show, limits that mean their default (0, null) beside options localize
// does not read, and the extremes.
var localizePolicies = []string{
	"",
	`{"maxNameLength":7,"maxTagLength":123,"maxTags":3,"maxBodyBytes":64,"maxDetails":5}`,
	`{"maxDetails":1,"maxTags":0,"maxNameLength":null,"smsRegions":["GB"],"allowUnknownFields":true}`,
	`{"maxBodyBytes":2147483647,"maxTagLength":1,"maxDetails":2147483647}`,
}

// ruleKeys returns every rule a detail can name: the families and rules
// of the English catalog and of validate's rule table, sorted.
func ruleKeys(t *testing.T) []messages.Key {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(catalogDir, "en.json"))
	if err != nil {
		t.Fatal(err)
	}
	var en map[string]map[string]string
	if err := json.Unmarshal(b, &en); err != nil {
		t.Fatal(err)
	}
	var keys []messages.Key
	for field, rules := range en {
		for rule := range rules {
			keys = append(keys, messages.Key{Field: field, Rule: rule})
		}
	}
	for _, r := range validate.Rules(validate.Policy{}) {
		if k := (messages.Key{Field: r.Field, Rule: r.Name}); !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b messages.Key) int {
		return strings.Compare(a.Field+"\x00"+a.Rule, b.Field+"\x00"+b.Rule)
	})
	return keys
}

// localizeDetails are details of every rule, their fields as the rules
// write them (and as the family is named), and details the catalogs do
// not know or must not find through JavaScript's objects.
func localizeDetails(t *testing.T) []errs.FieldError {
	var out []errs.FieldError
	add := func(field, rule string) {
		out = append(out, errs.FieldError{Field: field, Rule: rule, Message: fmt.Sprintf("wire message %d", len(out)+1)})
	}
	for _, k := range ruleKeys(t) {
		fields := []string{k.Field}
		switch k.Field {
		case "tags[i]":
			fields = append(fields, "tags[0]", "tags[42]", "tags[007]")
		case "custom_fields.<key>":
			fields = append(fields, "custom_fields.color", "custom_fields.", "custom_fields.a.b", "custom_fields.__proto__")
		case "<member>":
			// read-only, unknown and repeated members, known fields among them
			fields = append(fields, "id", "created_at", "nickname", "email", "tags", "tags[2]", "base", "__proto__")
		}
		for _, f := range fields {
			add(f, k.Rule)
		}
	}
	for _, d := range [][2]string{
		{"email", "nope"}, {"email", ""}, {"", ""}, {"", "read_only"}, {"nickname", "required"},
		{"tags[]", "tag"}, {"tags[x]", "tag"}, {"tags[-1]", "tag"}, {"tags[1]x", "tag"}, {"tags[٣]", "tag"}, {"Tags[1]", "tag"},
		{"custom_fields", "utf8"}, {"custom_fieldsx", "utf8"},
		{"email", "constructor"}, {"email", "toString"}, {"email", "__proto__"}, {"constructor", "type"},
		{"__proto__", "type"}, {"hasOwnProperty", "enum"}, {"base", "valueOf"},
	} {
		add(d[0], d[1])
	}
	return out
}

// A localizeCase is the Go text of a detail in a language under a policy.
type localizeCase struct {
	Lang   string          `json:"lang"`
	Policy string          `json:"policy"` // the module's spelling; "" for none
	Detail errs.FieldError `json:"detail"`
	Text   string          `json:"text"`
}

func localizeCases(t *testing.T) []localizeCase {
	t.Helper()
	details := localizeDetails(t)
	var cases []localizeCase
	for _, lang := range messages.Languages() {
		cat := messages.For(lang)
		if cat.Language() != lang {
			t.Fatalf("For(%q) is %s", lang, cat.Language())
		}
		for _, pt := range localizePolicies {
			p, err := parsePolicy([]byte(pt))
			if err != nil {
				t.Fatalf("policy %s: %v", pt, err)
			}
			for _, d := range details {
				cases = append(cases, localizeCase{Lang: lang, Policy: pt, Detail: d, Text: cat.Text(d, p)})
			}
		}
	}
	return cases
}

// A languageCase is a language preference (a tag, an Accept-Language
// value, or a list of tags as navigator.languages gives them) and the
// language messages.For chooses for it.
type languageCase struct {
	Preferred any    `json:"preferred"` // string or []string
	Want      string `json:"want"`
}

// browserTags are tags as browsers send them: a language of ours, one Go's
// matcher reads as one of ours, or another, alone or with a region.
func browserTags() []string {
	var tags []string
	for _, l := range []string{"en", "de", "es", "fr", "it", "nl", "pt", "ja", "af", "gsw", "la", "br", "eu", "lb", "sv", "zh", "ru", "pl"} {
		tags = append(tags, l)
		for _, r := range []string{"US", "GB", "CH", "DE", "AT", "CA", "FR", "ES", "MX", "419", "BR", "PT", "AO", "JP", "NL", "BE", "IT", "PR", "AS", "ZA", "AR", "IN", "AU", "LU", "SR", "CV"} {
			tags = append(tags, l+"-"+r)
		}
	}
	return tags
}

func languageCases(t *testing.T) []languageCase {
	t.Helper()
	var cases []languageCase
	add := func(preferred any) {
		var header string
		switch p := preferred.(type) {
		case string:
			header = p
		case []string:
			header = strings.Join(p, ",")
		}
		cases = append(cases, languageCase{preferred, messages.For(header).Language()})
	}
	// Every language subtag of two or three letters that Go reads ("und"
	// aside, which browsers do not send; three letters in the long run),
	// alone, and before a language
	// Go's matcher reads as near German: a near match of another
	// language (Welsh is near English) comes first.
	const letters = "abcdefghijklmnopqrstuvwxyz"
	for _, a := range letters {
		for _, b := range letters {
			if tag := string(a) + string(b); validTag(tag) {
				add(tag)
				add(tag + ",gsw-CH")
			}
			for _, c := range letters {
				if !testenv.Long() {
					break // the three-letter subtags: a sweep for the long run
				}
				if tag := string(a) + string(b) + string(c); tag != "und" && validTag(tag) {
					add(tag)
					add(tag + ",gsw-CH")
				}
			}
		}
	}
	// Ours and their near languages with scripts, regions, variants and
	// extensions, in any case, with _ for -.
	for _, l := range []string{"en", "eng", "de", "deu", "ger", "es", "spa", "fr", "fre", "it", "nl", "dut", "pt", "por", "ja", "jpn", "gsw", "af", "eu", "baq", "la", "zh", "sr"} {
		for _, rest := range []string{"", "-Latn", "-Jpan", "-Cyrl", "-Hira", "-Hani", "-Latn-CH", "-Jpan-JP", "-Cyrl-RS", "-CH", "-001", "-150", "-419", "-BR",
			"-US-u-ca-gregory", "-DE-1996", "-x-private", "-CH-x-a", "_CH", "-ch", "-LATN"} {
			if validTag(l + rest) {
				add(l + rest)
				add(strings.ToUpper(l + rest))
			}
		}
	}
	// Values that are not one tag.
	for _, h := range []string{
		"", " ", ",", "*", "x-klingon", "i-klingon", "zh-min-nan", "english", "deutsch", "italian", "french", "English", "de-", "-de", "d",
		"de-CH,de;q=0.9,en;q=0.8", "en-US,en;q=0.9", "fr-CA, fr;q=0.8, en-US;q=0.6, en;q=0.4, *;q=0.1", "ja,en-US;q=0.7,en;q=0.3",
		"es-419,es;q=0.9", "pt-BR,pt;q=0.9,en-US;q=0.8,en;q=0.7", "nl-BE,nl;q=0.9,fr-BE;q=0.8", "sv-SE,sv;q=0.9,en;q=0.5,de;q=0.3",
		"de;q=0.5,fr;q=0.9", "de;q=0,fr", "de;q=0.000,it", "de;q=1.0,fr;q=1", "de; q=0.5, fr; q = 0.9", "de;Q=0.9,fr;q=0.5",
		"de;q=,fr", "de;q=abc,fr;q=0.1", "de;x=1,it;q=0.2", "de;q=0.9;x=1,it;q=0.2", "de;q=2,fr", "de;q=-1,fr", "de;q=1e-1,fr;q=0.2",
		"de;q=.5,fr;q=0.4", "de;q=inf,fr", "de;q=1e40,fr;q=0.1", "fr;q=0.5,de;q=5e-1", "q=0.5", ";q=0.5,de", "de,,fr", "zz,qq,de",
		"de-CH, fr, de", "en-GB,de-CH,en", "af,de", "af,de-CH", "gsw,fr", "es-419,pt", "pt-419,en", "de-Latn-CH,fr", "ja-Latn,de",
		strings.Repeat("zz,", 31) + "de", strings.Repeat("zz,", 32) + "de", strings.Repeat(",", 31) + "fr", strings.Repeat("x;q=0,", 40) + "it",
	} {
		add(h)
	}
	// Lists as browsers send them: pairs of browser tags, and longer
	// lists drawn with a fixed seed, as Accept-Language and as arrays.
	tags := browserTags()
	for i, a := range tags {
		for j, b := range tags {
			// Every pair in the long run; by default each tag with a
			// seventh of the others (every tag still comes first and
			// second).
			if testenv.Long() || (i+j)%7 == 0 {
				add(a + "," + b)
			}
		}
	}
	// A tag, another language, then the first language again: the first
	// is then not kept for its language alone, so what decides is whether
	// its region makes it an exact match (pt-419 is, es-419 is not), and
	// between two close matches the tie-breakers.
	var ours []string
	for _, tag := range tags {
		if l, _, _ := strings.Cut(tag, "-"); slices.Contains([]string{"en", "de", "es", "fr", "it", "nl", "pt", "ja"}, l) {
			ours = append(ours, tag)
		}
	}
	for _, a := range ours {
		first, _, _ := strings.Cut(a, "-")
		other := "it"
		if first == "it" {
			other = "nl"
		}
		add(a + "," + other + "," + first)
		for _, b := range ours {
			add([]string{a, b, first})
		}
	}
	rng := rand.New(rand.NewPCG(16, 4))
	for i := range 2000 {
		list := make([]string, 3+rng.IntN(4))
		for j := range list {
			list[j] = tags[rng.IntN(len(tags))]
		}
		if i%2 == 0 {
			add(list)
		} else {
			add(strings.Join(list, ", "))
		}
	}
	add([]string{})
	add([]string{"de-CH", "de", "en"})
	add([]string{"zz", "pt"})
	for _, h := range generatedHeaders(testenv.Cases(1000, 100000)) {
		add(h)
	}
	return cases
}

// generatedHeaders returns n Accept-Language values drawn with a fixed
// seed: browser tags and junk, white space, and weights, both qvalues
// (RFC 9110 §12.4.2) and what is near one (what strconv.ParseFloat reads,
// four decimals, white space around "=", a second parameter), so that
// the two readings of a weight are held together on many more values
// than the ones written out.
func generatedHeaders(n int) []string {
	rng := rand.New(rand.NewPCG(23, 3))
	tags := append(browserTags(), "", "*", "zz", "x-klingon", "english", "Deutsch", "de-", "DE", "pt_BR", "q=0.5", "de\u00a0")
	space := []string{"", "", "", " ", "  ", "\t", " \t"}
	near := []string{"", "q", "q=", "Q=0.5", "q=nan", "q=NaN", "q=inf", "q=Infinity", "q=0x1p-2", "q=0x_1p-1", "q=0_5", "q=.5", "q=5e-1",
		"q=+0.5", "q=-0", "q=0.5000", "q=1.001", "q=1.0001", "q=2", "q=00.5", "q= 0.5", "q =0.5", "q=0.5;x=1", "x=1", "q=0.5 x", "q=1.", "q=0.",
		"q=1.000", "q=0.000", "q=0.0", "q=١", "q=０.5", "q=0,5", "q=0.5e0", "qq=0.5", "q==0.5"}
	qvalue := func() string {
		if rng.IntN(8) == 0 {
			return "q=1" + []string{"", ".", ".0", ".00", ".000"}[rng.IntN(5)]
		}
		q := "q=0"
		if k := rng.IntN(5); k > 0 {
			q += "."
			for range k - 1 {
				q += strconv.Itoa(rng.IntN(10))
			}
		}
		return q
	}
	random := func() string {
		const alphabet = "qQ=0123456789.+-_xepinfa;, \t"
		b := make([]byte, rng.IntN(9))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return string(b)
	}
	out := make([]string, n)
	for i := range out {
		var h strings.Builder
		entries := 1 + rng.IntN(5)
		if rng.IntN(50) == 0 {
			entries = 30 + rng.IntN(6) // around the 32 read
		}
		for j := range entries {
			if j > 0 {
				h.WriteString(space[rng.IntN(len(space))] + "," + space[rng.IntN(len(space))])
			}
			h.WriteString(tags[rng.IntN(len(tags))])
			switch rng.IntN(4) {
			case 0: // no weight
			case 1:
				h.WriteString(space[rng.IntN(len(space))] + ";" + space[rng.IntN(len(space))] + qvalue())
			case 2:
				h.WriteString(space[rng.IntN(len(space))] + ";" + space[rng.IntN(len(space))] + near[rng.IntN(len(near))])
			case 3:
				h.WriteString(";" + random())
			}
			h.WriteString(space[rng.IntN(len(space))])
		}
		out[i] = h.String()
	}
	return out
}

// validTag reports whether Go reads tag as a language tag. The JavaScript
// checks the form of tags, not the registry: a tag Go cannot read (an
// unknown region, say) is left out.
func validTag(tag string) bool {
	_, err := language.Parse(tag)
	return err == nil
}

// TestLocalize runs test/localize.test.mjs on the texts and languages the
// Go package gives, against the catalogs as the package ships them.
func TestLocalize(t *testing.T) {
	nodePath := node(t)
	dist := localizeDist(t)
	checkShippedCatalogs(t, filepath.Join(dist, "messages"))
	cases := localizeCases(t)
	langs := languageCases(t)
	file := filepath.Join(tmpRoot, "localize.json")
	b, err := json.Marshal(struct {
		Languages []string       `json:"languages"`
		Texts     []localizeCase `json:"texts"`
		Matches   []languageCase `json:"matches"`
	}{messages.Languages(), cases, langs})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(nodePath, "--test", "--test-reporter=spec", "localize.test.mjs")
	cmd.Dir = "test"
	cmd.Env = append(os.Environ(), "CONTACTRULES_DIST="+dist, "CONTACTRULES_LOCALIZE="+file)
	if !testenv.Long() {
		cmd.Env = append(cmd.Env, "CONTACTRULES_NO_WASM=1") // localizeDist holds no module
	}
	out := run(t, cmd)
	t.Logf("%d texts compared (%d details of %d rules in %d languages under %d policies), %d language preferences (%d browser tags)\n%s",
		len(cases), len(localizeDetails(t)), len(ruleKeys(t)), len(messages.Languages()), len(localizePolicies), len(langs), len(browserTags()), tail(out, 9))
}

// localizeDist is the wasm entry TestLocalize runs against: build.sh's
// in the long run (builtDist); by default the checked-in module and the
// catalogs where build.sh puts them, without the WebAssembly build that
// localize does not load.
func localizeDist(t *testing.T) string {
	t.Helper()
	if testenv.Long() {
		return builtDist(t)
	}
	dir := filepath.Join(tmpRoot, "localize-dist")
	if err := os.MkdirAll(filepath.Join(dir, "messages"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := copyFile(filepath.Join(entryDir, "contactrules.mjs"), filepath.Join(dir, "contactrules.mjs")); err != nil {
		t.Fatal(err)
	}
	for _, lang := range messages.Languages() {
		if err := copyFile(filepath.Join(catalogDir, lang+".json"), filepath.Join(dir, "messages", lang+".json")); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// checkShippedCatalogs requires dir to hold exactly the Go package's
// catalogs, byte for byte: one file per language of messages.Languages.
func checkShippedCatalogs(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("the package ships no catalogs: %v", err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	var want []string
	for _, lang := range messages.Languages() {
		want = append(want, lang+".json")
	}
	if !slices.Equal(sorted(names), sorted(want)) {
		t.Errorf("the package ships the catalogs %q; want %q", names, want)
	}
	for _, name := range want {
		shipped, err1 := os.ReadFile(filepath.Join(dir, name))
		source, err2 := os.ReadFile(filepath.Join(catalogDir, name))
		if err1 != nil || err2 != nil || !bytes.Equal(shipped, source) {
			t.Errorf("messages/%s of the package differs from messages/catalog/%s (%v, %v): build.sh copies it when packing", name, name, err1, err2)
		}
	}
}
