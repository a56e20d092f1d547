// Compiled, never run, by TestTypes (wasm_test.go) with tsc --strict: the
// declarations accept what the module takes and gives, and refuse
// mistakes (each @ts-expect-error must meet an error).
import { load, type ContactRules, type FieldError, type PhoneResult, type Policy, type Result } from "../dist/contactrules.mjs";

const rules: ContactRules = await load();
await load(new URL("../dist/contactrules.wasm", import.meta.url));
await load("contactrules.wasm");
await load(new Uint8Array(8));
await load(new ArrayBuffer(8));
await load(await WebAssembly.compile(new Uint8Array(8)));

const policy: Policy = { smsRegions: ["US", "CA", "GB"], allowUnknownFields: true, maxBodyBytes: 4096 };
const results: Result[] = [
  rules.validateCreate({ email: "jane@example.com" }),
  rules.validateCreate('{"email":"jane@example.com"}', policy),
  rules.validateCreate(new TextEncoder().encode("{}"), '{"smsRegions":["GB"]}'),
  rules.validateCreate(null),
  rules.validateUpdate({ email: "jane@example.com" }, { first_name: "Jane" }),
  rules.validateUpdate('{"email":"jane@example.com"}', "{}", null),
];
for (const r of results) {
  if (r.ok) {
    const welcome: boolean = r.effects.welcome_sms;
    const unsuppressed: boolean = r.effects.email_unsuppressed;
    const defaults: ("email_consent" | "sms_consent")[] = r.effects.defaults_applied;
    console.log(welcome, unsuppressed, defaults);
    // @ts-expect-error an acceptable payload has no error
    console.log(r.error.code);
  } else {
    const code: string = r.error.code;
    const details: FieldError[] = r.error.details ?? [];
    const rule: string | undefined = details[0]?.rule;
    console.log(code, details[0]?.field, details[0]?.message, rule);
    // @ts-expect-error a refused payload has no effects
    console.log(r.effects.welcome_sms);
  }
}

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
