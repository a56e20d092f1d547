package testenv

import (
	"testing"
)

func TestLong(t *testing.T) {
	for _, c := range []struct {
		value string
		want  bool
	}{
		{"", false}, {"0", false}, {"false", false}, {"no", false},
		{"1", true}, {"true", true}, {"T", true},
	} {
		t.Setenv(Var, c.value)
		want := c.want && !testing.Short()
		if got := Long(); got != want {
			t.Errorf("%s=%q: Long() = %v, want %v", Var, c.value, got, want)
		}
		wantCases := 5
		if want {
			wantCases = 500
		}
		if got := Cases(5, 500); got != wantCases {
			t.Errorf("%s=%q: Cases(5, 500) = %d, want %d", Var, c.value, got, wantCases)
		}
	}
}

func TestSkipUnlessLong(t *testing.T) {
	t.Setenv(Var, "")
	ran := false
	t.Run("sub", func(t *testing.T) {
		SkipUnlessLong(t, "it is slow")
		ran = true
	})
	if ran {
		t.Error("SkipUnlessLong did not skip without " + Var)
	}
}
