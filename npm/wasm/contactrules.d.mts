// Types for importers of contactrules.mjs: TypeScript looks for a .d.mts beside a .mjs.
export * from "./contactrules.js";
