package main

import (
	"math"
	"testing"
)

// TestSeenSet checks the duplicate table against a map: lookups, growth,
// lines past 32 bits, and which earlier row a duplicate names.
func TestSeenSet(t *testing.T) {
	var s seenSet
	want := map[uint64]int{}
	for i := 1; i <= 100_000; i++ {
		k := nonzero(uint64(i) * 0x9e3779b97f4a7c15) // spread, as hashes are
		line := i
		if i%1000 == 0 {
			line = math.MaxUint32 + i // a file of more than 4G lines
		}
		if got := s.check([2]uint64{k, 0}, line); got != 0 {
			t.Fatalf("key %d: a duplicate of line %d before it was added", i, got)
		}
		want[k] = line
	}
	for k, line := range want {
		if got, ok := s.find(k); !ok || got != line {
			t.Fatalf("find: line %d, %v; want %d", got, ok, line)
		}
	}
	if _, ok := s.find(12345); ok {
		t.Error("found a key never added")
	}
	if s.n != len(want) || s.size() > 32*s.n {
		t.Errorf("%d keys in %d bytes; want %d keys in at most 32 bytes each", s.n, s.size(), len(want))
	}

	// A row whose email and phone match two earlier rows names the
	// earlier; a duplicate adds nothing.
	var d seenSet
	email, phone, other := uint64(11), uint64(22), uint64(33)
	d.check([2]uint64{email, 0}, 5)
	d.check([2]uint64{0, phone}, 3)
	if got := d.check([2]uint64{email, phone}, 9); got != 3 {
		t.Errorf("duplicate of %d, want 3", got)
	}
	if got := d.check([2]uint64{other, phone}, 10); got != 3 {
		t.Errorf("duplicate of %d, want 3", got)
	}
	if _, ok := d.find(other); ok {
		t.Error("a duplicate row's other key was remembered")
	}
}

// TestEmailKey checks which emails the duplicate check takes for one.
func TestEmailKey(t *testing.T) {
	key := func(e string) uint64 { k, _ := emailKey(e, nil); return k }
	same := [][2]string{
		{"ada@example.com", "ada@EXAMPLE.COM"},
		{"ada@example.com", "ada@Example.Com"},
	}
	for _, p := range same {
		if key(p[0]) != key(p[1]) {
			t.Errorf("%s and %s are one address", p[0], p[1])
		}
	}
	differ := [][2]string{
		{"ada@example.com", "Ada@example.com"},
		{"ada@example.com", "ada@example.org"},
		{"ada@example.com", "ada.@example.com"},
	}
	for _, p := range differ {
		if key(p[0]) == key(p[1]) {
			t.Errorf("%s and %s are two addresses", p[0], p[1])
		}
	}
	if key("+12015550123") == phoneKey("+12015550123") {
		t.Error("an email key and a phone key are equal")
	}
}
