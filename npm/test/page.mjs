// The engine bundled into a page, in headless Chromium (npm/page_test.go
// runs it): esbuild bundles a page that imports the engine, Debian's
// Chromium runs it, and its answers must be the ones the engine gives in
// Node.js for the same bodies (which the differential test holds to the
// Go code's).
//
//   node test/page.mjs [CHROMIUM]
import assert from "node:assert/strict";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { fileURLToPath } from "node:url";
import * as engine from "../engine/index.mjs";

const bodies = [
  { email: "jane@example.com", phone_number: "+12015550123", sms_consent: "subscribed" },
  { email: "Jane <jane@example.com>", phone_number: "555-01", first_name: "J".repeat(256), nickname: "x", tags: ["", 1] },
  '{"email":"a@b.co","email":"x","custom_fields":{"k":"\\ud800"}}',
  `{"x":${"[".repeat(100000)}${"]".repeat(100000)}}`,
];
const typed = [["(201) 555-0123", "US"], ["07400 123456", "GB"], ["+33 6 12 34 56 78", ""]];

const entry = `
import { validateCreate, normalizePhone, formatPhone, phoneType, createSchema } from ${JSON.stringify(fileURLToPath(new URL("../engine/index.mjs", import.meta.url)))};
const bodies = ${JSON.stringify(bodies)};
const typed = ${JSON.stringify(typed)};
window.answers = {
  create: bodies.map((b) => validateCreate(b)),
  bytes: bodies.filter((b) => typeof b === "string").map((b) => validateCreate(new TextEncoder().encode(b))),
  phones: typed.map(([s, r]) => normalizePhone(s, r)),
  formats: typed.map(([s, r]) => formatPhone(normalizePhone(s, r).e164, "NATIONAL") + " " + phoneType(normalizePhone(s, r).e164)),
  schema: createSchema["~standard"].validate(bodies[1]),
};
document.documentElement.dataset.ready = "true";
`;
const result = await build({
  stdin: { contents: entry, resolveDir: fileURLToPath(new URL(".", import.meta.url)), loader: "js" },
  bundle: true,
  minify: true,
  format: "esm",
  platform: "browser",
  write: false,
  logLevel: "error",
});
const script = result.outputFiles[0].text;

const want = {
  create: bodies.map((b) => engine.validateCreate(b)),
  bytes: bodies.filter((b) => typeof b === "string").map((b) => engine.validateCreate(new TextEncoder().encode(b))),
  phones: typed.map(([s, r]) => engine.normalizePhone(s, r)),
  formats: typed.map(([s, r]) => engine.formatPhone(engine.normalizePhone(s, r).e164, "NATIONAL") + " " + engine.phoneType(engine.normalizePhone(s, r).e164)),
  schema: engine.createSchema["~standard"].validate(bodies[1]),
};

const browser = await chromium.launch({
  executablePath: process.argv[2] || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
});
const problems = [];
try {
  const page = await browser.newPage();
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  // The bundle inline, as a page's own module script.
  await page.setContent(`<!doctype html><html><head><script type="module">${script.replaceAll("</script", "<\\/script")}</script></head><body></body></html>`);
  await page.waitForSelector("html[data-ready=true]", { timeout: 30_000 });
  const got = await page.evaluate(() => window.answers);
  assert.deepEqual(problems, []);
  assert.deepEqual(got, want);
} finally {
  await browser.close();
}
console.log(`bundled page: ${script.length} bytes of script; ${bodies.length + 1} bodies, ${typed.length} typed numbers: the answers of Node.js in Chromium`);
