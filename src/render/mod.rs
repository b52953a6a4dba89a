//! Rendering: understood documents → HTML pages written into a staging
//! directory. Links are relative, so the site works under any sub-path, and
//! (with `pretty-links = false`) from `file://`.

pub mod charts;
mod indexes;
pub mod layout;
pub mod partial;
mod review;
pub mod views;
pub mod workflow;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Instant;

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use serde::Serialize;

use crate::config::Config;
use crate::error::Result;
use crate::markdown::{DOC_LINK_SCHEME, render_fragment_in};
use crate::model::{Incident, Status};
use crate::output::Sink;
use crate::progress::{Progress, Silent};
use crate::theme::Theme;
use crate::timings::{self, Phase};
use crate::understand::Document;
use views::*;

/// What a render produced.
#[derive(Debug, Default, Clone, Copy)]
pub struct RenderStats {
    /// HTML pages written.
    pub pages: usize,
    /// Static files written.
    pub assets: usize,
}

/// Site-wide values every page gets.
#[derive(Debug, Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    organisation: &'a str,
    generator: &'static str,
}

/// Cross-references between documents, built once per render.
pub struct Renderer<'a> {
    cfg: &'a Config,
    theme: &'a Theme,
    docs: Vec<&'a Document>,
    by_id: HashMap<&'a str, &'a Incident>,
    /// Built on first use (a page with a link to another post-mortem).
    by_path: OnceLock<HashMap<&'a PathBuf, &'a Incident>>,
    related_back: HashMap<&'a str, Vec<&'a Incident>>,
    recurrences: HashMap<&'a str, Vec<&'a Incident>>,
    /// The incidents, newest first (what the indexes are built from).
    incidents: Vec<&'a Incident>,
    /// Built on first use: an edit under `serve` renders one incident page
    /// before any index page, and that page needs only `related`.
    indexes: OnceLock<crate::index::Indexes<'a>>,
    related: OnceLock<crate::index::Related<'a>>,
    today: NaiveDate,
    /// Whether to build the search index (book.toml `[output] search`, `--no-search`).
    pub search: bool,
    /// Where to report pages rendered.
    pub progress: &'a dyn Progress,
    /// Where the documents' bulky text was moved while loading, if it was.
    pub spill: Option<&'a crate::spill::Spill>,
    /// Only a few incident pages will be rendered (an edit under `serve`):
    /// each page's related incidents are found on their own
    /// ([`crate::index::Related::of_one`]) rather than by indexing all.
    pub few_pages: bool,
}

impl<'a> Renderer<'a> {
    /// Prepare to render `docs`; `today` decides which action items are overdue.
    pub fn new(cfg: &'a Config, theme: &'a Theme, docs: impl IntoIterator<Item = &'a Document>, today: NaiveDate) -> Self {
        let mut sorted: Vec<&Document> = docs.into_iter().collect();
        sorted.sort_by(|a, b| (b.incident.date, &b.incident.id).cmp(&(a.incident.date, &a.incident.id)));
        let by_id = sorted.iter().map(|d| (d.incident.id.as_str(), &d.incident)).collect();
        let mut related_back: HashMap<&str, Vec<&Incident>> = HashMap::new();
        let mut recurrences: HashMap<&str, Vec<&Incident>> = HashMap::new();
        for d in &sorted {
            for r in &d.incident.related {
                related_back.entry(r.as_str()).or_default().push(&d.incident);
            }
            if let Some(r) = &d.incident.recurrence_of {
                recurrences.entry(r.as_str()).or_default().push(&d.incident);
            }
        }
        let incidents: Vec<&Incident> = sorted.iter().map(|d| &d.incident).collect();
        Renderer {
            cfg,
            theme,
            docs: sorted,
            by_id,
            by_path: OnceLock::new(),
            related_back,
            recurrences,
            incidents,
            indexes: OnceLock::new(),
            related: OnceLock::new(),
            today,
            search: cfg.output.search,
            progress: &Silent,
            spill: None,
            few_pages: false,
        }
    }

    /// The search record text of `doc`: kept in the spill file when it was
    /// spilled, else made from its incident.
    fn search_text(&self, doc: &Document) -> Result<String> {
        if let Some(text) = self.spill.map(|s| s.search_text(doc)).transpose()?.flatten() {
            return Ok(text);
        }
        Ok(crate::search::record_text(self.full(doc)?.as_ref()))
    }

    /// The length of [`Renderer::search_text`], without reading the text
    /// when the spill file knows it.
    fn search_text_len(&self, doc: &Document) -> Result<usize> {
        match self.spill.and_then(|s| s.search_text_len(doc)) {
            Some(len) => Ok(len),
            None => Ok(crate::search::record_text(self.full(doc)?.as_ref()).len()),
        }
    }

    /// How many timeline events `doc` has (its timeline may be spilled).
    fn timeline_len(&self, doc: &Document) -> usize {
        self.spill.map_or(doc.incident.timeline.len(), |s| s.timeline_len(doc))
    }

    /// Incidents by their file, relative to the content directory.
    fn by_path(&self) -> &HashMap<&'a PathBuf, &'a Incident> {
        self.by_path.get_or_init(|| self.docs.iter().map(|d| (&d.content_path, &d.incident)).collect())
    }

    /// The incident of `doc` with all its text (see [`crate::spill`]).
    fn full<'d>(&self, doc: &'d Document) -> Result<std::borrow::Cow<'d, Incident>> {
        match self.spill {
            Some(spill) => spill.full(doc),
            None => Ok(std::borrow::Cow::Borrowed(&doc.incident)),
        }
    }

    /// The cross-incident indexes, built on first use.
    fn indexes(&self) -> &crate::index::Indexes<'a> {
        self.indexes.get_or_init(|| timings::measure(Phase::Index, || crate::index::build(self.cfg, &self.incidents)))
    }

    /// URL of a site path (`incidents/x/`, or `` for home) from a page whose
    /// root prefix is `root` (`./`, `../../`).
    pub fn href(&self, root: &str, path: &str) -> String {
        if self.cfg.output.pretty_links || path.ends_with(".html") || path.contains('.') && !path.ends_with('/') {
            format!("{root}{path}")
        } else {
            format!("{root}{path}index.html")
        }
    }

    fn incident_href(&self, root: &str, inc: &Incident) -> String {
        self.href(root, &format!("incidents/{}/", inc.slug))
    }

    fn context(&self, root: &str, page_title: &str) -> tera::Context {
        let mut ctx = tera::Context::new();
        let b = &self.cfg.book;
        ctx.insert(
            "site",
            &SiteView {
                title: &b.title,
                description: &b.description,
                language: &b.language,
                organisation: &b.organisation,
                generator: concat!("pmbook ", env!("CARGO_PKG_VERSION")),
            },
        );
        ctx.insert("root", root);
        ctx.insert("page_title", page_title);
        ctx.insert("home_url", &self.href(root, ""));
        ctx.insert("incidents_url", &self.href(root, "incidents/"));
        ctx.insert("assets", &format!("{root}assets/"));
        ctx.insert("search_url", &self.search.then(|| self.href(root, "search/")));
        let nav: Vec<LinkView> = [
            ("Incidents", "incidents/"),
            ("Factors", "factors/"),
            ("Services", "services/"),
            ("Teams", "teams/"),
            ("Board", "board/"),
            ("Action items", "action-items/"),
            ("Review", "review/"),
            ("Statistics", "stats/"),
        ]
        .iter()
        .map(|(t, p)| LinkView { title: (*t).to_string(), url: self.href(root, p) })
        .collect();
        ctx.insert("nav", &nav);
        ctx
    }

    /// Render every page and asset into `staging`. The search index is
    /// built beside the pages, a shard at a time, while the pages take the
    /// other cores; once the pages are written, that side builds the shards
    /// still waiting too, so that two are built at once only then, when the
    /// pages' memory has been given back.
    pub fn render_all(&self, staging: &dyn Sink) -> Result<RenderStats> {
        let shards = timings::measure(Phase::Search, || self.search_shards())?;
        let language = &self.cfg.book.language;
        let (stats, search) = rayon::join(
            || {
                let stats = self.render_pages(staging)?;
                if let Some(shards) = &shards {
                    shards.build(&|d| self.search_text(d), language, staging)?;
                }
                Ok::<_, crate::error::Error>(stats)
            },
            || self.render_search(shards.as_ref(), staging),
        );
        let mut stats = stats?;
        stats.pages += search?;
        Ok(stats)
    }

    /// Every page but search, the assets and the local files.
    fn render_pages(&self, staging: &dyn Sink) -> Result<RenderStats> {
        for (name, bytes) in &self.theme.assets {
            staging.write(&format!("assets/{name}"), bytes)?;
        }
        self.progress.stage("Rendering", Some(self.docs.len() as u64));
        let start = Instant::now();
        // Small pieces, so that a thread done with the search index finds
        // pages left to take rather than one long run on the other thread.
        self.docs
            .par_iter()
            .with_max_len(32)
            .map(|d| {
                // The full model: the body and timeline text come back from
                // the spill file, once for the page and its JSON.
                let full = self.full(d)?;
                let page = self.incident_page(d, &full)?;
                self.progress.advance(1);
                staging.write(&format!("incidents/{}/index.html", d.incident.slug), page.as_bytes())?;
                staging.write(&format!("incidents/{}/index.json", d.incident.slug), crate::listing::incident_json(&full).as_bytes())
            })
            .collect::<Result<Vec<()>>>()?;
        timings::add(Phase::IncidentPages, start.elapsed());
        timings::memory("incident pages");
        let index_pages = self.render_indexes(staging)?;
        let files = self.copy_files(staging)?;
        Ok(RenderStats { pages: self.docs.len() + index_pages, assets: self.theme.assets.len() + files })
    }

    /// Render `template` with `ctx` straight into the file `rel`: for the
    /// pages that list every incident or action item, which are never held
    /// whole in memory. The context is dropped as soon as it is used.
    fn write_streamed(&self, staging: &dyn Sink, rel: &str, template: &str, ctx: tera::Context) -> Result<()> {
        staging.write_with(rel, &mut |w| self.theme.render_to(template, &ctx, w))
    }

    /// Copy the local files (images) that bodies show into `files/`, under
    /// their path in the content directory. Missing ones were reported by
    /// `check` and are skipped.
    fn copy_files(&self, staging: &dyn Sink) -> Result<usize> {
        let content_dir = self.cfg.content_dir();
        let allowed = crate::content::readable_roots(&self.cfg.root, &content_dir);
        let mut targets: Vec<&PathBuf> = self.docs.iter().flat_map(|d| d.files.iter().map(|f| &f.target)).collect();
        targets.sort();
        targets.dedup();
        let mut copied = 0;
        for target in targets {
            let src = content_dir.join(target);
            // Never publish what a symbolic link leads to outside the archive
            // (check reports it).
            if src.is_file() && crate::content::inside(&src, &allowed) {
                let rel = target.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
                staging.copy(&format!("files/{rel}"), &src)?;
                copied += 1;
            }
        }
        Ok(copied)
    }

    /// The home page: counts, open incidents, latest incidents.
    pub fn home(&self) -> Result<String> {
        let root = "./";
        let mut ctx = self.context(root, &self.cfg.book.title);
        let open: Vec<ListItem> = self
            .docs
            .iter()
            // Only incidents whose authors say they are open: an old write-up
            // that never recorded its resolution is not an open incident.
            .filter(|d| matches!(d.incident.declared_status(), Some(Status::Active | Status::Mitigated)))
            .map(|d| ListItem::new(&d.incident, self.incident_href(root, &d.incident)))
            .collect();
        let latest: Vec<ListItem> = self
            .docs
            .iter()
            .take(self.cfg.output.latest_count)
            .map(|d| ListItem::new(&d.incident, self.incident_href(root, &d.incident)))
            .collect();
        let by_severity: Vec<(String, &str, usize)> = self
            .cfg
            .severities
            .iter()
            .enumerate()
            .map(|(i, l)| {
                (l.name.clone(), l.label.as_str(), self.docs.iter().filter(|d| d.incident.severity_rank == Some(i as u32 + 1)).count())
            })
            .collect();
        let open_actions: usize = self.docs.iter().flat_map(|d| &d.incident.action_items).filter(|a| !a.status.is_finished()).count();
        let overdue: usize = self
            .docs
            .iter()
            .flat_map(|d| &d.incident.action_items)
            .filter(|a| !a.status.is_finished() && a.due.is_some_and(|due| due < self.today))
            .count();
        ctx.insert("open", &open);
        ctx.insert("latest", &latest);
        ctx.insert("total", &self.docs.len());
        ctx.insert("more", &self.docs.len().saturating_sub(latest.len()));
        ctx.insert("by_severity", &by_severity);
        ctx.insert("open_actions", &open_actions);
        ctx.insert("overdue_actions", &overdue);
        self.theme.render("index.html", &ctx)
    }

    /// The context of the page of every incident, grouped by year, newest first.
    fn all_incidents(&self) -> Result<tera::Context> {
        let root = "../";
        let mut ctx = self.context(root, "All incidents");
        let mut years: Vec<(String, Vec<ListItem>)> = Vec::new();
        for d in &self.docs {
            let year = d.incident.date.map_or_else(|| "Undated".to_string(), |d| d.year().to_string());
            let item = ListItem::new(&d.incident, self.incident_href(root, &d.incident));
            match years.last_mut() {
                Some((y, items)) if *y == year => items.push(item),
                _ => years.push((year, vec![item])),
            }
        }
        ctx.insert("years", &years);
        ctx.insert("total", &self.docs.len());
        Ok(ctx)
    }

    /// One incident's page.
    pub fn incident(&self, doc: &Document) -> Result<String> {
        self.incident_page(doc, self.full(doc)?.as_ref())
    }

    /// The page of `doc`, whose incident with all its text is `inc`.
    fn incident_page(&self, doc: &Document, inc: &Incident) -> Result<String> {
        let path = doc.content_path.as_path();
        let root = "../../";
        let mut ctx = self.context(root, &inc.title);
        let clock = Clock::for_incident(inc, self.cfg);
        let (milestones, durations) = milestones(inc, &clock);
        let link = |i: &Incident| LinkView { title: format!("{} — {}", i.id, i.title), url: self.incident_href(root, i) };
        // The links the authors made (either way), then those pmbook found
        // similar, each with what they share; an incident is listed once.
        let mut related: Vec<LinkView> = Vec::new();
        let mut seen: Vec<&str> = vec![&inc.id];
        if let Some(r) = inc.recurrence_of.as_deref() {
            seen.push(r);
        }
        seen.extend(self.recurrences.get(inc.id.as_str()).into_iter().flatten().map(|i| i.id.as_str()));
        let forward = inc.related.iter().filter_map(|r| self.by_id.get(r.as_str()).copied());
        let backward = self.related_back.get(inc.id.as_str()).into_iter().flatten().copied();
        for other in forward.chain(backward) {
            if !seen.contains(&other.id.as_str()) {
                seen.push(&other.id);
                related.push(link(other));
            }
        }
        let mut similar: Vec<SimilarView> = Vec::new();
        let found = match self.related.get() {
            None if self.few_pages => crate::index::Related::of_one(&self.incidents, &inc.id),
            _ => self.related.get_or_init(|| timings::measure(Phase::Index, || crate::index::Related::new(&self.incidents))).of(&inc.id),
        };
        for (other, _) in found {
            if !seen.contains(&other.id.as_str()) {
                seen.push(&other.id);
                similar.push(SimilarView { reason: views::shared_terms(inc, other), link: link(other) });
            }
        }
        let layout = layout::layout(inc, &inc.body_html);
        let view = IncidentView {
            head: ListItem::new(inc, self.incident_href(root, inc)),
            severity_label: inc.severity_rank.and_then(|r| self.cfg.severities.get(r as usize - 1)).map(|l| l.label.as_str()),
            summary_html: inc.summary.as_deref().filter(|_| layout.lead).map(|t| render_fragment_in(t, path)),
            teams: &inc.teams,
            tags: &inc.tags,
            contributing_factors: &inc.contributing_factors,
            authors: &inc.authors,
            milestones,
            durations,
            impact_html: inc.impact.summary.as_deref().map(|t| render_fragment_in(t, path)),
            metrics: &inc.impact.metrics,
            timeline: timeline(inc, &clock, path),
            root_cause_html: inc.root_cause.as_deref().map(|t| render_fragment_in(t, path)),
            action_items: actions(inc, self.today, path),
            open_actions: inc.action_items.iter().filter(|a| !a.status.is_finished()).count(),
            phases: workflow::phases(inc, self.today, path),
            ticket: inc.ticket.as_deref().filter(|u| u.starts_with("https://") || u.starts_with("http://")),
            body_html: &inc.body_html,
            sections: &inc.sections,
            blocks: layout.blocks,
            toc: layout.toc,
            related,
            similar,
            recurrence_of: inc.recurrence_of.as_deref().and_then(|r| self.by_id.get(r)).map(|i| link(i)),
            recurrences: self.recurrences.get(inc.id.as_str()).into_iter().flatten().map(|i| link(i)).collect(),
            // Never an absolute path of the build machine on a published page.
            source_path: if inc.source.path.is_absolute() { path } else { inc.source.path.as_path() }.to_string_lossy().replace('\\', "/"),
            factor_links: self.term_links(root, crate::index::TermKind::Factor, &inc.contributing_factors),
            service_links: self.term_links(root, crate::index::TermKind::Service, &inc.services),
            team_links: self.term_links(root, crate::index::TermKind::Team, &inc.teams),
            tag_links: self.term_links(root, crate::index::TermKind::Tag, &inc.tags),
            severity_url: inc.severity.as_deref().map(|s| self.href(root, &format!("severities/{}/", crate::slug::slugify(s)))),
            factor_chips: views::chips(inc, "contributing_factors", &inc.contributing_factors)
                .into_iter()
                .map(|c| ChipView { label: views::term_label(self.cfg, crate::index::TermKind::Factor, &c.name), ..c })
                .collect(),
            service_chips: views::chips(inc, "services", &inc.services),
            team_chips: views::chips(inc, "teams", &inc.teams),
            severity_inferred: views::chips(inc, "severity", inc.severity.as_slice()).pop().and_then(|c| c.inferred),
            year_url: inc.date.map(|d| self.href(root, &format!("years/{}/", chrono::Datelike::year(&d)))),
        };
        ctx.insert("incident", &view);
        let html = self.theme.render("incident.html", &ctx)?;
        Ok(self.resolve_links(&html, root))
    }

    fn term_links(&self, root: &str, kind: crate::index::TermKind, names: &[String]) -> Vec<LinkView> {
        names
            .iter()
            .map(|n| LinkView { title: n.clone(), url: self.href(root, &format!("{}/{}/", kind.path(), crate::slug::slugify(n))) })
            .collect()
    }

    /// Replace `pmbook:PATH#frag` links with the target page's URL, and
    /// `pmbook:PATH` image sources with the copied file's URL.
    fn resolve_links(&self, html: &str, root: &str) -> String {
        let files = resolve_files(html, root);
        let html: &str = &files;
        let marker = format!("href=\"{DOC_LINK_SCHEME}");
        if !html.contains(&marker) {
            return html.to_string();
        }
        let mut out = String::with_capacity(html.len());
        let mut rest = html;
        while let Some(i) = rest.find(&marker) {
            out.push_str(&rest[..i]);
            let after = &rest[i + marker.len()..];
            let end = after.find('"').unwrap_or(after.len());
            let target = &after[..end];
            let (path, frag) = target.split_once('#').map_or((target, ""), |(p, f)| (p, f));
            let decoded = crate::markdown::percent_decode(&path.replace("&amp;", "&"));
            let target = PathBuf::from(&decoded);
            let by_path = self.by_path();
            let found =
                by_path.get(&target).copied().or_else(|| crate::check::find_by_file_name(by_path.iter().map(|(p, i)| (*p, *i)), &target));
            let url = match found {
                Some(inc) if frag.is_empty() => self.incident_href(root, inc),
                Some(inc) => format!("{}#{frag}", self.incident_href(root, inc)),
                None => "#broken-link".to_string(),
            };
            out.push_str("href=\"");
            out.push_str(&url);
            rest = &after[end..];
        }
        out.push_str(rest);
        out
    }
}

/// Point `src="pmbook:PATH"` (a local image, see `markdown::local_file`) at
/// `files/PATH` in the site, relative to the page at `root`.
fn resolve_files<'h>(html: &'h str, root: &str) -> std::borrow::Cow<'h, str> {
    let marker = format!("src=\"{DOC_LINK_SCHEME}");
    if !html.contains(&marker) {
        return html.into();
    }
    html.replace(&marker, &format!("src=\"{root}files/")).into()
}
