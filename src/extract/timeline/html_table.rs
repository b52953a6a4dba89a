//! `<table>` blocks left in Markdown by document converters (Confluence,
//! Google Docs, pandoc), read into a header and rows.

use crate::extract::blocks::{Row, join_lines};

/// A minimal reader for `<table>` blocks left by document converters.
pub(in crate::extract) fn html_table(html: &str, first_line: usize) -> (Vec<String>, Vec<Row>) {
    let lower = html.to_ascii_lowercase();
    let mut header = Vec::new();
    let mut rows = Vec::new();
    let mut pos = 0;
    // Cells spanning rows below (`<td rowspan="3">3 Dec</td>`): per column,
    // the text and how many more rows it fills.
    let mut spans: Vec<Option<(String, usize)>> = Vec::new();
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
            fill_spans(&mut cells, &mut spans);
            let text = strip_tags(&html[content_start..close]);
            let span = rowspan(&lower[open..content_start]);
            if span > 1 {
                spans.resize(spans.len().max(cells.len() + 1), None);
                spans[cells.len()] = Some((text.clone(), span - 1));
            }
            cells.push(text);
            c = close;
        }
        fill_spans(&mut cells, &mut spans);
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

/// Put the text of cells spanning from rows above at their columns, from
/// the next free one on.
fn fill_spans(cells: &mut Vec<String>, spans: &mut [Option<(String, usize)>]) {
    while let Some(Some((text, left))) = spans.get_mut(cells.len()) {
        cells.push(text.clone());
        *left -= 1;
        if *left == 0 {
            spans[cells.len() - 1] = None;
        }
    }
}

/// The `rowspan` of a cell's opening tag (lower-cased), 1 without one.
fn rowspan(tag: &str) -> usize {
    let Some(i) = tag.find("rowspan=") else { return 1 };
    let v = tag[i + 8..].trim_start_matches(['"', '\'']);
    v.bytes().take_while(u8::is_ascii_digit).fold(0usize, |n, b| n * 10 + usize::from(b - b'0')).clamp(1, 1000)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_spanning_rows_fill_the_rows_below() {
        let html = "<table><tr><th>Date</th><th>Time</th><th>Event</th></tr>\n<tr><td rowspan=\"2\"><p>3 Dec</p></td><td>7:58 PM</td><td>Deploy</td></tr>\n<tr><td>8:15 PM</td><td>Errors</td></tr>\n<tr><td>4 Dec</td><td>9:05 AM</td><td>Tickets</td></tr></table>";
        let (header, rows) = html_table(html, 1);
        assert_eq!(header, ["Date", "Time", "Event"]);
        let cells: Vec<Vec<String>> = rows.into_iter().map(|r| r.cells).collect();
        assert_eq!(cells, [["3 Dec", "7:58 PM", "Deploy"], ["3 Dec", "8:15 PM", "Errors"], ["4 Dec", "9:05 AM", "Tickets"]]);
    }
}
