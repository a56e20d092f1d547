package gen

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"

	"github.com/nyaruka/phonenumbers"
)

// An example is what GetExampleNumberForType gives for a region and a
// type (as Type numbers it), in E.164 digits.
type example struct {
	region int // 1 + index in regionCodes
	typ    int
	digits uint64
}

// exampleTypes are the types GetExampleNumberForType answers for, in
// the order of Type.
var exampleTypes = []phonenumbers.PhoneNumberType{
	phonenumbers.FIXED_LINE, phonenumbers.MOBILE, phonenumbers.FIXED_LINE_OR_MOBILE,
	phonenumbers.TOLL_FREE, phonenumbers.PREMIUM_RATE, phonenumbers.SHARED_COST,
	phonenumbers.VOIP, phonenumbers.PERSONAL_NUMBER, phonenumbers.PAGER,
	phonenumbers.UAN, phonenumbers.VOICEMAIL,
}

// examples returns the example number of every geographic region and
// type, as phonenumbers gives it (UNKNOWN has none: it names the general
// description, which holds no example).
func examples() ([]example, error) {
	var out []example
	for i, code := range regionCodes() {
		if code == nonGeo {
			continue
		}
		for _, t := range exampleTypes {
			n := phonenumbers.GetExampleNumberForType(code, t)
			if n == nil {
				continue
			}
			e164 := phonenumbers.Format(n, phonenumbers.E164)
			v, err := strconv.ParseUint(e164[1:], 10, 64)
			if err != nil || v >= 1<<56 {
				return nil, fmt.Errorf("region %s: example %q", code, e164)
			}
			out = append(out, example{region: i + 1, typ: typeNumber(t), digits: v})
		}
	}
	return out, nil
}

// upstream finds the libphonenumber release in a CHANGELOG entry of
// phonenumbers ("regenerated against upstream libphonenumber 9.0.32").
var upstream = regexp.MustCompile(`libphonenumber (v?[0-9][0-9A-Za-z.-]*)`)

// metadataVersion returns the libphonenumber release whose metadata the
// phonenumbers version in go.mod ships, as its CHANGELOG names it: the
// newest entry that mentions the metadata, if it names the release; else
// the phonenumbers version alone.
func metadataVersion() (string, error) {
	out, err := exec.Command("go", "list", "-m", "-json", "github.com/nyaruka/phonenumbers").Output()
	if err != nil {
		return "", fmt.Errorf("go list -m github.com/nyaruka/phonenumbers: %v", err)
	}
	var mod struct{ Version, Dir string }
	if err := json.Unmarshal(out, &mod); err != nil {
		return "", err
	}
	log, err := os.ReadFile(filepath.Join(mod.Dir, "CHANGELOG.md"))
	if err != nil {
		return "", err
	}
	fallback := "phonenumbers " + mod.Version
	entry := regexp.MustCompile(`^v[0-9]+\.[0-9]+\.[0-9]+ \(`)
	s := bufio.NewScanner(bytes.NewReader(log))
	for s.Scan() {
		line := s.Text()
		if entry.MatchString(line) || !bytes.Contains(bytes.ToLower([]byte(line)), []byte("metadata")) {
			continue
		}
		if m := upstream.FindStringSubmatch(line); m != nil {
			return m[1] + " (" + fallback + ")", nil
		}
		return fallback, nil
	}
	return fallback, nil
}

// exampleTables lays the examples out as emit's comment describes, for
// regions numbered 1 to n.
func exampleTables(es []example, n int) (parsingTables, error) {
	index := make([]byte, 0, 2*(n+1))
	var data []byte
	next := 0
	for r := 0; r <= n; r++ {
		for next < len(es) && es[next].region <= r {
			if es[next].region < r || es[next].region < 1 {
				return parsingTables{}, fmt.Errorf("examples out of order")
			}
			e := es[next]
			data = append(data, byte(e.typ))
			for i := range 7 {
				data = append(data, byte(e.digits>>(8*i)))
			}
			next++
		}
		index = le16(index, len(data)/8)
	}
	return parsingTables{consts: []constTable{{"exampleIndex", index}, {"exampleData", data}}}, nil
}
