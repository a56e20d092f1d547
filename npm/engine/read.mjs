// Reading a body into a payload: what the rules look at. JSON text is
// read as the Go package validate reads bytes (internal/jsonwire): one
// pass, no recursion, repeated keys and invalid UTF-8 noted. A JavaScript
// value is read as the Go code reads JSON.stringify's text of it: plain
// objects, arrays, strings, numbers and booleans directly, anything else
// (a toJSON method, a nested object where the rules only skip, a body
// near the size limit) through JSON.stringify.
import { fields, readOnly } from "../data/rules.mjs";

// The kinds of a member's value (validate's kind).
export const ABSENT = 0,
  NULL = 1,
  TEXT = 2,
  BOOL = 3,
  LIST = 4,
  OBJECT = 5,
  WRONG = 6,
  BAD_SHAPE = 7,
  BAD_UTF8 = 9;

export const fieldIndex = new Map(fields.map((f, i) => [f, i]));
const TAGS = fieldIndex.get("tags");
const CUSTOM = fieldIndex.get("custom_fields");
const SEND_WELCOME = fieldIndex.get("send_welcome_sms");
const shape = fields.map((_, i) => (i === TAGS ? LIST : i === CUSTOM ? OBJECT : i === SEND_WELCOME ? BOOL : TEXT));

// newPayload returns an empty payload. body is "" or the rule name of a
// body that could not be read; kind and val hold each field's kind and
// value, by index in fields.
export function newPayload() {
  return {
    body: "",
    kind: [ABSENT, ABSENT, ABSENT, ABSENT, ABSENT, ABSENT, ABSENT, ABSENT, ABSENT].slice(0, fields.length),
    val: ["", "", "", "", "", "", "", "", ""].slice(0, fields.length),
    ntags: 0,
    tagFacts: [],
    nested: false,
    customFacts: [],
    extra: [],
  };
}

// note records [rule, key] unless enough are known to pass the details
// cap (validate's note).
function note(facts, max, rule, key) {
  if (facts.length <= max) {
    facts.push([rule, key]);
  }
}

// addTag counts one tag and notes whether it fails.
function addTag(p, t, valid, lim) {
  const i = p.ntags++;
  if (p.tagFacts.length <= lim.maxDetails) {
    if (!valid) {
      p.tagFacts.push([i, "utf8"]);
    } else if (t === "" || (t.length > lim.maxTagLength && codePoints(t) > lim.maxTagLength)) {
      p.tagFacts.push([i, "tag"]);
    }
  }
}

// codePoints counts the code points of a well-formed string.
export function codePoints(s) {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00) {
      n--;
      i++;
    }
  }
  return n;
}

// utf8Length is the length of s in UTF-8, a lone surrogate as
// TextEncoder writes it (3 bytes).
export function utf8Length(s) {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) {
      if (c < 0x800) n += 1;
      else if (c >= 0xd800 && c < 0xdc00 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        n += 2;
        i++;
      } else n += 2;
    }
  }
  return n;
}

const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const surrogate = /[\ud800-\udfff]/;

// hasLone reports whether s holds a lone surrogate: natively where the
// platform can (Node.js 20, current browsers), else the simpler test
// first (most strings hold no surrogate at all).
const hasLone =
  typeof "".isWellFormed === "function" ? (s) => !s.isWellFormed() : (s) => surrogate.test(s) && loneSurrogate.test(s);

// ---- JSON text ----

// The text being read, and the last string's value and validity.
let t = "";
let sval = "";
let svalid = true;

// readText reads JSON text t0 of n UTF-8 bytes into a new payload. In t0
// a lone surrogate stands for a byte that is not UTF-8 (see fromBytes).
export function readText(t0, n, lim) {
  const p = newPayload();
  if (n > lim.maxBodyBytes) {
    p.body = "max_bytes";
    return p;
  }
  t = t0;
  const ok = decode(p, lim);
  t = sval = "";
  if (!ok) {
    const q = newPayload();
    q.body = "json_object";
    return q;
  }
  return p;
}

// fromString prepares a string for readText: its lone surrogates are the
// U+FFFD that TextEncoder would send the Go code.
export function fromString(s) {
  return hasLone(s) ? s.replace(new RegExp(loneSurrogate.source, "g"), "\ufffd") : s;
}

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

// fromBytes decodes bytes for readText: each byte that is not part of a
// UTF-8 sequence (as Go's utf8.DecodeRune reads them) becomes a lone
// surrogate, which no valid UTF-8 yields.
export function fromBytes(b) {
  try {
    return strict.decode(b);
  } catch {
    // decoded below, byte by byte
  }
  let out = "";
  for (let i = 0; i < b.length; ) {
    const n = sequence(b, i);
    if (n === 0) {
      out += String.fromCharCode(0xdc00 | b[i]);
      i++;
    } else {
      out += strict.decode(b.subarray(i, i + n));
      i += n;
    }
  }
  return out;
}

// sequence returns the length of the valid UTF-8 sequence at b[i], or 0.
function sequence(b, i) {
  const c = b[i];
  if (c < 0x80) return 1;
  const cont = (j, lo = 0x80, hi = 0xbf) => j < b.length && b[j] >= lo && b[j] <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(i + 1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const lo = c === 0xe0 ? 0xa0 : 0x80;
    const hi = c === 0xed ? 0x9f : 0xbf;
    return cont(i + 1, lo, hi) && cont(i + 2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const lo = c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xf4 ? 0x8f : 0xbf;
    return cont(i + 1, lo, hi) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  }
  return 0;
}

function space(i) {
  for (;;) {
    const c = t.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x09 && c !== 0x0d) return i;
    i++;
  }
}

function literal(i, word) {
  return t.startsWith(word, i) ? i + word.length : -1;
}

// str reads the string at t[i] into sval and svalid and returns the index
// after it, or -1.
function str(i) {
  if (t.charCodeAt(i) !== 0x22) return -1;
  let start = ++i;
  let v = "";
  svalid = true;
  for (;;) {
    if (i >= t.length) return -1;
    const c = t.charCodeAt(i);
    if (c === 0x22) {
      sval = v + t.slice(start, i);
      return i + 1;
    }
    if (c < 0x20) return -1;
    if (c === 0x5c) {
      v += t.slice(start, i);
      const e = t.charCodeAt(i + 1);
      const simple = escapes[e];
      if (simple !== undefined) {
        v += simple;
        i += 2;
      } else if (e === 0x75) {
        const r = hex4(i + 2);
        if (r < 0) return -1;
        i += 6;
        if (r >= 0xd800 && r < 0xdc00 && t.charCodeAt(i) === 0x5c && t.charCodeAt(i + 1) === 0x75) {
          const r2 = hex4(i + 2);
          if (r2 >= 0xdc00 && r2 < 0xe000) {
            v += String.fromCharCode(r, r2);
            i += 6;
            start = i;
            continue;
          }
        }
        if (r >= 0xd800 && r < 0xe000) svalid = false;
        v += String.fromCharCode(r);
      } else {
        return -1;
      }
      start = i;
      continue;
    }
    if (c >= 0xd800 && c < 0xe000) {
      // A pair is a character; a lone surrogate a byte that is not UTF-8.
      if (c < 0xdc00 && (t.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        i += 2;
        continue;
      }
      svalid = false;
    }
    i++;
  }
}

const escapes = { 0x22: '"', 0x5c: "\\", 0x2f: "/", 0x62: "\b", 0x66: "\f", 0x6e: "\n", 0x72: "\r", 0x74: "\t" };

function hex4(i) {
  if (i + 4 > t.length) return -1;
  let r = 0;
  for (let k = i; k < i + 4; k++) {
    const c = t.charCodeAt(k);
    const d = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 87 : c >= 0x41 && c <= 0x46 ? c - 55 : -1;
    if (d < 0) return -1;
    r = (r << 4) | d;
  }
  return r;
}

function digits(i) {
  while (t.charCodeAt(i) >= 0x30 && t.charCodeAt(i) <= 0x39) i++;
  return i;
}

function number(i) {
  if (t.charCodeAt(i) === 0x2d) i++;
  const c = t.charCodeAt(i);
  if (c === 0x30) i++;
  else if (c >= 0x31 && c <= 0x39) i = digits(i);
  else return -1;
  if (t.charCodeAt(i) === 0x2e) {
    const j = digits(i + 1);
    if (j === i + 1) return -1;
    i = j;
  }
  const e = t.charCodeAt(i);
  if (e === 0x65 || e === 0x45) {
    i++;
    const s = t.charCodeAt(i);
    if (s === 0x2b || s === 0x2d) i++;
    const j = digits(i);
    if (j === i) return -1;
    i = j;
  }
  return i;
}

function scalar(i) {
  switch (t.charCodeAt(i)) {
    case 0x22:
      return str(i);
    case 0x74:
      return literal(i, "true");
    case 0x66:
      return literal(i, "false");
    case 0x6e:
      return literal(i, "null");
  }
  return number(i);
}

// key reads a member's key and its colon into sval; it returns the index
// of the value, or -1 (a key that is not valid UTF-8 too).
function key(i) {
  i = str(i);
  if (i < 0 || !svalid) return -1;
  i = space(i);
  if (t.charCodeAt(i) !== 0x3a) return -1;
  return space(i + 1);
}

// skip reads any value at t[i] (after white space) and returns the index
// after it, or -1. Nesting is a stack of bits, not recursion.
function skip(i) {
  i = space(i);
  const open = []; // true: an object
  for (;;) {
    const c = t.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) {
      i = space(i + 1);
      const close = c === 0x7b ? 0x7d : 0x5d;
      if (t.charCodeAt(i) === close) {
        i++;
      } else {
        open.push(c === 0x7b);
        if (c === 0x7b && (i = key(i)) < 0) return -1;
        continue;
      }
    } else if ((i = scalar(i)) < 0) {
      return -1;
    }
    for (;;) {
      if (open.length === 0) return i;
      i = space(i);
      const c = t.charCodeAt(i);
      const object = open[open.length - 1];
      if (c === 0x2c) {
        i = space(i + 1);
        if (object && (i = key(i)) < 0) return -1;
        break;
      }
      if (c !== (object ? 0x7d : 0x5d)) return -1;
      i++;
      open.pop();
    }
  }
}

// next reads what follows a member or element: a comma (more is true) or
// the closing byte. It returns the next index, or -1.
let more = false;
function next(i, close) {
  i = space(i);
  const c = t.charCodeAt(i);
  more = c === 0x2c;
  if (more) return space(i + 1);
  return c === close ? i + 1 : -1;
}

function open(i, close) {
  i = space(i + 1);
  more = t.charCodeAt(i) !== close;
  return more ? i : i + 1;
}

function decode(p, lim) {
  let i = space(0);
  if (t.charCodeAt(i) !== 0x7b) return false;
  i = open(i, 0x7d);
  const seen = new Set();
  const others = new Set();
  const repeated = new Set();
  while (more) {
    i = key(i);
    if (i < 0) return false;
    const k = sval;
    const f = fieldIndex.get(k);
    if (f !== undefined && !seen.has(f)) {
      seen.add(f);
      i = member(p, i, f, lim);
    } else {
      if (f !== undefined) {
        if (!repeated.has(k)) {
          repeated.add(k);
          note(p.extra, lim.maxDetails, "duplicate_key", k);
        }
      } else {
        other(p, k, others, repeated, lim);
      }
      i = skip(i);
    }
    if (i < 0) return false;
    i = next(i, 0x7d);
    if (i < 0) return false;
  }
  return space(i) === t.length;
}

// other records a member that is not a writable field.
function other(p, k, others, repeated, lim) {
  if (p.extra.length > lim.maxDetails) return;
  if (others.has(k)) {
    if (!repeated.has(k)) {
      repeated.add(k);
      note(p.extra, lim.maxDetails, "duplicate_key", k);
    }
    return;
  }
  others.add(k);
  if (readOnly.includes(k)) {
    note(p.extra, lim.maxDetails, "read_only", k);
  } else if (!lim.allowUnknownFields) {
    note(p.extra, lim.maxDetails, "unknown_field", k);
  }
}

function member(p, i, f, lim) {
  const c = t.charCodeAt(i);
  if (c === 0x6e) {
    p.kind[f] = NULL;
    return literal(i, "null");
  }
  if (c === 0x22 && shape[f] === TEXT) {
    i = str(i);
    p.kind[f] = svalid ? TEXT : BAD_UTF8;
    p.val[f] = sval;
    return i;
  }
  if ((c === 0x74 || c === 0x66) && shape[f] === BOOL) {
    p.kind[f] = BOOL;
    p.val[f] = c === 0x74;
    return literal(i, c === 0x74 ? "true" : "false");
  }
  if (c === 0x5b && shape[f] === LIST) {
    p.kind[f] = LIST;
    i = open(i, 0x5d);
    while (more) {
      if (t.charCodeAt(i) === 0x22) {
        i = str(i);
        if (i < 0) return -1;
        addTag(p, sval, svalid, lim);
      } else {
        p.kind[f] = BAD_SHAPE;
        if ((i = skip(i)) < 0) return -1;
      }
      if ((i = next(i, 0x5d)) < 0) return -1;
    }
    return i;
  }
  if (c === 0x7b && shape[f] === OBJECT) {
    p.kind[f] = OBJECT;
    return custom(p, i, lim);
  }
  p.kind[f] = WRONG;
  return skip(i);
}

// custom reads the custom_fields object at t[i] (validate's readCustom).
function custom(p, i, lim) {
  i = open(i, 0x7d);
  const seen = new Set();
  const reported = new Set();
  const facts = p.customFacts;
  while (more) {
    i = key(i);
    if (i < 0) return -1;
    const k = sval;
    const full = facts.length > lim.maxDetails;
    const repeated = !full && seen.has(k);
    if (!full) seen.add(k);
    if (repeated && !reported.has(k)) {
      reported.add(k);
      note(facts, lim.maxDetails, "duplicate_key", k);
    }
    const c = t.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) {
      p.nested = true;
      i = skip(i);
    } else if (c === 0x22) {
      i = str(i);
      if (i >= 0 && !repeated && !full && !svalid) {
        note(facts, lim.maxDetails, "utf8", k);
      }
    } else {
      i = skip(i);
    }
    if (i < 0) return -1;
    if ((i = next(i, 0x7d)) < 0) return -1;
  }
  return i;
}

// ---- JavaScript values ----

const objectProto = Object.prototype;
const arrayProto = Array.prototype;
const isPlainObject = (v) => {
  const proto = Object.getPrototypeOf(v);
  return (proto === objectProto || proto === null) && typeof v.toJSON !== "function";
};
const isPlainArray = (v) => Array.isArray(v) && Object.getPrototypeOf(v) === arrayProto && typeof v.toJSON !== "function";

// At most how many bytes JSON.stringify writes for a string: 6 for a
// code unit it escapes as \uXXXX, and the quotes.
const stringBound = (s) => 6 * s.length + 2;

// readValue reads a JavaScript payload directly, or returns undefined
// when it is one to read through JSON.stringify.
export function readValue(v, lim) {
  if (v === null || typeof v !== "object" || !isPlainObject(v)) return undefined;
  const p = newPayload();
  let bound = 2;
  for (const k of Object.keys(v)) {
    const x = v[k];
    const type = typeof x;
    if (x === undefined || type === "function" || type === "symbol") continue;
    if (hasLone(k)) return undefined;
    bound += stringBound(k) + 2;
    const f = fieldIndex.get(k);
    if (f === undefined) {
      if (x !== null && type === "object") return undefined; // only its keys could matter: read the text
      if (type === "bigint") return undefined;
      bound += type === "string" ? stringBound(x) : 25;
      if (readOnly.includes(k)) note(p.extra, lim.maxDetails, "read_only", k);
      else if (!lim.allowUnknownFields) note(p.extra, lim.maxDetails, "unknown_field", k);
      continue;
    }
      if (type === "string") {
      bound += stringBound(x);
      p.kind[f] = shape[f] !== TEXT ? WRONG : hasLone(x) ? BAD_UTF8 : TEXT;
      p.val[f] = x;
    } else if (x === null || (type === "number" && !Number.isFinite(x))) {
      bound += 4;
      p.kind[f] = NULL;
    } else if (type === "boolean") {
      bound += 5;
      p.kind[f] = shape[f] === BOOL ? BOOL : WRONG;
      p.val[f] = x;
    } else if (type === "number") {
      bound += 25;
      p.kind[f] = WRONG;
    } else if (f === TAGS && isPlainArray(x)) {
      p.kind[f] = LIST;
      bound += 2;
      for (let i = 0; i < x.length; i++) {
        const e = x[i];
        if (typeof e === "string") {
          bound += stringBound(e) + 1;
          addTag(p, e, !hasLone(e), lim);
        } else if (e !== null && typeof e === "object") {
          return undefined;
        } else if (typeof e === "bigint") {
          return undefined;
        } else {
          bound += 26;
          p.kind[f] = BAD_SHAPE;
        }
      }
    } else if (f === CUSTOM && isPlainObject(x)) {
      p.kind[f] = OBJECT;
      bound += 2;
      for (const ck of Object.keys(x)) {
        const cv = x[ck];
        const ct = typeof cv;
        if (cv === undefined || ct === "function" || ct === "symbol") continue;
        if ((cv !== null && ct === "object") || ct === "bigint" || hasLone(ck)) return undefined;
        bound += stringBound(ck) + 2 + (ct === "string" ? stringBound(cv) : 25);
        if (ct === "string" && hasLone(cv)) note(p.customFacts, lim.maxDetails, "utf8", ck);
      }
    } else {
      return undefined;
    }
  }
  return bound <= lim.maxBodyBytes ? p : undefined;
}
