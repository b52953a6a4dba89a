//! Filling the model from what the body says, where front matter is silent.

use chrono::NaiveDate;

use crate::config::Config;
use crate::extract::prose::Window;
use crate::extract::{BodyFacts, Located, event_date, unstamped};
use crate::model::{Incident, Provenance, Status};

fn body(l: &Located) -> Provenance {
    Provenance::body(l.line, l.detail.clone())
}

/// Fill `inc` from `facts`; front-matter values are kept. `file_date` is a
/// date found in the file name, the weakest source.
/// Returns the impact window the prose gives, for the milestones the
/// timeline leaves open.
pub fn apply(inc: &mut Incident, mut facts: BodyFacts, cfg: &Config, file_date: Option<(NaiveDate, String)>) -> Option<Window> {
    let window = facts.window.take();
    let has = |inc: &Incident, key: &str| inc.provenance.get(key).is_some_and(|p| p.from == "front-matter");
    if inc.summary.is_none()
        && let Some(s) = &facts.summary
    {
        inc.summary = Some(unstamped(&s.text).to_string());
        inc.provenance.insert("summary".into(), body(s));
    }
    if inc.impact.summary.is_none()
        && let Some(s) = &facts.impact
    {
        inc.impact.summary = Some(unstamped(&s.text).to_string());
        inc.provenance.insert("impact.summary".into(), body(s));
    }
    if inc.root_cause.is_none()
        && let Some(s) = &facts.root_cause
    {
        inc.root_cause = Some(unstamped(&s.text).to_string());
        inc.provenance.insert("root_cause".into(), body(s));
    }
    if let Some(s) = &facts.contributing_factors {
        inc.contributing_factors_text = Some(s.text.clone());
        inc.provenance.insert("contributing_factors_text".into(), body(s));
    }
    if inc.timeline.is_empty() && !facts.timeline.events.is_empty() {
        let t = &facts.timeline;
        let mut detail = format!("{} entries ({})", t.events.len(), t.shapes.join(", "));
        if t.placeholders > 0 {
            detail.push_str(&format!("; {} placeholder row(s) dropped", t.placeholders));
        }
        if let Some((z, line)) = t.declared_zone {
            detail.push_str(&format!("; zone {z} declared on line {line}"));
        }
        inc.provenance.insert("timeline".into(), Provenance::body(facts.timeline_line.unwrap_or(1), detail));
        inc.timeline = facts.timeline.events;
    }
    if inc.action_items.is_empty() && !facts.action_items.is_empty() {
        inc.provenance.insert(
            "action_items".into(),
            Provenance::body(
                facts.actions_line.unwrap_or(1),
                format!("{} item(s) from the action-items section", facts.action_items.len()),
            ),
        );
        inc.action_items = facts.action_items;
    }
    // The day and line of a `Date:` line that dated the incident.
    let mut date_line: Option<(NaiveDate, usize)> = None;
    for (key, value, line) in &facts.metadata {
        let at = || Provenance::body(*line, format!("`{key}:` line"));
        match key.as_str() {
            "severity" | "sev" | "priority" if inc.severity.is_none() => {
                if let Some((rank, level)) = cfg.severity(value) {
                    inc.severity = Some(level.name.clone());
                    inc.severity_rank = Some(rank as u32 + 1);
                    inc.provenance.insert("severity".into(), at());
                }
            }
            "status" if inc.status.is_none() => {
                if let Some(s) = Status::parse(value) {
                    inc.status = Some(s);
                    inc.provenance.insert("status".into(), at());
                }
            }
            "author" | "authors" | "created by" | "written by" | "owner" | "owners" if inc.authors.is_empty() => {
                inc.authors = split_names(value);
                inc.provenance.insert("authors".into(), at());
            }
            "service" | "services" | "affected services" | "components" if inc.services.is_empty() => {
                inc.services = canonical(split_names(value), &cfg.services);
                inc.provenance.insert("services".into(), at());
            }
            "team" | "teams" if inc.teams.is_empty() => {
                inc.teams = canonical(split_names(value), &cfg.teams);
                inc.provenance.insert("teams".into(), at());
            }
            "date" | "when" if inc.date.is_none() => {
                if let Some((w, _)) = crate::extract::when::leading_when(value, &Default::default(), false)
                    && let Some(d) = w.date
                {
                    inc.date = Some(d);
                    inc.provenance.insert("date".into(), at());
                    if key == "date" {
                        date_line = Some((d, *line));
                    }
                }
            }
            _ => {}
        }
    }
    if inc.published.is_none()
        && let Some((d, line)) = facts.published
    {
        inc.published = Some(d);
        inc.provenance.insert("published".into(), Provenance::body(line, "publication line"));
    }
    if let Some((written, line)) = date_line {
        report_date_line(inc, written, line, facts.prose_date, "the `date:` line");
    }
    if !has(inc, "date") && inc.date.is_none() {
        // The start of impact is the incident's day; a title's date can be a
        // copy-paste leftover and a first entry can be earlier context.
        use crate::model::EventKind;
        let dated = |kinds: &[EventKind]| {
            inc.timeline.iter().find(|e| e.kind.is_some_and(|k| kinds.contains(&k))).and_then(|e| event_date(e).map(|d| (d, e.line)))
        };
        let start_event = dated(&[EventKind::Impact]).or_else(|| dated(&[EventKind::Trigger]));
        let first_event = inc.timeline.iter().find_map(|e| event_date(e).map(|d| (d, e.line)));
        let from_timeline = |inc: &mut Incident, (d, line): (NaiveDate, usize), detail: &str| {
            inc.date = Some(d);
            inc.provenance.insert("date".into(), Provenance { from: "timeline", line: Some(line), detail: Some(detail.into()) });
        };
        // A title dated the day the timeline opens, before the entry where
        // impact seems to start (`# 2026-07-02 CI outage` over rows from July
        // 2 to 6): the title's day.
        let title_opens =
            facts.title_date.filter(|d| first_event.is_some_and(|(f, _)| f == *d) && start_event.is_some_and(|(s, _)| s > *d));
        if let (Some(d), Some(t)) = (title_opens, &facts.title)
            && inc.impact.started.is_none_or(|s| s.date_naive() >= d)
        {
            inc.date = Some(d);
            inc.provenance.insert("date".into(), Provenance::body(t.line, "date in the title, the day the timeline opens"));
        } else if let Some(started) = inc.impact.started {
            inc.date = Some(started.date_naive());
            inc.provenance.insert("date".into(), Provenance::derived("date of impact.started"));
        } else if let Some(e) = start_event {
            from_timeline(inc, e, "the entry where impact starts");
        } else if let Some(w) = window.as_ref().filter(|w| w.declared && (w.detail == "key timestamps" || w.detail.starts_with('`')))
            && let Some(started) = w.started
        {
            // `INCIDENT START ... 03/11/2024 08:47 MDT`: the window a form's
            // fields declare beats a date the prose mentions in passing.
            inc.date = Some(started.date_naive());
            inc.provenance.insert("date".into(), Provenance::body(w.line, "day the impact window's fields start"));
        } else if let (Some(d), Some(t)) = (facts.title_date, &facts.title) {
            inc.date = Some(d);
            let found = match facts.subtitle_date_line {
                Some(line) => Provenance::body(line, "date in the subtitle under the title"),
                None => Provenance::body(t.line, "date in the title"),
            };
            inc.provenance.insert("date".into(), found);
        } else if let Some((d, line)) = facts.prose_date {
            inc.date = Some(d);
            inc.provenance.insert("date".into(), Provenance::body(line, "date in the opening paragraph"));
        } else if let Some(started) = window.as_ref().and_then(|w| w.started) {
            inc.date = Some(started.date_naive());
            inc.provenance.insert("date".into(), Provenance::body(window.as_ref().map_or(1, |w| w.line), "day the impact window starts"));
        } else if let Some(e) = first_event {
            from_timeline(inc, e, "first dated entry");
        } else if let Some((d, line)) = facts.link_date {
            inc.date = Some(d);
            inc.provenance.insert("date".into(), Provenance::body(line, "date in the permalink"));
        } else if let Some((d, stem)) = file_date {
            inc.date = Some(d);
            inc.provenance.insert("date".into(), Provenance { from: "file-name", line: None, detail: Some(stem) });
        }
    }
    window
}

/// A `Date:` line (or a blog's front-matter `date`, see `understand`) later
/// than every dated entry of the timeline (within four
/// months) says when the report was written, not when the incident was: the
/// line's date becomes `published` and the incident takes the timeline's day
/// (of the entry where impact starts, else of the first dated entry).
/// So does one under which the summary's story opens on an earlier day
/// (`Date: 2025-02-12` over `On February 9th, 2025 two users …`, within a
/// month): the incident takes the story's day.
pub(super) fn report_date_line(inc: &mut Incident, written: NaiveDate, line: usize, story: Option<(NaiveDate, usize)>, what: &str) {
    use crate::model::EventKind;
    if let Some((told, at)) = story.filter(|(d, _)| *d < written && written - *d <= chrono::Duration::days(31)) {
        inc.date = Some(told);
        inc.published = Some(written);
        let detail = format!("day the story opens on; {what} ({written}) is later, so it is kept as `published`");
        inc.provenance.insert("date".into(), Provenance::body(at, detail));
        return;
    }
    let days: Vec<NaiveDate> = inc.timeline.iter().filter_map(event_date).collect();
    let Some(first) = days.iter().min().copied() else { return };
    if days.iter().any(|d| *d >= written) || written - first > chrono::Duration::days(120) {
        return;
    }
    let start =
        inc.timeline.iter().find(|e| e.kind.is_some_and(|k| matches!(k, EventKind::Impact | EventKind::Trigger))).and_then(event_date);
    inc.date = Some(start.unwrap_or(first));
    inc.published = Some(written);
    let detail = format!("timeline's day; {what} ({written}) is later than every dated entry, so it is kept as `published`");
    inc.provenance.insert("date".into(), Provenance { from: "timeline", line: Some(line), detail: Some(detail) });
}

/// Fold spellings into a vocabulary's canonical names.
fn canonical(names: Vec<String>, vocabulary: &[crate::config::VocabularyTerm]) -> Vec<String> {
    use crate::slug::slugify;
    names
        .into_iter()
        .map(|n| {
            let s = slugify(&n);
            vocabulary.iter().find(|t| slugify(&t.name) == s || t.aliases.iter().any(|a| slugify(a) == s)).map_or(n, |t| t.name.clone())
        })
        .collect()
}

/// `[Katharine Berry](https://…), Ben` → ["Katharine Berry", "Ben"].
fn split_names(value: &str) -> Vec<String> {
    value
        .split([',', ';'])
        .flat_map(|p| p.split(" and "))
        .map(|p| {
            let p = p.trim();
            match (p.find('['), p.find("](")) {
                (Some(a), Some(b)) if a < b => p[a + 1..b].to_string(),
                _ => p.trim_matches(|c| c == '*' || c == '_').to_string(),
            }
        })
        .filter(|p| !p.is_empty() && p.len() < 80)
        .collect()
}
