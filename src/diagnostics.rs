//! Findings about documents: what is wrong, where, and how to report it.
//!
//! Every problem pmbook finds in an archive becomes a [`Diagnostic`] naming the
//! file, line and column. The CLI prints them as human text (with the source
//! line), JSON, or GitHub workflow annotations.

use std::fmt::Write as _;
use std::path::PathBuf;

use serde::Serialize;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The build fails.
    Error,
    /// Reported; fails only with `--deny-warnings`.
    Warning,
}

/// One finding, located in a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub level: Level,
    /// Stable machine-readable name of the rule, e.g. `unknown-severity`.
    pub code: &'static str,
    /// The file, as given or relative to the archive root.
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it, when pmbook knows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The text of the offending line, for display.
    #[serde(skip)]
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// An error at `file:line`.
    pub fn error(code: &'static str, file: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> Self {
        Self::new(Level::Error, code, file, line, message)
    }

    /// A warning at `file:line`.
    pub fn warning(code: &'static str, file: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> Self {
        Self::new(Level::Warning, code, file, line, message)
    }

    fn new(level: Level, code: &'static str, file: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> Self {
        Self { level, code, file: file.into(), line: line.max(1), column: 1, message: message.into(), help: None, source_line: None }
    }

    /// Add a hint.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Set the column.
    pub fn at_column(mut self, column: usize) -> Self {
        self.column = column.max(1);
        self
    }

    /// Attach the offending line from the document text.
    pub fn with_source(mut self, text: &str) -> Self {
        self.source_line = text.lines().nth(self.line - 1).map(|l| l.trim_end().to_string());
        self
    }

    /// `error[code]: message` with the location and source line, rustc style.
    pub fn render_human(&self) -> String {
        let mut out = String::new();
        let level = match self.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        let _ = writeln!(out, "{level}[{}]: {}", self.code, printable(&self.message));
        let _ = writeln!(out, "  --> {}:{}:{}", printable(&self.file.display().to_string()), self.line, self.column);
        if let Some(src) = &self.source_line {
            let width = self.line.to_string().len();
            let (shown, caret) = window(src, self.column);
            let _ = writeln!(out, "{:width$} |", "");
            let _ = writeln!(out, "{} | {}", self.line, printable(&shown));
            let caret_pad = shown.chars().take(caret).map(|c| if c == '\t' { '\t' } else { ' ' }).collect::<String>();
            let _ = writeln!(out, "{:width$} | {caret_pad}^", "");
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "  = help: {}", printable(help));
        }
        out
    }

    /// A GitHub Actions workflow command (`::error file=…,line=…::message`).
    pub fn render_github(&self) -> String {
        let level = match self.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        let mut message = self.message.clone();
        if let Some(help) = &self.help {
            message.push_str(" (help: ");
            message.push_str(help);
            message.push(')');
        }
        format!(
            "::{level} file={},line={},col={},title={}::{}",
            escape_github_property(&self.file.display().to_string()),
            self.line,
            self.column,
            escape_github_property(self.code),
            escape_github_data(&message)
        )
    }
}

/// Widest source line shown; longer lines are cut to a window around the
/// column.
const MAX_SHOWN: usize = 100;

/// The part of `line` to show and the caret's offset in it (in characters).
fn window(line: &str, column: usize) -> (String, usize) {
    let chars: Vec<char> = line.chars().collect();
    let col = column.saturating_sub(1).min(chars.len());
    if chars.len() <= MAX_SHOWN {
        return (line.to_string(), col);
    }
    let start = col.saturating_sub(MAX_SHOWN / 2).min(chars.len() - MAX_SHOWN);
    let end = start + MAX_SHOWN;
    let mut shown = String::new();
    if start > 0 {
        shown.push('…');
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push('…');
    }
    (shown, col - start + usize::from(start > 0))
}

/// Text with control characters made visible, so a document cannot send
/// escape sequences to the terminal or CI log that shows its findings.
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| c.is_control() && c != '\t') {
        return s.into();
    }
    s.chars()
        .map(|c| match c {
            '\t' => "\t".to_string(),
            c if c.is_control() => c.escape_unicode().to_string(),
            c => c.to_string(),
        })
        .collect::<String>()
        .into()
}

fn escape_github_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_github_property(s: &str) -> String {
    escape_github_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Sort findings by file, line, column; errors first within a line.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| (&a.file, a.line, a.column, a.level, a.code).cmp(&(&b.file, b.line, b.column, b.level, b.code)));
}

/// 1-based (line, column) of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The known word closest to `word`, when it is close enough to be a likely
/// typo (edit distance at most a third of its length, and at least 1).
pub fn did_you_mean<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    known
        .into_iter()
        .map(|k| (edit_distance(&word.to_lowercase(), &k.to_lowercase()), k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Levenshtein distance with adjacent transpositions counted as one edit.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev2: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
        }
        prev2 = std::mem::replace(&mut prev, cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_catch_typos_only() {
        let keys = ["severity", "status", "services", "summary"];
        assert_eq!(did_you_mean("sevrity", keys), Some("severity"));
        assert_eq!(did_you_mean("stauts", keys), Some("status"));
        assert_eq!(did_you_mean("colour", keys), None);
    }

    #[test]
    fn line_and_column_of_offsets() {
        let text = "ab\ncdé\nf";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        assert_eq!(line_col(text, 8), (3, 1));
    }

    #[test]
    fn human_rendering_shows_the_line() {
        let d = Diagnostic::error("unknown-severity", "content/a.md", 2, "unknown severity `SEV-9`")
            .at_column(11)
            .with_help("use one of SEV-1, SEV-2")
            .with_source("---\nseverity: SEV-9\n---\n");
        let out = d.render_human();
        assert!(out.contains("--> content/a.md:2:11"));
        assert!(out.contains("2 | severity: SEV-9"));
        assert!(out.contains("= help: use one of"));
        assert!(d.render_github().starts_with("::error file=content/a.md,line=2,col=11,"));
    }
}
