//! How a bundle's files are encoded and named in Pagefind's format (1.6):
//! the packing of positions, the filter and metadata files' CBOR, and the
//! hashes that name files. See [`super::bundle`] for what each file holds.

use std::collections::{BTreeMap, HashSet};

use super::cbor;

/// Positions of a word on a page, given as `(weight, position)` in
/// weight then position order, packed as Pagefind packs them: each a
/// delta from the one before, and a weight change written as
/// `-(weight + 1)` followed by the absolute position. The packing starts
/// at weight 25, so a page of the usual weight (24) opens with a change.
pub fn positions(hits: impl IntoIterator<Item = (u32, u32)>) -> Vec<i32> {
    let mut out = Vec::new();
    let (mut weight, mut last) = (25u32, 0u32);
    for (w, position) in hits {
        if w != weight {
            out.push(-(w as i32) - 1);
            out.push(position as i32);
            weight = w;
        } else {
            out.push((position - last) as i32);
        }
        last = position;
    }
    out
}

/// Positions of a word in a page's metadata, given as `(field, position)`
/// in field then position order: each field opened with `-(field + 1)`,
/// its positions as deltas from the one before.
pub fn meta_positions(hits: impl IntoIterator<Item = (u32, u32)>) -> Vec<i32> {
    let mut out = Vec::new();
    let (mut field, mut last) = (None, 0u32);
    for (f, position) in hits {
        if field != Some(f) {
            out.push(-(f as i32) - 1);
            field = Some(f);
            last = 0;
        }
        out.push((position - last) as i32);
        last = position;
    }
    out
}

/// The shortest prefixes that still tell two neighbouring chunks' last and
/// first words apart: one character past their common prefix.
pub fn distinguishing_prefixes(a: &str, b: &str) -> (String, String) {
    let common = b.chars().zip(a.chars()).take_while(|(x, y)| x == y).count();
    (a.chars().take(common + 1).collect(), b.chars().take(common + 1).collect())
}

/// A filter's file: its name, then each value (in order) with its pages.
pub fn filter_index(filter: &str, values: &BTreeMap<String, Vec<u32>>) -> Vec<u8> {
    let mut w = cbor::Writer::default();
    w.array(2);
    w.text(filter);
    w.array(values.len());
    for (value, pages) in values {
        w.array(2);
        w.text(value);
        w.array(pages.len());
        for &p in pages {
            w.uint(p.into());
        }
    }
    w.bytes
}

/// The metadata file: Pagefind's version; each page's fragment hash and
/// word count; each index chunk's first and last word and hash; each
/// filter's file; no sort; the metadata fields, in order.
pub fn meta_index(
    version: &str,
    pages: &[(String, usize)],
    chunks: &[(&str, &str, &str)],
    filters: &[(&str, String)],
    fields: &[&str],
) -> Vec<u8> {
    let mut w = cbor::Writer::default();
    w.array(6);
    w.text(version);
    w.array(pages.len());
    for (hash, word_count) in pages {
        w.array(3);
        w.text(hash);
        w.uint(*word_count as u64);
        // The fragment group: fragments are one file each.
        w.text("");
    }
    w.array(chunks.len());
    for (from, to, hash) in chunks {
        w.array(3);
        w.text(from);
        w.text(to);
        w.text(hash);
    }
    w.array(filters.len());
    for (filter, hash) in filters {
        w.array(2);
        w.text(filter);
        w.text(hash);
    }
    w.array(0);
    w.array(fields.len());
    for field in fields {
        w.text(field);
    }
    w.bytes
}

/// The SHA-1 of `bytes` in hex as Pagefind writes it (a byte below 16 is
/// one digit: the names are Pagefind's).
pub fn full_hash(bytes: &[u8]) -> String {
    use sha1::Digest;
    use std::fmt::Write;
    let mut out = String::with_capacity(40);
    for b in sha1::Sha1::digest(bytes) {
        let _ = write!(out, "{b:x}");
    }
    out
}

/// `language_hash` shortened to seven digits, or longer while it is in
/// `taken`; the name returned is added to `taken`.
pub fn unique_hash(language: &str, hash: &str, taken: &mut HashSet<String>) -> String {
    let full = format!("{language}_{hash}");
    let mut len = language.len() + 8;
    while len < full.len() && taken.contains(&full[..len]) {
        len += 1;
    }
    let name = full[..len.min(full.len())].to_string();
    taken.insert(name.clone());
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_open_with_a_weight_change_then_delta() {
        assert_eq!(positions([(24, 3), (24, 7), (24, 20)]), [-25, 3, 4, 13]);
        assert_eq!(positions([(12, 2), (24, 5), (24, 9)]), [-13, 2, -25, 5, 4]);
        assert_eq!(positions([(25, 4), (25, 6)]), [4, 2]);
    }

    #[test]
    fn meta_positions_restart_per_field() {
        assert_eq!(meta_positions([(0, 1), (0, 4), (2, 3)]), [-1, 1, 3, -3, 3]);
    }

    #[test]
    fn chunk_ranges_are_cut_to_distinguishing_prefixes() {
        assert_eq!(distinguishing_prefixes("apple", "apricot"), ("app".to_string(), "apr".to_string()));
        assert_eq!(distinguishing_prefixes("b", "banana"), ("b".to_string(), "ba".to_string()));
    }

    #[test]
    fn hashes_are_written_without_leading_zeros_and_lengthen_on_collision() {
        // SHA-1 of "abc" is a9993e36 4706816a ba3e2571 7850c26c 9cd0d89d.
        assert_eq!(full_hash(b"abc"), "a9993e36476816aba3e25717850c26c9cd0d89d");
        let mut taken = HashSet::new();
        taken.insert("en_a9993e3".to_string());
        assert_eq!(unique_hash("en", "a9993e3647", &mut taken), "en_a9993e36");
        assert_eq!(unique_hash("en", "a9993e3647", &mut taken), "en_a9993e364");
    }
}
