// formatPhone: a valid number written as libphonenumber's Format writes
// it, with its calling code's main region's number formats, as the Go
// package phone's Number.Format does; and the reader of data/format.mjs,
// which AsYouType shares.
import { entities as text } from "../data/format.mjs";
import { check } from "./phone.mjs";

const cache = new Map();
// re makes a RegExp once.
export function re(source, flags = "") {
  const key = flags + source;
  let r = cache.get(key);
  if (r === undefined) {
    r = new RegExp(source, flags);
    cache.set(key, r);
  }
  return r;
}

/**
 * The entities of data/format.mjs (its layout is phone/internal/gen's
 * JSFormats'): regions in code order, then the non-geographic calling
 * codes, each { code, cc, np, npfp, transform, idd, lengths, formats },
 * formats null for those that format with their calling code's main
 * entity's. A format is { pattern, format, npfr, optional, intl, leads }.
 */
export const entities = [];
/** The main entity of each calling code, by its digits. */
export const mains = new Map();
for (const line of text.split("\n")) {
  const [head, ...rest] = line.split("\t");
  if (head !== "") {
    const [code, cc, main, np, npfp, transform, idd, lengths] = head.split("~");
    const e = { code, cc: parseInt(cc, 36), np, npfp, transform, idd, lengths: [...lengths].map((l) => parseInt(l, 36)), formats: null };
    entities.push(e);
    if (main !== "") mains.set(String(e.cc), e);
    continue;
  }
  const [pattern, format, npfr, optional, intl, ...leads] = rest[0].split("~");
  const e = entities[entities.length - 1];
  (e.formats ??= []).push({ pattern, format, npfr, optional: optional !== "", intl, leads });
}

// choose is chooseFormattingPatternForNumber: the first format whose
// leading digits (the last, most detailed, pattern) start the number and
// whose pattern matches it whole.
function choose(list, nsn) {
  return list.find((f) => (f.leads.length === 0 || re(`^(?:${f.leads[f.leads.length - 1]})`).test(nsn)) && re(`^(?:${f.pattern})$`).test(nsn));
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
  const national = format === "NATIONAL";
  // The international formats are the formats but those marked "NA".
  const f = choose((mains.get(cc).formats ?? []).filter((f) => national || f.intl !== "NA"), nsn);
  let text = nsn;
  if (f !== undefined) {
    let rule = national ? f.format : f.intl || f.format;
    if (national && f.npfr !== "") rule = rule.replace(/\$\d/, () => f.npfr);
    text = nsn.replace(re(f.pattern, "g"), rule);
  }
  if (national) return text;
  if (format === "INTERNATIONAL") return `+${cc} ${text}`;
  return `tel:+${cc}-${(text.replace(leadingSeparators, "").match(pieces) ?? []).join("-")}`;
}
