//! Timelines written one entry per line: plain lines, lines joined by
//! `<br>` in a reflowed paragraph, and a code block of stamped lines.

use super::{Context, Found, Raw, When, continue_last, join_lines, labelled_when, leading_when, push};
use crate::model::EventKind;

/// A line's time and the text after it: the time first (`14:05 UTC -
/// text`), or after a status page's word for the update (`**UPDATE
/// 12:35:** text`, `Update 14:05 - text`), which may give the entry's kind.
/// The last value tells a labelled line.
type LineWhen = (When, String, Option<EventKind>, bool);

fn line_when(line: &str, cx: &Context<'_>, compact: bool) -> Option<LineWhen> {
    if let Some((w, rest)) = leading_when(line, cx.zones, compact) {
        // `**UPDATE 12:35:**` is read whole as a stamp.
        let label = super::statuspage::label(line);
        return Some((w, rest.to_string(), label.and_then(|(_, kind, _)| kind), label.is_some()));
    }
    labelled_when(line, cx).filter(|(w, _, _)| w.time.is_some()).map(|(w, text, kind)| (w, text, kind, true))
}

/// Whether a line's time follows a status word (`**UPDATE 12:35:** text`),
/// with the update's text after it (a status page's `**Resolved** · Oct
/// 8, 2024 · 19:02 CEST` over its text is read as status updates).
pub(super) fn labelled(line: &str, cx: &Context<'_>) -> bool {
    // The word first: it is cheaper to look for than a time.
    super::statuspage::label(line).is_some()
        && line_when(line, cx, false).is_some_and(|(w, text, _, labelled)| {
            labelled && w.time.is_some() && text.trim_start_matches(|c: char| !c.is_alphanumeric()).len() >= 3
        })
}

/// Whether the timed lines are enough for a timeline outside a timeline
/// section (`strict`): three, or two that a status word labels as updates.
fn enough(timed: &[Option<LineWhen>], strict: bool) -> bool {
    let count = timed.iter().flatten().count();
    let labelled = timed.iter().flatten().filter(|t| t.3).count();
    count > 0 && (!strict || count >= 3 || labelled >= 2)
}

/// Lines that each start with a time (`2024-04-04 13:00 IST - text`); lines
/// that do not continue the entry above. False when no line has a time.
pub(super) fn plain_lines(source: &str, first_line: usize, strict: bool, cx: &Context<'_>, raws: &mut Vec<Raw>, found: &mut Found) -> bool {
    let lines: Vec<&str> = source.lines().collect();
    // In a timeline section, `**October 9, 2025** - Issue first reported`:
    // a day with what happened on it, as list items may be.
    let dated = |w: &When, rest: &str| {
        !strict && (w.date.is_some() || w.month_day.is_some()) && rest.trim_matches(|c: char| !c.is_alphanumeric()).len() >= 3
    };
    let read = |compact: bool| -> Vec<Option<LineWhen>> {
        lines
            .iter()
            .map(|l| line_when(l, cx, compact).filter(|(w, rest, ..)| w.time.is_some() || w.placeholder || dated(w, rest)))
            .collect()
    };
    let mut timed = read(false);
    let count = timed.iter().filter(|t| t.is_some()).count();
    // `1412 alert: resolver SERVFAIL`: four-digit times, in a timeline
    // section, when at least three lines and half of them start with one;
    // elsewhere (terse notes without sections), when at least four do and
    // they run forward like a log (one turn past midnight allowed).
    if count == 0 {
        let compact = read(true);
        let n = compact.iter().filter(|t| t.is_some()).count();
        let forward = || {
            let times: Vec<_> = compact.iter().flatten().filter_map(|(w, ..)| w.time).collect();
            // Not a list of years (`2019 moved to k8s`): some time is not one.
            let year = |t: &chrono::NaiveTime| (19..=20).contains(&chrono::Timelike::hour(t));
            times.windows(2).filter(|p| p[1] < p[0]).count() <= usize::from(times.len() > 4) && !times.iter().all(year)
        };
        if n * 2 >= lines.len() && ((!strict && n >= 3) || (strict && n >= 4 && forward())) {
            timed = compact;
        }
    }
    // `2024-06-03` alone on its line, over the entries of that day.
    let day_only = |l: &str| {
        leading_when(l, cx.zones, false)
            .filter(|(w, rest)| w.time.is_none() && (w.date.is_some() || w.month_day.is_some()) && rest.trim().is_empty())
            .map(|(w, _)| w)
    };
    if !enough(&timed, strict) || (timed[0].is_none() && day_only(lines[0]).is_none()) {
        return false;
    }
    push(found, "lines");
    for (i, t) in timed.into_iter().enumerate() {
        match t {
            Some((w, ..)) if w.placeholder => found.placeholders += 1,
            Some((w, rest, kind, _)) => {
                raws.push(Raw { when: w, text: rest.trim().to_string(), line: first_line + i, kind, column_zone: None })
            }
            None => match day_only(lines[i]) {
                Some(w) => raws.push(Raw { when: w, text: String::new(), line: first_line + i, kind: None, column_zone: None }),
                None => continue_last(raws, lines[i].trim()),
            },
        }
    }
    true
}

/// Entries separated by `<br>` in a reflowed paragraph (`15:27 - text<br>
/// 21:14 - text`), each on the line where it starts. False when no piece
/// opens with a time (or, in the whole body, fewer than three do).
pub(super) fn br_lines(source: &str, first_line: usize, strict: bool, cx: &Context<'_>, raws: &mut Vec<Raw>, found: &mut Found) -> bool {
    let mut pieces = Vec::new();
    let mut offset = 0;
    for piece in source.split("<br />").flat_map(|p| p.split("<br/>")).flat_map(|p| p.split("<br>")) {
        let start = source[offset..].find(piece).map_or(offset, |i| offset + i);
        offset = start + piece.len();
        let lead = piece.len() - piece.trim_start().len();
        let line = first_line + source[..start + lead].matches('\n').count();
        // A Markdown hard break (`\`) may stand beside the `<br />`.
        pieces.push((join_lines(piece).trim().trim_matches('\\').trim().to_string(), line));
    }
    let timed: Vec<Option<LineWhen>> = pieces.iter().map(|(p, _)| line_when(p, cx, false).filter(|(w, ..)| w.time.is_some())).collect();
    // `**Timeline (all times CST)**<br>` above the entries (a wiki's
    // export): a heading, whose zone the entries take.
    let heading = timed.first().is_some_and(Option::is_none)
        && timed.get(1).is_some_and(Option::is_some)
        && pieces[0].0.len() <= 80
        && !pieces[0].0.ends_with('.');
    // Prose before the first of two updates a status word labels
    // (`**ISSUE:** …<br> **UPDATE 12:35:** …`) is not an entry.
    let lead = if timed.iter().flatten().filter(|t| t.3).count() >= 2 { timed.iter().take_while(|t| t.is_none()).count() } else { 0 };
    if !enough(&timed, strict) || (timed[0].is_none() && !heading && lead == 0) {
        return false;
    }
    if heading && let Some((z, _)) = crate::extract::zones::declared_zone(pieces[0].0.trim_matches(['*', '_']), cx.zones) {
        found.declared_zone.get_or_insert((z, pieces[0].1));
    }
    push(found, "lines");
    for ((p, line), t) in pieces.iter().zip(timed).skip(usize::from(heading).max(lead)) {
        match t {
            Some((w, text, kind, _)) => raws.push(Raw { when: w, text: text.trim().to_string(), line: *line, kind, column_zone: None }),
            None => continue_last(raws, p.trim()),
        }
    }
    true
}

/// The lines of a fenced code block, when most of them open with a time.
pub(super) fn code_lines(source: &str, first_line: usize, cx: &Context<'_>, raws: &mut Vec<Raw>, found: &mut Found) -> bool {
    let mut lines: Vec<&str> = source.lines().collect();
    let fence = |l: &&str| l.trim_start().starts_with("```") || l.trim_start().starts_with("~~~");
    let skip = usize::from(lines.first().is_some_and(fence));
    if lines.last().is_some_and(fence) {
        lines.pop();
    }
    let inner: Vec<&str> = lines.into_iter().skip(skip).collect();
    let timed = inner.iter().filter(|l| leading_when(l, cx.zones, false).is_some_and(|(w, _)| w.time.is_some())).count();
    if inner.is_empty() || timed * 2 < inner.iter().filter(|l| !l.trim().is_empty()).count() {
        return false;
    }
    let found_any = plain_lines(&inner.join("\n"), first_line + skip, false, cx, raws, found);
    if found_any {
        push(found, "code");
    }
    found_any
}
