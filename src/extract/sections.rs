//! Section roles from headings, with the aliases real post-mortems use.
//!
//! Headings are compared case-insensitively, ignoring numbering (`3.`,
//! `III.`), emoji and punctuation, and a trailing `?` or `:`.

/// What a section is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SectionRole {
    /// Summary, overview.
    Summary,
    /// Customer impact.
    Impact,
    /// Root cause, analysis.
    RootCause,
    /// Contributing factors.
    ContributingFactors,
    /// What set the incident off.
    Trigger,
    /// How it was noticed.
    Detection,
    /// Mitigation, recovery, fix.
    Resolution,
    /// Timeline.
    Timeline,
    /// Action items, follow-ups.
    ActionItems,
    /// Lessons learned, what went well/wrong, where we got lucky.
    Lessons,
}

impl SectionRole {
    /// The name used in JSON (`Section::role`).
    pub fn as_str(self) -> &'static str {
        match self {
            SectionRole::Summary => "summary",
            SectionRole::Impact => "impact",
            SectionRole::RootCause => "root_cause",
            SectionRole::ContributingFactors => "contributing_factors",
            SectionRole::Trigger => "trigger",
            SectionRole::Detection => "detection",
            SectionRole::Resolution => "resolution",
            SectionRole::Timeline => "timeline",
            SectionRole::ActionItems => "action_items",
            SectionRole::Lessons => "lessons",
        }
    }
}

const ALIASES: &[(SectionRole, &[&str])] = &[
    (
        SectionRole::Summary,
        &[
            "summary",
            "overview",
            "issue summary",
            "executive summary",
            "what happened",
            "description",
            "tldr",
            "tl dr",
            "incident summary",
            "abstract",
            "introduction",
            "synopsis",
        ],
    ),
    (
        SectionRole::Impact,
        &[
            "impact",
            "customer impact",
            "how users were affected",
            "user impact",
            "business impact",
            "impact assessment",
            "scope",
            "who was affected",
            "affected services",
            "impact and scope",
        ],
    ),
    (
        SectionRole::RootCause,
        &[
            "root cause",
            "root causes",
            "cause",
            "causes",
            "analysis",
            "root cause analysis",
            "rca",
            "technical details",
            "technical analysis",
            "why did this happen",
            "conclusion",
            "conclusions",
            "investigation",
        ],
    ),
    (SectionRole::ContributingFactors, &["contributing factors", "contributors", "contributing causes", "why it escaped", "factors"]),
    (SectionRole::Trigger, &["trigger", "triggers", "triggering event"]),
    (SectionRole::Detection, &["detection", "how was it detected", "how we found out", "discovery"]),
    (
        SectionRole::Resolution,
        &[
            "resolution",
            "mitigation",
            "recovery",
            "fix",
            "resolution and recovery",
            "remediation steps",
            "how we fixed it",
            "what we did",
            "response",
            "mitigation and resolution",
            "resolution and recovery steps",
            "immediate fix",
            "action taken",
            "actions taken",
        ],
    ),
    (
        SectionRole::Timeline,
        &[
            "timeline",
            "incident timeline",
            "chain of events",
            "timeline of events",
            "sequence of events",
            "detailed timeline",
            "events",
            "timeline utc",
        ],
    ),
    (
        SectionRole::ActionItems,
        &[
            "action items",
            "actions",
            "follow ups",
            "followups",
            "follow up",
            "follow up actions",
            "corrective actions",
            "next steps",
            "remediation",
            "what we are doing about it",
            "action plan",
            "preventive actions",
            "preventative actions",
            "todo",
            "to do",
            "tasks",
            "action points",
            "remediations",
            "improvements",
            "what we will do",
            "what we're doing about it",
            "corrective and preventative measures",
            "future work",
            "future measures",
            "preventive measures",
        ],
    ),
    (
        SectionRole::Lessons,
        &[
            "lessons learned",
            "lessons",
            "takeaways",
            "what went well",
            "what went wrong",
            "where we got lucky",
            "what we learned",
            "learnings",
            "things that went well",
            "things that went wrong",
            "lessons learnt",
            "retrospective",
            "reflections",
        ],
    ),
];

/// Normalise a heading: lower case, numbering, emoji and punctuation removed.
pub fn normalise_heading(title: &str) -> String {
    let lower = title.to_lowercase().replace(['’', '\''], "");
    let words: Vec<String> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect();
    let mut start = 0;
    while start < words.len() && is_numbering(&words[start]) {
        start += 1;
    }
    words[start..].join(" ")
}

fn is_numbering(w: &str) -> bool {
    w.chars().all(|c| c.is_ascii_digit())
        || matches!(w, "i" | "ii" | "iii" | "iv" | "v" | "vi" | "vii" | "viii" | "ix" | "x" | "step" | "part" | "section")
}

/// The role of a section heading, if it is a known one. Besides exact
/// aliases, a heading starting with "What caused", "Timeline (…)", or ending
/// in "action items" is recognised.
pub fn section_role(title: &str) -> Option<&'static str> {
    role_of(title).map(SectionRole::as_str)
}

/// [`section_role`] as the enum.
pub fn role_of(title: &str) -> Option<SectionRole> {
    let norm = normalise_heading(title);
    if norm.is_empty() {
        return None;
    }
    for (role, aliases) in ALIASES {
        if aliases.iter().any(|a| normalise_heading(a) == norm) {
            return Some(*role);
        }
    }
    let starts = |p: &str| norm.starts_with(p);
    if starts("what caused") || starts("root cause") {
        Some(SectionRole::RootCause)
    } else if starts("timeline") || norm.ends_with("timeline") {
        Some(SectionRole::Timeline)
    } else if norm.ends_with("action items") || starts("action items") || starts("follow up") {
        Some(SectionRole::ActionItems)
    } else if starts("lessons") || starts("what went") || starts("where we got lucky") {
        Some(SectionRole::Lessons)
    } else if starts("impact") || norm.ends_with("impact") {
        Some(SectionRole::Impact)
    } else if starts("contributing") {
        Some(SectionRole::ContributingFactors)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_numbering_and_emoji() {
        assert_eq!(section_role("Issue Summary"), Some("summary"));
        assert_eq!(section_role("2. Root Causes:"), Some("root_cause"));
        assert_eq!(section_role("🔥 What caused the outage?"), Some("root_cause"));
        assert_eq!(section_role("Timeline (all times UTC)"), Some("timeline"));
        assert_eq!(section_role("What we are doing about it"), Some("action_items"));
        assert_eq!(section_role("Where we got lucky"), Some("lessons"));
        assert_eq!(section_role("TL;DR"), Some("summary"));
        assert_eq!(section_role("Appendix"), None);
    }
}
