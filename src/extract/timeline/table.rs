//! Timelines written as tables (Markdown or HTML): the time, date, text
//! and kind columns found by their headers, and a zone a header names.

use super::{Context, Found, Raw, leading_when};
use crate::datetime::{Zone, ZoneTable};
use crate::model::EventKind;

fn header_index(header: &[String], words: &[&str]) -> Option<usize> {
    header.iter().position(|h| {
        let h = h.to_ascii_lowercase();
        let parts: Vec<&str> = h.split(|c: char| !c.is_alphanumeric()).collect();
        // `Target date`, `Due date`: when an action is due, not when anything happened.
        let due = parts.iter().any(|x| matches!(*x, "target" | "due" | "deadline" | "eta"));
        !due && parts.iter().any(|x| words.contains(x))
    })
}

/// Rows of a table that is a timeline; `None` when it is not one. Returns
/// how many rows were placeholders.
pub(super) fn table_rows(
    header: &[String],
    rows: &[crate::extract::blocks::Row],
    line: usize,
    strict: bool,
    cx: &Context<'_>,
    raws: &mut Vec<Raw>,
    found: &mut Found,
) -> Option<usize> {
    if rows.is_empty() || header.len() < 2 {
        return None;
    }
    let timed = |i: usize| {
        rows.iter()
            .filter(|r| {
                r.cells.get(i).is_some_and(|c| {
                    leading_when(c, cx.zones, true).is_some_and(|(w, _)| {
                        w.time.is_some() || w.placeholder || w.date.is_some() || w.month_day.is_some() || w.after.is_some()
                    })
                })
            })
            .count()
    };
    // Rows whose time is said to be unknown (`(approximate)`) count for
    // the column too.
    let parses = |i: usize| timed(i) + rows.iter().filter(|r| r.cells.get(i).is_some_and(|c| unknown_time(c))).count();
    // A `Time` column wins over a `Date` column; `| Date | Time | Event |`
    // then reads both.
    let good = |i: &usize| parses(*i) * 2 >= rows.len();
    let time_col = header_index(header, &["time", "timestamp", "when", "hour", "utc"])
        .filter(good)
        .or_else(|| header_index(header, &["date", "day"]).filter(good))
        .or_else(|| (parses(0) * 3 >= rows.len() * 2).then_some(0))?;
    // `| NZST | UTC | Event |` with the UTC cell left `—` on some rows:
    // the zone's column that gives more rows their time.
    let time_col = (0..header.len())
        .filter(|&i| i != time_col && zone_in_header(&header[i], cx.zones).is_some() && parses(i) > parses(time_col))
        .max_by_key(|&i| parses(i))
        .unwrap_or(time_col);
    if strict && timed(time_col) < 3 {
        return None;
    }
    let kind_col = header_index(header, &["type", "kind", "category"]).filter(|&i| i != time_col);
    let text_col = header_index(
        header,
        &["event", "events", "description", "what", "action", "details", "activity", "update", "summary", "notes", "happened"],
    )
    .filter(|&i| i != time_col)
    .or_else(|| (0..header.len()).find(|&i| i != time_col && Some(i) != kind_col))?;
    // An extra date column: `| Date | Time | Event |`.
    let date_col = header_index(header, &["date", "day"]).filter(|&i| i != time_col && i != text_col);
    let column_zone = zone_in_header(&header[time_col], cx.zones);
    if let Some(z) = column_zone {
        found.declared_zone.get_or_insert((z, line));
    }
    let mut placeholders = 0;
    for row in rows {
        let cell = |i: usize| row.cells.get(i).map(String::as_str).unwrap_or("");
        let text = cell(text_col).trim();
        let time_cell = match date_col {
            Some(d) => format!("{} {}", cell(d), cell(time_col)),
            None => cell(time_col).to_string(),
        };
        let Some((when, _)) = leading_when(&time_cell, cx.zones, true) else {
            if text.is_empty() {
                continue;
            }
            // `| (approximate) | Fix applied live |`: an entry whose time
            // nobody noted.
            if unknown_time(cell(time_col)) {
                let kind = kind_col.and_then(|k| EventKind::parse(cell(k)));
                raws.push(Raw { when: Default::default(), text: text.to_string(), line: row.line, kind, column_zone });
                continue;
            }
            // A row without a time (empty or words) continues the one above.
            if let Some(last) = raws.last_mut() {
                last.text.push(' ');
                last.text.push_str(text);
            }
            continue;
        };
        if text.is_empty() && !when.placeholder && when.time.is_none() && (when.date.is_some() || when.month_day.is_some()) {
            // `| **Tue 11 Jun** | |`: a row that is only a date dates the
            // rows under it, as a date heading does.
            raws.push(Raw { when, text: String::new(), line: row.line, kind: None, column_zone });
            continue;
        }
        if when.placeholder || text.is_empty() {
            placeholders += 1;
            continue;
        }
        let kind = kind_col.and_then(|k| EventKind::parse(cell(k)));
        raws.push(Raw { when, text: text.replace("<br>", " ").replace("<br/>", " "), line: row.line, kind, column_zone });
    }
    Some(placeholders)
}

/// A time cell that says the time is not known: `(approximate)`,
/// `(approximate, earlier in session)`, `unknown`, `earlier`, `TBD`, `?`.
fn unknown_time(cell: &str) -> bool {
    let c = cell.trim().trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | '*' | '_' | '~' | ' ')).to_lowercase();
    let first = c.split(|ch: char| !ch.is_alphanumeric()).next().unwrap_or("");
    c == "?"
        || c == "??"
        || matches!(first, "approximate" | "approx" | "approximately" | "unknown" | "earlier" | "later" | "tbd" | "unclear")
}

/// `Time (EST)`, `Date and Time in CET`, `UTC time`.
fn zone_in_header(header: &str, zones: &ZoneTable) -> Option<Zone> {
    if let Some(open) = header.find('(')
        && let Some(z) = zones.zone(header[open + 1..].trim_end_matches(')'))
    {
        return Some(z);
    }
    header
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')'))
        .filter(|w| w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, '+' | '-' | ':')))
        .find_map(|w| zones.zone(w))
}
