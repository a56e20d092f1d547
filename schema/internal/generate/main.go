// Command generate writes the API documents of the default policy into
// the schema package's directory: create.schema.json, update.schema.json
// and openapi.json. go generate ./schema runs it; TestCheckedInAreFresh
// fails when they are stale.
package main

import (
	"fmt"
	"os"

	"github.com/contactrules/contactrules/schema"
	"github.com/contactrules/contactrules/validate"
)

func main() {
	var p validate.Policy // the default
	for name, doc := range schema.Files(p) {
		if err := os.WriteFile(name, doc, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "generate:", err)
			os.Exit(1)
		}
	}
}
