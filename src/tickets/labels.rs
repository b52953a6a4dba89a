//! What a ticket says about its incident: the phase, severity, services,
//! teams and factors its labels map to (`[import.labels]`), and the action
//! items in its text (task lists and linked follow-up issues).

use super::Ticket;
use crate::config::Config;
use crate::model::Status;

/// The fields an `[import.labels]` entry may set.
pub const LABEL_FIELDS: &[&str] = &["status", "severity", "services", "teams", "contributing_factors", "tags"];

/// `"severity: SEV-2"` → `("severity", "SEV-2")`, when the field is one of
/// [`LABEL_FIELDS`] and the value is not empty.
pub fn label_target(text: &str) -> Option<(&'static str, &str)> {
    let (field, value) = text.split_once(':')?;
    let field = LABEL_FIELDS.iter().find(|f| **f == field.trim())?;
    let value = value.trim();
    (!value.is_empty()).then_some((field, value))
}

/// Why an `[import.labels]` entry is wrong, if one is: `(label, message)`.
pub fn check_labels(cfg: &Config) -> Option<(String, String)> {
    for (label, target) in &cfg.import.labels {
        match label_target(target) {
            None => {
                return Some((
                    label.clone(),
                    format!(
                        "[import.labels] `{label}` = `{target}`: write \"field: value\", with a field among {}",
                        LABEL_FIELDS.join(", ")
                    ),
                ));
            }
            Some(("status", v)) if Status::parse(v).is_none() => {
                return Some((
                    label.clone(),
                    format!("[import.labels] `{label}`: `{v}` is not a status (active, mitigated, resolved, closed)"),
                ));
            }
            _ => {}
        }
    }
    None
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

    /// A ticket of project `p` with this body, state and one comment.
    fn ticket(body: &str, open: bool, comment: &str) -> Ticket {
        Ticket {
            project: "p".into(),
            number: 1,
            title: "t".into(),
            body: body.into(),
            open,
            created: None,
            labels: vec![],
            url: None,
            assignees: vec![],
            author: None,
            severity_rank: None,
            comments: vec![comment.into()],
        }
    }

    #[test]
    fn linked_follow_ups() {
        let t = ticket(
            "Fixed by !12.\nFollow-up: #45 alert on rebalance loops\n\nFollow-ups:\n- ci-project/upt#99 retry aborted jobs\n- no issue here\n\nSee #3.\n",
            false,
            "Follow up in https://gitlab.example.com/g/p/-/issues/7",
        );
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
        let t = ticket("AC:\n- [x] fix config\n- [ ] document recovery\n```\n- [ ] not a task\n```\n", true, "* [ ] add monitoring");
        assert_eq!(
            tasks(&t),
            [("fix config".to_string(), true), ("document recovery".to_string(), false), ("add monitoring".to_string(), false)]
        );
    }
}
