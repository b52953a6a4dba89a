//! Review readiness: what a post-mortem review would send back.
//!
//! - `placeholder`: text left from the `init`/`new` template (its sample
//!   sentences, its `<!-- … -->` hints) or a bare `TBD`, `TODO`, `TBA`,
//!   `FIXME`, `XXX` or `???` standing for a value;
//! - `empty-section`: a summary, impact, timeline, root-cause,
//!   contributing-factors or action-items heading with nothing under it,
//!   when front matter does not fill that part either;
//! - `open-actions-closed`: a `closed` incident with action items still
//!   open or in progress (those with a phase are `phase-actions-open`'s);
//! - `missing-severity`: a `resolved` or `closed` incident without a severity;
//! - `no-action-items`: a `resolved` or `closed` incident without any action item;
//! - `missing-due`: an action item without a due date on a `closed` incident
//!   (`missing-owner`, its sibling, is in [`crate::check`]).
//!
//! Only a status the authors declared is held to these rules. Each code's
//! level (`"error"`, `"warning"` or `"off"`) is set in book.toml's `[check]`
//! ([`crate::config::CheckSection`]); [`relevel`] applies it.

use crate::config::{CheckSection, FindingLevel};
use crate::diagnostics::{Diagnostic, Level};
use crate::model::{ActionStatus, Incident, Status};

/// The codes whose level `[check]` sets, with their default level.
pub const CODES: &[(&str, FindingLevel)] = &[
    ("placeholder", FindingLevel::Warning),
    ("empty-section", FindingLevel::Warning),
    ("open-actions-closed", FindingLevel::Warning),
    ("missing-severity", FindingLevel::Warning),
    ("no-action-items", FindingLevel::Warning),
    ("missing-owner", FindingLevel::Error),
    ("missing-due", FindingLevel::Warning),
];

/// The level `cfg` gives `code`, or `None` when `[check]` does not govern it.
pub fn level_of(cfg: &CheckSection, code: &str) -> Option<FindingLevel> {
    let set = match code {
        "placeholder" => cfg.placeholder,
        "empty-section" => cfg.empty_section,
        "open-actions-closed" => cfg.open_actions_closed,
        "missing-severity" => cfg.missing_severity,
        "no-action-items" => cfg.no_action_items,
        "missing-owner" => cfg.missing_owner,
        "missing-due" => cfg.missing_due,
        _ => return None,
    };
    set.or_else(|| CODES.iter().find(|(c, _)| *c == code).map(|(_, l)| *l))
}

/// Apply `[check]`'s levels: findings set to `"off"` are dropped, the others
/// take the configured level.
pub fn relevel(diags: Vec<Diagnostic>, cfg: &CheckSection) -> Vec<Diagnostic> {
    diags
        .into_iter()
        .filter_map(|mut d| match level_of(cfg, d.code) {
            None => Some(d),
            Some(FindingLevel::Off) => None,
            Some(FindingLevel::Warning) => {
                d.level = Level::Warning;
                Some(d)
            }
            Some(FindingLevel::Error) => {
                d.level = Level::Error;
                Some(d)
            }
        })
        .collect()
}

/// Words that stand for a value nobody wrote yet.
const STAND_INS: &[&str] = &["tbd", "todo", "tba", "fixme", "xxx", "???", "n/a yet", "to be determined", "to be done"];

/// Whether `text` (a whole value or line) is only a stand-in or template text.
pub(crate) fn is_placeholder(text: &str) -> bool {
    let t = text.trim().trim_matches(|c: char| c == '*' || c == '_' || c == '`').trim();
    let folded = t.to_lowercase();
    let folded = folded.trim_end_matches(['.', ':', '!']);
    STAND_INS.contains(&folded) || crate::scaffold::PLACEHOLDERS.iter().any(|p| p.eq_ignore_ascii_case(t))
}

/// The review-readiness findings for `inc`, whose file text is `text`.
/// Every finding is a warning here; [`relevel`] gives it its level.
pub fn check(inc: &Incident, text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let file = || inc.source.path.clone();
    let line_of = |key: &str| inc.provenance.get(key).and_then(|p| p.line).unwrap_or(1);
    let placeholder = |line: usize, what: String| {
        Diagnostic::warning("placeholder", file(), line, what).with_help("replace it with what happened, or remove it")
    };

    // Template text in the model's values.
    for (key, value) in
        [("summary", inc.summary.as_deref()), ("impact.summary", inc.impact.summary.as_deref()), ("root_cause", inc.root_cause.as_deref())]
    {
        if let Some(v) = value.filter(|v| is_placeholder(v)) {
            out.push(placeholder(line_of(key), format!("`{key}` is still the placeholder \"{}\"", v.trim())));
        }
    }
    for e in inc.timeline.iter().filter(|e| is_placeholder(&e.text)) {
        out.push(placeholder(e.line, format!("timeline entry `{}` is still the placeholder \"{}\"", e.time_text, e.text.trim())));
    }
    for a in inc.action_items.iter().filter(|a| is_placeholder(&a.title) || a.owner.as_deref().is_some_and(is_placeholder)) {
        out.push(placeholder(a.line, format!("action item \"{}\" still holds a placeholder", a.title.trim())));
    }

    // Template hints and stand-ins in the body.
    let body_start = inc.source.body_line.max(1);
    let lines: Vec<&str> = text.lines().collect();
    let mut in_fence = false;
    for (n, l) in lines.iter().enumerate().skip(body_start - 1) {
        let t = l.trim();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        if let Some(hint) = hint_in(t) {
            out.push(placeholder(n + 1, format!("the template's hint `<!-- {hint} -->` is still here")));
            continue;
        }
        let item = t.trim_start_matches(['-', '*', '+', '>', '|', ' ']).trim_end_matches(['|', ' ']);
        // `todo:` over a list in terse notes is a section's label, read as one.
        let over_list = t.ends_with(':')
            && lines[n + 1..].iter().map(|l| l.trim()).find(|l| !l.is_empty()).is_some_and(|l| l.starts_with(['-', '*', '+']));
        let heading = t.starts_with('#') || over_list;
        if !item.is_empty() && !heading && is_placeholder(item) {
            out.push(placeholder(n + 1, format!("`{item}` stands where the text should be")));
        }
    }

    // Recognised sections with nothing under them, when front matter does
    // not give that part either.
    for (i, s) in inc.sections.iter().enumerate() {
        let Some(role) = s.role.as_deref() else { continue };
        let filled = match role {
            "summary" => inc.summary.is_some(),
            "impact" => inc.impact.summary.is_some() || !inc.impact.metrics.is_empty(),
            "timeline" => !inc.timeline.is_empty(),
            "root_cause" => inc.root_cause.is_some(),
            "contributing_factors" => !inc.contributing_factors.is_empty(),
            "action_items" => !inc.action_items.is_empty(),
            _ => continue,
        };
        if filled {
            continue;
        }
        // Up to the next heading; a deeper one is content of this section.
        let next = inc.sections.get(i + 1);
        if next.is_some_and(|n| n.level > s.level) {
            continue;
        }
        let end = next.map_or(lines.len(), |n| n.line - 1);
        let empty = lines.get(s.line..end).unwrap_or(&[]).iter().all(|l| {
            let t = l.trim();
            t.is_empty() || hint_in(t).is_some() || (t.starts_with("<!--") && t.ends_with("-->"))
        });
        if empty {
            out.push(
                Diagnostic::warning("empty-section", file(), s.line, format!("section \"{}\" is empty", s.title))
                    .with_help("write it, or remove the heading"),
            );
        }
    }

    // The lifecycle the authors declared.
    let status = inc.declared_status();
    let status_line = line_of("status");
    if matches!(status, Some(Status::Resolved | Status::Closed)) {
        let phase = status.map_or("", Status::as_str);
        if inc.severity.is_none() {
            out.push(
                Diagnostic::warning("missing-severity", file(), status_line, format!("the incident is {phase} but has no severity"))
                    .with_help("set `severity` (a level of the [[severity]] scale in book.toml)"),
            );
        }
        if inc.action_items.is_empty() {
            out.push(
                Diagnostic::warning("no-action-items", file(), status_line, format!("the incident is {phase} but has no action items"))
                    .with_help("add the follow-ups the review agreed on (or one with `status: wont-do` saying why none)"),
            );
        }
    }
    if status == Some(Status::Closed) {
        // Front-matter items with a phase are `phase-actions-open`'s
        // ([`crate::phases::check`]): each open item is reported once.
        let by_phase = inc.provenance.get("action_items").is_some_and(|p| p.from == "front-matter");
        for a in inc
            .action_items
            .iter()
            .filter(|a| matches!(a.status, ActionStatus::Open | ActionStatus::InProgress) && !(by_phase && a.phase.is_some()))
        {
            out.push(
                Diagnostic::warning(
                    "open-actions-closed",
                    file(),
                    a.line,
                    format!("action item \"{}\" is {}, but the incident is closed", a.title.trim(), a.status.as_str()),
                )
                .with_help("finish it (`status: done` or `wont-do`), or set the incident's status to `resolved` until it is"),
            );
        }
        for a in inc.action_items.iter().filter(|a| a.due.is_none() && a.status != ActionStatus::WontDo) {
            out.push(
                Diagnostic::warning("missing-due", file(), a.line, format!("action item \"{}\" has no due date", a.title.trim()))
                    .with_help("add `due: YYYY-MM-DD`"),
            );
        }
    }
    out
}

/// The template hint a line holds (`<!-- hint -->`), if it is one of
/// [`crate::scaffold::HINTS`].
fn hint_in(line: &str) -> Option<&'static str> {
    let inner = line.strip_prefix("<!--")?.strip_suffix("-->")?.trim();
    crate::scaffold::HINTS.iter().copied().find(|h| *h == inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn understand(text: &str) -> Incident {
        let doc = crate::content::SourceDoc { path: "a.md".into(), display: "a.md".into(), text: text.into() };
        let mut cfg = crate::Config::default();
        cfg.time.default_zone = Some("UTC".into());
        let zones = crate::datetime::ZoneTable::new(&cfg.time.zones);
        crate::understand::understand(&doc, std::path::Path::new("a.md"), &cfg, &zones).document.unwrap().incident
    }

    fn codes(text: &str) -> Vec<(&'static str, usize)> {
        check(&understand(text), text).iter().map(|d| (d.code, d.line)).collect()
    }

    #[test]
    fn stand_ins_and_template_text() {
        assert!(is_placeholder("TBD"));
        assert!(is_placeholder(" **TODO.** "));
        assert!(is_placeholder("What happened."));
        assert!(!is_placeholder("What happened at 10:00 was a deploy."));
        let text = "---\ntitle: x\nsummary: TBD\nstatus: active\n---\n\n## Root cause\n\n- TBD\n\n## Timeline\n\n## Notes\n\nFine.\n";
        assert_eq!(codes(text), [("placeholder", 3), ("placeholder", 9), ("empty-section", 11)]);
        // `todo:` over a list in terse notes names a section.
        let notes = "disk full on db-3\n\ncause:\nlogs not rotated\n\ntodo:\n  - rotate logs daily\n";
        assert!(!codes(notes).contains(&("placeholder", 6)), "{:?}", codes(notes));
    }

    #[test]
    fn a_closed_incident_needs_its_follow_ups_finished() {
        let text = "---\ntitle: x\nstatus: closed\nimpact:\n  mitigated: 2024-01-01 10:00\n  resolved: 2024-01-01 11:00\naction_items:\n  - title: Add an alert\n    owner: sam\n  - title: Write the runbook\n    owner: kim\n    status: done\n    due: 2024-02-01\n---\n";
        assert_eq!(codes(text), [("missing-severity", 3), ("open-actions-closed", 8), ("missing-due", 8)]);
        let resolved =
            "---\ntitle: x\nseverity: SEV-2\nstatus: resolved\nimpact:\n  mitigated: 2024-01-01 10:00\n  resolved: 2024-01-01 11:00\n---\n";
        assert_eq!(codes(resolved), [("no-action-items", 4)]);
    }

    #[test]
    fn levels_come_from_check() {
        let d = vec![
            Diagnostic::warning("open-actions-closed", "a.md", 1, "x"),
            Diagnostic::warning("placeholder", "a.md", 2, "y"),
            Diagnostic::warning("timeline-order", "a.md", 3, "z"),
        ];
        let cfg = CheckSection { placeholder: Some(FindingLevel::Off), ..Default::default() };
        let out = relevel(d, &cfg);
        let got: Vec<(&str, Level)> = out.iter().map(|d| (d.code, d.level)).collect();
        assert_eq!(got, [("open-actions-closed", Level::Warning), ("timeline-order", Level::Warning)]);
        let cfg = CheckSection { open_actions_closed: Some(FindingLevel::Error), ..Default::default() };
        assert_eq!(relevel(vec![Diagnostic::warning("open-actions-closed", "a.md", 1, "x")], &cfg)[0].level, Level::Error);
    }
}
