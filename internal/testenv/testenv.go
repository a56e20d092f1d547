// Package testenv says how much work the module's tests do.
//
// By default `go test ./...` runs a meaningful sample of every test:
// each differential test, property and sweep still runs, on fewer inputs,
// so that any of them can fail. Setting CONTACTRULES_LONG=1 (as .ci/run
// does) asks for the exhaustive runs: every libphonenumber example number
// with all its mutations, the million generated numbers, 10,000 cases a
// property, the browser tests in Chromium. The -short flag always asks
// for the sample, whatever the environment says.
//
// The functions read the -short flag, so call them from a test, a
// benchmark or a fuzz target, not while the package initialises.
package testenv

import (
	"os"
	"strconv"
	"testing"
)

// Var is the environment variable that asks for the long runs.
const Var = "CONTACTRULES_LONG"

// Long reports whether the long runs are asked for: Var is set to a true
// value (1, t, true, …; see strconv.ParseBool) and the test binary does
// not run with -short.
func Long() bool {
	if testing.Short() {
		return false
	}
	long, _ := strconv.ParseBool(os.Getenv(Var))
	return long
}

// Cases returns long when the long runs are asked for, else short.
func Cases(short, long int) int {
	if Long() {
		return long
	}
	return short
}

// SkipUnlessLong skips t, saying why, unless the long runs are asked
// for.
func SkipUnlessLong(t testing.TB, why string) {
	t.Helper()
	if !Long() {
		t.Skipf("%s; set %s=1 to run it", why, Var)
	}
}
