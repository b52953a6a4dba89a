//! `<table>` blocks left in Markdown by document converters (Confluence,
//! Google Docs, pandoc), read into a header and rows.

use crate::extract::blocks::{Row, join_lines};

/// A minimal reader for `<table>` blocks left by document converters.
pub(in crate::extract) fn html_table(html: &str, first_line: usize) -> (Vec<String>, Vec<Row>) {
    let lower = html.to_ascii_lowercase();
    let mut header = Vec::new();
    let mut rows = Vec::new();
    let mut pos = 0;
    while let Some(tr) = lower[pos..].find("<tr").map(|i| pos + i) {
        let end = lower[tr..].find("</tr>").map_or(lower.len(), |i| tr + i);
        let line = first_line + html[..tr].matches('\n').count();
        let mut cells = Vec::new();
        let mut is_head = false;
        let mut c = tr;
        while let Some(open) = lower[c..end].find("<t").map(|i| c + i) {
            let tag = &lower[open..(open + 3).min(end)];
            if tag != "<td" && tag != "<th" {
                c = open + 2;
                continue;
            }
            is_head |= tag == "<th";
            let content_start = lower[open..end].find('>').map_or(end, |i| open + i + 1);
            let close = lower[content_start..end].find("</t").map_or(end, |i| content_start + i);
            cells.push(strip_tags(&html[content_start..close]));
            c = close;
        }
        if is_head && header.is_empty() && rows.is_empty() {
            header = cells;
        } else if !cells.is_empty() {
            rows.push(Row { cells, line });
        }
        pos = end + 1;
        if pos >= lower.len() {
            break;
        }
    }
    if header.is_empty() && !rows.is_empty() {
        header = rows.remove(0).cells;
    }
    (header, rows)
}

fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    join_lines(&out.replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))
}
