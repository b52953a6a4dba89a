// Search end to end in headless Chromium: type a query, apply a
// contributing-factor filter, and check the results and the counts.
// Usage: node search.test.mjs SITE_DIR  (a site built from the example archive)
import { chromium } from "playwright-core";
import { serveDir, launch } from "./lib.mjs";

const site = process.argv[2] || "site";
const { base, close } = await serveDir(site);
const failures = [];
const check = (ok, what) => { console.log(`${ok ? "ok" : "FAILED"} - ${what}`); if (!ok) failures.push(what); };

// The page marks itself `data-state="done"` once the results for a query
// (and the current filters) are shown.
async function settled(page, query) {
  await page.waitForSelector(`#search[data-state="done"][data-query="${query}"]`, { timeout: 15000 });
  return page.$$eval(".search-result", (els) => els.map((e) => `${e.querySelector(".id")?.textContent} ${e.querySelector(".incident-link")?.textContent}`.trim()));
}

const browser = await launch(chromium);
try {
  // 0. On a site whose index is in bundles (newest incidents first), a
  // query searches older bundles only while a page of results is not
  // full, and when more results are asked for.
  const probe = await browser.newPage();
  await probe.goto(`${base}/search/`);
  const bundles = ((await probe.getAttribute("#search", "data-bundles")) || "").split(" ").filter(Boolean);
  const total = ((await probe.getAttribute("#search", "data-sizes")) || "").split(" ").filter(Boolean).map(Number).reduce((a, b) => a + b, 0);
  await probe.close();
  if (bundles.length >= 4) {
    const p = await browser.newPage();
    const got = [];
    p.on("request", (r) => got.push(new URL(r.url()).pathname));
    await p.goto(`${base}/search/?q=the`);
    const first = await settled(p, "the");
    const oldest = `/${bundles[bundles.length - 1]}`;
    check(first.length === 10, `a common word fills the first page (${first.length})`);
    check(!got.some((u) => u.startsWith(oldest)), `the oldest bundle (${oldest}) is not fetched while newer ones fill the page`);
    const partial = (await p.textContent("#search-status")).trim();
    check(new RegExp(`^\\d+ incidents for “the” among the \\d+ newest of ${total}$`).test(partial), `the status says how much was searched: "${partial}"`);
    check((await p.textContent("#more-results")).trim() === "More results", "more results are offered");
    // Asking for more until there is no more reaches the oldest bundle.
    while (await p.isVisible("#more-results")) {
      const before = await p.locator(".search-result").count();
      await p.click("#more-results");
      await p.waitForFunction((n) => document.querySelectorAll(".search-result").length > n || document.getElementById("more-results").hidden, before);
    }
    const done = (await p.textContent("#search-status")).trim();
    const rows = await p.locator(".search-result").count();
    check(done === `${rows} incidents for “the”`, `every bundle searched: "${done}", ${rows} rows`);
    check(got.some((u) => u.startsWith(oldest)), "the oldest bundle is fetched once asked for");
    const ids = await p.$$eval(".search-result .id", (els) => els.map((e) => e.textContent));
    check(new Set(ids).size === ids.length, "no incident is listed twice");
    await p.close();
  }

  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const fetched = [];
  page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto(`${base}/search/`);
  await page.waitForSelector("#search[data-state=done]", { timeout: 15000 });

  // 1. A query finds the certificate incidents.
  await page.fill("#search-input", "certificate");
  const titles = await settled(page, "certificate");
  check(titles.length >= 2, `query "certificate" returns results (${titles.length}: ${titles.join(" | ")})`);
  check(titles.some((t) => t.includes("PM-2023-004")), "the mTLS certificate expiry incident is found");
  check(titles.some((t) => t.includes("PM-2025-002")), "the SAML certificate rotation incident is found");

  // 2. Results are the site's incident rows: severity badge, status badge, date.
  const row = page.locator(".search-result").first();
  const badge = await row.locator(".badge").evaluate((e) => ({ cls: e.className, bg: getComputedStyle(e).backgroundColor, text: e.textContent }));
  check(/sev-\d/.test(badge.cls) && badge.bg !== "rgba(0, 0, 0, 0)", `severity badge styled (${badge.cls}, ${badge.bg}, ${badge.text})`);
  check(await row.locator(".status").count() === 1, "status badge shown");
  check(await row.locator("time").count() === 1, "date shown");
  const excerpt = await row.locator(".excerpt").textContent();
  check(!/[*`#]|\]\(/.test(excerpt), `excerpt is clean text: "${excerpt.trim().slice(0, 120)}"`);
  check(await page.locator(".pagefind-ui").count() === 0, "no stock Pagefind UI");

  // 2b. A word found only in a title (the record's metadata) finds it.
  await page.fill("#search-input", "incompatible");
  const byTitle = await settled(page, "incompatible");
  check(byTitle.some((t) => t.includes("PM-2026-017")), `a title-only word finds its incident (${byTitle.join(" | ")})`);
  // Its excerpt is from the text, not the title the row already shows.
  const hit = page.locator(".search-result", { hasText: "PM-2026-017" }).first();
  const hitTitle = (await hit.locator(".incident-link").textContent()).trim();
  const hitExcerpt = (await hit.locator(".excerpt").textContent()).trim();
  check(!hitExcerpt.includes(hitTitle.slice(0, 30)), `the excerpt does not repeat the title: "${hitExcerpt.slice(0, 100)}"`);
  await page.fill("#search-input", "certificate");
  await settled(page, "certificate");

  // A first search fetches only what the query needs: no filter index
  // (the filters are closed) and no web worker script.
  const filterFiles = fetched.filter((u) => u.includes("/filter/"));
  check(filterFiles.length === 0, `the first search fetches no filter files (${filterFiles.join(", ")})`);
  check(!fetched.some((u) => u.endsWith("pagefind-worker.js")), "the first search fetches no worker script");

  // 3. Opening the filters shows the facets with counts; zero-count values
  // are hidden; a filter narrows a broad query; "Clear filters" undoes it.
  await page.fill("#search-input", "customers");
  const broad = (await settled(page, "customers")).length;
  check(broad > 2, `query "customers" returns more than 2 results (${broad})`);
  check(await page.locator(".facet-value").count() === 0, "the filters start closed, with no facets loaded");
  await page.click("#search-filters summary");
  await page.locator(".facet-value").first().waitFor({ timeout: 15000 });
  await settled(page, "customers");
  const option = page.locator(".facet-value", { hasText: "certificate-expiry" }).first();
  const label = (await option.textContent()).replace(/\s+/g, " ").trim();
  check(/certificate-expiry\s*2$/.test(label), `filter value shows a count: "${label}"`);
  const zero = await page.$$eval(".facet-value:not(.facet-hidden) .facet-n", (els) => els.filter((e) => e.textContent.trim() === "0").length);
  check(zero === 0, `no zero-count values shown (${zero})`);
  await option.locator("label").click();
  await page.waitForSelector("#clear-filters:not([hidden])");
  const filtered = await settled(page, "customers");
  check(filtered.length === 2, `certificate-expiry filter leaves 2 results (${filtered.length}: ${filtered.join(" | ")})`);
  check(filtered.every((t) => t.includes("PM-2023-004") || t.includes("PM-2025-002")), "only the certificate-expiry incidents remain");
  const message = await page.textContent("#search-status");
  check(/^2 incidents/.test(message || ""), `result count message: "${(message || "").trim()}"`);
  check(page.url().includes("factor=certificate-expiry"), `filters are in the URL (${page.url()})`);

  if (process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT, fullPage: false });

  // A link with filters opens the search with them applied and shown.
  const linked = await browser.newPage();
  await linked.goto(page.url());
  const again = await settled(linked, "customers");
  check(again.length === 2, `a filtered link shows its 2 results (${again.length})`);
  check(await linked.evaluate(() => document.getElementById("search-filters").open), "a filtered link opens the filters");
  await linked.close();

  await page.click("#clear-filters");
  const cleared = await settled(page, "customers");
  check(cleared.length === broad, `Clear filters restores the ${broad} results (${cleared.length})`);

  // 4. A result links to its incident page, which opens.
  const href = await page.getAttribute(".search-result .incident-link", "href");
  const res = await page.goto(new URL(href, page.url()).toString());
  check(res.status() === 200, `result link ${href} opens`);
  check(errors.length === 0, `no script errors (${errors.join("; ")})`);
} finally {
  await browser.close();
  close();
}
console.log(failures.length === 0 ? "all browser checks passed" : `${failures.length} browser check(s) failed`);
process.exit(failures.length === 0 ? 0 : 1);
