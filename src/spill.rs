//! Keeping the bulky text of a build's documents on disk until it is used.
//!
//! A build needs every document's metadata at once (indexes, related
//! incidents, links), but each document's rendered body, root cause and
//! timeline text only three times: for its own page, its search record and
//! `incidents.json`. `pmbook build` moves that text into a spill file beside
//! the output as each document is read, and reads it back for those three
//! uses; what stays in memory per document is its metadata. The file is
//! removed when the build ends, however it ends.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::RwLock;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::{Error, Result};
use crate::model::Incident;
use crate::understand::Document;

/// The spill file and where each document's text is in it.
#[derive(Debug)]
pub struct Spill {
    file: File,
    path: PathBuf,
    end: AtomicU64,
    /// Content path → (offset, length) of the document's record.
    at: RwLock<HashMap<PathBuf, (u64, u64)>>,
}

impl Spill {
    /// Create an empty spill file at `path` (removed on drop).
    pub fn create(path: PathBuf) -> Result<Self> {
        let file =
            std::fs::OpenOptions::new().read(true).write(true).create(true).truncate(true).open(&path).map_err(|e| Error::io(&path, e))?;
        Ok(Spill { file, path, end: AtomicU64::new(0), at: RwLock::new(HashMap::new()) })
    }

    /// Move the text of `doc` that only its own page, search record and
    /// JSON use into the file, leaving it empty in memory: the body HTML,
    /// the root cause, and each timeline event's text, time as written and
    /// zone (a long timeline is most of what a document keeps otherwise).
    /// Safe to call from many threads.
    pub fn put(&self, doc: &mut Document) -> Result<()> {
        let inc = &mut doc.incident;
        let mut record = Vec::with_capacity(inc.body_html.len() + 96 * inc.timeline.len() + 64);
        push(&mut record, &inc.body_html);
        push_opt(&mut record, inc.root_cause.as_deref());
        record.extend_from_slice(&(inc.timeline.len() as u64).to_le_bytes());
        for e in &inc.timeline {
            push(&mut record, &e.text);
            push(&mut record, &e.time_text);
            push_opt(&mut record, e.zone.as_deref());
        }
        let len = record.len() as u64;
        let offset = self.end.fetch_add(len, Ordering::Relaxed);
        write_at(&self.file, &record, offset).map_err(|e| Error::io(&self.path, e))?;
        inc.body_html = String::new();
        inc.root_cause = None;
        for e in &mut inc.timeline {
            e.text = String::new();
            e.time_text = String::new();
            e.zone = None;
        }
        inc.timeline.shrink_to_fit();
        if let Ok(mut at) = self.at.write() {
            at.insert(doc.content_path.clone(), (offset, len));
        }
        Ok(())
    }

    /// The incident of `doc` with its text back in place (borrowed as it
    /// is when it was never spilled). A timeline emptied after spilling
    /// (internal in a public build) stays empty.
    pub fn full<'d>(&self, doc: &'d Document) -> Result<Cow<'d, Incident>> {
        let Some((offset, len)) = self.at.read().ok().and_then(|at| at.get(&doc.content_path).copied()) else {
            return Ok(Cow::Borrowed(&doc.incident));
        };
        let mut record = vec![0; len as usize];
        read_at(&self.file, &mut record, offset).map_err(|e| Error::io(&self.path, e))?;
        let mut inc = doc.incident.clone();
        let mut rest = record.as_slice();
        inc.body_html = take(&mut rest);
        inc.root_cause = take_opt(&mut rest);
        let events = take_u64(&mut rest) as usize;
        if events == inc.timeline.len() {
            for e in &mut inc.timeline {
                e.text = take(&mut rest);
                e.time_text = take(&mut rest);
                e.zone = take_opt(&mut rest);
            }
        }
        Ok(Cow::Owned(inc))
    }

    /// Where the spill file is.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Spill {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(unix)]
fn write_at(file: &File, bytes: &[u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, offset)
}

#[cfg(unix)]
fn read_at(file: &File, bytes: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, bytes, offset)
}

#[cfg(windows)]
fn write_at(file: &File, mut bytes: &[u8], mut offset: u64) -> std::io::Result<()> {
    while !bytes.is_empty() {
        let n = std::os::windows::fs::FileExt::seek_write(file, bytes, offset)?;
        bytes = &bytes[n..];
        offset += n as u64;
    }
    Ok(())
}

#[cfg(windows)]
fn read_at(file: &File, mut bytes: &mut [u8], mut offset: u64) -> std::io::Result<()> {
    while !bytes.is_empty() {
        let n = std::os::windows::fs::FileExt::seek_read(file, bytes, offset)?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        bytes = &mut bytes[n..];
        offset += n as u64;
    }
    Ok(())
}

fn push(record: &mut Vec<u8>, text: &str) {
    record.extend_from_slice(&(text.len() as u64).to_le_bytes());
    record.extend_from_slice(text.as_bytes());
}

/// An optional text: `None` is written as the length `u64::MAX`.
fn push_opt(record: &mut Vec<u8>, text: Option<&str>) {
    match text {
        Some(t) => push(record, t),
        None => record.extend_from_slice(&u64::MAX.to_le_bytes()),
    }
}

fn take_opt(rest: &mut &[u8]) -> Option<String> {
    if rest.len() >= 8 && rest[..8] == u64::MAX.to_le_bytes() {
        *rest = &rest[8..];
        return None;
    }
    Some(take(rest))
}

fn take_u64(rest: &mut &[u8]) -> u64 {
    let (n, tail) = rest.split_at(8.min(rest.len()));
    *rest = tail;
    let mut bytes = [0; 8];
    bytes[..n.len()].copy_from_slice(n);
    u64::from_le_bytes(bytes)
}

fn take(rest: &mut &[u8]) -> String {
    let len = (take_u64(rest) as usize).min(rest.len());
    let (text, tail) = rest.split_at(len);
    *rest = tail;
    String::from_utf8_lossy(text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_comes_back_as_it_was() {
        let tmp = tempfile::tempdir().unwrap();
        crate::generate::generate_profile(tmp.path(), 12, 3, crate::generate::Profile::Varied).unwrap();
        let cfg = crate::config::Config::load(tmp.path()).unwrap();
        let archive = crate::archive::load(&cfg);
        let spill = Spill::create(tmp.path().join("spill")).unwrap();
        let mut docs = crate::archive::load(&cfg).documents;
        for d in &mut docs {
            spill.put(d).unwrap();
            assert!(d.incident.body_html.is_empty());
        }
        for (original, spilled) in archive.documents.iter().zip(&docs) {
            let full = spill.full(spilled).unwrap();
            assert_eq!(full.body_html, original.incident.body_html);
            assert!(!full.body_html.is_empty());
            let texts = |i: &Incident| i.timeline.iter().map(|e| (e.text.clone(), e.time_text.clone(), e.zone.clone())).collect::<Vec<_>>();
            assert_eq!(texts(&full), texts(&original.incident));
            assert!(spilled.incident.timeline.iter().all(|e| e.text.is_empty() && e.time_text.is_empty() && e.zone.is_none()));
            assert_eq!(full.root_cause, original.incident.root_cause);
            assert_eq!(spilled.incident.root_cause, None);
        }
        let path = spill.path().to_path_buf();
        drop(spill);
        assert!(!path.exists());
    }
}
