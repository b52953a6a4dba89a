//! Writing the site atomically.
//!
//! Pages are written into a fresh staging directory beside the destination
//! (`.site.pmbook-tmp-<pid>`); only when every page is written is the old
//! site moved aside and the new one renamed into place. A build that fails at
//! any point removes its staging directory and leaves the previous site
//! byte-for-byte untouched. A lock file serialises concurrent builds.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Where rendered files go: a staging directory for `build`, memory for
/// `serve`. Paths are relative, `/`-separated, and may not leave the site.
pub trait Sink: Sync {
    /// Store `bytes` as the file `rel`.
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<()>;

    /// Store as the file `rel` what `fill` writes (a page rendered by a
    /// template, say). A sink that writes to disk streams it there, so a
    /// page of many megabytes is never held whole in memory.
    fn write_with(&self, rel: &str, fill: &mut dyn FnMut(&mut dyn Write) -> Result<()>) -> Result<()> {
        let mut all = Vec::new();
        fill(&mut all)?;
        self.write(rel, &all)
    }

    /// Store the concatenation of `parts` as the file `rel`. A sink that
    /// writes to disk holds only one part in memory at a time.
    fn write_parts(&self, rel: &str, parts: &mut dyn Iterator<Item = Result<Vec<u8>>>) -> Result<()> {
        let mut all = Vec::new();
        for part in parts {
            all.extend_from_slice(&part?);
        }
        self.write(rel, &all)
    }

    /// Store a copy of the file at `src` as `rel`.
    fn copy(&self, rel: &str, src: &Path) -> Result<()> {
        let bytes = fs::read(src).map_err(|e| Error::io(src, e))?;
        self.write(rel, &bytes)
    }
}

impl Sink for Staging {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        crate::timings::measure(crate::timings::Phase::Write, || Staging::write(self, rel, bytes))
    }

    fn copy(&self, rel: &str, src: &Path) -> Result<()> {
        crate::timings::measure(crate::timings::Phase::Write, || Staging::copy(self, rel, src))
    }

    fn write_with(&self, rel: &str, fill: &mut dyn FnMut(&mut dyn Write) -> Result<()>) -> Result<()> {
        self.stream(rel, &mut |out, _| fill(out))
    }

    fn write_parts(&self, rel: &str, parts: &mut dyn Iterator<Item = Result<Vec<u8>>>) -> Result<()> {
        self.stream(rel, &mut |out, path| {
            for part in &mut *parts {
                let part = part?;
                crate::timings::measure(crate::timings::Phase::Write, || out.write_all(&part)).map_err(|e| Error::io(path, e))?;
            }
            Ok(())
        })
    }
}

/// An exclusive claim on an output directory, released on drop.
#[derive(Debug)]
pub struct OutputLock {
    path: PathBuf,
}

impl OutputLock {
    /// Take the lock for `dest`, or fail at once if another build holds it.
    /// A lock left by a process that no longer exists is taken over.
    pub fn acquire(dest: &Path) -> Result<Self> {
        let path = sibling(dest, "lock");
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        for _ in 0..2 {
            match fs::OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(mut f) => {
                    let _ = write!(f, "{}", std::process::id());
                    return Ok(OutputLock { path });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let holder = fs::read_to_string(&path).ok().and_then(|s| s.trim().parse::<u32>().ok());
                    let alive = holder.is_none_or(|pid| Path::new(&format!("/proc/{pid}")).exists() || !Path::new("/proc/self").exists());
                    if alive {
                        return Err(Error::Locked { dir: dest.to_path_buf(), lock: path });
                    }
                    let _ = fs::remove_file(&path);
                }
                Err(e) => return Err(Error::io(&path, e)),
            }
        }
        Err(Error::Locked { dir: dest.to_path_buf(), lock: path })
    }
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// A hidden path beside `dest` (`.site.pmbook-WHAT`) for a build's own files.
pub fn sibling(dest: &Path, what: &str) -> PathBuf {
    let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "site".into());
    dest.with_file_name(format!(".{name}.pmbook-{what}"))
}

/// A staging directory that becomes the site on [`Staging::commit`], and is
/// removed if dropped before that.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    dest: PathBuf,
    committed: bool,
    /// Folders already created: most files share theirs with others
    /// (`incidents/x/index.html` and `index.json`, a search bundle's
    /// thousands of fragments), and asking the file system again costs a
    /// system call or two per file.
    made: std::sync::Mutex<std::collections::HashSet<PathBuf>>,
}

impl Staging {
    /// Create an empty staging directory beside `dest`.
    pub fn new(dest: &Path) -> Result<Self> {
        let dir = sibling(dest, &format!("tmp-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        }
        fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        Ok(Staging { dir, dest: dest.to_path_buf(), committed: false, made: Default::default() })
    }

    /// The staging directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Write `bytes` at `rel` (a relative path with `/` separators) inside
    /// the staging directory. Paths that would leave it are refused.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let path = self.path_for(rel)?;
        fs::write(&path, bytes).map_err(|e| Error::io(&path, e))
    }

    /// Where `rel` goes in the staging directory, with its folder created.
    fn path_for(&self, rel: &str) -> Result<PathBuf> {
        let path =
            safe_join(&self.dir, rel).ok_or_else(|| Error::Usage(format!("refusing to write outside the output directory: `{rel}`")))?;
        if let Some(parent) = path.parent() {
            self.make_dir(parent)?;
        }
        Ok(path)
    }

    /// Create the file `rel` and let `fill` write it (buffered), given the
    /// file's path for its errors.
    fn stream(&self, rel: &str, fill: &mut dyn FnMut(&mut dyn Write, &Path) -> Result<()>) -> Result<()> {
        let path = self.path_for(rel)?;
        let file = fs::File::create(&path).map_err(|e| Error::io(&path, e))?;
        let mut out = std::io::BufWriter::new(file);
        fill(&mut out, &path)?;
        out.flush().map_err(|e| Error::io(&path, e))
    }

    /// Create `dir` and its parents unless this staging folder already did.
    fn make_dir(&self, dir: &Path) -> Result<()> {
        if self.made.lock().is_ok_and(|made| made.contains(dir)) {
            return Ok(());
        }
        fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        if let Ok(mut made) = self.made.lock() {
            made.insert(dir.to_path_buf());
        }
        Ok(())
    }

    /// Copy the file at `src` to `rel` inside the staging directory (same
    /// rules as [`Staging::write`]).
    pub fn copy(&self, rel: &str, src: &Path) -> Result<()> {
        let path = self.path_for(rel)?;
        fs::copy(src, &path).map(|_| ()).map_err(|e| Error::io(src, e))
    }

    /// Swap the staging directory into place.
    pub fn commit(mut self) -> Result<()> {
        let old = sibling(&self.dest, &format!("old-{}", std::process::id()));
        let had_old = self.dest.exists();
        if had_old {
            fs::rename(&self.dest, &old).map_err(|e| Error::io(&self.dest, e))?;
        }
        if let Err(e) = fs::rename(&self.dir, &self.dest) {
            if had_old {
                let _ = fs::rename(&old, &self.dest);
            }
            return Err(Error::io(&self.dest, e));
        }
        self.committed = true;
        if had_old {
            let _ = fs::remove_dir_all(&old);
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Join a relative `/`-separated path under `base`, refusing `..`, absolute
/// paths, drive letters and backslashes.
pub fn safe_join(base: &Path, rel: &str) -> Option<PathBuf> {
    let mut out = base.to_path_buf();
    for part in rel.split('/') {
        if part.is_empty() || part == "." {
            continue;
        }
        if part == ".." || part.contains('\\') || part.contains(':') || part.contains('\0') {
            return None;
        }
        out.push(part);
    }
    (out != base).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_escape() {
        let base = Path::new("/out");
        assert_eq!(safe_join(base, "incidents/a/index.html"), Some(PathBuf::from("/out/incidents/a/index.html")));
        assert_eq!(safe_join(base, "../x"), None);
        assert_eq!(safe_join(base, "C:/x"), None);
        assert_eq!(safe_join(base, "a\\..\\b"), None);
    }

    #[test]
    fn failed_staging_leaves_the_old_site() {
        let tmp = tempfile::tempdir().unwrap();
        let dest = tmp.path().join("site");
        fs::create_dir_all(&dest).unwrap();
        fs::write(dest.join("index.html"), "old").unwrap();
        {
            let s = Staging::new(&dest).unwrap();
            s.write("index.html", b"new").unwrap();
            // dropped without commit
        }
        assert_eq!(fs::read_to_string(dest.join("index.html")).unwrap(), "old");
        let s = Staging::new(&dest).unwrap();
        s.write("index.html", b"new").unwrap();
        s.commit().unwrap();
        assert_eq!(fs::read_to_string(dest.join("index.html")).unwrap(), "new");
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1, "no staging left behind");
    }

    #[test]
    fn a_second_build_is_refused_while_locked() {
        let tmp = tempfile::tempdir().unwrap();
        let dest = tmp.path().join("site");
        let lock = OutputLock::acquire(&dest).unwrap();
        assert!(matches!(OutputLock::acquire(&dest), Err(Error::Locked { .. })));
        drop(lock);
        assert!(OutputLock::acquire(&dest).is_ok());
    }
}
