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
  if (typeof globalThis.Go !== "function") {
    await import("./wasm_exec.js"); // defines globalThis.Go
  }
  const go = new globalThis.Go();
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

const isNode = typeof process === "object" && typeof process.versions?.node === "string";

async function instantiate(source, imports) {
  if (source instanceof WebAssembly.Module) {
    return WebAssembly.instantiate(source, imports);
  }
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
    return (await WebAssembly.instantiate(source, imports)).instance;
  }
  if (typeof source?.then === "function") {
    source = await source; // a promise of a Response, as fetch gives
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
    return (await WebAssembly.instantiate(await readFile(url), imports)).instance;
  }
  return fromResponse(await fetch(url), imports);
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
    return (await WebAssembly.instantiateStreaming(response, imports)).instance;
  }
  return (await WebAssembly.instantiate(await response.arrayBuffer(), imports)).instance;
}

// toURL reads a relative string as the page does in a browser, and as a
// file path in Node.js.
async function toURL(source) {
  if (source instanceof URL) {
    return source;
  }
  if (typeof source !== "string") {
    throw new TypeError("load takes a URL, a Response, bytes or a WebAssembly.Module");
  }
  if (isNode && !/^[a-z][a-z0-9+.-]*:/i.test(source)) {
    const { pathToFileURL } = await import("node:url");
    return pathToFileURL(source);
  }
  return new URL(source, globalThis.document?.baseURI ?? globalThis.location?.href);
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
  let inputEnd = 0;

  // Memory grows during calls; views of the old buffer are empty then.
  function views() {
    if (bytes.buffer !== memory.buffer) {
      bytes = new Uint8Array(memory.buffer);
      words = new Uint32Array(memory.buffer);
    }
  }

  // reserve makes the input buffer hold n bytes and returns where it starts.
  function reserve(n) {
    if (n > inputEnd - inputAt) {
      const size = Math.max(n, 2 * (inputEnd - inputAt), 4096);
      inputAt = x.contactrules_input(size);
      inputEnd = inputAt + size;
    }
    views();
    return inputAt;
  }

  // put writes an argument at `at` and returns its length in bytes.
  function put(v, at) {
    if (typeof v === "string") {
      return encoder.encodeInto(v, bytes.subarray(at, inputEnd)).written;
    }
    bytes.set(v, at);
    return v.length;
  }

  // size is the most bytes put may write for v (UTF-8 takes at most three
  // bytes per UTF-16 code unit).
  const size = (v) => (typeof v === "string" ? 3 * v.length : v.length);

  function result(status) {
    views();
    const at = words[header];
    const text = decoder.decode(bytes.subarray(at, at + words[header + 1]));
    if (status !== 0) {
      throw (thrown[status] ?? thrown[4])(text);
    }
    return text;
  }

  const raw = Object.freeze({
    validateCreate(payload, policy) {
      const p = policyText(policy);
      const b = body(payload, "payload");
      let at = reserve(size(p) + size(b));
      const pn = put(p, at);
      const bn = put(b, (at += pn));
      return result(x.contactrules_create(pn, bn));
    },
    validateUpdate(current, patch, policy) {
      const p = policyText(policy);
      const c = body(current, "current");
      const b = body(patch, "patch");
      let at = reserve(size(p) + size(c) + size(b));
      const pn = put(p, at);
      const cn = put(c, (at += pn));
      const bn = put(b, (at += cn));
      return result(x.contactrules_update(pn, cn, bn));
    },
    normalizePhone(input, defaultRegion = "") {
      if (typeof input !== "string") {
        throw new TypeError("input must be a string");
      }
      if (typeof defaultRegion !== "string") {
        throw new TypeError("defaultRegion must be a string");
      }
      let at = reserve(size(input) + size(defaultRegion));
      const n = put(input, at);
      const r = put(defaultRegion, (at += n));
      return result(x.contactrules_normalize(n, r));
    },
  });
  return Object.freeze({
    validateCreate: (payload, policy) => JSON.parse(raw.validateCreate(payload, policy)),
    validateUpdate: (current, patch, policy) => JSON.parse(raw.validateUpdate(current, patch, policy)),
    normalizePhone: (input, defaultRegion) => JSON.parse(raw.normalizePhone(input, defaultRegion)),
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
  const text = typeof v === "function" ? undefined : JSON.stringify(v);
  if (text === undefined) {
    throw new TypeError(`${name} must be JSON text, bytes or a JSON value`);
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
    return JSON.stringify(policy);
  }
  throw new TypeError("policy must be an object or JSON text");
}
