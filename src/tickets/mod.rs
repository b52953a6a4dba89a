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

mod labels;
mod read;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

pub use labels::{FollowUp, LABEL_FIELDS, Mapped, check_labels, follow_ups, label_target, map, phase_label, tasks};
pub use read::{Ticket, TicketError, Tracker, parse};

use crate::config::Config;
use crate::model::Status;
use crate::slug::slugify;

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
    fn status_line_is_the_only_change() {
        let text = "---\nid: x\ntitle: y\nstatus: active   # follows the ticket\nimpact:\n  started: 2024-01-01 10:00 UTC\n---\n\nBody status: active\n";
        let new = with_status(text, Status::Mitigated).unwrap();
        assert_eq!(new, text.replacen("status: active   #", "status: mitigated   #", 1));
        assert!(new.ends_with("Body status: active\n"));
        assert_eq!(with_status(&new, Status::Mitigated), None);
        let toml = "+++\ntitle = \"y\"\n+++\ntext\n";
        assert_eq!(with_status(toml, Status::Closed).unwrap(), "+++\ntitle = \"y\"\nstatus = \"closed\"\n+++\ntext\n");
    }
}
