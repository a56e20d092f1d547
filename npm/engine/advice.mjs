// contactrules/advice: what is probably wrong with a contact the API
// accepts ("did you mean jane@gmail.com?", a role address, a landline
// subscribed to SMS, a typed country code that is not the form's
// country), as the Go package advice says it (docs/advice.md): the same
// advice, in the same order, with the same suggestions. A separate entry,
// so that a page that only validates does not ship the lists.
//
// The domains are compared byte by byte in UTF-8, as Go compares them.
import { adviceRules, mailboxes as mailboxNames, known, tlds, mailTLDs, tldTypos, roles } from "../data/advice.mjs";
import { noSMS } from "../data/rules.mjs";
import { parse, phoneType } from "./phone.mjs";

const maxEdits = 2;
// maxDomain is the longest domain an accepted address can have (254
// bytes in all, at least two before the '@').
const maxDomain = 252;

const knownSet = new Set(known);
const tldSet = new Set(tlds);
const mailTLDSet = new Set(mailTLDs);
const roleSet = new Set(roles);
const rule = Object.fromEntries(adviceRules.map(([field, name, message]) => [name, { field, rule: name, message }]));

/**
 * advise returns the advice on an accepted contact (a body validateCreate
 * accepted), in the order of the rules; [] when there is none. policy is
 * read as Go's advice.For reads it: no rule depends on it today.
 */
export function advise(contact, policy) {
  const c = contactOf(contact);
  const out = [];
  const typo = emailTypo(c.email);
  if (typo !== undefined) out.push(advice("email_typo", typo));
  if (roleAddress(c.email)) out.push(advice("role_address"));
  if (smsLandline(c.phone_number, c.sms_consent)) out.push(advice("sms_landline"));
  return out;
}

/**
 * adviseForm returns the advice on a contact posted from an HTML form:
 * advise's, then phone_region_mismatch, which reads the form's
 * phone_region and the number as typed. form is a FormData, a
 * URLSearchParams or an object of strings or arrays of strings.
 */
export function adviseForm(contact, form, policy) {
  const out = advise(contact, policy);
  const c = contactOf(contact);
  const region = regionMismatch(c.phone_number, firstValue(form, "phone_region"), firstValue(form, "phone_number"));
  if (region !== undefined) out.push(advice("phone_region_mismatch", region));
  return out;
}

function advice(name, suggestion) {
  const a = { ...rule[name] };
  if (suggestion !== undefined) a.suggestion = suggestion;
  return a;
}

// contactOf reads the members the rules read; what is not a string is
// absent.
function contactOf(contact) {
  const c = contact !== null && typeof contact === "object" ? contact : {};
  const str = (v) => (typeof v === "string" ? v : "");
  return { email: str(c.email), phone_number: str(c.phone_number), sms_consent: str(c.sms_consent) };
}

// firstValue is the first non-empty value of a form member, as validate
// reads it (an empty value means absent).
function firstValue(form, name) {
  if (form === null || typeof form !== "object") return "";
  const values = typeof form.getAll === "function" ? form.getAll(name) : [].concat(form[name] ?? []);
  return values.find((v) => typeof v === "string" && v !== "") ?? "";
}

// roleAddress is the role_address rule: the local part, without its
// subaddress (+tag), in lower case and without '.', '-' and '_', is a
// role.
function roleAddress(email) {
  const at = email.lastIndexOf("@");
  if (at <= 0) return false;
  let key = "";
  for (let i = 0; i < at && email[i] !== "+"; i++) {
    const ch = email[i];
    if (ch !== "." && ch !== "-" && ch !== "_") key += ch;
    if (key.length > 64) return false; // longer than any role
  }
  return roleSet.has(lowerASCII(key));
}

// smsLandline is the sms_landline rule: a valid number of a type that
// cannot take SMS, subscribed to it (phoneType is "UNKNOWN" for a number
// that is not valid, which may take SMS).
function smsLandline(number, sms) {
  return (sms === "subscribed" || sms === "single_opt_in") && noSMS.includes(phoneType(number));
}

// regionMismatch is the phone_region_mismatch rule: the region of a
// number typed with a + country code, when the form names another.
function regionMismatch(number, formRegion, typed) {
  let i = 0;
  while (typed[i] === " " || typed[i] === "\t") i++;
  if (formRegion === "" || number === "" || typed[i] !== "+") return undefined;
  const region = parse(number, true);
  if (region === undefined || region === "001" || equalFold(region, formRegion)) return undefined;
  return region;
}

// equalFold is Go's strings.EqualFold for a region code (ASCII letters
// and digits): the Kelvin sign folds to k and the long s to s.
function equalFold(region, s) {
  const runes = [...s];
  if (runes.length !== region.length) return false;
  const fold = { "\u212a": "k", "\u017f": "s" };
  return runes.every((r, i) => (fold[r] ?? lowerASCII(r)) === lowerASCII(region[i]));
}

function lowerASCII(s) {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

// emailTypo is the email_typo rule: the corrected address when the
// domain looks like a typo of a well-known mailbox domain or of a common
// top-level domain.
function emailTypo(email) {
  const at = email.lastIndexOf("@");
  if (at < 0) return undefined;
  const fixed = suggestDomain(email.slice(at + 1));
  return fixed === undefined ? undefined : email.slice(0, at + 1) + fixed;
}

const utf8 = new TextEncoder();
const fromUTF8 = new TextDecoder();

// suggestDomain returns the domain d was probably meant to be, in lower
// case. It works on d's UTF-8 bytes, one character each, as Go does.
function suggestDomain(d) {
  if (d.length > maxDomain || d.length === 0) return undefined;
  let ascii = true;
  for (let i = 0; i < d.length && ascii; i++) ascii = d.charCodeAt(i) < 0x80;
  const bytes = ascii ? d : String.fromCharCode(...utf8.encode(d));
  if (bytes.length > maxDomain) return undefined;
  // toLowerCase is lowerASCII on ASCII text, and faster.
  const s = ascii ? d.toLowerCase() : lowerASCII(bytes);
  const t = nearestMailbox(s);
  if (t !== undefined) {
    return otherCountry(s) || knownSet.has(s) ? undefined : t;
  }
  const fixed = fixTLD(s);
  return fixed === undefined || ascii ? fixed : fromUTF8.decode(Uint8Array.from(fixed, (ch) => ch.charCodeAt(0)));
}

// The bits of letters for what is not a letter.
const digit = 1 << 26;
const hyphen = 1 << 27;
const dot = 1 << 28;

// letters is the set of characters of s: a bit for each letter, one for
// all digits, one for '-' and one for anything else.
function letters(s) {
  let m = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) m |= 1 << (c - 0x61);
    else if (c >= 0x30 && c <= 0x39) m |= digit;
    else if (c === 0x2d) m |= hyphen;
    else m |= dot;
  }
  return m;
}

// onesCount is the number of bits set in a 32-bit integer.
function onesCount(x) {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

// mailboxes are the well-known mailbox domains, prepared for the search:
// name "yahoo.co.uk", label "yahoo.", suffix ".co.uk", tld "uk", and
// mailSuffix "mail" and the suffix when the name ends in "mail" (a text
// no domain ends in otherwise).
const mailboxes = mailboxNames.map((name) => {
  const i = name.indexOf(".");
  const label = name.slice(0, i + 1);
  const suffix = name.slice(i);
  return {
    name,
    label,
    suffix,
    tld: name.slice(name.lastIndexOf(".") + 1),
    mailSuffix: label.endsWith("mail.") ? "mail" + suffix : " ",
    letters: letters(name),
  };
});

// byLength holds, for each length of domain, the mailbox domains two
// edits can reach from it, in order of use.
const byLength = Array.from({ length: 32 }, (_, n) => mailboxes.filter((m) => Math.abs(m.name.length - n) <= maxEdits));

// nearestMailbox returns the well-known mailbox domain s is a typo of:
// the nearest within the edit budget, the more used on a tie.
function nearestMailbox(s) {
  if (s.length >= byLength.length) return undefined;
  const m = letters(s);
  let best;
  let bestDist = maxEdits + 1;
  for (const t of byLength[s.length]) {
    // Two edits change the set of characters by at most 4 members; a
    // digit or a hyphen the mailbox domain lacks is deliberate.
    if (onesCount(m ^ t.letters) > 2 * maxEdits) continue;
    if (m & ~t.letters & (digit | hyphen)) continue;
    if (s === t.name) return undefined; // a well-known mailbox domain itself
    let d = distance(s, t.name, bestDist);
    if (d === maxEdits + 1 && bestDist > maxEdits) d = damerau(s, t.name);
    if (d < bestDist && plausible(s, t, d)) {
      best = t;
      bestDist = d;
    }
  }
  return best?.name;
}

// plausible reports whether d edits turn the mailbox domain t into s as a
// typing slip would (docs/advice.md).
function plausible(s, t, d) {
  if (d === maxEdits && wraps(s, t.label.slice(0, -1))) return false;
  const last = lastLabel(s);
  if (s.endsWith(t.mailSuffix) && s.length > t.mailSuffix.length) {
    // Edits only before "mail", in hotmail's "hot".
    return d <= nameBudget(t.name.length - t.mailSuffix.length + 1);
  }
  if (s.endsWith(t.suffix) || last === t.tld) return d <= nameBudget(t.label.length);
  if (!tldSet.has(last)) return true;
  if (!mailTLDSet.has(last)) return nameEdits(s, t) <= nameBudget(t.label.length);
  if (s.startsWith(t.label)) return d === 1 && s.length < t.name.length;
  // A dot moved (gmilc.om): the last label's length changed.
  return last.length !== t.tld.length && nameEdits(s, t) <= nameBudget(t.label.length);
}

// nameEdits is how many of the edits from t to s are in t's name, when
// the suffix changed.
function nameEdits(s, t) {
  const name = t.label.slice(0, -1);
  const i = s.lastIndexOf(".");
  if (i > 0) {
    const u = s.slice(0, i - 1) + s[i] + s[i - 1] + s.slice(i + 1);
    if (u.endsWith(t.suffix)) return distance(u.slice(0, u.length - t.suffix.length), name, maxEdits);
  }
  return distance(firstLabel(s), name, maxEdits);
}

// otherCountry reports whether s is a well-known mailbox name under
// another top-level domain where mailbox domains are common (gmail.ru),
// unless a letter of the well-known domain's own is missing (gmail.co).
function otherCountry(s) {
  const first = firstLabel(s);
  if (first.length === s.length || s.lastIndexOf(".") !== first.length || !mailTLDSet.has(lastLabel(s))) return false;
  let found = false;
  for (const m of mailboxes) {
    if (m.label.length !== first.length + 1 || !s.startsWith(m.label)) continue;
    if (s.length === m.name.length - 1 && distance(s, m.name, 1) === 1) return false;
    found = true;
  }
  return found;
}

// wraps reports whether s's first label is name with two letters or more
// before or after it: a word of its own (myyahoo), not a slip.
function wraps(s, name) {
  const first = firstLabel(s);
  return first.length >= name.length + 2 && (first.startsWith(name) || first.endsWith(name));
}

// nameBudget is how many edits a mailbox name of n characters (its dot
// included) may carry and still be read as a typo.
const nameBudget = (n) => (n <= 4 ? 1 : maxEdits);

function firstLabel(s) {
  const i = s.indexOf(".");
  return i < 0 ? s : s.slice(0, i);
}

const lastLabel = (s) => s.slice(s.lastIndexOf(".") + 1);

// fixTLD corrects a last label from the table of top-level domain typos.
function fixTLD(s) {
  const last = lastLabel(s);
  const t = tldTypos.find(([typo]) => typo === last);
  return t && s.slice(0, s.length - last.length) + t[1];
}

// The rows of distance and the matrix of damerau, kept between calls:
// the search measures many distances a call, and advise is synchronous.
const rows = [new Uint8Array(64), new Uint8Array(64), new Uint8Array(64)];
const width = 64 + 2;
const matrix = new Uint8Array(width * width);
const lastRow = new Uint8Array(256);

// distance is the optimal string alignment distance between s and t, or
// max+1 when it is more than max.
function distance(s, t, max) {
  if (t.length >= 64) return max + 1;
  let [prev2, prev, cur] = rows;
  for (let j = 0; j <= t.length; j++) prev[j] = j;
  for (let i = 1; i <= s.length; i++) {
    cur[0] = i;
    let low = cur[0];
    const si = s.charCodeAt(i - 1);
    for (let j = 1; j <= t.length; j++) {
      const tj = t.charCodeAt(j - 1);
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (si === tj ? 0 : 1));
      if (i > 1 && j > 1 && si === t.charCodeAt(j - 2) && s.charCodeAt(i - 2) === tj) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      low = Math.min(low, cur[j]);
    }
    if (low > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return Math.min(prev[t.length], max + 1);
}

// damerau is the Damerau-Levenshtein distance between s and t (a
// transposition allowed across letters edited since), or maxEdits+1 when
// it is more than maxEdits. s and t hold bytes (character codes < 256).
function damerau(s, t) {
  if (s.length + 2 > width || t.length + 2 > width) return maxEdits + 1;
  const d = matrix; // d[i*width+j]
  d.fill(0);
  lastRow.fill(0); // the last row where each byte of s was seen
  const inf = s.length + t.length;
  d[0] = inf;
  for (let i = 0; i <= s.length; i++) [d[(i + 1) * width], d[(i + 1) * width + 1]] = [inf, i];
  for (let j = 0; j <= t.length; j++) [d[j + 1], d[width + j + 1]] = [inf, j];
  for (let i = 1; i <= s.length; i++) {
    let lastCol = 0; // the last column in this row where s[i-1] matched
    const si = s.charCodeAt(i - 1);
    for (let j = 1; j <= t.length; j++) {
      const tj = t.charCodeAt(j - 1);
      const i1 = lastRow[tj];
      const j1 = lastCol;
      let cost = 1;
      if (si === tj) [cost, lastCol] = [0, j];
      d[(i + 1) * width + j + 1] = Math.min(
        d[i * width + j] + cost,
        d[(i + 1) * width + j] + 1,
        d[i * width + j + 1] + 1,
        (d[i1 * width + j1] + (i - i1 - 1) + 1 + (j - j1 - 1)) & 255, // uint8, as Go's
      );
    }
    lastRow[si] = i;
  }
  return Math.min(d[(s.length + 1) * width + t.length + 1], maxEdits + 1);
}
