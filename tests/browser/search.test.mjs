// Search end to end in headless Chromium: type a query, apply a
// contributing-factor filter, and check the results and the counts.
// Usage: node search.test.mjs SITE_DIR  (a site built from the example archive)
import { chromium } from "playwright-core";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";

const site = path.resolve(process.argv[2] || "site");
const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".wasm": "application/wasm", ".svg": "image/svg+xml" };
const server = http.createServer((req, res) => {
  let p = decodeURIComponent(new URL(req.url, "http://x").pathname);
  let file = path.join(site, p);
  if (!file.startsWith(site)) { res.writeHead(403); return res.end(); }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
  fs.readFile(file, (err, data) => {
    if (err) { res.writeHead(404); return res.end("not found"); }
    res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" });
    res.end(data);
  });
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${server.address().port}`;

const failures = [];
// Results render as placeholders first; wait until every title is filled.
async function settled(page, predicate) {
  await page.waitForFunction((pred) => {
    const titles = [...document.querySelectorAll(".pagefind-ui__result-title")].map((e) => e.textContent.trim());
    return titles.length > 0 && titles.every((t) => t.replace(/[.\s]/g, "").length > 0) && new Function("n", `return ${pred}`)(titles.length);
  }, predicate, { timeout: 15000 });
  return page.$$eval(".pagefind-ui__result-title", (els) => els.map((e) => e.textContent.trim()));
}
const check = (ok, what) => { console.log(`${ok ? "ok" : "FAILED"} - ${what}`); if (!ok) failures.push(what); };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${base}/search/`);
  await page.waitForSelector(".pagefind-ui__search-input", { timeout: 15000 });

  // 1. A query finds the certificate incidents.
  await page.fill(".pagefind-ui__search-input", "certificate");
  const titles = await settled(page, "n >= 2");
  check(titles.length >= 2, `query "certificate" returns results (${titles.length}: ${titles.join(" | ")})`);
  check(titles.some((t) => t.includes("PM-2023-004")), "the mTLS certificate expiry incident is found");
  check(titles.some((t) => t.includes("PM-2025-002")), "the SAML certificate rotation incident is found");

  // 2. The factor filter lists counts, and narrowing to certificate-expiry keeps exactly those.
  // The search page opens the factor group (openFilters), so its values are visible.
  const option = page.locator(".pagefind-ui__filter-value", { hasText: "certificate-expiry" }).first();
  const label = (await option.textContent()).replace(/\s+/g, " ").trim();
  check(/certificate-expiry\s*\(?\s*2\s*\)?/.test(label), `filter value shows a count: "${label}"`);
  // A broader query first, so the filter visibly narrows it.
  await page.fill(".pagefind-ui__search-input", "customers");
  const broad = (await settled(page, "n > 2")).length;
  check(broad > 2, `query "customers" returns more than 2 results (${broad})`);
  await page.locator("label[for='factor-certificate-expiry']").click();
  const filtered = await settled(page, "n === 2").catch(() => []);
  check(filtered.length === 2, `certificate-expiry filter leaves 2 results (${filtered.length}: ${filtered.join(" | ")})`);
  check(filtered.every((t) => t.includes("PM-2023-004") || t.includes("PM-2025-002")), "only the certificate-expiry incidents remain");
  const message = await page.textContent(".pagefind-ui__message").catch(() => "");
  check(/2 result/.test(message || ""), `result count message: "${(message || "").trim()}"`);

  if (process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT, fullPage: true });

  // 3. A result links to its incident page, which opens.
  const href = await page.getAttribute(".pagefind-ui__result-link", "href");
  const res = await page.goto(new URL(href, base).toString());
  check(res.status() === 200, `result link ${href} opens`);
  check(errors.length === 0, `no script errors (${errors.join("; ")})`);
} finally {
  await browser.close();
  server.close();
}
console.log(failures.length === 0 ? "all browser checks passed" : `${failures.length} browser check(s) failed`);
process.exit(failures.length === 0 ? 0 : 1);
