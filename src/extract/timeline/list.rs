//! Timelines written as lists: items that open with their time, items
//! that end with it (`Revert deployed (10:21 UTC)`), and lists of phases
//! (`- **Detection**`) whose sub-items are the entries.

use super::{Context, Found, Raw, When, continue_last, leading_when};
use crate::extract::blocks::Item;

/// The sub-items of a list whose items name phases (`Detection`,
/// `Mitigation`) and hold the timed entries: none of the items has a
/// time, and at least three sub-items, and half of them, do.
pub(super) fn phase_items(items: &[Item], cx: &Context<'_>) -> Option<Vec<Item>> {
    if items.iter().any(|i| leading_when(&i.text, cx.zones, false).is_some()) {
        return None;
    }
    let subs: Vec<Item> = items.iter().flat_map(|i| i.children.iter().cloned()).collect();
    let timed = subs.iter().filter(|i| leading_when(&i.text, cx.zones, false).is_some()).count();
    (timed >= 3 && timed * 2 >= subs.len()).then_some(subs)
}

/// The sub-items of an item that names a timeline (`- **Key events**`,
/// `- Timeline:`) over two or more of them: the entries, wherever the
/// list stands.
pub(super) fn labelled_timeline(items: &[Item]) -> Option<&[Item]> {
    items.iter().find_map(|i| {
        let label = i.text.trim().trim_matches(['*', '_']).trim_end_matches(':').trim_matches(['*', '_']).trim();
        (i.children.len() >= 2 && crate::extract::role_of(label) == Some(crate::extract::SectionRole::Timeline))
            .then_some(i.children.as_slice())
    })
}

/// The time an item opens with: `09:02 text`, or a sentence that opens
/// with it, as a chronology written in numbered sentences does (`At
/// approximately 9:15 a.m., the first call came in`).
pub(super) fn item_when<'a>(text: &'a str, cx: &Context<'_>) -> Option<(When, &'a str)> {
    let (mut w, rest) = opening_when(text, cx, true)?;
    // `2021-08-27: At 12:50:07 UTC, issue exploited`: the day, then the
    // sentence's time.
    if w.time.is_none()
        && (w.date.is_some() || w.month_day.is_some())
        && let Some((t, after)) = opening_when(rest.trim_start_matches([':', '-', '–', '—', ' ']), cx, true)
            .filter(|(t, _)| t.is_clock() && t.date.is_none() && t.month_day.is_none())
    {
        w.time = t.time;
        w.zone = t.zone.or(w.zone);
        w.meridiem = t.meridiem;
        w.text = format!("{} {}", w.text, t.text);
        return Some((w, after));
    }
    Some((w, rest))
}

/// [`item_when`]; with `clause` false, the time after `At` need not end
/// its clause (`At 13:27 UTC the fail-over was complete`), as paragraphs
/// of a timeline section write it.
pub(super) fn opening_when<'a>(text: &'a str, cx: &Context<'_>, clause: bool) -> Option<(When, &'a str)> {
    leading_when(text, cx.zones, false).or_else(|| {
        let lower = text.get(..14).unwrap_or(text).to_ascii_lowercase();
        let after = ["at ", "by ", "around ", "just after ", "shortly after ", "just before ", "shortly before "]
            .iter()
            .find(|p| lower.starts_with(*p))
            .map(|p| &text[p.len()..])?;
        let (w, rest) = leading_when(after, cx.zones, false)?;
        // The time ends its clause: `At 9:31 a.m., the desk …`.
        let ends_clause = after[..after.len() - rest.len()].trim_end().ends_with(',');
        (w.is_clock() && (ends_clause || !clause)).then_some((w, rest))
    })
}

/// The clock time a paragraph's first sentence gives after `at`, `until`,
/// `by` or `around` (`This persisted until 7:04am ET when we terminated
/// the server`), written with a zone or on the 12-hour clock.
pub(super) fn inner_when(text: &str, cx: &Context<'_>) -> Option<When> {
    let first = text.split(". ").next().unwrap_or(text);
    let lower = first.to_ascii_lowercase();
    [" at ", " until ", " by ", " around "].iter().find_map(|p| {
        lower.match_indices(p).find_map(|(i, _)| {
            let after = first.get(i + p.len()..)?;
            let (w, _) = leading_when(after, cx.zones, false)?;
            (w.is_clock() && w.date.is_none() && w.month_day.is_none() && (w.zone.is_some() || w.meridiem)).then_some(w)
        })
    })
}

pub(super) fn list_items(items: &[Item], cx: &Context<'_>, raws: &mut Vec<Raw>, found: &mut Found) {
    for item in items {
        match item_when(&item.text, cx) {
            Some((when, _)) if when.placeholder => found.placeholders += 1,
            Some((when, rest)) => {
                let mut text = rest.trim().to_string();
                for child in &item.children {
                    text.push_str("\n- ");
                    text.push_str(&child.text);
                }
                raws.push(Raw { when, text, line: item.line, kind: None, column_zone: None });
            }
            // `**Unknown Date**: tracking began failing silently`: an entry
            // whose time nobody knows, not a note on the one above.
            None if unknown_time_label(&item.text) => {
                raws.push(Raw { when: When::default(), text: item.text.clone(), line: item.line, kind: None, column_zone: None })
            }
            None => continue_last(raws, &item.text),
        }
    }
}

/// An item labelled with a time that is not known (`**Unknown Date**:`,
/// `Unknown time -`, `Earlier:`, `TBD:`).
fn unknown_time_label(text: &str) -> bool {
    let t = text.trim_start_matches(['*', '_', ' ']);
    let Some(end) = t.find([':', '–', '—']).or_else(|| t.find(" - ")) else { return false };
    let label = t[..end].trim_end_matches(['*', '_', ' ']).to_lowercase();
    label.len() <= 25
        && (label.split_whitespace().any(|w| w == "unknown")
            || matches!(label.as_str(), "earlier" | "before" | "prior" | "tbd" | "ongoing" | "later" | "date unknown" | "time unknown"))
}

/// A timeline section's list whose items carry no times at all (`- Reboot
/// — System hangs at the splash screen`): each item is an entry, in order.
pub(super) fn untimed_items(items: &[Item], raws: &mut Vec<Raw>) {
    for item in items {
        let mut text = item.text.trim().to_string();
        for child in &item.children {
            text.push_str("\n- ");
            text.push_str(&child.text);
        }
        raws.push(Raw { when: When::default(), text, line: item.line, kind: None, column_zone: None });
    }
}

/// A time written at the end of an entry: `Revert deployed (10:21 UTC)`,
/// `First errors reported — 09:03 UTC`. Returns it and the entry's text.
fn trailing_when(text: &str, cx: &Context<'_>) -> Option<(When, String)> {
    let t = text.trim().trim_end_matches('.');
    let (head, tail) = if let Some(inner) = t.strip_suffix(')') {
        let open = inner.rfind('(')?;
        (&t[..open], &inner[open + 1..])
    } else if let Some(i) = [" — ", " – ", " - "].iter().filter_map(|d| t.rfind(d).map(|i| (i, d.len()))).max() {
        (&t[..i.0], &t[i.0 + i.1..])
    } else {
        // `First detected 2020-09-21 18:27`, `Resolved: 2020-09-21 21:41`:
        // a short label, then a stamp of day and time.
        let i = dated_stamp_start(t)?;
        let head = &t[..i];
        if head.split_whitespace().count() > 6 {
            return None;
        }
        let (w, rest) = leading_when(&t[i..], cx.zones, false)?;
        return (w.time.is_some()
            && w.date.is_some()
            && rest.trim().is_empty()
            && head.trim_end().ends_with(|c: char| c.is_alphabetic() || c == ':'))
        .then(|| (w, head.trim().trim_end_matches(':').trim().to_string()));
    };
    let (w, rest) = leading_when(tail.trim(), cx.zones, false)?;
    let rest = rest.trim_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ')' | ','));
    (w.time.is_some() && rest.is_empty() && !head.trim().is_empty())
        .then(|| (w, head.trim().trim_end_matches([',', ':', '-', '–', '—']).trim().to_string()))
}

/// Where the last ISO day (`2020-09-21`) in `t` starts, after a space.
fn dated_stamp_start(t: &str) -> Option<usize> {
    let b = t.as_bytes();
    (1..b.len().saturating_sub(9)).rev().find(|&i| b[i - 1] == b' ' && crate::extract::when::iso_day_at(b, i))
}

/// A list whose entries end with their time: one entry per item, when
/// at least half of them, and two or more, end with one.
pub(super) fn trailing_items(items: &[Item], cx: &Context<'_>, raws: &mut Vec<Raw>) -> bool {
    let read: Vec<Option<(When, String)>> = items.iter().map(|i| trailing_when(&i.text, cx)).collect();
    let timed = read.iter().filter(|r| r.is_some()).count();
    if timed < 2 || timed * 2 < items.len() {
        return false;
    }
    for (item, r) in items.iter().zip(read) {
        match r {
            Some((when, text)) => raws.push(Raw { when, text, line: item.line, kind: None, column_zone: None }),
            None => continue_last(raws, &item.text),
        }
    }
    true
}
