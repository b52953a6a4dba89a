//! Prose split into sentences, as the recognisers read it.

/// Split prose into sentences: at `.`, `!` or `?` followed by a space and
/// a capital letter, a digit or the end (so `e.g. this` and `v1.2` stay),
/// and at a line break written as `<br>` (lines of an export).
pub fn sentences(text: &str) -> Vec<String> {
    if text.contains("<br") {
        // A Markdown hard break (`\`) may stand beside the `<br />`.
        let pieces = text.split("<br />").flat_map(|p| p.split("<br/>")).flat_map(|p| p.split("<br>"));
        return pieces.map(|p| p.trim().trim_matches('\\').trim()).flat_map(sentences_of).collect();
    }
    sentences_of(text)
}

fn sentences_of(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let next = chars.get(k + 1).map(|x| x.1);
        let after = chars.get(k + 2).map(|x| x.1);
        let ends = match (next, after) {
            (None, _) => true,
            (Some(n), Some(a)) if n.is_whitespace() => {
                a.is_uppercase() || a.is_ascii_digit() || matches!(a, '*' | '_' | '`' | '[' | '(' | '"' | '\u{201c}')
            }
            _ => false,
        };
        // `e.g.`, `i.e.`, `etc.`, `vs.` and initials do not end a sentence.
        let word: String = text[start..i].rsplit(char::is_whitespace).next().unwrap_or("").to_lowercase();
        // `6:57 a.m. PST, the error rate…`: a zone after the clock's marker.
        let zone_next = matches!(word.as_str(), "a.m" | "p.m")
            && text[i + c.len_utf8()..].split_whitespace().next().is_some_and(|w| {
                let w = w.trim_end_matches([',', '.', ';', ')']);
                (2..=5).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase())
            });
        let abbreviation = matches!(word.as_str(), "e.g" | "i.e" | "etc" | "vs" | "approx" | "ca" | "mr" | "ms" | "dr" | "no")
            || word.len() == 1
            || zone_next;
        if ends && !abbreviation {
            let s = text[start..=i].trim();
            if !s.is_empty() {
                out.push(s.to_string());
            }
            start = i + c.len_utf8();
        }
    }
    let tail = text[start..].trim();
    if !tail.is_empty() {
        out.push(tail.to_string());
    }
    out
}
