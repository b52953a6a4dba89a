//! Machine-readable outputs: Atom feeds, `action-items.csv` and the
//! front-matter JSON Schema (`incidents.json` and the per-incident JSON are
//! in [`crate::listing`]).
//!
//! Every value from a document is escaped for its format: XML entities in
//! feeds, JSON string escaping, and CSV quoting with formula neutralising
//! (cells starting `=`, `+`, `-`, `@`, tab or CR get a leading `'`).

use std::fmt::Write as _;

use chrono::{NaiveDate, NaiveTime};

use crate::index::ledger;
use crate::model::{ActionKind, ActionPhase, ActionStatus, EventKind, Incident, Status};

/// Escape text for XML.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// An Atom feed of `incidents` (newest first, at most 50). `base_url` makes
/// links absolute; `self_path` is the feed's own path (`feed.xml`).
pub fn atom(title: &str, base_url: &str, self_path: &str, incidents: &[&Incident], page_path: impl Fn(&Incident) -> String) -> String {
    // Without `base-url`, links are relative to the feed's own location
    // (readers resolve them against the feed URL) and ids are URNs, since
    // Atom ids must be absolute.
    let (base, id_base) = if base_url.is_empty() {
        ("../".repeat(self_path.matches('/').count()), "urn:pmbook:".to_string())
    } else if base_url.ends_with('/') {
        (base_url.to_string(), base_url.to_string())
    } else {
        (format!("{base_url}/"), format!("{base_url}/"))
    };
    let stamp = |d: Option<NaiveDate>| d.unwrap_or_default().and_time(NaiveTime::MIN).and_utc().to_rfc3339();
    let updated = stamp(incidents.iter().filter_map(|i| i.date).max());
    let mut out = String::new();
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>{}</title>\n<id>{}</id>\n<updated>{updated}</updated>\n<link rel=\"self\" href=\"{}\"/>\n<link href=\"{}\"/>\n<generator>pmbook</generator>\n",
        xml(title),
        xml(&format!("{id_base}{self_path}")),
        xml(&format!("{base}{self_path}")),
        xml(if base.is_empty() { "./" } else { base.as_str() })
    );
    for inc in incidents.iter().take(50) {
        let url = format!("{base}{}", page_path(inc));
        let _ = write!(
            out,
            "<entry>\n<title>{}</title>\n<id>{}</id>\n<link href=\"{}\"/>\n<updated>{}</updated>\n",
            xml(&format!("{} — {}", inc.id, inc.title)),
            xml(&format!("{id_base}{}", page_path(inc))),
            xml(&url),
            stamp(inc.date)
        );
        if let Some(s) = &inc.summary {
            let _ = writeln!(out, "<summary>{}</summary>", xml(s));
        }
        for a in &inc.authors {
            let _ = writeln!(out, "<author><name>{}</name></author>", xml(a));
        }
        for f in &inc.contributing_factors {
            let _ = writeln!(out, "<category term=\"{}\"/>", xml(f));
        }
        out.push_str("</entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// A serde_json formatter that writes `<`, `>`, `&`, U+2028 and U+2029 in
/// strings as `\uXXXX` escapes, in the same pass as the rest.
struct HtmlSafe;

impl serde_json::ser::Formatter for HtmlSafe {
    fn write_string_fragment<W: ?Sized + std::io::Write>(&mut self, writer: &mut W, fragment: &str) -> std::io::Result<()> {
        let bytes = fragment.as_bytes();
        let mut start = 0;
        for (i, &b) in bytes.iter().enumerate() {
            let escape = match b {
                b'<' => "\\u003c",
                b'>' => "\\u003e",
                b'&' => "\\u0026",
                0xE2 if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xA8) => "\\u2028",
                0xE2 if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xA9) => "\\u2029",
                _ => continue,
            };
            writer.write_all(&bytes[start..i])?;
            writer.write_all(escape.as_bytes())?;
            start = if b == 0xE2 { i + 3 } else { i + 1 };
        }
        writer.write_all(&bytes[start..])
    }
}

/// `value` as compact JSON, HTML-safe (see [`html_safe_json`]).
pub fn to_html_safe_json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::with_capacity(4096);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, HtmlSafe);
    // Serialising our own model to memory cannot fail.
    let _ = value.serialize(&mut ser);
    String::from_utf8(out).unwrap_or_default()
}

/// JSON with `<`, `>`, `&` and the two JavaScript line separators written as
/// `\uXXXX` escapes: the same data, but safe to inline in an HTML page or
/// to serve to a browser that sniffs content. These characters only ever
/// occur inside JSON strings, so the replacement is exact.
pub fn html_safe_json(json: String) -> String {
    if !json.contains(['<', '>', '&', '\u{2028}', '\u{2029}']) {
        return json;
    }
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

/// One CSV cell: quoted when needed; a leading `=`, `+`, `-`, `@`, tab or CR
/// is neutralised with `'` so spreadsheets do not run it as a formula.
pub fn csv_cell(s: &str) -> String {
    let mut v = s.replace(['\n', '\r'], " ");
    if v.starts_with(['=', '+', '-', '@', '\t']) {
        v.insert(0, '\'');
    }
    if v.contains([',', '"', ';']) || v.starts_with(' ') || v.ends_with(' ') || v.starts_with('\'') {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v
    }
}

/// `action-items.csv`: every action item with its incident.
pub fn action_items_csv(incidents: &[&Incident], today: NaiveDate) -> String {
    let mut out = String::from("incident_id,incident_title,title,owner,status,due,overdue,kind,tracker,url,teams\n");
    for e in ledger::entries(incidents, today) {
        let a = e.item;
        let cells = [
            e.incident.id.as_str(),
            e.incident.title.as_str(),
            a.title.as_str(),
            a.owner.as_deref().unwrap_or(""),
            a.status.as_str(),
            &a.due.map(|d| d.to_string()).unwrap_or_default(),
            if e.overdue { "yes" } else { "no" },
            a.kind.map_or("", |k| k.as_str()),
            a.tracker.as_deref().unwrap_or(""),
            a.url.as_deref().unwrap_or(""),
            &e.incident.teams.join("; "),
        ];
        out.push_str(&cells.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(","));
        out.push('\n');
    }
    out
}

/// JSON Schema (draft 2020-12) of the front matter, for editors
/// (yaml-language-server, taplo) and CI validation.
pub fn front_matter_schema() -> serde_json::Value {
    use serde_json::json;
    let words = json!({ "type": "array", "items": { "type": "string" } });
    let time = json!({ "type": "string", "description": "A date-time with a zone: RFC 3339 (2024-03-05T09:12:00-08:00), or `2024-03-05 09:12 PST`, or a time only (`09:12`) taking the incident date and the document's zone." });
    let date = json!({ "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" });
    let names = |v: &[&str]| json!({ "type": "string", "enum": v });
    let impact = json!({
        "type": "object", "additionalProperties": false,
        "properties": {
            "started": time, "detected": time, "mitigated": time, "resolved": time,
            "summary": { "type": "string" },
            "metrics": { "type": "array", "items": { "type": "object", "additionalProperties": false, "required": ["name", "value"], "properties": { "name": { "type": "string" }, "value": { "type": ["string", "number"] } } } }
        }
    });
    let timeline = json!({ "type": "array", "items": { "type": "object", "additionalProperties": false, "required": ["at", "text"], "properties": {
                "at": time, "kind": names(&EventKind::ALL.map(|k| k.as_str())), "text": { "type": "string" } } } });
    let action_items = json!({ "type": "array", "items": { "type": "object", "additionalProperties": false, "required": ["title"], "properties": {
                "title": { "type": "string" }, "owner": { "type": "string" },
                "status": names(&ActionStatus::ALL.map(|s| s.as_str())),
                "due": date,
                "kind": names(&[ActionKind::Mitigate, ActionKind::Repair, ActionKind::Prevent, ActionKind::Process].map(|k| k.as_str())),
                "tracker": { "type": "string" }, "url": { "type": "string", "pattern": "^https?://" },
                "phase": names(&ActionPhase::ALL.map(|p| p.as_str())),
                "done": date } } });
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "front-matter.schema.json",
        "title": "pmbook post-mortem front matter",
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "id": { "type": "string", "description": "Unique id; default: the file name." },
            "title": { "type": "string" },
            "slug": { "type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "description": "URL segment: incidents/<slug>/." },
            "summary": { "type": "string" },
            "date": date,
            "severity": { "type": "string", "description": "A name or alias from book.toml's severity scale (default SEV-1 … SEV-4)." },
            "status": names(&Status::ALL.map(|s| s.as_str())),
            "services": words, "teams": words, "tags": words, "contributing_factors": words, "authors": words, "related": words,
            "recurrence_of": { "type": "string" },
            "ticket": { "type": "string", "pattern": "^https?://" },
            "timezone": { "type": "string", "description": "Zone for times written without one: IANA name, abbreviation or UTC offset." },
            "impact": impact,
            "timeline": timeline,
            "root_cause": { "type": "string" },
            "action_items": action_items,
            "internal": { "type": "boolean", "description": "Leave the whole post-mortem out of public builds (pmbook build --public)." },
            "internal_fields": { "type": "array", "items": names(crate::visibility::FIELDS), "description": "Fields left out of public builds." }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_neutralises_formulas_and_quotes() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("-2+3"), "\"'-2+3\"");
        assert_eq!(csv_cell("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a, b"), "\"a, b\"");
    }

    #[test]
    fn json_is_safe_to_inline() {
        let json = html_safe_json(serde_json::to_string(&serde_json::json!({ "t": "</script><b>&\u{2028}" })).unwrap());
        assert_eq!(json, r#"{"t":"\u003c/script\u003e\u003cb\u003e\u0026\u2028"}"#);
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["t"], "</script><b>&\u{2028}");
    }

    #[test]
    fn the_html_safe_formatter_matches_escaping_afterwards() {
        let value = serde_json::json!({ "a": ["</script>", "x & y", "\u{2028}\u{2029}", "é → ✓", "\"quoted\"\n"], "b": 1 });
        let after = html_safe_json(serde_json::to_string(&value).unwrap());
        assert_eq!(to_html_safe_json(&value), after);
        let back: serde_json::Value = serde_json::from_str(&after).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn xml_escapes_everything() {
        assert_eq!(xml("<script>&\"'\u{1}"), "&lt;script&gt;&amp;&quot;&apos;");
    }

    #[test]
    fn schema_lists_every_top_level_key() {
        let s = front_matter_schema();
        for key in crate::understand::fields::TOP_KEYS {
            assert!(s["properties"].get(key).is_some(), "{key} missing from the schema");
        }
    }
}
