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
    /// Where to report progress; default: nowhere.
    pub progress: Option<Arc<dyn Progress>>,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    /// Documents published.
    pub documents: usize,
    /// HTML pages written.
    pub pages: usize,
    /// Warnings found (errors stop the build).
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
    let _lock = OutputLock::acquire(&dest)?;
    let progress: &dyn Progress = opts.progress.as_deref().unwrap_or(&Silent);
    let archive: Archive = archive::load_with(cfg, progress);
    if archive.has_errors() {
        progress.finish();
        return Err(Error::Documents(archive.diagnostics));
    }
    let theme = Theme::load(cfg)?;
    let today = opts.today.unwrap_or_else(|| chrono::Utc::now().date_naive());
    let mut renderer = Renderer::new(cfg, &theme, &archive.documents, today);
    renderer.search = cfg.output.search && !opts.no_search;
    renderer.progress = progress;
    let staging = Staging::new(&dest)?;
    let stats = renderer.render_all(&staging);
    progress.finish();
    let stats = stats?;
    timings::measure(Phase::Write, || staging.commit())?;
    Ok(BuildReport {
        documents: archive.documents.len(),
        pages: stats.pages,
        warnings: archive.diagnostics,
        dest,
        elapsed: start.elapsed(),
    })
}
