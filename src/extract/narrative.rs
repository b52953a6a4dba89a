//! Timelines told as a story: a post-mortem without a timeline section
//! whose paragraphs pin what happened to clock times (`at 6:04 AM their
//! system put the domain on hold … The first customer email came in at
//! 7:15 AM … Our monitor alerted at 7:22 AM.`). Each sentence with a clock
//! time is an entry, in the order told.

use chrono::{Datelike, Duration, NaiveDate};

use super::blocks::{Block, Kind, join_lines};
use super::prose::clock_in;
use super::sections::{SectionRole, role_of};
use super::timeline::Context;
use super::window::{range_in, trailing_zone};
use crate::datetime::Zone;
use crate::model::TimelineEvent;

/// Fewest timed sentences that make a story a timeline (fewer: see
/// [`super::prose::pinned_event`]).
pub const FEWEST: usize = 3;

/// The entries of a story told in the prose of sections that narrate (the
/// lead, summary, impact, trigger, detection, resolution, and sections
/// that name no role), one per sentence that pins something to a clock
/// time; none without a day, and without a zone no instant (the entry
/// keeps its wall-clock time). A sentence giving a range (`from
/// about 7:15 to 9:52 AM`) sums up rather than tells and is left out. A
/// time more than six hours before the one told above it, on no day of its
/// own, is on the next day; any other step back means the times are not
/// told in order, and there is no story (an empty list).
pub fn narrative(blocks: &[Block], cx: &Context<'_>, zone: Option<Zone>) -> Vec<TimelineEvent> {
    let mut role: Option<SectionRole> = None;
    let mut out: Vec<TimelineEvent> = Vec::new();
    // Each entry's day and time on the document's clock, in the order told;
    // the last one is the day in force and the time told before.
    let mut told: Vec<chrono::NaiveDateTime> = Vec::new();
    for b in blocks {
        match &b.kind {
            Kind::Heading(_, t) => role = role_of(t),
            Kind::Paragraph
                if !matches!(
                    role,
                    Some(SectionRole::RootCause | SectionRole::ContributingFactors | SectionRole::Lessons | SectionRole::ActionItems)
                ) =>
            {
                let text = join_lines(&b.source);
                if super::lead::about_the_report(&text) {
                    continue;
                }
                for s in super::sentences(&text).iter().flat_map(|s| clauses(s)) {
                    if range_in(&s, cx, false).is_some() {
                        continue;
                    }
                    let Some((w, after)) = clock_in(&s, cx) else { continue };
                    let Some(t) = w.time else { continue };
                    // Without a zone the entry keeps its wall-clock time and has no instant.
                    let z = w.zone.or_else(|| trailing_zone(&after, cx)).or(zone);
                    let written = w.date.or_else(|| {
                        let (m, d) = w.month_day?;
                        NaiveDate::from_ymd_opt(cx.date?.year(), m, d)
                    });
                    let mut after_midnight = false;
                    let last = told.last();
                    let date = match (written, last.map(|l| l.date()).or(cx.date)) {
                        (Some(d), _) => d,
                        (None, Some(d)) if last.is_some_and(|l| super::when::after_midnight(l.time(), t)) => {
                            after_midnight = true;
                            d + Duration::days(1)
                        }
                        (None, Some(d)) => d,
                        (None, None) => continue,
                    };
                    told.push(date.and_time(t));
                    let clean = s.replace("**", "");
                    out.push(TimelineEvent {
                        at: z.map(|z| z.resolve(date.and_time(t))),
                        date: Some(date),
                        time_text: w.text.clone(),
                        zone: z.map(|z| z.to_string()),
                        kind: super::phrases::classify(&clean),
                        text: clean,
                        line: b.line,
                        after_midnight,
                    });
                }
            }
            _ => {}
        }
    }
    // A story is told in order; times that step back are asides (`We
    // deployed at 2:55` after `At 03:01 we had an outage`), not a timeline.
    if told.windows(2).any(|p| p[1] < p[0]) {
        return Vec::new();
    }
    out
}

/// A sentence cut where a second time is told in a clause of its own (`By
/// 9:52 AM traffic was back, and by 10:30 AM orders were normal`): each
/// part that pins its own time, the rest kept with the part before.
fn clauses(sentence: &str) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut rest = sentence;
    while let Some(i) = [", and ", "; ", ", then "].iter().filter_map(|j| rest.find(j).map(|i| (i, j.len()))).min() {
        let (head, tail) = (&rest[..i.0], &rest[i.0 + i.1..]);
        // The next clause opens with when (`by 10:30 AM`, `at 10:30`).
        let timed = tail.split_whitespace().take(3).any(|w| w.contains(':') && w.starts_with(|c: char| c.is_ascii_digit()));
        if !timed {
            break;
        }
        parts.push(head.to_string());
        rest = tail;
    }
    parts.push(rest.to_string());
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::datetime::ZoneTable;

    #[test]
    fn each_timed_sentence_of_the_story_is_an_entry() {
        let zones = ZoneTable::default();
        let cx =
            Context { zones: &zones, date: NaiveDate::from_ymd_opt(2031, 7, 20), fallback_date: None, doc_zone: None, default_zone: None };
        let md = "# The morning our site disappeared\n\nAt 6:04 AM the registrar put the domain on hold. The first customer email came in at 7:15 AM. Our monitor alerted at 7:22 AM.\n\nFor most customers the site was unreachable from about 7:15 to 9:52 AM.\n\nBy 9:52 AM traffic was back.\n\n## Root cause\n\nThe card expired at 5:00 AM.\n";
        let b = crate::extract::blocks::blocks(md, 1);
        let events = narrative(&b, &cx, zones.zone("MDT"));
        let at: Vec<String> = events.iter().map(|e| e.at.unwrap().to_rfc3339()).collect();
        assert_eq!(
            at,
            ["2031-07-20T06:04:00-06:00", "2031-07-20T07:15:00-06:00", "2031-07-20T07:22:00-06:00", "2031-07-20T09:52:00-06:00"]
        );
        assert_eq!(events[1].text, "The first customer email came in at 7:15 AM.");
        // A second time in a clause of its own is an entry of its own.
        let b = crate::extract::blocks::blocks(
            "At 6:04 AM it broke. At 7:15 AM we knew. By 9:52 AM traffic was back, and by 10:30 AM orders were normal.\n",
            1,
        );
        let times: Vec<String> = narrative(&b, &cx, zones.zone("MDT")).iter().map(|e| e.time_text.clone()).collect();
        assert_eq!(times, ["6:04 AM", "7:15 AM", "9:52 AM", "10:30 AM"]);
        // Times told out of order are no story.
        let b = crate::extract::blocks::blocks(
            "At 03:01 UTC the database went down. We had deployed at 2:55 UTC. It was back at 03:20 UTC.\n",
            1,
        );
        assert!(narrative(&b, &cx, None).is_empty());
    }
}
