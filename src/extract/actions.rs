//! Action items in the body: tables (Action/Item/Task, Owner/Assignee,
//! Status, Ticket/Issue, Due, Type columns), bullet, numbered and task lists,
//! `what : owner` lines, with tracker ids and links picked up. Template rows
//! (`TBD`, empty, sample text) are dropped.

use super::blocks::{Block, Item, Kind, Row};

mod fields;
mod loose;
use crate::datetime::parse_date;
use crate::model::{ActionItem, ActionKind, ActionStatus};
pub use fields::tracker_and_url;
use fields::{due_date, split_owner, unbold_lead};
pub use loose::loose;

/// Action items in `blocks` (the action-items section). Sub-headings name a
/// category, which sets the kind when it names one (`### Process`).
pub fn recognise(blocks: &[Block]) -> Vec<ActionItem> {
    let mut out = Vec::new();
    let mut category: Option<ActionKind> = None;
    // Under `### Identified problems` the list is of problems, not actions.
    let mut problems = false;
    // Sections that group their actions under sub-headings (by component,
    // say) often give a group of one action a line of its own instead of
    // a list: `### Repo2docker` / `Limit the memory of build pods.` Such
    // lines are kept with where they go in `out`, and used if the section
    // has listed actions too (else the fallbacks below read it).
    let mut group: Option<GroupLines> = None;
    let mut lines_of_groups: Vec<(usize, ActionItem)> = Vec::new();
    for b in blocks {
        if let Kind::Heading(..) = b.kind
            && let Some(g) = group.take()
        {
            g.flush(out.len(), &mut lines_of_groups);
        }
        if problems && !matches!(b.kind, Kind::Heading(..)) {
            continue;
        }
        // A list, a table or anything but paragraphs: the group's lines
        // introduce or explain, and are not actions.
        if !matches!(b.kind, Kind::Paragraph | Kind::Heading(..))
            && let Some(g) = &mut group
        {
            g.listed = true;
        }
        match &b.kind {
            // `#### 3) Disk alerts added @sam`: one heading per action.
            Kind::Heading(_, text) if numbered(text).is_some() && !groups_actions(text) => {
                problems = false;
                let item = Item { text: numbered(text).unwrap_or(text).to_string(), line: b.line, checked: None, children: Vec::new() };
                out.extend(from_item(&item, category));
            }
            Kind::Heading(_, text) => {
                category = category_kind(text);
                problems = lists_problems(text);
                group = Some(GroupLines { category, lines: Vec::new(), listed: false });
            }
            Kind::Table(header, rows) => out.extend(table(header, rows)),
            Kind::Html if b.source.to_ascii_lowercase().contains("<table") => {
                let (header, rows) = super::timeline::html_table(&b.source, b.line);
                out.extend(table(&header, &rows));
            }
            Kind::List(items) => {
                out.extend(items.iter().filter_map(|i| from_item(i, category)));
            }
            Kind::Paragraph => {
                if let Some(g) = &mut group {
                    g.lines.push(b);
                }
            }
            _ => {}
        }
    }
    if let Some(g) = group.take() {
        g.flush(out.len(), &mut lines_of_groups);
    }
    if !out.is_empty() {
        for (at, item) in lines_of_groups.into_iter().rev() {
            out.insert(at, item);
        }
    }
    let paragraphs: Vec<&Block> =
        blocks.iter().take_while(|b| !matches!(b.kind, Kind::Heading(..))).filter(|b| matches!(b.kind, Kind::Paragraph)).collect();
    let prose = |b: &Block| b.source.lines().skip(1).any(|l| l.trim_start().starts_with(|c: char| c.is_lowercase()));
    if out.is_empty() && paragraphs.len() >= 2 && paragraphs.iter().all(|b| prose(b)) {
        // A section of prose paragraphs: one follow-up per paragraph, named
        // by its first sentence.
        let content = paragraphs.iter().filter(|b| !signs_off(&b.source)).count();
        for b in paragraphs {
            let text = super::blocks::join_lines(&b.source);
            if signs_off(&b.source) {
                continue;
            }
            // `We plan to (a) move…, (b) add… and (c) write…`: each item.
            if let Some(items) = enumerated(&text) {
                out.extend(
                    items
                        .into_iter()
                        .filter_map(|t| from_item(&Item { text: t, line: b.line, checked: None, children: Vec::new() }, category)),
                );
                continue;
            }
            // A section that is one paragraph of commitments (`We will
            // verify… We will also add…`): each of them. Where there are
            // more paragraphs, each is one follow-up and its later
            // sentences tell more of it.
            let committed: Vec<String> = super::sentences(&text).iter().filter(|s| !signs_off(s)).flat_map(|s| commitments(s)).collect();
            if committed.len() >= 2 && content == 1 {
                out.extend(
                    committed
                        .into_iter()
                        .filter_map(|t| from_item(&Item { text: t, line: b.line, checked: None, children: Vec::new() }, category)),
                );
                continue;
            }
            let first = super::sentences(&text).into_iter().next().unwrap_or_default();
            if first.len() >= 12 {
                out.extend(from_item(&Item { text: first, line: b.line, checked: None, children: Vec::new() }, category));
            }
        }
        return out;
    }
    if out.is_empty() {
        // `#### Tighten the spec's assertions` with prose under it: one
        // action per heading of the section's first level of sub-headings.
        let top = blocks.iter().filter_map(|b| if let Kind::Heading(l, _) = b.kind { Some(l) } else { None }).min();
        // Headings that name a kind of action (`Short term`) are categories.
        let subs: Vec<(&str, usize)> = blocks
            .iter()
            .filter_map(|b| match &b.kind {
                Kind::Heading(l, t) if Some(*l) == top && !groups_actions(t) => Some((t.as_str(), b.line)),
                _ => None,
            })
            .collect();
        if !subs.is_empty() && blocks.iter().any(|b| matches!(b.kind, Kind::Paragraph | Kind::Code)) {
            for (text, line) in subs {
                let item = Item { text: text.trim().to_string(), line, checked: None, children: Vec::new() };
                out.extend(from_item(&item, category));
            }
            return out;
        }
        let paragraphs = || blocks.iter().filter(|b| matches!(b.kind, Kind::Paragraph));
        // Paragraphs written on one line each, as editors that do not wrap
        // lines write them, are prose too where the section commits to work
        // in sentences (`We will add range validation… This check is…`).
        let committing =
            paragraphs().filter(|b| super::sentences(&super::blocks::join_lines(&b.source)).iter().any(|s| commits(s))).count();
        let commits_in_prose = committing > 0;
        for b in paragraphs() {
            let lines: Vec<&str> = b.source.lines().collect();
            let wrapped = lines.iter().skip(1).any(|l| l.trim_start().starts_with(|c: char| c.is_lowercase()));
            if wrapped || (commits_in_prose && lines.len() == 1) {
                // Prose: each sentence that commits to doing something.
                for s in super::sentences(&super::blocks::join_lines(&b.source)) {
                    if signs_off(&s) {
                        continue;
                    }
                    if let Some(items) = enumerated(&s).filter(|_| commits(&s)) {
                        let item = |text| Item { text, line: b.line, checked: None, children: Vec::new() };
                        out.extend(items.into_iter().filter_map(|t| from_item(&item(t), category)));
                    } else if s.len() <= 400 {
                        // One paragraph of commitments: each clause that
                        // commits. Several: each committing sentence is one
                        // follow-up, however many clauses it has, and a
                        // paragraph on one line is one follow-up whose
                        // later sentences tell more of it.
                        let found = match committing {
                            0 | 1 => commitments(&s),
                            _ if commits(&s) => vec![s.clone()],
                            _ => Vec::new(),
                        };
                        let one_each = committing >= 2 && !wrapped && !found.is_empty();
                        let item = |text| Item { text, line: b.line, checked: None, children: Vec::new() };
                        out.extend(found.into_iter().filter_map(|t| from_item(&item(t), category)));
                        if one_each {
                            break;
                        }
                    }
                }
                continue;
            }
            if signs_off(&b.source) {
                continue;
            }
            // `**Runbook:** We created an incident runbook. It walks …`: a
            // paragraph led by a bold label is one follow-up.
            if lines.len() == 1 && bold_label(lines[0]).is_some() {
                let first = super::sentences(lines[0]).into_iter().next().unwrap_or_default();
                out.extend(from_item(&Item { text: first, line: b.line, checked: None, children: Vec::new() }, category));
                continue;
            }
            // Plain-text exports: one action per line of the section's
            // paragraphs; not a line of prose telling what happened
            // (`Once it was found, we rolled back. Errors fell.`).
            for (i, line) in lines.iter().enumerate() {
                // `a) Firmware updates are tested for 2 weeks. (Responsible:
                // Mr. Haberland)`: a lettered or numbered item, whatever its
                // sentences.
                let (labelled, text) = match enumeration_label(line.trim()) {
                    Some(rest) => (true, rest),
                    None => (false, line.trim()),
                };
                let item = Item { text: text.to_string(), line: b.line + i, checked: None, children: Vec::new() };
                if item.text.len() >= 8 && item.text.len() <= 300 && (labelled || super::sentences(&item.text).len() < 2) {
                    out.extend(from_item(&item, category));
                }
            }
        }
    }
    out
}

/// The paragraphs under one sub-heading of an action section.
struct GroupLines<'b> {
    category: Option<ActionKind>,
    lines: Vec<&'b Block>,
    /// Whether the group has a list, a table or anything but paragraphs:
    /// then its paragraphs introduce or explain, and are not actions.
    listed: bool,
}

impl GroupLines<'_> {
    /// A group of one-line paragraphs and nothing else: each line an
    /// action, to go at `at` in the section's actions.
    fn flush(self, at: usize, into: &mut Vec<(usize, ActionItem)>) {
        let one_line = |b: &&Block| !b.source.trim().contains('\n');
        if self.listed || self.lines.is_empty() || !self.lines.iter().all(one_line) {
            return;
        }
        for b in self.lines {
            let text = b.source.trim();
            // A bare link names no action.
            let bare_link = !text.contains(' ') && (text.contains("://") || text.starts_with('<') || text.starts_with('['));
            if (12..=300).contains(&text.len()) && !signs_off(text) && !bare_link {
                let item = Item { text: text.to_string(), line: b.line, checked: None, children: Vec::new() };
                into.extend(from_item(&item, self.category).map(|a| (at, a)));
            }
        }
    }
}

/// The items of an enumeration written in running text: `(a) move the
/// volume, (b) add an alert, and (c) document it` (also `(1)`, `(i)`, `1)`),
/// each with its joining `and`/`or` and trailing punctuation removed;
/// `None` unless at least two labels follow in order from the first.
fn enumerated(text: &str) -> Option<Vec<String>> {
    const SERIES: [&[&str]; 3] = [
        &["a", "b", "c", "d", "e", "f", "g", "h"],
        &["1", "2", "3", "4", "5", "6", "7", "8", "9"],
        &["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"],
    ];
    for series in SERIES {
        for bracketed in [true, false] {
            let marker = |label: &str| if bracketed { format!("({label})") } else { format!(" {label}) ") };
            let mut at: Vec<(usize, usize)> = Vec::new();
            let mut from = 0;
            for label in series {
                let m = marker(label);
                let Some(i) = text[from..].find(&m).map(|i| i + from) else { break };
                at.push((i, i + m.len()));
                from = i + m.len();
            }
            if at.len() < 2 {
                continue;
            }
            let items: Vec<String> = at
                .iter()
                .enumerate()
                .map(|(k, &(_, start))| {
                    let end = at.get(k + 1).map_or(text.len(), |n| n.0);
                    let mut t = text[start..end].trim().trim_end_matches([',', ';', '.']).trim_end();
                    for joiner in [" and", " or", ", and", ", or"] {
                        t = t.strip_suffix(joiner).unwrap_or(t);
                    }
                    let t = t.trim_end_matches([',', ';']).trim();
                    // The last item ends with its sentence.
                    let t = if k + 1 == at.len() { t.split_once(". ").map_or(t, |(a, _)| a) } else { t };
                    t.to_string()
                })
                .filter(|t| t.len() >= 8)
                .collect();
            return (items.len() >= 2).then_some(items);
        }
    }
    None
}

/// Phrases with which prose commits to future work.
const INTENTIONS: &[&str] = &[
    "we will ",
    "we'll ",
    "we’ll ",
    "we are going to",
    "we're going to",
    "we’re going to",
    "we plan to",
    "we intend to",
    "we need to",
    "we should ",
    "we are considering",
    "we're considering",
    "we are adding",
    "we're adding",
    "we have added",
    "we've added",
    "we are working on",
    "we're working on",
    "we are evaluating",
    "will be added",
    "we are introducing",
    "we have introduced",
    // `The first change is …`, `The second change is to use …`, `Lastly, a
    // change needs to be made …`: changes counted out in prose.
    "the first change",
    "the second change",
    "the third change",
    "the next change",
    "a change needs to",
    "needs to be made",
];

/// The text after an item's label at the start of a line: `a) `, `(b) `,
/// `1) `, `iv) `.
fn enumeration_label(line: &str) -> Option<&str> {
    let t = line.strip_prefix('(').unwrap_or(line);
    let (label, rest) = t.split_once(") ")?;
    let letters = label.len() == 1 && label.chars().all(|c| c.is_ascii_lowercase());
    let digits = (1..=2).contains(&label.len()) && label.chars().all(|c| c.is_ascii_digit());
    let roman = (1..=4).contains(&label.len()) && label.chars().all(|c| matches!(c, 'i' | 'v' | 'x'));
    (letters || digits || roman).then_some(rest.trim_start())
}

/// Whether a sentence commits to future work ([`INTENTIONS`]).
fn commits(sentence: &str) -> bool {
    let lower = sentence.to_lowercase();
    INTENTIONS.iter().any(|c| lower.contains(c))
}

/// The commitments of one sentence: none unless it [`commits`], else the
/// sentence, or each of its clauses when it joins several (`…, and we will
/// open a case with the vendor`).
fn commitments(sentence: &str) -> Vec<String> {
    if !commits(sentence) {
        return Vec::new();
    }
    const JOINS: [&str; 6] = [", and we will ", "; and we will ", "; we will ", " and we will ", ", and we'll ", "; we'll "];
    let lower = sentence.to_lowercase();
    let mut cuts: Vec<(usize, usize)> =
        JOINS.iter().flat_map(|j| lower.match_indices(j).map(move |(i, _)| (i, i + j.find("we").unwrap_or(0)))).collect();
    cuts.sort_unstable();
    cuts.dedup_by_key(|c| c.0);
    let mut out = Vec::new();
    let mut from = 0;
    for (end, next) in cuts {
        if end < from {
            continue;
        }
        out.push(sentence[from..end].trim().to_string());
        from = next;
    }
    out.push(sentence[from..].trim().to_string());
    out.into_iter()
        .map(|c| {
            let mut chars = c.chars();
            chars.next().map_or(String::new(), |f| f.to_uppercase().chain(chars).collect())
        })
        .collect()
}

/// `3) Disk alerts added`, `2. Rotate keys`: the text after a heading's number.
fn numbered(heading: &str) -> Option<&str> {
    let t = heading.trim();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let rest = t[digits..].strip_prefix([')', '.'])?.trim_start();
    (rest.len() >= 8 && super::sections::role_of(rest).is_none()).then_some(rest)
}

/// A sub-heading over a list of problems found, not of actions:
/// `Identified problems`, `Gaps`, `What went wrong`, `Findings`.
fn lists_problems(heading: &str) -> bool {
    let h = heading.to_lowercase();
    ["problems", "identified issues", "issues identified", "gaps", "went wrong", "weaknesses", "findings"].iter().any(|w| h.contains(w))
}

/// The label a line opens with in bold, ending with a colon (`**Runbook:**
/// …`, `**Documentation**: …`).
fn bold_label(line: &str) -> Option<&str> {
    let rest = line.trim_start().strip_prefix("**")?;
    let end = rest.find("**")?;
    let label = rest[..end].trim_end_matches(':');
    let colon = rest[..end].ends_with(':') || rest[end + 2..].starts_with(':');
    // `**Result:** No improvement.`, `**After restart:** …`: what came of
    // something, not work to do.
    let first = label.split_whitespace().next().unwrap_or("").to_lowercase();
    let told = matches!(
        first.as_str(),
        "result"
            | "results"
            | "outcome"
            | "status"
            | "note"
            | "notes"
            | "impact"
            | "effect"
            | "after"
            | "before"
            | "why"
            | "cause"
            | "context"
            | "background"
            | "observation"
            | "observations"
            | "finding"
            | "findings"
    );
    (colon && !told && (2..=40).contains(&label.chars().count())).then_some(label)
}

/// A closing paragraph that apologises, thanks or invites questions: not a
/// follow-up.
fn signs_off(paragraph: &str) -> bool {
    let p = paragraph.to_lowercase();
    [
        "apologi",
        "we are sorry",
        "we're sorry",
        "thank you",
        "any questions",
        "please contact",
        "don't hesitate",
        "do not hesitate",
        // A signature: `quintus, on behalf of the TSC team`.
        "on behalf of",
        "thanks to",
        "thanks for",
        "thanks again",
        "grateful",
        // A make-good for customers: `If you were affected …, customers
        // on plans with an SLA will receive credits automatically.`
        "if you were affected",
        "if you were impacted",
        "receive credits",
        "receive a credit",
        "service credit",
        "your account team",
        // A mail archive's signature and attachment notes.
        "next part",
        "attachment was scrubbed",
        // What was decided against.
        "not going to do",
        "we will not ",
        "we won't ",
    ]
    .iter()
    .any(|w| p.contains(w))
        // A mail signature (`--` / `Nils`).
        || p.trim_start().starts_with("--")
}

/// A heading that groups actions (by kind, time frame or state) rather
/// than naming one: `Prevention`, `Short term`, `Long-term`, `Completed`.
fn groups_actions(heading: &str) -> bool {
    let h = heading.to_lowercase().replace('-', " ");
    // `Monitoring`, `Process and documentation`, `Alerting improvements`;
    // not `Clearer status communication`, which names one action.
    let words: Vec<&str> =
        h.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit())).collect();
    let filler =
        |w: &str| matches!(w, "and" | "improvements" | "improvement" | "changes" | "actions" | "items" | "work" | "tasks" | "related");
    let names_a_kind = category_kind(heading).is_some() && words.iter().all(|w| filler(w) || category_kind(w).is_some());
    names_a_kind
        || [
            "short term",
            "long term",
            "medium term",
            "mid term",
            "near term",
            "immediate",
            "ongoing",
            "completed",
            "in progress",
            "future",
            "next",
        ]
        .iter()
        .any(|w| h.contains(w))
}

fn category_kind(heading: &str) -> Option<ActionKind> {
    let h = heading.to_lowercase();
    if h.contains("process") || h.contains("documentation") || h.contains("training") || h.contains("communication") {
        Some(ActionKind::Process)
    } else if h.contains("prevent") || h.contains("monitoring") || h.contains("alerting") || h.contains("detect") {
        Some(ActionKind::Prevent)
    } else if h.contains("mitigat") {
        Some(ActionKind::Mitigate)
    } else if h.contains("repair") || h.contains("fix") || h.contains("corrective") {
        Some(ActionKind::Repair)
    } else {
        None
    }
}

fn is_placeholder(text: &str) -> bool {
    let t = text.trim().trim_matches(|c: char| c == '*' || c == '_' || c == '.').to_lowercase();
    t.is_empty()
        || matches!(t.as_str(), "tbd" | "tba" | "n/a" | "na" | "none" | "-" | "—" | "todo" | "...")
        || t.starts_with("these are only sample")
        || t.starts_with("add action items here")
}

fn from_item(item: &Item, category: Option<ActionKind>) -> Option<ActionItem> {
    if is_placeholder(&item.text) || item.text.trim_end().ends_with(':') && item.children.is_empty() && item.text.len() < 40 {
        return None;
    }
    // A page's navigation kept with the text (a mail archive's `Previous
    // message`, a blog's `Next post`).
    let bare = item.text.trim_start_matches(['*', '_', ' ']).to_ascii_lowercase();
    if ["previous message", "next message", "messages sorted by", "previous post", "next post", "older post", "newer post"]
        .iter()
        .any(|n| bare.starts_with(n))
    {
        return None;
    }
    // `- staticshare`, ``- `COPYRIGHT_QUERY` ``: a name listed, no work.
    let token = item.text.trim().trim_matches(['`', '*', '_']);
    // (A link or a ticket's id, `https://…/issues/320`, `OPS-12`, is one.)
    let reference = token.contains("](") || token.contains("://") || token.contains(|c: char| c.is_ascii_digit());
    // (Chinese and Japanese write a whole task without a space.)
    if item.children.is_empty() && !token.is_empty() && token.is_ascii() && !token.contains(char::is_whitespace) && !reference {
        return None;
    }
    let mut status = match item.checked {
        Some(true) => ActionStatus::Done,
        _ => ActionStatus::Open,
    };
    let mut text = item.text.clone();
    // `(DONE)`, `(done)`, `_done in grafana_`, `(issue created)`
    for (marker, s) in [
        ("(done)", ActionStatus::Done),
        ("(completed)", ActionStatus::Done),
        ("(in progress)", ActionStatus::InProgress),
        ("(wip)", ActionStatus::InProgress),
        ("(won't do)", ActionStatus::WontDo),
        ("(wontfix)", ActionStatus::WontDo),
    ] {
        if let Some(i) = text.to_ascii_lowercase().find(marker) {
            status = s;
            text.replace_range(i..i + marker.len(), "");
        }
    }
    let text = unbold_lead(text.trim());
    let due = due_date(&text);
    // A status field among the item's fields: `… Owner: Ana. Done.`,
    // `— Status: in progress`.
    if item.checked.is_none() && status == ActionStatus::Open {
        let lower = text.to_ascii_lowercase();
        let field = |words: &[&str]| {
            words.iter().any(|w| [". ", " — ", " – ", " - ", "status: ", "| "].iter().any(|p| lower.contains(&format!("{p}{w}"))))
        };
        if field(&["done.", "done)", "completed.", "complete."]) || lower.trim_end().ends_with(". done") {
            status = ActionStatus::Done;
        } else if field(&["in progress"]) {
            status = ActionStatus::InProgress;
        }
    }
    let (title, owner) = split_owner(&text);
    let (tracker, url) = tracker_and_url(&item.text);
    let details: Vec<&str> = item.children.iter().map(|c| c.text.as_str()).collect();
    let (tracker, url) = if tracker.is_none() && url.is_none() { tracker_and_url(&details.join(" ")) } else { (tracker, url) };
    Some(ActionItem {
        title: title.trim().trim_end_matches([',', ';']).to_string(),
        owner,
        status,
        due,
        kind: category,
        tracker,
        url,
        phase: category.map(crate::model::ActionPhase::from_kind),
        done: None,
        line: item.line,
    })
}

fn table(header: &[String], rows: &[Row]) -> Vec<ActionItem> {
    let col = |words: &[&str]| {
        header.iter().position(|h| {
            let h = h.to_lowercase();
            words.iter().any(|w| h.split(|c: char| !c.is_alphanumeric()).any(|x| x == *w))
        })
    };
    let named_title = col(&[
        "action",
        "item",
        "task",
        "what",
        "description",
        "remediation",
        "follow",
        "todo",
        "title",
        "内容",
        "アクション",
        "対応",
        "タスク",
        "措施",
        "行动",
    ]);
    let owner_col = col(&["owner", "assignee", "who", "responsible", "assigned", "team", "担当", "担当者", "负责人", "责任人"]);
    let status_col = col(&["status", "state", "done", "ステータス", "状態", "状态"]);
    let tracker_col = col(&["ticket", "bug", "issue", "tracker", "jira", "link", "pr"]);
    let due_col = col(&["due", "deadline", "eta", "by", "target", "期限", "截止"]);
    // A table of data an action section shows (`| Type | Name |` of DNS
    // records, a resolver's fields) names none of an action's columns.
    if named_title.is_none() && owner_col.is_none() && status_col.is_none() && tracker_col.is_none() && due_col.is_none() {
        return Vec::new();
    }
    let title_col = named_title.unwrap_or(0);
    let kind_col = col(&["type", "kind", "category", "priority"]).filter(|&k| Some(k) != status_col);
    let mut out = Vec::new();
    for row in rows {
        let cell = |i: Option<usize>| i.and_then(|i| row.cells.get(i)).map(|s| s.trim()).filter(|s| !s.is_empty() && !is_placeholder(s));
        let Some(title) = cell(Some(title_col)) else { continue };
        let (tracker, url) = match cell(tracker_col) {
            Some(t) => tracker_and_url(t),
            None => tracker_and_url(title),
        };
        let tracker = tracker.or_else(|| cell(tracker_col).filter(|t| !t.contains('(') && t.len() < 30).map(str::to_string));
        out.push(ActionItem {
            title: title.to_string(),
            owner: cell(owner_col).map(str::to_string),
            status: cell(status_col).and_then(ActionStatus::parse).unwrap_or(ActionStatus::Open),
            due: cell(due_col).and_then(|d| parse_date(d).ok()),
            kind: cell(kind_col).and_then(ActionKind::parse),
            tracker,
            url,
            phase: cell(kind_col).and_then(ActionKind::parse).map(crate::model::ActionPhase::from_kind),
            done: None,
            line: row.line,
        });
    }
    out
}

#[cfg(test)]
mod tests;
