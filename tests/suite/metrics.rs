//! `metrics.prom`: its values on the workflow fixture (snapshot, with a fixed
//! build date and `SOURCE_DATE_EPOCH`), `promtool check metrics` on the file
//! built from the example archive, and the README's example alerting rules
//! through `promtool check rules` and `promtool test rules`.
//!
//! promtool comes with Debian's `prometheus` package, which `.ci/run`
//! installs. Without it the promtool tests print SKIPPED and pass, except
//! under CI (`CI` set), where they fail.

use std::process::Command;

use crate::common::*;

/// `promtool`, or why it cannot run (which fails the test under CI).
fn promtool() -> Option<Command> {
    let path = std::env::var("PROMTOOL").unwrap_or_else(|_| "promtool".into());
    if Command::new(&path).arg("--version").output().is_ok_and(|o| o.status.success()) {
        return Some(Command::new(path));
    }
    let why = format!("no `{path}` on PATH (Debian package `prometheus`)");
    assert!(std::env::var_os("CI").is_none(), "CI must run the promtool checks, but there is {why}");
    eprintln!("SKIPPED: promtool test: {why}");
    None
}

fn build(archive: &std::path::Path, site: &std::path::Path) {
    pmbook()
        .env("SOURCE_DATE_EPOCH", "1748779200")
        .arg("-C")
        .arg(archive)
        .args(["build", "--quiet", "--no-search", "--dest"])
        .arg(site)
        .assert()
        .success();
}

#[test]
fn metrics_of_the_workflow_fixture() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let site = tmp.path().join("site");
    build(&fixture("workflow"), &site);
    let text = std::fs::read_to_string(site.join("metrics.prom")).expect("metrics.prom");
    insta::assert_snapshot!("metrics_prom", text);
    for expected in [
        "pmbook_incidents{phase=\"mitigated\",severity=\"SEV-3\"} 1",
        "pmbook_action_items_open{team=\"ci\",owner=\"Ada Quist\"} 1",
        "pmbook_action_items_overdue{team=\"ci\",owner=\"Ada Quist\"} 1",
        "pmbook_action_items_overdue{team=\"platform\",owner=\"Ada Quist\"} 1",
        "pmbook_incidents_stuck{phase=\"resolved\"} 1",
        "pmbook_time_to_mitigate_seconds_count 3",
        "pmbook_archive_build_timestamp_seconds 1748779200",
        "pmbook_archive_build_date_timestamp_seconds 1748736000",
    ] {
        assert!(text.contains(expected), "{expected} missing from\n{text}");
    }
}

#[test]
fn label_values_are_escaped_in_the_file() {
    let tmp = temp_archive("workflow");
    let path = tmp.path().join("content/2025-05-31-login-errors.md");
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, text.replace("owner: Kim Lee", "owner: 'Kim \"KL\" Lee \\ ops'")).expect("write");
    let site = tmp.path().join("site");
    build(tmp.path(), &site);
    let metrics = std::fs::read_to_string(site.join("metrics.prom")).expect("metrics.prom");
    assert!(metrics.contains(r#"pmbook_action_items_open{team="identity",owner="Kim \"KL\" Lee \\ ops"} 1"#), "{metrics}");
    if let Some(mut promtool) = promtool() {
        let out = promtool
            .args(["check", "metrics"])
            .stdin(std::fs::File::open(site.join("metrics.prom")).expect("open"))
            .output()
            .expect("runs");
        assert!(out.status.success(), "{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    }
}

#[test]
fn promtool_accepts_the_built_metrics() {
    let Some(mut promtool) = promtool() else { return };
    let tmp = tempfile::tempdir().expect("tempdir");
    let site = tmp.path().join("site");
    build(&repo(), &site);
    let file = site.join("metrics.prom");
    let out = promtool.args(["check", "metrics"]).stdin(std::fs::File::open(&file).expect("open")).output().expect("promtool runs");
    let report = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    eprintln!("promtool check metrics on the example archive's metrics.prom: exit {:?} {report}", out.status.code());
    assert!(out.status.success() && report.trim().is_empty(), "promtool check metrics: {report}");
}

/// The YAML block of the README's docs (docs/site.md) that starts with `# pmbook example alerting rules`.
fn readme_rules() -> String {
    // The README's reference lives in docs/ (the site page documents metrics).
    let readme = std::fs::read_to_string(repo().join("docs/site.md")).expect("docs/site.md");
    let start = readme.find("```yaml\n# pmbook example alerting rules\n").expect("the example rules in docs/site.md") + "```yaml\n".len();
    let end = start + readme[start..].find("```").expect("end of the block");
    readme[start..end].to_string()
}

/// Sample series on which each example alert must fire.
const RULE_TESTS: &str = r#"rule_files: [rules.yml]
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
      - series: 'pmbook_action_items_overdue{team="ci",owner="Ada Quist"}'
        values: '3x200'
      - series: 'pmbook_action_items_overdue{team="ci",owner="Lin Osei"}'
        values: '1x200'
      - series: 'pmbook_action_items_overdue{team="web",owner="Kim Lee"}'
        values: '1x200'
    alert_rule_test:
      - eval_time: 30m
        alertname: PostmortemFollowUpsOverdue
        exp_alerts: []
      - eval_time: 90m
        alertname: PostmortemFollowUpsOverdue
        exp_alerts:
          - exp_labels: { severity: ticket, team: ci }
            exp_annotations:
              summary: "ci has 4 overdue post-mortem follow-ups"
              description: "Their owners are on the action-items page of the post-mortem archive."
  - interval: 1m
    input_series:
      - series: 'pmbook_incidents_stuck{phase="resolved"}'
        values: '1x1600'
      - series: 'pmbook_incidents_stuck{phase="active"}'
        values: '0x1600'
      - series: 'pmbook_archive_build_timestamp_seconds'
        values: '0x4400'
    alert_rule_test:
      - eval_time: 25h
        alertname: PostmortemIncidentStuck
        exp_alerts:
          - exp_labels: { severity: ticket, phase: resolved }
            exp_annotations:
              summary: "1 incident(s) stuck in phase resolved"
      - eval_time: 1d
        alertname: PostmortemArchiveStale
        exp_alerts: []
      - eval_time: 3d
        alertname: PostmortemArchiveStale
        exp_alerts:
          - exp_labels: { severity: ticket }
            exp_annotations:
              summary: "The post-mortem archive has not been rebuilt for two days, so its overdue counts are stale"
"#;

#[test]
fn the_readmes_alerting_rules_check_and_fire() {
    let rules = readme_rules();
    assert!(rules.contains("pmbook_action_items_overdue"), "{rules}");
    let Some(mut check) = promtool() else { return };
    let tmp = tempfile::tempdir().expect("tempdir");
    std::fs::write(tmp.path().join("rules.yml"), &rules).expect("rules.yml");
    std::fs::write(tmp.path().join("rules_test.yml"), RULE_TESTS).expect("rules_test.yml");
    let out = check.current_dir(tmp.path()).args(["check", "rules", "rules.yml"]).output().expect("promtool runs");
    let report = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    eprintln!("promtool check rules on the README's rules: {report}");
    assert!(out.status.success(), "promtool check rules: {report}");

    let Some(mut test) = promtool() else { return };
    let out = test.current_dir(tmp.path()).args(["test", "rules", "rules_test.yml"]).output().expect("promtool runs");
    let report = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    eprintln!("promtool test rules: {report}");
    assert!(out.status.success(), "promtool test rules: {report}");
}
