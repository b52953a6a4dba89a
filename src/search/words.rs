//! The terms a search finds a record by, as Pagefind's search expects them
//! in its index (Pagefind 1.6, without its "extended" segmentation).
//!
//! Pagefind's search lower-cases and stems the words of a query with the
//! same Snowball stemmers (`pagefind_stem`) and looks them up by prefix in
//! the index, so the index must hold exactly the terms Pagefind's own
//! indexer would derive from each whitespace-separated word:
//!
//! - the word itself: its letters and digits, lower-cased, diacritics
//!   removed (`café` is found as `cafe`; the written form is kept as a
//!   variant so that an exact match ranks first), then stemmed;
//! - for a compound (`api-gateway`, `connectionPool`, `v1.2`), each part of
//!   two bytes or more, stemmed, so that `gateway` finds `api-gateway`;
//! - emoji, each on its own;
//! - katakana runs, every suffix (no word segmentation for them);
//! - in the body only, each tail after a dot that is itself a compound
//!   (`is_python_build` in `sysconfig.is_python_build`).
//!
//! `tests/search_format.rs` checks the whole index against Pagefind's own
//! on the same records.

use pagefind_stem::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// A tail after a dot is indexed up to this many characters.
const MAX_DOTTED_TAIL_CHARS: usize = 64;
/// A katakana suffix is indexed up to this many characters.
const MAX_KATAKANA_SUFFIX_CHARS: usize = 16;
/// Characters kept in a word besides letters and digits: the connector
/// punctuation (`_` and its look-alikes), so `x86_64` is one word.
pub const WORD_SYMBOLS: [char; 10] =
    ['_', '\u{203F}', '\u{2040}', '\u{2054}', '\u{FE33}', '\u{FE34}', '\u{FE4D}', '\u{FE4E}', '\u{FE4F}', '\u{FF3F}'];

/// One term of a word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The form looked up: normalised and stemmed.
    pub stem: String,
    /// The word as written, when removing its diacritics changed it.
    pub original: Option<String>,
    /// A part of a compound word (it weighs less in ranking).
    pub part: bool,
}

/// The stemmer Pagefind uses for a language (`en`, `pt-BR`, …), if any.
pub fn stemmer(language: &str) -> Option<Stemmer> {
    let algorithm = match language.split('-').next().unwrap_or("") {
        "ar" => Algorithm::Arabic,
        "hy" => Algorithm::Armenian,
        "eu" => Algorithm::Basque,
        "ca" => Algorithm::Catalan,
        "da" => Algorithm::Danish,
        "nl" => Algorithm::Dutch,
        "en" => Algorithm::English,
        "eo" => Algorithm::Esperanto,
        "et" => Algorithm::Estonian,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "hi" => Algorithm::Hindi,
        "hu" => Algorithm::Hungarian,
        "id" => Algorithm::Indonesian,
        "ga" => Algorithm::Irish,
        "it" => Algorithm::Italian,
        "lt" => Algorithm::Lithuanian,
        "nb" | "nn" | "no" => Algorithm::Norwegian,
        "ne" => Algorithm::Nepali,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "sr" => Algorithm::Serbian,
        "pl" => Algorithm::Polish,
        "es" => Algorithm::Spanish,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        "yi" => Algorithm::Yiddish,
        _ => return None,
    };
    Some(Stemmer::create(algorithm))
}

/// True when `word` may hold several words: punctuation, symbols, or an
/// upper-case letter after the first character.
fn possibly_compound(word: &str) -> bool {
    word.chars().any(|c| !c.is_alphanumeric()) || word.chars().skip(1).any(char::is_uppercase)
}

/// Every term of one whitespace-separated word.
pub fn terms(word: &str, stemmer: Option<&Stemmer>) -> Vec<Term> {
    let mut out = Vec::new();
    let normalized = normalize(word);
    if !normalized.is_empty() {
        out.push(stem_term(&normalized, stemmer, false));
    }
    for suffix in katakana_suffixes(word) {
        let plain = without_diacritics(suffix);
        out.push(Term {
            original: plain.as_ref().map(|_| suffix.to_string()),
            stem: plain.unwrap_or_else(|| suffix.to_string()),
            part: true,
        });
    }
    if !possibly_compound(word) {
        return out;
    }
    let parts = compound_parts(word);
    if !normalized.is_empty() && (parts.contains(char::is_whitespace) || !normalized.starts_with(parts.as_str())) {
        for part in parts.split_whitespace().filter(|p| p.len() > 1) {
            let plain = without_diacritics(part);
            let base = plain.as_deref().unwrap_or(part);
            let stem = match stemmer {
                Some(s) => s.stem(base).into_owned(),
                None => base.to_string(),
            };
            out.push(Term { stem, original: plain.map(|_| part.to_string()), part: true });
        }
    }
    if has_emoji(word) {
        out.extend(word.graphemes(true).filter(|g| emojis::get(g).is_some()).map(|g| Term {
            stem: g.to_string(),
            original: None,
            part: false,
        }));
    }
    out
}

/// The compound tails after each dot of `word` not already among `terms`.
pub fn dotted_tails(word: &str, stemmer: Option<&Stemmer>, terms: &[Term]) -> Vec<Term> {
    let mut tails: Vec<Term> = Vec::new();
    if !word.contains('.') {
        return tails;
    }
    for (i, _) in word.match_indices('.') {
        let rest = &word[i + 1..];
        let tail = rest.char_indices().nth(MAX_DOTTED_TAIL_CHARS).map_or(rest, |(end, _)| &rest[..end]);
        // A plain tail is the compound's last part already.
        if !possibly_compound(tail) {
            continue;
        }
        let normalized = normalize(tail);
        if normalized.chars().count() < 2 {
            continue;
        }
        let term = stem_term(&normalized, stemmer, true);
        if !terms.iter().chain(&tails).any(|t| t.stem == term.stem) {
            tails.push(term);
        }
    }
    tails
}

/// The letters, digits and [`WORD_SYMBOLS`] of `word`, lower-cased.
fn normalize(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars().filter(|c| c.is_alphanumeric() || WORD_SYMBOLS.contains(c)) {
        let lower = c.to_ascii_lowercase();
        if lower.is_uppercase() {
            out.extend(lower.to_lowercase());
        } else {
            out.push(lower);
        }
    }
    out
}

/// A normalised word as a term: diacritics removed, then stemmed.
fn stem_term(normalized: &str, stemmer: Option<&Stemmer>, part: bool) -> Term {
    let plain = without_diacritics(normalized);
    let base = plain.as_deref().unwrap_or(normalized);
    let stem = match stemmer {
        Some(s) => s.stem(base).into_owned(),
        None => base.to_string(),
    };
    Term { stem, original: plain.map(|_| normalized.to_string()), part }
}

/// `word` without its combining marks, when that changes it. The kana
/// voicing marks are kept (they tell words apart), recomposed.
fn without_diacritics(word: &str) -> Option<String> {
    if word.is_ascii() || !decomposes(word) {
        return None;
    }
    let kana_mark = |c: char| matches!(c, '\u{3099}' | '\u{309A}');
    let stripped: String = word.nfd().filter(|&c| !unicode_normalization::char::is_combining_mark(c) || kana_mark(c)).collect();
    let plain = if stripped.chars().any(kana_mark) { stripped.nfc().collect() } else { stripped };
    (plain != word).then_some(plain)
}

/// True when a character of `word` is a combining mark or has a canonical
/// decomposition.
fn decomposes(word: &str) -> bool {
    word.chars().any(|c| {
        let mut changes = unicode_normalization::char::is_combining_mark(c);
        unicode_normalization::char::decompose_canonical(c, |part| changes |= part != c);
        changes
    })
}

/// The words of a compound, lower-case, space-separated: ASCII punctuation
/// separates, and so do case changes and letter-digit changes.
fn compound_parts(word: &str) -> String {
    use convert_case::{Case, Casing};
    let spaced = word.replace(|c: char| c.is_ascii_punctuation(), " ");
    spaced.to_case(Case::Lower).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True when `word` has a character with the Unicode Emoji property.
fn has_emoji(word: &str) -> bool {
    static EMOJI: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    // Plain ASCII letters are never emoji; digits, `#` and `*` are.
    if word.bytes().all(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    EMOJI.get_or_init(|| regex::Regex::new(r"\p{Emoji}").expect("a valid pattern")).is_match(word)
}

fn is_katakana(c: char) -> bool {
    matches!(c as u32, 0x30A1..=0x30FA | 0x30FC..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F)
}

/// Every suffix of a katakana word of three characters or more, of two
/// characters or more (katakana is not segmented into words).
fn katakana_suffixes(word: &str) -> Vec<&str> {
    if word.chars().count() < 3 || !word.chars().all(is_katakana) {
        return Vec::new();
    }
    let mut out: Vec<&str> = Vec::new();
    for (i, _) in word.char_indices().skip(1) {
        let rest = &word[i..];
        let suffix = rest.char_indices().nth(MAX_KATAKANA_SUFFIX_CHARS).map_or(rest, |(end, _)| &rest[..end]);
        if suffix.chars().count() >= 2 && !out.contains(&suffix) {
            out.push(suffix);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(word: &str) -> Vec<String> {
        let en = stemmer("en");
        let mut t = terms(word, en.as_ref());
        t.extend(dotted_tails(word, en.as_ref(), &t.clone()));
        t.into_iter().map(|t| t.stem).collect()
    }

    #[test]
    fn plain_words_are_lower_cased_and_stemmed() {
        assert_eq!(stems("Failovers"), ["failov"]);
        assert_eq!(stems("running,"), ["run"]);
        assert_eq!(stems("http2"), ["http2"]);
    }

    #[test]
    fn compounds_are_indexed_whole_and_by_part() {
        assert_eq!(stems("api-gateway"), ["apigateway", "api", "gateway"]);
        assert_eq!(stems("connectionPool"), ["connectionpool", "connect", "pool"]);
        assert_eq!(
            stems("sysconfig.is_python_build"),
            ["sysconfigis_python_build", "sysconfig", "is", "python", "build", "is_python_build"]
        );
        // Letters and digits are separate parts; one-letter parts are not kept.
        assert_eq!(stems("x86_64"), ["x86_64", "86", "64"]);
    }

    #[test]
    fn diacritics_are_removed_and_the_written_form_kept() {
        let t = terms("Café", stemmer("en").as_ref());
        assert_eq!(t[0].stem, "cafe");
        assert_eq!(t[0].original.as_deref(), Some("café"));
    }

    #[test]
    fn emoji_and_katakana() {
        assert_eq!(stems("🔥"), ["🔥"]);
        assert_eq!(stems("サーバー"), ["サーバー", "ーバー", "バー"]);
    }
}
