//! What kind of event a timeline entry is, from how it is worded: "alert
//! fired", "rolled back", "back to normal", "**Outage begins.**". Used when
//! the document does not say, so that milestones can be inferred.

use crate::model::EventKind;

mod wording;
use wording::RULES;

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
    // Chinese and Japanese write no spaces between words.
    let cjk = phrase.starts_with(|c: char| c >= '\u{3000}');
    let bounded =
        |i: usize| cjk || !phrase.starts_with(char::is_alphanumeric) || !lower[..i].chars().next_back().is_some_and(char::is_alphanumeric);
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

/// Words after an incident noun that say the trouble came back.
const RETURNS: &[&str] = &[
    "back up",
    "came back",
    "come back",
    "comes back",
    "coming back",
    "returned",
    "returns",
    "returning",
    "reappeared",
    "reappears",
    "recurred",
    "recurs",
    "resurfaced",
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
        // `Failures are back up`, `the issue came back`: the trouble
        // returning, not the service.
        if incident_noun && follows(i, RETURNS) && !follows(i, &["returned to", "returns to", "returning to", "back up and running"]) {
            return Some(EventKind::Impact);
        }
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
mod tests;
