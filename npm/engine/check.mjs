// The rule table's interpreter: the rows of data/rules.mjs run in order
// against a payload (see read.mjs), each by the check its field and rule
// name call for, as the Go package validate's checker runs them.
import { rules, consent, emailClass, envelope, noSMS } from "../data/rules.mjs";
import { parse as parsePhone, phoneType } from "./phone.mjs";
import { ABSENT, NULL, TEXT, BOOL, LIST, OBJECT, WRONG, BAD_SHAPE, BAD_UTF8, fieldIndex, codePoints, utf8Length } from "./read.mjs";

const CREATE = 1;
const UPDATE = 2;
const EMAIL = fieldIndex.get("email");
const PHONE = fieldIndex.get("phone_number");
const CUSTOM = fieldIndex.get("custom_fields");
const SEND_WELCOME = fieldIndex.get("send_welcome_sms");
const EMAIL_CONSENT = fieldIndex.get("email_consent");
const SMS_CONSENT = fieldIndex.get("sms_consent");

// message returns a rule's message under the limits.
const message = (text, lim) => text.replace(/\{(\w+)\}/, (_, name) => String(lim[name]));

// echo cuts a member name to its longest prefix of at most 64 UTF-8
// bytes that ends at a character, then "..." (docs/bounds.md).
export function echo(name) {
  if (name.length <= 21 || utf8Length(name) <= 64) return name;
  let n = 0;
  let i = 0;
  while (i < name.length) {
    const c = name.codePointAt(i);
    const size = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    if (n + size > 64) break;
    n += size;
    i += c >= 0x10000 ? 2 : 1;
  }
  return name.slice(0, i) + "...";
}

// validEmail is validate's grammar of an address (docs/email.md), with
// the byte classes of the Go code.
export function validEmail(s) {
  if (s.length > 254) return false;
  let i = 0;
  let prevDot = true;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128 && emailClass[c] & 1) {
      prevDot = false;
      continue;
    }
    if (c !== 0x2e || prevDot) break;
    prevDot = true;
  }
  if (i === s.length || s.charCodeAt(i) !== 0x40 || i > 64 || prevDot) return false;
  let labels = 0;
  let start = i + 1;
  for (let j = start; ; j++) {
    if (j < s.length && s.charCodeAt(j) !== 0x2e) {
      const c = s.charCodeAt(j);
      if (c >= 128 || !(emailClass[c] & 2)) return false;
      continue;
    }
    const n = j - start;
    if (n < 1 || n > 63 || s.charCodeAt(start) === 0x2d || s.charCodeAt(j - 1) === 0x2d) return false;
    labels++;
    if (j === s.length) return labels >= 2 && topLabel(s.slice(start, j));
    start = j + 1;
  }
}

const letters = /^[a-z]+$/i;
const punycode = /^xn--./i;
const topLabel = (l) => punycode.test(l) || letters.test(l);

// emailKey is validate.AppendEmailKey: the domain in ASCII lower case.
function emailKey(s) {
  const at = s.lastIndexOf("@");
  return at < 0 ? s : s.slice(0, at + 1) + s.slice(at + 1).replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

function sameIdentity(f, stored, sent) {
  return stored === sent || (f === EMAIL && stored.length === sent.length && emailKey(stored) === emailKey(sent));
}

// The consent decision by tokens (data/rules.mjs, consent).
const consentFields = consent.fields.map((f) => ({
  words: new Map(f.words.map(([w, means, legacy]) => [w, { means, legacy }])),
  req: new Map(f.req.map((r, i) => [r, i])),
  current: new Map(f.current.map((c, i) => [c, i])),
  create: f.create,
  update: f.update,
  nreq: f.req.length,
}));

// decideField returns the outcome [value, effect bits, refused rule] of
// one consent field.
function decideField(i, op, current, kind, value, lim, phoneOK, welcome) {
  const f = consentFields[i];
  let r = 0;
  if (kind === TEXT) {
    const w = f.words.get(value);
    r = w !== undefined && (!w.legacy || lim.acceptLegacyConsent) ? f.req.get(w.means) : 1;
  }
  const k = (phoneOK ? 1 : 0) | (welcome ? 2 : 0);
  if (op === CREATE) return consent.outcomes[f.create[r * 4 + k]];
  const c = f.current.get(current) ?? f.current.size - 1;
  return consent.outcomes[f.update[c][r * 4 + k]];
}

// The checks, by rule: each reports through c.fail(rule) or
// c.report(rule, field). A row whose details another row reports has
// none.
const typeCheck = (c, row) => c.kind(row.f) === WRONG && c.fail(row);
const utf8Check = (c, row) => c.kind(row.f) === BAD_UTF8 && c.fail(row);
const byName = {
  type: typeCheck,
  utf8: utf8Check,
  immutable: (c, row) => c.changes(row.f) && c.fail(row),
  max_length: (c, row) => {
    const k = c.p.kind[row.f];
    const s = c.p.val[row.f];
    if (k === TEXT && s.length > c.lim.maxNameLength && codePoints(s) > c.lim.maxNameLength) c.fail(row);
  },
};
const byRule = {
  "base/max_bytes": (c, row) => c.p.body === "max_bytes" && (c.fail(row), (c.full = true)),
  "base/json_object": (c, row) => c.p.body === "json_object" && (c.fail(row), (c.full = true)),
  "base/required_any": (c, row) => {
    for (let f = 0; f < c.p.kind.length; f++) if (c.sent(f)) return;
    if (c.p.extra.length === 0) c.fail(row);
  },
  "base/required_one_of": (c, row) => {
    for (const f of [EMAIL, PHONE]) {
      const k = c.p.kind[f];
      const s = c.p.val[f];
      if (k !== ABSENT && k !== NULL && !(k === TEXT && s === "")) return;
    }
    c.fail(row);
  },
  "base/max_details": () => {},
  "email/email": (c, row) => {
    const s = c.formatted(row.f);
    if (s !== undefined && !validEmail(s)) c.fail(row);
  },
  "phone_region/region": () => {}, // form input only
  "phone_number/e164": (c, row) => {
    const s = c.formatted(row.f);
    const k = c.p.kind[PHONE];
    const v = c.p.val[PHONE];
    if (s === undefined) {
      if (k === TEXT && c.op === UPDATE && v === c.cur.phone_number) c.setPhone(v);
      return;
    }
    if (!c.setPhone(s)) c.fail(row);
  },
  "sms_consent/sms_mobile": (c, row) => {
    if (!c.lim.smsNeedsMobile) return;
    c.decide();
    if (c.refused.some((r) => r.startsWith("sms_consent/"))) return;
    const k = c.p.kind[SMS_CONSENT];
    const w = consentFields[1].words.get(c.p.val[SMS_CONSENT]);
    if (k !== TEXT || w === undefined || (w.legacy && !c.lim.acceptLegacyConsent)) return;
    if (w.means !== "subscribed" && w.means !== "single_opt_in") return;
    const [, e164] = c.phoneAfter();
    if (e164 !== undefined && noSMS.includes(phoneType(e164))) c.fail(row);
  },
  // The consent package's refusals.
  "email_consent/compliance_suppressed": consentCheck,
  "email_consent/enum": consentCheck,
  "sms_consent/enum": consentCheck,
  "sms_consent/sms_supported_country": consentCheck,
  "sms_consent/sms_no_unsubscribe_on_create": consentCheck,
  "tags/type": (c, row) => (c.kind(row.f) === WRONG || c.kind(row.f) === BAD_SHAPE) && c.fail(row),
  "tags/max_items": (c, row) => c.kind(row.f) === LIST && c.p.ntags > c.lim.maxTags && c.fail(row),
  "tags[i]/utf8": (c) => {
    if (c.kind(fieldIndex.get("tags")) !== LIST) return;
    for (const [i, name] of c.p.tagFacts) c.report(c.rowOf("tags[i]", name), `tags[${i}]`);
  },
  "tags[i]/tag": () => {},
  "custom_fields/flat_object": (c, row) => {
    const k = c.kind(CUSTOM);
    if (k === WRONG || (k === OBJECT && c.p.nested)) c.fail(row);
  },
  "custom_fields.<key>/duplicate_key": (c) => {
    if (c.kind(CUSTOM) !== OBJECT) return;
    for (const [name, key] of c.p.customFacts) c.report(c.rowOf("custom_fields.<key>", name), "custom_fields." + echo(key));
  },
  "custom_fields.<key>/utf8": () => {},
  "<member>/read_only": (c) => {
    for (const [name, key] of c.p.extra) c.report(c.rowOf("<member>", name), echo(key));
  },
  "<member>/unknown_field": () => {},
  "<member>/duplicate_key": () => {},
};

function consentCheck(c, row) {
  c.decide();
  if (c.refused.includes(row.key)) c.fail(row);
}

// The rows, each with its check; a rule of the Go table this file has no
// check for is an error when the module loads (the engine's test sees it).
const rows = rules.map(([field, name, text, ops]) => {
  const row = { field, name, key: `${field}/${name}`, text, ops, f: fieldIndex.get(field) ?? -1 };
  row.check = byRule[`${field}/${name}`] ?? (row.f >= 0 ? byName[name] : undefined);
  if (row.check === undefined) throw new Error(`contactrules: no check for rule ${field}/${name}`);
  return row;
});
const rowIndex = new Map(rows.map((r) => [`${r.field}/${r.name}`, r]));

class Checker {
  constructor(op, p, lim, cur) {
    this.op = op;
    this.p = p;
    this.lim = lim;
    this.cur = cur;
    this.details = [];
    this.full = false;
    this.decided = false;
    this.region = undefined; // of the payload's phone number, when it parses
    this.e164 = undefined;
  }

  kind(f) {
    return this.p.kind[f];
  }

  rowOf(field, name) {
    return rowIndex.get(`${field}/${name}`);
  }

  fail(row) {
    this.report(row, row.field);
  }

  report(row, field) {
    if (this.full) return;
    const max = this.lim.maxDetails;
    if (this.details.length < max) {
      this.details.push({ field, message: message(row.text, this.lim), rule: row.name });
      return;
    }
    this.details.length = max - 1;
    const last = rowIndex.get("base/max_details");
    this.details.push({ field: "base", message: message(last.text, this.lim), rule: last.name });
    this.full = true;
  }

  // sent: the field counts as written (a null only for a field it clears).
  sent(f) {
    const k = this.p.kind[f];
    return k === ABSENT ? false : k === NULL ? f <= CUSTOM : true;
  }

  stored(f) {
    return (f === PHONE ? this.cur.phone_number : this.cur.email) ?? "";
  }

  changes(f) {
    if (this.op !== UPDATE || !this.sent(f)) return false;
    const stored = this.stored(f);
    const k = this.p.kind[f];
    const s = this.p.val[f];
    if (stored === "" || ((k === TEXT || k === BAD_UTF8) && sameIdentity(f, stored, s))) return false;
    return k !== WRONG && k !== BAD_UTF8;
  }

  // formatted returns the value whose format to check, or undefined.
  formatted(f) {
    const k = this.p.kind[f];
    const s = this.p.val[f];
    if (k !== TEXT || s === "") return undefined;
    if (this.op === UPDATE && (this.changes(f) || (this.stored(f) !== "" && sameIdentity(f, this.stored(f), s)))) return undefined;
    return s;
  }

  // setPhone notes the payload's number when it parses under the policy.
  setPhone(s) {
    this.region = parsePhone(s, this.lim.possiblePhoneOnly);
    this.e164 = this.region === undefined ? undefined : s;
    return this.region !== undefined;
  }

  // phoneAfter is [region, E.164] of the number the contact has once the
  // payload is applied: the payload's, or on update the stored one when
  // the patch leaves it alone.
  phoneAfter() {
    if (this.op === CREATE || this.sent(PHONE)) return [this.region, this.e164];
    const stored = this.cur.phone_number ?? "";
    const region = parsePhone(stored, this.lim.possiblePhoneOnly);
    return [region, region === undefined ? undefined : stored];
  }

  run() {
    for (const row of rows) {
      if (this.full) break;
      if (row.ops & this.op) row.check(this, row);
    }
    return this.details;
  }

  decide() {
    if (this.decided) return;
    this.decided = true;
    const welcome = !(this.p.kind[SEND_WELCOME] === BOOL && this.p.val[SEND_WELCOME] === false);
    const [region] = this.phoneAfter();
    const phoneOK = region !== undefined && this.lim.smsRegions.includes(region);
    this.refused = [];
    this.effects = { welcome_sms: false, email_unsuppressed: false, defaults_applied: [] };
    let bits = 0;
    for (let i = 0; i < 2; i++) {
      const f = i === 0 ? EMAIL_CONSENT : SMS_CONSENT;
      const stored = (i === 0 ? this.cur.email_consent : this.cur.sms_consent) || "never_subscribed";
      const outcome = decideField(i, this.op, stored, this.p.kind[f], this.p.val[f], this.lim, phoneOK, welcome);
      bits |= outcome[1];
      if (outcome[2] !== "") this.refused.push(`${consent.fields[i].field}/${outcome[2]}`);
    }
    this.effects.welcome_sms = (bits & 1) !== 0;
    this.effects.email_unsuppressed = (bits & 2) !== 0;
    if (bits & 4) this.effects.defaults_applied.push(consent.fields[0].field);
    if (bits & 8) this.effects.defaults_applied.push(consent.fields[1].field);
  }
}

// check runs the rules of an operation (1 create, 2 update) and returns
// the answer: { ok: true, effects } or { ok: false, error }.
export function check(op, p, lim, cur) {
  const c = new Checker(op, p, lim, cur);
  const details = c.run();
  if (details.length > 0) {
    return { ok: false, error: { code: envelope.code, message: envelope.message, details } };
  }
  c.decide();
  return { ok: true, effects: c.effects };
}

export { CREATE, UPDATE };
