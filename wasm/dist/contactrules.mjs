// contactrules in the browser and in Node.js: the Go rules compiled to
// WebAssembly (contactrules.wasm, built by wasm/build.sh with Go's
// wasm_exec.js beside it), behind a small ES module. Types: contactrules.d.ts.
//
// Every answer is the JSON text the Go code wrote, parsed: the same bytes
// the contactcheck program prints for the same payload, minus its "line"
// member. The `raw` functions return that text unparsed.

const isNode = typeof process === "object" && typeof process.versions?.node === "string";

/**
 * Loads and starts the rules. Without an argument the module fetches (or, in
 * Node.js, reads) contactrules.wasm beside itself; otherwise pass a URL, a
 * path (Node.js), the bytes, or a compiled WebAssembly.Module.
 */
export async function load(wasmUrlOrBytes) {
  if (typeof globalThis.Go !== "function") {
    await import("./wasm_exec.js"); // defines globalThis.Go
  }
  const go = new globalThis.Go();
  const instance = await instantiate(wasmUrlOrBytes, go.importObject);

  // The program hands its API to a one-shot callback whose name it gets
  // in its environment; the callback removes itself, so nothing of ours
  // stays global.
  const key = `__contactrules_${Math.random().toString(36).slice(2)}`;
  let api;
  globalThis[key] = (a) => {
    api = a;
  };
  go.env = { CONTACTRULES_LOADER: key };
  let running;
  try {
    running = go.run(instance); // runs main until it waits for calls
  } finally {
    delete globalThis[key];
  }
  if (!api) {
    await running; // rejects with the reason, if there is one
    throw new Error("contactrules: the WebAssembly program exited before it started");
  }
  return wrap(api);
}

async function instantiate(source, imports) {
  if (source instanceof WebAssembly.Module) {
    return WebAssembly.instantiate(source, imports);
  }
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
    return (await WebAssembly.instantiate(source, imports)).instance;
  }
  const url = await toURL(source ?? new URL("./contactrules.wasm", import.meta.url));
  if (url.protocol === "file:") {
    const { readFile } = await import("node:fs/promises");
    return (await WebAssembly.instantiate(await readFile(url), imports)).instance;
  }
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`contactrules: fetching ${url}: HTTP ${response.status}`);
  }
  // Streaming compilation needs the application/wasm type, which not
  // every static server sends.
  if (WebAssembly.instantiateStreaming && /^application\/wasm\b/.test(response.headers.get("content-type") ?? "")) {
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
    throw new TypeError("contactrules: load takes a URL, a path, bytes or a WebAssembly.Module");
  }
  if (isNode && !/^(file|https?|data|blob):/i.test(source)) {
    const { pathToFileURL } = await import("node:url");
    return pathToFileURL(source);
  }
  return new URL(source, globalThis.document?.baseURI ?? globalThis.location?.href);
}

function wrap(api) {
  const call = (fn, ...args) => {
    const r = fn(...args);
    if (typeof r !== "string") {
      throw r;
    }
    return r;
  };
  const raw = Object.freeze({
    validateCreate: (payload, policy) => call(api.validateCreate, body(payload, "payload"), policyText(policy)),
    validateUpdate: (current, patch, policy) =>
      call(api.validateUpdate, body(current, "current"), body(patch, "patch"), policyText(policy)),
    normalizePhone: (input, defaultRegion = "") => call(api.normalizePhone, input, defaultRegion),
  });
  return Object.freeze({
    validateCreate: (payload, policy) => JSON.parse(raw.validateCreate(payload, policy)),
    validateUpdate: (current, patch, policy) => JSON.parse(raw.validateUpdate(current, patch, policy)),
    normalizePhone: (input, defaultRegion) => JSON.parse(raw.normalizePhone(input, defaultRegion)),
    raw,
  });
}

// body passes JSON text (a string, or bytes as they are) through and
// writes anything else as JSON.
function body(v, name) {
  if (typeof v === "string" || v instanceof Uint8Array) {
    return v;
  }
  if (v instanceof ArrayBuffer) {
    return new Uint8Array(v);
  }
  const text = JSON.stringify(v);
  if (text === undefined) {
    throw new TypeError(`contactrules: ${name} must be JSON text, bytes or a JSON value`);
  }
  return text;
}

function policyText(policy) {
  return policy == null || typeof policy === "string" ? policy : JSON.stringify(policy);
}
