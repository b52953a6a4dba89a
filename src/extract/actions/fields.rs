//! What an action item's text says besides what is to be done: its owner
//! (`Owner: Ana`, `(owner: ana)`, `— @ana`, `: ana`), its due date (`Due:
//! 15 Nov 2031`, `ETA:`), its tracker id and link (`PAY-1432`, an issue
//! link), and a bold lead's markers or id (`**FU-1**`).

/// An item that opens with a bold span, without its markers: `**Alert on
/// lag** — Owner: Ana` → `Alert on lag — Owner: Ana`; a bold id is dropped
/// (`**FU-1** Split the config` → `Split the config`; the id stays the
/// tracker).
pub(super) fn unbold_lead(text: &str) -> String {
    let Some(rest) = text.strip_prefix("**") else { return text.to_string() };
    let Some(end) = rest.find("**") else { return text.to_string() };
    let (inner, after) = (&rest[..end], rest[end + 2..].trim_start());
    let id = !inner.contains(' ') && inner.len() <= 12 && inner.chars().any(|c| c.is_ascii_digit());
    if id && after.len() >= 8 {
        after.trim_start_matches([':', '-', '–', '—', ' ']).to_string()
    } else {
        format!("{inner}{}{after}", if after.starts_with([':', ',', '.', ';']) || after.is_empty() { "" } else { " " })
    }
}

/// `Due: 15 Nov 2031`, `(due 2031-11-15)`, `ETA: 2031-11-15`, `target date:
/// …`: the day an action is due.
pub(super) fn due_date(text: &str) -> Option<chrono::NaiveDate> {
    let lower = text.to_ascii_lowercase();
    ["due:", "due date:", "(due ", "due by ", "eta:", "target date:", "target:", "deadline:"]
        .iter()
        .filter_map(|k| lower.find(k).map(|i| i + k.len()))
        .min()
        .and_then(|i| {
            // The next 40 characters (not bytes: a dash is three).
            let next: String = text[i..].chars().take(40).collect();
            crate::extract::when::find_date(&next, None)
        })
}

/// `Fix the alert : alice`, `Fix the alert (owner: alice)`, `Fix it — @alice`,
/// `Fix it – Owner: Alice`, `Fix it; DRI: alice`.
pub(super) fn split_owner(text: &str) -> (String, Option<String>) {
    let lower = text.to_ascii_lowercase();
    for key in ["(owner:", "(owner ", "owner:", "owners:", "assignee:", "(assigned to ", "assigned to:", "responsible:", "dri:"] {
        if let Some(i) = lower.find(key)
            && (i == 0 || !lower[..i].ends_with(|c: char| c.is_ascii_alphanumeric()))
        {
            let rest = &text[i + key.len()..];
            // The owner ends at the next field: `Owner: Ana — Priority: High`,
            // `Owner: Risk Tech. Due: 15 Nov 2031`.
            // A title's dot (`Mr. Haberland`, `Dr. Okafor`) ends nothing.
            let titled =
                ["Mr. ", "Mrs. ", "Ms. ", "Dr. ", "Prof. "].iter().find_map(|t| rest.trim_start().strip_prefix(t).map(|_| t.len()));
            let lead = titled.map_or(0, |n| rest.len() - rest.trim_start().len() + n);
            let rest = [" — ", " – ", " - ", " | ", "; ", ". "]
                .iter()
                .filter_map(|sep| rest[lead..].find(sep).map(|j| j + lead))
                .min()
                .map_or(rest, |j| &rest[..j]);
            let owner = rest.trim().trim_end_matches(')').split([')', ',']).next().unwrap_or("").trim().trim_end_matches('.').trim();
            if !owner.is_empty() && owner.len() < 60 {
                return (before_owner(&text[..i]), Some(owner.to_string()));
            }
        }
    }
    if let Some((what, who)) = text.rsplit_once(" : ") {
        let who = who.trim();
        if !who.is_empty() && who.split_whitespace().count() <= 4 && !who.contains("http") {
            return (what.trim().to_string(), Some(who.to_string()));
        }
    }
    if let Some(at) = text.rfind(" @") {
        let who = text[at + 2..].trim().trim_end_matches(['.', ')']);
        if !who.is_empty() && !who.contains(' ') {
            return (before_owner(&text[..at]), Some(format!("@{who}")));
        }
    }
    (text.to_string(), None)
}

/// An action's title, written before its owner: without the dash, colon
/// or bracket that led to the owner (`Add health checks — owner: Ravi`).
fn before_owner(text: &str) -> String {
    text.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—' | ':' | ';' | ',' | '|' | '(' | '['))
        .trim_start()
        .to_string()
}

/// Words that look like `ABC-123` but are not tickets.
const NOT_TRACKERS: &[&str] = &["CVE", "UTC", "GMT", "COVID", "SHA", "TLS", "SSL", "HTTP", "ISO", "RFC", "SEV", "P", "PM", "AM", "X"];

/// The first tracker id (`ABC-123`, `#123` in a link) and the first link.
pub fn tracker_and_url(text: &str) -> (Option<String>, Option<String>) {
    let url = first_url(text);
    let mut tracker = None;
    for word in text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '#')) {
        if let Some((key, num)) = word.rsplit_once('-') {
            let key_ok = (2..=10).contains(&key.len())
                && key.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                && key.chars().next().is_some_and(|c| c.is_ascii_uppercase());
            let num_ok = !num.is_empty() && num.len() <= 7 && num.chars().all(|c| c.is_ascii_digit());
            if key_ok && num_ok && !NOT_TRACKERS.contains(&key) && !key.contains('-') {
                tracker = Some(word.to_string());
                break;
            }
        }
        if let Some(num) = word.strip_prefix('#')
            && !num.is_empty()
            && num.len() <= 7
            && num.chars().all(|c| c.is_ascii_digit())
            && url.is_some()
        {
            tracker = Some(word.to_string());
            break;
        }
    }
    if tracker.is_none() {
        // `…/issues/131` or `…/pull/81` → `#131`
        if let Some(u) = &url {
            let parts: Vec<&str> = u.trim_end_matches('/').rsplit('/').take(2).collect();
            if parts.len() == 2 && matches!(parts[1], "issues" | "pull" | "merge_requests") && parts[0].chars().all(|c| c.is_ascii_digit())
            {
                tracker = Some(format!("#{}", parts[0]));
            }
        }
    }
    (tracker, url)
}

fn first_url(text: &str) -> Option<String> {
    let i = text.find("https://").or_else(|| text.find("http://"))?;
    let url: String = text[i..].chars().take_while(|c| !c.is_whitespace() && !matches!(c, ')' | '>' | ']' | '"' | '\'' | '<')).collect();
    Some(url.trim_end_matches(['.', ',', ';']).to_string())
}
