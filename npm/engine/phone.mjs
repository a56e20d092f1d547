// Phone numbers in E.164: the Go package phone's Parse and ParsePossible,
// interpreting the libphonenumber metadata of data/phone.mjs as
// libphonenumber reads a number written with its "+": the calling code,
// the national prefix it would strip (a number it strips is not written
// canonically), the region by leading digits or by type, then the types'
// patterns and possible lengths.
import { patterns, codes, types } from "../data/phone.mjs";

const regexps = new Map();

// full returns the RegExp matching a whole national number with pattern i
// (made once, when first needed: most patterns never are).
function full(i) {
  let re = regexps.get(i);
  if (re === undefined) {
    re = new RegExp(`^(?:${patterns[i]})$`);
    regexps.set(i, re);
  }
  return re;
}

const num = (s) => parseInt(s, 36);
const lengthList = (s) => (s === "" ? [] : s.split(".").map(num));

function readDesc(s) {
  const [p, l = ""] = s.split(":");
  return { p: num(p), lengths: lengthList(l) };
}

// byCode maps a calling code (its digits) to its rules, read when first
// asked for.
const lines = new Map();
for (const line of codes.split("\n")) {
  lines.set(String(num(line.slice(0, line.indexOf("|")))), line);
}
const byCode = new Map();

function rulesOf(cc) {
  let r = byCode.get(cc);
  if (r === undefined) {
    const line = lines.get(cc);
    if (line === undefined) {
      return undefined;
    }
    const [, npfp, transform, local, regions] = line.split("|");
    r = {
      npfp: num(npfp) === 0 ? undefined : new RegExp(`^(?:${patterns[num(npfp)]})`),
      transform: patterns[num(transform)],
      local: lengthList(local),
      regions: regions.split(";").map((region) => {
        const [code, leading, same, ...descs] = region.split(",");
        const d = descs.map(readDesc);
        return { code, leading: leading === "" ? -1 : num(leading), same: same === "1", general: d[0], types: d.slice(1) };
      }),
    };
    byCode.set(cc, r);
  }
  return r;
}

const matches = (d, nsn) => (d.lengths.length === 0 || d.lengths.includes(nsn.length)) && full(d.p).test(nsn);

// known: the number is of a type of the region (libphonenumber's
// getNumberType is not UNKNOWN); types[8] is fixed line, types[9] mobile.
function known(region, nsn) {
  if (!matches(region.general, nsn)) {
    return false;
  }
  // Any type will do: the usual ones first.
  if (matches(region.types[8], nsn) || (!region.same && matches(region.types[9], nsn))) {
    return true;
  }
  for (let i = 0; i < 8; i++) {
    if (matches(region.types[i], nsn)) {
      return true;
    }
  }
  return false;
}

function regionFor(r, nsn) {
  if (r.regions.length === 1) {
    return 0;
  }
  for (let i = 0; i < r.regions.length; i++) {
    const region = r.regions[i];
    if (region.leading >= 0 ? full(region.leading).test(nsn) : known(region, nsn)) {
      return i;
    }
  }
  return -1;
}

// lengthResult is libphonenumber's testNumberLength for the main region's
// general description: "possible", "local", "short", "long" or "invalid".
function lengthResult(r, n) {
  const possible = r.regions[0].general.lengths;
  if (possible[0] === -1) return "invalid";
  if (r.local.includes(n)) return "local";
  if (possible[0] === n) return "possible";
  if (possible[0] > n) return "short";
  if (possible[possible.length - 1] < n) return "long";
  return possible.includes(n) ? "possible" : "invalid";
}

// stripped reports whether libphonenumber, parsing the number, would take
// a national prefix off its national number (maybeStripNationalPrefix…
// and the length check of parseHelper).
function stripped(r, nsn) {
  if (r.npfp === undefined) {
    return false;
  }
  const m = r.npfp.exec(nsn);
  if (m === null) {
    return false;
  }
  const general = full(r.regions[0].general.p);
  const viable = general.test(nsn);
  let rest;
  if (r.transform === "" || m[m.length - 1] === undefined) {
    rest = nsn.slice(m[0].length);
  } else {
    rest = nsn.replace(r.npfp, r.transform);
  }
  if (rest === nsn || (viable && !general.test(rest))) {
    return false; // nothing taken off, or the number would no longer be one
  }
  const l = lengthResult(r, rest.length);
  return l === "possible" || l === "long";
}

// check returns [calling code, region] for the digits of an E.164 number
// (after its "+": 1 to 15 digits, the first not 0) that is valid, or,
// when possibleOnly, of a possible length; else undefined.
export function check(digits, possibleOnly) {
  for (let k = 1; k <= 3 && k < digits.length; k++) {
    const r = rulesOf(digits.slice(0, k));
    if (r === undefined) {
      continue;
    }
    const nsn = digits.slice(k);
    const n = nsn.length;
    if (n < 2 || stripped(r, nsn)) {
      return undefined;
    }
    const i = regionFor(r, nsn);
    if (i >= 0 && known(r.regions[i], nsn)) {
      return [k, r.regions[i].code, r.regions[i], nsn];
    }
    const general = r.regions[0].general;
    const possible = general.p === 0 ? n >= 2 && n <= 17 : lengthResult(r, n) === "possible";
    if (possibleOnly && possible) {
      return [k, r.regions[Math.max(i, 0)].code];
    }
    return undefined;
  }
  return undefined;
}

// typeOf is libphonenumber's getNumberType for a number known in region:
// the first special type that matches, else what fixed line and mobile
// make of it.
function typeOf(region, nsn) {
  for (let i = 0; i < 8; i++) {
    if (matches(region.types[i], nsn)) {
      return types[i];
    }
  }
  if (matches(region.types[8], nsn)) {
    return region.same || matches(region.types[9], nsn) ? types[10] : types[8];
  }
  return types[9]; // known, so mobile matched
}

/**
 * phoneType returns the type of a valid number in canonical E.164
 * ("MOBILE", "FIXED_LINE_OR_MOBILE", …), as phone.Number.Type does, or
 * "UNKNOWN".
 */
export function phoneType(s) {
  const c = e164.test(s) ? check(s.slice(1), false) : undefined;
  return c === undefined ? types[11] : typeOf(c[2], c[3]);
}

const e164 = /^\+[1-9][0-9]{0,14}$/;

/**
 * parse is phone.Parse (possibleOnly false) and phone.ParsePossible: the
 * region of a number written in canonical E.164, or undefined.
 */
export function parse(s, possibleOnly) {
  if (!e164.test(s)) {
    return undefined;
  }
  const c = check(s.slice(1), possibleOnly);
  return c && c[1];
}

const regionCodes = new Set(
  codes.split("\n").flatMap((line) => line.split("|")[4].split(";").map((region) => region.slice(0, region.indexOf(",")))),
);

/** isRegion reports whether code names a region of the metadata (phone.IsRegion). */
export const isRegion = (code) => code !== "001" && regionCodes.has(code);

/**
 * regionList returns the regions of data/phone.mjs in its order (each
 * calling code's, its main region first), each { code, cc, main, lengths,
 * npfp, transform }: its general possible lengths, and its calling code's
 * national prefix for parsing and transform rule, as patterns ("" for
 * none). data/format.mjs adds to them, line for line.
 */
export function regionList() {
  const out = [];
  for (const line of lines.values()) {
    const [cc, npfp, transform, , regions] = line.split("|");
    regions.split(";").forEach((region, i) => {
      const f = region.split(",");
      out.push({ code: f[0], cc: num(cc), main: i === 0, lengths: readDesc(f[3]).lengths, npfp: patterns[num(npfp)], transform: patterns[num(transform)] });
    });
  }
  return out;
}
