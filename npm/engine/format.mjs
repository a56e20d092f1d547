// formatPhone: a valid number written as libphonenumber's Format writes
// it, with its calling code's main region's number formats
// (data/format.mjs), as the Go package phone's Number.Format does.
import { patterns, formats } from "../data/format.mjs";
import { check } from "./phone.mjs";

const cache = new Map();
function re(source, flags) {
  const key = flags + source;
  let r = cache.get(key);
  if (r === undefined) {
    r = new RegExp(source, flags);
    cache.set(key, r);
  }
  return r;
}

// choose is chooseFormattingPatternForNumber: the first format whose
// leading digits start the number and whose pattern matches it whole.
// (Patterns are numbered in base 36; 0 is none.)
function choose(list, nsn) {
  for (const [p, leading, format, npfr] of list) {
    const ld = parseInt(leading, 36);
    const pattern = patterns[parseInt(p, 36)];
    if ((ld === 0 || re(`^(?:${patterns[ld]})`, "").test(nsn)) && re(`^(?:${pattern})$`, "").test(nsn)) {
      return { pattern, format, npfr };
    }
  }
  return undefined;
}

const punctuation = "\\-x\u2010-\u2015\u2212\u30FC\uFF0D-\uFF0F \u00A0\u00AD\u200B\u2060\u3000()\uFF08\uFF09\uFF3B\uFF3D.\\[\\]/~\u2053\u223C\uFF5E";
const leadingSeparators = new RegExp(`^[${punctuation}]+`);
const pieces = new RegExp(`[^${punctuation}]+`, "g");

/**
 * formatPhone returns a valid number in canonical E.164 written in one of
 * libphonenumber's formats: "E164", "INTERNATIONAL" (the default),
 * "NATIONAL" or "RFC3966"; "" for a string that is no valid number or a
 * format that is none of the four.
 */
export function formatPhone(e164, format = "INTERNATIONAL") {
  const c = typeof e164 === "string" && /^\+[1-9][0-9]{0,14}$/.test(e164) ? check(e164.slice(1), false) : undefined;
  if (c === undefined || !["E164", "INTERNATIONAL", "NATIONAL", "RFC3966"].includes(format)) return "";
  if (format === "E164") return e164;
  const cc = e164.slice(1, 1 + c[0]);
  const nsn = e164.slice(1 + c[0]);
  const [national, intl] = formats[cc];
  const f = choose(format === "NATIONAL" || intl.length === 0 ? national : intl, nsn);
  let text = nsn;
  if (f !== undefined) {
    const rule = format === "NATIONAL" && f.npfr !== "" ? f.format.replace(/\$\d/, () => f.npfr) : f.format;
    text = nsn.replace(re(f.pattern, "g"), rule);
  }
  if (format === "NATIONAL") return text;
  if (format === "INTERNATIONAL") return `+${cc} ${text}`;
  return `tel:+${cc}-${(text.replace(leadingSeparators, "").match(pieces) ?? []).join("-")}`;
}
