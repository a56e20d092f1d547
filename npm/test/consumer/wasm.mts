// A TypeScript consumer of the installed package's wasm entry
// (contactrules/wasm). TestConsumer (npm/consumer_test.go) packs the
// package, installs it into a fresh project and compiles this file there
// with tsc --strict, never running it: the declarations accept what the
// module takes and gives, and refuse mistakes (each @ts-expect-error must
// meet an error).
import {
  ContactRulesError,
  languages,
  load,
  loadCatalog,
  localize,
  makeCatalog,
  matchLanguage,
  type Catalog,
  type CatalogTexts,
  type Contact,
  type ContactRules,
  type ContactRulesErrorCode,
  type Effects,
  type ErrorBody,
  type ErrorCode,
  type ErrorEnvelope,
  type Detail,
  type FieldError,
  type Language,
  type Patch,
  type PhoneResult,
  type Policy,
  type Result,
  type RuleName,
  type StoredContact,
} from "contactrules/wasm";
import de from "contactrules/messages/de.json" with { type: "json" };

const rules: ContactRules = await load();
await load(new URL("./node_modules/contactrules/wasm/contactrules.wasm", import.meta.url));
await load("contactrules.wasm");
await load(new Uint8Array(8));
await load(new ArrayBuffer(8));
await load(await WebAssembly.compile(new Uint8Array(8)));
await load(fetch("https://example.com/contactrules.wasm"));
await load(await fetch("https://example.com/contactrules.wasm"));

const contact: Contact = {
  email: "jane@example.com",
  phone_number: "+14155552671",
  first_name: "Jane",
  tags: ["vip"],
  custom_fields: { plan: "pro", seats: 3, trial: false, note: null },
  email_consent: "subscribed",
  sms_consent: "single_opt_in",
  send_welcome_sms: false,
};
const stored: StoredContact = { ...contact, id: "c_1", created_at: "2024-01-01T00:00:00Z", email_consent: "compliance_suppressed" };
const patch: Patch = { phone_number: null, first_name: "J" };
const untyped: unknown = JSON.parse('{"email":"jane@example.com"}');
const fromServer: any = JSON.parse('{"email":"jane@example.com"}');

const policy: Policy = { smsRegions: ["US", "CA", "GB"], allowUnknownFields: true, maxBodyBytes: 4096 };
const results: Result[] = [
  rules.validateCreate(contact),
  rules.validateCreate(fromServer),
  rules.validateCreate(untyped as Contact),
  rules.validateCreate('{"email":"jane@example.com"}', policy),
  rules.validateCreate(new TextEncoder().encode("{}"), '{"smsRegions":["GB"]}'),
  rules.validateCreate(null),
  rules.validateUpdate(stored, patch),
  rules.validateUpdate('{"email":"jane@example.com"}', "{}", null),
];
for (const r of results) {
  if (r.ok) {
    const effects: Effects = r.effects;
    const defaults: ("email_consent" | "sms_consent")[] = effects.defaults_applied;
    console.log(effects.welcome_sms, effects.email_unsuppressed, defaults);
    // @ts-expect-error an acceptable payload has no error
    console.log(r.error.code);
  } else {
    const code: "validation_failed" = r.error.code;
    const details: FieldError[] = r.error.details;
    const rule: RuleName | undefined = details[0]?.rule;
    console.log(code, details[0]?.field, details[0]?.message, rule);
    // @ts-expect-error a refused payload has no effects
    console.log(r.effects.welcome_sms);
  }
}

// The envelope types, for reading the API's own answers.
function describe(body: ErrorEnvelope): string {
  const e: ErrorBody = body.error;
  switch (e.code) {
    case "validation_failed":
      return e.details.map((d) => `${d.field}: ${d.message}`).join("; ");
    case "conflict":
      return `already exists as ${e.id}`;
    default: {
      const code: ErrorCode = e.code;
      return `${code}: ${e.message}`;
    }
  }
}
console.log(describe({ error: { code: "rate_limited", message: "Rate limit exceeded" } }));
// @ts-expect-error not one of the eight codes
const wrongCode: ErrorCode = "forbidden";
console.log(wrongCode);

const phone: PhoneResult = rules.normalizePhone("(415) 555-2671", "US");
if (phone.ok) {
  const e164: string = phone.e164;
  const region: string = phone.region;
  console.log(e164, region);
} else {
  const code: "syntax" | "invalid" = phone.error.code;
  console.log(code, phone.error.message);
}
rules.normalizePhone("+14155552671");
const text: string = rules.raw.validateCreate({}) + rules.raw.validateUpdate({}, {}) + rules.raw.normalizePhone("+1");
console.log(text);

try {
  rules.validateCreate(contact, policy);
} catch (err) {
  if (err instanceof ContactRulesError) {
    const code: ContactRulesErrorCode = err.code;
    console.log(code, err.message);
  } else if (err instanceof TypeError || err instanceof RangeError) {
    console.log(err.message);
  }
}

// @ts-expect-error a misspelt member
rules.validateCreate({ emial: "jane@example.com" });
// @ts-expect-error consent values are a union
rules.validateCreate({ email: "jane@example.com", email_consent: "opted_in" });
// @ts-expect-error an unknown value needs a cast
rules.validateCreate(untyped);
// @ts-expect-error a misspelt policy member
rules.validateCreate("{}", { smsRegion: ["GB"] });
// @ts-expect-error regions are a list
rules.validateCreate("{}", { smsRegions: "GB" });
// @ts-expect-error the phone input is a string
rules.normalizePhone(4155552671, "US");
// @ts-expect-error update needs the stored contact and the patch
rules.validateUpdate({ email: "jane@example.com" });
// @ts-expect-error the API is read-only
rules.raw = rules.raw;

// Messages in the reader's language.
const refused = rules.validateCreate({ phone_number: "555-01" });
if (!refused.ok) {
  const shown: string[] = await localize(refused.error.details, "de-CH,de;q=0.9");
  const again: string[] = await rules.localize(refused.error.details, navigatorLanguages(), { maxTags: 3 });
  const sync: string[] = makeCatalog(de, "de").texts(refused.error.details, policy);
  console.log(shown, again, sync);
}
function navigatorLanguages(): readonly string[] {
  return ["de-CH", "de"];
}
const lang: Language = matchLanguage("pt");
const all: readonly Language[] = languages;
const catalog: Catalog = await loadCatalog(["fr-CA", "fr"]);
const loadedLang: Language = (await loadCatalog("ja")).language;
const own: CatalogTexts = { ...de, phone_number: { ...de.phone_number, e164: "Bitte mit +49." }, nickname: { required: "Fehlt." } };
const mine: Detail = { field: "nickname", message: "is required", rule: "required" };
const one: string = makeCatalog(own, "de").text(mine) + catalog.text(mine, '{"maxTags":3}');
console.log(lang, all, loadedLang, one);
// @ts-expect-error a detail has a field and a message
await localize([{ rule: "e164" }], "de");
// @ts-expect-error the language is a tag, an Accept-Language value or a list of tags
await localize([], 49);
// @ts-expect-error a catalog's texts are strings
makeCatalog({ base: { required_any: 1 } }, "de");
// @ts-expect-error the languages are a union
const klingon: Language = "tlh";
console.log(klingon);
// @ts-expect-error languages is read-only
languages.push("tlh");
