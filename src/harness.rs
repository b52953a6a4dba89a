//! One document's bytes through each stage, with the invariants every stage
//! must keep whatever it is given. The fuzz targets (`fuzz/`) and the
//! property tests (`tests/properties.rs`) both drive these functions, so a
//! crash found by one is a test case for the other.
//!
//! Each function panics only when an invariant is broken; bad input is
//! expected and ends in diagnostics, never in a panic.

use std::path::Path;
use std::sync::OnceLock;

use chrono::NaiveDate;

use crate::config::Config;
use crate::content::{self, SourceDoc};
use crate::datetime::ZoneTable;
use crate::frontmatter;
use crate::theme::Theme;
use crate::understand::{self, Outcome};

fn config() -> &'static Config {
    static CFG: OnceLock<Config> = OnceLock::new();
    CFG.get_or_init(|| Config::defaults_at(Path::new("/nonexistent-pmbook-harness")))
}

fn zones() -> &'static ZoneTable {
    static Z: OnceLock<ZoneTable> = OnceLock::new();
    Z.get_or_init(|| ZoneTable::new(&config().time.zones))
}

fn theme() -> &'static Theme {
    static T: OnceLock<Theme> = OnceLock::new();
    T.get_or_init(|| Theme::load(config()).expect("the built-in theme loads"))
}

fn lines_of(text: &str) -> usize {
    text.lines().count().max(1)
}

/// Decode, split and parse the front matter. Errors must point inside the
/// file.
pub fn front_matter(bytes: &[u8]) {
    let Ok(text) = content::decode(bytes) else { return };
    let (text, _) = crate::extract::normalise(&text);
    let split = match frontmatter::split(&text) {
        Ok(s) => s,
        Err(e) => {
            assert!(e.line >= 1 && e.line <= lines_of(&text) + 1, "split error line {} outside the file", e.line);
            return;
        }
    };
    assert!(split.body_line >= 1 && split.body_line <= lines_of(&text) + 2, "body line {} outside the file", split.body_line);
    if let Err(e) = frontmatter::parse(&split) {
        assert!(e.line >= 1 && e.line <= lines_of(&text) + 1, "parse error line {} outside the file ({} lines)", e.line, lines_of(&text));
        assert!(!e.message.is_empty());
    }
}

/// Understand one document (front matter, body extraction, timeline,
/// action items) and run the per-document checks. Every finding must name
/// a line of the file.
pub fn extract(bytes: &[u8]) -> Option<Outcome> {
    let text = content::decode(bytes).ok()?;
    let doc = SourceDoc { path: "fuzz.md".into(), display: "fuzz.md".into(), text };
    let mut outcome = understand::understand(&doc, Path::new("fuzz.md"), config(), zones());
    if let Some(d) = &outcome.document {
        outcome.diagnostics.extend(crate::check::check_incident(&d.incident));
        outcome.diagnostics.extend(crate::check::check_vocabulary(&d.incident, config()));
        outcome.diagnostics.extend(crate::phases::check(&d.incident, config()));
    }
    let max = lines_of(&doc.text) + 1;
    for d in &outcome.diagnostics {
        assert!(d.line >= 1 && d.line <= max, "{}:{} `{}` points outside the file ({} lines)", d.code, d.line, d.message, max - 1);
    }
    Some(outcome)
}

/// The whole path from bytes to the incident's HTML page. What reaches the
/// page from the document must have gone through the sanitiser.
pub fn page(bytes: &[u8]) -> Option<String> {
    let outcome = extract(bytes)?;
    let doc = outcome.document?;
    let today = NaiveDate::from_ymd_opt(2025, 1, 1).expect("a real date");
    let renderer = crate::render::Renderer::new(config(), theme(), [&doc], today);
    let html = renderer.incident(&doc).expect("a document that was understood renders");
    assert_no_script(&doc.incident.body_html);
    Some(html)
}

/// Panics when `html` (document content, not the theme) can run script.
pub fn assert_no_script(html: &str) {
    let lower = html.to_ascii_lowercase();
    for needle in ["<script", "<iframe", "<object", "<embed", "javascript:", "vbscript:", "<style", "srcdoc="] {
        assert!(!lower.contains(needle), "`{needle}` survived sanitising: {html}");
    }
    for (i, _) in lower.match_indices(" on") {
        let rest = &lower[i + 3..];
        let name_len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        let inside_tag = lower[..i].rfind('<').is_some_and(|lt| lower[..i].rfind('>').is_none_or(|gt| gt < lt));
        assert!(!(inside_tag && name_len > 0 && rest[name_len..].starts_with('=')), "an event handler survived sanitising: {html}");
    }
}
