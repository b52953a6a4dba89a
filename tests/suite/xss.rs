//! Output safety: known script-injection vectors, put into every channel a
//! document has (front-matter values, body Markdown, raw HTML, tables,
//! timeline and action items), must not survive into any output: HTML
//! pages, SVG charts, Atom feeds, `incidents.json`, `action-items.csv` and
//! the search index.

use std::io::Read;
use std::path::Path;

use crate::common::pmbook;
use scraper::{Html, Selector};

/// Known vectors. Each carries `alert(` so a surviving script is easy to
/// spot; CSV formula vectors are at the end.
const VECTORS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<a href=\" jAvAsCrIpT:alert(1)\">x</a>",
    "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
    "<a href=\"&#106;avascript:alert(1)\">x</a>",
    "<a href=\"vbscript:alert(1)\">x</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
    "<details open ontoggle=alert(1)>x</details>",
    "<body onload=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<form action=\"javascript:alert(1)\"><button>x</button></form>",
    "<button formaction=\"javascript:alert(1)\">x</button>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"javascript:alert(1)\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<base href=\"javascript:alert(1)//\">",
    "<link rel=\"stylesheet\" href=\"javascript:alert(1)\">",
    "<style>@import 'javascript:alert(1)';</style>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<p style=\"width: expression(alert(1))\">x</p>",
    "\"><script>alert(1)</script>",
    "'><svg/onload=alert(1)>",
    "</script><script>alert(1)</script>",
    "<scr<script>ipt>alert(1)</script>",
    "<!--<img src=\"--><img src=x onerror=alert(1)//\">",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
    "<img srcset=\"javascript:alert(1)\">",
    "<video><source onerror=\"alert(1)\"></video>",
    "<x onclick=alert(1)>click</x>",
    "<table><tr><td background=\"javascript:alert(1)\">x</td></tr></table>",
    "[link](javascript:alert(1))",
    "![img](javascript:alert(1))",
    "<javascript:alert(1)>",
    "{{ alert(1) }}{% raw %}",
    "=HYPERLINK(\"http://x.example\",\"alert(1)\")",
    "+SUM(1,2) alert(1)",
    "-2+3 alert(1)",
    "@SUM(A1) alert(1)",
];

/// One document with `v` in every channel.
fn document(i: usize, v: &str) -> String {
    let q = serde_json::to_string(v).unwrap();
    format!(
        r#"---
id: {id}
title: {q}
summary: {q}
date: 2024-05-{day:02}
severity: SEV-2
status: resolved
services: [{q}]
teams: [{q}]
tags: [{q}]
contributing_factors: [{q}]
authors: [{q}]
timezone: UTC
impact:
  started: 2024-05-{day:02} 09:00 UTC
  detected: 2024-05-{day:02} 09:05 UTC
  mitigated: 2024-05-{day:02} 09:30 UTC
  resolved: 2024-05-{day:02} 10:00 UTC
  summary: {q}
  metrics:
    - name: {q}
      value: {q}
timeline:
  - at: "09:00"
    kind: trigger
    text: {q}
root_cause: {q}
action_items:
  - title: {q}
    owner: {q}
    tracker: {q}
---

## What happened

{v}

| Field | Value |
|---|---|
| note | {cell} |

- {v}

> {v}

<div>{v}</div>

## Lessons {v}

[{v}](https://example.com/{i})
"#,
        id = serde_json::to_string(&format!("X-{i} {v}")).unwrap(),
        day = i % 28 + 1,
        cell = v.replace('|', "\\|"),
    )
}

fn build_hostile_site() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("book.toml"), "[book]\ntitle = \"XSS\"\n").unwrap();
    std::fs::create_dir(tmp.path().join("content")).unwrap();
    for (i, v) in VECTORS.iter().enumerate() {
        std::fs::write(tmp.path().join(format!("content/x{i:02}.md")), document(i, v)).unwrap();
    }
    let out = pmbook().arg("-C").arg(tmp.path()).args(["build", "-q"]).output().unwrap();
    assert!(out.status.success(), "build failed:\n{}", String::from_utf8_lossy(&out.stderr));
    tmp
}

const URL_ATTRS: &[&str] = &["href", "src", "action", "formaction", "data", "xlink:href", "srcset", "poster", "background", "cite"];
const FORBIDDEN: &[&str] = &["iframe", "object", "embed", "base", "frame", "frameset", "applet", "style", "math", "noscript", "form"];

/// Scheme of a URL as a browser reads it: control characters and
/// whitespace ignored, case folded.
fn dangerous_url(value: &str) -> bool {
    let v: String = value.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>().to_ascii_lowercase();
    v.contains("javascript:") || v.contains("vbscript:") || v.starts_with("data:text")
}

/// Problems in one HTML page, ignoring the theme's own scripts and forms.
fn html_problems(path: &Path, text: &str) -> Vec<String> {
    let doc = Html::parse_document(text);
    let mut problems = Vec::new();
    let all = Selector::parse("*").unwrap();
    for el in doc.select(&all) {
        let name = el.value().name();
        let theme_form = name == "form"
            && (el.value().id().is_some_and(|id| id.starts_with("ledger"))
                || el.value().classes().any(|c| c == "site-search" || c == "search-box"));
        let theme_noscript = name == "noscript" && !el.inner_html().contains("alert");
        if FORBIDDEN.contains(&name) && !theme_form && !theme_noscript {
            problems.push(format!("{}: <{name}> element", path.display()));
        }
        if name == "script" {
            let src = el.value().attr("src").unwrap_or("");
            let body = el.inner_html();
            if body.contains("alert(") || !(src.is_empty() || src.contains("pagefind/") || src.contains("assets/")) {
                problems.push(format!("{}: script {src:?} {body:.80}", path.display()));
            }
        }
        if name == "meta" && el.value().attr("http-equiv").is_some() {
            problems.push(format!("{}: <meta http-equiv>", path.display()));
        }
        for (attr, value) in el.value().attrs() {
            if attr.to_ascii_lowercase().starts_with("on") {
                problems.push(format!("{}: <{name} {attr}={value:?}>", path.display()));
            }
            if URL_ATTRS.contains(&attr) && dangerous_url(value) {
                problems.push(format!("{}: <{name} {attr}={value:?}>", path.display()));
            }
            if attr == "style" && (value.contains("url(") || value.contains("expression") || value.contains("javascript")) {
                problems.push(format!("{}: <{name} style={value:?}>", path.display()));
            }
        }
    }
    problems
}

/// Element names in an Atom feed must all be Atom's: text from documents
/// is escaped, so no markup of theirs can appear. The HTML of a
/// `<content type="html">` element (the review feed's digests), once
/// unescaped, is held to the same rules as a page.
fn xml_problems(path: &Path, text: &str) -> Vec<String> {
    const ATOM: &[&str] =
        &["?xml", "feed", "title", "id", "updated", "link", "generator", "entry", "summary", "author", "name", "category", "content"];
    let mut problems: Vec<String> = text
        .match_indices('<')
        .map(|(i, _)| text[i + 1..].split(|c: char| c.is_whitespace() || c == '>' || c == '/').find(|s| !s.is_empty()).unwrap_or(""))
        .filter(|tag| !ATOM.contains(tag))
        .map(|tag| format!("{}: element <{tag}>", path.display()))
        .collect();
    for part in text.split("<content type=\"html\">").skip(1) {
        let escaped = part.split("</content>").next().unwrap_or("");
        let html = escaped.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&");
        problems.extend(html_problems(path, &format!("<html><body>{html}</body></html>")));
    }
    problems
}

/// Cells of a CSV file (RFC 4180 quoting).
fn csv_cells(text: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' | '\n' if !quoted => cells.push(std::mem::take(&mut cell)),
            c => cell.push(c),
        }
    }
    cells.push(cell);
    cells
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes).read_to_end(&mut out).expect("gzip");
    out
}

#[test]
fn no_vector_survives_in_any_output() {
    assert!(VECTORS.len() >= 30, "the corpus has {} vectors", VECTORS.len());
    let tmp = build_hostile_site();
    let site = tmp.path().join("site");
    let mut problems = Vec::new();
    let mut checked = std::collections::BTreeMap::<&str, usize>::new();
    for entry in walkdir::WalkDir::new(&site).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()) {
        let path = entry.path();
        let rel = path.strip_prefix(&site).unwrap();
        let name = rel.to_string_lossy();
        let bytes = std::fs::read(path).unwrap();
        let kind = match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
            "html" => {
                problems.extend(html_problems(rel, &String::from_utf8(bytes).unwrap()));
                "html"
            }
            "xml" => {
                problems.extend(xml_problems(rel, &String::from_utf8(bytes).unwrap()));
                "xml"
            }
            "json" => {
                let text = String::from_utf8(bytes).unwrap();
                if text.contains(['<', '>']) {
                    problems.push(format!("{name}: raw `<` or `>` in JSON"));
                }
                "json"
            }
            "csv" => {
                let text = String::from_utf8(bytes).unwrap();
                for cell in csv_cells(&text) {
                    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                        problems.push(format!("{name}: formula cell {cell:?}"));
                    }
                }
                "csv"
            }
            "pf_fragment" => {
                // Pagefind's files are gzip, then its `pagefind_dcd` signature, then JSON.
                let raw = gunzip(&bytes);
                let json = raw.strip_prefix(b"pagefind_dcd".as_slice()).unwrap_or(&raw);
                let fragment: serde_json::Value = serde_json::from_slice(json).expect("fragment JSON");
                let content = fragment["content"].as_str().unwrap_or("");
                if content.contains('<') || content.contains('>') {
                    problems.push(format!("{name}: unescaped markup in search content: {content:.120}"));
                }
                if !fragment["url"].as_str().unwrap_or("").starts_with("/incidents/") {
                    problems.push(format!("{name}: search result URL {}", fragment["url"]));
                }
                "search fragment"
            }
            _ => continue,
        };
        *checked.entry(kind).or_default() += 1;
    }
    for (kind, min) in [("html", VECTORS.len()), ("xml", 1), ("json", 1), ("csv", 1), ("search fragment", VECTORS.len())] {
        assert!(checked.get(kind).copied().unwrap_or(0) >= min, "too few {kind} files checked: {checked:?}");
    }
    assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
    vectors_reach_pages_as_text(&site);
}

/// The channels were exercised: each title is shown, escaped, as text.
fn vectors_reach_pages_as_text(site: &Path) {
    let h1 = Selector::parse("main h1").unwrap();
    let mut seen = 0;
    for entry in std::fs::read_dir(site.join("incidents")).unwrap() {
        let page = entry.unwrap().path().join("index.html");
        if !page.is_file() {
            continue;
        }
        let doc = Html::parse_document(&std::fs::read_to_string(&page).unwrap());
        let title: String = doc.select(&h1).next().map(|e| e.text().collect()).unwrap_or_default();
        assert!(VECTORS.contains(&title.trim()), "{}: title {title:?} is not one of the vectors", page.display());
        seen += 1;
    }
    assert_eq!(seen, VECTORS.len());
    let csv = std::fs::read_to_string(site.join("action-items.csv")).unwrap();
    assert!(csv.contains("'=HYPERLINK"), "formula cells are kept, neutralised");
}
