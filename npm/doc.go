// Package npm holds the tests of the npm package contactrules, whose
// JavaScript engine (npm/engine) interprets data generated from the Go
// code (npm/data): the rules by npm/gen, the phone metadata by
// phone/internal/gen/jscmd. After a change to the rules or an upgrade of
// phonenumbers, run go generate ./npm.
package npm

//go:generate go run ./gen -o data/rules.mjs
//go:generate go run ./gen -advice -o data/advice.mjs
//go:generate go run ../phone/internal/gen/jscmd -d data
