// Command jscmd writes the phone modules of the JavaScript engine (see
// gen.JS, gen.JSParsing, gen.JSFormats and gen.JSExamples) into a
// directory:
//
//	go run ./phone/internal/gen/jscmd -d npm/data
//
// run by go generate in npm.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/contactrules/contactrules/phone/internal/gen"
)

func main() {
	dir := flag.String("d", ".", "output directory")
	flag.Parse()
	src, err := gen.JS()
	if err == nil {
		err = os.WriteFile(filepath.Join(*dir, "phone.mjs"), src, 0o644)
	}
	if err == nil {
		src, err = gen.JSParsing()
	}
	if err == nil {
		err = os.WriteFile(filepath.Join(*dir, "parsing.mjs"), src, 0o644)
	}
	if err == nil {
		src, err = gen.JSFormats()
	}
	if err == nil {
		err = os.WriteFile(filepath.Join(*dir, "format.mjs"), src, 0o644)
	}
	if err == nil {
		src, err = gen.JSExamples()
	}
	if err == nil {
		err = os.WriteFile(filepath.Join(*dir, "examples.mjs"), src, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "jscmd:", err)
		os.Exit(1)
	}
}
