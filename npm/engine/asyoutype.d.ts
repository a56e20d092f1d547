/**
 * An AsYouType formats a phone number while it is typed, for a form field
 * that shows "(201) 555-01" once "20155501" has been typed in the US: what
 * the Go package phone's AsYouType shows (and libphonenumber-js's
 * AsYouType, which that one is held equal to).
 *
 * Digits typed after a leading '+' are an international number; other
 * digits are a number of the region given to the constructor, perhaps
 * after its national prefix or its international prefix. Punctuation and
 * anything else typed is ignored: the display is rebuilt from the digits.
 * It keeps at most 20 digits.
 */
export class AsYouType {
  /** A formatter for numbers typed in region ("US"); with "" or a code libphonenumber does not know, only numbers typed with '+' are formatted. */
  constructor(region?: string);
  /** Takes text typed after what came before (a keystroke, or pasted text) and returns the whole display so far: "(201) 555-0123" after "2015550123" in the US. */
  input(text: string): string;
  /** Forgets what was typed, for the next number. */
  reset(): void;
  /** The number typed so far, once it is a complete valid number: its E.164 form and region; null before (and for an invalid number). */
  number(): { e164: string; region: string } | null;
}
