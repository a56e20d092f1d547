package phone

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/contactrules/contactrules/internal/testenv"
)

// typeKeys types keys one by one into a new AsYouType for region and
// checks what holds whatever is typed: no panic, a separator changes
// nothing, a display is short, a returned string never changes, and a
// Number is a valid number whose digits were typed.
func typeKeys(t *testing.T, region string, keys []string) {
	t.Helper()
	a := NewAsYouType(region)
	var shown []string
	var copies []string
	for _, k := range keys {
		prev := ""
		if len(shown) > 0 {
			prev = shown[len(shown)-1]
		}
		got := a.Input(k)
		if strings.Trim(k, "()- ./") == "" && len(shown) > 0 && got != prev {
			t.Fatalf("%s %q: separator %q changed %q to %q", region, keys, k, prev, got)
		}
		if len(got) > 64 {
			t.Fatalf("%s %q: display of %d bytes", region, keys, len(got))
		}
		shown = append(shown, got)
		copies = append(copies, strings.Clone(got))
	}
	for i := range shown {
		if shown[i] != copies[i] {
			t.Fatalf("%s %q: display %d changed from %q to %q", region, keys, i, copies[i], shown[i])
		}
	}
	if n, ok := a.Number(); ok {
		if _, err := Parse(n.String()); err != nil {
			t.Fatalf("%s %q: Number %v is not valid", region, keys, n)
		}
	}
	a.Reset()
	if got := a.Input("5"); got != "5" && got != "+" {
		// After Reset, one digit shows as itself (or the national prefix).
		t.Fatalf("%s: after Reset, Input(\"5\") = %q", region, got)
	}
}

func TestAsYouTypeAnyInput(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	alphabet := []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "+", " ", "-", "(", ")", ".", "a", "é", "１", "12", "+44", "0 7"}
	regions := append([]string{"", "ZZ", "001", "us"}, regionTable...)
	for range testenv.Cases(3_000, 100_000) {
		keys := make([]string, rng.Intn(30))
		for i := range keys {
			keys[i] = alphabet[rng.Intn(len(alphabet))]
		}
		typeKeys(t, regions[rng.Intn(len(regions))], keys)
	}
}

func FuzzAsYouType(f *testing.F) {
	f.Add("US", "(201) 555-0123")
	f.Add("AR", "0 11 15 2345 6789")
	f.Add("", "+442071838750")
	f.Add("BY", "8 0152 45-09-11")
	f.Fuzz(func(t *testing.T, region, text string) {
		keys := make([]string, 0, len(text))
		for _, c := range text {
			keys = append(keys, string(c))
		}
		typeKeys(t, region, keys)
	})
}

func TestAsYouTypeInputDoesNotAllocate(t *testing.T) {
	keys := strings.Split("( 2 0 1 )   5 5 5 - 0 1 2 3 4 5 6 7 8 9 0 1 2 3", " ")
	a := NewAsYouType("US")
	i := 0
	allocs := testing.AllocsPerRun(len(keys)-1, func() {
		a.Input(keys[i])
		i++
	})
	if allocs != 0 {
		t.Errorf("Input allocates %v times a keystroke", allocs)
	}
}

func TestZeroAsYouType(t *testing.T) {
	var a AsYouType
	for _, c := range []struct{ key, want string }{{"2", "2"}, {"0", "20"}} {
		if got := a.Input(c.key); got != c.want {
			t.Errorf("zero AsYouType: Input(%q) = %q, want %q", c.key, got, c.want)
		}
	}
	a.Reset()
	for _, c := range []struct{ key, want string }{{"+", "+"}, {"4", "+4"}, {"4", "+44"}, {"2", "+44 2"}} {
		if got := a.Input(c.key); got != c.want {
			t.Errorf("zero AsYouType after Reset: Input(%q) = %q, want %q", c.key, got, c.want)
		}
	}
}
