//! The site `serve` shows, held in memory: rendering writes here instead of
//! to disk, and the HTTP server reads from here.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, RwLock};

use crate::error::{Error, Result};
use crate::output::{Sink, safe_join};

/// Files of the site by relative path (`incidents/x/index.html`).
#[derive(Debug, Default)]
pub struct MemorySite {
    files: RwLock<HashMap<String, Arc<[u8]>>>,
    /// Paths whose bytes changed through [`Sink::write`] since the last
    /// [`MemorySite::take_changed`].
    changed: Mutex<Vec<String>>,
}

impl MemorySite {
    /// An empty site.
    pub fn new() -> Self {
        Self::default()
    }

    /// The file at `rel`, if any.
    pub fn get(&self, rel: &str) -> Option<Arc<[u8]>> {
        self.files.read().ok()?.get(rel).cloned()
    }

    /// How many files the site holds.
    pub fn len(&self) -> usize {
        self.files.read().map(|f| f.len()).unwrap_or(0)
    }

    /// Whether the site holds no file.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Remove the file at `rel`; whether it was there.
    pub fn remove(&self, rel: &str) -> bool {
        let removed = self.files.write().map(|mut f| f.remove(rel).is_some()).unwrap_or(false);
        if removed && let Ok(mut c) = self.changed.lock() {
            c.push(rel.to_string());
        }
        removed
    }

    /// The paths changed by writes and removals since the last call.
    pub fn take_changed(&self) -> Vec<String> {
        self.changed.lock().map(|mut c| std::mem::take(&mut *c)).unwrap_or_default()
    }

    /// Replace every file with those of `other`; returns the paths that
    /// differ (changed, added or removed).
    pub fn replace_with(&self, other: MemorySite) -> Vec<String> {
        let changed = self.diff(&other);
        drop(self.swap(other));
        changed
    }

    /// The paths whose bytes differ between this site and `other` (changed,
    /// added or removed), sorted. This site's lock is taken for one lookup
    /// at a time, never for the comparisons: an edit writing into it
    /// meanwhile is not held up.
    pub fn diff(&self, other: &MemorySite) -> Vec<String> {
        let Ok(new) = other.files.read() else { return Vec::new() };
        let mut changed: Vec<String> =
            new.iter().filter(|(k, v)| self.get(k).is_none_or(|old| old[..] != v[..])).map(|(k, _)| k.clone()).collect();
        if let Ok(files) = self.files.read() {
            changed.extend(files.keys().filter(|k| !new.contains_key(*k)).cloned());
        }
        changed.sort();
        changed
    }

    /// Put the files of `other` in place of this site's, and hand back the
    /// old ones: the caller frees them after letting go of its own locks.
    pub fn swap(&self, other: MemorySite) -> MemorySite {
        let new = other.files.into_inner().unwrap_or_default();
        let old = match self.files.write() {
            Ok(mut files) => std::mem::replace(&mut *files, new),
            Err(_) => HashMap::new(),
        };
        MemorySite { files: RwLock::new(old), changed: Mutex::new(Vec::new()) }
    }
}

impl Sink for MemorySite {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        if safe_join(Path::new(""), rel).is_none() {
            return Err(Error::Usage(format!("refusing to write outside the output directory: `{rel}`")));
        }
        let mut files = self.files.write().map_err(|_| Error::Usage("the in-memory site is poisoned".into()))?;
        if files.get(rel).is_some_and(|old| old[..] == *bytes) {
            return Ok(());
        }
        files.insert(rel.to_string(), Arc::from(bytes));
        drop(files);
        if let Ok(mut c) = self.changed.lock() {
            c.push(rel.to_string());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_record_only_real_changes() {
        let site = MemorySite::new();
        site.write("a/index.html", b"one").unwrap();
        assert_eq!(site.take_changed(), ["a/index.html"]);
        site.write("a/index.html", b"one").unwrap();
        assert!(site.take_changed().is_empty());
        assert!(site.write("../x", b"no").is_err());
        let next = MemorySite::new();
        next.write("a/index.html", b"two").unwrap();
        next.write("b.css", b"b").unwrap();
        site.write("gone.html", b"x").unwrap();
        assert_eq!(site.replace_with(next), ["a/index.html", "b.css", "gone.html"]);
        assert_eq!(site.get("a/index.html").as_deref(), Some(&b"two"[..]));
    }
}
