// The site as a new reader meets it, in headless Chromium: every part of a
// post-mortem once (on the example pages and on an imported page), the
// header search box from another page, and the incident page on a phone.
// Usage: node site.test.mjs SITE_DIR IMPORTED_SITE_DIR [SCREENSHOT_DIR]
import { chromium } from "playwright-core";
import { serveDir, launch } from "./lib.mjs";

const [site, imported, shots] = process.argv.slice(2);
const main = await serveDir(site);
const other = await serveDir(imported);
const failures = [];
const check = (ok, what) => { console.log(`${ok ? "ok" : "FAILED"} - ${what}`); if (!ok) failures.push(what); };

// Headings of the main column, and which structured parts it shows.
async function parts(page) {
  return page.evaluate(() => {
    const col = document.querySelector(".incident-main");
    const headings = [...col.querySelectorAll("h2, h3")].map((h) => h.textContent.replace(/\s+\d+ open of \d+$/, "").trim());
    const cards = [...col.querySelectorAll("[id^=pm-]")].map((e) => e.id);
    const rows = [...col.querySelectorAll(".tl-event .tl-text, .action-table td:first-child")].map((e) => e.textContent.trim());
    const tables = col.querySelectorAll(".markdown table").length;
    return { headings, cards, rows, tables, lead: !!document.querySelector(".incident-header .lead") };
  });
}

const dups = (list) => list.filter((x, i) => list.indexOf(x) !== i);

const browser = await launch(chromium);
try {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));

  // 1. Every part once, on every example page.
  await page.goto(`${main.base}/incidents/`);
  const links = await page.$$eval(".incident-link", (as) => as.map((a) => a.href));
  check(links.length >= 10, `the example archive lists its incidents (${links.length})`);
  for (const href of links) {
    await page.goto(href);
    const p = await parts(page);
    const d = dups(p.headings);
    check(d.length === 0 && dups(p.cards).length === 0, `${href}: no section twice (${d.join(", ") || "ok"})`);
    check(dups(p.rows).length === 0, `${href}: no timeline entry or action item twice (${dups(p.rows).slice(0, 2).join(" | ") || "ok"})`);
  }
  await page.goto(`${main.base}/incidents/pm-2024-003/`);
  const rc = await page.evaluate(() => [...document.querySelectorAll(".incident-main h2")].filter((h) => h.textContent.trim() === "Root cause").length);
  check(rc === 1, `the checkout-latency page has one "Root cause" (${rc})`);
  if (shots) await page.screenshot({ path: `${shots}/incident.png` });

  // 2. An imported page: the timeline and action items that were read from
  // the body are shown once, structured, in the body's place.
  await page.goto(`${other.base}/incidents/wiki-export/`);
  const w = await parts(page);
  check(dups(w.headings).length === 0, `imported page: no section twice (${w.headings.join(", ")})`);
  check(w.cards.includes("pm-timeline") && w.cards.includes("pm-actions"), `imported page: timeline and actions structured (${w.cards.join(", ")})`);
  check(dups(w.rows).length === 0 && w.rows.length === 5, `imported page: 4 entries and 1 action, once each (${w.rows.length})`);
  const bodyText = await page.textContent(".incident-main");
  check((bodyText.match(/Rolled back the pricing service/g) || []).length === 1, "imported page: a timeline entry appears once");
  check((bodyText.match(/returned errors for shoppers in India/g) || []).length === 1, `imported page: the summary appears once (lead: ${w.lead})`);

  // 3. The header search box, from another page: `/` focuses it, Enter
  // opens the search page with the query and its results.
  await page.goto(`${main.base}/incidents/pm-2024-003/`);
  await page.keyboard.press("/");
  const focused = await page.evaluate(() => document.activeElement?.id);
  check(focused === "site-search-q", `"/" focuses the header search box (${focused})`);
  await page.keyboard.type("certificate");
  await page.keyboard.press("Enter");
  await page.waitForSelector('#search[data-state="done"][data-query="certificate"]', { timeout: 15000 });
  const found = await page.$$eval(".search-result .id", (els) => els.map((e) => e.textContent));
  check(found.includes("PM-2023-004"), `the search page opens with the query's results (${found.join(", ")})`);
  check((await page.inputValue("#search-input")) === "certificate", "the query is in the search box");
  await page.click("#search-filters summary");
  await page.locator(".facet-value").first().waitFor({ timeout: 15000 });
  const facets = await page.$$eval(".facet-value", (els) => els.length);
  check(facets > 0, `the filters open with their values for a query opened from another page (${facets} values)`);
  if (shots) await page.screenshot({ path: `${shots}/search.png` });

  // Screenshots of the other pages, at desktop width.
  if (shots) {
    await page.goto(`${main.base}/`);
    await page.screenshot({ path: `${shots}/home.png` });
    await page.goto(`${main.base}/stats/`);
    await page.screenshot({ path: `${shots}/stats.png` });
  }

  // 4. A phone: the contents are near the top and open; the navigation is
  // one line; search filters start closed, below the box, above results.
  const phone = await browser.newPage({ viewport: { width: 400, height: 800 }, deviceScaleFactor: 1 });
  await phone.goto(`${main.base}/incidents/pm-2024-003/`);
  const toc = phone.locator("details.toc-mobile");
  const box = await toc.boundingBox();
  check(!!box && box.y + box.height < 600, `contents are near the top at 400 px (y = ${box && Math.round(box.y)})`);
  await toc.locator("summary").click();
  const entries = await toc.locator("li a").count();
  check(entries >= 5, `the contents open and list the sections (${entries})`);
  const nav = await phone.evaluate(() => {
    const n = document.querySelector(".site-header nav");
    const tops = new Set([...n.querySelectorAll("a")].map((a) => Math.round(a.getBoundingClientRect().top)));
    return { lines: tops.size, scrolls: n.scrollWidth > n.clientWidth };
  });
  check(nav.lines === 1, `the navigation is one line (${nav.lines} lines, scrolls sideways: ${nav.scrolls})`);
  const wide = await phone.evaluate(() => document.documentElement.scrollWidth);
  check(wide <= 400, `nothing is wider than the screen (${wide} px)`);
  if (shots) {
    await phone.evaluate(() => window.scrollTo(0, 0));
    await phone.screenshot({ path: `${shots}/mobile-incident.png` });
  }
  await phone.goto(`${main.base}/search/?q=customers`);
  await phone.waitForSelector('#search[data-state="done"][data-query="customers"]', { timeout: 15000 });
  const filtersOpen = await phone.evaluate(() => document.getElementById("search-filters").open);
  const first = await phone.locator(".search-result").first().boundingBox();
  check(!filtersOpen && !!first && first.y < 800, `phone search: filters closed, first result on the first screen (y = ${first && Math.round(first.y)})`);

  check(main.notFound.filter((p) => p !== "/favicon.ico").length === 0 && !main.notFound.includes("/favicon.ico"), `no 404s (${main.notFound.join(", ")})`);
  check(errors.length === 0, `no script errors (${errors.join("; ")})`);
} finally {
  await browser.close();
  main.close();
  other.close();
}
console.log(failures.length === 0 ? "all site browser checks passed" : `${failures.length} site browser check(s) failed`);
process.exit(failures.length === 0 ? 0 : 1);
