//! Loading a whole archive: discover files, understand each one in parallel,
//! and run the consistency rules.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::check;
use crate::config::Config;
use crate::content;
use crate::datetime::ZoneTable;
use crate::diagnostics::{self, Diagnostic, Level};
use crate::progress::{Progress, Silent};
use crate::timings::{self, Phase};
use crate::understand::{self, Document};

/// Every document of an archive and every finding about it.
#[derive(Debug)]
pub struct Archive {
    /// Understood documents, in path order.
    pub documents: Vec<Document>,
    /// Findings, sorted by file and line.
    pub diagnostics: Vec<Diagnostic>,
    /// How many files were read.
    pub files: usize,
}

impl Archive {
    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.level == Level::Error)
    }
}

/// Load every post-mortem under the configured content directory.
pub fn load(cfg: &Config) -> Archive {
    load_with(cfg, &Silent)
}

/// [`load`], reporting each file read to `progress`.
pub fn load_with(cfg: &Config, progress: &dyn Progress) -> Archive {
    let dir = cfg.content_dir();
    if !dir.is_dir() {
        let d = Diagnostic::error(
            "missing-content",
            content::relative_to(&dir, &cfg.root),
            1,
            format!("content directory `{}` does not exist", dir.display()),
        )
        .with_help("create it, or set [build] content-dir in book.toml");
        return Archive { documents: Vec::new(), diagnostics: vec![d], files: 0 };
    }
    let (files, mut problems) =
        timings::measure(Phase::Read, || content::discover(&dir, &cfg.root, &cfg.build.extensions, &cfg.build.exclude));
    progress.stage("Loading", Some(files.len() as u64));
    let mut archive = load_files_with(cfg, &dir, &files, progress);
    archive.diagnostics.append(&mut problems);
    diagnostics::sort(&mut archive.diagnostics);
    archive
}

/// Load the given files. Paths inside `content_dir` link to each other by
/// their path relative to it; files elsewhere are taken by file name.
pub fn load_files(cfg: &Config, content_dir: &Path, files: &[PathBuf]) -> Archive {
    load_files_with(cfg, content_dir, files, &Silent)
}

/// [`load_files`], reporting each file read to `progress`.
pub fn load_files_with(cfg: &Config, content_dir: &Path, files: &[PathBuf], progress: &dyn Progress) -> Archive {
    let mut archive = understand_files(cfg, content_dir, files, progress);
    archive.diagnostics.extend(timings::measure(Phase::Checks, || check::check_archive(&archive.documents)));
    diagnostics::sort(&mut archive.diagnostics);
    archive
}

/// Read and understand the given files with the per-document checks only:
/// the archive-wide rules (duplicate ids, links) are left to the caller,
/// which may hold more documents than these.
pub fn understand_files(cfg: &Config, content_dir: &Path, files: &[PathBuf], progress: &dyn Progress) -> Archive {
    let zones = ZoneTable::new(&cfg.time.zones);
    let results: Vec<(Option<Document>, Vec<Diagnostic>)> = files
        .par_iter()
        .map(|path| {
            let display = content::relative_to(path, &cfg.root);
            let content_path = path
                .strip_prefix(content_dir)
                .map(Path::to_path_buf)
                .unwrap_or_else(|_| path.file_name().map(PathBuf::from).unwrap_or_default());
            let read = timings::measure(Phase::Read, || content::read(path, display));
            progress.advance(1);
            match read {
                Err(d) => (None, vec![*d]),
                Ok(doc) => timings::measure(Phase::Extract, || {
                    let outcome = understand::understand(&doc, &content_path, cfg, &zones);
                    let mut diags = outcome.diagnostics;
                    if let Some(d) = &outcome.document {
                        diags.extend(check::check_incident(&d.incident).into_iter().map(|x| x.with_source(&doc.text)));
                        diags.extend(check::check_vocabulary(&d.incident, cfg).into_iter().map(|x| x.with_source(&doc.text)));
                        if path.starts_with(content_dir) {
                            diags.extend(check::check_files(d, content_dir).into_iter().map(|x| x.with_source(&doc.text)));
                        }
                    }
                    (outcome.document, diags)
                }),
            }
        })
        .collect();
    let mut documents = Vec::with_capacity(results.len());
    let mut diags = Vec::new();
    for (doc, d) in results {
        documents.extend(doc);
        diags.extend(d);
    }
    Archive { documents, diagnostics: diags, files: files.len() }
}
