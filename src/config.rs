//! `book.toml`: the archive's configuration.
//!
//! Keys are kebab-case, every key has a documented default, and a site builds
//! with nothing but `[book] title`. Unknown keys are an error that names the
//! key, its line, and the closest known key ("did you mean …?").

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostics::did_you_mean;
use crate::error::{Error, Result};
use crate::slug::slugify;

/// The file name pmbook looks for at the root of an archive.
pub const CONFIG_FILE: &str = "book.toml";

/// The whole configuration, as read from `book.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// `[book]`: what the site is.
    pub book: BookSection,
    /// `[build]`: where things are read from and written to.
    pub build: BuildSection,
    /// `[output]`: how pages are written and linked.
    pub output: OutputSection,
    /// `[time]`: default zone and zone abbreviations.
    pub time: TimeSection,
    /// `[check]`: limits for `pmbook check`.
    pub check: CheckSection,
    /// `[review]`: the weekly review (`review/` and `pmbook review`).
    pub review: ReviewSection,
    /// `[import]`: how `pmbook import --from gitlab-issues|github-issues`
    /// reads tickets.
    pub import: ImportSection,
    /// `[[severity]]`: the ordered severity scale, most severe first.
    #[serde(rename = "severity")]
    pub severities: Vec<SeverityLevel>,
    /// `[[factor]]`: controlled vocabulary of contributing factors (optional).
    #[serde(rename = "factor")]
    pub factors: Vec<VocabularyTerm>,
    /// `[[service]]`: controlled vocabulary of services (optional).
    #[serde(rename = "service")]
    pub services: Vec<VocabularyTerm>,
    /// `[[team]]`: controlled vocabulary of teams (optional).
    #[serde(rename = "team")]
    pub teams: Vec<VocabularyTerm>,
    /// `[classify]`: filing documents under factors, services, teams and
    /// severity when their front matter does not say.
    pub classify: ClassifySection,
    /// The Backstage catalogue named by `[classify] catalog`, read when the
    /// configuration is loaded. Not a key.
    #[serde(skip)]
    pub catalog: crate::classify::catalog::Catalog,
    /// The compiled classification rules, built on first use. Not a key.
    #[serde(skip)]
    pub classifier: crate::classify::Cache,
    /// The directory holding `book.toml` (the archive root). Not a key.
    #[serde(skip)]
    pub root: PathBuf,
}

/// `[book]`
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct BookSection {
    /// Site title. Default: "Post-mortems".
    pub title: String,
    /// One-line description shown under the title. Default: empty.
    pub description: String,
    /// Language of the content (HTML `lang`). Default: "en".
    pub language: String,
    /// Organisation name shown in the footer. Default: empty.
    pub organisation: String,
}

impl Default for BookSection {
    fn default() -> Self {
        Self { title: "Post-mortems".into(), description: String::new(), language: "en".into(), organisation: String::new() }
    }
}

/// `[build]`
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct BuildSection {
    /// Directory of post-mortems, relative to the root. Default: "content".
    pub content_dir: PathBuf,
    /// Output directory, relative to the root. Default: "site".
    pub build_dir: PathBuf,
    /// Directory holding theme folders, relative to the root. Default: "themes".
    pub theme_dir: PathBuf,
    /// Theme name: a folder in `theme-dir`; templates found there override the
    /// built-in default theme file by file. Default: "default".
    pub theme: String,
    /// File extensions read as post-mortems when walking `content-dir`.
    /// Default: ["md", "markdown"].
    pub extensions: Vec<String>,
    /// File-name patterns (`*` and `?` wildcards, case-insensitive) that are
    /// not post-mortems and are skipped when walking `content-dir`. A pattern
    /// containing `/` is matched against the path relative to `content-dir`.
    /// Default: repository furniture — README, SOURCES, LICENSE, CHANGELOG,
    /// CONTRIBUTING, CODE_OF_CONDUCT and TEMPLATE files (any extension).
    pub exclude: Vec<String>,
    /// A public build: leave out internal documents, fields and sections
    /// (see `pmbook build --public`). Default: false.
    pub public: bool,
}

/// The default `[build] exclude` patterns.
pub const DEFAULT_EXCLUDE: &[&str] =
    &["README.*", "SOURCES.*", "LICENSE*", "LICENCE*", "CHANGELOG.*", "CONTRIBUTING.*", "CODE_OF_CONDUCT.*", "TEMPLATE.*"];

impl Default for BuildSection {
    fn default() -> Self {
        Self {
            content_dir: "content".into(),
            build_dir: "site".into(),
            theme_dir: "themes".into(),
            theme: "default".into(),
            extensions: vec!["md".into(), "markdown".into()],
            exclude: DEFAULT_EXCLUDE.iter().map(|p| (*p).to_string()).collect(),
            public: false,
        }
    }
}

/// `[output]`
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct OutputSection {
    /// Public URL of the site (e.g. "https://pm.example.com/archive/"), for
    /// absolute links in feeds and exports. Page links are always relative,
    /// so the site works under any sub-path without it. Default: empty.
    pub base_url: String,
    /// `true`: links end in `/` (`incidents/x/`), for web servers.
    /// `false`: links end in `/index.html`, which also works from `file://`.
    /// Default: false.
    pub pretty_links: bool,
    /// syntect theme for code blocks in the light colour scheme.
    /// Default: "InspiredGitHub".
    pub highlight_theme: String,
    /// syntect theme for code blocks in the dark colour scheme.
    /// Default: "base16-ocean.dark".
    pub highlight_theme_dark: String,
    /// How many incidents the home page lists as "latest". Default: 15.
    pub latest_count: usize,
    /// Build the full-text search index (`search/`, `pagefind/`). Default: true.
    pub search: bool,
    /// Incidents per search index shard at most. Larger archives get
    /// several search bundles (`pagefind/`, `pagefind-1/`, …) built one
    /// at a time and searched together. Default: 10000.
    pub search_shard_size: usize,
    /// Megabytes of indexed text per search index shard at most: this
    /// bounds the search index's memory (a shard's word index is held until
    /// it is written, and two shards are built at once when the pages are
    /// written), whatever the length of the post-mortems, and how much a
    /// first search downloads. Default: 8.
    pub search_shard_text: usize,
}

impl Default for OutputSection {
    fn default() -> Self {
        Self {
            base_url: String::new(),
            pretty_links: false,
            highlight_theme: "InspiredGitHub".into(),
            highlight_theme_dark: "base16-ocean.dark".into(),
            latest_count: 15,
            search: true,
            search_shard_size: 10_000,
            search_shard_text: 8,
        }
    }
}

/// `[check]`
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct CheckSection {
    /// Fail `check` when more than this many action items are overdue
    /// (due before today and not done). Default: no limit.
    pub max_overdue: Option<usize>,
    /// `"warn"`: a `factor-disagreement` warning where the body strongly
    /// suggests a contributing factor that the front matter does not list.
    /// Default: `"off"`.
    pub factor_disagreement: Toggle,
    /// How a `closed` incident with close-phase action items still open is
    /// reported (`phase-actions-open`): `"error"` (the default) or `"warn"`.
    pub closed_phase_actions: FindingLevel,
    /// Review readiness (see `readiness`): template text left in the
    /// document. Default: `"warning"`.
    pub placeholder: Option<FindingLevel>,
    /// A recognised section (summary, impact, timeline, root cause, action
    /// items) with nothing under its heading. Default: `"warning"`.
    pub empty_section: Option<FindingLevel>,
    /// A `closed` incident with action items still open or in progress.
    /// Default: `"warning"`.
    pub open_actions_closed: Option<FindingLevel>,
    /// A `resolved` or `closed` incident without a severity. Default: `"warning"`.
    pub missing_severity: Option<FindingLevel>,
    /// A `resolved` or `closed` incident without any action item. Default: `"warning"`.
    pub no_action_items: Option<FindingLevel>,
    /// An action item without an owner on a `closed` incident. Default: `"error"`.
    pub missing_owner: Option<FindingLevel>,
    /// An action item without a due date on a `closed` incident. Default: `"warning"`.
    pub missing_due: Option<FindingLevel>,
}

/// `[review]`
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct ReviewSection {
    /// Length of a review period in days. Default: 7.
    pub period: u32,
    /// An incident in one phase for more than this many days is listed as
    /// stuck. Default: 14.
    pub stuck_after: u32,
}

impl Default for ReviewSection {
    fn default() -> Self {
        Self { period: 7, stuck_after: 14 }
    }
}

/// `[import]`
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct ImportSection {
    /// `[import.labels]`: a ticket label (exactly as the tracker writes it)
    /// → `"field: value"`, where the field is `status`, `severity`,
    /// `services`, `teams`, `contributing_factors` or `tags`.
    pub labels: BTreeMap<String, String>,
}

/// How a review-readiness finding is reported (`[check]`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FindingLevel {
    /// Not reported.
    Off,
    /// A warning: reported; fails only with `--deny-warnings` (`"warn"`
    /// is read too).
    #[serde(alias = "warn")]
    Warning,
    /// An error: `check` and `build` fail.
    #[default]
    Error,
}

/// `"off"` or `"warn"`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Toggle {
    /// Not reported.
    #[default]
    Off,
    /// Reported as a warning.
    Warn,
}

/// `[classify] taxonomy`: which contributing factors are inferred.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TaxonomyMode {
    /// The default taxonomy, plus book.toml's `[[factor]]` entries with
    /// `match` rules (an entry named like a default factor adds its rules).
    #[default]
    Extend,
    /// Only book.toml's `[[factor]]` entries with `match` rules.
    Replace,
    /// No contributing factors are inferred.
    Off,
}

/// The parts of a document `[classify] read` may name.
pub const CLASSIFY_PARTS: &[&str] = &[
    "title",
    "summary",
    "root_cause",
    "contributing_factors",
    "trigger",
    "lessons",
    "impact",
    "detection",
    "resolution",
    "timeline",
    "other",
    "body",
];

/// What `[classify] infer` may name.
pub const CLASSIFY_FIELDS: &[&str] = &["contributing_factors", "services", "teams", "severity"];

/// `[classify]`
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct ClassifySection {
    /// Which factors are inferred: `"extend"` (the default taxonomy plus
    /// `[[factor]]` rules), `"replace"` (only `[[factor]]` rules) or `"off"`.
    /// Default: "extend".
    pub taxonomy: TaxonomyMode,
    /// The parts of a document read for factors: section roles (`summary`,
    /// `root_cause`, `contributing_factors`, `trigger`, `lessons`, `impact`,
    /// `detection`, `resolution`, `timeline`), `title`, or `body` (all of
    /// it). Default: title, summary, root_cause, contributing_factors,
    /// trigger, lessons. A document with none of these sections is read
    /// whole, with a stricter threshold.
    pub read: Vec<String>,
    /// Which fields are inferred when front matter leaves them out.
    /// Default: all of contributing_factors, services, teams, severity.
    pub infer: Vec<String>,
    /// Show inferred terms on the site (pages, search filters, statistics).
    /// `false` keeps them in `inspect` only. Default: true.
    pub publish: bool,
    /// Backstage catalogue files (`catalog-info.yaml`) or folders of them,
    /// relative to the archive root: their Components and Systems are
    /// services, `spec.owner` their team, and Groups are teams. Default: none.
    pub catalog: Vec<PathBuf>,
}

impl Default for ClassifySection {
    fn default() -> Self {
        Self {
            taxonomy: TaxonomyMode::Extend,
            read: ["title", "summary", "root_cause", "contributing_factors", "trigger", "lessons", "other"].map(String::from).to_vec(),
            infer: CLASSIFY_FIELDS.iter().map(|s| (*s).to_string()).collect(),
            publish: true,
            catalog: Vec::new(),
        }
    }
}

/// `[time]`
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct TimeSection {
    /// IANA zone (e.g. "Europe/Copenhagen") or "UTC" for times written
    /// without a zone. Default: none, so such times are reported by `check`.
    pub default_zone: Option<String>,
    /// Extra or overriding zone abbreviations: `IST = "Asia/Kolkata"`.
    /// Merged over the built-in table (see `crate::datetime::BUILTIN_ZONES`).
    pub zones: BTreeMap<String, String>,
}

/// One level of the severity scale.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SeverityLevel {
    /// Canonical name, e.g. "SEV-1".
    pub name: String,
    /// Human label, e.g. "Critical". Default: empty.
    #[serde(default)]
    pub label: String,
    /// What this level means. Default: empty.
    #[serde(default)]
    pub description: String,
    /// Other spellings that mean this level, e.g. ["SEV1", "P1"].
    /// Spelling is compared ignoring case, spaces, `-` and `_`.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// One term of a controlled vocabulary (factors, services, teams).
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct VocabularyTerm {
    /// Canonical name, e.g. "config-change".
    pub name: String,
    /// What the term means. Default: empty.
    #[serde(default)]
    pub description: String,
    /// Other spellings folded into this term.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Human label (factors), e.g. "Configuration change". Default: empty.
    #[serde(default)]
    pub label: String,
    /// Recognition rules: phrases that file a document under this term when
    /// its front matter does not say (see `[classify]`). For services and
    /// teams, the name and aliases are always recognised too. Default: none.
    #[serde(default, rename = "match")]
    pub match_rules: Vec<String>,
    /// Services only: the owning team, filed with the service. Default: none.
    #[serde(default)]
    pub owner: Option<String>,
}

fn default_severities() -> Vec<SeverityLevel> {
    let levels = [
        ("SEV-1", "Critical", "Major outage or data loss affecting many customers."),
        ("SEV-2", "Major", "Significant degradation of a key feature for many customers."),
        ("SEV-3", "Minor", "Partial degradation with a workaround, or few customers affected."),
        ("SEV-4", "Low", "Little or no customer impact; internal tooling or a near miss."),
    ];
    levels
        .iter()
        .enumerate()
        .map(|(i, (name, label, description))| SeverityLevel {
            name: (*name).into(),
            label: (*label).into(),
            description: (*description).into(),
            aliases: vec![format!("SEV{}", i + 1), format!("S{}", i + 1), format!("P{}", i + 1)],
        })
        .collect()
}

/// `path` with `.` and `..` resolved lexically, made absolute against the
/// current directory.
fn normalise(path: &Path) -> PathBuf {
    let path = if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(path) };
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Why `dest` cannot be the output directory of the archive at `root` with
/// posts in `content`: a build replaces its output directory wholesale, so
/// it must not hold the archive or its posts, nor be inside them.
pub fn destination_problem(dest: &Path, root: &Path, content: &Path) -> Option<&'static str> {
    let (dest, root, content) = (normalise(dest), normalise(root), normalise(content));
    if root.starts_with(&dest) {
        Some("would replace the archive itself (it is the archive folder or one of its parents)")
    } else if content.starts_with(&dest) {
        Some("would replace the content folder")
    } else if dest.starts_with(&content) {
        Some("is inside the content folder")
    } else {
        None
    }
}

/// Compare spellings ignoring case, whitespace, `-` and `_`.
pub fn fold_key(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && *c != '-' && *c != '_').flat_map(char::to_lowercase).collect()
}

impl Config {
    /// The configuration used when there is no `book.toml` (e.g. `check FILE`
    /// on a loose file): every default, rooted at `root`.
    pub fn defaults_at(root: &Path) -> Self {
        let mut cfg = Config { root: root.to_path_buf(), ..Config::default() };
        cfg.finish();
        cfg
    }

    /// Parse `book.toml` text. `path` is used in error messages only.
    pub fn parse(text: &str, path: &Path) -> Result<Self> {
        let mut cfg: Config = toml::from_str(text).map_err(|e| config_error(&e, text, path))?;
        cfg.root = path.parent().map(Path::to_path_buf).unwrap_or_default();
        cfg.validate(text, path)?;
        cfg.finish();
        if !cfg.classify.catalog.is_empty() {
            cfg.catalog = crate::classify::catalog::Catalog::load(&cfg.root, &cfg.classify.catalog)?;
        }
        Ok(cfg)
    }

    /// Read `DIR/book.toml`.
    pub fn load(dir: &Path) -> Result<Self> {
        let path = dir.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                Error::Usage(format!("no {CONFIG_FILE} in {}; run `pmbook init` there to create an archive", dir.display()))
            }
            _ => Error::io(&path, e),
        })?;
        let mut cfg = Self::parse(&text, &path)?;
        cfg.root = dir.to_path_buf();
        Ok(cfg)
    }

    /// Find the archive root: the nearest directory at or above `start` with
    /// a `book.toml`.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        let start = if start.is_file() { start.parent()? } else { start };
        let start = std::fs::canonicalize(start).ok()?;
        start.ancestors().find(|d| d.join(CONFIG_FILE).is_file()).map(Path::to_path_buf)
    }

    fn finish(&mut self) {
        if self.severities.is_empty() {
            self.severities = default_severities();
        }
    }

    fn validate(&self, text: &str, path: &Path) -> Result<()> {
        let fail = |key: &str, message: String| {
            let line = text.lines().position(|l| l.trim_start().starts_with(key)).map_or(1, |i| i + 1);
            Err(Error::Config { path: path.to_path_buf(), line, column: 1, message })
        };
        if let Some(zone) = &self.time.default_zone {
            let custom: BTreeMap<String, String> = self.time.zones.iter().map(|(k, v)| (k.to_ascii_uppercase(), v.clone())).collect();
            if crate::datetime::parse_zone_name(zone, &custom).is_none() {
                return fail(
                    "default-zone",
                    format!("`{zone}` is not a known time zone (use an IANA name such as \"Europe/Berlin\", or \"UTC\")"),
                );
            }
        }
        for (abbr, zone) in &self.time.zones {
            if zone.parse::<chrono_tz::Tz>().is_err() {
                return fail(abbr, format!("zone abbreviation `{abbr}` maps to `{zone}`, which is not an IANA time zone"));
            }
        }
        if let Some((label, message)) = crate::tickets::check_labels(self) {
            return fail(&format!("\"{label}\""), message);
        }
        if self.review.period == 0 {
            return fail("period", "`[review] period` is a number of days, at least 1".into());
        }
        let root = if self.root.as_os_str().is_empty() { Path::new(".") } else { self.root.as_path() };
        if let Some(problem) = destination_problem(&root.join(&self.build.build_dir), root, &root.join(&self.build.content_dir)) {
            return fail("build-dir", format!("build-dir `{}` {problem}", self.build.build_dir.display()));
        }
        let mut seen = BTreeMap::new();
        for level in &self.severities {
            for spelling in std::iter::once(&level.name).chain(&level.aliases) {
                if let Some(other) = seen.insert(fold_key(spelling), &level.name)
                    && other != &level.name
                {
                    return fail("name", format!("severity spelling `{spelling}` is used by both `{other}` and `{}`", level.name));
                }
            }
        }
        for (kind, terms) in [("factor", &self.factors), ("service", &self.services), ("team", &self.teams)] {
            let mut seen = BTreeMap::new();
            for term in terms {
                for spelling in std::iter::once(&term.name).chain(&term.aliases) {
                    if let Some(other) = seen.insert(slugify(spelling), &term.name)
                        && other != &term.name
                    {
                        return fail("aliases", format!("{kind} spelling `{spelling}` belongs to both `{other}` and `{}`", term.name));
                    }
                }
            }
        }
        for part in &self.classify.read {
            if !CLASSIFY_PARTS.contains(&part.as_str()) {
                return fail("read", format!("[classify] read: unknown part `{part}`; expected any of {}", CLASSIFY_PARTS.join(", ")));
            }
        }
        for field in &self.classify.infer {
            if !CLASSIFY_FIELDS.contains(&field.as_str()) {
                return fail("infer", format!("[classify] infer: unknown field `{field}`; expected any of {}", CLASSIFY_FIELDS.join(", ")));
            }
        }
        for term in self.factors.iter().chain(&self.services).chain(&self.teams) {
            for rule in &term.match_rules {
                if let Err(message) = crate::classify::rules::compile(rule) {
                    let line = text.lines().position(|l| l.contains(rule.as_str())).map_or(1, |i| i + 1);
                    return Err(Error::Config {
                        path: path.to_path_buf(),
                        line,
                        column: 1,
                        message: format!("`{}`: {message}", term.name),
                    });
                }
            }
        }
        Ok(())
    }

    /// Absolute content directory.
    pub fn content_dir(&self) -> PathBuf {
        self.root.join(&self.build.content_dir)
    }

    /// Absolute output directory.
    pub fn build_dir(&self) -> PathBuf {
        self.root.join(&self.build.build_dir)
    }

    /// Absolute directory of the selected theme (may not exist).
    pub fn theme_path(&self) -> PathBuf {
        self.root.join(&self.build.theme_dir).join(&self.build.theme)
    }

    /// Find a severity level by any of its spellings.
    pub fn severity(&self, spelling: &str) -> Option<(usize, &SeverityLevel)> {
        let key = fold_key(spelling);
        self.severities.iter().enumerate().find(|(_, l)| fold_key(&l.name) == key || l.aliases.iter().any(|a| fold_key(a) == key))
    }
}

fn config_error(e: &toml::de::Error, text: &str, path: &Path) -> Error {
    let (line, column) = e.span().map(|span| crate::diagnostics::line_col(text, span.start)).unwrap_or((1, 1));
    let original = e.message().trim().to_string();
    let mut message = original.clone();
    if let Some(rest) = original.strip_prefix("unknown field `")
        && let Some((field, expected)) = rest.split_once('`')
    {
        let known: Vec<&str> = expected.split('`').enumerate().filter(|(i, _)| i % 2 == 1).map(|(_, s)| s).collect();
        message = format!("unknown key `{field}`");
        if let Some(s) = did_you_mean(field, known.iter().copied()) {
            message.push_str(&format!(" (did you mean `{s}`?)"));
        } else if !known.is_empty() {
            message.push_str(&format!("; expected one of: {}", known.join(", ")));
        }
    }
    Error::Config { path: path.to_path_buf(), line, column, message }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config> {
        Config::parse(text, Path::new("book.toml"))
    }

    #[test]
    fn title_alone_is_enough() {
        let cfg = parse("[book]\ntitle = \"Ops\"\n").unwrap();
        assert_eq!(cfg.book.title, "Ops");
        assert_eq!(cfg.build.content_dir, PathBuf::from("content"));
        assert_eq!(cfg.severities.len(), 4);
        assert_eq!(cfg.severity("sev1").unwrap().1.name, "SEV-1");
        assert_eq!(cfg.severity("P3").unwrap().0, 2);
    }

    #[test]
    fn unknown_key_suggests_the_closest() {
        let err = parse("[book]\ntitle = \"x\"\n\n[build]\ncontent-dri = \"c\"\n").unwrap_err();
        let Error::Config { line, message, .. } = err else { panic!("{err:?}") };
        assert_eq!(line, 5);
        assert!(message.contains("did you mean `content-dir`"), "{message}");
    }

    #[test]
    fn bad_zone_is_located() {
        let err = parse("[time]\ndefault-zone = \"Mars/Olympus\"\n").unwrap_err();
        let Error::Config { line, message, .. } = err else { panic!("{err:?}") };
        assert_eq!(line, 2);
        assert!(message.contains("Mars/Olympus"));
    }
}
