//! Loading a whole archive: discover files, understand each one in parallel,
//! and run the consistency rules.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::check;
use crate::config::Config;
use crate::content;
use crate::datetime::ZoneTable;
use crate::diagnostics::{self, Diagnostic, Level};
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
    let (files, mut problems) = content::discover(&dir, &cfg.root, &cfg.build.extensions, &cfg.build.exclude);
    let mut archive = load_files(cfg, &dir, &files);
    archive.diagnostics.append(&mut problems);
    diagnostics::sort(&mut archive.diagnostics);
    archive
}

/// Load the given files. Paths inside `content_dir` link to each other by
/// their path relative to it; files elsewhere are taken by file name.
pub fn load_files(cfg: &Config, content_dir: &Path, files: &[PathBuf]) -> Archive {
    let zones = ZoneTable::new(&cfg.time.zones);
    let results: Vec<(Option<Document>, Vec<Diagnostic>)> = files
        .par_iter()
        .map(|path| {
            let display = content::relative_to(path, &cfg.root);
            let content_path = path
                .strip_prefix(content_dir)
                .map(Path::to_path_buf)
                .unwrap_or_else(|_| path.file_name().map(PathBuf::from).unwrap_or_default());
            match content::read(path, display) {
                Err(d) => (None, vec![*d]),
                Ok(doc) => {
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
                }
            }
        })
        .collect();
    let mut documents = Vec::with_capacity(results.len());
    let mut diags = Vec::new();
    for (doc, d) in results {
        documents.extend(doc);
        diags.extend(d);
    }
    diags.extend(check::check_archive(&documents));
    diagnostics::sort(&mut diags);
    Archive { documents, diagnostics: diags, files: files.len() }
}
