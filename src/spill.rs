//! Keeping the bulky part of a build's documents on disk until it is used.
//!
//! A build needs every document's metadata at once (indexes, related
//! incidents, links), but each document's rendered body, root cause,
//! timeline, sections, inferences and provenance only three times: for its
//! own page, its search record and its JSON. `pmbook build` moves them into
//! a spill file beside the output as each document is read (after it is
//! checked, and after inferences that are not to be published are removed),
//! and reads them back for those three uses; what stays in memory per
//! document is its metadata. The file is removed when the build ends,
//! however it ends.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::RwLock;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::{Error, Result};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};

use crate::model::{EventKind, Incident, Inference, Provenance, Section, TimelineEvent};
use crate::understand::Document;

/// The spill file and where each document's text is in it.
#[derive(Debug)]
pub struct Spill {
    file: File,
    path: PathBuf,
    end: AtomicU64,
    /// Content path → where the document's record is.
    at: RwLock<HashMap<PathBuf, Spot>>,
    /// Whether each record ends with the document's search text.
    search_text: bool,
}

/// Where one document's record is, and how many timeline events it holds
/// (the index of incidents counts them without reading the record).
#[derive(Debug, Clone, Copy)]
struct Spot {
    offset: u64,
    len: u64,
    events: usize,
    /// Length of the search text at the end of the record, if it has one.
    search_text: Option<u64>,
}

/// Provenance read from the documents in memory after loading: the lines
/// of the fields the archive-wide checks look at, and whether the status
/// was declared ([`Incident::declared_status`], for the board). It is never
/// spilled.
const KEEP_PROVENANCE: [&str; 5] = ["id", "slug", "related", "recurrence_of", "status"];

/// Provenance entries, by field.
type Entries = Vec<(String, Provenance)>;

/// Every source a provenance names (its `from`), so that a spilled one
/// comes back as the same `&'static str`. One with another source stays
/// in memory.
const SOURCES: [&str; 6] = ["front-matter", "body", "derived", "inferred", "timeline", "file-name"];

impl Spill {
    /// Create an empty spill file at `path` (removed on drop). With
    /// `search_text`, each document's search record text
    /// ([`crate::search::record_text`]) is made while it is spilled and
    /// kept at the end of its record: the search index then needs neither
    /// the rest of the record nor to make the text again.
    pub fn create(path: PathBuf, search_text: bool) -> Result<Self> {
        let file =
            std::fs::OpenOptions::new().read(true).write(true).create(true).truncate(true).open(&path).map_err(|e| Error::io(&path, e))?;
        Ok(Spill { file, path, end: AtomicU64::new(0), at: RwLock::new(HashMap::new()), search_text })
    }

    /// Move what of `doc` only its own page, search record and JSON use
    /// into the file, leaving it empty in memory: the body HTML, the root
    /// cause, the timeline, the sections, the inferences and most of the
    /// provenance (a long timeline is most of what a document keeps
    /// otherwise). Everything that runs after loading and reads these must
    /// go through [`Spill::full`]. Safe to call from many threads.
    pub fn put(&self, doc: &mut Document) -> Result<()> {
        let inc = &mut doc.incident;
        // Made first, from the whole incident (it reads the provenance).
        let text = self.search_text.then(|| crate::search::record_text(inc));
        let (kept, moved): (Entries, Entries) = std::mem::take(&mut inc.provenance)
            .into_iter()
            .partition(|(k, p)| KEEP_PROVENANCE.contains(&k.as_str()) || !SOURCES.contains(&p.from));
        let kept: BTreeMap<String, Provenance> = kept.into_iter().collect();
        let mut record = Vec::with_capacity(inc.body_html.len() + 128 * inc.timeline.len() + 64 * moved.len() + 64);
        push(&mut record, &inc.body_html);
        push_opt(&mut record, inc.root_cause.as_deref());
        push_u64(&mut record, inc.timeline.len() as u64);
        for e in &inc.timeline {
            push_event(&mut record, e);
        }
        push_u64(&mut record, inc.sections.len() as u64);
        for s in &inc.sections {
            push(&mut record, &s.title);
            push(&mut record, &s.anchor);
            push_u64(&mut record, u64::from(s.level));
            push_opt(&mut record, s.role.as_deref());
            push_u64(&mut record, s.line as u64);
        }
        push_u64(&mut record, inc.inferred.len() as u64);
        for i in &inc.inferred {
            for t in [&i.field, &i.value, &i.rule, &i.matched] {
                push(&mut record, t);
            }
            push_opt_u64(&mut record, i.line.map(|l| l as u64));
            push_opt(&mut record, i.section.as_deref());
        }
        push_u64(&mut record, moved.len() as u64);
        for (key, p) in &moved {
            push(&mut record, key);
            push(&mut record, p.from);
            push_opt_u64(&mut record, p.line.map(|l| l as u64));
            push_opt(&mut record, p.detail.as_deref());
        }
        if let Some(text) = &text {
            record.extend_from_slice(text.as_bytes());
        }
        let search_text = text.map(|t| t.len() as u64);
        let len = record.len() as u64;
        let offset = self.end.fetch_add(len, Ordering::Relaxed);
        if let Err(e) = write_at(&self.file, &record, offset) {
            inc.provenance = kept.into_iter().chain(moved).collect();
            return Err(Error::io(&self.path, e));
        }
        let events = inc.timeline.len();
        inc.provenance = kept;
        inc.body_html = String::new();
        inc.root_cause = None;
        inc.timeline = Vec::new();
        inc.sections = Vec::new();
        inc.inferred = Vec::new();
        if let Ok(mut at) = self.at.write() {
            at.insert(doc.content_path.clone(), Spot { offset, len, events, search_text });
        }
        Ok(())
    }

    /// The search record text of `doc`, if it was spilled with it.
    pub fn search_text(&self, doc: &Document) -> Result<Option<String>> {
        let Some((spot, len)) = self.spot(doc).and_then(|s| Some((s, s.search_text?))) else { return Ok(None) };
        let mut text = vec![0; len as usize];
        read_at(&self.file, &mut text, spot.offset + spot.len - len).map_err(|e| Error::io(&self.path, e))?;
        Ok(Some(String::from_utf8(text).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())))
    }

    /// The length of the search record text of `doc`, if it was spilled
    /// with it.
    pub fn search_text_len(&self, doc: &Document) -> Option<usize> {
        self.spot(doc)?.search_text.map(|l| l as usize)
    }

    fn spot(&self, doc: &Document) -> Option<Spot> {
        self.at.read().ok()?.get(&doc.content_path).copied()
    }

    /// How many timeline events `doc` has, spilled or not.
    pub fn timeline_len(&self, doc: &Document) -> usize {
        self.spot(doc).map_or(doc.incident.timeline.len(), |s| s.events)
    }

    /// The incident of `doc` with what was spilled back in place (borrowed
    /// as it is when it was never spilled).
    pub fn full<'d>(&self, doc: &'d Document) -> Result<Cow<'d, Incident>> {
        let Some(spot) = self.spot(doc) else {
            return Ok(Cow::Borrowed(&doc.incident));
        };
        // Everything but the search text at the end, which is read alone.
        let mut record = vec![0; (spot.len - spot.search_text.unwrap_or(0)) as usize];
        read_at(&self.file, &mut record, spot.offset).map_err(|e| Error::io(&self.path, e))?;
        let mut inc = doc.incident.clone();
        let mut rest = record.as_slice();
        inc.body_html = take(&mut rest);
        inc.root_cause = take_opt(&mut rest);
        let n = take_u64(&mut rest) as usize;
        inc.timeline = (0..n).map(|_| take_event(&mut rest)).collect();
        let n = take_u64(&mut rest) as usize;
        inc.sections = (0..n)
            .map(|_| Section {
                title: take(&mut rest),
                anchor: take(&mut rest),
                level: take_u64(&mut rest) as u8,
                role: take_opt(&mut rest),
                line: take_u64(&mut rest) as usize,
            })
            .collect();
        let n = take_u64(&mut rest) as usize;
        inc.inferred = (0..n)
            .map(|_| Inference {
                field: take(&mut rest),
                value: take(&mut rest),
                rule: take(&mut rest),
                matched: take(&mut rest),
                line: take_opt_u64(&mut rest).map(|l| l as usize),
                section: take_opt(&mut rest),
            })
            .collect();
        let n = take_u64(&mut rest) as usize;
        for _ in 0..n {
            let key = take(&mut rest);
            let from = take(&mut rest);
            let from = SOURCES.iter().find(|s| **s == from).copied().unwrap_or("derived");
            let line = take_opt_u64(&mut rest).map(|l| l as usize);
            inc.provenance.insert(key, Provenance { from, line, detail: take_opt(&mut rest) });
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

fn push_u64(record: &mut Vec<u8>, n: u64) {
    record.extend_from_slice(&n.to_le_bytes());
}

/// An optional number: `None` is a 0 byte, `Some` a 1 byte and the number.
fn push_opt_u64(record: &mut Vec<u8>, n: Option<u64>) {
    match n {
        Some(n) => {
            record.push(1);
            push_u64(record, n);
        }
        None => record.push(0),
    }
}

fn take_opt_u64(rest: &mut &[u8]) -> Option<u64> {
    let (&flag, tail) = rest.split_first()?;
    *rest = tail;
    (flag == 1).then(|| take_u64(rest))
}

/// A timeline event: its instant (seconds, nanoseconds, offset), day,
/// kind, line and texts.
fn push_event(record: &mut Vec<u8>, e: &TimelineEvent) {
    push_opt_u64(record, e.at.map(|t| t.timestamp() as u64));
    if let Some(t) = e.at {
        push_u64(record, u64::from(t.timestamp_subsec_nanos()));
        push_u64(record, t.offset().local_minus_utc() as i64 as u64);
    }
    push_opt_u64(record, e.date.map(|d| d.num_days_from_ce() as i64 as u64));
    push_opt_u64(record, e.kind.and_then(|k| EventKind::ALL.iter().position(|x| *x == k)).map(|i| i as u64));
    push_u64(record, e.line as u64);
    record.push(u8::from(e.after_midnight));
    push(record, &e.text);
    push(record, &e.time_text);
    push_opt(record, e.zone.as_deref());
}

fn take_event(rest: &mut &[u8]) -> TimelineEvent {
    let at = take_opt_u64(rest).and_then(|secs| {
        let nanos = take_u64(rest) as u32;
        let offset = FixedOffset::east_opt(take_u64(rest) as i64 as i32)?;
        Some(DateTime::from_timestamp(secs as i64, nanos)?.with_timezone(&offset))
    });
    let date = take_opt_u64(rest).and_then(|d| NaiveDate::from_num_days_from_ce_opt(d as i64 as i32));
    let kind = take_opt_u64(rest).and_then(|i| EventKind::ALL.get(i as usize).copied());
    let line = take_u64(rest) as usize;
    let after_midnight = rest.split_first().is_some_and(|(b, _)| *b == 1);
    *rest = rest.get(1..).unwrap_or_default();
    TimelineEvent { at, date, kind, line, after_midnight, text: take(rest), time_text: take(rest), zone: take_opt(rest) }
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
        let spill = Spill::create(tmp.path().join("spill"), true).unwrap();
        let mut docs = crate::archive::load(&cfg).documents;
        for d in &mut docs {
            spill.put(d).unwrap();
            assert!(d.incident.body_html.is_empty());
        }
        assert!(archive.documents.iter().any(|d| d.incident.timeline.iter().any(|e| e.at.is_some() && e.kind.is_some())));
        assert!(archive.documents.iter().any(|d| !d.incident.inferred.is_empty()), "no inference to spill");
        for (original, spilled) in archive.documents.iter().zip(&docs) {
            let full = spill.full(spilled).unwrap();
            assert_eq!(full.body_html, original.incident.body_html);
            assert!(!full.body_html.is_empty());
            // Everything comes back: compared through the model's JSON.
            let json = |i: &Incident| serde_json::to_value(i).unwrap();
            assert_eq!(json(&full), json(&original.incident), "{}", original.content_path.display());
            let text = crate::search::record_text(&original.incident);
            assert_eq!(spill.search_text(spilled).unwrap().as_deref(), Some(text.as_str()));
            assert_eq!(spill.search_text_len(spilled), Some(text.len()));
            assert!(spilled.incident.timeline.is_empty() && spilled.incident.sections.is_empty());
            assert_eq!(spill.timeline_len(spilled), original.incident.timeline.len());
            assert_eq!(spilled.incident.root_cause, None);
            // What the archive-wide checks read stays in memory.
            for key in KEEP_PROVENANCE {
                assert_eq!(spilled.incident.provenance.get(key), original.incident.provenance.get(key), "{key}");
            }
            assert!(spilled.incident.provenance.len() < original.incident.provenance.len());
        }
        let path = spill.path().to_path_buf();
        drop(spill);
        assert!(!path.exists());
    }
}
