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
use crate::spill::Spill;
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

impl Archive {
    /// `--keep-going`: drop every document that has an error, and then
    /// those whose links or references only worked through a dropped one,
    /// until what is left is consistent. Returns the files left out; the
    /// findings stay as they are, to be reported. Errors that belong to no
    /// single document (a missing content folder) cannot be skipped: the
    /// return is `None` then.
    pub fn skip_failed(&mut self) -> Option<Vec<PathBuf>> {
        if self.diagnostics.iter().any(|d| d.level == Level::Error && d.code == "missing-content") {
            return None;
        }
        let mut skipped: Vec<PathBuf> = Vec::new();
        let mut errors: Vec<Diagnostic> = self.diagnostics.iter().filter(|d| d.level == Level::Error).cloned().collect();
        while !errors.is_empty() {
            let bad: std::collections::HashSet<&Path> = errors.iter().map(|d| d.file.as_path()).collect();
            skipped.extend(bad.iter().map(|p| p.to_path_buf()));
            self.documents.retain(|d| !bad.contains(d.incident.source.path.as_path()));
            // References to what was just dropped are new errors; they are
            // reported with the rest and drop their documents in turn.
            let found: Vec<Diagnostic> = check::check_archive(&self.documents).into_iter().filter(|d| d.level == Level::Error).collect();
            errors = found.into_iter().filter(|d| !self.diagnostics.contains(d)).collect();
            self.diagnostics.extend(errors.iter().cloned());
        }
        skipped.sort();
        skipped.dedup();
        diagnostics::sort(&mut self.diagnostics);
        Some(skipped)
    }
}

/// Load every post-mortem under the configured content directory.
pub fn load(cfg: &Config) -> Archive {
    load_with(cfg, &Silent)
}

/// [`load`], reporting each file read to `progress`.
pub fn load_with(cfg: &Config, progress: &dyn Progress) -> Archive {
    load_spilled(cfg, progress, None)
}

/// [`load_with`], moving each document's bulky text into `spill` as soon
/// as it is read and checked (see [`crate::spill`]).
pub fn load_spilled(cfg: &Config, progress: &dyn Progress, spill: Option<&Spill>) -> Archive {
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
    let mut archive = understand_spilled(cfg, &dir, &files, progress, spill);
    archive.diagnostics.extend(timings::measure(Phase::Checks, || check::check_archive(&archive.documents)));
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
    understand_spilled(cfg, content_dir, files, progress, None)
}

fn understand_spilled(cfg: &Config, content_dir: &Path, files: &[PathBuf], progress: &dyn Progress, spill: Option<&Spill>) -> Archive {
    let zones = ZoneTable::new(&cfg.time.zones);
    let real_roots = content::readable_roots(&cfg.root, content_dir);
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
                        let review = check::check_incident(&d.incident).into_iter().chain(crate::readiness::check(&d.incident, &doc.text));
                        let review = without_consequences(&diags, review.collect());
                        diags.extend(crate::readiness::relevel(review, &cfg.check).into_iter().map(|x| x.with_source(&doc.text)));
                        diags.extend(check::check_vocabulary(&d.incident, cfg).into_iter().map(|x| x.with_source(&doc.text)));
                        diags.extend(crate::phases::check(&d.incident, cfg).into_iter().map(|x| x.with_source(&doc.text)));
                        if path.starts_with(content_dir) {
                            diags.extend(check::check_files(d, content_dir, &real_roots).into_iter().map(|x| x.with_source(&doc.text)));
                        }
                    }
                    let mut document = outcome.document;
                    if let (Some(spill), Some(d)) = (spill, document.as_mut()) {
                        // Inferences not to be published go before the rest
                        // is spilled (they take values out of the metadata).
                        if !cfg.classify.publish {
                            crate::classify::unpublish(&mut d.incident);
                        }
                        // On failure (a full disk) the text stays in memory.
                        let _ = spill.put(d);
                    }
                    (document, diags)
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

/// Drop internal documents and every reference to them: what a public
/// build publishes. Returns how many were dropped.
pub fn drop_internal(docs: &mut Vec<Document>) -> usize {
    let before = docs.len();
    let hidden: std::collections::HashSet<String> = docs.iter().filter(|d| d.incident.internal).map(|d| d.incident.id.clone()).collect();
    if hidden.is_empty() {
        return 0;
    }
    let hidden_paths: std::collections::HashSet<std::path::PathBuf> =
        docs.iter().filter(|d| d.incident.internal).map(|d| d.content_path.clone()).collect();
    docs.retain(|d| !d.incident.internal);
    for d in docs.iter_mut() {
        d.incident.related.retain(|r| !hidden.contains(r));
        if d.incident.recurrence_of.as_ref().is_some_and(|r| hidden.contains(r)) {
            d.incident.recurrence_of = None;
        }
        d.links.retain(|l| !hidden_paths.contains(&l.target));
    }
    before - docs.len()
}

/// The model's checks without the findings that only repeat a reading
/// error: a milestone whose time could not be read (no zone, a bad time) is
/// missing from the model, and "the `resolved` time is missing" would send
/// the reader after the wrong problem.
fn without_consequences(read: &[Diagnostic], checks: Vec<Diagnostic>) -> Vec<Diagnostic> {
    const TIME_ERRORS: [&str; 5] = ["missing-zone", "unknown-zone", "invalid-time", "missing-date", "invalid-date"];
    if !read.iter().any(|d| TIME_ERRORS.contains(&d.code)) {
        return checks;
    }
    checks.into_iter().filter(|d| !(d.code == "status-milestones" && d.message.contains("missing"))).collect()
}
