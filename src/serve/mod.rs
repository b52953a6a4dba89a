//! `pmbook serve`: the site on localhost, rebuilt as files change.
//!
//! The first build renders everything into memory ([`memory::MemorySite`]);
//! the HTTP server ([`http`]) answers from there. A watcher ([`watch`])
//! reports bursts of changed files; an edit to a post-mortem re-renders
//! its page, its term pages and the home page at once ([`workspace`]), and
//! browsers showing a changed page reload through a server-sent-events
//! stream. A full render then runs in the background, on one thread, to
//! bring everything else (related lists, board, ledger, statistics, feeds,
//! exports, search) up to date; it is dropped if another edit lands first.
//! A change to book.toml or the theme reloads and renders everything.

pub mod http;
pub mod memory;
pub mod watch;
pub mod workspace;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use notify::RecommendedWatcher;

use crate::config::CONFIG_FILE;
use crate::error::{Error, Result};
use crate::progress::{Progress, Silent};
use http::Hub;
use memory::MemorySite;
use workspace::{Snapshot, Workspace};

/// Options of `pmbook serve`.
#[derive(Clone)]
pub struct ServeOptions {
    /// Address to listen on.
    pub bind: String,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Build the search index (and keep it current in the background).
    pub search: bool,
    /// The day that decides which action items are overdue.
    pub today: NaiveDate,
    /// Progress of the first build.
    pub progress: Option<Arc<dyn Progress>>,
    /// How long a burst of changes with a file still being written must be
    /// quiet before it is rebuilt (see [`watch`]).
    pub debounce: Duration,
}

/// A running server: its address, and what it shares with its threads.
pub struct Served {
    /// The URL the site is served at.
    pub url: String,
    state: Arc<Shared>,
    events: Receiver<watch::Change>,
    debounce: Duration,
}

struct Shared {
    root: PathBuf,
    site: Arc<MemorySite>,
    hub: Arc<Hub>,
    /// The workspace; held while pages are written, so that a background
    /// render never replaces newer pages.
    workspace: Mutex<Workspace>,
    /// Generation of the newest change; a background render of an older one
    /// is dropped.
    generation: AtomicU64,
    background: Mutex<Option<mpsc::Sender<Snapshot>>>,
    watcher: Mutex<RecommendedWatcher>,
    /// How many errors the terminal was last shown, so that it can say when
    /// they are fixed.
    shown_errors: std::sync::atomic::AtomicUsize,
}

/// Build the site into memory, start the HTTP server and the watcher.
pub fn start(root: &Path, opts: &ServeOptions) -> Result<Served> {
    // The watcher reports absolute paths; compare them with absolute ones.
    let root = &std::fs::canonicalize(root).map_err(|e| Error::io(root, e))?;
    let progress: &dyn Progress = opts.progress.as_deref().unwrap_or(&Silent);
    // Take the port first: a port in use fails at once, not after the build.
    let addr = format!("{}:{}", opts.bind, opts.port);
    let listener = std::net::TcpListener::bind(&addr).map_err(|e| Error::Usage(format!("cannot listen on {addr}: {e}")))?;
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(opts.port);
    let url = format!("http://{}:{port}/", if opts.bind == "0.0.0.0" { "localhost" } else { &opts.bind });
    let ws = Workspace::open(root, opts.search, opts.today, progress)?;
    let site = Arc::new(MemorySite::new());
    let started = Instant::now();
    ws.snapshot().render(&*site, progress)?;
    site.take_changed();
    log(&format!("rendered {} post-mortems into memory ({} files) in {} ms", ws.len(), site.len(), started.elapsed().as_millis()));

    let hub = Arc::new(Hub::new());

    let (tx, events) = mpsc::channel();
    let watcher = watch::watch(root, ws.config(), tx)?;
    let state = Arc::new(Shared {
        root: root.to_path_buf(),
        site: site.clone(),
        hub: hub.clone(),
        generation: AtomicU64::new(ws.generation()),
        workspace: Mutex::new(ws),
        background: Mutex::new(None),
        watcher: Mutex::new(watcher),
        shown_errors: std::sync::atomic::AtomicUsize::new(0),
    });
    publish_status(&state);
    {
        let (site, hub) = (site.clone(), hub.clone());
        std::thread::spawn(move || {
            if let Err(e) = http::run(listener, site, hub) {
                log(&format!("the HTTP server stopped: {e}"));
            }
        });
    }
    let (btx, brx) = mpsc::channel::<Snapshot>();
    if let Ok(mut b) = state.background.lock() {
        *b = Some(btx);
    }
    {
        let state = state.clone();
        std::thread::spawn(move || background(state, brx));
    }
    Ok(Served { url, state, events, debounce: opts.debounce })
}

impl Served {
    /// Rebuild on every batch of changes until the watcher stops.
    pub fn run(self) {
        // An editor's save is several events: rebuild once per burst.
        while let Some(paths) = watch::next_burst(&self.events, self.debounce) {
            rebuild(&self.state, &paths);
        }
    }

    /// The directory served.
    pub fn root(&self) -> &Path {
        &self.state.root
    }
}

fn log(msg: &str) {
    eprintln!("{} {msg}", chrono::Local::now().format("%H:%M:%S"));
}

/// What a batch of paths asks for.
fn classify(root: &Path, cfg: &crate::config::Config, paths: &[PathBuf]) -> (bool, Vec<PathBuf>) {
    let (content, theme) = (cfg.content_dir(), cfg.theme_path());
    let config = root.join(CONFIG_FILE);
    let hidden = |p: &Path| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.') || n.ends_with('~'));
    let mut full = false;
    let mut content_paths = Vec::new();
    for p in paths {
        // book.toml, anything in the theme, or the theme folder appearing.
        if *p == config || (p.starts_with(&theme) && !hidden(p)) || (theme.starts_with(p) && p.starts_with(root) && p != root) {
            full = true;
        } else if p.starts_with(&content) && !hidden(p) {
            content_paths.push(p.clone());
        }
    }
    (full, content_paths)
}

/// Watch the configured content and theme folders (they may have just
/// appeared or moved); an error is logged, and the old watches stay.
fn watch_folders(state: &Shared, ws: &Workspace) {
    if let Ok(mut w) = state.watcher.lock()
        && let Err(e) = watch::watch_folders(&mut w, ws.config())
    {
        log(&format!("error: {e}"));
    }
}

fn rebuild(state: &Shared, paths: &[PathBuf]) {
    let started = Instant::now();
    let Ok(mut ws) = state.workspace.lock() else { return };
    let (full, content) = classify(&state.root, ws.config(), paths);
    if full {
        log("book.toml or the theme changed: rebuilding everything");
        // Watch a theme folder that appeared before reading it: a file
        // saved into it while it is read then makes another burst instead
        // of going unseen. A configuration that moves the folders is
        // watched and read once more, for the same reason.
        let folders = |ws: &Workspace| (ws.config().content_dir(), ws.config().theme_path());
        let before = folders(&ws);
        watch_folders(state, &ws);
        let mut reloaded = ws.reload_all(&Silent);
        if reloaded && folders(&ws) != before {
            watch_folders(state, &ws);
            reloaded = ws.reload_all(&Silent);
        }
        if reloaded {
            let snap = ws.snapshot();
            state.generation.store(snap.generation, Ordering::SeqCst);
            let next = MemorySite::new();
            match snap.render(&next, &Silent) {
                Ok(()) => {
                    state.site.replace_with(next);
                    log(&format!("rebuilt everything in {} ms", started.elapsed().as_millis()));
                    state.hub.reload(&["*".to_string()]);
                }
                // A template that parses but fails to render: shown like
                // any other error; the last good site stays.
                Err(e) => ws.set_setup_error(&e),
            }
        }
        drop(ws);
        publish_status(state);
        return;
    }
    if content.is_empty() {
        return;
    }
    let mut page_ms = None;
    let mut first = |errors: &[workspace::ErrorView], changed: Vec<String>| {
        page_ms = Some(started.elapsed().as_secs_f64() * 1000.0);
        tell_errors(state, errors);
        announce(state, &changed);
    };
    match ws.apply(&content, &state.site, &mut first) {
        Ok(applied) => {
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            if applied.docs_changed {
                state.generation.store(ws.generation(), Ordering::SeqCst);
                let page = page_ms.map(|p| format!("edited page in {p:.1} ms, ")).unwrap_or_default();
                log(&format!("rebuilt {} page(s): {page}all in {ms:.1} ms", applied.changed.len()));
                if let Ok(b) = state.background.lock()
                    && let Some(tx) = b.as_ref()
                {
                    let _ = tx.send(ws.snapshot());
                }
            }
            drop(ws);
            // The overlay first (cleared or shown), then the reload. When
            // the edited page went out early, only the rest is left to tell.
            if page_ms.is_none() {
                publish_status(state);
            } else {
                state.hub.set_status(&status_json(&state.workspace.lock().map(|ws| ws.errors()).unwrap_or_default()));
            }
            announce(state, &applied.changed);
        }
        Err(e) => {
            drop(ws);
            log(&format!("error: {e}"));
            publish_status(state);
        }
    }
}

/// Tell browsers which pages changed.
fn announce(state: &Shared, changed: &[String]) {
    if changed.is_empty() {
        return;
    }
    // A style sheet, script, font or image can change any page; data files
    // (feeds, JSON, CSV, `metrics.prom` with its build time) change none.
    const ASSETS: &[&str] = &["css", "js", "svg", "png", "jpg", "jpeg", "gif", "webp", "ico", "woff", "woff2"];
    let everything = changed.iter().any(|p| {
        !p.starts_with("pagefind/") && p.rsplit_once('.').is_some_and(|(_, ext)| ASSETS.contains(&ext.to_ascii_lowercase().as_str()))
    });
    let paths: Vec<String> = if everything { vec!["*".into()] } else { changed.iter().map(|p| format!("/{p}")).collect() };
    state.hub.reload(&paths);
}

fn publish_status(state: &Shared) {
    let errors = state.workspace.lock().map(|ws| ws.errors()).unwrap_or_default();
    tell_errors(state, &errors);
}

/// Show `errors` on the terminal and in every browser's overlay.
fn tell_errors(state: &Shared, errors: &[workspace::ErrorView]) {
    for e in errors {
        eprint!("{}", e.text);
    }
    let before = state.shown_errors.swap(errors.len(), Ordering::SeqCst);
    if errors.is_empty() && before > 0 {
        log(&format!("fixed: {before} error(s) cleared, the site is up to date"));
    }
    state.hub.set_status(&status_json(errors));
}

fn status_json(errors: &[workspace::ErrorView]) -> String {
    serde_json::json!({ "errors": errors }).to_string()
}

/// Full renders in the background, on one thread so that edits stay fast.
/// The thread runs at a lower priority (the threads it starts, the search
/// indexer's among them, inherit it): a full render with the search index
/// otherwise doubled the time an edit takes to show.
fn background(state: Arc<Shared>, rx: Receiver<Snapshot>) {
    #[cfg(unix)]
    // SAFETY: setpriority only reads its arguments; on Linux, PRIO_PROCESS
    // with 0 is the calling thread. Failing to lower it is harmless.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(1).build() {
        Ok(p) => p,
        Err(_) => return,
    };
    while let Ok(mut snap) = rx.recv() {
        while let Ok(newer) = rx.try_recv() {
            snap = newer;
        }
        if snap.generation != state.generation.load(Ordering::SeqCst) {
            continue;
        }
        let started = Instant::now();
        let next = MemorySite::new();
        if let Err(e) = pool.install(|| snap.render(&next, &Silent)) {
            log(&format!("background render failed: {e}"));
            continue;
        }
        // What differs is found before taking the workspace's lock, which
        // an edit waits for (comparing every page takes a while at 10,000
        // post-mortems); an edit landing meanwhile makes this render stale.
        let changed = state.site.diff(&next);
        // Swap only if no edit landed meanwhile (the lock keeps one out).
        let Ok(ws) = state.workspace.lock() else { return };
        if snap.generation != state.generation.load(Ordering::SeqCst) {
            continue;
        }
        let old = state.site.swap(next);
        drop(ws);
        // Freeing the old pages, too, is done outside the lock.
        drop(old);
        log(&format!("brought the whole site up to date ({} file(s) changed) in {} ms", changed.len(), started.elapsed().as_millis()));
        announce(&state, &changed);
    }
}
