//! Ranges of two times in prose and in field values: `from A to B`,
//! `between A and B`, `A – B`, four-digit military ranges, a day written
//! after the range or each end's own day, and the zone after a range.

use chrono::NaiveDate;

use crate::datetime::{Zone, parse_clock};
use crate::extract::timeline::Context;
use crate::extract::when::{When, leading_when, weekday_named};

/// `From 06:00, when balances are normally shown, until 14:30`: where the
/// end's time starts in `t` (what follows the start, as `start` was
/// written), when the start follows `from` or `between` and ends with a
/// comma, and an aside of a few words comes before `, until`, `, to`,
/// `, till`, `, through` or `, and`.
fn aside_end(before: &str, start: &str, t: &str) -> Option<usize> {
    let opener = before.trim_end().rsplit(' ').next().unwrap_or("").to_ascii_lowercase();
    if !matches!(opener.as_str(), "from" | "between") || !start.trim_end().ends_with(',') {
        return None;
    }
    let window = t.get(..t.len().min(160)).unwrap_or(t);
    [", until ", ", to ", ", till ", ", through ", ", and "]
        .iter()
        .filter_map(|c| window.find(c).map(|i| i + c.len()))
        .filter(|&end| window[..end].split_whitespace().count() <= 16)
        .min()
}

/// The first range of two times in `text`: `A - B`, `A – B`, `A to B`,
/// `from A to B`, `between A and B`, `A until B`. With `bare`, the text may
/// be only the range (a metadata value), and four-digit times are allowed.
pub(in crate::extract) fn range_in(text: &str, cx: &Context<'_>, bare: bool) -> Option<(When, When)> {
    if !bare && let Some(r) = military_range(text, cx) {
        return Some(r);
    }
    // Month names may open a start (`May 28 2025, 11:30 AM UTC - …`).
    let starts: Vec<usize> = crate::extract::when::starts(text, true).collect();
    for s in starts {
        let rest = &text[s..];
        let Some((mut a, mut after)) = leading_when(rest, cx.zones, bare) else { continue };
        // In prose only clock-shaped times count (`9:05`, `6pm`), not `1.13`.
        if a.time.is_none() || !(bare || a.is_clock()) {
            continue;
        }
        // `Between 23:41 on 6 April and 02:10 on 7 April`: each end's day.
        if a.date.is_none()
            && let Some((d, z, r)) = on_date(after, cx)
        {
            a.date = Some(d);
            a.zone = a.zone.or(z);
            after = r;
        } else {
            // `From 10:40 PM Sunday to 2:21 AM Monday`: the weekday of a time.
            after = skip_day_word(after);
        }
        let consumed = &rest[..rest.len() - after.len()];
        // `23:15-02:43 UTC / 16:15-19:43 PDT`: the range in the first zone.
        let consumed = consumed.split(" / ").next().unwrap_or(consumed);
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
            // ASCII case folding keeps byte offsets valid in `after`.
            // `from ~12:00 (maybe before) to 17:55`: an aside in brackets
            // after the start is skipped.
            let unbracketed =
                after.trim_start().strip_prefix('(').and_then(|r| r.find(')').filter(|&j| j <= 40).map(|j| &r[j + 1..])).unwrap_or(after);
            let t = unbracketed.trim_start();
            let skip = after.len() - t.len();
            let connector = ["to ", "until ", "till ", "and ", "through ", "- ", "– ", "— ", "→ ", "-> ", "~ ", "〜 "]
                .iter()
                .find(|c| t.get(..c.len()).is_some_and(|h| h.eq_ignore_ascii_case(c)));
            match connector {
                Some(c) => after[skip + c.len()..].to_string(),
                None => match aside_end(&text[..s], consumed, t) {
                    Some(end) => t[end..].to_string(),
                    None if bare => return None,
                    None => continue,
                },
            }
        };
        if let Some((b, after_b)) = leading_when(&tail, cx.zones, bare)
            && b.time.is_some()
        {
            let (mut a, mut b) = (a, b);
            if b.date.is_none()
                && let Some((d, z, r)) = on_date(after_b, cx)
            {
                b.date = Some(d);
                b.zone = b.zone.or(z).or_else(|| trailing_zone(r, cx));
                // `From 00:00 to 01:09 JST on June 12`: one day for both
                // ends (the day before for a start later on the clock).
                if a.date.is_none() {
                    a.date = if a.time > b.time { d.pred_opt() } else { Some(d) };
                }
            }
            if b.zone.is_none() {
                b.zone = trailing_zone(&tail, cx);
            }
            if a.zone.is_none() {
                a.zone = b.zone;
            }
            // `From 00:00 to 01:09 JST on June 12`: the day after the range.
            if a.date.is_none()
                && b.date.is_none()
                && let Some(d) = day_after_range(after_b, cx)
            {
                a.date = Some(d);
            }
            return Some((a, b));
        }
        if bare {
            return None;
        }
    }
    None
}

/// `0925 to 1140 IST`, `1300-1415 hrs`: a range of four-digit times, read
/// in prose only when a zone or `hrs` follows it (else `1999 to 2004` would
/// be one).
fn military_range(text: &str, cx: &Context<'_>) -> Option<(When, When)> {
    let b = text.as_bytes();
    let four = |i: usize| {
        i + 4 <= b.len() && b[i..i + 4].iter().all(u8::is_ascii_digit) && b.get(i + 4).is_none_or(|c| !c.is_ascii_alphanumeric())
    };
    let mut i = 0;
    while i + 4 <= b.len() {
        if (i == 0 || !b[i - 1].is_ascii_alphanumeric()) && four(i) {
            let after = &text[i + 4..];
            let t = after.trim_start();
            let connector = ["to ", "until ", "and ", "- ", "– ", "— ", "-", "–", "—"].iter().find(|c| t.starts_with(*c));
            if let Some(c) = connector {
                let second = t[c.len()..].trim_start();
                let j = text.len() - second.len();
                if four(j) {
                    let rest = &text[j + 4..];
                    let next =
                        rest.split_whitespace().next().unwrap_or("").trim_matches(|c: char| matches!(c, '(' | ')' | ',' | '.' | ';'));
                    let zone = cx.zones.zone(next).filter(|_| next.chars().any(|c| c.is_ascii_uppercase()));
                    let hours = matches!(next.to_ascii_lowercase().as_str(), "hrs" | "hours" | "h");
                    if zone.is_some() || hours {
                        let (a, _) = leading_when(&text[i..i + 4], cx.zones, true)?;
                        let (mut bw, _) = leading_when(&text[j..j + 4], cx.zones, true)?;
                        if a.time.is_some() && bw.time.is_some() {
                            bw.zone = zone;
                            let a = When { zone, ..a };
                            return Some((a, bw));
                        }
                    }
                }
            }
        }
        i += 1;
    }
    None
}

/// `on 6 April` right after a time: the day, in the incident's year when
/// none is written, and what follows it.
fn on_date<'t>(text: &'t str, cx: &Context<'_>) -> Option<(NaiveDate, Option<Zone>, &'t str)> {
    use chrono::Datelike;
    let t = text.trim_start();
    let t = t.strip_prefix("on ").or_else(|| t.strip_prefix("On "))?;
    let (w, rest) = leading_when(t, cx.zones, false)?;
    if w.time.is_some() {
        return None;
    }
    let d = w.date.or_else(|| {
        let (m, d) = w.month_day?;
        NaiveDate::from_ymd_opt(cx.date?.year(), m, d)
    })?;
    Some((d, w.zone, rest))
}

/// `JST on June 12,`, `CET on 23 January 2031`: a day named right after a
/// range (after its zone), in the incident's year when none is written.
fn day_after_range(text: &str, cx: &Context<'_>) -> Option<NaiveDate> {
    use chrono::Datelike;
    let words: Vec<&str> = text.split_whitespace().take(3).collect();
    let on = words.iter().position(|w| w.eq_ignore_ascii_case("on"))?;
    let at = text.find(words[on])? + 2;
    let rest: String = text[at..].chars().take(40).collect();
    let d = crate::extract::when::find_date(&rest, cx.date.map(|d| d.year()))?;
    // The date must open what follows `on`, not be met further on.
    let first = rest.split_whitespace().next()?;
    (first.starts_with(|c: char| c.is_ascii_digit())
        || crate::extract::when::month(first.trim_end_matches([',', '.'])).is_some()
        || weekday_named(first.trim_end_matches(',')).is_some())
    .then_some(d)
}

/// `text` after a weekday and a part of the day written after a time
/// (`Sunday`, `Monday morning,`), or `text` itself.
fn skip_day_word(text: &str) -> &str {
    let t = text.trim_start();
    let Some(first) = t.split_whitespace().next().filter(|w| w.len() >= 6 && weekday_named(w.trim_end_matches(',')).is_some()) else {
        return text;
    };
    let mut rest = t[first.len()..].trim_start();
    if let Some(part) = rest.split_whitespace().next()
        && matches!(part.trim_end_matches(',').to_ascii_lowercase().as_str(), "morning" | "afternoon" | "evening" | "night")
    {
        rest = rest[part.len()..].trim_start();
    }
    rest.trim_start_matches([',', ' '])
}

/// `(UTC)` or `UTC` among the first words after a range.
pub(in crate::extract) fn trailing_zone(text: &str, cx: &Context<'_>) -> Option<Zone> {
    text.split_whitespace()
        .take(4)
        .map(|w| w.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | '.' | ';' | '*')))
        .filter(|w| w.len() >= 2 && w.chars().any(|c| c.is_ascii_uppercase()))
        .find_map(|w| cx.zones.zone(w))
}
