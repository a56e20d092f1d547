package npm

import (
	"math/rand/v2"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nyaruka/phonenumbers"

	"github.com/contactrules/contactrules/internal/testenv"
	"github.com/contactrules/contactrules/phone"
)

// An aytCase is one way of typing one number, a key at a time, with what
// the Go package phone's AsYouType shows after each key, and what its
// Number gives at the end ("" for nothing).
type aytCase struct {
	Region string   `json:"region"`
	Keys   []string `json:"keys"`
	Want   []string `json:"want"`
	Number string   `json:"number"`
}

// aytTypings are the ways a number is typed: national digits in its
// region, with the separators of its national form, '+' international
// with and without separators, and after the international prefix of the
// US and of GB.
func aytTypings(n phone.Number, region string) []aytCase {
	digits := func(s string) string {
		return strings.Map(func(c rune) rune {
			if c >= '0' && c <= '9' || c == '+' {
				return c
			}
			return -1
		}, s)
	}
	e164, intl, nat := n.String(), n.Format(phone.International), n.Format(phone.National)
	typings := []aytCase{
		{Region: region, Keys: split(e164)},
		{Region: region, Keys: split(intl)},
		{Region: "US", Keys: split("011" + e164[1:])},
		{Region: "GB", Keys: split("00" + e164[1:])},
		{Region: "", Keys: split(intl)},
	}
	if region != "001" {
		typings = append(typings,
			aytCase{Region: region, Keys: split(digits(nat))},
			aytCase{Region: region, Keys: split(nat)},
			// Pasted at once, then a key more.
			aytCase{Region: region, Keys: []string{nat, "5"}})
	}
	return typings
}

func split(s string) []string {
	keys := make([]string, 0, len(s))
	for _, c := range s {
		keys = append(keys, string(c))
	}
	return keys
}

// TestAsYouTypeSameDisplay types every example number of every region
// and type (a sample of them outside CONTACTRULES_LONG) into the engine's
// AsYouType and into the Go package phone's, in each of aytTypings' ways,
// and random digit strings (50,000 under CONTACTRULES_LONG),
// and fails on the first keystroke whose display differs, or on a
// different Number at the end.
func TestAsYouTypeSameDisplay(t *testing.T) {
	t.Parallel()
	nodePath := testenv.Node(t)
	readSources(t)
	regions := append(slices.Sorted(func(yield func(string) bool) {
		for r := range phonenumbers.GetSupportedRegions() {
			if !yield(r) {
				return
			}
		}
	}), "001")
	every := testenv.Cases(20, 1) // one example in every 20 outside CI
	file := filepath.Join(t.TempDir(), "asyoutype.ndjson")
	cases := testenv.CreateLines(t, file)
	count, keys := 0, 0
	add := func(c aytCase) {
		a := phone.NewAsYouType(c.Region)
		for _, k := range c.Keys {
			c.Want = append(c.Want, a.Input(k))
		}
		if got, ok := a.Number(); ok {
			c.Number = got.String() + " " + got.Region()
		}
		keys += len(c.Keys)
		cases.Encode(c)
	}
	for _, region := range regions {
		for typ := phone.Unknown; typ <= phone.Voicemail; typ++ {
			n, ok := phone.Example(region, typ)
			if !ok {
				continue
			}
			count++
			if count%every != 0 {
				continue
			}
			for _, c := range aytTypings(n, region) {
				add(c)
			}
		}
	}
	// Random digits, national in a random region and after a '+': the
	// leading digits of formats no example number starts with.
	r := rand.New(rand.NewPCG(runSeed(t), 25))
	random := testenv.Cases(1000, 50000)
	for range random {
		d := make([]byte, 1+r.IntN(17))
		for i := range d {
			d[i] = byte('0' + r.IntN(10))
		}
		region := regions[r.IntN(len(regions))]
		add(aytCase{Region: region, Keys: split(string(d))})
		add(aytCase{Region: region, Keys: split("+" + string(d))})
	}
	cases.Close()
	out := run(t, exec.Command(nodePath, "test/asyoutype.mjs", file))
	t.Logf("%d example numbers, %d random digit strings, %d keystrokes: %s", count/every, random, keys, out)
}
