// contactrules: the contact rules of the contacts API in JavaScript,
// generated from the Go code's rules (data/, written by go generate) and
// interpreted here. Synchronous, no dependencies: each answer is the one
// the Go package validate gives, byte for byte, for the same payload
// (JSON text as the same bytes; a JavaScript value as JSON.stringify's
// text of it).
import { defaults, fields } from "../data/rules.mjs";
import { check, CREATE, UPDATE } from "./check.mjs";
import { readText, readValue, fromString, fromBytes, utf8Length } from "./read.mjs";
import { isRegion } from "./phone.mjs";

/** A mistake of the calling code: a policy or stored contact that is not one. */
export class ContactRulesError extends Error {
  constructor(message, code) {
    super(message);
    this.name = "ContactRulesError";
    this.code = code;
  }
}

const limitNames = ["maxNameLength", "maxTagLength", "maxTags", "maxBodyBytes", "maxDetails"];
const flagNames = ["allowUnknownFields", "acceptLegacyConsent", "smsNeedsMobile", "possiblePhoneOnly"];
const optionNames = ["smsRegions", ...flagNames, ...limitNames];

const defaultLimits = resolve({});
const cache = new WeakMap();

// limits reads a policy (an object, JSON text, null or undefined) as the
// wasm build does, and resolves its zero settings to the defaults.
export function limits(policy) {
  if (policy == null || policy === "") return defaultLimits;
  if (typeof policy === "object") {
    let l = cache.get(policy);
    if (l === undefined) {
      l = resolve(JSON.parse(stringify(policy, "policy must be an object or JSON text")));
      cache.set(policy, l);
    }
    return l;
  }
  if (typeof policy !== "string") throw new TypeError("policy must be an object or JSON text");
  let p;
  try {
    p = JSON.parse(policy);
  } catch {
    throw new ContactRulesError("policy is not valid JSON", "invalid_policy");
  }
  return p === null ? defaultLimits : resolve(p);
}

function resolve(p) {
  const fail = (m) => {
    throw new ContactRulesError(m, "invalid_policy");
  };
  if (typeof p !== "object" || Array.isArray(p)) fail("policy must be an object");
  const l = { ...defaults };
  for (const [name, v] of Object.entries(p)) {
    if (!optionNames.includes(name)) fail(`policy has an option that does not exist; the options are ${optionNames.join(", ")}`);
    if (v === null) continue;
    if (name === "smsRegions") {
      if (!Array.isArray(v) || !v.every((c) => typeof c === "string")) fail("policy.smsRegions must be an array of region codes");
      v.forEach((c, i) => (isRegion(c) && c !== "001") || fail(`policy.smsRegions[${i}] is not a supported region code`));
      if (v.length > 0) l.smsRegions = v;
    } else if (flagNames.includes(name)) {
      if (typeof v !== "boolean") fail(`policy.${name} must be a boolean`);
      l[name] = v;
    } else {
      if (typeof v !== "number" || !Number.isInteger(v)) fail(`policy.${name} must be an integer`);
      if (v > 2147483647) fail(`policy.${name} must be at most 2147483647`);
      if (v < 0) fail(`policy.${name} must not be negative`);
      if (v > 0) l[name] = v;
    }
  }
  l.listedDetails = l.maxDetails - 1;
  return Object.freeze(l);
}

function stringify(v, message) {
  let text;
  try {
    text = typeof v === "function" ? undefined : JSON.stringify(v);
  } catch (cause) {
    throw new TypeError(message, { cause });
  }
  if (text === undefined) throw new TypeError(message);
  return text;
}

// payload reads a body: JSON text (a string or bytes) or a JavaScript
// value.
function payload(body, lim, name) {
  if (typeof body === "string") {
    const s = fromString(body);
    return readText(s, utf8Length(body), lim);
  }
  const bytes = asBytes(body);
  if (bytes !== undefined) return readText(fromBytes(bytes), bytes.length, lim);
  const p = readValue(body, lim);
  if (p !== undefined) return p;
  const text = stringify(body, `${name} must be JSON text, bytes or a JSON value`);
  return readText(text, utf8Length(text), lim);
}

function asBytes(v) {
  if (v instanceof Uint8Array) return v;
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  return undefined;
}

/**
 * Checks the body of a create request (POST /v1/contacts): JSON text, its
 * bytes, or a value as JSON.stringify would send it. Returns
 * { ok: true, effects } or { ok: false, error }, the API's envelope.
 */
export function validateCreate(body, policy) {
  const lim = limits(policy);
  return check(CREATE, payload(body, lim, "payload"), lim, {});
}

/**
 * Checks the body of an update request (PATCH /v1/contacts/{id}) against
 * the contact as stored now (an object or JSON text).
 */
export function validateUpdate(current, patch, policy) {
  const lim = limits(policy);
  const cur = readCurrent(current);
  return check(UPDATE, payload(patch, lim, "patch"), lim, cur);
}

const stringMembers = ["email", "phone_number", "first_name", "last_name", "email_consent", "sms_consent"];

// readCurrent reads the stored contact as the wasm build does.
function readCurrent(current) {
  let c = current;
  if (typeof c === "string" || asBytes(c) !== undefined) {
    try {
      c = JSON.parse(typeof c === "string" ? c : new TextDecoder().decode(asBytes(c)));
    } catch {
      throw new ContactRulesError("current is not valid JSON", "invalid_contact");
    }
  } else if (c !== null && c !== undefined) {
    c = JSON.parse(stringify(c, "current must be JSON text, bytes or a JSON value"));
  }
  if (c === null || c === undefined) return {};
  if (typeof c !== "object" || Array.isArray(c)) throw new ContactRulesError("current must be a contact object", "invalid_contact");
  const out = {};
  for (const name of fields) {
    const v = c[name];
    if (v === undefined || v === null) continue;
    const fail = (want) => {
      throw new ContactRulesError(`current.${name} must be ${want}`, "invalid_contact");
    };
    if (stringMembers.includes(name)) {
      if (typeof v !== "string") fail("a string");
      out[name] = v;
    } else if (name === "tags" && !(Array.isArray(v) && v.every((t) => typeof t === "string"))) fail("an array of strings");
    else if (name === "custom_fields" && (typeof v !== "object" || Array.isArray(v))) fail("an object");
    else if (name === "send_welcome_sms" && typeof v !== "boolean") fail("a boolean");
  }
  return out;
}

export { normalizePhone } from "./normalize.mjs";
export { phoneType } from "./phone.mjs";
export { formatPhone } from "./format.mjs";
export { examplePhone } from "./examples.mjs";
export { createSchema, makeCreateSchema, updateSchema } from "./schema.mjs";
