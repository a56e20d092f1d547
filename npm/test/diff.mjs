// The differential test's runner (driven by go test ./npm): each case of
// CASES (NDJSON, written by npm/diff_test.go) holds a body and the Go
// code's answer; the engine must give that answer for the body as bytes,
// as a string when the bytes are UTF-8, and as the parsed value when
// JSON.stringify writes it back as the same text. PHONES lists numbers
// with the regions Go's phone.Parse and ParsePossible give them and the
// type of phone.Number.Type; TYPED
// (NDJSON) numbers as typed, with a default region and the answer of Go's
// phone.Normalize; FORMATS (NDJSON) valid numbers written in national,
// international and RFC 3966 form by phone.Number.Format. Stops at the
// first difference; EXAMPLES (NDJSON) phone.Example's answer for each
// region and type.
//
//   node test/diff.mjs CASES PHONES TYPED FORMATS EXAMPLES
import { readFileSync } from "node:fs";
import { validateCreate, validateUpdate } from "../engine/index.mjs";
import { parse, phoneType } from "../engine/phone.mjs";
import { normalizePhone } from "../engine/normalize.mjs";
import { formatPhone } from "../engine/format.mjs";
import { examplePhone } from "../engine/examples.mjs";

const [casesFile, phonesFile, typedFile, formatsFile, examplesFile] = process.argv.slice(2);
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const counts = { bytes: 0, text: 0, object: 0, phones: 0, typed: 0, formatted: 0 };

function fail(what, c, got) {
  console.error(`${what}: the engine differs from Go\ncase: ${JSON.stringify(c).slice(0, 2000)}\nwant: ${c.want.slice(0, 2000)}\ngot:  ${JSON.stringify(got).slice(0, 2000)}`);
  process.exit(1);
}

for (const line of readFileSync(casesFile, "utf8").split("\n")) {
  if (line === "") continue;
  const c = JSON.parse(line);
  const want = JSON.stringify(JSON.parse(c.want));
  const call = (body) => (c.op === "create" ? validateCreate(body, c.policy) : validateUpdate(c.current, body, c.policy));
  const bytes = new Uint8Array(Buffer.from(c.body, "base64"));
  let got = call(bytes);
  if (JSON.stringify(got) !== want) fail("bytes", c, got);
  counts.bytes++;
  let text;
  try {
    text = utf8.decode(bytes);
  } catch {
    continue;
  }
  got = call(text);
  if (JSON.stringify(got) !== want) fail("text", c, got);
  counts.text++;
  let value;
  try {
    value = JSON.parse(text);
    if (JSON.stringify(value) !== text) continue;
  } catch {
    continue; // not JSON, or nested deeper than JSON.stringify goes
  }
  got = call(value);
  if (JSON.stringify(got) !== want) fail("object", c, got);
  counts.object++;
}

for (const line of readFileSync(phonesFile, "utf8").split("\n")) {
  if (line === "") continue;
  const [number, valid, possible, type] = line.split(" ");
  const got = [parse(number, false) ?? "-", parse(number, true) ?? "-", phoneType(number)];
  if (got[0] !== valid || got[1] !== possible || got[2] !== type) {
    console.error(`phone ${number}: Go says valid ${valid}, possible ${possible}, ${type}; the engine ${got.join(", ")}`);
    process.exit(1);
  }
  counts.phones++;
}
for (const line of readFileSync(typedFile, "utf8").split("\n")) {
  if (line === "") continue;
  const c = JSON.parse(line);
  const got = JSON.stringify(normalizePhone(c.input, c.region));
  if (got !== c.want) {
    console.error(`normalizePhone(${JSON.stringify(c.input)}, ${JSON.stringify(c.region)}): Go says ${c.want}; the engine ${got}`);
    process.exit(1);
  }
  counts.typed++;
}
for (const line of readFileSync(formatsFile, "utf8").split("\n")) {
  if (line === "") continue;
  const { n, f } = JSON.parse(line);
  const got = ["NATIONAL", "INTERNATIONAL", "RFC3966"].map((form) => formatPhone(n, form));
  if (got.join("|") !== f.join("|")) {
    console.error(`formatPhone(${n}): Go writes ${JSON.stringify(f)}; the engine ${JSON.stringify(got)}`);
    process.exit(1);
  }
  counts.formatted++;
}
for (const line of readFileSync(examplesFile, "utf8").split("\n")) {
  if (line === "") continue;
  const { region, type, want } = JSON.parse(line);
  const got = examplePhone(region, type) ?? "";
  if (got !== want) {
    console.error(`examplePhone(${region}, ${type}): Go gives ${JSON.stringify(want)}; the engine ${JSON.stringify(got)}`);
    process.exit(1);
  }
  counts.examples = (counts.examples ?? 0) + 1;
}
console.log(
  `same answers: ${counts.bytes} bodies as bytes, ${counts.text} as strings, ${counts.object} as values; ` +
    `${counts.phones} phone numbers (${counts.formatted} valid ones in three formats); ${counts.typed} typed numbers; ${counts.examples} examples`,
);
