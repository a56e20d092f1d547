// localize and its catalogs against the Go package messages. Run by
// `go test ./wasm/...` (localize_test.go), which writes CONTACTRULES_LOCALIZE:
// the Go text of every rule's details in every language under several
// policies, and the language messages.For chooses for tags and
// Accept-Language values. CONTACTRULES_DIST is the package's wasm/
// as build.sh builds it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { join } from "node:path";

const dist = process.env.CONTACTRULES_DIST;
const file = process.env.CONTACTRULES_LOCALIZE;
if (!dist || !file) {
  throw new Error("CONTACTRULES_DIST and CONTACTRULES_LOCALIZE are not set: run these tests with `go test ./wasm/...`");
}
const mod = await import(pathToFileURL(join(dist, "contactrules.mjs")));
const { localize, loadCatalog, makeCatalog, matchLanguage, languages, load, ContactRulesError } = mod;
const fixture = JSON.parse(await readFile(file, "utf8"));

// groups returns the text cases by language and policy: one localize call each.
function groups() {
  const by = new Map();
  for (const c of fixture.texts) {
    const key = `${c.lang}\n${c.policy}`;
    if (!by.has(key)) {
      by.set(key, { lang: c.lang, policy: c.policy, cases: [] });
    }
    by.get(key).cases.push(c);
  }
  return [...by.values()];
}

const policyOf = (text) => (text === "" ? undefined : JSON.parse(text));

function same(got, cases, how) {
  assert.equal(got.length, cases.length, how);
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i];
    assert.equal(got[i], c.text, `${how}: ${c.lang} ${c.detail.field}/${c.detail.rule} under ${c.policy || "the default policy"}`);
  }
}

test("the languages are the Go package's", () => {
  assert.deepEqual([...languages], fixture.languages);
  assert.ok(Object.isFrozen(languages));
});

test("localize gives the Go text of every detail in every language under every policy", async () => {
  assert.ok(fixture.texts.length > 0);
  for (const g of groups()) {
    const details = g.cases.map((c) => c.detail);
    same(await localize(details, g.lang, policyOf(g.policy)), g.cases, "localize, the policy an object");
    same(await localize(details, g.lang, g.policy || null), g.cases, "localize, the policy as JSON text");
  }
});

test("a catalog made from the shipped JSON gives the same texts, detail by detail", async () => {
  for (const g of groups()) {
    const texts = JSON.parse(await readFile(join(dist, "messages", `${g.lang}.json`), "utf8"));
    const catalog = makeCatalog(texts, g.lang);
    assert.equal(catalog.language, g.lang);
    same(catalog.texts(g.cases.map((c) => c.detail), policyOf(g.policy)), g.cases, "makeCatalog(…).texts");
    for (const c of g.cases.slice(0, 20)) {
      assert.equal(catalog.text(c.detail, g.policy), c.text);
    }
  }
});

test("the language chosen is the Go package's", () => {
  assert.ok(fixture.matches.length > 1000);
  const wrong = [];
  for (const m of fixture.matches) {
    const got = matchLanguage(m.preferred);
    if (got !== m.want) {
      wrong.push(`${JSON.stringify(m.preferred)}: ${got}, Go ${m.want}`);
    }
  }
  assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} of ${fixture.matches.length} differ`);
});

// A hostile value costs time linear in its length (a regular expression
// that backtracks took 4.4 s on 64k digits, and would take minutes on
// these): the test's timeout is the bound, no clock is read.
test("a hostile Accept-Language is read in linear time", { timeout: 20000 }, () => {
  const n = 1 << 20;
  for (const [value, want] of [
    ["de;q=0" + "5".repeat(n) + "x", "en"],
    ["de;q=0." + "5".repeat(n) + "x,fr;q=0.1", "fr"],
    ["de;q=" + " ".repeat(n) + "0.5,it", "it"],
    ["de;" + "q=".repeat(n) + ",nl", "nl"],
    ["de-" + "a-".repeat(n) + "!,ja", "ja"],
    ["de" + ";".repeat(n) + ",es", "es"],
    [" ".repeat(n) + "de" + " ".repeat(n), "de"],
    [",".repeat(n) + "de", "en"],
  ]) {
    assert.equal(matchLanguage(value), want, value.slice(0, 40));
  }
});

test("localize matches the language, and the loaded rules offer it", async () => {
  const d = [{ field: "phone_number", message: "must be a valid phone number in E.164 format", rule: "e164" }];
  const de = fixture.texts.find((c) => c.lang === "de" && c.policy === "" && c.detail.field === "phone_number" && c.detail.rule === "e164");
  assert.deepEqual(await localize(d, "de-CH,de;q=0.9"), [de.text]);
  assert.deepEqual(await localize(d, ["de-AT", "en"]), [de.text]);
  assert.deepEqual(await localize(d, "tlh"), [d[0].message]);
  assert.deepEqual(await localize([], "de"), []);
  assert.equal((await loadCatalog("de-CH")).language, "de");
  // Without the module (go test's default run gives a wasm/ of the
  // JavaScript and the catalogs alone) the rules' own localize is not
  // there to compare.
  if (process.env.CONTACTRULES_NO_WASM !== "1") {
    const rules = await load();
    assert.equal(rules.localize, localize);
    const result = rules.validateCreate({ phone_number: "555-01" });
    assert.deepEqual(await rules.localize(result.error.details, "de"), [de.text]);
  }
  assert.equal(await loadCatalog("de"), await loadCatalog("de-DE"), "one catalog per language");
});

test("wrong arguments and policies throw as the rules do", async () => {
  const d = [{ field: "tags", message: "m", rule: "max_items" }];
  await assert.rejects(localize("details", "de"), TypeError);
  await assert.rejects(localize([null], "de"), TypeError);
  await assert.rejects(localize(d, 42), TypeError);
  await assert.rejects(localize(d, ["de", 1]), TypeError);
  await assert.rejects(localize(d, "de", 42), TypeError);
  const cyclic = {};
  cyclic.self = cyclic;
  await assert.rejects(localize(d, "de", cyclic), (err) => err instanceof TypeError && err.message === "policy must be an object or JSON text");
  const refused = (message) => (err) => {
    assert.ok(err instanceof ContactRulesError);
    assert.equal(err.code, "invalid_policy");
    assert.equal(err.message, message);
    return true;
  };
  await assert.rejects(localize(d, "de", { maxTag: 3 }), refused(
    "policy has an option that does not exist; the options are smsRegions, allowUnknownFields, acceptLegacyConsent, smsNeedsMobile, possiblePhoneOnly, maxNameLength, maxTagLength, maxTags, maxBodyBytes, maxDetails"));
  await assert.rejects(localize(d, "de", { maxTags: "3" }), refused("policy.maxTags must be an integer"));
  await assert.rejects(localize(d, "de", { maxTags: 2.5 }), refused("policy.maxTags must be an integer"));
  await assert.rejects(localize(d, "de", { maxTags: -3 }), refused("policy.maxTags must not be negative"));
  await assert.rejects(localize(d, "de", { maxTags: 2 ** 31 }), refused("policy.maxTags must be at most 2147483647"));
  await assert.rejects(localize(d, "de", "{"), refused("policy is not valid JSON"));
  await assert.rejects(localize(d, "de", "[]"), refused("policy must be an object"));
  // What the module accepts as the default, localize does too.
  const deTags = makeCatalog(JSON.parse(await readFile(join(dist, "messages", "de.json"), "utf8")), "de").text(d[0]);
  for (const p of [undefined, null, "", "null", {}, { maxTags: 0 }, { maxTags: null }, { maxTags: NaN }, { maxTags: undefined }]) {
    assert.deepEqual(await localize(d, "de", p), [deTags], JSON.stringify(p) ?? String(p));
  }
  assert.throws(() => makeCatalog(null, "de"), TypeError);
  assert.throws(() => makeCatalog({ base: "x" }, "de"), TypeError);
  assert.throws(() => makeCatalog({ base: { a: 1 } }, "de"), TypeError);
  assert.throws(() => makeCatalog({}, undefined), TypeError);
});

test("own texts: a copy of a catalog with some replaced", async () => {
  const de = JSON.parse(await readFile(join(dist, "messages", "de.json"), "utf8"));
  const own = makeCatalog({ ...de, phone_number: { ...de.phone_number, e164: "Nummer bitte mit +49." }, nickname: { required: "Spitzname fehlt." } }, "de");
  assert.deepEqual(
    own.texts([
      { field: "phone_number", message: "m", rule: "e164" },
      { field: "nickname", message: "m", rule: "required" },
      { field: "email", message: "m", rule: "email" },
    ]),
    ["Nummer bitte mit +49.", "Spitzname fehlt.", de.email.email],
  );
});

test("a catalog that cannot be read rejects with load_failed, and is tried again", async () => {
  // A copy of the module in a directory without messages/.
  const { mkdtemp, copyFile, rm } = await import("node:fs/promises");
  const { tmpdir } = await import("node:os");
  const dir = await mkdtemp(join(tmpdir(), "contactrules-localize-"));
  try {
    await copyFile(join(dist, "contactrules.mjs"), join(dir, "contactrules.mjs"));
    const lone = await import(pathToFileURL(join(dir, "contactrules.mjs")));
    const d = [{ field: "email", message: "m", rule: "email" }];
    for (let i = 0; i < 2; i++) {
      await assert.rejects(lone.localize(d, "fr"), (err) => {
        assert.ok(err instanceof lone.ContactRulesError);
        assert.equal(err.code, "load_failed");
        assert.equal(err.message, "the fr messages could not be read");
        assert.ok(!err.message.includes(dir), "no path in the message");
        assert.ok(err.cause);
        return true;
      });
    }
  } finally {
    await rm(dir, { recursive: true });
  }
});
