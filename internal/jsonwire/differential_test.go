package jsonwire

// The differential suite: what this package reads and writes, against
// encoding/json reading and writing the same texts. Each check is a test
// over awkward inputs and a fuzz target seeded with them.

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"
	"unsafe"
)

// texts are whole JSON texts and near misses: the seeds of the Skip and
// Str checks.
var texts = []string{
	``, ` `, `null`, `true`, `false`, `nul`, `nulll`, `True`, `0`, `-0`, `01`, `-`, `1.`, `.5`, `1e`, `1e+`, `1E-2`,
	`-12.5e+3`, `1.0e`, `2.`, `1x`, `+1`, `0x10`, `1e999`, `-01`, `00`, `1 2`,
	`""`, `"a"`, `"a`, `"\"`, `"\\"`, `"\/\b\f\n\r\t"`, `"\x"`, `"\u"`, `"\u12"`, `"\u12G4"`, `"\u00e9"`,
	`"\u0000"`, `"\uD83D\uDE00"`, `"\ud83d\ude00"`, `"\uD83D"`, `"\uDE00"`, `"\uD83D\u0041"`, `"\uD83Dx"`,
	`"\uD83D\uD83D\uDE00"`, `"\uDE00\uD83D"`, `"\uD800\u"`, `"\uFFFD"`, `"\u2028\u2029"`, "\"\t\"", "\"\x00\"",
	"\"\x7f\"", "\"\xff\"", "\"\xe2\x82\"", "\"\xe2\x82\xac\"", "\"\xed\xa0\x80\"", "\"\xc0\x80\"", "\"é 優希 😀\"",
	"\"\xe2\\n\"", "\"\\n\x82\"", "\"\xf0\x9f\x98\"", "\"\xef\xbf\xbd\"",
	`[]`, `[`, `]`, `[1,]`, `[,1]`, `[1 2]`, `[1,2]`, `[[[]]]`, `[[[]]`, `[]]`, `[] []`, ` [ 1 , "a" , null ] `,
	`{}`, `{`, `}`, `{"a"}`, `{"a":}`, `{"a":1,}`, `{,"a":1}`, `{"a" 1}`, `{"a":1 "b":2}`, `{1:1}`, `{"a":1}`,
	`{"a":{"b":[1,{"c":null}]}}`, `{"a":1}}`, `{} {}`, "{\"\xff\":1}", `{"\uD800":1}`, `{"\uD83D\uDE00":1}`,
	"[\"\xff\"]", `{"a":"\uD800"}`, `{"\u0061":[true,false,null]}`, "\t\r\n{ \"a\" :\n1 }\n", "\v1", "\u00a01",
	"1\x00", `[-]`, `[1e5,-0.0,3E+10]`, `{"a":"b"}x`, `{"a" : "\u00e9\ud83d\ude00\n"}`,
}

// whole reports whether b is one JSON value, as Skip reads it.
func whole(b []byte) bool {
	s := Scanner{Buf: b}
	return s.Skip() && s.AtEnd()
}

// tooDeep reports whether b might nest more than encoding/json's 10,000
// levels, where only encoding/json refuses it.
func tooDeep(b []byte) bool {
	return bytes.Count(b, []byte("["))+bytes.Count(b, []byte("{")) > 10000
}

// keysUTF8 reports whether every object key of b, a text json.Valid
// accepts, is valid UTF-8 once decoded: the one thing Skip asks of a
// text beyond encoding/json. encoding/json finds the keys (their offsets
// in the token stream); Str, checked against json.Unmarshal on its own
// in TestStrIsEncodingJSON, judges them.
func keysUTF8(t testing.TB, b []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	type frame struct{ object, key bool } // key: a key comes next
	var open []frame
	for {
		from := dec.InputOffset()
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return true
		}
		if err != nil {
			t.Fatalf("json.Decoder on a valid text %q: %v", b, err)
		}
		n := len(open)
		if _, delim := tok.(json.Delim); n > 0 && open[n-1].key && !delim {
			raw := bytes.TrimLeft(b[from:dec.InputOffset()], " \t\r\n,")
			s := Scanner{Buf: raw}
			_, valid, ok := s.Str()
			if !ok || s.Pos != len(raw) {
				t.Fatalf("key %q of %q is not one string", raw, b)
			}
			if !valid {
				return false
			}
			open[n-1].key = false
			continue
		}
		switch tok {
		case json.Delim('{'):
			open = append(open, frame{object: true, key: true})
			continue
		case json.Delim('['):
			open = append(open, frame{})
			continue
		case json.Delim('}'), json.Delim(']'):
			open = open[:n-1]
		}
		// A value ended.
		if n := len(open); n > 0 && open[n-1].object {
			open[n-1].key = true
		}
	}
}

// checkSkip holds Skip to json.Valid on b.
func checkSkip(t *testing.T, b []byte) {
	s := Scanner{Buf: b}
	skipped := s.Skip()
	got := skipped && s.AtEnd()
	if tooDeep(b) {
		return
	}
	valid := json.Valid(b)
	want := valid && keysUTF8(t, b)
	if got != want {
		t.Fatalf("Skip and AtEnd on %q: %v; json.Valid %v, keys UTF-8 %v", b, got, valid, want)
	}
	if any := ValidAnyKeys(b); any != valid {
		t.Fatalf("ValidAnyKeys(%q) = %v; json.Valid %v", b, any, valid)
	}
	if skipped && !got {
		// Skip read a value and stopped before something else: what it
		// read is one value.
		if !whole(b[:s.Pos]) || !json.Valid(b[:s.Pos]) {
			t.Fatalf("Skip on %q read %q, which is not one value", b, b[:s.Pos])
		}
	}
}

func TestSkipIsEncodingJSONValid(t *testing.T) {
	for _, in := range texts {
		checkSkip(t, []byte(in))
		for _, wrap := range []string{`[%s]`, `{"k":%s}`, `[1,%s,{"a":[%s]}]`, ` %s `} {
			checkSkip(t, []byte(strings.ReplaceAll(wrap, "%s", in)))
		}
	}
}

func FuzzSkip(f *testing.F) {
	for _, in := range texts {
		f.Add([]byte(in))
	}
	f.Fuzz(checkSkip)
}

// replaced is v as encoding/json decodes the same text: each byte that is
// not UTF-8 as U+FFFD, and each lone surrogate (which Str keeps as its
// three-byte encoding) as one U+FFFD.
func replaced(v string) string {
	var b strings.Builder
	for i := 0; i < len(v); {
		if isSurrogate(v[i:]) {
			b.WriteRune(utf8.RuneError)
			i += 3
			continue
		}
		r, size := utf8.DecodeRuneInString(v[i:])
		b.WriteRune(r)
		i += size
	}
	return b.String()
}

// isSurrogate reports whether v starts with the three-byte encoding of a
// surrogate (U+D800 to U+DFFF).
func isSurrogate(v string) bool {
	return len(v) >= 3 && v[0] == 0xED && 0xA0 <= v[1] && v[1] <= 0xBF && 0x80 <= v[2] && v[2] <= 0xBF
}

// checkStr holds Str to json.Unmarshal into a string on b.
func checkStr(t *testing.T, b []byte) {
	s := Scanner{Buf: b}
	v, valid, ok := s.Str()
	if !ok && s.Pos != 0 {
		t.Fatalf("Str on %q failed and moved to %d", b, s.Pos)
	}
	got := ok && s.Pos == len(b)
	var w string
	err := json.Unmarshal(b, &w)
	want := err == nil && len(b) >= 2 && b[0] == '"' && b[len(b)-1] == '"'
	if got != want {
		t.Fatalf("Str on %q: whole string %v; json.Unmarshal: %v", b, got, err)
	}
	if ok && !got {
		checkStr(t, b[:s.Pos])
	}
	if !got {
		return
	}
	if valid != utf8.ValidString(v) {
		t.Fatalf("Str on %q = %q: valid UTF-8 %v, but it is %v", b, v, valid, !valid)
	}
	switch {
	case valid && v != w:
		t.Fatalf("Str on %q = %q; json.Unmarshal gives %q", b, v, w)
	case !valid && !strings.Contains(string(b), "\xed") && replaced(v) != w:
		// (Raw encoded surrogates in the text would be replaced byte by
		// byte, escaped ones as a whole: only the latter are told apart.)
		t.Fatalf("Str on %q = %q, replaced %q; json.Unmarshal gives %q", b, v, replaced(v), w)
	}
	if bytes.IndexByte(b, '\\') < 0 && len(v) > 0 && unsafe.StringData(v) != &b[1] {
		t.Fatalf("Str on %q copied a string without escapes", b)
	}
}

func TestStrIsEncodingJSON(t *testing.T) {
	for _, in := range texts {
		checkStr(t, []byte(in))
	}
}

func FuzzStr(f *testing.F) {
	for _, in := range texts {
		f.Add([]byte(in))
	}
	f.Fuzz(checkStr)
}

// strs are Go strings awkward to quote: the seeds of the AppendQuote
// check.
var strs = []string{
	"", "plain", `quote " and \ backslash`, "<script>&amp;</script>", "\b\f\n\r\t\x00\x01\x1f\x7f",
	"é 優希 😀", "bad \xff byte", "cut \xe2\x82", "\u2028\u2029", "\ufffd", "surrogate \xed\xa0\x80",
	"\xc0\x80", "\xf4\x90\x80\x80", "\U0010ffff", "a\u2027b\u202ac", "'single' /slash/",
}

// checkQuote holds AppendQuote to json.Marshal on s, and Str to reading
// it back.
func checkQuote(t *testing.T, s string) {
	want, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	got := AppendQuote([]byte("x"), s)
	if string(got[1:]) != string(want) || got[0] != 'x' {
		t.Fatalf("AppendQuote(%q) = %s; json.Marshal gives %s", s, got[1:], want)
	}
	sc := Scanner{Buf: got[1:]}
	v, valid, ok := sc.Str()
	switch {
	case !ok || !sc.AtEnd() || !valid:
		t.Fatalf("Str cannot read back AppendQuote(%q) = %s", s, got[1:])
	case utf8.ValidString(s) && v != s:
		t.Fatalf("Str reads back AppendQuote(%q) as %q", s, v)
	}
}

func TestAppendQuoteIsEncodingJSON(t *testing.T) {
	for _, s := range strs {
		checkQuote(t, s)
	}
	for c := range 256 {
		checkQuote(t, string(rune(c)))
		checkQuote(t, string([]byte{byte(c)}))
	}
}

func FuzzAppendQuote(f *testing.F) {
	for _, s := range strs {
		f.Add(s)
	}
	f.Fuzz(checkQuote)
}
