//! Findings in the report formats of CI systems: GitLab Code Quality
//! (`check --format gitlab`) and SARIF 2.1.0 (`check --format sarif`, for
//! GitHub code scanning and other SARIF consumers).
//!
//! Both are built from the same [`Diagnostic`]s as the human and JSON
//! forms. Paths stay as `check` prints them (relative to the archive root),
//! and every finding gets a fingerprint that does not depend on its line, so
//! a finding that only moved (text added above it) is recognised as the same
//! finding between two pipelines.

use std::collections::HashMap;

use serde_json::{Value, json};

use crate::diagnostics::{Diagnostic, Level};

/// What each finding code means, for the rule list of a SARIF report (its
/// `shortDescription`). Codes not listed here are described by their name.
const RULES: &[(&str, &str)] = &[
    ("front-matter-syntax", "Front matter that cannot be read"),
    ("front-matter-colon", "A front-matter value with an unquoted `: `, read as if quoted"),
    ("front-matter-reserved", "A front-matter value opening with `@` or a backtick, read as if quoted"),
    ("front-matter-rule", "A `---` on the first line over Markdown, read as a rule, not as front matter"),
    ("encoding", "A file that is not UTF-8 text"),
    ("unreadable-file", "A file that cannot be read"),
    ("unreadable-path", "A folder or file that cannot be reached"),
    ("outside-archive", "A symbolic link that leads outside the archive"),
    ("too-large", "A file over 8 MiB"),
    ("empty-document", "A file with no front matter and no text"),
    ("empty-value", "id, title or slug written empty"),
    ("too-deep", "Nesting beyond the limit"),
    ("too-wide", "A table with too many columns"),
    ("unknown-field", "internal_fields names a field that cannot be internal"),
    ("missing-content", "The content folder does not exist"),
    ("unknown-key", "A front-matter key that is not in the reference"),
    ("wrong-type", "A value of the wrong type"),
    ("missing-field", "A required field is missing"),
    ("invalid-value", "A value outside its enumeration"),
    ("invalid-date", "A date that does not exist"),
    ("invalid-time", "Text that is not a date-time"),
    ("unknown-zone", "A time zone that is not known"),
    ("missing-zone", "A time without a zone"),
    ("missing-date", "A time without a date"),
    ("unknown-severity", "A severity that is not on the scale"),
    ("invalid-slug", "A slug that is not plain"),
    ("invalid-url", "An action item URL that is not http(s)"),
    ("milestone-order", "Milestones out of order"),
    ("status-milestones", "A status without the milestones it implies"),
    ("missing-owner", "An action item of a closed incident without owner"),
    ("timeline-order", "A timeline event earlier than the one before it"),
    ("timeline-unresolved", "Timeline entries without a date or zone"),
    ("duplicate-id", "Two documents with the same id"),
    ("duplicate-slug", "Two documents with the same slug"),
    ("broken-link", "A link to a post-mortem that is not in the archive"),
    ("link-by-name", "A link resolved by file name only"),
    ("unknown-reference", "related or recurrence_of names an unknown incident"),
    ("unknown-term", "A term outside the book.toml vocabulary"),
    ("factor-disagreement", "The text suggests another contributing factor"),
    ("missing-file", "An image that is not in the content folder"),
    ("overdue", "Too many overdue action items"),
    ("phase-actions-open", "A phase reached with its own action items still open"),
    ("done-date", "An action item's done date disagrees with its status"),
];

/// The short description of a finding code.
pub fn rule_description(code: &str) -> &str {
    RULES.iter().find(|(c, _)| *c == code).map_or(code, |(_, d)| d)
}

/// A fingerprint per finding: the code, the file and the message (not the
/// line), and how many identical findings came before it in the same file,
/// so that two identical messages in one file stay distinct. 32 hex digits.
fn fingerprints(diags: &[Diagnostic]) -> Vec<String> {
    let mut seen: HashMap<(String, &str, &str), usize> = HashMap::new();
    diags
        .iter()
        .map(|d| {
            let file = d.file.to_string_lossy().replace('\\', "/");
            let n = seen.entry((file.clone(), d.code, d.message.as_str())).or_insert(0);
            let key = format!("{}\u{1f}{file}\u{1f}{}\u{1f}{n}", d.code, d.message);
            *n += 1;
            format!("{:016x}{:016x}", fnv1a(key.as_bytes(), 0xcbf2_9ce4_8422_2325), fnv1a(key.as_bytes(), 0x6c62_272e_07bb_0142))
        })
        .collect()
}

/// FNV-1a, 64 bits, from a given offset basis (two bases give 128 bits).
fn fnv1a(bytes: &[u8], basis: u64) -> u64 {
    bytes.iter().fold(basis, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3))
}

/// The message with its help, as one line of text.
fn full_message(d: &Diagnostic) -> String {
    match &d.help {
        Some(h) => format!("{} (help: {h})", d.message),
        None => d.message.clone(),
    }
}

/// A GitLab Code Quality report: a JSON array with one object per finding
/// (`description`, `check_name`, `fingerprint`, `severity`, `location.path`,
/// `location.lines.begin`). Errors are `major`, warnings `minor`.
pub fn gitlab(diags: &[Diagnostic]) -> String {
    let items: Vec<Value> = diags
        .iter()
        .zip(fingerprints(diags))
        .map(|(d, fingerprint)| {
            json!({
                "description": full_message(d),
                "check_name": d.code,
                "fingerprint": fingerprint,
                "severity": match d.level { Level::Error => "major", Level::Warning => "minor" },
                "location": {
                    "path": d.file.to_string_lossy().replace('\\', "/"),
                    "lines": { "begin": d.line },
                },
            })
        })
        .collect();
    serde_json::to_string_pretty(&Value::Array(items)).unwrap_or_else(|_| "[]".into())
}

/// A SARIF 2.1.0 log with one run of pmbook: the rules that fired (with
/// their descriptions), and one result per finding with its level, message,
/// location (relative to `%SRCROOT%`, the archive root) and a
/// `partialFingerprints` entry.
pub fn sarif(diags: &[Diagnostic]) -> String {
    let mut rule_ids: Vec<&str> = diags.iter().map(|d| d.code).collect();
    rule_ids.sort_unstable();
    rule_ids.dedup();
    let rules: Vec<Value> = rule_ids
        .iter()
        .map(|id| {
            json!({
                "id": id,
                "name": id,
                "shortDescription": { "text": rule_description(id) },
            })
        })
        .collect();
    let results: Vec<Value> = diags
        .iter()
        .zip(fingerprints(diags))
        .map(|(d, fingerprint)| {
            let index = rule_ids.binary_search(&d.code).unwrap_or_default();
            json!({
                "ruleId": d.code,
                "ruleIndex": index,
                "level": match d.level { Level::Error => "error", Level::Warning => "warning" },
                "message": { "text": full_message(d) },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&d.file), "uriBaseId": "%SRCROOT%" },
                        "region": { "startLine": d.line, "startColumn": d.column },
                    }
                }],
                "partialFingerprints": { "pmbookFinding/v1": fingerprint },
            })
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "pmbook",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "originalUriBaseIds": { "%SRCROOT%": { "description": { "text": "The archive root (the folder with book.toml)" } } },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    serde_json::to_string_pretty(&log).unwrap_or_default()
}

/// A relative path as a URI reference: `/` separators, and the characters a
/// URI cannot hold percent-encoded.
fn uri(path: &std::path::Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diags() -> Vec<Diagnostic> {
        vec![
            Diagnostic::error("unknown-severity", "content/a b.md", 4, "unknown severity `SEV-7`").with_help("use SEV-1 … SEV-4"),
            Diagnostic::warning("timeline-order", "content/c.md", 14, "earlier"),
            Diagnostic::warning("timeline-order", "content/c.md", 20, "earlier"),
        ]
    }

    #[test]
    fn gitlab_has_the_documented_fields() {
        let v: Value = serde_json::from_str(&gitlab(&diags())).unwrap();
        let first = &v[0];
        assert_eq!(first["check_name"], "unknown-severity");
        assert_eq!(first["severity"], "major");
        assert_eq!(first["location"]["path"], "content/a b.md");
        assert_eq!(first["location"]["lines"]["begin"], 4);
        assert!(first["description"].as_str().unwrap().contains("help: use SEV-1"));
        assert_eq!(v[1]["severity"], "minor");
        // Same message twice in one file: still two fingerprints.
        assert_ne!(v[1]["fingerprint"], v[2]["fingerprint"]);
    }

    #[test]
    fn fingerprints_ignore_the_line() {
        let mut moved = diags();
        moved[0].line = 40;
        assert_eq!(fingerprints(&diags()), fingerprints(&moved));
    }

    #[test]
    fn sarif_results_point_at_rules() {
        let v: Value = serde_json::from_str(&sarif(&diags())).unwrap();
        let run = &v["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        assert_eq!(rules.len(), 2);
        for r in run["results"].as_array().unwrap() {
            let i = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[i]["id"], r["ruleId"]);
        }
        assert_eq!(run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "content/a%20b.md");
    }
}
