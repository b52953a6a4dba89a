//! Reading an issue tracker's JSON list of issues: GitLab's issues API,
//! GitHub's REST API and `gh issue list --json`.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde_json::Value;

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
