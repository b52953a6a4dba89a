// The search page: Pagefind's JS API (its engine and index) under the
// site's own markup. Results are incident rows with severity and status
// badges; filters are facets with counts, values without results hidden.
//
// The index is in bundles of consecutive incidents, newest first. A query
// searches the newest bundle, and older ones only while there are fewer
// results than a page, or when the reader asks for more: a first search
// fetches one bundle's metadata and chunks, not every bundle's. Filters
// (their counts are archive-wide) search every bundle.
(function () {
  "use strict";
  const root = document.getElementById("search");
  if (!root) return;
  if (location.protocol === "file:") {
    document.querySelector(".search-file-note").hidden = false;
    root.hidden = true;
    return;
  }
  const site = new URL(root.dataset.root, location.href).pathname;
  const bundles = (root.dataset.bundles || "").split(" ").filter(Boolean);
  // Incidents per bundle, the first bundle's first (absent in older themes).
  const sizes = (root.dataset.sizes || "").split(" ").filter(Boolean).map(Number);
  const total = sizes.reduce((a, b) => a + b, 0);
  const input = document.getElementById("search-input");
  const list = document.getElementById("search-results");
  const status = document.getElementById("search-status");
  const more = document.getElementById("more-results");
  const facetsBox = document.getElementById("facets");
  const clear = document.getElementById("clear-filters");
  const filtersBox = document.getElementById("search-filters");
  const countBadge = document.getElementById("filter-count");
  const FACETS = [["severity", "Severity"], ["status", "Status"], ["factor", "Contributing factor"], ["service", "Service"], ["team", "Team"], ["year", "Year"]];
  const SHOWN = 6; // values per facet before "Show all"
  const PAGE = 10;
  const selected = {}; // facet -> Set of values
  const expanded = new Set();
  let pagefind = null;
  let all = []; // current results (their data not yet loaded)
  let shown = 0;
  let run = 0;
  let current = null; // the shown search: { q, filters, step }

  // Bundles merged into the search so far (after the first one, which is
  // always searched); merging is one at a time in order, never undone.
  let merged = 0;
  let merging = Promise.resolve();
  const complete = () => merged >= bundles.length;
  function mergeMore(n) {
    const step = merging.then(async () => {
      const next = bundles.slice(merged, merged + n);
      await Promise.all(next.map((b) => pagefind.mergeIndex(`${site}${b}`, { baseUrl: site })));
      merged += next.length;
    });
    // A failed fetch fails this search, not every later one.
    merging = step.catch(() => {});
    return step;
  }
  const covered = () => sizes.slice(0, merged + 1).reduce((a, b) => a + b, 0);

  // Filters start closed, and their index (a file per filter and bundle)
  // is fetched only when they are opened: a first search fetches only what
  // the query needs. Filters in the URL open them. Their counts cover the
  // whole archive, so every bundle is merged first.
  let filtersLoaded = null;
  async function loadFilters() {
    await mergeMore(bundles.length);
    if (!filtersLoaded) filtersLoaded = pagefind.filters();
    return filtersLoaded;
  }

  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; };

  function readUrl() {
    const p = new URLSearchParams(location.search);
    input.value = p.get("q") || "";
    for (const [key] of FACETS) {
      const values = p.getAll(key);
      if (values.length) selected[key] = new Set(values);
    }
  }

  function writeUrl() {
    const p = new URLSearchParams();
    if (input.value.trim()) p.set("q", input.value.trim());
    for (const [key] of FACETS) for (const v of selected[key] || []) p.append(key, v);
    const qs = p.toString();
    history.replaceState(null, "", qs ? `?${qs}` : location.pathname);
  }

  function activeFilters() {
    const f = {};
    for (const [key, set] of Object.entries(selected)) if (set.size) f[key] = { any: [...set] };
    return f;
  }

  function renderFacets(counts) {
    facetsBox.textContent = "";
    let active = 0;
    for (const [key, label] of FACETS) {
      const values = counts[key] || {};
      const chosen = selected[key] || new Set();
      active += chosen.size;
      let entries = Object.entries(values).filter(([v, n]) => n > 0 || chosen.has(v));
      if (!entries.length) continue;
      entries.sort(key === "year" ? (a, b) => b[0].localeCompare(a[0]) : (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      const group = el("fieldset", "facet");
      group.append(el("legend", null, label));
      const limit = expanded.has(key) ? entries.length : SHOWN;
      entries.forEach(([value, n], i) => {
        const id = `f-${key}-${i}`;
        const row = el("div", "facet-value" + (i >= limit && !chosen.has(value) ? " facet-hidden" : ""));
        const box = el("input");
        box.type = "checkbox"; box.id = id; box.checked = chosen.has(value); box.dataset.facet = key; box.value = value;
        const lab = el("label");
        lab.htmlFor = id;
        lab.append(el("span", "facet-name", value), el("span", "facet-n", String(n)));
        row.append(box, lab);
        group.append(row);
      });
      if (entries.length > SHOWN) {
        const toggle = el("button", "facet-more", expanded.has(key) ? "Show fewer" : `Show all ${entries.length}`);
        toggle.type = "button";
        toggle.addEventListener("click", () => { expanded.has(key) ? expanded.delete(key) : expanded.add(key); renderFacets(counts); });
        group.append(toggle);
      }
      facetsBox.append(group);
    }
    clear.hidden = active === 0;
    countBadge.textContent = active ? `(${active})` : "";
  }

  async function row(result) {
    const d = await result.data();
    const m = d.meta || {};
    const li = el("li", "incident-row search-result");
    const sev = el("span", `badge ${m.severity_class || "sev-unknown"}`);
    if (m.severity) sev.textContent = m.severity; else sev.innerHTML = '<span aria-hidden="true">—</span><span class="sr-only">Severity unknown</span>';
    const main = el("div", "incident-row-main");
    const a = el("a", "incident-link", m.title || d.url);
    a.href = d.url;
    const meta = el("div", "meta");
    if (m.id) meta.append(el("span", "id", m.id));
    if (m.date) { const t = el("time", null, m.date_display || m.date); t.dateTime = m.date; meta.append(t); }
    if (m.status) meta.append(el("span", `status status-${m.status}`, m.status));
    for (const s of (d.filters && d.filters.service) || []) meta.append(el("span", "chip", s));
    const excerpt = el("p", "summary excerpt");
    excerpt.innerHTML = d.excerpt; // Pagefind's excerpt: escaped text with <mark>
    main.append(a, meta, excerpt);
    li.append(sev, main);
    return li;
  }

  // Search older bundles (twice as many as the last time) and add the
  // results not found before, best first. False if another search began.
  async function widen(token) {
    try {
      await mergeMore(current.step);
    } catch (e) {
      if (token === run) status.textContent += ` (older incidents could not be searched: ${e})`;
      return false;
    }
    current.step *= 2;
    if (token !== run) return false;
    const res = await pagefind.search(current.q || null, { filters: current.filters });
    if (token !== run || !res) return false;
    const seen = new Set(all.map((r) => r.id));
    all.push(...res.results.filter((r) => !seen.has(r.id)));
    return true;
  }

  function tell() {
    const { q, filters } = current;
    const filtering = Object.keys(filters).length > 0;
    const what = `${q ? `for “${q}”` : ""}${filtering ? " with these filters" : ""}`;
    const n = all.length;
    let text = n ? `${n} incident${n === 1 ? "" : "s"} ${what}` : `No incidents ${what}`;
    if (!complete()) text += sizes.length ? ` among the ${covered()} newest of ${total}` : " among the newest";
    status.textContent = text.replace(/\s+/g, " ");
  }

  async function showMore(token) {
    // Not a page left: look further back first.
    while (all.length - shown < PAGE && !complete()) {
      if (!(await widen(token))) return;
      tell();
    }
    const next = all.slice(shown, shown + PAGE);
    shown += next.length;
    const rows = await Promise.all(next.map(row));
    if (token !== run) return;
    list.append(...rows);
    more.hidden = shown >= all.length && complete();
    more.textContent = shown >= all.length ? "Search older incidents" : "More results";
  }

  // `data-state` is `done` once the results for `data-query` are shown.
  const settle = (q) => { root.dataset.query = q; root.dataset.state = "done"; };

  async function search() {
    const token = ++run;
    root.dataset.state = "busy";
    writeUrl();
    const q = input.value.trim();
    const filters = activeFilters();
    const filtering = Object.keys(filters).length > 0;
    if (!q && !filtering) {
      list.textContent = "";
      more.hidden = true;
      status.textContent = "Type to search, or choose filters.";
      renderFacets(filtersBox.open ? await loadFilters() : {});
      if (token === run) settle(q);
      return;
    }
    // Counts need the filters' index; without it a search returns none.
    if (filtersBox.open || filtering) await loadFilters();
    await merging; // a bundle being merged is searched once it is ready
    if (token !== run) return;
    const res = await pagefind.search(q || null, { filters });
    if (token !== run || !res) return;
    current = { q, filters, step: 1 };
    all = res.results;
    shown = 0;
    list.textContent = "";
    renderFacets(res.filters);
    tell();
    await showMore(token);
    if (token === run) settle(q);
  }

  let timer = null;
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(search, 120); });
  input.form.addEventListener("submit", (e) => { e.preventDefault(); clearTimeout(timer); search(); });
  facetsBox.addEventListener("change", (e) => {
    const box = e.target;
    if (!box.dataset || !box.dataset.facet) return;
    const set = selected[box.dataset.facet] || (selected[box.dataset.facet] = new Set());
    box.checked ? set.add(box.value) : set.delete(box.value);
    search();
  });
  clear.addEventListener("click", () => { for (const k of Object.keys(selected)) delete selected[k]; search(); });
  more.addEventListener("click", () => showMore(run));

  (async function start() {
    readUrl();
    status.textContent = "Loading the search index…";
    pagefind = await import(`${site}pagefind/pagefind.js`);
    // No web worker: a search of the whole archive takes milliseconds on
    // the page itself, and the worker's script would be 43 KB more to fetch.
    await pagefind.options({ baseUrl: site, noWorker: true });
    if (Object.keys(activeFilters()).length) filtersBox.open = true;
    filtersBox.addEventListener("toggle", () => { if (filtersBox.open) search(); });
    await search();
    if (!input.value) input.focus();
  })().catch((e) => { status.textContent = `Search could not start: ${e}`; });
})();
