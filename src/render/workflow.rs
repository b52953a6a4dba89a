//! Template views of the incident workflow: the phases on an incident page
//! (what got it to each phase, what is still needed for the next), and the
//! board's cards (next phase, what blocks it, age in phase, owner). The
//! facts come from [`crate::phases`].

use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use super::views::{ListItem, display_date};
use crate::markdown::render_fragment_in;
use crate::model::{ActionItem, ActionPhase, Incident};
use crate::phases;

/// One action item inside a phase.
#[derive(Debug, Serialize)]
pub struct PhaseItem<'a> {
    /// Title as HTML.
    pub title_html: String,
    /// Owner.
    pub owner: Option<&'a str>,
    /// `open`, `in-progress`, `done`, `wont-do`.
    pub status: &'static str,
    /// Due date, `5 Mar 2024`.
    pub due: Option<String>,
    /// Done date, `5 Mar 2024`.
    pub done: Option<String>,
    /// Due before today and not finished.
    pub overdue: bool,
}

/// One phase of an incident, for `partials/phases.html`.
#[derive(Debug, Serialize)]
pub struct PhaseView<'a> {
    /// `mitigate`, `resolve`, `close`.
    pub phase: &'static str,
    /// `Mitigate`.
    pub label: &'static str,
    /// The status it leads to: `mitigated`, `resolved`, `closed`.
    pub target: &'static str,
    /// The incident has reached it.
    pub reached: bool,
    /// The day it was reached, `5 Mar 2024`, when known.
    pub reached_on: Option<String>,
    /// It is the incident's next phase.
    pub next: bool,
    /// Its finished items: what got the incident there.
    pub finished: Vec<PhaseItem<'a>>,
    /// Its open items: what is still needed.
    pub open: Vec<PhaseItem<'a>>,
}

fn label(p: ActionPhase) -> &'static str {
    match p {
        ActionPhase::Mitigate => "Mitigate",
        ActionPhase::Resolve => "Resolve",
        ActionPhase::Close => "Close",
    }
}

fn item<'a>(a: &'a ActionItem, today: NaiveDate, doc_path: &Path) -> PhaseItem<'a> {
    PhaseItem {
        title_html: render_fragment_in(&a.title, doc_path),
        owner: a.owner.as_deref(),
        status: a.status.as_str(),
        due: a.due.map(display_date),
        done: a.done.map(display_date),
        overdue: a.due.is_some_and(|d| d < today) && !a.status.is_finished(),
    }
}

/// The phases of `inc`, or nothing when none of its action items has a
/// phase (the page then shows no phase section).
pub fn phases<'a>(inc: &'a Incident, today: NaiveDate, doc_path: &Path) -> Vec<PhaseView<'a>> {
    if inc.action_items.iter().all(|a| a.phase.is_none()) {
        return Vec::new();
    }
    let next = phases::flow(inc, today).next;
    phases::states(inc)
        .into_iter()
        .map(|s| PhaseView {
            phase: s.phase.as_str(),
            label: label(s.phase),
            target: s.phase.target().as_str(),
            reached: s.reached,
            reached_on: s.reached_on.filter(|_| s.reached).map(display_date),
            next: next == Some(s.phase),
            finished: s.finished.iter().map(|a| item(a, today, doc_path)).collect(),
            open: s.open.iter().map(|a| item(a, today, doc_path)).collect(),
        })
        .collect()
}

/// A board card: the list-row fields and the incident's flow.
#[derive(Debug, Serialize)]
pub struct CardView<'a> {
    /// The list-row fields (id, title, date, severity, status…).
    #[serde(flatten)]
    pub head: ListItem<'a>,
    /// The next phase, `resolve`, when there is one.
    pub next: Option<&'static str>,
    /// Its label, `Resolve`.
    pub next_label: Option<&'static str>,
    /// The open items of the next phase (plain-text titles).
    pub blockers: Vec<String>,
    /// Days in the current phase, when known.
    pub age_days: Option<i64>,
    /// `3 days`, `1 day`, `today`.
    pub age: Option<String>,
    /// Who owns the next step.
    pub owner: Option<String>,
}

/// The card of `inc` on the board.
pub fn card(inc: &Incident, url: String, today: NaiveDate) -> CardView<'_> {
    let f = phases::flow(inc, today);
    CardView {
        head: ListItem::new(inc, url),
        next: f.next.map(ActionPhase::as_str),
        next_label: f.next.map(label),
        blockers: f.blockers.iter().map(|a| crate::markdown::plain_text_of(&a.title)).collect(),
        age_days: f.age_days,
        age: f.age_days.map(|d| match d {
            0 => "today".to_string(),
            1 => "1 day".to_string(),
            d => format!("{d} days"),
        }),
        owner: f.owner,
    }
}
