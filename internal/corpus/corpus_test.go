package corpus

import "testing"

// Each body is there once: a body added twice would be judged twice on
// every surface and hide that a new one was meant.
func TestBodiesAreDistinct(t *testing.T) {
	seen := map[string]int{}
	for i, b := range Bodies() {
		if j, ok := seen[b]; ok {
			t.Errorf("body %d %.60q is body %d again", i, b, j)
		}
		seen[b] = i
	}
	if len(seen) < 100 {
		t.Errorf("%d bodies; the surfaces' tests expect the whole corpus", len(seen))
	}
}
