// formatPhone: a valid number written as libphonenumber's Format writes
// it, with its calling code's main region's number formats, as the Go
// package phone's Number.Format does; and the reader of data/format.mjs,
// which AsYouType shares.
import { regions } from "../data/format.mjs";
import { check, regionList } from "./phone.mjs";

/**
 * The regions of data/phone.mjs with what data/format.mjs adds to each
 * (its layout is phone/internal/gen's JSFormats'): { code, cc, np, npfp,
 * transform, idd, lengths, formats }, formats null for those that format
 * with their calling code's main region's. A format is { pattern,
 * format, npfr, optional, intl, leads }. The RegExps made of their
 * patterns are kept on them when first made (leading and whole below;
 * AsYouType's npfpRe and iddRe).
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

// A format's RegExps, each made when first needed: its leading-digits
// pattern i at the start of a number, and its pattern matching a whole
// one (and, for formatPhone, any part of one).
export const leading = (f, i) => ((f.leadRes ??= [])[i] ??= new RegExp(`^(?:${f.leads[i]})`));
export const whole = (f) => (f.wholeRe ??= new RegExp(`^(?:${f.pattern})$`));
const anywhere = (f) => (f.globalRe ??= new RegExp(f.pattern, "g"));

// choose is chooseFormattingPatternForNumber: the first format whose
// leading digits (the last, most detailed, pattern) start the number and
// whose pattern matches it whole; international ones only (those not
// marked "NA") unless national.
function choose(list, nsn, national) {
  return list.find((f) => (national || f.intl !== "NA") && (f.leads.length === 0 || leading(f, f.leads.length - 1).test(nsn)) && whole(f).test(nsn));
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
  const f = choose(mains.get(cc).formats ?? [], nsn, national);
  let text = nsn;
  if (f !== undefined) {
    let rule = national ? f.format : f.intl || f.format;
    if (national && f.npfr !== "") rule = rule.replace(/\$\d/, () => f.npfr);
    text = nsn.replace(anywhere(f), rule);
  }
  if (national) return text;
  if (format === "INTERNATIONAL") return `+${cc} ${text}`;
  return `tel:+${cc}-${(text.replace(leadingSeparators, "").match(pieces) ?? []).join("-")}`;
}
