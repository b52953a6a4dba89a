// `pmbook serve` end to end in headless Chromium: an edit reloads the open
// page by itself, a broken file shows the error overlay over the last good
// page, fixing it clears the overlay, and search works on the served site.
// Usage: node serve.test.mjs URL ROOT
//   URL   what `pmbook -C ROOT serve` printed (http://127.0.0.1:PORT/)
//   ROOT  the archive it serves: a scratch copy of tests/fixtures/valid
//         (its files are edited)
import { chromium } from "playwright-core";
import fs from "node:fs";
import path from "node:path";

const [url, rootArg] = process.argv.slice(2);
if (!url || !rootArg) {
  console.error("usage: node serve.test.mjs URL ROOT");
  process.exit(2);
}
const base = url.endsWith("/") ? url : `${url}/`;
const root = path.resolve(rootArg);
const rel = "content/2025-02-11-queue-backlog.md";
const doc = path.join(root, rel);
const original = fs.readFileSync(doc, "utf8");
const ORIGINAL = "Order queue backlog after broker upgrade";
const EDITED = "Order queue backlog (edited live)";
// A word found nowhere else, to see the search index catch up.
const FIXED = "Order queue backlog (fixed, kestrel)";
const TIMEOUT = 15000;

const failures = [];
const check = (ok, what) => { console.log(`${ok ? "ok" : "FAILED"} - ${what}`); if (!ok) failures.push(what); };
// A step that the following ones need: a failure ends the test.
class Fatal extends Error {}
const must = (ok, what) => { check(ok, what); if (!ok) throw new Fatal(what); };

const pending = new Map();
function unanswered() {
  const now = performance.now();
  return [...pending].filter(([, t]) => now - t > 2000)
    .map(([r, t]) => `${r.method()} ${r.url()} (no response for ${((now - t) / 1000).toFixed(1)} s)`);
}

// Save the way an editor does: a temporary file beside it, then a rename.
function save(text) {
  const tmp = `${doc}.tmp~`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, doc);
}
const withTitle = (t) => original.replace(`title: ${ORIGINAL}`, `title: ${t}`);
const exact = (s) => new RegExp(`^\\s*${s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*$`);

// Wait for a locator, and fail with what the page shows instead.
async function waitFor(page, locator, state, what) {
  try {
    await locator.waitFor({ state, timeout: TIMEOUT });
  } catch (e) {
    const h1 = await page.locator("h1").first().textContent({ timeout: 1000 }).catch(() => "?");
    const overlay = await page.locator("#pmbook-error-overlay").textContent({ timeout: 500 }).catch(() => "(none)");
    const events = await page.evaluate(() => window.__pmbookEvents || []).catch(() => []);
    throw new Fatal(`timed out after ${TIMEOUT} ms waiting: ${what}\n  page: ${page.url()}\n  h1: ${JSON.stringify(h1)}\n  overlay: ${JSON.stringify(overlay)}\n  events on this page: ${JSON.stringify(events)}`);
  }
}

// The search page marks itself `data-state="done"` once the results for a
// query are shown.
async function searchFor(page, query) {
  await page.goto(`${base}search/?q=${encodeURIComponent(query)}`);
  await page.waitForSelector(`#search[data-state="done"][data-query="${query}"]`, { timeout: TIMEOUT });
  return page.$$eval(".search-result", (els) => els.map((el) => ({
    title: el.querySelector(".incident-link")?.textContent.trim() || "",
    href: el.querySelector(".incident-link")?.getAttribute("href") || "",
  })));
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage();
  page.setDefaultNavigationTimeout(TIMEOUT);
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  // Requests still waiting for an answer, to tell a stalled server apart
  // from a wrong page when something times out.
  page.on("request", (r) => pending.set(r, performance.now()));
  page.on("response", (r) => pending.delete(r.request()));
  page.on("requestfailed", (r) => pending.delete(r));
  // Watch the page's event stream (without changing it): whether it is
  // connected, and which events arrived since the page loaded.
  await page.addInitScript(() => {
    const Real = window.EventSource;
    window.__pmbookEvents = [];
    window.EventSource = function (...args) {
      const es = new Real(...args);
      es.addEventListener("open", () => { window.__pmbookOpen = true; });
      for (const name of ["status", "reload"]) es.addEventListener(name, (ev) => window.__pmbookEvents.push([name, ev.data]));
      return es;
    };
    window.EventSource.prototype = Real.prototype;
  });
  // The stream is open, and the status sent on connecting has arrived.
  const connected = (what) => page.waitForFunction(() => window.__pmbookOpen === true && window.__pmbookEvents.some(([n]) => n === "status"), null, { timeout: TIMEOUT, polling: 20 })
    .catch(() => { throw new Fatal(`the page never connected to /__pmbook/events (${what})`); });
  const h1 = page.locator("h1").first();
  const overlay = page.locator("#pmbook-error-overlay");

  // 1. The incident page, as served.
  const res = await page.goto(`${base}incidents/fx-001/`);
  must(res.status() === 200, `incidents/fx-001/ is served (${res.status()})`);
  must((await h1.textContent()).trim() === ORIGINAL, `the page shows the original title: "${(await h1.textContent()).trim()}"`);
  check((await page.title()).startsWith(ORIGINAL), `the document title starts with it: "${await page.title()}"`);
  check(await page.locator("script[src='/__pmbook/livereload.js']").count() === 1, "the reload script is injected");
  await connected("first load");
  check(await overlay.count() === 0, "no error overlay on a valid archive");

  // 2. An edit reloads the page by itself.
  await page.evaluate(() => { window.__pmbookMarker = "before the edit"; });
  let navigatedAt = 0;
  const onNav = (frame) => { if (frame === page.mainFrame() && !navigatedAt) navigatedAt = performance.now(); };
  page.on("framenavigated", onNav);
  let t0 = performance.now();
  save(withTitle(EDITED));
  await waitFor(page, page.locator("h1", { hasText: exact(EDITED) }), "visible", `the h1 becomes "${EDITED}" without a manual reload`);
  const reloadMs = performance.now() - t0;
  page.off("framenavigated", onNav);
  check(await page.evaluate(() => window.__pmbookMarker) === undefined, "the page was reloaded (not patched in place)");
  check((await page.title()).startsWith(EDITED), `the document title follows: "${await page.title()}"`);
  console.log(`live reload: edit saved -> reloaded page committed in ${navigatedAt ? (navigatedAt - t0).toFixed(0) : "?"} ms -> new title shown in ${reloadMs.toFixed(0)} ms`);
  check(reloadMs < 5000, `the new title appears within 5 s of the save (${reloadMs.toFixed(0)} ms)`);
  await connected("after the reload");

  // 3. A broken front matter: the overlay names file and line; the last
  // good page stays beneath it.
  const broken = withTitle(EDITED).replace("severity: SEV-2", "severity: [SEV-2");
  must(broken.includes("severity: [SEV-2"), "the fixture has `severity: SEV-2` to break");
  const brokenLine = broken.split("\n").findIndex((l) => l.startsWith("severity: [")) + 1;
  const fmEnd = broken.split("\n").indexOf("---", 1) + 1;
  t0 = performance.now();
  save(broken);
  await waitFor(page, overlay, "visible", "#pmbook-error-overlay appears");
  const overlayMs = performance.now() - t0;
  console.log(`error overlay: shown ${overlayMs.toFixed(0)} ms after the save`);
  const text = (await overlay.textContent()) || "";
  const where = (await page.locator("#pmbook-error-overlay .pmbook-error-location").allTextContents()).map((s) => s.trim());
  check(await overlay.getAttribute("role") === "alert", "the overlay is an alert");
  check(text.includes(`${rel}:`), `the overlay names ${rel}: ${JSON.stringify(where)}`);
  const m = where.map((w) => w.match(/^(.+?):(\d+)\s+\[([^\]]+)\]$/)).find((x) => x && x[1].endsWith(rel));
  check(!!m, `a location reads "${rel}:LINE  [code]" (${JSON.stringify(where)})`);
  if (m) {
    const line = Number(m[2]);
    console.log(`error overlay: ${m[0]} (the broken key is on line ${brokenLine}, the front matter ends on line ${fmEnd})`);
    check(line >= 1 && line <= fmEnd, `the line (${line}) is in the front matter (lines 1-${fmEnd})`);
  }
  check((await h1.textContent()).trim() === EDITED, `the page beneath keeps the last good title: "${(await h1.textContent()).trim()}"`);
  const served = await page.request.get(`${base}incidents/fx-001/`);
  check(served.status() === 200 && (await served.text()).includes(`<h1>${EDITED}</h1>`), "the server still serves the last good page");

  // 4. Fixing the file clears the overlay and shows the fix.
  t0 = performance.now();
  save(withTitle(FIXED));
  await waitFor(page, overlay, "detached", "the overlay goes away after the fix");
  await waitFor(page, page.locator("h1", { hasText: exact(FIXED) }), "visible", `the h1 becomes "${FIXED}"`);
  console.log(`fix: overlay gone and new title shown ${(performance.now() - t0).toFixed(0)} ms after the save`);
  await connected("after the fix");
  check(await overlay.count() === 0, "no overlay after the fix");

  // 5. Search under serve: a word of the fixture's text finds its page, and
  // the background render brings the index up to date with the edit.
  // Right after the fix, the background render may still be replacing the
  // index's files (new hashed names): a search started against the old
  // ones finds nothing; ask again until the index has settled.
  let results = [];
  for (const until = Date.now() + 20000; ; ) {
    results = await searchFor(page, "prefetch");
    if (results.length >= 1 || Date.now() > until) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  check(results.length >= 1, `query "prefetch" returns results (${results.map((r) => `${r.title} -> ${r.href}`).join(" | ")})`);
  const hit = results.find((r) => /\/incidents\/fx-001\//.test(r.href));
  check(!!hit, "a result links to the incident page /incidents/fx-001/");
  if (hit) {
    const open = await page.goto(new URL(hit.href, page.url()).toString());
    check(open.status() === 200 && (await h1.textContent()).trim() === FIXED, `the result ${hit.href} opens the incident page`);
  }
  t0 = performance.now();
  const deadline = Date.now() + 20000;
  for (;;) {
    results = await searchFor(page, "kestrel");
    if (results.some((r) => r.title.includes("kestrel"))) break;
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  check(results.some((r) => r.title.includes("kestrel") && /\/incidents\/fx-001\//.test(r.href)),
    `the search index catches up with the edit: "kestrel" finds it (${results.map((r) => `${r.title} -> ${r.href}`).join(" | ") || "no results"}) after ${(performance.now() - t0).toFixed(0)} ms`);

  if (process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT, fullPage: true });
  check(errors.length === 0, `no script errors (${errors.join("; ")})`);
} catch (e) {
  let msg = e instanceof Fatal ? e.message : String(e.stack || e);
  const stuck = unanswered();
  if (stuck.length) msg += `\n  the server never answered: ${stuck.join("; ")}`;
  if (!failures.includes(msg)) { failures.push(msg); console.log(`FAILED - ${msg}`); }
} finally {
  await browser.close();
}
console.log(failures.length === 0 ? "all serve browser checks passed" : `${failures.length} serve browser check(s) failed`);
process.exit(failures.length === 0 ? 0 : 1);
