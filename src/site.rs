//! `pmbook build`: load, check, render and swap the site in atomically.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::archive::{self, Archive};
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::error::{Error, Result};
use crate::output::{OutputLock, Staging};
use crate::progress::{Progress, Silent};
use crate::render::Renderer;
use crate::theme::Theme;
use crate::timings::{self, Phase};

/// Options of one build.
#[derive(Clone, Default)]
pub struct BuildOptions {
    /// Output directory; default from `book.toml`.
    pub dest: Option<PathBuf>,
    /// The day that decides which action items are overdue. Default: today (UTC).
    pub today: Option<NaiveDate>,
    /// Skip the search index even when book.toml enables it.
    pub no_search: bool,
    /// Leave out documents with errors and publish the rest (their
    /// findings are still returned, in the report).
    pub keep_going: bool,
    /// Where to report progress; default: nowhere.
    pub progress: Option<Arc<dyn Progress>>,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    /// Documents published.
    pub documents: usize,
    /// Files left out because they have errors (`--keep-going`).
    pub skipped: Vec<PathBuf>,
    /// Internal documents left out of a public build.
    pub withheld: usize,
    /// HTML pages written.
    pub pages: usize,
    /// Findings: warnings, and with `keep_going` the errors of the files
    /// left out.
    pub warnings: Vec<Diagnostic>,
    /// Where the site is.
    pub dest: PathBuf,
    /// Wall time.
    pub elapsed: Duration,
}

/// Build the site. On any error the previous output is left untouched.
pub fn build(cfg: &Config, opts: &BuildOptions) -> Result<BuildReport> {
    let start = Instant::now();
    let dest = opts.dest.clone().unwrap_or_else(|| cfg.build_dir());
    if let Some(problem) = crate::config::destination_problem(&dest, &cfg.root, &cfg.content_dir()) {
        return Err(Error::Usage(format!("refusing to build into {}: it {problem}", dest.display())));
    }
    let _lock = OutputLock::acquire(&dest)?;
    let progress: &dyn Progress = opts.progress.as_deref().unwrap_or(&Silent);
    // What of each document only its page, search record and export read
    // waits on disk until they are written (see crate::spill).
    let search = cfg.output.search && !opts.no_search;
    let spill = crate::spill::Spill::create(crate::output::sibling(&dest, &format!("spill-{}", std::process::id())), search)?;
    let mut archive: Archive = archive::load_spilled(cfg, progress, Some(&spill));
    timings::memory("loading");
    let mut skipped = Vec::new();
    if archive.has_errors() {
        match if opts.keep_going { archive.skip_failed() } else { None } {
            Some(files) => skipped = files,
            None => {
                progress.finish();
                return Err(Error::Documents(archive.diagnostics));
            }
        }
    }
    let withheld = if cfg.build.public { crate::archive::drop_internal(&mut archive.documents) } else { 0 };
    // Inferences that are not to be published were removed while loading,
    // before each document was spilled.
    let theme = Theme::load(cfg)?;
    let today = opts.today.unwrap_or_else(|| chrono::Utc::now().date_naive());
    let mut renderer = Renderer::new(cfg, &theme, &archive.documents, today);
    renderer.search = search;
    renderer.progress = progress;
    renderer.spill = Some(&spill);
    let staging = Staging::new(&dest)?;
    let stats = renderer.render_all(&staging);
    progress.finish();
    let stats = stats?;
    timings::measure(Phase::Write, || staging.commit())?;
    timings::memory("the whole build");
    Ok(BuildReport {
        documents: archive.documents.len(),
        withheld,
        skipped,
        pages: stats.pages,
        warnings: archive.diagnostics,
        dest,
        elapsed: start.elapsed(),
    })
}
