// examplePhone: libphonenumber's example numbers (data/examples.mjs), as
// the Go package phone's Example gives them: form placeholders, mostly.
import { examples } from "../data/examples.mjs";
import { parse } from "./phone.mjs";

/**
 * examplePhone returns the example number in E.164 of a type ("MOBILE",
 * "FIXED_LINE", …) in a region ("US"), or undefined when the metadata has
 * none (never for "UNKNOWN", nor for "001").
 */
export function examplePhone(region, type) {
  const digits = Object.hasOwn(examples, region) && Object.hasOwn(examples[region], type) ? examples[region][type] : undefined;
  return digits !== undefined && parse(`+${digits}`, true) !== undefined ? `+${digits}` : undefined;
}
