package op

import "testing"

func TestString(t *testing.T) {
	for o, want := range map[Op]string{0: "", Create: "create", Update: "update", Both: "create, update"} {
		if got := o.String(); got != want {
			t.Errorf("Op(%d).String() = %q, want %q", o, got, want)
		}
	}
}
