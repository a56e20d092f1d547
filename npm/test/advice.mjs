// The differential test of contactrules/advice (driven by go test
// ./advice, TestSameAdviceInJavaScript): each case of CASES (NDJSON)
// holds a contact, maybe a form, and the advice of the Go package advice
// on them; the engine's advise (adviseForm with a form) must give the
// same advice in the same order. Stops at the first difference.
//
//   node npm/test/advice.mjs CASES
//
// With --bounds instead, the bounds of advise: contacts and forms whose
// members are BOUNDS_SIZE characters long (a megabyte by default), each
// answered with at most one advice a rule and a suggestion no longer than
// what it corrects (no clock: time more than linear in the input would
// hang, and go test's timeout fails it).
//
//   node npm/test/advice.mjs --bounds
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { advise, adviseForm } from "../engine/advice.mjs";

if (process.argv[2] === "--bounds") {
  const n = Number(process.env.BOUNDS_SIZE) || 1 << 20;
  const many = (unit) => unit.repeat(Math.ceil(n / unit.length));
  const emails = [
    "a@" + many("g"), "a@" + many("gmail."), "a@" + many("gmail.") + "con", "a@" + many("é"), "a@" + many("\ud800"),
    many("info") + "@gmial.com", many(".") + "@x.io", "info" + many("+") + "@x.io", many("@"), many("a@gmial.com"),
    "jane@" + many("x").slice(0, 250) + ".con", "jane@" + many("a.").slice(0, 249) + "con",
  ];
  let runs = 0;
  for (const email of emails) {
    const contacts = [{ email }, { email, phone_number: many("1"), sms_consent: "subscribed" }, { email, phone_number: "+" + many("1") }];
    for (const c of contacts) {
      for (const got of [advise(c), adviseForm(c, { phone_region: many("u"), phone_number: many(" ") + "+1" }), adviseForm(c, { phone_region: ["", many("\u017f")], phone_number: [many("+")] })]) {
        assert.ok(got.length <= 4, `${got.length} advice`);
        for (const { suggestion = "" } of got) assert.ok(suggestion.length <= Math.max(email.length, 3), `a suggestion of ${suggestion.length} characters`);
        runs++;
      }
    }
  }
  console.log(`bounds: ${runs} calls on members of ${n} characters`);
  process.exit(0);
}

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
