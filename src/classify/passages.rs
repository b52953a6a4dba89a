//! The parts of a document that are read: the title, the opening text, and
//! the body's lines under headings of the roles `[classify] read` names
//! (a heading without a role of its own takes its parent's), with code
//! blocks, link targets and HTML tags left out.

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
    /// Action items: only `remedy` rules apply.
    pub remedy_only: bool,
    /// (1-based file line, cleaned text).
    pub lines: Vec<(usize, String)>,
}

/// (1-based file line, cleaned text) pairs.
type Lines = Vec<(usize, String)>;

/// Section roles whose text states causes.
pub const CAUSAL: &[&str] = &["root_cause", "contributing_factors", "trigger"];

/// Roles left out when the whole body is read as a fallback: they describe
/// symptoms, remedies or the hour-by-hour hypotheses, not causes.
const NOT_CAUSES: &[&str] = &["timeline", "action_items", "impact", "resolution"];

impl Passage {
    /// Points for a strong and a weak match here.
    pub fn weights(&self) -> (u32, u32) {
        if self.causal { (4, 2) } else { (3, 1) }
    }

    fn new(label: String, causal: bool, lines: Vec<(usize, String)>) -> Self {
        Passage { label, causal, title: false, remedy_only: false, lines }
    }
}

fn lucky(title: &str) -> bool {
    let t = title.to_ascii_lowercase();
    t.contains("lucky") || t.contains("went well") || t.contains("went right")
}

/// The passages of `inc` named by `read` (see `[classify] read`): `title`,
/// section roles, `other` (sections without a role, and the text before the
/// first heading), or `body` (everything). When `read` names a causal role
/// but the document has no such section, the rest of the body (less
/// timeline, impact and resolution) is read as a non-causal passage. Action
/// items are always read, for `remedy` rules only.
pub fn collect(inc: &Incident, body: &str, body_line: usize, read: &[String]) -> Vec<Passage> {
    let wants = |part: &str| read.iter().any(|r| r == part);
    let lines: Vec<&str> = body.lines().collect();
    // The role each section stands in: its own, else its parent's; and
    // whether it is a "where we got lucky" section (or inside one).
    let mut roles: Vec<(Option<&str>, bool)> = Vec::with_capacity(inc.sections.len());
    for (k, s) in inc.sections.iter().enumerate() {
        let parent = (0..k).rev().find(|&j| inc.sections[j].level < s.level);
        let (p_role, p_lucky) = parent.map_or((None, false), |j| roles[j]);
        roles.push((s.role.as_deref().or(p_role), lucky(&s.title) || p_lucky));
    }
    // Group the body's lines by the section they are in (`None`: before the
    // first heading), leaving out code blocks and the headings themselves.
    let headings: Vec<usize> = inc.sections.iter().map(|s| s.line).collect();
    let mut groups: Vec<(Option<usize>, Lines)> = Vec::new();
    let mut fence = false;
    let mut current: Option<usize> = None;
    for (i, raw) in lines.iter().enumerate() {
        let n = body_line + i;
        let t = raw.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = !fence;
            continue;
        }
        if fence {
            continue;
        }
        if let Some(k) = headings.iter().position(|&h| h == n) {
            current = Some(k);
            continue;
        }
        if !raw.chars().any(char::is_alphabetic) {
            continue;
        }
        if groups.last().is_none_or(|(g, _)| *g != current) {
            groups.push((current, Vec::new()));
        }
        if let Some((_, ls)) = groups.last_mut() {
            ls.push((n, super::rules::clean_line(raw)));
        }
    }
    let mut out = Vec::new();
    if wants("title") {
        let line = inc.provenance.get("title").and_then(|p| p.line).unwrap_or(1);
        out.push(Passage { label: "title".into(), causal: false, title: true, remedy_only: false, lines: vec![(line, inc.title.clone())] });
    }
    let mut rest: Vec<(usize, String)> = Vec::new();
    let mut any_causal = false;
    for (section, ls) in groups {
        let (role, is_lucky) = section.map_or((None, false), |k| roles[k]);
        if is_lucky {
            continue;
        }
        let heading = section.map(|k| inc.sections[k].title.as_str()).unwrap_or("");
        if wants("body") {
            out.push(Passage::new(format!("body \"{heading}\""), false, ls));
            continue;
        }
        match role {
            Some("action_items") => out.push(Passage {
                label: format!("action_items \"{heading}\""),
                causal: false,
                title: false,
                remedy_only: true,
                lines: ls,
            }),
            Some(r) if wants(r) => {
                let causal = CAUSAL.contains(&r);
                any_causal |= causal;
                out.push(Passage::new(format!("{r} \"{heading}\""), causal, ls));
            }
            None if section.is_none() && wants("summary") => out.push(Passage::new("summary (opening text)".into(), false, ls)),
            None if section.is_some() && wants("other") => out.push(Passage::new(format!("other \"{heading}\""), false, ls)),
            Some(r) if NOT_CAUSES.contains(&r) => {}
            _ => rest.extend(ls),
        }
    }
    if !any_causal && CAUSAL.iter().any(|r| wants(r)) && !rest.is_empty() {
        out.push(Passage::new("body".into(), false, rest));
    }
    out
}
