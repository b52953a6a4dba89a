//! Facts stated in running prose rather than in a section of their own: the
//! root cause (`Root cause: …`, `The outage was caused by …`, `… due to …`)
//! and the impact window (`When: A – B`, `down from 9:05 AM to 9:57 AM EST`,
//! `between 02:00 and 02:30 UTC`, `the outage lasted 47 minutes`).

use chrono::{Duration, NaiveDate, NaiveTime};

use super::blocks::{Block, Kind, join_lines};
use super::sections::{SectionRole, role_of};
use super::timeline::Context;
use super::when::{When, leading_when};
use super::{Located, sentences};
use crate::datetime::{Zone, parse_clock};
use crate::model::{EventKind, TimelineEvent};

/// Labels that introduce a root cause on a line of their own.
const CAUSE_LABELS: &[&str] = &["root cause", "root causes", "root-cause", "cause", "the cause", "underlying cause", "primary cause"];

/// Phrases that state a cause. Ordered from the most to the least explicit;
/// a sentence is taken when it contains one.
const CAUSE_CUES: &[&str] = &[
    "root cause",
    "was caused by",
    "were caused by",
    "is caused by",
    "caused by",
    "the cause of",
    "the cause was",
    "was triggered by",
    "triggered by",
    "was traced to",
    "traced back to",
    "stemmed from",
    "resulted from",
    "the result of",
    "as a result of",
    "the culprit",
    "the reason for",
    "the reason was",
    "due to",
    "because",
    "caused the",
    "caused a",
    "caused an",
    "caused our",
    "which caused",
    "that caused",
    "causing",
    "led to",
    "lead to",
    "leading to",
    "turned out to be",
    "it turned out",
    "turns out",
    "suspected it was",
    "identified as",
    "caused",
    "causes",
];

/// Every cue in [`CAUSE_CUES`] contains one of these.
const CAUSE_STEMS: &[&str] = &[
    "caus",
    "due to",
    "because",
    "trigger",
    "trace",
    "stemmed",
    "result",
    "culprit",
    "reason",
    "led to",
    "lead",
    "turn",
    "suspected",
    "identified as",
];

/// Sections whose prose may state the cause, in the order they are read.
const CAUSE_SECTIONS: &[Option<SectionRole>] = &[
    Some(SectionRole::Trigger),
    Some(SectionRole::Summary),
    None, // the lead, and sections of no known role
    Some(SectionRole::Resolution),
    Some(SectionRole::Impact),
    Some(SectionRole::Detection),
    Some(SectionRole::Lessons),
];

/// A root cause stated outside a root-cause section: a `Root cause:` line
/// anywhere, else the sentences that state a cause in the sections most
/// likely to hold one. `sections` are `(heading index, range)` pairs.
pub fn root_cause(blocks: &[Block], sections: &[(usize, std::ops::Range<usize>)]) -> Option<Located> {
    if let Some(l) = labelled_cause(blocks) {
        return Some(l);
    }
    // Block ranges and their role; the lead (before any heading) has none.
    let mut parts: Vec<(Option<SectionRole>, String, std::ops::Range<usize>)> = Vec::new();
    let first_heading = sections.first().map_or(blocks.len(), |(h, _)| *h);
    parts.push((None, "the opening paragraphs".into(), 0..first_heading));
    for (h, range) in sections {
        let Kind::Heading(_, title) = &blocks[*h].kind else { continue };
        parts.push((role_of(title), format!("section \"{title}\""), range.clone()));
    }
    for want in CAUSE_SECTIONS {
        for (role, name, range) in parts.iter().filter(|(r, _, _)| r == want) {
            let _ = role;
            let found = cause_sentences(&blocks[range.clone()]);
            if let Some((text, line, cue)) = found {
                return Some(Located { text, line, detail: format!("sentence stating a cause (\u{201c}{cue}\u{201d}) in {name}") });
            }
        }
    }
    None
}

/// Words that describe harm done: who could not do what, what was down.
const IMPACT_CUES: &[&str] = &[
    "affected",
    "affecting",
    "impacted",
    "impacting",
    "unavailable",
    "unable to",
    "could not",
    "couldn't",
    "cannot",
    "can't",
    "was down",
    "were down",
    "went down",
    "outage",
    "downtime",
    "degraded",
    "disrupted",
    "disruption",
    "errors",
    "failed",
    "failing",
    "lost",
    "missed",
    "delayed",
    "unreachable",
    "inaccessible",
    "unresponsive",
];

/// Impact described in prose when there is no impact section: up to two
/// sentences of the lead or the summary (then other narrative sections)
/// that say who or what was hurt.
pub fn impact(blocks: &[Block]) -> Option<Located> {
    let mut role: Option<SectionRole> = None;
    let mut section = String::from("the opening paragraphs");
    let mut picked: Vec<String> = Vec::new();
    let mut first: Option<(usize, String)> = None;
    for want_lead in [true, false] {
        for b in blocks {
            match &b.kind {
                Kind::Heading(_, t) => {
                    role = role_of(t);
                    section = format!("section \"{t}\"");
                    continue;
                }
                Kind::Paragraph => {}
                _ => continue,
            }
            let lead = matches!(role, None | Some(SectionRole::Summary));
            if lead != want_lead || matches!(role, Some(SectionRole::Timeline | SectionRole::ActionItems | SectionRole::Lessons)) {
                continue;
            }
            let text = join_lines(&b.source);
            let lower = text.to_lowercase();
            if !IMPACT_CUES.iter().any(|c| lower.contains(c)) {
                continue;
            }
            for s in sentences(&text) {
                let l = s.to_lowercase();
                if s.len() >= 25 && IMPACT_CUES.iter().any(|c| contains_words(&l, c)) && !picked.contains(&s) {
                    first.get_or_insert((b.line, section.clone()));
                    picked.push(s);
                    if picked.len() == 2 {
                        break;
                    }
                }
            }
            if picked.len() == 2 {
                break;
            }
        }
        if !picked.is_empty() {
            break;
        }
        role = None;
        section = String::from("the opening paragraphs");
    }
    let (line, name) = first?;
    Some(Located { text: picked.join(" "), line, detail: format!("sentences describing impact in {name}") })
}

/// `Root cause: …`, `**Root Cause:** …`, `Cause - …` at the start of a
/// paragraph or list item.
fn labelled_cause(blocks: &[Block]) -> Option<Located> {
    for b in blocks {
        let texts: Vec<(String, usize)> = match &b.kind {
            Kind::Paragraph => vec![(join_lines(&b.source), b.line)],
            Kind::List(items) => items.iter().map(|i| (i.text.clone(), i.line)).collect(),
            _ => continue,
        };
        for (text, line) in texts {
            let plain = text.trim().trim_start_matches(['*', '_']).trim_start();
            // Only the head can hold the label.
            let head: String = plain.chars().take(32).collect();
            if !head.to_lowercase().contains("cause") {
                continue;
            }
            let lower = plain.to_lowercase();
            for label in CAUSE_LABELS {
                let Some(rest) = lower.strip_prefix(label) else { continue };
                let rest = rest.trim_start_matches(['*', '_', ' ']);
                if !(rest.starts_with(':') || rest.starts_with(" -") || rest.starts_with('-') || rest.starts_with('–')) {
                    continue;
                }
                let cut = plain.len() - rest.len();
                let value = plain[cut..].trim_start_matches([':', '-', '–', ' ', '*', '_']).trim();
                if value.len() >= 12 && !is_placeholder_text(value) {
                    return Some(Located { text: value.to_string(), line, detail: format!("`{}:` line", &plain[..label.len()]) });
                }
            }
        }
    }
    None
}

/// Text left from a template (`TBD`, `N/A`, `_Describe the cause_`).
fn is_placeholder_text(t: &str) -> bool {
    let l = t.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    matches!(l.as_str(), "tbd" | "tbc" | "n/a" | "na" | "none" | "todo" | "unknown" | "to be determined")
}

/// The first sentences (at most three) in these blocks that state a cause,
/// with the line of the first and the cue it contains.
fn cause_sentences(blocks: &[Block]) -> Option<(String, usize, &'static str)> {
    let mut picked: Vec<String> = Vec::new();
    let mut first: Option<(usize, &'static str)> = None;
    for b in blocks {
        let texts: Vec<(String, usize)> = match &b.kind {
            Kind::Paragraph | Kind::Quote => vec![(join_lines(b.source.trim_start_matches(['>', ' '])), b.line)],
            Kind::List(items) => items.iter().map(|i| (i.text.clone(), i.line)).collect(),
            _ => continue,
        };
        for (text, line) in texts {
            // Most paragraphs state no cause: one pass for the cues' stems first.
            let lower_text = text.to_lowercase();
            if !CAUSE_STEMS.iter().any(|st| lower_text.contains(st)) {
                continue;
            }
            let all = sentences(&text);
            for (k, s) in all.iter().enumerate() {
                let lower = s.to_lowercase();
                let Some(cue) = CAUSE_CUES.iter().find(|c| contains_words(&lower, c)) else { continue };
                if negated_cause(&lower, cue) || s.len() < 25 {
                    continue;
                }
                first.get_or_insert((line, cue));
                // `This went unnoticed and caused…`: what "this" is comes first.
                let anaphora = ["this ", "that ", "it ", "which "].iter().any(|a| lower.starts_with(a));
                if anaphora && k > 0 && !picked.contains(&all[k - 1]) {
                    picked.push(all[k - 1].clone());
                }
                if !picked.contains(s) {
                    picked.push(s.clone());
                }
                if picked.len() == 3 {
                    break;
                }
            }
        }
        if picked.len() == 3 {
            break;
        }
    }
    let (line, cue) = first?;
    Some((picked.join(" "), line, cue))
}

/// `phrase` as whole words in `lower`.
pub(super) fn contains_words(lower: &str, phrase: &str) -> bool {
    let mut from = 0;
    while let Some(i) = lower[from..].find(phrase).map(|i| from + i) {
        let before = lower[..i].chars().next_back();
        let after = lower[i + phrase.len()..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            return true;
        }
        from = i + phrase.len();
    }
    false
}

/// "the root cause is not yet known", "not caused by", "unknown cause".
fn negated_cause(lower: &str, cue: &str) -> bool {
    let Some(i) = lower.find(cue) else { return false };
    let before: Vec<&str> = lower[..i].split_whitespace().rev().take(3).collect();
    let after = &lower[i + cue.len()..];
    before.iter().any(|w| matches!(*w, "not" | "no" | "unknown" | "unclear" | "wasn't" | "isn't" | "never"))
        || ["is unknown", "remains unknown", "is not yet", "is still", "unknown", "not yet"]
            .iter()
            .any(|p| after.trim_start().starts_with(p))
}

/// An impact window written as a range: the start and end, resolved to
/// instants, with where it was found.
#[derive(Debug, Clone)]
pub struct Window {
    /// Start of impact.
    pub started: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// End of impact.
    pub resolved: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// 1-based line.
    pub line: usize,
    /// What it was (`\`When:\` line`, `"from … to …" in section "Summary"`).
    pub detail: String,
    /// Declared as the window (a `When:` line or section), so it beats
    /// milestones inferred from the timeline's wording; a range met in
    /// prose only fills what the timeline leaves open.
    pub declared: bool,
}

/// Keys of metadata lines and table rows that give the window.
const WINDOW_KEYS: &[&str] =
    &["when", "time", "duration", "impact window", "outage window", "window", "period", "date and time", "time frame", "timeframe"];

/// The impact window: a `When:`/`Time:` value or a `When` section holding a
/// range, else a range in the prose (`from A to B`, `between A and B`), else a
/// start and a length (`at 19:55 … lasted 47 minutes`).
pub fn window(blocks: &[Block], metadata: &[(String, String, usize)], cx: &Context<'_>, zone: Option<Zone>) -> Option<Window> {
    let resolve = |w: &When, date: Option<NaiveDate>, z: Option<Zone>| -> Option<chrono::DateTime<chrono::FixedOffset>> {
        let d = w.date.or(date)?;
        let t = w.time?;
        let z = w.zone.or(z)?;
        Some(z.resolve(d.and_time(t)))
    };
    let make = |a: &When, b: &When, line: usize, detail: String| -> Option<Window> {
        let date = a.date.or(cx.date);
        let z = a.zone.or(b.zone).or(zone);
        let started = resolve(a, date, z);
        // The end takes the start's date, a day later when it is earlier.
        let mut end_date = b.date.or(a.date).or(cx.date);
        if b.date.is_none()
            && let (Some(ta), Some(tb), Some(d)) = (a.time, b.time, end_date)
            && tb < ta
        {
            end_date = Some(d + Duration::days(1));
        }
        let resolved = resolve(b, end_date, z);
        (started.is_some() || resolved.is_some()).then_some(Window { started, resolved, line, detail, declared: false })
    };
    // `When: 2024-04-04 13:00 IST - 2024-04-05 15:00 IST`, `| Time | 0730 - 1230 (UTC) |`
    for (key, value, line) in metadata {
        if WINDOW_KEYS.contains(&key.as_str())
            && let Some((a, b)) = range_in(value, cx, true)
            && let Some(w) = make(&a, &b, *line, format!("`{key}:` range"))
        {
            return Some(Window { declared: true, ..w });
        }
    }
    // A `When` heading followed by a range.
    for (i, b) in blocks.iter().enumerate() {
        if let Kind::Heading(_, t) = &b.kind
            && WINDOW_KEYS.contains(&t.trim().trim_end_matches(':').to_lowercase().as_str())
            && let Some(next) = blocks.get(i + 1).filter(|n| matches!(n.kind, Kind::Paragraph))
            && let Some((a, z)) = range_in(&join_lines(&next.source), cx, true)
            && let Some(w) = make(&a, &z, next.line, format!("range under \"{t}\""))
        {
            return Some(Window { declared: true, ..w });
        }
    }
    // Prose: `from A to B`, `between A and B`, `A – B`.
    let mut section = String::from("the opening paragraphs");
    let mut role = None;
    for b in blocks {
        match &b.kind {
            Kind::Heading(_, t) => {
                section = format!("section \"{t}\"");
                role = role_of(t);
            }
            Kind::Paragraph | Kind::List(_) if !matches!(role, Some(SectionRole::Timeline | SectionRole::ActionItems)) => {
                let text = join_lines(&b.source);
                // A paragraph telling when it started and when it ended.
                let lower = text.to_lowercase();
                if IMPACT_WORDS.iter().any(|w| lower.contains(w))
                    && let Some((a, z)) = start_and_end(&text, cx)
                    && let Some(w) = make(&a, &z, b.line, format!("start and end times in {section}"))
                {
                    return Some(w);
                }
                for s in sentences(&text) {
                    let lower = s.to_lowercase();
                    let about_impact = IMPACT_WORDS.iter().any(|w| lower.contains(w));
                    // A range of full date-times (`between 2025-07-30 21:27 UTC and
                    // 2025-07-31 07:27 UTC`) needs no word about impact.
                    if let Some((a, z)) = range_in(&s, cx, false)
                        && (about_impact || (a.date.is_some() && z.date.is_some()))
                        && let Some(w) = make(&a, &z, b.line, format!("time range in {section}"))
                    {
                        return Some(w);
                    }
                    if !about_impact {
                        continue;
                    }

                    if let Some(w) = start_and_length(&s, cx, zone)
                        && let Some(w) = make(&w.0, &w.1, b.line, format!("start and length in {section}"))
                    {
                        return Some(w);
                    }
                }
            }
            _ => {}
        }
    }
    None
}

/// Words that make a sentence about the impact (not about a meeting).
const IMPACT_WORDS: &[&str] = &[
    "outage",
    "down",
    "unavailable",
    "impact",
    "degrad",
    "disrupt",
    "incident",
    "fail",
    "error",
    "offline",
    "unreachable",
    "interrupt",
    "lasted",
    "affected",
    "broken",
    "unable",
    "issue",
    "problem",
    "halt",
    "stopp",
    "slow",
];

/// The first range of two times in `text`: `A - B`, `A – B`, `A to B`,
/// `from A to B`, `between A and B`, `A until B`. With `bare`, the text may
/// be only the range (a metadata value), and four-digit times are allowed.
fn range_in(text: &str, cx: &Context<'_>, bare: bool) -> Option<(When, When)> {
    let starts: Vec<usize> = super::when::starts(text, bare).collect();
    for s in starts {
        let rest = &text[s..];
        let Some((a, after)) = leading_when(rest, cx.zones, bare) else { continue };
        if a.time.is_none() {
            continue;
        }
        let consumed = &rest[..rest.len() - after.len()];
        // In prose only clock-shaped times count (`9:05`, `6pm`), not `1.13`.
        if !(bare || a.text.contains(':') || a.text.to_lowercase().contains('m')) {
            continue;
        }
        // `leading_when` reads `A - B` as a range and keeps A: look for B in
        // what it consumed (after a dash), or after a connector.
        let dash_end = consumed
            .char_indices()
            .filter(|(_, c)| matches!(c, '-' | '–' | '—'))
            .map(|(i, c)| i + c.len_utf8())
            .rfind(|&i| parse_clock(consumed[i..].trim_start(), bare).is_some());
        let tail = if let Some(i) = dash_end {
            consumed[i..].to_string() + after
        } else if consumed.trim_end().ends_with(['-', '–', '—']) {
            after.to_string()
        } else {
            let lower = after.to_lowercase();
            let t = lower.trim_start();
            let skip = after.len() - t.len();
            let Some(connector) = ["to ", "until ", "till ", "and ", "through ", "- ", "– ", "— "].iter().find(|c| t.starts_with(**c))
            else {
                if bare {
                    return None;
                }
                continue;
            };
            after[skip + connector.len()..].to_string()
        };
        if let Some((b, _)) = leading_when(&tail, cx.zones, bare)
            && b.time.is_some()
        {
            let (mut a, mut b) = (a, b);
            if b.zone.is_none() {
                b.zone = trailing_zone(&tail, cx);
            }
            if a.zone.is_none() {
                a.zone = b.zone;
            }
            return Some((a, b));
        }
        if bare {
            return None;
        }
    }
    None
}

/// `(UTC)` or `UTC` among the first words after a range.
fn trailing_zone(text: &str, cx: &Context<'_>) -> Option<Zone> {
    text.split_whitespace()
        .take(4)
        .map(|w| w.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | '.' | ';' | '*')))
        .filter(|w| w.len() >= 2 && w.chars().any(|c| c.is_ascii_uppercase()))
        .find_map(|w| cx.zones.zone(w))
}

/// `At 19:55 UTC all services became unresponsive … for about 47 minutes`:
/// a start in the sentence and a length (`lasted 47 minutes`, `for 2 hours`).
fn start_and_length(s: &str, cx: &Context<'_>, zone: Option<Zone>) -> Option<(When, When)> {
    let lower = s.to_lowercase();
    let minutes = length_minutes(&lower)?;
    let start = super::when::starts(s, false)
        .find_map(|i| leading_when(&s[i..], cx.zones, false).filter(|(w, _)| w.time.is_some()).map(|(w, _)| w))?;
    let t: NaiveTime = start.time?;
    let date = start.date.or(cx.date)?;
    let end_dt = date.and_time(t) + Duration::minutes(minutes);
    let _ = zone;
    let end = When { date: Some(end_dt.date()), time: Some(end_dt.time()), zone: start.zone, ..When::default() };
    Some((start, end))
}

/// `… which started with errors around 11:00 GMT … and resolved at 23:01 GMT`:
/// the first time after a start word and the last time after an end word.
fn start_and_end(s: &str, cx: &Context<'_>) -> Option<(When, When)> {
    const START: &[&str] = &["started", "starting", "began", "begun", "beginning", "since", "from"];
    const END: &[&str] = &["resolved", "restored", "fixed", "ended", "recovered", "mitigated", "until", "back"];
    let mut start: Option<When> = None;
    let mut end: Option<When> = None;
    for i in super::when::starts(s, false) {
        let Some((w, _)) = leading_when(&s[i..], cx.zones, false) else { continue };
        if w.time.is_none() || !(w.text.contains(':') || w.text.to_lowercase().contains('m')) {
            continue;
        }
        let before: Vec<String> = s[..i].split_whitespace().rev().take(8).map(|x| x.to_lowercase()).collect();
        let cue = |list: &[&str]| before.iter().any(|b| list.contains(&b.trim_matches(|c: char| !c.is_alphanumeric())));
        if start.is_none() && cue(START) && !cue(END) {
            start = Some(w);
        } else if start.is_some() && cue(END) {
            end = Some(w);
        }
    }
    let (mut a, b) = (start?, end?);
    if a.zone.is_none() {
        a.zone = b.zone;
    }
    Some((a, b))
}

/// `lasted 47 minutes`, `for about 2 hours`, `a 30-minute outage`.
fn length_minutes(lower: &str) -> Option<i64> {
    let words: Vec<&str> = lower.split(|c: char| c.is_whitespace() || c == '-').filter(|w| !w.is_empty()).collect();
    for (i, w) in words.iter().enumerate() {
        let unit = w.trim_end_matches(['.', ',', ')', ';']);
        let per = match unit {
            "minute" | "minutes" | "mins" | "min" => 1,
            "hour" | "hours" | "hrs" | "hr" => 60,
            _ => continue,
        };
        let Some(n) = i.checked_sub(1).and_then(|j| words[j].trim_start_matches('~').parse::<f64>().ok()) else { continue };
        let context: Vec<&str> = words[i.saturating_sub(5)..i].to_vec();
        if context
            .iter()
            .any(|c| matches!(*c, "lasted" | "lasting" | "for" | "duration" | "approximately" | "outage" | "downtime" | "total"))
        {
            return Some((n * per as f64).round() as i64);
        }
    }
    None
}

/// With no timeline in the document, the first sentence of the opening
/// narrative (the lead, summary, impact, trigger or detection) that pins
/// what happened to a clock time: `At 19:55 UTC, all services became
/// unresponsive.` It becomes a one-entry timeline; unless its wording says
/// otherwise, it marks the start of impact. `None` without a zone.
pub fn pinned_event(blocks: &[Block], cx: &Context<'_>, zone: Option<Zone>) -> Option<TimelineEvent> {
    let mut role: Option<SectionRole> = None;
    for b in blocks {
        match &b.kind {
            Kind::Heading(_, t) => role = role_of(t),
            Kind::Paragraph | Kind::List(_)
                if matches!(
                    role,
                    None | Some(SectionRole::Summary | SectionRole::Impact | SectionRole::Trigger | SectionRole::Detection)
                ) =>
            {
                let text = join_lines(&b.source);
                for s in sentences(&text) {
                    let Some((w, after)) = clock_in(&s, cx) else { continue };
                    // `between 15:56 and 16:02 UK time`: the zone may follow the range.
                    let Some(z) = w.zone.or_else(|| trailing_zone(&after, cx)).or(zone) else { continue };
                    let date = w.date.or_else(|| {
                        let (m, d) = w.month_day?;
                        NaiveDate::from_ymd_opt(chrono::Datelike::year(&cx.date?), m, d)
                    });
                    let date = date.or(cx.date)?;
                    let t = w.time?;
                    let clean = s.replace("**", "");
                    let kind = super::phrases::classify(&clean).or(Some(EventKind::Impact));
                    return Some(TimelineEvent {
                        at: Some(z.resolve(date.and_time(t))),
                        date: Some(date),
                        time_text: w.text.clone(),
                        zone: Some(z.to_string()),
                        kind,
                        text: clean,
                        line: b.line,
                    });
                }
            }
            _ => {}
        }
    }
    None
}

/// The first clock time in a sentence (`19:55 UTC`, `@ 22:16:01 UTC`,
/// `3:10 PM PST`), with a date written just before it if any.
fn clock_in(s: &str, cx: &Context<'_>) -> Option<(When, String)> {
    for i in super::when::starts(s, false) {
        if let Some((w, after)) = leading_when(&s[i..], cx.zones, false)
            && w.time.is_some()
            && (w.text.contains(':') || w.text.to_lowercase().contains('m'))
        {
            let mut w = w;
            if w.date.is_none() && w.month_day.is_none() {
                // `On Sept 30 @ 22:16 UTC`, `14:30 UTC on Saturday 30th January`
                let year = cx.date.map(|d| chrono::Datelike::year(&d));
                w.date = super::when::find_date(s, year);
            }
            let after = after.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
            return Some((w, after));
        }
    }
    None
}

#[cfg(test)]
mod tests;

#[cfg(test)]
#[test]
fn every_cue_has_a_stem() {
    for c in CAUSE_CUES {
        assert!(CAUSE_STEMS.iter().any(|s| c.contains(s)), "{c}");
    }
}
