//! HTML that needs no sanitiser: Markdown rendered without raw HTML,
//! brought to exactly what the sanitiser would make of it, without parsing
//! it into a document tree again.
//!
//! The sanitiser (ammonia, over html5ever) parses HTML into a tree, drops
//! what is not allowed and writes the tree back. For HTML that pulldown-cmark
//! wrote from Markdown with no raw HTML in it, the outcome is known in
//! advance: every tag is one it writes, well nested; what changes is how
//! text and attributes are escaped, void elements lose their `/`, links
//! gain `rel`, table cells lose their `style`, and URLs with a scheme
//! outside the allowed ones are dropped. Parsing it again cost more than
//! rendering it.
//!
//! - [`plain_inline`] writes a short fragment (a timeline entry, an action
//!   item's title, a summary) of plain inline text straight from its events.
//! - [`sanitised`] brings a body's HTML to the sanitiser's output.
//!
//! Anything outside what they know (raw HTML, footnotes, a control
//! character, an unknown tag or attribute) returns `None`, and the caller
//! runs the sanitiser; the unit tests compare both paths on generated
//! documents, and real archives build byte-identical pages either way.

use std::collections::HashSet;
use std::sync::OnceLock;

use pulldown_cmark::{Event, Tag, TagEnd};

/// The HTML of a fragment of at most one paragraph made of text, code
/// spans, emphasis, strong emphasis, strikethrough and soft breaks, with
/// the paragraph unwrapped; `None` for anything else.
pub fn plain_inline<'a>(events: impl IntoIterator<Item = Event<'a>>) -> Option<String> {
    let mut out = String::new();
    let mut paragraphs = 0;
    for event in events {
        match event {
            Event::Start(Tag::Paragraph) => {
                paragraphs += 1;
                if paragraphs > 1 {
                    return None;
                }
            }
            Event::End(TagEnd::Paragraph) => {}
            Event::Text(t) => push_text(&mut out, &t)?,
            Event::Code(t) => {
                out.push_str("<code>");
                push_text(&mut out, &t)?;
                out.push_str("</code>");
            }
            Event::SoftBreak => out.push('\n'),
            Event::Start(Tag::Emphasis) => out.push_str("<em>"),
            Event::End(TagEnd::Emphasis) => out.push_str("</em>"),
            Event::Start(Tag::Strong) => out.push_str("<strong>"),
            Event::End(TagEnd::Strong) => out.push_str("</strong>"),
            Event::Start(Tag::Strikethrough) => out.push_str("<del>"),
            Event::End(TagEnd::Strikethrough) => out.push_str("</del>"),
            _ => return None,
        }
    }
    Some(out)
}

/// Text escaped as the sanitiser's serialiser writes it (`&`, `<`, `>` and
/// the no-break space as entities, quotes as they are). Characters that
/// an HTML parser rewrites or drops (NUL, carriage return, other controls,
/// a leading byte-order mark) are refused, so that the sanitiser's path
/// handles them.
fn push_text(out: &mut String, text: &str) -> Option<()> {
    // Runs of ordinary characters are copied whole; only the bytes that
    // start something to escape or refuse are looked at.
    let bytes = text.as_bytes();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        let next = bytes.get(i + 1).copied();
        let (escaped, len) = match bytes[i] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'\n' | b'\t' => {
                i += 1;
                continue;
            }
            // C0 controls and DEL; C1 controls (U+0080–U+009F) and the
            // byte-order mark (U+FEFF) below.
            0..=0x1f | 0x7f => return None,
            0xC2 if next.is_some_and(|b| (0x80..=0x9f).contains(&b)) => return None,
            0xC2 if next == Some(0xA0) => ("&nbsp;", 2),
            0xEF if next == Some(0xBB) && bytes.get(i + 2) == Some(&0xBF) => return None,
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&text[start..i]);
        out.push_str(escaped);
        i += len;
        start = i;
    }
    out.push_str(&text[start..]);
    Some(())
}

/// The sanitiser's output for `html`, which pulldown-cmark wrote from
/// Markdown events with no raw HTML among them (the caller's promise: a
/// `<` here always starts a tag it wrote); `None` if anything in it is
/// outside what this knows.
pub fn sanitised(html: &str) -> Option<String> {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut rest = html;
    loop {
        let at = rest.find('<').unwrap_or(rest.len());
        push_text(&mut out, &decoded(&rest[..at])?)?;
        rest = &rest[at..];
        let Some(tag) = rest.strip_prefix('<') else { break };
        let end = tag.find('>')?;
        push_tag(&mut out, &tag[..end])?;
        rest = &tag[end + 1..];
    }
    Some(out)
}

/// `text` (a run of text or an attribute's value, as pulldown-cmark wrote
/// it) with its entities decoded; `None` if one is not of [`decode`]'s.
fn decoded(text: &str) -> Option<std::borrow::Cow<'_, str>> {
    if !text.contains('&') {
        return Some(text.into());
    }
    let mut value = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        value.push_str(&rest[..at]);
        let end = rest[at..].find(';')? + at;
        value.push_str(decode(&rest[at..=end])?);
        rest = &rest[end + 1..];
    }
    value.push_str(rest);
    Some(value.into())
}

/// The text of an entity pulldown-cmark writes when it escapes text and
/// attributes.
fn decode(entity: &str) -> Option<&'static str> {
    Some(match entity {
        "&amp;" => "&",
        "&lt;" => "<",
        "&gt;" => ">",
        "&quot;" => "\"",
        "&#39;" | "&#x27;" => "'",
        _ => return None,
    })
}

/// Tags pulldown-cmark writes that the sanitiser keeps.
const TAGS: [&str; 25] = [
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "ul",
    "ol",
    "li",
    "em",
    "strong",
    "del",
    "code",
    "pre",
    "hr",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "a",
];

/// Whether the sanitiser keeps attribute `attr` of `tag` (before looking
/// at URLs), `None` if this attribute is not one pulldown-cmark writes.
fn keeps(tag: &str, attr: &str) -> Option<bool> {
    match (tag, attr) {
        (_, "class" | "id" | "title") => Some(true),
        ("a", "href") | ("ol", "start") | ("img", "src" | "alt") | ("input", "type" | "checked" | "disabled") => Some(true),
        ("th" | "td", "style") => Some(false),
        _ => None,
    }
}

/// Whether the sanitiser keeps URL `url`: a relative one, or one whose
/// scheme it allows.
fn url_allowed(url: &str) -> bool {
    static SCHEMES: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let schemes = SCHEMES.get_or_init(crate::markdown::url_schemes);
    match url::Url::parse(url) {
        Ok(u) => schemes.contains(u.scheme()),
        Err(e) => e == url::ParseError::RelativeUrlWithoutBase,
    }
}

/// Write the tag whose source (between `<` and `>`) is `src` as the
/// sanitiser writes it.
fn push_tag(out: &mut String, src: &str) -> Option<()> {
    if let Some(name) = src.strip_prefix('/') {
        if !TAGS.contains(&name) {
            return None;
        }
        out.push_str("</");
        out.push_str(name);
        out.push('>');
        return Some(());
    }
    let src = src.strip_suffix('/').unwrap_or(src).trim_end();
    let name_end = src.find(' ').unwrap_or(src.len());
    let name = &src[..name_end];
    if !(TAGS.contains(&name) || name == "img" || name == "input") {
        return None;
    }
    let mut attrs: Vec<(&str, String)> = Vec::new();
    let mut rest = src[name_end..].trim_start();
    while !rest.is_empty() {
        let eq = rest.find("=\"")?;
        let attr = &rest[..eq];
        let value_end = rest[eq + 2..].find('"')? + eq + 2;
        let raw = &rest[eq + 2..value_end];
        rest = rest[value_end + 1..].trim_start();
        if !keeps(name, attr)? {
            continue;
        }
        let value = decoded(raw)?.into_owned();
        if matches!(attr, "href" | "src") && !url_allowed(&value) {
            continue;
        }
        attrs.push((attr, value));
    }
    if name == "input" {
        match attrs.iter_mut().find(|(a, _)| *a == "disabled") {
            Some((_, v)) => v.clear(),
            None => attrs.push(("disabled", String::new())),
        }
    }
    if name == "a" {
        attrs.push(("rel", "noopener noreferrer".to_string()));
    }
    out.push('<');
    out.push_str(name);
    for (attr, value) in attrs {
        out.push(' ');
        out.push_str(attr);
        out.push_str("=\"");
        for c in value.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '"' => out.push_str("&quot;"),
                '\u{a0}' => out.push_str("&nbsp;"),
                c if c.is_control() || c == '\u{feff}' => return None,
                c => out.push(c),
            }
        }
        out.push('"');
    }
    out.push('>');
    Some(())
}

#[cfg(test)]
mod tests {
    use crate::markdown::{render_fragment, render_fragment_sanitised};

    /// `push_text` as first written, a character at a time.
    fn push_text_reference(out: &mut String, text: &str) -> Option<()> {
        for c in text.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '\u{a0}' => out.push_str("&nbsp;"),
                '\n' | '\t' => out.push(c),
                c if c.is_control() || c == '\u{feff}' => return None,
                c => out.push(c),
            }
        }
        Some(())
    }

    #[test]
    fn text_escaping_agrees_with_the_reference() {
        let chars = [
            'a',
            ' ',
            '&',
            '<',
            '>',
            '"',
            '\'',
            '\n',
            '\t',
            '\r',
            '\0',
            '\u{7f}',
            '\u{80}',
            '\u{9f}',
            '\u{a0}',
            '\u{a1}',
            '\u{e9}',
            '\u{feff}',
            '\u{fefe}',
            '\u{2028}',
            '\u{1f600}',
        ];
        let chars: Vec<String> = chars.iter().map(char::to_string).collect();
        let cases = crate::test_support::sequences(&chars.iter().map(String::as_str).collect::<Vec<_>>(), 3);
        for text in &cases {
            let (mut a, mut b) = (String::new(), String::new());
            let (ra, rb) = (super::push_text(&mut a, text), push_text_reference(&mut b, text));
            assert_eq!(ra, rb, "{text:?}");
            if ra.is_some() {
                assert_eq!(a, b, "{text:?}");
            }
        }
    }

    /// Fragments of every kind of character and markup the fast path must
    /// either write exactly as the sanitiser would, or refuse.
    fn fragments() -> Vec<String> {
        let pieces = [
            "a",
            "Db",
            " ",
            "  ",
            "\n",
            "\t",
            "*",
            "**",
            "_",
            "~~",
            "~",
            "`",
            "``",
            "<",
            ">",
            "&",
            "&amp;",
            "&lt;b&gt;",
            "\"",
            "'",
            "\u{a0}",
            "\r",
            "\0",
            "\u{1}",
            "\u{7f}",
            "é",
            "→",
            "[x](y)",
            "![i](p.png)",
            "<b>",
            "</i>",
            "<script>",
            "\\",
            "\\*",
            "#",
            "- ",
            "1. ",
            "> ",
            "|",
            "---",
            "\n\n",
            "  \n",
            "https://e.com",
            "<https://e.com>",
            "&#60;",
            "&nbsp;",
            "09:40",
            "{{",
            "}}",
            "\u{feff}",
            "\u{fdd0}",
            "\u{fffe}",
            "\u{200b}",
            "\u{2028}",
            "\u{85}",
            "\u{c}",
            "\u{b}",
            "😀",
            "\u{301}",
        ];
        // A fixed pseudo-random sequence: the same fragments every run.
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut out: Vec<String> = vec![
            String::new(),
            "The pool was *exhausted* at `09:40` <UTC> & \"then\" 'fixed'.".into(),
            "**Rollback** of ~~v1.2~~ v1.3\nstarted".into(),
            "Text with a no-break\u{a0}space".into(),
        ];
        for _ in 0..20_000 {
            let len = 1 + (next() % 12) as usize;
            out.push((0..len).map(|_| pieces[(next() % pieces.len() as u64) as usize]).collect());
        }
        out
    }

    #[test]
    fn the_fast_path_writes_what_the_sanitiser_would() {
        let mut fast = 0;
        for text in fragments() {
            let events = pulldown_cmark::Parser::new_ext(&text, crate::markdown::options());
            if let Some(html) = super::plain_inline(events) {
                fast += 1;
                assert_eq!(html, render_fragment_sanitised(&text), "fragment {text:?}");
            }
            // Whichever path it takes, a fragment renders the same.
            assert_eq!(render_fragment(&text), render_fragment_sanitised(&text), "fragment {text:?}");
        }
        // Most fragments of these pieces are plain enough for the fast path.
        assert!(fast > 3_000, "only {fast} fragments took the fast path");
    }

    #[test]
    fn markup_takes_the_sanitisers_path() {
        for text in ["[a](javascript:alert(1))", "<img src=x onerror=alert(1)>", "a  \nb", "one\n\ntwo", "# Title", "- item", "x\0y"] {
            let events = pulldown_cmark::Parser::new_ext(text, crate::markdown::options());
            assert_eq!(super::plain_inline(events), None, "{text:?}");
        }
        assert!(!render_fragment("[a](javascript:alert(1))").contains("javascript"));
        assert!(!render_fragment("<img src=x onerror=alert(1)>").contains("onerror"));
    }

    /// Markdown documents of blocks and inline pieces of every kind the
    /// body normaliser meets, and some it must refuse.
    fn documents() -> Vec<String> {
        let blocks = [
            "# Title {#top}\n",
            "## Impact\n",
            "### Root \"cause\" {#r&d}\n",
            "## Ti<t>le {.cls}\n",
            "Para ",
            "- item ",
            "- [ ] todo ",
            "- [x] done ",
            "1. first ",
            "3. third ",
            "  - nested ",
            "> quoted ",
            "| a | b |\n|:--|--:|\n| 1 | 2 |\n",
            "| x |\n|---|\n",
            "---\n",
            "\n",
            "\n\n",
            "    indented code\n",
            "Text[^1]\n\n[^1]: note\n",
            "Setext\n===\n",
        ];
        let inline = [
            "word",
            " ",
            "*em*",
            "**strong**",
            "~~del~~",
            "`code`",
            "``a`b``",
            "&",
            "&amp;",
            "&copy;",
            "<",
            ">",
            "\"",
            "'",
            "\u{a0}",
            "é",
            "\\*",
            "[l](https://e.com/a?b=1&c=2)",
            "[l](http://[bad)",
            "[l](javascript:alert(1))",
            "[l](mailto:x@y.z)",
            "[l](pmbook:2024/a.md#x)",
            "[l](../b.md)",
            "[l](#frag \"ti\\\"tle\")",
            "[l](<a b>)",
            "[l](ftp://h/p)",
            "[l](data:text/html,x)",
            "[l](//host/p)",
            "[l](HTTPS://E.COM)",
            "[l]( x:y )",
            "![alt *x*](img.png \"t\")",
            "![a](javascript:x)",
            "<https://auto.link>",
            "<x@y.z>",
            "https://bare.link",
            "  \n",
            "\\\n",
            "\u{1}",
            "\r",
            "\u{feff}",
            "09:40",
            "a_b_c",
            "{{x}}",
            "%20",
        ];
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut out = Vec::new();
        for _ in 0..3_000 {
            let mut doc = String::new();
            for _ in 0..(1 + next() % 6) {
                doc.push_str(blocks[(next() % blocks.len() as u64) as usize]);
                for _ in 0..(next() % 6) {
                    doc.push_str(inline[(next() % inline.len() as u64) as usize]);
                }
                doc.push('\n');
            }
            out.push(doc);
        }
        out
    }

    #[test]
    fn bodies_come_out_as_the_sanitiser_leaves_them() {
        use pulldown_cmark::{Event, Parser};
        let mut fast = 0;
        for doc in documents() {
            let events: Vec<Event<'_>> = Parser::new_ext(&doc, crate::markdown::options()).collect();
            if events.iter().any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_))) {
                continue;
            }
            let mut html = String::new();
            pulldown_cmark::html::push_html(&mut html, events.into_iter());
            if let Some(clean) = super::sanitised(&html) {
                fast += 1;
                assert_eq!(clean, crate::markdown::sanitize(&html), "document {doc:?}\nhtml {html:?}");
            }
        }
        assert!(fast > 1_000, "only {fast} documents took the fast path");
    }

    #[test]
    fn unknown_markup_is_refused() {
        assert_eq!(super::sanitised("<p>a<sup>1</sup></p>"), None);
        assert_eq!(super::sanitised("<p data-x=\"1\">a</p>"), None);
        assert_eq!(super::sanitised("<p>a &copy; b</p>"), None);
        assert_eq!(super::sanitised("<p>a\0b</p>"), None);
        assert_eq!(super::sanitised("<a href=\"javascript:alert(1)\">x</a>").as_deref(), Some("<a rel=\"noopener noreferrer\">x</a>"));
    }
}
