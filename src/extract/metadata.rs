//! `Key: value` metadata at the head of a post-mortem: lines, pipes, tables,
//! HTML paragraphs and headings of their own, read into the fields they
//! name (`Incident date` is `date`).

use std::ops::Range;

use super::blocks::{Block, Kind, join_lines};
use super::sections::{SectionRole, normalise_heading, role_of};

const META_KEYS: &[&str] = &[
    "date",
    "when",
    "time",
    "duration",
    "severity",
    "sev",
    "priority",
    "status",
    "owner",
    "owners",
    "author",
    "authors",
    "created by",
    "written by",
    "last modified",
    "services",
    "service",
    "affected services",
    "components",
    "team",
    "teams",
    "incident commander",
    "impact start",
    "impact end",
];

/// Other names templates give the same fields, by the key they stand for.
const META_SYNONYMS: &[(&str, &[&str])] = &[
    (
        "date",
        &[
            "incident date",
            "date of incident",
            "date of the incident",
            "incident date/time",
            "date/time",
            "date and time",
            "outage date",
            "date of outage",
            "event date",
            "occurred",
            "occurred on",
            "incident day",
            // The day the incident was declared (`Declared | Tue, 15 Oct 2031`).
            "declared",
            "declared on",
            "incident declared",
            // Chinese, Japanese, Korean.
            "日期",
            "日付",
            "发生日期",
            // `首次发现` (first found), `发生时间` (when it happened).
            "首次发现",
            "发现时间",
            "发生时间",
            "故障时间",
            "날짜",
            // Russian.
            "дата",
            "дата инцидента",
        ],
    ),
    (
        "severity",
        &[
            "incident severity",
            "severity level",
            "sev level",
            "incident level",
            "impact level",
            "критичность",
            "серьёзность",
            "серьезность",
        ],
    ),
    ("status", &["incident status", "postmortem status", "post-mortem status", "document status", "report status", "статус"]),
    ("duration", &["incident duration", "outage duration", "total duration", "length of outage", "длительность", "продолжительность"]),
    (
        "authors",
        &[
            "author(s)",
            "prepared by",
            "report author",
            "report authors",
            "postmortem author",
            "postmortem authors",
            "postmortem owner",
            "post-mortem owner",
            "document owner",
        ],
    ),
    ("incident commander", &["incident lead", "incident manager", "ic"]),
    (
        "services",
        &[
            "affected service",
            "affected service(s)",
            "affected system",
            "affected systems",
            "systems affected",
            "services affected",
            "impacted service",
            "impacted services",
            "affected components",
            "affected products",
            "products affected",
            "затронутые сервисы",
            "сервисы",
        ],
    ),
    ("team", &["owning team", "responsible team"]),
    // Incident tools' key timestamps (a value that is no time is not read as one).
    (
        "impact start",
        &[
            "impact started",
            "impact started at",
            "impact start time",
            "start of impact",
            "started at",
            "start time",
            "incident start",
            "incident started",
            "incident started at",
            "outage start",
            "outage started",
            "event start",
            "event started",
            "outage began",
            // As Japanese and other incident report forms name them.
            "occurrence",
            "occurrence time",
            "time of occurrence",
            "occurred at",
            // `- Start (UTC): 2026-02-06T14:55:33Z` in a metadata list
            // (with its note only, see `meta_key`).
            "start",
            "started",
            "began",
            // Japanese forms: 発生日時 (occurred), as their tables name it.
            "発生日時",
            "発生時刻",
            "発生",
        ],
    ),
    (
        "impact end",
        &[
            "impact ended",
            "impact ended at",
            "impact end time",
            "end of impact",
            "resolved at",
            "resolution time",
            "resolved time",
            "time resolved",
            "fixed at",
            "recovered at",
            "end time",
            "incident end",
            "incident ended",
            "outage end",
            "outage ended",
            "event end",
            "event ended",
            "ended at",
            "recovery",
            "recovery time",
            "time of recovery",
            "restored",
            "restored at",
            "service restored",
            "restoration",
            "end",
            "ended",
            "finished",
            "復旧日時",
            "復旧時刻",
            "復旧",
        ],
    ),
];

/// Headings of sections that hold an incident's details as `Key: value`
/// lines or a two-column table (`## Key timestamps`).
pub(super) const DETAIL_SECTIONS: &[&str] = &[
    "key timestamps",
    "timestamps",
    "key times",
    "incident timestamps",
    "key dates",
    "incident details",
    "outage details",
    "event details",
    "incident particulars",
    "particulars",
    "details",
    "incident metadata",
    "metadata",
    "incident information",
    "key information",
    "at a glance",
];

/// The field a lead `Key: value` line names, if any: one of [`META_KEYS`],
/// or a synonym of one (`Incident date`, `Affected systems`).
pub(super) fn meta_key(written: &str) -> Option<String> {
    let key = written.trim().trim_matches('*').trim().to_lowercase();
    let key = key.split_whitespace().collect::<Vec<_>>().join(" ");
    // `Incident date(s)`, `Service(s)`: the name without its plural mark.
    let key = match key.strip_suffix("(s)") {
        Some(name) => name.to_string(),
        None => key,
    };
    // `Incident start (UTC)`: the name without its bracketed note (see
    // [`key_note`]).
    let noted = key.ends_with(')') && key.contains(" (");
    let key = match key.rfind(" (") {
        Some(i) if key.ends_with(')') => key[..i].to_string(),
        _ => key,
    };
    // A bare `Start:` may be a maintenance window's; `Start (UTC):` is a
    // record's field.
    if matches!(key.as_str(), "start" | "started" | "began" | "end" | "ended" | "finished") && !noted {
        return None;
    }
    if META_KEYS.contains(&key.as_str()) {
        return Some(key);
    }
    if let Some((k, _)) = META_SYNONYMS.iter().find(|(_, names)| names.contains(&key.as_str())) {
        return Some(k.to_string());
    }
    // `**影响**: … API 中断约 3 分钟（02:07-02:10）`: the impact field of a
    // report in Chinese, Japanese, Korean or Russian.
    if matches!(key.as_str(), "影响" | "影響" | "영향" | "влияние") {
        return Some("impact window".to_string());
    }
    // `Date of disruption`, `Failure date`: a date of the incident by another name.
    let words: Vec<&str> = key.split(' ').collect();
    // `Duration of customer impact`, `Impact period`, `Outage window`: when
    // the impact lasted (its value read as a range, if it is one).
    let impact = ["impact", "outage", "downtime", "disruption", "exposure"];
    let span = ["duration", "window", "period", "times", "timeframe"];
    if words.len() <= 5 && words.iter().any(|w| impact.contains(w)) && words.iter().any(|w| span.contains(w)) {
        return Some("impact window".to_string());
    }
    // `Customer impact: 09:41Z – 13:47Z`, `Outage: …`: the impact itself,
    // whose value is its span when it is a range (else it is not read).
    let whose = ["customer", "customers", "user", "users", "service", "client", "member", "total"];
    if words.len() <= 2 && words.iter().any(|w| impact.contains(w)) && words.iter().all(|w| impact.contains(w) || whose.contains(w)) {
        return Some("impact window".to_string());
    }
    let about = ["incident", "outage", "disruption", "event", "failure", "occurrence", "issue"];
    // `Date of issue`, `Issue date`: when the document was issued.
    if matches!(key.as_str(), "date of issue" | "issue date") {
        return None;
    }
    (words.len() <= 4 && words.contains(&"date") && words.iter().any(|w| about.contains(w))).then(|| "date".to_string())
}

/// The bracketed note of a key (`Incident start (UTC)`), added to its value
/// so that the zone it names is read with the time.
fn key_note(written: &str) -> Option<&str> {
    let t = written.trim().trim_matches('*').trim();
    let inner = t.strip_suffix(')')?;
    let note = &inner[inner.rfind('(')? + 1..];
    (note.len() <= 12 && note.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | ':' | ' '))).then_some(note)
}

pub(super) fn meta_pair(line: &str) -> Option<(String, String)> {
    let l = line.trim().trim_start_matches(['-', '*']).trim();
    // `INCIDENT START ........ 03/11/2024 08:47 MDT`: a key led to its value
    // by dots, as plain-text forms write them.
    if let Some(i) = l.find("...")
        && !l[..i].contains(':')
    {
        let value = l[i..].trim_start_matches(['.', ' ', '…']);
        return keyed(l[..i].trim(), value.trim());
    }
    // `**首次发现**：2026-05-28`: Chinese and Japanese write a full-width colon.
    let (k, v) = l.split_once([':', '：'])?;
    // `**Date**: 30th January 2023\` (a Markdown hard break at the end)
    let value = v.trim().trim_start_matches('*').trim().trim_end_matches('\\').trim_end();
    keyed(k, value)
}

/// The field `key` names and its `value`, with the key's bracketed note
/// (`Incident start (UTC)`) after the value; `None` for an empty value.
fn keyed(key: &str, value: &str) -> Option<(String, String)> {
    let field = meta_key(key)?;
    if value.is_empty() {
        return None;
    }
    Some((field, key_note(key).map_or_else(|| value.to_string(), |note| format!("{value} {note}"))))
}

pub(super) fn is_metadata(text: &str) -> bool {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    !lines.is_empty() && lines.iter().all(|l| meta_pair(l).is_some())
}

/// Every `Key: value` field of a body: the lead's (`lead`, the blocks
/// between the title and the first section), headings of their own, the
/// detail sections' (`## Key timestamps`), the fields opening a summary
/// section, and the impact window's fields in the summary or impact
/// sections (`- **Customer impact:** 09:41Z – 13:47Z`; their other fields
/// belong to the story).
pub(super) fn gather(blocks: &[Block], sections: &[(usize, Range<usize>)], lead: Range<usize>) -> Vec<(String, String, usize)> {
    let mut out = Vec::new();
    let lead_end = lead.end;
    metadata(&blocks[lead], &mut out);
    heading_metadata(blocks, &mut out);
    let role = |h: usize| match &blocks[h].kind {
        Kind::Heading(_, t) => role_of(t),
        _ => None,
    };
    for (h, range) in sections {
        if let Kind::Heading(_, t) = &blocks[*h].kind
            && DETAIL_SECTIONS.contains(&normalise_heading(t).as_str())
        {
            let mut more = Vec::new();
            metadata(&blocks[range.clone()], &mut more);
            extend_new(&mut out, more);
        }
    }
    // A summary section that opens with `Key: value` lines or a table of
    // them (a template's header table moved under "Incident overview")
    // counts too.
    if let Some((_, range)) = sections.iter().find(|(h, _)| *h >= lead_end).filter(|(h, _)| role(*h) == Some(SectionRole::Summary))
        && let Some(first) = blocks[range.clone()].first().filter(|b| matches!(b.kind, Kind::Paragraph | Kind::Table(..) | Kind::Html))
    {
        let mut more = Vec::new();
        metadata(std::slice::from_ref(first), &mut more);
        extend_new(&mut out, more);
    }
    for (h, range) in sections {
        if matches!(role(*h), Some(SectionRole::Summary | SectionRole::Impact)) {
            let mut more = Vec::new();
            metadata(&blocks[range.clone()], &mut more);
            more.retain(|(k, _, _)| matches!(k.as_str(), "impact window" | "impact start" | "impact end"));
            extend_new(&mut out, more);
        }
    }
    out
}

/// `Key: value` lines and list items, and `| Key | Value |` tables among
/// the lead blocks.
pub(super) fn metadata(blocks: &[Block], out: &mut Vec<(String, String, usize)>) {
    for b in blocks {
        match &b.kind {
            Kind::Paragraph if b.source.contains("<br") => {
                // `Status: final<br> Owners: amirh@<br> Date: 2019-12-11<br>`
                let flat = join_lines(&b.source);
                for piece in flat.split("<br />").flat_map(|p| p.split("<br/>")).flat_map(|p| p.split("<br>")) {
                    out.extend(meta_pieces(piece).into_iter().map(|(k, v)| (k, v, b.line)));
                }
            }
            Kind::Paragraph => {
                for (i, line) in b.source.lines().enumerate() {
                    out.extend(meta_pieces(line).into_iter().map(|(k, v)| (k, v, b.line + i)));
                }
            }
            // `> **首次发现**：2026-05-28` / `> **状态**：已修复`: fields
            // quoted as a header card.
            Kind::Quote if b.source.lines().all(|l| l.trim().trim_start_matches('>').trim().is_empty() || l.contains([':', '：'])) => {
                for (i, line) in b.source.lines().enumerate() {
                    out.extend(meta_pieces(line.trim().trim_start_matches('>')).into_iter().map(|(k, v)| (k, v, b.line + i)));
                }
            }
            Kind::Html if !b.source.to_ascii_lowercase().contains("<table") => {
                // `<p><strong>Owner:</strong> IT &nbsp;|&nbsp; <strong>Incident date:</strong> 2031-05-02</p>`
                for (i, line) in html_lines(&b.source).iter().enumerate() {
                    out.extend(
                        meta_pieces(line).into_iter().map(|(k, v)| (k, v, b.line + i.min(b.source.lines().count().saturating_sub(1)))),
                    );
                }
            }
            // `- **When:** Thursday, November 14, 2031` (a template's fields
            // as a list).
            Kind::List(items) => {
                for item in items {
                    out.extend(meta_pieces(&item.text).into_iter().map(|(k, v)| (k, v, item.line)));
                }
            }
            // A Confluence page's field table: `<tr><th>Date</th><td>03 Dec 2031</td></tr>`.
            Kind::Html if b.source.to_ascii_lowercase().contains("<table") => {
                let (header, rows) = super::timeline::html_table(&b.source, b.line);
                if header.len() == 2 && rows.iter().all(|r| r.cells.len() == 2) {
                    table_fields(&header, &rows, b.line, out);
                }
            }
            Kind::Table(header, rows) if header.len() == 2 => table_fields(header, rows, b.line, out),
            _ => {}
        }
    }
}

/// The fields of a two-column table, its header row (on `line`) included:
/// `| Severity | SEV-2 |`. Rows with fewer than two cells are skipped.
fn table_fields(header: &[String], rows: &[super::blocks::Row], line: usize, out: &mut Vec<(String, String, usize)>) {
    let pairs = std::iter::once((header[0].as_str(), header[1].as_str(), line))
        .chain(rows.iter().filter(|r| r.cells.len() >= 2).map(|r| (r.cells[0].as_str(), r.cells[1].as_str(), r.line)));
    for (k, v, line) in pairs {
        if let Some((key, value)) = keyed(k, v.trim()) {
            out.push((key, value, line));
        }
    }
}

/// The `Key: value` pairs of one line: `**Owner:** Ana | **Date:** 2031-05-02`
/// gives both.
fn meta_pieces(line: &str) -> Vec<(String, String)> {
    // `Written by H · Incident date: 2024-09-26`
    if line.contains(['|', '·', '•']) {
        let found: Vec<(String, String)> = line.split(['|', '·', '•']).filter_map(meta_pair).collect();
        if !found.is_empty() {
            return found;
        }
    }
    // `**Status:** Final    **Owner:** Jonas`: bold keys side by side, or
    // fields parted by a tab or a run of spaces (a document's tab stops).
    let pieces = bold_key_pieces(line);
    let pieces = if pieces.len() > 1 { pieces } else { split_runs_of_space(line) };
    if pieces.len() > 1 {
        let found: Vec<(String, String)> = pieces.into_iter().filter_map(meta_pair).collect();
        if !found.is_empty() {
            return found;
        }
    }
    meta_pair(line).into_iter().collect()
}

/// `line` cut before each bold key after the first (`**Owner:**`,
/// `**Owner**:`).
fn bold_key_pieces(line: &str) -> Vec<&str> {
    let mut cuts = vec![0];
    let mut from = 0;
    while let Some(i) = line[from..].find("**").map(|i| i + from) {
        let Some(len) = line[i + 2..].find("**") else { break };
        let inner = &line[i + 2..i + 2 + len];
        let after = &line[i + 4 + len..];
        let is_key = !inner.is_empty() && inner.len() <= 40 && (inner.ends_with(':') || after.starts_with(':'));
        if is_key && i > 0 {
            cuts.push(i);
        }
        from = i + 4 + len;
    }
    cuts.iter().zip(cuts.iter().skip(1).chain(std::iter::once(&line.len()))).map(|(&a, &b)| &line[a..b]).collect()
}

/// `line` cut at tabs and at runs of three or more spaces.
fn split_runs_of_space(line: &str) -> Vec<&str> {
    let trimmed = line.trim();
    if !trimmed.contains('\t') && !trimmed.contains("   ") {
        return vec![line];
    }
    let mut out = Vec::new();
    let mut start = 0;
    let b = trimmed.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\t' || (b[i] == b' ' && b.get(i + 1) == Some(&b' ') && b.get(i + 2) == Some(&b' ')) {
            let end = i;
            while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
                i += 1;
            }
            out.push(&trimmed[start..end]);
            start = i;
        } else {
            i += 1;
        }
    }
    out.push(&trimmed[start..]);
    out
}

/// The text of an HTML block, a line per paragraph or line break, with its
/// tags dropped and common entities decoded.
fn html_lines(html: &str) -> Vec<String> {
    let mut text = String::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        text.push_str(&rest[..i]);
        let Some(j) = rest[i..].find('>') else { break };
        let tag = rest[i + 1..i + j].trim().to_ascii_lowercase();
        if tag.starts_with("br") || tag == "/p" || tag == "/div" || tag == "/li" {
            text.push('\n');
        }
        rest = &rest[i + j + 1..];
    }
    text.push_str(rest);
    let text = text.replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
    text.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|l| !l.is_empty()).collect()
}

/// Add the pairs of `more` whose field `out` does not have yet.
pub(super) fn extend_new(out: &mut Vec<(String, String, usize)>, more: Vec<(String, String, usize)>) {
    let known: Vec<String> = out.iter().map(|(k, _, _)| k.clone()).collect();
    out.extend(more.into_iter().filter(|(k, _, _)| !known.contains(k)));
}

/// `### Date` over `2031-01-14`: a template that gives each field a
/// heading of its own, its value the one short line under it.
pub(super) fn heading_metadata(blocks: &[Block], out: &mut Vec<(String, String, usize)>) {
    for pair in blocks.windows(2) {
        let (Kind::Heading(_, title), next) = (&pair[0].kind, &pair[1]) else { continue };
        let Some(key) = meta_key(title.trim().trim_end_matches(':')) else { continue };
        let value = match &next.kind {
            Kind::Paragraph if !next.source.trim().contains('\n') => next.source.trim().to_string(),
            Kind::List(items) if items.len() == 1 => items[0].text.trim().to_string(),
            _ => continue,
        };
        if (1..=100).contains(&value.len()) && !out.iter().any(|(k, _, _)| *k == key) {
            out.push((key, value, next.line));
        }
    }
}

/// `- **Impact**: All HTTPS requests failed for thirty days.`: an impact
/// field that says what happened (three words at least, not a range of
/// times, which gives the window, nor a level such as `High`).
pub(super) fn impact_field(metadata: &[(String, String, usize)], zones: &crate::datetime::ZoneTable) -> Option<super::Located> {
    metadata.iter().filter(|(k, _, _)| k == "impact window").find_map(|(_, v, line)| {
        let text = join_lines(v);
        // Words of prose: not zones (`IST`), units (`h`, `min`) or months.
        let words = text
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| w.chars().count() >= 3 && w.chars().all(char::is_alphabetic) && !w.chars().all(|c| c.is_uppercase()))
            .filter(|w| {
                super::when::month(w).is_none() && !matches!(w.to_lowercase().as_str(), "min" | "mins" | "hours" | "hour" | "impact")
            })
            .count();
        let times = super::when::starts(&text, false)
            .filter(|&i| super::when::leading_when(&text[i..], zones, false).is_some_and(|(w, _)| w.time.is_some()))
            .count();
        (words >= 3 && times < 2).then(|| super::Located { text: text.trim().to_string(), line: *line, detail: "`Impact:` field".into() })
    })
}

/// A paragraph of `Key: value` lines only, one of them `Title:`: its line
/// within the paragraph and the title.
pub(super) fn metadata_header_title(source: &str) -> Option<(usize, &str)> {
    fn pair(l: &str) -> Option<(&str, &str)> {
        let (k, v) = l.split_once(": ")?;
        let key = k.trim();
        (!key.is_empty()
            && key.len() <= 20
            && key.split_whitespace().count() <= 2
            && key.chars().all(|c| c.is_ascii_alphabetic() || matches!(c, '_' | '-' | ' '))
            && !v.trim().is_empty())
        .then(|| (key, v.trim()))
    }
    let lines: Vec<&str> = source.lines().collect();
    if lines.len() < 2 || !lines.iter().all(|l| pair(l).is_some()) {
        return None;
    }
    lines.iter().enumerate().find_map(|(k, l)| pair(l).filter(|(key, _)| key.eq_ignore_ascii_case("title")).map(|(_, v)| (k, v)))
}

/// Lines of `Key: value` fields, whatever their keys (`Author: Jess`,
/// `Reviewed: Jan 4, 2024 review meeting`): not prose.
pub(super) fn fields_only(source: &str) -> bool {
    let field = |l: &str| {
        let l = l.trim().trim_start_matches(['*', '_', '-', ' ']);
        l.split_once(':').is_some_and(|(k, v)| {
            let k = k.trim_end_matches(['*', '_']);
            !k.is_empty()
                && k.len() <= 30
                && k.split_whitespace().count() <= 4
                && k.starts_with(|c: char| c.is_alphabetic())
                && !k.chars().any(|c| c.is_ascii_digit())
                && v.starts_with(' ')
        })
    };
    let lines: Vec<&str> = source.lines().filter(|l| !l.trim().is_empty()).collect();
    lines.len() >= 2 && lines.iter().all(|l| field(l))
}
