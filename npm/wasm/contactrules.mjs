// contactrules: the contact rules of the contacts API, compiled from Go
// to WebAssembly (contactrules.wasm, with Go's wasm_exec.js beside it),
// behind a small ES module. Types: contactrules.d.ts.
//
// Every answer is the JSON text the Go code wrote, parsed: the same bytes
// a Go server, and the contactcheck program, give for the same payload.
// The `raw` functions return that text unparsed.
//
// Calls pass their arguments as bytes through one buffer in the module's
// memory (TextEncoder.encodeInto) and read the answer's bytes back
// (TextDecoder): no JavaScript value crosses into Go.
//
// localize gives the details' texts in the reader's language: the Go
// package messages in JavaScript, with its catalogs (messages/<lang>.json
// beside this module, the Go package's files as they are), each read
// when first needed. It needs no WebAssembly.

/** A mistake of the calling code (a policy or stored contact that is not one), or a failure to load. */
export class ContactRulesError extends Error {
  /**
   * @param {string} message
   * @param {"invalid_policy" | "invalid_contact" | "load_failed" | "internal"} code
   * @param {ErrorOptions} [options]
   */
  constructor(message, code, options) {
    super(message, options);
    this.name = "ContactRulesError";
    this.code = code;
  }
}

/**
 * Loads and starts the rules. Without an argument it loads
 * contactrules.wasm beside this module (resolved with import.meta.url);
 * otherwise pass a URL (or URL string), a Response or a promise of one,
 * the bytes, or a compiled WebAssembly.Module. In Node.js a string
 * without a scheme is a file path.
 */
export async function load(source) {
  const go = new (await goClass())();
  go.argv = ["contactrules"];
  go.env = {};
  const instance = await instantiate(source, go.importObject);
  const running = go.run(instance); // runs main until it waits for calls
  let ready = false;
  try {
    ready = instance.exports.contactrules_ready() === 1;
  } catch {
    // the program did not start
  }
  if (!ready) {
    await running; // rejects with the reason, if there is one
    throw new ContactRulesError("the WebAssembly program exited before it started", "load_failed");
  }
  return bind(instance.exports);
}

let goClassPromise;

// goClass returns the Go class of the wasm_exec.js beside this module,
// which must match the Go that built the module. wasm_exec.js defines it
// as globalThis.Go once, when first imported; this module keeps it under
// a symbol named by wasm_exec.js's URL (for other copies of this module
// that import the same file) and puts back the page's own globalThis.Go,
// or removes it.
function goClass() {
  goClassPromise ??= (async () => {
    const key = Symbol.for(`contactrules: Go of ${new URL("./wasm_exec.js", import.meta.url)}`);
    if (!globalThis[key]) {
      const had = Object.hasOwn(globalThis, "Go");
      const theirs = globalThis.Go;
      await import("./wasm_exec.js");
      Object.defineProperty(globalThis, key, { value: globalThis.Go });
      if (had) {
        globalThis.Go = theirs;
      } else {
        delete globalThis.Go;
      }
    }
    return globalThis[key];
  })();
  return goClassPromise;
}

const isNode = typeof process === "object" && typeof process.versions?.node === "string";

// instantiate loads, compiles and instantiates the module. Its failures
// are ContactRulesErrors with code "load_failed" whose messages name the
// stage, not the source (a path, a URL, the bytes' first bytes): the
// platform's own error is their cause.
async function instantiate(source, imports) {
  if (source instanceof WebAssembly.Module) {
    return compiled(WebAssembly.instantiate(source, imports));
  }
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
    return (await compiled(WebAssembly.instantiate(source, imports))).instance;
  }
  if (typeof source?.then === "function") {
    source = await stage(source, "fetched"); // a promise of a Response, as fetch gives
  }
  if (typeof Response === "function" && source instanceof Response) {
    return fromResponse(source, imports);
  }
  const url = await toURL(source ?? new URL("./contactrules.wasm", import.meta.url));
  if (url.protocol === "file:") {
    // Node.js, Deno and Bun read files with node:fs; the name is not
    // written out so that bundlers for the browser leave it alone.
    const fs = "node:fs/promises";
    const { readFile } = await import(/* webpackIgnore: true */ /* @vite-ignore */ fs);
    const bytes = await stage(readFile(url), "read");
    return (await compiled(WebAssembly.instantiate(bytes, imports))).instance;
  }
  return fromResponse(await stage(fetch(url), "fetched"), imports);
}

async function fromResponse(response, imports) {
  if (!response.ok) {
    throw new ContactRulesError(`the WebAssembly module could not be fetched: HTTP ${response.status}`, "load_failed");
  }
  // Streaming compilation needs the application/wasm type, which not
  // every static server sends; without it, compile the whole file.
  if (
    typeof WebAssembly.instantiateStreaming === "function" &&
    /^application\/wasm\b/i.test(response.headers.get("content-type") ?? "")
  ) {
    return (await compiled(WebAssembly.instantiateStreaming(response, imports))).instance;
  }
  const bytes = await stage(response.arrayBuffer(), "fetched");
  return (await compiled(WebAssembly.instantiate(bytes, imports))).instance;
}

// stage awaits one step of loading, turning its failure into a
// ContactRulesError that says the module could not be `what`.
async function stage(promise, what) {
  try {
    return await promise;
  } catch (cause) {
    throw cause instanceof ContactRulesError
      ? cause
      : new ContactRulesError(`the WebAssembly module could not be ${what}`, "load_failed", { cause });
  }
}

const compiled = (promise) => stage(promise, "compiled");

// toURL reads a relative string as the page does in a browser, and as a
// file path in Node.js.
async function toURL(source) {
  const wrong = "load takes a URL, a Response, bytes or a WebAssembly.Module";
  if (source instanceof URL) {
    return source;
  }
  if (typeof source !== "string") {
    throw new TypeError(wrong);
  }
  if (isNode && !/^[a-z][a-z0-9+.-]*:/i.test(source)) {
    const url = "node:url"; // not written out, as for node:fs above
    const { pathToFileURL } = await import(/* webpackIgnore: true */ /* @vite-ignore */ url);
    return pathToFileURL(source);
  }
  try {
    return new URL(source, globalThis.document?.baseURI ?? globalThis.location?.href);
  } catch (cause) {
    throw new TypeError(wrong, { cause });
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// The statuses of the exports (wasm/bridge.go's errorKind).
const thrown = [
  undefined,
  (m) => new ContactRulesError(m, "invalid_policy"),
  (m) => new ContactRulesError(m, "invalid_contact"),
  (m) => new RangeError(m),
  (m) => new ContactRulesError(m, "internal"),
];

// keptInput is the largest input buffer kept between calls (main.go's).
const keptInput = 4 << 20;

function bind(x) {
  const memory = x.mem;
  let bytes = new Uint8Array(memory.buffer);
  let words = new Uint32Array(memory.buffer);
  const header = x.contactrules_header() >>> 2;
  let inputAt = 0;
  let inputSize = 0;
  let input = bytes.subarray(0, 0);
  let fresh = true;

  // Memory grows during calls, which empties views of the old buffer.
  function views() {
    if (!fresh || bytes.buffer !== memory.buffer) {
      bytes = new Uint8Array(memory.buffer);
      words = new Uint32Array(memory.buffer);
      input = bytes.subarray(inputAt, inputAt + inputSize);
      fresh = true;
    }
  }

  // reserve makes the input buffer hold n bytes.
  function reserve(n) {
    if (n > inputSize) {
      inputSize = Math.max(n, 2 * inputSize, 4096);
      inputAt = x.contactrules_input(inputSize);
      fresh = false;
    }
    views();
  }

  // release gives a large input buffer back after a call, as main.go's
  // keptInput: one huge argument should not hold its memory for the
  // life of the page. (The module keeps a buffer while it is asked for
  // no less, so the two limits need not agree for safety.)
  function release(status) {
    if (inputSize > keptInput) {
      inputSize = 4096;
      inputAt = x.contactrules_input(inputSize);
      fresh = false;
    }
    return status;
  }

  // put writes an argument at offset `at` of the input and returns its
  // length in bytes.
  function put(v, at) {
    const to = at === 0 ? input : input.subarray(at);
    if (typeof v === "string") {
      return encoder.encodeInto(v, to).written;
    }
    to.set(v);
    return v.length;
  }

  // size is the most bytes put may write for v (UTF-8 takes at most three
  // bytes per UTF-16 code unit).
  const size = (v) => (typeof v === "string" ? 3 * v.length : v.length);

  // text returns the answer of the last call, or throws its error.
  function text(status) {
    views();
    const at = words[header];
    const t = decoder.decode(bytes.subarray(at, at + words[header + 1]));
    if (status !== 0) {
      throw (thrown[status] ?? thrown[4])(t);
    }
    return t;
  }

  // value returns the answer of the last call as an object: an
  // acceptable one from its verdict (bridge.go), without its text.
  function value(status) {
    views();
    const sum = status === 0 ? words[header + 2] : 0;
    if ((sum & 1) === 0) {
      return JSON.parse(text(status));
    }
    const defaults = [];
    if (sum & 8) defaults.push("email_consent");
    if (sum & 16) defaults.push("sms_consent");
    return { ok: true, effects: { welcome_sms: (sum & 2) !== 0, email_unsuppressed: (sum & 4) !== 0, defaults_applied: defaults } };
  }

  // create and update call the rules; with asText 0 an acceptable
  // answer comes as its verdict alone.
  function create(payload, policy, asText) {
    const p = policyText(policy);
    const b = body(payload, "payload");
    reserve(size(p) + size(b));
    const pn = p === "" ? 0 : put(p, 0);
    return release(x.contactrules_create(pn, put(b, pn), asText));
  }

  function update(current, patch, policy, asText) {
    const p = policyText(policy);
    const c = body(current, "current");
    const b = body(patch, "patch");
    reserve(size(p) + size(c) + size(b));
    const pn = p === "" ? 0 : put(p, 0);
    const cn = put(c, pn);
    return release(x.contactrules_update(pn, cn, put(b, pn + cn), asText));
  }

  function normalize(input, defaultRegion = "") {
    if (typeof input !== "string") {
      throw new TypeError("input must be a string");
    }
    if (typeof defaultRegion !== "string") {
      throw new TypeError("defaultRegion must be a string");
    }
    reserve(size(input) + size(defaultRegion));
    const n = put(input, 0);
    return release(x.contactrules_normalize(n, put(defaultRegion, n)));
  }

  const raw = Object.freeze({
    validateCreate: (payload, policy) => text(create(payload, policy, 1)),
    validateUpdate: (current, patch, policy) => text(update(current, patch, policy, 1)),
    normalizePhone: (input, defaultRegion) => text(normalize(input, defaultRegion)),
  });
  return Object.freeze({
    validateCreate: (payload, policy) => value(create(payload, policy, 0)),
    validateUpdate: (current, patch, policy) => value(update(current, patch, policy, 0)),
    normalizePhone: (input, defaultRegion) => value(normalize(input, defaultRegion)),
    localize,
    raw,
  });
}

// body passes JSON text (a string, or bytes as they are) through and
// writes any other value as JSON.
function body(v, name) {
  if (typeof v === "string" || v instanceof Uint8Array) {
    return v;
  }
  if (v instanceof ArrayBuffer) {
    return new Uint8Array(v);
  }
  if (ArrayBuffer.isView(v)) {
    return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  }
  return stringify(v, `${name} must be JSON text, bytes or a JSON value`);
}

// stringify is JSON.stringify, whose own errors (a cycle, a BigInt) may
// name the caller's members: they become the cause of a plain TypeError.
function stringify(v, message) {
  let text;
  try {
    text = typeof v === "function" ? undefined : JSON.stringify(v);
  } catch (cause) {
    throw new TypeError(message, { cause });
  }
  if (text === undefined) {
    throw new TypeError(message);
  }
  return text;
}

function policyText(policy) {
  if (policy == null) {
    return "";
  }
  if (typeof policy === "string") {
    return policy;
  }
  if (typeof policy === "object") {
    return stringify(policy, "policy must be an object or JSON text");
  }
  throw new TypeError("policy must be an object or JSON text");
}

// ---- Messages in the reader's language ----

/** The languages there are catalogs for, as BCP 47 tags, English first. */
export const languages = Object.freeze(["en", "de", "es", "fr", "it", "nl", "pt-BR", "ja"]);

// The matching of golang.org/x/text/language (the Go package's For), for
// tags as browsers send them: a language of 2 or 3 letters, an optional
// script and region.
//
// primaries are the language subtags read as one of the languages: their
// own (ISO 639-1 and -2), and those whose readers Go's matcher sends to
// one of them (Swiss German, Luxembourgish and Romansh read German;
// Basque, Galician, Quechua Spanish; Breton, Corsican, Occitan, Haitian
// and several African languages French; Afrikaans and Frisian Dutch;
// Latin Italian; and English, for the many languages whose readers Go's
// matcher sends to English: Welsh, Irish, Icelandic, Maltese, Albanian,
// Georgian, Esperanto, languages of Africa and of South and Southeast
// Asia). The first are exact matches, the others near ones. Alone a near
// English tag gives English as no match would; before another near
// language ("cy, gsw") it is the match, as in Go.
const primaries = new Map();
for (const [language, own, near] of [
  [
    "en",
    "en eng",
    "ach ak aka alb bem ben bn bur chr cy cym ee eo epo ewe ga gaa gd geo gla gle ha hau haw ia ibo ice ig ina is isl ji ka " +
      "kan kat khm km kn kri lao lg lo loz lug mal mao mfe mi ml mlt mri mt my mya ne nep nso ny nya nyn om or ori orm pa pan " +
      "pcm ps pus rn run sd si sin sn sna snd so som sot sq sqi st sw swa ta tam te tel ti tir tlh tn to ton tsn tum ur urd " +
      "wel xh xho yi yid yo yor zu zul",
  ],
  ["de", "de deu ger", "gsw lb ltz rm roh"],
  ["es", "es spa", "ay aym eu eus baq gl glg gn grn qu que"],
  ["fr", "fr fra fre", "br bre co cos crs ht hat kg kon ln lin lua mg mlg oc oci rw kin wo wol"],
  ["it", "it ita", "la lat"],
  ["nl", "nl nld dut", "af afr fy fry"],
  ["pt-BR", "pt por", ""],
  ["ja", "ja jpn", ""],
]) {
  // Go's matcher reads a language's three-letter codes as its two-letter
  // one: code is what it compares.
  const [code] = own.split(" ");
  for (const c of own.split(" ")) {
    primaries.set(c, { language, exact: true, code });
  }
  for (const c of near.split(" ").filter(Boolean)) {
    primaries.set(c, { language, exact: false, code: c });
  }
}

// home is each language's region in Go's matcher (en-US, pt-BR…): its tag
// without a region, or with this one, is an exact match; any other
// region a close one.
const home = { en: "us", de: "de", es: "es", fr: "fr", it: "it", nl: "nl", "pt-BR": "br", ja: "jp" };

// The regional groups of Go's matcher: American English, and the
// Americas (Latin American Spanish, Brazilian Portuguese). Between close
// matches of two languages it prefers the one whose region is in the
// group of its language's home.
const usEnglish = new Set(["us", "as", "gu", "mh", "mp", "pr", "um", "vi"]);
const americas = new Set(
  ("ag ai an ar aw bb bl bm bo bq br bs bz ca cl co cr cu cw dm do ec fk gd gf gl gp gt gy hn ht jm kn ky lc mf " +
    "mq ms mx ni pa pe pm pr py pz sr sv sx tc tt us uy vc ve vg vi 419 019 005 013 021 029").split(" "),
);

function regionalDistance(language, region) {
  const far =
    region !== "" &&
    ((language === "en" && !usEnglish.has(region)) ||
      (language === "es" && americas.has(region)) ||
      (language === "pt-BR" && !americas.has(region)));
  return far ? 5 : 4;
}

// Accept-Language's words for languages Go's parser takes.
const wordTags = { english: "en", deutsch: "de", italian: "it", french: "fr" };

const tagPattern = /^([a-z]{2,3})(?:-([a-z]{4}))?(?:-([a-z]{2}|[0-9]{3}))?(?:-[a-z0-9]{1,8})*$/;

// readTag returns what matching needs of a tag, or undefined for a tag
// of no language there is a catalog for (or none close).
function readTag(tag) {
  const m = tagPattern.exec((wordTags[tag] ?? tag).toLowerCase().replaceAll("_", "-"));
  const p = m && primaries.get(m[1]);
  if (!p) {
    return undefined;
  }
  const { language, exact, code } = p;
  const [, , script = "", region = ""] = m;
  if (script !== "" && script !== (language === "ja" ? "jpan" : "latn")) {
    return undefined; // a script the catalog is not written in
  }
  return { language, exact, code, region };
}

// preferences reads an Accept-Language value as the Go package does: the
// first 32 entries, an entry that cannot be read (or whose weight is not
// one, or 0) skipped, the rest in order of weight, equal weights in their
// order. No regular expression: the time is linear in the value.
function preferences(value) {
  const entries = [];
  for (const entry of value.split(",", 32)) {
    const at = entry.indexOf(";");
    const tag = ows(at < 0 ? entry : entry.slice(0, at));
    let q = 1000;
    if (at >= 0) {
      q = qvalue(ows(entry.slice(at + 1)));
      if (q <= 0) {
        continue; // not a weight, or 0: not acceptable
      }
    }
    if (tag !== "") {
      entries.push({ tag, q });
    }
  }
  return entries.sort((a, b) => b.q - a.q).map((e) => e.tag);
}

// ows trims HTTP's optional white space (spaces and tabs).
function ows(s) {
  let i = 0;
  let j = s.length;
  while (i < j && (s[i] === " " || s[i] === "\t")) i++;
  while (j > i && (s[j - 1] === " " || s[j - 1] === "\t")) j--;
  return s.slice(i, j);
}

// qvalue returns the weight w gives in thousandths, or -1 when w is not
// a weight: "q=" (in either case) and a qvalue of RFC 9110 §12.4.2, 0 to
// 1 with at most three decimals. A self-contained function: the Go
// package's qvalue reads the same grammar.
function qvalue(w) {
  if (w.length < 3 || w.length > 7 || (w[0] !== "q" && w[0] !== "Q") || w[1] !== "=" || (w[2] !== "0" && w[2] !== "1")) {
    return -1;
  }
  let q = w[2] === "1" ? 1000 : 0;
  if (w.length === 3) {
    return q;
  }
  if (w[3] !== ".") {
    return -1;
  }
  for (let i = 4, scale = 100; i < w.length; i++, scale /= 10) {
    const d = w.charCodeAt(i) - 48;
    if (d < 0 || d > 9) {
      return -1;
    }
    q += d * scale;
  }
  return q > 1000 ? -1 : q;
}

/**
 * Returns the language of languages that best matches a language tag
 * ("de-CH" → "de", "pt" → "pt-BR"), an Accept-Language value
 * ("fr-CA,fr;q=0.9"), or a list of tags in order of preference
 * (navigator.languages), as the Go package's messages.For does; English
 * when none is close.
 */
export function matchLanguage(preferred) {
  let tags;
  if (typeof preferred === "string") {
    tags = preferences(preferred);
  } else if (Array.isArray(preferred) && preferred.every((t) => typeof t === "string")) {
    tags = preferred.slice(0, 32).map((t) => t.trim());
  } else {
    throw new TypeError("lang must be a language tag, an Accept-Language value or an array of language tags");
  }
  // Go's matcher: an exact match ends the search; a close one of the
  // first language is kept unless the list names that language again
  // later ("de-CH, fr, de" prefers French over Swiss German); otherwise
  // the closer of two close matches wins, by the tie-breakers below.
  let best;
  let pinned = false;
  for (let i = 0; i < tags.length; i++) {
    const t = readTag(tags[i]);
    if (!t || (pinned && t.language !== best.language)) {
      continue;
    }
    if (t.exact) {
      pinned = !tags.slice(i + 1).some((later) => readTag(later)?.code === t.code);
    }
    const m = {
      language: t.language,
      conf: t.exact && (t.region === "" || t.region === home[t.language] || (t.language === "pt-BR" && t.region === "419")) ? 3 : 2,
      own: t.exact,
      distance: t.exact ? regionalDistance(t.language, t.region) : 4,
      paradigm: t.exact && ["en", "es", "pt-BR"].includes(t.language),
    };
    if (!best || m.conf > best.conf || (m.conf === best.conf && beats(m, best))) {
      best = m;
    }
    if (best.conf === 3) {
      break;
    }
  }
  return best?.language ?? "en";
}

// beats breaks a tie of two close matches as Go's matcher does: the
// language itself over a near one, then the region nearer its language's
// home, then a language with a regional standard (English, Spanish,
// Portuguese); else the earlier stays.
function beats(m, best) {
  if (m.own !== best.own) {
    return m.own;
  }
  if (m.distance !== best.distance) {
    return m.distance < best.distance;
  }
  return m.paradigm && !best.paradigm;
}

// The numbers texts hold: the placeholder, and its value under a
// policy's limits (the Go package's placeholders).
const placeholders = {
  base: { max_bytes: ["{max}", (l) => l.maxBodyBytes], max_details: ["{count}", (l) => l.maxDetails - 1] },
  first_name: { max_length: ["{max}", (l) => l.maxNameLength] },
  last_name: { max_length: ["{max}", (l) => l.maxNameLength] },
  tags: { max_items: ["{max}", (l) => l.maxTags] },
  "tags[i]": { tag: ["{max}", (l) => l.maxTagLength] },
};

const limitDefaults = { maxNameLength: 255, maxTagLength: 255, maxTags: 100, maxBodyBytes: 1048576, maxDetails: 100 };

const policyOptions = [
  "smsRegions",
  "allowUnknownFields",
  "acceptLegacyConsent",
  "smsNeedsMobile",
  "possiblePhoneOnly",
  "maxNameLength",
  "maxTagLength",
  "maxTags",
  "maxBodyBytes",
  "maxDetails",
];

// limits reads the numbers of a policy as the module does (an absent,
// null or zero limit is its default), refusing a limit that is not one and
// an option that does not exist with the module's messages. The other
// options are not read.
function limits(policy) {
  if (policy == null || policy === "") {
    return limitDefaults;
  }
  if (typeof policy !== "string" && typeof policy !== "object") {
    throw new TypeError("policy must be an object or JSON text");
  }
  let p;
  try {
    // As the module reads it: the JSON text that JSON.stringify writes.
    p = JSON.parse(typeof policy === "string" ? policy : stringify(policy, "policy must be an object or JSON text"));
  } catch (err) {
    if (err instanceof TypeError) {
      throw err;
    }
    throw new ContactRulesError("policy is not valid JSON", "invalid_policy");
  }
  if (p === null) {
    return limitDefaults;
  }
  if (typeof p !== "object" || Array.isArray(p)) {
    throw new ContactRulesError("policy must be an object", "invalid_policy");
  }
  const l = { ...limitDefaults };
  for (const [name, v] of Object.entries(p)) {
    if (!policyOptions.includes(name)) {
      throw new ContactRulesError(`policy has an option that does not exist; the options are ${policyOptions.join(", ")}`, "invalid_policy");
    }
    if (!(name in limitDefaults) || v === null) {
      continue;
    }
    const refuse = (what) => new ContactRulesError(`policy.${name} ${what}`, "invalid_policy");
    if (typeof v !== "number" || !Number.isInteger(v) || Math.abs(v) >= 1e21) {
      throw refuse("must be an integer");
    }
    if (Math.abs(v) > 2147483647) {
      throw refuse("must be at most 2147483647");
    }
    if (v < 0) {
      throw refuse("must not be negative");
    }
    if (v > 0) {
      l[name] = v;
    }
  }
  return l;
}

// family maps a detail's field to the family the catalogs name it by.
function family(field) {
  if (field.startsWith("tags[") && /^tags\[[0-9]+\]$/.test(field)) {
    return "tags[i]";
  }
  if (field.startsWith("custom_fields.")) {
    return "custom_fields.<key>";
  }
  return field;
}

const catalogShape = "a catalog is an object of field families, each an object of rule names and texts";

/**
 * Makes a catalog of texts: an object of field families, each an object
 * of rule names and texts, as in the files messages/<language>.json (which
 * a bundler can import as JSON), or a copy of one with texts of your own.
 */
export function makeCatalog(texts, language) {
  if (texts === null || typeof texts !== "object" || Array.isArray(texts)) {
    throw new TypeError(catalogShape);
  }
  if (typeof language !== "string") {
    throw new TypeError("language must be a string");
  }
  const byFamily = new Map();
  for (const [fam, rules] of Object.entries(texts)) {
    if (rules === null || typeof rules !== "object" || Array.isArray(rules)) {
      throw new TypeError(catalogShape);
    }
    const byRule = new Map();
    for (const [rule, text] of Object.entries(rules)) {
      if (typeof text !== "string") {
        throw new TypeError(catalogShape);
      }
      byRule.set(rule, text);
    }
    byFamily.set(fam, byRule);
  }

  // textOf is the Go package's (*Catalog).Text: the text of the detail's
  // rule, found by its field's family and else as "<member>"'s, with the
  // policy's number in it; a detail the catalog has no text for keeps its
  // message.
  function textOf(d, l) {
    if (d === null || typeof d !== "object") {
      throw new TypeError("details must be FieldError objects (field, message, rule)");
    }
    const rule = typeof d.rule === "string" ? d.rule : "";
    let fam = family(typeof d.field === "string" ? d.field : "");
    let t = byFamily.get(fam)?.get(rule);
    if (t === undefined) {
      fam = "<member>";
      t = byFamily.get(fam)?.get(rule);
      if (t === undefined) {
        return typeof d.message === "string" ? d.message : "";
      }
    }
    const ph = Object.hasOwn(placeholders, fam) && Object.hasOwn(placeholders[fam], rule) ? placeholders[fam][rule] : undefined;
    return ph ? t.replaceAll(ph[0], String(ph[1](l))) : t;
  }

  const textsOf = (details, l) => {
    if (!Array.isArray(details)) {
      throw new TypeError("details must be an array of FieldError objects");
    }
    return details.map((d) => textOf(d, l));
  };
  const catalog = Object.freeze({
    language,
    text: (detail, policy) => textOf(detail, limits(policy)),
    texts: (details, policy) => textsOf(details, limits(policy)),
  });
  withLimits.set(catalog, textsOf);
  return catalog;
}

// withLimits holds each catalog's texts function for limits already read.
const withLimits = new WeakMap();

const catalogs = new Map();

/**
 * Loads the catalog of the language that best matches lang (see
 * matchLanguage): messages/<language>.json beside this module, read in
 * Node.js and fetched elsewhere, once per language.
 */
export function loadCatalog(lang) {
  const language = matchLanguage(lang);
  let catalog = catalogs.get(language);
  if (!catalog) {
    catalog = readCatalog(language).then((texts) => makeCatalog(texts, language));
    catalogs.set(language, catalog);
    catalog.catch(() => catalogs.get(language) === catalog && catalogs.delete(language)); // the next call tries again
  }
  return catalog;
}

async function readCatalog(language) {
  const url = new URL(`./messages/${language}.json`, import.meta.url);
  const failed = (what, cause) =>
    cause instanceof ContactRulesError ? cause : new ContactRulesError(`the ${language} messages could not be ${what}`, "load_failed", { cause });
  let text;
  if (url.protocol === "file:") {
    try {
      const fs = "node:fs/promises"; // not written out, as in instantiate
      const { readFile } = await import(/* webpackIgnore: true */ /* @vite-ignore */ fs);
      text = await readFile(url, "utf8");
    } catch (cause) {
      throw failed("read", cause);
    }
  } else {
    try {
      const response = await fetch(url);
      if (!response.ok) {
        throw new ContactRulesError(`the ${language} messages could not be fetched: HTTP ${response.status}`, "load_failed");
      }
      text = await response.text();
    } catch (cause) {
      throw failed("fetched", cause);
    }
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw failed("parsed", cause);
  }
}

/**
 * Returns the display texts of details in the language that best matches
 * lang (a tag, an Accept-Language value or navigator.languages), with the
 * numbers of the policy in force: what the Go package messages gives.
 * The details are found by their rule (field family and rule name), never
 * by the English text; a detail the catalogs do not know keeps its
 * message. English is the wire message.
 */
export async function localize(details, lang, policy) {
  if (!Array.isArray(details)) {
    throw new TypeError("details must be an array of FieldError objects");
  }
  const l = limits(policy); // a wrong policy throws before anything loads
  return withLimits.get(await loadCatalog(lang))(details, l);
}
