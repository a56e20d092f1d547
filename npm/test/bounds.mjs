// Bounds of the engine (npm/bounds_test.go runs it): each regular
// expression the engine writes, run on its worst inputs a megabyte long
// (no clock: a super-linear one would hang, and go test's timeout fails
// it); the metadata's patterns never seeing more than a bounded input;
// and the answer to the most hostile bodies bounded as docs/bounds.md
// says (at most maxDetails details, names cut at 64 bytes, no envelope
// above 64 KiB).
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { validateCreate, validateUpdate, normalizePhone, formatPhone } from "../engine/index.mjs";
import { parse } from "../engine/phone.mjs";
import { AsYouType } from "../engine/asyoutype.mjs";

const n = Number(process.env.BOUNDS_SIZE) || 1 << 20;
const many = (unit) => unit.repeat(Math.ceil(n / unit.length));

// Every regular expression literal of the engine's sources, with its
// worst inputs: long runs of what it matches, then what breaks the match.
const worst = {
  "\\{(\\w+)\\}": [many("{a"), "{" + many("a"), many("{")],
  "^[a-z]+$": [many("a") + "1", many("aZ")],
  "^xn--.": [many("x"), "xn--" + many("-")],
  "[A-Z]+": [many("A"), many("Ab")],
  "^\\+[1-9][0-9]{0,14}$": ["+" + many("1"), many("+1")],
  "[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]": [many("\ud800"), many("\udc00"), many("\ud800\udc00"), many("a")],
  "[\\ud800-\\udfff]": [many("a")],
  "^tags\\[([0-9]+)\\]$": ["tags[" + many("1"), "tags[" + many("1") + "]x"],
  "\\$\\d": [many("$"), many("$1")],
  "([^$]*)(?:\\$(\\d))?": [many("a"), many("$"), many("$1"), many("a$")],
  "[- ]": [many("-"), many("a")],
  "\\D": [many("1"), many("a")],
  "^\\(?\\$1\\)?$": [many("("), "(" + many("$1")],
  "^[-/. [\\]()~]*$": [many("-"), many("-") + "a"],
  "[^0-9[\\]]": [many("1"), many("[")],
  "\\[[^[\\]]*\\]|\\{[^{}]*\\}|\\\\d|\\d": [many("["), many("{"), many("\\"), many("[1"), many("{1,")],
};

// literals returns the sources of the regular expression literals in a
// module's text (after "=", "(", ",", ":", "?", "!", "&&", "||" or
// "return").
function literals(text) {
  const re = /(?:[=(,:?!&|]|return)\s*\/((?:\\.|\[(?:\\.|[^\]\\])*\]|[^/\\\n[*])(?:\\.|\[(?:\\.|[^\]\\])*\]|[^/\\\n[])*)\/[dgimsuy]*/g;
  return [...text.matchAll(re)].map((m) => m[1]);
}

const dir = new URL("../engine/", import.meta.url);
const found = new Set();
for (const file of readdirSync(dir).filter((f) => f.endsWith(".mjs"))) {
  for (const source of literals(readFileSync(new URL(file, dir), "utf8"))) {
    found.add(source);
  }
}
assert.deepEqual([...found].sort(), Object.keys(worst).sort(), "every regular expression of engine/ has its worst inputs here");
let runs = 0;
for (const [source, inputs] of Object.entries(worst)) {
  for (const input of inputs) {
    new RegExp(source, "g").test(input);
    input.replace(new RegExp(source, "g"), "");
    runs += 2;
  }
}

// The metadata's patterns (new RegExp of data/) see at most 15 digits in
// parse and formatPhone, and 64 bytes of input in normalizePhone: longer
// input is refused first.
assert.equal(parse("+" + many("1"), false), undefined);
assert.equal(parse("+1" + "2".repeat(14), true), undefined);
assert.equal(formatPhone("+" + many("1"), "NATIONAL"), "");
assert.equal(normalizePhone(many("1"), "US").error.message, "malformed phone number: longer than 64 bytes");
// AsYouType keeps 20 digits, which its patterns see, and shows at most 64
// characters, however much is typed or pasted.
for (const region of ["US", "GB", ""]) {
  const ayt = new AsYouType(region);
  for (const text of [many("1"), "+" + many("4"), many("(0) ")]) {
    assert.ok(ayt.input(text).length <= 64);
    assert.ok(ayt.input(text).length <= 64);
  }
}

// The most hostile bodies get answers of bounded size.
const long = "😀".repeat(100);
const hostile = {
  "unknown members with long names": "{" + Array.from({ length: n >> 8 }, (_, i) => `"${long}${i}":1`).join(",") + "}",
  "custom field keys repeated": `{"custom_fields":{` + Array.from({ length: n >> 8 }, (_, i) => `"${long}${i % 200}":"\\ud800"`).join(",") + "}}",
  "empty tags": `{"email":"a@b.co","tags":[` + Array(n >> 2).fill('""').join(",") + "]}",
  "deep nesting": `{"x":` + "[".repeat(n >> 1) + "]".repeat(n >> 1) + "}",
  "one long string": `{"email":"` + many("a") + `"}`,
};
for (const [name, body] of Object.entries(hostile)) {
  for (const answer of [validateCreate(body, { maxBodyBytes: 1 << 30 }), validateUpdate({ email: "a@b.co" }, body, { maxBodyBytes: 1 << 30 })]) {
    const text = JSON.stringify(answer);
    assert.ok(text.length <= 65536, `${name}: an envelope of ${text.length} bytes`);
    if (!answer.ok) {
      assert.ok(answer.error.details.length <= 100, `${name}: ${answer.error.details.length} details`);
      for (const d of answer.error.details) {
        const member = d.field.startsWith("custom_fields.") ? d.field.slice(14) : d.field;
        assert.ok(new TextEncoder().encode(member).length <= 67, `${name}: a field of ${member.length} characters`);
      }
    }
  }
}
console.log(`bounds: ${Object.keys(worst).length} regular expressions on ${runs} worst inputs of ${n} characters; ${Object.keys(hostile).length} hostile bodies`);
