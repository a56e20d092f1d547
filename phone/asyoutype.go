package phone

import (
	"unsafe"

	"github.com/contactrules/contactrules/phone/internal/dfa"
)

// An AsYouType formats a phone number while it is typed, for a form field
// that shows "(201) 555-01" once "20155501" has been typed in the US: what
// libphonenumber-js's AsYouType shows, from the same metadata as [Parse]
// (see docs/phone.md and docs/decisions.md for where they differ).
//
// Digits typed after a leading '+' are an international number, whose
// calling code comes first; other digits are a number of the region given
// to [NewAsYouType], perhaps after its national prefix. Punctuation and
// anything else typed is ignored: the display is rebuilt from the digits.
//
// An AsYouType is not safe for concurrent use. It keeps at most 20
// digits; further ones are ignored. The zero AsYouType formats as
// NewAsYouType("") does (its first Input allocates the room that
// NewAsYouType reserves).
type AsYouType struct {
	t dfa.Typer
	// arena holds every display Input returned since the last Reset, one
	// after the other, so that Input allocates nothing and never changes
	// a string it returned.
	arena []byte
	last  string
}

// arenaSize is room for a display after every digit an AsYouType keeps.
const arenaSize = (dfa.MaxTyped + 1) * dfa.MaxDisplay

// NewAsYouType returns a formatter for numbers typed in region (an
// upper-case region code such as "US"). With "" or a code libphonenumber
// does not know, only numbers typed with a leading '+' are formatted;
// other digits are shown as they are.
func NewAsYouType(region string) *AsYouType {
	return &AsYouType{t: dfa.NewTyper(region), arena: make([]byte, 0, arenaSize)}
}

// Input takes text typed after what came before (a keystroke, or pasted
// text) and returns the whole display so far, as libphonenumber-js's
// AsYouType.input does: "(201) 555-0123" after "2015550123" in the US,
// "+44 20 7183 8750" after "+442071838750". Typing a separator changes
// nothing: Input("-") returns the display it returned before.
//
// Input does not allocate; the strings it returns stay valid and unchanged
// after later calls.
func (a *AsYouType) Input(text string) string {
	a.t.Input(text)
	d := a.t.Display()
	if string(d) == a.last {
		return a.last
	}
	if cap(a.arena)-len(a.arena) < len(d) {
		// Only when more keys come than the digits it keeps (each
		// separator returns the previous display): a new arena, leaving
		// the strings already returned to the old one.
		a.arena = make([]byte, 0, arenaSize)
	}
	start := len(a.arena)
	a.arena = append(a.arena, d...)
	a.last = unsafe.String(unsafe.SliceData(a.arena[start:]), len(d))
	return a.last
}

// Reset forgets what was typed, for the next number. It allocates a new
// arena for the displays when the old one holds strings already returned.
func (a *AsYouType) Reset() {
	a.t.Reset()
	if len(a.arena) > 0 {
		a.arena = make([]byte, 0, arenaSize)
	}
	a.last = ""
}

// Number returns the number typed so far once it is a complete valid
// number, as [Parse] would accept it in E.164 form, and false before
// (and for an invalid number).
func (a *AsYouType) Number() (Number, bool) {
	var buf [1 + 24]byte
	buf[0] = '+'
	d, ok := a.t.Number(buf[:1])
	if !ok || len(d) > 1+maxDigits {
		return Number{}, false
	}
	n, err := Parse(string(d))
	return n, err == nil
}
