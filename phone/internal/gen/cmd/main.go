// Command cmd writes the tables of package dfa (see package gen):
//
//	go run ../gen/cmd -o tables.go
//
// run by go generate in phone/internal/dfa.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/contactrules/contactrules/phone/internal/gen"
)

func main() {
	out := flag.String("o", "tables.go", "output file")
	flag.Parse()
	src, err := gen.Source()
	if err == nil {
		err = os.WriteFile(*out, src, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
