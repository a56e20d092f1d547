package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/contactrules/contactrules/schema"
	"github.com/contactrules/contactrules/validate"
)

// schemaUsage heads the usage of contactcheck schema.
const schemaUsage = `usage: contactcheck schema [flags] create|update|openapi

Prints an API document of the rules under the policy the flags set
(docs/schema.md): the JSON Schema (draft 2020-12) of a create body or an
update patch, or the OpenAPI 3.1 document of both operations. Without
flags it prints the checked-in schema/*.json. (A file named "schema" is
checked as ./schema.)

Flags:
`

// schemaDocs are the documents contactcheck schema prints, by argument.
var schemaDocs = map[string]func(validate.Policy) []byte{
	"create":  schema.Create,
	"update":  schema.Update,
	"openapi": schema.OpenAPI,
}

// runSchema is contactcheck schema: it prints the document args name
// and returns the exit status.
func runSchema(args []string, stdout, stderr io.Writer) int {
	var p validate.Policy
	fs := flag.NewFlagSet("contactcheck schema", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), schemaUsage)
		fs.PrintDefaults()
	}
	policyDone := policyFlags(fs, &p)
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return exitValid
		}
		return exitError
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "contactcheck schema: "+format+"\n", a...)
		fs.Usage()
		return exitError
	}
	doc, ok := schemaDocs[fs.Arg(0)]
	if fs.NArg() != 1 || !ok {
		return fail("name one document: create, update or openapi")
	}
	if err := policyDone(); err != nil {
		return fail("%v", err)
	}
	if _, err := stdout.Write(doc(p)); err != nil {
		fmt.Fprintf(stderr, "contactcheck schema: %v\n", err)
		return exitError
	}
	return exitValid
}
