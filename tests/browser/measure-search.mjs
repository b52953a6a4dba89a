// Measure what a first search downloads: load the search page, type a query,
// wait for results, and sum the bytes of every response by kind.
// Usage: node measure-search.mjs SITE_DIR QUERY
import { chromium } from "playwright-core";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";

const site = path.resolve(process.argv[2]);
const query = process.argv[3] || "connection pool";
const server = http.createServer((req, res) => {
  let file = path.join(site, decodeURIComponent(new URL(req.url, "http://x").pathname));
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
  fs.readFile(file, (err, data) => {
    if (err) { res.writeHead(404); return res.end(); }
    const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm" };
    res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" });
    res.end(data);
  });
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
const page = await browser.newPage();
const bytes = {};
let total = 0;
let search = 0;
const files = [];
page.on("response", async (r) => {
  try {
    const b = (await r.body()).length;
    const u = new URL(r.url()).pathname;
    // Search shards live in pagefind/, pagefind-1/, pagefind-2/, ...
    const pf = /\/pagefind(-\d+)?\//.test(u);
    const kind = !pf ? "page" : u.includes("/index/") ? "index chunks" : u.includes("/fragment/") ? "result fragments" : u.includes("/filter/") ? "filters" : u.endsWith(".wasm") || u.includes("wasm.") ? "wasm" : u.includes("pf_meta") ? "meta" : "pagefind js/css/entry";
    bytes[kind] = (bytes[kind] || 0) + b;
    total += b;
    if (kind !== "page") search += b;
    files.push([u, b]);
  } catch {}
});
await page.goto(`${base}/search/`);
await page.waitForSelector("#search-input");
await page.fill("#search-input", query);
await page.waitForSelector(`#search[data-state="done"][data-query="${query}"]`, { timeout: 30000 });
await page.waitForTimeout(1500);
const results = await page.textContent("#search-status");
// search_bytes: everything the search needs beyond the site's own page,
// CSS and fonts (the "page" kind). VERBOSE=1 lists every file fetched.
const out = { query, results: results.trim(), total_bytes: total, search_bytes: search, by_kind: bytes };
if (process.env.VERBOSE) out.files = files;
console.log(JSON.stringify(out, null, 1));
await browser.close();
server.close();
