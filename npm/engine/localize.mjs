// contactrules/localize: the details' texts in the reader's language.
// One copy of the Go package messages in JavaScript serves both entries:
// the WebAssembly entry's (wasm/contactrules.mjs, which needs no
// WebAssembly for it), with the catalogs it reads beside it.
export { localize, matchLanguage, makeCatalog, loadCatalog, languages } from "../wasm/contactrules.mjs";
