//! Status-page incident histories pasted into a post-mortem: updates labelled
//! with the phase they report (`Investigating`, `Identified`, `Monitoring`,
//! `Resolved`), each followed by its text and a stamp (`Jun 12, 2031 -
//! 14:25 AEST`, `Posted 3 days ago. Jun 12, 2031 - 14:25 UTC`), usually
//! newest first. Each update is a timeline entry of the phase's kind, and
//! the entries are put in the order they happened.
//!
//! Shapes read: a heading per update (`### Resolved`), a paragraph opening
//! with its label (`**Resolved** - This incident has been resolved.`), and a
//! label on a line of its own above the text.

use super::{Context, Found, Raw, leading_when, push, resolve};
use crate::extract::blocks::{Block, Kind, join_lines};
use crate::model::EventKind;

/// The labels a status page gives its updates, and the kind of entry each
/// makes (`None`: read from the text).
const LABELS: &[(&str, Option<EventKind>)] = &[
    ("investigating", Some(EventKind::Detection)),
    ("identified", None),
    ("update", None),
    ("monitoring", Some(EventKind::Mitigation)),
    ("resolved", Some(EventKind::Resolution)),
    ("completed", Some(EventKind::Resolution)),
    ("verifying", None),
];

/// The label a heading or an opening word names, with what follows it.
pub(super) fn label(text: &str) -> Option<(&'static str, Option<EventKind>, &str)> {
    let t = text.trim().trim_start_matches(['*', '_', '#', ' ']);
    let word_end = t.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(t.len());
    let word = t[..word_end].to_ascii_lowercase();
    let (name, kind) = LABELS.iter().find(|(l, _)| *l == word)?;
    let rest = t[word_end..].trim_start_matches(['*', '_', ' ', ':', '-', '–', '—', '·', '|']);
    Some((*name, *kind, rest))
}

/// The stamp of an update: a line holding a date and a time, perhaps after
/// `Posted` or `Posted 3 days ago.`, and nothing else.
fn stamp(line: &str, cx: &Context<'_>) -> Option<crate::extract::when::When> {
    let mut t = strip_inline_tags(line.trim()).trim_matches(['*', '_']).trim();
    if let Some(r) = t.strip_prefix("Posted").or_else(|| t.strip_prefix("posted")) {
        t = r.trim_start();
        // `Posted 3 days ago. Jun 12, …`
        if let Some(i) = t.find("ago.") {
            t = t[i + 4..].trim_start();
        }
    }
    // `Jun 12, 2031 - 14:25 AEST`: `leading_when` reads the time after the dash.
    let (w, rest) = leading_when(t, cx.zones, false)?;
    let rest = rest.trim_matches(|c: char| c.is_whitespace() || matches!(c, '.' | '*' | '_' | ')' | '('));
    (w.time.is_some() && (w.date.is_some() || w.month_day.is_some()) && rest.len() <= 12).then_some(w)
}

/// A line without the inline tags around it: `<small>Posted …</small>`,
/// `<em><time datetime="…">…</time></em>`.
fn strip_inline_tags(line: &str) -> &str {
    let mut t = line;
    loop {
        let before = t.len();
        if t.starts_with('<')
            && t[1..].starts_with(|c: char| c.is_ascii_alphabetic())
            && let Some(end) = t.find('>')
        {
            t = t[end + 1..].trim_start();
        }
        if t.ends_with('>')
            && let Some(open) = t.rfind("</")
            && !t[open..].contains(' ')
        {
            t = t[..open].trim_end();
        }
        if t.len() == before {
            return t;
        }
    }
}

/// One update while it is being read.
struct Update {
    label: &'static str,
    kind: Option<EventKind>,
    line: usize,
    text: Vec<String>,
    when: Option<crate::extract::when::When>,
    /// The stamp was on the label's line: the text follows it.
    stamp_first: bool,
}

/// The updates of a status-page history in `blocks`, as a timeline in the
/// order they happened; `None` unless at least two updates carry a stamp.
pub fn updates(blocks: &[Block], cx: &Context<'_>) -> Option<Found> {
    let mut done: Vec<Update> = Vec::new();
    let mut open: Option<Update> = None;
    let close = |open: &mut Option<Update>, done: &mut Vec<Update>| {
        if let Some(u) = open.take().filter(|u| u.when.is_some()) {
            done.push(u);
        }
    };
    for b in blocks {
        match &b.kind {
            Kind::Heading(_, t) => {
                close(&mut open, &mut done);
                if let Some((name, kind, rest)) = label(t) {
                    // `### Update 2 – 16:45 CET`: the time in the heading
                    // (its day is the post's).
                    let timed = leading_when(t, cx.zones, false).filter(|(w, _)| w.time.is_some()).map(|(w, _)| w);
                    if rest.is_empty() || timed.is_some() {
                        let stamp_first = timed.is_some();
                        open = Some(Update { label: name, kind, line: b.line, text: Vec::new(), when: timed, stamp_first });
                    }
                }
            }
            Kind::Paragraph => {
                for (i, line) in b.source.lines().enumerate() {
                    let line_no = b.line + i;
                    // `**Resolved** - This incident has been resolved.` or
                    // `Resolved` alone on its line opens an update.
                    let opened = label(line).filter(|(_, _, rest)| {
                        // `**Resolved** - …`, `**Resolved** — …`, `**Resolved:** …`
                        let bold = line.trim_start().starts_with("**")
                            && [" - ", " – ", " — ", ":**", "**:", " · ", " | "].iter().any(|s| line.contains(s));
                        (rest.is_empty() && line.trim().len() <= 16) || bold
                    });
                    if let Some((name, kind, rest)) = opened {
                        close(&mut open, &mut done);
                        let mut u = Update { label: name, kind, line: line_no, text: Vec::new(), when: None, stamp_first: false };
                        // `**Investigating** · Oct 8, 2031 · 16:42 CEST`: the stamp on the label's line.
                        if let Some(w) = stamp(rest, cx) {
                            u.when = Some(w);
                            u.stamp_first = true;
                        } else if !rest.is_empty() {
                            u.text.push(rest.to_string());
                        }
                        open = Some(u);
                        continue;
                    }
                    // `*Posted by Elodie • 14 November 2024, 14:50 CET*` above
                    // the first update: the post itself, an entry of its own.
                    if open.is_none() && done.is_empty() && line.trim().trim_start_matches(['*', '_']).starts_with("Posted by") {
                        let piece = line.split(['•', '·', '|']).skip(1).find_map(|p| stamp(p.trim().trim_end_matches(['*', '_']), cx));
                        if let Some(w) = piece {
                            open = Some(Update {
                                label: "posted",
                                kind: None,
                                line: line_no,
                                text: Vec::new(),
                                when: Some(w),
                                stamp_first: true,
                            });
                            continue;
                        }
                    }
                    let Some(u) = open.as_mut() else { continue };
                    if u.stamp_first {
                        if !line.trim().is_empty() {
                            u.text.push(line.trim().to_string());
                        }
                        continue;
                    }
                    if u.when.is_some() {
                        continue;
                    }
                    if let Some(w) = stamp(line, cx) {
                        u.when = Some(w);
                    } else if !line.trim().is_empty() {
                        u.text.push(line.trim().to_string());
                    }
                }
            }
            _ => {}
        }
    }
    close(&mut open, &mut done);
    if done.len() < 2 {
        return None;
    }
    let mut raws: Vec<Raw> = done
        .into_iter()
        .map(|u| {
            let text = join_lines(&u.text.join("\n"));
            let mut label = u.label.to_string();
            label[..1].make_ascii_uppercase();
            Raw {
                when: u.when.unwrap_or_default(),
                text: if text.is_empty() { label } else { format!("{label}: {text}") },
                line: u.line,
                kind: u.kind,
                column_zone: None,
            }
        })
        .collect();
    // Written newest first: read oldest first.
    let key = |r: &Raw| (r.when.date, r.when.month_day, r.when.time);
    if raws.windows(2).all(|p| key(&p[0]) >= key(&p[1])) {
        raws.reverse();
    }
    let mut found = Found::default();
    push(&mut found, "status-updates");
    found.events = resolve(raws, &[], cx, None, None, None, &mut found.placeholders);
    Some(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::datetime::ZoneTable;
    use chrono::NaiveDate;

    #[test]
    fn a_post_and_its_numbered_updates() {
        let zones = ZoneTable::default();
        let date = NaiveDate::from_ymd_opt(2024, 11, 14);
        let cx = Context { zones: &zones, date, fallback_date: None, doc_zone: None, default_zone: None };
        let md = "*Posted by Elodie • 14 November 2024, 14:50 CET*\n\nWe're aware many of you cannot log in.\n\n### Update 1 – 15:20 CET\n\nTraced to the EU login servers.\n\n### Update 2 – 16:45 CET\n\nDeploying a fix.\n";
        let f = updates(&crate::extract::blocks::blocks(md, 1), &cx).unwrap();
        let at: Vec<String> = f.events.iter().map(|e| e.at.unwrap().to_rfc3339()).collect();
        assert_eq!(at, ["2024-11-14T14:50:00+01:00", "2024-11-14T15:20:00+01:00", "2024-11-14T16:45:00+01:00"]);
        assert_eq!(f.events[0].text, "Posted: We're aware many of you cannot log in.");
    }

    fn read(md: &str) -> Option<Found> {
        let zones = ZoneTable::default();
        let cx = Context { zones: &zones, date: None, fallback_date: None, doc_zone: None, default_zone: None };
        updates(&crate::extract::blocks::blocks(md, 1), &cx)
    }

    #[test]
    fn headed_updates_newest_first() {
        let f = read(
            "### Resolved\n\nThis incident has been resolved.\n\nJun 12, 2031 - 14:25 AEST\n\n### Monitoring\n\nA fix is out.\n\nJun 12, 2031 - 12:58 AEST\n\n### Investigating\n\nPayments stay in Processing.\n\nPosted 3 days ago. Jun 12, 2031 - 10:31 AEST\n",
        )
        .unwrap();
        let at: Vec<String> = f.events.iter().map(|e| e.at.unwrap().to_rfc3339()).collect();
        assert_eq!(at, ["2031-06-12T10:31:00+10:00", "2031-06-12T12:58:00+10:00", "2031-06-12T14:25:00+10:00"]);
        let kinds: Vec<_> = f.events.iter().map(|e| e.kind).collect();
        assert_eq!(kinds, [Some(EventKind::Detection), Some(EventKind::Mitigation), Some(EventKind::Resolution)]);
        assert_eq!(f.events[0].text, "Investigating: Payments stay in Processing.");
    }

    #[test]
    fn stamps_in_inline_html_with_a_dot_between_date_and_time() {
        let f = read(
            "### Resolved\n\nAll payouts succeed again.\n\n<small>Posted 7 Feb 2031 · 16:41 GMT</small>\n\n### Investigating\n\nWe see errors.\n\n<small>Posted 7 Feb 2031 · 14:26 GMT</small>\n",
        )
        .unwrap();
        let at: Vec<String> = f.events.iter().map(|e| e.at.unwrap().to_rfc3339()).collect();
        assert_eq!(at, ["2031-02-07T14:26:00+00:00", "2031-02-07T16:41:00+00:00"]);
        assert_eq!(f.events[1].text, "Resolved: All payouts succeed again.");
    }

    #[test]
    fn stamps_on_the_label_line_in_the_order_they_happened() {
        let f = read(
            "**Investigating** · Oct 8, 2031 · 16:42 CEST\n\nWe see delays.\n\n**Monitoring** · Oct 8, 2031 · 17:48 CEST\n\nThe backlog is gone.\n\n**Resolved** · Oct 8, 2031 · 19:02 CEST\n\nResolved.\n",
        )
        .unwrap();
        let at: Vec<String> = f.events.iter().map(|e| e.at.unwrap().to_rfc3339()).collect();
        assert_eq!(at, ["2031-10-08T16:42:00+02:00", "2031-10-08T17:48:00+02:00", "2031-10-08T19:02:00+02:00"]);
        assert_eq!(f.events[1].text, "Monitoring: The backlog is gone.");
    }

    #[test]
    fn labelled_paragraphs() {
        let f = read(
            "**Resolved** - This incident has been resolved.\nMar 3, 2031 - 15:02 UTC\n\n**Update** — We are still working on it.\nMar 3, 2031 - 14:40 UTC\n\n**Investigating** - Logins fail for some users.\nMar 3, 2031 - 14:05 UTC\n",
        )
        .unwrap();
        assert_eq!(f.events.len(), 3);
        assert_eq!(f.events[0].text, "Investigating: Logins fail for some users.");
        assert_eq!(f.events[2].at.unwrap().to_rfc3339(), "2031-03-03T15:02:00+00:00");
    }

    #[test]
    fn prose_that_mentions_a_phase_is_not_an_update() {
        assert!(read("Resolved issues are listed below.\n\nMonitoring was fine at 10:00 UTC.\n").is_none());
        // One stamped update is not a history.
        assert!(read("### Resolved\n\nDone.\n\nJun 12, 2031 - 14:25 UTC\n").is_none());
    }
}
