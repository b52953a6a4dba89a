//! `metrics.prom`: the archive as Prometheus metrics, in the text exposition
//! format (version 0.0.4), so that a Prometheus job can scrape the static
//! site and Alertmanager can page on rotting follow-ups.
//!
//! Every value is a gauge or a summary computed at build time: incidents by
//! phase and severity, open and overdue action items by team and owner,
//! incidents stuck in a phase, the time to detect, mitigate and resolve, and
//! when the archive was built. An absent severity, team or owner is an empty
//! label value (which Prometheus treats as no label).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::index::{ledger, stats};
use crate::model::{Incident, Status};

/// What `metrics.prom` is built from besides the incidents.
#[derive(Debug, Clone, Copy)]
pub struct MetricsInput {
    /// The build date ("today"): it decides what is overdue and how long an
    /// incident has been in its phase.
    pub today: NaiveDate,
    /// When the build ran, in Unix seconds (`SOURCE_DATE_EPOCH` when set).
    pub built_at: i64,
    /// `[review] stuck-after`, in days.
    pub stuck_after_days: u32,
}

/// When a build runs, in Unix seconds: `SOURCE_DATE_EPOCH` if it is set to a
/// number (reproducible builds), else the clock.
pub fn build_timestamp() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse().ok()).unwrap_or_else(|| chrono::Utc::now().timestamp())
}

/// A label value with `\`, `"` and line feeds escaped.
fn label(v: &str) -> String {
    v.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

fn header(out: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(out, "# HELP {name} {help}");
    let _ = writeln!(out, "# TYPE {name} {kind}");
}

/// Samples of one gauge with labels, in label order.
fn gauge(out: &mut String, name: &str, help: &str, keys: &[&str], samples: &BTreeMap<Vec<String>, u64>) {
    header(out, name, "gauge", help);
    for (values, n) in samples {
        let labels: Vec<String> = keys.iter().zip(values).map(|(k, v)| format!("{k}=\"{}\"", label(v))).collect();
        let _ = writeln!(out, "{name}{{{}}} {n}", labels.join(","));
    }
}

/// The text of `metrics.prom` for `incidents`.
pub fn render(incidents: &[&Incident], input: MetricsInput) -> String {
    let mut out = String::new();

    let mut by_phase: BTreeMap<Vec<String>, u64> = BTreeMap::new();
    // Every phase appears, so an alert on a phase sees 0 rather than nothing.
    for s in Status::ALL {
        by_phase.entry(vec![s.as_str().to_string(), String::new()]).or_default();
    }
    for inc in incidents {
        let phase = inc.status.map_or("unknown", Status::as_str).to_string();
        let key = vec![phase, inc.severity.clone().unwrap_or_default()];
        *by_phase.entry(key).or_default() += 1;
    }
    // Drop the placeholder rows that real rows of the same phase make redundant.
    let phases_with_rows: Vec<String> = by_phase.iter().filter(|(k, n)| **n > 0 && !k[1].is_empty()).map(|(k, _)| k[0].clone()).collect();
    by_phase.retain(|k, n| *n > 0 || !phases_with_rows.contains(&k[0]));
    gauge(&mut out, "pmbook_incidents", "Incidents in the archive, by lifecycle phase and severity.", &["phase", "severity"], &by_phase);

    let mut open: BTreeMap<Vec<String>, u64> = BTreeMap::new();
    let mut overdue: BTreeMap<Vec<String>, u64> = BTreeMap::new();
    for inc in incidents {
        let team = inc.teams.first().cloned().unwrap_or_default();
        for a in inc.action_items.iter().filter(|a| !a.status.is_finished()) {
            let key = vec![team.clone(), a.owner.clone().unwrap_or_default()];
            *open.entry(key.clone()).or_default() += 1;
            if ledger::is_overdue(a, input.today) {
                *overdue.entry(key).or_default() += 1;
            }
        }
    }
    gauge(
        &mut out,
        "pmbook_action_items_open",
        "Action items not done and not dropped, by the incident's first team and the item's owner.",
        &["team", "owner"],
        &open,
    );
    header(
        &mut out,
        "pmbook_action_items_overdue",
        "gauge",
        "Open action items due before the build date, by the incident's first team and the item's owner.",
    );
    for (values, n) in &overdue {
        let _ = writeln!(out, "pmbook_action_items_overdue{{team=\"{}\",owner=\"{}\"}} {n}", label(&values[0]), label(&values[1]));
    }

    let mut stuck: BTreeMap<Vec<String>, u64> = BTreeMap::new();
    for inc in incidents {
        if let Some(status) = inc.status.filter(|s| *s != Status::Closed)
            && crate::phases::flow(inc, input.today).age_days.is_some_and(|d| d > i64::from(input.stuck_after_days))
        {
            *stuck.entry(vec![status.as_str().to_string()]).or_default() += 1;
        }
    }
    for s in [Status::Active, Status::Mitigated, Status::Resolved] {
        stuck.entry(vec![s.as_str().to_string()]).or_default();
    }
    gauge(
        &mut out,
        "pmbook_incidents_stuck",
        &format!("Incidents, not closed, in their phase for more than {} days ([review] stuck-after), by phase.", input.stuck_after_days),
        &["phase"],
        &stuck,
    );

    for (name, what, pick) in [
        ("pmbook_time_to_detect_seconds", "impact start to detection", 0),
        ("pmbook_time_to_mitigate_seconds", "impact start to mitigation", 1),
        ("pmbook_time_to_resolve_seconds", "impact start to resolution", 2),
    ] {
        let mut values: Vec<i64> = incidents
            .iter()
            .filter_map(|i| [i.durations.time_to_detect, i.durations.time_to_mitigate, i.durations.time_to_resolve][pick])
            .filter(|v| *v >= 0)
            .collect();
        let sum: i64 = values.iter().sum();
        header(&mut out, name, "summary", &format!("Time from {what}, over the incidents that have both milestones."));
        if let Some(s) = stats::spread(&mut values) {
            let _ = writeln!(out, "{name}{{quantile=\"0.5\"}} {}", s.median);
            let _ = writeln!(out, "{name}{{quantile=\"0.9\"}} {}", s.p90);
            let _ = writeln!(out, "{name}{{quantile=\"1\"}} {}", s.max);
        }
        let _ = writeln!(out, "{name}_sum {sum}");
        let _ = writeln!(out, "{name}_count {}", values.len());
    }

    header(&mut out, "pmbook_archive_build_timestamp_seconds", "gauge", "When the archive was built, in Unix time.");
    let _ = writeln!(out, "pmbook_archive_build_timestamp_seconds {}", input.built_at);
    header(
        &mut out,
        "pmbook_archive_build_date_timestamp_seconds",
        "gauge",
        "The build date that decides what is overdue (PMBOOK_TODAY or the local date), as Unix time at midnight UTC.",
    );
    let midnight = input.today.and_time(chrono::NaiveTime::MIN).and_utc().timestamp();
    let _ = writeln!(out, "pmbook_archive_build_date_timestamp_seconds {midnight}");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(label("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }

    #[test]
    fn an_empty_archive_still_has_every_family() {
        let today = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap_or_default();
        let text = render(&[], MetricsInput { today, built_at: 1_748_736_000, stuck_after_days: 14 });
        assert!(text.contains("pmbook_incidents{phase=\"active\",severity=\"\"} 0"));
        assert!(text.contains("pmbook_time_to_resolve_seconds_count 0"));
        assert!(text.contains("pmbook_archive_build_date_timestamp_seconds 1748736000"));
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            assert_eq!(line.split(' ').count(), 2, "{line}");
        }
    }
}
