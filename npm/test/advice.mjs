// The differential test of contactrules/advice (driven by go test
// ./advice, TestSameAdviceInJavaScript): each case of CASES (NDJSON)
// holds a contact, maybe a form, and the advice of the Go package advice
// on them; the engine's advise (adviseForm with a form) must give the
// same advice in the same order. Stops at the first difference.
//
//   node npm/test/advice.mjs CASES
import { readFileSync } from "node:fs";
import { advise, adviseForm } from "../engine/advice.mjs";

let cases = 0;
const seen = {};
for (const line of readFileSync(process.argv[2], "utf8").split("\n")) {
  if (line === "") continue;
  const c = JSON.parse(line);
  const want = JSON.stringify(c.want ?? []);
  const got = JSON.stringify(c.form ? adviseForm(c.contact, c.form) : advise(c.contact));
  if (got !== want) {
    console.error(`advise differs from Go\ncase: ${line.slice(0, 2000)}\nwant: ${want}\ngot:  ${got}`);
    process.exit(1);
  }
  for (const a of c.want ?? []) seen[a.rule] = (seen[a.rule] ?? 0) + 1;
  cases++;
}
console.log(`cases: ${cases}, the advice of Go; advice given: ${JSON.stringify(seen)}`);
