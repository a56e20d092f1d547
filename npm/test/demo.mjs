// Drives wasm/demo/index.html in headless Chromium for TestBrowserDemo
// (wasm/wasm_test.go), which serves the page and checks what this prints.
// It lives here for npm/test's devDependencies (playwright-core).
//
//   node demo.mjs PAGE_URL SCENARIOS_JSON SCREENSHOT_DIR USER_DATA_DIR
//
// For each scenario it opens the page afresh (in a browser whose
// navigator.languages are the scenario's, if it names them), fills the
// form, submits it, picks another language of the messages if the
// scenario says so, takes a screenshot (demo-NAME.png) and reads off the
// page what it shows.
// It prints {"observations":[…],"problems":[…]}; problems are page errors,
// console errors and failed requests.
import { chromium } from "playwright-core";
import { readFile } from "node:fs/promises";
import { join } from "node:path";

const [url, scenariosFile, outDir, userDataDir] = process.argv.slice(2);
if (!userDataDir) {
  console.error("usage: node demo.mjs PAGE_URL SCENARIOS_JSON SCREENSHOT_DIR USER_DATA_DIR (run by go test ./wasm/...)");
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
  locale: "en-US",
});

const problems = [];
const observations = [];
try {
  for (const { name, fill, type, languages, then, takeAdvice, takePhoneAdvice } of scenarios) {
    const page = await context.newPage();
    page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
    page.on("console", (msg) => msg.type() === "error" && problems.push(`console error: ${msg.text()}`));
    page.on("requestfailed", (req) => problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`));
    if (languages) {
      await page.addInitScript((tags) => {
        Object.defineProperty(Navigator.prototype, "languages", { get: () => Object.freeze([...tags]) });
        Object.defineProperty(Navigator.prototype, "language", { get: () => tags[0] });
      }, languages);
    }
    await page.goto(url);
    await page.waitForSelector("html[data-ready=true]", { timeout: 30_000 });
    const before = await page.evaluate(() => ({
      navigatorLanguages: [...navigator.languages],
      defaultLang: document.getElementById("lang").value,
    }));
    await fillIn(page, fill);
    for (const [field, keys] of Object.entries(type ?? {})) {
      await page.locator(`[name="${field}"]`).pressSequentially(keys);
    }
    await page.click("button[type=submit]");
    await page.waitForSelector('form[data-checked="1"]');
    if (then?.lang) {
      await fillIn(page, then);
      await page.waitForSelector(`form[data-shown-lang="${then.lang}"]`);
    }
    observations.push({
      name,
      ...before,
      ...(await page.evaluate(() => ({
        lang: document.getElementById("lang").value,
        payload: JSON.parse(document.getElementById("payload").textContent),
        details: [...document.querySelectorAll("#base-details li, .detail li")].map((li) => ({
          field: li.dataset.field,
          rule: li.dataset.rule,
          message: li.dataset.message,
          text: li.querySelector(".text").textContent,
          lang: li.lang,
          where: li.closest("#base-details") ? "top" : "field",
          visible: li.checkVisibility(),
        })),
        success: !document.getElementById("success").hidden,
        effects: [...document.querySelectorAll("#effects li")].map((li) => li.textContent),
        phoneHint: document.getElementById("phone-hint").textContent,
        advice: document.getElementById("email-advice").hidden ? "" : document.querySelector("#email-advice .text").textContent,
        phoneAdvice: document.getElementById("phone-advice").hidden ? "" : document.querySelector("#phone-advice .text").textContent,
        phoneField: document.getElementById("phone_number").value,
      }))),
    });
    if (takeAdvice) {
      // The advice's button takes the suggestion into the email field.
      await page.click("#email-advice button");
      observations.at(-1).emailAfter = await page.inputValue("[name=email]");
      observations.at(-1).adviceAfter = await page.evaluate(() => !document.getElementById("email-advice").hidden);
    }
    if (takePhoneAdvice) {
      // The phone advice's button picks the number's country.
      await page.click("#phone-advice button");
      observations.at(-1).countryAfter = await page.inputValue("[name=country]");
      observations.at(-1).adviceAfter = await page.evaluate(() => !document.getElementById("phone-advice").hidden);
    }
    await page.screenshot({ path: join(outDir, `demo-${name}.png`), fullPage: true });
    await page.close();
  }
} finally {
  await context.close();
}
process.stdout.write(JSON.stringify({ observations, problems }));

// fillIn sets the inputs named by fill's keys (outside the form too).
async function fillIn(page, fill) {
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
}
