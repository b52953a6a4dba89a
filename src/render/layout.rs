//! The incident page in the body's own order, with every part of the
//! post-mortem shown once.
//!
//! The rule:
//!
//! - A part recognised in a body section (a timeline table, an action-item
//!   list) is drawn structured in that section's place: the section keeps its
//!   heading, and the structured rendering replaces what it was read from.
//! - A part written in front matter, when the body also has a section of
//!   that role, is shown once inside that section, after its heading and
//!   before the body's own prose, which stays. When that prose already says
//!   what the front matter says (as in imported files), only the prose is
//!   shown.
//! - A part written only in front matter comes before the body, with its own
//!   heading.
//! - Prose parts read from the body (summary, impact, root cause) are the
//!   body's own text: they are shown where they are written, and not again.
//!
//! The summary is the page's lead unless the body already says it.

use serde::Serialize;

use crate::model::{Incident, Section};

/// A structured part of an incident page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// Impact prose and figures.
    Impact,
    /// The timeline.
    Timeline,
    /// The root cause.
    RootCause,
    /// Contributing-factor chips.
    Factors,
    /// The action-item table.
    Actions,
}

impl Part {
    /// In page order, for parts placed before the body.
    pub const ALL: [Part; 5] = [Part::Impact, Part::Timeline, Part::RootCause, Part::Factors, Part::Actions];

    /// The section role (`model::Section::role`) this part belongs to.
    pub fn role(self) -> &'static str {
        match self {
            Part::Impact => "impact",
            Part::Timeline => "timeline",
            Part::RootCause => "root_cause",
            Part::Factors => "contributing_factors",
            Part::Actions => "action_items",
        }
    }

    /// The provenance key of the part's value.
    fn key(self) -> &'static str {
        match self {
            Part::Impact => "impact.summary",
            Part::Timeline => "timeline",
            Part::RootCause => "root_cause",
            Part::Factors => "contributing_factors",
            Part::Actions => "action_items",
        }
    }

    /// Heading when the part stands on its own.
    pub fn title(self) -> &'static str {
        match self {
            Part::Impact => "Impact",
            Part::Timeline => "Timeline",
            Part::RootCause => "Root cause",
            Part::Factors => "Contributing factors",
            Part::Actions => "Action items",
        }
    }

    /// The part's anchor on the page (stable: `#pm-timeline`).
    pub fn anchor(self) -> &'static str {
        match self {
            Part::Impact => "pm-impact",
            Part::Timeline => "pm-timeline",
            Part::RootCause => "pm-root-cause",
            Part::Factors => "pm-factors",
            Part::Actions => "pm-actions",
        }
    }

    fn present(self, inc: &Incident) -> bool {
        match self {
            Part::Impact => inc.impact.summary.is_some() || !inc.impact.metrics.is_empty(),
            Part::Timeline => !inc.timeline.is_empty(),
            Part::RootCause => inc.root_cause.is_some(),
            Part::Factors => !inc.contributing_factors.is_empty(),
            Part::Actions => !inc.action_items.is_empty(),
        }
    }

    /// The part's prose, for parts that are prose.
    fn text(self, inc: &Incident) -> Option<&str> {
        match self {
            Part::Impact => inc.impact.summary.as_deref(),
            Part::RootCause => inc.root_cause.as_deref(),
            _ => None,
        }
    }
}

/// One block of the page's main column; body stretches borrow the body.
#[derive(Debug, Serialize)]
pub struct Block<'h> {
    /// `html` (a stretch of the body), or the part's name (`timeline`, …).
    pub kind: &'static str,
    /// The body's HTML, for `html` blocks.
    pub html: Option<&'h str>,
    /// Whether the part has its own heading (it stands before the body);
    /// otherwise it sits under a heading of the body.
    pub heading: bool,
    /// For prose parts: whether to show the prose (false when the body's
    /// own text says it, and only figures are left to show).
    pub text: bool,
}

impl<'h> Block<'h> {
    fn html(html: &'h str) -> Self {
        Block { kind: "html", html: Some(html), heading: false, text: false }
    }

    fn part(p: Part, heading: bool, text: bool) -> Self {
        let kind = match p {
            Part::Impact => "impact",
            Part::Timeline => "timeline",
            Part::RootCause => "root_cause",
            Part::Factors => "factors",
            Part::Actions => "actions",
        };
        Block { kind, html: None, heading, text }
    }
}

/// One line of the page's table of contents.
#[derive(Debug, Serialize)]
pub struct TocEntry {
    /// Text.
    pub title: String,
    /// Anchor on the page, without `#`.
    pub anchor: String,
    /// 2 or 3.
    pub level: u8,
}

/// The main column and its contents.
#[derive(Debug, Serialize)]
pub struct Layout<'h> {
    /// Blocks in page order.
    pub blocks: Vec<Block<'h>>,
    /// Contents, in page order.
    pub toc: Vec<TocEntry>,
    /// Whether the header shows the summary as its lead.
    pub lead: bool,
}

/// Where a part goes.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Place {
    /// Before the body, with its own heading.
    Before { text: bool },
    /// Under section `n`'s heading, before its prose.
    Into { section: usize, text: bool },
    /// In place of section `n`'s content (and its sub-sections).
    Replace { section: usize },
    /// Nowhere: the body shows it.
    Body,
}

/// Lay out `inc`'s page. `body_html` is the rendered body (its headings
/// carry the anchors of `inc.sections`).
pub fn layout<'h>(inc: &Incident, body_html: &'h str) -> Layout<'h> {
    let Some(split) = split_sections(body_html, &inc.sections) else {
        // Headings that cannot be found in the HTML (a theme or sanitiser
        // surprise): the parts before the body, the body whole.
        return whole(inc, body_html);
    };
    let sections = &inc.sections;
    let from_body = |p: Part| inc.provenance.get(p.key()).is_some_and(|v| v.from == "body");
    let line_of = |p: Part| inc.provenance.get(p.key()).and_then(|v| v.line);
    let mut places: Vec<(Part, Place)> = Vec::new();
    for p in Part::ALL.into_iter().filter(|p| p.present(inc)) {
        let target = if from_body(p) {
            line_of(p).and_then(|l| section_at(sections, l)).and_then(|s| ancestor_with_role(sections, s, p.role()))
        } else {
            sections.iter().position(|s| s.role.as_deref() == Some(p.role()))
        };
        let has_figures = p == Part::Impact && !inc.impact.metrics.is_empty();
        let place = match (p, target) {
            (Part::Timeline | Part::Actions, Some(s)) if from_body(p) => Place::Replace { section: s },
            // Read from the body, but not from a section of its own: the
            // body shows it where it is.
            (Part::Timeline | Part::Actions, None) if from_body(p) => Place::Body,
            (_, Some(s)) => {
                let said = from_body(p) || p.text(inc).is_some_and(|t| contains(&plain_of_html(split.section_text(s)), t));
                if p.text(inc).is_some() && said && !has_figures { Place::Body } else { Place::Into { section: s, text: !said } }
            }
            (_, None) => {
                let said = from_body(p) || p.text(inc).is_some_and(|t| contains(&plain_of_html(body_html), t));
                if p.text(inc).is_some() && said && !has_figures { Place::Body } else { Place::Before { text: !said } }
            }
        };
        places.push((p, place));
    }
    // A section replaced by a part takes its sub-sections with it; a part
    // meant for one of them stands before the body instead.
    let mut consumed = vec![false; sections.len()];
    for (_, place) in &places {
        if let Place::Replace { section } = place {
            for c in descendants(sections, *section).skip(1) {
                consumed[c] = true;
            }
        }
    }
    for (_, place) in &mut places {
        if let Place::Into { section, text } = *place
            && consumed[section]
        {
            *place = Place::Before { text };
        }
    }

    let mut blocks = Vec::new();
    let mut toc = Vec::new();
    for (p, place) in &places {
        if let Place::Before { text } = place {
            blocks.push(Block::part(*p, true, *text));
            toc.push(TocEntry { title: p.title().to_string(), anchor: p.anchor().to_string(), level: 2 });
        }
    }
    if !split.prefix.trim().is_empty() {
        blocks.push(Block::html(split.prefix));
    }
    for (n, s) in sections.iter().enumerate() {
        if consumed[n] {
            continue;
        }
        let (heading, content) = split.parts[n];
        blocks.push(Block::html(heading));
        if s.level <= 3 {
            toc.push(TocEntry { title: s.title.clone(), anchor: s.anchor.clone(), level: s.level.max(2) });
        }
        for (p, place) in &places {
            match *place {
                Place::Into { section, text } if section == n => blocks.push(Block::part(*p, false, text)),
                Place::Replace { section } if section == n => blocks.push(Block::part(*p, false, true)),
                _ => {}
            }
        }
        let replaced = places.iter().any(|(_, pl)| *pl == Place::Replace { section: n });
        if !replaced && !content.trim().is_empty() {
            blocks.push(Block::html(content));
        }
    }
    Layout { blocks: merged(blocks, body_html), toc, lead: lead(inc, body_html) }
}

/// Stretches of the body that follow each other (with at most white space
/// between them) joined into one block, still borrowing from `body`.
fn merged<'h>(blocks: Vec<Block<'h>>, body: &'h str) -> Vec<Block<'h>> {
    let start_of = |s: &str| s.as_ptr() as usize - body.as_ptr() as usize;
    let mut out: Vec<Block<'h>> = Vec::with_capacity(blocks.len());
    for b in blocks {
        if let (Some(Block { html: Some(prev), .. }), Some(next)) = (out.last_mut().filter(|p| p.kind == "html"), b.html) {
            let (a, gap, end) = (start_of(prev), start_of(prev) + prev.len(), start_of(next) + next.len());
            if gap <= start_of(next) && body[gap..start_of(next)].trim().is_empty() {
                *prev = &body[a..end];
                continue;
            }
        }
        out.push(b);
    }
    out
}

/// Every part before the body, the body whole.
fn whole<'h>(inc: &Incident, body_html: &'h str) -> Layout<'h> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut toc = Vec::new();
    for p in Part::ALL.into_iter().filter(|p| p.present(inc)) {
        blocks.push(Block::part(p, true, true));
        toc.push(TocEntry { title: p.title().to_string(), anchor: p.anchor().to_string(), level: 2 });
    }
    blocks.push(Block::html(body_html));
    toc.extend(inc.sections.iter().filter(|s| s.level <= 3).map(|s| TocEntry {
        title: s.title.clone(),
        anchor: s.anchor.clone(),
        level: s.level.max(2),
    }));
    Layout { blocks, toc, lead: inc.summary.is_some() }
}

/// Whether the header shows the summary: not when it was read from the
/// body, nor when the body says it anyway.
fn lead(inc: &Incident, body_html: &str) -> bool {
    let Some(summary) = inc.summary.as_deref() else { return false };
    let from_body = inc.provenance.get("summary").is_some_and(|v| v.from == "body");
    !from_body && !contains(&plain_of_html(body_html), summary)
}

/// The body cut at its headings.
struct Split<'h> {
    /// Before the first heading.
    prefix: &'h str,
    /// Per section: (heading HTML, HTML up to the next heading).
    parts: Vec<(&'h str, &'h str)>,
    /// Per section: the byte range of its content and its sub-sections.
    spans: Vec<(usize, usize)>,
    html: &'h str,
}

impl<'h> Split<'h> {
    /// The HTML of section `n`'s content, sub-sections included.
    fn section_text(&self, n: usize) -> &'h str {
        let (a, b) = self.spans[n];
        &self.html[a..b]
    }
}

fn split_sections<'h>(html: &'h str, sections: &[Section]) -> Option<Split<'h>> {
    let mut starts = Vec::with_capacity(sections.len());
    let mut ends = Vec::with_capacity(sections.len());
    let mut from = 0;
    for s in sections {
        let open = format!("<h{} id=\"{}\"", s.level, attr_escape(&s.anchor));
        let at = from + html[from..].find(&open)?;
        let close = format!("</h{}>", s.level);
        let end = at + html[at..].find(&close)? + close.len();
        starts.push(at);
        ends.push(end);
        from = end;
    }
    let prefix = &html[..starts.first().copied().unwrap_or(html.len())];
    let mut parts = Vec::with_capacity(sections.len());
    let mut spans = Vec::with_capacity(sections.len());
    for n in 0..sections.len() {
        let next = starts.get(n + 1).copied().unwrap_or(html.len());
        parts.push((&html[starts[n]..ends[n]], &html[ends[n]..next]));
        let last = descendants(sections, n).last().unwrap_or(n);
        let stop = starts.get(last + 1).copied().unwrap_or(html.len());
        spans.push((ends[n], stop));
    }
    Some(Split { prefix, parts, spans, html })
}

/// How the sanitiser writes an attribute value.
fn attr_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('"', "&quot;").replace('\u{a0}', "&nbsp;")
}

/// Section `n` and the sections below it (deeper headings until one of its
/// level or higher).
fn descendants(sections: &[Section], n: usize) -> std::ops::Range<usize> {
    let level = sections[n].level;
    let end = sections[n + 1..].iter().position(|s| s.level <= level).map_or(sections.len(), |p| n + 1 + p);
    n..end
}

/// The section whose heading is at or last before `line`.
fn section_at(sections: &[Section], line: usize) -> Option<usize> {
    sections.iter().rposition(|s| s.line <= line)
}

/// `n` or the nearest section above it (by nesting) with `role`.
fn ancestor_with_role(sections: &[Section], n: usize, role: &str) -> Option<usize> {
    let mut level = u8::MAX;
    for i in (0..=n).rev() {
        let s = &sections[i];
        if s.level < level || i == n {
            if s.role.as_deref() == Some(role) {
                return Some(i);
            }
            level = s.level;
        }
    }
    None
}

/// Letters and digits of `text`, lower case: what two renderings of the same
/// words share whatever their markup, entities and line breaks.
fn letters(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Whether the plain text `hay` contains the words of the Markdown `needle`.
fn contains(hay: &str, needle: &str) -> bool {
    let n = letters(&crate::markdown::plain_text_of(needle));
    !n.is_empty() && letters(hay).contains(&n)
}

/// The text of HTML: tags removed, the common entities decoded.
fn plain_of_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Provenance;

    fn section(title: &str, anchor: &str, level: u8, role: Option<&str>, line: usize) -> Section {
        Section { title: title.into(), anchor: anchor.into(), level, role: role.map(str::to_string), line }
    }

    fn incident() -> Incident {
        let doc = crate::content::SourceDoc { path: "x.md".into(), display: "x.md".into(), text: "---\ntitle: x\n---\n".into() };
        let cfg = crate::Config::default();
        let zones = crate::datetime::ZoneTable::new(&cfg.time.zones);
        crate::understand::understand(&doc, std::path::Path::new("x.md"), &cfg, &zones).document.unwrap().incident
    }

    const BODY: &str = "<p>Intro.</p>\n<h2 id=\"timeline\">Timeline</h2>\n<table><tr><td>09:00</td></tr></table>\n<h3 id=\"day-2\">Day 2</h3>\n<p>more</p>\n<h2 id=\"root-cause\">Root cause</h2>\n<p>The pool was too small.</p>\n";

    fn kinds<'l>(l: &'l Layout<'_>) -> Vec<&'l str> {
        l.blocks.iter().map(|b| b.kind).collect()
    }

    #[test]
    fn a_timeline_read_from_a_section_takes_its_place() {
        let mut inc = incident();
        inc.sections = vec![
            section("Timeline", "timeline", 2, Some("timeline"), 5),
            section("Day 2", "day-2", 3, None, 9),
            section("Root cause", "root-cause", 2, Some("root_cause"), 12),
        ];
        inc.timeline = incident_timeline();
        inc.provenance.insert("timeline".into(), Provenance::body(9, "entries"));
        inc.root_cause = Some("The pool was **too small**.".into());
        inc.provenance.insert("root_cause".into(), Provenance::body(12, "section"));
        let l = layout(&inc, BODY);
        assert_eq!(kinds(&l), ["html", "timeline", "html"]);
        assert!(!l.blocks.iter().any(|b| b.html.is_some_and(|h| h.contains("<table>") || h.contains("Day 2"))));
        let toc: Vec<&str> = l.toc.iter().map(|t| t.anchor.as_str()).collect();
        assert_eq!(toc, ["timeline", "root-cause"]);
    }

    #[test]
    fn front_matter_parts_go_into_their_section_once() {
        let mut inc = incident();
        inc.sections = vec![
            section("Timeline", "timeline", 2, Some("timeline"), 5),
            section("Day 2", "day-2", 3, None, 9),
            section("Root cause", "root-cause", 2, Some("root_cause"), 12),
        ];
        inc.timeline = incident_timeline();
        inc.provenance.insert("timeline".into(), Provenance::front_matter(3));
        // The body repeats the front matter's root cause (an imported file):
        // shown once, as the body's prose.
        inc.root_cause = Some("The pool was too   small.".into());
        inc.provenance.insert("root_cause".into(), Provenance::front_matter(2));
        let l = layout(&inc, BODY);
        assert_eq!(kinds(&l), ["html", "timeline", "html"]);
        assert!(!l.blocks[1].heading);
        // A different root cause in front matter is shown in the section.
        inc.root_cause = Some("Connections were held across a network call.".into());
        let l = layout(&inc, BODY);
        assert_eq!(kinds(&l), ["html", "timeline", "html", "root_cause", "html"]);
        assert!(l.blocks[3].text);
    }

    #[test]
    fn parts_without_a_section_come_first_and_the_lead_is_not_repeated() {
        let mut inc = incident();
        inc.sections = vec![section("Root cause", "root-cause", 2, Some("root_cause"), 12)];
        inc.action_items = vec![crate::model::ActionItem::open("Alert on pool saturation", 3)];
        inc.provenance.insert("action_items".into(), Provenance::front_matter(3));
        inc.summary = Some("Intro.".into());
        inc.provenance.insert("summary".into(), Provenance::front_matter(2));
        let body = "<p>Intro.</p>\n<h2 id=\"root-cause\">Root cause</h2>\n<p>x</p>\n";
        let l = layout(&inc, body);
        assert_eq!(kinds(&l), ["actions", "html"]);
        assert!(l.blocks[0].heading);
        assert!(!l.lead, "the body opens with the summary");
        inc.summary = Some("Something else.".into());
        assert!(layout(&inc, body).lead);
    }

    #[test]
    fn unknown_headings_fall_back_to_the_whole_body() {
        let mut inc = incident();
        inc.sections = vec![section("Gone", "gone", 2, None, 3)];
        let l = layout(&inc, "<p>x</p>");
        assert_eq!(kinds(&l), ["html"]);
    }

    fn incident_timeline() -> Vec<crate::model::TimelineEvent> {
        vec![crate::model::TimelineEvent {
            at: None,
            date: None,
            time_text: "09:00".into(),
            zone: None,
            kind: None,
            text: "x".into(),
            line: 7,
            after_midnight: false,
        }]
    }
}
