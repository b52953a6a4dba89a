//! The weekly review: what happened in the archive during one review period,
//! built from the model and a date.
//!
//! For the period that ends on the build date (or `today`), the digest lists
//! the incidents opened, the phases reached (mitigated, resolved, closed),
//! the action items completed (by their `done` date) and those that became
//! overdue, the action items due in the next period, and the incidents stuck
//! in a phase for longer than a threshold. The site shows it as `review/`
//! with an Atom feed of the latest periods; `pmbook review` prints it as
//! Markdown (for meeting notes or a chat channel) or JSON.

use std::fmt::Write as _;

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use crate::model::{ActionItem, ActionPhase, Incident, Status};
use crate::phases;

/// What a digest covers.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    /// First day of the period (inclusive).
    pub from: NaiveDate,
    /// Last day of the period (inclusive): the build date or today.
    pub to: NaiveDate,
    /// Length of a review period in days (`[review] period`).
    pub period_days: u32,
    /// An incident in one phase for more days than this is stuck
    /// (`[review] stuck-after`).
    pub stuck_after_days: u32,
}

impl Window {
    /// The period of `period_days` days that ends on `to`, or the days from
    /// `since` to `to` when given.
    pub fn ending(to: NaiveDate, since: Option<NaiveDate>, period_days: u32, stuck_after_days: u32) -> Self {
        let period_days = period_days.max(1);
        let from = since.unwrap_or(to - Duration::days(i64::from(period_days) - 1)).min(to);
        Window { from, to, period_days, stuck_after_days }
    }

    fn contains(&self, d: NaiveDate) -> bool {
        self.from <= d && d <= self.to
    }

    /// The last day of the next period.
    pub fn next_until(&self) -> NaiveDate {
        self.to + Duration::days(i64::from(self.period_days))
    }
}

/// An incident in a digest.
#[derive(Debug, Clone, Serialize)]
pub struct IncidentRef {
    /// Id.
    pub id: String,
    /// Slug (the page is `incidents/<slug>/`).
    pub slug: String,
    /// Title.
    pub title: String,
    /// Severity.
    pub severity: Option<String>,
    /// Position of the severity in the scale, 1 = most severe.
    pub severity_rank: Option<u32>,
    /// Status.
    pub status: Option<&'static str>,
    /// Day of the incident.
    pub date: Option<NaiveDate>,
}

impl IncidentRef {
    fn of(inc: &Incident) -> Self {
        IncidentRef {
            id: inc.id.clone(),
            slug: inc.slug.clone(),
            title: inc.title.clone(),
            severity: inc.severity.clone(),
            severity_rank: inc.severity_rank,
            status: inc.status.map(Status::as_str),
            date: inc.date,
        }
    }
}

/// A phase an incident reached during the period.
#[derive(Debug, Clone, Serialize)]
pub struct PhaseReached {
    /// The incident.
    pub incident: IncidentRef,
    /// `mitigated`, `resolved` or `closed`.
    pub reached: &'static str,
    /// The day.
    pub on: NaiveDate,
}

/// An action item in a digest.
#[derive(Debug, Clone, Serialize)]
pub struct ItemRef {
    /// Its incident.
    pub incident: IncidentRef,
    /// Title (Markdown, one line).
    pub title: String,
    /// Owner.
    pub owner: Option<String>,
    /// `open`, `in-progress`, `done`, `wont-do`.
    pub status: &'static str,
    /// The phase it serves.
    pub phase: Option<&'static str>,
    /// Due date.
    pub due: Option<NaiveDate>,
    /// Done date.
    pub done: Option<NaiveDate>,
    /// Ticket id.
    pub tracker: Option<String>,
}

impl ItemRef {
    fn of(inc: &Incident, a: &ActionItem) -> Self {
        ItemRef {
            incident: IncidentRef::of(inc),
            title: a.title.clone(),
            owner: a.owner.clone(),
            status: a.status.as_str(),
            phase: a.phase.map(ActionPhase::as_str),
            due: a.due,
            done: a.done,
            tracker: a.tracker.clone(),
        }
    }
}

/// An incident in one phase for too long.
#[derive(Debug, Clone, Serialize)]
pub struct Stuck {
    /// The incident.
    pub incident: IncidentRef,
    /// Days in its current phase.
    pub days: i64,
    /// Its next phase.
    pub next: Option<&'static str>,
    /// The open action items of the next phase.
    pub blockers: Vec<String>,
    /// Who owns the next step.
    pub owner: Option<String>,
}

/// The review of one period.
#[derive(Debug, Clone, Serialize)]
pub struct Digest {
    /// First day (inclusive).
    pub from: NaiveDate,
    /// Last day (inclusive).
    pub to: NaiveDate,
    /// `[review] period`, in days.
    pub period_days: u32,
    /// Last day of the next period (for `due_next`).
    pub next_until: NaiveDate,
    /// `[review] stuck-after`, in days.
    pub stuck_after_days: u32,
    /// Incidents whose date is in the period, newest first.
    pub opened: Vec<IncidentRef>,
    /// Phases reached in the period, by day.
    pub phases_reached: Vec<PhaseReached>,
    /// Action items done in the period (by their `done` date), by day.
    pub completed: Vec<ItemRef>,
    /// Unfinished action items whose due date passed during the period.
    pub became_overdue: Vec<ItemRef>,
    /// Unfinished action items due from the end of this period to the end of the next.
    pub due_next: Vec<ItemRef>,
    /// Incidents (not closed) in one phase for more than `stuck_after_days`, longest first.
    pub stuck: Vec<Stuck>,
}

impl Digest {
    /// The digest of `incidents` over `w`.
    pub fn build(incidents: &[&Incident], w: Window) -> Self {
        let mut opened: Vec<IncidentRef> =
            incidents.iter().filter(|i| i.date.is_some_and(|d| w.contains(d))).map(|i| IncidentRef::of(i)).collect();
        opened.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));

        let mut phases_reached = Vec::new();
        for inc in incidents {
            for status in [Status::Mitigated, Status::Resolved, Status::Closed] {
                if inc.status.is_some_and(|s| s >= status)
                    && let Some(on) = phases::entered(inc, status).filter(|d| w.contains(*d))
                {
                    phases_reached.push(PhaseReached { incident: IncidentRef::of(inc), reached: status.as_str(), on });
                }
            }
        }
        phases_reached.sort_by(|a, b| (a.on, &a.incident.id).cmp(&(b.on, &b.incident.id)));

        let items = || incidents.iter().flat_map(|i| i.action_items.iter().map(move |a| (*i, a)));
        let mut completed: Vec<ItemRef> =
            items().filter(|(_, a)| a.done.is_some_and(|d| w.contains(d))).map(|(i, a)| ItemRef::of(i, a)).collect();
        completed.sort_by(|a, b| (a.done, &a.incident.id).cmp(&(b.done, &b.incident.id)));
        // Overdue from the day after the due date.
        let mut became_overdue: Vec<ItemRef> = items()
            .filter(|(_, a)| !a.status.is_finished() && a.due.is_some_and(|d| w.contains(d + Duration::days(1))))
            .map(|(i, a)| ItemRef::of(i, a))
            .collect();
        became_overdue.sort_by(|a, b| (a.due, &a.incident.id).cmp(&(b.due, &b.incident.id)));
        let next_until = w.next_until();
        let mut due_next: Vec<ItemRef> = items()
            .filter(|(_, a)| !a.status.is_finished() && a.due.is_some_and(|d| d >= w.to && d <= next_until))
            .map(|(i, a)| ItemRef::of(i, a))
            .collect();
        due_next.sort_by(|a, b| (a.due, &a.incident.id).cmp(&(b.due, &b.incident.id)));

        let mut stuck: Vec<Stuck> = incidents
            .iter()
            .filter(|i| i.status.is_some_and(|s| s != Status::Closed))
            .filter_map(|i| {
                let f = phases::flow(i, w.to);
                let days = f.age_days.filter(|d| *d > i64::from(w.stuck_after_days))?;
                Some(Stuck {
                    incident: IncidentRef::of(i),
                    days,
                    next: f.next.map(ActionPhase::as_str),
                    blockers: f.blockers.iter().map(|a| a.title.clone()).collect(),
                    owner: f.owner,
                })
            })
            .collect();
        stuck.sort_by(|a, b| b.days.cmp(&a.days).then_with(|| a.incident.id.cmp(&b.incident.id)));

        Digest {
            from: w.from,
            to: w.to,
            period_days: w.period_days,
            next_until,
            stuck_after_days: w.stuck_after_days,
            opened,
            phases_reached,
            completed,
            became_overdue,
            due_next,
            stuck,
        }
    }

    /// Nothing happened and nothing is pending.
    pub fn is_empty(&self) -> bool {
        self.opened.is_empty()
            && self.phases_reached.is_empty()
            && self.completed.is_empty()
            && self.became_overdue.is_empty()
            && self.due_next.is_empty()
            && self.stuck.is_empty()
    }

    /// `26 May – 1 Jun 2025`.
    pub fn period_label(&self) -> String {
        let to = self.to.format("%-d %b %Y").to_string();
        if self.from == self.to {
            to
        } else if self.from.format("%Y").to_string() == self.to.format("%Y").to_string() {
            format!("{} – {to}", self.from.format("%-d %b"))
        } else {
            format!("{} – {to}", self.from.format("%-d %b %Y"))
        }
    }

    /// The digest as Markdown, for meeting notes or a chat channel. With a
    /// `base_url`, incidents link to their pages.
    pub fn markdown(&self, title: &str, base_url: &str) -> String {
        let base = if base_url.is_empty() || base_url.ends_with('/') { base_url.to_string() } else { format!("{base_url}/") };
        let inc = |i: &IncidentRef| {
            let name = format!("{} {}", i.id, one_line(&i.title));
            if base.is_empty() { format!("**{name}**") } else { format!("[**{name}**]({base}incidents/{}/)", i.slug) }
        };
        let item = |a: &ItemRef, date: String| {
            let mut s = format!("- {}", one_line(&a.title));
            if let Some(o) = &a.owner {
                let _ = write!(s, " — {}", one_line(o));
            }
            let _ = write!(s, " ({date}; {}", inc(&a.incident));
            if let Some(p) = a.phase {
                let _ = write!(s, ", {p} phase");
            }
            s.push(')');
            s
        };
        let mut out = String::new();
        let _ = writeln!(out, "# Weekly review: {}\n", self.period_label());
        let _ = writeln!(
            out,
            "{}, {} to {} ({} day{}).\n",
            one_line(title),
            self.from,
            self.to,
            (self.to - self.from).num_days() + 1,
            if self.from == self.to { "" } else { "s" }
        );
        let mut section = |heading: String, lines: Vec<String>| {
            let _ = writeln!(out, "## {heading} ({})\n", lines.len());
            if lines.is_empty() {
                out.push_str("None.\n\n");
            } else {
                for l in lines {
                    out.push_str(&l);
                    out.push('\n');
                }
                out.push('\n');
            }
        };
        section(
            "Incidents opened".into(),
            self.opened
                .iter()
                .map(|i| {
                    let facts: Vec<&str> = [i.severity.as_deref(), i.status].into_iter().flatten().collect();
                    format!("- {}{}", inc(i), if facts.is_empty() { String::new() } else { format!(" ({})", facts.join(", ")) })
                })
                .collect(),
        );
        section(
            "Phases reached".into(),
            self.phases_reached.iter().map(|p| format!("- {}: {} on {}", inc(&p.incident), p.reached, p.on)).collect(),
        );
        section(
            "Action items completed".into(),
            self.completed.iter().map(|a| item(a, format!("done {}", a.done.map(|d| d.to_string()).unwrap_or_default()))).collect(),
        );
        section(
            "Action items that became overdue".into(),
            self.became_overdue
                .iter()
                .map(|a| item(a, format!("due {}, {}", a.due.map(|d| d.to_string()).unwrap_or_default(), a.status)))
                .collect(),
        );
        section(
            format!("Due by {}", self.next_until),
            self.due_next
                .iter()
                .map(|a| item(a, format!("due {}, {}", a.due.map(|d| d.to_string()).unwrap_or_default(), a.status)))
                .collect(),
        );
        section(
            format!("Stuck in a phase for more than {} days", self.stuck_after_days),
            self.stuck
                .iter()
                .map(|s| {
                    let mut l = format!("- {}: {} for {} days", inc(&s.incident), s.incident.status.unwrap_or("?"), s.days);
                    if let Some(n) = s.next {
                        let _ = write!(l, "; next: {n}");
                        if !s.blockers.is_empty() {
                            let titles: Vec<String> = s.blockers.iter().map(|b| one_line(b)).collect();
                            let _ = write!(l, ", blocked by {}", titles.join("; "));
                        }
                    }
                    if let Some(o) = &s.owner {
                        let _ = write!(l, " (owner: {})", one_line(o));
                    }
                    l
                })
                .collect(),
        );
        while out.ends_with("\n\n") {
            out.pop();
        }
        out
    }

    /// The digest as JSON (`{"review_version": 1, …}`).
    pub fn json(&self) -> String {
        let mut v = serde_json::to_value(self).unwrap_or_default();
        if let Some(o) = v.as_object_mut() {
            o.insert("review_version".into(), 1.into());
        }
        serde_json::to_string_pretty(&v).unwrap_or_default()
    }
}

/// Text on one line: line breaks become spaces.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let w = Window::ending(d("2025-06-01"), None, 7, 14);
        assert_eq!((w.from, w.next_until()), (d("2025-05-26"), d("2025-06-08")));
        assert!(w.contains(d("2025-05-26")) && !w.contains(d("2025-05-25")));
        let w = Window::ending(d("2025-06-01"), Some(d("2025-05-01")), 7, 14);
        assert_eq!(w.from, d("2025-05-01"));
        // A `since` after the end is the end.
        assert_eq!(Window::ending(d("2025-06-01"), Some(d("2025-07-01")), 7, 14).from, d("2025-06-01"));
    }

    #[test]
    fn period_labels() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let digest = |from, to| Digest::build(&[], Window::ending(d(to), Some(d(from)), 7, 14));
        assert_eq!(digest("2025-05-26", "2025-06-01").period_label(), "26 May – 1 Jun 2025");
        assert_eq!(digest("2024-12-29", "2025-01-04").period_label(), "29 Dec 2024 – 4 Jan 2025");
        assert!(digest("2025-05-26", "2025-06-01").is_empty());
    }
}
