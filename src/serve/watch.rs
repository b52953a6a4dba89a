//! The watcher: which files changed, and when a burst of changes is over.
//!
//! An editor's save is several events (create a temporary file, write it,
//! close it, rename it over the original). Waiting a fixed time after the
//! last event costs every edit that time. Instead each event says whether
//! it finishes a change to its file (the file was closed after writing,
//! renamed, removed, or a folder was created); once every file in the burst
//! is finished, a short grace period catches a trailing event and the
//! burst is handed over. A file still being written (or a platform whose
//! watcher does not report closes) waits for the full quiet period.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use notify::event::{AccessKind, AccessMode, CreateKind, EventKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use crate::config::Config;
use crate::error::{Error, Result};

/// How long a burst whose files are all finished waits for a straggler.
pub const GRACE: Duration = Duration::from_millis(3);

/// Paths of one event, and whether the event finishes their change.
pub type Change = (Vec<PathBuf>, bool);

/// What an event means for a rebuild: `None` if nothing (a read, a change
/// of permissions), else whether it finishes a change.
fn meaning(kind: &EventKind) -> Option<bool> {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => Some(true),
        EventKind::Access(_) | EventKind::Other | EventKind::Any => None,
        EventKind::Modify(ModifyKind::Metadata(_)) => None,
        EventKind::Modify(ModifyKind::Name(_)) | EventKind::Remove(_) | EventKind::Create(CreateKind::Folder) => Some(true),
        EventKind::Create(_) | EventKind::Modify(_) => Some(false),
    }
}

/// Watch the folder of book.toml (not recursively), and the content and
/// theme folders. The output folder and everything else at the root is not
/// watched: an archive often lives beside code and build output.
pub fn watch(root: &std::path::Path, cfg: &Config, tx: mpsc::Sender<Change>) -> Result<RecommendedWatcher> {
    let handler = move |res: notify::Result<notify::Event>| {
        if let Ok(event) = res
            && let Some(done) = meaning(&event.kind)
        {
            let _ = tx.send((event.paths, done));
        }
    };
    let mut w = notify::recommended_watcher(handler).map_err(|e| Error::Usage(format!("cannot watch files: {e}")))?;
    w.watch(root, RecursiveMode::NonRecursive).map_err(|e| Error::Usage(format!("cannot watch {}: {e}", root.display())))?;
    watch_folders(&mut w, cfg)?;
    Ok(w)
}

/// Watch the content and theme folders (again, after a configuration
/// change may have moved them or a theme folder was created).
pub fn watch_folders(w: &mut RecommendedWatcher, cfg: &Config) -> Result<()> {
    for dir in [cfg.content_dir(), cfg.theme_path()] {
        if dir.is_dir() {
            w.watch(&dir, RecursiveMode::Recursive).map_err(|e| Error::Usage(format!("cannot watch {}: {e}", dir.display())))?;
        }
    }
    Ok(())
}

/// The next burst of changed paths (sorted, each once), or `None` when the
/// watcher has stopped. `quiet` is how long a burst with an unfinished
/// file must be silent before it is handed over anyway.
pub fn next_burst(events: &Receiver<Change>, quiet: Duration) -> Option<Vec<PathBuf>> {
    let mut burst = Burst::default();
    burst.add(events.recv().ok()?);
    loop {
        let wait = if burst.finished() { GRACE.min(quiet) } else { quiet };
        match events.recv_timeout(wait) {
            Ok(change) => burst.add(change),
            Err(RecvTimeoutError::Timeout) => break,
            Err(RecvTimeoutError::Disconnected) => break,
        }
    }
    Some(burst.paths.into_keys().collect())
}

/// Changed paths, each with whether its last event finished its change.
#[derive(Default)]
struct Burst {
    paths: BTreeMap<PathBuf, bool>,
}

impl Burst {
    fn add(&mut self, (paths, done): Change) {
        for p in paths {
            self.paths.insert(p, done);
        }
    }

    fn finished(&self) -> bool {
        self.paths.values().all(|&done| done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{DataChange, RenameMode};
    use std::time::Instant;

    fn p(s: &str) -> PathBuf {
        PathBuf::from(s)
    }

    #[test]
    fn events_that_finish_a_change() {
        assert_eq!(meaning(&EventKind::Access(AccessKind::Close(AccessMode::Write))), Some(true));
        assert_eq!(meaning(&EventKind::Modify(ModifyKind::Name(RenameMode::Both))), Some(true));
        assert_eq!(meaning(&EventKind::Modify(ModifyKind::Data(DataChange::Any))), Some(false));
        assert_eq!(meaning(&EventKind::Create(CreateKind::File)), Some(false));
        assert_eq!(meaning(&EventKind::Access(AccessKind::Close(AccessMode::Read))), None);
        assert_eq!(meaning(&EventKind::Access(AccessKind::Open(AccessMode::Any))), None);
    }

    #[test]
    fn a_finished_save_is_handed_over_without_the_quiet_period() {
        let (tx, rx) = mpsc::channel();
        // Write a temporary file, close it, rename it over the original.
        tx.send((vec![p("a.md~")], false)).unwrap();
        tx.send((vec![p("a.md~")], true)).unwrap();
        tx.send((vec![p("a.md~"), p("a.md")], true)).unwrap();
        let started = Instant::now();
        let burst = next_burst(&rx, Duration::from_secs(5)).unwrap();
        assert_eq!(burst, [p("a.md"), p("a.md~")]);
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn a_file_still_being_written_waits_for_quiet() {
        let (tx, rx) = mpsc::channel();
        tx.send((vec![p("a.md")], false)).unwrap();
        let sender = std::thread::spawn(move || {
            // Longer than the grace period, shorter than the quiet one.
            std::thread::sleep(GRACE * 10);
            tx.send((vec![p("b.md")], true)).unwrap();
        });
        let burst = next_burst(&rx, Duration::from_secs(5)).unwrap();
        sender.join().unwrap();
        assert_eq!(burst, [p("a.md"), p("b.md")]);
    }

    #[test]
    fn a_stopped_watcher_ends_the_bursts() {
        let (tx, rx) = mpsc::channel::<Change>();
        drop(tx);
        assert!(next_burst(&rx, Duration::from_millis(1)).is_none());
    }
}
