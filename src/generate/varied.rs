//! The `varied` profile of `pmbook generate`: archives that look more like
//! real ones than the default profile, for benchmarks whose results should
//! not depend on one generator's habits.
//!
//! Compared with the default: bodies two to three times longer, with code
//! blocks in several languages and tables (impact metrics, affected
//! endpoints); timelines of 20–60 events; three times as many distinct
//! contributing factors (75), services (90) and teams (36), and 90 tags;
//! host names, error codes and request ids in logs and prose, so a search
//! index meets many more distinct terms; and a third of the documents
//! without front matter, so that reading them runs the extraction of
//! timelines, action items and summaries from the body.

use std::fmt::Write as _;
use std::path::Path;

use chrono::{Duration, NaiveDate};

use super::{ADJ, AUTHORS, Event, KINDS, NOUNS, Rng, SERVICES, TEAMS, VERBS, ZONES};
use crate::error::{Error, Result};

const AREAS: &[&str] = &[
    "dns",
    "tls",
    "cache",
    "queue",
    "database",
    "kubernetes",
    "storage",
    "network",
    "config",
    "deploy",
    "auth",
    "billing",
    "monitoring",
    "backup",
    "scheduler",
];
const PROBLEMS: &[&str] = &["misconfiguration", "exhaustion", "regression", "drift", "timeout"];
const TAG_WORDS: &[&str] = &[
    "postgres",
    "mysql",
    "kafka",
    "redis",
    "envoy",
    "istio",
    "terraform",
    "helm",
    "vault",
    "grpc",
    "graphql",
    "s3",
    "gcs",
    "bigquery",
    "spark",
    "airflow",
    "nginx",
    "haproxy",
    "cloudflare",
    "akamai",
    "stripe",
    "twilio",
    "sendgrid",
    "okta",
    "oauth",
    "jwt",
    "cron",
    "ipv6",
    "bgp",
    "mtls",
];
const REGIONS: &[&str] = &["eu-west-1", "eu-central-1", "us-east-1", "us-west-2", "ap-south-1", "ap-northeast-1", "sa-east-1"];
const LANGS: &[&str] = &["rust", "python", "sql", "bash", "json", "yaml", "go", "log"];
const MORE_NOUNS: &[&str] = &[
    "partition leader",
    "query planner",
    "connection storm",
    "thread pool",
    "garbage collector",
    "kernel upgrade",
    "certificate chain",
    "retry budget",
    "health endpoint",
    "deployment pipeline",
    "blue-green switch",
    "canary cohort",
    "vacuum process",
    "index rebuild",
    "session store",
    "webhook dispatcher",
    "billing export",
    "cold start",
    "hot shard",
    "quorum write",
];
const MORE_VERBS: &[&str] = &[
    "amplified the load",
    "double-charged customers",
    "returned stale prices",
    "blocked deploys",
    "corrupted a snapshot",
    "evicted healthy pods",
    "flapped between zones",
    "queued millions of jobs",
    "skipped validation",
    "silently dropped events",
];

/// The names an archive of this profile draws its terms from.
pub struct Vocabulary {
    /// 75 contributing factors (area × problem).
    pub factors: Vec<String>,
    /// 90 services: the default 30, and a worker and a database of each.
    pub services: Vec<String>,
    /// 36 teams: the default 12, and an EU and a US team of each.
    pub teams: Vec<String>,
    /// 90 tags: technologies, alone and with a region or `-migration`.
    pub tags: Vec<String>,
}

impl Vocabulary {
    /// The fixed vocabulary (the same for every seed).
    pub fn new() -> Self {
        let factors = AREAS.iter().flat_map(|a| PROBLEMS.iter().map(move |p| format!("{a}-{p}"))).collect();
        let services = ["", "-worker", "-db"].iter().flat_map(|s| SERVICES.iter().map(move |x| format!("{x}{s}"))).collect();
        let teams = ["", "-eu", "-us"].iter().flat_map(|s| TEAMS.iter().map(move |x| format!("{x}{s}"))).collect();
        let tags = ["", "-migration", "-upgrade"].iter().flat_map(|s| TAG_WORDS.iter().map(move |x| format!("{x}{s}"))).collect();
        Vocabulary { factors, services, teams, tags }
    }
}

impl Default for Vocabulary {
    fn default() -> Self {
        Self::new()
    }
}

struct Words<'v> {
    factors: Vec<&'v str>,
    services: Vec<&'v str>,
    teams: Vec<&'v str>,
    tags: Vec<&'v str>,
    nouns: Vec<&'static str>,
    verbs: Vec<&'static str>,
}

/// Write `count` documents of this profile under `content`.
pub fn generate(content: &Path, count: usize, seed: u64) -> Result<usize> {
    let v = Vocabulary::new();

    let w = Words {
        factors: strs(&v.factors),
        services: strs(&v.services),
        teams: strs(&v.teams),
        tags: strs(&v.tags),
        nouns: NOUNS.iter().chain(MORE_NOUNS).copied().collect(),
        verbs: VERBS.iter().chain(MORE_VERBS).copied().collect(),
    };
    let mut r = Rng(seed ^ 0x005E_ED0F_7A12_1ED0);
    let start = NaiveDate::from_ymd_opt(2016, 1, 1).unwrap_or_default();
    for i in 0..count {
        let date = start + Duration::days(r.below(365 * 11) as i64);
        let year_dir = content.join(date.format("%Y").to_string());
        std::fs::create_dir_all(&year_dir).map_err(|e| Error::io(&year_dir, e))?;
        let id = format!("VAR-{:06}", i + 1);
        let text = document(&mut r, &w, &id, date, i);
        let path = year_dir.join(format!("{date}-{}.md", id.to_lowercase()));
        std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
    }
    Ok(count)
}

fn strs(x: &[String]) -> Vec<&str> {
    x.iter().map(String::as_str).collect()
}

fn host(r: &mut Rng, service: &str) -> String {
    format!("{service}-{}.{}.internal", r.below(64), r.pick(REGIONS))
}

fn sentence(r: &mut Rng, w: &Words) -> String {
    match r.below(5) {
        0 => format!(
            "The {} {} {} after the {} {}.",
            r.pick(ADJ),
            r.pick(&w.nouns),
            r.pick(&w.verbs),
            r.pick(&w.nouns),
            r.pick(&["changed", "was upgraded", "was resized", "failed over", "was rotated", "hit its limit"])
        ),
        1 => format!(
            "Requests to {} {} with `ERR_{}_{}` while the {} {}.",
            r.zipf(&w.services),
            r.pick(&["failed", "slowed down", "were retried", "queued up"]),
            r.pick(&["TIMEOUT", "CONN", "QUOTA", "AUTH", "SCHEMA", "LOCK"]),
            100 + r.below(900),
            r.pick(&w.nouns),
            r.pick(&w.verbs)
        ),
        2 => {
            let service = r.zipf(&w.services);
            let host = host(r, service);
            format!(
                "On-call noticed that {} was at {}% of its {} and {} {}.",
                host,
                50 + r.below(50),
                r.pick(&["memory limit", "CPU quota", "disk", "connection limit", "file descriptors"]),
                r.pick(&["the", "one", "every"]),
                r.pick(&w.nouns)
            )
        }
        3 => format!(
            "We {} the {} to {} {}.{}.{}, which {}.",
            r.pick(&["rolled back", "scaled", "restarted", "drained", "paused", "re-keyed"]),
            r.pick(&w.nouns),
            r.pick(&["version", "build", "release"]),
            r.below(5),
            r.below(30),
            r.below(20),
            r.pick(&["helped only briefly", "made things worse", "restored service", "bought us time"])
        ),
        _ => format!(
            "A {} {} in {} {} because the {} {}.",
            r.pick(ADJ),
            r.pick(&["spike", "drop", "backlog", "burst", "slowdown"]),
            r.zipf(&w.services),
            r.pick(&w.verbs),
            r.pick(&w.nouns),
            r.pick(&w.verbs)
        ),
    }
}

fn paragraph(r: &mut Rng, w: &Words, n: usize) -> String {
    (0..n).map(|_| sentence(r, w)).collect::<Vec<_>>().join(" ")
}

/// A paragraph of `lo` to `lo + spread - 1` sentences.
fn para(r: &mut Rng, w: &Words, lo: usize, spread: usize) -> String {
    let n = lo + r.below(spread);
    paragraph(r, w, n)
}

fn document(r: &mut Rng, w: &Words, id: &str, date: NaiveDate, n: usize) -> String {
    let k = 1 + r.below(4);
    let services = r.distinct(&w.services, k);
    let k = 1 + r.below(4);
    let factors = r.distinct(&w.factors, k);
    let k = 1 + r.below(3);
    let teams = r.distinct(&w.teams, k);
    let k = r.below(5);
    let tags = r.distinct(&w.tags, k);
    let zone = r.pick(ZONES);
    let severity = ["SEV-1", "SEV-2", "SEV-2", "SEV-3", "SEV-3", "SEV-3", "SEV-4", "SEV-4"][r.below(8)];
    let title = format!("{} {} {} in {}", super::capital(r.pick(ADJ)), r.pick(&w.nouns), r.pick(&w.verbs), services[0]);
    let start_min = 60 * r.below(20) as i64 + r.below(60) as i64;
    let mut events = Vec::new();
    let mut t = start_min;
    let count = 18 + r.below(41);
    for k in 0..count {
        let kind = match k {
            0 => "trigger",
            1 => "impact",
            2 => "alert",
            _ => r.pick(KINDS),
        };
        events.push(Event { minute: t, kind, text: sentence(r, w) });
        t += 1 + r.below(12) as i64;
    }
    events.push(Event { minute: t + 5, kind: "mitigation", text: "Rolled back and traffic recovered.".into() });
    events.push(Event { minute: t + 30 + r.below(200) as i64, kind: "resolution", text: "Fix deployed; incident resolved.".into() });
    let hm = |m: i64| format!("{:02}:{:02}", (m / 60) % 24, m % 60);
    let stamp = |m: i64| format!("{} {}", date + Duration::days(m / (24 * 60)), hm(m));
    let (status, actions) = super::status_and_actions(r, date, n);
    let list = |v: &[&str]| v.iter().map(|s| format!("\"{s}\"")).collect::<Vec<_>>().join(", ");
    let mut out = String::new();
    match r.below(12) {
        0..=5 => {
            // YAML, structured, timeline with dates.
            let _ = writeln!(
                out,
                "---\nid: {id}\ntitle: \"{title}\"\nsummary: \"{}\"\ndate: {date}\nseverity: {severity}\nstatus: {status}",
                sentence(r, w)
            );
            let _ = writeln!(
                out,
                "services: [{}]\nteams: [{}]\ncontributing_factors: [{}]\ntags: [{}]\nauthors: [\"{}\", \"{}\"]\ntimezone: {zone}",
                list(&services),
                list(&teams),
                list(&factors),
                list(&tags),
                r.pick(AUTHORS),
                r.pick(AUTHORS)
            );
            out.push_str("timeline:\n");
            for e in &events {
                let _ = writeln!(out, "  - at: \"{}\"\n    kind: {}\n    text: \"{}\"", stamp(e.minute), e.kind, e.text.replace('`', ""));
            }
            let _ = writeln!(out, "root_cause: \"{}\"\naction_items:", paragraph(r, w, 3).replace('`', ""));
            for (title, owner, st, due, kind) in &actions {
                let _ = writeln!(out, "  - title: \"{title}\"\n    owner: {owner}\n    status: {st}\n    due: {due}\n    kind: {kind}");
            }
            out.push_str("---\n\n");
        }
        6..=7 => {
            // TOML metadata; timeline and actions in the body.
            let _ = writeln!(
                out,
                "+++\nid = \"{id}\"\ntitle = \"{title}\"\ndate = {date}\nseverity = \"{severity}\"\nstatus = \"{status}\"\nservices = [{}]\nteams = [{}]\ncontributing_factors = [{}]\ntags = [{}]\n+++\n",
                list(&services),
                list(&teams),
                list(&factors),
                list(&tags)
            );
            super::body_timeline_table(&mut out, &events, date, zone, &hm);
            super::body_actions_list(&mut out, &actions);
        }
        _ => {
            // Legacy: no front matter; everything is read from the body.
            let _ = writeln!(out, "# {date}, {title}\n");
            let _ = writeln!(out, "## Summary\n\n{}\n", paragraph(r, w, 3));
            let _ = writeln!(out, "Services: {}. Severity: {severity}.\n", services.join(", "));
            super::body_timeline_table(&mut out, &events, date, zone, &hm);
            super::body_actions_list(&mut out, &actions);
        }
    }
    body(r, w, &mut out, date, &services, &hm, start_min);
    out
}

/// The prose, tables and code that follow the metadata.
#[allow(clippy::too_many_arguments)]
fn body(r: &mut Rng, w: &Words, out: &mut String, date: NaiveDate, services: &[&str], hm: &dyn Fn(i64) -> String, start_min: i64) {
    let _ = writeln!(out, "## Impact\n\n{}\n", para(r, w, 2, 3));
    out.push_str("| Metric | Before | During | After |\n| --- | ---: | ---: | ---: |\n");
    for m in ["p99 latency (ms)", "error rate (%)", "requests/s", "queue depth"].iter().take(2 + r.below(3)) {
        let base = 10 + r.below(500);
        let _ = writeln!(out, "| {m} | {base} | {} | {} |", base * (2 + r.below(20)), base + r.below(10));
    }
    out.push('\n');
    let _ = writeln!(out, "## What happened\n");
    for _ in 0..2 + r.below(3) {
        let _ = writeln!(out, "### {}\n\n{}\n", super::capital(r.pick(&w.nouns)), para(r, w, 3, 5));
    }
    if r.chance(60) {
        out.push_str("Affected endpoints:\n\n| Endpoint | Host | Errors |\n| --- | --- | ---: |\n");
        for _ in 0..2 + r.below(6) {
            let s = r.zipf(services);
            let _ = writeln!(
                out,
                "| `{} /v{}/{}` | {} | {} |",
                r.pick(&["GET", "POST", "PUT", "DELETE"]),
                1 + r.below(3),
                r.pick(&["orders", "users", "sessions", "invoices", "search", "events", "tokens"]),
                host(r, s),
                r.below(100_000)
            );
        }
        out.push('\n');
    }
    for _ in 0..1 + r.below(4) {
        code_block(r, w, out, date, services[0], hm(start_min));
    }
    let _ = writeln!(out, "## Root cause\n\n{}\n\n{}\n", para(r, w, 3, 4), para(r, w, 2, 3));
    out.push_str("## Lessons learned\n\n");
    for _ in 0..2 + r.below(5) {
        let _ = writeln!(out, "- {}", sentence(r, w));
    }
    out.push('\n');
}

fn code_block(r: &mut Rng, w: &Words, out: &mut String, date: NaiveDate, service: &str, at: String) {
    let lang = r.pick(LANGS);
    let _ = writeln!(out, "```{lang}");
    match lang {
        "rust" => {
            let _ = writeln!(
                out,
                "let pool = Pool::builder()\n    .max_size({})\n    .connection_timeout(Duration::from_millis({}))\n    .build(manager)?;",
                8 + r.below(120),
                100 * (1 + r.below(50))
            );
        }
        "python" => {
            let _ = writeln!(
                out,
                "for attempt in range({}):\n    try:\n        client.call(\"{service}\", timeout={})\n        break\n    except TimeoutError:\n        time.sleep(2 ** attempt)",
                3 + r.below(5),
                1 + r.below(30)
            );
        }
        "sql" => {
            let _ = writeln!(
                out,
                "SELECT account_id, count(*)\nFROM {}\nWHERE created_at > now() - interval '{} minutes'\nGROUP BY account_id\nORDER BY 2 DESC\nLIMIT {};",
                r.pick(&["orders", "payments", "sessions", "events", "ledger_entries"]),
                5 + r.below(120),
                10 + r.below(90)
            );
        }
        "bash" => {
            let _ = writeln!(
                out,
                "kubectl -n {service} rollout undo deployment/{service}\nkubectl -n {service} scale deployment/{service} --replicas={}",
                2 + r.below(40)
            );
        }
        "json" => {
            let _ = writeln!(
                out,
                "{{\n  \"service\": \"{service}\",\n  \"error\": \"ERR_{}_{}\",\n  \"request_id\": \"{:016x}\",\n  \"retries\": {}\n}}",
                r.pick(&["TIMEOUT", "CONN", "QUOTA"]),
                100 + r.below(900),
                r.next(),
                r.below(10)
            );
        }
        "yaml" => {
            let _ = writeln!(
                out,
                "{service}:\n  max_connections: {}\n  timeout_ms: {}\n  retry_budget: {}",
                10 + r.below(90),
                100 * (1 + r.below(30)),
                r.below(20)
            );
        }
        "go" => {
            let _ = writeln!(
                out,
                "ctx, cancel := context.WithTimeout(ctx, {}*time.Millisecond)\ndefer cancel()\nif err := client.Do(ctx, req); err != nil {{\n\treturn fmt.Errorf(\"{service}: %w\", err)\n}}",
                50 * (1 + r.below(40))
            );
        }
        _ => {
            for k in 0..3 + r.below(8) {
                let _ = writeln!(
                    out,
                    "{date}T{at}:{:02}Z {} {} {}: {} (req {:08x})",
                    k % 60,
                    r.pick(&["ERROR", "WARN", "INFO"]),
                    host(r, service),
                    service,
                    r.pick(&w.verbs),
                    r.next() as u32
                );
            }
        }
    }
    out.push_str("```\n\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabulary_is_three_times_the_default() {
        let v = Vocabulary::new();
        assert_eq!(v.factors.len(), 75);
        assert_eq!(v.services.len(), 3 * SERVICES.len());
        assert_eq!(v.teams.len(), 3 * TEAMS.len());
        assert_eq!(v.tags.len(), 90);
    }

    #[test]
    fn a_third_has_no_front_matter_and_timelines_are_long() {
        let dir = tempfile::tempdir().unwrap();
        generate(dir.path(), 90, 3).unwrap();
        let docs: Vec<String> = walkdir::WalkDir::new(dir.path())
            .into_iter()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_file())
            .map(|e| std::fs::read_to_string(e.path()).unwrap())
            .collect();
        assert_eq!(docs.len(), 90);
        let legacy = docs.iter().filter(|d| d.starts_with("# ")).count();
        assert!((20..=40).contains(&legacy), "{legacy} of 90 without front matter");
        for d in &docs {
            let events = d.matches("\n  - at: ").count() + d.lines().filter(|l| l.starts_with("| 20")).count();
            assert!((20..=60).contains(&events), "{events} timeline events");
            assert!(d.contains("```"), "a code block");
        }
    }
}
