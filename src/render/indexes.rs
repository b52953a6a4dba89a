//! Pages for the cross-incident views: term indexes and term pages, the
//! board, the action-item ledger and the statistics page.

use rayon::prelude::*;
use serde::Serialize;

use super::Renderer;
use super::charts;
use super::views::{ListItem, display_date};
use crate::error::Result;
use crate::index::stats::{self, Spread};
use crate::index::{TermIndex, TermKind, ledger};
use crate::markdown::render_fragment;
use crate::model::{ActionStatus, Incident, Status};
use crate::output::Sink;
use crate::timings::{self, Phase};
use std::time::Instant;

#[derive(Serialize)]
struct TermRow<'a> {
    name: &'a str,
    label: String,
    url: String,
    count: usize,
    description: Option<&'a str>,
}

#[derive(Serialize)]
struct Count<'a> {
    name: &'a str,
    label: String,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct YearBar {
    year: i32,
    count: usize,
    percent: usize,
}

#[derive(Serialize)]
struct Column<'a> {
    status: &'static str,
    label: &'static str,
    items: Vec<super::workflow::CardView<'a>>,
}

#[derive(Serialize)]
struct LedgerRow<'a> {
    title_html: String,
    incident_id: &'a str,
    incident_title: &'a str,
    incident_url: String,
    owner: Option<&'a str>,
    teams: String,
    status: &'static str,
    kind: Option<&'static str>,
    due: Option<String>,
    due_iso: Option<String>,
    overdue: bool,
    tracker: Option<&'a str>,
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct SpreadRow {
    label: &'static str,
    n: usize,
    median: String,
    p90: String,
}

impl<'a> Renderer<'a> {
    fn term_url(&self, root: &str, kind: TermKind, slug: &str) -> String {
        self.href(root, &format!("{}/{slug}/", kind.path()))
    }

    /// The home page, the list of incidents, every index page and term
    /// page, the board, the ledger, statistics, the review, and the feeds
    /// and exports. Returns the number of pages written. They are rendered
    /// in parallel: term pages each on their own, and each of the pages
    /// that list the whole archive (streamed to their files, never held
    /// whole) beside them, so that no core waits on the longest.
    pub(super) fn render_indexes(&self, staging: &dyn Sink) -> Result<usize> {
        let start = Instant::now();
        let indexes = &self.indexes().terms;
        let mut jobs: Vec<(&crate::index::TermIndex<'_>, Option<&crate::index::Term<'_>>)> = Vec::new();
        for index in indexes {
            jobs.push((index, None));
            jobs.extend(index.terms.iter().map(|t| (index, Some(t))));
        }
        type Whole<'s> = &'s (dyn Fn() -> Result<usize> + Sync);
        let whole: [Whole; 7] = [
            &|| staging.write("index.html", self.home()?.as_bytes()).map(|()| 1),
            &|| self.write_streamed(staging, "incidents/index.html", "incidents.html", self.all_incidents()?).map(|()| 1),
            &|| self.write_streamed(staging, "board/index.html", "board.html", self.board()?).map(|()| 1),
            &|| self.write_streamed(staging, "action-items/index.html", "ledger.html", self.ledger()?).map(|()| 1),
            &|| staging.write("stats/index.html", self.stats()?.as_bytes()).map(|()| 1),
            &|| self.render_review(staging),
            &|| timings::measure(Phase::Exports, || self.render_exports(staging)).map(|()| 0),
        ];
        let (terms, whole) = rayon::join(
            || {
                jobs.par_iter()
                    .with_max_len(16)
                    .map(|(index, term)| match term {
                        None => staging.write(&format!("{}/index.html", index.kind.path()), self.term_index(index)?.as_bytes()),
                        Some(t) => staging
                            .write(&format!("{}/{}/index.html", index.kind.path(), t.slug), self.term_page(index.kind, t)?.as_bytes()),
                    })
                    .collect::<Result<Vec<()>>>()
            },
            || whole.par_iter().with_max_len(1).map(|page| page()).collect::<Result<Vec<usize>>>(),
        );
        let (terms, whole) = (terms?, whole?);
        timings::add(Phase::IndexPages, start.elapsed());
        timings::memory("index pages, feeds and exports");
        Ok(terms.len() + whole.iter().sum::<usize>())
    }

    /// The search shards to build, when search is enabled.
    pub(super) fn search_shards(&self) -> Result<Option<crate::search::Shards<'a>>> {
        if !self.search {
            return Ok(None);
        }
        let limits = crate::search::ShardLimits {
            incidents: self.cfg.output.search_shard_size.max(1),
            text_bytes: self.cfg.output.search_shard_text.saturating_mul(1_000_000).max(1),
        };
        crate::search::plan(&self.docs, &|d| self.search_text_len(d), limits).map(Some)
    }

    /// Build search shards until none is left (see `Shards::build`), then
    /// write the search page. Returns the pages written.
    pub(super) fn render_search(&self, shards: Option<&crate::search::Shards<'a>>, staging: &dyn Sink) -> Result<usize> {
        let Some(shards) = shards else { return Ok(0) };
        let start = Instant::now();
        shards.build(&|d| self.search_text(d), &self.cfg.book.language, staging)?;
        timings::memory("search index");
        let mut ctx = self.context("../", "Search");
        ctx.insert("pretty", &self.cfg.output.pretty_links);
        let merged: Vec<String> = (1..shards.count()).map(crate::search::shard_dir).collect();
        ctx.insert("merge_bundles", &merged);
        // Incidents per bundle, newest bundle first: the search page says
        // how much of the archive a search has covered.
        ctx.insert("bundle_sizes", &shards.sizes());
        staging.write("search/index.html", self.theme.render("search.html", &ctx)?.as_bytes())?;
        timings::add(Phase::Search, start.elapsed());
        Ok(1)
    }

    /// Feeds (site-wide and per factor, service and team), `incidents.json`,
    /// `action-items.csv` and the schemas (front matter, incident, index).
    fn render_exports(&self, staging: &dyn Sink) -> Result<()> {
        let incidents: Vec<&Incident> = self.docs.iter().map(|d| &d.incident).collect();
        let base = &self.cfg.output.base_url;
        let page = |i: &Incident| format!("incidents/{}/", i.slug);
        staging.write("feed.xml", crate::export::atom(&self.cfg.book.title, base, "feed.xml", &incidents, page).as_bytes())?;
        for index in self.indexes().terms.iter().filter(|i| matches!(i.kind, TermKind::Factor | TermKind::Service | TermKind::Team)) {
            for term in &index.terms {
                let path = format!("{}/{}/feed.xml", index.kind.path(), term.slug);
                let title = format!("{} — {}: {}", self.cfg.book.title, index.kind.singular(), term.name);
                staging.write(&path, crate::export::atom(&title, base, &path, &term.incidents, page).as_bytes())?;
            }
        }
        let counted: Vec<(&Incident, usize)> = self.docs.iter().map(|d| (&d.incident, self.timeline_len(d))).collect();
        staging.write("incidents.json", crate::listing::index_json(&counted, self.today).as_bytes())?;
        staging.write("action-items.csv", crate::export::action_items_csv(&incidents, self.today).as_bytes())?;
        let input = crate::metrics::MetricsInput {
            today: self.today,
            built_at: crate::metrics::build_timestamp(),
            stuck_after_days: self.cfg.review.stuck_after,
        };
        staging.write("metrics.prom", crate::metrics::render(&incidents, input).as_bytes())?;
        let schema = crate::export::html_safe_json(serde_json::to_string_pretty(&crate::export::front_matter_schema()).unwrap_or_default());
        staging.write("front-matter.schema.json", schema.as_bytes())?;
        for (path, schema) in
            [("incident.schema.json", crate::schema::incident_schema()), ("incidents.schema.json", crate::schema::index_schema())]
        {
            staging.write(path, crate::export::html_safe_json(serde_json::to_string_pretty(&schema).unwrap_or_default()).as_bytes())?;
        }
        Ok(())
    }

    pub(super) fn term_index(&self, index: &TermIndex<'_>) -> Result<String> {
        let root = "../";
        let mut ctx = self.context(root, index.kind.label());
        let rows: Vec<TermRow> = index
            .terms
            .iter()
            .map(|t| TermRow {
                name: &t.name,
                label: crate::render::views::term_label(self.cfg, index.kind, &t.name),
                url: self.term_url(root, index.kind, &t.slug),
                count: t.incidents.len(),
                description: t.description.as_deref(),
            })
            .collect();
        ctx.insert("kind", index.kind.path());
        ctx.insert("label", index.kind.label());
        ctx.insert("terms", &rows);
        self.theme.render("terms.html", &ctx)
    }

    pub(super) fn term_page(&self, kind: TermKind, term: &crate::index::Term<'_>) -> Result<String> {
        let root = "../../";
        let label = crate::render::views::term_label(self.cfg, kind, &term.name);
        let mut ctx = self.context(root, &format!("{}: {label}", kind.singular()));
        let items: Vec<ListItem> = term.incidents.iter().map(|i| ListItem::new(i, self.incident_href(root, i))).collect();
        let max = term.by_year.values().copied().max().unwrap_or(1).max(1);
        let years: Vec<YearBar> = term.by_year.iter().map(|(y, c)| YearBar { year: *y, count: *c, percent: c * 100 / max }).collect();
        ctx.insert("kind", kind.path());
        ctx.insert("kind_label", kind.label());
        ctx.insert("kind_url", &self.href(root, &format!("{}/", kind.path())));
        // Factors, services and teams have their own feed (feed.xml beside the page).
        let feed = matches!(kind, TermKind::Factor | TermKind::Service | TermKind::Team).then_some("feed.xml");
        ctx.insert("feed_url", &feed);
        ctx.insert("singular", kind.singular());
        ctx.insert("name", &term.name);
        ctx.insert("label", &label);
        ctx.insert("description", &term.description);
        ctx.insert("incidents", &items);
        ctx.insert("years", &years);
        ctx.insert("co_factors", &self.counts(root, &term.co_factors(kind), TermKind::Factor));
        ctx.insert("services", &self.counts(root, &term.services(kind), TermKind::Service));
        self.theme.render("term.html", &ctx)
    }

    fn counts<'t>(&self, root: &str, v: &'t [(String, String, usize)], kind: TermKind) -> Vec<Count<'t>> {
        v.iter()
            .map(|(n, s, c)| Count {
                name: n,
                label: crate::render::views::term_label(self.cfg, kind, n),
                url: self.term_url(root, kind, s),
                count: *c,
            })
            .collect()
    }

    /// The board's context.
    fn board(&self) -> Result<tera::Context> {
        let root = "../";
        let mut ctx = self.context(root, "Board");
        let columns: Vec<Column> = self
            .indexes()
            .board
            .iter()
            .filter(|(s, items)| s.is_some() || !items.is_empty())
            .map(|(s, items)| Column {
                status: s.map_or("unknown", Status::as_str),
                label: match s {
                    Some(Status::Active) => "Active",
                    Some(Status::Mitigated) => "Mitigated",
                    Some(Status::Resolved) => "Resolved",
                    Some(Status::Closed) => "Closed",
                    None => "Phase unknown",
                },
                items: items.iter().map(|i| super::workflow::card(i, self.incident_href(root, i), self.today)).collect(),
            })
            .collect();
        ctx.insert("columns", &columns);
        Ok(ctx)
    }

    /// The ledger's context.
    fn ledger(&self) -> Result<tera::Context> {
        let root = "../";
        let mut ctx = self.context(root, "Action items");
        let incidents: Vec<&Incident> = self.docs.iter().map(|d| &d.incident).collect();
        let entries = ledger::entries(&incidents, self.today);
        let (by_status, overdue) = ledger::counts(&entries);
        let rows: Vec<LedgerRow> = entries
            .iter()
            .map(|e| LedgerRow {
                title_html: render_fragment(&e.item.title),
                incident_id: &e.incident.id,
                incident_title: &e.incident.title,
                incident_url: self.incident_href(root, e.incident),
                owner: e.item.owner.as_deref(),
                teams: e.incident.teams.join(", "),
                status: e.item.status.as_str(),
                kind: e.item.kind.map(|k| k.as_str()),
                due: e.item.due.map(display_date),
                due_iso: e.item.due.map(|d| d.to_string()),
                overdue: e.overdue,
                tracker: e.item.tracker.as_deref(),
                url: e.item.url.as_deref().filter(|u| u.starts_with("https://") || u.starts_with("http://")),
            })
            .collect();
        let mut owners: Vec<&str> = entries.iter().filter_map(|e| e.item.owner.as_deref()).collect();
        owners.sort_unstable();
        owners.dedup();
        let mut teams: Vec<&str> = entries.iter().flat_map(|e| e.incident.teams.iter().map(String::as_str)).collect();
        teams.sort_unstable();
        teams.dedup();
        let statuses: Vec<(&str, usize)> = ActionStatus::ALL.iter().zip(by_status).map(|(s, c)| (s.as_str(), c)).collect();
        ctx.insert("rows", &rows);
        ctx.insert("statuses", &statuses);
        ctx.insert("overdue", &overdue);
        ctx.insert("owners", &owners);
        ctx.insert("teams", &teams);
        ctx.insert("today", &self.today.to_string());
        Ok(ctx)
    }

    fn stats(&self) -> Result<String> {
        let root = "../";
        let mut ctx = self.context(root, "Statistics");
        let incidents: Vec<&Incident> = self.docs.iter().map(|d| &d.incident).collect();
        let scale: Vec<String> = self.cfg.severities.iter().map(|l| l.name.clone()).collect();
        let s = stats::compute(&incidents, &scale);
        let classes: Vec<String> = (1..=s.severities.len())
            .map(|i| if i > scale.len() { "c-sev-unknown".to_string() } else { format!("c-sev-{}", i.min(5)) })
            .collect();
        let months: Vec<String> = s.per_month.iter().map(|(m, _)| m.clone()).collect();
        let values: Vec<Vec<usize>> = s.per_month.iter().map(|(_, v)| v.clone()).collect();
        let per_month = charts::stacked_bars("chart-months", "Incidents per month by severity", &months, &s.severities, &classes, &values);
        let metric = |k: usize| -> Vec<(String, Option<Spread>)> { s.per_quarter.iter().map(|(q, v)| (q.clone(), v[k].clone())).collect() };
        let duration_charts = [
            charts::spreads("chart-ttd", "Time to detect per quarter", &metric(0)),
            charts::spreads("chart-ttm", "Time to mitigate per quarter", &metric(1)),
            charts::spreads("chart-ttr", "Time to resolve per quarter", &metric(2)),
        ];
        let factor_items: Vec<(String, String, usize)> =
            s.top_factors.iter().map(|(n, slug, c)| (n.clone(), self.term_url(root, TermKind::Factor, slug), *c)).collect();
        let factors = charts::hbars("chart-factors", "Top contributing factors", &factor_items);
        let overall: Vec<SpreadRow> = ["Time to detect", "Time to mitigate", "Time to resolve"]
            .iter()
            .zip(&s.overall)
            .map(|(label, sp)| SpreadRow {
                label,
                n: sp.as_ref().map_or(0, |x| x.n),
                // Fewer than five: the values, not a median of them.
                median: sp.as_ref().map_or("—".into(), |x| {
                    if x.few.is_empty() {
                        crate::datetime::human_duration(x.median)
                    } else {
                        format!(
                            "too few (values: {})",
                            x.few.iter().map(|v| crate::datetime::human_duration(*v)).collect::<Vec<_>>().join(", ")
                        )
                    }
                }),
                p90: sp.as_ref().filter(|x| x.few.is_empty()).map_or("—".into(), |x| crate::datetime::human_duration(x.p90)),
            })
            .collect();
        let matrix_cols: Vec<Count> = s
            .matrix_services
            .iter()
            .map(|(n, sl)| Count { name: n, label: n.to_string(), url: self.term_url(root, TermKind::Service, sl), count: 0 })
            .collect();
        let matrix_max = s.matrix.iter().flatten().copied().max().unwrap_or(1).max(1);
        let matrix_rows: Vec<(Count, Vec<(usize, usize)>)> = s
            .matrix_factors
            .iter()
            .zip(&s.matrix)
            .map(|((n, sl), row)| {
                (
                    Count {
                        name: n,
                        label: crate::render::views::term_label(self.cfg, TermKind::Factor, n),
                        url: self.term_url(root, TermKind::Factor, sl),
                        count: 0,
                    },
                    row.iter().map(|c| (*c, c * 4 / matrix_max + usize::from(*c > 0))).collect(),
                )
            })
            .collect();
        ctx.insert("total", &incidents.len());
        ctx.insert("dated", &s.dated);
        ctx.insert("chart_months", &per_month);
        ctx.insert("month_rows", &s.per_month);
        ctx.insert("severities", &s.severities);
        ctx.insert("duration_charts", &duration_charts);
        ctx.insert("overall", &overall);
        ctx.insert("chart_factors", &factors);
        ctx.insert("matrix_cols", &matrix_cols);
        ctx.insert("matrix_rows", &matrix_rows);
        self.theme.render("stats.html", &ctx)
    }
}
