// Types of contactrules.mjs, the contactrules package.

/** The codes of the API's error envelope; clients branch on them. */
export type ErrorCode =
  | "invalid_client"
  | "invalid_scope"
  | "unauthorized"
  | "insufficient_scope"
  | "not_found"
  | "conflict"
  | "validation_failed"
  | "rate_limited";

/** Email consent values. compliance_suppressed is system-set: stored, never writable. */
export type EmailConsent = "subscribed" | "unsubscribed" | "never_subscribed" | "suppressed" | "compliance_suppressed";

/** SMS consent values. pending is system-set: stored, never writable. */
export type SMSConsent = "subscribed" | "unsubscribed" | "never_subscribed" | "single_opt_in" | "pending";

/** A custom field's value: custom_fields is flat. */
export type CustomFieldValue = string | number | boolean | null;

/**
 * The body of POST /v1/contacts. At least one of email and phone_number is
 * required; null and an absent member mean the same.
 */
export interface Contact {
  /** An address as the API accepts it (ASCII local@domain). */
  email?: string | null;
  /** E.164, canonical: "+14155552671". normalizePhone turns typed numbers into it. */
  phone_number?: string | null;
  first_name?: string | null;
  last_name?: string | null;
  tags?: string[] | null;
  custom_fields?: Record<string, CustomFieldValue> | null;
  /** Default never_subscribed. */
  email_consent?: EmailConsent | null;
  /** Default never_subscribed. */
  sms_consent?: SMSConsent | null;
  /** false suppresses the welcome SMS. */
  send_welcome_sms?: boolean | null;
}

/**
 * A contact as the API stores and returns it: the current contact of an
 * update. Its id and timestamps are ignored by the rules.
 */
export interface StoredContact extends Contact {
  id?: string;
  created_at?: string;
  updated_at?: string;
}

/**
 * The body of PATCH /v1/contacts/{id}: an absent member leaves the
 * contact as it is, null clears it (a consent cannot be cleared; null
 * leaves it). email and phone_number cannot change once set.
 */
export type Patch = Contact;

/** Stable names of the rules, the `rule` member of a detail. */
export type RuleName =
  | "max_bytes"
  | "json_object"
  | "required_any"
  | "required_one_of"
  | "type"
  | "utf8"
  | "immutable"
  | "email"
  | "region"
  | "e164"
  | "max_length"
  | "max_items"
  | "tag"
  | "flat_object"
  | "duplicate_key"
  | "compliance_suppressed"
  | "enum"
  | "sms_supported_country"
  | "sms_mobile"
  | "sms_no_unsubscribe_on_create"
  | "read_only"
  | "unknown_field"
  | "max_details";

/** One entry of an error's details: the field and what is wrong with it. */
export interface FieldError {
  /** "base", a member name, "tags[i]" or "custom_fields.<key>". */
  field: string;
  /** Never contains the submitted value. */
  message: string;
  /** Which rule failed, for clients that localise messages. */
  rule: RuleName;
}

/** What an acceptable payload sets off besides storing it. */
export interface Effects {
  /** A welcome SMS is sent (SMS consent became subscribed, send_welcome_sms not false). */
  welcome_sms: boolean;
  /** A merchant-suppressed contact's email consent is unsuppressed first. */
  email_unsuppressed: boolean;
  /** The consent fields that took their default, in this order. */
  defaults_applied: Array<"email_consent" | "sms_consent">;
}

/** The inner object of a validation_failed envelope: what the checks give. */
export interface ValidationError {
  code: "validation_failed";
  message: string;
  details: FieldError[];
}

/** The inner object of any error envelope the API sends, by code. */
export type ErrorBody =
  | ValidationError
  | { code: "conflict"; message: string; /** The existing contact's id. */ id: string }
  | { code: Exclude<ErrorCode, "validation_failed" | "conflict">; message: string };

/** An error response's body: {"error": {...}}. */
export interface ErrorEnvelope {
  error: ErrorBody;
}

/**
 * The outcome of validateCreate and validateUpdate: the line the
 * contactcheck program prints, without its "line" member.
 */
export type Result =
  | { ok: true; effects: Effects; error?: never }
  | { ok: false; error: ValidationError; effects?: never };

/** The outcome of validateCreate. */
export type CreateResult = Result;

/** The outcome of validateUpdate. */
export type UpdateResult = Result;

/** The outcome of normalizePhone. */
export type PhoneResult =
  | { ok: true; /** Canonical E.164. */ e164: string; /** ISO 3166 code, "001" for non-geographic numbers. */ region: string; error?: never }
  | {
      ok: false;
      error: {
        /** "syntax": cannot be a phone number; "invalid": not a valid one. */
        code: "syntax" | "invalid";
        /** Never contains the input. */
        message: string;
      };
      e164?: never;
      region?: never;
    };

/**
 * A deployment's choices. An absent, null, zero or empty member means the
 * default; an unknown member or region code throws a ContactRulesError.
 */
export interface Policy {
  /** Regions whose numbers may subscribe to SMS (default ["US", "CA"]). */
  smsRegions?: string[] | null;
  /** Do not report members the API does not know. */
  allowUnknownFields?: boolean | null;
  /** Accept the legacy consent value "non_subscribed". */
  acceptLegacyConsent?: boolean | null;
  /** Refuse SMS consent for a number whose type cannot take SMS (rule sms_mobile). */
  smsNeedsMobile?: boolean | null;
  /** Check phone numbers for a possible length only. */
  possiblePhoneOnly?: boolean | null;
  /** In code points (default 255). */
  maxNameLength?: number | null;
  /** In code points (default 255). */
  maxTagLength?: number | null;
  /** Default 100. */
  maxTags?: number | null;
  /** Default 1048576. */
  maxBodyBytes?: number | null;
  /** The most details an answer lists (default 100); past it the last one says the list is cut. */
  maxDetails?: number | null;
}

/**
 * JSON text: a string, or bytes taken as they are (the only way to check
 * exactly what a server receives, invalid UTF-8 included).
 */
export type JSONText = string | Uint8Array | ArrayBuffer;

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
