//! Full-text search with facets, as static files.
//!
//! One record per incident (its title, summary, impact, root cause,
//! timeline, follow-ups and body text) with filters for contributing
//! factor, service, team, severity, status and year, in a chunked index: a
//! search downloads only the parts it needs, not the whole archive's
//! index. The index is Pagefind's format, written by [`bundle`] (with the
//! terms of [`words`]); the search runs on Pagefind's own scripts and wasm
//! ([`assets`]), which ship inside its crate, so nothing is fetched at
//! build time.

use std::collections::BTreeMap;

use chrono::Datelike;

pub mod assets;
pub mod bundle;
mod cbor;
mod encode;
pub mod words;

use assets::Assets;
use bundle::{Bundle, Record};

use crate::error::Result;
use crate::model::Incident;
use crate::output::Sink;
use crate::understand::Document;

/// Block elements whose end also ends a phrase: a heading, a list item or
/// a table cell runs into the text after it otherwise ("Root cause The
/// pool…" in an excerpt).
const PHRASE_ENDS: [&str; 11] = ["/h1", "/h2", "/h3", "/h4", "/h5", "/h6", "/li", "/td", "/th", "/dt", "/p"];

/// End the phrase in `out` with a full stop unless it has punctuation.
/// `out[..from]` stays as written: neither trimmed nor followed by a full
/// stop (an entity decoded there ended in `;`).
fn end_phrase(out: &mut String, from: usize) {
    let end = from + out[from..].trim_end().len();
    if end > from && out[..end].chars().last().is_some_and(|c| c.is_alphanumeric() || c == ')' || c == '`') {
        out.truncate(end);
        out.push('.');
    }
}

/// The text of sanitised HTML: tags become spaces (a phrase's end also a
/// full stop, see [`PHRASE_ENDS`]) and the entities the sanitiser writes
/// are decoded, in one pass. A tag's name is what follows its last `<`.
fn strip_tags(html: &str) -> String {
    const ENTITIES: [(&str, char); 6] =
        [("&lt;", '<'), ("&gt;", '>'), ("&quot;", '"'), ("&#39;", '\''), ("&nbsp;", '\u{a0}'), ("&amp;", '&')];
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    // Where the last decoded entity ends in `out`.
    let mut entity_end = 0;
    while let Some(i) = rest.find(['<', '&']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('<') {
            // A tag left open runs to the end and is dropped.
            let Some(j) = rest.find('>') else { return out };
            let tag = &rest[1..j];
            let tag = tag.rfind('<').map_or(tag, |k| &tag[k + 1..]);
            let name = tag.split_whitespace().next().unwrap_or("");
            if PHRASE_ENDS.iter().any(|p| p.eq_ignore_ascii_case(name)) {
                // A decoded entity ends in `;` as written: it is neither
                // trimmed (`&nbsp;`) nor followed by a full stop.
                end_phrase(&mut out, entity_end);
            }
            out.push(' ');
            rest = &rest[j + 1..];
        } else {
            match ENTITIES.iter().find(|(e, _)| rest.starts_with(e)) {
                Some((e, c)) => {
                    out.push(*c);
                    entity_end = out.len();
                    rest = &rest[e.len()..];
                }
                None => {
                    out.push('&');
                    rest = &rest[1..];
                }
            }
        }
    }
    out.push_str(rest);
    out
}

/// The searchable text of an incident: its terms and the prose and lists
/// written in front matter, then the body (its title and id are searched
/// as the record's metadata). What was
/// recognised in the body (a summary paragraph, a timeline table, action
/// items) is already in the body's text and is not indexed twice.
pub fn record_text(inc: &Incident) -> String {
    let written = |key: &str| inc.provenance.get(key).is_none_or(|p| p.from != "body");
    // Prose from front matter is Markdown: index its text, not its markup.
    let prose: Vec<String> =
        [("summary", inc.summary.as_deref()), ("impact.summary", inc.impact.summary.as_deref()), ("root_cause", inc.root_cause.as_deref())]
            .into_iter()
            .filter(|(key, _)| written(key))
            .filter_map(|(_, t)| t)
            .map(|t| strip_tags(&crate::markdown::render_fragment(t)))
            .collect();
    // Timeline texts and action titles are Markdown too.
    let plain = crate::markdown::plain_text_of;
    // The title and id are not repeated here: they are the record's
    // metadata, which Pagefind indexes too, and an excerpt that starts
    // with them repeats what the result row shows above it.
    let mut parts: Vec<String> = Vec::new();
    parts.extend(prose);
    if !inc.contributing_factors.is_empty() {
        parts.push(format!("Contributing factors: {}", inc.contributing_factors.join(", ")));
    }
    if !inc.services.is_empty() {
        parts.push(format!("Services: {}", inc.services.join(", ")));
    }
    if written("timeline") {
        parts.extend(inc.timeline.iter().map(|e| plain(&e.text)));
    }
    if written("action_items") {
        parts.extend(inc.action_items.iter().map(|a| plain(&a.title)));
    }
    // Each part a phrase of its own, so that excerpts read as sentences.
    let mut text = String::new();
    for p in parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        text.push_str(p);
        end_phrase(&mut text, 0);
        text.push(' ');
    }
    text.push_str(&strip_tags(&inc.body_html));
    // Pagefind takes a record's content as already-escaped HTML text (its
    // own HTML reader escapes what it reads) and its UI shows excerpts as
    // HTML, so text must be escaped here or it would run in the results.
    escape_text(&text)
}

/// `&`, `<` and `>` as entities.
fn escape_text(text: &str) -> String {
    if !text.contains(['&', '<', '>']) {
        return text.to_string();
    }
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Filters of an incident: factor, service, team, severity, status, year.
pub fn filters(inc: &Incident) -> BTreeMap<String, Vec<String>> {
    let mut f = BTreeMap::new();
    let mut put = |k: &str, v: Vec<String>| {
        if !v.is_empty() {
            f.insert(k.to_string(), v);
        }
    };
    put("factor", inc.contributing_factors.clone());
    put("service", inc.services.clone());
    put("team", inc.teams.clone());
    put("severity", inc.severity.iter().cloned().collect());
    put("status", inc.status.iter().map(|s| s.as_str().to_string()).collect());
    put("year", inc.date.map(|d| d.year().to_string()).into_iter().collect());
    f
}

/// The folder of shard `i`'s bundle in the site.
pub fn shard_dir(i: usize) -> String {
    if i == 0 { "pagefind/".to_string() } else { format!("pagefind-{i}/") }
}

/// Index chunks a quarter of Pagefind's default (20,000). A search fetches,
/// for each word, the chunk holding it in every shard; most words are
/// rare, and their chunk is mostly other words' postings. On 10,000
/// generated post-mortems this took a first search for a rare word from
/// 117 KB of chunks to 44 KB, for 7 KB more metadata.
pub const CHUNK_SIZE: usize = 5000;

/// When a search shard is full: at `incidents` records, or when the next
/// record would take its indexed text past `text_bytes`.
#[derive(Debug, Clone, Copy)]
pub struct ShardLimits {
    /// Records per shard at most.
    pub incidents: usize,
    /// Bytes of indexed text per shard at most (a record larger than this
    /// gets a shard of its own).
    pub text_bytes: usize,
}

/// The search index's shards, decided before any is built: consecutive
/// runs of documents, each within [`ShardLimits`] by the length of its
/// records' text (see [`plan`]), built by whichever thread is free (see
/// [`Shards::build`]). The plan alone decides what is in each bundle, so
/// the output is the same however the work was shared. The first bundle
/// carries Pagefind's scripts; the others only their index, merged into
/// the first by the search page.
///
/// A bundle's word index is held in memory until it is written (every
/// word's positions on every page), so the build's memory follows the
/// shard's text and the number of shards being built at once, not the
/// archive's size. Limiting shards by text rather than by count keeps that
/// bound whether post-mortems are one page or twenty: short ones share a
/// shard, so a reader's first search fetches fewer bundles' metadata and
/// chunks.
pub struct Shards<'d> {
    docs: Vec<&'d Document>,
    ranges: Vec<std::ops::Range<usize>>,
    next: std::sync::atomic::AtomicUsize,
}

/// Split `docs`, in order, into shards within `limits`, by `text_len`, the
/// length of each document's search record (measured in parallel).
pub fn plan<'d>(docs: &[&'d Document], text_len: &(dyn Fn(&Document) -> Result<usize> + Sync), limits: ShardLimits) -> Result<Shards<'d>> {
    use rayon::prelude::*;
    let lens: Vec<usize> = docs.par_iter().map(|d| text_len(d)).collect::<Result<_>>()?;
    let mut ranges = Vec::new();
    let (mut start, mut text) = (0, 0);
    for (i, len) in lens.into_iter().enumerate() {
        if i > start && (i - start >= limits.incidents || text + len > limits.text_bytes) {
            ranges.push(start..i);
            (start, text) = (i, 0);
        }
        text += len;
    }
    ranges.push(start..docs.len());
    Ok(Shards { docs: docs.to_vec(), ranges, next: std::sync::atomic::AtomicUsize::new(0) })
}

impl<'d> Shards<'d> {
    /// How many bundles there are.
    pub fn count(&self) -> usize {
        self.ranges.len()
    }

    /// How many incidents each bundle holds, in bundle order.
    pub fn sizes(&self) -> Vec<usize> {
        self.ranges.iter().map(|r| r.len()).collect()
    }

    /// Build shards not yet taken by another thread, one at a time, until
    /// none is left. Any thread may call this;
    /// the build's memory grows with the number of threads building a
    /// shard at the same time. `text` gives a document's search record
    /// text ([`record_text`] of its incident with all its text, see
    /// [`crate::spill`]); its metadata and filters come from the document.
    pub fn build(&self, text: &dyn Fn(&'d Document) -> Result<String>, language: &str, sink: &dyn Sink) -> Result<()> {
        let assets = Assets::get(language)?;
        loop {
            let i = self.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(range) = self.ranges.get(i) else { return Ok(()) };
            let dir = shard_dir(i);
            let mut bundle = Bundle::new(&assets.language, &assets.version, CHUNK_SIZE, sink, &dir);
            let mut bytes = 0;
            for doc in &self.docs[range.clone()] {
                let inc = &doc.incident;
                let text = text(doc)?;
                bytes += text.len();
                let url = format!("/incidents/{}/", inc.slug);
                bundle.add(&Record { url: &url, text: &text, meta: &result_meta(inc), filters: &filters(inc) })?;
            }
            let done = bundle.finish()?;
            sink.write(&format!("{dir}pagefind-entry.json"), &assets.entry(&done.meta_hash, done.pages))?;
            // Only the first bundle carries Pagefind's UI scripts and styles.
            let ui = |name: &str| {
                name.starts_with("pagefind-ui") || name.starts_with("pagefind-modular-ui") || name.starts_with("pagefind-component-ui")
            };
            for (name, contents) in &assets.files {
                if i == 0 || !ui(name) {
                    sink.write(&format!("{dir}{name}"), contents)?;
                }
            }
            crate::timings::memory(&format!("search shard ({} incidents, {} MB of text)", range.len(), bytes / 1_000_000));
        }
    }
}

/// What a result row shows: the site's badges, date and title (searched
/// too).
pub fn result_meta(inc: &Incident) -> BTreeMap<String, String> {
    let mut meta = BTreeMap::new();
    meta.insert("title".to_string(), inc.title.clone());
    meta.insert("id".to_string(), inc.id.clone());
    meta.insert("severity_class".to_string(), crate::render::views::severity_class(inc.severity_rank));
    if let Some(d) = inc.date {
        meta.insert("date".to_string(), d.to_string());
        meta.insert("date_display".to_string(), crate::render::views::display_date(d));
    }
    if let Some(s) = &inc.severity {
        meta.insert("severity".to_string(), s.clone());
    }
    if let Some(s) = inc.status {
        meta.insert("status".to_string(), s.as_str().to_string());
    }
    // No sort key: results are ranked by relevance, and a sort index
    // would add bytes per incident to the metadata every search loads.
    meta
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitised_html_becomes_text_escaped_once() {
        let html = crate::markdown::sanitize("<p>a\u{a0}b &amp;lt; c <b>d</b></p>");
        assert_eq!(strip_tags(&html), " a\u{a0}b &lt; c  d. ");
        assert_eq!(escape_text(&strip_tags(&html)), " a\u{a0}b &amp;lt; c  d. ");
    }

    /// The first implementation: characters one by one, then each entity
    /// replaced over the whole text.
    fn strip_tags_reference(html: &str) -> String {
        let mut out = String::with_capacity(html.len());
        let mut in_tag = false;
        let mut tag = String::new();
        for c in html.chars() {
            match c {
                '<' => {
                    in_tag = true;
                    tag.clear();
                }
                '>' if in_tag => {
                    in_tag = false;
                    let name = tag.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
                    if PHRASE_ENDS.contains(&name.as_str()) {
                        end_phrase(&mut out, 0);
                    }
                    out.push(' ');
                }
                c if in_tag => tag.push(c),
                c => out.push(c),
            }
        }
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&nbsp;", "\u{a0}")
            .replace("&amp;", "&")
    }

    #[test]
    fn one_pass_strip_tags_agrees_with_the_reference() {
        // Every sequence of up to four pieces that tags, entities and the
        // phrase rule can make between them.
        let pieces = [
            "a",
            "1",
            ")",
            "`",
            " ",
            "\u{a0}",
            "&nbsp;",
            "&amp;",
            "&amp;lt;",
            "&lt;",
            "&gt;",
            "&quot;",
            "&#39;",
            "&",
            "&l",
            "<",
            ">",
            "</li>",
            "</LI >",
            "<p>",
            "</p>",
            "<a href=\"x\">",
            "</td>",
            "<b",
            "</h2>",
            "\u{e9}",
            "x<y",
        ];
        let cases = crate::test_support::sequences(&pieces, 4);
        for html in &cases {
            assert_eq!(strip_tags(html), strip_tags_reference(html), "{html:?}");
        }
        let page = crate::markdown::sanitize(
            "<h2>Root cause</h2><p>A &amp; B&nbsp;</p><ul><li>x &lt; y</li></ul><table><tr><td>1</td></tr></table>",
        );
        assert_eq!(strip_tags(&page), strip_tags_reference(&page));
    }

    #[test]
    fn headings_and_items_end_their_phrase() {
        let html = "<h2>Root cause</h2><p>The pool was small.</p><ul><li>Add an alert</li><li>Done?</li></ul>";
        assert_eq!(
            strip_tags(html).split_whitespace().collect::<Vec<_>>().join(" "),
            "Root cause. The pool was small. Add an alert. Done?"
        );
    }
}
