//! Internal and public builds.
//!
//! Post-mortems often hold detail meant only for the organisation: customer
//! names, internal hosts, people. Three markings say what is internal:
//!
//! - a whole document: front matter `internal: true`;
//! - front-matter fields: `internal_fields: [impact.metrics, authors]`;
//! - parts of the body: a heading ending in `(internal)` marks its section
//!   (down to the next heading of the same or a higher level), and
//!   `<!-- internal -->` … `<!-- /internal -->` marks any run of lines.
//!
//! A normal build publishes everything. A public build (`pmbook build
//! --public`, or `[build] public = true`) leaves all of it out: internal
//! sections are blanked before the body is read, so nothing in them (text,
//! timeline rows, action items) reaches the model; internal fields are
//! emptied; internal documents are dropped after the archive-wide checks,
//! together with every reference other documents make to them. Search,
//! feeds and exports are built from what is left.

use std::borrow::Cow;

use crate::model::Incident;

/// Front-matter fields that `internal_fields` may name.
pub const FIELDS: &[&str] = &[
    "summary",
    "severity",
    "services",
    "teams",
    "tags",
    "contributing_factors",
    "authors",
    "related",
    "recurrence_of",
    "ticket",
    "impact",
    "impact.summary",
    "impact.metrics",
    "timeline",
    "root_cause",
    "action_items",
    "action_items.owner",
];

/// The marker that ends a heading whose section is internal.
const HEADING_MARK: &str = "(internal)";

/// Whether a Markdown line opens or closes an internal block.
fn comment_marker(line: &str) -> Option<bool> {
    let t = line.trim();
    let inner = t.strip_prefix("<!--")?.strip_suffix("-->")?.trim().to_ascii_lowercase();
    match inner.as_str() {
        "internal" | "internal:start" | "begin internal" => Some(true),
        "/internal" | "internal:end" | "end internal" => Some(false),
        _ => None,
    }
}

/// ATX heading level and text of `line`, if it is one.
fn heading(line: &str) -> Option<(usize, &str)> {
    let t = line.trim_start();
    if line.len() - t.len() > 3 {
        return None;
    }
    let level = t.bytes().take_while(|&b| b == b'#').count();
    let rest = &t[level..];
    ((1..=6).contains(&level) && (rest.is_empty() || rest.starts_with([' ', '\t'])))
        .then(|| (level, rest.trim().trim_end_matches('#').trim()))
}

/// Whether a heading's text marks its section internal.
pub fn is_internal_heading(text: &str) -> bool {
    let t = text.trim_end();
    t.len() >= HEADING_MARK.len() && t[t.len() - HEADING_MARK.len()..].eq_ignore_ascii_case(HEADING_MARK)
}

/// `body` with every internal line blanked (kept as an empty line, so line
/// numbers in findings stay right). Fenced code is not searched for markers.
pub fn redact_body(body: &str) -> Cow<'_, str> {
    if !body.as_bytes().windows(8).any(|w| w.eq_ignore_ascii_case(b"internal")) {
        return Cow::Borrowed(body);
    }
    let mut out = String::with_capacity(body.len());
    let mut in_comment_block = false;
    let mut section: Option<usize> = None;
    let mut fence: Option<String> = None;
    let mut changed = false;
    for line in body.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        let mut hide = in_comment_block || section.is_some();
        if let Some(f) = &fence {
            if bare.trim_start().starts_with(f.as_str()) {
                fence = None;
            }
        } else if let Some(open) = comment_marker(bare) {
            in_comment_block = open;
            hide = true;
        } else if let Some((level, text)) = heading(bare) {
            if section.is_some_and(|l| level <= l) {
                section = None;
                hide = in_comment_block;
            }
            if !in_comment_block && section.is_none() && is_internal_heading(text) {
                section = Some(level);
                hide = true;
            }
        } else {
            let t = bare.trim_start();
            if t.starts_with("```") || t.starts_with("~~~") {
                fence = Some(t[..3].to_string());
            }
        }
        if hide {
            changed = true;
            if line.ends_with('\n') {
                out.push('\n');
            }
        } else {
            out.push_str(line);
        }
    }
    if changed { Cow::Owned(out) } else { Cow::Borrowed(body) }
}

/// Empty the fields the incident lists in `internal_fields`.
pub fn withhold_fields(inc: &mut Incident) {
    let fields = std::mem::take(&mut inc.internal_fields);
    for field in &fields {
        match field.as_str() {
            "summary" => inc.summary = None,
            "severity" => {
                inc.severity = None;
                inc.severity_rank = None;
            }
            "services" => inc.services.clear(),
            "teams" => inc.teams.clear(),
            "tags" => inc.tags.clear(),
            "contributing_factors" => {
                inc.contributing_factors.clear();
                inc.contributing_factors_text = None;
            }
            "authors" => inc.authors.clear(),
            "related" => inc.related.clear(),
            "recurrence_of" => inc.recurrence_of = None,
            "ticket" => inc.ticket = None,
            "impact" => inc.impact = Default::default(),
            "impact.summary" => inc.impact.summary = None,
            "impact.metrics" => inc.impact.metrics.clear(),
            "timeline" => inc.timeline.clear(),
            "root_cause" => inc.root_cause = None,
            "action_items" => inc.action_items.clear(),
            "action_items.owner" => inc.action_items.iter_mut().for_each(|a| a.owner = None),
            _ => {}
        }
        let prefix = field.as_str();
        inc.provenance.retain(|k, _| !(k == prefix || k.starts_with(&format!("{prefix}.")) || k.starts_with(&format!("{prefix}["))));
    }
    if fields.iter().any(|f| f == "impact") {
        inc.durations = Default::default();
    }
    inc.internal_fields = fields;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_sections_and_blocks_are_blanked_keeping_lines() {
        let body = "## Impact\n\nPublic.\n\n## Customers (internal)\n\nAcme Corp.\n\n### Detail\n\nMore.\n\n## Timeline\n\n<!-- internal -->\nsecret line\n<!-- /internal -->\nPublic again.\n\n```\n## Not a heading (internal)\n```\n";
        let out = redact_body(body);
        assert_eq!(out.lines().count(), body.lines().count());
        assert!(!out.contains("Acme") && !out.contains("More.") && !out.contains("secret"), "{out}");
        assert!(out.contains("Public.") && out.contains("## Timeline") && out.contains("Public again."));
        assert!(out.contains("## Not a heading (internal)"), "fenced code is left alone");
        assert!(matches!(redact_body("## Plain\n\ntext\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn heading_marker_is_case_insensitive_and_at_the_end() {
        assert!(is_internal_heading("Customer list (Internal)"));
        assert!(!is_internal_heading("Internal tooling"));
        assert_eq!(heading("### Who (internal) ##"), Some((3, "Who (internal)")));
        assert_eq!(heading("#hashtag"), None);
    }
}
