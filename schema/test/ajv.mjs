// Judges bodies with ajv (JSON Schema draft 2020-12), for
// TestAjvSoundAndComplete (validator_test.go):
//
//   node ajv.mjs CASES_JSON
//
// CASES_JSON is {"schemas":[schema, …],"cases":[{"s":index,"b":base64 body}, …]}.
// Each body is read as a server in JavaScript reads one (UTF-8, then
// JSON.parse; a text that does not parse is refused) and judged by its
// schema. It prints [[accepted, "the first error", nonFinite], …], one
// entry a case; nonFinite says JSON.parse read a number as ±Infinity.
import Ajv2020 from "ajv/dist/2020.js";
import { readFile } from "node:fs/promises";

const [file] = process.argv.slice(2);
if (!file) {
  console.error("usage: node ajv.mjs CASES_JSON (run by go test ./schema)");
  process.exit(2);
}
const { schemas, cases } = JSON.parse(await readFile(file, "utf8"));
// Strict: an unknown keyword or a schema ajv reads otherwise than its
// author meant fails compiling. The x- members are annotations; union
// types (["string","null"]) are meant, and a branch of anyOf or then
// may require a member the parent schema's properties define.
// strictNumbers off: JSON.parse reads a number beyond a double's range
// (1e999, which the API accepts in custom_fields) as Infinity, which
// ajv's default refuses as no number (docs/schema.md).
const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, strictRequired: false, strictNumbers: false });
ajv.addVocabulary(["x-contactrules-rule", "x-contactrules-unexpressed"]);
const validators = schemas.map((s) => ajv.compile(s));
const out = cases.map(({ s, b }) => {
  let value;
  let nonFinite = false;
  try {
    value = JSON.parse(Buffer.from(b, "base64").toString("utf8"), (k, v) => {
      if (typeof v === "number" && !Number.isFinite(v)) nonFinite = true;
      return v;
    });
  } catch (e) {
    return [false, "not JSON", false];
  }
  const v = validators[s];
  if (v(value)) return [true, "", nonFinite];
  const e = v.errors[0];
  return [false, `${e.instancePath} ${e.keyword} ${e.message}`, nonFinite];
});
process.stdout.write(JSON.stringify(out));
