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
  // acceptable one from its summary (bridge.go), without its text.
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
  // answer comes as its summary alone.
  function create(payload, policy, asText) {
    const p = policyText(policy);
    const b = body(payload, "payload");
    reserve(size(p) + size(b));
    const pn = p === "" ? 0 : put(p, 0);
    return x.contactrules_create(pn, put(b, pn), asText);
  }

  function update(current, patch, policy, asText) {
    const p = policyText(policy);
    const c = body(current, "current");
    const b = body(patch, "patch");
    reserve(size(p) + size(c) + size(b));
    const pn = p === "" ? 0 : put(p, 0);
    const cn = put(c, pn);
    return x.contactrules_update(pn, cn, put(b, pn + cn), asText);
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
    return x.contactrules_normalize(n, put(defaultRegion, n));
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
