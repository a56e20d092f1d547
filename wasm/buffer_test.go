//go:build !js

package main

import "testing"

// TestSized: the input buffer grows to what a call needs, is reused while
// it is large enough, and is given back once it is larger than keptInput
// and the next call is not (after one 300 MiB string, 900 MiB stayed held).
func TestSized(t *testing.T) {
	var buf []byte
	for _, c := range []struct {
		n    uint32
		want int // the buffer's length after
	}{
		{4096, 4096},               // the first call
		{100, 4096},                // reused
		{1 << 20, 1 << 20},         // grown
		{4096, 1 << 20},            // kept: at most keptInput
		{keptInput, keptInput},     // grown
		{4096, keptInput},          // kept
		{300 << 20, 300 << 20},     // one huge argument
		{keptInput + 1, 300 << 20}, // reused: as large
		{4096, 4096},               // given back
		{keptInput + 1, keptInput + 1},
		{keptInput, keptInput}, // given back
	} {
		buf = sized(buf, c.n)
		if len(buf) != c.want {
			t.Fatalf("sized(…, %d): %d bytes; want %d", c.n, len(buf), c.want)
		}
	}
}
