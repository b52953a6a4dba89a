//! What kind of event a timeline entry is, from how it is worded: "alert
//! fired", "rolled back", "back to normal", "**Outage begins.**". Used when
//! the document does not say, so that milestones can be inferred.

use crate::model::EventKind;

const RULES: &[(EventKind, &[&str])] = &[
    (
        EventKind::Resolution,
        &[
            "outage ends",
            "outage ended",
            "incident ends",
            "incident ended",
            "incident resolved",
            "issue resolved",
            "is resolved",
            "was resolved",
            "(resolved)",
            "back to normal",
            "fully operational",
            "service operational",
            "verified operational",
            "all systems operational",
            "service restored",
            "services restored",
            "fully restored",
            "fully recovered",
            "service resumes",
            "back online",
            "all clear",
            "incident closed",
            "recovery:",
            "is once again",
            "resolution:",
            "resolved.",
            "confirmed issue resolved",
            "resolved the issue",
        ],
    ),
    (
        EventKind::Mitigation,
        &[
            "mitigated",
            "mitigation",
            "rolled back",
            "rollback",
            "roll back",
            "rolls back",
            "reverted",
            "reverting",
            "workaround",
            "failed over",
            "failover",
            "manual fix applied",
            "fix deployed",
            "fix applied",
            "hotfix",
            "scaled up",
            "which solved the issue",
            "impact stops",
            "stopped the bleeding",
            "restored",
        ],
    ),
    (
        EventKind::Impact,
        &[
            "outage begins",
            "outage starts",
            "outage started",
            "outage began",
            "problem starts",
            "start of incident",
            "incident starts",
            "impact begins",
            "impact starts",
            "impact started",
            "starts degrading",
            "started failing",
            "began failing",
            "start failing",
            "drops to zero",
            "reaches 0%",
            "went down",
            "goes down",
            "became unavailable",
            "becomes unavailable",
            "stopped working",
        ],
    ),
    (
        EventKind::Alert,
        &[
            "alert fired",
            "alerts fired",
            "alert triggered",
            "alerts triggered",
            "alerting fired",
            "paged",
            "pager",
            "received a lot of alerts",
            "received alerts",
            "alarm",
            "pagerduty",
            "monitor fired",
            "alert:",
            "alerted",
        ],
    ),
    (
        EventKind::Detection,
        &[
            "detection:",
            "detected",
            "we noticed",
            "noticed that",
            "notice ",
            "became aware",
            "we were notified",
            "notified us",
            "users report",
            "user reports",
            "customers report",
            "reported by",
            "reports of",
            "is reported",
            "was reported",
            "first report",
            "issue detected",
            "identified the",
            "investigation starts",
            "investigation is started",
            "started investigating",
            "began investigating",
        ],
    ),
    (
        EventKind::Comms,
        &[
            "status page",
            "statuspage",
            "status update",
            "tweeted",
            "posted an update",
            "customers were informed",
            "announced",
            "communicated to",
        ],
    ),
    (
        EventKind::Escalation,
        &["escalated", "incident declared", "declared an incident", "sev 1 ticket", "sev1 ticket", "war room", "called in"],
    ),
];

/// The kind of an event from its wording, if a phrase gives it away.
pub fn classify(text: &str) -> Option<EventKind> {
    // An explicit label wins: `**Detection:** …`, `Recovery: …`.
    let t = text.trim_start_matches(['*', '_', ' ']);
    if let Some((label, _)) = t.split_once(':') {
        let label = label.trim_end_matches(['*', '_']);
        if label.len() <= 20
            && !label.contains(' ')
            && let Some(kind) = EventKind::parse(label)
        {
            return Some(kind);
        }
    }
    let lower = text.to_lowercase();
    let bare = lower.trim().trim_matches(|c: char| !c.is_alphanumeric());
    if let Some(kind) = EventKind::parse(bare).filter(|_| bare.len() <= 12) {
        return Some(kind);
    }
    RULES.iter().find(|(_, phrases)| phrases.iter().any(|p| lower.contains(p))).map(|(k, _)| *k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_from_real_timelines() {
        assert_eq!(classify("Prow's bump PR is merged. **Outage begins.**"), Some(EventKind::Impact));
        assert_eq!(classify("**Detection:** We received a lot of alerts"), Some(EventKind::Detection));
        assert_eq!(classify("Alert triggered on Slack."), Some(EventKind::Alert));
        assert_eq!(classify("Rollback performed."), Some(EventKind::Mitigation));
        assert_eq!(classify("Everything is back to normal and verified working."), Some(EventKind::Resolution));
        assert_eq!(classify("Helm chart rollback, KIAM service restored"), Some(EventKind::Resolution));
        assert_eq!(classify("Launch success drops to zero."), Some(EventKind::Impact));
        assert_eq!(classify("Scaled the dev container down"), None);
    }
}
