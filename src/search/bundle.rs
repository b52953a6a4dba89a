//! One search bundle's index, written in Pagefind's format (1.6) for
//! Pagefind's own search scripts and wasm to read.
//!
//! A bundle holds, each file gzipped after the `pagefind_dcd` signature:
//! - `fragment/<hash>.pf_fragment`: a record's JSON (URL, text, word
//!   count, filters, metadata), loaded when its result is shown;
//! - `index/<hash>.pf_index`: CBOR chunks of the word index, sorted by
//!   word, each word with its pages and positions (and those of its
//!   written forms with diacritics), page numbers delta-encoded;
//! - `filter/<hash>.pf_filter`: CBOR, each filter's values and pages;
//! - `pagefind.<hash>.pf_meta`: CBOR, the pages' fragment hashes and word
//!   counts, which word range each index chunk holds, the filters' files
//!   and the metadata fields, loaded by the first search.
//!
//! Pagefind's library builds the same files, but it re-stems every word
//! each time it is written, keeps several copies of every record while
//! it builds, and compresses at the slowest level: on 10,000 generated
//! post-mortems it was half of a build's CPU. This writer stems each
//! distinct word once per bundle, keeps postings compact, and writes each
//! fragment when its record is added. `tests/search_format.rs` checks
//! that its files are Pagefind's, byte for byte once decompressed.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;

use pagefind_stem::Stemmer;
use serde::Serialize;

use super::cbor;
use super::encode;
use super::words;
use crate::error::{Error, Result};
use crate::output::Sink;

/// The weight of a word of a record's text (Pagefind's weight 1, times 24).
const WORD_WEIGHT: u8 = 24;

/// The gzip level of the bundle's files. Pagefind uses the best (9). On
/// 10,000 generated post-mortems, 3 wrote 2 % more bytes than 6 (a first
/// search downloaded 1 % more) for less CPU; 1 wrote 34 % more.
const GZIP_LEVEL: u32 = 3;

/// No written form: the word has no diacritics.
const PLAIN: u32 = u32::MAX;

/// One page a search can find.
pub struct Record<'a> {
    /// Its URL in the site, as results link to it.
    pub url: &'a str,
    /// Its text, HTML-escaped (excerpts are shown as HTML).
    pub text: &'a str,
    /// What its result row shows (title, date, badges); also searched.
    pub meta: &'a BTreeMap<String, String>,
    /// Its filter values (factor, service, …).
    pub filters: &'a BTreeMap<String, Vec<String>>,
}

/// A map with a fast hash: its keys are words of the archive, looked up
/// for every word of every record.
type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// Strings numbered in the order first seen.
#[derive(Default)]
struct Interner {
    ids: FastMap<Box<str>, u32>,
    names: Vec<Box<str>>,
}

impl Interner {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(s.into());
        self.ids.insert(s.into(), id);
        id
    }

    fn name(&self, id: u32) -> &str {
        &self.names[id as usize]
    }
}

/// A term of a word, interned.
#[derive(Clone, Copy)]
struct TermId {
    stem: u32,
    /// The written form with diacritics, or [`PLAIN`].
    form: u32,
    part: bool,
}

/// A word's positions on one page, as Pagefind packs them.
struct Posting {
    page: u32,
    /// Positions in the text, with weight changes (see [`encode::positions`]).
    locs: Vec<i32>,
    /// Positions in the metadata, by field (see [`encode::meta_positions`]).
    meta_locs: Vec<i32>,
}

/// Everywhere a word (a stem) occurs.
#[derive(Default)]
struct Word {
    pages: Vec<Posting>,
    /// Written forms with diacritics, in the order first seen.
    variants: Vec<(u32, Vec<Posting>)>,
}

/// One occurrence of a term in a record's text or metadata.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Hit {
    stem: u32,
    form: u32,
    /// The weight's rank (text) or the field's place in the record
    /// (metadata): what orders the positions.
    group: u32,
    position: u32,
    /// The weight (text) or the metadata field's id (metadata).
    value: u32,
}

/// A record's fragment, in Pagefind's JSON (fields in this order).
#[derive(Serialize)]
struct Fragment<'a> {
    url: &'a str,
    content: &'a str,
    word_count: usize,
    filters: &'a BTreeMap<String, Vec<String>>,
    meta: &'a BTreeMap<String, String>,
    anchors: Vec<Anchor>,
}

/// An anchor marker's place in a record's text (see [`read_marker`]).
#[derive(Serialize)]
struct Anchor {
    element: String,
    id: String,
    text: &'static str,
    location: u32,
}

/// What a finished bundle's entry file names.
pub struct Finished {
    /// The `pf_meta` file's hash.
    pub meta_hash: String,
    /// Records indexed (a record without a word is not).
    pub pages: usize,
}

/// A bundle being filled, record by record.
pub struct Bundle<'s> {
    language: String,
    version: String,
    chunk_size: usize,
    /// Where its files go, under `dir`.
    sink: &'s dyn Sink,
    dir: String,
    stemmer: Option<Stemmer>,
    /// Terms of each distinct word of the text, and of the metadata.
    body_terms: FastMap<Box<str>, Box<[TermId]>>,
    meta_terms: FastMap<Box<str>, Box<[TermId]>>,
    stems: Interner,
    forms: Interner,
    fields: Interner,
    /// By stem id.
    words: Vec<Word>,
    /// Fragment hash and word count, by page number.
    pages: Vec<(String, usize)>,
    fragment_hashes: HashSet<String>,
    filters: BTreeMap<String, BTreeMap<String, Vec<u32>>>,
    hits: Vec<Hit>,
}

impl<'s> Bundle<'s> {
    /// An empty bundle for records in `language`, for Pagefind `version`'s
    /// scripts, its files written to `sink` under `dir` (ending in `/`),
    /// its word index in chunks of about `chunk_size` postings.
    pub fn new(language: &str, version: &str, chunk_size: usize, sink: &'s dyn Sink, dir: &str) -> Self {
        Bundle {
            language: language.to_string(),
            version: version.to_string(),
            chunk_size,
            sink,
            dir: dir.to_string(),
            stemmer: words::stemmer(language),
            body_terms: FastMap::default(),
            meta_terms: FastMap::default(),
            stems: Interner::default(),
            forms: Interner::default(),
            fields: Interner::default(),
            words: Vec::new(),
            pages: Vec::new(),
            fragment_hashes: HashSet::new(),
            filters: BTreeMap::new(),
            hits: Vec::new(),
        }
    }

    /// Index a record and write its fragment. A record whose text has no
    /// word is left out, as Pagefind leaves it out; returns whether it
    /// was indexed.
    pub fn add(&mut self, record: &Record) -> Result<bool> {
        let page = self.pages.len() as u32;
        self.hits.clear();
        let mut content = String::with_capacity(record.text.len());
        let mut position = 0u32;
        let mut weights: Vec<u8> = vec![WORD_WEIGHT];
        let mut anchors: Vec<Anchor> = Vec::new();
        for token in record.text.split_whitespace() {
            if token.starts_with('_') && read_marker(token, position, &mut weights, &mut anchors) {
                continue;
            }
            let word: std::borrow::Cow<str> = if token.contains('\u{200B}') { token.replace('\u{200B}', "").into() } else { token.into() };
            if word.is_empty() {
                continue;
            }
            content.push_str(&word);
            content.push(' ');
            let weight = weights.last().copied().unwrap_or(1);
            let terms = term_ids(&mut self.body_terms, &mut self.stems, &mut self.forms, self.stemmer.as_ref(), &word, true);
            let parts = terms.iter().filter(|t| t.part).count().min(u8::MAX as usize) as u8;
            let partial = if parts > 0 && weight > 0 { (weight / parts).max(1) } else { 0 };
            for t in terms.iter() {
                let value = if t.part { partial } else { weight };
                // Pagefind's order puts weight 25 first (it took it for the
                // usual weight).
                let group = if value == 25 { 0 } else { value.into() };
                self.hits.push(Hit { stem: t.stem, form: t.form, group, position, value: value.into() });
            }
            position += 1;
        }
        if self.hits.is_empty() {
            return Ok(false);
        }
        content.pop();
        self.post(page, false);
        self.post_meta(page, record.meta);
        for (filter, values) in record.filters {
            let by_value = self.filters.entry(filter.clone()).or_default();
            for value in values {
                by_value.entry(value.clone()).or_default().push(page);
            }
        }
        let word_count = position as usize;
        let fragment = Fragment { url: record.url, content: &content, word_count, filters: record.filters, meta: record.meta, anchors };
        let json = serde_json::to_string(&fragment).map_err(|e| Error::Usage(format!("cannot encode a search fragment: {e}")))?;
        let hash = encode::unique_hash(&self.language, &encode::full_hash(json.as_bytes()), &mut self.fragment_hashes);
        self.write(&format!("fragment/{hash}.pf_fragment"), json.as_bytes())?;
        self.pages.push((hash, word_count));
        Ok(true)
    }

    /// Index the words of `meta`'s values for `page`.
    fn post_meta(&mut self, page: u32, meta: &BTreeMap<String, String>) {
        self.hits.clear();
        for (place, (name, value)) in meta.iter().enumerate() {
            let field = self.fields.id(name);
            for (position, word) in value.split_whitespace().enumerate() {
                let terms = term_ids(&mut self.meta_terms, &mut self.stems, &mut self.forms, self.stemmer.as_ref(), word, false);
                for t in terms.iter() {
                    self.hits.push(Hit { stem: t.stem, form: t.form, group: place as u32, position: position as u32, value: field });
                }
            }
        }
        self.post(page, true);
    }

    /// Post the hits of `page` in `self.hits`, of its text or of its
    /// metadata (`meta`), to their words and written forms.
    fn post(&mut self, page: u32, meta: bool) {
        let mut hits = std::mem::take(&mut self.hits);
        // By word, form, weight (or field), then position: Pagefind's order.
        hits.sort_unstable();
        for run in hits.chunk_by(|a, b| a.stem == b.stem) {
            let word = word_of(&mut self.words, run[0].stem);
            let mut variants: Vec<(u32, Vec<i32>)> = Vec::new();
            for same in run.chunk_by(|a, b| a.form == b.form) {
                let pairs = same.iter().map(|h| (h.value, h.position));
                let packed = if meta { encode::meta_positions(pairs) } else { encode::positions(pairs) };
                if same[0].form == PLAIN {
                    add_posting(&mut word.pages, page, packed, meta);
                } else {
                    variants.push((same[0].form, packed));
                }
            }
            // New written forms are added in their alphabetical order.
            variants.sort_by(|a, b| self.forms.name(a.0).cmp(self.forms.name(b.0)));
            for (form, packed) in variants {
                match word.variants.iter_mut().find(|v| v.0 == form) {
                    Some((_, pages)) => add_posting(pages, page, packed, meta),
                    None => {
                        let mut pages = Vec::new();
                        add_posting(&mut pages, page, packed, meta);
                        word.variants.push((form, pages));
                    }
                }
            }
        }
        self.hits = hits;
    }

    /// Gzip `bytes` after Pagefind's signature and write them as `name`.
    fn write(&self, name: &str, bytes: &[u8]) -> Result<()> {
        let mut gz = flate2::write::GzEncoder::new(Vec::with_capacity(bytes.len() / 3 + 64), flate2::Compression::new(GZIP_LEVEL));
        let packed = gz.write_all(b"pagefind_dcd").and_then(|_| gz.write_all(bytes)).and_then(|_| gz.finish());
        let packed = packed.map_err(|e| Error::Usage(format!("cannot compress the search index: {e}")))?;
        self.sink.write(&format!("{}{name}", self.dir), &packed)
    }

    /// Write the word index, the filters and the metadata.
    pub fn finish(mut self) -> Result<Finished> {
        // Metadata fields are numbered in name order across the bundle.
        let mut names: Vec<(&str, u32)> = self.fields.names.iter().enumerate().map(|(id, n)| (&**n, id as u32)).collect();
        names.sort_unstable();
        let mut rank = vec![0i32; names.len()];
        for (r, (_, id)) in names.iter().enumerate() {
            rank[*id as usize] = r as i32;
        }
        let mut words: Vec<(&str, Word)> = Vec::new();
        for (id, mut word) in std::mem::take(&mut self.words).into_iter().enumerate() {
            if word.pages.is_empty() && word.variants.is_empty() {
                continue;
            }
            for p in word.pages.iter_mut().chain(word.variants.iter_mut().flat_map(|v| v.1.iter_mut())) {
                for l in p.meta_locs.iter_mut().filter(|l| **l < 0) {
                    *l = -rank[(-*l - 1) as usize] - 1;
                }
            }
            words.push((self.stems.name(id as u32), word));
        }
        words.sort_unstable_by(|a, b| a.0.cmp(b.0));

        // Chunks of the word index, and the word range of each.
        let mut chunks: Vec<&[(&str, Word)]> = Vec::new();
        let (mut start, mut size) = (0, 0);
        for (i, (_, word)) in words.iter().enumerate() {
            let postings = word.pages.iter().chain(word.variants.iter().flat_map(|v| &v.1));
            size += postings.map(|p| p.locs.len() + p.meta_locs.len() + 1).sum::<usize>() + word.variants.len();
            if size >= self.chunk_size {
                chunks.push(&words[start..=i]);
                (start, size) = (i + 1, 0);
            }
        }
        if start < words.len() {
            chunks.push(&words[start..]);
        }
        let mut ranges: Vec<(String, String)> = chunks.iter().map(|c| (c[0].0.to_string(), c[c.len() - 1].0.to_string())).collect();
        for i in 1..ranges.len() {
            let (to, from) = encode::distinguishing_prefixes(&ranges[i - 1].1, &ranges[i].0);
            if to >= ranges[i - 1].0 {
                ranges[i - 1].1 = to;
            }
            ranges[i].0 = from;
        }
        let mut chunk_hashes = Vec::new();
        let mut taken = HashSet::new();
        for chunk in &chunks {
            let bytes = self.encode_chunk(chunk);
            let hash = encode::unique_hash(&self.language, &encode::full_hash(&bytes), &mut taken);
            self.write(&format!("index/{hash}.pf_index"), &bytes)?;
            chunk_hashes.push(hash);
        }

        let mut filter_hashes = Vec::new();
        let mut taken = HashSet::new();
        for (filter, values) in &self.filters {
            let bytes = encode::filter_index(filter, values);
            let hash = encode::unique_hash(&self.language, &encode::full_hash(&bytes), &mut taken);
            self.write(&format!("filter/{hash}.pf_filter"), &bytes)?;
            filter_hashes.push((filter.as_str(), hash));
        }

        let chunks: Vec<(&str, &str, &str)> =
            ranges.iter().zip(&chunk_hashes).map(|((from, to), hash)| (from.as_str(), to.as_str(), hash.as_str())).collect();
        let fields: Vec<&str> = names.iter().map(|(name, _)| *name).collect();
        let bytes = encode::meta_index(&self.version, &self.pages, &chunks, &filter_hashes, &fields);
        let hash = encode::full_hash(&bytes);
        let meta_hash = format!("{}_{}", self.language, &hash[..(self.language.len() + 8).min(hash.len())]);
        self.write(&format!("pagefind.{meta_hash}.pf_meta"), &bytes)?;
        Ok(Finished { meta_hash, pages: self.pages.len() })
    }

    /// One chunk of the word index, page numbers delta-encoded per word.
    fn encode_chunk(&self, chunk: &[(&str, Word)]) -> Vec<u8> {
        let postings = |w: &mut cbor::Writer, pages: &[Posting]| {
            w.array(pages.len());
            let mut last = 0;
            for p in pages {
                w.array(3);
                w.uint((p.page - last).into());
                last = p.page;
                w.ints(&p.locs);
                w.ints(&p.meta_locs);
            }
        };
        let mut w = cbor::Writer::default();
        w.array(1);
        w.array(chunk.len());
        for (stem, word) in chunk {
            w.array(3);
            w.text(stem);
            postings(&mut w, &word.pages);
            w.array(word.variants.len());
            for (form, pages) in &word.variants {
                w.array(2);
                w.text(self.forms.name(*form));
                postings(&mut w, pages);
            }
        }
        w.bytes
    }
}

/// Read Pagefind's own markers in a text, which its HTML reader leaves in
/// a page's text and its indexer reads: a weight for the words that follow
/// (`___PAGEFIND_WEIGHT___2` … `___END_PAGEFIND_WEIGHT___`), and anchors.
/// A record's text could hold one only if a post-mortem did; it is read as
/// Pagefind reads it. Returns whether `token` was a marker.
fn read_marker(token: &str, position: u32, weights: &mut Vec<u8>, anchors: &mut Vec<Anchor>) -> bool {
    let number = |marker: &str| token.replace(marker, "").parse::<f32>().ok().unwrap_or(1.0);
    if token.starts_with("___PAGEFIND_ANCHOR___") {
        let rest = token.replace("___PAGEFIND_ANCHOR___", "");
        if let Some((element, anchor)) = rest.split_once(':')
            && let Some((_, id)) = anchor.split_once(':')
        {
            anchors.push(Anchor { element: element.to_string(), id: id.to_string(), text: "", location: position });
        }
    } else if token.starts_with("___PAGEFIND_WEIGHT___") {
        let w = number("___PAGEFIND_WEIGHT___");
        weights.push(if w <= 0.0 { 0 } else { ((w.clamp(0.0, 10.0) * 24.0) as u8).max(1) });
    } else if token.starts_with("___PAGEFIND_AUTO_WEIGHT___") {
        let w = if weights.len() == 1 {
            (number("___PAGEFIND_AUTO_WEIGHT___").clamp(0.0, 10.0) * 24.0) as u8
        } else {
            weights.last().copied().unwrap_or(0)
        };
        weights.push(w);
    } else if token.starts_with("___END_PAGEFIND_WEIGHT___") {
        weights.pop();
    } else {
        return false;
    }
    true
}

/// Add the packed positions of a word on `page` to its postings: its text
/// positions come first, as a new posting; its metadata positions join
/// them, or make a posting of their own.
fn add_posting(pages: &mut Vec<Posting>, page: u32, packed: Vec<i32>, meta: bool) {
    match pages.last_mut().filter(|p| p.page == page) {
        Some(p) if meta => p.meta_locs = packed,
        _ if meta => pages.push(Posting { page, locs: Vec::new(), meta_locs: packed }),
        _ => pages.push(Posting { page, locs: packed, meta_locs: Vec::new() }),
    }
}

/// The word of stem `id`, made if new.
fn word_of(words: &mut Vec<Word>, id: u32) -> &mut Word {
    let i = id as usize;
    if words.len() <= i {
        words.resize_with(i + 1, Word::default);
    }
    &mut words[i]
}

/// The terms of `word`, interned, from `cache` or made there.
fn term_ids<'c>(
    cache: &'c mut FastMap<Box<str>, Box<[TermId]>>,
    stems: &mut Interner,
    forms: &mut Interner,
    stemmer: Option<&Stemmer>,
    word: &str,
    body: bool,
) -> &'c [TermId] {
    if !cache.contains_key(word) {
        let mut terms = words::terms(word, stemmer);
        if body {
            let tails = words::dotted_tails(word, stemmer, &terms);
            terms.extend(tails);
        }
        let ids = terms
            .iter()
            .map(|t| TermId { stem: stems.id(&t.stem), form: t.original.as_deref().map_or(PLAIN, |o| forms.id(o)), part: t.part })
            .collect();
        cache.insert(word.into(), ids);
    }
    &cache[word]
}
