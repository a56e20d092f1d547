// The package's types from TypeScript --strict (npm/consumer_test.go
// compiles this in the fresh project; it is not run).
import { validateCreate, validateUpdate, normalizePhone, createSchema, makeCreateSchema, updateSchema } from "contactrules";
import type { Contact, FieldError, Policy, Result, StandardSchemaV1 } from "contactrules";

const contact: Contact = { email: "jane@example.com", tags: ["vip"], custom_fields: { plan: "pro", seats: 3 } };
const policy: Policy = { smsRegions: ["US", "CA", "GB"], maxDetails: 10 };
const r: Result = validateCreate(contact, policy);
if (r.ok) {
  const welcome: boolean = r.effects.welcome_sms;
  void welcome;
} else {
  const details: FieldError[] = r.error.details;
  void details;
}
validateCreate('{"email":"jane@example.com"}');
validateCreate(new TextEncoder().encode("{}"));
validateUpdate({ id: "c_1", email: "jane@example.com" }, { first_name: null });
const phone = normalizePhone("(201) 555-0123", "US");
const e164: string | undefined = phone.ok ? phone.e164 : undefined;
void e164;

// Any Standard Schema consumer takes the schemas.
function accepts<T>(schema: StandardSchemaV1<T>): StandardSchemaV1<T> {
  return schema;
}
accepts(createSchema);
accepts(makeCreateSchema({ policy, text: (d) => d.message.toUpperCase() }));
accepts(updateSchema({ email: "jane@example.com" }));

import { localize, matchLanguage } from "contactrules/localize";
const texts: Promise<string[]> = localize([{ field: "email", message: "must be a valid email address", rule: "email" }], "de");
void texts;
const lang: string = matchLanguage(["fr-CA", "en"]);
void lang;

import { phoneType, type PhoneType } from "contactrules";
const t: PhoneType = phoneType("+447400123456");
void t;

import { formatPhone, type PhoneFormat } from "contactrules";
const form: PhoneFormat = "NATIONAL";
const written: string = formatPhone("+442071838750", form);
void written;

import { advise, adviseForm, type Advice } from "contactrules/advice";
const advice: Advice[] = advise({ email: "jane@gmial.com" }, policy);
const suggestion: string | undefined = advice[0]?.suggestion;
void suggestion;
adviseForm({ email: "jane@example.com", phone_number: "+12015550123" }, new URLSearchParams("phone_region=GB&phone_number=%2B1"));
adviseForm({ phone_number: "+12015550123" }, { phone_region: ["GB"], phone_number: "+1 201 555 0123" });
// AsYouType, from its own entry.
import { AsYouType } from "contactrules/asyoutype";
const ayt = new AsYouType("US");
const shown: string = ayt.input("2015550123");
const typed: { e164: string; region: string } | null = ayt.number();
ayt.reset();
void shown, typed;

// Both entries take and give the same shapes: one set of types.
import type { Result as WasmResult, FieldError as WasmFieldError, Policy as WasmPolicy } from "contactrules/wasm";
const viaWasm: WasmResult = r;
const back: Result = viaWasm;
const detail: WasmFieldError | undefined = back.ok ? undefined : back.error.details[0];
const wasmPolicy: WasmPolicy = policy;
void detail, wasmPolicy;
