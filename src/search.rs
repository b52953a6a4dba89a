//! Full-text search with facets, as static files.
//!
//! Pagefind's library indexes one record per incident (its title, summary,
//! impact, root cause, timeline, follow-ups and body text) with filters for
//! contributing factor, service, team, severity, status and year, and writes
//! a chunked index: a search downloads only the fragments it needs, not the
//! whole archive's index. Its UI and wasm ship inside the crate, so nothing
//! is fetched at build time.

use std::borrow::Cow;
use std::collections::BTreeMap;

use chrono::Datelike;

use crate::error::{Error, Result};
use crate::model::Incident;
use crate::output::Sink;
use crate::understand::Document;

/// A file of the search bundle: path under `pagefind/`, and its bytes.
pub type BundleFile = (String, Vec<u8>);

/// Block elements whose end also ends a phrase: a heading, a list item or
/// a table cell runs into the text after it otherwise ("Root cause The
/// pool…" in an excerpt).
const PHRASE_ENDS: [&str; 11] = ["/h1", "/h2", "/h3", "/h4", "/h5", "/h6", "/li", "/td", "/th", "/dt", "/p"];

/// End the phrase in `out` with a full stop unless it has punctuation.
fn end_phrase(out: &mut String) {
    let trimmed = out.trim_end();
    if trimmed.chars().last().is_some_and(|c| c.is_alphanumeric() || c == ')' || c == '`') {
        out.truncate(trimmed.len());
        out.push('.');
    }
}

fn strip_tags(html: &str) -> String {
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
                    end_phrase(&mut out);
                }
                out.push(' ');
            }
            c if in_tag => tag.push(c),
            c => out.push(c),
        }
    }
    // The entities the sanitiser writes; `&amp;` last, so that text which
    // itself reads `&lt;` is not decoded twice.
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

/// The searchable text of an incident: its title and id, its terms, and
/// the prose and lists written in front matter, then the body. What was
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
    let mut parts: Vec<String> = vec![inc.title.clone(), inc.id.clone()];
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
        end_phrase(&mut text);
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

/// Build the search bundles for `incidents` and write them to `sink`: one
/// Pagefind bundle per `shard_size` incidents (at least one), one after the
/// other. Paths are relative to the site root. The first bundle carries
/// the search UI; the others only their index, merged into the first by
/// the search page. Returns the number of files written.
///
/// Pagefind holds a whole bundle's index in memory while it writes it
/// (about 300 KB per incident at its peak on long post-mortems), so shards
/// are built one at a time: the build's memory grows with the shard size,
/// not with the archive or the number of cores. The pages are rendered on
/// the other cores meanwhile (see `Renderer::render_all`). Each shard's
/// files are written as soon as it is built, and its memory freed.
///
/// `full` gives a document's incident with all its text (see [`crate::spill`]).
pub fn write_bundles<'d>(
    docs: &[&'d Document],
    full: &dyn Fn(&'d Document) -> Result<Cow<'d, Incident>>,
    language: &str,
    shard_size: usize,
    sink: &dyn Sink,
) -> Result<usize> {
    let shards: Vec<&[&Document]> = docs.chunks(balanced_shard_size(docs.len(), shard_size)).collect();
    let ui = |name: &str| {
        name.starts_with("pagefind-ui") || name.starts_with("pagefind-modular-ui") || name.starts_with("pagefind-component-ui")
    };
    let written: Vec<usize> = shards
        .iter()
        .enumerate()
        .map(|(i, shard)| {
            let mut n = 0;
            let incidents: Vec<Cow<Incident>> = shard.iter().map(|d| full(d)).collect::<Result<_>>()?;
            let incidents: Vec<&Incident> = incidents.iter().map(|c| c.as_ref()).collect();
            for (name, bytes) in bundle(&incidents, language)? {
                if i == 0 || !ui(&name) {
                    sink.write(&format!("{}{name}", shard_dir(i)), &bytes)?;
                    n += 1;
                }
            }
            crate::timings::memory("search shards");
            Ok(n)
        })
        .collect::<Result<_>>()?;
    Ok(written.iter().sum())
}

/// How many search shards `n` incidents get with shards of at most `max`.
pub fn shard_count(n: usize, max: usize) -> usize {
    n.div_ceil(balanced_shard_size(n, max)).max(1)
}

/// The shard size actually used: at most `max`, with the incidents spread
/// evenly over the shards (10,000 with 2,000 → 5 shards of 2,000; 10,001 →
/// 6 shards of 1,667).
fn balanced_shard_size(n: usize, max: usize) -> usize {
    let shards = n.div_ceil(max.max(1));
    n.div_ceil(shards.max(1)).max(1)
}

/// Build one search bundle for `incidents` in `language`.
pub fn bundle(incidents: &[&Incident], language: &str) -> Result<Vec<BundleFile>> {
    let fail = |e: anyhow::Error| Error::Usage(format!("building the search index failed: {e:#}"));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Usage(format!("cannot start the search indexer: {e}")))?;
    runtime.block_on(async {
        let config = pagefind::options::PagefindServiceConfig::builder().force_language(language.to_string()).build();
        let mut index = pagefind::api::PagefindIndex::new(Some(config)).map_err(fail)?;
        for inc in incidents {
            // What a result row shows: the site's badges, date and title.
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
            let sort = inc.date.map(|d| BTreeMap::from([("date".to_string(), d.to_string())]));
            index
                .add_custom_record(
                    format!("/incidents/{}/", inc.slug),
                    record_text(inc),
                    language.to_string(),
                    Some(meta),
                    Some(filters(inc)),
                    sort,
                )
                .await
                .map_err(fail)?;
        }
        let files = index.get_files().await.map_err(fail)?;
        Ok(files.into_iter().map(|f| (f.filename.to_string_lossy().replace('\\', "/"), f.contents)).collect())
    })
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

    #[test]
    fn headings_and_items_end_their_phrase() {
        let html = "<h2>Root cause</h2><p>The pool was small.</p><ul><li>Add an alert</li><li>Done?</li></ul>";
        assert_eq!(
            strip_tags(html).split_whitespace().collect::<Vec<_>>().join(" "),
            "Root cause. The pool was small. Add an alert. Done?"
        );
    }
}
