// Types of contactrules.mjs, the package's contactrules/wasm entry. The
// contacts, results, policy and details are the engine's (one set for the
// package: both entries take and give the same shapes); this file declares
// what only this entry has: load, its rules object, its error class and
// the messages API.

import type { Contact, StoredContact, Patch, CreateResult, UpdateResult, PhoneResult, Policy, JSONText } from "../engine/index.js";

export type {
  ErrorCode,
  EmailConsent,
  SMSConsent,
  CustomFieldValue,
  Contact,
  StoredContact,
  Patch,
  RuleName,
  FieldError,
  Effects,
  ValidationError,
  ErrorBody,
  ErrorEnvelope,
  Result,
  CreateResult,
  UpdateResult,
  PhoneResult,
  Policy,
  JSONText
} from "../engine/index.js";

/** The codes of ContactRulesError. */
export type ContactRulesErrorCode = "invalid_policy" | "invalid_contact" | "load_failed" | "internal";

/**
 * Thrown for a mistake of the calling code that is not a wrong argument
 * type (TypeError) or an unknown region code (RangeError): a policy or a
 * stored contact that is not one, a module that cannot be loaded. Its
 * message never quotes the input.
 */
export class ContactRulesError extends Error {
  constructor(message: string, code: ContactRulesErrorCode, options?: { cause?: unknown });
  readonly name: "ContactRulesError";
  readonly code: ContactRulesErrorCode;
}

/** The same functions, returning the JSON text unparsed. */
export interface RawRules {
  validateCreate(payload: Contact | JSONText | null, policy?: Policy | string | null): string;
  validateUpdate(current: StoredContact | JSONText | null, patch: Patch | JSONText | null, policy?: Policy | string | null): string;
  normalizePhone(input: string, defaultRegion?: string): string;
}

/** The loaded rules. */
export interface ContactRules {
  /**
   * Checks the body of POST /v1/contacts: a Contact (written with
   * JSON.stringify), or its JSON text. Values the type does not allow are
   * checked too, and reported; pass untyped data as it came (`any`, or
   * `unknown` cast to Contact).
   */
  validateCreate(payload: Contact | JSONText | null, policy?: Policy | string | null): CreateResult;
  /**
   * Checks the body of PATCH /v1/contacts/{id} against the contact as it
   * is stored now. Throws a ContactRulesError when current is not a
   * contact.
   */
  validateUpdate(current: StoredContact | JSONText | null, patch: Patch | JSONText | null, policy?: Policy | string | null): UpdateResult;
  /**
   * Turns a number as typed into a form ("(415) 555-2671") into E.164,
   * reading national forms as defaultRegion's (an ISO 3166 code such as
   * "US"; default none). Throws a RangeError for an unknown region code.
   */
  normalizePhone(input: string, defaultRegion?: string): PhoneResult;
  /** The module's localize, for convenience: it needs no loaded rules. */
  localize: typeof localize;
  readonly raw: RawRules;
}

/**
 * Loads the WebAssembly rules: by default contactrules.wasm beside the
 * module; or from a URL, a Response (or a promise of one, as fetch
 * returns), a file path (Node.js), its bytes or a compiled module. Call it
 * once and keep the result; each call starts another instance.
 */
export function load(
  source?: string | URL | Response | PromiseLike<Response> | ArrayBuffer | ArrayBufferView | WebAssembly.Module,
): Promise<ContactRules>;

/** The languages there are catalogs for (BCP 47 tags), English first. */
export type Language = "en" | "de" | "es" | "fr" | "it" | "nl" | "pt-BR" | "ja";

/** The languages there are catalogs for, English first (frozen). */
export const languages: readonly Language[];

/**
 * A detail to show: a FieldError of the rules, or one of the page's own
 * (a rule of its own, or none), which a catalog does not know unless given
 * a text for it, and which then keeps its message.
 */
export interface Detail {
  field: string;
  message: string;
  rule?: string;
}

/**
 * A catalog's texts as the files contactrules/messages/<language>.json
 * hold them: field family ("email", "tags[i]", "custom_fields.<key>",
 * "<member>") to rule name to text; {max} stands for the rule's policy
 * limit, {count} for the number of details listed under max_details.
 */
export type CatalogTexts = { readonly [family: string]: { readonly [rule: string]: string } };

/** One language's texts, found by a detail's rule (never by its English message). */
export interface Catalog {
  /** As given to makeCatalog; one of languages for a loaded catalog. */
  readonly language: string;
  /** The text of one detail, with the policy's limits in it; a detail the catalog does not know keeps its message. */
  text(detail: Detail, policy?: Policy | string | null): string;
  /** The texts of details, in their order. */
  texts(details: readonly Detail[], policy?: Policy | string | null): string[];
}

/**
 * The language of languages that best matches a tag ("de-CH" gives "de",
 * "pt" "pt-BR", "fr-CA" "fr"), an Accept-Language value ("de-CH,de;q=0.9")
 * or a list of tags in order of preference (navigator.languages), as the
 * Go package messages matches them; "en" when none is close.
 */
export function matchLanguage(preferred: string | readonly string[]): Language;

/**
 * Loads the catalog of the best-matching language: messages/<language>.json
 * beside the module, read (Node.js, Deno) or fetched (browsers) when first
 * asked for, then kept. Rejects with a ContactRulesError (load_failed)
 * when the file cannot be had.
 */
export function loadCatalog(lang: string | readonly string[]): Promise<Catalog & { readonly language: Language }>;

/**
 * A catalog of texts you have: a catalog file imported as JSON (the way
 * for bundlers that do not copy the files beside the module), or a copy
 * of one with texts of your own.
 */
export function makeCatalog(texts: CatalogTexts, language: string): Catalog;

/**
 * The display texts of details, in their order, in the language that best
 * matches lang, with the policy's limits in them ({max}, {count}): what
 * the Go package messages gives, for the people filling in a form. English
 * is the wire message; a detail the catalogs do not know keeps its
 * message. Loads the language's catalog when first needed (see
 * loadCatalog). A policy is read as validateCreate reads it: a wrong limit
 * or an unknown option throws (rejects) a ContactRulesError.
 */
export function localize(details: readonly Detail[], lang: string | readonly string[], policy?: Policy | string | null): Promise<string[]>;
