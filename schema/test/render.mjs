// Opens the OpenAPI document in Swagger UI in headless Chromium, for
// TestOpenAPIRenders (openapi_test.go), which serves swagger.html, the
// swagger-ui-dist files and openapi.json:
//
//   node render.mjs PAGE_URL SCREENSHOT_PNG USER_DATA_DIR
//
// It prints {"operations":[{"method","path","responses":{"422":text,…}}],"problems":[…]}:
// what the page shows of each operation, and page errors, console
// errors, failed requests and requests to anything but the test server.
import { chromium } from "playwright-core";

const [url, screenshot, userDataDir] = process.argv.slice(2);
if (!userDataDir) {
  console.error("usage: node render.mjs PAGE_URL SCREENSHOT_PNG USER_DATA_DIR (run by go test ./schema)");
  process.exit(2);
}
// Debian's chromium, never a downloaded one.
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CONTACTRULES_CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
  viewport: { width: 1200, height: 1000 },
  locale: "en-US",
});
const problems = [];
let result;
try {
  const page = await context.newPage();
  const origin = new URL(url).origin;
  await page.route("**/*", (route) => {
    if (route.request().url().startsWith(origin)) return route.continue();
    problems.push(`request outside the test server: ${route.request().url()}`);
    return route.abort();
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("console", (msg) => msg.type() === "error" && problems.push(`console error: ${msg.text()}`));
  page.on("requestfailed", (req) => problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`));
  await page.goto(url);
  await page.waitForSelector("html[data-ready=true]", { timeout: 60_000 });
  await page.waitForSelector(".opblock .responses-table", { timeout: 60_000 });
  result = await page.evaluate(() => ({
    title: document.querySelector(".info .title")?.textContent ?? "",
    operations: [...document.querySelectorAll(".opblock")].map((op) => ({
      method: op.querySelector(".opblock-summary-method")?.textContent ?? "",
      path: op.querySelector(".opblock-summary-path")?.getAttribute("data-path") ?? "",
      responses: Object.fromEntries(
        [...op.querySelectorAll("tr.response")].map((tr) => [tr.getAttribute("data-code"), tr.textContent]),
      ),
    })),
  }));
  // The 422 of the create, in view, for the screenshot.
  await page.locator('.opblock-post tr.response[data-code="422"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshot });
} finally {
  await context.close();
}
console.log(JSON.stringify({ ...result, problems }));
