// Drives wasm/demo/index.html in headless Chromium for TestBrowserDemo
// (wasm_test.go), which serves the page and checks what this prints.
//
//   node browser.mjs PAGE_URL SCENARIOS_JSON SCREENSHOT_DIR USER_DATA_DIR
//
// For each scenario it loads the page afresh, fills the form, submits it,
// takes a screenshot (demo-NAME.png) and reads off the page what it shows.
// It prints {"observations":[…],"problems":[…]}; problems are page errors,
// console errors and failed requests.
import { chromium } from "playwright-core";
import { readFile } from "node:fs/promises";
import { join } from "node:path";

const [url, scenariosFile, outDir, userDataDir] = process.argv.slice(2);
if (!userDataDir) {
  console.error("usage: node browser.mjs PAGE_URL SCENARIOS_JSON SCREENSHOT_DIR USER_DATA_DIR (run by go test ./wasm/...)");
  process.exit(2);
}
const scenarios = JSON.parse(await readFile(scenariosFile, "utf8"));

// Debian's chromium, never a downloaded one; no network but the test server.
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CONTACTRULES_CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
    "--disable-sync",
  ],
  viewport: { width: 720, height: 1000 },
});

const problems = [];
const observations = [];
try {
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("console", (msg) => msg.type() === "error" && problems.push(`console error: ${msg.text()}`));
  page.on("requestfailed", (req) => problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`));

  for (const { name, fill } of scenarios) {
    await page.goto(url);
    await page.waitForSelector("html[data-ready=true]", { timeout: 30_000 });
    for (const [field, value] of Object.entries(fill)) {
      const el = page.locator(`[name="${field}"]`);
      switch (await el.evaluate((e) => e.type)) {
        case "checkbox":
          await el.setChecked(value !== "false");
          break;
        case "select-one":
          await el.selectOption(value);
          break;
        default:
          await el.fill(value);
      }
    }
    await page.click("button[type=submit]");
    await page.waitForSelector('form[data-checked="1"]');
    observations.push({
      name,
      ...(await page.evaluate(() => ({
        payload: JSON.parse(document.getElementById("payload").textContent),
        details: [...document.querySelectorAll("#base-details li, .detail li")].map((li) => ({
          field: li.dataset.field,
          message: li.textContent,
          where: li.closest("#base-details") ? "top" : "field",
          visible: li.checkVisibility(),
        })),
        success: !document.getElementById("success").hidden,
        effects: [...document.querySelectorAll("#effects li")].map((li) => li.textContent),
        phoneHint: document.getElementById("phone-hint").textContent,
      }))),
    });
    await page.screenshot({ path: join(outDir, `demo-${name}.png`), fullPage: true });
  }
} finally {
  await context.close();
}
process.stdout.write(JSON.stringify({ observations, problems }));
