// normalizePhone: a number as people type it ("(201) 555-0123" in the
// US) to E.164, as the Go package phone's Normalize reads it: its
// separators dropped, then libphonenumber's parse (international prefix,
// calling code, national prefix) over the metadata of data/parsing.mjs,
// then the validity of phone.Parse.
import { patterns, entities, mains } from "../data/parsing.mjs";
import { check, isRegion } from "./phone.mjs";
import { phoneErrors } from "../data/rules.mjs";

const num = (s) => parseInt(s, 36);
const lengthList = (s) => (s === "" ? [] : s.split(".").map(num));

const byEntity = entities.split("\n").map((line) => {
  const [code, cc, general, npfp, transform, idd, possible, local] = line.split("|");
  const re = (i, anchor) => (num(i) === 0 ? undefined : new RegExp(anchor(patterns[num(i)])));
  return {
    code,
    cc: num(cc),
    general: re(general, (p) => `^(?:${p})$`) ?? { test: () => false },
    npfp: re(npfp, (p) => `^(?:${p})`),
    transform: patterns[num(transform)],
    idd: re(idd, (p) => `^(?:${p})`),
    possible: lengthList(possible),
    local: lengthList(local),
  };
});
const byRegion = new Map(byEntity.filter((e) => e.code !== "001").map((e) => [e.code, e]));
const mainOf = new Map(mains.split(";").map((pair) => pair.split(",").map(num)));

// testLength is libphonenumber's testNumberLength on an entity's general
// possible lengths.
function testLength(e, n) {
  const p = e.possible;
  if (p[0] === -1) return "invalid";
  if (e.local.includes(n)) return "local";
  if (p.includes(n)) return "possible";
  if (n < p[0]) return "short";
  if (n > p[p.length - 1]) return "long";
  return "invalid";
}

const keepsStripped = (e, n) => ["possible", "long"].includes(testLength(e, n));

// stripNationalPrefix is libphonenumber's maybeStripNationalPrefix…:
// the national prefix taken off (or transformed) unless the number would
// no longer be one.
function stripNationalPrefix(e, d) {
  if (d === "" || e.npfp === undefined) return d;
  const m = e.npfp.exec(d);
  if (m === null) return d;
  const y = e.transform === "" || m[m.length - 1] === undefined ? d.slice(m[0].length) : d.replace(e.npfp, e.transform);
  return e.general.test(d) && !e.general.test(y) ? d : y;
}

// extractCallingCode returns [cc, national number] when the digits name
// their calling code, "none" when they do not, or "bad" or "short".
function extractCallingCode(digits, plus, r) {
  let full = digits;
  let international = plus;
  if (!plus && r !== undefined && r.idd !== undefined) {
    const m = r.idd.exec(full);
    if (m !== null && full[m[0].length] !== "0") {
      full = full.slice(m[0].length);
      international = true;
    }
  }
  if (international) {
    if (full.length <= 2) return "short";
    for (let i = 0; i < 3 && i < full.length && full[0] !== "0"; i++) {
      const cc = Number(full.slice(0, i + 1));
      if (mainOf.has(cc)) return [cc, full.slice(i + 1)];
    }
    return "bad";
  }
  if (r === undefined) return "none";
  const code = String(r.cc);
  if (full.startsWith(code)) {
    const national = stripNationalPrefix(r, full.slice(code.length));
    if ((!r.general.test(full) && r.general.test(national)) || testLength(r, full.length) === "long") {
      return [r.cc, national];
    }
  }
  return "none";
}

// readE164 is package dfa's AppendE164: the E.164 text of cleaned input
// ('+'? then digits), or undefined.
function readE164(s, region) {
  if (s.length === 0 || s.length > 250) return undefined;
  const plus = s[0] === "+";
  const digits = plus ? s.slice(1) : s;
  if (digits.length < 3 && (plus || digits.length < 2)) return undefined;
  const r = byRegion.get(region);
  if (!plus && r === undefined) return undefined;
  let res = extractCallingCode(digits, plus, r);
  if (res === "bad" && plus) {
    res = extractCallingCode(digits, false, r);
    if (res === "none") res = "bad";
  }
  let cc, nsn, meta;
  if (Array.isArray(res)) {
    [cc, nsn] = res;
    meta = byEntity[mainOf.get(cc)];
  } else if (res === "none") {
    [cc, nsn, meta] = [r.cc, digits, r];
  } else {
    return undefined;
  }
  if (nsn.length < 2) return undefined;
  const y = stripNationalPrefix(meta, nsn);
  if (keepsStripped(meta, y.length)) nsn = y;
  if (nsn.length < 2 || nsn.length > 17) return undefined;
  return `+${cc}${nsn}`;
}

const separators = new Set([" ", "\t", "(", ")", "-", ".", "/"]);

// clean drops the separators, or returns the reason the input is not a
// phone number.
function clean(input) {
  if (utf8Bytes(input) > 64) return { reason: "input_too_long" };
  let out = "";
  for (const c of input) {
    if (separators.has(c)) continue;
    if (c === "+") {
      if (out !== "") return { reason: "misplaced_plus" };
      out = c;
    } else if (c >= "0" && c <= "9") {
      out += c;
    } else {
      return { reason: "not_phone_char" };
    }
  }
  if (out === "" || out === "+") return { reason: "no_input_digits" };
  return { cleaned: out };
}

const utf8Bytes = (s) => new TextEncoder().encode(s).length;

/**
 * normalizePhone reads a number as typed, in defaultRegion when it has no
 * calling code ("+…"), and returns { ok, e164?, region?, error? } as the
 * wasm build does. A defaultRegion that names no region is a RangeError.
 */
export function normalizePhone(input, defaultRegion = "") {
  if (typeof input !== "string") throw new TypeError("input must be a string");
  if (typeof defaultRegion !== "string") throw new TypeError("defaultRegion must be a string");
  if (defaultRegion !== "" && !isRegion(defaultRegion)) {
    throw new RangeError('defaultRegion must be a supported region code, such as "US"');
  }
  const fail = (reason) => {
    const [code, message] = phoneErrors[reason];
    return { ok: false, error: { code, message } };
  };
  const { cleaned, reason } = clean(input);
  if (reason !== undefined) return fail(reason);
  if (cleaned[0] !== "+" && defaultRegion === "") return fail("no_region");
  const e164 = readE164(cleaned, defaultRegion);
  if (e164 === undefined) return fail("unparsable");
  const c = e164.length <= 16 ? check(e164.slice(1), false) : undefined;
  if (c === undefined) return fail("not_valid");
  return { ok: true, e164, region: c[1] };
}
