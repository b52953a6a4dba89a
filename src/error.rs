//! The library's error type. Every variant that comes from a file carries
//! its path and, where it has one, the line; the CLI turns them into reports.

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;

/// Shorthand for `Result<T, pmbook::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can stop pmbook.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// `book.toml` is malformed.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Config {
        /// Path of `book.toml`.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// One or more documents have errors; the build stops before writing.
    #[error("{} error(s) in the archive", .0.iter().filter(|d| d.level == crate::diagnostics::Level::Error).count())]
    Documents(Vec<Diagnostic>),
    /// A theme template failed to parse or render.
    #[error("template `{name}`: {message}")]
    Template {
        /// Template name, e.g. `incident.html`.
        name: String,
        /// Tera's message, which includes the template line.
        message: String,
    },
    /// Another build holds the output lock.
    #[error("another pmbook build is writing {} (lock file {}); wait for it or remove the lock if no build is running", dir.display(), lock.display())]
    Locked {
        /// The output directory.
        dir: PathBuf,
        /// The lock file.
        lock: PathBuf,
    },
    /// A ticket file for `import --from gitlab-issues|github-issues` that
    /// cannot be read.
    #[error(transparent)]
    Tickets(#[from] crate::tickets::TicketError),
    /// A refusal that protects user data or a usage mistake.
    #[error("{0}")]
    Usage(String),
}

impl Error {
    /// Wrap an I/O error with the path it concerns.
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io { path: path.to_path_buf(), source }
    }

    /// Wrap a Tera error, keeping its whole chain of causes.
    pub fn template(name: &str, err: &tera::Error) -> Self {
        let mut message = err.to_string();
        let mut source = std::error::Error::source(err);
        while let Some(s) = source {
            message.push_str(": ");
            message.push_str(&s.to_string());
            source = s.source();
        }
        Error::Template { name: name.to_string(), message }
    }
}
