//! The phases of an incident and the follow-ups that serve them.
//!
//! An incident moves active → mitigated → resolved → closed, and each step
//! has its own work: it is mitigated by its `mitigate` action items (stop
//! the impact), resolved by its `resolve` items (fix the cause properly) and
//! closed by its `close` items (make sure it cannot happen again). An item
//! names its phase with `phase:`, or takes it from its `kind`
//! ([`ActionPhase::from_kind`]). No phase may be skipped, later phases are
//! not less important, and different people can own different phases.
//!
//! This module answers, for one incident: which phases it has reached and
//! with what, what its next phase is, what still blocks it, how long it has
//! been in its current phase and who owns the next step; and the `check`
//! rules about open work in a phase already reached.

use chrono::NaiveDate;

use crate::config::{Config, FindingLevel};
use crate::diagnostics::Diagnostic;
use crate::model::{ActionItem, ActionPhase, ActionStatus, Incident, Status};

/// One phase of one incident.
#[derive(Debug)]
pub struct PhaseState<'a> {
    /// The phase.
    pub phase: ActionPhase,
    /// The incident's status is this phase's target or later.
    pub reached: bool,
    /// The day the phase was reached, when known (the mitigated or resolved
    /// milestone; for `close`, the last `done` date of its items).
    pub reached_on: Option<NaiveDate>,
    /// Its items that are done or won't be done.
    pub finished: Vec<&'a ActionItem>,
    /// Its items still open or in progress.
    pub open: Vec<&'a ActionItem>,
}

/// Whether the incident has reached `phase` (its status is the phase's
/// target or later). An unknown status has reached nothing.
pub fn reached(inc: &Incident, phase: ActionPhase) -> bool {
    inc.status.is_some_and(|s| s >= phase.target())
}

/// The three phases of `inc`, in order, with their items.
pub fn states(inc: &Incident) -> Vec<PhaseState<'_>> {
    ActionPhase::ALL
        .into_iter()
        .map(|phase| {
            let items: Vec<&ActionItem> = inc.action_items.iter().filter(|a| a.phase == Some(phase)).collect();
            let (finished, open): (Vec<&ActionItem>, Vec<&ActionItem>) = items.into_iter().partition(|a| a.status.is_finished());
            PhaseState { phase, reached: reached(inc, phase), reached_on: entered(inc, phase.target()), finished, open }
        })
        .collect()
}

/// The day the incident entered `status`, when the model says: the start
/// (or detection, or the incident's date) for `active`, the milestones for
/// `mitigated` and `resolved`, and for `closed` the last `done` date of its
/// close-phase items, when they all have one.
pub fn entered(inc: &Incident, status: Status) -> Option<NaiveDate> {
    let i = &inc.impact;
    match status {
        Status::Active => i.started.or(i.detected).map(|t| t.date_naive()).or(inc.date),
        Status::Mitigated => i.mitigated.map(|t| t.date_naive()),
        Status::Resolved => i.resolved.map(|t| t.date_naive()),
        Status::Closed => {
            let close: Vec<&ActionItem> = inc.action_items.iter().filter(|a| a.phase == Some(ActionPhase::Close)).collect();
            if close.is_empty() || close.iter().any(|a| a.done.is_none()) { None } else { close.iter().filter_map(|a| a.done).max() }
        }
    }
}

/// Where an incident stands, for the board: its next phase, what blocks it,
/// how long it has been in its current phase, and who owns the next step.
#[derive(Debug)]
pub struct Flow<'a> {
    /// The next phase (`None` when closed, or when the status is unknown).
    pub next: Option<ActionPhase>,
    /// The next phase's open items: the work between the incident and it.
    pub blockers: Vec<&'a ActionItem>,
    /// Days since the incident entered its current phase (`None` when that
    /// day is unknown, or in the future).
    pub age_days: Option<i64>,
    /// Who owns the next step: the owners of the blocking items, else the
    /// incident's first team, else its first author.
    pub owner: Option<String>,
}

/// The [`Flow`] of `inc` on `today`.
pub fn flow(inc: &Incident, today: NaiveDate) -> Flow<'_> {
    let next = match inc.status {
        None | Some(Status::Closed) => None,
        Some(s) => ActionPhase::ALL.into_iter().find(|p| p.target() > s),
    };
    let blockers: Vec<&ActionItem> =
        inc.action_items.iter().filter(|a| next.is_some() && a.phase == next && !a.status.is_finished()).collect();
    let age_days = inc.status.and_then(|s| entered(inc, s)).map(|d| (today - d).num_days()).filter(|d| *d >= 0);
    let mut owners: Vec<&str> = Vec::new();
    for o in blockers.iter().filter_map(|a| a.owner.as_deref()) {
        if !owners.contains(&o) {
            owners.push(o);
        }
    }
    let owner = if owners.is_empty() { inc.teams.first().or(inc.authors.first()).cloned() } else { Some(owners.join(", ")) };
    Flow { next, blockers, age_days, owner }
}

/// The `check` rules of phases, for one incident:
///
/// - `phase-actions-open`: an action item whose phase the incident has
///   reached is still open. A warning; for a `closed` incident's close-phase
///   items, `[check] closed-phase-actions` (default `"error"`).
/// - `done-date`: an item with a `done` date whose status is not `done`, or
///   a `done` date before the incident's date. A warning.
///
/// Only items written in front matter are held to these rules: the status
/// of an item recognised in the body is rarely written, and defaults to
/// open. A skipped phase (a status without the milestones before it) is
/// `status-milestones`, in [`crate::check`].
pub fn check(inc: &Incident, cfg: &Config) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if inc.provenance.get("action_items").is_none_or(|p| p.from != "front-matter") {
        return out;
    }
    let file = || inc.source.path.clone();
    for a in &inc.action_items {
        if let Some(phase) = a.phase.filter(|p| reached(inc, *p))
            && !a.status.is_finished()
        {
            let status = inc.status.map_or("", Status::as_str);
            let closing = phase == ActionPhase::Close && inc.status == Some(Status::Closed);
            let d = if closing {
                let message = format!(
                    "action item \"{}\" serves the `close` phase, and the incident is `closed` while it is still {}",
                    a.title,
                    a.status.as_str()
                );
                match cfg.check.closed_phase_actions {
                    FindingLevel::Error => Diagnostic::error("phase-actions-open", file(), a.line, message),
                    FindingLevel::Warning => Diagnostic::warning("phase-actions-open", file(), a.line, message),
                    FindingLevel::Off => continue,
                }
                .with_help("finish it (`status: done`, with a `done` date) or drop it (`wont-do`), or set the incident back to `resolved`")
            } else {
                Diagnostic::warning(
                    "phase-actions-open",
                    file(),
                    a.line,
                    format!(
                        "action item \"{}\" serves the `{}` phase, which the incident has reached (status `{status}`), and it is still {}",
                        a.title,
                        phase.as_str(),
                        a.status.as_str()
                    ),
                )
                .with_help("update its status, or give it the phase it really serves (`phase: resolve` or `phase: close`)")
            };
            out.push(d);
        }
        if let Some(done) = a.done {
            if a.status != ActionStatus::Done {
                out.push(
                    Diagnostic::warning(
                        "done-date",
                        file(),
                        a.line,
                        format!("action item \"{}\" has a `done` date ({done}) but its status is `{}`", a.title, a.status.as_str()),
                    )
                    .with_help("set `status: done`, or remove the `done` date"),
                );
            } else if inc.date.is_some_and(|d| done < d) {
                out.push(
                    Diagnostic::warning(
                        "done-date",
                        file(),
                        a.line,
                        format!("action item \"{}\" was done on {done}, before the incident ({})", a.title, inc.date.unwrap_or(done)),
                    )
                    .with_help("check the year of the `done` date"),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActionKind, Provenance};

    fn item(title: &str, kind: ActionKind, status: ActionStatus, line: usize) -> ActionItem {
        ActionItem {
            owner: Some(format!("{title}-owner")),
            status,
            kind: Some(kind),
            phase: Some(ActionPhase::from_kind(kind)),
            ..ActionItem::open(title, line)
        }
    }

    fn incident(status: Status, items: Vec<ActionItem>) -> Incident {
        let mut inc = Incident::blank();
        inc.source.body_line = 20;
        inc.status = Some(status);
        inc.date = NaiveDate::from_ymd_opt(2024, 5, 1);
        inc.impact.started = chrono::DateTime::parse_from_rfc3339("2024-05-01T10:00:00Z").ok();
        inc.impact.mitigated = chrono::DateTime::parse_from_rfc3339("2024-05-02T10:00:00Z").ok();
        inc.action_items = items;
        inc.provenance.insert("action_items".into(), Provenance::front_matter(10));
        inc
    }

    #[test]
    fn phases_default_from_kind() {
        assert_eq!(ActionPhase::from_kind(ActionKind::Mitigate), ActionPhase::Mitigate);
        assert_eq!(ActionPhase::from_kind(ActionKind::Repair), ActionPhase::Resolve);
        assert_eq!(ActionPhase::from_kind(ActionKind::Prevent), ActionPhase::Close);
        assert_eq!(ActionPhase::from_kind(ActionKind::Process), ActionPhase::Close);
        assert_eq!(ActionPhase::parse("Mitigated"), Some(ActionPhase::Mitigate));
        assert_eq!(ActionPhase::parse("closure"), Some(ActionPhase::Close));
    }

    #[test]
    fn next_phase_blockers_age_and_owner() {
        let inc = incident(
            Status::Mitigated,
            vec![
                item("limit", ActionKind::Mitigate, ActionStatus::Done, 11),
                item("gitops", ActionKind::Repair, ActionStatus::InProgress, 12),
                item("default", ActionKind::Prevent, ActionStatus::Open, 13),
            ],
        );
        let f = flow(&inc, NaiveDate::from_ymd_opt(2024, 5, 12).unwrap());
        assert_eq!(f.next, Some(ActionPhase::Resolve));
        assert_eq!(f.blockers.iter().map(|a| a.title.as_str()).collect::<Vec<_>>(), ["gitops"]);
        assert_eq!(f.age_days, Some(10));
        assert_eq!(f.owner.as_deref(), Some("gitops-owner"));
        let s = states(&inc);
        assert!(s[0].reached && !s[1].reached);
        assert_eq!(s[0].finished.len(), 1);
        assert_eq!(s[2].open.len(), 1);
    }

    #[test]
    fn open_work_in_a_reached_phase() {
        let cfg = Config::default();
        let inc = incident(
            Status::Closed,
            vec![item("gitops", ActionKind::Repair, ActionStatus::Open, 12), item("default", ActionKind::Prevent, ActionStatus::Open, 13)],
        );
        let got: Vec<_> = check(&inc, &cfg).iter().map(|d| (d.code, d.line, d.level)).collect();
        use crate::diagnostics::Level;
        assert_eq!(got, [("phase-actions-open", 12, Level::Warning), ("phase-actions-open", 13, Level::Error)]);
        let mut lenient = Config::default();
        lenient.check.closed_phase_actions = FindingLevel::Warning;
        assert!(check(&inc, &lenient).iter().all(|d| d.level == Level::Warning));
        // Not reached yet: nothing to say.
        let inc = incident(Status::Mitigated, vec![item("gitops", ActionKind::Repair, ActionStatus::Open, 12)]);
        assert!(check(&inc, &cfg).is_empty());
    }

    #[test]
    fn done_dates_agree_with_status() {
        let mut a = item("x", ActionKind::Repair, ActionStatus::Open, 12);
        a.done = NaiveDate::from_ymd_opt(2024, 5, 3);
        let mut b = item("y", ActionKind::Mitigate, ActionStatus::Done, 13);
        b.done = NaiveDate::from_ymd_opt(2023, 5, 3);
        let inc = incident(Status::Active, vec![a, b]);
        let got: Vec<_> = check(&inc, &Config::default()).iter().map(|d| (d.code, d.line)).collect();
        assert_eq!(got, [("done-date", 12), ("done-date", 13)]);
    }
}
