//! The body as a flat list of located blocks (headings, paragraphs, lists,
//! tables, code), each keeping its Markdown source, so recognisers work on
//! structure rather than on raw lines.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::markdown::{LineIndex, plain_text};

/// A list item: its own text (nested lists excluded) and its children.
#[derive(Debug, Clone, Default)]
pub struct Item {
    /// Markdown source of the item, marker and task box removed, lines joined.
    pub text: String,
    /// 1-based file line.
    pub line: usize,
    /// `Some(true)` for `- [x]`, `Some(false)` for `- [ ]`.
    pub checked: Option<bool>,
    /// Nested items.
    pub children: Vec<Item>,
}

/// A table row.
#[derive(Debug, Clone)]
pub struct Row {
    /// Cell sources, trimmed.
    pub cells: Vec<String>,
    /// 1-based file line.
    pub line: usize,
}

/// What a block is.
#[derive(Debug, Clone)]
pub enum Kind {
    /// `#`…`######`, with its plain text.
    Heading(u8, String),
    /// A paragraph.
    Paragraph,
    /// A list.
    List(Vec<Item>),
    /// A table: header cells and rows.
    Table(Vec<String>, Vec<Row>),
    /// Fenced or indented code.
    Code,
    /// A raw HTML block.
    Html,
    /// A block quote.
    Quote,
    /// Anything else (rules, footnote definitions).
    Other,
}

/// A top-level block.
#[derive(Debug, Clone)]
pub struct Block {
    /// What it is.
    pub kind: Kind,
    /// 1-based file line of its first line.
    pub line: usize,
    /// Its Markdown source.
    pub source: String,
}

impl Block {
    /// A heading read from a plain-text label or capitals line (see
    /// [`label_heading`]), not written with `#` or underlined: it names a
    /// section, never the document.
    pub fn is_label(&self) -> bool {
        matches!(self.kind, Kind::Heading(..)) && !self.source.trim_start().starts_with('#') && !self.source.trim().contains('\n')
    }
}

/// Split a body into top-level blocks.
pub fn blocks(body: &str, first_line: usize) -> Vec<Block> {
    let lines = LineIndex::new(body, first_line);
    let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let events: Vec<(Event<'_>, Range<usize>)> = Parser::new_ext(body, opts).into_offset_iter().collect();
    let mut out = Vec::new();
    let mut i = 0;
    // Whether the body has Markdown section headings (a title alone does
    // not count): then its label lines are not read as headings (see
    // [`label_heading`]); and whether one was.
    let marked_up = events.iter().any(|(e, _)| matches!(e, Event::Start(Tag::Heading { level, .. }) if *level as u8 >= 2));
    let mut labelled = false;
    // Inside a `<pre>` an HTML block opened and a blank line ended (a log
    // excerpt in a blog post): what follows up to `</pre>` is code.
    let mut in_pre = false;
    while i < events.len() {
        let (event, range) = &events[i];
        let end = matching_end(&events, i);
        let source = body.get(range.clone()).unwrap_or("").to_string();
        let line = lines.line(range.start);
        let kind = match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let inner: Vec<Event<'_>> = events[i + 1..end].iter().map(|(e, _)| e.clone()).collect();
                Kind::Heading(*level as u8, plain_text(&inner))
            }
            Event::Start(Tag::Paragraph) => Kind::Paragraph,
            Event::Start(Tag::List(_)) => Kind::List(list_items(body, &events[i + 1..end], &lines, 1)),
            Event::Start(Tag::Table(_)) => table(body, &events[i + 1..end], &lines),
            Event::Start(Tag::CodeBlock(_)) => Kind::Code,
            Event::Start(Tag::HtmlBlock) => Kind::Html,
            Event::Start(Tag::BlockQuote(_)) => Kind::Quote,
            _ => Kind::Other,
        };
        i = end + 1;
        if in_pre {
            in_pre = !source.contains("</pre>");
            out.push(Block { kind: Kind::Code, line, source });
            continue;
        }
        if matches!(kind, Kind::Html) {
            let lower = source.to_ascii_lowercase();
            in_pre = lower.rfind("<pre").is_some_and(|open| !lower[open..].contains("</pre>"));
        }
        // A body written in HTML (an imported blog post): the blocks it holds.
        if matches!(kind, Kind::Html) && super::html_blocks::holds_prose(&source) {
            out.extend(super::html_blocks::split(&source, line));
            continue;
        }
        if matches!(kind, Kind::Paragraph)
            && !marked_up
            && let Some((heading, rest)) = label_heading(&source, labelled)
        {
            labelled = true;
            out.push(Block { kind: Kind::Heading(2, heading), line, source: source.lines().next().unwrap_or("").to_string() });
            if !rest.trim().is_empty() {
                out.push(Block { kind: Kind::Paragraph, line: line + 1, source: rest.to_string() });
            }
            continue;
        }
        out.push(Block { kind, line, source });
    }
    out
}

/// A paragraph whose first line is a section's name written as plain-text
/// documents and e-mails write headings: in capitals (`ROOT CAUSE`,
/// `TIMELINE (all times EEST)`) or as a label alone on its line
/// (`followups:`, `Next steps:`), or a section's name alone in its
/// paragraph (`Root cause`), in a document without Markdown section
/// headings. With `any_label` (a label was read as a heading above), a
/// label that names no section ends the one above it (`notes:` or `A few
/// things to call out:` after `Next steps:`). Returns the heading and the
/// rest.
fn label_heading(source: &str, any_label: bool) -> Option<(String, &str)> {
    let (first, rest) = source.split_once('\n').unwrap_or((source, ""));
    let line = first.trim();
    // `【Timeline】`, as Japanese reports mark their sections.
    if let Some(name) = line.strip_prefix('【').and_then(|l| l.strip_suffix('】'))
        && !name.trim().is_empty()
    {
        return Some((name.trim().to_string(), rest));
    }
    // The words before any bracketed note must be capitals.
    let head = line.split('(').next().unwrap_or(line);
    let letters = head.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = letters >= 4 && head.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) && line.len() <= 60;
    let label = line.ends_with(':') && line.len() <= 60 && line.matches(':').count() == 1;
    // `Root cause` or `What happened / Timeline` alone in its paragraph.
    let alone = rest.trim().is_empty()
        && line.len() <= 50
        && line.starts_with(|c: char| c.is_uppercase())
        && !line.ends_with(['.', ',', ';', '!', '?', ')'])
        && !line.contains(':');
    if !(capitals || label || alone) || line.starts_with(['|', '<', '*', '_', '[', '`']) {
        return None;
    }
    let name = line.trim_end_matches(':').trim();
    if super::sections::role_of(name).is_none() && !(any_label && label) {
        return None;
    }
    Some((name.to_string(), rest))
}

/// Index of the event that closes the one at `start` (itself for leaf events).
fn matching_end(events: &[(Event<'_>, Range<usize>)], start: usize) -> usize {
    if !matches!(events[start].0, Event::Start(_)) {
        return start;
    }
    let mut depth = 0usize;
    for (j, (e, _)) in events.iter().enumerate().skip(start) {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return j;
                }
            }
            _ => {}
        }
    }
    events.len() - 1
}

fn list_items(body: &str, events: &[(Event<'_>, Range<usize>)], lines: &LineIndex, depth: usize) -> Vec<Item> {
    let mut items = Vec::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Item) = events[i].0 {
            let end = matching_end(events, i);
            let range = events[i].1.clone();
            // The item's own text stops where a nested list starts.
            let nested = (i + 1..end).find(|&j| matches!(events[j].0, Event::Start(Tag::List(_))));
            let own_end = nested.map_or(range.end, |j| events[j].1.start);
            let checked = events[i + 1..end].iter().find_map(|(e, _)| if let Event::TaskListMarker(c) = e { Some(*c) } else { None });
            // Lists nested deeper than a body may be are refused by the
            // checks; they are not read, so a hostile one cannot exhaust the stack.
            let children = nested
                .filter(|_| depth < crate::markdown::MAX_NESTING)
                .map(|j| list_items(body, &events[j + 1..matching_end(events, j)], lines, depth + 1))
                .unwrap_or_default();
            let raw = body.get(range.start..own_end.max(range.start)).unwrap_or("");
            items.push(Item { text: strip_marker(raw), line: lines.line(range.start), checked, children });
            i = end + 1;
        } else {
            i += 1;
        }
    }
    items
}

/// `- [x] text\n  more` → `text more`.
fn strip_marker(raw: &str) -> String {
    let t = raw.trim_start();
    let t = t.strip_prefix(['-', '*', '+']).map(str::trim_start).unwrap_or_else(|| {
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && matches!(t.as_bytes().get(digits), Some(b'.' | b')')) { t[digits + 1..].trim_start() } else { t }
    });
    let t = ["[ ]", "[x]", "[X]"].iter().find_map(|m| t.strip_prefix(m)).unwrap_or(t);
    join_lines(t)
}

/// Join soft-wrapped lines with single spaces.
pub fn join_lines(text: &str) -> String {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
}

fn table(body: &str, events: &[(Event<'_>, Range<usize>)], lines: &LineIndex) -> Kind {
    let mut header = Vec::new();
    let mut rows = Vec::new();
    let mut current: Option<Row> = None;
    let mut in_head = false;
    for (e, r) in events {
        match e {
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) => current = Some(Row { cells: Vec::new(), line: lines.line(r.start) }),
            Event::End(TagEnd::TableRow) => rows.extend(current.take()),
            Event::Start(Tag::TableCell) => {
                let cell = body.get(r.clone()).unwrap_or("").trim().trim_matches('|').trim().to_string();
                if in_head {
                    header.push(cell);
                } else if let Some(row) = current.as_mut() {
                    row.cells.push(cell);
                }
            }
            _ => {}
        }
    }
    Kind::Table(header, rows)
}

/// Sections: for each heading block, the range of blocks it owns (until the
/// next heading of the same or a higher level).
pub fn section_ranges(blocks: &[Block]) -> Vec<(usize, Range<usize>)> {
    let mut out = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        if let Kind::Heading(level, _) = b.kind {
            let end = blocks[i + 1..]
                .iter()
                .position(|x| matches!(x.kind, Kind::Heading(l, _) if l <= level))
                .map_or(blocks.len(), |p| i + 1 + p);
            out.push((i, i + 1..end));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_keep_their_own_text_and_children() {
        let b = blocks("## Actions\n\n- [x] Add alert\n  on lag\n  - detail\n- Fix it\n", 10);
        let Kind::List(items) = &b[1].kind else { panic!("{b:?}") };
        assert_eq!(items[0].text, "Add alert on lag");
        assert_eq!(items[0].checked, Some(true));
        assert_eq!(items[0].line, 12);
        assert_eq!(items[0].children[0].text, "detail");
        assert_eq!(items[1].line, 15);
    }

    #[test]
    fn capital_and_label_lines_are_headings() {
        let b =
            blocks("WHAT HAPPENED\n\nThe disk filled.\n\nTIMELINE (all times EEST)\n  09:02  deploy\n\nfollowups:\n- [ ] add alert\n", 1);
        let kinds: Vec<String> = b
            .iter()
            .map(|b| match &b.kind {
                Kind::Heading(_, t) => format!("h:{t}"),
                Kind::Paragraph => format!("p@{}", b.line),
                Kind::List(_) => "list".into(),
                _ => "other".into(),
            })
            .collect();
        assert_eq!(kinds, ["h:WHAT HAPPENED", "p@3", "h:TIMELINE (all times EEST)", "p@6", "h:followups", "list"]);
        // Capitals or labels that name no section stay paragraphs, and so
        // does a sentence with a colon.
        for text in ["IMPORTANT NOTICE\n", "Note:\n", "Root cause: the disk filled.\n"] {
            assert!(matches!(blocks(text, 1)[0].kind, Kind::Paragraph), "{text}");
        }
        // Once labels are the sections, any short label starts one.
        let b = blocks("followups:\n- [ ] add alert\n\nnotes:\n- runbook was fine\n", 1);
        assert!(matches!(&b[2].kind, Kind::Heading(_, t) if t == "notes"), "{b:?}");
        let b = blocks("## Actions\n\nfollowups:\n- [ ] add alert\n\nnotes:\n- runbook was fine\n", 1);
        assert!(matches!(b[3].kind, Kind::Paragraph), "{b:?}");
        // A section's name alone in its paragraph; not a short sentence,
        // nor a name that runs on into its text.
        let b = blocks("Summary\n\nThe disk filled.\n\nWhat happened / Timeline\n\n- 09:02 deploy\n", 1);
        assert!(matches!(&b[0].kind, Kind::Heading(_, t) if t == "Summary"), "{b:?}");
        assert!(matches!(&b[2].kind, Kind::Heading(_, t) if t == "What happened / Timeline"), "{b:?}");
        let b = blocks("【Timeline】\n\n- 15:20 errors\n", 1);
        assert!(matches!(&b[0].kind, Kind::Heading(_, t) if t == "Timeline"), "{b:?}");
        for text in ["Root cause.\n", "Impact\nwas small\n", "Things went wrong\n"] {
            assert!(matches!(blocks(text, 1)[0].kind, Kind::Paragraph), "{text}");
        }
    }

    #[test]
    fn tables_have_located_rows() {
        let b = blocks("| Time | Event |\n| --- | --- |\n| 10:00 | a `x` |\n| 11:00 | b\n", 1);
        let Kind::Table(h, rows) = &b[0].kind else { panic!() };
        assert_eq!(h, &["Time", "Event"]);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].cells, ["10:00", "a `x`"]);
        assert_eq!(rows[1].line, 4);
    }
}
