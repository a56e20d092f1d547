// The npm package's wasm entry (npm/wasm: the ES module and the
// WebAssembly rules), in Node.js. Run by `go test ./wasm/...`
// (wasm_test.go), which builds the module beside a copy of the entry into
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
const { load, ContactRulesError } = await import(moduleURL);
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
  // The same policy again, from the cache, and another one between.
  assert.equal(rules.validateCreate(gb, { smsRegions: ["GB"] }).ok, true);
  assert.equal(rules.validateCreate(gb, { smsRegions: ["US"] }).ok, false);
  assert.equal(rules.validateCreate(gb, { smsRegions: ["GB"] }).ok, true);
  const refused = (code, message) => (err) => {
    assert.ok(err instanceof ContactRulesError);
    assert.ok(err instanceof Error);
    assert.equal(err.name, "ContactRulesError");
    assert.equal(err.code, code);
    assert.equal(err.message, message);
    return true;
  };
  assert.throws(() => rules.validateCreate(gb, { smsRegion: ["GB"] }), refused("invalid_policy",
    "policy has an option that does not exist; the options are smsRegions, allowUnknownFields, acceptLegacyConsent, smsNeedsMobile, possiblePhoneOnly, maxNameLength, maxTagLength, maxTags, maxBodyBytes, maxDetails"));
  assert.throws(() => rules.validateCreate(gb, { smsRegions: ["XX"] }), refused("invalid_policy", "policy.smsRegions[0] is not a supported region code"));
  assert.throws(() => rules.validateCreate(gb, { maxTags: "3" }), refused("invalid_policy", "policy.maxTags must be an integer"));
  assert.throws(() => rules.validateCreate(gb, 42), TypeError);
  // A refused policy is refused every time.
  assert.throws(() => rules.validateCreate(gb, { maxTags: "3" }), ContactRulesError);
});

test("policies and stored contacts the module refuses throw a ContactRulesError with a plain message", () => {
  assert.ok(mistakes.length > 0);
  for (const m of mistakes) {
    const call = m.op === "policy"
      ? () => rules.raw.validateCreate("{}", m.policy)
      : () => rules.raw.validateUpdate(new Uint8Array(Buffer.from(m.current, "base64")), "{}");
    const what = m.op === "policy" ? `policy ${m.policy.slice(0, 80)}` : `current ${Buffer.from(m.current, "base64").toString().slice(0, 80)}`;
    assert.throws(call, (err) => {
      assert.ok(err instanceof ContactRulesError, what);
      assert.equal(err.code, m.code, what);
      assert.equal(err.message, m.want, what);
      return true;
    }, what);
  }
});

test("the calling code's mistakes throw TypeError, RangeError or ContactRulesError, without quoting values or naming Go", () => {
  const thrown = [];
  const expect = (fn, type) => assert.throws(fn, (err) => {
    assert.ok(err instanceof type, `${err} is a ${type.name}`);
    thrown.push(err);
    return true;
  });
  expect(() => rules.validateCreate(undefined), TypeError);
  expect(() => rules.validateCreate(() => {}), TypeError);
  expect(() => rules.validateCreate(Symbol("secret")), TypeError);
  expect(() => rules.validateCreate({ email: 1n }), TypeError);
  const cyclic = { secret: {} };
  cyclic.secret.secret = cyclic;
  expect(() => rules.validateCreate(cyclic), TypeError);
  expect(() => rules.validateUpdate({}, cyclic), TypeError);
  expect(() => rules.validateCreate({}, cyclic), TypeError);
  expect(() => rules.validateUpdate('{"email":"secret@example.com"', {}), ContactRulesError);
  expect(() => rules.validateUpdate({ email: 42 }, { first_name: "Jane" }), ContactRulesError);
  expect(() => rules.validateUpdate(["secret@example.com"], { first_name: "Jane" }), ContactRulesError);
  expect(() => rules.validateCreate({}, { smsRegions: ["SECRET"] }), ContactRulesError);
  expect(() => rules.validateCreate({}, '{"secret":1}'), ContactRulesError);
  expect(() => rules.validateCreate({}, "secret"), ContactRulesError);
  expect(() => rules.raw.normalizePhone(4155552671, "US"), TypeError);
  expect(() => rules.raw.normalizePhone("4155552671", 1), TypeError);
  expect(() => rules.normalizePhone("4155552671", "ZZ"), RangeError);
  expect(() => rules.normalizePhone("4155552671", "SECRET"), RangeError);
  for (const err of thrown) {
    assert.doesNotMatch(err.message, /secret|SECRET|42|ZZ|4155552671/, err.message);
    assert.doesNotMatch(err.message, /^(contactrules|phone|json|main|policy:|current contact:)|Go value|struct field|\bmain\.|unmarshal/, err.message);
  }
  assert.equal(thrown.find((e) => e instanceof RangeError).message, 'defaultRegion must be a supported region code, such as "US"');
  // The program survives them.
  assert.equal(rules.validateCreate({ email: "jane@example.com" }).ok, true);
});

test("normalizePhone's messages carry no Go package prefix", () => {
  for (const input of ["1-800-FLOWERS", "", "+", "555-01", "+1 099 555 1234", "415 555 2671"]) {
    const r = rules.normalizePhone(input, input === "415 555 2671" ? "" : "US");
    assert.equal(r.ok, false, input);
    assert.doesNotMatch(r.error.message, /^phone:|contactrules:/, input);
  }
  assert.equal(rules.normalizePhone("1-800-FLOWERS", "US").error.message,
    "malformed phone number: contains a character that is not a digit, a leading '+' or a separator ( ) - . / space");
});

test("JSON null and non-objects are the API's base detail, as on the server", () => {
  for (const body of [null, [], 42, "not json", ""]) {
    const r = rules.validateCreate(typeof body === "string" ? body : JSON.stringify(body));
    assert.deepEqual(r.error?.details, [{ field: "base", message: "must be a JSON object", rule: "json_object" }], JSON.stringify(body));
  }
});

test("load leaves no globals but wasm_exec.js's stand-ins", () => {
  const added = Object.getOwnPropertyNames(globalThis).filter((k) => !globalsBefore.has(k));
  // fs and path are wasm_exec.js's stand-ins where Node.js does not define
  // them globally; its Go class is the module's own, not a global.
  assert.deepEqual(added.sort(), ["fs", "path"]);
});

test("a page's own Go class is left alone, and copies of the module share wasm_exec.js", async () => {
  class TheirGo {}
  globalThis.Go = TheirGo;
  try {
    // Another copy of the module (another URL), started twice at once,
    // after this one imported wasm_exec.js.
    const copy = await import(`${moduleURL}?copy`);
    const [a, b] = await Promise.all([copy.load(), copy.load()]);
    assert.equal(a.validateCreate({ email: "jane@example.com" }).ok, true);
    assert.equal(b.validateCreate({ email: "jane@example.com" }).ok, true);
    assert.equal(globalThis.Go, TheirGo);
  } finally {
    delete globalThis.Go;
  }
});

test("load takes a path, a file URL, bytes, a compiled module or a Response", async () => {
  const bytes = await readFile(wasmPath);
  const sources = {
    path: relative(process.cwd(), wasmPath),
    "file URL": pathToFileURL(wasmPath),
    "file URL string": pathToFileURL(wasmPath).href,
    Buffer: bytes,
    Uint8Array: new Uint8Array(bytes),
    ArrayBuffer: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    Module: await WebAssembly.compile(bytes),
    "Response (application/wasm)": new Response(bytes, { headers: { "content-type": "application/wasm" } }),
    "Response (no type)": new Response(bytes),
    "promise of a Response": Promise.resolve(new Response(bytes, { headers: { "content-type": "application/wasm" } })),
  };
  for (const [name, source] of Object.entries(sources)) {
    const r = await load(source);
    assert.equal(r.validateCreate({ email: "jane@example.com" }).ok, true, name);
  }
  await assert.rejects(load(42), TypeError);
  await assert.rejects(load("http://[secret"), (err) => {
    assert.ok(err instanceof TypeError);
    assert.doesNotMatch(err.message, /secret/);
    return true;
  });
  const failed = (message, cause) => (err) => {
    assert.ok(err instanceof ContactRulesError);
    assert.equal(err.code, "load_failed");
    assert.equal(err.message, message);
    if (cause) {
      assert.ok(err.cause instanceof cause, `${err.cause} is a ${cause.name}`);
    }
    return true;
  };
  await assert.rejects(load(new Uint8Array([0, 1, 2, 3])), failed("the WebAssembly module could not be compiled", WebAssembly.CompileError));
  await assert.rejects(load("/secret/missing.wasm"), failed("the WebAssembly module could not be read"));
  await assert.rejects(load(Promise.reject(new TypeError("fetch failed"))), failed("the WebAssembly module could not be fetched", TypeError));
  await assert.rejects(load(new Response(new Uint8Array([0, 1, 2, 3]), { headers: { "content-type": "application/wasm" } })),
    failed("the WebAssembly module could not be compiled"));
  await assert.rejects(load(new Response("secret", { status: 404 })), (err) => {
    assert.ok(err instanceof ContactRulesError);
    assert.equal(err.code, "load_failed");
    assert.equal(err.message, "the WebAssembly module could not be fetched: HTTP 404");
    return true;
  });
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
        const streaming = WebAssembly.instantiateStreaming;
        let streamed = 0;
        WebAssembly.instantiateStreaming = (...args) => (streamed++, streaming(...args));
        try {
          for (const source of [`${base}/contactrules.wasm`, new URL(`${base}/contactrules.wasm`), fetch(`${base}/contactrules.wasm`)]) {
            const r = await load(source);
            assert.equal(r.validateCreate({ email: "jane@example.com" }).ok, true);
          }
        } finally {
          WebAssembly.instantiateStreaming = streaming;
        }
        assert.equal(streamed, type === "application/wasm" ? 3 : 0, "instantiateStreaming calls");
        await assert.rejects(load(`${base}/missing.wasm?secret`), (err) => {
          assert.ok(err instanceof ContactRulesError);
          assert.equal(err.message, "the WebAssembly module could not be fetched: HTTP 404");
          return true;
        });
        await assert.rejects(load("http://127.0.0.1:1/secret.wasm"), (err) => {
          assert.ok(err instanceof ContactRulesError);
          assert.equal(err.message, "the WebAssembly module could not be fetched");
          return true;
        });
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
  assert.throws(() => other.validateCreate({}, { maxTags: "x" }), ContactRulesError);
  assert.equal(rules.validateCreate({ email: "jane@example.com" }, { maxTags: 2 }).ok, true);
});

test("arguments of any size pass through the one buffer, which grows", () => {
  // The module's memory grows during this call (the rules copy the body).
  const note = "x".repeat(8 << 20);
  const grown = rules.validateCreate({ email: "jane@example.com", custom_fields: { note } }, { maxBodyBytes: 16 << 20 });
  assert.deepEqual(grown, { ok: true, effects: { welcome_sms: false, email_unsuppressed: false, defaults_applied: ["email_consent", "sms_consent"] } });
  const big = "x".repeat(3 << 20);
  const r = rules.validateCreate(`{"email":"jane@example.com","first_name":"${big}"}`, { maxBodyBytes: 4 << 20 });
  assert.deepEqual(r.error.details.map((d) => d.field), ["first_name"]);
  const tags = Array.from({ length: 150 }, (_, i) => "é".repeat(300) + i);
  const many = rules.validateCreate({ email: "jane@example.com", tags }, { maxDetails: 1000 });
  assert.equal(many.error.details.length, 151);
  const capped = rules.validateCreate({ email: "jane@example.com", tags });
  assert.equal(capped.error.details.length, 100);
  assert.deepEqual(capped.error.details[99], { field: "base", message: "too many errors; only the first 99 are listed", rule: "max_details" });
  assert.equal(rules.validateCreate({ email: "jane@example.com" }).ok, true);
  assert.equal(rules.normalizePhone("(415) 555-2671", "US").e164, "+14155552671");
});
