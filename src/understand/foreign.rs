//! Front matter written for other tools: blog engines (whose `date` is the
//! publication day), status pages (`resolvedWhen`), curated lists
//! (`company`, `url`).

use chrono::NaiveDate;

use super::Builder;
use crate::frontmatter::Node;
use crate::model::Provenance;

/// Where a curated list names the organisation (for a title).
const ORGANISATION_KEYS: [&str; 3] = ["company", "organisation", "organization"];
/// Where a curated list gives the source address (a date in it dates the incident).
const URL_KEYS: [&str; 3] = ["url", "source", "link"];
/// Where a status page says when the incident was resolved.
const RESOLVED_KEYS: [&str; 8] =
    ["resolvedWhen", "resolved_when", "resolvedAt", "resolved_at", "resolvedDate", "resolved_date", "resolvedOn", "resolved_on"];

/// Where a blog engine without `date` says when a post went out.
pub(super) const PUBLISHED_KEYS: [&str; 6] = ["created_at", "created", "published", "pubDate", "publishDate", "publish_date"];

/// Whether `key` is another tool's key that pmbook reads for what it
/// implies (so it is not reported as ignored).
pub(super) fn reads(key: &str) -> bool {
    key == "product"
        || key == "resolved"
        || ORGANISATION_KEYS.contains(&key)
        || URL_KEYS.contains(&key)
        || RESOLVED_KEYS.contains(&key)
        || PUBLISHED_KEYS.contains(&key)
}

impl Builder<'_, '_> {
    /// `Company: first sentence of the summary` for a document without any
    /// title, from `company` (`organisation`, `organization`) and `product`.
    pub(super) fn organisation_title(&self, summary: Option<&str>) -> Option<(String, &'static str)> {
        let key = ORGANISATION_KEYS.into_iter().find(|k| self.node.get(k).and_then(Node::as_text).is_some_and(|t| !t.trim().is_empty()))?;
        let mut name = self.node.get(key)?.as_text()?.trim().to_string();
        if let Some(p) = self.node.get("product").and_then(Node::as_text).filter(|p| !p.trim().is_empty()) {
            name = format!("{name} {}", p.trim());
        }
        let first = summary
            .map(|s| crate::extract::sentences(&crate::extract::blocks::join_lines(s)).into_iter().next().unwrap_or_default())
            .unwrap_or_default();
        let first = crate::markdown::plain_text_of(&first);
        let short: String = if first.chars().count() > 90 { first.chars().take(87).collect::<String>() + "…" } else { first };
        Some((if short.is_empty() { name } else { format!("{name}: {short}") }, key))
    }

    /// A `YYYY-MM-DD` date inside the front matter's `url` (`source`, `link`).
    pub(super) fn url_date(&self) -> Option<NaiveDate> {
        let url = URL_KEYS.into_iter().find_map(|k| self.node.get(k).and_then(Node::as_text))?;
        let b = url.as_bytes();
        (0..b.len().saturating_sub(9)).find_map(|i| {
            let shape = crate::extract::when::iso_day_at(b, i);
            let alone = (i == 0 || !b[i - 1].is_ascii_digit()) && b.get(i + 10).is_none_or(|c| !c.is_ascii_digit());
            (shape && alone).then(|| NaiveDate::parse_from_str(&url[i..i + 10], "%Y-%m-%d").ok()).flatten()
        })
    }

    /// `created_at: Thu Jan 31 2013 13:00:00 CET`: in blog front matter
    /// without `date`, a blog engine's other names for the day a post went
    /// out, written as it likes. Returns the incident's day (an earlier day
    /// the title or opening names, else the post's) and the post's day, and
    /// records where the first came from.
    pub(super) fn engine_published(&mut self, title: Option<&str>, body_text: &str, body_line: usize) -> Option<(NaiveDate, NaiveDate)> {
        if !self.is_blog_front_matter() {
            return None;
        }
        let (key, d) = PUBLISHED_KEYS.iter().find_map(|k| {
            let text = self.node.get(k)?.as_text()?;
            // `Mon Sep 24 21:00:00 CEST 2012`: the year last, as `date` prints it.
            let year = crate::extract::when::first_year(&text);
            Some((*k, crate::extract::when::find_date(&text, None).or_else(|| crate::extract::when::find_date(&text, year))?))
        })?;
        let found = super::dates::incident_day(d, title, body_text, body_line);
        let day = found.as_ref().map_or(d, |(day, _, _)| *day);
        let provenance = match found {
            Some((_, line, detail)) => {
                Provenance::body(line, format!("{detail}; the front-matter `{key}` ({d}) is the publication date, kept as `published`"))
            }
            None => Provenance {
                from: "front-matter",
                line: Some(self.r.loc.line(key)),
                detail: Some(format!("`{key}`, the day the post went out")),
            },
        };
        self.prov.insert("date".into(), provenance);
        Some((day, d))
    }

    /// The status page's key for the resolution time, if the front matter has one.
    fn resolved_key(&self) -> Option<&'static str> {
        RESOLVED_KEYS.into_iter().find(|k| self.node.get(k).is_some())
    }

    /// A status page's incident (cState and the like: `resolvedWhen`
    /// beside `date`): `date` is when it was opened and `resolvedWhen` when
    /// it was resolved. They fill the milestones the body leaves open.
    pub(super) fn status_page_window(&self) -> Option<crate::extract::prose::Window> {
        // Statusfy and cState pages also mark an incident `resolved: true`
        // without saying when: `date` still says when it was opened.
        let resolved_key = self.resolved_key();
        // A status site's page that gives its phase and the time it was
        // opened (`status: resolved` beside `date: 2022-06-27 23:32:00
        // +0000`), as hand-made status sites on blog engines write them.
        let phase = self.node.get("status").and_then(Node::as_text).map(|s| s.trim().to_ascii_lowercase());
        let phased_and_timed = matches!(phase.as_deref(), Some("resolved" | "investigating" | "identified" | "monitoring"))
            && self.node.get("date").and_then(Node::as_text).is_some_and(|d| d.contains(':'))
            && self.node.get("timeline").is_none()
            && self.node.get("impact").is_none();
        if resolved_key.is_none() && !matches!(self.node.get("resolved"), Some(Node::Bool(_))) && !phased_and_timed {
            return None;
        }
        let parsed = |key: &str| {
            let text = self.node.get(key)?.as_text()?;
            let p = crate::datetime::parse_time(&text, self.r.zones).ok()?;
            Some((p.date?.and_time(p.time), p.zone))
        };
        let (open, close) = (parsed("date"), resolved_key.and_then(parsed));
        let at = |p: Option<(chrono::NaiveDateTime, Option<crate::datetime::Zone>)>| p.and_then(|(t, z)| Some(z?.resolve(t)));
        // Written without a zone: the times on the page's own clock.
        let wall = |p: Option<(chrono::NaiveDateTime, Option<crate::datetime::Zone>)>| p.filter(|(_, z)| z.is_none()).map(|(t, _)| t);
        let (started, resolved) = (at(open), at(close));
        let resolved = resolved.filter(|r| started.is_none_or(|s| *r > s));
        let local = (wall(open), wall(close).filter(|r| wall(open).is_none_or(|s| *r > s)));
        (started.is_some() || resolved.is_some() || local.0.is_some() || local.1.is_some()).then(|| crate::extract::prose::Window {
            started,
            resolved,
            line: self.r.loc.line("date"),
            detail: match resolved_key {
                Some(key) => format!("status-page front matter: `date` opened it, `{key}` resolved it"),
                None => "status-page front matter: `date` opened it".to_string(),
            },
            declared: false,
            stated_start: false,
            local,
        })
    }

    /// A status page's incident has a timeline of two entries even when its
    /// updates carry no times: opened (`date`) and resolved (`resolvedWhen`).
    /// Only instants (a zone was written) make entries.
    pub(super) fn status_page_events(&self, w: &crate::extract::prose::Window) -> Vec<crate::model::TimelineEvent> {
        use crate::model::{EventKind, TimelineEvent};
        let resolved_key = self.resolved_key();
        let entry = |at: chrono::DateTime<chrono::FixedOffset>, key: &str, kind: Option<EventKind>, text: &str| TimelineEvent {
            at: Some(at),
            date: Some(at.date_naive()),
            time_text: self.node.get(key).and_then(Node::as_text).unwrap_or_default(),
            zone: Some(crate::datetime::Zone::Fixed(*at.offset()).to_string()),
            kind,
            text: text.to_string(),
            line: self.r.loc.line(key),
            after_midnight: false,
        };
        let mut out = Vec::new();
        if let Some(at) = w.started {
            out.push(entry(at, "date", None, "Incident opened on the status page"));
        }
        if let (Some(at), Some(key)) = (w.resolved, resolved_key) {
            out.push(entry(at, key, Some(EventKind::Resolution), "Marked resolved on the status page"));
        }
        out
    }

    /// Front matter written for a blog or docs engine (Hugo, Jekyll, mkdocs,
    /// Docusaurus, Zola), not for pmbook: its `date` is when the post went
    /// out, which may be days after the incident.
    pub(super) fn is_blog_front_matter(&self) -> bool {
        const OURS: &[&str] =
            &["id", "severity", "status", "impact", "timeline", "root_cause", "action_items", "timezone", "contributing_factors"];
        !OURS.iter().any(|k| self.node.get(k).is_some())
    }
}

#[cfg(test)]
mod tests;
