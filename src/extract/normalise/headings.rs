//! Headings that lost their Markdown: `##What happened?`, bold labels
//! (`**Root cause:**`, `*Summary*`, `**Timeline** (CET)`), Jira's `h2.`, a
//! section's name alone over its text, wiki exports' `¶` marks, and the
//! headings of plain-text exports.

use super::super::sections::{named_role, role_of};

/// `##What happened?` → `## What happened?`; `**Root cause:**`, `*Root
/// cause*` (chat and Jira bold) or `**Timeline** (all times UTC)` alone on
/// a line → a heading (only for names of sections); Jira's `h2. Timeline`
/// → `## Timeline`.
pub(super) fn loose_heading(line: &str) -> Option<String> {
    let t = line.trim_end();
    let hashes = t.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && t[hashes..].starts_with(|c: char| c.is_alphabetic()) {
        let rest = &t[hashes..];
        if hashes >= 2 || role_of(rest).is_some() {
            return Some(format!("{} {rest}", &t[..hashes]));
        }
        return None;
    }
    // Jira's wiki markup: `h1. Title` … `h6. Notes`.
    if let Some(level) = t.strip_prefix('h').and_then(|r| r.get(..1)).and_then(|d| d.parse::<usize>().ok())
        && (1..=6).contains(&level)
        && t[2..].starts_with(". ")
        && !t[4..].trim().is_empty()
    {
        return Some(format!("{} {}", "#".repeat(level), t[4..].trim()));
    }
    let inner = t.trim().trim_end_matches(':');
    // A note in brackets after the bold name: `**Timeline** (CET)`.
    let (inner, note) = match inner.rfind(['*', '_']) {
        Some(i) if inner[i + 1..].trim_start().starts_with('(') && inner.ends_with(')') => (&inner[..=i], inner[i + 1..].trim()),
        _ => (inner, ""),
    };
    let inner = inner.trim_end_matches(':');
    let bold = inner
        .strip_prefix("**")
        .and_then(|x| x.strip_suffix("**"))
        .or_else(|| inner.strip_prefix("__").and_then(|x| x.strip_suffix("__")))
        .or_else(|| inner.strip_prefix('*').and_then(|x| x.strip_suffix('*')).filter(|x| !x.starts_with([' ', '*'])));
    let inner = bold?.trim().trim_end_matches(':').trim();
    let named = inner.len() <= 60 && !inner.contains('*') && role_of(inner).is_some();
    named.then(|| if note.is_empty() { format!("## {inner}") } else { format!("## {inner} {note}") })
}

/// The lines of a Markdown document that are a section's name standing
/// alone as a paragraph of one line, over a list (`Action Items` then `-
/// Set up alerting`) or a paragraph: headings pasted from a document
/// editor without their markup, in a document whose other headings have
/// theirs. Not in code blocks, not indented, at most four words.
pub(super) fn bare_labels<S: AsRef<str>>(lines: &[S]) -> Vec<usize> {
    let mut fenced = false;
    let mut found = Vec::new();
    // Only in a document that marks its other headings.
    if !lines.iter().any(|l| l.as_ref().starts_with("## ") || l.as_ref().starts_with("### ")) {
        return found;
    }
    for (i, line) in lines.iter().enumerate() {
        let line = line.as_ref();
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fenced = !fenced;
            continue;
        }
        let after_blank = i == 0 || lines[i - 1].as_ref().trim().is_empty();
        if fenced || !after_blank || line.starts_with([' ', '\t']) || !t.starts_with(|c: char| c.is_uppercase()) {
            continue;
        }
        let next = lines.get(i + 1).map_or("", |n| n.as_ref().trim_start());
        let listed = next.starts_with("- ") || next.starts_with("* ") || next.starts_with("+ ") || next.starts_with("1. ");
        let over_paragraph =
            next.is_empty() && lines.get(i + 2).is_some_and(|n| !n.as_ref().trim().is_empty() && !n.as_ref().starts_with('#'));
        let name = t.trim_end().trim_end_matches(':');
        // Words that also open a paragraph's thought (`Conclusion:`) are
        // not taken for a lost heading.
        let generic = ["conclusion", "conclusions", "description", "introduction", "purpose", "events", "scope", "response", "assessment"];
        if name.ends_with(['.', ',', ';', '!']) || generic.contains(&name.to_lowercase().as_str()) {
            continue;
        }
        if (listed || over_paragraph) && name.split_whitespace().count() <= 4 && named_role(name).is_some() {
            found.push(i);
        }
    }
    found
}

/// Each line followed by a lone `¶` line becomes a heading (the first one
/// the title), and the `¶` line becomes blank.
pub(super) fn pilcrow_headings(lines: &mut [String]) -> usize {
    let mut count = 0;
    for i in 0..lines.len() {
        if lines[i].trim() != "¶" {
            continue;
        }
        lines[i].clear();
        let Some(h) = (0..i).rev().find(|&j| !lines[j].trim().is_empty()) else { continue };
        let text = lines[h].trim().to_string();
        if text.starts_with('#') {
            continue;
        }
        lines[h] = format!("{} {text}", if count == 0 { "#" } else { "##" });
        count += 1;
    }
    count
}

/// No Markdown headings, lists or tables at all: a plain-text export.
pub(super) fn looks_plain(text: &str) -> bool {
    let body = text.trim_start();
    if body.starts_with("---") || body.starts_with("+++") {
        return false;
    }
    let markdown = text.lines().any(|l| {
        let t = l.trim_start();
        t.starts_with('#')
            || t.starts_with("- ")
            || t.starts_with("* ")
            || t.starts_with('|')
            || t.starts_with("```")
            || t.starts_with("==")
            || t.starts_with("--")
    });
    !markdown && text.lines().filter(|l| is_heading_line(l)).count() >= 2
}

pub(super) fn is_heading_line(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && t.len() <= 60 && !t.ends_with('.') && !t.ends_with(',') && role_of(t.trim_end_matches(':')).is_some()
}

/// Turn the title line and known section names standing alone into headings.
pub(super) fn promote_headings(lines: &mut [String]) -> usize {
    let mut count = 0;
    let first = lines.iter().position(|l| !l.trim().is_empty());
    for i in 0..lines.len() {
        // Already a heading (`h2. Summary` and `*Summary*` are made so first).
        if lines[i].starts_with('#') {
            continue;
        }
        let alone =
            (i == 0 || lines[i - 1].trim().is_empty()) && lines.get(i + 1).is_none_or(|n| n.trim().is_empty() || !n.starts_with(' '));
        if Some(i) == first && lines[i].trim().len() <= 120 && !lines[i].trim().ends_with('.') {
            lines[i] = format!("# {}", lines[i].trim());
            count += 1;
        } else if alone && is_heading_line(&lines[i]) {
            lines[i] = format!("## {}", lines[i].trim().trim_end_matches(':'));
            count += 1;
        }
    }
    count
}
