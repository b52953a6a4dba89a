//! Reading front-matter values into typed fields, reporting every problem
//! at the line of the key that holds it.

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::datetime::{self, TimeError, Zone, ZoneTable};
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::frontmatter::{Locator, Node};

/// Top-level front-matter keys.
pub const TOP_KEYS: &[&str] = &[
    "id",
    "title",
    "slug",
    "summary",
    "date",
    "severity",
    "status",
    "services",
    "teams",
    "tags",
    "contributing_factors",
    "authors",
    "related",
    "recurrence_of",
    "ticket",
    "timezone",
    "impact",
    "timeline",
    "root_cause",
    "action_items",
    "internal",
    "internal_fields",
];
/// Spellings other tools use for pmbook's keys, read when the pmbook key is
/// absent: Jekyll/Hugo-style `author`, `categories`, `description`, …
pub const KEY_ALIASES: &[(&str, &[&str])] = &[
    ("title", &["heading", "headline"]),
    ("authors", &["author"]),
    ("tags", &["categories", "labels", "keywords"]),
    ("teams", &["team"]),
    ("services", &["service", "components", "systems"]),
    ("summary", &["description", "abstract", "tldr"]),
    ("contributing_factors", &["factors", "contributors"]),
    ("date", &["incident_date", "date_of_incident"]),
    // A service alert's `reason: A power incident caused …`.
    ("root_cause", &["cause", "reason"]),
];

/// `impact.started` and `impact.resolved` written flat at the top level by
/// other templates, read when `impact:` does not give them.
pub const FLAT_IMPACT_KEYS: &[(&str, &[&str])] = &[
    // A service alert's `start_date: 2023-06-18 15:30 BST` / `end_date:`.
    (
        "started",
        &[
            "impact_start",
            "impact_started",
            "impact_start_time",
            "outage_start",
            "incident_start",
            "start_date",
            "start_time",
            "started_at",
        ],
    ),
    (
        "resolved",
        &[
            "impact_end",
            "impact_ended",
            "impact_resolved",
            "impact_end_time",
            "outage_end",
            "incident_end",
            "end_date",
            "end_time",
            "ended_at",
        ],
    ),
];

/// Keys of `impact`.
pub const IMPACT_KEYS: &[&str] = &["started", "detected", "mitigated", "resolved", "summary", "metrics"];
/// Keys of each `impact.metrics` entry.
pub const METRIC_KEYS: &[&str] = &["name", "value"];
/// Keys of each `timeline` entry.
pub const EVENT_KEYS: &[&str] = &["at", "kind", "text"];
/// Keys of each `action_items` entry.
pub const ACTION_KEYS: &[&str] = &["title", "owner", "status", "due", "kind", "tracker", "url", "phase", "done"];

/// A typed reader over one document's front matter.
pub struct Reader<'a> {
    /// Where keys are.
    pub loc: &'a Locator,
    /// The file, for diagnostics.
    pub file: PathBuf,
    /// Zone abbreviations.
    pub zones: &'a ZoneTable,
    /// Everything found so far.
    pub diags: Vec<Diagnostic>,
}

impl<'a> Reader<'a> {
    /// Report an error at `path`.
    pub fn error(&mut self, code: &'static str, path: &str, message: impl Into<String>) {
        let (line, column) = self.loc.position(path);
        self.diags.push(Diagnostic::error(code, self.file.clone(), line, message).at_column(column));
    }

    /// Report an error about the value at `path` (pointing at the value).
    pub fn value_error(&mut self, code: &'static str, path: &str, message: impl Into<String>) {
        let (line, column) = self.loc.value_position(path);
        self.diags.push(Diagnostic::error(code, self.file.clone(), line, message).at_column(column));
    }

    /// Report an error about the value at `path`, with a hint.
    pub fn value_error_help(&mut self, code: &'static str, path: &str, message: impl Into<String>, help: Option<String>) {
        let (line, column) = self.loc.value_position(path);
        let mut d = Diagnostic::error(code, self.file.clone(), line, message).at_column(column);
        if let Some(h) = help {
            d = d.with_help(h);
        }
        self.diags.push(d);
    }

    /// Report a warning at `path`.
    pub fn warning(&mut self, code: &'static str, path: &str, message: impl Into<String>) {
        let (line, column) = self.loc.position(path);
        self.diags.push(Diagnostic::warning(code, self.file.clone(), line, message).at_column(column));
    }

    /// Report keys of `map` (at `prefix`) that are not in `known`.
    pub fn unknown_keys(&mut self, map: &Node, prefix: &str, known: &[&str]) {
        let Node::Map(entries) = map else { return };
        for (key, _) in entries {
            if known.contains(&key.as_str()) {
                continue;
            }
            let path = join(prefix, key);
            let (line, column) = self.loc.position(&path);
            let alias = |table: &[(&str, &[&str])]| table.iter().any(|(_, aliases)| aliases.contains(&key.as_str()));
            if prefix.is_empty() && (alias(KEY_ALIASES) || alias(FLAT_IMPACT_KEYS) || super::foreign::reads(key)) {
                continue;
            }
            let message = if prefix.is_empty() {
                format!("unknown front-matter key `{key}`")
            } else {
                format!("unknown key `{key}` in `{}`", strip_index(prefix))
            };
            let folded = key.replace('-', "_").to_lowercase();
            // A likely typo of a known key is an error (its value would be
            // lost); any other key, such as another tool's metadata, is left
            // out of the model with a warning.
            let d = match known.iter().find(|k| **k == folded).copied().or_else(|| did_you_mean(key, known.iter().copied())) {
                Some(s) => Diagnostic::error("unknown-key", self.file.clone(), line, message).with_help(format!("did you mean `{s}`?")),
                None => Diagnostic::warning("unknown-key", self.file.clone(), line, format!("{message} is ignored"))
                    .with_help(format!("pmbook reads: {}", known.join(", "))),
            };
            self.diags.push(d.at_column(column));
        }
    }

    /// A scalar as text; `None` when absent or empty. Lists and maps are an error.
    pub fn text(&mut self, node: Option<&Node>, path: &str) -> Option<String> {
        match node? {
            Node::Null => None,
            Node::List(_) | Node::Map(_) => {
                let found = node.map_or("", Node::type_name);
                self.error("wrong-type", path, format!("`{}` must be a single value, not {found}", leaf(path)));
                None
            }
            n => n.as_text().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()),
        }
    }

    /// A list of words: a list of scalars, or one string (comma-separated).
    pub fn words(&mut self, node: Option<&Node>, path: &str) -> Vec<String> {
        match node {
            None | Some(Node::Null) => Vec::new(),
            Some(Node::List(items)) => {
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    match item.as_text() {
                        Some(t) if !t.trim().is_empty() => out.push(t.trim().to_string()),
                        Some(_) | None if matches!(item, Node::Null) => {}
                        Some(_) => {}
                        // Docusaurus and Hugo authors: `- name: Ana Ruiz` with `url`, `title`…
                        None if item.get("name").and_then(Node::as_text).is_some_and(|t| !t.trim().is_empty()) => {
                            out.extend(item.get("name").and_then(Node::as_text).map(|t| t.trim().to_string()))
                        }
                        None => self.error(
                            "wrong-type",
                            &format!("{path}[{i}]"),
                            format!("items of `{}` must be words, not {}", leaf(path), item.type_name()),
                        ),
                    }
                }
                out
            }
            Some(Node::Map(_)) => {
                self.error("wrong-type", path, format!("`{}` must be a list, not a table/mapping", leaf(path)));
                Vec::new()
            }
            Some(n) => {
                n.as_text().map(|t| t.split(',').map(|w| w.trim().to_string()).filter(|w| !w.is_empty()).collect()).unwrap_or_default()
            }
        }
    }

    /// A list of maps (timeline, action items, metrics). Anything else is an error.
    pub fn table_list<'n>(&mut self, node: Option<&'n Node>, path: &str) -> Vec<(String, &'n Node)> {
        match node {
            None | Some(Node::Null) => Vec::new(),
            Some(Node::List(items)) => {
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    let p = format!("{path}[{i}]");
                    if matches!(item, Node::Map(_)) {
                        out.push((p, item));
                    } else {
                        self.error(
                            "wrong-type",
                            &p,
                            format!("each entry of `{}` must be a table/mapping of keys, not {}", leaf(path), item.type_name()),
                        );
                    }
                }
                out
            }
            Some(n) => {
                self.error("wrong-type", path, format!("`{}` must be a list of entries, not {}", leaf(path), n.type_name()));
                Vec::new()
            }
        }
    }

    /// A calendar date.
    pub fn date(&mut self, node: Option<&Node>, path: &str) -> Option<NaiveDate> {
        let text = self.text(node, path)?;
        match datetime::parse_date(&text) {
            Ok(d) => Some(d),
            // A date, not a date-time: the hint is the date's form.
            Err(TimeError::Format(_)) => {
                self.value_error_help(
                    "invalid-date",
                    path,
                    format!("`{}`: `{text}` is not a date", leaf(path)),
                    Some("write a date as YYYY-MM-DD, e.g. 2024-03-05".into()),
                );
                None
            }
            Err(e) => {
                self.value_error(time_code(&e), path, format!("`{}`: {e}", leaf(path)));
                None
            }
        }
    }

    /// A date-time; the date and zone may come from the defaults.
    pub fn time(
        &mut self,
        node: Option<&Node>,
        path: &str,
        date: Option<NaiveDate>,
        zone: Option<Zone>,
    ) -> Option<(DateTime<FixedOffset>, String, Option<Zone>)> {
        let text = self.text(node, path)?;
        let result = datetime::parse_time(&text, self.zones).and_then(|p| {
            let used = p.zone.or(zone);
            p.resolve(date, zone).map(|t| (t, used))
        });
        match result {
            Ok((t, used)) => Some((t, text, used)),
            Err(e) => {
                let help = match &e {
                    TimeError::UnknownZone(z) => datetime::zone_suggestion(z).map(|s| format!("did you mean `{s}`?")),
                    _ => None,
                };
                self.value_error_help(time_code(&e), path, format!("`{}`: {e}", leaf(path)), help);
                None
            }
        }
    }

    /// An enumerated value parsed with `parse`; reports the allowed spellings.
    pub fn choice<T>(&mut self, node: Option<&Node>, path: &str, parse: fn(&str) -> Option<T>, allowed: &[&str]) -> Option<T> {
        let text = self.text(node, path)?;
        let v = parse(&text);
        if v.is_none() {
            let help = crate::diagnostics::did_you_mean(&text, allowed.iter().copied()).map(|s| format!("did you mean `{s}`?"));
            self.value_error_help(
                "invalid-value",
                path,
                format!("`{}` is `{text}`, which is not one of: {}", leaf(path), allowed.join(", ")),
                help,
            );
        }
        v
    }
}

fn time_code(e: &TimeError) -> &'static str {
    match e {
        TimeError::Format(_) => "invalid-time",
        TimeError::ImpossibleDate(_) => "invalid-date",
        TimeError::UnknownZone(_) => "unknown-zone",
        TimeError::NoZone => "missing-zone",
        TimeError::NoDate => "missing-date",
    }
}

/// `a` + `b` → `a.b` (or `b` at the top).
pub fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() { key.to_string() } else { format!("{prefix}.{key}") }
}

fn leaf(path: &str) -> &str {
    let p = path.rsplit('.').next().unwrap_or(path);
    p.split('[').next().unwrap_or(p)
}

fn strip_index(path: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}
