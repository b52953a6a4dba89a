//! Consistency rules over understood incidents.
//!
//! Parsing problems are found while reading (see `understand`); the rules here
//! look at the model: milestone order, the timeline's order, whether the
//! lifecycle phase agrees with the milestones, owners of follow-ups, and,
//! across the archive, duplicate ids and slugs, broken links and references
//! to incidents that do not exist.
//!
//! What is an error and what is a warning: anything that makes the published
//! record wrong or ambiguous is an error (the build fails); anything that is
//! suspicious but may be legitimate (a timeline that goes backwards, a
//! reference to an incident outside the archive) is a warning.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::diagnostics::Diagnostic;
use crate::model::{Incident, Status};
use crate::understand::Document;

fn line_of(inc: &Incident, key: &str) -> usize {
    inc.provenance.get(key).and_then(|p| p.line).unwrap_or(inc.source.body_line.saturating_sub(1).max(1))
}

/// Rules about one incident on its own.
pub fn check_incident(inc: &Incident) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let file = || inc.source.path.clone();
    let i = &inc.impact;

    // Milestones in order: started ≤ detected ≤ mitigated ≤ resolved.
    let milestones = [("started", i.started), ("detected", i.detected), ("mitigated", i.mitigated), ("resolved", i.resolved)];
    for (n, (later, t_later)) in milestones.iter().enumerate() {
        let Some(t_later) = t_later else { continue };
        if let Some((earlier, t_earlier)) = milestones[..n].iter().rev().find_map(|(k, t)| t.map(|t| (k, t)))
            && *t_later < t_earlier
        {
            let key = format!("impact.{later}");
            let declared = |k: &str| inc.provenance.get(&format!("impact.{k}")).is_some_and(|p| p.from == "front-matter");
            let message = format!("`{later}` ({}) is before `{earlier}` ({})", t_later.to_rfc3339(), t_earlier.to_rfc3339());
            // Both written by the author: the record is wrong. Otherwise one
            // was inferred from an inconsistent timeline: worth a look.
            let d = if declared(later) && declared(earlier) {
                Diagnostic::error("milestone-order", file(), line_of(inc, &key), message)
            } else {
                Diagnostic::warning(
                    "milestone-order",
                    file(),
                    line_of(inc, &key),
                    format!("{message}; one of them was inferred from the timeline"),
                )
            };
            out.push(d.with_help("milestones must be in order: started ≤ detected ≤ mitigated ≤ resolved"));
        }
    }

    // The timeline goes forwards.
    let mut prev: Option<&crate::model::TimelineEvent> = None;
    for e in inc.timeline.iter().filter(|e| e.at.is_some()) {
        if let Some(p) = prev
            && e.at < p.at
        {
            out.push(
                Diagnostic::warning(
                    "timeline-order",
                    file(),
                    e.line,
                    format!("this event ({}) is earlier than the one before it on line {} ({})", e.time_text, p.line, p.time_text),
                )
                .with_help("timelines are shown in the order written; check the date, time or zone"),
            );
        }
        prev = Some(e);
    }

    // `14:20 PM`: a 24-hour time with a 12-hour marker, read on the 24-hour clock.
    for e in inc.timeline.iter().filter(|e| mixed_clock(&e.time_text)) {
        out.push(
            Diagnostic::warning(
                "mixed-clock",
                file(),
                e.line,
                format!("`{}` mixes a 24-hour time with AM/PM; it was read on the 24-hour clock", e.time_text),
            )
            .with_help("drop the AM/PM, or write the time on the 12-hour clock"),
        );
    }

    // Times that could not be placed: shown as written, left out of durations.
    let unresolved: Vec<&crate::model::TimelineEvent> = inc
        .timeline
        .iter()
        .filter(|e| {
            e.at.is_none()
                && !e.time_text.is_empty()
                && crate::datetime::parse_date(&e.time_text).map_or(true, |_| e.time_text.trim().len() > 10)
        })
        .collect();
    if let Some(first) = unresolved.first() {
        let missing = if first.date.is_none() { "a date" } else { "a time zone" };
        out.push(
            Diagnostic::warning(
                "timeline-unresolved",
                file(),
                first.line,
                format!(
                    "{} timeline entr{} lack {missing} (first: `{}`); they are shown as written and left out of milestones",
                    unresolved.len(),
                    if unresolved.len() == 1 { "y" } else { "ies" },
                    first.time_text
                ),
            )
            .with_help(if missing == "a date" {
                "add `date:` to the front matter, or a date to the title or the first entry"
            } else {
                "add `timezone:` to the front matter or a line such as `All times in UTC.` above the timeline"
            }),
        );
    }

    // The lifecycle phase has the milestones it implies.
    // Only a declared status is held to its milestones; an inferred one
    // follows from them by construction.
    let declared = inc.provenance.get("status").is_some_and(|p| p.from == "front-matter");
    if let Some(status) = inc.status.filter(|_| declared) {
        let needs: &[(&str, bool)] = match status {
            Status::Active => &[],
            Status::Mitigated => &[("mitigated", i.mitigated.is_some())],
            Status::Resolved | Status::Closed => &[("mitigated", i.mitigated.is_some()), ("resolved", i.resolved.is_some())],
        };
        let missing: Vec<&str> = needs.iter().filter(|(_, has)| !has).map(|(k, _)| *k).collect();
        if !missing.is_empty() {
            out.push(
                Diagnostic::error(
                    "status-milestones",
                    file(),
                    line_of(inc, "status"),
                    format!(
                        "status is `{}` but the `{}` {} missing",
                        status.as_str(),
                        missing.join("` and `"),
                        if missing.len() > 1 { "times are" } else { "time is" }
                    ),
                )
                .with_help(format!("add impact.{} (or a timeline event of that kind), or correct the status", missing[0])),
            );
        }
        if status == Status::Active && i.resolved.is_some() {
            out.push(
                Diagnostic::error(
                    "status-milestones",
                    file(),
                    line_of(inc, "status"),
                    "status is `active` but the incident has a `resolved` time",
                )
                .with_help("set status to resolved or closed"),
            );
        }
        if status == Status::Closed {
            for a in inc.action_items.iter().filter(|a| a.owner.is_none()) {
                out.push(
                    Diagnostic::error(
                        "missing-owner",
                        file(),
                        a.line,
                        format!("action item \"{}\" has no owner, and the incident is closed", a.title),
                    )
                    .with_help("every follow-up of a closed incident needs an `owner`"),
                );
            }
        }
    }
    out
}

/// Terms outside a declared vocabulary: when book.toml lists `[[factor]]`,
/// `[[service]]` or `[[team]]` terms, any other term is reported (aliases
/// were folded into their term while reading).
pub fn check_vocabulary(inc: &Incident, cfg: &crate::config::Config) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (key, kind, vocab, values) in [
        ("contributing_factors", "contributing factor", &cfg.factors, &inc.contributing_factors),
        ("services", "service", &cfg.services, &inc.services),
        ("teams", "team", &cfg.teams, &inc.teams),
    ] {
        // Inferred terms come from the classifier's own vocabulary.
        if vocab.is_empty() || inc.provenance.get(key).is_some_and(|p| p.from == "inferred") {
            continue;
        }
        for v in values.iter().filter(|v| !vocab.iter().any(|t| t.name == **v)) {
            let names: Vec<&str> = vocab.iter().map(|t| t.name.as_str()).collect();
            let mut d = Diagnostic::warning(
                "unknown-term",
                inc.source.path.clone(),
                line_of(inc, key),
                format!("{kind} `{v}` is not in book.toml's vocabulary"),
            );
            d = match crate::diagnostics::did_you_mean(v, names.iter().copied()) {
                Some(s) => d.with_help(format!("did you mean `{s}`? Or add it (or an alias) to book.toml")),
                None => d.with_help(format!(
                    "add it to book.toml as a [[{}]] or an alias of one",
                    if kind == "contributing factor" { "factor" } else { kind }
                )),
            };
            out.push(d);
        }
    }
    out
}

/// Local files (images) the body shows that are not in the content
/// directory: the page would show a broken image. A warning, because old
/// exports often lost their attachments and the text is still worth
/// publishing.
pub fn check_files(doc: &Document, content_dir: &std::path::Path, real_roots: &[std::path::PathBuf]) -> Vec<Diagnostic> {
    doc.files
        .iter()
        .filter_map(|f| {
            let path = content_dir.join(&f.target);
            if !path.is_file() {
                Some(
                    Diagnostic::warning(
                        "missing-file",
                        doc.incident.source.path.clone(),
                        f.line,
                        format!("image `{}` is not in the content directory", f.target.display()),
                    )
                    .with_help("add the file beside the post-mortem, or fix the path"),
                )
            } else if !crate::content::inside(&path, real_roots) {
                Some(Diagnostic::error(
                    "outside-archive",
                    doc.incident.source.path.clone(),
                    f.line,
                    format!("image `{}` is a symbolic link to a file outside the archive; it is not published", f.target.display()),
                ))
            } else {
                None
            }
        })
        .collect()
}

/// The one document whose file name ends with the link target's file name:
/// archives copied or exported with a prefix (`team__PM-12.md`) keep their
/// links working. `None` when no file or several files match.
pub fn find_by_file_name<'a>(paths: impl Iterator<Item = (&'a PathBuf, &'a Incident)>, target: &std::path::Path) -> Option<&'a Incident> {
    let name = target.file_name()?.to_string_lossy().to_lowercase();
    // The same name, or the name after a `_` prefix separator (`team__x.md`).
    let matches = |f: String| f == name || f.strip_suffix(&name).is_some_and(|prefix| prefix.ends_with('_'));
    let mut found = paths.filter(|(p, _)| p.file_name().is_some_and(|f| matches(f.to_string_lossy().to_lowercase())));
    let first = found.next()?;
    found.next().is_none().then_some(first.1)
}

/// Whether `a` and `b` (two versions of one post-mortem) agree on
/// everything [`check_archive`] reads of a document: when every edited
/// document agrees with its previous version, the archive's findings are
/// unchanged and need not be computed again (`serve`, on an edit of the
/// text). Keep in step with `check_archive`.
pub fn same_archive_facts(a: &Document, b: &Document) -> bool {
    let (x, y) = (&a.incident, &b.incident);
    let lines = |i: &Incident| ["id", "slug", "related", "recurrence_of"].map(|k| line_of(i, k));
    a.content_path == b.content_path
        && x.source.path == y.source.path
        && x.id == y.id
        && x.slug == y.slug
        && x.related == y.related
        && x.recurrence_of == y.recurrence_of
        && lines(x) == lines(y)
        && a.links.len() == b.links.len()
        && a.links.iter().zip(&b.links).all(|(l, m)| l.target == m.target && l.line == m.line)
}

/// Rules across the archive: duplicate ids and slugs, links to documents
/// that do not exist, references to unknown incidents.
pub fn check_archive<'a>(docs: impl IntoIterator<Item = &'a Document> + Clone) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut ids: HashMap<&str, &Incident> = HashMap::new();
    let mut slugs: HashMap<&str, &Incident> = HashMap::new();
    let paths: HashMap<&PathBuf, &Incident> = docs.clone().into_iter().map(|d| (&d.content_path, &d.incident)).collect();
    for d in docs.clone() {
        let inc = &d.incident;
        if let Some(first) = ids.insert(&inc.id, inc) {
            out.push(
                Diagnostic::error(
                    "duplicate-id",
                    inc.source.path.clone(),
                    line_of(inc, "id"),
                    format!("id `{}` is already used by {}", inc.id, first.source.path.display()),
                )
                .with_help("ids must be unique across the archive"),
            );
            ids.insert(&first.id, first);
        } else if let Some(first) = slugs.insert(&inc.slug, inc) {
            out.push(
                Diagnostic::error(
                    "duplicate-slug",
                    inc.source.path.clone(),
                    line_of(inc, "slug"),
                    format!("slug `{}` (the page incidents/{}/) is already used by {}", inc.slug, inc.slug, first.source.path.display()),
                )
                .with_help("set a distinct `slug` in one of them"),
            );
            slugs.insert(&first.slug, first);
        }
        for link in &d.links {
            if paths.contains_key(&link.target) {
                continue;
            }
            if let Some(other) = find_by_file_name(paths.iter().map(|(p, i)| (*p, *i)), &link.target) {
                out.push(
                    Diagnostic::warning(
                        "link-by-name",
                        inc.source.path.clone(),
                        link.line,
                        format!("link to `{}` resolved by file name to {}", link.target.display(), other.source.path.display()),
                    )
                    .with_help("link to the file's path in this archive"),
                );
            } else {
                out.push(Diagnostic::error(
                    "broken-link",
                    inc.source.path.clone(),
                    link.line,
                    format!("link to `{}`, which is not a post-mortem in this archive", link.target.display()),
                ));
            }
        }
    }
    for d in docs.clone() {
        let inc = &d.incident;
        for (key, target) in inc.related.iter().map(|r| ("related", r)).chain(inc.recurrence_of.iter().map(|r| ("recurrence_of", r))) {
            if !ids.contains_key(target.as_str()) {
                out.push(Diagnostic::warning(
                    "unknown-reference",
                    inc.source.path.clone(),
                    line_of(inc, key),
                    format!("`{key}` names `{target}`, which is not an incident id in this archive"),
                ));
            }
        }
    }
    out
}

/// `14:20 PM`, `17:14pm`: an hour of 13 or more with an AM/PM marker.
fn mixed_clock(time_text: &str) -> bool {
    let lower = time_text.to_ascii_lowercase();
    let b = lower.as_bytes();
    (0..b.len()).any(|i| {
        let starts = i == 0 || !b[i - 1].is_ascii_digit();
        let hour = starts && i + 2 < b.len() && b[i].is_ascii_digit() && b[i + 1].is_ascii_digit() && matches!(b[i + 2], b':' | b'.');
        if !hour || !(13..24).contains(&lower[i..i + 2].parse::<u32>().unwrap_or(0)) {
            return false;
        }
        let after = lower[i + 3..].trim_start_matches(|c: char| c.is_ascii_digit() || c == ':').trim_start();
        after.starts_with("am") || after.starts_with("pm") || after.starts_with("a.m") || after.starts_with("p.m")
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn mixed_clock_times() {
        assert!(super::mixed_clock("14:20 PM"));
        assert!(super::mixed_clock("2018-01-17 17:14pm"));
        assert!(!super::mixed_clock("2:20 PM"));
        assert!(!super::mixed_clock("14:20 UTC"));
        assert!(!super::mixed_clock("12:30 PM"));
    }

    use super::*;
    use crate::model::*;
    use chrono::DateTime;

    fn incident() -> Incident {
        Incident::blank()
    }

    fn t(s: &str) -> Option<DateTime<chrono::FixedOffset>> {
        Some(DateTime::parse_from_rfc3339(s).unwrap())
    }

    #[test]
    fn milestones_out_of_order() {
        let mut inc = incident();
        inc.impact.started = t("2024-01-01T10:00:00Z");
        inc.impact.detected = t("2024-01-01T09:00:00Z");
        inc.provenance.insert("impact.detected".into(), Provenance::front_matter(4));
        inc.provenance.insert("impact.started".into(), Provenance::front_matter(3));
        let d = check_incident(&inc);
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].code, d[0].line), ("milestone-order", 4));
    }

    #[test]
    fn status_needs_its_milestones_and_owners() {
        let mut inc = incident();
        inc.status = Some(Status::Closed);
        inc.provenance.insert("status".into(), Provenance::front_matter(9));
        inc.impact.mitigated = t("2024-01-01T10:00:00Z");
        inc.action_items.push(ActionItem::open("x", 7));
        let codes: Vec<_> = check_incident(&inc).iter().map(|d| (d.code, d.line)).collect();
        assert_eq!(codes, [("status-milestones", 9), ("missing-owner", 7)]);
    }
}
