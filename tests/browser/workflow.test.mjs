// The board and the weekly review in headless Chromium, at desktop and
// phone widths: what each card and section must show, nothing wider than
// the screen, and a screenshot of each page for a person to look at.
// Usage: node workflow.test.mjs SITE_DIR SHOTS_DIR
//   (a site built from tests/fixtures/workflow with PMBOOK_TODAY=2025-06-01)
import { chromium } from "playwright-core";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";

const site = path.resolve(process.argv[2] || "site");
const shots = path.resolve(process.argv[3] || "shots");
fs.mkdirSync(shots, { recursive: true });
const types = { ".html": "text/html", ".css": "text/css", ".xml": "application/xml" };
const server = http.createServer((req, res) => {
  let file = path.join(site, decodeURIComponent(new URL(req.url, "http://x").pathname));
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
const check = (ok, what) => { console.log(`${ok ? "ok" : "FAILED"} - ${what}`); if (!ok) failures.push(what); };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  for (const [name, width] of [["desktop", 1280], ["phone", 400]]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));

    // The board: every card of an open incident says its age, owner and next phase.
    await page.goto(`${base}/board/`);
    const cards = await page.$$eval(".board-mitigated .card, .board-active .card, .board-resolved .card", (els) =>
      els.map((c) => ({ text: c.innerText.replace(/\s+/g, " "), right: c.getBoundingClientRect().right })));
    check(cards.length === 3, `${name}: three open incidents on the board (${cards.length})`);
    for (const c of cards) {
      check(/In phase \d+ days?|In phase today/.test(c.text) && /Owner \S/.test(c.text) && /Next (Mitigate|Resolve|Close)/.test(c.text),
        `${name}: card shows age, owner and next phase: "${c.text.slice(0, 90)}…"`);
      check(c.right <= width + 1, `${name}: card fits the screen (${Math.round(c.right)} ≤ ${width})`);
    }
    const runner = cards.find((c) => c.text.includes("CI runners starved"));
    check(runner && runner.text.includes("Next Resolve — blocked by 1 open item") && runner.text.includes("Raise the limit properly"),
      `${name}: the runner incident is blocked by its GitOps item`);
    check(await page.evaluate(() => document.scrollingElement.scrollWidth <= window.innerWidth + 1), `${name}: the board does not scroll sideways`);
    await page.screenshot({ path: path.join(shots, `board-${name}.png`), fullPage: true });

    // The review: every section, with the fixture's counts.
    await page.goto(`${base}/review/`);
    const heading = (await page.textContent("h1")).replace(/\s+/g, " ").trim();
    check(heading === "Weekly review 26 May – 1 Jun 2025", `${name}: review heading "${heading}"`);
    const counts = await page.$$eval(".review-section h2 .count", (els) => els.map((e) => e.textContent.trim()));
    check(counts.join(",") === "2,3,4,1,2,1", `${name}: section counts ${counts.join(",")}`);
    for (const id of ["opened", "phases", "completed", "became_overdue", "due_next", "stuck"]) {
      check(await page.isVisible(`#${id} h2`), `${name}: section #${id} is shown`);
    }
    const overdue = await page.$eval("#became_overdue", (e) => e.innerText);
    check(overdue.includes("Raise the limit properly in the GitOps repository") && overdue.includes("Ada Quist"), `${name}: the overdue item and its owner`);
    check(await page.evaluate(() => document.scrollingElement.scrollWidth <= window.innerWidth + 1), `${name}: the review does not scroll sideways (tables scroll inside their frame)`);
    await page.screenshot({ path: path.join(shots, `review-${name}.png`), fullPage: true });

    check(errors.length === 0, `${name}: no script errors (${errors.join("; ")})`);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
if (failures.length) {
  console.log(`${failures.length} browser check(s) failed`);
  process.exit(1);
}
console.log(`all workflow browser checks passed; screenshots in ${shots}`);
