//! The default taxonomy of contributing factors (`taxonomy.toml`, shipped
//! inside the binary) and its merge with book.toml's `[[factor]]` entries.

use std::sync::LazyLock;

use serde::Deserialize;

use crate::config::{Config, TaxonomyMode};

/// The default taxonomy, as shipped (also the documentation of its rules).
pub const DEFAULT_TAXONOMY: &str = include_str!("taxonomy.toml");

/// One factor with its recognition rules.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Factor {
    /// Slug, e.g. `config-change`.
    pub name: String,
    /// Human label, e.g. "Configuration change".
    #[serde(default)]
    pub label: String,
    /// What it means.
    #[serde(default)]
    pub description: String,
    /// Phrases that are good evidence on their own.
    #[serde(default, rename = "match")]
    pub strong: Vec<String>,
    /// Phrases that count half.
    #[serde(default)]
    pub weak: Vec<String>,
    /// Phrases naming a safeguard (alerting, tests, a runbook): evidence,
    /// counted like `weak`, only where the text says it was missing.
    #[serde(default)]
    pub absent: Vec<String>,
    /// Follow-up phrases implying the factor was a gap ("add alerting"),
    /// also read in action items.
    #[serde(default)]
    pub remedy: Vec<String>,
    /// Phrases that veto a match in the same clause.
    #[serde(default)]
    pub unless: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    factor: Vec<Factor>,
}

static DEFAULT: LazyLock<Vec<Factor>> = LazyLock::new(|| {
    // The file is part of the source and covered by a test; an error here is
    // a build-time mistake, reported as an empty taxonomy rather than a panic.
    toml::from_str::<File>(DEFAULT_TAXONOMY).map(|f| f.factor).unwrap_or_default()
});

/// The shipped factors.
pub fn default_factors() -> &'static [Factor] {
    &DEFAULT
}

/// The factors in force for `cfg`: the default taxonomy extended by, or
/// replaced with, book.toml's `[[factor]]` entries that have `match` rules.
/// With `extend`, an entry named like a default factor, or naming one among
/// its aliases, takes it over (its name is used) and adds its rules to it.
pub fn factors(cfg: &Config) -> Vec<Factor> {
    let mut out: Vec<Factor> = match cfg.classify.taxonomy {
        TaxonomyMode::Extend => DEFAULT.clone(),
        TaxonomyMode::Replace | TaxonomyMode::Off => Vec::new(),
    };
    if cfg.classify.taxonomy == TaxonomyMode::Off {
        return out;
    }
    for term in &cfg.factors {
        // A book.toml term takes over the default factor of the same slug,
        // or one it names among its aliases (`aliases = ["missing-alerting"]`).
        let slugs: Vec<String> = std::iter::once(&term.name).chain(&term.aliases).map(|n| crate::slug::slugify(n)).collect();
        match out.iter_mut().find(|f| slugs.contains(&crate::slug::slugify(&f.name))) {
            Some(f) => {
                f.name = term.name.clone();
                f.strong.extend(term.match_rules.iter().cloned());
            }
            None if !term.match_rules.is_empty() => out.push(Factor {
                name: term.name.clone(),
                label: term.label.clone(),
                description: term.description.clone(),
                strong: term.match_rules.clone(),
                weak: Vec::new(),
                absent: Vec::new(),
                remedy: Vec::new(),
                unless: Vec::new(),
            }),
            None => {}
        }
    }
    out
}

/// The label of a factor slug in the default taxonomy, if it is one.
pub fn label(name: &str) -> Option<&'static str> {
    DEFAULT.iter().find(|f| f.name == name).map(|f| f.label.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_taxonomy_parses_and_compiles() {
        let parsed: File = toml::from_str(DEFAULT_TAXONOMY).expect("taxonomy.toml");
        assert!((20..=30).contains(&parsed.factor.len()), "{} factors", parsed.factor.len());
        for f in &parsed.factor {
            assert_eq!(crate::slug::slugify(&f.name), f.name, "slug");
            assert!(!f.label.is_empty() && !f.description.is_empty() && !f.strong.is_empty(), "{}", f.name);
            for p in f.strong.iter().chain(&f.weak).chain(&f.absent).chain(&f.remedy).chain(&f.unless) {
                super::super::rules::compile(p).unwrap_or_else(|e| panic!("{}: {e}", f.name));
            }
        }
        let mut names: Vec<&str> = parsed.factor.iter().map(|f| f.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), parsed.factor.len(), "duplicate names");
    }
}
