package jsonwire

import (
	"bytes"
	"math/bits"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPeekEatAtEnd(t *testing.T) {
	s := Scanner{Buf: []byte(" \t\r\n[ ]\n")}
	if c := s.Peek(); c != '[' || s.Pos != 4 {
		t.Fatalf("Peek = %q at %d, want '[' at 4", c, s.Pos)
	}
	if s.Eat(']') || s.Pos != 4 {
		t.Fatalf("Eat(']') before '[' consumed it or moved to %d", s.Pos)
	}
	if !s.Eat('[') || s.AtEnd() || !s.Eat(']') || !s.AtEnd() || s.Pos != 8 {
		t.Fatalf("Eat('['), Eat(']') and AtEnd went wrong; at %d", s.Pos)
	}
	if c := s.Peek(); c != 0 || s.Eat(0) {
		t.Fatalf("at the end Peek = %q and Eat(0) succeeded", c)
	}
	// \v, \f and U+00A0 are not JSON white space.
	for _, in := range []string{"\v", "\f", "\u00a0", "\x00"} {
		if s := (Scanner{Buf: []byte(in)}); s.AtEnd() || s.Pos != 0 {
			t.Errorf("AtEnd(%q) = true", in)
		}
	}
}

// A case reads in with one method and expects ok, the value (for Str
// and Key) and where Pos ends.
type readCase struct {
	in   string
	ok   bool
	v    string
	pos  int
	utf8 bool // Str: the value is valid UTF-8
}

func TestLiteral(t *testing.T) {
	for _, tt := range []readCase{
		{in: "null", ok: true, pos: 4}, {in: "nullx", ok: true, pos: 4}, {in: "nul"}, {in: " null"}, {in: "Null"}, {in: ""},
	} {
		s := Scanner{Buf: []byte(tt.in)}
		if ok := s.Literal("null"); ok != tt.ok || s.Pos != tt.pos {
			t.Errorf("Literal(null) on %q = %v at %d, want %v at %d", tt.in, ok, s.Pos, tt.ok, tt.pos)
		}
	}
}

func TestNumber(t *testing.T) {
	for _, tt := range []readCase{
		{in: "0", ok: true, pos: 1}, {in: "-0", ok: true, pos: 2}, {in: "01", ok: true, pos: 1}, {in: "123,", ok: true, pos: 3},
		{in: "-12.50e+3]", ok: true, pos: 9}, {in: "1E5", ok: true, pos: 3}, {in: "1e-0", ok: true, pos: 4}, {in: "1.5.5", ok: true, pos: 3},
		{in: "1ex", ok: false}, {in: "1.", ok: false}, {in: "1.e5", ok: false}, {in: "-", ok: false}, {in: "+1", ok: false},
		{in: ".5", ok: false}, {in: " 1", ok: false}, {in: "1e+", ok: false}, {in: "", ok: false}, {in: "-x", ok: false},
	} {
		s := Scanner{Buf: []byte(tt.in)}
		if ok := s.Number(); ok != tt.ok || s.Pos != tt.pos {
			t.Errorf("Number on %q = %v at %d, want %v at %d", tt.in, ok, s.Pos, tt.ok, tt.pos)
		}
	}
}

func TestStr(t *testing.T) {
	for _, tt := range []readCase{
		{in: `""`, ok: true, pos: 2, utf8: true},
		{in: `"abc" x`, ok: true, v: "abc", pos: 5, utf8: true},
		{in: `"a\"b\\c\/d\b\f\n\r\t"`, ok: true, v: "a\"b\\c/d\b\f\n\r\t", pos: 22, utf8: true},
		{in: `"\u00e9\u00E9\u4f18"`, ok: true, v: "éé优", pos: 20, utf8: true},
		{in: `"\ud83d\ude00!"`, ok: true, v: "😀!", pos: 15, utf8: true},
		{in: `"\u0000"`, ok: true, v: "\x00", pos: 8, utf8: true},
		{in: `"\ud83d"`, ok: true, v: "\xed\xa0\xbd", pos: 8},
		{in: `"\ude00\ud83d"`, ok: true, v: "\xed\xb8\x80\xed\xa0\xbd", pos: 14},
		{in: `"\ud83d\u0041"`, ok: true, v: "\xed\xa0\xbdA", pos: 14},
		{in: `"\ud83d\ud83d\ude00"`, ok: true, v: "\xed\xa0\xbd😀", pos: 20},
		{in: "\"\xff\"", ok: true, v: "\xff", pos: 3},
		{in: "\"\xe2\x82\\n\"", ok: true, v: "\xe2\x82\n", pos: 6},
		{in: "\"\xed\xa0\x80\"", ok: true, v: "\xed\xa0\x80", pos: 5},
		{in: "\"é\"", ok: true, v: "é", pos: 4, utf8: true},
		{in: `"abc`}, {in: `"\"`}, {in: `"\x"`}, {in: `"\u12"`}, {in: `"\u12g4"`}, {in: `"\ud83d\u12"`},
		{in: "\"\t\""}, {in: "\"\x00\""}, {in: ` ""`}, {in: `abc`}, {in: ``}, {in: `"\`},
	} {
		s := Scanner{Buf: []byte(tt.in)}
		v, valid, ok := s.Str()
		if ok != tt.ok || v != tt.v || s.Pos != tt.pos || valid != tt.utf8 {
			t.Errorf("Str on %q = %q, %v, %v at %d; want %q, %v, %v at %d", tt.in, v, valid, ok, s.Pos, tt.v, tt.utf8, tt.ok, tt.pos)
		}
	}
}

func TestKey(t *testing.T) {
	for _, tt := range []readCase{
		{in: ` "a" : 1`, ok: true, v: "a", pos: 7}, // the white space after the colon too
		{in: `"\u0061":`, ok: true, v: "a", pos: 9},
		{in: `"":`, ok: true, pos: 3},
		{in: `"a" 1`}, {in: `"a"`}, {in: `a:`}, {in: `1:`}, {in: "\"\xff\":"}, {in: `"\udc00":`}, {in: `"a`},
	} {
		s := Scanner{Buf: []byte(tt.in)}
		k, ok := s.Key()
		if ok != tt.ok || k != tt.v || ok && s.Pos != tt.pos {
			t.Errorf("Key on %q = %q, %v at %d; want %q, %v at %d", tt.in, k, ok, s.Pos, tt.v, tt.ok, tt.pos)
		}
	}
}

func TestScalarAndSkip(t *testing.T) {
	for _, tt := range []struct {
		in           string
		scalar, skip bool
		pos          int // after Skip
	}{
		{in: ` "a\n" ,`, scalar: true, skip: true, pos: 6},
		{in: ` true]`, scalar: true, skip: true, pos: 5},
		{in: `false`, scalar: true, skip: true, pos: 5},
		{in: `null`, scalar: true, skip: true, pos: 4},
		{in: `-1.5e3 `, scalar: true, skip: true, pos: 6},
		{in: "\"\xff\"", scalar: true, skip: true, pos: 3},
		{in: `[1, "a", [true, {"b": null}]] 2`, skip: true, pos: 29},
		{in: `{"a": {"b": [], "c": {}}, "d": "e"}`, skip: true, pos: 35},
		{in: `{ }`, skip: true, pos: 3},
		{in: `[ ]`, skip: true, pos: 3},
		{in: ``}, {in: ` `}, {in: `x`}, {in: `tru`}, {in: `]`}, {in: `}`}, {in: `,`}, {in: `:`},
		{in: `[`}, {in: `[1`}, {in: `[1,`}, {in: `[1,]`}, {in: `[,]`}, {in: `[1 2]`}, {in: `[1:2]`}, {in: `[}`},
		{in: `{`}, {in: `{"a"`}, {in: `{"a":`}, {in: `{"a":1`}, {in: `{"a":1,}`}, {in: `{1:2}`}, {in: `{"a",1}`},
		{in: `{"a":1]`}, {in: "{\"\xff\":1}"}, {in: `{"\ud800":1}`}, {in: `[{"a":1},{"\ud800":1}]`}, {in: `{"a":}`},
	} {
		s := Scanner{Buf: []byte(tt.in)}
		if ok := s.Scalar(); ok != tt.scalar {
			t.Errorf("Scalar on %q = %v, want %v", tt.in, ok, tt.scalar)
		}
		s = Scanner{Buf: []byte(tt.in)}
		if ok := s.Skip(); ok != tt.skip || ok && s.Pos != tt.pos {
			t.Errorf("Skip on %q = %v at %d, want %v at %d", tt.in, ok, s.Pos, tt.skip, tt.pos)
		}
	}
}

// Skip reads any depth without recursion, at a bit a level: a million
// levels, objects and arrays mixed so that each level's kind matters.
func TestSkipDeep(t *testing.T) {
	const n = 1_000_000
	var b bytes.Buffer
	for i := range n {
		if i%3 == 0 {
			b.WriteString(`{"k":`)
		} else {
			b.WriteString(`[`)
		}
	}
	b.WriteString(`"leaf"`)
	for i := n - 1; i >= 0; i-- {
		if i%3 == 0 {
			b.WriteString(`}`)
		} else {
			b.WriteString(`]`)
		}
	}
	if !whole(b.Bytes()) {
		t.Fatal("Skip refused a million levels")
	}
	// The same with one bracket wrong, deep inside.
	bad := bytes.Clone(b.Bytes())
	bad[bytes.LastIndexByte(bad, '}')] = ']'
	if whole(bad) {
		t.Fatal("Skip accepted a mismatched bracket a million levels down")
	}
	allocs := testing.AllocsPerRun(5, func() { whole(b.Bytes()) })
	if max := float64(n / 64 / 8); allocs > max {
		t.Errorf("Skip over a million levels: %v allocations, want at most %v", allocs, max)
	}
}

func TestNoAllocation(t *testing.T) {
	deep := []byte(strings.Repeat(`[{"k\n":"\u00e9","k":`, 64) + `"x"` + strings.Repeat(`}]`, 64)) // 128 levels
	plainStr := []byte(`"no escapes, é 😀"`)
	for name, f := range map[string]func(){
		"Skip":                func() { whole(deep) },
		"Str without escapes": func() { s := Scanner{Buf: plainStr}; s.Str() },
		"Scalar with escapes": func() { s := Scanner{Buf: []byte(`"\n\u00e9"`)}; s.Scalar() },
		"Key without escapes": func() { s := Scanner{Buf: []byte(`"key":`)}; s.Key() },
		"AppendQuote":         func() { AppendQuote(make([]byte, 0, 64), "<é\n\xff\u2028>") },
	} {
		if a := testing.AllocsPerRun(20, f); a != 0 {
			t.Errorf("%s: %v allocations, want none", name, a)
		}
	}
	if !whole(deep) {
		t.Fatal("the allocation test's text is not JSON")
	}
	// A string with escapes costs one allocation, of its decoded length
	// at most.
	if a := testing.AllocsPerRun(20, func() { s := Scanner{Buf: []byte(`"a\nb"`)}; s.Str() }); a != 1 {
		t.Errorf("Str with escapes: %v allocations, want 1", a)
	}
}

// TestAppendQuoteBytesReadsBack: Str reads back every string
// AppendQuoteBytes writes, byte for byte, and says whether it is UTF-8.
func TestAppendQuoteBytesReadsBack(t *testing.T) {
	for _, s := range []string{"", "plain", `"quoted" \ back`, "\x00\x1f\n", "é€😀", "\xff\xfe", "a\xc3", "\u2028<&>"} {
		sc := Scanner{Buf: AppendQuoteBytes(nil, s)}
		got, valid, ok := sc.Str()
		if !ok || got != s || valid != utf8.ValidString(s) || !sc.AtEnd() {
			t.Errorf("%q: read back %q, valid %v, ok %v", s, got, valid, ok)
		}
	}
}

// TestSpecial: the lowest byte special marks is the first byte of the
// word that is not plain, for every byte value at every position, over
// backgrounds of plain and special bytes (borrows run upwards, so a
// special byte below must not hide or move the mark).
func TestSpecial(t *testing.T) {
	first := func(w [8]byte) int {
		for i, c := range w {
			if !plain[c] {
				return i
			}
		}
		return 8
	}
	for _, bg := range []byte{'a', ' ', '~', 0x7f} {
		for pos := range 8 {
			for c := range 256 {
				for _, low := range []byte{bg, 0x00, '"', 0x80, 0xff} {
					var w [8]byte
					for i := range w {
						w[i] = bg
					}
					w[pos] = byte(c)
					if pos > 0 {
						w[pos-1] = low // a neighbour below, plain or not
					}
					want := first(w)
					m := special(load8(w[:], 0))
					got := 8
					if m != 0 {
						got = bits.TrailingZeros64(m) >> 3
					}
					if got != want {
						t.Fatalf("special(% x) marks byte %d first, want %d", w, got, want)
					}
				}
			}
		}
	}
}

// TestSpecialWords: the same on whole words of bytes next to the marked
// ones (where a borrow would show), a million of them.
func TestSpecialWords(t *testing.T) {
	alphabet := []byte{0x00, 0x01, 0x1f, 0x20, 0x21, '"', 0x23, '[', '\\', ']', 'a', 0x7f, 0x80, 0xc3, 0xff}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 1_000_000 {
		var w [8]byte
		want := 8
		for i := range w {
			w[i] = alphabet[rng.IntN(len(alphabet))]
			if want == 8 && !plain[w[i]] {
				want = i
			}
		}
		got := 8
		if m := special(load8(w[:], 0)); m != 0 {
			got = bits.TrailingZeros64(m) >> 3
		}
		if got != want {
			t.Fatalf("special(% x) marks byte %d first, want %d", w, got, want)
		}
	}
}

// TestConsumeNext: after a member or element comes a comma (more), the
// closing byte (done) or nothing the text may hold.
func TestConsumeNext(t *testing.T) {
	for _, tt := range []struct {
		in    string
		next  int
		more  bool
		close byte
	}{
		{",", 1, true, '}'}, {" , \"a\"", 3, true, '}'}, {"}", 1, false, '}'}, {" ]", 2, false, ']'},
		{"]", -1, false, '}'}, {"", -1, false, '}'}, {" ", -1, false, ']'}, {":", -1, false, '}'},
	} {
		if next, more := ConsumeNext([]byte(tt.in), 0, tt.close); next != tt.next || more != tt.more {
			t.Errorf("ConsumeNext(%q, %q) = %d, %v; want %d, %v", tt.in, tt.close, next, more, tt.next, tt.more)
		}
	}
}

// TestConsumeValue: Skip's answer, as an index.
func TestConsumeValue(t *testing.T) {
	for _, tt := range []struct {
		in   string
		next int
	}{
		{`{"a":[1,{}]} x`, 12}, {` "s"`, 4}, {`nul`, -1}, {`[`, -1}, {`{1:2}`, -1},
	} {
		if next := ConsumeValue([]byte(tt.in), 0); next != tt.next {
			t.Errorf("ConsumeValue(%q) = %d, want %d", tt.in, next, tt.next)
		}
	}
}

// TestConsumeColonAndOpen: the colon between a key and its value, and
// the opening of an object or array, with the white space around them.
func TestConsumeColonAndOpen(t *testing.T) {
	for in, want := range map[string]int{`:1`: 1, `:`: 1, `: 1`: 2, `:"a"`: 1, ` : 1`: 3, "\t:\n": 3, `1`: -1, ``: -1, ` `: -1} {
		if got := ConsumeColon([]byte(in), 0); got != want {
			t.Errorf("ConsumeColon(%q) = %d, want %d", in, got, want)
		}
	}
	for _, tt := range []struct {
		in   string
		next int
		more bool
	}{{`{}`, 2, false}, {`{ } x`, 3, false}, {`{ "a"`, 2, true}, {`{`, 1, true}, {`{]`, 1, true}} {
		if next, more := ConsumeOpen([]byte(tt.in), 0, '}'); next != tt.next || more != tt.more {
			t.Errorf("ConsumeOpen(%q) = %d, %v; want %d, %v", tt.in, next, more, tt.next, tt.more)
		}
	}
}
