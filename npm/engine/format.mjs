// formatPhone: a valid number written as libphonenumber's Format writes
// it, with its calling code's main region's number formats, as the Go
// package phone's Number.Format does; and the reader of data/format.mjs,
// which AsYouType shares.
import { regions } from "../data/format.mjs";
import { check, regionList } from "./phone.mjs";

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
 * The regions of data/phone.mjs with what data/format.mjs adds to each
 * (its layout is phone/internal/gen's JSFormats'): { code, cc, np, npfp,
 * transform, idd, lengths, formats }, formats null for those that format
 * with their calling code's main region's. A format is { pattern,
 * format, npfr, optional, intl, leads }.
 */
export const entities = [];
/** The main region of each calling code, by its digits. */
export const mains = new Map();
const list = regionList();
for (const line of regions.split("\n")) {
  if (line[0] !== "\t") {
    const [np, npfp, transform, idd] = line.split("~");
    const r = list[entities.length];
    const e = { code: r.code, cc: r.cc, np, npfp: npfp || r.npfp, transform: npfp === "" ? r.transform : transform, idd, lengths: r.lengths, formats: null };
    entities.push(e);
    if (r.main) mains.set(String(e.cc), e);
    continue;
  }
  const [pattern, format, npfr, optional, intl, ...leads] = line.slice(1).split("~");
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
