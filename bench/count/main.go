// Command count calls one of the compared functions on the typical
// contact n times, for bench/run.sh to count the instructions it runs
// under valgrind. Unlike time, the count does not move with the load of
// a shared machine, so it shows a change of a few percent that the
// timings' noise hides. run.sh runs each function once and 1+n times and
// divides the difference by n: start-up and the first call's work
// (tables built on first use) cancel out.
//
// Usage:
//
//	count FUNCTION N
//
// where FUNCTION is CreateJSON, CheckCreateJSON or json.Valid.
package main

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"slices"
	"strconv"

	"github.com/contactrules/contactrules/bench"
	"github.com/contactrules/contactrules/validate"
)

// calls are the functions compared, by the names the benchmarks use.
var calls = map[string]func(){
	"CreateJSON":      func() { validate.CreateJSON(bench.Typical, validate.Policy{}) },
	"CheckCreateJSON": func() { validate.CheckCreateJSON(bench.Typical, validate.Policy{}) },
	"json.Valid":      func() { json.Valid(bench.Typical) },
}

func main() {
	if len(os.Args) != 3 {
		fail()
	}
	f, ok := calls[os.Args[1]]
	n, err := strconv.Atoi(os.Args[2])
	if !ok || err != nil || n < 0 {
		fail()
	}
	for range n {
		f()
	}
}

func fail() {
	fmt.Fprintf(os.Stderr, "usage: count FUNCTION N, FUNCTION one of %v\n", slices.Sorted(maps.Keys(calls)))
	os.Exit(2)
}
