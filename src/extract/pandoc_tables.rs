//! Tables as pandoc writes them when it converts a word processor's
//! document to Markdown: grid tables (`+----+----+` borders, `|` cells that
//! wrap over several lines), multiline tables (a rule of dashes above and
//! below, columns given by a line of dash runs, rows apart by blank lines)
//! and simple tables (a header over a line of dash runs). CommonMark reads
//! none of them: their rules become headings and breaks. Each becomes an
//! HTML table, one row on the first line of its row and comments on the
//! others, so that every line keeps its number.

/// A line of only `chars` and at least `min` of them, after indentation.
fn rule(line: &str, chars: &[char], min: usize) -> bool {
    let t = line.trim();
    t.chars().count() >= min && t.chars().all(|c| chars.contains(&c))
}

/// A filler line inside the HTML block (a blank line would end it).
const FILLER: &str = "<!-- -->";

/// Markdown in a cell, as HTML: escaped, `**bold**` kept as `<strong>`.
fn cell_html(text: &str) -> String {
    let escaped = text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let mut out = String::with_capacity(escaped.len());
    let mut open = false;
    let mut rest = escaped.as_str();
    while let Some(i) = rest.find("**") {
        out.push_str(&rest[..i]);
        out.push_str(if open { "</strong>" } else { "<strong>" });
        open = !open;
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    if open {
        out.push_str("</strong>");
    }
    out
}

fn row_html(cells: &[String], head: bool) -> String {
    let tag = if head { "th" } else { "td" };
    let cells: String = cells.iter().map(|c| format!("<{tag}>{}</{tag}>", cell_html(c.trim()))).collect();
    format!("<tr>{cells}</tr>")
}

/// The text of each column of `lines` (a row written over several lines),
/// the columns starting at the char positions `starts`.
fn columns(lines: &[&str], starts: &[usize]) -> Vec<String> {
    let mut cells = vec![String::new(); starts.len()];
    for line in lines {
        let chars: Vec<char> = line.chars().collect();
        for (k, &s) in starts.iter().enumerate() {
            let e = starts.get(k + 1).copied().unwrap_or(chars.len()).min(chars.len());
            if s >= e {
                continue;
            }
            let piece: String = chars[s..e].iter().collect();
            let piece = piece.trim().trim_matches('|').trim();
            if !piece.is_empty() {
                if !cells[k].is_empty() {
                    cells[k].push(' ');
                }
                cells[k].push_str(piece);
            }
        }
    }
    cells
}

/// Rewrite the pandoc tables in `lines`; returns how many there were.
pub(super) fn rewrite(lines: &mut [String]) -> usize {
    let mut count = 0;
    let mut i = 0;
    let mut fenced = false;
    while i < lines.len() {
        let t = lines[i].trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fenced = !fenced;
        }
        let after_blank = i == 0 || lines[i - 1].trim().is_empty();
        let next = if fenced || !after_blank {
            None
        } else if t.starts_with("+-") && rule(t, &['+', '-', ':'], 5) {
            grid(lines, i)
        } else if rule(t, &['-'], 10) {
            multiline(lines, i)
        } else if !t.is_empty() && lines.get(i + 1).is_some_and(|n| dash_runs(n).len() >= 2) {
            simple(lines, i)
        } else {
            None
        };
        match next {
            Some(end) => {
                count += 1;
                i = end;
            }
            None => i += 1,
        }
    }
    count
}

/// The char spans of the runs of dashes of a column rule (`---- -------`).
fn dash_runs(line: &str) -> Vec<(usize, usize)> {
    if line.trim().is_empty() || !line.chars().all(|c| c == '-' || c == ' ') {
        return Vec::new();
    }
    let mut runs = Vec::new();
    let mut start = None;
    for (k, c) in line.chars().chain(std::iter::once(' ')).enumerate() {
        match (c, start) {
            ('-', None) => start = Some(k),
            (' ', Some(s)) => {
                runs.push((s, k));
                start = None;
            }
            _ => {}
        }
    }
    runs
}

/// A grid table from its top border at `top`; returns the line after it.
fn grid(lines: &mut [String], top: usize) -> Option<usize> {
    let border = |l: &str| l.trim_start().starts_with('+') && rule(l, &['+', '-', '=', ':'], 3);
    let indent = lines[top].len() - lines[top].trim_start().len();
    let starts: Vec<usize> = lines[top].chars().enumerate().filter(|(_, c)| *c == '+').map(|(k, _)| k).collect();
    let starts = &starts[..starts.len().checked_sub(1)?];
    let end = (top + 1..lines.len()).find(|&j| !lines[j].trim_start().starts_with(['+', '|'])).unwrap_or(lines.len());
    if end - top < 3 || !border(&lines[end - 1]) || lines[top + 1..end].iter().all(|l| border(l)) {
        return None;
    }
    let head_rule = (top + 1..end).find(|&j| lines[j].contains('='));
    let mut out: Vec<String> = Vec::with_capacity(end - top);
    out.push("<table>".into());
    let mut j = top + 1;
    while j < end - 1 {
        let row_end = (j..end).find(|&k| border(&lines[k])).unwrap_or(end);
        if row_end > j {
            let texts: Vec<&str> = lines[j..row_end].iter().map(|l| l.get(indent..).unwrap_or(l)).collect();
            let shifted: Vec<usize> = starts.iter().map(|s| s - indent + 1).collect();
            let head = head_rule.is_some_and(|h| row_end <= h);
            out.push(row_html(&columns(&texts, &shifted), head));
            out.extend((j + 1..row_end).map(|_| FILLER.to_string()));
        }
        if row_end < end - 1 {
            out.push(FILLER.into());
        }
        j = row_end + 1;
    }
    out.push("</table>".into());
    debug_assert_eq!(out.len(), end - top);
    for (k, l) in out.into_iter().enumerate() {
        lines[top + k] = l;
    }
    Some(end)
}

/// A multiline table from its top rule at `top`: a line of dash runs gives
/// the columns, a rule ends it; returns the line after it.
fn multiline(lines: &mut [String], top: usize) -> Option<usize> {
    let sep = (top + 1..lines.len().min(top + 200)).find(|&j| dash_runs(&lines[j]).len() >= 2 || rule(&lines[j], &['-'], 10))?;
    let runs = dash_runs(&lines[sep]);
    if runs.len() < 2 {
        return None;
    }
    let bottom = (sep + 1..lines.len().min(sep + 400)).find(|&j| rule(&lines[j], &['-'], 10))?;
    if !lines.get(bottom + 1).is_none_or(|l| l.trim().is_empty()) {
        return None;
    }
    let starts: Vec<usize> = runs.iter().map(|r| r.0).collect();
    let mut out = vec![String::new(); bottom + 1 - top];
    out[0] = "<table>".into();
    // The header: the lines between the top rule and the column rule.
    let header: Vec<&str> = lines[top + 1..sep].iter().map(String::as_str).filter(|l| !l.trim().is_empty()).collect();
    let two_columns = starts.len() == 2;
    for (k, slot) in out.iter_mut().enumerate().take(sep - top + 1).skip(1) {
        *slot = FILLER.into();
        if k == 1 && !header.is_empty() {
            // A table of two columns is a form (`Date of Incident` |
            // `04/12/2023`): its first row is a row, not a header.
            *slot = row_html(&columns(&header, &starts), !two_columns);
        }
    }
    // Rows: runs of lines apart by blank lines.
    let mut j = sep + 1;
    while j < bottom {
        if lines[j].trim().is_empty() {
            out[j - top] = FILLER.into();
            j += 1;
            continue;
        }
        let row_end = (j..bottom).find(|&k| lines[k].trim().is_empty()).unwrap_or(bottom);
        let texts: Vec<&str> = lines[j..row_end].iter().map(String::as_str).collect();
        out[j - top] = row_html(&columns(&texts, &starts), false);
        for slot in &mut out[j + 1 - top..row_end - top] {
            *slot = FILLER.into();
        }
        j = row_end;
    }
    out[bottom - top] = "</table>".into();
    for (k, l) in out.into_iter().enumerate() {
        lines[top + k] = l;
    }
    Some(bottom + 1)
}

/// A simple table: a header line at `head` over a line of dash runs, one
/// row per line to a blank line (or a closing rule of dashes).
fn simple(lines: &mut [String], head: usize) -> Option<usize> {
    let runs = dash_runs(&lines[head + 1]);
    let starts: Vec<usize> = runs.iter().map(|r| r.0).collect();
    let end = (head + 2..lines.len()).find(|&j| lines[j].trim().is_empty()).unwrap_or(lines.len());
    if end <= head + 2 {
        return None;
    }
    let closing = rule(&lines[end - 1], &['-'], 3);
    let header = columns(&[lines[head].as_str()], &starts);
    // Every header cell holds a word: a column rule under prose is a
    // setext heading, not a table.
    if header.iter().any(String::is_empty) {
        return None;
    }
    let mut out = vec![format!("<table>{}", row_html(&header, true)), FILLER.into()];
    for (j, line) in lines.iter().enumerate().take(end).skip(head + 2) {
        if closing && j == end - 1 {
            out.push(FILLER.into());
        } else {
            out.push(row_html(&columns(&[line.as_str()], &starts), false));
        }
    }
    out.last_mut()?.push_str("</table>");
    for (k, l) in out.into_iter().enumerate() {
        lines[head + k] = l;
    }
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (Vec<String>, usize) {
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        let n = rewrite(&mut lines);
        (lines, n)
    }

    #[test]
    fn a_grid_table_with_wrapped_cells() {
        let (l, n) = run(
            "+-------+-------------------+\n| Time  | **Event**         |\n+=======+===================+\n| 07:40 | Batch still       |\n|       | running.          |\n+-------+-------------------+\n| 08:02 | First calls.      |\n+-------+-------------------+\n\nAfter.\n",
        );
        assert_eq!(n, 1);
        assert_eq!(l.len(), 10);
        assert_eq!(l[0], "<table>");
        assert_eq!(l[3], "<tr><td>07:40</td><td>Batch still running.</td></tr>");
        assert_eq!(l[4], FILLER);
        assert_eq!(l[6], "<tr><td>08:02</td><td>First calls.</td></tr>");
        assert_eq!(l[7], "</table>");
        assert_eq!(l[9], "After.");
        let b = crate::extract::blocks::blocks(&l.join("\n"), 1);
        let (header, rows) = crate::extract::timeline::html_table(&b[0].source, 1);
        assert_eq!(rows.len(), 2, "{header:?} {rows:?}");
        assert_eq!(rows[0].line, 4);
    }

    #[test]
    fn a_multiline_form_and_a_simple_table() {
        let text = "  ------------------------------------------\n  **Date of Incident**   04/12/2023 (Monday)\n  ---------------------- -------------------\n  **Incident Start**     07:58\n\n  **Services Affected**  Online Banking, Mobile\n                         App\n  ------------------------------------------\n\n  Time    Event\n  ------- -------------------\n  07:40   Batch running\n  07:58   First failed login\n\nText.\n";
        let (l, n) = run(text);
        assert_eq!(n, 2);
        assert_eq!(l.len(), text.lines().count());
        assert_eq!(l[1], "<tr><td><strong>Date of Incident</strong></td><td>04/12/2023 (Monday)</td></tr>");
        assert_eq!(l[5], "<tr><td><strong>Services Affected</strong></td><td>Online Banking, Mobile App</td></tr>");
        assert_eq!(l[7], "</table>");
        assert_eq!(l[9], "<table><tr><th>Time</th><th>Event</th></tr>");
        assert_eq!(l[12], "<tr><td>07:58</td><td>First failed login</td></tr></table>");
    }

    #[test]
    fn rules_and_setext_headings_are_left_alone() {
        let text = "Intro.\n\n----------\n\nA heading\n---------\n\nx\n- a\n";
        assert_eq!(run(text), (text.lines().map(str::to_string).collect(), 0));
    }
}
