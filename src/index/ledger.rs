//! The action-item ledger: every follow-up across the archive.

use chrono::NaiveDate;

use crate::model::{ActionItem, ActionStatus, Incident};

/// One follow-up with the incident it belongs to.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    /// The item.
    pub item: &'a ActionItem,
    /// Its incident.
    pub incident: &'a Incident,
    /// Due before the build date and not finished.
    pub overdue: bool,
}

/// The ledger, sorted: overdue first (oldest due first), then open and in
/// progress by due date, then done and won't-do.
pub fn entries<'a>(incidents: &[&'a Incident], today: NaiveDate) -> Vec<Entry<'a>> {
    let mut out: Vec<Entry<'a>> = incidents
        .iter()
        .flat_map(|inc| inc.action_items.iter().map(move |item| Entry { item, incident: inc, overdue: is_overdue(item, today) }))
        .collect();
    out.sort_by(|a, b| {
        let rank = |e: &Entry| (!e.overdue, e.item.status.is_finished(), e.item.due.is_none(), e.item.due);
        rank(a).cmp(&rank(b)).then_with(|| a.incident.id.cmp(&b.incident.id))
    });
    out
}

/// Due before `today` and neither done nor dropped.
pub fn is_overdue(item: &ActionItem, today: NaiveDate) -> bool {
    item.due.is_some_and(|d| d < today) && !item.status.is_finished()
}

/// Counts per status, in [`ActionStatus::ALL`] order, and overdue.
pub fn counts(entries: &[Entry<'_>]) -> ([usize; 4], usize) {
    let mut by = [0; 4];
    for e in entries {
        by[ActionStatus::ALL.iter().position(|s| *s == e.item.status).unwrap_or(0)] += 1;
    }
    (by, entries.iter().filter(|e| e.overdue).count())
}
