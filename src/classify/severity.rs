//! Severity written in prose or tables: `Sev 1`, `SEV-2`, `P1` near the
//! words severity/priority/incident, `Severity: High`, `Priority: critical`,
//! a `| Severity | Major |` row or a Severity column. Values are mapped onto
//! the configured `[[severity]]` scale by name, alias or label, then by the
//! usual words (critical, high, medium, low) placed on the scale.

use std::sync::LazyLock;

use regex::{Regex, RegexBuilder};

use crate::config::Config;

/// A severity found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// 0-based position in the scale.
    pub rank: usize,
    /// The words matched.
    pub matched: String,
    /// 1-based file line.
    pub line: usize,
    /// Which rule found it.
    pub rule: &'static str,
}

fn re(p: &str) -> Regex {
    // The patterns are constants below, covered by the tests.
    RegexBuilder::new(p).case_insensitive(true).unicode(false).build().unwrap_or_else(|_| Regex::new("$^").expect("empty regex"))
}

static KEY_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:^|[|*_\s])(?:incident\s+)?(?:severity|sev|priority|impact\s+level|incident\s+level)(?:\s+level)?\**\s*(?:[:=|]|\bwas\b|\bis\b)\s*\**\s*([A-Za-z0-9][A-Za-z0-9 \-]{0,14})",
    )
});
static SEV_NUMBER: LazyLock<Regex> = LazyLock::new(|| re(r"\b(sev(?:erity)?[\s\-]?[0-5])\b"));
static P_NUMBER: LazyLock<Regex> = LazyLock::new(|| re(r"\b(p[0-4])\b"));
static WORD_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\b(critical|urgent|high|major|medium|moderate|minor|low)[\s\-](?:severity|priority)\s+(?:incident|outage|issue)\b")
});
/// Every rule below needs one of these words; a body without them is skipped.
static ANY: LazyLock<Regex> = LazyLock::new(|| re(r"\b(?:sev|severity|priority|p[0-4]|impact\s+level|incident\s+level)"));
static CONTEXT: LazyLock<Regex> = LazyLock::new(|| re(r"\b(severity|priority|incident|outage|declared|classified|escalated)\b"));

/// The scale position of a value as written: a name or alias of a level,
/// its label, its first word, or a common word placed on the scale.
pub fn rank_of(value: &str, cfg: &Config) -> Option<usize> {
    let v = value.trim().trim_matches(|c: char| !c.is_alphanumeric());
    if v.is_empty() {
        return None;
    }
    if let Some((rank, _)) = cfg.severity(v) {
        return Some(rank);
    }
    let first = v.split_whitespace().next().unwrap_or(v);
    if let Some((rank, _)) = cfg.severity(first) {
        return Some(rank);
    }
    let key = crate::config::fold_key(first);
    if let Some(rank) = cfg.severities.iter().position(|l| !l.label.is_empty() && crate::config::fold_key(&l.label) == key) {
        return Some(rank);
    }
    let n = cfg.severities.len();
    if n < 3 {
        return None;
    }
    let position = match key.as_str() {
        "critical" | "urgent" | "highest" | "blocker" | "emergency" | "sev0" | "p0" | "s0" => 0,
        "high" | "major" | "serious" => 1,
        "medium" | "moderate" | "minor" | "normal" => 2,
        "low" | "lowest" | "trivial" | "informational" => 3,
        _ => return None,
    };
    Some(position.min(n - 1))
}

/// The first severity the body states, skipping code blocks and negated or
/// hypothetical mentions ("this was not a SEV-1").
pub fn find(body: &str, body_line: usize, cfg: &Config) -> Option<Found> {
    if !ANY.is_match(body) {
        return None;
    }
    let mut fence = false;
    let mut header_col: Option<usize> = None;
    for (i, raw) in body.lines().enumerate() {
        let line_no = body_line + i;
        let t = raw.trim();
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = !fence;
            continue;
        }
        if fence {
            continue;
        }
        // A table with a Severity column: the first data row's cell.
        if t.starts_with('|') {
            let cells: Vec<&str> = t.trim_matches('|').split('|').map(|c| c.trim().trim_matches('*').trim()).collect();
            if let Some(col) = header_col {
                if cells.iter().all(|c| c.chars().all(|ch| matches!(ch, '-' | ':' | ' '))) {
                    continue;
                }
                header_col = None;
                if let Some(cell) = cells.get(col)
                    && let Some(rank) = rank_of(cell, cfg)
                {
                    return Some(Found { rank, matched: (*cell).to_string(), line: line_no, rule: "severity column of a table" });
                }
            } else if let Some(col) =
                cells.iter().position(|c| matches!(c.to_ascii_lowercase().as_str(), "severity" | "sev" | "priority" | "incident severity"))
            {
                if col + 1 < cells.len() && rank_of(cells[col + 1], cfg).is_some() {
                    // A key | value row.
                    return Some(Found {
                        rank: rank_of(cells[col + 1], cfg)?,
                        matched: t.to_string(),
                        line: line_no,
                        rule: "severity row of a table",
                    });
                }
                header_col = Some(col);
                continue;
            }
        } else {
            header_col = None;
        }
        let clean = super::rules::clean_line(raw);
        if let Some(c) = KEY_VALUE.captures(&clean)
            && let Some(m) = c.get(1)
            && let Some(rank) = rank_of(m.as_str(), cfg).or_else(|| rank_of(m.as_str().split_whitespace().next().unwrap_or(""), cfg))
            && !super::rules::negated(&clean, m.start(), m.end())
        {
            return Some(Found { rank, matched: c[0].trim().to_string(), line: line_no, rule: "`Severity:` or `Priority:` in the text" });
        }
        for m in SEV_NUMBER.find_iter(&clean) {
            if let Some(rank) = rank_of(m.as_str(), cfg).or_else(|| rank_of(&format!("SEV{}", &m.as_str()[m.as_str().len() - 1..]), cfg))
                && !super::rules::negated(&clean, m.start(), m.end())
            {
                return Some(Found { rank, matched: m.as_str().to_string(), line: line_no, rule: "`Sev N` in the text" });
            }
        }
        if CONTEXT.is_match(&clean) {
            for m in P_NUMBER.find_iter(&clean) {
                if let Some(rank) = rank_of(m.as_str(), cfg)
                    && !super::rules::negated(&clean, m.start(), m.end())
                {
                    return Some(Found {
                        rank,
                        matched: m.as_str().to_string(),
                        line: line_no,
                        rule: "`P N` beside severity/priority/incident",
                    });
                }
            }
        }
        if let Some(c) = WORD_BEFORE.captures(&clean)
            && let Some(rank) = rank_of(&c[1], cfg)
        {
            let m = c.get(0).map_or((0, 0), |m| (m.start(), m.end()));
            if !super::rules::negated(&clean, m.0, m.1) {
                return Some(Found { rank, matched: c[0].to_string(), line: line_no, rule: "`high-severity incident` in the text" });
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sev(text: &str) -> Option<String> {
        let cfg = Config::defaults_at(std::path::Path::new("."));
        find(text, 1, &cfg).map(|f| cfg.severities[f.rank].name.clone())
    }

    #[test]
    fn spellings_map_onto_the_scale() {
        assert_eq!(sev("We declared a Sev 1 at 10:02.").as_deref(), Some("SEV-1"));
        assert_eq!(sev("This was handled as SEV-2.").as_deref(), Some("SEV-2"));
        assert_eq!(sev("The incident was raised as P1 by support.").as_deref(), Some("SEV-1"));
        assert_eq!(sev("**Severity:** High").as_deref(), Some("SEV-2"));
        assert_eq!(sev("Priority: critical").as_deref(), Some("SEV-1"));
        assert_eq!(sev("Severity level: Minor").as_deref(), Some("SEV-3"));
        assert_eq!(sev("| Field | Value |\n|---|---|\n| Severity | Low |").as_deref(), Some("SEV-4"));
        assert_eq!(sev("| Date | Severity | Owner |\n|---|---|---|\n| 2024-01-02 | SEV2 | ops |").as_deref(), Some("SEV-2"));
        assert_eq!(sev("A high-severity incident for checkout.").as_deref(), Some("SEV-2"));
    }

    #[test]
    fn conservative_in_prose() {
        assert_eq!(sev("See section P1 of the design doc."), None);
        assert_eq!(sev("This was not a SEV-1, as impact was small."), None);
        assert_eq!(sev("```\nseverity: 1\n```"), None);
        assert_eq!(sev("We had high hopes for the release."), None);
    }
}
