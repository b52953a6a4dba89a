//! Where a build spends its time, phase by phase (`pmbook build --timings`).
//!
//! Phases that run per document on every core (reading, front matter,
//! Markdown, extraction) add up the time each thread spent, so their sum can
//! exceed the wall time; the other phases are measured once, on the wall
//! clock. Counting is off until [`enable`] is called and costs two clock
//! reads per measured step when on.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// A phase of the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Walking `content-dir` and reading files (CPU time summed over threads).
    Read,
    /// Splitting and parsing front matter (summed over threads).
    FrontMatter,
    /// Markdown to HTML, with syntax highlighting (summed over threads).
    Markdown,
    /// Recognising the model in the body and per-document checks (summed).
    Extract,
    /// Archive-wide checks (duplicate ids, links).
    Checks,
    /// Cross-incident indexes, related incidents and statistics.
    Index,
    /// Rendering incident pages through the templates.
    IncidentPages,
    /// Index pages, the board, the ledger and statistics pages.
    IndexPages,
    /// Feeds, incidents.json, action-items.csv and the schema.
    Exports,
    /// The Pagefind search index.
    Search,
    /// Writing files into the staging directory and swapping it in (summed).
    Write,
}

impl Phase {
    /// Every phase, in pipeline order.
    pub const ALL: [Phase; 11] = [
        Phase::Read,
        Phase::FrontMatter,
        Phase::Markdown,
        Phase::Extract,
        Phase::Checks,
        Phase::Index,
        Phase::IncidentPages,
        Phase::IndexPages,
        Phase::Exports,
        Phase::Search,
        Phase::Write,
    ];

    /// Label shown in the timings table.
    pub fn label(self) -> &'static str {
        match self {
            Phase::Read => "read files",
            Phase::FrontMatter => "front matter",
            Phase::Markdown => "markdown + highlight",
            Phase::Extract => "extract + check",
            Phase::Checks => "archive checks",
            Phase::Index => "indexes",
            Phase::IncidentPages => "incident pages",
            Phase::IndexPages => "index pages",
            Phase::Exports => "feeds + exports",
            Phase::Search => "search index",
            Phase::Write => "write",
        }
    }

    /// Whether the figure is CPU time summed over threads.
    pub fn summed(self) -> bool {
        matches!(self, Phase::Read | Phase::FrontMatter | Phase::Markdown | Phase::Extract | Phase::Write)
    }
}

static ENABLED: AtomicBool = AtomicBool::new(false);
static NANOS: [AtomicU64; 11] = [const { AtomicU64::new(0) }; 11];

/// Memory marks: (what had just finished, resident MB, peak resident MB).
static MARKS: Mutex<Vec<(String, u64, u64)>> = Mutex::new(Vec::new());

/// Start counting (and reset the counters).
pub fn enable() {
    for n in &NANOS {
        n.store(0, Ordering::Relaxed);
    }
    if let Ok(mut m) = MARKS.lock() {
        m.clear();
    }
    ENABLED.store(true, Ordering::Relaxed);
}

/// Run `f`, adding its duration to `phase` when counting is on.
pub fn measure<T>(phase: Phase, f: impl FnOnce() -> T) -> T {
    if !ENABLED.load(Ordering::Relaxed) {
        return f();
    }
    let start = Instant::now();
    let out = f();
    add(phase, start.elapsed());
    out
}

/// Add `d` to `phase`.
pub fn add(phase: Phase, d: Duration) {
    if ENABLED.load(Ordering::Relaxed) {
        let i = Phase::ALL.iter().position(|p| *p == phase).unwrap_or(0);
        NANOS[i].fetch_add(d.as_nanos() as u64, Ordering::Relaxed);
    }
}

/// Note the process's resident and peak resident memory now, after `what`
/// (when counting is on, and where `/proc/self/status` exists). Phases run
/// side by side (the search index beside the pages), so a mark's peak is
/// the highest point so far, not one phase's own.
pub fn memory(what: &str) {
    if !ENABLED.load(Ordering::Relaxed) {
        return;
    }
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else { return };
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse::<u64>().ok())
            .map_or(0, |kb| kb / 1024)
    };
    if let Ok(mut m) = MARKS.lock() {
        m.push((what.to_string(), field("VmRSS:"), field("VmHWM:")));
    }
}

/// The time counted for each phase so far. Extraction is measured around
/// the whole understanding of a file; the front-matter and Markdown time
/// nested in it is taken out so that no time is counted twice.
pub fn snapshot() -> Vec<(Phase, Duration)> {
    let raw: Vec<Duration> = NANOS.iter().map(|n| Duration::from_nanos(n.load(Ordering::Relaxed))).collect();
    let at = |p: Phase| raw[Phase::ALL.iter().position(|q| *q == p).unwrap_or(0)];
    Phase::ALL
        .iter()
        .map(|p| match p {
            Phase::Extract => (*p, at(Phase::Extract).saturating_sub(at(Phase::FrontMatter) + at(Phase::Markdown))),
            _ => (*p, at(*p)),
        })
        .collect()
}

/// The timings as a table (one line per phase, then the wall time).
pub fn table(wall: Duration) -> String {
    let mut out = String::from("phase                      time\n");
    for (phase, d) in snapshot() {
        let note = if phase.summed() { "  (summed over threads)" } else { "" };
        out.push_str(&format!("{:<22} {:>8.1} ms{note}\n", phase.label(), d.as_secs_f64() * 1000.0));
    }
    out.push_str(&format!("{:<22} {:>8.1} ms\n", "total (wall)", wall.as_secs_f64() * 1000.0));
    if let Ok(marks) = MARKS.lock()
        && !marks.is_empty()
    {
        out.push_str("\nmemory after                 RSS     peak\n");
        // Repeated marks in a row (one per search shard) make one line:
        // the highest resident memory among them, and the peak after them.
        let mut rows: Vec<(String, usize, u64, u64)> = Vec::new();
        for (what, rss, peak) in marks.iter() {
            match rows.last_mut() {
                Some((w, n, r, p)) if w == what => {
                    *n += 1;
                    *r = (*r).max(*rss);
                    *p = *peak;
                }
                _ => rows.push((what.clone(), 1, *rss, *peak)),
            }
        }
        for (what, n, rss, peak) in rows {
            let what = if n > 1 { format!("{what} (×{n})") } else { what };
            out.push_str(&format!("{what:<24} {rss:>6} MB {peak:>5} MB\n"));
        }
    }
    out
}
