//! Action items outside an action-items section: labelled lines, a list
//! a sentence introduces, a paragraph that counts its steps off, and a
//! table of actions left without its heading.

use super::super::blocks::{Block, Item, Kind};
use super::{commits, from_item, table};
use crate::model::ActionItem;

/// Action items outside an action-items section: `Action item:`, `TODO:`,
/// `Follow-up:` lines, and a list introduced by a sentence such as "To
/// prevent this in the future, we've made these changes:".
pub fn loose(blocks: &[Block]) -> Vec<ActionItem> {
    let mut out = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        match &b.kind {
            Kind::Paragraph => {
                let flat = super::super::blocks::join_lines(&b.source);
                if flat.trim_end().ends_with(':')
                    && let Some(Block { kind: Kind::List(items), .. }) = blocks.get(i + 1)
                {
                    let lower = flat.to_lowercase();
                    // `We've already made a few changes:`, `Changes we are making:`
                    // (not `The deploy included the following changes:`).
                    let we =
                        lower.split_whitespace().any(|w| matches!(w, "we" | "we've" | "we’ve" | "we'll" | "we’ll" | "we're" | "we’re"));
                    let names_work = ["changes:", "fixes:", "improvements:", "steps:"].iter().any(|e| lower.trim_end().ends_with(e)) && we;
                    if names_work || LIST_INTROS.iter().any(|c| lower.contains(c)) {
                        out.extend(items.iter().filter_map(|it| from_item(it, None)));
                        continue;
                    }
                }
                // `We are taking several actions to prevent a recurrence.
                // First, we have disabled … Second, we will …`.
                if let Some(steps) = ordinal_steps(&flat) {
                    let item = |text: String| Item { text, line: b.line, checked: None, children: Vec::new() };
                    out.extend(steps.into_iter().filter_map(|t| from_item(&item(t), None)));
                    continue;
                }
                for (k, line) in b.source.lines().enumerate() {
                    if let Some(rest) = labelled(line) {
                        let item = Item { text: rest.to_string(), line: b.line + k, checked: None, children: Vec::new() };
                        out.extend(from_item(&item, None));
                    }
                }
            }
            // `| Action Item | Type | Owner | Bug |` wherever it stands (the
            // SRE book's template, its heading left out).
            Kind::Table(header, rows)
                if header.first().is_some_and(|h| {
                    let h = h.trim_matches(['*', '_', ' ']).to_ascii_lowercase();
                    matches!(h.as_str(), "action item" | "action items" | "action" | "actions" | "follow-up" | "follow-ups")
                }) =>
            {
                out.extend(table(header, rows));
            }
            Kind::List(items) => {
                for it in items {
                    if let Some(rest) = labelled(&it.text) {
                        let item = Item { text: rest.to_string(), ..it.clone() };
                        out.extend(from_item(&item, None));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The steps of a paragraph that announces what will prevent a recurrence
/// and counts them off (`First, we have disabled the workflow … Second, we
/// will change the controller … Finally, we will improve …`): one per
/// counted sentence, with the sentences after it up to the next; `None`
/// without at least two counted ones or an announcement.
fn ordinal_steps(text: &str) -> Option<Vec<String>> {
    const ORDINALS: [&str; 9] =
        ["First,", "Second,", "Third,", "Fourth,", "Fifth,", "Finally,", "Lastly,", "Additionally,", "In addition,"];
    let lower = text.to_lowercase();
    let announces =
        ["recurrence", "prevent", "happening again", "actions we are taking", "changes we are making"].iter().any(|c| lower.contains(c));
    let sentences = super::super::sentences(text);
    fn counted(s: &str) -> Option<&str> {
        ORDINALS.iter().find(|o| s.starts_with(*o)).map(|o| s[o.len()..].trim())
    }
    let firsts = sentences.iter().filter(|s| s.starts_with("First,") || s.starts_with("Second,")).count();
    if !announces || firsts < 2 {
        return None;
    }
    let mut steps: Vec<String> = Vec::new();
    let mut open = false;
    for s in &sentences {
        match counted(s) {
            Some(rest) => {
                let mut chars = rest.chars();
                steps.push(chars.next().map_or(String::new(), |f| f.to_uppercase().chain(chars).collect()));
                open = true;
            }
            // A sentence that goes on with the step above, until one that
            // no longer speaks of work (an apology).
            None if open && commits(s) => {
                if let Some(last) = steps.last_mut() {
                    last.push(' ');
                    last.push_str(s.trim());
                }
            }
            None => open = false,
        }
    }
    (steps.len() >= 2).then_some(steps)
}

/// Words in a sentence ending in `:` that introduce a list of actions.
const LIST_INTROS: &[&str] = &[
    "to prevent",
    "going forward",
    "moving forward",
    "in the future",
    "next steps",
    "action items",
    "follow-up",
    "follow up",
    "we will",
    "we'll",
    "we’ll",
    "we are taking",
    "we're taking",
    "we have made",
    "we've made",
    "we are making",
    "we're making",
    "improvements",
    "remediation",
    "we plan",
    "we are going to",
    "to avoid",
    "to ensure",
];

/// `Action item: …`, `**TODO:** …`, `Follow-up - …`, `**TODO** …` (a
/// bold label needs no colon) → the text after the label.
fn labelled(line: &str) -> Option<&str> {
    let trimmed = line.trim().trim_start_matches(['-', ' ']);
    let bold = trimmed.starts_with("**") || trimmed.starts_with("__");
    let t = trimmed.trim_start_matches(['*', '_', ' ']);
    let lower = t.to_ascii_lowercase();
    for label in ["action item", "action point", "action", "todo", "to do", "follow-up", "follow up", "followup", "ai"] {
        if let Some(rest) = lower.strip_prefix(label) {
            let rest_t = rest.trim_start_matches(['*', '_']);
            let closed = bold && (rest.starts_with("**") || rest.starts_with("__")) && rest_t.starts_with(' ');
            if let Some(after) = rest_t.strip_prefix(':').or_else(|| rest_t.strip_prefix(" -")).or(closed.then_some(rest_t)) {
                let cut = t.len() - after.len();
                let value = t[cut..].trim().trim_start_matches(['*', '_']).trim();
                return (value.len() >= 6).then_some(value);
            }
        }
    }
    None
}
