//! What `serve` knows about the archive between edits, and how one batch of
//! changed files becomes updated pages.
//!
//! Each file keeps its last good [`Document`]. A file that fails to parse
//! keeps serving its last good page and its errors go to the browser
//! overlay; it is read again with every later batch until it is fixed. A
//! batch that would add an archive-wide error (a duplicate id, a broken
//! link) is held back the same way.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;

use crate::archive;
use crate::check;
use crate::config::Config;
use crate::content;
use crate::diagnostics::{Diagnostic, Level};
use crate::error::Result;
use crate::output::Sink;
use crate::progress::Progress;
use crate::render::Renderer;
use crate::render::partial::{Affected, TermKey};
use crate::theme::Theme;
use crate::understand::Document;

use super::memory::MemorySite;

/// Everything needed to render the whole site once, detached from the
/// workspace (for the background render).
#[derive(Clone)]
pub struct Snapshot {
    /// The configuration.
    pub cfg: Arc<Config>,
    /// The theme.
    pub theme: Arc<Theme>,
    /// The documents.
    pub docs: Vec<Arc<Document>>,
    /// Whether to build the search index.
    pub search: bool,
    /// The build date.
    pub today: NaiveDate,
    /// The workspace generation this snapshot was taken at.
    pub generation: u64,
}

impl Snapshot {
    /// Render every page (and the search index) into `out`.
    pub fn render(&self, out: &dyn Sink, progress: &dyn Progress) -> Result<()> {
        let mut r = Renderer::new(&self.cfg, &self.theme, self.docs.iter().map(|d| &**d), self.today);
        r.search = self.search;
        r.progress = progress;
        let stats = r.render_all(out);
        progress.finish();
        stats.map(|_| ())
    }
}

/// The archive as `serve` holds it.
pub struct Workspace {
    root: PathBuf,
    cfg: Arc<Config>,
    theme: Arc<Theme>,
    docs: Vec<Arc<Document>>,
    /// Absolute file path → position in `docs`.
    by_path: HashMap<PathBuf, usize>,
    /// Errors of files that could not be taken in.
    file_errors: BTreeMap<PathBuf, Vec<Diagnostic>>,
    /// Archive-wide errors, and errors that held a batch back.
    archive_errors: Vec<Diagnostic>,
    /// An error in book.toml or the theme.
    setup_error: Option<ErrorView>,
    /// Files to read again with the next batch (they had errors).
    pending: BTreeSet<PathBuf>,
    memberships: HashMap<String, Vec<TermKey>>,
    search: bool,
    today: NaiveDate,
    generation: u64,
}

/// What applying one batch did.
#[derive(Debug, Default)]
pub struct Applied {
    /// Site paths whose bytes changed (`incidents/x/index.html`).
    pub changed: Vec<String>,
    /// Whether the documents changed (a background render is due).
    pub docs_changed: bool,
}

impl Workspace {
    /// Load the archive at `root`.
    pub fn open(root: &Path, search: bool, today: NaiveDate, progress: &dyn Progress) -> Result<Self> {
        let cfg = preview_config(Config::load(root)?);
        let theme = Theme::load(&cfg)?;
        let mut ws = Workspace {
            root: root.to_path_buf(),
            cfg: Arc::new(cfg),
            theme: Arc::new(theme),
            docs: Vec::new(),
            by_path: HashMap::new(),
            file_errors: BTreeMap::new(),
            archive_errors: Vec::new(),
            setup_error: None,
            pending: BTreeSet::new(),
            memberships: HashMap::new(),
            search,
            today,
            generation: 0,
        };
        ws.load_all(progress);
        Ok(ws)
    }

    fn load_all(&mut self, progress: &dyn Progress) {
        let arch = archive::load_with(&self.cfg, progress);
        let content_dir = self.cfg.content_dir();
        self.docs = arch.documents.into_iter().map(Arc::new).collect();
        self.reindex();
        self.file_errors.clear();
        self.pending.clear();
        for d in arch.diagnostics.into_iter().filter(|d| d.level == Level::Error) {
            let path = self.abs(&d.file);
            if path.starts_with(&content_dir) && !self.by_path.contains_key(&path) {
                self.pending.insert(path.clone());
                self.file_errors.entry(path).or_default().push(d);
            } else {
                self.archive_errors.push(d);
            }
        }
        let r = Renderer::new(&self.cfg, &self.theme, self.docs.iter().map(|d| &**d), self.today);
        self.memberships = r.memberships();
    }

    fn abs(&self, file: &Path) -> PathBuf {
        if file.is_absolute() { file.to_path_buf() } else { self.root.join(file) }
    }

    fn path_of(&self, d: &Document) -> PathBuf {
        self.cfg.content_dir().join(&d.content_path)
    }

    fn reindex(&mut self) {
        self.by_path = self.docs.iter().enumerate().map(|(i, d)| (self.path_of(d), i)).collect();
    }

    /// The configuration in use.
    pub fn config(&self) -> &Config {
        &self.cfg
    }

    /// The current generation (bumped by every change that reaches pages).
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// How many documents are served.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether no document is served.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Everything needed for a full render of the current state.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            cfg: self.cfg.clone(),
            theme: self.theme.clone(),
            docs: self.docs.clone(),
            search: self.search,
            today: self.today,
            generation: self.generation,
        }
    }

    /// Every current error, for the overlay and the terminal.
    pub fn errors(&self) -> Vec<ErrorView> {
        let mut out: Vec<ErrorView> = Vec::new();
        out.extend(self.setup_error.iter().cloned());
        for d in self.file_errors.values().flatten().chain(&self.archive_errors) {
            out.push(ErrorView { file: d.file.display().to_string(), line: d.line, code: d.code.to_string(), text: d.render_human() });
        }
        out
    }

    /// Reload book.toml, the theme and every document (a configuration or
    /// theme change). On a setup error the old state stays and the error
    /// is kept for the overlay; returns whether anything was reloaded.
    pub fn reload_all(&mut self, progress: &dyn Progress) -> bool {
        let loaded = Config::load(&self.root).map(preview_config).and_then(|cfg| Theme::load(&cfg).map(|t| (cfg, t)));
        match loaded {
            Ok((cfg, theme)) => {
                self.setup_error = None;
                self.cfg = Arc::new(cfg);
                self.theme = Arc::new(theme);
                self.archive_errors.clear();
                self.load_all(progress);
                self.generation += 1;
                true
            }
            Err(e) => {
                self.set_setup_error(&e);
                false
            }
        }
    }

    /// Record an error in book.toml or the theme (shown until the next
    /// successful reload).
    pub fn set_setup_error(&mut self, e: &crate::Error) {
        let rel = |p: &Path| p.strip_prefix(&self.root).unwrap_or(p).display().to_string();
        let (file, line, code) = match e {
            crate::Error::Config { path, line, .. } => (rel(path), *line, "config"),
            crate::Error::Template { name, .. } => (rel(&self.cfg.theme_path().join("templates").join(name)), 1, "template"),
            crate::Error::Documents(d) if !d.is_empty() => (d[0].file.display().to_string(), d[0].line, d[0].code),
            _ => ("book.toml".to_string(), 1, "setup"),
        };
        let text = match e {
            crate::Error::Documents(d) => d.iter().map(Diagnostic::render_human).collect(),
            other => format!("error: {other}\n"),
        };
        self.setup_error = Some(ErrorView { file, line, code: code.to_string(), text });
    }

    /// Take in changed paths under the content directory and re-render the
    /// pages they affect into `site`.
    /// The edited incidents' own pages come first: `first` is called with
    /// the errors and the changed paths as soon as they are in `site`, so
    /// the page an author is looking at reloads without waiting for the
    /// term pages and the home page, which follow.
    pub fn apply(&mut self, paths: &[PathBuf], site: &MemorySite, first: &mut dyn FnMut(&[ErrorView], Vec<String>)) -> Result<Applied> {
        let content_dir = self.cfg.content_dir();
        let mut candidates: BTreeSet<PathBuf> = paths.iter().filter(|p| p.starts_with(&content_dir)).cloned().collect();
        candidates.extend(self.pending.iter().cloned());
        let mut applied = Applied::default();

        // Local files (images) the pages show: copy the new bytes.
        let exts = &self.cfg.build.extensions;
        let is_doc_ext = |p: &Path| p.extension().and_then(|e| e.to_str()).is_some_and(|e| exts.iter().any(|x| x.eq_ignore_ascii_case(e)));
        let shown: HashSet<&PathBuf> = self.docs.iter().flat_map(|d| d.files.iter().map(|f| &f.target)).collect();
        for p in candidates.iter().filter(|p| !is_doc_ext(p) && p.is_file()) {
            if let Ok(rel) = p.strip_prefix(&content_dir)
                && shown.contains(&rel.to_path_buf())
            {
                let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
                site.copy(&format!("files/{rel}"), p)?;
            }
        }

        // Which post-mortems were edited, added or removed. A plain edit of a
        // known file needs no walk; anything else (a new, deleted or renamed
        // file or folder) is settled by walking the content directory.
        // Editors' temporary files (`sed`'s `sedXYZ`, `.swp`) come and go;
        // only a post-mortem's name, an existing folder, or a vanished folder
        // that held post-mortems can mean a file was added or removed.
        let known_edit = |p: &PathBuf| self.by_path.contains_key(p) && p.is_file();
        let structural = |p: &PathBuf| {
            if is_doc_ext(p) {
                !known_edit(p)
            } else if p.exists() {
                p.is_dir()
            } else {
                self.by_path.keys().any(|k| k.starts_with(p))
            }
        };
        let (edited, added, removed): (Vec<PathBuf>, Vec<PathBuf>, Vec<PathBuf>) = if !candidates.iter().any(structural) {
            (candidates.iter().filter(|p| known_edit(p)).cloned().collect(), Vec::new(), Vec::new())
        } else {
            let (files, _) = content::discover(&content_dir, &self.root, exts, &self.cfg.build.exclude);
            let on_disk: HashSet<&PathBuf> = files.iter().collect();
            let added: Vec<PathBuf> = files
                .iter()
                .filter(|f| !self.by_path.contains_key(*f) && (candidates.contains(*f) || !self.pending.contains(*f)))
                .cloned()
                .collect();
            let removed: Vec<PathBuf> = self.by_path.keys().filter(|p| !on_disk.contains(p)).cloned().collect();
            let edited: Vec<PathBuf> =
                candidates.iter().filter(|p| self.by_path.contains_key(*p) && on_disk.contains(p)).cloned().collect();
            // Files that errored and are gone now have nothing left to report.
            self.pending.retain(|p| on_disk.contains(p));
            self.file_errors.retain(|p, _| on_disk.contains(p));
            (edited, added, removed)
        };
        if edited.is_empty() && added.is_empty() && removed.is_empty() {
            applied.changed = site.take_changed();
            return Ok(applied);
        }

        // Read and understand each, keeping the last good version on error.
        let before: Vec<Arc<Document>> = self.docs.clone();
        let mut affected = Affected::default();
        let mut old_pages: Vec<(String, String)> = Vec::new();
        let mut touched: Vec<PathBuf> = Vec::new();
        // Whether anything the archive-wide rules read changed (an id, a
        // slug, a link, a reference, a file added or removed).
        let mut facts_changed = !removed.is_empty();
        for path in edited.iter().chain(&added) {
            let one = archive::understand_files(&self.cfg, &content_dir, std::slice::from_ref(path), &crate::progress::Silent);
            let errors: Vec<Diagnostic> = one.diagnostics.into_iter().filter(|d| d.level == Level::Error).collect();
            match (errors.is_empty(), one.documents.into_iter().next()) {
                (true, Some(doc)) => {
                    self.file_errors.remove(path);
                    self.pending.remove(path);
                    let doc = Arc::new(doc);
                    affected.incidents.insert(doc.incident.id.clone());
                    match self.by_path.get(path) {
                        Some(&i) => {
                            facts_changed |= !check::same_archive_facts(&self.docs[i], &doc);
                            let old = std::mem::replace(&mut self.docs[i], doc);
                            old_pages.push((old.incident.id.clone(), old.incident.slug.clone()));
                        }
                        None => {
                            facts_changed = true;
                            self.by_path.insert(path.clone(), self.docs.len());
                            self.docs.push(doc);
                        }
                    }
                    touched.push(path.clone());
                }
                (_, _) => {
                    self.pending.insert(path.clone());
                    self.file_errors.insert(path.clone(), errors);
                }
            }
        }
        for path in &removed {
            if let Some(&i) = self.by_path.get(path) {
                let old = &self.docs[i];
                old_pages.push((old.incident.id.clone(), old.incident.slug.clone()));
                touched.push(path.clone());
            }
        }
        if !removed.is_empty() {
            let gone: HashSet<&PathBuf> = removed.iter().collect();
            let content_dir = &content_dir;
            self.docs.retain(|d| !gone.contains(&content_dir.join(&d.content_path)));
            self.reindex();
        }
        if touched.is_empty() {
            applied.changed = site.take_changed();
            return Ok(applied);
        }

        // Archive-wide rules: a batch that adds an error is held back. When
        // the archive had no such error and the edits changed nothing those
        // rules read, there is nothing to find (errors that a held-back
        // batch left are always looked at again).
        if facts_changed || !self.archive_errors.is_empty() {
            let was: HashSet<(PathBuf, usize, &str, String)> = self.archive_errors.iter().map(key).collect();
            let now: Vec<Diagnostic> =
                check::check_archive(self.docs.iter().map(|d| &**d)).into_iter().filter(|d| d.level == Level::Error).collect();
            if now.iter().any(|d| !was.contains(&key(d))) {
                self.docs = before;
                self.reindex();
                self.pending.extend(touched);
                self.archive_errors = now;
                applied.changed = site.take_changed();
                return Ok(applied);
            }
            self.archive_errors = now;
        }
        // Render what the change touches.
        let mut r = Renderer::new(&self.cfg, &self.theme, self.docs.iter().map(|d| &**d), self.today);
        r.few_pages = true;
        for (id, slug) in &old_pages {
            affected.terms.extend(self.memberships.remove(id).into_iter().flatten());
            let still = self.docs.iter().any(|d| d.incident.slug == *slug);
            if !still {
                site.remove(&format!("incidents/{slug}/index.html"));
                site.remove(&format!("incidents/{slug}/index.json"));
            }
        }
        r.render_incidents(site, &affected.incidents)?;
        first(&self.errors(), site.take_changed());
        // The term pages it was on and is on now (this builds the indexes).
        let fresh = r.memberships_of(&affected.incidents);
        for (id, terms) in fresh {
            affected.terms.extend(terms.iter().cloned());
            self.memberships.insert(id, terms);
        }
        r.render_terms(site, &affected.terms)?;
        self.generation += 1;
        applied.docs_changed = true;
        applied.changed = site.take_changed();
        Ok(applied)
    }
}

fn key(d: &Diagnostic) -> (PathBuf, usize, &'static str, String) {
    (d.file.clone(), d.line, d.code, d.message.clone())
}

/// An error shown in the browser overlay.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ErrorView {
    /// File, as given or relative to the root.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// The finding's code.
    pub code: String,
    /// The full report, as the terminal shows it.
    pub text: String,
}

/// `serve` is the authors' preview: it always shows internal parts too
/// (`[build] public` applies to `pmbook build`).
fn preview_config(mut cfg: Config) -> Config {
    cfg.build.public = false;
    cfg
}
