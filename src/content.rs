//! Loading: find post-mortem files under `content/` and read them as text.
//!
//! Reading never guesses silently: a file that is not UTF-8, is binary, or
//! cannot be read becomes a located diagnostic. A UTF-8 byte-order mark is
//! dropped and CRLF line endings become LF, so line numbers stay right.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::Diagnostic;

/// One source file, read into memory.
#[derive(Debug, Clone)]
pub struct SourceDoc {
    /// Path on disk.
    pub path: PathBuf,
    /// Path for display and diagnostics: relative to the archive root when
    /// the file is inside it, else as given.
    pub display: PathBuf,
    /// The text, BOM removed, line endings normalised to `\n`.
    pub text: String,
}

/// Files under `dir` whose extension is one of `extensions`, sorted.
/// Hidden files and directories (`.name`), `_name` drafts folders and files
/// matching an `exclude` pattern (see [`matches_pattern`]) are skipped.
/// Problems walking (symlink loops, unreadable directories) are returned as
/// errors, and the walk goes on: a post-mortem that cannot be read must not
/// silently drop out of the site.
pub fn discover(dir: &Path, root: &Path, extensions: &[String], exclude: &[String]) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let allowed = readable_roots(root, dir);
    let escaped = std::cell::RefCell::new(Vec::new());
    let walker = WalkDir::new(dir).follow_links(true).sort_by_file_name().into_iter().filter_entry(|e| {
        if e.depth() > 0 && e.file_name().to_str().is_some_and(|n| n.starts_with('.') || n.starts_with('_')) {
            return false;
        }
        // A symbolic link may lead anywhere: to /etc, to the CI runner's
        // secrets. What it leads to is read only inside the archive.
        if e.depth() > 0 && e.path_is_symlink() && !inside(e.path(), &allowed) {
            escaped.borrow_mut().push(e.path().to_path_buf());
            return false;
        }
        true
    });
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let ext = e.path().extension().and_then(|x| x.to_str()).unwrap_or("");
                if extensions.iter().any(|x| x.eq_ignore_ascii_case(ext)) && !is_excluded(e.path(), dir, exclude) {
                    files.push(e.into_path());
                }
            }
            Ok(_) => {}
            Err(err) => {
                let path = err.path().map(Path::to_path_buf).unwrap_or_else(|| dir.to_path_buf());
                let message = if err.loop_ancestor().is_some() {
                    "symbolic link loop: this link leads back to a folder that contains it".to_string()
                } else {
                    format!("cannot read: {}", err.io_error().map_or_else(|| err.to_string(), ToString::to_string))
                };
                problems.push(Diagnostic::error("unreadable-path", relative_to(&path, root), 1, message));
            }
        }
    }
    for path in escaped.into_inner() {
        let target = std::fs::read_link(&path).map(|t| t.display().to_string()).unwrap_or_default();
        problems.push(Diagnostic::error(
            "outside-archive",
            relative_to(&path, root),
            1,
            format!("symbolic link to `{target}`, outside the archive; it is not read"),
        ));
    }
    (files, problems)
}

/// The folders whose files may be read and published: the archive folder
/// and the content folder (which book.toml may put anywhere, or reach
/// through a link), with every link resolved.
pub fn readable_roots(root: &Path, content_dir: &Path) -> [PathBuf; 2] {
    [root, content_dir].map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf()))
}

/// Whether `path`, with every symbolic link resolved, is inside one of
/// `roots` (from [`readable_roots`]). A path that cannot be resolved is not.
pub fn inside(path: &Path, roots: &[PathBuf]) -> bool {
    std::fs::canonicalize(path).is_ok_and(|p| roots.iter().any(|r| p.starts_with(r)))
}

/// Whether `path` (under `dir`) matches one of the `exclude` patterns: a
/// pattern without `/` is matched against the file name, one with `/`
/// against the `/`-separated path relative to `dir`.
fn is_excluded(path: &Path, dir: &Path, exclude: &[String]) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    let rel = relative_to(path, dir).components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/");
    exclude.iter().any(|p| if p.contains('/') { matches_pattern(p, &rel) } else { matches_pattern(p, &name) })
}

/// Case-insensitive wildcard match: `*` is any run of characters (including
/// none), `?` exactly one character; everything else matches itself.
pub fn matches_pattern(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.to_lowercase().chars().collect();
    let t: Vec<char> = text.to_lowercase().chars().collect();
    // Iterative matcher with single-star backtracking: linear in practice.
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

/// `path` relative to `root` when inside it.
pub fn relative_to(path: &Path, root: &Path) -> PathBuf {
    path.strip_prefix(root).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf())
}

/// Largest post-mortem file read (8 MiB): far beyond any real one, small
/// enough that a stray log dump cannot exhaust a build's memory.
pub const MAX_FILE_BYTES: u64 = 8 << 20;

/// Read one file. Errors are diagnostics located in that file.
pub fn read(path: &Path, display: PathBuf) -> Result<SourceDoc, Box<Diagnostic>> {
    if let Ok(meta) = std::fs::metadata(path)
        && meta.len() > MAX_FILE_BYTES
    {
        return Err(Box::new(
            Diagnostic::error(
                "too-large",
                display,
                1,
                format!("the file is {:.1} MiB; a post-mortem may be at most {} MiB", meta.len() as f64 / 1048576.0, MAX_FILE_BYTES >> 20),
            )
            .with_help("move logs and data dumps to files beside it and link them"),
        ));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| Box::new(Diagnostic::error("unreadable-file", display.clone(), 1, format!("cannot read the file: {e}"))))?;
    let text = decode(&bytes)
        .map_err(|(line, column, message)| Diagnostic::error("encoding", display.clone(), line, message).at_column(column))?;
    Ok(SourceDoc { path: path.to_path_buf(), display, text })
}

/// Decode bytes as UTF-8 text: BOM stripped, CRLF/CR normalised to LF.
/// On failure: (line, column, message).
pub fn decode(bytes: &[u8]) -> Result<String, (usize, usize, String)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        let (line, column) = position(bytes, pos);
        return Err((line, column, "this is a binary file (it contains NUL bytes), not a post-mortem".into()));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let (line, column) = position(bytes, e.valid_up_to());
            return Err((
                line,
                column,
                format!("the file is not valid UTF-8 (invalid byte 0x{:02X}); save it as UTF-8", bytes[e.valid_up_to()]),
            ));
        }
    };
    Ok(if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text.to_string() })
}

fn position(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::{decode, matches_pattern};

    #[test]
    fn wildcard_patterns() {
        assert!(matches_pattern("README.*", "readme.md"));
        assert!(matches_pattern("LICENSE*", "LICENSE"));
        assert!(matches_pattern("*.draft.md", "db-outage.draft.md"));
        assert!(matches_pattern("drafts/*", "drafts/x.md"));
        assert!(matches_pattern("pm-20??-*", "PM-2024-001.md"));
        assert!(!matches_pattern("README.*", "readme"));
        assert!(!matches_pattern("SOURCES.*", "open-sources.md"));
        assert!(!matches_pattern("a*b*c", "aXbY"));
    }

    #[test]
    fn bom_and_crlf_are_normalised() {
        assert_eq!(decode(b"\xEF\xBB\xBF---\r\ntitle: x\r\n").unwrap(), "---\ntitle: x\n");
    }

    #[test]
    fn bad_bytes_are_located() {
        let (line, col, msg) = decode(b"a\nbc\xFFd").unwrap_err();
        assert_eq!((line, col), (2, 3));
        assert!(msg.contains("0xFF"));
        let (line, _, msg) = decode(b"x\n\n\0").unwrap_err();
        assert_eq!(line, 3);
        assert!(msg.contains("binary"));
    }
}
