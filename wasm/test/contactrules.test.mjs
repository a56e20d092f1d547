// The ES module and the WebAssembly rules, in Node.js. Run by
// `go test ./wasm/...` (wasm_test.go), which builds the module into
// CONTACTRULES_DIST and writes CONTACTRULES_CASES: payloads with the Result
// JSON the Go code (and the contactcheck program) gives for them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";
import { join, relative } from "node:path";

const dist = process.env.CONTACTRULES_DIST;
const casesFile = process.env.CONTACTRULES_CASES;
if (!dist || !casesFile) {
  throw new Error("CONTACTRULES_DIST and CONTACTRULES_CASES are not set: run these tests with `go test ./wasm/...`");
}
const moduleURL = pathToFileURL(join(dist, "contactrules.mjs"));
const wasmPath = join(dist, "contactrules.wasm");
const globalsBefore = new Set(Object.getOwnPropertyNames(globalThis));
const { load } = await import(moduleURL);
const rules = await load();
const { cases, phones, mistakes } = JSON.parse(await readFile(casesFile, "utf8"));

const utf8 = new TextDecoder("utf-8", { fatal: true });
function asText(bytes) {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined; // not UTF-8: only bytes can carry it
  }
}

function check(c, payload) {
  const policy = c.policy || undefined;
  if (c.op === "create") {
    return rules.raw.validateCreate(payload, policy);
  }
  return rules.raw.validateUpdate(JSON.parse(c.current), payload, policy);
}

test("every case gives the Go bytes, as bytes, text and object", async (t) => {
  assert.ok(cases.length > 0);
  for (const c of cases) {
    await t.test(`${c.op} ${c.name}`, () => {
      const bytes = Buffer.from(c.payload, "base64");
      assert.equal(check(c, new Uint8Array(bytes)), c.want, "payload as a Uint8Array");
      const text = asText(bytes);
      if (text !== undefined) {
        assert.equal(check(c, text), c.want, "payload as a string");
        // An object is sent as JSON.stringify writes it, which for this
        // text is the text itself.
        let value, again;
        try {
          value = JSON.parse(text);
          again = JSON.stringify(value);
        } catch {
          // not JSON, or nested deeper than JavaScript's stack
        }
        if (again === text) {
          assert.equal(check(c, value), c.want, "payload as an object");
        }
      }
      const parsed = c.op === "create"
        ? rules.validateCreate(bytes, c.policy || undefined)
        : rules.validateUpdate(c.current, bytes, c.policy || undefined);
      assert.deepEqual(parsed, JSON.parse(c.want), "the parsed answer");
    });
  }
});

test("normalizePhone gives the Go answer", () => {
  assert.ok(phones.length > 0);
  for (const p of phones) {
    assert.equal(rules.raw.normalizePhone(p.input, p.region), p.want, `${p.input} from ${p.region}`);
    assert.deepEqual(rules.normalizePhone(p.input, p.region), JSON.parse(p.want));
  }
});

test("answers have the documented shape", () => {
  const bad = rules.validateCreate({ phone_number: "12345" });
  assert.equal(bad.ok, false);
  assert.equal(bad.effects, undefined);
  assert.equal(bad.error.code, "validation_failed");
  assert.deepEqual(bad.error.details, [
    { field: "phone_number", message: "must be a valid phone number in E.164 format", rule: "e164" },
  ]);
  const good = rules.validateCreate({ email: "jane@example.com", phone_number: "+14155552671", sms_consent: "subscribed" });
  assert.deepEqual(good, {
    ok: true,
    effects: { welcome_sms: true, email_unsuppressed: false, defaults_applied: ["email_consent"] },
  });
  assert.deepEqual(rules.normalizePhone("(415) 555-2671", "US"), { ok: true, e164: "+14155552671", region: "US" });
  assert.deepEqual(rules.normalizePhone("+44 20 7183 8750"), { ok: true, e164: "+442071838750", region: "GB" });
  const phone = rules.normalizePhone("1-800-FLOWERS", "US");
  assert.equal(phone.ok, false);
  assert.equal(phone.error.code, "syntax");
});

test("a policy applies, and a wrong one throws", () => {
  const gb = { phone_number: "+442071838750", sms_consent: "subscribed" };
  assert.equal(rules.validateCreate(gb).ok, false);
  assert.equal(rules.validateCreate(gb, { smsRegions: ["GB"] }).ok, true);
  assert.equal(rules.validateCreate(gb, '{"smsRegions":["GB"]}').ok, true);
  assert.equal(rules.validateCreate(gb, null).ok, false);
  assert.throws(() => rules.validateCreate(gb, { smsRegion: ["GB"] }), /unknown field "smsRegion"/);
  assert.throws(() => rules.validateCreate(gb, { smsRegions: ["XX"] }), /smsRegions/);
  assert.throws(() => rules.validateCreate(gb, { maxTags: "3" }), /policy/);
});

test("policies and stored contacts are read as encoding/json reads them, messages and all", () => {
  assert.ok(mistakes.length > 0);
  for (const m of mistakes) {
    const call = m.op === "policy"
      ? () => rules.raw.validateCreate("{}", m.policy)
      : () => rules.raw.validateUpdate(new Uint8Array(Buffer.from(m.current, "base64")), "{}");
    const text = m.op === "policy" ? m.policy : Buffer.from(m.current, "base64").toString("latin1");
    const what = `${m.op} ${JSON.stringify(text).slice(0, 80)}`;
    if (m.want === "") {
      assert.doesNotThrow(call, what);
      continue;
    }
    assert.throws(call, (err) => {
      assert.ok(err instanceof Error, what);
      assert.equal(err.message, m.want, what);
      return true;
    }, what);
  }
});

test("the calling code's mistakes throw, without quoting values", () => {
  assert.throws(() => rules.validateCreate(undefined), TypeError);
  assert.throws(() => rules.validateCreate(() => {}), TypeError);
  assert.throws(() => rules.validateUpdate('{"email":"secret@example.com"', {}), (err) => {
    assert.match(err.message, /current contact: not valid JSON/);
    assert.doesNotMatch(err.message, /secret/);
    return true;
  });
  assert.throws(() => rules.validateUpdate({ email: 42 }, { first_name: "Jane" }), /email has the wrong JSON type/);
  assert.throws(() => rules.raw.normalizePhone(4155552671, "US"), /input must be a string/);
  assert.throws(() => rules.raw.normalizePhone("4155552671", 1), /defaultRegion must be a string/);
  // The program survives them.
  assert.equal(rules.validateCreate({ email: "jane@example.com" }).ok, true);
});

test("JSON null and non-objects are the API's base detail, as on the server", () => {
  for (const body of [null, [], 42, "not json", ""]) {
    const r = rules.validateCreate(typeof body === "string" ? body : JSON.stringify(body));
    assert.deepEqual(r.error?.details, [{ field: "base", message: "must be a JSON object", rule: "json_object" }], JSON.stringify(body));
  }
});

test("load leaves no globals but wasm_exec.js's", () => {
  const added = Object.getOwnPropertyNames(globalThis).filter((k) => !globalsBefore.has(k));
  // Go is wasm_exec.js's class; fs and path are its stand-ins where Node.js
  // does not define them globally.
  assert.deepEqual(added.sort(), ["Go", "fs", "path"]);
});

test("load takes a path, a file URL, bytes or a compiled module", async () => {
  const bytes = await readFile(wasmPath);
  const sources = {
    path: relative(process.cwd(), wasmPath),
    "file URL": pathToFileURL(wasmPath),
    "file URL string": pathToFileURL(wasmPath).href,
    Buffer: bytes,
    ArrayBuffer: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    Module: await WebAssembly.compile(bytes),
  };
  for (const [name, source] of Object.entries(sources)) {
    const r = await load(source);
    assert.equal(r.validateCreate({ email: "jane@example.com" }).ok, true, name);
  }
  await assert.rejects(load(42), TypeError);
  await assert.rejects(load(new Uint8Array([0, 1, 2, 3])), WebAssembly.CompileError);
});

test("load fetches over HTTP, streaming when the server says application/wasm", async (t) => {
  const bytes = await readFile(wasmPath);
  for (const type of ["application/wasm", "application/octet-stream"]) {
    await t.test(type, async () => {
      const server = createServer((req, res) => {
        if (req.url !== "/contactrules.wasm") {
          res.writeHead(404).end();
          return;
        }
        res.writeHead(200, { "content-type": type }).end(bytes);
      });
      await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
      try {
        const base = `http://127.0.0.1:${server.address().port}`;
        const r = await load(`${base}/contactrules.wasm`);
        assert.equal(r.validateCreate({ email: "jane@example.com" }).ok, true);
        await assert.rejects(load(`${base}/missing.wasm`), /HTTP 404/);
      } finally {
        server.close();
      }
    });
  }
});

test("two loaded instances are independent", async () => {
  const other = await load();
  assert.notEqual(other, rules);
  assert.deepEqual(other.validateCreate({}), rules.validateCreate({}));
});

test("started by wasm_exec.js alone, the program leaves its API at globalThis.__contactrules", async () => {
  const go = new globalThis.Go(); // no loader named in its environment
  const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), go.importObject);
  go.run(instance);
  try {
    assert.equal(typeof globalThis.__contactrules?.validateCreate, "function");
    assert.equal(JSON.parse(globalThis.__contactrules.validateCreate('{"email":"jane@example.com"}')).ok, true);
  } finally {
    delete globalThis.__contactrules;
  }
});
