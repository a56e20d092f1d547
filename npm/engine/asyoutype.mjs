// AsYouType: a phone number formatted while it is typed, as the Go
// package phone's AsYouType formats it (and libphonenumber-js's AsYouType,
// which that one is held equal to). This is a port of its machinery,
// phone/internal/dfa/aytype.go, reading the very tables it reads
// (data/asyoutype.mjs, a byte per character); the comments there say why
// each step is as it is. Digits are kept as strings of ASCII digits.
import * as T from "../data/asyoutype.mjs";
import { parse as validRegion } from "./phone.mjs";

const maxTyped = 20; // digits kept; the ones after are ignored
const maxDisplay = 64;
const maxDigits = 15;
const maxAtoms = 16;
const uniformBit = 32768;

// Layout of the tables (phone/internal/dfa: parse.go, aytype.go).
const entityFields = 8; // uint16 fields of an entity in entityTable
const fieldCC = 0,
  fieldNational = 2,
  fieldIDD = 3,
  fieldPossible = 4;
const typedEntitySize = 8,
  typedFirst = 0,
  typedCount = 2,
  typedNational = 4,
  typedComplex = 6,
  typedFormatSize = 12;
const usesNational = 1,
  optionalNational = 2,
  spaceNational = 4,
  plainNational = 8,
  plainIntl = 16;

const at16 = (t, i) => t.charCodeAt(i) | (t.charCodeAt(i + 1) << 8);
const u16 = (t, i) => at16(t, 2 * i);

// walk is the machine laid out in states and rows run from s over d.
function walk(states, rows, s, d) {
  for (let i = 0; i < d.length; i++) {
    const c = d.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return 0;
    const link = u16(states, 2 * s + 1);
    if ((link & uniformBit) === 0) {
      s = u16(rows, 10 * link + c);
    } else {
      const next = link & ~uniformBit;
      if (next === s) return s;
      s = next;
    }
  }
  return s;
}

// Entities (regions and non-geographic calling codes).
const field = (e, f) => u16(T.entityTable, e * entityFields + f);
const typedField = (e, f) => at16(T.typedEntities, e * typedEntitySize + f);

function regionEntity(code) {
  if (typeof code !== "string" || code.length !== 2) return -1;
  const rc = T.regionCodes;
  let lo = 0,
    hi = rc.length / 3 - 1;
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if (rc.slice(3 * m, 3 * m + 2) < code) lo = m + 1;
    else hi = m;
  }
  return lo < rc.length / 3 - 1 && rc.slice(3 * lo, 3 * lo + 2) === code ? lo : -1;
}

function mainEntityIndex(cc) {
  if (cc <= 0 || 2 * cc >= T.codeEntities.length) return 0;
  return u16(T.codeEntities, cc);
}

function prefixShape(start, d) {
  const v = u16(T.parseStates, 2 * walk(T.parseStates, T.parseRows, start, d));
  return v === 0 ? null : T.shapeText.slice(u16(T.shapeIndex, v - 1), u16(T.shapeIndex, v));
}

// iddLength is the length of the international prefix starting d, unless
// a 0 follows it; -1 for none.
function iddLength(e, d) {
  const shape = prefixShape(field(e, fieldIDD), d);
  if (shape === null || (shape.length < d.length && d[shape.length] === "0")) return -1;
  return shape.length;
}

function possibleBit(e, n) {
  const possible = (field(e, fieldPossible) | (field(e, fieldPossible + 1) << 16)) >>> 0;
  return n < 32 && ((possible >>> n) & 1) === 1;
}

const typedString = (i) => T.typedText.slice(i + 1, i + 1 + T.typedText.charCodeAt(i));
const text = (i) => T.formatText.slice(i + 1, i + 1 + T.formatText.charCodeAt(i));

// Formats, numbered in the format table.
const formatCount = (e) => typedField(e, typedCount);
const formatOf = (e, i) => typedField(e, typedFirst) + i;
const flags = (f) => T.typedFormats.charCodeAt(typedFormatSize * f);
const formatIntl = (f) => at16(T.typedFormats, typedFormatSize * f + 2);
const npDigits = (f) => typedString(at16(T.typedFormats, typedFormatSize * f + 4));

// The leading digits of each format (data/asyoutype.mjs's formatLeads):
// its patterns, tested as RegExps where package dfa walks machines
// compiled of them, and the one- and two-digit inputs its first pattern
// matches or may still match (libphonenumber-js's PatternMatcher).
const shorts = T.leadShort.split(";");
const leads = T.formatLeads.split(";").map((l) => {
  const [ps, short] = l.split(",");
  return ps === "" ? null : { patterns: ps.split(".").map((p) => parseInt(p, 36)), short: shorts[parseInt(short, 36)] };
});
const regexps = new Map();
function leadingMatch(p, nsn) {
  let re = regexps.get(p);
  if (re === undefined) {
    re = new RegExp(`^(?:${T.leadPatterns[p]})`);
    regexps.set(p, re);
  }
  return re.test(nsn);
}
const shortBit = (hex, i) => ((parseInt(hex[i >> 2], 16) >> (i & 3)) & 1) === 1;

function texts(f, international) {
  const atoms = text(u16(T.formatTable, 3 * f));
  const national = typedString(at16(T.typedFormats, typedFormatSize * f + 10));
  let plain = text(u16(T.formatTable, 3 * f + 2));
  if (international) {
    const j = formatIntl(f);
    plain = j !== 0 ? text(u16(T.formatTable, 3 * j + 2)) : "";
  }
  return [atoms, plain, national];
}

// match runs the atoms of a pattern over nsn as Go's regexp does, each
// repeat as long as the rest can still match, recording each atom's
// length in lens; it returns where the match ends, or -1.
function match(atoms, nsn, a, pos, lens) {
  if (5 * a >= atoms.length) return pos;
  if (a >= maxAtoms) return -1;
  const mask = atoms.charCodeAt(5 * a + 1) | (atoms.charCodeAt(5 * a + 2) << 8);
  const lo = atoms.charCodeAt(5 * a + 3),
    hi = atoms.charCodeAt(5 * a + 4);
  let k = 0;
  while (k < hi && pos + k < nsn.length && ((mask >> (nsn.charCodeAt(pos + k) - 48)) & 1) !== 0) k++;
  for (; k >= lo; k--) {
    const end = match(atoms, nsn, a + 1, pos + k, lens);
    if (end >= 0) {
      lens[a] = k;
      return end;
    }
  }
  return -1;
}

// matchAny is match with every class read as any digit; with full, the
// match must take all of nsn.
function matchAny(atoms, nsn, a, pos, lens, full) {
  if (5 * a >= atoms.length) return !full || pos === nsn.length ? pos : -1;
  if (a >= maxAtoms) return -1;
  const lo = atoms.charCodeAt(5 * a + 3),
    hi = atoms.charCodeAt(5 * a + 4);
  for (let k = Math.min(hi, nsn.length - pos); k >= lo; k--) {
    const end = matchAny(atoms, nsn, a + 1, pos + k, lens, full);
    if (end >= 0) {
      lens[a] = k;
      return end;
    }
  }
  return -1;
}

const nines = (n) => "9".repeat(n);

// templateLen is the length of the digits f's template is made of for n
// digits typed, or -1 when n digits do not fit it.
function templateLen(f, n) {
  const atoms = text(u16(T.formatTable, 3 * f));
  const lens = [];
  const long = matchAny(atoms, nines(maxDigits), 0, 0, lens, false);
  if (long < 0 || n > long) return -1;
  if (n <= maxDigits && matchAny(atoms, nines(n), 0, 0, lens, true) === n) return n;
  return long;
}

// expand writes a template with the groups of nsn (or, when nsn is null,
// as many 'x'); the first np digits of the template's own text become 'x'
// too, and, with nsn null, every literal '9'.
function expand(nsn, atoms, lens, tmpl, np) {
  const span = [];
  for (let g = 0; g < 10; g++) span.push([0, 0]);
  let pos = 0;
  for (let a = 0; 5 * a < atoms.length; a++) {
    const g = atoms.charCodeAt(5 * a);
    if (span[g][1] === 0) span[g][0] = pos;
    pos += lens[a];
    span[g][1] = pos;
  }
  let out = "";
  for (let k = 0; k < tmpl.length; k++) {
    const c = tmpl.charCodeAt(k);
    if (c < 10 && nsn !== null) out += nsn.slice(span[c][0], span[c][1]);
    else if (c < 10) out += "x".repeat(span[c][1] - span[c][0]);
    else if (c >= 48 && c <= 57 && np > 0) {
      out += "x";
      np--;
    } else if (c === 57 && nsn === null) out += "x";
    else out += tmpl[k];
  }
  return out;
}

const isDigit = (c) => c >= "0" && c <= "9";

// spaces: each run of punctuation becomes one space, none at the ends.
function spaces(s) {
  let out = "",
    sep = false;
  for (const c of s) {
    if (!(isDigit(c) || c === "x")) {
      sep = true;
      continue;
    }
    if (sep && out.length > 0) out += " ";
    sep = false;
    out += c;
  }
  return out;
}

// stripParens: an opening parenthesis that is never closed goes.
function stripParens(s) {
  const open = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "(") {
      if (open.length < maxDisplay) open.push(i);
    } else if (s[i] === ")" && open.length > 0) open.pop();
  }
  if (open.length === 0) return s;
  let out = "",
    j = 0;
  for (let r = 0; r < s.length; r++) {
    if (j < open.length && open[j] === r) {
      j++;
      continue;
    }
    out += s[r];
  }
  return out;
}

function sameDigits(s, d) {
  let k = 0;
  for (const c of s) {
    if (isDigit(c)) {
      if (k >= d.length || d[k] !== c) return false;
      k++;
    }
  }
  return k === d.length;
}

function applyShape(shape, d) {
  let k = 0,
    prefixEnd = -1,
    out = "",
    groups = false;
  for (const c of shape) {
    if (c === "S") k++;
    else if (c === "K") {
      if (prefixEnd < 0) prefixEnd = k;
      out += d[k];
      k++;
    } else {
      out += c;
      groups = true;
    }
  }
  if (prefixEnd >= 0) groups = true;
  else prefixEnd = k;
  return { nsn: out + d.slice(k), prefix: d.slice(0, prefixEnd), groups };
}

/**
 * An AsYouType formats a phone number while it is typed, for a form field
 * that shows "(201) 555-01" once "20155501" has been typed in the US, as
 * the Go package phone's AsYouType does.
 */
export class AsYouType {
  #region;
  #national;
  #plus = false;
  #digits = "";
  #key = 0;
  #matching = new Uint8Array(64);
  #chosen = 0;
  #chosenLen = 0;
  #complete = false;
  #extracted = 0;
  #shape = "";
  #idd = 0;
  #out = "";

  /** A formatter for numbers typed in region ("US"); with another value, only numbers typed with '+'. */
  constructor(region = "") {
    const e = regionEntity(region);
    this.#national = e >= 0;
    this.#region = Math.max(e, 0);
  }

  /** Forgets what was typed, for the next number. */
  reset() {
    this.#plus = false;
    this.#digits = "";
    this.#key = 0;
    this.#matching.fill(0);
    this.#chosen = this.#chosenLen = this.#extracted = this.#idd = 0;
    this.#complete = false;
    this.#shape = this.#out = "";
  }

  /** Takes text typed after what came before and returns the whole display so far. */
  input(text) {
    text = String(text);
    let plus = false,
      count = 0;
    const before = this.#digits.length;
    for (const c of text) {
      if (isDigit(c)) {
        if (this.#digits.length < maxTyped) this.#digits += c;
        count++;
      } else if (c === "+" && count === 0 && this.#digits.length === 0) {
        plus = true;
      }
    }
    if (plus && !this.#plus) {
      this.#plus = true;
      if (count === 0) {
        this.#out = "+";
        return this.#out;
      }
    }
    if (count === 0) return this.#out;
    if (before < 3 && this.#digits.length >= 3) this.#extractIDD();
    if (this.#extracted === 0) this.#extract(false);
    this.#narrow();
    this.#out = this.#display().slice(0, maxDisplay);
    return this.#out;
  }

  /**
   * The number typed so far once it is a complete valid number:
   * { e164, region }, as the Go package phone parses it; null before.
   */
  number() {
    const p = this.#parse();
    if (!p.ok || p.nsn.length === 0) return null;
    const cc = this.#intl() ? p.cc : field(this.#region, fieldCC);
    const e164 = "+" + cc + p.nsn;
    if (e164.length > 1 + maxDigits) return null;
    const region = validRegion(e164, false);
    return region ? { e164, region } : null;
  }

  #intl() {
    return this.#plus || this.#idd > 0;
  }

  #parse() {
    const d = this.#digits.slice(this.#idd);
    const p = { cc: 0, prefix: "", before: "", nsn: "", national: "", modified: false, e: 0, ok: false };
    if (this.#intl()) {
      for (let i = 0; i < 3 && i < d.length && d[0] !== "0"; i++) {
        p.cc = 10 * p.cc + (d.charCodeAt(i) - 48);
        const m = mainEntityIndex(p.cc);
        if (m !== 0) {
          p.nsn = p.national = d.slice(i + 1);
          p.e = m - 1;
          p.ok = true;
          return p;
        }
      }
      p.cc = 0;
      return p;
    }
    if (!this.#national) return p;
    p.e = this.#region;
    p.ok = true;
    p.cc = field(this.#region, fieldCC);
    p.nsn = p.national = d;
    if (this.#extracted === 0) return p;
    const at = this.#extracted - 1;
    const s = applyShape(this.#shape, d.slice(0, at));
    p.nsn = s.nsn + d.slice(at);
    if (!s.groups) p.prefix = s.prefix;
    else if (s.prefix === typedString(typedField(this.#region, typedNational))) p.prefix = s.prefix;
    if (p.nsn.length > d.length || d.slice(d.length - p.nsn.length) !== p.nsn) {
      p.modified = true;
    } else {
      const b = d.slice(0, d.length - p.nsn.length);
      if (b.length > 0 && b !== p.prefix) p.before = b;
    }
    return p;
  }

  #extract(again) {
    if (this.#intl() || !this.#national) return false;
    const d = this.#digits;
    const shape = prefixShape(field(this.#region, fieldNational), d) ?? "";
    const nsn = applyShape(shape, d).nsn;
    if (again ? nsn === this.#parse().nsn : nsn === d) return false;
    this.#extracted = d.length + 1;
    this.#shape = shape;
    return true;
  }

  #narrow() {
    const p = this.#parse();
    if (!p.ok) return;
    const key = (((p.cc << 6) | ((this.#intl() ? 1 : 0) << 5) | this.#extracted) + 1) & 0xffff;
    const n = formatCount(p.e);
    if (key !== this.#key) {
      this.#key = key;
      this.#chosen = 0;
      this.#complete = false;
      this.#matching.fill(0);
      for (let i = 0; i < n; i++) if (formatIntl(formatOf(p.e, i)) !== 0) this.#matching[i] = 1;
    }
    if (p.nsn.length === 0) return;
    for (let i = 0; i < n; i++) {
      if (this.#matching[i] && !this.#suits(p, formatOf(p.e, i))) this.#matching[i] = 0;
    }
    if (this.#chosen !== 0 && !this.#matching[this.#chosen - 1]) {
      this.#chosen = 0;
      this.#complete = false;
    }
  }

  #suits(p, f) {
    const fl = flags(f);
    const uses = (fl & usesNational) !== 0,
      optional = (fl & optionalNational) !== 0;
    if (p.prefix.length > 0 && !uses && !optional) return false;
    if (!this.#intl() && p.prefix.length === 0 && uses && !optional) return false;
    const lead = leads[f];
    if (lead === null) return true;
    const d = p.nsn.charCodeAt(0) - 48;
    if (p.nsn.length === 1) return shortBit(lead.short, d);
    if (p.nsn.length === 2) return shortBit(lead.short, 10 + 10 * d + p.nsn.charCodeAt(1) - 48);
    return leadingMatch(lead.patterns[Math.min(p.nsn.length - 3, lead.patterns.length - 1)], p.nsn);
  }

  #display() {
    if (this.#digits.length === 0) return this.#plus ? "+" : "";
    let p = this.#parse();
    let out = null;
    if (p.ok) {
      out = this.#format(p);
      if (out === null && this.#reExtract()) {
        this.#narrow();
        p = this.#parse();
        if (p.ok) out = this.#format(p);
      }
    }
    if (out === null || out.length === 0) out = this.#unformatted(p);
    if (!this.#intl()) return out;
    const d = this.#digits.slice(this.#idd);
    let dst;
    if (this.#idd > 0) {
      dst = this.#digits.slice(0, this.#idd);
      if (d.length > 0) dst += " ";
    } else dst = "+";
    if (p.cc === 0) return dst + d;
    dst += d.slice(0, d.length - p.national.length);
    if (out.length > 0) dst += " " + out;
    return dst;
  }

  #unformatted(p) {
    if (!p.ok && !this.#intl()) return this.#digits;
    if (p.modified) return p.national;
    return (p.before.length > 0 ? p.before : p.prefix) + p.nsn;
  }

  #reExtract() {
    if (typedField(this.#region, typedComplex) !== 0 && this.#extract(true)) return true;
    return this.#extractIDD();
  }

  #extractIDD() {
    if (this.#intl() || !this.#national) return false;
    const k = iddLength(this.#region, this.#digits);
    if (k <= 0) return false;
    this.#idd = k;
    this.#extracted = 0;
    this.#shape = "";
    return true;
  }

  // format is the national part of the display, or null when no format fits.
  #format(p) {
    const n = formatCount(p.e);
    if (possibleBit(p.e, p.nsn.length)) {
      for (let i = 0; i < n; i++) {
        if (!this.#matching[i]) continue;
        const out = this.#formatComplete(p, formatOf(p.e, i));
        if (out !== null) {
          this.#chosen = i + 1;
          this.#chosenLen = p.nsn.length;
          this.#complete = true;
          return out;
        }
      }
    }
    for (let i = 0; i < n; i++) {
      if (!this.#matching[i]) continue;
      if (this.#chosen === i + 1) break;
      const f = formatOf(p.e, i);
      if ((flags(f) & (this.#intl() ? plainIntl : plainNational)) === 0) continue;
      const l = templateLen(f, p.nsn.length);
      if (l < 0) {
        this.#matching[i] = 0;
        continue;
      }
      this.#chosen = i + 1;
      this.#chosenLen = l;
      this.#complete = false;
      break;
    }
    if (this.#chosen === 0 || this.#complete) {
      this.#chosen = 0;
      this.#complete = false;
      return null;
    }
    const out = this.#fill(p, formatOf(p.e, this.#chosen - 1));
    if (out === null) this.#chosen = 0;
    return out;
  }

  #separator(p, f) {
    return p.cc === 1 || (flags(f) & spaceNational) !== 0 ? " " : "";
  }

  #npRule(p, f) {
    if (npDigits(f) === "") return false;
    const uses = (flags(f) & usesNational) !== 0;
    return (uses && p.prefix.length > 0) || (!uses && !this.#intl());
  }

  #formatComplete(p, f) {
    const [atoms, plainT, nationalT] = texts(f, this.#intl());
    if (plainT === "") return null;
    const lens = [];
    if (match(atoms, p.nsn, 0, 0, lens) !== p.nsn.length) return null;
    if (this.#npRule(p, f)) {
      const out = expand(p.nsn, atoms, lens, nationalT, 0);
      if (sameDigits(out, p.national)) return out;
    }
    let out = "";
    if (p.prefix.length > 0) out = p.prefix + this.#separator(p, f);
    else if (p.before.length > 0) out = p.before + " ";
    out += expand(p.nsn, atoms, lens, plainT, 0);
    if (this.#intl()) out = spaces(out);
    return sameDigits(out, p.national) ? out : null;
  }

  #fill(p, f) {
    const [atoms, plainT, nationalT] = texts(f, this.#intl());
    const lens = [];
    if (matchAny(atoms, nines(this.#chosenLen), 0, 0, lens, true) < 0) return null;
    let t;
    if (this.#npRule(p, f) && npDigits(f) === p.prefix + "1") {
      t = expand(null, atoms, lens, nationalT, p.prefix.length);
    } else {
      t = "";
      if (p.before.length > 0) t = "x".repeat(p.before.length) + " ";
      else if (p.prefix.length > 0) t = "x".repeat(p.prefix.length) + this.#separator(p, f);
      t += expand(null, atoms, lens, plainT, 0);
    }
    if (this.#intl()) t = spaces(t);
    const out = t.split("");
    let last = -1,
      k = 0;
    for (let i = 0; i < out.length && k < p.national.length; i++) {
      if (out[i] === "x") {
        out[i] = p.national[k++];
        last = i;
      }
    }
    if (k < p.national.length) return null;
    let end = last + 1;
    if (end < out.length && out[end] === ")") end++;
    return stripParens(out.slice(0, end).join(""));
  }
}
