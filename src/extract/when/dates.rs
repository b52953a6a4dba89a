//! Dates as people write them at the start of a text: `2024-03-05`,
//! `2024.10.07`, `23/03/2021` or `03/23/2021` (in the order the document
//! writes its dates, see [`DayOrder`]), `07-Jul-2020`, `Sep 27 2017`,
//! `19. April`, `5 de marzo de 2021`, month names in several languages.

use chrono::{Datelike, NaiveDate};

use super::parse_clock;

pub(super) const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

pub(in crate::extract) fn month(word: &str) -> Option<u32> {
    // Month names start with a letter (`09:41` and `2024` need no look-up).
    if !word.starts_with(char::is_alphabetic) {
        return None;
    }
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| w.starts_with(m) && (w.len() == 3 || full_month(m).starts_with(&w)))
        .map(|i| i as u32 + 1)
        .or_else(|| foreign_month(word))
}

/// Month names in the languages post-mortems are often written in besides
/// English (German, French, Spanish, Italian, Portuguese, Dutch, Swedish,
/// Finnish), with the short inflections they take (`maaliskuun`, `märz`).
pub(super) const FOREIGN_MONTHS: [&[&str]; 12] = [
    &["januar", "janvier", "enero", "gennaio", "janeiro", "januari", "tammikuu"],
    &["februar", "février", "fevrier", "febrero", "febbraio", "fevereiro", "februari", "helmikuu"],
    &["märz", "maerz", "mars", "marzo", "março", "marco", "maart", "maaliskuu"],
    &["avril", "abril", "aprile", "huhtikuu"],
    &["mai", "mayo", "maggio", "maio", "mei", "maj", "toukokuu"],
    &["juni", "juin", "junio", "giugno", "junho", "kesäkuu"],
    &["juli", "juillet", "julio", "luglio", "julho", "heinäkuu"],
    &["août", "aout", "agosto", "augustus", "augusti", "elokuu"],
    &["septembre", "septiembre", "settembre", "setembro", "syyskuu"],
    &["oktober", "octobre", "octubre", "ottobre", "outubro", "lokakuu"],
    &["novembre", "noviembre", "novembro", "marraskuu"],
    &["dezember", "décembre", "decembre", "diciembre", "dicembre", "dezembro", "joulukuu"],
];

fn foreign_month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches(['.', ',']).to_lowercase();
    FOREIGN_MONTHS
        .iter()
        .position(|names| names.iter().any(|n| w.starts_with(n) && w.chars().count() <= n.chars().count() + 3))
        .map(|i| i as u32 + 1)
}

fn full_month(abbr: &str) -> &'static str {
    match abbr {
        "jan" => "january",
        "feb" => "february",
        "mar" => "march",
        "apr" => "april",
        "may" => "may",
        "jun" => "june",
        "jul" => "july",
        "aug" => "august",
        "sep" => "september",
        "oct" => "october",
        "nov" => "november",
        _ => "december",
    }
}

pub(super) fn day_number(word: &str) -> Option<u32> {
    // `(7–8 Feb)`, `(Feb 7)`: a closing bracket ends the day too.
    let w = word.trim_end_matches([',', '.', '*', '_', ')', ']', ':', ';']);
    let w = ["st", "nd", "rd", "th"].iter().find_map(|s| w.strip_suffix(s)).unwrap_or(w);
    w.parse().ok().filter(|d| (1..=31).contains(d))
}

/// A date at the start of `s`, and the rest.
/// A date as written: a full date, or month and day, and the rest of the text.
pub(super) type DatePrefix<'a> = (Option<NaiveDate>, Option<(u32, u32)>, &'a str);

pub(super) fn leading_date(s: &str) -> Option<DatePrefix<'_>> {
    let b = s.as_bytes();
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let d0 = digits(0);
    // YYYY-MM-DD (also the 5-digit year typo `20202-01-16`, read as its first 4 digits)
    if (d0 == 4 || d0 == 5) && matches!(b.get(d0), Some(b'-' | b'/')) {
        let m = digits(d0 + 1);
        if (1..=2).contains(&m) && b.get(d0 + 1 + m) == b.get(d0) {
            let dd = digits(d0 + 2 + m);
            if (1..=2).contains(&dd) {
                let y: i32 = s[..4].parse().ok()?;
                let mo: u32 = s[d0 + 1..d0 + 1 + m].parse().ok()?;
                let d: u32 = s[d0 + 2 + m..d0 + 2 + m + dd].parse().ok()?;
                let rest = &s[d0 + 2 + m + dd..];
                if rest.starts_with(|c: char| c.is_ascii_alphanumeric() && c != 'T') {
                    return None;
                }
                // `2024-04-04-05`: a range of days; the date is its first.
                let rest = match rest.strip_prefix('-') {
                    Some(r) if (1..=2).contains(&r.bytes().take_while(u8::is_ascii_digit).count()) => {
                        r.trim_start_matches(|c: char| c.is_ascii_digit())
                    }
                    _ => rest,
                };
                // `2020/07/09 (Thu) 15:20`: the weekday in brackets, as
                // Japanese reports write it.
                let rest = rest
                    .strip_prefix(" (")
                    .and_then(|r| r.split_once(')'))
                    .filter(|(day, _)| (2..=9).contains(&day.chars().count()) && day.chars().all(char::is_alphabetic))
                    .map_or(rest, |(_, after)| after);
                // `2024-03-05T09:12`, `2023-01-04/11:34`, `2023-01-04 @ 11:34`
                let rest = match rest.as_bytes() {
                    [b'T' | b'/' | b'@', d, ..] if d.is_ascii_digit() => &rest[1..],
                    _ => rest.strip_prefix(" @ ").unwrap_or(rest),
                };
                return Some((NaiveDate::from_ymd_opt(y, mo, d), None, rest));
            }
        }
    }
    // YYYY-Mon-DD (`2025-Feb-07`, `2025-DEC-5`), as some logs and
    // operators write dates.
    if d0 == 4 && b.get(4) == Some(&b'-') {
        let name_len = s[5..].bytes().take_while(u8::is_ascii_alphabetic).count();
        if (3..=9).contains(&name_len) && b.get(5 + name_len) == Some(&b'-') {
            let dd = digits(6 + name_len);
            if let Some(mo) = month(&s[5..5 + name_len]).filter(|_| (1..=2).contains(&dd)) {
                let day: u32 = s[6 + name_len..6 + name_len + dd].parse().ok()?;
                let rest = &s[6 + name_len + dd..];
                if !rest.starts_with(|c: char| c.is_ascii_alphanumeric()) {
                    return Some((NaiveDate::from_ymd_opt(s[..4].parse().ok()?, mo, day), None, rest));
                }
            }
        }
    }
    // YYYY.MM.DD
    if d0 == 4 && b.get(4) == Some(&b'.') && digits(5) == 2 && b.get(7) == Some(&b'.') && digits(8) == 2 && digits(10) == 0 {
        let date = NaiveDate::from_ymd_opt(s[..4].parse().ok()?, s[5..7].parse().ok()?, s[8..10].parse().ok()?)?;
        return Some((Some(date), None, &s[10..]));
    }
    // DD/MM/YYYY, MM/DD/YYYY, DD.MM.YYYY, DD-MM-YYYY: the reading that is a
    // date; when both are, the order the document writes (see [`DayOrder`]),
    // else the month comes first after `/` (US) and second after `.` and `-`
    // (`22-08-2024`, with its four-digit year). A two-digit year after `-`
    // (`5-26-21`) only where one reading alone is a date.
    if (1..=2).contains(&d0) && matches!(b.get(d0), Some(b'/' | b'.' | b'-')) {
        let sep = b[d0];
        let d1 = digits(d0 + 1);
        if (1..=2).contains(&d1) && b.get(d0 + 1 + d1) == Some(&sep) {
            let y0 = d0 + 2 + d1;
            let dy = digits(y0);
            let a: u32 = s[..d0].parse().ok()?;
            let c: u32 = s[d0 + 1..d0 + 1 + d1].parse().ok()?;
            if dy == 4 || (dy == 2 && (sep != b'-' || (a > 12) != (c > 12))) {
                let mut y: i32 = s[y0..y0 + dy].parse().ok()?;
                if dy == 2 {
                    y += 2000;
                }
                let day_first = match (sep, DAY_ORDER.with(std::cell::Cell::get)) {
                    (b'.', _) => true,
                    (_, Some(order)) => order,
                    (sep, None) => sep != b'/',
                };
                let (m, d) = if a > 12 || (day_first && c <= 12) { (c, a) } else { (a, c) };
                let rest = &s[y0 + dy..];
                if rest.starts_with(|ch: char| ch.is_ascii_alphanumeric()) {
                    return None;
                }
                return NaiveDate::from_ymd_opt(y, m, d).map(|date| (Some(date), None, rest));
            }
        }
    }
    // `2024年4月9日`, `4月9日 09:40`, `2024년 3월 5일(화)`: East Asian dates.
    if d0 >= 1
        && let Some(found) = cjk_date(s)
    {
        return Some(found);
    }
    // `3/11 9:40 PM`, `Mon 3/11, 9:40 PM`: a month and day without a year,
    // before a time (month first, unless the document writes days first).
    if (1..=2).contains(&d0) && b.get(d0) == Some(&b'/') {
        let d1 = digits(d0 + 1);
        let after = &s[d0 + 1 + d1..];
        let timed = after.strip_prefix(',').unwrap_or(after);
        if (1..=2).contains(&d1) && timed.starts_with(' ') && parse_clock(timed.trim_start(), false).is_some() {
            let (a, c): (u32, u32) = (s[..d0].parse().ok()?, s[d0 + 1..d0 + 1 + d1].parse().ok()?);
            let day_first = DAY_ORDER.with(std::cell::Cell::get).unwrap_or(false);
            let (m, d) = if a > 12 || (day_first && c <= 12) { (c, a) } else { (a, c) };
            if (1..=12).contains(&m) && (1..=31).contains(&d) {
                return Some((None, Some((m, d)), timed));
            }
        }
    }
    // `2024 March 12 09:14 PDT`: the year first, then the month's name.
    if d0 == 4 && b.get(4) == Some(&b' ') {
        let mut words = s[5..].split_whitespace();
        if let (Some(mo), Some(day)) = (words.next().and_then(|w| month(w.trim_end_matches([',', '.']))), words.next().and_then(day_number))
        {
            let y: i32 = s[..4].parse().ok()?;
            if (1970..2200).contains(&y) {
                return Some((NaiveDate::from_ymd_opt(y, mo, day), None, skip_words(&s[5..], 2)));
            }
        }
    }
    // DD-Mon-YYYY: `07-Jul-2020`
    if (1..=2).contains(&d0) && b.get(d0) == Some(&b'-') {
        let word: String = s[d0 + 1..].chars().take_while(char::is_ascii_alphabetic).collect();
        if let Some(mo) = month(&word) {
            let y0 = d0 + 1 + word.len();
            if b.get(y0) == Some(&b'-') && digits(y0 + 1) == 4 {
                let date = NaiveDate::from_ymd_opt(s[y0 + 1..y0 + 5].parse().ok()?, mo, s[..d0].parse().ok()?)?;
                return Some((Some(date), None, &s[y0 + 5..]));
            }
            // `20-Dec-18`: a two-digit year.
            if b.get(y0) == Some(&b'-') && digits(y0 + 1) == 2 && !s[y0 + 3..].starts_with(|c: char| c.is_ascii_alphanumeric()) {
                let year = 2000 + s[y0 + 1..y0 + 3].parse::<i32>().ok()?;
                let date = NaiveDate::from_ymd_opt(year, mo, s[..d0].parse().ok()?)?;
                return Some((Some(date), None, &s[y0 + 3..]));
            }
        }
    }
    // MM-DD followed by a time: `03-26 23:04`
    if d0 == 2 && b.get(2) == Some(&b'-') && digits(3) == 2 && b.get(5) == Some(&b' ') {
        let mo: u32 = s[..2].parse().ok()?;
        let d: u32 = s[3..5].parse().ok()?;
        // `09-26 ~22:45`: an approximate time too.
        if (1..=12).contains(&mo) && (1..=31).contains(&d) && parse_clock(s[6..].trim_start_matches(['~', '≈']), false).is_some() {
            return Some((None, Some((mo, d)), &s[5..]));
        }
    }
    let words: Vec<&str> = s.split_whitespace().take(4).collect();
    // A range of days (`4-8th`, `18-19,`): its first.
    let first_day = |w: &str| {
        day_number(w).or_else(|| {
            w.trim_end_matches([',', ')', ']', ':', ';']).split_once(['-', '–']).and_then(|(a, b)| day_number(b).and(day_number(a)))
        })
    };
    // `Sep 27 2017`, `Feb 21,`, `February 5th, 2019`, `August 18-19, 2025`
    if let Some(mo) = words.first().and_then(|w| month(w.trim_end_matches([',', '*', '_', ')', ']'])))
        && let Some(d) = words.get(1).and_then(|w| first_day(w))
    {
        let year = words.get(2).and_then(|w| year_word(w));
        let used = if year.is_some() { 3 } else { 2 };
        let rest = skip_words(s, used);
        return Some(match year {
            Some(y) => (NaiveDate::from_ymd_opt(y, mo, d), None, rest),
            None => (None, Some((mo, d)), rest),
        });
    }
    // `19. April, 11:00`, `5 March 2024`, `4-8th November 2024` (a range of days: its first)
    // `12 of March 2021`, `12 de marzo de 2021`: joining words are skipped;
    // `at` keeps each kept word's place among all the words.
    let joiner = |w: &str| matches!(w.to_ascii_lowercase().as_str(), "of" | "de" | "del");
    let all: Vec<&str> = s.split_whitespace().take(6).collect();
    let at: Vec<usize> = (0..all.len()).filter(|&i| i == 0 || !joiner(all[i])).take(3).collect();
    let word = |k: usize| at.get(k).map(|&i| all[i]);
    if let (Some(d), Some(mo)) = (word(0).and_then(first_day), word(1).and_then(|w| month(w.trim_end_matches([',', '*', '_', ')', ']'])))) {
        let year = word(2).and_then(year_word);
        let used = if year.is_some() { at[2] + 1 } else { at[1] + 1 };
        let rest = skip_words(s, used);
        return Some(match year {
            Some(y) => (NaiveDate::from_ymd_opt(y, mo, d), None, rest),
            None => (None, Some((mo, d)), rest),
        });
    }
    None
}

/// `2024年4月9日（星期二）`, `4月9日`, `2024년 3월 5일(화)`: year, month and
/// day marked by their characters, the year optional, a bracketed weekday
/// after it skipped.
fn cjk_date(s: &str) -> Option<DatePrefix<'_>> {
    let number = |t: &str| -> Option<(u32, usize)> {
        let n = t.bytes().take_while(u8::is_ascii_digit).count();
        (n > 0).then(|| t[..n].parse().ok().map(|v| (v, n))).flatten()
    };
    fn mark<'a>(t: &'a str, marks: &[char]) -> Option<&'a str> {
        t.trim_start().strip_prefix(marks).map(str::trim_start)
    }
    let (first, n) = number(s)?;
    let mut rest = &s[n..];
    let year = match mark(rest, &['年', '년']) {
        Some(r) if first >= 1970 => {
            rest = r;
            Some(first as i32)
        }
        _ => None,
    };
    let (month, rest) = if year.is_some() {
        let (m, n) = number(rest)?;
        (m, mark(&rest[n..], &['月', '월'])?)
    } else {
        (first, mark(rest, &['月', '월'])?)
    };
    let (day, n) = number(rest)?;
    let mut rest = rest[n..].strip_prefix(['日', '일'])?;
    // `（星期二）`, `(火)`, `(화)`
    let t = rest.trim_start();
    if let Some(inner) = t.strip_prefix(['（', '('])
        && let Some(end) = inner.find(['）', ')']).filter(|&e| inner[..e].chars().count() <= 4)
    {
        rest = &inner[end + inner[end..].chars().next().map_or(1, char::len_utf8)..];
    }
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some(match year {
        Some(y) => (NaiveDate::from_ymd_opt(y, month, day), None, rest),
        None => (None, Some((month, day)), rest),
    })
}

thread_local! {
    /// The order the document being read writes numeric dates in, when it
    /// shows one: day first (`true`) or month first (see [`DayOrder`]).
    static DAY_ORDER: std::cell::Cell<Option<bool>> = const { std::cell::Cell::new(None) };
}

/// The order a document writes the day and month of numeric dates in
/// (`11/06/2031`, `01-10-2024`), for as long as it is being read on this
/// thread. `11/06/2031` is read as 11 June in a document that also writes
/// `14/06/2031` (a day above 12 first) and no `06/14/2031`, and
/// `01-10-2024` as January 10 in one that also writes `01-31-2024`; with
/// no such date, the separator decides (see [`leading_date`]).
pub struct DayOrder {
    before: Option<bool>,
}

impl DayOrder {
    /// Read numeric dates in `text`'s order until the value is dropped.
    pub fn scope(text: &str) -> DayOrder {
        let before = DAY_ORDER.with(|d| d.replace(written_order(text)));
        DayOrder { before }
    }
}

impl Drop for DayOrder {
    fn drop(&mut self) {
        DAY_ORDER.with(|d| d.set(self.before));
    }
}

/// Whether `text` writes `a/c/yyyy` and `a-c-yyyy` dates day first
/// (`Some(true)`: some with a day above 12 first, none with one second),
/// month first (`Some(false)`: the reverse), or does not show (`None`).
/// A weekday in front of an ambiguous date (`Tuesday 11/03/2025`) shows
/// its order too. Dotted dates are always day first, and not counted.
pub(super) fn written_order(text: &str) -> Option<bool> {
    if !text.contains(['/', '-']) {
        return None;
    }
    let (mut day_first, mut month_first) = (false, false);
    let b = text.as_bytes();
    for (i, sep) in text.match_indices(['/', '-']) {
        let sep = sep.as_bytes()[0];
        let before = text[..i].bytes().rev().take_while(u8::is_ascii_digit).count();
        let after = text[i + 1..].bytes().take_while(u8::is_ascii_digit).count();
        // The first separator of `a/c/yyyy`: one or two digits each side, then the same separator and a year.
        if !(1..=2).contains(&before) || !(1..=2).contains(&after) || b.get(i + 1 + after) != Some(&sep) {
            continue;
        }
        if i > before && (b[i - before - 1].is_ascii_alphanumeric() || b[i - before - 1] == sep) {
            continue;
        }
        let y0 = i + 2 + after;
        let year = text[y0..].bytes().take_while(u8::is_ascii_digit).count();
        if year != 4 && year != 2 {
            continue;
        }
        let (a, c): (u32, u32) = (text[i - before..i].parse().unwrap_or(0), text[i + 1..i + 1 + after].parse().unwrap_or(0));
        if a == 0 || c == 0 || a > 31 || c > 31 {
            continue;
        }
        day_first |= a > 12 && c <= 12;
        month_first |= c > 12 && a <= 12;
        // `Tuesday 11/03/2025`: the weekday in front says which reading
        // is meant (11 March 2025 was a Tuesday; 3 November, a Monday).
        if a <= 12 && c <= 12 && a != c {
            let y: i32 = text[y0..y0 + year].parse().unwrap_or(0) + if year == 2 { 2000 } else { 0 };
            let word = text[..i - before].trim_end_matches([' ', ',']).rsplit(|ch: char| !ch.is_ascii_alphabetic()).next().unwrap_or("");
            if let Some(wd) = weekday_named(word) {
                let is = |m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d).is_some_and(|x| x.weekday() == wd);
                day_first |= is(c, a) && !is(a, c);
                month_first |= is(a, c) && !is(c, a);
            }
        }
    }
    match (day_first, month_first) {
        (true, false) => Some(true),
        (false, true) => Some(false),
        _ => None,
    }
}

/// Weekdays by name, Monday first.
const WEEKDAYS: [(&str, chrono::Weekday); 7] = [
    ("monday", chrono::Weekday::Mon),
    ("tuesday", chrono::Weekday::Tue),
    ("wednesday", chrono::Weekday::Wed),
    ("thursday", chrono::Weekday::Thu),
    ("friday", chrono::Weekday::Fri),
    ("saturday", chrono::Weekday::Sat),
    ("sunday", chrono::Weekday::Sun),
];

/// `Tuesday`, `Tue`, `Tues`, `Weds`, any case: the weekday a word names
/// (at least three letters of it).
pub(in crate::extract) fn weekday_named(word: &str) -> Option<chrono::Weekday> {
    let w = word.to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    WEEKDAYS
        .into_iter()
        .find(|(name, _)| {
            name.starts_with(w.as_str())
                || (w.get(..3).is_some_and(|p| name.starts_with(p)) && matches!(w.as_str(), "tues" | "thur" | "thurs" | "weds"))
        })
        .map(|(_, d)| d)
}

/// The first year (1990–2099) written in `text` as four digits of their
/// own (`September 2031`, `14 November 2024, 14:50 CET`).
pub fn first_year(text: &str) -> Option<i32> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<i32>().ok())
        .find(|y| (1990..2100).contains(y))
}

/// `Tuesday` as prose writes it, in full and capitalised (not `sat` or
/// `wed` as words of their own): the weekday.
pub fn weekday_in_prose(word: &str) -> Option<chrono::Weekday> {
    let mut chars = word.chars();
    let capital = chars.next().is_some_and(|c| c.is_ascii_uppercase()) && chars.all(|c| c.is_ascii_lowercase());
    WEEKDAYS.into_iter().find(|(name, _)| capital && name.eq_ignore_ascii_case(word)).map(|(_, d)| d)
}

/// The last `day` on or before `date`: the `Tuesday` a report written on
/// `date` means.
pub fn on_or_before(date: NaiveDate, day: chrono::Weekday) -> NaiveDate {
    let back = (7 + date.weekday().num_days_from_monday() - day.num_days_from_monday()) % 7;
    date - chrono::Duration::days(i64::from(back))
}

/// A year written after a month and day: `2024,`, `2024)`, and `2024*` or
/// `2024_` where the date closes an emphasis (`*Posted April 18, 2024*`).
/// A year as a word: `2015`, `2015,`, `2015)`, or the end of a link's
/// text (`[Jun 4th, 2015](https://…)`).
fn year_word(w: &str) -> Option<i32> {
    let w = w.split_once("](").map_or(w, |(text, _)| text);
    w.trim_end_matches([',', '.', ')', ']', ';', ':', '\\', '*', '_']).parse::<i32>().ok().filter(|y| (1970..2200).contains(y))
}

fn skip_words(s: &str, n: usize) -> &str {
    let mut rest = s;
    for _ in 0..n {
        rest = rest.trim_start();
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        rest = &rest[end..];
    }
    rest
}
