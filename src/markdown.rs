//! Markdown → HTML: tables, footnotes, task lists, strikethrough, heading
//! ids, highlighted code, and links between post-mortems.
//!
//! Raw HTML in documents is kept but passed through an allow-list sanitiser
//! (ammonia): tables, links, images, details/summary and code survive;
//! scripts, event handlers, `javascript:` URLs, iframes and inline styles do
//! not. Links to other `.md` files become `pmbook:` links that the site
//! writer resolves to the target incident's page.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::highlight;
use crate::model::Section;
use crate::slug::slugify;

/// URL scheme of unresolved links to other documents.
pub const DOC_LINK_SCHEME: &str = "pmbook:";

/// A link from one document to another Markdown file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocLink {
    /// Target path, normalised, relative to the content directory.
    pub target: PathBuf,
    /// 1-based line of the link in the file.
    pub line: usize,
}

/// The result of rendering one body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// Sanitised HTML.
    pub html: String,
    /// Headings (a leading level-1 title excluded), with anchors and lines.
    pub sections: Vec<Section>,
    /// Text of a level-1 heading that opens the document, removed from `html`.
    pub title: Option<String>,
    /// Links to other Markdown files.
    pub links: Vec<DocLink>,
    /// Local files the body shows (images beside the post-mortem), relative
    /// to the content directory; their `src` is a `pmbook:` link that the
    /// site writer points at the copied file.
    pub files: Vec<DocLink>,
    /// Deepest nesting of lists and block quotes, and the line where it
    /// was first reached.
    pub depth: (usize, usize),
    /// Most columns of any table, and the table's line.
    pub widest_table: (usize, usize),
}

/// Deepest nesting of lists and block quotes a body may have: beyond it
/// browsers stop laying pages out sensibly, and no real post-mortem gets
/// near it.
pub const MAX_NESTING: usize = 100;

/// Most columns a table may have.
pub const MAX_TABLE_COLUMNS: usize = 500;

pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Byte offset → 1-based line, for one text.
pub struct LineIndex {
    starts: Vec<usize>,
    first_line: usize,
}

impl LineIndex {
    /// Index `text`, whose first line is file line `first_line`.
    pub fn new(text: &str, first_line: usize) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts, first_line }
    }

    /// File line of `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1 + self.first_line
    }
}

/// Render a document body. `first_line` is the file line where `body`
/// starts; `doc_path` is the file's path relative to the content directory
/// (for resolving relative links).
pub fn render_body(body: &str, first_line: usize, doc_path: &Path) -> Rendered {
    let lines = LineIndex::new(body, first_line);
    let mut out = Rendered::default();
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut used_ids: HashSet<String> = HashSet::new();
    let mut heading: Option<(HeadingLevel, Option<CowStr<'_>>, usize, Vec<Event<'_>>)> = None;
    let mut code: Option<(String, String)> = None;
    let mut code_blocks: Vec<String> = Vec::new();
    let mut seen_content = false;
    let mut depth = 0usize;

    let mut raw_html = false;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match &event {
            Event::Html(_) | Event::InlineHtml(_) => raw_html = true,
            Event::Start(Tag::List(_) | Tag::BlockQuote(_)) => {
                depth += 1;
                if depth > out.depth.0 {
                    out.depth = (depth, lines.line(range.start));
                }
            }
            Event::End(TagEnd::List(_) | TagEnd::BlockQuote(_)) => depth = depth.saturating_sub(1),
            Event::Start(Tag::Table(columns)) if columns.len() > out.widest_table.0 => {
                out.widest_table = (columns.len(), lines.line(range.start));
            }
            _ => {}
        }
        if let Some((_, _, _, buf)) = heading.as_mut()
            && !matches!(event, Event::End(TagEnd::Heading(_)))
        {
            buf.push(event);
            continue;
        }
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                heading = Some((level, id, lines.line(range.start), Vec::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                let Some((level, id, line, buf)) = heading.take() else {
                    continue;
                };
                let text = plain_text(&buf);
                if level == HeadingLevel::H1 && !seen_content && out.title.is_none() {
                    out.title = Some(text);
                    continue;
                }
                seen_content = true;
                let base = id.map(|i| i.to_string()).unwrap_or_else(|| slugify(&text));
                let anchor = unique_id(base, &mut used_ids);
                out.sections.push(Section {
                    title: text.clone(),
                    anchor: anchor.clone(),
                    level: level as u8,
                    // The role is what the section is about, which is
                    // extract's concern: understand fills it in.
                    role: None,
                    line,
                });
                events.push(Event::Start(Tag::Heading { level, id: Some(anchor.into()), classes: vec![], attrs: vec![] }));
                events.extend(buf);
                events.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                seen_content = true;
                let lang = match kind {
                    CodeBlockKind::Fenced(l) => l.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            Event::Text(t) if code.is_some() => {
                if let Some((_, buf)) = code.as_mut() {
                    buf.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((lang, buf)) = code.take() {
                    let token = lang.split([',', ' ', '{']).next().unwrap_or("").trim();
                    let class = if token.is_empty() { String::new() } else { format!(" class=\"language-{}\"", highlight::escape(token)) };
                    // Highlighted code is many small elements: it skips
                    // the sanitiser, a placeholder standing in for it. Its
                    // text is written as the sanitiser writes text (so that
                    // pages are the same as when it went through); the
                    // class attribute keeps its escaping.
                    let inner = highlight::highlight(&buf, &lang).replace("&quot;", "\"").replace("&#39;", "'").replace('\u{a0}', "&nbsp;");
                    events.push(Event::Html(code_placeholder(code_blocks.len()).into()));
                    code_blocks.push(format!("<pre class=\"code\"><code{class}>{inner}</code></pre>\n"));
                }
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                seen_content = true;
                let dest_url = match doc_link(&dest_url, doc_path) {
                    Some((target, fragment)) => {
                        let url = format!("{DOC_LINK_SCHEME}{}{fragment}", target.to_string_lossy().replace('\\', "/"));
                        out.links.push(DocLink { target, line: lines.line(range.start) });
                        url.into()
                    }
                    None => dest_url,
                };
                events.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                seen_content = true;
                let dest_url = match local_file(&dest_url, doc_path) {
                    Some(target) => {
                        let url = format!("{DOC_LINK_SCHEME}{}", target.to_string_lossy().replace('\\', "/"));
                        out.files.push(DocLink { target, line: lines.line(range.start) });
                        url.into()
                    }
                    None => dest_url,
                };
                events.push(Event::Start(Tag::Image { link_type, dest_url, title, id }));
            }
            other => {
                if !matches!(other, Event::SoftBreak | Event::HardBreak) {
                    seen_content = true;
                }
                events.push(other);
            }
        }
    }
    if out.depth.0 > MAX_NESTING || out.widest_table.0 > MAX_TABLE_COLUMNS {
        // Refused by the checks; rendering (and sanitising) HTML this deep
        // would only risk the stack.
        return out;
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    // Without raw HTML from the author, the sanitiser's output is known
    // without running it (see `safe_html`).
    let clean = if raw_html { None } else { crate::safe_html::sanitised(&html) }.unwrap_or_else(|| sanitize(&html));
    out.html = if code_blocks.is_empty() {
        clean
    } else {
        match restore_code(&clean, &code_blocks) {
            Some(done) => done,
            // Not every placeholder came through as written: sanitise the
            // code too, as it is.
            None => sanitize(&restore_code(&html, &code_blocks).unwrap_or(html)),
        }
    };
    out
}

/// The stand-in for the `n`th code block while the body is sanitised:
/// private-use characters around a number no author can guess (drawn once
/// per process; it never reaches a page).
fn code_placeholder(n: usize) -> String {
    static NONCE: OnceLock<u64> = OnceLock::new();
    let nonce = NONCE.get_or_init(|| {
        use std::hash::{BuildHasher, Hasher};
        std::collections::hash_map::RandomState::new().build_hasher().finish()
    });
    format!("<pre class=\"code\">\u{F8FF}{nonce:x}-{n}\u{F8FF}</pre>\n")
}

/// Put each code block in place of its placeholder. `None` unless every
/// block was found, in order.
fn restore_code(html: &str, blocks: &[String]) -> Option<String> {
    let mut out = String::with_capacity(html.len() + blocks.iter().map(String::len).sum::<usize>());
    let mut rest = html;
    for (n, block) in blocks.iter().enumerate() {
        let placeholder = code_placeholder(n);
        let at = rest.find(&placeholder)?;
        out.push_str(&rest[..at]);
        out.push_str(block);
        rest = &rest[at + placeholder.len()..];
    }
    out.push_str(rest);
    Some(out)
}

/// Render a short Markdown fragment (a timeline entry, a root cause, an
/// impact summary) to sanitised HTML. A single paragraph is unwrapped.
pub fn render_fragment(text: &str) -> String {
    crate::safe_html::plain_inline(Parser::new_ext(text, options())).unwrap_or_else(|| render_fragment_sanitised(text))
}

/// [`render_fragment`] always through the sanitiser.
pub(crate) fn render_fragment_sanitised(text: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, Parser::new_ext(text, options()));
    unwrap_paragraph(&html)
}

/// Targets of the links to other Markdown files in `text`.
pub fn doc_links(text: &str, doc_path: &Path) -> Vec<PathBuf> {
    Parser::new_ext(text, options())
        .filter_map(|e| match e {
            Event::Start(Tag::Link { dest_url, .. }) => doc_link(&dest_url, doc_path).map(|(t, _)| t),
            _ => None,
        })
        .collect()
}

/// Render a Markdown fragment belonging to the document at `doc_path`,
/// turning links to other Markdown files into `pmbook:` links like the body.
pub fn render_fragment_in(text: &str, doc_path: &Path) -> String {
    // Without links or images, the document's path changes nothing.
    if let Some(html) = crate::safe_html::plain_inline(Parser::new_ext(text, options())) {
        return html;
    }
    let events = Parser::new_ext(text, options()).map(|e| match e {
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            let dest_url = match doc_link(&dest_url, doc_path) {
                Some((target, fragment)) => format!("{DOC_LINK_SCHEME}{}{fragment}", target.to_string_lossy().replace('\\', "/")).into(),
                None => dest_url,
            };
            Event::Start(Tag::Link { link_type, dest_url, title, id })
        }
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
            let dest_url = match local_file(&dest_url, doc_path) {
                Some(target) => format!("{DOC_LINK_SCHEME}{}", target.to_string_lossy().replace('\\', "/")).into(),
                None => dest_url,
            };
            Event::Start(Tag::Image { link_type, dest_url, title, id })
        }
        other => other,
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    unwrap_paragraph(&html)
}

fn unwrap_paragraph(html: &str) -> String {
    let trimmed = html.trim();
    let inner = trimmed.strip_prefix("<p>").and_then(|s| s.strip_suffix("</p>")).filter(|s| !s.contains("<p>"));
    sanitize(inner.unwrap_or(trimmed))
}

/// The text of a Markdown fragment without its markup (`[a](u)` → `a`).
pub fn plain_text_of(markdown: &str) -> String {
    let events: Vec<Event<'_>> = Parser::new_ext(markdown, options()).collect();
    plain_text(&events)
}

/// The plain text of a run of inline events.
pub fn plain_text(events: &[Event<'_>]) -> String {
    let mut s = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s.trim().to_string()
}

fn unique_id(base: String, used: &mut HashSet<String>) -> String {
    let mut id = base.clone();
    let mut n = 1;
    while !used.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// A relative link to a Markdown file → (target relative to the content
/// directory, `#fragment` or empty). External URLs, absolute paths and links
/// that climb out of the content directory are left alone.
fn doc_link(url: &str, doc_path: &Path) -> Option<(PathBuf, String)> {
    let (path, fragment) = match url.find('#') {
        Some(i) => (&url[..i], url[i..].to_string()),
        None => (url, String::new()),
    };
    let lower = path.to_ascii_lowercase();
    if !(lower.ends_with(".md") || lower.ends_with(".markdown")) {
        return None;
    }
    Some((resolve_relative(path, doc_path)?, fragment))
}

/// A relative reference to a local file (an image beside the post-mortem)
/// → its path relative to the content directory. URLs with a scheme,
/// absolute paths, fragments and paths that climb out are not local files.
pub fn local_file(url: &str, doc_path: &Path) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    if path.is_empty() {
        return None;
    }
    resolve_relative(path, doc_path)
}

/// `path` (as written in a link, percent-encoded) relative to the document
/// at `doc_path`, normalised to a path relative to the content directory.
fn resolve_relative(path: &str, doc_path: &Path) -> Option<PathBuf> {
    let scheme = path.split_once(':').is_some_and(|(s, _)| !s.is_empty() && !s.contains('/'));
    if scheme || path.starts_with('/') || path.starts_with('\\') || path.starts_with('#') {
        return None;
    }
    let mut out = PathBuf::new();
    let base = doc_path.parent().unwrap_or(Path::new(""));
    for comp in base.join(percent_decode(path)).components() {
        match comp {
            Component::Normal(c) => out.push(c),
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::CurDir => {}
            _ => return None,
        }
    }
    (!out.as_os_str().is_empty()).then_some(out)
}

/// Decode `%XX` escapes (invalid UTF-8 is replaced).
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(hi), Some(lo)) = ((bytes[i + 1] as char).to_digit(16), (bytes[i + 2] as char).to_digit(16))
        {
            out.push((hi * 16 + lo) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static B: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    B.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_generic_attributes(["class", "id"])
            .add_tags(["input"])
            .add_tag_attributes("input", ["type", "checked", "disabled"])
            .add_tag_attributes("td", ["colspan", "rowspan"])
            .add_tag_attributes("th", ["colspan", "rowspan", "scope"])
            .add_url_schemes(["pmbook"])
            .set_tag_attribute_value("input", "disabled", "");
        b
    })
}

/// The URL schemes the sanitiser keeps.
pub(crate) fn url_schemes() -> HashSet<&'static str> {
    sanitizer().clone_url_schemes()
}

/// Clean HTML through the allow-list.
pub fn sanitize(html: &str) -> String {
    sanitizer().clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(md: &str) -> Rendered {
        render_body(md, 1, Path::new("2024/a.md"))
    }

    #[test]
    fn code_skips_the_sanitiser_but_pages_are_as_if_it_had_not() {
        let body = "Text <script>alert(1)</script> \"q\".\n\n```rust\nlet s = \"a'b\u{a0}\"; // <b>\n```\n\n- item\n\n  ```\n  plain <i>x</i> & y\n  ```\n\n> ```sh\n> echo \"$HOME\"\n> ```\n\n```x\"onclick=\"alert(1)\nz\n```\n";
        let html = render(body).html;
        // What the sanitiser would leave exactly as it is.
        assert_eq!(sanitize(&html), html);
        assert!(!html.contains("<script") && !html.contains('\u{F8FF}'), "{html}");
        assert_eq!(html.matches("<pre class=\"code\"><code").count(), 4, "{html}");
        assert!(html.contains("hl-") && html.contains("plain &lt;i&gt;x&lt;/i&gt; &amp; y"), "{html}");
        assert!(!html.contains(" onclick="), "{html}");
        // A code block with a placeholder-like text in it stays as written.
        let sneaky = "<pre class=\"code\">\u{F8FF}0\u{F8FF}</pre>\n\n```\nreal\n```\n";
        let html = render(sneaky).html;
        assert!(html.contains(">real\n</code>") && html.contains("\u{F8FF}0\u{F8FF}"), "{html}");
    }

    #[test]
    fn headings_get_unique_ids_and_lines() {
        let r = render("# Title\n\n## Impact\n\ntext\n\n## Impact\n\n### Root cause {#rc}\n");
        assert_eq!(r.title.as_deref(), Some("Title"));
        assert!(!r.html.contains("<h1"));
        let ids: Vec<_> = r.sections.iter().map(|s| (s.anchor.as_str(), s.line)).collect();
        assert_eq!(ids, [("impact", 3), ("impact-1", 7), ("rc", 9)]);
        assert!(r.html.contains("<h2 id=\"impact-1\">"));
    }

    #[test]
    fn code_is_highlighted_and_tables_kept() {
        let r = render("```rust\nfn main() {}\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(r.html.contains("hl-"), "{}", r.html);
        assert!(r.html.contains("<table>"));
    }

    #[test]
    fn doc_links_are_resolved_relative_to_the_file() {
        let r = render("See [before](../2023/b.md#timeline) and [ext](https://x.example/a.md).\n");
        assert_eq!(r.links, [DocLink { target: "2023/b.md".into(), line: 1 }]);
        assert!(r.html.contains("href=\"pmbook:2023/b.md#timeline\""), "{}", r.html);
        assert!(r.html.contains("https://x.example/a.md"));
    }

    #[test]
    fn local_images_are_recorded_and_marked() {
        let r = render("![graph](img/lag%20graph.png) ![ext](https://x.example/a.png) ![up](../../etc/passwd)\n");
        assert_eq!(r.files, [DocLink { target: "2024/img/lag graph.png".into(), line: 1 }]);
        assert!(r.html.contains("src=\"pmbook:2024/img/lag%20graph.png\""), "{}", r.html);
        assert!(r.html.contains("https://x.example/a.png"));
        assert_eq!(local_file("data:image/png;base64,xx", Path::new("a.md")), None);
        assert_eq!(local_file("C:/x.png", Path::new("a.md")), None);
        assert_eq!(percent_decode("%aé%zz%41"), "%aé%zzA");
    }

    #[test]
    fn scripts_are_removed_but_tables_stay() {
        let r = render("<table><tr><td onclick=\"x()\">a</td></tr></table>\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n");
        assert!(!r.html.contains("script"), "{}", r.html);
        assert!(!r.html.contains("onclick"));
        assert!(!r.html.contains("javascript:"));
        assert!(r.html.contains("<td>a</td>"));
    }

    #[test]
    fn fragments_unwrap_single_paragraphs() {
        assert_eq!(render_fragment("Paged **on-call**"), "Paged <strong>on-call</strong>");
    }
}
