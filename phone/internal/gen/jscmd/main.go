// Command jscmd writes the phone module of the JavaScript engine (see
// gen.JS):
//
//	go run ./phone/internal/gen/jscmd -o npm/data/phone.mjs
//
// run by go generate in npm.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/contactrules/contactrules/phone/internal/gen"
)

func main() {
	out := flag.String("o", "phone.mjs", "output file")
	flag.Parse()
	src, err := gen.JS()
	if err == nil {
		err = os.WriteFile(*out, src, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "jscmd:", err)
		os.Exit(1)
	}
}
