//! Bodies written in HTML rather than Markdown: blog posts imported from
//! WordPress or Blogger (`<p>…</p><h2>What happened?</h2><ul><li>…`), status
//! pages saved as HTML. Markdown passes such a block through untouched, so
//! the recognisers would see one opaque block; here it is read as the
//! headings, paragraphs, lists, tables and code it holds, each a [`Block`]
//! at the file line where it starts, with its text as Markdown (`**bold**`,
//! `[link](url)`, entities decoded; a `<br>` kept, as lines of an export
//! are read).

use super::blocks::{Block, Item, Kind};

/// Tags that hold prose blocks: a block of HTML with none of them (a
/// comment, an image, a `<details>` wrapper) is left as it is.
const PROSE: [&str; 9] = ["<p>", "<p ", "<h1", "<h2", "<h3", "<h4", "<h5", "<h6", "<li"];

/// Whether an HTML block holds prose to read (and is not one table, which
/// is read as a table where it stands).
pub fn holds_prose(source: &str) -> bool {
    let lower = source.to_ascii_lowercase();
    let t = lower.trim();
    if t.starts_with("<table") && t.ends_with("</table>") && t.matches("<table").count() == 1 {
        return false;
    }
    PROSE.iter().any(|p| lower.contains(p))
}

/// The blocks an HTML block at file line `line` holds.
pub fn split(source: &str, line: usize) -> Vec<Block> {
    let mut r = Reader { source, line, out: Vec::new(), text: String::new(), text_at: 0, link: None, list: None };
    r.read();
    r.out
}

/// A list being read: its items so far, the depth of nested lists inside
/// the current item, and where it started.
struct List {
    items: Vec<Item>,
    nested: usize,
    at: usize,
}

struct Reader<'a> {
    source: &'a str,
    line: usize,
    out: Vec<Block>,
    /// Markdown of the paragraph, heading or item being read.
    text: String,
    /// Where that text starts in `source`.
    text_at: usize,
    /// A link being read: where its text starts in `text`, and its address.
    link: Option<(usize, String)>,
    list: Option<List>,
}

impl Reader<'_> {
    fn line_at(&self, offset: usize) -> usize {
        self.line + self.source[..offset].matches('\n').count()
    }

    fn read(&mut self) {
        let src = self.source;
        let lower = src.to_ascii_lowercase();
        let mut i = 0;
        while i < src.len() {
            let Some(rel) = src[i..].find('<') else {
                self.push_text(&src[i..], i);
                break;
            };
            self.push_text(&src[i..i + rel], i);
            let at = i + rel;
            // Comments, scripts and styles say nothing a reader sees.
            if lower[at..].starts_with("<!--") {
                i = lower[at..].find("-->").map_or(src.len(), |j| at + j + 3);
                continue;
            }
            let Some(close) = src[at..].find('>') else {
                self.push_text(&src[at..], at);
                break;
            };
            let end = at + close + 1;
            let tag = &lower[at + 1..end - 1];
            let closing = tag.starts_with('/');
            let name: String = tag.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
            i = end;
            // Inline markup may open a paragraph (`<p><strong>UPDATE`).
            if self.text.is_empty() && self.list.is_none() && self.link.is_none() {
                self.text_at = at;
            }
            match name.as_str() {
                "script" | "style" if !closing => {
                    let stop = format!("</{name}");
                    i = lower[end..].find(&stop).map_or(src.len(), |j| end + j);
                }
                "table" if !closing => {
                    let stop = lower[end..].find("</table>").map_or(src.len(), |j| end + j + "</table>".len());
                    self.end_block();
                    self.out.push(Block { kind: Kind::Html, line: self.line_at(at), source: src[at..stop].to_string() });
                    i = stop;
                }
                "pre" if !closing => {
                    let stop = lower[end..].find("</pre>").unwrap_or(src.len() - end) + end;
                    self.end_block();
                    let code = strip_tags(&src[end..stop]);
                    self.out.push(Block { kind: Kind::Code, line: self.line_at(at), source: format!("```\n{}\n```", code.trim_end()) });
                    i = (stop + "</pre>".len()).min(src.len());
                }
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                    if !closing {
                        self.end_block();
                        self.text_at = at;
                    } else {
                        self.link = None;
                        let text = plain(&std::mem::take(&mut self.text));
                        let level = name.as_bytes()[1] - b'0';
                        if !text.is_empty() {
                            let source = format!("{} {text}", "#".repeat(usize::from(level)));
                            self.out.push(Block { kind: Kind::Heading(level, text), line: self.line_at(self.text_at), source });
                        }
                    }
                }
                "ul" | "ol" => {
                    if closing {
                        self.end_list_level();
                    } else if self.list.is_some() {
                        // The item above holds the nested list.
                        self.end_item();
                        if let Some(list) = &mut self.list {
                            list.nested += 1;
                        }
                    } else {
                        self.end_block();
                        self.list = Some(List { items: Vec::new(), nested: 0, at });
                    }
                }
                "li" if !closing => {
                    self.end_item();
                    self.text_at = end;
                }
                "li" => self.end_item(),
                "p" | "div" | "section" | "article" | "blockquote" | "hr" | "dl" | "dt" | "dd" | "center" | "header" | "footer"
                | "main" | "figure" | "figcaption" | "body" | "html"
                    if self.list.is_none() =>
                {
                    self.end_block()
                }
                "br" => self.text.push_str("<br>"),
                "strong" | "b" => self.text.push_str("**"),
                "em" | "i" => self.text.push('*'),
                "code" | "tt" => self.text.push('`'),
                "a" if closing => {
                    if let Some((open, href)) = self.link.take()
                        && !href.is_empty()
                        && !self.text[open..].trim().is_empty()
                    {
                        let label = self.text.split_off(open);
                        self.text.push_str(&format!("[{label}]({href})"));
                    }
                }
                // A link left open by a missing `</a>` stays its text.
                "a" => self.link = Some((self.text.len(), attribute(&src[at..end], "href").unwrap_or_default())),
                _ => {}
            }
        }
        self.end_block();
        while self.list.is_some() {
            self.end_list_level();
        }
    }

    /// Text between tags, entities decoded; where a block starts, note it.
    fn push_text(&mut self, raw: &str, at: usize) {
        if raw.is_empty() {
            return;
        }
        if self.text.trim().is_empty() && !raw.trim().is_empty() && self.list.is_none() && self.link.is_none() {
            self.text_at = at + (raw.len() - raw.trim_start().len());
        }
        self.text.push_str(&decode(&raw.replace('\r', "")));
    }

    /// The text read so far, taken (an open link's text stays text).
    fn take_text(&mut self) -> String {
        self.link = None;
        tidy(&std::mem::take(&mut self.text))
    }

    /// End the paragraph being read, if any.
    fn end_block(&mut self) {
        let text = self.take_text();
        if self.list.is_some() {
            return;
        }
        if !text.is_empty() {
            self.out.push(Block { kind: Kind::Paragraph, line: self.line_at(self.text_at), source: text });
        }
    }

    fn end_item(&mut self) {
        let text = self.take_text();
        let line = self.line_at(self.text_at);
        let Some(list) = &mut self.list else { return };
        if text.is_empty() {
            return;
        }
        let item = Item { text: text.replace('\n', " "), line, checked: None, children: Vec::new() };
        match list.items.last_mut() {
            Some(parent) if list.nested > 0 => parent.children.push(item),
            _ => list.items.push(item),
        }
    }

    fn end_list_level(&mut self) {
        self.end_item();
        let Some(list) = &mut self.list else { return };
        if list.nested > 0 {
            list.nested -= 1;
            return;
        }
        let list = self.list.take().expect("a list is open");
        if !list.items.is_empty() {
            let source = list.items.iter().map(|i| format!("- {}", i.text)).collect::<Vec<_>>().join("\n");
            self.out.push(Block { kind: Kind::List(list.items), line: self.line_at(list.at), source });
        }
    }
}

/// The value of `name="…"` in a tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let i = lower.find(&format!("{name}="))? + name.len() + 1;
    let rest = &tag[i..];
    let quote = rest.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let value = rest[1..].split(quote).next()?;
    Some(value.to_string())
}

/// Markdown text tidied: lines trimmed, blank lines dropped.
fn tidy(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let joined = lines.join("\n");
    // Breaks at either end separate nothing.
    let mut joined = joined.as_str().trim();
    while let Some(t) = joined.strip_prefix("<br>").or_else(|| joined.strip_suffix("<br>")) {
        joined = t.trim();
    }
    // `** **` left by a bold run of spaces.
    let t = joined.trim();
    if t.chars().all(|c| matches!(c, '*' | '_' | '`' | ' ')) { String::new() } else { t.to_string() }
}

/// Plain text of inline Markdown (a heading's name).
fn plain(text: &str) -> String {
    let t = tidy(text);
    let t = t.replace("**", "").replace("<br>", " ");
    t.split_whitespace().collect::<Vec<_>>().join(" ").trim_matches(['*', '`']).trim().to_string()
}

/// Text with its tags removed and entities decoded (code, where markup is
/// not read).
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        match rest[i..].find('>') {
            Some(j) => rest = &rest[i + j + 1..],
            None => {
                rest = &rest[i..];
                break;
            }
        }
    }
    out.push_str(rest);
    decode(&out.replace('\r', ""))
}

/// HTML's entities as characters: the named ones exports write and any
/// numeric one (`&#8217;`, `&#x2019;`).
fn decode(text: &str) -> String {
    decode_entities(text, true)
}

/// Entities Markdown text carries from a blog engine (`November
/// 17&ndash;18`, `it&#8217;s`) as the characters they stand for, leaving
/// those that escape markup (`&lt;`, `&gt;`, `&amp;`, `&quot;`), control
/// characters (`&#x09;`), and anything inside an HTML tag (where an
/// entity may hide a `javascript:` address from a reader, and is the
/// sanitiser's to judge).
pub(super) fn typographic_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..open], false));
        let close = rest[open..].find('>').map_or(rest.len(), |j| open + j + 1);
        out.push_str(&rest[open..close]);
        rest = &rest[close..];
    }
    out.push_str(&decode_entities(rest, false));
    out
}

fn decode_entities(text: &str, markup: bool) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    const NAMED: [(&str, &str); 16] = [
        ("nbsp", " "),
        ("amp", "&"),
        ("lt", "<"),
        ("gt", ">"),
        ("quot", "\""),
        ("apos", "'"),
        ("ndash", "–"),
        ("mdash", "—"),
        ("hellip", "…"),
        ("rsquo", "’"),
        ("lsquo", "‘"),
        ("rdquo", "”"),
        ("ldquo", "“"),
        ("rarr", "→"),
        ("times", "×"),
        ("deg", "°"),
    ];
    let escapes = |c: &str| matches!(c, "&" | "<" | ">" | "\"" | "'") || c.chars().any(|ch| ch.is_control());
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let entity = rest[1..].find(';').filter(|&j| j <= 8).map(|j| &rest[1..=j]);
        let decoded = entity.and_then(|e| {
            if let Some(num) = e.strip_prefix('#') {
                let code = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse().ok(),
                };
                code.and_then(char::from_u32).map(|c| if c == '\u{a0}' { " ".to_string() } else { c.to_string() })
            } else {
                NAMED.iter().find(|(n, _)| *n == e).map(|(_, c)| c.to_string())
            }
        });
        match (entity, decoded.filter(|d| markup || !escapes(d))) {
            (Some(e), Some(d)) => {
                out.push_str(&d);
                rest = &rest[e.len() + 2..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(blocks: &[Block]) -> Vec<String> {
        blocks
            .iter()
            .map(|b| match &b.kind {
                Kind::Heading(l, t) => format!("h{l}@{}: {t}", b.line),
                Kind::Paragraph => format!("p@{}: {}", b.line, b.source),
                Kind::List(items) => format!(
                    "list@{}: {}",
                    b.line,
                    items.iter().map(|i| format!("{}@{}+{}", i.text, i.line, i.children.len())).collect::<Vec<_>>().join(" | ")
                ),
                Kind::Code => format!("code@{}: {}", b.line, b.source),
                Kind::Html => format!("html@{}", b.line),
                _ => "other".to_string(),
            })
            .collect()
    }

    #[test]
    fn an_imported_blog_post_is_read_as_its_blocks() {
        let html = "<p>Last week we <a href=\"https://example.org/x\">posted</a> about it.&nbsp; All is well.<br /></p><h3>NOTE: no\r\ndata was lost.</h3>\r\n<h2>What Happened?</h2>\r\n<p>The <strong>backup</strong> host\r\nwas compromised.</p><p>Then the mirror.</p>\r\n<ul>\r\n<li>Rotate keys</li>\r\n<li>Audit <em>sudo</em>\r\n<ul><li>on every host</li></ul></li>\r\n</ul>";
        assert!(holds_prose(html));
        assert_eq!(
            kinds(&split(html, 10)),
            [
                "p@10: Last week we [posted](https://example.org/x) about it.  All is well.",
                "h3@10: NOTE: no data was lost.",
                "h2@12: What Happened?",
                "p@13: The **backup** host\nwas compromised.",
                "p@14: Then the mirror.",
                "list@15: Rotate keys@16+0 | Audit *sudo*@17+1",
            ]
        );
    }

    #[test]
    fn tables_code_and_comments_keep_their_own_readers() {
        let html = "<div>\n<!-- start: 2018-12-21T12:00:00 -->\n<p>Times &#8217;UTC&#x2019;.</p>\n<table><tr><td>10:00</td></tr></table>\n<pre>14:00 &lt;b&gt; crash</pre>\n</div>";
        assert_eq!(kinds(&split(html, 1)), ["p@3: Times ’UTC’.", "html@4", "code@5: ```\n14:00 <b> crash\n```"]);
        assert!(!holds_prose("<table>\n<tr><td><p>a</p></td></tr>\n</table>"));
        assert!(!holds_prose("<img src=\"x.png\">"));
    }

    #[test]
    fn unknown_entities_and_unclosed_tags_are_kept_as_text() {
        let b = split("<p>AT&T &bogus; <a href=\"u\">link", 1);
        assert_eq!(kinds(&b), ["p@1: AT&T &bogus; link"]);
    }
}
