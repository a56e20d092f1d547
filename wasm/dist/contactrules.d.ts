// Types of contactrules.mjs.

/** One entry of an error's details: the field and what is wrong with it. */
export interface FieldError {
  /** "base", a member name, "tags[i]" or "custom_fields.<key>". */
  field: string;
  message: string;
  /** Stable name of the rule that failed, e.g. "e164", "required_one_of". */
  rule?: string;
}

/** What an acceptable payload sets off. */
export interface Effects {
  welcome_sms: boolean;
  email_unsuppressed: boolean;
  /** The consent fields that took their default, in this order. */
  defaults_applied: Array<"email_consent" | "sms_consent">;
}

/** The inner object of the API's error envelope. */
export interface ErrorBody {
  code: string;
  message: string;
  details?: FieldError[];
}

/**
 * The outcome of one check: what the contactcheck program prints for a
 * line, without its "line" member.
 */
export type Result =
  | { ok: true; effects: Effects; error?: never }
  | { ok: false; error: ErrorBody; effects?: never };

/** The outcome of normalizePhone. */
export type PhoneResult =
  | { ok: true; e164: string; region: string; error?: never }
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
 * A deployment's choices. An absent, zero or empty member means the
 * default; an unknown member or region code makes the call throw.
 */
export interface Policy {
  /** Regions whose numbers may subscribe to SMS (default ["US", "CA"]). */
  smsRegions?: string[];
  /** Do not report members the API does not know. */
  allowUnknownFields?: boolean;
  /** Accept the legacy consent value "non_subscribed". */
  acceptLegacyConsent?: boolean;
  /** Check phone numbers for a possible length only. */
  possiblePhoneOnly?: boolean;
  /** In code points (default 255). */
  maxNameLength?: number;
  /** In code points (default 255). */
  maxTagLength?: number;
  /** Default 100. */
  maxTags?: number;
  /** Default 1048576. */
  maxBodyBytes?: number;
}

/**
 * A JSON text (a string, or bytes taken as they are) or any other value,
 * which is written with JSON.stringify.
 */
export type Payload = string | Uint8Array | ArrayBuffer | object | null;

/** The same functions, returning the JSON text unparsed. */
export interface RawRules {
  validateCreate(payload: Payload, policy?: Policy | string | null): string;
  validateUpdate(current: Payload, patch: Payload, policy?: Policy | string | null): string;
  normalizePhone(input: string, defaultRegion?: string): string;
}

export interface ContactRules {
  /** Checks the body of POST /v1/contacts. */
  validateCreate(payload: Payload, policy?: Policy | string | null): Result;
  /**
   * Checks the body of PATCH /v1/contacts/{id} against the contact as it is
   * stored now (members such as id are ignored). Throws when current is
   * not a contact object.
   */
  validateUpdate(current: Payload, patch: Payload, policy?: Policy | string | null): Result;
  /**
   * Turns a number as typed into a form ("(415) 555-2671") into E.164,
   * reading national forms as defaultRegion's (e.g. "US"; default none).
   */
  normalizePhone(input: string, defaultRegion?: string): PhoneResult;
  readonly raw: RawRules;
}

/**
 * Loads the WebAssembly rules: by default contactrules.wasm beside the
 * module; or from a URL, a file path (Node.js), its bytes or a compiled
 * module.
 */
export function load(
  wasmUrlOrBytes?: string | URL | ArrayBuffer | ArrayBufferView | WebAssembly.Module,
): Promise<ContactRules>;
