package fuzz

import "testing"

// sink keeps the test's allocations on the heap.
var sink []*[64]byte

// TestAllocatedIsTheCallsOwn: allocated reports what a call itself
// allocates, not what happened to be allocated meanwhile. Under -race a
// sync.Pool drops a quarter of what is put back at random, so a call that
// reuses pooled buffers allocates more on some runs than on others (and
// other goroutines allocate too); an average of two runs then flaked by a
// few allocations. The simulated call below allocates one object, and 10
// more every other time, as a pooled buffer missed would: its own figure
// is 1.
func TestAllocatedIsTheCallsOwn(t *testing.T) {
	calls := 0
	f := func() {
		calls++
		sink = append(sink[:0], new([64]byte))
		if calls%2 == 1 {
			for range 10 {
				sink = append(sink, new([64]byte))
			}
		}
	}
	sink = make([]*[64]byte, 0, 16)
	if m, b := allocated(4, f); m != 1 || b != 64 {
		t.Errorf("allocated: %.1f allocations, %.0f bytes; want 1, 64", m, b)
	}
}
