//! The incident model: what pmbook understood from one post-mortem.
//!
//! One [`Incident`] per file, filled from front matter or recognised in the
//! Markdown body (front matter wins). Its JSON form, printed by
//! `pmbook inspect --format json`, is a stable interface: field names are the front-matter keys (snake_case),
//! times are RFC 3339 with their offset, dates are `YYYY-MM-DD`, durations are
//! whole seconds. Fields are only ever added, never renamed or removed, within
//! a `schema_version`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

/// Version of the JSON shape below. Bumped only on incompatible changes.
pub const SCHEMA_VERSION: u32 = 1;

/// One post-mortem.
#[derive(Debug, Clone, Serialize)]
pub struct Incident {
    /// Unique id: front-matter `id`, else the file stem (e.g. `PM-2024-007`).
    pub id: String,
    /// URL segment: front-matter `slug`, else derived from the id or title.
    /// The incident page is `incidents/<slug>/`.
    pub slug: String,
    /// Title: front-matter `title`, else the first level-1 heading, else the file name.
    pub title: String,
    /// Short plain or Markdown summary.
    pub summary: Option<String>,
    /// Day the incident happened (`date`, else the date of `impact.started`,
    /// else a date in the file name).
    pub date: Option<NaiveDate>,
    /// Day the post-mortem was published, when a blog's front-matter `date`
    /// is later than the day the title or opening paragraphs put the
    /// incident on, or a body's `Date:` line is later than every dated
    /// timeline entry (`date` is then the incident's day). `None` otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<NaiveDate>,
    /// Canonical severity name from the configured scale (e.g. `SEV-2`); an
    /// unrecognised value is kept as written and reported by `check`.
    pub severity: Option<String>,
    /// Position in the severity scale, 1 = most severe; `None` if unknown.
    pub severity_rank: Option<u32>,
    /// Lifecycle phase.
    pub status: Option<Status>,
    /// Affected services (canonical names when a vocabulary is configured).
    pub services: Vec<String>,
    /// Owning or responding teams.
    pub teams: Vec<String>,
    /// Free tags.
    pub tags: Vec<String>,
    /// Contributing factors (canonical names when a vocabulary is configured).
    pub contributing_factors: Vec<String>,
    /// Authors of the post-mortem.
    pub authors: Vec<String>,
    /// Ids of related incidents.
    pub related: Vec<String>,
    /// Id of an earlier incident this one repeats.
    pub recurrence_of: Option<String>,
    /// Link to the incident's ticket in an issue tracker (front-matter
    /// `ticket`, written by `pmbook import --from gitlab-issues` and
    /// `--from github-issues`).
    pub ticket: Option<String>,
    /// The document's declared zone for times written without one (front
    /// matter `timezone`), as an IANA name or `UTC±HH:MM`; `None` when the
    /// document declares none (book.toml's `default-zone` then applies).
    pub timezone: Option<String>,
    /// Impact: milestones, summary and metrics.
    pub impact: Impact,
    /// Durations derived from the milestones.
    pub durations: Durations,
    /// Ordered events.
    pub timeline: Vec<TimelineEvent>,
    /// Root cause, Markdown.
    pub root_cause: Option<String>,
    /// The prose of a contributing-factors section, Markdown, when the body
    /// has one (the `contributing_factors` list holds short factor names).
    pub contributing_factors_text: Option<String>,
    /// Follow-up work.
    pub action_items: Vec<ActionItem>,
    /// Headings of the body, in order.
    pub sections: Vec<Section>,
    /// The body rendered to (sanitised) HTML.
    pub body_html: String,
    /// Front-matter `internal: true`: the whole document is left out of
    /// public builds (see `visibility`).
    pub internal: bool,
    /// Front-matter `internal_fields`: fields emptied in public builds
    /// (names from `visibility::FIELDS`, e.g. `impact.metrics`).
    pub internal_fields: Vec<String>,
    /// Where the document came from.
    pub source: SourceInfo,
    /// For each inferred or read field (dotted path such as `impact.detected`
    /// or `timeline[3]`), where its value came from.
    pub provenance: BTreeMap<String, Provenance>,
    /// Terms pmbook filed the document under itself because front matter did
    /// not say (contributing factors, services, teams, severity), each with
    /// the rule and words it came from. Empty when nothing was inferred.
    pub inferred: Vec<Inference>,
}

/// One term inferred from a document's text (see `[classify]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Inference {
    /// The field it was added to: `contributing_factors`, `services`,
    /// `teams` or `severity`.
    pub field: String,
    /// The value added (a factor slug, a service or team name, a severity).
    pub value: String,
    /// The rule that matched: a taxonomy phrase such as `misconfigur*`, a
    /// vocabulary name, or a description such as "owner of service `x`".
    pub rule: String,
    /// The words of the document that matched.
    pub matched: String,
    /// 1-based line in the file of the strongest match.
    pub line: Option<usize>,
    /// The part of the document it was found in (`root_cause "Root cause"`,
    /// `title`, `body`, …).
    pub section: Option<String>,
}

impl Inference {
    /// A one-line explanation: `config-change ← "misconfigured" (line 42, root_cause "Why")`.
    pub fn explain(&self) -> String {
        // One line, whatever the matched words spanned.
        let matched = self.matched.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut out = format!("{} ← \"{matched}\"", self.value);
        match (self.line, &self.section) {
            (Some(l), Some(s)) => out.push_str(&format!(" (line {l}, {s})")),
            (Some(l), None) => out.push_str(&format!(" (line {l})")),
            _ => {}
        }
        out
    }
}

impl Incident {
    /// The status as the authors declared it (front matter or a metadata
    /// line), not derived from which milestones happen to be present.
    pub fn declared_status(&self) -> Option<Status> {
        let derived = self.provenance.get("status").is_some_and(|p| p.from == "derived" || p.from == "default");
        if derived { None } else { self.status }
    }
}

/// Lifecycle phase, in order: active → mitigated → resolved → closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Customer impact is ongoing.
    Active,
    /// Impact stopped by a workaround; the fix is pending.
    Mitigated,
    /// Fixed; follow-ups may be open.
    Resolved,
    /// Review done and the document final.
    Closed,
}

impl Status {
    /// All phases, in order.
    pub const ALL: [Status; 4] = [Status::Active, Status::Mitigated, Status::Resolved, Status::Closed];

    /// The name used in front matter and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Mitigated => "mitigated",
            Status::Resolved => "resolved",
            Status::Closed => "closed",
        }
    }

    /// Parse a status as written (`Resolved`, `ongoing`, `done`, …).
    pub fn parse(text: &str) -> Option<Self> {
        match crate::config::fold_key(text).as_str() {
            "active" | "ongoing" | "open" | "investigating" | "identified" | "monitoring" => Some(Status::Active),
            "mitigated" => Some(Status::Mitigated),
            "resolved" | "fixed" => Some(Status::Resolved),
            "closed" | "complete" | "completed" | "done" | "final" | "published" => Some(Status::Closed),
            _ => None,
        }
    }
}

/// Customer impact.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Impact {
    /// When impact began.
    pub started: Option<DateTime<FixedOffset>>,
    /// When the organisation knew (alert fired, report received).
    pub detected: Option<DateTime<FixedOffset>>,
    /// When impact stopped (workaround in place).
    pub mitigated: Option<DateTime<FixedOffset>>,
    /// When the underlying problem was fixed.
    pub resolved: Option<DateTime<FixedOffset>>,
    /// Prose description of the impact, Markdown.
    pub summary: Option<String>,
    /// Named figures, e.g. "Failed checkouts" = "12,400".
    pub metrics: Vec<Metric>,
    /// Milestones as local wall-clock times (`2016-02-11T10:42:00`, no
    /// offset), for documents that never say their zone: the timeline's
    /// entries then have no instant, but a reader still learns when impact
    /// began and ended on the authors' clock. Left out of the JSON when empty,
    /// and only filled when no milestone above could be placed.
    #[serde(skip_serializing_if = "LocalMilestones::is_empty")]
    pub local: LocalMilestones,
}

/// [`Impact`]'s milestones on the document's own clock, zone unknown.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct LocalMilestones {
    /// When impact began.
    pub started: Option<chrono::NaiveDateTime>,
    /// When it was noticed.
    pub detected: Option<chrono::NaiveDateTime>,
    /// When it stopped.
    pub mitigated: Option<chrono::NaiveDateTime>,
    /// When it was fixed.
    pub resolved: Option<chrono::NaiveDateTime>,
}

impl LocalMilestones {
    /// No milestone known.
    pub fn is_empty(&self) -> bool {
        *self == LocalMilestones::default()
    }
}

/// A named impact figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metric {
    /// What was measured.
    pub name: String,
    /// The value, as written (units included).
    pub value: String,
}

/// Durations derived from the impact milestones, in whole seconds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Durations {
    /// `detected − started`.
    pub time_to_detect: Option<i64>,
    /// `mitigated − started`.
    pub time_to_mitigate: Option<i64>,
    /// `resolved − started`.
    pub time_to_resolve: Option<i64>,
}

impl Durations {
    /// Derive from milestones; a duration is left out when either end is unknown.
    pub fn from_impact(impact: &Impact) -> Self {
        let span = |end: Option<DateTime<FixedOffset>>| match (impact.started, end) {
            (Some(s), Some(e)) => Some((e - s).num_seconds()),
            _ => None,
        };
        Durations {
            time_to_detect: span(impact.detected),
            time_to_mitigate: span(impact.mitigated),
            time_to_resolve: span(impact.resolved),
        }
    }
}

/// Kind of timeline event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventKind {
    /// The change or event that set the incident off.
    Trigger,
    /// Customer impact begins or changes.
    Impact,
    /// A monitor or alert fired.
    Alert,
    /// Someone noticed the problem.
    Detection,
    /// A person was paged or notified.
    Notification,
    /// The incident was escalated.
    Escalation,
    /// An operator did something.
    Action,
    /// An automated system did something.
    Automated,
    /// Communication to customers or stakeholders.
    Comms,
    /// Impact stopped.
    Mitigation,
    /// The problem was fixed.
    Resolution,
    /// Anything else worth recording.
    Note,
}

impl EventKind {
    /// All kinds, in the order shown in legends.
    pub const ALL: [EventKind; 12] = [
        EventKind::Trigger,
        EventKind::Impact,
        EventKind::Alert,
        EventKind::Detection,
        EventKind::Notification,
        EventKind::Escalation,
        EventKind::Action,
        EventKind::Automated,
        EventKind::Comms,
        EventKind::Mitigation,
        EventKind::Resolution,
        EventKind::Note,
    ];

    /// The name used in front matter and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Trigger => "trigger",
            EventKind::Impact => "impact",
            EventKind::Alert => "alert",
            EventKind::Detection => "detection",
            EventKind::Notification => "notification",
            EventKind::Escalation => "escalation",
            EventKind::Action => "action",
            EventKind::Automated => "automated",
            EventKind::Comms => "comms",
            EventKind::Mitigation => "mitigation",
            EventKind::Resolution => "resolution",
            EventKind::Note => "note",
        }
    }

    /// Parse a kind as written, with common synonyms.
    pub fn parse(text: &str) -> Option<Self> {
        let k = crate::config::fold_key(text);
        Self::ALL.into_iter().find(|e| e.as_str() == k).or(match k.as_str() {
            "cause" | "change" | "deploy" => Some(EventKind::Trigger),
            "outage" | "start" | "impactstart" => Some(EventKind::Impact),
            "page" | "humannotification" | "paged" => Some(EventKind::Notification),
            "operatoraction" | "operator" | "human" | "investigation" => Some(EventKind::Action),
            "automation" | "auto" | "system" => Some(EventKind::Automated),
            "communication" | "status" | "statuspage" | "comm" => Some(EventKind::Comms),
            "detected" => Some(EventKind::Detection),
            "mitigated" | "workaround" => Some(EventKind::Mitigation),
            "resolved" | "resolve" | "fix" | "recovery" => Some(EventKind::Resolution),
            "info" | "other" => Some(EventKind::Note),
            _ => None,
        })
    }
}

/// One timeline entry.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineEvent {
    /// The instant, when date, time and zone are all known.
    pub at: Option<DateTime<FixedOffset>>,
    /// The day, when known (also for entries written with a date but no time).
    pub date: Option<NaiveDate>,
    /// The time as written in the source (e.g. `09:12 PST`).
    pub time_text: String,
    /// The zone used to resolve `at` (IANA name or `UTC±HH:MM`), if any.
    pub zone: Option<String>,
    /// What kind of event this is, if stated or recognised.
    pub kind: Option<EventKind>,
    /// The event, Markdown.
    pub text: String,
    /// 1-based line in the source file.
    pub line: usize,
    /// The entry was written without a date and its time steps back more
    /// than six hours from the entry before it, so it was read as the next
    /// day (midnight passed). Omitted when false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub after_midnight: bool,
}

/// Status of an action item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActionStatus {
    /// Not started.
    Open,
    /// Being worked on.
    InProgress,
    /// Finished.
    Done,
    /// Decided against.
    WontDo,
}

impl ActionStatus {
    /// All statuses, in order.
    pub const ALL: [ActionStatus; 4] = [ActionStatus::Open, ActionStatus::InProgress, ActionStatus::Done, ActionStatus::WontDo];

    /// The name used in front matter and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::InProgress => "in-progress",
            ActionStatus::Done => "done",
            ActionStatus::WontDo => "wont-do",
        }
    }

    /// Parse a status as written (`Done`, `won't do`, `in progress`, `TODO`, …).
    pub fn parse(text: &str) -> Option<Self> {
        let k: String = crate::config::fold_key(text).chars().filter(|c| c.is_alphanumeric()).collect();
        match k.as_str() {
            "open" | "todo" | "new" | "notstarted" | "planned" | "pending" | "backlog" => Some(ActionStatus::Open),
            "inprogress" | "doing" | "started" | "wip" | "ongoing" | "inreview" => Some(ActionStatus::InProgress),
            "done" | "closed" | "complete" | "completed" | "fixed" | "resolved" | "finished" | "shipped" => Some(ActionStatus::Done),
            "wontdo" | "wontfix" | "cancelled" | "canceled" | "rejected" | "dropped" | "obsolete" => Some(ActionStatus::WontDo),
            _ => None,
        }
    }

    /// Done or won't-do: nothing more will happen.
    pub fn is_finished(self) -> bool {
        matches!(self, ActionStatus::Done | ActionStatus::WontDo)
    }
}

/// Kind of follow-up work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActionKind {
    /// Reduce impact if it happens again.
    Mitigate,
    /// Fix what broke.
    Repair,
    /// Stop it happening again.
    Prevent,
    /// Change how people work (runbooks, reviews, training).
    Process,
}

impl ActionKind {
    /// The name used in front matter and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ActionKind::Mitigate => "mitigate",
            ActionKind::Repair => "repair",
            ActionKind::Prevent => "prevent",
            ActionKind::Process => "process",
        }
    }

    /// Parse a kind as written.
    pub fn parse(text: &str) -> Option<Self> {
        match crate::config::fold_key(text).as_str() {
            "mitigate" | "mitigation" | "mitigative" => Some(ActionKind::Mitigate),
            "repair" | "fix" | "corrective" | "remediate" | "remediation" => Some(ActionKind::Repair),
            "prevent" | "prevention" | "preventive" | "preventative" | "detect" | "detection" => Some(ActionKind::Prevent),
            "process" | "procedure" | "documentation" | "docs" | "training" => Some(ActionKind::Process),
            _ => None,
        }
    }
}

/// The lifecycle phase a follow-up serves: the step it takes the incident
/// to. An incident is mitigated by its `mitigate` actions, resolved by its
/// `resolve` actions and closed by its `close` actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActionPhase {
    /// Stop the impact (the incident becomes `mitigated`).
    Mitigate,
    /// Fix the cause properly (the incident becomes `resolved`).
    Resolve,
    /// Make sure it cannot happen again (the incident can be `closed`).
    Close,
}

impl ActionPhase {
    /// All phases, in order.
    pub const ALL: [ActionPhase; 3] = [ActionPhase::Mitigate, ActionPhase::Resolve, ActionPhase::Close];

    /// The name used in front matter and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ActionPhase::Mitigate => "mitigate",
            ActionPhase::Resolve => "resolve",
            ActionPhase::Close => "close",
        }
    }

    /// Parse a phase as written: the verb, the status it leads to, or the noun
    /// (`mitigate`, `mitigated`, `mitigation`, …).
    pub fn parse(text: &str) -> Option<Self> {
        match crate::config::fold_key(text).as_str() {
            "mitigate" | "mitigated" | "mitigation" => Some(ActionPhase::Mitigate),
            "resolve" | "resolved" | "resolution" => Some(ActionPhase::Resolve),
            "close" | "closed" | "closure" => Some(ActionPhase::Close),
            _ => None,
        }
    }

    /// The phase a kind of work serves when the item names none: `mitigate`
    /// → mitigate, `repair` → resolve, `prevent` and `process` → close.
    pub fn from_kind(kind: ActionKind) -> Self {
        match kind {
            ActionKind::Mitigate => ActionPhase::Mitigate,
            ActionKind::Repair => ActionPhase::Resolve,
            ActionKind::Prevent | ActionKind::Process => ActionPhase::Close,
        }
    }

    /// The status the incident reaches through this phase.
    pub fn target(self) -> Status {
        match self {
            ActionPhase::Mitigate => Status::Mitigated,
            ActionPhase::Resolve => Status::Resolved,
            ActionPhase::Close => Status::Closed,
        }
    }

    /// The phase that leads to `status` (`None` for `active`).
    pub fn leading_to(status: Status) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.target() == status)
    }
}

/// One follow-up.
#[derive(Debug, Clone, Serialize)]
pub struct ActionItem {
    /// What will be done, Markdown (one line).
    pub title: String,
    /// Person or team responsible.
    pub owner: Option<String>,
    /// Progress.
    pub status: ActionStatus,
    /// Due date.
    pub due: Option<NaiveDate>,
    /// Kind of work.
    pub kind: Option<ActionKind>,
    /// Ticket id, e.g. `PAY-1432`.
    pub tracker: Option<String>,
    /// Link to the ticket.
    pub url: Option<String>,
    /// The phase it serves: front-matter `phase`, else derived from `kind`
    /// ([`ActionPhase::from_kind`]); `None` when neither is known.
    pub phase: Option<ActionPhase>,
    /// The day it was finished (front-matter `done`), when known.
    pub done: Option<NaiveDate>,
    /// 1-based line in the source file.
    pub line: usize,
}

/// A heading of the body.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// Heading text.
    pub title: String,
    /// HTML id, unique within the page.
    pub anchor: String,
    /// 1–6.
    pub level: u8,
    /// What the section is about when recognised (`summary`, `impact`,
    /// `timeline`, `root_cause`, `contributing_factors`, `trigger`,
    /// `detection`, `resolution`, `action_items`, `lessons`), else `None`.
    pub role: Option<String>,
    /// 1-based line of the heading.
    pub line: usize,
}

/// Where a document came from.
#[derive(Debug, Clone, Serialize)]
pub struct SourceInfo {
    /// Path relative to the archive root (or as given on the command line).
    pub path: PathBuf,
    /// Front-matter format: `yaml`, `toml` or `none`.
    pub front_matter: FrontMatterFormat,
    /// 1-based line where the Markdown body starts.
    pub body_line: usize,
}

/// Front-matter syntax.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FrontMatterFormat {
    /// `---` YAML `---`.
    Yaml,
    /// `+++` TOML `+++`.
    Toml,
    /// No front matter.
    None,
}

/// Where a field's value came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Provenance {
    /// `front-matter`, `body`, `timeline`, `file-name`, `derived`, `default`,
    /// or `inferred` (filed by the classifier; see `Incident::inferred`).
    pub from: &'static str,
    /// 1-based line in the file, when there is one.
    pub line: Option<usize>,
    /// More detail: the section heading, the table row, the rule applied.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl Provenance {
    /// Read from the front-matter key at `line`.
    pub fn front_matter(line: usize) -> Self {
        Provenance { from: "front-matter", line: Some(line), detail: None }
    }

    /// Recognised in the body.
    pub fn body(line: usize, detail: impl Into<String>) -> Self {
        Provenance { from: "body", line: Some(line), detail: Some(detail.into()) }
    }

    /// Computed from other fields.
    pub fn derived(detail: impl Into<String>) -> Self {
        Provenance { from: "derived", line: None, detail: Some(detail.into()) }
    }
}

/// The JSON document printed by `inspect --format json`: the version and one
/// incident per file.
#[derive(Debug, Serialize)]
pub struct InspectOutput<'a> {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The incidents, in the order the files were given.
    pub incidents: &'a [Incident],
}

#[cfg(test)]
impl ActionItem {
    /// An open action item with only a title and a line: for unit tests.
    pub(crate) fn open(title: &str, line: usize) -> Self {
        ActionItem {
            title: title.into(),
            owner: None,
            status: ActionStatus::Open,
            due: None,
            kind: None,
            tracker: None,
            url: None,
            phase: None,
            done: None,
            line,
        }
    }
}

#[cfg(test)]
impl Incident {
    /// An incident with id, slug and title `a` and nothing else, from
    /// `a.md` (YAML front matter, body at line 10): for unit tests.
    pub(crate) fn blank() -> Self {
        Incident {
            id: "a".into(),
            slug: "a".into(),
            title: "A".into(),
            summary: None,
            date: None,
            published: None,
            severity: None,
            severity_rank: None,
            status: None,
            services: vec![],
            teams: vec![],
            tags: vec![],
            contributing_factors: vec![],
            authors: vec![],
            related: vec![],
            recurrence_of: None,
            ticket: None,
            timezone: None,
            impact: Impact::default(),
            durations: Durations::default(),
            timeline: vec![],
            root_cause: None,
            contributing_factors_text: None,
            action_items: vec![],
            sections: vec![],
            body_html: String::new(),
            source: SourceInfo { path: "a.md".into(), front_matter: FrontMatterFormat::Yaml, body_line: 10 },
            internal: false,
            internal_fields: Vec::new(),
            provenance: Default::default(),
            inferred: Vec::new(),
        }
    }
}
