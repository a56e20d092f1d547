package jsonwire_test

import (
	"fmt"

	"github.com/contactrules/contactrules/internal/jsonwire"
)

// Reading an object member by member: known keys are decoded, anything
// else is skipped whatever its depth.
func ExampleScanner() {
	s := jsonwire.Scanner{Buf: []byte(`{"name": "Ann", "tags": [["x"]], "vip": true}`)}
	if !s.Eat('{') {
		return
	}
	for {
		k, ok := s.Key()
		if !ok {
			fmt.Println("malformed at byte", s.Pos)
			return
		}
		switch {
		case k == "name" && s.Peek() == '"':
			v, _, _ := s.Str()
			fmt.Println("name:", v)
		default:
			s.Skip()
			fmt.Println("skipped", k)
		}
		if s.Eat(',') {
			continue
		}
		fmt.Println(s.Eat('}') && s.AtEnd())
		return
	}
	// Output:
	// name: Ann
	// skipped tags
	// skipped vip
	// true
}

func ExampleScanner_Peek() {
	s := jsonwire.Scanner{Buf: []byte("  [1]")}
	fmt.Printf("%q at %d\n", s.Peek(), s.Pos)
	// Output: '[' at 2
}

func ExampleScanner_Eat() {
	s := jsonwire.Scanner{Buf: []byte(" [ ]")}
	fmt.Println(s.Eat('{'), s.Eat('['), s.Eat(']'))
	// Output: false true true
}

func ExampleScanner_AtEnd() {
	s := jsonwire.Scanner{Buf: []byte("null \n")}
	fmt.Println(s.Literal("null") && s.AtEnd())
	// Output: true
}

func ExampleScanner_Literal() {
	s := jsonwire.Scanner{Buf: []byte("false")}
	fmt.Println(s.Literal("true"), s.Literal("false"))
	// Output: false true
}

func ExampleScanner_Number() {
	s := jsonwire.Scanner{Buf: []byte("-12.5e3,")}
	fmt.Println(s.Number(), string(s.Buf[:s.Pos]))
	// Output: true -12.5e3
}

// A lone surrogate reads as text that is not UTF-8, so that a caller
// rejecting invalid UTF-8 rejects it too.
func ExampleScanner_Str() {
	for _, in := range []string{`"caf\u00e9 \ud83d\ude00"`, `"\ud83d"`, `"unterminated`} {
		s := jsonwire.Scanner{Buf: []byte(in)}
		v, valid, ok := s.Str()
		fmt.Printf("%q valid UTF-8: %v, ok: %v\n", v, valid, ok)
	}
	// Output:
	// "café 😀" valid UTF-8: true, ok: true
	// "\xed\xa0\xbd" valid UTF-8: false, ok: true
	// "" valid UTF-8: false, ok: false
}

func ExampleScanner_Key() {
	s := jsonwire.Scanner{Buf: []byte(`{ "em\u0061il" : "a@b.co"}`)}
	s.Eat('{')
	k, ok := s.Key()
	fmt.Println(k, ok, s.Peek() == '"')
	// Output: email true true
}

func ExampleScanner_Scalar() {
	s := jsonwire.Scanner{Buf: []byte(`["a\n", 1, null, []]`)}
	s.Eat('[')
	for s.Scalar() {
		s.Eat(',')
	}
	fmt.Printf("stopped at %q\n", s.Peek())
	// Output: stopped at '['
}

func ExampleScanner_Skip() {
	for _, in := range []string{`{"a": [1, {"b": null}]}`, `[1, 2`, `{"a": 1} {}`} {
		s := jsonwire.Scanner{Buf: []byte(in)}
		fmt.Println(s.Skip() && s.AtEnd())
	}
	// Output:
	// true
	// false
	// false
}

// AppendQuote writes what json.Marshal writes, which is not what
// strconv.Quote writes.
func ExampleAppendQuote() {
	b := jsonwire.AppendQuote([]byte(`{"message":`), "<é>\t\xff\u2028")
	fmt.Println(string(append(b, '}')))
	// Output: {"message":"\u003cé\u003e\t\ufffd\u2028"}
}

// A test builds a body that carries a byte that is not UTF-8, for the
// rules to report, where AppendQuote would have replaced it.
func ExampleAppendQuoteBytes() {
	fmt.Printf("%q\n", jsonwire.AppendQuoteBytes(nil, "J\xffne \"J\""))
	fmt.Printf("%q\n", jsonwire.AppendQuote(nil, "J\xffne \"J\""))
	// Output:
	// "\"J\xffne \\\"J\\\"\""
	// "\"J\\ufffdne \\\"J\\\"\""
}

// The same object read by the stateless functions, the place in the text
// kept in a local variable: -1 says the text is malformed.
func ExampleConsumeKey() {
	b := []byte(`{"name": "Ann", "tags": [["x"]], "vip": true}`)
	i := jsonwire.Space(b, 0) + 1 // past the '{'
	for more := true; more; {
		k, v := jsonwire.ConsumeKey(b, jsonwire.Space(b, i))
		if v < 0 {
			fmt.Println("malformed")
			return
		}
		if end, escaped, _ := jsonwire.ConsumeString(b, v); k == "name" && end >= 0 {
			fmt.Println("name:", jsonwire.StringValue(b, v, end, escaped))
			i = end
		} else {
			i = jsonwire.ConsumeValue(b, v)
			fmt.Println("skipped", k)
		}
		if i, more = jsonwire.ConsumeNext(b, i, '}'); i < 0 {
			fmt.Println("malformed")
			return
		}
	}
	fmt.Println("end at", i, "of", len(b))
	// Output:
	// name: Ann
	// skipped tags
	// skipped vip
	// end at 45 of 45
}
