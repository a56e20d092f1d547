// AsYouType: a phone number formatted while it is typed, as the Go
// package phone's AsYouType formats it (and libphonenumber-js's AsYouType,
// which that one is held equal to). It reads the metadata's own patterns
// and rules (data/format.mjs, which formatPhone reads too) as
// libphonenumber-js does, with native RegExps, where package dfa walks
// machines compiled of them; phone/internal/dfa/aytype.go says why each
// step is as it is. Digits are kept as strings of ASCII digits.
import { entities, mains, leading, whole } from "./format.mjs";
import { parse as validRegion } from "./phone.mjs";

const maxTyped = 20; // digits kept; the ones after are ignored
const maxDisplay = 64;
const maxDigits = 15;

const usesNational = 1,
  optionalNational = 2,
  spaceNational = 4,
  plainNational = 8,
  plainIntl = 16;

const byRegion = new Map(entities.filter((e) => e.code !== "001").map((e) => [e.code, e]));
const mainOf = (cc) => mains.get(String(cc));
const formatsOf = (e) => e.formats ?? mainOf(e.cc).formats ?? [];

// prefixRead is what reading a national prefix makes of the digits d:
// the national number, the digits before the first it keeps of the
// prefix (all the prefix when it keeps none), and whether it kept or
// added any (libphonenumber-js's
// extractNationalNumberFromPossiblyIncompleteNumber, as package dfa's
// shapes record it).
function prefixRead(e, d) {
  const m = e.npfp === "" ? null : (e.npfpRe ??= new RegExp(`^(?:${e.npfp})`, "d")).exec(d);
  if (m === null) return { nsn: d, prefix: "", groups: false };
  const k = m[0].length,
    last = m.length - 1;
  if (e.transform === "" || (last > 0 && m[last] === undefined)) return { nsn: d.slice(k), prefix: d.slice(0, k), groups: false };
  let nsn = "",
    first = -1,
    groups = false;
  for (const [, lit, g] of e.transform.matchAll(/([^$]*)(?:\$(\d))?/g)) {
    nsn += lit;
    groups ||= lit !== "";
    const span = g === undefined ? undefined : g === "0" ? [0, k] : m.indices[+g];
    if (span === undefined || span[0] === span[1]) continue;
    if (first < 0) first = span[0];
    nsn += d.slice(span[0], span[1]);
    groups = true;
  }
  return { nsn: nsn + d.slice(k), prefix: d.slice(0, first < 0 ? k : first), groups };
}

// iddLength is the length of the international prefix starting d, unless
// a 0 follows it; -1 for none.
function iddLength(e, d) {
  const m = e.idd === "" ? null : (e.iddRe ??= new RegExp(`^(?:${e.idd})`)).exec(d);
  return m === null || d[m[0].length] === "0" ? -1 : m[0].length;
}

// nonAltering is libphonenumber-js's NON_ALTERING_FORMAT_REG_EXP, found
// anywhere in rule: a rule that writes the digits as they are, with only
// punctuation between them, from a $1 on (the last one will do).
const nonAltering = (rule) => rule.includes("$1") && /^[-/. [\]()~]*$/.test(rule.slice(rule.lastIndexOf("$1")).replace(/\$\d/g, ""));

// What the formatter asks of a format, worked out when first asked.
const typedCache = new WeakMap();
function typed(f) {
  let t = typedCache.get(f);
  if (t === undefined) {
    const npfr = f.npfr;
    const intl = f.intl === "NA" ? "" : f.intl || f.format;
    let flags = 0;
    if (npfr !== "" && !/^\(?\$1\)?$/.test(npfr)) flags |= usesNational;
    if (f.optional) flags |= optionalNational;
    if (/[- ]/.test(npfr)) flags |= spaceNational;
    if (nonAltering(f.format)) flags |= plainNational;
    if (intl !== "" && nonAltering(intl)) flags |= plainIntl;
    t = {
      flags,
      intl,
      npDigits: npfr.replace(/\D/g, ""),
      // libphonenumber-js's national rule: the first group inside the
      // national prefix formatting rule, in place of its $1.
      national: npfr === "" ? "" : f.format.replace(/\$\d/, (g) => npfr.replaceAll("$1", g)),
      // The pattern with every class read as any digit, at the start of
      // a number and matching a whole one (libphonenumber-js's template).
      any: anyDigit(f.pattern),
      short: f.leads.length === 0 ? null : shortSet(f.leads[0]),
    };
    typedCache.set(f, t);
  }
  return t;
}

// shortSet is the one- and two-digit inputs (bit d, and 10+10·d1+d2) that
// a format's first leading-digits pattern matches or may still match once
// more digits come, read as libphonenumber-js's PatternMatcher reads it:
// digits, [sets], (groups) and |, every other character taken literally,
// so that no digit matches it; a ? other than that of "(?:" makes it
// match anything.
function shortSet(pattern) {
  const set = new Uint8Array(110);
  const always = pattern.replaceAll("(?:", "").includes("?");
  let at = 0;
  // parse reads alternatives of sequences up to a ')' or the end: a node
  // is a list of alternatives, each a list of items, an item a node or
  // the digits it matches ("" for a literal that no digit matches).
  const parse = () => {
    const alts = [[]];
    while (at < pattern.length && pattern[at] !== ")") {
      const c = pattern[at++];
      if (c === "|") alts.push([]);
      else if (c === "(") {
        if (pattern.startsWith("?:", at)) at += 2;
        alts[alts.length - 1].push(parse());
        at++;
      } else if (c === "[") {
        let digits = "";
        for (; at < pattern.length && pattern[at] !== "]"; at++) {
          if (pattern[at] === "-" && digits !== "") for (let x = +digits.at(-1) + 1; x <= +pattern[at + 1]; x++) digits += x;
          else if (pattern[at] !== "-") digits += pattern[at];
        }
        at++;
        alts[alts.length - 1].push(digits);
      } else alts[alts.length - 1].push(c >= "0" && c <= "9" ? c : "");
    }
    return alts;
  };
  const root = parse();
  // may: the items of seq from i on take s from pos on, then next does;
  // once s is used up, a digit is yet to come and matches any set.
  const may = (seq, i, s, pos, next) => {
    if (i === seq.length) return next(pos);
    const item = seq[i];
    if (typeof item === "string") {
      if (item === "" || (pos < s.length && !item.includes(s[pos]))) return false;
      return may(seq, i + 1, s, Math.min(pos + 1, s.length), next);
    }
    return item.some((alt) => may(alt, 0, s, pos, (p) => may(seq, i + 1, s, p, next)));
  };
  const test = (s) => always || root.some((alt) => may(alt, 0, s, 0, () => true));
  for (let d1 = 0; d1 < 10; d1++) {
    set[d1] = test(String(d1));
    for (let d2 = 0; d2 < 10; d2++) set[10 + 10 * d1 + d2] = test(`${d1}${d2}`);
  }
  return set;
}

const nines = (n) => "9".repeat(n);

function anyDigit(pattern) {
  const any = pattern.replace(/\[[^[\]]*\]|\{[^{}]*\}|\\d|\d/g, (a) => (a[0] === "{" ? a : "\\d"));
  return { start: new RegExp(`^(?:${any})`), whole: new RegExp(`^(?:${any})$`) };
}

// templateLen is the length of the digits f's template is made of for n
// digits typed, or -1 when n digits do not fit it.
function templateLen(f, n) {
  const any = typed(f).any;
  const long = any.start.exec(nines(maxDigits));
  if (long === null || n > long[0].length) return -1;
  if (n <= maxDigits && any.whole.test(nines(n))) return n;
  return long[0].length;
}

// write writes rule with the groups of the match m, or, for a template,
// as many 'x'; the first np digits of the rule's own text become 'x' too,
// and, in a template, every literal '9'.
function write(rule, m, np, template) {
  let out = "";
  for (let k = 0; k < rule.length; k++) {
    const c = rule[k];
    if (c === "$" && isDigit(rule[k + 1])) {
      const g = m[rule[++k]] ?? "";
      out += template ? "x".repeat(g.length) : g;
    } else if (isDigit(c) && np > 0) {
      out += "x";
      np--;
    } else out += c === "9" && template ? "x" : c;
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
  #read = null; // what the national prefix read made of the digits then
  #idd = 0;
  #out = "";

  /** A formatter for numbers typed in region ("US"); with another value, only numbers typed with '+'. */
  constructor(region = "") {
    this.#region = typeof region === "string" ? byRegion.get(region) : undefined;
    this.#national = this.#region !== undefined;
  }

  /** Forgets what was typed, for the next number. */
  reset() {
    this.#plus = false;
    this.#digits = "";
    this.#key = 0;
    this.#matching.fill(0);
    this.#chosen = this.#chosenLen = this.#extracted = this.#idd = 0;
    this.#complete = false;
    this.#read = null;
    this.#out = "";
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
    const cc = this.#intl() ? p.cc : this.#region.cc;
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
        const m = mainOf(p.cc);
        if (m !== undefined) {
          p.nsn = p.national = d.slice(i + 1);
          p.e = m;
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
    p.cc = this.#region.cc;
    p.nsn = p.national = d;
    if (this.#extracted === 0) return p;
    const at = this.#extracted - 1;
    const s = this.#read;
    p.nsn = s.nsn + d.slice(at);
    if (!s.groups) p.prefix = s.prefix;
    else if (s.prefix === this.#region.np) p.prefix = s.prefix;
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
    const read = prefixRead(this.#region, d);
    const nsn = read.nsn;
    if (again ? nsn === this.#parse().nsn : nsn === d) return false;
    this.#extracted = d.length + 1;
    this.#read = read;
    return true;
  }

  #narrow() {
    const p = this.#parse();
    if (!p.ok) return;
    const key = (((p.cc << 6) | ((this.#intl() ? 1 : 0) << 5) | this.#extracted) + 1) & 0xffff;
    const list = formatsOf(p.e);
    const n = list.length;
    if (key !== this.#key) {
      this.#key = key;
      this.#chosen = 0;
      this.#complete = false;
      this.#matching.fill(0);
      for (let i = 0; i < n; i++) if (list[i].intl !== "NA") this.#matching[i] = 1;
    }
    if (p.nsn.length === 0) return;
    for (let i = 0; i < n; i++) {
      if (this.#matching[i] && !this.#suits(p, list[i])) this.#matching[i] = 0;
    }
    if (this.#chosen !== 0 && !this.#matching[this.#chosen - 1]) {
      this.#chosen = 0;
      this.#complete = false;
    }
  }

  #suits(p, f) {
    const fl = typed(f).flags;
    const uses = (fl & usesNational) !== 0,
      optional = (fl & optionalNational) !== 0;
    if (p.prefix.length > 0 && !uses && !optional) return false;
    if (!this.#intl() && p.prefix.length === 0 && uses && !optional) return false;
    if (f.leads.length === 0) return true;
    const d = p.nsn.charCodeAt(0) - 48;
    if (p.nsn.length === 1) return typed(f).short[d] === 1;
    if (p.nsn.length === 2) return typed(f).short[10 + 10 * d + p.nsn.charCodeAt(1) - 48] === 1;
    return leading(f, Math.min(p.nsn.length - 3, f.leads.length - 1)).test(p.nsn);
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
    if (this.#national && /[^0-9[\]]/.test(this.#region.npfp) && this.#extract(true)) return true;
    return this.#extractIDD();
  }

  #extractIDD() {
    if (this.#intl() || !this.#national) return false;
    const k = iddLength(this.#region, this.#digits);
    if (k <= 0) return false;
    this.#idd = k;
    this.#extracted = 0;
    this.#read = null;
    return true;
  }

  // format is the national part of the display, or null when no format fits.
  #format(p) {
    const list = formatsOf(p.e);
    const n = list.length;
    if (p.e.lengths.includes(p.nsn.length)) {
      for (let i = 0; i < n; i++) {
        if (!this.#matching[i]) continue;
        const out = this.#formatComplete(p, list[i]);
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
      const f = list[i];
      if ((typed(f).flags & (this.#intl() ? plainIntl : plainNational)) === 0) continue;
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
    const out = this.#fill(p, list[this.#chosen - 1]);
    if (out === null) this.#chosen = 0;
    return out;
  }

  #separator(p, f) {
    return p.cc === 1 || (typed(f).flags & spaceNational) !== 0 ? " " : "";
  }

  #npRule(p, f) {
    if (typed(f).npDigits === "") return false;
    const uses = (typed(f).flags & usesNational) !== 0;
    return (uses && p.prefix.length > 0) || (!uses && !this.#intl());
  }

  #formatComplete(p, f) {
    const t = typed(f);
    const plain = this.#intl() ? t.intl : f.format;
    if (plain === "") return null;
    const m = whole(f).exec(p.nsn);
    if (m === null) return null;
    if (this.#npRule(p, f)) {
      const out = write(t.national, m, 0, false);
      if (sameDigits(out, p.national)) return out;
    }
    let out = "";
    if (p.prefix.length > 0) out = p.prefix + this.#separator(p, f);
    else if (p.before.length > 0) out = p.before + " ";
    out += write(plain, m, 0, false);
    if (this.#intl()) out = spaces(out);
    return sameDigits(out, p.national) ? out : null;
  }

  #fill(p, f) {
    const t = typed(f);
    const m = t.any.whole.exec(nines(this.#chosenLen));
    if (m === null) return null;
    let tmpl;
    if (this.#npRule(p, f) && t.npDigits === p.prefix + "1") {
      tmpl = write(t.national, m, p.prefix.length, true);
    } else {
      tmpl = "";
      if (p.before.length > 0) tmpl = "x".repeat(p.before.length) + " ";
      else if (p.prefix.length > 0) tmpl = "x".repeat(p.prefix.length) + this.#separator(p, f);
      tmpl += write(this.#intl() ? t.intl : f.format, m, 0, true);
    }
    if (this.#intl()) tmpl = spaces(tmpl);
    const out = tmpl.split("");
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
