package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/contactrules/contactrules/phone"
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
	var (
		p       validate.Policy
		regions string
	)
	fs := flag.NewFlagSet("contactcheck schema", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), schemaUsage)
		fs.PrintDefaults()
	}
	fs.StringVar(&regions, "sms-regions", "US,CA", "comma-separated `regions` whose numbers may subscribe to SMS")
	fs.BoolVar(&p.AllowUnknownFields, "allow-unknown", false, "members the API does not know are allowed")
	fs.BoolVar(&p.AcceptLegacyConsent, "legacy-consent", false, "accept the legacy consent value non_subscribed")
	fs.BoolVar(&p.PossiblePhoneOnly, "possible-phone", false, "phone numbers are checked for a possible length only")
	fs.BoolVar(&p.SMSNeedsMobile, "sms-needs-mobile", false, "SMS consent needs a number whose type can take SMS")
	fs.IntVar(&p.MaxNameLength, "max-name", 255, "the longest first_name and last_name, in `characters`")
	fs.IntVar(&p.MaxTagLength, "max-tag", 255, "the longest tag, in `characters`")
	fs.IntVar(&p.MaxTags, "max-tags", 100, "the most tags")
	fs.IntVar(&p.MaxBodyBytes, "max-bytes", validate.DefaultPolicy().MaxBodyBytes, "the largest body, in `bytes`")
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
	if p.MaxNameLength <= 0 || p.MaxTagLength <= 0 || p.MaxTags <= 0 || p.MaxBodyBytes <= 0 {
		return fail("-max-name, -max-tag, -max-tags and -max-bytes must be positive")
	}
	var codes []string
	for code := range strings.SplitSeq(regions, ",") {
		if code = strings.TrimSpace(code); code != "" {
			codes = append(codes, strings.ToUpper(code))
		}
	}
	var err error
	if p.SMSRegions, err = phone.NewRegions(codes...); err != nil {
		return fail("-sms-regions: %v", err)
	}
	if _, err := stdout.Write(doc(p)); err != nil {
		fmt.Fprintf(stderr, "contactcheck schema: %v\n", err)
		return exitError
	}
	return exitValid
}
