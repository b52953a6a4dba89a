//! Milestones (started, detected, mitigated, resolved) inferred from the
//! timeline's kinds and from a window written in the prose, and the phase
//! that follows from them.

use crate::model::*;

/// Whether a timeline entry can set a milestone: one still holding the
/// template's text (`00:00`, `What happened.`) says nothing about when
/// anything happened.
fn written(e: &TimelineEvent) -> bool {
    !crate::readiness::is_placeholder(&e.text)
}

/// Whether an entry records closing the incident (`Incident closed`,
/// `Ticket closed`), a step of the process rather than the end of impact.
fn closes_the_incident(text: &str) -> bool {
    let lower = text.to_lowercase();
    [
        "incident closed",
        "incident was closed",
        "closed the incident",
        "closing the incident",
        "ticket closed",
        "closed the ticket",
        "incident is closed",
    ]
    .iter()
    .any(|p| lower.contains(p))
        // `Incident resolved after 40 minutes of stable metrics`, `closed
        // after monitoring`: the end of a watch that began when impact ended.
        || ["after monitoring", "of monitoring", "of stable", "stable for", "after a stable", "stable overnight", "monitoring period", "watch period"].iter().any(|p| lower.contains(p))
}

/// Whether an entry says outright that the outage or impact ended.
fn ends_the_outage(text: &str) -> bool {
    let lower = text.to_lowercase();
    ["outage ends", "outage ended", "end of outage", "end of the outage", "impact ends", "impact ended", "end of impact", "impact over"]
        .iter()
        .any(|p| lower.contains(p))
        // `This was the end of customer-facing impact.`
        || lower.match_indices("end of ").any(|(i, _)| lower[i..].chars().take(40).collect::<String>().contains("impact"))
}

/// Whether an entry says outright that the outage or impact began
/// (`Alias swapped. Impact starts`), beating a symptom noticed earlier
/// inside the system (`bulk writes to 3 shards start failing`).
/// A long entry that only mentions the start (`the logs around the start of
/// the outage are investigated`) does not count.
fn starts_the_outage(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.len() <= 160
        && ["impact starts", "impact started", "impact begins", "impact began", "outage begins", "outage began", "outage starts"]
            .iter()
            .any(|p| lower.contains(p))
}

/// Fill missing milestones from the timeline's kinds: the first `impact`
/// (else `trigger`) event starts it, the first `alert`/`detection` detects
/// it, the first `mitigation` mitigates it, the last `resolution` resolves it.
pub(super) fn infer_milestones(inc: &mut Incident, window: Option<&crate::extract::prose::Window>, stated_length: Option<(i64, usize)>) {
    // Each milestone is looked for at or after the one before it, so that a
    // stray early "restored" does not make the record contradict itself.
    // A declared window (`When: A – B`) beats what the timeline's wording suggests.
    let fill = |inc: &mut Incident, w: &crate::extract::prose::Window| {
        for (key, at) in [("started", w.started), ("resolved", w.resolved)] {
            // Never make the record contradict itself (a range copied with
            // the wrong day stays out).
            let ordered = match key {
                "started" => inc.impact.resolved.is_none_or(|r| at.is_none_or(|a| a <= r)),
                _ => inc.impact.started.is_none_or(|s| at.is_none_or(|a| a >= s)),
            };
            let slot = if key == "started" { &mut inc.impact.started } else { &mut inc.impact.resolved };
            if slot.is_none() && at.is_some() && ordered {
                *slot = at;
                inc.provenance.insert(format!("impact.{key}"), Provenance::body(w.line, w.detail.clone()));
            }
        }
    };
    if let Some(w) = window.filter(|w| w.declared) {
        fill(inc, w);
    } else if let Some(w) = window.filter(|w| w.stated_start)
        && let Some(start) = w.started
    {
        // The outage's stated start, unless the timeline shows impact
        // earlier (`the website went down at 01:38` after `builds were
        // failing since 00:55`); its end waits for the timeline.
        let earliest = inc
            .timeline
            .iter()
            .filter(|e| written(e) && matches!(e.kind, Some(EventKind::Impact | EventKind::Trigger)))
            .filter_map(|e| e.at)
            .min();
        if earliest.is_none_or(|t| start <= t) {
            inc.impact.started = Some(start);
            inc.provenance.insert("impact.started".into(), Provenance::body(w.line, w.detail.clone()));
        }
    }
    let timed = || inc.timeline.iter().filter(|e| e.at.is_some() && written(e));
    let first_after = |kinds: &[EventKind], after: Option<chrono::DateTime<chrono::FixedOffset>>| {
        timed().find(|e| e.at >= after && e.kind.is_some_and(|k| kinds.contains(&k)))
    };
    let i = &inc.impact;
    let started = timed()
        .find(|e| e.kind == Some(EventKind::Impact) && starts_the_outage(&e.text))
        .or_else(|| first_after(&[EventKind::Impact], None))
        .or_else(|| first_after(&[EventKind::Trigger], None));
    let floor = |known: Option<chrono::DateTime<chrono::FixedOffset>>, found: Option<&TimelineEvent>| known.or(found.and_then(|e| e.at));
    let s_at = floor(i.started, started);
    let detected = first_after(&[EventKind::Alert, EventKind::Detection], s_at);
    let d_at = floor(i.detected, detected).or(s_at);
    let mitigated = first_after(&[EventKind::Mitigation], d_at);
    let m_at = floor(i.mitigated, mitigated).or(d_at);
    // `Incident closed after reconciling…` closes the paperwork after
    // impact ended: an earlier resolution is the end of impact.
    let resolutions: Vec<&TimelineEvent> = timed().filter(|e| e.at >= m_at && e.kind == Some(EventKind::Resolution)).collect();
    // `OUTAGE ENDS` before `INCIDENT ENDS`: the end of the outage is the end
    // of impact.
    // Only paperwork (`monitoring period over, incident resolved`): the end
    // the prose states (`Between 11:47 and 12:49 AEST, …`) is the impact's.
    let prose_end = window.is_some_and(|w| w.resolved.is_some_and(|r| s_at.is_none_or(|s| r >= s)));
    let resolved = resolutions
        .iter()
        .rev()
        .find(|e| ends_the_outage(&e.text))
        .or_else(|| resolutions.iter().rev().find(|e| !closes_the_incident(&e.text)))
        .or(resolutions.last().filter(|_| !prose_end))
        .copied();
    let found = [("started", started), ("detected", detected), ("mitigated", mitigated), ("resolved", resolved)]
        .map(|(k, e)| (k, e.map(|e| (e.at, e.line, e.kind))));
    for (key, found) in found {
        let slot = match key {
            "started" => &mut inc.impact.started,
            "detected" => &mut inc.impact.detected,
            "mitigated" => &mut inc.impact.mitigated,
            _ => &mut inc.impact.resolved,
        };
        if let (None, Some((at, line, kind))) = (*slot, found) {
            *slot = at;
            let kind = kind.map_or("", EventKind::as_str);
            let which = if key == "resolved" { "last" } else { "first" };
            inc.provenance.insert(
                format!("impact.{key}"),
                Provenance { from: "timeline", line: Some(line), detail: Some(format!("{which} `{kind}` event")) },
            );
        }
    }
    // What the timeline leaves open, a window written in the prose fills.
    if let Some(w) = window {
        fill(inc, w);
    }
    start_by_length(inc, stated_length);
    // Still nothing marks the start: impact had begun by the first alert or report.
    if inc.impact.started.is_none()
        && let Some(e) = inc.timeline.iter().find(|e| e.at.is_some() && matches!(e.kind, Some(EventKind::Alert | EventKind::Detection)))
        && inc.impact.resolved.is_none_or(|r| e.at.is_some_and(|a| a <= r))
    {
        inc.impact.started = e.at;
        let detail = format!("first `{}` event (impact had begun by then)", e.kind.map_or("", EventKind::as_str));
        inc.provenance.insert("impact.started".into(), Provenance { from: "timeline", line: Some(e.line), detail: Some(detail) });
    }
    // A document that never places a milestone in time: its own clock.
    let i = &inc.impact;
    if i.started.is_none() && i.detected.is_none() && i.mitigated.is_none() && i.resolved.is_none() {
        infer_local_milestones(inc);
        if let Some(w) = window {
            fill_local(inc, w);
        }
    }
    // Impact stops at the latest when the problem is fixed.
    let resolved_declared = inc.provenance.get("impact.resolved").is_some_and(|p| p.from == "front-matter");
    if inc.impact.mitigated.is_none() && inc.impact.resolved.is_some() && !resolved_declared {
        inc.impact.mitigated = inc.impact.resolved;
        inc.provenance.insert("impact.mitigated".into(), Provenance::derived("no mitigation recorded; taken as the resolution time"));
    }
}

/// `affected for around 1 hour and 45 minutes` and the end of impact at
/// 12:06: the timeline's entry at 10:21 (within five minutes of the end
/// less the length) started it, when the start found from the timeline's
/// wording disagrees with the length by more than a quarter of it. A
/// start taken from the front matter or a declared window stays.
fn start_by_length(inc: &mut Incident, stated: Option<(i64, usize)>) {
    let (Some((minutes, line)), Some(end)) = (stated, inc.impact.resolved) else { return };
    let from_timeline = inc.provenance.get("impact.started").is_none_or(|p| p.from == "timeline");
    let target = end - chrono::Duration::minutes(minutes);
    let off = |t: chrono::DateTime<chrono::FixedOffset>| (t - target).num_minutes().abs();
    if !from_timeline || inc.impact.started.is_some_and(|s| off(s) * 4 <= minutes) {
        return;
    }
    let near = inc
        .timeline
        .iter()
        .filter(|e| written(e))
        .filter_map(|e| e.at.map(|a| (a, e.line)))
        .filter(|(a, _)| off(*a) <= 5)
        .min_by_key(|(a, _)| off(*a));
    if let Some((at, entry)) = near {
        inc.impact.started = Some(at);
        let detail = format!("entry {minutes} minutes before the end of impact, the length stated on line {line}");
        inc.provenance.insert("impact.started".into(), Provenance { from: "timeline", line: Some(entry), detail: Some(detail) });
        if inc.impact.detected.is_some_and(|d| d < at) {
            inc.impact.detected = None;
            inc.provenance.remove("impact.detected");
        }
    }
}

/// For a document that never says its zone, the same inference on the
/// entries' wall-clock times (date and time as written), into
/// `impact.local`. Called only when no milestone has an instant.
fn infer_local_milestones(inc: &mut Incident) {
    let zones = crate::datetime::ZoneTable::default();
    let local = |e: &TimelineEvent| -> Option<chrono::NaiveDateTime> {
        if e.at.is_some() {
            return None;
        }
        let (w, _) = crate::extract::when::leading_when(&e.time_text, &zones, true)?;
        Some(e.date?.and_time(w.time?))
    };
    let events: Vec<(chrono::NaiveDateTime, Option<EventKind>, usize)> =
        inc.timeline.iter().filter(|e| written(e)).filter_map(|e| local(e).map(|t| (t, e.kind, e.line))).collect();
    let first = |kinds: &[EventKind], after: Option<chrono::NaiveDateTime>| {
        events.iter().find(|(t, k, _)| Some(*t) >= after && k.is_some_and(|k| kinds.contains(&k))).copied()
    };
    // Impact after the first resolution is the trouble coming back, not
    // its start: a status page's opening time (see `fill_local`) or none.
    let first_end = events.iter().find(|(_, k, _)| *k == Some(EventKind::Resolution)).map(|e| e.0);
    let started = first(&[EventKind::Impact], None)
        .filter(|s| first_end.is_none_or(|end| s.0 <= end))
        .or_else(|| first(&[EventKind::Trigger], None))
        .or_else(|| first(&[EventKind::Alert, EventKind::Detection], None));
    let detected = first(&[EventKind::Alert, EventKind::Detection], started.map(|s| s.0));
    let mitigated = first(&[EventKind::Mitigation], detected.or(started).map(|s| s.0));
    let floor = mitigated.or(detected).or(started).map(|s| s.0);
    let resolved = events.iter().rev().find(|(t, k, _)| Some(*t) >= floor && *k == Some(EventKind::Resolution)).copied();
    let l = &mut inc.impact.local;
    for (key, slot, found) in [
        ("started", &mut l.started, started),
        ("detected", &mut l.detected, detected),
        ("mitigated", &mut l.mitigated, mitigated),
        ("resolved", &mut l.resolved, resolved),
    ] {
        if let Some((t, kind, line)) = found {
            *slot = Some(t);
            let detail = format!("`{}` event on the document's clock (no zone stated)", kind.map_or("", EventKind::as_str));
            inc.provenance.insert(format!("impact.local.{key}"), Provenance { from: "timeline", line: Some(line), detail: Some(detail) });
        }
    }
}

/// What the timeline leaves open on the document's clock, a window written
/// without a zone fills (`started at approximately 10.16, … fixed at 11.35`;
/// a status page's `date`/`resolvedWhen` without a zone). Called only when
/// no milestone has an instant.
fn fill_local(inc: &mut Incident, w: &crate::extract::prose::Window) {
    let l = &mut inc.impact.local;
    let (started, resolved) = w.local;
    // Never make the record contradict itself.
    if resolved.is_some_and(|r| l.started.or(started).is_some_and(|s| r < s)) {
        return;
    }
    for (key, slot, found) in [("started", &mut l.started, started), ("resolved", &mut l.resolved, resolved)] {
        if slot.is_none()
            && let Some(t) = found
        {
            *slot = Some(t);
            let detail = format!("{} (on the document's clock: no zone stated)", w.detail);
            inc.provenance.insert(format!("impact.local.{key}"), Provenance { from: "body", line: Some(w.line), detail: Some(detail) });
        }
    }
}

/// Without a `status`, the phase follows from the milestones.
pub(super) fn infer_status(inc: &mut Incident) {
    if inc.status.is_some() {
        return;
    }
    let i = &inc.impact;
    let status = if i.resolved.is_some() {
        Some(Status::Resolved)
    } else if i.mitigated.is_some() {
        Some(Status::Mitigated)
    } else {
        // A start or detection alone does not make a written-up incident
        // active; the phase stays unknown.
        None
    };
    if let Some(s) = status {
        inc.status = Some(s);
        inc.provenance.insert("status".into(), Provenance::derived("latest milestone reached"));
    }
}

#[cfg(test)]
mod tests;
