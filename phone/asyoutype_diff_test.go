package phone

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/contactrules/contactrules/internal/testenv"
	"github.com/nyaruka/phonenumbers"
)

// The differential test of AsYouType: on every prefix of every example
// number, typed in national form in its region and in '+' international
// form, with and without the separators people type, it must show what
// libphonenumber-js's AsYouType shows (testdata/asyoutype: the version
// package.json pins, whose metadata is libphonenumber 9.0.32, as ours).
// The differences it allows are those of docs/decisions.md, with their
// counts.

const oracleDir = "testdata/asyoutype"

// aytAllowed are the differences docs/decisions.md lists ("phone:
// as-you-type"), by kind: keystrokes whose display differs, in regions
// whose formats are the same in both metadata, and in those whose are
// not.
var aytAllowed = map[string]int{
	"same metadata":      0,
	"different metadata": 0,
}

// aytCase is one way of typing one example number.
type aytCase struct {
	kind, region string
	keys         []string
}

func aytCases(t *testing.T) []aytCase {
	var cases []aytCase
	split := func(s string) []string {
		keys := make([]string, 0, len(s))
		for _, c := range s {
			keys = append(keys, string(c))
		}
		return keys
	}
	digits := func(s string) string {
		return strings.Map(func(c rune) rune {
			if c >= '0' && c <= '9' || c == '+' {
				return c
			}
			return -1
		}, s)
	}
	for _, ex := range exampleNumbers(t) {
		n, err := ParsePossible(ex.e164)
		if err != nil {
			continue
		}
		intl, nat := n.Format(International), n.Format(National)
		cases = append(cases,
			aytCase{"international", ex.region, split(ex.e164)},
			aytCase{"international, separators", ex.region, split(intl)})
		if ex.region != nonGeoRegion {
			cases = append(cases,
				aytCase{"national", ex.region, split(digits(nat))},
				aytCase{"national, separators", ex.region, split(nat)})
		}
		// Dialled from abroad, after the international prefix.
		cases = append(cases,
			aytCase{"international prefix", "US", split("011" + ex.e164[1:])},
			aytCase{"international prefix", "GB", split("00" + ex.e164[1:])})
	}
	return cases
}

// oracleRun sends lines to the oracle and returns its answer lines.
func oracleRun(t *testing.T, lines [][]string) [][]byte {
	t.Helper()
	node := lookTool(t, "node")
	npmCIOracle(t)
	var in bytes.Buffer
	for _, l := range lines {
		b, _ := json.Marshal(l)
		in.Write(append(b, '\n'))
	}
	cmd := exec.Command(node, "oracle.mjs")
	cmd.Dir = oracleDir
	cmd.Stdin = &in
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node oracle.mjs: %v\n%s", err, stderr.Bytes())
	}
	answers := bytes.Split(bytes.TrimSuffix(out, []byte("\n")), []byte("\n"))
	if len(answers) != len(lines) {
		t.Fatalf("the oracle answered %d lines of %d", len(answers), len(lines))
	}
	return answers
}

func formatsQuery(regions []string) [][]string {
	var lines [][]string
	for _, r := range regions {
		lines = append(lines, []string{"#formats", r})
	}
	return lines
}

// sameMetadata returns the regions whose national prefix and formats
// (pattern, rule, leading digits) libphonenumber-js's metadata has as
// ours does, leaving out the formats not for international use ("NA"),
// which its metadata does not carry.
// answers are the oracle's answers to formatsQuery(regions).
func sameMetadata(regions []string, answers [][]byte) map[string]bool {
	same := map[string]bool{}
	for i, a := range answers {
		var theirs []string
		if err := json.Unmarshal(a, &theirs); err != nil || theirs == nil {
			continue
		}
		for j := 1; j < len(theirs); j++ {
			theirs[j] = strings.Join(strings.Split(theirs[j], " | ")[:3], " | ")
		}
		same[regions[i]] = slices.Equal(theirs, ourFormats(regions[i]))
	}
	return same
}

// metadataOf returns phonenumbers' metadata of region.
func metadataOf(region string) *phonenumbers.PhoneMetadata {
	coll, err := phonenumbers.MetadataCollection()
	if err != nil {
		return nil
	}
	for _, m := range coll.GetMetadata() {
		if m.GetId() == region {
			return m
		}
	}
	return nil
}

func ourFormats(region string) []string {
	meta := metadataOf(region)
	if meta == nil || region == nonGeoRegion {
		return nil
	}
	fs := meta.GetNumberFormat()
	intl := meta.GetIntlNumberFormat()
	if len(fs) == 0 {
		main := metadataOf(phonenumbers.GetRegionCodeForCountryCode(int(meta.GetCountryCode())))
		fs, intl = main.GetNumberFormat(), main.GetIntlNumberFormat()
	}
	out := []string{meta.GetNationalPrefix()}
	for _, f := range fs {
		na := len(intl) > 0
		for _, g := range intl {
			if g.GetPattern() == f.GetPattern() && slices.Equal(g.GetLeadingDigitsPattern(), f.GetLeadingDigitsPattern()) {
				na = false
			}
		}
		if !na {
			out = append(out, f.GetPattern()+" | "+f.GetFormat()+" | "+strings.Join(f.GetLeadingDigitsPattern(), ","))
		}
	}
	return out
}

func TestAsYouTypeDifferential(t *testing.T) {
	cases := aytCases(t)
	if !testenv.Long() {
		// A fifth of the cases: node takes seconds over all of them.
		var sample []aytCase
		for i := 0; i < len(cases); i += 5 {
			sample = append(sample, cases[i])
		}
		cases = sample
	}
	regionSet := map[string]bool{}
	for _, c := range cases {
		regionSet[c.region] = true
	}
	regions := make([]string, 0, len(regionSet))
	for r := range regionSet {
		regions = append(regions, r)
	}
	slices.Sort(regions)
	// One node process answers both.
	lines := formatsQuery(regions)
	for _, c := range cases {
		lines = append(lines, append([]string{c.region}, c.keys...))
	}
	answers := oracleRun(t, lines)
	same := sameMetadata(regions, answers[:len(regions)])
	answers = answers[len(regions):]
	var differ []string
	for _, r := range regions {
		if !same[r] {
			differ = append(differ, r)
		}
	}
	t.Logf("%d of %d regions have the same formats in both metadata; not %v", len(regions)-len(differ), len(regions), differ)

	differs := map[string]int{}
	byKind := map[string]int{}
	keystrokes, shown := 0, 0
	for i, c := range cases {
		var want []string
		if err := json.Unmarshal(answers[i], &want); err != nil {
			t.Fatalf("oracle answer %q: %v", answers[i], err)
		}
		a := NewAsYouType(c.region)
		bucket := "same metadata"
		if !same[c.region] {
			bucket = "different metadata"
		}
		for k, key := range c.keys {
			got := a.Input(key)
			keystrokes++
			if got == want[k] {
				continue
			}
			differs[bucket]++
			byKind[c.kind]++
			if shown < 30 && bucket == "same metadata" {
				shown++
				t.Logf("%s %s %q: got %q, libphonenumber-js %q", c.kind, c.region, strings.Join(c.keys[:k+1], ""), got, want[k])
			}
		}
	}
	t.Logf("%d cases, %d keystrokes; differences %v, by kind %v", len(cases), keystrokes, differs, byKind)
	for bucket, allowed := range aytAllowed {
		// The long run is the one docs/decisions.md counts.
		if n := differs[bucket]; n > allowed || testenv.Long() && n != allowed {
			t.Errorf("%d keystrokes differ (%s), docs/decisions.md says %d", n, bucket, allowed)
		}
	}
	if keystrokes < testenv.Cases(12_000, 60_000) {
		t.Errorf("only %d keystrokes", keystrokes)
	}
}

func lookTool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	msg := fmt.Sprintf("%s not found (%v); install Node.js 20 or later (apt-get install -y nodejs npm)", name, err)
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// npmCIOracle runs npm ci in the oracle's directory unless the locked
// libphonenumber-js is installed there.
func npmCIOracle(t *testing.T) {
	t.Helper()
	var lock struct {
		Packages map[string]struct{ Version string } `json:"packages"`
	}
	var installed struct{ Version string }
	b, err := os.ReadFile(filepath.Join(oracleDir, "package-lock.json"))
	if err != nil || json.Unmarshal(b, &lock) != nil {
		t.Fatalf("%s/package-lock.json: %v", oracleDir, err)
	}
	want := lock.Packages["node_modules/libphonenumber-js"].Version
	b, err = os.ReadFile(filepath.Join(oracleDir, "node_modules/libphonenumber-js/package.json"))
	if err == nil && json.Unmarshal(b, &installed) == nil && installed.Version == want && want != "" {
		return
	}
	cmd := exec.Command(lookTool(t, "npm"), "ci", "--no-audit", "--no-fund")
	cmd.Dir = oracleDir
	cmd.Env = append(os.Environ(), "npm_config_update_notifier=false")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("npm ci in %s: %v\n%s", oracleDir, err, out)
	}
}
