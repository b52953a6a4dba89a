//! Time expressions at the start of a timeline entry, as people write them:
//! `2024-03-05 09:12`, `[08:47]`, `[03-26 23:04]`, `Sep 27 2017 13:06`,
//! `19. April, 11:00`, `2:54 PM PST`, `~13:30-13:45`, `ca. 18:30`, and the
//! placeholders that stand for no time at all (`HH:mm`, `--:--`, `14:??`).

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};

use crate::datetime::{Zone, ZoneTable, parse_clock};

mod dates;
pub use dates::DayOrder;
pub(super) use dates::month;
pub(in crate::extract) use dates::weekday_named;
use dates::{FOREIGN_MONTHS, MONTHS, day_number, leading_date};
pub use dates::{first_year, on_or_before, weekday_in_prose};

/// A recognised time expression.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct When {
    /// A full date.
    pub date: Option<NaiveDate>,
    /// Month and day without a year (`03-26`, `Feb 21`).
    pub month_day: Option<(u32, u32)>,
    /// The wall-clock time.
    pub time: Option<NaiveTime>,
    /// A zone written next to it.
    pub zone: Option<Zone>,
    /// A placeholder (`HH:mm`, `--:--`, `??`): the entry has no real time.
    pub placeholder: bool,
    /// The expression as written.
    pub text: String,
    /// The time was written on the 12-hour clock (`9:43 AM`, `6pm`, `10:45a`),
    /// or is the start of a range whose end was (`1:42-1:59 PM`).
    pub meridiem: bool,
    /// A day of the month written without its month after a weekday
    /// (`Tuesday 20th 14:00`): the month and year of the date in force.
    pub day: Option<u32>,
    /// Written as an offset from the timeline's first timed entry
    /// (`[+1 hrs]`, `T+30m`, `+15 min`), placed when the timeline is resolved.
    pub after: Option<chrono::Duration>,
}

impl When {
    /// Written like a clock time (`9:05`, `6pm`), not a bare number such as
    /// the `1.13` of a version: what prose scans accept.
    pub fn is_clock(&self) -> bool {
        // `14h05` as much of Europe and Brazil write it.
        let h = self.text.split(['h', 'H']).count() == 2 && self.text.chars().all(|c| c.is_ascii_digit() || matches!(c, 'h' | 'H'));
        self.time.is_some() && (self.text.contains(':') || self.text.to_lowercase().contains('m') || h)
    }
}

/// Characters that wrap or introduce a time and are not part of it.
fn skip_openers(s: &str) -> &str {
    let mut t = s.trim_start();
    loop {
        let before = t;
        // `\~17:30`: Markdown escapes from editors (GitBook) too; `± 17:20`
        // and `≈ 17:20` are approximate times.
        t = t.trim_start_matches(['*', '_', '[', '(', '~', '`', '\\', '{', '±', '≈']).trim_start();
        for p in [
            "ca.",
            "ca ",
            "approximately ",
            "approx.",
            "approx ",
            "about ",
            "around ",
            // `Before 13:22, October 2`, `### After 02:10 CET`: a bound
            // written for a time not noted.
            "before ",
            "after ",
            "update:",
            "update ",
            "updated ",
            "updated:",
            "update -",
            "investigating:",
            "identified:",
            "monitoring:",
            "resolved:",
            "edit:",
        ] {
            if t.get(..p.len()).is_some_and(|head| head.eq_ignore_ascii_case(p)) {
                t = t[p.len()..].trim_start();
            }
        }
        // `Update 2 – 15:20 CET`: a numbered update, then its time.
        if t.len() < before.len() && before.get(..7).is_some_and(|h| h.eq_ignore_ascii_case("update ")) {
            let n = t.bytes().take_while(u8::is_ascii_digit).count();
            if (1..=2).contains(&n) {
                let rest = t[n..].trim_start();
                if let Some(r) = rest.strip_prefix(['–', '—', '-', ':']) {
                    t = r.trim_start();
                }
            }
        }
        if t == before {
            return t;
        }
    }
}

/// `Thursday`, `Thurs,`, `Tue.` before a date or time.
fn skip_weekday(s: &str) -> &str {
    let word: String = s.chars().take_while(char::is_ascii_alphabetic).collect();
    if weekday_named(&word).is_none() {
        return s;
    }
    let rest = s[word.len()..].trim_start_matches(['.', ',']);
    let next = rest.trim_start();
    if next.starts_with(|c: char| c.is_ascii_digit())
        || next.split_whitespace().next().is_some_and(|w| month(w.trim_end_matches([',', '*', '_'])).is_some())
    {
        // `Tuesday 20th` alone is a day of the month without one: leave it.
        next
    } else {
        s
    }
}

fn is_placeholder(token: &str) -> bool {
    let t = token.trim_matches(|c| matches!(c, '[' | ']' | '*' | '(' | ')'));
    if t.is_empty() {
        return false;
    }
    // Shaped like a time (`HH:mm`, `2X:XX`, `--:--`) or made of `?`.
    let shaped = t.contains(':') || t.chars().all(|c| c == '?') || t.starts_with("--");
    let marker = t.contains('?')
        || t.contains("HH")
        || t.contains("hh")
        || t.contains("mm")
        || t.contains('X')
        || t.contains('x')
        || t.starts_with("--");
    let has_marker = shaped && marker;
    has_marker && t.chars().all(|c| c.is_ascii_digit() || matches!(c, ':' | '?' | '-' | 'H' | 'h' | 'M' | 'm' | 'X' | 'x' | '.'))
}

/// Whether a date or time may begin at the start of `s`: a digit after any
/// openers (`**`, `[`, `(`, `~`, `` ` ``), or, with `names`, a month or
/// weekday name. A cheap test before [`leading_when`], for scanning prose.
pub fn may_start(s: &str, names: bool) -> bool {
    let t = s.trim_start_matches(['*', '_', '[', '(', '~', '`', '@', ' ', '\\', '±', '≈']);
    match t.as_bytes().first() {
        Some(b) if b.is_ascii_digit() => true,
        Some(b) if names && b.is_ascii_alphabetic() => {
            // The first three bytes, lower-cased, against the prefixes of the
            // month and weekday names (no allocation: this runs on every word).
            let head = t.as_bytes();
            let Some(key) = head.get(..3).map(|h| [h[0].to_ascii_lowercase(), h[1].to_ascii_lowercase(), h[2].to_ascii_lowercase()]) else {
                return false;
            };
            name_prefixes().binary_search(&key).is_ok()
        }
        _ => false,
    }
}

/// The first three bytes of every month (English and [`FOREIGN_MONTHS`]) and
/// weekday name, sorted: what a date written with names can start with.
fn name_prefixes() -> &'static [[u8; 3]] {
    static PREFIXES: std::sync::OnceLock<Vec<[u8; 3]>> = std::sync::OnceLock::new();
    PREFIXES.get_or_init(|| {
        let words = MONTHS
            .iter()
            .chain(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].iter())
            .chain(FOREIGN_MONTHS.iter().flat_map(|n| n.iter()));
        let mut out: Vec<[u8; 3]> = words.filter_map(|w| w.as_bytes().get(..3).map(|b| [b[0], b[1], b[2]])).collect();
        out.sort_unstable();
        out.dedup();
        out
    })
}

/// Offsets in `text` where a time (or, with `names`, a date) may begin: the
/// start, and after a space or opening bracket, where [`may_start`] holds.
pub fn starts(text: &str, names: bool) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0)
        // Chinese and Japanese write times right after a word or a
        // full-width bracket (`中断约 3 分钟（02:07-02:10）`).
        .chain(
            text.char_indices()
                .filter(|(_, c)| c.is_whitespace() || matches!(c, '(' | '[' | ',' | '~') || *c >= '\u{3000}')
                .map(|(i, c)| i + c.len_utf8()),
        )
        .filter(move |&i| may_start(&text[i..], names))
}

/// The date `text` opens with (`April 19th 2021 …`, `Tuesday 3 May`),
/// a month and day taking `year`.
pub fn leading_date_of(text: &str, year: Option<i32>) -> Option<NaiveDate> {
    match leading_date(skip_weekday(text))? {
        (Some(d), _, _) => Some(d),
        (None, Some((m, d)), _) => NaiveDate::from_ymd_opt(year?, m, d),
        _ => None,
    }
}

/// Whether an ISO day (`2020-09-21`: four digits, `-`, two, `-`, two)
/// starts at byte `i` of `b`.
pub fn iso_day_at(b: &[u8], i: usize) -> bool {
    b.get(i..i + 10).is_some_and(|d| d.iter().enumerate().all(|(k, c)| if k == 4 || k == 7 { *c == b'-' } else { c.is_ascii_digit() }))
}

/// The first date written anywhere in `text` (`… on Aug 31, 2023`,
/// `(07-Jul-2020)`, `On Thursday 31 August`); a month and day without a
/// year take `year`.
pub fn find_date(text: &str, year: Option<i32>) -> Option<NaiveDate> {
    // `March 12<sup>th</sup>` as converters write ordinals.
    let owned;
    let text = if text.contains("<sup>") {
        owned = text.replace("<sup>", "").replace("</sup>", "");
        owned.as_str()
    } else {
        text
    };
    // A month and day met before any full date (`between 11:20 PM on 19
    // February and 9:15 AM on 20 February 2024`): the year of the full
    // date that follows it closely, if it is not after that date.
    let mut pending: Option<(usize, u32, u32)> = None;
    for i in starts(text, true) {
        let Some((date, md, _)) = leading_date(skip_weekday(skip_openers(&text[i..]))) else { continue };
        if let (Some(d), Some((at, m, day))) = (date, pending)
            && i - at <= 80
            && let Some(early) = NaiveDate::from_ymd_opt(d.year(), m, day).filter(|e| *e <= d && (d - *e).num_days() <= 31)
        {
            return Some(early);
        }
        let found = match (date, md, year) {
            (Some(d), _, _) => Some(d),
            (None, Some((m, d)), Some(y)) => NaiveDate::from_ymd_opt(y, m, d),
            (None, Some((m, d)), None) => {
                pending.get_or_insert((i, m, d));
                None
            }
            _ => None,
        };
        if let Some(d) = found {
            return Some(range_start(&text[..i], d));
        }
    }
    None
}

/// `from 8 to 10 July 2031`: the range's first day, when the day before a
/// date `d` written with its month opens a range of days.
/// `Sunday 19th through Monday 20th of February 2017`: weekdays and
/// ordinal marks may stand beside the days.
fn range_start(before: &str, d: NaiveDate) -> NaiveDate {
    use chrono::Datelike;
    let words: Vec<&str> = before.split_whitespace().rev().filter(|w| weekday_named(w.trim_end_matches(',')).is_none()).take(2).collect();
    if let [joiner, first] = words[..]
        && matches!(joiner, "to" | "until" | "till" | "through" | "thru" | "and" | "-" | "–")
        && let Ok(day) = first.trim_start_matches(['(', '*']).trim_end_matches(['s', 't', 'n', 'd', 'r', 'h', ',']).parse::<u32>()
        && day < d.day()
    {
        return d.with_day(day).unwrap_or(d);
    }
    d
}

/// `1506 UTC`, `0930 PST:`: four digits and a zone's name after them, a
/// time as operators' logs write it (a year is not followed by a zone).
fn zoned_four_digits(text: &str, zones: &ZoneTable) -> bool {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    digits == 4
        && text[4..].starts_with(' ')
        && text[5..]
            .split(|c: char| c.is_whitespace() || matches!(c, ':' | ',' | ')' | '-'))
            .next()
            .is_some_and(|w| w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase()) && zones.zone(w).is_some())
}

/// Recognise a time expression at the start of `text`. Returns it and the
/// rest of the text with separators (`:`, `-`, `]`, `|`, `**`) removed.
/// `compact` allows `0730`-style times (for table cells).
pub fn leading_when<'a>(text: &'a str, zones: &ZoneTable, compact: bool) -> Option<(When, &'a str)> {
    let start = skip_weekday(skip_openers(text));
    if let Some((after, rest)) = relative_offset(start) {
        let written = &start[..start.len() - rest.len()];
        let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ']' | ')' | ':' | '-' | '–' | '—' | '|' | '*'));
        let when = When { after: Some(after), text: written.trim().to_string(), ..When::default() };
        return Some((when, rest));
    }
    let mut when = When::default();
    let mut rest = start;
    let mut another_date = false;
    if let Some((date, md, r)) = leading_date(start) {
        when.date = date;
        when.month_day = md;
        if date.is_none() && md.is_none() {
            return None;
        }
        let after = skip_footnote(r);
        // `2021-05-04[^2]: 09:10`: a colon between the date and its time.
        let timed = after.trim_start_matches([',', ' ', ':', '@']);
        // `[2024-11-19 Tue 09:31]`, as org-mode stamps: a weekday between.
        let timed = Some(skip_weekday(timed)).filter(|t| t.len() < timed.len() && parse_clock(t, false).is_some()).unwrap_or(timed);
        // `09 March 2031 @ 13:42 UTC`, `Jun 12, 2031 at 14:25`, `Jun 12, 2031 - 14:25`,
        // `7 Feb 2031 · 16:41 GMT`
        let timed = ["at ", "- ", "– ", "— ", "· ", "| "]
            .iter()
            .find_map(|p| timed.strip_prefix(p))
            .map(str::trim_start)
            .filter(|t| parse_clock(skip_openers(t), false).is_some())
            .unwrap_or(timed);
        // `2026-06-20, 2026-06-21`: a second date, not a time (`2026` read
        // as 20:26 and `-06` as an offset).
        another_date = leading_date(timed).is_some_and(|(d, _, _)| d.is_some());
        rest =
            if parse_clock(skip_openers(timed), false).is_some() && !another_date { timed } else { after.trim_start_matches([',', ' ']) };
    } else if start.len() < skip_openers(text).len()
        && let Some(word) = start.split_whitespace().next()
        && let Some(d) = day_number(word).filter(|_| word.ends_with(|c: char| c.is_ascii_alphabetic()))
        && parse_clock(start[word.len()..].trim_start_matches([',', ' ']), false).is_some()
    {
        // `Tuesday 20th 14:00`: the day of the month, then the time.
        when.day = Some(d);
        rest = start[word.len()..].trim_start_matches([',', ' ']);
    }
    let has_date = when.date.is_some() || when.month_day.is_some();
    let after_open = skip_openers(rest);
    let token_end = after_open.find(|c: char| c.is_whitespace() || c == ']' || c == '|').unwrap_or(after_open.len());
    let token = &after_open[..token_end];
    if is_placeholder(token) && parse_clock(after_open, false).is_none() {
        when.placeholder = true;
        rest = &after_open[token_end..];
    } else if let Some((time, r)) =
        parse_clock(after_open, compact || has_date || zoned_four_digits(after_open, zones)).filter(|_| !another_date)
    {
        // `17:14pm` is a 24-hour time with a redundant suffix.
        when.time = Some(time);
        when.meridiem = has_letter(&after_open[..after_open.len() - r.len()]);
        rest = r;
        // A range: keep the start.
        let t = rest.trim_start();
        if let Some(after_dash) = t.strip_prefix(['-', '–']) {
            let after_dash = after_dash.trim_start();
            if let Some((end, r2)) = parse_clock(after_dash, false) {
                if !when.meridiem && has_letter(&after_dash[..after_dash.len() - r2.len()]) {
                    // `1:42-1:59 PM`: the end's half of the day is the start's,
                    // unless that would put the start after the end (`11:30-1:15 PM`).
                    when.meridiem = true;
                    let pm = time + chrono::Duration::hours(12);
                    if end.hour() >= 12 && time.hour() < 12 && pm <= end {
                        when.time = Some(pm);
                    }
                }
                rest = r2;
            } else if let Some(end) = after_dash.find(char::is_whitespace).map(|e| &after_dash[..e]).or(Some(after_dash))
                && is_placeholder(end)
                && !end.is_empty()
            {
                rest = &after_dash[end.len()..];
            }
        }
    } else if !has_date {
        return None;
    }
    // A zone right after the time: `UTC`, `PST (UTC-7)`, `(CET)`, an
    // offset (`+01:00`, `-0500`, `UTC+5:30`).
    let t = rest.trim_start();
    let word_end = offset_end(t)
        .unwrap_or_else(|| t.find(|c: char| c.is_whitespace() || matches!(c, ':' | ']' | ',' | '|' | '*' | '`')).unwrap_or(t.len()));
    if word_end > 0
        && let Some(z) = zones.zone(&t[..word_end]).filter(|_| {
            let w = &t[..word_end];
            w.chars().any(|c| c.is_ascii_uppercase()) || w.contains('/') || offset_end(w) == Some(w.len())
        })
    {
        when.zone = Some(z);
        rest = &t[word_end..];
        let t2 = rest.trim_start();
        if let Some(inner) = t2.strip_prefix('(').and_then(|x| x.split_once(')'))
            && let Some(z2 @ Zone::Fixed(_)) = zones.zone(inner.0)
        {
            when.zone = Some(z2);
            rest = inner.1;
        }
    }
    // `12:40 AM (June 28)`: the entry's day in brackets after its time.
    if let Some((inner, after)) = rest.trim_start().strip_prefix('(').and_then(|x| x.split_once(')'))
        && inner.len() <= 20
        && let Some((date, md, left)) = leading_date(inner.trim())
        && (date.is_some() || md.is_some())
        && left.trim().is_empty()
    {
        when.date = when.date.or(date);
        rest = after;
    }
    // `{{ 09:30 }}` (a template's braces), `09:10[^1]` (a footnote marker).
    rest = skip_footnote(rest.trim_start_matches([' ', '}']));
    if when.zone.is_some()
        && let Some(r) = second_stamp(rest, zones)
    {
        // `15:25 UTC / 08:25 PDT`: the same instant in a second zone.
        rest = r;
    }
    // `*2023-01-04 05:13*:` — an emphasis closer right after the time;
    // `` `2023-10-02T21:47Z` `` a code span's.
    let rest = rest.trim_start_matches(['*', '_', '`']);
    let consumed = text.len() - rest.len();
    when.text = text[..consumed]
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '[' | ']' | '*' | '~' | '`'))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    // `18:31 · Deploy`, `18:31 • Deploy`: a dot between the time and the text.
    let rest =
        rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '-' | '–' | '—' | ']' | '|' | ')' | ',' | '·' | '•'));
    let rest = rest
        .strip_prefix("**")
        .map_or(rest, |r| r.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '-' | '–' | '—' | '·' | '•')));
    Some((when, rest))
}

/// The length of the UTC offset `s` starts with, if it does: `+01:00`,
/// `-0500`, `+05` (two-digit hours), or `UTC`/`GMT` with a sign and one or
/// two digits and perhaps minutes (`UTC+5:30`, `GMT-3`), in brackets or
/// not. A sign and one digit alone (`+2 errors`) is not an offset.
pub(crate) fn offset_end(s: &str) -> Option<usize> {
    let open = usize::from(s.starts_with('('));
    let body = &s[open..];
    let named = ["UTC", "GMT"].iter().any(|p| body.as_bytes().get(..3).is_some_and(|b| b.eq_ignore_ascii_case(p.as_bytes())));
    let prefix = if named { 3 } else { 0 };
    let signed = &body[prefix..];
    signed.as_bytes().first().filter(|b| matches!(b, b'+' | b'-'))?;
    let digits = |x: &str| x.bytes().take_while(u8::is_ascii_digit).count();
    let hours = digits(&signed[1..]);
    let mut len = 1 + hours;
    match hours {
        1 if named => {}
        2 => {}
        4 => return Some(open + prefix + len).filter(|_| !signed[len..].starts_with(|c: char| c.is_alphanumeric())),
        _ => return None,
    }
    if signed[len..].starts_with(':') && digits(&signed[len + 1..]) == 2 {
        len += 3;
    }
    if signed[len..].starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    let close = usize::from(open == 1 && signed[len..].starts_with(')'));
    Some(open + prefix + len + close)
}

/// Midnight passed between two timeline entries written without a date:
/// the time steps back a long way (more than six hours: an evening time
/// followed by one in the small hours). A smaller step back is a typo or an
/// entry out of order; it stays on the same day and `check` warns
/// (`timeline-order`).
pub fn after_midnight(prev: NaiveTime, t: NaiveTime) -> bool {
    prev > t && prev - t > chrono::Duration::hours(6)
}

/// In a timeline written on the 12-hour clock, an entry whose time has no
/// `AM`/`PM` and steps back past [`after_midnight`]'s bound (`11:57`, then
/// `1:17`) is in the afternoon when that reading is not before `prev`.
pub fn afternoon_reading(prev: NaiveTime, t: NaiveTime) -> Option<NaiveTime> {
    let pm = t + chrono::Duration::hours(12);
    (after_midnight(prev, t) && (1..12).contains(&t.hour()) && pm >= prev).then_some(pm)
}

/// `[^2]` right after a date or time: a footnote marker, not part of it.
fn skip_footnote(s: &str) -> &str {
    match s.strip_prefix("[^").and_then(|r| r.split_once(']')) {
        Some((label, rest)) if !label.is_empty() && label.len() <= 12 && !label.contains(' ') => rest,
        _ => s,
    }
}

/// `+1 hrs`, `+6.5 hrs`, `T+30m`, `T+2h`, `+15 min`, `T+0`: an offset from
/// the start of the timeline. Returns it and what follows the unit.
fn relative_offset(s: &str) -> Option<(chrono::Duration, &str)> {
    let t = s.strip_prefix("T+").or_else(|| s.strip_prefix("t+")).or_else(|| s.strip_prefix('+'))?;
    // `T+0:15`, `T+1:05:30`: hours and minutes (and seconds) on a stopwatch.
    let h = t.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&h) && t[h..].starts_with(':') && t[h + 1..].bytes().take_while(u8::is_ascii_digit).count() == 2 {
        let hours: i64 = t[..h].parse().ok()?;
        let minutes: i64 = t[h + 1..h + 3].parse().ok()?;
        let mut rest = &t[h + 3..];
        let mut seconds = 0;
        if rest.starts_with(':') && rest[1..].bytes().take_while(u8::is_ascii_digit).count() == 2 {
            seconds = rest[1..3].parse().ok()?;
            rest = &rest[3..];
        }
        if minutes >= 60 || seconds >= 60 || rest.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            return None;
        }
        return Some((chrono::Duration::seconds(hours * 3600 + minutes * 60 + seconds), rest));
    }
    let n = t.bytes().take_while(|b| b.is_ascii_digit() || *b == b'.').count();
    let value: f64 = t[..n].parse().ok()?;
    let after = t[n..].trim_start();
    let unit_len = after.bytes().take_while(u8::is_ascii_alphabetic).count();
    let minutes = match after[..unit_len].to_ascii_lowercase().as_str() {
        "m" | "min" | "mins" | "minute" | "minutes" => 1.0,
        "h" | "hr" | "hrs" | "hour" | "hours" => 60.0,
        "d" | "day" | "days" => 1440.0,
        "" if value == 0.0 && s.starts_with(['T', 't']) => 0.0,
        _ => return None,
    };
    let rest = &after[unit_len..];
    // `+2 Business Days Later` is not a place on the clock.
    let next = rest.trim_start();
    let next = &next[..next.bytes().take_while(u8::is_ascii_alphabetic).count()];
    if next.eq_ignore_ascii_case("business") || next.eq_ignore_ascii_case("later") {
        return None;
    }
    Some((chrono::Duration::seconds((value * minutes * 60.0).round() as i64), rest))
}

/// Whether a clock time as written carries a 12-hour marker (`pm`, `a`).
fn has_letter(clock: &str) -> bool {
    clock.bytes().any(|b| b.is_ascii_alphabetic())
}

/// After a zoned time, the same instant written in another zone:
/// `/ 08:25 PDT`, `(08:25-08:30 PDT)`. Returns what follows it.
fn second_stamp<'a>(rest: &'a str, zones: &ZoneTable) -> Option<&'a str> {
    let after = rest.trim_start().strip_prefix(['/', '('])?.trim_start();
    let (_, mut r) = parse_clock(after, false)?;
    if let Some(end) = r.trim_start().strip_prefix(['-', '–'])
        && let Some((_, r2)) = parse_clock(end.trim_start(), false)
    {
        r = r2;
    }
    let t = r.trim_start();
    let end = t.find(|c: char| c.is_whitespace() || matches!(c, ':' | ']' | ',' | '|' | '*' | ')')).unwrap_or(t.len());
    zones.zone(&t[..end]).filter(|_| end > 0 && t[..end].chars().any(|c| c.is_ascii_uppercase()))?;
    let r = &t[end..];
    Some(r.strip_prefix(')').unwrap_or(r))
}

#[cfg(test)]
mod tests;
