//! Writing inferred terms into a document's front matter (`pmbook classify
//! --write`), with a comment saying they were inferred, so that a pull
//! request can correct them. The body is never touched.

use crate::model::Incident;

/// The comment written above inferred keys.
pub const COMMENT: &str = "inferred by pmbook classify; correct if wrong";

/// A key to add: its name, values and the explanation of each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Addition {
    /// Front-matter key (`contributing_factors`, `services`, `teams`, `severity`).
    pub key: &'static str,
    /// Values, in order.
    pub values: Vec<String>,
    /// Where they came from, one line each.
    pub why: Vec<String>,
}

/// What `inc`'s inferred terms would add to its front matter.
pub fn additions(inc: &Incident) -> Vec<Addition> {
    let mut out = Vec::new();
    for key in ["severity", "services", "teams", "contributing_factors"] {
        let items: Vec<_> = inc.inferred.iter().filter(|i| i.field == key).collect();
        if !items.is_empty() {
            out.push(Addition {
                key,
                values: items.iter().map(|i| i.value.clone()).collect(),
                why: items.iter().map(|i| i.explain()).collect(),
            });
        }
    }
    out
}

fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn value(a: &Addition) -> String {
    if a.key == "severity" { q(&a.values[0]) } else { format!("[{}]", a.values.iter().map(|v| q(v)).collect::<Vec<_>>().join(", ")) }
}

/// `text` with `adds` written into its front matter (YAML `---`, TOML
/// `+++`, or a new YAML block when it has none). Keys the front matter
/// already has (even empty) are left alone; returns the new text and the
/// keys written.
pub fn insert(text: &str, adds: &[Addition]) -> (String, Vec<&'static str>) {
    let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let (bom, rest) = match text.strip_prefix('\u{feff}') {
        Some(r) => ("\u{feff}", r),
        None => ("", text),
    };
    let first = rest.lines().next().unwrap_or("").trim_end();
    let toml = first == "+++";
    let yaml = first == "---";
    let lines: Vec<&str> = rest.split_inclusive('\n').collect();
    let close = if toml || yaml {
        lines.iter().enumerate().skip(1).find(|(_, l)| {
            let t = l.trim_end();
            if toml { t == "+++" } else { t == "---" || t == "..." }
        })
    } else {
        None
    };
    let has_key = |key: &str, upto: usize| {
        lines[1..upto].iter().any(|l| {
            let l = l.trim_end();
            l.strip_prefix(key).is_some_and(|r| r.trim_start().starts_with(if toml { '=' } else { ':' }))
        })
    };
    let mut block = String::new();
    let mut written = Vec::new();
    for a in adds {
        if let Some((c, _)) = close
            && has_key(a.key, c)
        {
            continue;
        }
        // Matched words may span lines: a comment must stay on one.
        let why = a.why.join("; ").split_whitespace().collect::<Vec<_>>().join(" ");
        block.push_str(&format!("# {COMMENT}: {why}{nl}"));
        block.push_str(&if toml { format!("{} = {}{nl}", a.key, value(a)) } else { format!("{}: {}{nl}", a.key, value(a)) });
        written.push(a.key);
    }
    if written.is_empty() {
        return (text.to_string(), written);
    }
    let out = match close {
        // TOML: top-level keys must come before any [table].
        Some(_) if toml => format!("{bom}{}{block}{}", lines[0], lines[1..].concat()),
        Some((c, _)) => {
            let mut head = lines[..c].concat();
            if !head.ends_with('\n') {
                head.push_str(nl);
            }
            format!("{bom}{head}{block}{}", lines[c..].concat())
        }
        None => format!("{bom}---{nl}{block}---{nl}{nl}{rest}"),
    };
    (out, written)
}

/// `pmbook classify`: for each document, what its inferred terms would add
/// to its front matter; with `write`, add them. `root` is the archive root
/// that document paths are relative to. Returns the report.
pub fn run(docs: &[Incident], root: Option<&std::path::Path>, write: bool) -> crate::error::Result<String> {
    use std::fmt::Write as _;
    let mut out = String::new();
    let (mut changed, mut files) = (0, 0);
    for inc in docs {
        let adds = additions(inc);
        if adds.is_empty() {
            continue;
        }
        let p = &inc.source.path;
        let path = match root {
            Some(r) if !p.is_absolute() && !p.exists() => r.join(p),
            _ => p.clone(),
        };
        let text = std::fs::read_to_string(&path).map_err(|e| crate::error::Error::io(&path, e))?;
        let (new, keys) = insert(&text, &adds);
        if keys.is_empty() {
            continue;
        }
        files += 1;
        let _ = writeln!(out, "{}", inc.source.path.display());
        for a in adds.iter().filter(|a| keys.contains(&a.key)) {
            for why in &a.why {
                let _ = writeln!(out, "  + {}: {why}", a.key);
            }
        }
        if write && new != text {
            std::fs::write(&path, new).map_err(|e| crate::error::Error::io(&path, e))?;
            changed += 1;
        }
    }
    if write {
        let _ = writeln!(out, "{changed} file(s) written");
    } else if files > 0 {
        let _ = writeln!(out, "{files} file(s) would change; run with --write to add these to their front matter");
    } else {
        let _ = writeln!(out, "nothing to add: every document's front matter already says, or nothing was recognised");
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn adds() -> Vec<Addition> {
        vec![
            Addition { key: "severity", values: vec!["SEV-2".into()], why: vec!["SEV-2 ← \"Sev 2\" (line 3)".into()] },
            Addition {
                key: "contributing_factors",
                values: vec!["config-change".into()],
                why: vec!["config-change ← \"misconfigured\" (line 9)".into()],
            },
        ]
    }

    #[test]
    fn yaml_front_matter_gets_keys_before_its_end() {
        let (out, keys) = insert("---\ntitle: x\n---\n\n# Body\n", &adds());
        assert_eq!(keys, ["severity", "contributing_factors"]);
        assert!(out.starts_with("---\ntitle: x\n# inferred by pmbook classify; correct if wrong: SEV-2"), "{out}");
        assert!(out.contains("\ncontributing_factors: [\"config-change\"]\n---\n\n# Body\n"), "{out}");
    }

    #[test]
    fn toml_keys_go_before_tables_and_present_keys_stay() {
        let (out, keys) = insert("+++\nseverity = \"SEV-1\"\n[impact]\nstarted = \"10:00\"\n+++\nbody\n", &adds());
        assert_eq!(keys, ["contributing_factors"]);
        assert!(out.starts_with("+++\n# inferred"), "{out}");
        assert!(out.contains("contributing_factors = [\"config-change\"]\nseverity = \"SEV-1\"\n[impact]"), "{out}");
    }

    #[test]
    fn no_front_matter_gets_a_new_block_and_crlf_is_kept() {
        let (out, _) = insert("# Title\r\n\r\nText\r\n", &adds());
        assert!(out.starts_with("---\r\n# inferred"), "{out:?}");
        assert!(out.ends_with("---\r\n\r\n# Title\r\n\r\nText\r\n"), "{out:?}");
    }
}
