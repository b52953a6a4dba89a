//! Short inline Markdown (a timeline entry, an action item's title, a
//! summary) written straight to HTML, exactly as the sanitiser would leave
//! it, without running the sanitiser.
//!
//! A post-mortem has dozens of such fragments, and parsing each one's HTML
//! again to sanitise it cost more than rendering it. Most are plain text
//! with some code spans or emphasis: nothing in them can carry markup, so
//! the HTML is written here with the sanitiser's text escaping. Anything
//! else (a link, an image, raw HTML, a second block, a hard break, a
//! control character) returns `None` and takes the sanitiser's path, see
//! [`crate::markdown::render_fragment`].

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
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            '\n' | '\t' => out.push(c),
            // A byte-order mark at the start of its input is dropped by the
            // parser; any other stays, but one rule is simpler.
            c if c.is_control() || c == '\u{feff}' => return None,
            c => out.push(c),
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use crate::markdown::{render_fragment, render_fragment_sanitised};

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
}
