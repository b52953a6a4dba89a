//! Front matter read as real archives write it: a YAML value holding an
//! unquoted `: ` (`title: Post-Mortem: Pull Request Unavailability`, which
//! older blog engines let pass) or opening with a character YAML reserves
//! (`authors: @joshblack`) is read as if quoted, and a `---` on the
//! first line over Markdown (never closed, or closed by a rule further on)
//! is a rule, not front matter. Anything else that does not parse is the
//! error it always was.

use super::{FrontMatterError, FrontMatterFormat, Locator, Loose, Node, Split, opens_with_a_rule, parse, quote_loose_values, split};

/// A document's front matter, read leniently.
pub struct Lenient<'a> {
    /// Where the front matter and the body are (no front matter when `ruled`).
    pub split: Split<'a>,
    /// The front matter's values.
    pub node: Node,
    /// Where each key is.
    pub locator: Locator,
    /// Lines whose value was read as if quoted, and why.
    pub repaired_lines: Vec<(usize, Loose)>,
    /// The first line's `---` was read as a rule over Markdown.
    pub ruled: bool,
}

/// Split and parse `text`'s front matter, leniently (see the module).
pub fn read_lenient(text: &str) -> Result<Lenient<'_>, FrontMatterError> {
    let no_front = Split { format: FrontMatterFormat::None, front: "", front_line: 1, body: text, body_line: 1 };
    fn as_rule(ruled_split: Split<'_>) -> Result<Lenient<'_>, FrontMatterError> {
        let (node, locator) = parse(&ruled_split)?;
        Ok(Lenient { split: ruled_split, node, locator, repaired_lines: Vec::new(), ruled: true })
    }
    let after_first_line = text.split_once('\n').map_or("", |(_, rest)| rest);
    let s = match split(text) {
        Ok(s) => s,
        Err(_) if text.starts_with("---") && opens_with_a_rule(after_first_line) => return as_rule(no_front),
        Err(e) => return Err(e),
    };
    match parse(&s) {
        Ok((node, locator)) => Ok(Lenient { split: s, node, locator, repaired_lines: Vec::new(), ruled: false }),
        Err(e) => {
            let retry = (s.format == FrontMatterFormat::Yaml)
                .then(|| quote_loose_values(s.front, s.front_line))
                .flatten()
                .and_then(|(fixed, lines)| parse(&Split { front: &fixed, ..s.clone() }).ok().map(|p| (p, lines)));
            match retry {
                Some(((node, locator), repaired_lines)) => Ok(Lenient { split: s, node, locator, repaired_lines, ruled: false }),
                None if s.format == FrontMatterFormat::Yaml && opens_with_a_rule(s.front) => as_rule(no_front),
                None => Err(e),
            }
        }
    }
}
