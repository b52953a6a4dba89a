//! What kind of event a timeline entry is, from how it is worded: "alert
//! fired", "rolled back", "back to normal", "**Outage begins.**". Used when
//! the document does not say, so that milestones can be inferred.

use crate::model::EventKind;

const RULES: &[(EventKind, &[&str])] = &[
    (
        EventKind::Resolution,
        &[
            "outage ends",
            "end of outage",
            "end of the outage",
            "outage ended",
            "incident ends",
            "incident ended",
            "incident resolved",
            "issue resolved",
            "is resolved",
            "was resolved",
            "(resolved)",
            "back to normal",
            // `all network metrics return to normal operation`.
            "return to normal",
            "returning to normal",
            // `Attack traffic ceases`: what hurt stops.
            "attack ceases",
            "attack ceased",
            "traffic ceases",
            "traffic ceased",
            "errors ceased",
            "errors cease",
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
            // `NewsBlur is now back up.`, not `back up the database`.
            "is back up",
            "are back up",
            "was back up",
            "were back up",
            "now back up",
            "all clear",
            "incident closed",
            "recovery:",
            "resolution:",
            "resolved.",
            "confirmed issue resolved",
            "resolved the issue",
            "back to baseline",
            "back at baseline",
            "returned to baseline",
            "confirmed recovery",
            "recovery confirmed",
            "healthy again",
            "working again",
            // `Fix applied in production. Saves work again.`: the recovery,
            // not only the fix.
            "work again",
            "works again",
            "impact over",
            "incident over",
            "outage over",
            // `error rate back to its normal level`
            "back to its normal",
            "back to their normal",
            "back to normal levels",
            "impact ended",
            "impact ends",
            "end of impact",
            "operating normally",
            "looks normal",
            "looking normal",
            "working normally",
            "functioning normally",
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
            "deployed the fix",
            "deployed a fix",
            "fix was deployed",
            "rolled out the fix",
            "rolled out a fix",
            "traffic shifted",
            "shifted traffic",
            "drained traffic",
            "traffic drained",
            "flag disabled",
            "disabled the feature flag",
            "turned off the feature flag",
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
            "downtime began",
            "downtime started",
            "downtime ensued",
            "problem starts",
            "start of incident",
            "start of outage",
            "start of the outage",
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
            "halted",
            "stop fulfilling",
            "stopped fulfilling",
            "stop serving",
            "stopped serving",
            "stop responding",
            "execution is failing",
            "requests are failing",
            "requests failing",
            "began to fail",
            "started to fail",
            "crashed",
            // `The chain stalled at height 4779033`, not `the stalled CI`
            // (nor `installed at`: a phrase starts a word, see `says`).
            "stalled at",
            "became unresponsive",
            "become unresponsive",
            "stopped responding",
            "stops responding",
            "stops working",
            "stops loading",
            "stopped loading",
            "stop loading",
        ],
    ),
    (
        EventKind::Alert,
        &[
            "alert fired",
            "triggered an alert",
            "alert was triggered",
            "monitor triggered",
            "monitoring triggered",
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
        EventKind::Trigger,
        &[
            "is deployed",
            "was deployed",
            "were deployed",
            "are deployed",
            "deployed to production",
            "is rolled out",
            "was rolled out",
            "rollout begins",
            "rollout started",
            "is merged",
            "was merged",
            "gets merged",
            "config change",
            "configuration change",
            "upgrade begins",
            "upgrade started",
            "migration started",
            "maintenance begins",
            "maintenance started",
            "initiated planned",
            // `Script is mistakenly executed`: an action taken in error.
            "mistakenly",
            "accidentally",
            "inadvertently",
            "erroneously",
            "by mistake",
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
    // `[alert] 5xx ratio > 2%`: a log line's level or tag.
    if let Some(tag) = t.strip_prefix('[').and_then(|r| r.split_once(']')).map(|(tag, _)| tag.trim())
        && tag.len() <= 12
        && let Some(kind) = EventKind::parse(tag)
    {
        return Some(kind);
    }
    let lower = text.to_lowercase();
    // `Status page updated to Resolved`: telling users, whatever it says.
    if (lower.contains("status page") || lower.contains("statuspage")) && ["updated", "posted", "update "].iter().any(|w| lower.contains(w))
    {
        return Some(EventKind::Comms);
    }
    // `the Public Information Officer posted a notice that services had been
    // restored`: telling people, not the restoration.
    if [
        "posted a notice",
        "posted a service notice",
        "posted an announcement",
        "sent a notice",
        "notified customers",
        "notified users",
        "informed customers",
        "informed users",
        "emailed customers",
    ]
    .iter()
    .any(|w| lower.contains(w))
    {
        return Some(EventKind::Comms);
    }
    let bare = lower.trim().trim_matches(|c: char| !c.is_alphanumeric());
    if let Some(kind) = EventKind::parse(bare).filter(|_| bare.len() <= 12) {
        return Some(kind);
    }
    // Markers that say outright where the outage begins or ends beat any
    // other wording in the entry (`hotfix released <START OF OUTAGE>`).
    const MARKERS: &[(&str, EventKind)] = &[
        ("start of outage", EventKind::Impact),
        ("start of the outage", EventKind::Impact),
        ("start of incident", EventKind::Impact),
        ("outage begins", EventKind::Impact),
        ("outage starts", EventKind::Impact),
        ("outage officially began", EventKind::Impact),
        ("end of outage", EventKind::Resolution),
        ("end of the outage", EventKind::Resolution),
        ("end of incident", EventKind::Resolution),
        ("outage ends", EventKind::Resolution),
        ("outage officially resolved", EventKind::Resolution),
    ];
    if let Some((_, kind)) = MARKERS.iter().find(|(m, _)| lower.contains(m)) {
        return Some(*kind);
    }
    if let Some(kind) = subject_and_state(&lower) {
        return Some(kind);
    }
    RULES
        .iter()
        .find(|(_, phrases)| phrases.iter().any(|p| says(&lower, p)))
        .map(|(k, _)| *k)
        .or_else(|| super::symptoms::recovered(&lower).then_some(EventKind::Resolution))
        .or_else(|| super::symptoms::symptom(&lower))
}

/// Whether `lower` says `phrase`; a stop asked for (`Asked the provider to
/// stop serving the old records`) is not one that happened.
fn says(lower: &str, phrase: &str) -> bool {
    // At the start of a word (`reinstalled` does not say `stalled`); a
    // phrase may end inside one, as stems do (`alarm` in `alarms`).
    let bounded =
        |i: usize| !phrase.starts_with(char::is_alphanumeric) || !lower[..i].chars().next_back().is_some_and(char::is_alphanumeric);
    lower.match_indices(phrase).any(|(i, _)| bounded(i) && !(phrase.starts_with("stop ") && lower[..i].ends_with("to ")))
}

/// What an incident is called in a timeline entry.
const SUBJECTS: &[&str] = &[
    "outage",
    "incident",
    "issue",
    "issues",
    "problem",
    "problems",
    "impact",
    "degradation",
    "disruption",
    "downtime",
    "errors",
    "error",
    "failures",
    "outages",
    "interruption",
    "everything",
    "service",
    "services",
    "site",
    "website",
    "traffic",
    "launches",
    "behavior",
    "behaviour",
    "latency",
    "system",
    "systems",
    "api",
    "cluster",
    "availability",
    "backlog",
    "queue",
    "lag",
];

/// Words after a subject that mark the start of impact.
const STARTS: &[&str] = &[
    "begins",
    "began",
    "begun",
    "starts",
    "started",
    "starting",
    "commences",
    "commenced",
    "occurred",
    "occurs",
    "becomes noticeable",
    "became noticeable",
    "becomes visible",
    "became visible",
    "appeared",
    "first appeared",
];

/// Words after a subject that mark the end of impact.
const ENDS: &[&str] = &[
    "ends",
    "ended",
    "is over",
    "was over",
    "officially resolved",
    "resolves",
    "resolved",
    "is resolved",
    "was resolved",
    "goes away",
    "went away",
    "disappears",
    "disappeared",
    "subsides",
    "subsided",
    "cleared",
    "clears",
    "to an end",
    "returns to normal",
    "returned to normal",
    "back to normal",
    "is back",
    "are back",
    "back up",
    "back online",
    "recovers",
    "recovered",
    "fully recovered",
    "is restored",
    "are restored",
    "was restored",
    "were restored",
    "working again",
    "works again",
    "is working",
    "are working",
    "operational again",
    "healthy again",
    "stable again",
    "normal again",
    "is fixed",
    "was fixed",
    "fixed",
    "restored",
    "fine",
    "reduced to zero",
    "back to zero",
    "drained",
    "cleared up",
];

/// Words that may stand between an incident noun and its state.
const FILLERS: &[&str] = &[
    "officially",
    "finally",
    "fully",
    "completely",
    "now",
    "then",
    "is",
    "was",
    "has",
    "have",
    "had",
    "been",
    "are",
    "were",
    "seems",
    "appears",
    "to",
    "be",
    "gradually",
    "slowly",
    "quickly",
    "mostly",
    "largely",
    "effectively",
    "itself",
    "themselves",
    "all",
    // `Service confirmed restored`, `API verified working again`.
    "confirmed",
    "verified",
];

/// Words before a state that turn it around (`not resolved`, `still down`).
pub(super) const NEGATIONS: &[&str] =
    &["not", "no", "never", "still", "isn't", "wasn't", "aren't", "didn't", "doesn't", "hasn't", "yet", "partially"];

/// `Outage officially began`, `degradation begun`, `issue goes away`,
/// `everything returns to normal`, `bringing the outage to an end`: an
/// incident noun followed within a few words by a start or end state, not
/// negated. Also `returns to normal`/`back to 100%` whatever the subject.
fn subject_and_state(lower: &str) -> Option<EventKind> {
    let words: Vec<&str> = lower.split(|c: char| !(c.is_alphanumeric() || c == '%' || c == '\'')).filter(|w| !w.is_empty()).collect();
    // The state follows the noun, with at most a few filler words between.
    let follows = |i: usize, list: &[&str]| -> bool {
        let mut j = i + 1;
        while j < words.len() && j <= i + 3 && FILLERS.contains(&words[j]) {
            j += 1;
        }
        if words[i + 1..j].iter().any(|w| NEGATIONS.contains(w)) {
            return false;
        }
        let rest = words[j..(j + 4).min(words.len())].join(" ");
        list.iter().any(|p| rest.starts_with(p) && rest[p.len()..].chars().next().is_none_or(|c| c == ' '))
    };
    // Only in the first clause of a long entry: later clauses often tell
    // what happened next ("…, and the outage began to clear later").
    let limit = words.len().min(24);
    for i in 0..limit {
        if !SUBJECTS.contains(&words[i]) || (i > 0 && NEGATIONS.contains(&words[i - 1])) {
            continue;
        }
        let incident_noun = !matches!(
            words[i],
            "everything"
                | "service"
                | "services"
                | "site"
                | "website"
                | "traffic"
                | "launches"
                | "behavior"
                | "behaviour"
                | "latency"
                | "system"
                | "systems"
                | "api"
                | "cluster"
                | "availability"
        );
        if follows(i, ENDS) {
            return Some(EventKind::Resolution);
        }
        // `the backlog starts to decrease` is the end, not the start.
        let recovering = words.get(i + 2..(i + 6).min(words.len())).is_some_and(|w| {
            // `errors started to be less frequent`, `to become rarer`.
            w.windows(3).any(|p| {
                p[0] == "to"
                    && matches!(p[1], "be" | "become" | "get" | "grow")
                    && matches!(p[2], "less" | "fewer" | "lower" | "rarer" | "smaller" | "better")
            }) || w.windows(2).any(|p| {
                p[0] == "to"
                    && matches!(
                        p[1],
                        "decrease"
                            | "drop"
                            | "fall"
                            | "recover"
                            | "clear"
                            | "improve"
                            | "subside"
                            | "shrink"
                            | "reduce"
                            | "decline"
                            | "drain"
                            | "normalize"
                            | "normalise"
                            | "ease"
                    )
            })
        });
        if incident_noun && !recovering && follows(i, STARTS) {
            return Some(EventKind::Impact);
        }
    }
    let text = words.join(" ");
    let back = [
        "returns to normal",
        "returned to normal",
        "back to normal",
        "back to 100%",
        "to an end",
        "everything is working",
        "works again",
        "working again",
        "work again",
        "succeed again",
        "succeeding again",
        "launch fine",
        "everything is fine",
        "all is well",
        "available again",
        "auto-healed",
        "self-healed",
        "self-heals",
        "auto-heals",
    ];
    back.iter().any(|p| text.contains(p)).then_some(EventKind::Resolution)
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
        assert_eq!(classify("bucket hits the quota, media stops loading"), Some(EventKind::Impact));
        assert_eq!(classify("the Public Information Officer posted a notice that services had been restored."), Some(EventKind::Comms));
        assert_eq!(classify("media cache rebuilt, everything looks normal"), Some(EventKind::Resolution));
        assert_eq!(classify("Helm chart rollback, KIAM service restored"), Some(EventKind::Resolution));
        assert_eq!(classify("Launch success drops to zero."), Some(EventKind::Impact));
        assert_eq!(classify("The chain stalled at height 4779033."), Some(EventKind::Impact));
        assert_eq!(classify("Operations attempted to restart the stalled CI"), None);
        // Phrases start at a word: `scrollback` says no rollback, `reinstalled at` no stall.
        assert_eq!(classify("Details got missed in the scrollback"), None);
        assert_eq!(classify("Package reinstalled at 10:02"), None);
        assert_eq!(classify("Alarms went off in the NOC"), Some(EventKind::Alert));
        assert_eq!(classify("Scaled the dev container down"), None);
        assert_eq!(classify("Traffic shifted to us-west-2"), Some(EventKind::Mitigation));
        assert_eq!(classify("Feature flag disabled"), Some(EventKind::Mitigation));
        assert_eq!(classify("Deployed the fix to production"), Some(EventKind::Mitigation));
        assert_eq!(classify("Error rates returned to baseline"), Some(EventKind::Resolution));
        assert_eq!(classify("Monitoring confirmed recovery"), Some(EventKind::Resolution));
    }

    #[test]
    fn incident_nouns_with_start_and_end_states() {
        assert_eq!(classify("Checkout degradation begun"), Some(EventKind::Impact));
        assert_eq!(classify("Checkout degradation becomes noticeable, slow pages detected"), Some(EventKind::Impact));
        assert_eq!(classify("**Outage officially resolved**"), Some(EventKind::Resolution));
        assert_eq!(classify("Cache flushed and the issue goes away"), Some(EventKind::Resolution));
        assert_eq!(classify("The hotfix is merged, bringing the outage to an end."), Some(EventKind::Resolution));
        assert_eq!(classify("Queue drains and everything returns to normal"), Some(EventKind::Resolution));
        assert_eq!(classify("Errors did not go away after the restart"), None);
        assert_eq!(classify("The issue is still not resolved"), None);
        assert_eq!(classify("Latency is once again going up"), None);
        assert_eq!(classify("Team told of the issue and the SRE team started rebuilding"), None);
        assert_eq!(classify("Service is restored, user pods start running again."), Some(EventKind::Resolution));
        assert_eq!(classify("The backlog is reduced to zero"), Some(EventKind::Resolution));
        assert_eq!(classify("Autoscaler kicks in. Everything is fine and builds are working again."), Some(EventKind::Resolution));
        assert_eq!(classify("Network outage occurred and connectivity loss detected"), Some(EventKind::Impact));
        assert_eq!(classify("Nacks stop, and the backlog starts to decrease"), None);
        assert_eq!(classify("A routine version bump is deployed."), Some(EventKind::Trigger));
        assert_eq!(classify("Hotfix 6 is released to stable **<START OF OUTAGE>**"), Some(EventKind::Impact));
        assert_eq!(classify("Gateways stop fulfilling requests. Function execution is failing."), Some(EventKind::Impact));
        // Recovery with `again` before its state or after a `can`, and
        // `back up` as a state, not a verb.
        assert_eq!(classify("All servers are again reachable."), Some(EventKind::Resolution));
        assert_eq!(classify("Bruno can access phrases again"), Some(EventKind::Resolution));
        assert_eq!(classify("Attack traffic ceases, all network metrics return to normal operation"), Some(EventKind::Resolution));
        assert_eq!(classify("Script is mistakenly executed, marking 40 nodes unschedulable."), Some(EventKind::Trigger));
        assert_eq!(classify("An engineer accidentally deleted the production bucket."), Some(EventKind::Trigger));
        assert_eq!(classify("Bruno cannot access phrases again"), None);
        assert_eq!(classify("The site is now back up."), Some(EventKind::Resolution));
        assert_eq!(classify("We back up the database nightly"), None);
        assert_eq!(classify("He immediately dropped the database. Downtime ensued."), Some(EventKind::Impact));
        assert_eq!(classify("Our primary web server started to experience network connectivity loss"), Some(EventKind::Impact));
        assert_eq!(classify("starting 14:13 UTC our AWS us-east-1 cluster experienced a significant outage"), Some(EventKind::Impact));
        assert_eq!(classify("The region suffered a partial network disruption"), Some(EventKind::Impact));
        assert_eq!(classify("We never experienced an outage of this kind"), None);
    }
}
