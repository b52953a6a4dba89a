//! The archive's exports for programs: `incidents.json`, a compact index of
//! every incident (no bodies, no prose beyond the summary), and
//! `incidents/<slug>/index.json`, one incident's full model.
//!
//! Both are described by JSON Schemas the site publishes beside them
//! (`incidents.schema.json` and `incident.schema.json`, see
//! [`crate::schema`]). The index has its own version, [`INDEX_VERSION`];
//! the per-incident files carry the model's [`SCHEMA_VERSION`].

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

use crate::model::{Durations, Incident, SCHEMA_VERSION, Status};

/// Version of the shape of `incidents.json`. Bumped only on incompatible
/// changes; fields are only ever added within a version.
pub const INDEX_VERSION: u32 = 1;

/// One incident in `incidents.json`.
#[derive(Debug, Serialize)]
pub struct Entry<'a> {
    /// Unique id.
    pub id: &'a str,
    /// URL segment.
    pub slug: &'a str,
    /// Title.
    pub title: &'a str,
    /// Summary, Markdown (one or two sentences).
    pub summary: Option<&'a str>,
    /// Day of the incident.
    pub date: Option<NaiveDate>,
    /// Severity name from the scale.
    pub severity: Option<&'a str>,
    /// Position in the scale, 1 = most severe.
    pub severity_rank: Option<u32>,
    /// Lifecycle phase.
    pub status: Option<Status>,
    /// Affected services.
    pub services: &'a [String],
    /// Teams.
    pub teams: &'a [String],
    /// Tags.
    pub tags: &'a [String],
    /// Contributing factors.
    pub contributing_factors: &'a [String],
    /// Authors.
    pub authors: &'a [String],
    /// Ids of related incidents.
    pub related: &'a [String],
    /// Id of the incident this one repeats.
    pub recurrence_of: Option<&'a str>,
    /// Link to the incident's ticket in an issue tracker.
    pub ticket: Option<&'a str>,
    /// The milestones.
    pub impact: Milestones,
    /// Durations derived from the milestones, in seconds.
    pub durations: Durations,
    /// How much of each part there is.
    pub counts: Counts,
    /// Where the incident's page and full model are, relative to the site root.
    pub links: Links,
}

/// The four impact milestones (RFC 3339 with offset).
#[derive(Debug, Serialize)]
pub struct Milestones {
    /// When impact began.
    pub started: Option<DateTime<FixedOffset>>,
    /// When it was noticed.
    pub detected: Option<DateTime<FixedOffset>>,
    /// When impact stopped.
    pub mitigated: Option<DateTime<FixedOffset>>,
    /// When it was fixed.
    pub resolved: Option<DateTime<FixedOffset>>,
}

/// Sizes of an incident's parts.
#[derive(Debug, Serialize)]
pub struct Counts {
    /// Timeline entries.
    pub timeline: usize,
    /// Action items.
    pub action_items: usize,
    /// Action items neither done nor won't-do.
    pub open_action_items: usize,
    /// Open action items whose due date is before the build day.
    pub overdue_action_items: usize,
}

/// Paths of an incident, relative to the site root.
#[derive(Debug, Serialize)]
pub struct Links {
    /// The HTML page: `incidents/<slug>/`.
    pub page: String,
    /// The full model: `incidents/<slug>/index.json`.
    pub json: String,
}

impl<'a> Entry<'a> {
    /// The index entry of `inc`, which has `events` timeline events (its
    /// timeline may be spilled, see [`crate::spill`]); `today` decides what
    /// is overdue.
    pub fn of(inc: &'a Incident, events: usize, today: NaiveDate) -> Self {
        let open = || inc.action_items.iter().filter(|a| !a.status.is_finished());
        let i = &inc.impact;
        Entry {
            id: &inc.id,
            slug: &inc.slug,
            title: &inc.title,
            summary: inc.summary.as_deref(),
            date: inc.date,
            severity: inc.severity.as_deref(),
            severity_rank: inc.severity_rank,
            status: inc.status,
            services: &inc.services,
            teams: &inc.teams,
            tags: &inc.tags,
            contributing_factors: &inc.contributing_factors,
            authors: &inc.authors,
            related: &inc.related,
            recurrence_of: inc.recurrence_of.as_deref(),
            ticket: inc.ticket.as_deref(),
            impact: Milestones { started: i.started, detected: i.detected, mitigated: i.mitigated, resolved: i.resolved },
            durations: inc.durations,
            counts: Counts {
                timeline: events,
                action_items: inc.action_items.len(),
                open_action_items: open().count(),
                overdue_action_items: open().filter(|a| a.due.is_some_and(|d| d < today)).count(),
            },
            links: Links { page: format!("incidents/{}/", inc.slug), json: format!("incidents/{}/index.json", inc.slug) },
        }
    }
}

/// `incidents.json`: the index, newest first, HTML-safe: each incident
/// with its number of timeline events. Entries are serialised in parallel.
pub fn index_json(incidents: &[(&Incident, usize)], today: NaiveDate) -> String {
    use rayon::prelude::*;
    let parts: Vec<String> =
        incidents.par_iter().map(|(i, events)| crate::export::to_html_safe_json(&Entry::of(i, *events, today))).collect();
    let head = format!("{{\"index_version\":{INDEX_VERSION},\"schema_version\":{SCHEMA_VERSION},\"incidents\":[");
    let mut out = String::with_capacity(head.len() + parts.iter().map(|p| p.len() + 1).sum::<usize>() + 2);
    out.push_str(&head);
    for (n, part) in parts.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        out.push_str(part);
    }
    out.push_str("]}");
    out
}

/// One incident's full model, as `incidents/<slug>/index.json`.
#[derive(Debug, Serialize)]
pub struct IncidentFile<'a> {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The incident, in the shape of `pmbook inspect --format json`.
    pub incident: &'a Incident,
}

/// `incidents/<slug>/index.json`, HTML-safe.
pub fn incident_json(inc: &Incident) -> String {
    crate::export::to_html_safe_json(&IncidentFile { schema_version: SCHEMA_VERSION, incident: inc })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_has_no_bodies() {
        let doc = crate::content::SourceDoc {
            path: "a.md".into(),
            display: "a.md".into(),
            text: "---\nid: A-1\ntitle: T\nsummary: Short.\ndate: 2024-01-02\naction_items:\n  - title: x\n    due: 2024-01-01\n---\n\n## What happened\n\nA long body </script>.\n".into(),
        };
        let cfg = crate::Config::default();
        let zones = crate::datetime::ZoneTable::new(&cfg.time.zones);
        let inc = crate::understand::understand(&doc, std::path::Path::new("a.md"), &cfg, &zones).document.unwrap().incident;
        let today = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
        let json = index_json(&[(&inc, inc.timeline.len())], today);
        assert!(!json.contains("long body") && !json.contains("body_html"), "{json}");
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["incidents"][0]["counts"]["overdue_action_items"], 1);
        assert_eq!(v["incidents"][0]["links"]["json"], "incidents/a-1/index.json");
        let full = incident_json(&inc);
        assert!(full.contains("A long body") && full.contains("\\u003cp\\u003e"), "{full}");
    }
}
