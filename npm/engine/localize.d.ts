// Types of contactrules/localize: the WebAssembly entry's messages.
export { localize, matchLanguage, makeCatalog, loadCatalog, languages } from "../wasm/contactrules.js";
export type { Language, Catalog, CatalogTexts, Detail } from "../wasm/contactrules.js";
