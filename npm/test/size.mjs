// The weight of what a consumer ships: esbuild bundles of a page that
// imports one function, minified, then gzip -9 and brotli (quality 11),
// for the engine's validateCreate and for libphonenumber-js's
// isValidPhoneNumber, measured in the same run. Prints one JSON object:
// { name: { minified, gzip, brotli } }.
//
//   node test/size.mjs
import { build } from "esbuild";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { fileURLToPath } from "node:url";

const engine = fileURLToPath(new URL("../engine/index.mjs", import.meta.url));
const advice = fileURLToPath(new URL("../engine/advice.mjs", import.meta.url));
const asyoutype = fileURLToPath(new URL("../engine/asyoutype.mjs", import.meta.url));
const consumers = {
  "contactrules/advice advise": `import { advise } from ${JSON.stringify(advice)}; globalThis.advise = advise;`,
  "contactrules validateCreate + contactrules/advice advise": `import { validateCreate } from ${JSON.stringify(engine)}; import { advise } from ${JSON.stringify(advice)}; globalThis.check = validateCreate; globalThis.advise = advise;`,
  "contactrules validateCreate": `import { validateCreate } from ${JSON.stringify(engine)}; globalThis.check = validateCreate;`,
  "contactrules validateCreate + formatPhone": `import { validateCreate, formatPhone } from ${JSON.stringify(engine)}; globalThis.check = validateCreate; globalThis.format = formatPhone;`,
  "contactrules AsYouType": `import { AsYouType } from ${JSON.stringify(asyoutype)}; globalThis.AsYouType = AsYouType;`,
  "contactrules validateCreate + formatPhone + AsYouType": `import { validateCreate, formatPhone } from ${JSON.stringify(engine)}; import { AsYouType } from ${JSON.stringify(asyoutype)}; globalThis.check = validateCreate; globalThis.format = formatPhone; globalThis.AsYouType = AsYouType;`,
  "libphonenumber-js AsYouType (min metadata)": `import { AsYouType } from "libphonenumber-js/min"; globalThis.AsYouType = AsYouType;`,
  "libphonenumber-js isValidPhoneNumber (min metadata)": `import { isValidPhoneNumber } from "libphonenumber-js/min"; globalThis.check = isValidPhoneNumber;`,
  "libphonenumber-js isValidPhoneNumber (max metadata)": `import { isValidPhoneNumber } from "libphonenumber-js/max"; globalThis.check = isValidPhoneNumber;`,
  "libphonenumber-js isValidPhoneNumber + getType (max metadata)": `import { parsePhoneNumber } from "libphonenumber-js/max"; globalThis.check = (s) => { const n = parsePhoneNumber(s); return n.isValid() && n.getType(); };`,
};

const out = {};
for (const [name, contents] of Object.entries(consumers)) {
  const result = await build({
    stdin: { contents, resolveDir: fileURLToPath(new URL(".", import.meta.url)), loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "error",
  });
  const code = result.outputFiles[0].contents;
  out[name] = {
    minified: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}
console.log(JSON.stringify(out, null, 1));
