//! Facts stated in running prose rather than in a section of their own: the
//! root cause (`Root cause: …`, `The outage was caused by …`, `… due to …`),
//! the impact (`checkout was unavailable for most customers`), and a time
//! the opening pins the incident to. The impact window is in `window`.

use chrono::NaiveDate;

use super::blocks::{Block, Kind, join_lines};
use super::sections::{SectionRole, role_of};
use super::timeline::Context;
use super::when::{When, leading_when};
use super::window::trailing_zone;
pub use super::window::{Window, stated_length, window};
use super::{Located, sentences};
use crate::datetime::Zone;
use crate::model::{EventKind, TimelineEvent};

/// Labels that introduce a root cause on a line of their own.
const CAUSE_LABELS: &[&str] = &[
    "root cause",
    "root causes",
    "root-cause",
    "cause",
    "the cause",
    "underlying cause",
    "primary cause",
    // Norwegian, Swedish, Danish, German.
    "rotårsak",
    "rotårsaker",
    "grundorsak",
    "grundårsag",
    "ursache",
];

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
    // `The likely cause was that the consumer was stuck`.
    "likely cause",
    "probable cause",
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
    "reason for this outage",
    "reason for the outage",
    "reason for this incident",
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
    // `It has turned out that the feeder cable was blown`.
    "turned out that",
    "turns out",
    // `This seems to be related to a raid controller failure`.
    "seems to be related to",
    "appears to be related to",
    "suspected it was",
    "identified as",
    "caused",
    "causes",
    // Other languages: German, French, Spanish, Portuguese, Italian, Dutch,
    // Japanese, Chinese.
    "ursache",
    "verursacht",
    "zurückzuführen",
    "la cause",
    "l'origine",
    "causé par",
    "causée par",
    "en raison de",
    "à cause de",
    "debido a",
    "causado por",
    "causada por",
    "la causa",
    "devido a",
    "a causa",
    "causato da",
    "dovuto a",
    "veroorzaakt",
    "oorzaak",
    "aufgrund",
    // Polish, Czech, Russian, Swedish, Norwegian and Danish.
    "przyczyną",
    "przyczyna",
    "z powodu",
    "příčinou",
    "příčina",
    "kvůli",
    "причиной",
    "причина",
    "из-за",
    "orsaken",
    "på grund av",
    "årsaken",
    "på grunn av",
    "årsagen",
    "på grund af",
    "原因",
    "によるもの",
    "导致",
    "由于",
    "因为",
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
    "ursache",
    "verursacht",
    "zurückzuführen",
    "origine",
    "raison",
    "debido",
    "devido",
    "dovuto",
    "oorzaak",
    "veroorzaakt",
    "aufgrund",
    "przyczyn",
    "powodu",
    "příčin",
    "kvůli",
    "причин",
    "из-за",
    "orsak",
    "årsa",
    "grund",
    "grunn",
    "related to",
    "由于",
    "因为",
    "原因",
    "による",
    "导致",
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
        for (_, name, range) in parts.iter().filter(|(r, _, _)| r == want) {
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
            // A header of `Key: value` fields is not prose, unless a field
            // is the impact (`User impact: …`).
            if super::metadata::fields_only(&b.source) && !b.source.to_lowercase().contains("impact") {
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
            // ASCII folding: offsets found in `lower` are valid in `plain`.
            let lower = plain.to_ascii_lowercase();
            for label in CAUSE_LABELS {
                let Some(rest) = lower.strip_prefix(label) else { continue };
                // `**Cause.** The nightly job …`: a bold run-in label.
                let run_in = text.trim_start().starts_with(['*', '_']) && (rest.starts_with(".**") || rest.starts_with(".__"));
                let rest = rest.trim_start_matches(['*', '_', ' ']);
                if !(run_in || rest.starts_with(':') || rest.starts_with(" -") || rest.starts_with('-') || rest.starts_with('–')) {
                    continue;
                }
                let rest = if run_in { rest.trim_start_matches(['.', '*', '_']) } else { rest };
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
    // Chinese and Japanese write no spaces between words.
    if phrase.chars().next().is_some_and(|c| c >= '\u{3000}') {
        return lower.contains(phrase);
    }
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
            // A section on remediation may open with how the response went
            // (`alerted … at 10:53 US/Pacific`) before its list of actions.
            Kind::Paragraph | Kind::List(_)
                if matches!(
                    role,
                    None | Some(SectionRole::Summary | SectionRole::Impact | SectionRole::Trigger | SectionRole::Detection)
                ) || (role == Some(SectionRole::ActionItems) && matches!(b.kind, Kind::Paragraph)) =>
            {
                let text = join_lines(&b.source);
                // When the report was written is not an event; nor is a
                // header's field (`**Duration**: ~15 minutes (10:00 -
                // 10:15 CET)`), which is read as the impact window.
                if super::lead::about_the_report(&text) || (matches!(b.kind, Kind::Paragraph) && super::metadata::fields_only(&b.source)) {
                    continue;
                }
                for s in sentences(&text) {
                    let Some((w, after)) = clock_in(&s, cx) else { continue };
                    // `between 15:56 and 16:02 UK time`: the zone may follow the range.
                    // `from ~12:00 (maybe before) to 17:55 CEST`: the zone
                    // the sentence gives its other time.
                    let later_zone = || {
                        super::when::starts(&s, false)
                            .filter_map(|i| leading_when(&s[i..], cx.zones, false))
                            .find_map(|(t, _)| t.zone.filter(|_| t.time.is_some()))
                    };
                    let Some(z) = w.zone.or_else(|| trailing_zone(&after, cx)).or_else(later_zone).or(zone) else { continue };
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
                        after_midnight: false,
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
pub(super) fn clock_in(s: &str, cx: &Context<'_>) -> Option<(When, String)> {
    for i in super::when::starts(s, false) {
        if let Some((w, after)) = leading_when(&s[i..], cx.zones, false)
            && (w.is_clock() || military(&w))
        {
            let mut w = w;
            // `between the hours of 1900 and 2100 UTC`: the range starts
            // at the four digits before.
            if military(&w)
                && let Some(start) = range_start(&s[..i])
            {
                w.time = Some(start);
            }
            if w.date.is_none() && w.month_day.is_none() {
                // `11am GMT April 19th 2021`: the date right after the
                // time; else `On Sept 30 @ 22:16 UTC`, `14:30 UTC on
                // Saturday 30th January`, the sentence's date.
                let year = cx.date.map(|d| chrono::Datelike::year(&d));
                let next: String = after.trim_start_matches([' ', ',', '[', '*', '_']).chars().take(40).collect();
                let next = next.strip_prefix("on ").unwrap_or(&next);
                w.date = super::when::leading_date_of(next, year).or_else(|| super::when::find_date(s, year));
            }
            let after = after.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
            return Some((w, after));
        }
    }
    None
}

/// Four digits and a zone (`1915 UTC`), as the military and aviation
/// write a time: only with the zone, which years never have.
fn military(w: &When) -> bool {
    w.time.is_some()
        && w.zone.is_some()
        && w.text.len() > 4
        && w.text.as_bytes()[..4].iter().all(u8::is_ascii_digit)
        && w.text.as_bytes()[4] == b' '
}

/// The four-digit time a range written before a time opens with (`1900
/// and `, `1900 to `, `1900-`).
fn range_start(before: &str) -> Option<chrono::NaiveTime> {
    let t = before.trim_end();
    let t = ["and", "to", "-", "–", "until"].iter().find_map(|sep| t.strip_suffix(sep))?.trim_end();
    let digits = t.get(t.len().checked_sub(4)?..)?;
    let clean_start = t.len() == 4 || !t.as_bytes()[t.len() - 5].is_ascii_alphanumeric();
    if !clean_start || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    chrono::NaiveTime::from_hms_opt(digits[..2].parse().ok()?, digits[2..].parse().ok()?, 0)
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
