// Types of the contactrules JavaScript engine (engine/index.mjs), the
// package's default entry. Answers are those of the Go server, byte for
// byte: the API's error envelope, the consent effects.

/** Email consent values. compliance_suppressed is system-set: stored, never writable. */
export type EmailConsent = "subscribed" | "unsubscribed" | "never_subscribed" | "suppressed" | "compliance_suppressed";

/** SMS consent values. pending is system-set: stored, never writable. */
export type SMSConsent = "subscribed" | "unsubscribed" | "never_subscribed" | "single_opt_in" | "pending";

/** A custom field's value: custom_fields is flat. */
export type CustomFieldValue = string | number | boolean | null;

/** The body of POST /v1/contacts: at least one of email and phone_number. */
export interface Contact {
  email?: string | null;
  /** E.164, canonical: "+14155552671"; normalizePhone turns typed numbers into it. */
  phone_number?: string | null;
  first_name?: string | null;
  last_name?: string | null;
  tags?: string[] | null;
  custom_fields?: Record<string, CustomFieldValue> | null;
  email_consent?: EmailConsent | null;
  sms_consent?: SMSConsent | null;
  /** false suppresses the welcome SMS. */
  send_welcome_sms?: boolean | null;
}

/** A contact as the API stores it: the current contact of an update. */
export interface StoredContact extends Contact {
  id?: string;
  created_at?: string;
  updated_at?: string;
}

/** The body of PATCH /v1/contacts/{id}: absent leaves a member, null clears it. */
export type Patch = Contact;

/** JSON text: a string, or its UTF-8 bytes (judged byte for byte, as the server reads them). */
export type JSONText = string | Uint8Array | ArrayBuffer | ArrayBufferView;

/** One reason a payload is refused: a detail of the API's error envelope. */
export interface FieldError {
  /** A member ("email"), "base", "tags[3]", "custom_fields.<key>" or a member's name as sent (cut at 64 bytes, then "..."). */
  field: string;
  message: string;
  /** The rule's stable name (docs/create.md). */
  rule: string;
}

export interface Effects {
  welcome_sms: boolean;
  email_unsuppressed: boolean;
  defaults_applied: Array<"email_consent" | "sms_consent">;
}

export interface ValidationError {
  code: "validation_failed";
  message: string;
  /** At most the policy's maxDetails, in the order of the rule table. */
  details: FieldError[];
}

export type Result =
  | { ok: true; effects: Effects; error?: never }
  | { ok: false; error: ValidationError; effects?: never };

export type PhoneResult =
  | { ok: true; e164: string; region: string; error?: never }
  | { ok: false; error: { code: "syntax" | "invalid"; message: string }; e164?: never; region?: never };

/** A deployment's choices (docs/policy.md); absent, null or 0 means the default. */
export interface Policy {
  smsRegions?: string[] | null;
  allowUnknownFields?: boolean | null;
  acceptLegacyConsent?: boolean | null;
  /** Refuse SMS consent for a number that cannot take SMS (a fixed line, toll-free…). */
  smsNeedsMobile?: boolean | null;
  possiblePhoneOnly?: boolean | null;
  maxNameLength?: number | null;
  maxTagLength?: number | null;
  maxTags?: number | null;
  maxBodyBytes?: number | null;
  maxDetails?: number | null;
}

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
