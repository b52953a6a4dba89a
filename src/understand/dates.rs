//! Which day an incident happened when the document's own `date` is not
//! it: a blog's publication date with the incident named earlier in the
//! title or opening, and dates in file names.

use chrono::NaiveDate;

/// An incident day earlier than a blog's publication date `published`, from
/// the title or the opening paragraphs (`… on Aug 31, 2023`, `(07-Jul-2020)`,
/// `On Thursday 31 August …`): the day, its line and where it was found.
pub(super) fn incident_day(published: NaiveDate, title: Option<&str>, body: &str, body_line: usize) -> Option<(NaiveDate, usize, String)> {
    use chrono::Datelike;
    let year = Some(published.year());
    let plausible = |d: NaiveDate| d < published && published - d <= chrono::Duration::days(120);
    if let Some(d) = title.and_then(|t| crate::extract::when::find_date(t, year)).filter(|d| plausible(*d)) {
        return Some((d, 1, "date in the title".into()));
    }
    // The opening paragraphs (and a first heading), outside code.
    let mut seen = 0;
    let mut headings = 0;
    let mut weekday: Option<(NaiveDate, usize, &str)> = None;
    let mut first_paragraph = true;
    let mut fenced = false;
    for (i, line) in body.lines().enumerate() {
        let t = line.trim();
        if t.starts_with("```") || t.starts_with("~~~") {
            fenced = !fenced;
            continue;
        }
        if t.is_empty() && seen > 0 {
            // Only the first paragraph tells the day in passing.
            first_paragraph = false;
        }
        if fenced || t.is_empty() {
            continue;
        }
        if t.starts_with('#') {
            first_paragraph &= seen == 0;
            headings += 1;
            if headings > 2 {
                break;
            }
            continue;
        }
        let found = crate::extract::when::find_date(t, year);
        if let Some(d) = found.filter(|d| plausible(*d) && !tells_recovery(t)) {
            return Some((d, body_line + i, "date in the opening paragraphs".into()));
        }
        // `from Saturday evening until Sunday morning` in a post published
        // on Monday: the last such day before it.
        // Only in the opening lines, in a line that names no date (`on
        // Saturday 30th January` is that day), and said of a time of the
        // past (`on Saturday`, `Saturday evening`; not `since Friday`).
        // `Last Wednesday, in the European afternoon, …` says it of the
        // past anywhere in the opening lines.
        let says_last = !first_paragraph && t.to_ascii_lowercase().starts_with("last ");
        if weekday.is_none() && (first_paragraph || says_last) && found.is_none() {
            let words: Vec<&str> = t.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| !w.is_empty()).collect();
            // `Yesterday, we experienced …` (`Gestern`, `Ayer`, `Ontem`,
            // `Ieri`, `Včera`, `Wczoraj`, `Gisteren`, `Igår`): the day before
            // it went out.
            let lower = t.to_lowercase();
            let yesterday = lower
                .split(|c: char| !c.is_alphabetic())
                .any(|w| matches!(w, "yesterday" | "gestern" | "ayer" | "ontem" | "ieri" | "včera" | "wczoraj" | "gisteren" | "igår"));
            if yesterday && !lower.contains("since yesterday") && !lower.contains("seit gestern") {
                weekday = published
                    .pred_opt()
                    .map(|d| (d, body_line + i, "\"yesterday\" in the opening paragraph, the day before the publication date"));
            }
            weekday = weekday.or_else(|| {
                (0..words.len())
                    .find_map(|j| {
                        let day = crate::extract::when::weekday_in_prose(words[j])?;
                        let before = j.checked_sub(1).map(|b| words[b].to_ascii_lowercase());
                        let after = words.get(j + 1).map(|a| a.to_ascii_lowercase());
                        let past = matches!(before.as_deref(), Some("on" | "from" | "last"))
                            || matches!(after.as_deref(), Some("morning" | "afternoon" | "evening" | "night"));
                        past.then_some(day)
                    })
                    .map(|day| {
                        (
                            crate::extract::when::on_or_before(published, day),
                            body_line + i,
                            "weekday named in the opening paragraphs, before the publication date",
                        )
                    })
            });
        }
        seen += 1;
        if seen >= 20 {
            break;
        }
    }
    weekday.map(|(d, line, detail)| (d, line, detail.to_string()))
}

/// A line saying when things were fixed, not when they broke: `downloads
/// are back to full function since August 28`, `resolved on 3 May`.
fn tells_recovery(line: &str) -> bool {
    let lower = line.to_lowercase();
    ["back to", "back up", "fixed", "restored", "resolved", "recovered"].iter().any(|w| lower.contains(w))
        && !["started", "began", "begun", "first", "outage on", "went down"].iter().any(|w| lower.contains(w))
}

/// The first year (1990–2099) in a body's first ten lines that hold text
/// (a byline's `14 November 2024, 14:50 CET`).
pub(super) fn opening_year(body: &str) -> Option<i32> {
    body.lines().filter(|l| !l.trim().is_empty()).take(10).find_map(crate::extract::when::first_year)
}

/// A date in a file name: `2019-01-23…` or `…-outage-2019-11-19`
/// anywhere, `20190123-…` near the start, or `PM2021-004 …` (year only is
/// not enough, so that one gives `None`).
pub fn date_in_file_name(stem: &str) -> Option<NaiveDate> {
    let b = stem.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r.clone()).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    for start in 0..b.len() {
        if start > 0 && b[start - 1].is_ascii_digit() {
            continue;
        }
        if digits(start..start + 4)
            && matches!(b.get(start + 4), Some(b'-' | b'_' | b'.'))
            && digits(start + 5..start + 7)
            && b.get(start + 7) == b.get(start + 4)
            && digits(start + 8..start + 10)
            && !digits(start + 10..start + 11)
        {
            let s = &stem[start..start + 10];
            let y = s[..4].parse().ok()?;
            if let Some(d) = NaiveDate::from_ymd_opt(y, s[5..7].parse().ok()?, s[8..10].parse().ok()?)
                && (start < 24 || (1990..2100).contains(&y))
            {
                return Some(d);
            }
        }
        if start < 24 && digits(start..start + 8) && !digits(start + 8..start + 9) {
            let s = &stem[start..start + 8];
            if let Some(d) = NaiveDate::from_ymd_opt(s[..4].parse().ok()?, s[4..6].parse().ok()?, s[6..8].parse().ok()?)
                && (1990..2100).contains(&(s[..4].parse::<i32>().ok()?))
            {
                return Some(d);
            }
        }
    }
    None
}

/// `date: 2026-10-02` beside `incident_start: 2026-10-01 09:45 UTC`, as
/// other tools' templates write them: the front-matter `date` is the
/// report's, a day or more after the start `key` gives (within a month),
/// so the incident's day is the start's and `date` is kept as `published`.
pub(super) fn redate_by_start(incident: &mut crate::model::Incident, key: &str) {
    use crate::model::Provenance;
    let start = incident.impact.started.map(|t| t.date_naive()).or(incident.impact.local.started.map(|t| t.date()));
    if let (Some(d), Some(start)) = (incident.date, start)
        && incident.published.is_none()
        && incident.provenance.get("date").is_some_and(|p| p.from == "front-matter")
        && start < d
        && d - start <= chrono::Duration::days(31)
    {
        let line = incident.provenance.get("impact.started").or(incident.provenance.get("impact.local.started")).and_then(|p| p.line);
        incident.date = Some(start);
        incident.published = Some(d);
        let detail = format!("day of `{key}`; the front matter's `date` ({d}) is later, so it is kept as `published`");
        incident.provenance.insert("date".into(), Provenance { from: "front-matter", line, detail: Some(detail) });
    }
}

/// After the body is read: a post dated only by its file name
/// (`_posts/2022-08-02-….md`) was published that day, and a weekday or date
/// its opening names before it is the incident's (`It's Saturday
/// evening.`); a blog's front-matter date after every dated entry of its
/// timeline is when the post was published, as a `Date:` line can be.
pub(super) fn redate_post(incident: &mut crate::model::Incident, blog: bool, body_text: &str, body_line: usize) {
    use crate::model::Provenance;
    if let (Some(d), Some(p)) = (incident.date, incident.provenance.get("date").filter(|p| p.from == "file-name"))
        && incident.published.is_none()
        && let Some((day, line, detail)) = incident_day(d, None, body_text, body_line)
    {
        let file = p.detail.clone().unwrap_or_default();
        incident.date = Some(day);
        incident.published = Some(d);
        incident.provenance.insert(
            "date".into(),
            Provenance::body(line, format!("{detail}; the file name's date ({file}) is the publication date, kept as `published`")),
        );
    }
    if blog
        && incident.published.is_none()
        && let (Some(d), Some(p)) = (incident.date, incident.provenance.get("date").filter(|p| p.from == "front-matter"))
    {
        let line = p.line.unwrap_or(1);
        super::body::report_date_line(incident, d, line, None, "the front matter's `date`");
    }
}
