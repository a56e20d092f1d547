// Types of the contactrules JavaScript engine (engine/index.mjs), the
// package's default entry. Answers are those of the Go server, byte for
// byte: the API's error envelope, the consent effects.
//
// The contacts, results, policy and details declared here are the
// package's one set: the WebAssembly entry's types (wasm/contactrules.d.ts)
// import them, since both entries take and give the same shapes.

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
  /** "base", a member name, "tags[i]", "custom_fields.<key>" or a member's name as sent (cut at 64 bytes, then "..."). */
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
  /** At most the policy's maxDetails, in the order of the rule table. */
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
 * A deployment's choices (docs/policy.md). An absent, null, zero or empty
 * member means the default; an unknown member or region code throws a
 * ContactRulesError.
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
 * JSON text: a string, or its UTF-8 bytes taken as they are (judged byte
 * for byte, as the server reads them: the only way to check exactly what
 * a server receives, invalid UTF-8 included).
 */
export type JSONText = string | Uint8Array | ArrayBuffer | ArrayBufferView;

/** A mistake of the calling code: a policy or stored contact that is not one. */
export class ContactRulesError extends Error {
  readonly name: "ContactRulesError";
  readonly code: "invalid_policy" | "invalid_contact";
}

/** Checks a create body: a value (as JSON.stringify sends it) or JSON text. */
export function validateCreate(payload: Contact | JSONText | null, policy?: Policy | string | null): Result;

/** Checks an update body against the contact as stored now. */
export function validateUpdate(current: StoredContact | JSONText | null, patch: Patch | JSONText | null, policy?: Policy | string | null): Result;

/** Reads a number as typed ("(201) 555-0123" in "US") as E.164. */
export function normalizePhone(input: string, defaultRegion?: string): PhoneResult;

/** libphonenumber's types of numbers, as phone.Type names them. */
export type PhoneType =
  | "FIXED_LINE"
  | "MOBILE"
  | "FIXED_LINE_OR_MOBILE"
  | "TOLL_FREE"
  | "PREMIUM_RATE"
  | "SHARED_COST"
  | "VOIP"
  | "PERSONAL_NUMBER"
  | "PAGER"
  | "UAN"
  | "VOICEMAIL"
  | "UNKNOWN";

/** The type of a valid number in canonical E.164 ("+447400123456" is "MOBILE"); "UNKNOWN" for any other string. */
export function phoneType(e164: string): PhoneType;

/** libphonenumber's ways of writing a number, as phone.Format names them. */
export type PhoneFormat = "E164" | "INTERNATIONAL" | "NATIONAL" | "RFC3966";

/**
 * A valid number in canonical E.164 written as phone.Number.Format writes
 * it ("+442071838750" is "020 7183 8750" in NATIONAL form); "" for any
 * other string.
 */
export function formatPhone(e164: string, format?: PhoneFormat): string;

/** libphonenumber's example number of a type in a region ("+12015550123"), or undefined when it has none. */
export function examplePhone(region: string, type: PhoneType): string | undefined;

/** The Standard Schema v1 interface (standardschema.dev). */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly "~standard": {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => StandardSchemaV1.Result<Output> | Promise<StandardSchemaV1.Result<Output>>;
    readonly types?: { readonly input: Input; readonly output: Output } | undefined;
  };
}

export declare namespace StandardSchemaV1 {
  type Result<Output> = { readonly value: Output; readonly issues?: undefined } | { readonly issues: ReadonlyArray<Issue> };
  interface Issue {
    readonly message: string;
    readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
  }
}

export interface SchemaOptions {
  policy?: Policy | string | null;
  /** The issue's message for a detail (a localized text); the wire message by default. */
  text?: (detail: FieldError) => string;
}

/** The Standard Schema of create bodies under the default policy. */
export const createSchema: StandardSchemaV1<Contact>;

/** A Standard Schema of create bodies under options. */
export function makeCreateSchema(options?: SchemaOptions): StandardSchemaV1<Contact>;

/** The Standard Schema of patches to the stored contact current. */
export function updateSchema(current: StoredContact | JSONText | null, options?: SchemaOptions): StandardSchemaV1<Patch>;
