//! Timelines in the shapes real post-mortems use: Markdown tables (with or
//! without a date column, with a kind column), HTML tables, bullet lists with
//! leading times, plain lines, one heading per time, and date headings that
//! carry their date to the entries below. Placeholders are dropped; times
//! without a date take the carried date and roll over midnight.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime};

use super::blocks::{Block, Kind, join_lines};
use super::phrases::classify;
use super::when::{self, When, leading_when};
use super::zones::declared_zone;
use crate::datetime::{Zone, ZoneTable};
use crate::model::{EventKind, TimelineEvent};

/// What the timeline recogniser needs to know about the document.
pub struct Context<'a> {
    /// Zone abbreviations.
    pub zones: &'a ZoneTable,
    /// The incident's date, if known before the timeline is read.
    pub date: Option<NaiveDate>,
    /// A weaker date (from the file name), used when neither the document
    /// nor its title gives one.
    pub fallback_date: Option<NaiveDate>,
    /// The zone of the document (front matter `timezone`), if declared.
    pub doc_zone: Option<Zone>,
    /// book.toml's default zone.
    pub default_zone: Option<Zone>,
}

/// What was found.
#[derive(Debug, Default)]
pub struct Found {
    /// Events, in document order.
    pub events: Vec<TimelineEvent>,
    /// Rows or entries dropped as placeholders.
    pub placeholders: usize,
    /// The zone the timeline declares (sentence or column header) and its line.
    pub declared_zone: Option<(Zone, usize)>,
    /// Which shapes were seen (`table`, `list`, `headings`, `lines`, `html-table`).
    pub shapes: Vec<&'static str>,
}

struct Raw {
    when: When,
    text: String,
    line: usize,
    kind: Option<EventKind>,
    column_zone: Option<Zone>,
}

/// The timeline of a document with one or more timeline sections (a report
/// of two incidents, a timeline per day or phase). A later section that
/// repeats none of the instants already read tells another part of the story
/// and is added; one that repeats them (a "detection timeline" summarising
/// the same events) is left out. When every part is placed in time, the
/// parts are ordered by their first instant (reports written newest first);
/// entries keep their order within a part.
pub fn recognise_sections(blocks: &[Block], ranges: &[std::ops::Range<usize>], whole_body: bool, cx: &Context<'_>) -> Found {
    let mut parts = ranges.iter().map(|r| recognise(blocks, r.clone(), whole_body, cx));
    let Some(mut found) = parts.next() else { return Found::default() };
    if ranges.len() == 1 {
        return found;
    }
    let mut kept: Vec<Vec<TimelineEvent>> = vec![std::mem::take(&mut found.events)];
    for part in parts {
        let seen = |e: &TimelineEvent| kept.iter().flatten().any(|k| k.at.is_some() && k.at == e.at);
        if part.events.is_empty() || part.events.iter().any(seen) {
            continue;
        }
        found.placeholders += part.placeholders;
        found.declared_zone = found.declared_zone.or(part.declared_zone);
        for shape in part.shapes {
            push(&mut found, shape);
        }
        kept.push(part.events);
    }
    let first_instant = |events: &Vec<TimelineEvent>| events.iter().find_map(|e| e.at);
    if kept.iter().all(|p| first_instant(p).is_some()) {
        kept.sort_by_key(first_instant);
    }
    found.events = kept.into_iter().flatten().collect();
    found
}

/// Find the timeline in `blocks[range]` (the timeline section, or the whole
/// body when it has none, in which case only unmistakable shapes count).
pub fn recognise(blocks: &[Block], range: std::ops::Range<usize>, whole_body: bool, cx: &Context<'_>) -> Found {
    let mut found = Found::default();
    let mut raws: Vec<Raw> = Vec::new();
    let mut open_heading: Option<usize> = None;
    let mut default_date: Option<NaiveDate> = None;
    let mut heading_lines: Vec<usize> = Vec::new();
    // Time headings that head a list of timed entries (indices into `raws`).
    let mut groups: Vec<usize> = Vec::new();
    // In the whole body, a run of three or more paragraphs that each open
    // with a time (status-page updates) is a timeline too.
    let opens_with_time = |b: &Block| {
        matches!(b.kind, Kind::Paragraph)
            && leading_when(b.source.lines().next().unwrap_or(""), cx.zones, false).is_some_and(|(w, _)| w.time.is_some())
    };
    // `T0 is 14:02 UTC on 12 September 2031`: what `T+0:09` counts from.
    // The section's heading may say it (`## Timeline (relative to the first
    // alert at 09:14 UTC)`).
    let heading = range.start.checked_sub(1).and_then(|i| match &blocks[i].kind {
        Kind::Heading(_, t) if !whole_body => relative_anchor(t, cx).map(|a| (a, blocks[i].line)),
        _ => None,
    });
    let mut t0: Option<chrono::NaiveDateTime> = heading.map(|((at, _), _)| at);
    if let Some(((_, Some(z)), line)) = heading {
        found.declared_zone = Some((z, line));
    }
    // In the whole body, headings that are mostly times (`## Investigating
    // 2025-01-04 9:27a`, `## 2025-01-21T18:00:00 - reachable again`), as
    // status pages write their updates, are entries as in a timeline section.
    let time_headings = !whole_body || {
        let headings: Vec<&str> = blocks[range.clone()]
            .iter()
            .filter_map(|b| match &b.kind {
                Kind::Heading(level, t) if *level > 1 || b.line > 1 => Some(t.as_str()),
                _ => None,
            })
            .collect();
        // A time with its date or its zone (`### 11:28 UTC`).
        let stamped = |w: &&When| w.time.is_some() && (w.date.is_some() || w.zone.is_some());
        let whens: Vec<When> = headings.iter().filter_map(|t| labelled_when(t, cx).map(|(w, _, _)| w)).collect();
        let timed = whens.iter().filter(stamped).count();
        // Or a story told hour by hour (`## October 5, 8:23 AM: The
        // Discovery`, `## 8:30 AM: Deeper Investigation`, …): four clock
        // times or more in order, the first with its day.
        let clocks: Vec<&When> = whens.iter().filter(|w| w.is_clock()).collect();
        let story = clocks.len() >= 4
            && clocks[0].time.is_some()
            && (clocks[0].date.is_some() || clocks[0].month_day.is_some())
            && clocks.windows(2).all(|p| p[0].time <= p[1].time);
        (timed >= 2 || story) && timed.max(clocks.len()) * 2 >= headings.len()
    };
    // Paragraphs whose first line is only a stamp (`14:12 GMT+1`): two at
    // least for the whole body.
    let stamp_lines =
        blocks[range.clone()].iter().filter(|b| matches!(b.kind, Kind::Paragraph) && stamp_line(&b.source, cx).is_some()).count()
            >= if whole_body { 2 } else { 1 };
    let dated = |b: &Block| {
        leading_when(b.source.lines().next().unwrap_or(""), cx.zones, false)
            .is_some_and(|(w, _)| w.time.is_some() && (w.date.is_some() || w.month_day.is_some()))
    };
    let mut in_run = vec![false; blocks.len()];
    // Entries of lists without any time (see `untimed_items`).
    let mut untimed: Vec<std::ops::Range<usize>> = Vec::new();
    if whole_body {
        let mut i = range.start;
        while i < range.end {
            let mut j = i;
            while j < range.end && opens_with_time(&blocks[j]) {
                j += 1;
            }
            // Two are enough when each gives its day too (`2019-03-30
            // 20:08:19 Problème identifié …`, cState's stamps).
            if j - i >= 3 || (j - i == 2 && blocks[i..j].iter().all(dated)) {
                in_run[i..j].iter_mut().for_each(|x| *x = true);
            }
            i = j.max(i + 1);
        }
        // `**UPDATE 12:35:** text` paragraphs (a status blog's updates):
        // two make a timeline, wherever they stand.
        let labelled = |b: &Block| matches!(b.kind, Kind::Paragraph) && b.source.lines().next().is_some_and(|l| lines::labelled(l, cx));
        let updates: Vec<usize> = (range.start..range.end).filter(|&i| labelled(&blocks[i])).collect();
        if updates.len() >= 2 {
            updates.into_iter().for_each(|i| in_run[i] = true);
        }
    }
    for (bi, b) in blocks.iter().enumerate().take(range.end).skip(range.start) {
        match &b.kind {
            // The document's title (`2021-06-22` over the updates of that
            // day) dates what follows; it is no entry.
            Kind::Heading(1, text) if whole_body && !blocks[range.start..bi].iter().any(|b| matches!(b.kind, Kind::Heading(..))) => {
                if let Some((w, rest)) = leading_when(text, cx.zones, false)
                    && rest.trim().is_empty()
                    && w.time.is_none()
                {
                    default_date = w.date.or(default_date);
                }
            }
            Kind::Heading(_, text) if time_headings => match labelled_when(text, cx) {
                Some((w, rest, kind)) if w.time.is_some() || w.placeholder => {
                    push(&mut found, "headings");
                    raws.push(Raw { when: w, text: rest.trim().to_string(), line: b.line, kind, column_zone: None });
                    open_heading = Some(raws.len() - 1);
                }
                Some((w, rest, _)) if rest.trim().is_empty() => {
                    // A date heading: carries its date to what follows. Prose
                    // right under it (not timed entries) makes it a date-only
                    // entry of its own.
                    raws.push(Raw { when: w, text: String::new(), line: b.line, kind: None, column_zone: None });
                    open_heading = Some(raws.len() - 1);
                    heading_lines.push(b.line);
                }
                Some((w, _, _)) if w.date.is_some() || w.month_day.is_some() => {
                    // `March 5, 2031: Checkout timeline`: a labelled date
                    // heading carries its date; what it says is a label,
                    // or the zone (`29-09-2021 (All times CEST)`).
                    if let Some((z, _)) = declared_zone(text, cx.zones) {
                        found.declared_zone.get_or_insert((z, b.line));
                    }
                    raws.push(Raw { when: w, text: String::new(), line: b.line, kind: None, column_zone: None });
                    open_heading = None;
                }
                _ => open_heading = None,
            },
            Kind::Table(header, rows) => {
                if let Some(n) = table_rows(header, rows, b.line, whole_body, cx, &mut raws, &mut found) {
                    push(&mut found, "table");
                    found.placeholders += n;
                    open_heading = None;
                } else {
                    append(&mut raws, open_heading, &b.source);
                }
            }
            Kind::Html if b.source.to_ascii_lowercase().contains("<table") => {
                let (header, rows) = html_table(&b.source, b.line);
                if let Some(n) = table_rows(&header, &rows, b.line, whole_body, cx, &mut raws, &mut found) {
                    push(&mut found, "html-table");
                    found.placeholders += n;
                    open_heading = None;
                }
            }
            Kind::List(items) => {
                // `- **Key events**` over its entries: they are the list.
                let labelled = list::labelled_timeline(items);
                let items = labelled.unwrap_or(items);
                // `- **Detection**` over timed sub-items, a list per phase:
                // the sub-items are the entries.
                let phased = phase_items(items, cx);
                let items = phased.as_deref().unwrap_or(items);
                let has_time: Vec<bool> = items.iter().map(|i| list::item_when(&i.text, cx).is_some()).collect();
                let timed = has_time.iter().filter(|t| **t).count();
                // `- **09:00-17:00**: …` then `- **Result**: …`: notes on
                // the timed item above, in a timeline section.
                let notes = !whole_body
                    && has_time.first() == Some(&true)
                    && items.iter().zip(&has_time).all(|(i, t)| *t || i.text.trim_start().starts_with("**"));
                if timed > 0 && (timed * 2 >= items.len() || notes) && (!whole_body || timed >= 3 || labelled.is_some()) {
                    if let Some(i) = open_heading.filter(|&i| raws[i].when.time.is_some() && !raws[i].text.contains("\n\n")) {
                        // `### 10:07-10:29 AM: Coordination` over timed
                        // entries: a phase of the timeline, not an entry.
                        groups.push(i);
                    }
                    push(&mut found, "list");
                    list_items(items, cx, &mut raws, &mut found);
                    open_heading = None;
                } else if timed == 0
                    && bi > range.start
                    && matches!(blocks[bi - 1].kind, Kind::Paragraph)
                    && let Some(i) = raws.len().checked_sub(1).filter(|&i| raws[i].text.is_empty() && raws[i].line == blocks[bi - 1].line)
                {
                    // `2021-01-20:` (or `2021-05-11 10:00:`) over `* A bypass
                    // was reported`: each item is an entry of that stamp.
                    let when = raws[i].when.clone();
                    push(&mut found, "dated items");
                    for (k, item) in items.iter().enumerate() {
                        if k == 0 {
                            raws[i].text = item.text.clone();
                            raws[i].line = item.line;
                        } else {
                            raws.push(Raw { when: when.clone(), text: item.text.clone(), line: item.line, kind: None, column_zone: None });
                        }
                    }
                    open_heading = None;
                } else if (!whole_body || labelled.is_some()) && trailing_items(items, cx, &mut raws) {
                    // `1. Service v7.4 deployed (08:55 UTC)`: the time last.
                    push(&mut found, "list");
                    open_heading = None;
                } else if !whole_body
                    && timed == 0
                    && items.len() >= 2
                    && open_heading.is_none()
                    && raws.iter().all(|r| r.when.time.is_none() && r.text.is_empty())
                {
                    // A timeline told without times: its items, in order
                    // (unless times come later: then a list of links or notes).
                    push(&mut found, "untimed list");
                    untimed.push(raws.len()..raws.len() + items.len());
                    list::untimed_items(items, &mut raws);
                } else {
                    append(&mut raws, open_heading, &b.source);
                }
            }
            Kind::Paragraph => {
                if let Some((w, rest)) = leading_when(b.source.trim(), cx.zones, false)
                    && w.time.is_none()
                    && (w.date.is_some() || w.month_day.is_some())
                    && rest.trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | ':')).is_empty()
                {
                    // A line that is only a date (`July 21, 2031`) dates the
                    // entries under it, as a date heading does; untimed
                    // items under it (`2021-01-20:` / `* A bypass was
                    // reported`) are that day's entry.
                    raws.push(Raw { when: w, text: String::new(), line: b.line, kind: None, column_zone: None });
                    open_heading = Some(raws.len() - 1);
                    continue;
                }
                // `14:12 GMT+1` alone on its first line, the update's text
                // under it (status pages edited by hand, updates parted by
                // rules): an entry, which the paragraphs below continue.
                if stamp_lines && let Some((when, text)) = stamp_line(&b.source, cx) {
                    raws.push(Raw { when, text, line: b.line, kind: None, column_zone: None });
                    push(&mut found, "stamp lines");
                    open_heading = Some(raws.len() - 1);
                    continue;
                }
                if t0.is_none()
                    && let Some((at, zone)) = relative_anchor(&b.source, cx)
                {
                    t0 = Some(at);
                    if let Some(z) = zone {
                        found.declared_zone.get_or_insert((z, b.line));
                    }
                    continue;
                }
                if let Some((z, _)) = declared_zone(&b.source, cx.zones) {
                    found.declared_zone.get_or_insert((z, b.line));
                    if let Some(d) = default_date_in(&b.source) {
                        default_date = Some(d);
                    }
                    continue;
                }
                // `At 11:17 UTC, one drive disappeared …`: a timeline
                // section told in paragraphs, one entry each.
                if !whole_body
                    && b.source.trim_start().get(..3).is_some_and(|p| p.eq_ignore_ascii_case("at ") || p.eq_ignore_ascii_case("by "))
                    && let Some((when, rest)) = list::opening_when(&join_lines(&b.source), cx, false)
                {
                    let text = rest.trim_start_matches([',', ' ']).to_string();
                    raws.push(Raw { when, text, line: b.line, kind: None, column_zone: None });
                    push(&mut found, "paragraphs");
                    open_heading = None;
                    continue;
                }
                // Further on in such a section, a paragraph whose first
                // sentence gives a time (`This persisted until 7:04am ET`).
                if !whole_body
                    && found.shapes.contains(&"paragraphs")
                    && let Some(when) = list::inner_when(&join_lines(&b.source), cx)
                {
                    raws.push(Raw { when, text: join_lines(&b.source), line: b.line, kind: None, column_zone: None });
                    open_heading = None;
                    continue;
                }
                if b.source.contains("<br") && br_lines(&b.source, b.line, whole_body, cx, &mut raws, &mut found) {
                    open_heading = None;
                    continue;
                }
                if !plain_lines(&b.source, b.line, whole_body && !in_run[bi], cx, &mut raws, &mut found) {
                    append(&mut raws, open_heading, &b.source);
                } else {
                    open_heading = None;
                }
            }
            // A timeline pasted as a code block of stamped lines, in the
            // timeline section only (elsewhere it is a log excerpt).
            Kind::Code
                if !whole_body
                    && raws.iter().all(|r| r.when.time.is_none())
                    && code_lines(&b.source, b.line, cx, &mut raws, &mut found) =>
            {
                open_heading = None;
            }
            _ => append(&mut raws, open_heading, &b.source),
        }
    }
    if raws.iter().any(|r| r.when.time.is_some()) {
        for r in untimed.into_iter().rev() {
            // Phase headings after the list keep pointing at their entry.
            groups.iter_mut().filter(|g| **g >= r.end).for_each(|g| *g -= r.len());
            raws.drain(r);
        }
        found.shapes.retain(|s| *s != "untimed list");
    }
    // Prose under date headings after the last timed entry is aftermath
    // ("the next day we found…"), not part of the timeline.
    if let Some(last_timed) = raws.iter().rposition(|r| r.when.time.is_some()) {
        for r in &mut raws[last_timed + 1..] {
            if r.when.time.is_none() && !r.text.is_empty() && heading_lines.contains(&r.line) {
                r.text.clear();
            }
        }
    }
    found.events = resolve(raws, &groups, cx, default_date, found.declared_zone.map(|(z, _)| z), t0, &mut found.placeholders);
    found
}

/// A paragraph whose first line is only a time of day with its zone
/// (`14:12 GMT+1`; a stamp with its date may close an update instead, as
/// status-page exports write it, see `statuspage`): the stamp and the lines
/// under it.
fn stamp_line(source: &str, cx: &Context<'_>) -> Option<(When, String)> {
    let (first, rest) = source.trim_start().split_once('\n').unwrap_or((source.trim(), ""));
    let (w, after) = leading_when(first.trim().trim_matches(['*', '_']), cx.zones, false)?;
    (w.time.is_some()
        && w.zone.is_some()
        && w.date.is_none()
        && w.month_day.is_none()
        && after.trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | ':' | '-')).is_empty())
    .then(|| (w, rest.trim().to_string()))
}

/// The time a heading or a line opens with, perhaps after a status page's
/// word for the update (`Investigating 2025-01-04 9:27a`, `Update 11:26
/// Uhr`, `**UPDATE 12:35:** text`), the rest (the status word first, as a
/// label), and the kind the word gives.
fn labelled_when(text: &str, cx: &Context<'_>) -> Option<(When, String, Option<EventKind>)> {
    if let Some((w, rest)) = leading_when(text, cx.zones, false) {
        return Some((w, rest.to_string(), None));
    }
    let (_, kind, after) = statuspage::label(text)?;
    let (w, rest) = leading_when(after, cx.zones, false)?;
    // `**UPDATE 12:35:** text`: the bold closes after the time.
    let rest = rest.trim_start_matches([' ', ':', '-', '–', '—', '·', '|']);
    let rest = rest.strip_prefix("**").map_or(rest, |r| r.trim_start_matches([' ', ':', '-', '–', '—']));
    let word = text.trim_start().split(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("");
    Some((w, format!("{word}: {rest}").trim_end_matches([' ', ':']).to_string(), kind))
}

fn push(found: &mut Found, shape: &'static str) {
    if !found.shapes.contains(&shape) {
        found.shapes.push(shape);
    }
}

fn append(raws: &mut [Raw], open: Option<usize>, source: &str) {
    // A rule (`---`, `***`) parts updates; it is no text.
    let rule = source.trim().len() >= 3 && source.trim().chars().all(|c| matches!(c, '-' | '*' | '_' | ' '));
    if let Some(r) = open.and_then(|i| raws.get_mut(i)).filter(|_| !rule) {
        if !r.text.is_empty() {
            r.text.push_str("\n\n");
        }
        r.text.push_str(source.trim_end());
    }
}

/// `All times are UTC … on 2019-10-21`: the date sentences give.
fn default_date_in(text: &str) -> Option<NaiveDate> {
    let lower = text.to_ascii_lowercase();
    let i = lower.find(" on ")?;
    leading_when(&text[i + 4..], &ZoneTable::default(), false).and_then(|(w, _)| w.date)
}

/// A line or item without a time goes on the entry above it, if any.
fn continue_last(raws: &mut [Raw], text: &str) {
    if let Some(last) = raws.last_mut() {
        last.text.push(' ');
        last.text.push_str(text);
    }
}

/// `T0 is **14:02 UTC on 12 September 2031**`, `Times are relative to the
/// first alert at 09:14 UTC`: the instant relative times count from, and
/// its zone. The day is the one written, else the incident's.
fn relative_anchor(text: &str, cx: &Context<'_>) -> Option<(chrono::NaiveDateTime, Option<Zone>)> {
    let flat = join_lines(text).replace("**", "");
    let lower = flat.to_ascii_lowercase();
    if !(lower.contains("t0") || lower.contains("t+0") || lower.contains("t=0") || lower.contains("relative to")) || flat.len() > 400 {
        return None;
    }
    let (w, _) = when::starts(&flat, true)
        .find_map(|i| leading_when(&flat[i..], cx.zones, false).filter(|(w, _)| w.time.is_some() && w.after.is_none()))?;
    let date = w.date.or_else(|| when::find_date(&flat, cx.date.map(|d| d.year()))).or(cx.date)?;
    Some((date.and_time(w.time?), w.zone))
}

/// Give every entry a date and zone: dates carry forward, `MM-DD` takes the
/// incident's year, time-only entries that jump back more than six hours
/// roll over midnight (on a 12-hour clock, first try the afternoon). The
/// `groups` (phase headings) set the clock but are not entries.
/// A timeline written newest first (`## Timeline (newest first)`, an
/// incident tool's export): at least three stamped entries (two with their
/// dates), each earlier
/// than the one above it (or at the same time), with no day headings. Put in the order the
/// events happened, which is what the rest of the reading assumes (a time
/// earlier than the one before is after midnight).
fn oldest_first(mut raws: Vec<Raw>, groups: &[usize]) -> Vec<Raw> {
    // The date, month and day, and time an entry is written with.
    type Stamp = (Option<NaiveDate>, Option<(u32, u32)>, Option<NaiveTime>);
    let keys: Vec<Stamp> = raws
        .iter()
        .filter(|r| r.when.time.is_some() && r.when.after.is_none())
        .map(|r| (r.when.date, r.when.month_day, r.when.time))
        .collect();
    // A step back of many hours between times alone is midnight passing in
    // a timeline written in order (`23:50`, `00:10`), not an earlier entry;
    // under a day written on both (`2019-09-29 20:00`, `2019-09-29
    // 10:00`) it is earlier.
    let dayless = |s: &Stamp| s.0.is_none() && s.1.is_none();
    let earlier = |p: &[Stamp]| {
        p[0] > p[1] && !matches!((p[0].2, p[1].2), (Some(a), Some(b)) if dayless(&p[0]) && dayless(&p[1]) && when::after_midnight(a, b))
    };
    // An update repeated at the same time (`2025-01-22T08:00` twice) keeps the order.
    // Two are enough when both give their day (a status page's two updates).
    let enough = keys.len() >= 3 || (keys.len() == 2 && keys.iter().all(|k| k.0.is_some()));
    if groups.is_empty() && enough && keys.windows(2).all(|p| earlier(p) || p[0] == p[1]) && keys.windows(2).any(earlier) {
        raws.reverse();
    }
    raws
}

fn resolve(
    raws: Vec<Raw>,
    groups: &[usize],
    cx: &Context<'_>,
    default_date: Option<NaiveDate>,
    declared: Option<Zone>,
    t0: Option<chrono::NaiveDateTime>,
    placeholders: &mut usize,
) -> Vec<TimelineEvent> {
    let raws = oldest_first(raws, groups);
    // Where only some entries name their zone, the rest share it.
    let mut counts: Vec<(Zone, usize)> = Vec::new();
    for z in raws.iter().filter_map(|r| r.when.zone) {
        match counts.iter_mut().find(|(x, _)| *x == z) {
            Some((_, n)) => *n += 1,
            None => counts.push((z, 1)),
        }
    }
    let written = counts.iter().max_by_key(|(_, n)| *n).map(|(z, _)| *z);
    let mut out = Vec::new();
    let mut current: Option<NaiveDate> = default_date.or(cx.date);
    let mut prev_time: Option<NaiveTime> = None;
    // Some entry (or time heading) says AM or PM: the timeline is on the
    // 12-hour clock, and entries without the marker may need it.
    let twelve_hour = raws.iter().any(|r| r.when.meridiem);
    // The first entry placed on the clock: what `[+1 hrs]` counts from.
    let mut anchor: Option<chrono::NaiveDateTime> = t0;
    for (i, mut r) in raws.into_iter().enumerate() {
        if let Some(after) = r.when.after {
            // `[+6 hrs]`: a day and time from the anchor, none without one.
            if let Some(t) = anchor.map(|a| a + after) {
                r.when.date = Some(t.date());
                r.when.time = Some(t.time());
            }
        }
        if let (Some(d), Some(c)) = (r.when.day, current.or(cx.date)) {
            // `Tuesday 20th`: in the month in force, or the next when that
            // would be more than a week back.
            let same = NaiveDate::from_ymd_opt(c.year(), c.month(), d);
            let next = c.checked_add_months(chrono::Months::new(1)).and_then(|n| NaiveDate::from_ymd_opt(n.year(), n.month(), d));
            r.when.date = match same {
                Some(x) if c - x <= Duration::days(7) => Some(x),
                _ => next.or(same),
            };
        }
        let written_date = r.when.date.or_else(|| {
            let (m, d) = r.when.month_day?;
            let year = cx.date.or(current).map_or(2000, |c| c.year());
            let date = NaiveDate::from_ymd_opt(year, m, d)?;
            // `12-05` in a March document is the December before.
            let anchor = cx.date.or(current)?;
            Some(if date > anchor + Duration::days(60) { NaiveDate::from_ymd_opt(year - 1, m, d)? } else { date })
        });
        if let Some(d) = written_date {
            current = Some(d);
            prev_time = None;
        }
        if r.when.placeholder {
            *placeholders += 1;
            continue;
        }
        if r.text.trim().is_empty() && r.when.time.is_none() {
            continue; // a date heading
        }
        if let (None, Some(t), Some(p)) = (written_date, r.when.time, prev_time)
            && twelve_hour
            && !r.when.meridiem
            && let Some(pm) = when::afternoon_reading(p, t)
        {
            r.when.time = Some(pm);
        }
        let mut after_midnight = false;
        if let (None, Some(t), Some(p), Some(c)) = (written_date, r.when.time, prev_time, current)
            && when::after_midnight(p, t)
        {
            current = Some(c + Duration::days(1));
            after_midnight = true;
        }
        if r.when.time.is_some() {
            prev_time = r.when.time;
        }
        if anchor.is_none()
            && let (Some(d), Some(t)) = (current, r.when.time)
        {
            anchor = Some(d.and_time(t));
        }
        if groups.contains(&i) {
            // A phase heading: its day, time and clock carry to its entries.
            continue;
        }
        let zone = r.when.zone.or(r.column_zone).or(declared).or(cx.doc_zone).or(written).or(cx.default_zone);
        let at = match (current, r.when.time, zone) {
            (Some(d), Some(t), Some(z)) => Some(z.resolve(d.and_time(t))),
            _ => None,
        };
        let mut text = r.text.trim().trim_end_matches("**").trim().to_string();
        // `**[15:02] PagerDuty:** Triggered`: the bold closed after the time was read.
        if text.matches("**").count() % 2 == 1
            && let Some(i) = text.find("**")
        {
            text.replace_range(i..i + 2, "");
        }
        let kind = r.kind.or_else(|| classify(&text));
        out.push(TimelineEvent {
            at,
            date: current.filter(|_| r.when.time.is_some() || written_date.is_some()),
            time_text: r.when.text,
            zone: zone.map(|z| z.to_string()),
            kind,
            text,
            line: r.line,
            after_midnight,
        });
    }
    out
}

mod html_table;
mod lines;
mod list;
mod statuspage;
mod table;
pub(super) use html_table::html_table;
use lines::{br_lines, code_lines, plain_lines};
use list::{list_items, phase_items, trailing_items};
pub use statuspage::updates as status_updates;
use table::table_rows;

#[cfg(test)]
mod tests;
