//! Template contexts: small views that borrow from the model and carry
//! values already formatted for display. No page gets the whole archive.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

use crate::config::Config;
use crate::datetime::{Zone, ZoneTable, human_duration};
use std::path::Path;

use crate::markdown::render_fragment_in;
use crate::model::{EventKind, Incident, Metric, Section};

/// A link with a label.
#[derive(Debug, Serialize)]
pub struct LinkView {
    /// Text.
    pub title: String,
    /// Relative URL from the current page.
    pub url: String,
}

/// How a term is shown: book.toml's `label`; else, for a contributing
/// factor, the default taxonomy's label (`Configuration change`), else its
/// slug in words (`missing-alert` → `Missing alert`). Services, teams and
/// tags keep their names, which are names of things.
pub fn term_label(cfg: &Config, kind: crate::index::TermKind, name: &str) -> String {
    use crate::index::TermKind;
    let vocabulary = match kind {
        TermKind::Factor => &cfg.factors,
        TermKind::Service => &cfg.services,
        TermKind::Team => &cfg.teams,
        _ => return name.to_string(),
    };
    if let Some(t) = vocabulary.iter().find(|t| t.name == name && !t.label.is_empty()) {
        return t.label.clone();
    }
    if kind != TermKind::Factor {
        return name.to_string();
    }
    if let Some(l) = crate::classify::taxonomy::label(name) {
        return l.to_string();
    }
    let slug_like = name.contains('-') && !name.contains(' ') && name.chars().all(|c| !c.is_uppercase());
    if !slug_like {
        return name.to_string();
    }
    let words = name.replace('-', " ");
    let mut chars = words.chars();
    chars.next().map_or(String::new(), |f| f.to_uppercase().chain(chars).collect())
}

/// A term of an incident (factor, service, team), and, when pmbook
/// inferred it rather than the front matter saying so, where from.
#[derive(Debug, Serialize)]
pub struct ChipView {
    /// The term.
    pub name: String,
    /// How it is shown (see [`term_label`]).
    pub label: String,
    /// "inferred from: …" text for inferred terms; `None` when declared.
    pub inferred: Option<String>,
}

/// Chips for `names`, marking those in `inc.inferred` for `field`.
pub fn chips(inc: &Incident, field: &str, names: &[String]) -> Vec<ChipView> {
    names
        .iter()
        .map(|n| ChipView {
            label: n.clone(),
            name: n.clone(),
            inferred: inc.inferred.iter().find(|i| i.field == field && i.value == *n).map(|i| {
                let at = i.line.map_or(String::new(), |l| format!(" (line {l})"));
                format!("inferred from: \u{201c}{}\u{201d}{at}", i.matched)
            }),
        })
        .collect()
}

/// An incident found similar, and why.
#[derive(Debug, Serialize)]
pub struct SimilarView {
    /// The incident.
    #[serde(flatten)]
    pub link: LinkView,
    /// What the two share: `factor: config-change · service: checkout-api`.
    pub reason: String,
}

/// What `a` and `b` share, in the order the similarity weighs it:
/// contributing factors, services, then tags.
pub fn shared_terms(a: &Incident, b: &Incident) -> String {
    let mut parts = Vec::new();
    for (label, x, y) in
        [("factor", &a.contributing_factors, &b.contributing_factors), ("service", &a.services, &b.services), ("tag", &a.tags, &b.tags)]
    {
        let shared: Vec<&str> =
            x.iter().filter(|t| y.iter().any(|u| crate::slug::slugify(u) == crate::slug::slugify(t))).map(String::as_str).collect();
        if !shared.is_empty() {
            let label = if shared.len() > 1 { format!("{label}s") } else { label.to_string() };
            parts.push(format!("{label}: {}", shared.join(", ")));
        }
    }
    parts.join(" · ")
}

/// One row of an incident list.
#[derive(Debug, Serialize)]
pub struct ListItem<'a> {
    /// Relative URL of the incident page.
    pub url: String,
    /// Incident id.
    pub id: &'a str,
    /// Title.
    pub title: &'a str,
    /// `5 Mar 2024`.
    pub date: Option<String>,
    /// `2024-03-05`.
    pub date_iso: Option<String>,
    /// Severity name.
    pub severity: Option<&'a str>,
    /// CSS class, `sev-1` … or `sev-unknown`.
    pub severity_class: String,
    /// Lifecycle phase.
    pub status: Option<&'static str>,
    /// Affected services.
    pub services: &'a [String],
    /// Summary as plain text (Markdown removed).
    pub summary: Option<String>,
}

impl<'a> ListItem<'a> {
    /// A list row for `inc`, linked from a page at `root`.
    pub fn new(inc: &'a Incident, url: String) -> Self {
        ListItem {
            url,
            id: &inc.id,
            title: &inc.title,
            date: inc.date.map(display_date),
            date_iso: inc.date.map(|d| d.to_string()),
            severity: inc.severity.as_deref(),
            severity_class: severity_class(inc.severity_rank),
            status: inc.status.map(|s| s.as_str()),
            services: &inc.services,
            summary: inc.summary.as_deref().map(crate::markdown::plain_text_of),
        }
    }
}

/// CSS class for a severity rank.
pub fn severity_class(rank: Option<u32>) -> String {
    rank.map_or_else(|| "sev-unknown".to_string(), |r| format!("sev-{}", r.min(5)))
}

/// `5 Mar 2024`.
pub fn display_date(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

/// Shows instants in the incident's own zone when it has one.
pub struct Clock {
    zone: Option<Zone>,
}

impl Clock {
    /// The display zone of `inc`: its declared `timezone`, else the zone
    /// most of its timeline was written in, else book.toml's default.
    pub fn for_incident(inc: &Incident, cfg: &Config) -> Self {
        let table = ZoneTable::new(&cfg.time.zones);
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for z in inc.timeline.iter().filter_map(|e| e.zone.as_deref()) {
            match counts.iter_mut().find(|(n, _)| *n == z) {
                Some((_, c)) => *c += 1,
                None => counts.push((z, 1)),
            }
        }
        let written = counts.iter().max_by_key(|(_, c)| *c).map(|(z, _)| *z);
        let zone = inc.timezone.as_deref().or(written).or(cfg.time.default_zone.as_deref()).and_then(|z| table.zone(z));
        Clock { zone }
    }

    /// (date `5 Mar 2024`, time `09:12`, zone label `PST` / `UTC+05:30`).
    pub fn parts(&self, t: DateTime<FixedOffset>) -> (String, String, String) {
        match self.zone {
            Some(Zone::Named(tz)) => {
                let l = t.with_timezone(&tz);
                (l.format("%-d %b %Y").to_string(), l.format("%H:%M").to_string(), l.format("%Z").to_string())
            }
            Some(Zone::Fixed(off)) => {
                let l = t.with_timezone(&off);
                (l.format("%-d %b %Y").to_string(), l.format("%H:%M").to_string(), offset_label(off))
            }
            None => (t.format("%-d %b %Y").to_string(), t.format("%H:%M").to_string(), offset_label(*t.offset())),
        }
    }
}

fn offset_label(off: FixedOffset) -> String {
    let secs = off.local_minus_utc();
    if secs == 0 {
        return "UTC".into();
    }
    let sign = if secs < 0 { '−' } else { '+' };
    let (h, m) = (secs.abs() / 3600, (secs.abs() % 3600) / 60);
    if m == 0 { format!("UTC{sign}{h}") } else { format!("UTC{sign}{h}:{m:02}") }
}

/// An impact milestone for the page header.
#[derive(Debug, Serialize)]
pub struct MilestoneView {
    /// `started`, `detected`, `mitigated`, `resolved`.
    pub key: &'static str,
    /// Display label.
    pub label: &'static str,
    /// `5 Mar 2024 09:12 PST`, or `None` when unknown.
    pub display: Option<String>,
    /// RFC 3339.
    pub iso: Option<String>,
}

/// A derived duration.
#[derive(Debug, Serialize)]
pub struct DurationView {
    /// `Time to detect`.
    pub label: &'static str,
    /// `14m`.
    pub value: String,
}

/// One timeline entry.
#[derive(Debug, Serialize)]
pub struct EventView {
    /// The date, shown only on the first event of each day.
    pub day: Option<String>,
    /// `09:12`, or the time as written when it could not be resolved.
    pub time: String,
    /// Zone label.
    pub zone: String,
    /// RFC 3339, when resolved.
    pub iso: Option<String>,
    /// Event kind.
    pub kind: Option<&'static str>,
    /// The entry's HTML.
    pub html: String,
    /// The milestone this event marks (`detected`, …), if any.
    pub milestone: Option<&'static str>,
}

/// One action item row.
#[derive(Debug, Serialize)]
pub struct ActionView<'a> {
    /// Title as HTML.
    pub title_html: String,
    /// Owner.
    pub owner: Option<&'a str>,
    /// `open`, `in-progress`, `done`, `wont-do`.
    pub status: &'static str,
    /// `5 Mar 2024`.
    pub due: Option<String>,
    /// `2024-03-05`.
    pub due_iso: Option<String>,
    /// Due before today and not finished.
    pub overdue: bool,
    /// Kind.
    pub kind: Option<&'static str>,
    /// Ticket id.
    pub tracker: Option<&'a str>,
    /// Ticket link (http/https only).
    pub url: Option<&'a str>,
}

/// Everything the incident template gets.
#[derive(Debug, Serialize)]
pub struct IncidentView<'a> {
    /// The list-row fields (id, title, date, severity, status, services…).
    #[serde(flatten)]
    pub head: ListItem<'a>,
    /// Severity label from the scale (`Critical`).
    pub severity_label: Option<&'a str>,
    /// Summary as HTML, when the header shows it (not when the body says it).
    pub summary_html: Option<String>,
    /// Teams.
    pub teams: &'a [String],
    /// Tags.
    pub tags: &'a [String],
    /// Contributing factors.
    pub contributing_factors: &'a [String],
    /// Authors.
    pub authors: &'a [String],
    /// Milestones, always four, in order.
    pub milestones: Vec<MilestoneView>,
    /// Derived durations that are known.
    pub durations: Vec<DurationView>,
    /// Impact prose as HTML.
    pub impact_html: Option<String>,
    /// Impact figures.
    pub metrics: &'a [Metric],
    /// Timeline.
    pub timeline: Vec<EventView>,
    /// Root cause as HTML.
    pub root_cause_html: Option<String>,
    /// Action items.
    pub action_items: Vec<ActionView<'a>>,
    /// Open (not done or won't-do) action items.
    pub open_actions: usize,
    /// The incident's ticket (http/https only).
    pub ticket: Option<&'a str>,
    /// The phases (mitigate, resolve, close) with their action items; empty
    /// when no action item has a phase.
    pub phases: Vec<super::workflow::PhaseView<'a>>,
    /// The body's HTML (`blocks` hold it in page order).
    pub body_html: &'a str,
    /// Body headings.
    pub sections: &'a [Section],
    /// The main column in page order: stretches of the body and the
    /// structured parts, each part once (see `render::layout`).
    pub blocks: Vec<crate::render::layout::Block<'a>>,
    /// The table of contents, in page order.
    pub toc: Vec<crate::render::layout::TocEntry>,
    /// Incidents the authors linked (`related`, either direction).
    pub related: Vec<LinkView>,
    /// Incidents pmbook found similar, with what they share.
    pub similar: Vec<SimilarView>,
    /// The incident this one repeats.
    pub recurrence_of: Option<LinkView>,
    /// Later incidents that repeat this one.
    pub recurrences: Vec<LinkView>,
    /// Source file path.
    pub source_path: String,
    /// Contributing factors, linked to their pages.
    pub factor_links: Vec<LinkView>,
    /// Services, linked to their pages.
    pub service_links: Vec<LinkView>,
    /// Teams, linked to their pages.
    pub team_links: Vec<LinkView>,
    /// Tags, linked to their pages.
    pub tag_links: Vec<LinkView>,
    /// The severity's page.
    pub severity_url: Option<String>,
    /// Contributing factors as chips (inferred ones marked).
    pub factor_chips: Vec<ChipView>,
    /// Services as chips (inferred ones marked).
    pub service_chips: Vec<ChipView>,
    /// Teams as chips (inferred ones marked).
    pub team_chips: Vec<ChipView>,
    /// "inferred from: …" when the severity was inferred from the text.
    pub severity_inferred: Option<String>,
    /// The year's page.
    pub year_url: Option<String>,
}

const MILESTONES: [(&str, &str); 4] =
    [("started", "Impact started"), ("detected", "Detected"), ("mitigated", "Mitigated"), ("resolved", "Resolved")];

/// Milestone views and derived durations.
pub fn milestones(inc: &Incident, clock: &Clock) -> (Vec<MilestoneView>, Vec<DurationView>) {
    let i = &inc.impact;
    let values = [i.started, i.detected, i.mitigated, i.resolved];
    let ms = MILESTONES
        .iter()
        .zip(values)
        .map(|((key, label), t)| MilestoneView {
            key,
            label,
            display: t.map(|t| {
                let (d, h, z) = clock.parts(t);
                format!("{d} {h} {z}")
            }),
            iso: t.map(|t| t.to_rfc3339()),
        })
        .collect();
    let d = &inc.durations;
    let durations =
        [("Time to detect", d.time_to_detect), ("Time to mitigate", d.time_to_mitigate), ("Time to resolve", d.time_to_resolve)]
            .into_iter()
            .filter_map(|(label, s)| s.map(|s| DurationView { label, value: human_duration(s) }))
            .collect();
    (ms, durations)
}

/// Timeline views, with day headers and milestone marks.
pub fn timeline(inc: &Incident, clock: &Clock, doc_path: &Path) -> Vec<EventView> {
    let i = &inc.impact;
    let marks = [("started", i.started), ("detected", i.detected), ("mitigated", i.mitigated), ("resolved", i.resolved)];
    let mut used = [false; 4];
    let mut last_day = String::new();
    inc.timeline
        .iter()
        .map(|e| {
            let (day, time, zone) = match e.at {
                Some(t) => {
                    let (d, h, z) = clock.parts(t);
                    let day = (d != last_day).then(|| d.clone());
                    last_day = d;
                    (day, h, z)
                }
                // A day with no clock time: the day heads the entry, with
                // no time shown for it.
                None => match e.date {
                    Some(date) => {
                        let d = date.format("%-d %b %Y").to_string();
                        let date_only = crate::datetime::parse_date(e.time_text.trim()).is_ok();
                        let day = (d != last_day).then(|| d.clone());
                        last_day = d;
                        (day, if date_only { String::new() } else { e.time_text.clone() }, String::new())
                    }
                    None => (None, e.time_text.clone(), String::new()),
                },
            };
            // An event at a milestone's instant marks it; when several
            // milestones share the instant, the one its kind names wins.
            let own = match e.kind {
                Some(EventKind::Impact | EventKind::Trigger) => Some(0),
                Some(EventKind::Alert | EventKind::Detection) => Some(1),
                Some(EventKind::Mitigation) => Some(2),
                Some(EventKind::Resolution) => Some(3),
                _ => None,
            };
            let candidates: Vec<usize> = (0..4).filter(|&n| !used[n] && marks[n].1.is_some() && marks[n].1 == e.at).collect();
            let chosen = own.filter(|o| candidates.contains(o)).or(candidates.first().copied());
            let mut milestone = None;
            if let Some(n) = chosen {
                for &c in &candidates {
                    used[c] = true;
                }
                milestone = Some(marks[n].0);
            }
            EventView {
                day,
                time,
                zone,
                iso: e.at.map(|t| t.to_rfc3339()),
                kind: e.kind.map(EventKind::as_str),
                html: render_fragment_in(&e.text, doc_path),
                milestone,
            }
        })
        .collect()
}

/// Action item views; `today` decides what is overdue.
pub fn actions<'a>(inc: &'a Incident, today: NaiveDate, doc_path: &Path) -> Vec<ActionView<'a>> {
    inc.action_items
        .iter()
        .map(|a| ActionView {
            title_html: render_fragment_in(&a.title, doc_path),
            owner: a.owner.as_deref(),
            status: a.status.as_str(),
            due: a.due.map(display_date),
            due_iso: a.due.map(|d| d.to_string()),
            overdue: a.due.is_some_and(|d| d < today) && !a.status.is_finished(),
            kind: a.kind.map(|k| k.as_str()),
            tracker: a.tracker.as_deref(),
            url: a.url.as_deref().filter(|u| u.starts_with("https://") || u.starts_with("http://")),
        })
        .collect()
}
