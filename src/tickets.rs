//! Incident tickets in: `pmbook import --from gitlab-issues FILE.json` and
//! `--from github-issues FILE.json` turn an issue tracker's list of issues
//! into post-mortem stubs.
//!
//! The input is what the tracker's API returns for a list of issues (GitLab's
//! `GET /projects/:id/issues`, GitHub's `GET /repos/:owner/:repo/issues`) or
//! what `gh issue list --json …` prints. Each issue becomes a stub with its
//! title, date, phase, severity, services, teams and factors (from its
//! labels, through `[import.labels]`), its description as the body, its URL
//! as the `ticket` link, and the task-list items of its description and
//! comments as action items.
//!
//! A stub that exists already (found by its `ticket` URL) is not rewritten:
//! only its `status` line follows the ticket, so everything a person added
//! (milestone times, the root cause, the text) stays as it is.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde_json::Value;

use crate::config::{Config, label_target};
use crate::model::Status;
use crate::slug::slugify;

/// The trackers whose issue lists `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tracker {
    /// GitLab's issues API.
    Gitlab,
    /// GitHub's issues API, or `gh issue list --json`.
    Github,
}

/// A ticket file that cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum TicketError {
    /// Not JSON.
    #[error("{}:{line}:{column}: not valid JSON: {message}", path.display())]
    Json {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// serde_json's message.
        message: String,
    },
    /// JSON, but not a list of issues.
    #[error("{}: {message}", path.display())]
    Shape {
        /// The file.
        path: PathBuf,
        /// What is wrong, naming the issue by its position.
        message: String,
    },
}

/// One issue, whatever the tracker.
#[derive(Debug, Clone, PartialEq)]
pub struct Ticket {
    /// The project (repository) name, e.g. `umb-messenger`.
    pub project: String,
    /// The issue number in its project (GitLab's `iid`).
    pub number: u64,
    /// Title.
    pub title: String,
    /// Description, Markdown.
    pub body: String,
    /// Still open.
    pub open: bool,
    /// When it was opened.
    pub created: Option<DateTime<FixedOffset>>,
    /// Label names.
    pub labels: Vec<String>,
    /// Web URL.
    pub url: Option<String>,
    /// Assignees' names (or logins).
    pub assignees: Vec<String>,
    /// The author's name (or login).
    pub author: Option<String>,
    /// GitLab's incident severity as a rank (CRITICAL = 1 … LOW = 4).
    pub severity_rank: Option<usize>,
    /// Comment bodies, when the JSON has them (`gh issue list --json comments`).
    pub comments: Vec<String>,
}

fn text<'a>(v: &'a Value, keys: &[&str]) -> Option<&'a str> {
    keys.iter().find_map(|k| v.get(*k).and_then(Value::as_str))
}

fn person(v: &Value) -> Option<String> {
    text(v, &["name"]).filter(|n| !n.is_empty()).or_else(|| text(v, &["username", "login"])).map(str::to_string)
}

/// The project name from a web URL: the path segment before `/-/issues/`
/// (GitLab) or `/issues/` (GitHub).
fn project_of(url: &str) -> Option<String> {
    let path = url.split("://").nth(1)?;
    let segments: Vec<&str> = path.split('/').collect();
    let at = segments.iter().position(|s| *s == "issues")?;
    segments[..at].iter().rev().find(|s| **s != "-" && !s.is_empty()).map(|s| s.to_string())
}

/// Read a tracker's JSON list of issues. Pull requests in a GitHub list are
/// skipped.
pub fn parse(tracker: Tracker, json: &str, path: &Path) -> Result<Vec<Ticket>, TicketError> {
    let v: Value = serde_json::from_str(json).map_err(|e| TicketError::Json {
        path: path.to_path_buf(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    let shape = |message: String| TicketError::Shape { path: path.to_path_buf(), message };
    let items =
        v.as_array().ok_or_else(|| shape("expected a JSON array of issues, as the API or `gh issue list --json` returns".into()))?;
    let mut out = Vec::new();
    for (n, item) in items.iter().enumerate() {
        if item.get("pull_request").is_some() {
            continue;
        }
        let title = text(item, &["title"]).ok_or_else(|| shape(format!("issue {} (position {n}) has no `title`", n + 1)))?;
        let number = item
            .get(if tracker == Tracker::Gitlab { "iid" } else { "number" })
            .and_then(Value::as_u64)
            .ok_or_else(|| shape(format!("issue \"{title}\" has no `{}`", if tracker == Tracker::Gitlab { "iid" } else { "number" })))?;
        let url = text(item, &["web_url", "html_url", "url"]).filter(|u| u.starts_with("http")).map(str::to_string);
        let project = match tracker {
            Tracker::Gitlab => item
                .pointer("/references/full")
                .and_then(Value::as_str)
                .and_then(|r| r.split('#').next())
                .and_then(|p| p.rsplit('/').next())
                .map(str::to_string)
                .or_else(|| url.as_deref().and_then(project_of))
                .or_else(|| item.get("project_id").and_then(Value::as_u64).map(|p| format!("project-{p}"))),
            Tracker::Github => url.as_deref().and_then(project_of),
        }
        .unwrap_or_else(|| "issue".into());
        let state = text(item, &["state"]).unwrap_or("open").to_ascii_lowercase();
        let labels = item
            .get("labels")
            .and_then(Value::as_array)
            .map(|ls| ls.iter().filter_map(|l| l.as_str().or_else(|| text(l, &["name"]))).map(str::to_string).collect())
            .unwrap_or_default();
        let people = |key: &str| -> Vec<String> {
            item.get(key).and_then(Value::as_array).map(|a| a.iter().filter_map(person).collect()).unwrap_or_default()
        };
        let created = text(item, &["created_at", "createdAt"]).and_then(|t| DateTime::parse_from_rfc3339(t).ok());
        let severity_rank = text(item, &["severity"]).and_then(|s| match s.to_ascii_uppercase().as_str() {
            "CRITICAL" => Some(1),
            "HIGH" => Some(2),
            "MEDIUM" => Some(3),
            "LOW" => Some(4),
            _ => None,
        });
        let comments = item
            .get("comments")
            .and_then(Value::as_array)
            .map(|cs| cs.iter().filter_map(|c| text(c, &["body"])).map(str::to_string).collect())
            .unwrap_or_default();
        out.push(Ticket {
            project,
            number,
            title: title.to_string(),
            body: text(item, &["description", "body"]).unwrap_or_default().replace("\r\n", "\n"),
            open: !matches!(state.as_str(), "closed"),
            created,
            labels,
            url,
            assignees: people("assignees"),
            author: item.get("author").or_else(|| item.get("user")).and_then(person),
            severity_rank,
            comments,
        });
    }
    Ok(out)
}

/// What the labels (and the ticket's state) say.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mapped {
    /// The phase.
    pub status: Option<Status>,
    /// Severity, as the scale names it.
    pub severity: Option<String>,
    /// Services.
    pub services: Vec<String>,
    /// Teams.
    pub teams: Vec<String>,
    /// Contributing factors.
    pub contributing_factors: Vec<String>,
    /// Tags.
    pub tags: Vec<String>,
}

/// The phase a label names by its last word (`CWF::Incident Mitigated`,
/// `phase: resolved`, `incident::closed`).
pub fn phase_label(label: &str) -> Option<Status> {
    let last = label.split(|c: char| !c.is_alphanumeric()).rfind(|w| !w.is_empty())?;
    Status::ALL.into_iter().find(|s| s.as_str().eq_ignore_ascii_case(last))
}

/// Map a ticket's labels through `[import.labels]`. A label the table does
/// not map sets the phase when its last word is a phase name; without any
/// phase, a closed ticket is `closed` and an open one `active`. Without a
/// severity label, GitLab's incident severity picks the level of that rank.
pub fn map(ticket: &Ticket, cfg: &Config) -> Mapped {
    let mut m = Mapped::default();
    let add = |list: &mut Vec<String>, v: &str| {
        if !list.iter().any(|x| x == v) {
            list.push(v.to_string());
        }
    };
    let mut phase_from_words = None;
    for label in &ticket.labels {
        match cfg.import.labels.get(label).and_then(|t| label_target(t)) {
            Some(("status", v)) => m.status = m.status.max(Status::parse(v)),
            Some(("severity", v)) => m.severity = Some(cfg.severity(v).map_or(v.to_string(), |(_, l)| l.name.clone())),
            Some(("services", v)) => add(&mut m.services, v),
            Some(("teams", v)) => add(&mut m.teams, v),
            Some(("contributing_factors", v)) => add(&mut m.contributing_factors, v),
            Some((_, v)) => add(&mut m.tags, v),
            None => phase_from_words = phase_from_words.max(phase_label(label)),
        }
    }
    m.status = m.status.or(phase_from_words).or(Some(if ticket.open { Status::Active } else { Status::Closed }));
    if m.severity.is_none() {
        m.severity = ticket.severity_rank.and_then(|r| cfg.severities.get(r - 1)).map(|l| l.name.clone());
    }
    m
}

/// Task-list items (`- [ ] …`, `- [x] …`) of the description and comments:
/// (title, done).
pub fn tasks(ticket: &Ticket) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::new();
    for text in std::iter::once(&ticket.body).chain(&ticket.comments) {
        let mut fenced = false;
        for line in text.lines() {
            let t = line.trim_start();
            if t.starts_with("```") || t.starts_with("~~~") {
                fenced = !fenced;
            }
            let rest = t.strip_prefix("- [").or_else(|| t.strip_prefix("* [")).filter(|_| !fenced);
            let Some(rest) = rest else { continue };
            let (done, title) = match rest.get(..2) {
                Some("x]") | Some("X]") => (true, &rest[2..]),
                Some(" ]") => (false, &rest[2..]),
                _ => continue,
            };
            let title = title.trim();
            if !title.is_empty() && !out.iter().any(|(t, _)| t == title) {
                out.push((title.to_string(), done));
            }
        }
    }
    out
}

/// A linked issue named as a follow-up in the description or a comment.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowUp {
    /// What the line says, without its list marker and `Follow-up:`.
    pub title: String,
    /// The issue reference (`#45`, `group/project#12`) or the issue's URL.
    pub tracker: String,
    /// The issue's URL, when the line gives one.
    pub url: Option<String>,
}

/// Linked issues named as follow-ups: a line that says "follow-up" (or
/// "follow up") and names an issue (`#45`, `group/project#12`, or an
/// `…/issues/12` URL), and the list items with an issue under a
/// `Follow-ups:` line. Task-list items are left to [`tasks`].
pub fn follow_ups(ticket: &Ticket) -> Vec<FollowUp> {
    static REF: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = REF.get_or_init(|| {
        regex::Regex::new(r"(https?://\S+/issues/\d+)|((?:[A-Za-z0-9_.-]+/)*[A-Za-z0-9_.-]*#\d+)")
            .unwrap_or_else(|_| unreachable!("a valid pattern"))
    });
    let is_heading = |l: &str| {
        let w = l.trim().trim_end_matches(':').to_ascii_lowercase().replace([' ', '-'], "");
        matches!(w.as_str(), "followup" | "followups")
    };
    let mut out: Vec<FollowUp> = Vec::new();
    for text in std::iter::once(&ticket.body).chain(&ticket.comments) {
        let (mut fenced, mut in_list) = (false, false);
        for line in text.lines() {
            let t = line.trim();
            if t.starts_with("```") || t.starts_with("~~~") {
                fenced = !fenced;
            }
            if fenced || t.starts_with("- [") || t.starts_with("* [") {
                continue;
            }
            if is_heading(t) {
                in_list = true;
                continue;
            }
            let item = t.strip_prefix("- ").or_else(|| t.strip_prefix("* "));
            in_list &= item.is_some() || t.is_empty();
            let lower = t.to_ascii_lowercase();
            let says = lower.contains("follow-up") || lower.contains("follow up") || lower.contains("followup");
            if !(says || in_list && item.is_some()) {
                continue;
            }
            let Some(m) = re.find(t) else { continue };
            let tracker = m.as_str().trim_end_matches(['.', ',', ')', '>']).to_string();
            let mut title = item.unwrap_or(t).to_string();
            for prefix in ["follow-up:", "follow up:", "followup:", "follow-up", "follow up"] {
                if title.to_ascii_lowercase().starts_with(prefix) {
                    title = title[prefix.len()..].trim().to_string();
                }
            }
            let title = title
                .replace(&tracker, "")
                .trim()
                .trim_matches(|c: char| c == ':' || c == '-' || c == '—' || c.is_whitespace())
                .to_string();
            // Words left around the reference ("in", "tracked in") say nothing.
            let filler = ["tracked", "in", "at", "see", "is", "by"];
            let words: Vec<&str> = title.split_whitespace().skip_while(|w| filler.contains(&w.to_ascii_lowercase().as_str())).collect();
            let title = if words.is_empty() { format!("Follow-up {tracker}") } else { words.join(" ") };
            if !out.iter().any(|f| f.tracker == tracker) {
                let url = tracker.starts_with("http").then(|| tracker.clone());
                out.push(FollowUp { title, tracker, url });
            }
        }
    }
    out
}

/// The id of a ticket's stub: `umb-messenger#29`.
pub fn stub_id(t: &Ticket) -> String {
    format!("{}#{}", t.project, t.number)
}

fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// The text of a new stub.
pub fn stub(t: &Ticket, m: &Mapped) -> String {
    let mut out = String::from("---\n");
    let _ = writeln!(out, "id: {}", q(&stub_id(t)));
    let _ = writeln!(out, "title: {}", q(&t.title));
    if let Some(c) = t.created {
        let _ = writeln!(out, "date: {}", c.date_naive());
    }
    let _ =
        writeln!(out, "status: {}   # follows the ticket: `pmbook import` updates this line", m.status.unwrap_or(Status::Active).as_str());
    if let Some(s) = &m.severity {
        let _ = writeln!(out, "severity: {}", q(s));
    }
    for (key, items) in
        [("services", &m.services), ("teams", &m.teams), ("contributing_factors", &m.contributing_factors), ("tags", &m.tags)]
    {
        if !items.is_empty() {
            let _ = writeln!(out, "{key}: [{}]", items.iter().map(|i| q(i)).collect::<Vec<_>>().join(", "));
        }
    }
    if let Some(a) = &t.author {
        let _ = writeln!(out, "authors: [{}]", q(a));
    }
    if let Some(u) = &t.url {
        let _ = writeln!(out, "ticket: {}", q(u));
    }
    out.push_str("# The ticket gives the phase, not the times: add the milestones from its history, e.g.\n");
    out.push_str("# impact:\n#   started: YYYY-MM-DD HH:MM ZONE\n");
    if let Some(c) = t.created {
        let _ = writeln!(out, "#   detected: {}   # the ticket was opened", c.to_rfc3339());
    }
    out.push_str("#   mitigated: YYYY-MM-DD HH:MM ZONE\n#   resolved: YYYY-MM-DD HH:MM ZONE\n");
    let tasks = tasks(t);
    let follow = follow_ups(t);
    if !tasks.is_empty() || !follow.is_empty() {
        out.push_str("action_items:   # the ticket's task list and linked follow-ups\n");
        let owner = t.assignees.first().or(t.author.as_ref());
        let items = tasks
            .into_iter()
            .map(|(title, done)| (title, done, None))
            .chain(follow.into_iter().map(|f| (f.title, false, Some((f.tracker, f.url)))));
        for (title, done, link) in items {
            let _ = writeln!(out, "  - title: {}\n    status: {}", q(&title), if done { "done" } else { "open" });
            if let Some(o) = owner {
                let _ = writeln!(out, "    owner: {}", q(o));
            }
            if let Some((tracker, url)) = link {
                match url {
                    Some(u) => {
                        let _ = writeln!(out, "    url: {}", q(&u));
                    }
                    None => {
                        let _ = writeln!(out, "    tracker: {}", q(&tracker));
                    }
                }
            }
        }
    }
    out.push_str("---\n\n");
    out.push_str(t.body.trim());
    out.push('\n');
    out
}

/// `text` with the front matter's top-level `status` set to `status`, and
/// nothing else changed; `None` when it already says so.
pub fn with_status(text: &str, status: Status) -> Option<String> {
    let (yaml, close) = if text.starts_with("---\n") {
        (true, "\n---")
    } else if text.starts_with("+++\n") {
        (false, "\n+++")
    } else {
        return None;
    };
    let end = text[3..].find(close).map(|i| i + 3)?;
    let front = &text[..end];
    let value = status.as_str();
    let mut lines: Vec<String> = front.lines().map(str::to_string).collect();
    let key = if yaml { "status:" } else { "status =" };
    match lines.iter().position(|l| l.starts_with(key)) {
        Some(i) => {
            let current = lines[i][key.len()..].split('#').next().unwrap_or("").trim().trim_matches('"');
            if Status::parse(current) == Some(status) {
                return None;
            }
            // Keep a comment after the value, with the spaces before it.
            let rest = &lines[i][key.len()..];
            let comment = rest.find('#').map(|h| rest[rest[..h].trim_end().len()..].to_string()).unwrap_or_default();
            lines[i] = if yaml { format!("status: {value}{comment}") } else { format!("status = \"{value}\"{comment}") };
        }
        None => {
            let at = lines.iter().position(|l| l.starts_with("title")).map_or(1, |i| i + 1);
            lines.insert(at, if yaml { format!("status: {value}") } else { format!("status = \"{value}\"") });
        }
    }
    Some(format!("{}{}", lines.join("\n"), &text[end..]))
}

/// What import did with one ticket.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// A new stub.
    Created,
    /// The stub's status changed from the first to the second.
    Updated(Option<Status>, Status),
    /// The stub already said what the ticket says.
    Unchanged,
}

/// One ticket's outcome.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// `umb-messenger#29`.
    pub id: String,
    /// The stub.
    pub path: PathBuf,
    /// What happened.
    pub action: Action,
}

/// The stubs under `dir` by their `ticket` URL.
fn existing(dir: &Path) -> Vec<(String, PathBuf)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .filter_map(|e| {
            let text = std::fs::read_to_string(e.path()).ok()?;
            let front = text.strip_prefix("---\n")?;
            let front = &front[..front.find("\n---")?];
            let line = front.lines().find(|l| l.starts_with("ticket:"))?;
            let url = line["ticket:".len()..].split(" #").next()?.trim().trim_matches('"').to_string();
            Some((url, e.path().to_path_buf()))
        })
        .collect()
}

/// Import the tickets of `files` into `into` (as `<year>/<date>-<project>-<number>.md`),
/// or update the status of their existing stubs.
pub fn import(cfg: &Config, tracker: Tracker, files: &[PathBuf], into: &Path) -> crate::Result<Vec<Outcome>> {
    let mut tickets = Vec::new();
    for f in files {
        let json = std::fs::read_to_string(f).map_err(|e| crate::Error::io(f, e))?;
        tickets.extend(parse(tracker, &json, f)?);
    }
    let known = existing(into);
    let mut out = Vec::new();
    for t in &tickets {
        let m = map(t, cfg);
        let status = m.status.unwrap_or(Status::Active);
        let found = t.url.as_ref().and_then(|u| known.iter().find(|(k, _)| k == u)).map(|(_, p)| p.clone());
        let name = format!("{}-{}.md", slugify(&t.project), t.number);
        let path = found.clone().unwrap_or_else(|| match t.created {
            Some(c) => into.join(c.format("%Y").to_string()).join(format!("{}-{name}", c.date_naive())),
            None => into.join(&name),
        });
        let action = if found.is_some() || path.is_file() {
            let text = std::fs::read_to_string(&path).map_err(|e| crate::Error::io(&path, e))?;
            match with_status(&text, status) {
                Some(new) => {
                    let before = text.lines().find(|l| l.starts_with("status")).and_then(|l| {
                        Status::parse(l.split([':', '=']).nth(1).unwrap_or("").split('#').next().unwrap_or("").trim().trim_matches('"'))
                    });
                    std::fs::write(&path, new).map_err(|e| crate::Error::io(&path, e))?;
                    Action::Updated(before, status)
                }
                None => Action::Unchanged,
            }
        } else {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| crate::Error::io(parent, e))?;
            }
            std::fs::write(&path, stub(t, &m)).map_err(|e| crate::Error::io(&path, e))?;
            Action::Created
        };
        out.push(Outcome { id: stub_id(t), path, action });
    }
    Ok(out)
}

/// One line per ticket, and a total.
pub fn report(outcomes: &[Outcome]) -> String {
    let mut out = String::new();
    for o in outcomes {
        let what = match &o.action {
            Action::Created => "created".to_string(),
            Action::Updated(from, to) => format!("status {} → {}", from.map_or("none", Status::as_str), to.as_str()),
            Action::Unchanged => "unchanged".to_string(),
        };
        let _ = writeln!(out, "{:<28} {what:<28} {}", o.id, o.path.display());
    }
    let count = |f: fn(&Action) -> bool| outcomes.iter().filter(|o| f(&o.action)).count();
    let _ = writeln!(
        out,
        "{} ticket(s): {} created, {} updated, {} unchanged",
        outcomes.len(),
        count(|a| *a == Action::Created),
        count(|a| matches!(a, Action::Updated(..))),
        count(|a| *a == Action::Unchanged)
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_from_the_last_word_of_a_label() {
        assert_eq!(phase_label("CWF::Incident Mitigated"), Some(Status::Mitigated));
        assert_eq!(phase_label("phase: resolved"), Some(Status::Resolved));
        assert_eq!(phase_label("incident::closed"), Some(Status::Closed));
        assert_eq!(phase_label("CWF::Type::Incident"), None);
        assert_eq!(phase_label("done"), None);
    }

    #[test]
    fn status_line_is_the_only_change() {
        let text = "---\nid: x\ntitle: y\nstatus: active   # follows the ticket\nimpact:\n  started: 2024-01-01 10:00 UTC\n---\n\nBody status: active\n";
        let new = with_status(text, Status::Mitigated).unwrap();
        assert_eq!(new, text.replacen("status: active   #", "status: mitigated   #", 1));
        assert!(new.ends_with("Body status: active\n"));
        assert_eq!(with_status(&new, Status::Mitigated), None);
        let toml = "+++\ntitle = \"y\"\n+++\ntext\n";
        assert_eq!(with_status(toml, Status::Closed).unwrap(), "+++\ntitle = \"y\"\nstatus = \"closed\"\n+++\ntext\n");
    }

    #[test]
    fn linked_follow_ups() {
        let t = Ticket {
            project: "p".into(),
            number: 1,
            title: "t".into(),
            body: "Fixed by !12.\nFollow-up: #45 alert on rebalance loops\n\nFollow-ups:\n- ci-project/upt#99 retry aborted jobs\n- no issue here\n\nSee #3.\n".into(),
            open: false,
            created: None,
            labels: vec![],
            url: None,
            assignees: vec![],
            author: None,
            severity_rank: None,
            comments: vec!["Follow up in https://gitlab.example.com/g/p/-/issues/7".into()],
        };
        let got: Vec<(String, String)> = follow_ups(&t).into_iter().map(|f| (f.title, f.tracker)).collect();
        assert_eq!(
            got,
            [
                ("alert on rebalance loops".to_string(), "#45".to_string()),
                ("retry aborted jobs".to_string(), "ci-project/upt#99".to_string()),
                (
                    "Follow-up https://gitlab.example.com/g/p/-/issues/7".to_string(),
                    "https://gitlab.example.com/g/p/-/issues/7".to_string()
                ),
            ]
        );
    }

    #[test]
    fn task_lists_outside_code() {
        let t = Ticket {
            project: "p".into(),
            number: 1,
            title: "t".into(),
            body: "AC:\n- [x] fix config\n- [ ] document recovery\n```\n- [ ] not a task\n```\n".into(),
            open: true,
            created: None,
            labels: vec![],
            url: None,
            assignees: vec![],
            author: None,
            severity_rank: None,
            comments: vec!["* [ ] add monitoring".into()],
        };
        assert_eq!(
            tasks(&t),
            [("fix config".to_string(), true), ("document recovery".to_string(), false), ("add monitoring".to_string(), false)]
        );
    }
}
