// A consumer of the packed package, from Node.js ESM (npm/consumer_test.go
// installs the tarball in a fresh project and runs this there): the
// engine's answers, its Standard Schema objects, and the WebAssembly
// entry agreeing with the engine.
import assert from "node:assert/strict";
import { validateCreate, validateUpdate, normalizePhone, createSchema, updateSchema, ContactRulesError } from "contactrules";
import { load, localize as wasmLocalize, makeCatalog, ContactRulesError as WasmRulesError } from "contactrules/wasm";
import ja from "contactrules/messages/ja.json" with { type: "json" };

const good = { email: "jane@example.com", phone_number: "+12015550123", sms_consent: "subscribed" };
const bad = { email: "Jane <jane@example.com>", phone_number: "555-01", first_name: "J".repeat(256), nickname: "x" };

assert.deepEqual(validateCreate(good), { ok: true, effects: { welcome_sms: true, email_unsuppressed: false, defaults_applied: ["email_consent"] } });
assert.equal(validateCreate(bad).ok, false);
assert.deepEqual(
  validateCreate(bad).error.details.map((d) => d.rule),
  ["email", "e164", "max_length", "unknown_field"],
);
assert.equal(validateUpdate({ email: "jane@example.com" }, { email: "x@example.com" }).error.details[0].rule, "immutable");
assert.deepEqual(normalizePhone("(201) 555-0123", "US"), { ok: true, e164: "+12015550123", region: "US" });
assert.equal((await import("contactrules")).phoneType("+447400123456"), "MOBILE");
assert.equal((await import("contactrules")).formatPhone("+442071838750", "NATIONAL"), "020 7183 8750");
assert.throws(() => validateCreate(good, { maxTags: -1 }), ContactRulesError);
{
  const { AsYouType } = await import("contactrules/asyoutype");
  const ayt = new AsYouType("US");
  assert.deepEqual([..."2015550123"].map((k) => ayt.input(k)).slice(-2), ["(201) 555-012", "(201) 555-0123"]);
  assert.deepEqual(ayt.number(), { e164: "+12015550123", region: "US" });
}

const result = createSchema["~standard"].validate(bad);
assert.deepEqual(result.issues[0], { message: "must be a valid email address", path: ["email"] });
assert.deepEqual(updateSchema({ email: "jane@example.com" })["~standard"].validate({ tags: ["", "ok"] }).issues, [
  { message: "must be a non-empty string of at most 255 characters", path: ["tags", 0] },
]);

// Both entries give the server's answers: they agree.
const wasm = await load();
for (const body of [good, bad, "{", '{"email":"a@b.co","email":"x"}', { tags: new Array(150).fill("") }, null]) {
  assert.deepEqual(validateCreate(body), wasm.validateCreate(body), JSON.stringify(body));
}
// The wasm entry's own API: its errors, its phone reading, and a catalog
// imported as JSON (contactrules/messages/*.json) giving what localize
// reads beside the module.
assert.throws(() => wasm.validateCreate({}, { maxTags: "3" }), (err) => err instanceof WasmRulesError && err.code === "invalid_policy");
assert.deepEqual(wasm.normalizePhone("(415) 555-2671", "US"), { ok: true, e164: "+14155552671", region: "US" });
{
  const details = wasm.validateCreate({ phone_number: "+4402071838750" }).error.details;
  assert.deepEqual(details, [{ field: "phone_number", message: "must be a valid phone number in E.164 format", rule: "e164" }]);
  const texts = makeCatalog(ja, "ja").texts(details);
  assert.notDeepEqual(texts, [details[0].message]);
  assert.deepEqual(texts, await wasmLocalize(details, "ja-JP"));
  assert.deepEqual(texts, await wasm.localize(details, "ja"));
}
console.log("consumer: ok");

// The details in the reader's language, without WebAssembly.
const { localize } = await import("contactrules/localize");
assert.deepEqual(await localize(validateCreate({ email: "x" }).error.details, "de-CH, fr;q=0.5"), ["Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@example.com."]);
console.log("localize: ok");

// The advice beside the verdict, from its own entry.
const { advise } = await import("contactrules/advice");
assert.deepEqual(advise({ email: "jane@gmial.com" }).map((a) => a.suggestion), ["jane@gmail.com"]);
console.log("advice: ok");
