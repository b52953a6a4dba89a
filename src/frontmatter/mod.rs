//! Front matter: split it from the body and parse it into a [`Node`] tree.
//!
//! `---` opens YAML and `+++` opens TOML; the same delimiter closes it (YAML
//! also accepts `...`). Errors carry the line in the *file*, not in the block.

mod lenient;
mod locate;
mod node;

pub use lenient::{Lenient, read_lenient};
pub use locate::{Locator, PathSeg, path_string};
pub use node::Node;

use crate::model::FrontMatterFormat;

/// A document cut into front matter and body.
#[derive(Debug, Clone)]
pub struct Split<'a> {
    /// Which syntax, or `None` when the file has no front matter.
    pub format: FrontMatterFormat,
    /// The front-matter text between the delimiters.
    pub front: &'a str,
    /// 1-based file line of the first line of `front`.
    pub front_line: usize,
    /// The Markdown body.
    pub body: &'a str,
    /// 1-based file line where `body` starts.
    pub body_line: usize,
}

/// A located front-matter problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    /// 1-based file line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

/// Split `text` into front matter and body.
pub fn split(text: &str) -> Result<Split<'_>, FrontMatterError> {
    let first = text.lines().next().unwrap_or("");
    let (format, closers): (_, &[&str]) = match first.trim_end() {
        "---" => (FrontMatterFormat::Yaml, &["---", "..."]),
        "+++" => (FrontMatterFormat::Toml, &["+++"]),
        _ => {
            return Ok(Split { format: FrontMatterFormat::None, front: "", front_line: 1, body: text, body_line: 1 });
        }
    };
    let front_start = first.len() + usize::from(text.len() > first.len());
    let mut offset = front_start;
    for (line_no, line) in (2..).zip(text[front_start..].split_inclusive('\n')) {
        if closers.contains(&line.trim_end()) {
            let body_start = offset + line.len();
            return Ok(Split {
                format,
                front: &text[front_start..offset],
                front_line: 2,
                body: &text[body_start..],
                body_line: line_no + 1,
            });
        }
        offset += line.len();
    }
    Err(FrontMatterError {
        line: 1,
        column: 1,
        message: format!(
            "front matter opened with `{}` on line 1 is never closed (add a line with `{}` after it)",
            first.trim_end(),
            closers[0]
        ),
    })
}

/// Largest front-matter block parsed; beyond this the document is rejected
/// rather than risk runaway memory in the YAML parser.
pub const MAX_FRONT_MATTER_BYTES: usize = 1 << 20;

/// Whether text after an opening `---` that is not valid front matter is
/// Markdown instead: `---` used as a rule above the title, so the first
/// line with text is a heading (not a `key: value` line, as front matter
/// left unclosed has), and Markdown's own marks follow (`**bold**`, a `## `
/// heading, a link, a table row). Such a file is read as having no front
/// matter.
pub fn opens_with_a_rule(after: &str) -> bool {
    let lines: Vec<&str> = after.lines().take(60).collect();
    let heading = lines.iter().find(|l| !l.trim().is_empty()).is_some_and(|l| {
        let hashes = l.bytes().take_while(|&b| b == b'#').count();
        (1..=6).contains(&hashes) && l[hashes..].starts_with(' ') && l[hashes..].trim().chars().next().is_some_and(char::is_alphanumeric)
    });
    let marks = lines.iter().any(|l| l.contains("**") || l.starts_with("## ") || l.contains("](") || l.starts_with('|'));
    heading && marks
}

/// Parse the front matter of a split document into a [`Node`] map and the
/// [`Locator`] of its keys.
pub fn parse(split: &Split<'_>) -> Result<(Node, Locator), FrontMatterError> {
    if split.front.len() > MAX_FRONT_MATTER_BYTES {
        return Err(FrontMatterError {
            line: split.front_line,
            column: 1,
            message: format!("front matter is larger than {} KiB", MAX_FRONT_MATTER_BYTES / 1024),
        });
    }
    let empty = || Ok((Node::Map(Vec::new()), Locator::empty(split.front_line)));
    if split.front.trim().is_empty() {
        return empty();
    }
    let (node, locator) = match split.format {
        FrontMatterFormat::None => return empty(),
        FrontMatterFormat::Yaml => parse_yaml(split.front, split.front_line)?,
        FrontMatterFormat::Toml => parse_toml(split.front, split.front_line)?,
    };
    match node {
        Node::Map(_) => Ok((node, locator)),
        Node::Null => empty(),
        other => Err(FrontMatterError {
            line: split.front_line,
            column: 1,
            message: format!("front matter must be a mapping of keys to values, but this is {}", other.type_name()),
        }),
    }
}

/// Why a YAML value was read as if quoted (see [`quote_loose_values`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loose {
    /// A top-level value holding `: ` (`title: Post-Mortem: Pull Request
    /// Unavailability`, as blog engines once let pass).
    Colon,
    /// A value, or a list item, opening with a character YAML reserves
    /// (`authors: @joshblack`, `` - `api` ``).
    Reserved(char),
}

/// YAML front matter with its loose values (see [`Loose`]) quoted, and the
/// 1-based file lines changed with why; `None` when no such value is
/// written.
pub fn quote_loose_values(front: &str, front_line: usize) -> Option<(String, Vec<(usize, Loose)>)> {
    let quote = |v: &str| format!("\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\""));
    let reserved = |v: &str| v.trim().chars().next().filter(|c| matches!(c, '@' | '`'));
    let mut changed = Vec::new();
    let mut out = String::with_capacity(front.len() + 16);
    for (i, line) in front.split_inclusive('\n').enumerate() {
        let body = line.trim_end_matches(['\n', '\r']);
        let item = body.trim_start().strip_prefix("- ").and_then(|v| reserved(v).map(|c| (v, c)));
        let fixed = if let Some((v, c)) = item {
            let indent = &body[..body.len() - body.trim_start().len()];
            Some((format!("{indent}- {}", quote(v.trim())), Loose::Reserved(c)))
        } else {
            body.split_once(": ").and_then(|(key, value)| {
                let key_ok = !key.is_empty()
                    && !key.trim_start().starts_with(['-', '#'])
                    && key.trim_start().chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-'));
                let top = !key.starts_with([' ', '\t']);
                let v = value.trim();
                let plain_value = !v.starts_with(['"', '\'', '[', '{', '|', '>', '&', '*', '!', '#']);
                if !key_ok {
                    None
                } else if let Some(c) = reserved(v) {
                    Some((format!("{key}: {}", quote(v)), Loose::Reserved(c)))
                } else {
                    (top && plain_value && v.contains(": ")).then(|| (format!("{key}: {}", quote(v)), Loose::Colon))
                }
            })
        };
        match fixed {
            Some((f, why)) => {
                out.push_str(&f);
                out.push_str(&line[body.len()..]);
                changed.push((front_line + i, why));
            }
            None => out.push_str(line),
        }
    }
    (!changed.is_empty()).then_some((out, changed))
}

fn parse_yaml(front: &str, front_line: usize) -> Result<(Node, Locator), FrontMatterError> {
    if let Some((i, col)) = front.lines().enumerate().find_map(|(i, l)| {
        let indent = l.len() - l.trim_start_matches([' ', '\t']).len();
        l[..indent].find('\t').map(|c| (i, c + 1))
    }) {
        return Err(FrontMatterError {
            line: front_line + i,
            column: col,
            message: "YAML does not allow tabs for indentation; use spaces".into(),
        });
    }
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_aliases: 1_000,
            max_anchors: 1_000,
            max_depth: 64,
            max_nodes: 100_000,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: 100_000,
        },
    };
    let tree = serde_saphyr::from_str_with_options::<locate::YamlTree>(front, options).map_err(|e| {
        let (line, column) = e.location().map_or((1, 1), |l| (l.line() as usize, l.column() as usize));
        FrontMatterError { line: front_line + line.saturating_sub(1), column: column.max(1), message: yaml_message(&e) }
    })?;
    flatten(tree, front, front_line)
}

fn flatten<S: locate::SpanSource>(tree: locate::Tree<S>, front: &str, front_line: usize) -> Result<(Node, Locator), FrontMatterError> {
    locate::flatten(tree, front, front_line - 1).map_err(|e| FrontMatterError {
        line: front_line + e.line - 1,
        column: 1,
        message: e.message,
    })
}

/// The YAML error's message without its location prefix or snippet.
fn yaml_message(e: &serde_saphyr::Error) -> String {
    let text = e.without_snippet().to_string();
    let first = text.lines().next().unwrap_or("").trim();
    // "line 3 column 7: message" → "message"
    let msg = match first.split_once(": ") {
        Some((head, rest)) if head.starts_with("line ") => rest,
        _ => first,
    };
    // The parser counts lines inside the block; the diagnostic already
    // carries the file line, so drop its own position and internal hints.
    let msg = match msg.rfind(" at line ") {
        Some(i) if msg[i..].contains("column") => &msg[..i],
        _ => msg,
    };
    let msg = msg.split(", set DuplicateKeyPolicy").next().unwrap_or(msg);
    let msg = if let Some(key) = msg.strip_prefix("duplicate mapping key: ") {
        format!("duplicate key `{key}`")
    } else if msg.contains("alias replay limit") || msg.contains("max_aliases") || msg.contains("max_nodes") {
        "aliases expand into too many values (more than 100,000: a \"billion laughs\" expansion); write the values out".to_string()
    } else if msg.contains("recursion limit") || msg.contains("max_depth") {
        "values are nested more than 64 levels deep".to_string()
    } else {
        msg.to_string()
    };
    format!("invalid YAML: {msg}")
}

fn parse_toml(front: &str, front_line: usize) -> Result<(Node, Locator), FrontMatterError> {
    let tree = toml::from_str::<locate::TomlTree>(front).map_err(|e| {
        let (line, column) = e.span().map_or((1, 1), |s| crate::diagnostics::line_col(front, s.start));
        let text = front.lines().nth(line - 1).unwrap_or("");
        let message = match text.trim().strip_suffix('=') {
            Some(key) if !key.trim().is_empty() && !key.contains(['"', '[']) => {
                format!("invalid TOML: `{}` has no value", key.trim())
            }
            _ if e.message().trim() == "duplicate key" && text.contains('=') => {
                format!("invalid TOML: duplicate key `{}`", text.split('=').next().unwrap_or("").trim())
            }
            _ => format!("invalid TOML: {}", e.message().trim()),
        };
        FrontMatterError { line: front_line + line - 1, column, message }
    })?;
    flatten(tree, front, front_line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_yaml_and_toml() {
        let s = split("---\ntitle: A\n---\n# Body\n").unwrap();
        assert_eq!(s.format, FrontMatterFormat::Yaml);
        assert_eq!(s.front, "title: A\n");
        assert_eq!(s.body, "# Body\n");
        assert_eq!(s.body_line, 4);
        let s = split("+++\ntitle = \"A\"\n+++\nbody").unwrap();
        assert_eq!(s.format, FrontMatterFormat::Toml);
        assert_eq!(parse(&s).unwrap().0.get("title"), Some(&Node::Str("A".into())));
    }

    #[test]
    fn no_front_matter_is_fine() {
        let s = split("# Title\n\ntext").unwrap();
        assert_eq!(s.format, FrontMatterFormat::None);
        assert_eq!(s.body_line, 1);
    }

    #[test]
    fn unclosed_is_an_error() {
        let e = split("---\ntitle: A\n# Body\n").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.message.contains("never closed"));
    }

    #[test]
    fn unquoted_colons_in_values_can_be_quoted() {
        let front =
            "layout: post\ntitle: Post-Mortem: Pull Request \"Unavailability\"\nurl: http://example.com/a\ntags: [a: b]\n  nested: x: y\n";
        let (fixed, lines) = quote_loose_values(front, 2).unwrap();
        assert_eq!(lines, [(3, Loose::Colon)]);
        assert!(fixed.contains("title: \"Post-Mortem: Pull Request \\\"Unavailability\\\"\"\n"), "{fixed}");
        // Indented values are left as written.
        assert!(fixed.ends_with("  nested: x: y\n"));
        let text = format!("---\n{}---\n", fixed.replace("  nested: x: y\n", ""));
        let (node, _) = parse(&split(&text).unwrap()).unwrap();
        assert_eq!(node.get("title").and_then(Node::as_text).as_deref(), Some("Post-Mortem: Pull Request \"Unavailability\""));
        assert!(quote_loose_values("title: Fine\ndate: 2012-09-24 21:00\n", 2).is_none());
    }

    #[test]
    fn values_opening_with_a_reserved_character_can_be_quoted() {
        let front = "date: 2020-04-09\nauthors: @joshblack\nservices:\n  - `api`\n  - web\nnote: a @ b\n";
        let (fixed, lines) = quote_loose_values(front, 2).unwrap();
        assert_eq!(lines, [(3, Loose::Reserved('@')), (5, Loose::Reserved('`'))]);
        let text = format!("---\n{fixed}---\n");
        let (node, _) = parse(&split(&text).unwrap()).unwrap();
        assert_eq!(node.get("authors").and_then(Node::as_text).as_deref(), Some("@joshblack"));
        assert!(quote_loose_values("authors: \"@joshblack\"\n", 2).is_none());
    }

    #[test]
    fn yaml_errors_point_at_file_lines() {
        let text = "---\ntitle: A\nseverity: [unclosed\nstatus: x\n---\n";
        let e = parse(&split(text).unwrap()).unwrap_err();
        assert!(e.line >= 3, "{e:?}");
        assert!(e.message.starts_with("invalid YAML"), "{e:?}");
        let dup = parse(&split("---\ntitle: A\ntitle: B\n---\n").unwrap()).unwrap_err();
        assert_eq!(dup.line, 3, "{dup:?}");
    }

    #[test]
    fn tabs_are_reported() {
        let e = parse(&split("---\nimpact:\n\tstarted: x\n---\n").unwrap()).unwrap_err();
        assert_eq!(e.line, 3);
    }

    #[test]
    fn toml_errors_point_at_file_lines() {
        let e = parse(&split("+++\ntitle = \"A\"\nseverity = \n+++\n").unwrap()).unwrap_err();
        assert_eq!(e.line, 3, "{e:?}");
        let dup = parse(&split("+++\ntitle = \"A\"\ntitle = \"B\"\n+++\n").unwrap()).unwrap_err();
        assert_eq!(dup.line, 3, "{dup:?}");
    }

    #[test]
    fn toml_datetimes_become_text() {
        let (n, _) = parse(&split("+++\ndate = 2024-03-05\nat = 2024-03-05T09:12:00Z\n+++\n").unwrap()).unwrap();
        assert_eq!(n.get("date"), Some(&Node::Str("2024-03-05".into())));
        assert_eq!(n.get("at"), Some(&Node::Str("2024-03-05T09:12:00Z".into())));
    }

    #[test]
    fn billion_laughs_is_refused() {
        let mut text = String::from("---\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let refs = vec![format!("*a{}", i - 1); 10].join(", ");
            text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        text.push_str("---\n");
        assert!(parse(&split(&text).unwrap()).is_err());
    }
}
