//! The parts of a document that are read: the title, and the body's lines
//! under headings of the roles `[classify] read` names, with code blocks,
//! link targets and HTML tags left out.

use crate::model::Incident;

/// Lines of one part of a document.
#[derive(Debug, Clone)]
pub struct Passage {
    /// What was read: the role and heading (`root_cause "What went wrong"`).
    pub label: String,
    /// A causal section (root cause, contributing factors, trigger): one
    /// strong match is enough.
    pub causal: bool,
    /// The title.
    pub title: bool,
    /// (1-based file line, cleaned text).
    pub lines: Vec<(usize, String)>,
}

/// Section roles whose text states causes.
pub const CAUSAL: &[&str] = &["root_cause", "contributing_factors", "trigger"];

/// Roles left out when the whole body is read as a fallback: they describe
/// symptoms, remedies or the hour-by-hour hypotheses, not causes.
const NOT_CAUSES: &[&str] = &["timeline", "action_items", "impact", "resolution"];

impl Passage {
    /// Points for a strong and a weak match here.
    pub fn weights(&self) -> (u32, u32) {
        if self.causal {
            (4, 2)
        } else if self.title {
            (3, 1)
        } else {
            (2, 1)
        }
    }
}

fn lucky(title: &str) -> bool {
    let t = title.to_ascii_lowercase();
    t.contains("lucky") || t.contains("went well") || t.contains("went right")
}

/// The passages of `inc` named by `read` (see `[classify] read`). When
/// `read` names a causal role but the document has no such section, the
/// whole body (less timeline, action items, impact and resolution) is read
/// as one non-causal passage.
pub fn collect(inc: &Incident, body: &str, body_line: usize, read: &[String]) -> Vec<Passage> {
    let lines: Vec<&str> = body.lines().collect();
    let mut code = vec![false; lines.len()];
    let mut fence = false;
    for (i, l) in lines.iter().enumerate() {
        let t = l.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = !fence;
            code[i] = true;
        } else {
            code[i] = fence;
        }
    }
    let end_of_body = body_line + lines.len();
    let span = |k: usize| {
        let s = &inc.sections[k];
        let end = inc.sections[k + 1..].iter().find(|o| o.level <= s.level).map_or(end_of_body, |o| o.line);
        (s.line + 1, end)
    };
    let take = |from: usize, to: usize, skip: &dyn Fn(usize) -> bool| -> Vec<(usize, String)> {
        (from.max(body_line)..to.min(end_of_body))
            .filter(|n| !code[n - body_line] && !skip(*n))
            .map(|n| (n, super::rules::clean_line(lines[n - body_line])))
            .filter(|(_, l)| l.chars().any(char::is_alphabetic))
            .collect()
    };
    let wants = |part: &str| read.iter().any(|r| r == part);
    let mut out = Vec::new();
    if wants("title") {
        let line = inc.provenance.get("title").and_then(|p| p.line).unwrap_or(1);
        out.push(Passage { label: "title".into(), causal: false, title: true, lines: vec![(line, inc.title.clone())] });
    }
    let lucky_spans: Vec<(usize, usize)> = (0..inc.sections.len()).filter(|&k| lucky(&inc.sections[k].title)).map(span).collect();
    let in_lucky = |n: usize| lucky_spans.iter().any(|(a, b)| (*a..*b).contains(&n));
    if wants("body") {
        out.push(Passage { label: "body".into(), causal: false, title: false, lines: take(body_line, end_of_body, &in_lucky) });
        return out;
    }
    let mut any_causal = false;
    for (k, s) in inc.sections.iter().enumerate() {
        let Some(role) = s.role.as_deref() else { continue };
        if !wants(role) || lucky(&s.title) {
            continue;
        }
        let causal = CAUSAL.contains(&role);
        any_causal |= causal;
        let (from, to) = span(k);
        out.push(Passage { label: format!("{role} \"{}\"", s.title), causal, title: false, lines: take(from, to, &in_lucky) });
    }
    if !any_causal && CAUSAL.iter().any(|r| wants(r)) {
        let skipped: Vec<(usize, usize)> = (0..inc.sections.len())
            .filter(|&k| inc.sections[k].role.as_deref().is_some_and(|r| NOT_CAUSES.contains(&r) || wants(r)))
            .map(span)
            .chain(lucky_spans.iter().copied())
            .collect();
        // Headings themselves stay out too: they name the parts, not causes.
        let headings: Vec<usize> = inc.sections.iter().map(|s| s.line).collect();
        let skip = |n: usize| skipped.iter().any(|(a, b)| (*a..*b).contains(&n)) || headings.contains(&n);
        out.push(Passage { label: "body".into(), causal: false, title: false, lines: take(body_line, end_of_body, &skip) });
    }
    out
}
