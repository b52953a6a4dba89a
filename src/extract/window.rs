//! The impact window written in prose: `When: A – B` lines and sections,
//! `down from 9:05 AM EST to 9:57 AM EST`, `between 02:00 and 02:30 UTC`,
//! a paragraph saying when it started and when it was resolved, and a start
//! with a length (`the outage lasted 47 minutes`).

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

use super::blocks::{Block, Kind, join_lines};
use super::sections::{SectionRole, role_of};
use super::sentences;
use super::timeline::Context;
use super::when::{When, leading_when};
use crate::datetime::Zone;

mod ranges;

pub(super) use ranges::{range_in, trailing_zone};

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
    /// A range the opening paragraphs or the summary state for the outage
    /// (`an outage lasting 1 hour and 48 minutes, from 16:58 to 18:46
    /// UTC`): its start beats the start the timeline's wording suggests
    /// (its end only fills what the timeline leaves open).
    pub stated_start: bool,
    /// Start and end on the document's clock, when no zone is known to
    /// place them (they fill `impact.local`).
    pub local: (Option<NaiveDateTime>, Option<NaiveDateTime>),
}

/// Keys of metadata lines and table rows that give the window.
const WINDOW_KEYS: &[&str] = &[
    "when",
    "time",
    "date",
    "duration",
    "impact window",
    "outage window",
    "window",
    "period",
    "date and time",
    "time frame",
    "timeframe",
    "occurrence date and time",
    "date and time of occurrence",
];

/// `~2h (CRD wedged 21:01 UTC → resolved ~23:09 UTC)`: a window field's
/// value that names exactly two clock times, with words before each, the
/// first the start.
fn two_times(value: &str, cx: &Context<'_>) -> Option<(When, When)> {
    let mut found: Vec<(usize, When)> = Vec::new();
    for i in super::when::starts(value, false) {
        if found.last().is_some_and(|(end, _)| i < *end) {
            continue;
        }
        if let Some((w, rest)) = leading_when(&value[i..], cx.zones, false).filter(|(w, _)| w.time.is_some() && w.after.is_none()) {
            found.push((value.len() - rest.len(), w));
        }
    }
    match <[_; 2]>::try_from(found) {
        Ok([(_, a), (_, b)]) => Some((a, b)),
        Err(_) => None,
    }
}

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
        // Without a zone, the wall-clock times as written.
        let wall = |w: &When, d: Option<NaiveDate>| Some(w.date.or(d)?.and_time(w.time?)).filter(|_| z.is_none());
        let local = (wall(a, date), wall(b, end_date));
        (started.is_some() || resolved.is_some() || local.0.is_some() || local.1.is_some()).then_some(Window {
            started,
            resolved,
            line,
            detail,
            declared: false,
            stated_start: false,
            local,
        })
    };
    // A range in the impact section beats the timeline's wording only on
    // the incident's day (a range copied with the wrong month does not).
    let near = |w: &Window| {
        let at = w.started.or(w.resolved).map(|t| t.date_naive()).or(w.local.0.or(w.local.1).map(|t| t.date()));
        cx.date.is_none_or(|d| at.is_none_or(|a| (a - d).num_days().abs() <= 1))
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
    // `Impact started at: 2031-05-02 05:58 UTC` and `Resolved at: …`, as
    // incident tools export their key timestamps.
    let stamp = |key: &str| {
        metadata.iter().find(|(k, _, _)| k == key).and_then(|(_, v, line)| {
            let (w, _) = leading_when(v, cx.zones, true)?;
            w.time.map(|_| (w, *line))
        })
    };
    let (start, end) = (stamp("impact start"), stamp("impact end"));
    if start.is_some() || end.is_some() {
        let line = start.as_ref().or(end.as_ref()).map_or(0, |(_, l)| *l);
        let (a, b) = (start.map(|(w, _)| w).unwrap_or_default(), end.map(|(w, _)| w).unwrap_or_default());
        if let Some(w) = make(&a, &b, line, "key timestamps".to_string()) {
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
    // A sentence saying only when it was fixed, if no range is found.
    let mut end_only: Option<Window> = None;
    // A sentence at the top saying when it began, with no end (`On Monday
    // … at roughly 17:00 UTC Hachyderm started to experience elevated 500
    // errors`), if no range is found.
    let mut start_only: Option<Window> = None;
    // The first range met outside the section on impact: it is the window
    // unless that section states one (it may come later: `Who was
    // affected` after an opening paragraph about a maintenance window).
    let mut first: Option<Window> = None;
    let mut section = String::from("the opening paragraphs");
    let mut role = None;
    let mut role_level = 0;
    // The first heading, at level 1, is the document's title (`# What went
    // wrong during our maintenance`), whatever section name it resembles.
    let title = blocks.iter().position(|b| matches!(b.kind, Kind::Heading(..))).filter(|&i| matches!(blocks[i].kind, Kind::Heading(1, _)));
    // Whether the timeline section's entries (a list or table) are above:
    // a paragraph after them may sum the impact up (`So about 10 hours
    // where jobs could not run (22:40 → 08:58 CET).`).
    let mut after_entries = false;
    for (i, b) in blocks.iter().enumerate() {
        match &b.kind {
            Kind::Heading(level, t) => {
                after_entries = false;
                section = format!("section \"{t}\"");
                if Some(i) == title {
                    continue;
                }
                // A sub-heading stays in its section (`### 10:07-10:29 AM`
                // under `## Timeline`).
                if role.is_none() || *level <= role_level {
                    role = role_of(t);
                    role_level = *level;
                }
            }
            Kind::List(_) | Kind::Table(..) if role == Some(SectionRole::Timeline) => after_entries = true,
            Kind::Paragraph if role == Some(SectionRole::Timeline) && after_entries => {
                for s in sentences(&join_lines(&b.source)) {
                    let lower = s.to_lowercase();
                    let about_impact = ["could not", "couldn't", "total impact"].iter().any(|w| lower.contains(w))
                        || IMPACT_WORDS.iter().any(|w| lower.contains(w));
                    if about_impact
                        && let Some((a, z)) = range_in(&s, cx, false)
                        && let Some(w) = make(&a, &z, b.line, format!("impact summed up after the timeline in {section}"))
                        && near(&w)
                    {
                        return Some(Window { declared: true, ..w });
                    }
                }
            }
            Kind::Paragraph | Kind::List(_) if !matches!(role, Some(SectionRole::Timeline | SectionRole::ActionItems)) => {
                // `## Impact` / `Between 14:02 and 14:47 UTC, 12% of requests
                // failed`: the section on impact says when.
                let in_impact = role == Some(SectionRole::Impact);
                // The opening paragraphs or a summary: what they say of the
                // outage states it (see [`Window::stated_start`]).
                let opening = matches!(role, None | Some(SectionRole::Summary));
                let states_outage =
                    |w: &Window, lower: &str| opening && w.started.is_some() && OUTAGE_WORDS.iter().any(|o| lower.contains(o)) && near(w);
                // A range declared here is the window; the first other one
                // is kept in `first` in case none is.
                let mut settle = |w: Window| {
                    let w = Window { declared: in_impact && near(&w), ..w };
                    if w.declared {
                        return Some(w);
                    }
                    first.get_or_insert(w);
                    None
                };
                // Each item of a list says its own (`unavailable from A to B`
                // above `opening hours extended until 20:00`), as does a paragraph.
                let texts: Vec<(String, usize)> = match &b.kind {
                    Kind::List(items) => items.iter().map(|i| (i.text.clone(), i.line)).collect(),
                    _ => vec![(join_lines(&b.source), b.line)],
                };
                for (text, line) in texts {
                    // A paragraph telling when it started and when it ended.
                    let lower = text.to_lowercase();
                    let about_impact = IMPACT_WORDS.iter().any(|w| lower.contains(w));
                    let says_fixed = end_only.is_none() && FIXED_WORDS.iter().any(|w| lower.contains(w));
                    let (start, end) = if about_impact || says_fixed { start_and_end(&text, cx) } else { (None, None) };
                    if about_impact
                        && let (Some(a), Some(z)) = (&start, &end)
                        && let Some(w) = make(a, z, line, format!("start and end times in {section}"))
                    {
                        // `… was unavailable from 17:45 UTC and full service
                        // resumed at 18:00 UTC`: the outage stated at the top.
                        let w = Window { stated_start: states_outage(&w, &lower), ..w };
                        if let Some(w) = settle(w) {
                            return Some(w);
                        }
                        continue;
                    }
                    if start_only.is_none()
                        && opening
                        && let Some((i, a)) = times_in(&text, cx).into_iter().next()
                        && experienced(&words_after(&text[i..], 9))
                        && let Some(w) = make(&a, &When::default(), line, format!("start of impact in {section}"))
                        && w.started.is_some()
                        && near(&w)
                    {
                        start_only = Some(Window { stated_start: true, ..w });
                    }
                    if says_fixed
                        && let (None, Some(z)) = (&start, &end)
                        && let Some(w) = make(&When::default(), z, line, format!("end of impact in {section}"))
                    {
                        // `All services have been restored since noon of March 25th`.
                        end_only = Some(w);
                    }
                    for s in sentences(&text) {
                        let lower = s.to_lowercase();
                        // In the section on impact, every sentence is about it;
                        // in a summary, one that opens with when (`Between 07:14
                        // and 08:36 PDT, users received…`).
                        let opens_with_when = opening && ["between ", "from ", "on "].iter().any(|p| lower.trim_start().starts_with(p));
                        let about_impact = in_impact || opens_with_when || IMPACT_WORDS.iter().any(|w| lower.contains(w));
                        // A range of full date-times (`between 2025-07-30 21:27 UTC and
                        // 2025-07-31 07:27 UTC`) needs no word about impact.
                        if let Some((a, z)) = range_in(&s, cx, false)
                            && (about_impact || (a.date.is_some() && z.date.is_some()))
                            && let Some(w) = make(&a, &z, line, format!("time range in {section}"))
                        {
                            let w = Window { stated_start: states_outage(&w, &lower), ..w };
                            if let Some(w) = settle(w) {
                                return Some(w);
                            }
                            break;
                        }
                        if !about_impact {
                            continue;
                        }

                        if let Some(w) = start_and_length(&s, cx)
                            && let Some(w) = make(&w.0, &w.1, line, format!("start and length in {section}"))
                        {
                            // `at roughly 18:52 UTC Hachyderm experienced a 7
                            // minute cascading failure`: stated at the top.
                            let stated = opening && w.started.is_some() && experienced(&lower) && near(&w);
                            let w = Window { stated_start: stated, ..w };
                            if let Some(w) = settle(w) {
                                return Some(w);
                            }
                            break;
                        }
                    }
                }
            }
            _ => {}
        }
    }
    // Last, a window field whose two times carry words (`~2h (CRD wedged
    // 21:01 UTC → resolved ~23:09 UTC)`).
    let labelled = || {
        metadata.iter().filter(|(k, _, _)| WINDOW_KEYS.contains(&k.as_str())).find_map(|(key, value, line)| {
            let (a, b) = two_times(value, cx)?;
            make(&a, &b, *line, format!("`{key}:` start and end")).map(|w| Window { declared: true, ..w })
        })
    };
    first.or(end_only).or(start_only).or_else(labelled)
}

/// Words that say the service was fixed: a sentence with one of them and a
/// time may end the window on its own (see [`start_and_end`]).
const FIXED_WORDS: &[&str] = &["resolved", "restored", "fixed", "recovered", "online", "resumed"];

/// A clause telling that the service began to suffer: `experienced a 7
/// minute cascading failure`, `started to experience elevated 500 errors`,
/// `went down`.
fn experienced(lower: &str) -> bool {
    [
        "experienced",
        "started to experience",
        "began to experience",
        "began experiencing",
        "started experiencing",
        "went down",
        "went offline",
        "became unavailable",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// The `n` words after the first of `text` (a time), lower-cased: what a
/// sentence says right after a time.
fn words_after(text: &str, n: usize) -> String {
    text.split_whitespace().skip(1).take(n).collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Words that name the outage itself: a range in the opening or summary
/// sentence that has one states when it began (see [`Window::stated_start`]).
const OUTAGE_WORDS: &[&str] = &["outage", "was down", "were down", "unavailable", "degraded", "disruption", "offline", "unreachable"];

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
    // `returned an empty result list for every query between 10:05 and 10:52`
    "empty",
    "could not",
    "couldn't",
    "didn't load",
    "did not load",
    "timed out",
    "timing out",
];

/// `At 19:55 UTC all services became unresponsive … for about 47 minutes`:
/// a start in the sentence and a length (`lasted 47 minutes`, `for 2 hours`).
fn start_and_length(s: &str, cx: &Context<'_>) -> Option<(When, When)> {
    let lower = s.to_lowercase();
    let minutes = length_minutes(&lower)?;
    let (at, found) = super::when::starts(s, false)
        .find_map(|i| leading_when(&s[i..], cx.zones, false).filter(|(w, _)| w.time.is_some()).map(|(w, _)| (i, w)))?;
    let t: NaiveTime = found.time?;
    let date = found.date.or(cx.date)?;
    // `working again by 15:40 UTC, so the problem lasted about an hour`:
    // the time is the end.
    let before: Vec<&str> = s[..at].split_whitespace().rev().take(3).collect();
    let ends = before.iter().any(|w| {
        matches!(
            w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase().as_str(),
            "by" | "until" | "till" | "again" | "resolved" | "restored" | "recovered" | "fixed" | "ended"
        )
    });
    let other = date.and_time(t) + Duration::minutes(if ends { -minutes } else { minutes });
    let other = When { date: Some(other.date()), time: Some(other.time()), zone: found.zone, ..When::default() };
    Some(if ends { (other, found) } else { (found, other) })
}

/// `… which started with errors around 11:00 GMT … and resolved at 23:01 GMT`:
/// the first time after a start word and the last time after an end word.
/// Either may be missing; an end alone counts only after a word that says
/// the service was fixed (`restored since noon of March 25th`).
fn start_and_end(s: &str, cx: &Context<'_>) -> (Option<When>, Option<When>) {
    const START: &[&str] = &["started", "starting", "began", "begun", "beginning", "since", "from"];
    const END: &[&str] = &["resolved", "restored", "fixed", "ended", "recovered", "mitigated", "until", "back", "resumed"];
    let mut start: Option<When> = None;
    let mut end: Option<When> = None;
    let mut end_fixed = false;
    for (i, w) in times_in(s, cx) {
        let before: Vec<String> = s[..i].split_whitespace().rev().take(8).map(|x| x.to_lowercase()).collect();
        let cue = |list: &[&str]| before.iter().any(|b| list.contains(&b.trim_matches(|c: char| !c.is_alphanumeric())));
        // `At 2024-05-11 22:10 UTC a change … caused …`: a paragraph that
        // opens with its time starts there.
        let opens = s[..i].trim().eq_ignore_ascii_case("at")
            // `at approximately 12:05pm our website went down`: what follows says it began.
            || experienced(&words_after(&s[i..], 8));
        if start.is_none() && end.is_none() && (cue(START) || opens) && !cue(END) {
            start = Some(w);
        } else if cue(END) {
            end_fixed = before.iter().take(6).any(|b| FIXED_WORDS.contains(&b.trim_matches(|c: char| !c.is_alphanumeric())));
            end = Some(w);
        }
    }
    if let (Some(a), Some(b)) = (&mut start, &end)
        && a.zone.is_none()
    {
        a.zone = b.zone;
    }
    if start.is_none() && !end_fixed {
        end = None;
    }
    (start, end)
}

/// The times in a sentence, with their offsets: clock times (`9:05`,
/// `6pm`), dot times right after `at`/`approximately`/`around`/`about`/`by`
/// (`at approximately 10.16`), and `noon`, `midday`, `midnight`, perhaps
/// with a date (`noon of March 25th, 2019`, `midnight on 3 May`).
fn times_in(s: &str, cx: &Context<'_>) -> Vec<(usize, When)> {
    const AT: &[&str] = &["at", "approximately", "around", "about", "by", "approx", "~"];
    let mut out = Vec::new();
    // Where the last time read ends: `2025-09-03 18:00 UTC` is one time,
    // not also `18:00 UTC` without its date.
    let mut read_to = 0;
    for i in super::when::starts(s, false) {
        if i < read_to {
            continue;
        }
        let Some((w, rest)) = leading_when(&s[i..], cx.zones, false) else { continue };
        read_to = s.len() - rest.len();
        let prev = s[..i].split_whitespace().next_back().map(|p| p.trim_matches(|c: char| !c.is_alphanumeric() && c != '~').to_lowercase());
        let dotted = w.time.is_some() && w.text.contains('.') && prev.is_some_and(|p| AT.contains(&p.as_str()));
        if w.is_clock() || dotted {
            out.push((i, w));
        }
    }
    let lower = s.to_ascii_lowercase();
    for (word, hour) in [("noon", 12), ("midday", 12), ("midnight", 0)] {
        for (i, _) in lower.match_indices(word) {
            let bounded = (i == 0 || !lower.as_bytes()[i - 1].is_ascii_alphabetic())
                && !lower.as_bytes().get(i + word.len()).is_some_and(u8::is_ascii_alphabetic);
            if !bounded {
                continue;
            }
            let rest = s[i + word.len()..].trim_start();
            let year = cx.date.map(|d| chrono::Datelike::year(&d));
            let date = ["of ", "on "]
                .iter()
                .find_map(|p| rest.strip_prefix(p))
                .map(|r| r.chars().take(24).collect::<String>())
                .and_then(|r| super::when::find_date(&r, year));
            let time = NaiveTime::from_hms_opt(hour, 0, 0);
            out.push((i, When { date, time, text: word.to_string(), ..When::default() }));
        }
    }
    out.sort_by_key(|(i, _)| *i);
    out
}

/// `lasted 47 minutes`, `for about 2 hours`, `a 30-minute outage`, `for
/// around 1 hour and 45 minutes`.
fn length_minutes(lower: &str) -> Option<i64> {
    let words: Vec<&str> = lower.split(|c: char| c.is_whitespace() || c == '-').filter(|w| !w.is_empty()).collect();
    let unit = |w: &str| match w.trim_end_matches(['.', ',', ')', ';']) {
        "minute" | "minutes" | "mins" | "min" => Some(1),
        "hour" | "hours" | "hrs" | "hr" => Some(60),
        _ => None,
    };
    const WORDS: [&str; 13] = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
    const TENS: [(&str, f64); 5] = [("fifteen", 15.0), ("twenty", 20.0), ("thirty", 30.0), ("forty", 40.0), ("fifty", 50.0)];
    let number = |w: &str| {
        w.trim_start_matches(['~', '('])
            .parse::<f64>()
            .ok()
            .or_else(|| (w == "an" || w == "a").then_some(1.0))
            .or_else(|| WORDS.iter().position(|x| *x == w).map(|n| n as f64))
            .or_else(|| TENS.iter().find(|(x, _)| *x == w).map(|(_, n)| *n))
    };
    for (i, w) in words.iter().enumerate() {
        let Some(per) = unit(w) else { continue };
        let Some(n) = i.checked_sub(1).and_then(|j| number(words[j])) else { continue };
        let context: Vec<&str> = words[i.saturating_sub(5)..i].to_vec();
        if context
            .iter()
            .any(|c| matches!(*c, "lasted" | "lasting" | "for" | "duration" | "approximately" | "outage" | "downtime" | "total"))
        {
            let mut total = n * per as f64;
            // `1 hour and 45 minutes`, `an hour and fifty minutes`, `an hour
            // and a half`: the minutes after the hours.
            if per == 60 && words.get(i + 1) == Some(&"and") {
                let half = words.get(i + 2..i + 4).is_some_and(|w| w[0] == "a" && w[1].trim_end_matches(['.', ',', ')', ';']) == "half");
                if half {
                    total += 30.0;
                } else if let (Some(m), Some(1)) = (words.get(i + 2).and_then(|w| number(w)), words.get(i + 3).and_then(|w| unit(w))) {
                    total += m;
                }
            }
            return Some(total.round() as i64);
        }
    }
    None
}

/// How long the opening or the summary says the impact lasted (`All users
/// were affected for around 1 hour and 45 minutes`), in minutes, with its
/// line: only from a sentence about the impact with no `:` (one writing a
/// clock time is a start and a length, see [`start_and_length`]).
pub fn stated_length(blocks: &[Block]) -> Option<(i64, usize)> {
    let mut role = None;
    let mut seen_heading = false;
    for b in blocks {
        match &b.kind {
            Kind::Heading(level, t) => {
                // The document's title keeps the opening open.
                if *level > 1 || seen_heading {
                    role = Some(role_of(t));
                }
                seen_heading = true;
            }
            Kind::Paragraph if matches!(role, None | Some(Some(SectionRole::Summary | SectionRole::Impact))) => {
                for s in sentences(&join_lines(&b.source)) {
                    let lower = s.to_lowercase();
                    if IMPACT_WORDS.iter().any(|w| lower.contains(w))
                        && !lower.chars().any(|c| c == ':')
                        && let Some(m) = length_minutes(&lower).filter(|m| (5..=72 * 60).contains(m))
                    {
                        return Some((m, b.line));
                    }
                }
            }
            _ => {}
        }
    }
    None
}
