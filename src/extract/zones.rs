//! Zone declarations in prose: `All times in PST`, `All times are UTC`,
//! `Times in CET (GMT+1)`, `All times PDT.`, `Date and Time in CET`,
//! `all times are in UTC` wrapped over two lines, `Central European Time (CET)`.
//! An explicit offset in brackets wins over the name before it.

use crate::datetime::{Zone, ZoneTable};

/// Long zone names people spell out, and the abbreviation they mean.
const LONG_NAMES: &[(&str, &str)] = &[
    // Names that hold a shorter one (`… central time`) come first.
    ("australian eastern daylight time", "Australia/Sydney"),
    ("australian eastern standard time", "Australia/Brisbane"),
    ("australian eastern time", "Australia/Sydney"),
    ("australian central daylight time", "Australia/Adelaide"),
    ("australian central standard time", "Australia/Darwin"),
    ("australian central time", "Australia/Adelaide"),
    ("australian western standard time", "Australia/Perth"),
    ("australian western time", "Australia/Perth"),
    ("new zealand daylight time", "Pacific/Auckland"),
    ("new zealand standard time", "Pacific/Auckland"),
    ("new zealand time", "Pacific/Auckland"),
    ("eastern european summer time", "Europe/Athens"),
    ("eastern european time", "Europe/Athens"),
    ("western european summer time", "Europe/Lisbon"),
    ("western european time", "Europe/Lisbon"),
    ("south african standard time", "Africa/Johannesburg"),
    ("south african time", "Africa/Johannesburg"),
    ("east africa time", "Africa/Nairobi"),
    ("west africa time", "Africa/Lagos"),
    ("central africa time", "Africa/Maputo"),
    ("gulf standard time", "Asia/Dubai"),
    ("arabia standard time", "Asia/Riyadh"),
    ("israel standard time", "Asia/Jerusalem"),
    ("pakistan standard time", "Asia/Karachi"),
    ("indian standard time", "Asia/Kolkata"),
    ("irish standard time", "Europe/Dublin"),
    ("irish time", "Europe/Dublin"),
    ("singapore standard time", "Asia/Singapore"),
    ("singapore time", "Asia/Singapore"),
    ("hong kong time", "Asia/Hong_Kong"),
    ("philippine standard time", "Asia/Manila"),
    ("philippine time", "Asia/Manila"),
    ("indochina time", "Asia/Bangkok"),
    ("western indonesia time", "Asia/Jakarta"),
    ("china standard time", "Asia/Shanghai"),
    ("japan standard time", "Asia/Tokyo"),
    ("korea standard time", "Asia/Seoul"),
    ("korean standard time", "Asia/Seoul"),
    ("moscow standard time", "Europe/Moscow"),
    ("moscow time", "Europe/Moscow"),
    ("turkey time", "Europe/Istanbul"),
    ("brasilia time", "America/Sao_Paulo"),
    ("newfoundland daylight time", "America/St_Johns"),
    ("newfoundland standard time", "America/St_Johns"),
    ("newfoundland time", "America/St_Johns"),
    ("atlantic daylight time", "America/Halifax"),
    ("atlantic standard time", "America/Halifax"),
    ("alaska daylight time", "America/Anchorage"),
    ("alaska standard time", "America/Anchorage"),
    ("hawaii standard time", "Pacific/Honolulu"),
    ("central daylight time", "America/Chicago"),
    ("central standard time", "America/Chicago"),
    ("central time", "America/Chicago"),
    ("mountain daylight time", "America/Denver"),
    ("mountain standard time", "America/Denver"),
    ("mountain time", "America/Denver"),
    ("coordinated universal time", "UTC"),
    ("central european summer time", "CEST"),
    ("central european time", "CET"),
    ("pacific daylight time", "PDT"),
    ("pacific standard time", "PST"),
    ("pacific time", "PT"),
    ("eastern daylight time", "EDT"),
    ("eastern standard time", "EST"),
    ("eastern time", "ET"),
    ("india standard time", "IST"),
    ("british summer time", "BST"),
    ("greenwich mean time", "GMT"),
];

/// A zone spelled out in full (`Pacific Daylight Time`), as a heading's
/// bracket may give it.
fn long_name_zone(text: &str, zones: &ZoneTable) -> Option<Zone> {
    let lower = text.trim().to_ascii_lowercase();
    LONG_NAMES.iter().find(|(long, _)| lower == *long).and_then(|(_, abbr)| zones.zone(abbr))
}

/// The zone of a city named for its time (`Sydney time`, `Berlin time`,
/// `horário de Brasília`): the IANA zone named after it, or one of the few
/// capitals that have none.
pub fn city_zone(text: &str, zones: &ZoneTable) -> Option<Zone> {
    let t = text.trim();
    let t = ["time", "Time"].iter().find_map(|w| t.strip_suffix(w)).unwrap_or(t).trim();
    let t = ["horário de ", "hora de ", "heure de ", "Uhrzeit "].iter().find_map(|p| t.strip_prefix(p)).unwrap_or(t).trim();
    if t.is_empty() || !t.starts_with(char::is_uppercase) || t.split_whitespace().count() > 3 {
        return None;
    }
    const CAPITALS: [(&str, &str); 7] = [
        ("Brasília", "America/Sao_Paulo"),
        ("Brasilia", "America/Sao_Paulo"),
        ("Washington", "America/New_York"),
        ("Beijing", "Asia/Shanghai"),
        // States with a time of their own.
        ("Arizona", "America/Phoenix"),
        ("Hawaii", "Pacific/Honolulu"),
        ("Alaska", "America/Anchorage"),
    ];
    if let Some((_, iana)) = CAPITALS.iter().find(|(c, _)| *c == t) {
        return zones.zone(iana);
    }
    let city = t.replace(' ', "_");
    ["Europe", "America", "Australia", "Asia", "Africa", "Pacific", "Atlantic", "Indian"]
        .iter()
        .find_map(|region| zones.zone(&format!("{region}/{city}")))
}

/// A zone's offset in January and July, the smaller of the two (its
/// standard time in the northern hemisphere; near enough to compare).
fn standard_offset(z: Zone) -> i32 {
    use chrono::{NaiveDate, Offset};
    let at = |m| NaiveDate::from_ymd_opt(2024, m, 1).and_then(|d| d.and_hms_opt(12, 0, 0));
    [at(1), at(7)].into_iter().flatten().map(|t| z.resolve(t).offset().fix().local_minus_utc()).min().unwrap_or(0)
}

/// The zone a heading's bracket names (`Timeline (UTC)`, `(Pacific
/// Daylight Time)`, `(horário de Brasília, UTC-3)`, `(Berlin time, MESZ)`):
/// the first of its comma-separated parts that is one.
fn bracket_zone(inner: &str, zones: &ZoneTable) -> Option<Zone> {
    inner.split([',', ';']).map(str::trim).find_map(|part| {
        zones
            .zone(part)
            .filter(|_| part.chars().any(|c| c.is_ascii_uppercase()))
            .or_else(|| long_name_zone(part, zones))
            .or_else(|| city_zone(part, zones))
    })
}

/// [`bracket_zone`] of a heading's first bracket (`## What happened, hour
/// by hour (Pacific time)`), or of its part after a dash or colon
/// (`## Issue Timeline - UTC`, `## Timeline: Eastern time`), or its last
/// word when that is a zone's abbreviation (`## Timeline UTC`).
pub fn heading_bracket_zone(heading: &str, zones: &ZoneTable) -> Option<Zone> {
    if let Some((_, after)) = heading.split_once('(') {
        return bracket_zone(after.split(')').next()?, zones);
    }
    let tail = [" - ", " – ", " — ", ": "].iter().filter_map(|sep| heading.rsplit_once(sep)).map(|(_, t)| t.trim()).min_by_key(|t| t.len());
    if let Some(tail) = tail.filter(|t| t.split_whitespace().count() <= 4) {
        return bracket_zone(tail, zones);
    }
    let last = heading.trim_end().rsplit(' ').next()?;
    (last.len() >= 2 && last.len() < heading.trim().len() && last.chars().all(|c| c.is_ascii_uppercase()))
        .then(|| zones.zone(last))
        .flatten()
}

/// The zone a sentence declares for the times around it, and the text of
/// the declaration. Only sentences that talk about times count.
pub fn declared_zone(text: &str, zones: &ZoneTable) -> Option<(Zone, String)> {
    // A declaration is a sentence, not a table or a page: longer text is
    // not read (the length of `join_lines(text)`, without making it).
    let (count, bytes) = text.lines().map(str::trim).filter(|l| !l.is_empty()).fold((0, 0), |(n, b), l| (n + 1, b + l.len()));
    if bytes + count.max(1) - 1 > 400 {
        return None;
    }
    let flat = super::blocks::join_lines(text);
    // ASCII folding keeps the offsets found in `lower` valid in `flat`.
    let lower = flat.to_ascii_lowercase();
    // Every cue below names a time.
    if !lower.contains("time") && !lower.contains("hour") && !lower.contains("ремя") {
        return None;
    }
    let cues = [
        "all times",
        "times are",
        "times in",
        "time zone",
        "timezone",
        "times shown",
        "times given",
        "times listed",
        "time in",
        "times:",
        "times below",
        "times above",
        "timestamps are",
        "timestamps in",
        // `Rough timeline (UK time):`
        "timeline (",
        "timeline in ",
        // `All the hours are in local time of Lyon (CEST).`
        "hours are",
        "hours in",
        "local time",
        // Russian: `Время сервера UTC+5`, `Всё время — UTC`.
        "время",
        "Время",
    ];
    let at = cues.iter().filter_map(|c| lower.find(c).map(|i| i + c.len())).min()?;
    let rest = &flat[at..];
    let lower_rest = &lower[at..];
    for (long, abbr) in LONG_NAMES {
        if let Some(i) = lower_rest.find(long)
            && i < 40
        {
            let after = &rest[i + long.len()..];
            return explicit_offset(after, zones).or_else(|| zones.zone(abbr)).map(|z| (z, flat.clone()));
        }
    }
    // Within the sentence: `Times in this post are UK time (BST).`
    let sentence = rest.find(". ").map_or(rest, |i| &rest[..i]);
    let words: Vec<&str> =
        sentence.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '.' | ':')).filter(|w| !w.is_empty()).take(8).collect();
    for (k, &w) in words.iter().enumerate() {
        let lw = w.to_ascii_lowercase();
        if matches!(
            lw.as_str(),
            "are"
                | "is"
                | "in"
                | "shown"
                | "given"
                | "listed"
                | "the"
                | "expressed"
                | "noted"
                | "="
                | "-"
                | "below"
                | "above"
                | "here"
                | "local"
        ) {
            continue;
        }
        // `[UTC](https://…)`: the link's text.
        let w = w.split("](").next().unwrap_or(w);
        let w = w.trim_matches(|c| matches!(c, '(' | ')' | '*' | '_' | '`' | '[' | ']'));
        let zone = zones.zone(w).filter(|_| w.chars().any(|c| c.is_ascii_uppercase()) || w.contains('/'));
        if let Some(z) = zone {
            let after = rest.split_once(w).map_or("", |(_, a)| a);
            return Some((explicit_offset(after, zones).unwrap_or(z), flat.clone()));
        }
        // `PST/PDT`: either half.
        if let Some(z) = w.split('/').filter(|p| p.len() >= 2 && p.chars().all(|c| c.is_ascii_uppercase())).find_map(|p| zones.zone(p)) {
            return Some((z, flat.clone()));
        }
        // `UC/Pacific` and other near-misses of IANA names.
        if let Some(region) = w.split_once('/').map(|(_, r)| r)
            && let Some(z) = zones.zone(&format!("US/{region}"))
        {
            return Some((z, flat.clone()));
        }
        // What the times are of (`in this post`, `for all timestamps`,
        // `UK time`) before the zone's name.
        // `Finnish time, EEST`, `Brasília time (BRT)`: a place's time.
        let place_time = words.get(k + 1).is_some_and(|n| n.eq_ignore_ascii_case("time"));
        // `Sydney time`, unless an abbreviation follows (`Finnish time, EEST`).
        // `Arizona time (MST)`: the place, when the abbreviation is its
        // standard time (Arizona keeps MST all year; Denver does not).
        let abbreviation = words
            .get(k + 2)
            .map(|n| n.trim_matches(['(', ')', ',', '.']))
            .filter(|n| n.chars().all(|c| c.is_ascii_uppercase()))
            .and_then(|n| zones.zone(n));
        if place_time
            && let Some(z) = city_zone(w, zones)
            && abbreviation.is_none_or(|a| standard_offset(a) == standard_offset(z))
        {
            // An offset written after it still wins (`Sydney time (AEST, UTC+10)`).
            let after = rest.split_once(w).map_or("", |(_, a)| a);
            let bracket = after.split_once(')').map_or(after, |(b, _)| b);
            let offset = bracket.split([',', ';', '(']).find_map(|p| explicit_offset(&format!(" {}", p.trim_start()), zones));
            return Some((offset.unwrap_or(z), flat.clone()));
        }
        // `local time of Lyon (CEST)`: a place, then its zone in brackets.
        let placed = words.get(k + 1).is_some_and(|n| {
            n.starts_with('(') && zones.zone(n.trim_matches(['(', ')'])).is_some() && n.chars().any(|c| c.is_ascii_uppercase())
        });
        // Words, however capitalised (`All times UTC`), and words of other
        // scripts (`모두 UTC`) lead up to the zone; an unknown abbreviation
        // (`TBC`) ends the search.
        let word = w.chars().all(|c| c.is_ascii_lowercase())
            || (w.starts_with(|c: char| c.is_ascii_uppercase()) && w.chars().skip(1).all(|c| c.is_ascii_lowercase()))
            || !w.chars().any(|c| c.is_ascii_alphanumeric());
        let filler = word || matches!(w, "UK" | "US" | "EU") || place_time || placed;
        if !filler {
            break;
        }
    }
    None
}

/// [`declared_zone`], also as one sentence of a long paragraph (a story's
/// `… All the times below are Mountain time, since that's where we are.`):
/// each of its sentences that speaks of times is read.
pub fn declared_zone_in(text: &str, zones: &ZoneTable) -> Option<(Zone, String)> {
    declared_zone(text, zones).or_else(|| {
        if text.len() <= 400 || (!text.contains("time") && !text.contains("Time")) {
            return None;
        }
        let flat = super::blocks::join_lines(text);
        super::sentences(&flat)
            .iter()
            .filter(|s| s.len() <= 400 && s.to_ascii_lowercase().contains("time"))
            .find_map(|s| declared_zone(s, zones))
    })
}

/// The one zone that the prose writes next to its times (`at 14:00 UTC`,
/// `beginning from UTC 05:13`), when it names exactly one: the zone the
/// authors think in, for timeline entries written without any. Code blocks
/// and tables are not read. Returns the zone and the line of its first use.
pub fn prose_zone(blocks: &[super::blocks::Block], zones: &ZoneTable) -> Option<(Zone, usize)> {
    use super::blocks::Kind;
    let mut found: Option<(Zone, usize)> = None;
    for b in blocks {
        let text = match &b.kind {
            Kind::Paragraph | Kind::Quote => b.source.clone(),
            Kind::List(items) => items.iter().map(|i| i.text.as_str()).collect::<Vec<_>>().join("\n"),
            Kind::Heading(_, t) => t.clone(),
            _ => continue,
        };
        let words: Vec<&str> = text.split_whitespace().collect();
        for (i, w) in words.iter().enumerate() {
            let clock = w.trim_matches(|c: char| !c.is_ascii_digit());
            let is_clock = clock.len() >= 4 && clock.contains(':') && crate::datetime::parse_clock(clock, false).is_some();
            if !is_clock {
                continue;
            }
            let name = |x: Option<&&str>| {
                let x = x?.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | '.' | ';' | ':' | '*' | '_' | '[' | ']'));
                (x.len() >= 2 && x.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, '+' | '-' | ':')))
                    .then(|| zones.zone(x))
                    .flatten()
            };
            let zone = name(words.get(i + 1)).or_else(|| i.checked_sub(1).and_then(|j| name(words.get(j))));
            if let Some(z) = zone {
                match found {
                    None => found = Some((z, b.line)),
                    Some((f, _)) if f == z => {}
                    Some(_) => return None,
                }
            }
        }
    }
    found
}

/// The zone of a time the prose quotes from a log: a timestamp in a code
/// block written with its zone (`Timestamp: Thu 2026-07-16 15:43:28 +07`)
/// whose clock time the prose repeats (`one crash, at 15:43:28`). The
/// writer read the time off that line, so it is in that line's zone. Only
/// when every such pair agrees; `None` otherwise.
pub fn quoted_zone(blocks: &[super::blocks::Block], zones: &ZoneTable) -> Option<Zone> {
    use super::blocks::Kind;
    use super::when::{leading_when, starts};
    let mut stamped: Vec<(chrono::NaiveTime, Zone)> = Vec::new();
    for b in blocks.iter().filter(|b| matches!(b.kind, Kind::Code)) {
        for line in b.source.lines() {
            for i in starts(line, true) {
                // `leading_when` reads the zone or offset after the time
                // (`15:43:28 +07`, `15:43:28 UTC`).
                let Some((w, _)) = leading_when(&line[i..], zones, false) else { continue };
                if let (Some(_), Some(t), Some(z)) = (w.date, w.time, w.zone) {
                    stamped.push((t, z));
                }
            }
        }
    }
    if stamped.is_empty() {
        return None;
    }
    let mut found: Option<Zone> = None;
    for b in blocks.iter().filter(|b| matches!(b.kind, Kind::Paragraph | Kind::List(_))) {
        let text = match &b.kind {
            Kind::List(items) => items.iter().map(|i| i.text.as_str()).collect::<Vec<_>>().join("\n"),
            _ => b.source.clone(),
        };
        for i in starts(&text, false) {
            let Some((w, _)) = leading_when(&text[i..], zones, false) else { continue };
            // Seconds make the match certain; a bare minute is too common.
            let Some(t) = w.time.filter(|t| chrono::Timelike::second(t) != 0 && w.zone.is_none()) else { continue };
            for (_, z) in stamped.iter().filter(|(s, _)| *s == t) {
                match found {
                    None => found = Some(*z),
                    Some(f) if f == *z => {}
                    Some(_) => return None,
                }
            }
        }
    }
    found
}

/// `(UTC-7)`, `(GMT+1)` right after a zone name.
fn explicit_offset(after: &str, zones: &ZoneTable) -> Option<Zone> {
    // `MST, UTC-7`, `CEST / UTC+2`: an offset right after the name.
    let next = after.trim_start_matches([',', ' ', '/', '=']);
    if next.len() < after.len()
        && let Some(end) = super::when::offset_end(next)
        && let Some(z @ Zone::Fixed(_)) = zones.zone(next[..end].trim_matches(['(', ')']))
    {
        return Some(z);
    }
    let inner = after.trim_start().strip_prefix('(')?.split(')').next()?;
    match zones.zone(inner) {
        Some(z @ Zone::Fixed(_)) => Some(z),
        Some(z) if inner.chars().all(|c| c.is_ascii_uppercase()) => Some(z),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone(text: &str) -> Option<String> {
        declared_zone(text, &ZoneTable::default()).map(|(z, _)| z.to_string())
    }

    #[test]
    fn a_time_quoted_from_a_stamped_log_line_takes_its_zone() {
        let z = ZoneTable::default();
        let b = crate::extract::blocks::blocks(
            "The daemon died:\n\n```\nTimestamp: Thu 2026-07-16 15:43:28 +07\n```\n\nOne crash, at 15:43:28, during the change.\n",
            1,
        );
        assert_eq!(quoted_zone(&b, &z).map(|z| z.to_string()), Some("UTC+07:00".into()));
        // Without the repeated time (to the second), nothing is inferred.
        let c = crate::extract::blocks::blocks("```\n2026-07-16 15:43:28 +07 crash\n```\n\nIt crashed at 15:43.\n", 1);
        assert_eq!(quoted_zone(&c, &z), None);
    }

    #[test]
    fn zones_headings_name() {
        let z = ZoneTable::default();
        let h = |t: &str| heading_bracket_zone(t, &z).map(|z| z.to_string());
        assert_eq!(h("Timeline (PST)"), Some("America/Los_Angeles".into()));
        assert_eq!(h("Issue Timeline - UTC"), Some("UTC".into()));
        assert_eq!(h("Timeline — Eastern time"), Some("America/New_York".into()));
        assert_eq!(h("Timeline: CET"), Some("Europe/Paris".into()));
        assert_eq!(h("Timeline UTC"), Some("UTC".into()));
        assert_eq!(h("Timeline"), None);
        assert_eq!(h("Root cause - the certificate expired"), None);
        assert_eq!(h("UTC"), None);
    }

    #[test]
    fn sentences_that_declare_zones() {
        assert_eq!(zone("All times in UTC."), Some("UTC".into()));
        // Russian: `Время сервера UTC+5 (…)`.
        assert_eq!(zone("Время сервера UTC+5 (в скобках — из логов, в UTC)."), Some("UTC+05:00".into()));
        assert_eq!(zone("Временная шкала событий"), None);
        assert_eq!(zone("All the hours are in local time of Lyon (CEST)."), Some("Europe/Paris".into()));
        assert_eq!(zone("All the hours are approximate."), None);
        // A heading's note, capitalised or in another script.
        for heading in ["Timeline (All times UTC)", "Timeline (All times are in UTC)", "Timeline (Times UTC)", "3. Timeline (모두 UTC)"] {
            assert_eq!(zone(heading), Some("UTC".into()), "{heading}");
        }
        assert_eq!(zone("Timeline (TBC, see UTC logs)"), None);
        // Zones spelt out, and a place that is no city (`Australia/South` is Adelaide's old name).
        assert_eq!(zone("Times are South African time (SAST)."), Some("Africa/Johannesburg".into()));
        assert_eq!(zone("All times are in Indian Standard Time (IST)."), Some("Asia/Kolkata".into()));
        assert_eq!(zone("All times are Australian Western Standard Time."), Some("Australia/Perth".into()));
        // A state's time beats the abbreviation it keeps all year; a written offset beats both.
        assert_eq!(
            zone("All times are Arizona time (MST). Arizona does not observe daylight saving time."),
            Some("America/Phoenix".into())
        );
        assert_eq!(zone("All times are Arizona time (MST, UTC-7)."), Some("UTC-07:00".into()));
        assert_eq!(zone("All times Finnish time, EEST"), Some("Europe/Helsinki".into()));
        assert_eq!(zone("All times in PST"), Some("America/Los_Angeles".into()));
        assert_eq!(zone("All times in PST (UTC-7)"), Some("UTC-07:00".into()));
        assert_eq!(zone("All times in CET (GMT+1)"), Some("UTC+01:00".into()));
        assert_eq!(zone("All times PDT."), Some("America/Los_Angeles".into()));
        assert_eq!(zone("All times in Central European Time (CET)"), Some("Europe/Paris".into()));
        assert_eq!(zone("All times in UTC+1 (Zurich time)"), Some("UTC+01:00".into()));
        assert_eq!(zone("All times in UC/Pacific"), Some("US/Pacific".into()));
        assert_eq!(zone("Unless otherwise noted all events happened on 2019-10-21, and all times are in\nUTC."), Some("UTC".into()));
        assert_eq!(zone("Date and Time in CET"), Some("Europe/Paris".into()));
        assert_eq!(zone("All times in PST, on February 5th 2019"), Some("America/Los_Angeles".into()));
        assert_eq!(zone("Timeline (all times in PST/PDT)"), Some("America/Los_Angeles".into()));
        assert_eq!(zone("All times below are in [UTC](https://example.com/utc)"), Some("UTC".into()));
        assert_eq!(zone("Times below are PDT"), Some("America/Los_Angeles".into()));
        assert_eq!(zone("(times in CET)"), Some("Europe/Paris".into()));
        assert_eq!(zone("All times are Eastern time"), Some("America/New_York".into()));
        // What the times are of, before the zone.
        assert_eq!(zone("Times in this post are UK time (BST)."), Some("Europe/London".into()));
        assert_eq!(zone("Timestamps in the log excerpts below are in JST."), Some("Asia/Tokyo".into()));
        assert_eq!(zone("Timezone for all timestamps: UTC-5 (Colombia)."), Some("UTC-05:00".into()));
        // A place's time named before the zone.
        let eest = ZoneTable::default().zone("EEST").map(|z| z.to_string());
        assert_eq!(zone("TIMELINE (all times Finnish time, EEST)"), eest);
        assert_eq!(zone("All times are Finnish Time (EEST)."), eest);
        let z = |text: &str| declared_zone(text, &ZoneTable::default()).map(|(z, _)| z.to_string());
        assert_eq!(z("All times are Sydney time."), Some("Australia/Sydney".into()));
        let table = ZoneTable::default();
        let b = |inner: &str| bracket_zone(inner, &table).map(|z| z.to_string());
        assert_eq!(b("horário de Brasília, UTC-3"), Some("America/Sao_Paulo".into()));
        assert_eq!(b("Berlin time, MESZ"), Some("Europe/Berlin".into()));
        assert_eq!(b("Pacific Daylight Time"), Some("America/Los_Angeles".into()));
        assert_eq!(b("see notes"), None);
        // A sentence of a long paragraph.
        let long = format!("{} All the times below are Mountain time, since that's where we are", "We had a long morning. ".repeat(20));
        assert_eq!(zone(&long), None, "a page is no declaration");
        let z = ZoneTable::default();
        assert_eq!(declared_zone_in(&long, &z).map(|(z, _)| z), z.zone("Mountain"));
        // An offset written after the zone's name is the zone.
        assert_eq!(zone("All times Arizona time (MST, UTC-7, no daylight saving)."), Some("UTC-07:00".into()));
    }

    #[test]
    fn the_one_zone_prose_writes_next_to_times() {
        let z = ZoneTable::default();
        let b = crate::extract::blocks::blocks("Outages began from UTC 05:13.\n\nBy 06:00 UTC all was well.\n", 1);
        assert_eq!(prose_zone(&b, &z).map(|(z, l)| (z.to_string(), l)), Some(("UTC".into(), 1)));
        let b = crate::extract::blocks::blocks("At 10:00 UTC it broke; our 09:00 PST call.\n", 1);
        assert_eq!(prose_zone(&b, &z), None, "two zones: none is the document's");
    }

    #[test]
    fn other_sentences_do_not() {
        assert_eq!(zone("We spent all times of day on this."), None);
        assert_eq!(zone("The deploy happened at 10:00 UTC."), None);
        assert_eq!(zone("Response times in the EU rose."), None);
        assert_eq!(zone("Response times in the EU rose. IST users saw errors."), None);
    }
}
