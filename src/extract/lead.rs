//! What a report's lead says about the report itself rather than the
//! incident: when it was published (`Published …`, `Prepared by … — 9
//! December 2031`, a permalink's date), who wrote it (a byline), and the
//! year those lend to a day written without one; and the day the report
//! places the incident in passing (`yesterday's incident`, a timeline's
//! `Dec 31 into Jan 1`).

use chrono::{Datelike, NaiveDate};

use super::blocks::{Block, Kind};
use super::when;

/// `https://example.com/2031/08/14/slug/` or `…/2031-08-14-slug`: the date
/// in a link's path.
pub(super) fn date_in_link(url: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = url.split(['/', '?', '#']).collect();
    for w in parts.windows(3) {
        if let ([y, m, d], true) = (w, w[0].len() == 4 && w[1].len() <= 2 && w[2].len() <= 2)
            && let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>())
            && (1990..2100).contains(&y)
        {
            return NaiveDate::from_ymd_opt(y, m, d);
        }
    }
    parts.iter().find_map(|p| p.get(..10).and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()))
}

/// `*By Marcus Webb, Staff Engineer · September 2031*`, `*From the Live
/// Ops team — June 30, 2031*`: who wrote it, not what happened.
fn is_byline(text: &str) -> bool {
    let t = text.trim_start_matches(['*', '_', ' ']);
    // A name follows (`By Marcus Webb`), not a time or a phrase (`By 9:52
    // AM traffic was back`, `By the time we…`).
    let lower = t.to_ascii_lowercase();
    text.len() <= 200
        && (["By ", "by ", "Written by ", "Authored by ", "From the "]
            .iter()
            .any(|p| t.strip_prefix(p).is_some_and(|rest| rest.starts_with(|c: char| c.is_uppercase() || c == '@' || c == '[')))
            // `Marisol Achterberg, Dev Raghunathan · 16 July 2024 · 12 min read`
            || ["min read", "minute read", "min. read", "mins read"].iter().any(|r| lower.contains(r)))
}

/// A line about the report rather than the incident: its publication
/// line or its byline. Neither is the summary nor an event.
pub(super) fn about_the_report(text: &str) -> bool {
    publication_date(text).is_some() || is_byline(text)
}

/// `On Thursday, September 19, customers…`: the day a paragraph opens
/// with, in `year`.
pub(super) fn on_day(text: &str, year: i32) -> Option<NaiveDate> {
    let t = text.trim_start_matches(['*', '_', ' ']);
    let rest = ["On ", "Last ", "This past "].iter().find_map(|p| t.strip_prefix(p))?;
    let head: String = rest.chars().take(30).collect();
    when::find_date(&head, Some(year))
}

/// The first year (1990–2099) written in the lead's paragraphs: a byline's
/// `September 2031`.
pub(super) fn lead_year(lead: &[Block]) -> Option<i32> {
    lead.iter().filter(|b| matches!(b.kind, Kind::Paragraph)).find_map(|b| when::first_year(&b.source))
}

/// `Published March 7, 2031 by the platform team`, `Posted on 2031-03-07`,
/// `Last updated: …`: the day a report was published, not the incident's.
/// Also one piece of a line of pieces (`Tracking ID: X · Published 21
/// November 2031`), and the other words documents are dated with:
/// `Prepared by the platform team — 9 December 2031`, `Generated Fri, 18
/// Oct 2031`, `Written 2031.10.07`, `(Problem form, printed 08.03.2024)`.
pub(super) fn publication_date(text: &str) -> Option<NaiveDate> {
    const CUES: [&str; 25] = [
        "published",
        "printed",
        "posted",
        "last updated",
        "updated",
        "written",
        "publication date",
        "date published",
        "prepared",
        "generated",
        "exported",
        "compiled",
        "report date",
        "date of report",
        "document date",
        "issued",
        "date of issue",
        "issue date",
        // The review of the incident, held days later.
        "reviewed",
        "review date",
        "date of review",
        "review held",
        "review meeting",
        "retro date",
        "date of retro",
    ];
    if text.len() > 200 {
        return None;
    }
    let t = text.trim_start_matches(['*', '_', ' ']).to_lowercase();
    // Also an issue tracker's (`kasia opened this issue on Feb 8, 2024`).
    let byline = [" posted on ", " published on ", " updated on ", " opened this issue on ", " commented on ", " opened this issue "]
        .iter()
        .any(|c| t.contains(c));
    if CUES.iter().any(|c| t.starts_with(c)) || byline || is_byline(text) {
        return when::find_date(text, None);
    }
    // `**Quillstack Status** · Postmortem · Apr 11, 2024`: a status page's
    // header names the document's kind beside its day.
    let pieces: Vec<&str> = text.split(['·', '|', '•']).map(|p| p.trim().trim_matches(['*', '_']).trim()).collect();
    if pieces.len() >= 2 && pieces.iter().any(|p| super::title::is_generic_title(p)) {
        return when::find_date(text, None);
    }
    // `(Problem form, printed 08.03.2024 10:21)`: a note in brackets too,
    // and a clause of it.
    text.split(['·', '|', '•', '—', '–', '(']).enumerate().find_map(|(k, piece)| {
        // Each clause start, with the rest of the piece after it (the
        // text's own start was read above).
        let starts = (k > 0).then_some(0).into_iter().chain(piece.match_indices(", ").map(|(i, _)| i + 2));
        starts
            .map(|i| piece[i..].trim().trim_matches(['*', '_']).trim())
            .find_map(|rest| CUES.iter().any(|c| rest.to_lowercase().starts_with(c)).then(|| when::find_date(rest, None)).flatten())
    })
}

/// `Times are Eastern (ET), Dec 31 into Jan 1.`: a day named in the
/// paragraphs that open a timeline section (`section`, its blocks after
/// the heading), in the year of the report and not after it was published.
pub(super) fn timeline_intro_date(section: &[Block], published: Option<NaiveDate>, year: Option<i32>) -> Option<NaiveDate> {
    let intro = section.iter().take_while(|b| matches!(b.kind, Kind::Paragraph)).take(2);
    let text: String = intro.map(|b| super::blocks::join_lines(&b.source)).collect::<Vec<_>>().join(" ");
    let year = published.map(|d| d.year()).or(year);
    let named = |y: Option<i32>| when::find_date(&text, y).filter(|d| published.is_none_or(|p| *d <= p));
    named(year).or_else(|| named(year.map(|y| y - 1)))
}

/// The first three paragraphs of `blocks`, joined: where a report places
/// the incident in passing.
fn opening(blocks: &[Block]) -> String {
    blocks
        .iter()
        .filter(|b| matches!(b.kind, Kind::Paragraph))
        .take(3)
        .map(|b| super::blocks::join_lines(&b.source))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `Tuesday's launch of Patch 4.2 …` in a report published on Friday 30
/// June: the last Tuesday on or before that day, named in the opening
/// paragraphs.
pub(super) fn weekday_before(blocks: &[Block], published: NaiveDate) -> Option<NaiveDate> {
    let day = opening(blocks).split(|c: char| !c.is_alphabetic()).find_map(when::weekday_in_prose)?;
    Some(when::on_or_before(published, day))
}

/// `Quick write-up of yesterday's search incident`: how many days before
/// the report (a message, a post) its opening paragraphs place the
/// incident.
pub(super) fn days_before(blocks: &[Block]) -> Option<i64> {
    let opening = opening(blocks).to_lowercase();
    if ["yesterday", "last night"].iter().any(|w| opening.contains(w)) {
        Some(1)
    } else if ["this morning", "earlier today", "this afternoon", "this evening"].iter().any(|w| opening.contains(w)) {
        Some(0)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_lines_in_pieces_brackets_and_clauses() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(publication_date("**Acme — ServiceNow export** (Problem form, printed 08.03.2024 10:21)"), day(2024, 3, 8));
        assert_eq!(publication_date("**Peakview** · Incident export · Generated Fri, 18 Oct 2024 17:02 HKT"), day(2024, 10, 18));
        assert_eq!(publication_date("**Status:** Final, reviewed 2023-11-20"), day(2023, 11, 20));
        assert_eq!(publication_date("Checkout (payments, 2024-03-04) failed"), None);
        assert_eq!(publication_date("**Quillstack Status** · Postmortem · Apr 11, 2024"), day(2024, 4, 11));
        assert_eq!(publication_date("Date of issue: 2020/07/17"), day(2020, 7, 17));
    }
}
