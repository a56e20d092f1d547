// Types of contactrules/advice (engine/advice.mjs): the advice of the Go
// package advice on a contact the API accepts (docs/advice.md).

import type { Contact, Policy } from "./index.js";

/** One thing the person filling in a form may want to fix. Not a detail: never put it into an error envelope. */
export interface Advice {
  /** The member advised on, as a detail names it ("email", "phone_region"). */
  field: "email" | "sms_consent" | "phone_region";
  /** The rule's stable name. */
  rule: "email_typo" | "role_address" | "sms_landline" | "phone_region_mismatch";
  /** The rule's English text; it never holds the submitted value, so it may be logged. */
  message: string;
  /**
   * The corrected value, for display to the person who typed the original
   * (the whole corrected address, or the region the number belongs to).
   * Derived from the submitted value, which is personal data: do not log it.
   */
  suggestion?: string;
}

/** Form values: a FormData, a URLSearchParams, or an object of strings or arrays of strings. */
export type FormValues = { getAll(name: string): unknown[] } | Record<string, string | string[] | undefined>;

/** The advice on an accepted contact, in the order of the rules (advice.For); [] when there is none. */
export function advise(contact: Contact, policy?: Policy | string | null): Advice[];

/** advise's advice, then phone_region_mismatch, read from the form's phone_region and the number as typed (advice.ForForm). */
export function adviseForm(contact: Contact, form: FormValues, policy?: Policy | string | null): Advice[];
