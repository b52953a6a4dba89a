//! Dates, times and time zones as people write them.
//!
//! Accepts RFC 3339 (`2024-03-05T09:12:00-08:00`), `2024-03-05 09:12 PST`,
//! 12-hour clocks (`9:12 PM PST`), IANA names (`09:12 Europe/Berlin`),
//! explicit offsets (`UTC+5:30`, `+01:00`), and `PST (UTC-7)` where the
//! offset in brackets wins over the abbreviation. Abbreviations map to IANA
//! zones through [`BUILTIN_ZONES`], extended by `book.toml`'s `[time.zones]`.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;

mod abbreviations;
pub use abbreviations::BUILTIN_ZONES;

/// Regions whose cities name IANA zones (`Denver` → `America/Denver`).
const CITY_REGIONS: &[&str] = &["America", "Europe", "Asia", "Australia", "Africa", "Pacific", "Atlantic", "Indian"];

/// A city written alone (`09:12 Denver`, `London time`) as its IANA zone.
fn city_zone(t: &str) -> Option<Tz> {
    if t.len() < 4 || !t.chars().all(|c| c.is_ascii_alphabetic() || c == ' ' || c == '_') {
        return None;
    }
    // `Australia/South` and the like are old names of states: `South
    // African time` is not Adelaide's.
    if ["north", "south", "east", "west"].iter().any(|w| t.eq_ignore_ascii_case(w)) {
        return None;
    }
    let city: String = t
        .split([' ', '_'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let lower = w.to_ascii_lowercase();
            let mut c = lower.chars();
            c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join("_");
    CITY_REGIONS.iter().find_map(|r| format!("{r}/{city}").parse::<Tz>().ok())
}

/// A time zone: a named IANA zone or a fixed offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// An IANA zone with its daylight-saving rules.
    Named(Tz),
    /// A fixed UTC offset.
    Fixed(FixedOffset),
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Zone::Named(tz) => f.write_str(tz.name()),
            Zone::Fixed(off) if off.local_minus_utc() == 0 => f.write_str("UTC"),
            Zone::Fixed(off) => write!(f, "UTC{off}"),
        }
    }
}

impl Zone {
    /// The instant of a wall-clock time in this zone. In a daylight-saving
    /// gap the time is read with the offset before the gap; in an overlap the
    /// earlier instant is taken.
    pub fn resolve(&self, local: NaiveDateTime) -> DateTime<FixedOffset> {
        match self {
            Zone::Fixed(off) => off.from_utc_datetime(&(local - *off)),
            Zone::Named(tz) => match tz.from_local_datetime(&local) {
                LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.fixed_offset(),
                LocalResult::None => {
                    let before = local - chrono::Duration::hours(3);
                    let offset = tz.offset_from_local_datetime(&before).earliest().map(|o| chrono::Offset::fix(&o));
                    let off = offset.unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero offset"));
                    off.from_utc_datetime(&(local - off))
                }
            },
        }
    }
}

/// Abbreviation table: built-ins overlaid with `book.toml`'s `[time.zones]`.
#[derive(Debug, Clone, Default)]
pub struct ZoneTable {
    overrides: BTreeMap<String, String>,
}

impl ZoneTable {
    /// Build from `[time.zones]` (keys compared case-insensitively).
    pub fn new(overrides: &BTreeMap<String, String>) -> Self {
        Self { overrides: overrides.iter().map(|(k, v)| (k.to_ascii_uppercase(), v.clone())).collect() }
    }

    /// Look up a zone written in any accepted form.
    pub fn zone(&self, text: &str) -> Option<Zone> {
        parse_zone_name(text, &self.overrides)
    }
}

/// The known zone closest to a misspelt one (`Europe/Berln` →
/// `Europe/Berlin`, `CETT` → `CET`), for "did you mean".
pub fn zone_suggestion(text: &str) -> Option<String> {
    let t = text.trim();
    // Abbreviations are short: compare them to short words only.
    if t.len() <= 5
        && let Some(a) = crate::diagnostics::did_you_mean(t, BUILTIN_ZONES.iter().map(|(a, _)| *a))
    {
        return Some(a.to_string());
    }
    let names = chrono_tz::TZ_VARIANTS.iter().map(|z| z.name());
    crate::diagnostics::did_you_mean(t, names).map(str::to_string)
}

/// Parse a zone: an abbreviation, an IANA name, `UTC±H[:MM]`, `GMT±H`, `±HH:MM`, `±HHMM`.
pub fn parse_zone_name(text: &str, overrides: &BTreeMap<String, String>) -> Option<Zone> {
    let t = text.trim().trim_matches(|c| c == '(' || c == ')' || c == '[' || c == ']').trim();
    if t.is_empty() {
        return None;
    }
    let upper = t.to_ascii_uppercase();
    if let Some(name) = overrides.get(&upper) {
        return name.parse::<Tz>().ok().map(Zone::Named);
    }
    if let Some((_, name)) = BUILTIN_ZONES.iter().find(|(abbr, _)| *abbr == upper) {
        return name.parse::<Tz>().ok().map(Zone::Named);
    }
    if let Some(rest) = upper.strip_prefix("UTC").or_else(|| upper.strip_prefix("GMT")) {
        if rest.is_empty() {
            return Some(Zone::Named(Tz::UTC));
        }
        return parse_offset(rest).map(Zone::Fixed);
    }
    if t.starts_with('+') || t.starts_with('-') {
        return parse_offset(t).map(Zone::Fixed);
    }
    t.parse::<Tz>().ok().or_else(|| city_zone(t)).map(Zone::Named)
}

/// `+5`, `-07`, `+05:30`, `+0530`, `−7` (Unicode minus).
fn parse_offset(text: &str) -> Option<FixedOffset> {
    let text = text.trim().replace('\u{2212}', "-");
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let rest = rest.trim();
    let (h, m) = if let Some((h, m)) = rest.split_once(':') {
        (h.parse::<i32>().ok()?, m.parse::<i32>().ok()?)
    } else if rest.len() == 4 && rest.bytes().all(|b| b.is_ascii_digit()) {
        (rest[..2].parse().ok()?, rest[2..].parse().ok()?)
    } else {
        (rest.parse::<i32>().ok()?, 0)
    };
    if h > 14 || m >= 60 {
        return None;
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

/// Why a date or time did not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimeError {
    /// Not a date/time in any accepted form.
    Format(String),
    /// Looks like a date but does not exist (2023-02-30).
    ImpossibleDate(String),
    /// The zone is not an abbreviation, IANA name or offset pmbook knows.
    UnknownZone(String),
    /// No zone written, and none configured for the document or archive.
    NoZone,
    /// A time without a date, and no incident date to take it from.
    NoDate,
}

impl fmt::Display for TimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimeError::Format(s) => {
                write!(f, "`{s}` is not a date-time (expected e.g. `2024-03-05 09:12 UTC` or RFC 3339 `2024-03-05T09:12:00Z`)")
            }
            TimeError::ImpossibleDate(s) => write!(f, "`{s}` is not a real calendar date"),
            TimeError::UnknownZone(z) => write!(
                f,
                "unknown time zone `{z}` (use an abbreviation such as UTC, CET, PST, an IANA name such as Europe/Berlin, or an offset such as UTC+05:30)"
            ),
            TimeError::NoZone => {
                write!(f, "the time has no zone, and neither the document (`timezone`) nor book.toml (`[time] default-zone`) sets one")
            }
            TimeError::NoDate => write!(f, "the time has no date, and the incident has no `date` to take it from"),
        }
    }
}

/// Parse a calendar date: `2024-03-05`, `2024/03/05`, or the date part of a
/// date-time.
pub fn parse_date(text: &str) -> Result<NaiveDate, TimeError> {
    let t = text.trim();
    let head: String = t.chars().take_while(|c| c.is_ascii_digit() || *c == '-' || *c == '/').collect();
    let parts: Vec<&str> = head.split(['-', '/']).collect();
    let looks_like_date = parts.len() == 3 && parts[0].len() == 4 && parts.iter().all(|p| !p.is_empty());
    if !looks_like_date && t.len() >= 5 && t.as_bytes()[..4].iter().all(u8::is_ascii_digit) && matches!(t.as_bytes()[4], b'-' | b'/') {
        return Err(TimeError::ImpossibleDate(t.split_whitespace().next().unwrap_or(t).to_string()));
    }
    let rest = &t[head.len()..];
    let rest_ok = rest.is_empty() || rest.starts_with(['T', 't', ' ']);
    if !looks_like_date || !rest_ok {
        return Err(TimeError::Format(t.to_string()));
    }
    let nums: Option<Vec<u32>> = parts.iter().map(|p| p.parse().ok()).collect();
    let nums = nums.ok_or_else(|| TimeError::Format(t.to_string()))?;
    NaiveDate::from_ymd_opt(nums[0] as i32, nums[1], nums[2]).ok_or(TimeError::ImpossibleDate(head))
}

/// A date-time as written, before and after resolving its zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedTime {
    /// The date, if one was written.
    pub date: Option<NaiveDate>,
    /// The wall-clock time.
    pub time: NaiveTime,
    /// The zone written next to the time, if any.
    pub zone: Option<Zone>,
}

/// After a four-digit time, ` hrs` or `hours` (military style): what follows it.
fn hours_word(text: &str) -> Option<&str> {
    let t = text.trim_start();
    ["hrs", "hours", "Hrs", "HRS", "hr"]
        .iter()
        .find_map(|w| t.strip_prefix(w))
        .filter(|r| !r.starts_with(|c: char| c.is_ascii_alphanumeric()))
}

/// Split a time-of-day: `09:12`, `9:12:30`, `9.12`, `9:12 PM`, `14h05`, `0912`
/// (4 digits, `9h05` with a one-digit hour, and `noon`/`midnight` only when
/// `allow_compact`). Returns the time and the rest of the text.
pub fn parse_clock(text: &str, allow_compact: bool) -> Option<(NaiveTime, &str)> {
    let t = text.trim_start();
    // `noon` and `midnight`, where a time is expected (a table's time cell).
    if allow_compact {
        for (word, hour) in [("noon", 12), ("midday", 12), ("midnight", 0)] {
            if t.get(..word.len()).is_some_and(|w| w.eq_ignore_ascii_case(word))
                && !t[word.len()..].starts_with(|c: char| c.is_alphanumeric())
            {
                return Some((NaiveTime::from_hms_opt(hour, 0, 0)?, &t[word.len()..]));
            }
        }
    }
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let hd = digits(t);
    let (h, m, s, mut rest);
    if (1..=2).contains(&hd) && t[hd..].starts_with([':', '.']) && digits(&t[hd + 1..]) == 2 {
        h = t[..hd].parse::<u32>().ok()?;
        m = t[hd + 1..hd + 3].parse::<u32>().ok()?;
        rest = &t[hd + 3..];
        if rest.starts_with(':') && digits(&rest[1..]) == 2 {
            s = rest[1..3].parse::<u32>().ok()?;
            rest = &rest[3..];
            if rest.starts_with('.') {
                let frac = digits(&rest[1..]);
                rest = &rest[1 + frac..];
            }
        } else {
            s = 0;
        }
        // `11:31 hrs IST`, as Indian and military writing marks a time.
        if let Some(after) = hours_word(rest).filter(|_| rest.trim_start().to_ascii_lowercase().starts_with("hrs")) {
            rest = after;
        }
    } else if (1..=2).contains(&hd)
        && (allow_compact || hd == 2)
        && t[hd..].starts_with(['h', 'H'])
        && digits(&t[hd + 1..]) == 2
        && !t[hd + 3..].starts_with(|c: char| c.is_alphanumeric())
    {
        // `14h05`, as written in French and much of Europe; one-digit
        // hours (`9h30`) only where times are expected, as `1h30` is
        // also a duration.
        h = t[..hd].parse::<u32>().ok()?;
        m = t[hd + 1..hd + 3].parse::<u32>().ok()?;
        s = 0;
        rest = &t[hd + 3..];
    } else if (1..=2).contains(&hd)
        && t[hd..].get(..4).is_some_and(|w| w.eq_ignore_ascii_case(" uhr"))
        && !t[hd + 4..].starts_with(|c: char| c.is_alphanumeric())
    {
        // `gegen 17 Uhr`: an hour alone, as German writes it.
        h = t[..hd].parse::<u32>().ok()?;
        m = 0;
        s = 0;
        rest = &t[hd + 4..];
    } else if (1..=2).contains(&hd) && hour_with_meridiem(&t[hd..]) {
        // `6pm`, `11 a.m.`: an hour alone, with the 12-hour marker.
        h = t[..hd].parse::<u32>().ok()?;
        m = 0;
        s = 0;
        rest = &t[hd..];
    } else if hd == 4
        && (allow_compact
            || t[4..].starts_with('Z') && !t[5..].starts_with(|c: char| c.is_ascii_alphanumeric())
            || hours_word(&t[4..]).is_some())
    {
        // `0935`, where compact times are expected; `0935Z` and `1105 hrs` anywhere.
        h = t[..2].parse().ok()?;
        m = t[2..4].parse().ok()?;
        s = 0;
        rest = &t[4..];
        if let Some(after) = hours_word(rest) {
            rest = after;
        }
    } else {
        return None;
    }
    // 12-hour clock
    let trimmed = rest.trim_start();
    let lower = trimmed.to_ascii_lowercase();
    let mut hour = h;
    // `10:45a`, `3:15p`: a single letter right after the minutes.
    let single = match rest.as_bytes() {
        [b'a' | b'A', next, ..] | [b'p' | b'P', next, ..] if !next.is_ascii_alphabetic() => true,
        [b'a' | b'A'] | [b'p' | b'P'] => true,
        _ => false,
    };
    if single && (1..=12).contains(&h) {
        let pm = rest.as_bytes()[0].eq_ignore_ascii_case(&b'p');
        hour = match (h, pm) {
            (12, false) => 0,
            (12, true) => 12,
            (h, true) => h + 12,
            (h, false) => h,
        };
        rest = &rest[1..];
        let time = NaiveTime::from_hms_opt(hour, m, s)?;
        return Some((time, rest));
    }
    for (marker, pm) in [("a.m.", false), ("p.m.", true), ("am", false), ("pm", true)] {
        if lower.starts_with(marker) && !lower[marker.len()..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            if (13..24).contains(&h) {
                // `17:14pm`: a 24-hour time with a redundant suffix.
                rest = &trimmed[marker.len()..];
                break;
            }
            if !(1..=12).contains(&h) {
                return None;
            }
            hour = match (h, pm) {
                (12, false) => 0,
                (12, true) => 12,
                (h, true) => h + 12,
                (h, false) => h,
            };
            rest = &trimmed[marker.len()..];
            break;
        }
    }
    // `14:32 Uhr`, as German writes a time of day.
    if let Some(after) = rest.trim_start().strip_prefix("Uhr").filter(|r| !r.starts_with(|c: char| c.is_alphanumeric())) {
        rest = after;
    }
    let time = if hour == 24 && m == 0 && s == 0 { NaiveTime::from_hms_opt(23, 59, 59)? } else { NaiveTime::from_hms_opt(hour, m, s)? };
    Some((time, rest))
}

/// `pm`, ` a.m.` right after an hour written alone.
fn hour_with_meridiem(after: &str) -> bool {
    let l = after.trim_start_matches(' ').to_ascii_lowercase();
    ["am", "pm", "a.m.", "p.m."].iter().any(|m| l.starts_with(m) && !l[m.len()..].starts_with(|c: char| c.is_ascii_alphabetic()))
}

/// Parse a date-time with an optional date and zone. The zone may be written
/// as a suffix (`PST`, `Europe/Berlin`, `+01:00`, `Z`) and an explicit offset
/// in brackets overrides an abbreviation: `PST (UTC-7)`.
pub fn parse_time(text: &str, zones: &ZoneTable) -> Result<ParsedTime, TimeError> {
    let t = text.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        return Ok(ParsedTime { date: Some(dt.date_naive()), time: dt.time(), zone: Some(Zone::Fixed(*dt.offset())) });
    }
    let (date, rest) = match parse_date(t) {
        Ok(d) => {
            let head_len = t.find(['T', 't', ' ']).unwrap_or(t.len());
            (Some(d), t[head_len..].trim_start_matches(['T', 't', ' ']))
        }
        Err(TimeError::ImpossibleDate(s)) => return Err(TimeError::ImpossibleDate(s)),
        Err(_) => (None, t),
    };
    if rest.is_empty()
        && let Some(d) = date
    {
        return Ok(ParsedTime { date: Some(d), time: NaiveTime::MIN, zone: None });
    }
    let Some((time, rest)) = parse_clock(rest, date.is_none()) else {
        return Err(TimeError::Format(t.to_string()));
    };
    let zone_text = rest.trim();
    let zone = if zone_text.is_empty() {
        None
    } else {
        Some(parse_zone_suffix(zone_text, zones).ok_or_else(|| TimeError::UnknownZone(zone_text.to_string()))?)
    };
    Ok(ParsedTime { date, time, zone })
}

/// `PST`, `(PST)`, `Z`, `+01:00`, `PST (UTC-7)` → the zone; the bracketed
/// explicit offset wins.
fn parse_zone_suffix(text: &str, zones: &ZoneTable) -> Option<Zone> {
    if let Some(open) = text.find('(') {
        let inner = text[open + 1..].trim_end().trim_end_matches(')');
        if let Some(z) = zones.zone(inner)
            && (matches!(z, Zone::Fixed(_)) || text[..open].trim().is_empty())
        {
            return Some(z);
        }
        return zones.zone(text[..open].trim());
    }
    zones.zone(text)
}

impl ParsedTime {
    /// Resolve to an instant, taking the date and zone from the context when
    /// the text did not give them.
    pub fn resolve(&self, default_date: Option<NaiveDate>, default_zone: Option<Zone>) -> Result<DateTime<FixedOffset>, TimeError> {
        let date = self.date.or(default_date).ok_or(TimeError::NoDate)?;
        let zone = self.zone.or(default_zone).ok_or(TimeError::NoZone)?;
        Ok(zone.resolve(date.and_time(self.time)))
    }
}

/// Format seconds as `1h 05m`, `14m`, `2d 3h`.
pub fn human_duration(seconds: i64) -> String {
    let neg = seconds < 0;
    let s = seconds.abs();
    let (d, h, m) = (s / 86_400, (s % 86_400) / 3600, (s % 3600) / 60);
    let body = if d > 0 {
        if h > 0 { format!("{d}d {h}h") } else { format!("{d}d") }
    } else if h > 0 {
        format!("{h}h {m:02}m")
    } else if m > 0 {
        format!("{m}m")
    } else {
        format!("{s}s")
    };
    if neg { format!("-{body}") } else { body }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zt() -> ZoneTable {
        ZoneTable::default()
    }

    fn instant(text: &str) -> String {
        parse_time(text, &zt()).unwrap().resolve(None, None).unwrap().to_rfc3339()
    }

    #[test]
    fn zone_words_cities_and_more_abbreviations() {
        let z = |t: &str| ZoneTable::default().zone(t).map(|z| z.to_string());
        assert_eq!(z("Denver"), Some("America/Denver".into()));
        assert_eq!(z("DEnver"), Some("America/Denver".into()));
        assert_eq!(z("London"), Some("Europe/London".into()));
        assert_eq!(z("Eastern"), Some("America/New_York".into()));
        assert_eq!(z("Pacific"), Some("America/Los_Angeles".into()));
        assert_eq!(z("SAST"), Some("Africa/Johannesburg".into()));
        assert_eq!(z("AEST"), Some("Australia/Sydney".into()));
        assert_eq!(z("UTC-7"), Some("UTC-07:00".into()));
        assert_eq!(z("GMT+1"), Some("UTC+01:00".into()));
        assert_eq!(z("Deploy"), None);
    }

    #[test]
    fn common_shapes() {
        assert_eq!(instant("2024-03-05T09:12:00-08:00"), "2024-03-05T09:12:00-08:00");
        assert_eq!(instant("2024-03-05 09:12 PST"), "2024-03-05T09:12:00-08:00");
        assert_eq!(instant("2024-07-05 09:12 PST"), "2024-07-05T09:12:00-07:00");
        assert_eq!(instant("2024-03-05 9:12 PM EST"), "2024-03-05T21:12:00-05:00");
        assert_eq!(instant("2024-03-05 12:05 am UTC"), "2024-03-05T00:05:00+00:00");
        assert_eq!(instant("2024-04-04 13:00 IST"), "2024-04-04T13:00:00+05:30");
        assert_eq!(instant("2024-03-05 09:12 Europe/Berlin"), "2024-03-05T09:12:00+01:00");
        assert_eq!(instant("2024-03-05 09:12 UTC+05:30"), "2024-03-05T09:12:00+05:30");
        assert_eq!(instant("2024-11-05 14:54 PST (UTC-7)"), "2024-11-05T14:54:00-07:00");
        assert_eq!(instant("2024-03-05 09:12:30Z"), "2024-03-05T09:12:30+00:00");
    }

    #[test]
    fn clocks_written_with_an_h() {
        fn c(t: &str, compact: bool) -> Option<(String, &str)> {
            parse_clock(t, compact).map(|(time, rest)| (time.format("%H:%M").to_string(), rest))
        }
        assert_eq!(c("14h05 Search errors", false), Some(("14:05".into(), " Search errors")));
        assert_eq!(c("09H30", false), Some(("09:30".into(), "")));
        // German writes an hour alone with `Uhr`.
        assert_eq!(c("17 Uhr: Server neu gestartet", false), Some(("17:00".into(), ": Server neu gestartet")));
        assert_eq!(c("17 Uhrzeit", false), None);
        assert_eq!(c("11:31 hrs to 14:18 hrs", false), Some(("11:31".into(), " to 14:18 hrs")));
        assert_eq!(c("9h30 - paged", true), Some(("09:30".into(), " - paged")));
        // `1h30` is also a duration: only where times are expected.
        assert_eq!(c("9h30 later", false), None);
        // Durations with their units are not times.
        assert_eq!(c("12h30m", true), None);
        assert_eq!(c("10h30min", true), None);
        assert_eq!(c("25h10", true), None);
        // Named times, where times are expected.
        assert_eq!(c("noon", true), Some(("12:00".into(), "")));
        assert_eq!(c("Midnight - cut-over", true), Some(("00:00".into(), " - cut-over")));
        assert_eq!(c("noon", false), None);
        assert_eq!(c("noontime", true), None);
    }

    #[test]
    fn defaults_fill_missing_parts() {
        let p = parse_time("09:12", &zt()).unwrap();
        assert_eq!(p.resolve(None, None), Err(TimeError::NoDate));
        let d = NaiveDate::from_ymd_opt(2024, 3, 5);
        assert_eq!(p.resolve(d, None), Err(TimeError::NoZone));
        let cet = zt().zone("CET");
        assert_eq!(p.resolve(d, cet).unwrap().to_rfc3339(), "2024-03-05T09:12:00+01:00");
    }

    #[test]
    fn errors_say_what_is_wrong() {
        assert_eq!(parse_time("2023-02-30 10:00 UTC", &zt()), Err(TimeError::ImpossibleDate("2023-02-30".into())));
        assert_eq!(parse_time("2023-MM-DD", &zt()), Err(TimeError::ImpossibleDate("2023-MM-DD".into())));
        assert_eq!(parse_time("2024-03-05 10:00 XYZ", &zt()), Err(TimeError::UnknownZone("XYZ".into())));
        assert!(matches!(parse_time("25:00", &zt()), Err(TimeError::Format(_))));
        assert!(parse_date("2024-02-29").is_ok());
        assert!(matches!(parse_date("2023-02-29"), Err(TimeError::ImpossibleDate(_))));
    }

    #[test]
    fn overrides_extend_the_table() {
        let mut o = BTreeMap::new();
        o.insert("ist".to_string(), "Europe/Dublin".to_string());
        let table = ZoneTable::new(&o);
        assert_eq!(table.zone("IST"), Some(Zone::Named(chrono_tz::Europe::Dublin)));
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(human_duration(840), "14m");
        assert_eq!(human_duration(3900), "1h 05m");
        assert_eq!(human_duration(183_600), "2d 3h");
    }
}
