package jsonwire

import (
	"slices"
	"testing"
)

// Members yields each member's name and value text in order, repeated
// names included, and nothing for what is not an object.
func TestMembers(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{` {"a" : 1, "b":{"c":[1,2]},"a":"x\u0041"} `, []string{"a", "1", "b", `{"c":[1,2]}`, "a", `"x\u0041"`}},
		{`{}`, nil},
		{`null`, nil},
		{`[{"a":1}]`, nil},
	} {
		s := Scanner{Buf: []byte(c.text)}
		var got []string
		for name, v := range s.Members() {
			got = append(got, name, string(v))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("Members(%s) = %q; want %q", c.text, got, c.want)
		}
	}
	// A loop that stops early leaves the rest unread.
	s := Scanner{Buf: []byte(`{"a":1,"b":2}`)}
	for name := range s.Members() {
		if name != "a" {
			t.Errorf("first member %q", name)
		}
		break
	}
}
