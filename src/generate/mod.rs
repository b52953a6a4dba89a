//! `pmbook generate`: a deterministic archive of realistic, fictional
//! post-mortems for benchmarks and scale tests.
//!
//! The same `--seed` and `--count` always give the same files. Documents
//! come in the shapes pmbook reads: YAML and TOML front matter, timelines
//! and action items in front matter or in body tables and lists, legacy
//! documents with no front matter, code and log blocks. Factors, services
//! and teams follow a Zipf-like spread, and prose draws on a large varied
//! vocabulary so search indexes are realistic.

use std::fmt::Write as _;
use std::path::Path;

use chrono::{Duration, NaiveDate};

use crate::error::{Error, Result};

pub mod varied;

/// SplitMix64: small, fast, and the same on every platform.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub(crate) fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    pub(crate) fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    /// Zipf-like: item k is chosen with weight 1/(k+1).
    pub(crate) fn zipf<'a>(&mut self, items: &[&'a str]) -> &'a str {
        let total: f64 = (1..=items.len()).map(|k| 1.0 / k as f64).sum();
        let mut x = (self.next() as f64 / u64::MAX as f64) * total;
        for (k, item) in items.iter().enumerate() {
            x -= 1.0 / (k + 1) as f64;
            if x <= 0.0 {
                return item;
            }
        }
        items[items.len() - 1]
    }
    pub(crate) fn distinct<'a>(&mut self, items: &[&'a str], n: usize) -> Vec<&'a str> {
        let mut out: Vec<&str> = Vec::new();
        for _ in 0..n * 4 {
            let v = self.zipf(items);
            if !out.contains(&v) {
                out.push(v);
            }
            if out.len() == n {
                break;
            }
        }
        out
    }
}

pub(crate) const FACTORS: &[&str] = &[
    "config-change",
    "missing-alert",
    "capacity-planning",
    "deploy-process",
    "dependency-failure",
    "insufficient-testing",
    "runbook-gap",
    "retry-storm",
    "human-error",
    "certificate-expiry",
    "schema-migration",
    "third-party-outage",
    "noisy-alerting",
    "single-point-of-failure",
    "dns-misconfiguration",
    "disk-exhaustion",
    "memory-leak",
    "clock-skew",
    "feature-flag",
    "rate-limiting",
    "cache-stampede",
    "network-partition",
    "secret-rotation",
    "quota-exhaustion",
    "data-corruption",
];
pub(crate) const SERVICES: &[&str] = &[
    "checkout-api",
    "payments-api",
    "search",
    "identity",
    "edge-cdn",
    "k8s-platform",
    "data-pipeline",
    "notifications",
    "postgres-primary",
    "billing",
    "inventory",
    "recommendations",
    "mobile-gateway",
    "auth-proxy",
    "kafka",
    "redis-cache",
    "object-storage",
    "ci-runners",
    "metrics",
    "logging",
    "email-relay",
    "dns",
    "load-balancer",
    "feature-flags",
    "ledger",
    "pricing",
    "reporting",
    "webhooks",
    "admin-portal",
    "support-tools",
];
pub(crate) const TEAMS: &[&str] = &[
    "platform",
    "payments",
    "sre",
    "search",
    "identity",
    "data",
    "edge",
    "mobile",
    "growth",
    "infra-security",
    "billing",
    "observability",
];
pub(crate) const ZONES: &[&str] = &["UTC", "PST", "EST", "CET", "IST", "UTC", "JST", "AEST"];
pub(crate) const AUTHORS: &[&str] = &[
    "Ana Ruiz",
    "Tom Becker",
    "Priya Raghavan",
    "Lena Hoffmann",
    "Marcus Okafor",
    "Yuki Tanaka",
    "Sam Osei",
    "Ines Duarte",
    "Ravi Menon",
    "Chloe Martin",
];
pub(crate) const NOUNS: &[&str] = &[
    "connection pool",
    "replica lag",
    "consumer group",
    "ingress controller",
    "TLS handshake",
    "DNS resolver",
    "node pool",
    "write-ahead log",
    "rate limiter",
    "circuit breaker",
    "job scheduler",
    "message broker",
    "token cache",
    "load balancer health check",
    "autoscaler",
    "batch window",
    "read replica",
    "feature flag",
    "schema registry",
    "object store bucket",
    "sidecar proxy",
    "cron job",
    "queue depth",
    "disk quota",
];
pub(crate) const VERBS: &[&str] = &[
    "saturated",
    "stalled",
    "timed out",
    "dropped requests",
    "returned 503s",
    "fell behind",
    "restarted in a loop",
    "rejected writes",
    "ran out of memory",
    "lost quorum",
    "served stale data",
    "throttled callers",
    "exhausted file descriptors",
    "leaked goroutines",
    "paged the on-call",
];
pub(crate) const ADJ: &[&str] =
    &["intermittent", "cascading", "partial", "regional", "silent", "gradual", "sudden", "noisy", "unexpected", "latent"];
pub(crate) const KINDS: &[&str] =
    &["trigger", "impact", "alert", "notification", "action", "action", "automated", "comms", "mitigation", "resolution"];

pub(crate) fn sentence(r: &mut Rng) -> String {
    format!(
        "The {} {} {} after the {} {}, and {} {}.",
        r.pick(ADJ),
        r.pick(NOUNS),
        r.pick(VERBS),
        r.pick(NOUNS),
        r.pick(&["changed", "was upgraded", "was resized", "failed over", "was rotated", "hit its limit"]),
        r.pick(&["the", "every", "one", "our"]),
        r.pick(NOUNS)
    )
}

pub(crate) fn paragraph(r: &mut Rng, n: usize) -> String {
    (0..n).map(|_| sentence(r)).collect::<Vec<_>>().join(" ")
}

/// Which kind of archive to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Profile {
    /// Short bodies, 6–14 timeline events, 25 factors, 30 services, 12
    /// teams, no tags; a tenth of documents without front matter.
    #[default]
    Default,
    /// Longer bodies with code blocks and tables, 20–60 timeline events,
    /// three times as many factors, services and teams, 90 tags, a larger
    /// vocabulary with identifiers; a third of documents without front
    /// matter, so that extraction runs on them (see [`varied`]).
    Varied,
}

/// Write `count` post-mortems under `dir/content` (and a `book.toml` when
/// `dir` has none). Returns the number of files written.
pub fn generate(dir: &Path, count: usize, seed: u64) -> Result<usize> {
    generate_profile(dir, count, seed, Profile::Default)
}

/// [`generate`] with a choice of [`Profile`].
pub fn generate_profile(dir: &Path, count: usize, seed: u64, profile: Profile) -> Result<usize> {
    let content = dir.join("content");
    std::fs::create_dir_all(&content).map_err(|e| Error::io(&content, e))?;
    let config = dir.join("book.toml");
    if !config.exists() {
        let mut toml = String::from("[book]\ntitle = \"Generated archive\"\n\n[time]\ndefault-zone = \"UTC\"\n");
        let factors: Vec<String> = match profile {
            Profile::Default => FACTORS.iter().map(|f| f.to_string()).collect(),
            Profile::Varied => varied::Vocabulary::new().factors,
        };
        for f in &factors {
            let _ = write!(toml, "\n[[factor]]\nname = \"{f}\"\ndescription = \"Generated factor {f}.\"\n");
        }
        std::fs::write(&config, toml).map_err(|e| Error::io(&config, e))?;
    }
    if profile == Profile::Varied {
        return varied::generate(&content, count, seed);
    }
    let mut r = Rng(seed);
    let start = NaiveDate::from_ymd_opt(2018, 1, 1).unwrap_or_default();
    for i in 0..count {
        let date = start + Duration::days(r.below(365 * 9) as i64);
        let year_dir = content.join(date.format("%Y").to_string());
        std::fs::create_dir_all(&year_dir).map_err(|e| Error::io(&year_dir, e))?;
        let id = format!("GEN-{:06}", i + 1);
        let text = document(&mut r, &id, date, i);
        let path = year_dir.join(format!("{date}-{}.md", id.to_lowercase()));
        std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
    }
    Ok(count)
}

pub(crate) struct Event {
    pub(crate) minute: i64,
    pub(crate) kind: &'static str,
    pub(crate) text: String,
}

fn document(r: &mut Rng, id: &str, date: NaiveDate, n: usize) -> String {
    let k = 1 + r.below(3);
    let services = r.distinct(SERVICES, k);
    let k = 1 + r.below(3);
    let factors = r.distinct(FACTORS, k);
    let k = 1 + r.below(2);
    let teams = r.distinct(TEAMS, k);
    let zone = r.pick(ZONES);
    let severity = ["SEV-1", "SEV-2", "SEV-2", "SEV-3", "SEV-3", "SEV-3", "SEV-4", "SEV-4"][r.below(8)];
    let title = format!("{} {} {} in {}", capital(r.pick(ADJ)), r.pick(NOUNS), r.pick(VERBS), services[0]);
    let start_min = 60 * (1 + r.below(21)) as i64 + r.below(60) as i64;
    let mut events = Vec::new();
    let mut t = start_min;
    for k in 0..(4 + r.below(9)) {
        let kind = match k {
            0 => "trigger",
            1 => "impact",
            2 => "alert",
            _ => r.pick(KINDS),
        };
        events.push(Event { minute: t, kind, text: sentence(r) });
        t += 1 + r.below(40) as i64;
    }
    events.push(Event { minute: t + 5, kind: "mitigation", text: "Rolled back and traffic recovered.".into() });
    events.push(Event { minute: t + 30 + r.below(200) as i64, kind: "resolution", text: "Fix deployed; incident resolved.".into() });
    let hm = |m: i64| format!("{:02}:{:02}", (m / 60) % 24, m % 60);
    let (status, actions) = status_and_actions(r, date, n);
    let shape = r.below(10);
    let mut out = String::new();
    let list = |v: &[&str]| v.iter().map(|s| format!("\"{s}\"")).collect::<Vec<_>>().join(", ");
    match shape {
        0..=5 => {
            // YAML, structured.
            let _ = writeln!(
                out,
                "---\nid: {id}\ntitle: \"{title}\"\nsummary: \"{}\"\ndate: {date}\nseverity: {severity}\nstatus: {status}",
                sentence(r)
            );
            let _ = writeln!(
                out,
                "services: [{}]\nteams: [{}]\ncontributing_factors: [{}]\nauthors: [\"{}\"]\ntimezone: {zone}",
                list(&services),
                list(&teams),
                list(&factors),
                r.pick(AUTHORS)
            );
            out.push_str("timeline:\n");
            for e in &events {
                let _ = writeln!(out, "  - at: \"{}\"\n    kind: {}\n    text: \"{}\"", hm(e.minute), e.kind, e.text);
            }
            let _ = writeln!(out, "root_cause: \"{}\"\naction_items:", paragraph(r, 2));
            for (title, owner, st, due, kind) in &actions {
                let _ = writeln!(out, "  - title: \"{title}\"\n    owner: {owner}\n    status: {st}\n    due: {due}\n    kind: {kind}");
            }
            out.push_str("---\n\n");
        }
        6..=7 => {
            // TOML metadata, timeline and actions in the body.
            let _ = writeln!(
                out,
                "+++\nid = \"{id}\"\ntitle = \"{title}\"\ndate = {date}\nseverity = \"{severity}\"\nstatus = \"{status}\"\nservices = [{}]\nteams = [{}]\ncontributing_factors = [{}]\n+++\n",
                list(&services),
                list(&teams),
                list(&factors)
            );
            body_timeline_table(&mut out, &events, date, zone, &hm);
            body_actions_list(&mut out, &actions);
        }
        _ => {
            // Legacy: no front matter at all.
            let _ = writeln!(out, "# {date}, {title}\n");
            let _ = writeln!(out, "## Summary\n\n{}\n", paragraph(r, 2));
            body_timeline_table(&mut out, &events, date, zone, &hm);
            body_actions_list(&mut out, &actions);
        }
    }
    let _ = writeln!(
        out,
        "## What happened\n\n{}\n\n{}\n",
        {
            let n = 3 + r.below(4);
            paragraph(r, n)
        },
        {
            let n = 2 + r.below(3);
            paragraph(r, n)
        }
    );
    if r.chance(30) {
        let _ = writeln!(
            out,
            "```log\n{date}T{}:12Z ERROR {}: {}\n{date}T{}:13Z WARN retrying in 250ms\n```\n",
            hm(start_min),
            services[0],
            r.pick(VERBS),
            hm(start_min)
        );
    }
    if r.chance(15) {
        let _ = writeln!(
            out,
            "```yaml\n{}:\n  max_connections: {}\n  timeout_ms: {}\n```\n",
            services[0],
            10 + r.below(90),
            100 * (1 + r.below(30))
        );
    }
    let _ = writeln!(out, "## Lessons learned\n\n- {}\n- {}\n", sentence(r), sentence(r));
    out
}

/// An action item: title, owner, status, due date, kind.
pub(crate) type Action = (String, &'static str, &'static str, String, &'static str);

/// The incident's status and its action items, consistent with each other:
/// work of a phase the incident has reached is finished.
pub(crate) fn status_and_actions(r: &mut Rng, date: NaiveDate, n: usize) -> (&'static str, Vec<Action>) {
    let closed = r.chance(60);
    // Every 97th incident is still being worked on.
    let status = if n.is_multiple_of(97) {
        "mitigated"
    } else if closed {
        "closed"
    } else {
        "resolved"
    };
    let actions: Vec<Action> = (0..1 + r.below(5))
        .map(|_| {
            let due = date + Duration::days(14 + r.below(120) as i64);
            (
                format!(
                    "{} the {}",
                    capital(r.pick(&["add alerting for", "load test", "document", "automate", "remove", "add a canary for"])),
                    r.pick(NOUNS)
                ),
                r.pick(TEAMS),
                r.pick(&["open", "in-progress", "done", "done", "done", "wont-do"]),
                due.to_string(),
                r.pick(&["mitigate", "repair", "prevent", "process"]),
            )
        })
        .collect();
    // An incident is closed only once its close-phase work (prevent and
    // process items) is finished; until then it stays resolved.
    let status =
        if status == "closed" && actions.iter().any(|a| matches!(a.4, "prevent" | "process") && matches!(a.2, "open" | "in-progress")) {
            "resolved"
        } else {
            status
        };
    // Work of a phase the incident has reached is finished (`check` warns
    // about open work in a reached phase).
    let reached = |kind: &str| match kind {
        "mitigate" => status != "active",
        "repair" => matches!(status, "resolved" | "closed"),
        _ => status == "closed",
    };
    let actions: Vec<Action> = actions
        .into_iter()
        .map(|(title, owner, st, due, kind)| {
            let st = if reached(kind) && matches!(st, "open" | "in-progress") { "done" } else { st };
            (title, owner, st, due, kind)
        })
        .collect();
    (status, actions)
}

pub(crate) fn body_timeline_table(out: &mut String, events: &[Event], date: NaiveDate, zone: &str, hm: &dyn Fn(i64) -> String) {
    let _ = writeln!(out, "## Timeline\n\nAll times in {zone}.\n\n| Time | Type | Event |\n| --- | --- | --- |");
    for e in events {
        let day = date + Duration::days(e.minute / (24 * 60));
        let _ = writeln!(out, "| {day} {} | {} | {} |", hm(e.minute), e.kind, e.text);
    }
    out.push('\n');
}

pub(crate) fn body_actions_list(out: &mut String, actions: &[(String, &str, &str, String, &str)]) {
    out.push_str("## Action items\n\n");
    for (title, owner, st, _, _) in actions {
        let done = if *st == "done" { "x" } else { " " };
        let _ = writeln!(out, "- [{done}] {title} : {owner}");
    }
    out.push('\n');
}

pub(crate) fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generation_is_deterministic() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        generate(a.path(), 20, 7).unwrap();
        generate(b.path(), 20, 7).unwrap();
        let read = |d: &Path| {
            let mut v: Vec<(String, String)> = walkdir::WalkDir::new(d.join("content"))
                .into_iter()
                .filter_map(|e| e.ok())
                .filter(|e| e.file_type().is_file())
                .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read_to_string(e.path()).unwrap()))
                .collect();
            v.sort();
            v
        };
        assert_eq!(read(a.path()), read(b.path()));
        assert_eq!(read(a.path()).len(), 20);
    }
}
