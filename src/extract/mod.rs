//! Recognising the parts of a post-mortem in its Markdown body.
//!
//! Front matter is the structured way to say things; real archives mostly say
//! them in prose, headings, tables and lists. [`extract`] reads a body into
//! [`BodyFacts`]; `understand` fills whatever front matter left open.

mod actions;
pub mod blocks;
mod email;
mod sentences;
pub use sentences::sentences;
mod html_blocks;
mod lead;
mod metadata;
mod narrative;
mod normalise;
mod pandoc_tables;
mod phrases;
pub mod prose;
mod sections;
mod symptoms;
pub mod timeline;
mod title;
pub mod when;
mod window;
mod zones;

pub use normalise::{Repairs, normalise, unstamped};
pub use phrases::classify;
pub use sections::{SectionRole, normalise_heading, role_of, section_role};
pub use zones::{declared_zone, prose_zone};

use chrono::{Datelike, NaiveDate};

use crate::datetime::Zone;
use crate::model::{ActionItem, TimelineEvent};
use blocks::{Block, Kind, join_lines};
use lead::{about_the_report, date_in_link, days_before, lead_year, on_day, publication_date, timeline_intro_date, weekday_before};
use metadata::{fields_only, is_metadata, metadata_header_title};
pub use title::is_generic_title;
use title::{is_breadcrumb, is_letterhead, names_the_kind, qualified_kind, split_title_date, table_title, title_line};

/// A recognised piece of text and the line it starts on.
#[derive(Debug, Clone)]
pub struct Located {
    /// Markdown text.
    pub text: String,
    /// 1-based file line.
    pub line: usize,
    /// Where it came from, for provenance (`section "Root Cause"`).
    pub detail: String,
}

/// Everything recognised in a body.
#[derive(Debug, Default)]
pub struct BodyFacts {
    /// The opening level-1 heading, with a leading date removed.
    pub title: Option<Located>,
    /// A date found in the title (`# 2017-10-17, Cluster full`), or in a
    /// subtitle heading right under it.
    pub title_date: Option<NaiveDate>,
    /// Where a subtitle's date was found (line, "date in the subtitle"); `None`
    /// when the date is the title's own.
    pub subtitle_date_line: Option<usize>,
    /// The date the opening paragraph (of the lead, else of a summary
    /// section) names, and its line: `On 2031-02-20 we lost the primary…`.
    /// Only full dates (with their year) count.
    pub prose_date: Option<(NaiveDate, usize)>,
    /// The day the report was published (`Published March 7, 2031 by …`),
    /// and its line.
    pub published: Option<(NaiveDate, usize)>,
    /// The date in a permalink the lead gives (`…/2031/08/14/slug/`), and
    /// its line: as weak as a file name's.
    pub link_date: Option<(NaiveDate, usize)>,
    /// Summary paragraph.
    pub summary: Option<Located>,
    /// Impact section.
    pub impact: Option<Located>,
    /// Root cause section.
    pub root_cause: Option<Located>,
    /// Contributing-factors section.
    pub contributing_factors: Option<Located>,
    /// Timeline entries and how they were found.
    pub timeline: timeline::Found,
    /// Line of the timeline's heading (or first entry).
    pub timeline_line: Option<usize>,
    /// Action items.
    pub action_items: Vec<ActionItem>,
    /// Line of the action-items heading.
    pub actions_line: Option<usize>,
    /// `Key: value` metadata lines and two-column tables at the top.
    pub metadata: Vec<(String, String, usize)>,
    /// Roles of the sections found, in order.
    pub roles: Vec<SectionRole>,
    /// An impact window written as a range or a start and a length.
    pub window: Option<prose::Window>,
    /// How long the opening or summary says the impact lasted, in minutes,
    /// and the line (see [`prose::stated_length`]).
    pub stated_length: Option<(i64, usize)>,
}

/// What the front matter already says, so that the body is not searched
/// for it (prose recognisers are the costly part of reading a body).
#[derive(Debug, Clone, Copy, Default)]
pub struct Known {
    /// `root_cause` is declared.
    pub root_cause: bool,
    /// `impact.started` and `impact.resolved` are declared.
    pub window: bool,
    /// `timeline` is declared.
    pub timeline: bool,
    /// `action_items` are declared.
    pub action_items: bool,
    /// `impact.summary` is declared.
    pub impact_summary: bool,
}

/// Read a body. `first_line` is the file line where it starts.
pub fn extract(body: &str, first_line: usize, cx: &timeline::Context<'_>) -> BodyFacts {
    extract_with(body, first_line, cx, Known::default())
}

/// [`extract`], skipping the prose searches for what `known` says the front
/// matter already gives.
pub fn extract_with(body: &str, first_line: usize, cx: &timeline::Context<'_>, known: Known) -> BodyFacts {
    let blocks = blocks::blocks(body, first_line);
    let mut facts = BodyFacts::default();
    let sections = blocks::section_ranges(&blocks);

    let mut start = 0;
    // The opening level-1 heading, perhaps under a breadcrumb line or two,
    // or a note quoted above it (`> **Note:** prepared for disclosure`).
    let opening = blocks.iter().position(|b| matches!(b.kind, Kind::Heading(..)) || !(is_breadcrumb(b) || matches!(b.kind, Kind::Quote)));
    // A letterhead above the title (`**Northmoor Hospitals NHS Foundation
    // Trust**` / `Digital Services Directorate`): short lines of names.
    let opening = opening.map(|i| {
        blocks
            .iter()
            .take(4)
            .position(|b| matches!(b.kind, Kind::Heading(1, _)))
            .filter(|&h| blocks[..h].iter().all(is_letterhead))
            .unwrap_or(i)
    });
    // Without any level-1 heading, the first heading that names no section
    // (`## February 11, 2016 incident report`) is the title.
    let no_h1 = !blocks.iter().any(|b| matches!(b.kind, Kind::Heading(1, _)));
    let opening = opening.filter(|&i| matches!(blocks[i].kind, Kind::Heading(1, _))).or_else(|| {
        no_h1
            .then(|| {
                blocks.iter().position(|b| {
                    // `2. Background`: a numbered heading is a section, never the title.
                    let numbered =
                        |t: &str| t.split_once(". ").is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
                    matches!(&b.kind, Kind::Heading(_, t) if role_of(t).is_none() && !is_generic_title(t) && !b.is_label() && !numbered(t))
                })
            })
            .flatten()
    });
    if let Some(i) = opening
        && let Block { kind: Kind::Heading(level, text), line, .. } = &blocks[i]
    {
        let detail =
            if *level == 1 { "first level-1 heading".to_string() } else { format!("first heading (level {level}; no level-1 heading)") };
        let (title, date) = split_title_date(text, cx);
        facts.title = Some(Located { text: title, line: *line, detail });
        facts.title_date = date;
        start = i + 1;
        // `# Post mortem` over `## Disk full on db-3`: the next heading
        // that names no section is the title; under `# Tidepool Games —
        // Live Ops Retrospective`, only the heading right below.
        let reach = if is_generic_title(text) { 4 } else { usize::from(qualified_kind(text)) };
        let better = blocks[i + 1..].iter().take(reach).enumerate().find_map(|(k, b)| match &b.kind {
            Kind::Heading(_, t) if role_of(t).is_none() && !is_generic_title(t) => Some((k, t, b.line)),
            _ => None,
        });
        if let Some((k, t, l)) = better {
            let (title, date) = split_title_date(t, cx);
            facts.title = Some(Located { text: title, line: l, detail: "first heading after a generic one".into() });
            facts.title_date = date.or(facts.title_date);
            if k == 0 {
                // The lead starts under the subtitle.
                start = i + 2;
            }
        }
    }
    // `**Incident Report: Delayed payment webhooks**` as the first line of
    // a document without headings above its sections (a Google Docs export).
    if facts.title.is_none()
        && let Some(Block { kind: Kind::Paragraph, source, line, .. }) = blocks.first()
        && let Some(inner) = source.trim().strip_prefix("**").and_then(|t| t.strip_suffix("**"))
        && !inner.contains("**")
        && !source.trim().contains('\n')
        && role_of(inner).is_none()
        && !inner.trim_end().ends_with(':')
        && (8..=150).contains(&inner.len())
    {
        let (title, date) = split_title_date(inner, cx);
        facts.title = Some(Located { text: title, line: *line, detail: "bold first line".into() });
        facts.title_date = date;
        start = 1;
    }
    // A plain-text document's first line (`UPI collect requests timing
    // out`), or its second under a line that only says what the document
    // is (`Kiranapay Engineering — Incident Post-Mortem`).
    if facts.title.is_none()
        && !blocks.iter().any(|b| matches!(b.kind, Kind::Heading(..)) && !b.is_label())
        && let Some(i) = blocks.iter().take(2).position(|b| title_line(b).is_some_and(|t| !names_the_kind(t)))
        && blocks[..i].iter().all(|b| title_line(b).is_some())
        && let Some(text) = title_line(&blocks[i])
    {
        let (title, date) = split_title_date(text, cx);
        facts.title = Some(Located { text: title, line: blocks[i].line, detail: "first line (no headings)".into() });
        facts.title_date = date;
        start = i + 1;
    }
    // A message's header (`From:` … `Subject:`): the subject is the title
    // when no heading gives one, and the header is not the lead.
    let envelope = email::envelope_at(&blocks);
    let sent = envelope.as_ref().and_then(|(_, e)| e.sent);
    if let Some((at, env)) = &envelope {
        // The subject, unless a heading names the incident (not only
        // what the document is: `ROOT CAUSE ANALYSIS REPORT`).
        if facts.title.as_ref().is_none_or(|t| is_generic_title(&t.text))
            && let Some((subject, line)) = &env.subject
        {
            let (title, date) = split_title_date(subject, cx);
            facts.title = Some(Located { text: title, line: *line, detail: "e-mail subject".into() });
            facts.title_date = date;
        }
        start = start.max(at + 1);
    }
    // `Title: Pine.blog downtime` among `Key: value` lines opening the file
    // (MultiMarkdown and Pelican metadata: a header without `---`): the
    // title unless a level-1 heading gives one; the header is not the lead.
    if let Some(Block { kind: Kind::Paragraph, source, line, .. }) = blocks.first()
        && let Some((k, title)) = metadata_header_title(source)
    {
        if !matches!(opening.map(|i| &blocks[i].kind), Some(Kind::Heading(1, _))) {
            let (title, date) = split_title_date(title, cx);
            facts.title = Some(Located { text: title, line: line + k, detail: "`Title:` line of the metadata header".into() });
            facts.title_date = date;
        }
        start = start.max(1);
    }
    // No level-1 heading, and a field table first (`| **Event** |
    // Elan_20210305: A |`): its title field names the incident.
    if no_h1 && let Some((title, line)) = blocks.first().and_then(table_title) {
        facts.title = Some(Located { text: title, line, detail: "title field of the table at the head".into() });
    }
    // `# Outage report` over `## March 3-4, 2031 - Two outages`: a subtitle
    // heading right under the title dates it when the title does not.
    if facts.title.is_some()
        && facts.title_date.is_none()
        && let Some(Block { kind: Kind::Heading(_, sub), line, .. }) = blocks.get(start)
        && role_of(sub).is_none()
        && let Some(d) = when::find_date(sub, None)
    {
        facts.title_date = Some(d);
        facts.subtitle_date_line = Some(*line);
    }
    // Lead: the blocks before the first section heading.
    let lead_end = blocks.iter().skip(start).position(|b| matches!(b.kind, Kind::Heading(..))).map_or(blocks.len(), |p| p + start);
    facts.metadata = metadata::gather(&blocks, &sections, start..lead_end);
    // `On 2031-02-20 we lost the primary…`: the opening paragraph's date.
    let summary_section =
        sections.iter().find(|(h, _)| matches!(&blocks[*h].kind, Kind::Heading(_, t) if role_of(t) == Some(SectionRole::Summary)));
    // Prose before any heading comes first (a blog post under front matter
    // opens with it, and its first heading is then taken for the title).
    let before_headings = blocks.iter().position(|b| matches!(b.kind, Kind::Heading(..))).unwrap_or(blocks.len());
    // `Published March 7, 2031 by …`: the day of the report, and the year
    // of a title that names only the month and day (`… on March 3–4`).
    let lead = &blocks[..before_headings.max(lead_end)];
    facts.published = lead
        .iter()
        .filter(|b| matches!(b.kind, Kind::Paragraph))
        .find_map(|b| {
            // The paragraph, or one of its lines (`Author: …` / `Reviewed: …`).
            publication_date(&join_lines(&b.source))
                .map(|d| (d, b.line))
                .or_else(|| b.source.lines().enumerate().find_map(|(i, l)| publication_date(l).map(|d| (d, b.line + i))))
        })
        .or(sent);
    // A permalink in the lead (`https://…/2031/08/14/search-latency/`).
    facts.link_date = lead.iter().filter(|b| matches!(b.kind, Kind::Paragraph)).find_map(|b| {
        let t = b.source.trim();
        (t.contains("://") && !t.contains(' ')).then(|| date_in_link(t)).flatten().map(|d| (d, b.line))
    });
    // The year a byline or publication line gives (`September 2031`).
    let year_hint = facts.published.map(|(d, _)| d.year()).or_else(|| lead_year(lead));
    let date_of = |(text, line): (String, usize)| when::find_date(&text, None).or_else(|| on_day(&text, year_hint?)).map(|d| (d, line));
    // Else the first section's opening paragraph (`## Background` / `Tickets
    // went on sale at 8pm on Wednesday 4 December 2031`), unless it is the
    // timeline's or the actions', and not after the report was published.
    let first_section = sections.iter().find(|(h, _)| *h >= lead_end).filter(|(h, _)| {
        matches!(&blocks[*h].kind, Kind::Heading(_, t) if !matches!(role_of(t), Some(SectionRole::Timeline | SectionRole::ActionItems)))
    });
    // Lines of fields (`Author: …` / `Reviewed: Jan 4, 2024`) are no story
    // of the incident: they do not date it.
    let first_story = |blocks: &[Block]| {
        let at = blocks.iter().position(|b| matches!(b.kind, Kind::Paragraph) && !fields_only(&b.source)).unwrap_or(blocks.len());
        first_paragraph(&blocks[at..], cx)
    };
    facts.prose_date = first_story(&blocks[..before_headings])
        .or_else(|| first_story(&blocks[start..lead_end]))
        .or_else(|| summary_section.and_then(|(_, r)| first_story(&blocks[r.clone()])))
        .and_then(date_of)
        .or_else(|| {
            first_section
                .and_then(|(_, r)| first_paragraph(&blocks[r.clone()], cx))
                .and_then(date_of)
                .filter(|(d, _)| facts.published.is_none_or(|(p, _)| *d <= p))
        });
    if facts.title_date.is_none()
        && let (Some((published, _)), Some(title)) = (facts.published, &facts.title)
    {
        let named = |year: i32| when::find_date(&title.text, Some(year)).filter(|d| *d <= published);
        facts.title_date = named(published.year()).or_else(|| named(published.year() - 1));
    } else if facts.title_date.is_none()
        && let (Some(year), Some(title)) = (year_hint, &facts.title)
    {
        // `Retro: telemetry gap, June 18` under `Date of retro: June 21,
        // 2031`: the lead's year.
        facts.title_date = when::find_date(&title.text, Some(year));
    }
    // A `Date:` line dates the timeline too; else the day of a key
    // timestamp (`Impact started at | 2031-08-22 18:40 JST`).
    let keyed_date = |keys: &[&str]| {
        facts
            .metadata
            .iter()
            .filter(|(k, _, _)| keys.contains(&k.as_str()))
            .find_map(|(_, v, _)| when::leading_when(v, cx.zones, false).and_then(|(w, _)| w.date))
    };
    let meta_date = keyed_date(&["date", "when"]).or_else(|| keyed_date(&["impact start"]));
    // What the document says of its day, before the file name's date; else
    // the day its impact window names (`Between 07:48 and 10:21 UTC on 14
    // November 2031`).
    let published = facts.published.map(|(d, _)| d);
    let written_date = cx
        .date
        .or(meta_date)
        .or(facts.title_date)
        .or(facts.prose_date.map(|(d, _)| d))
        .or_else(|| {
            let (_, range) = sections
                .iter()
                .find(|(h, _)| matches!(&blocks[*h].kind, Kind::Heading(_, t) if role_of(t) == Some(SectionRole::Timeline)))?;
            timeline_intro_date(&blocks[range.clone()], published, year_hint)
        })
        .or_else(|| days_before(&blocks[start..]).and_then(|n| Some(published? - chrono::Duration::days(n))))
        .or_else(|| weekday_before(&blocks[start..], published?))
        .or_else(|| {
            let w = prose::window(&blocks, &facts.metadata, cx, None)?;
            w.started.map(|t| t.date_naive()).or(w.local.0.map(|t| t.date()))
        })
        // A message that never says the day: the day it was sent.
        .or(sent.map(|(d, _)| d));
    let file_date = facts.link_date.map(|(d, _)| d).or(cx.fallback_date);
    let dated = timeline::Context {
        zones: cx.zones,
        date: written_date.or(file_date),
        fallback_date: None,
        doc_zone: cx.doc_zone,
        default_zone: cx.default_zone,
    };
    let cx = &dated;

    let mut timeline_ranges: Vec<std::ops::Range<usize>> = Vec::new();
    let mut heading_zone = None;
    for (h, range) in &sections {
        let Kind::Heading(level, title) = &blocks[*h].kind else { continue };
        let Some(role) = role_of(title) else { continue };
        if !facts.roles.contains(&role) {
            facts.roles.push(role);
        }
        let line = blocks[*h].line;
        let detail = format!("section \"{title}\"");
        let text = || section_text(&blocks[range.clone()]);
        match role {
            SectionRole::Summary if facts.summary.is_none() => {
                facts.summary =
                    first_paragraph(&blocks[range.clone()], cx).map(|(t, l)| Located { text: t, line: l, detail: detail.clone() })
            }
            SectionRole::Impact if facts.impact.is_none() => facts.impact = text().map(|t| Located { text: t, line, detail }),
            SectionRole::RootCause if facts.root_cause.is_none() => facts.root_cause = text().map(|t| Located { text: t, line, detail }),
            SectionRole::ContributingFactors if facts.contributing_factors.is_none() => {
                facts.contributing_factors = text().map(|t| Located { text: t, line, detail })
            }
            SectionRole::Timeline if !timeline_ranges.iter().any(|r| r.contains(h)) => {
                // Time headings inside the timeline do not end it, whatever their level.
                let end = blocks[h + 1..]
                    .iter()
                    .position(|b| matches!(&b.kind, Kind::Heading(l, t) if *l <= *level && when::leading_when(t, cx.zones, false).is_none_or(|(w, _)| w.time.is_none() && w.date.is_none())))
                    .map_or(blocks.len(), |p| h + 1 + p);
                timeline_ranges.push(h + 1..end);
                if timeline_ranges.len() > 1 {
                    // Another timeline section (another incident, day or phase).
                    continue;
                }
                facts.timeline_line = Some(line);
                // `## Timeline (all times in PST/PDT)`, `## Timeline (UTC)`
                heading_zone = declared_zone(title, cx.zones).map(|(z, _)| z).or_else(|| zones::heading_bracket_zone(title, cx.zones));
            }
            // The first action section with actions: `## Remediation` may
            // tell what was done, and `## Prevention and follow-up` below
            // it what will be.
            SectionRole::ActionItems if facts.action_items.is_empty() => {
                facts.action_items = actions::recognise(&blocks[range.clone()]);
                if !facts.action_items.is_empty() || facts.actions_line.is_none() {
                    facts.actions_line = Some(line);
                }
            }
            _ => {}
        }
    }
    if facts.actions_line.is_none() && !known.action_items {
        facts.action_items = actions::loose(&blocks);
        facts.actions_line = facts.action_items.first().map(|a| a.line);
    }
    if facts.summary.is_none() {
        facts.summary =
            first_paragraph(&blocks[start..lead_end], cx).map(|(t, l)| Located { text: t, line: l, detail: "opening paragraph".into() });
    }
    let whole = timeline_ranges.is_empty();
    if whole {
        timeline_ranges.push(0..blocks.len());
    }
    facts.timeline = timeline::recognise_sections(&blocks, &timeline_ranges, whole, cx);
    // Without a timeline section, a status page's history of updates is one.
    if whole
        && let Some(updates) = timeline::status_updates(&blocks, cx)
        && updates.events.len() > facts.timeline.events.len()
    {
        facts.timeline = updates;
    }
    // Read the timeline again with `z` as the document's zone, declared on `line`.
    let reread = |z: Zone, line: usize| {
        let cx2 = timeline::Context { doc_zone: Some(z), fallback_date: None, ..*cx };
        let mut found = timeline::recognise_sections(&blocks, &timeline_ranges, whole, &cx2);
        found.declared_zone = Some((z, line));
        found
    };
    if facts.timeline.declared_zone.is_none()
        && let (Some(z), Some(line)) = (heading_zone, facts.timeline_line)
    {
        // A zone in the timeline's heading is declared for its entries.
        facts.timeline = reread(z, line);
    }
    // Entries found without a timeline section take the zone their own
    // section's heading names (`## What happened, hour by hour (Pacific time)`).
    if facts.timeline.declared_zone.is_none()
        && whole
        && let Some(first) = facts.timeline.events.first().map(|e| e.line)
        && let Some(Some((z, line))) = blocks.iter().rev().filter(|b| b.line <= first).find_map(|b| match &b.kind {
            Kind::Heading(_, t) => Some(zones::heading_bracket_zone(t, cx.zones).map(|z| (z, b.line))),
            _ => None,
        })
    {
        facts.timeline = reread(z, line);
    }
    if facts.timeline.declared_zone.is_none() {
        // `All times in PDT (UTC-7).` may stand above the summary.
        facts.timeline.declared_zone = blocks
            .iter()
            .filter(|b| matches!(b.kind, Kind::Paragraph))
            .find_map(|b| zones::declared_zone_in(&b.source, cx.zones).map(|(z, _)| (z, b.line)));
        if let Some((z, line)) = facts.timeline.declared_zone
            && facts.timeline.events.iter().any(|e| e.zone.is_none() || e.at.is_none())
        {
            facts.timeline = reread(z, line);
        }
    }
    if facts.timeline.declared_zone.is_none()
        && cx.doc_zone.is_none()
        && facts.timeline.events.iter().any(|e| e.zone.is_none())
        && let Some((z, line)) = prose_zone(&blocks, cx.zones)
    {
        // Entries without a zone, in a document whose prose names one.
        facts.timeline = reread(z, line);
    }
    if facts.timeline_line.is_none() {
        facts.timeline_line = facts.timeline.events.first().map(|e| e.line);
    }
    if facts.root_cause.is_none() && !known.root_cause {
        // No root-cause section: a `Root cause:` line or sentences that state
        // a cause, else what the contributing-factors section says.
        facts.root_cause = prose::root_cause(&blocks, &sections).or_else(|| {
            facts.contributing_factors.as_ref().map(|c| Located {
                text: c.text.clone(),
                line: c.line,
                detail: format!("{} (no root-cause section)", c.detail),
            })
        });
    }
    let zone = facts.timeline.events.iter().find_map(|e| e.at.map(|_| e.zone.clone())).flatten().and_then(|z| cx.zones.zone(&z));
    let zone = zone.or(facts.timeline.declared_zone.map(|(z, _)| z)).or(cx.doc_zone).or(cx.default_zone);
    // Else a time the prose quotes from a log line stamped with its zone.
    let zone = zone.or_else(|| zones::quoted_zone(&blocks, cx.zones));
    if facts.impact.is_none() && !known.impact_summary {
        facts.impact = metadata::impact_field(&facts.metadata, cx.zones).or_else(|| prose::impact(&blocks));
    }
    if !known.window {
        // With nothing else to date the document, a range in the prose is
        // on the timeline's first day.
        let written_day = |e: &TimelineEvent| e.date.filter(|d| when::find_date(&e.time_text, Some(d.year())).is_some());
        let first_day = facts.timeline.events.iter().find_map(written_day);
        let cx = timeline::Context { date: written_date.or(first_day).or(file_date), ..*cx };
        facts.window = prose::window(&blocks, &facts.metadata, &cx, zone);
        facts.stated_length = prose::stated_length(&blocks);
        // A status page's updates say when each was posted (`Resolved` is
        // when the page was closed); the window the report states is the
        // impact's.
        if facts.timeline.shapes.contains(&"status-updates")
            && let Some(w) = &mut facts.window
        {
            w.declared = true;
        }
    }
    if facts.timeline.events.is_empty() && !known.timeline {
        // A story told with clock times, else the one time the opening pins.
        let story = narrative::narrative(&blocks, cx, zone);
        if story.len() >= narrative::FEWEST {
            facts.timeline_line = story.first().map(|e| e.line);
            facts.timeline.shapes.push("narrative");
            facts.timeline.events = story;
            // The story's times are read from the same prose: a range
            // that sums it up (`Between 14:02 and 15:40 PDT, …`) is the
            // window, not the story's first recovery (`By 15:25 latency
            // had returned to normal for most volumes`).
            if let Some(w) = &mut facts.window
                && w.started.is_some()
                && w.resolved.is_some()
            {
                w.declared = true;
            }
        } else if let Some(e) = prose::pinned_event(&blocks, cx, zone) {
            facts.timeline_line = Some(e.line);
            facts.timeline.shapes.push("sentence");
            facts.timeline.events.push(e);
        }
    }
    facts
}

/// The Markdown of a section's blocks, trimmed; `None` when empty.
fn section_text(blocks: &[Block]) -> Option<String> {
    let parts: Vec<&str> =
        blocks.iter().take_while(|b| !matches!(b.kind, Kind::Heading(..))).map(|b| b.source.trim()).filter(|s| !s.is_empty()).collect();
    let text = parts.join("\n\n");
    (!text.trim().is_empty()).then_some(text)
}

/// The first real paragraph (not a zone sentence or `Key: value` lines).
fn first_paragraph(blocks: &[Block], cx: &timeline::Context<'_>) -> Option<(String, usize)> {
    blocks.iter().take_while(|b| !matches!(b.kind, Kind::Heading(..))).find_map(|b| {
        if !matches!(b.kind, Kind::Paragraph) || declared_zone(&b.source, cx.zones).is_some() || is_metadata(&b.source) {
            return None;
        }
        let text = join_lines(&b.source);
        let bare_link = !text.trim().contains(' ') && text.contains("://");
        // A line about the report (`Document ID: … · Published 2023-05-26`)
        // makes its paragraph the report's header, not the story.
        let report = about_the_report(&text) || b.source.lines().any(about_the_report);
        (text.len() > 20 && !report && !bare_link).then_some((text, b.line))
    })
}

/// A timeline event's date when it has one, else the date of its instant.
pub fn event_date(e: &TimelineEvent) -> Option<NaiveDate> {
    e.date.or_else(|| e.at.map(|t| t.date_naive()))
}

#[cfg(test)]
mod tests;
