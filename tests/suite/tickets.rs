//! `pmbook import --from gitlab-issues|github-issues`: fixture JSON in each
//! API's documented shape (GitLab's issues API, GitHub's REST API and
//! `gh issue list --json`) → stubs → `check` reports only the milestone
//! times a ticket cannot give → a person adds them → build; then a re-run
//! after a label changed updates the phase and nothing else.

use std::path::Path;

use crate::common::*;

/// An empty archive with the fixture's book.toml (and its `[import.labels]`).
fn archive() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    std::fs::copy(fixture("tickets/book.toml"), tmp.path().join("book.toml")).expect("book.toml");
    std::fs::create_dir_all(tmp.path().join("content")).expect("content");
    tmp
}

fn import(dir: &Path, from: &str, files: &[&Path]) -> String {
    let out = pmbook().arg("-C").arg(dir).args(["import", "--from", from]).args(files).assert().success().get_output().clone();
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn check_json(dir: &Path) -> Vec<serde_json::Value> {
    let out = pmbook().arg("-C").arg(dir).args(["check", "--format", "json"]).output().expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    v["diagnostics"].as_array().cloned().unwrap_or_default()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("read")
}

/// What a person adds to a stub: milestone times for its phase, and text.
fn complete(path: &Path, times: &[(&str, &str)]) {
    let text = read(path);
    let mut impact = String::from("impact:\n");
    for (k, v) in times {
        impact.push_str(&format!("  {k}: {v}\n"));
    }
    let text = text.replacen("\n---\n", &format!("\n{impact}root_cause: Written by a person.\n---\n"), 1);
    std::fs::write(path, format!("{text}\nA paragraph a person wrote.\n")).expect("write");
}

#[test]
fn gitlab_and_github_tickets_end_to_end() {
    let tmp = archive();
    let dir = tmp.path();
    let report = import(dir, "gitlab-issues", &[&fixture("tickets/gitlab-issues.json")]);
    assert!(report.contains("3 ticket(s): 3 created, 0 updated, 0 unchanged"), "{report}");
    let report = import(dir, "github-issues", &[&fixture("tickets/github-issues.json"), &fixture("tickets/gh-issue-list.json")]);
    assert!(report.contains("3 ticket(s): 3 created"), "the pull request is skipped: {report}");

    let content = dir.join("content/2025");
    let umb = content.join("2025-02-16-umb-messenger-29.md");
    insta::assert_snapshot!("gitlab_stub", read(&umb));
    insta::assert_snapshot!("github_stub", read(&content.join("2025-03-05-checkout-412.md")));
    insta::assert_snapshot!("gh_cli_stub", read(&content.join("2025-04-01-search-77.md")));

    // The model: phase, severity, services, teams and factors from the labels.
    let out = pmbook()
        .arg("-C")
        .arg(dir)
        .args(["inspect", "--format", "json"])
        .arg(&umb)
        .arg(content.join("2025-05-28-upt-97.md"))
        .arg(content.join("2025-01-09-pipeline-definition-165.md"))
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let [umb_m, upt, coverage] = [&v["incidents"][0], &v["incidents"][1], &v["incidents"][2]];
    assert_eq!(
        (umb_m["id"].as_str(), umb_m["status"].as_str(), umb_m["severity"].as_str()),
        (Some("umb-messenger#29"), Some("mitigated"), Some("SEV-2"))
    );
    assert_eq!(umb_m["services"], serde_json::json!(["umb-messenger"]));
    assert_eq!(umb_m["ticket"], "https://gitlab.example.com/ci-project/umb-messenger/-/issues/29");
    assert_eq!(umb_m["action_items"].as_array().map(Vec::len), Some(4));
    assert_eq!((upt["status"].as_str(), upt["contributing_factors"][0].as_str()), (Some("active"), Some("config-change")));
    assert_eq!(upt["date"], "2025-05-28", "the ticket's local date");
    // Closed without a phase label: closed; GitLab's LOW severity is the fourth level.
    assert_eq!((coverage["status"].as_str(), coverage["severity"].as_str()), (Some("closed"), Some("SEV-4")));
    // A linked follow-up issue is an action item with its reference.
    let follow = &coverage["action_items"][0];
    assert_eq!(
        (follow["title"].as_str(), follow["tracker"].as_str()),
        (Some("pin the toolchain in coverage jobs"), Some("ci-project/pipeline-definition#170"))
    );
    assert_eq!(follow["owner"], "Lena Kaur", "the assignee");

    // check: no error but the milestone times a ticket cannot give, each with
    // a help line. Review readiness may warn about what a stub still lacks
    // (a severity, a due date), which is the review's business, not an error.
    let all = check_json(dir);
    let readiness = ["placeholder", "empty-section", "open-actions-closed", "missing-severity", "no-action-items", "missing-due"];
    assert!(all.iter().all(|d| d["level"] == "error" || readiness.contains(&d["code"].as_str().unwrap_or(""))), "{all:#?}");
    let diags: Vec<&serde_json::Value> = all.iter().filter(|d| d["level"] == "error").collect();
    assert_eq!(diags.len(), 5, "{diags:#?}");
    for d in &diags {
        assert_eq!(d["code"], "status-milestones", "{d}");
        assert!(d["help"].as_str().is_some_and(|h| h.starts_with("add impact.mitigated")), "{d}");
    }

    // A person adds the times and some text; then the archive checks and builds.
    let utc = |t: &str| format!("2025-01-01 {t} UTC");
    for (file, phase) in [
        ("2025-02-16-umb-messenger-29.md", "mitigated"),
        ("2025-05-28-upt-97.md", "active"),
        ("2025-01-09-pipeline-definition-165.md", "closed"),
        ("2025-03-05-checkout-412.md", "resolved"),
        ("2025-02-11-checkout-398.md", "closed"),
        ("2025-04-01-search-77.md", "mitigated"),
    ] {
        let mut times = vec![("started", utc("09:00"))];
        if phase != "active" {
            times.push(("mitigated", utc("10:00")));
        }
        if matches!(phase, "resolved" | "closed") {
            times.push(("resolved", utc("11:00")));
        }
        let times: Vec<(&str, &str)> = times.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let path = content.join(file);
        // Dates: keep each stub's own day.
        let day = read(&path).lines().find_map(|l| l.strip_prefix("date: ").map(str::to_string)).expect("date");
        let times: Vec<(&str, String)> = times.iter().map(|(k, v)| (*k, v.replace("2025-01-01", &day))).collect();
        let times: Vec<(&str, &str)> = times.iter().map(|(k, v)| (*k, v.as_str())).collect();
        complete(&path, &times);
    }
    // No error is left; review readiness still notes what the closed stubs
    // lack for a review (severity, follow-ups, due dates).
    let left = check_json(dir);
    assert!(left.iter().all(|d| d["level"] == "warning" && readiness.contains(&d["code"].as_str().unwrap_or(""))), "{left:#?}");
    pmbook().arg("-C").arg(dir).args(["build", "--quiet", "--no-search"]).assert().success();
    let page = read(&dir.join("site/incidents/umb-messenger-29/index.html"));
    assert!(page.contains("href=\"https://gitlab.example.com/ci-project/umb-messenger/-/issues/29\""), "the ticket link");

    // The label changes on the tracker; a re-run updates the phase only.
    let before = read(&umb);
    let changed = dir.join("changed.json");
    std::fs::write(&changed, read(&fixture("tickets/gitlab-issues.json")).replace("CWF::Incident Mitigated", "CWF::Incident Resolved"))
        .expect("write");
    let report = import(dir, "gitlab-issues", &[&changed]);
    assert!(report.contains("status mitigated → resolved"), "{report}");
    assert!(report.contains("1 updated, 2 unchanged"), "{report}");
    let after = read(&umb);
    assert_eq!(after, before.replacen("status: mitigated   #", "status: resolved   #", 1), "only the status line changed");
    assert!(after.contains("root_cause: Written by a person.") && after.contains("A paragraph a person wrote."));
    // Resolved now needs its resolved time: the only error.
    let diags: Vec<serde_json::Value> = check_json(dir).into_iter().filter(|d| d["level"] == "error").collect();
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(
        (diags[0]["code"].as_str(), diags[0]["file"].as_str()),
        (Some("status-milestones"), Some("content/2025/2025-02-16-umb-messenger-29.md"))
    );

    // Nothing changed on the tracker: nothing changes here.
    let report = import(dir, "gitlab-issues", &[&changed]);
    assert!(report.contains("0 created, 0 updated, 3 unchanged"), "{report}");
}

#[test]
fn a_moved_stub_is_found_by_its_ticket_url() {
    let tmp = archive();
    let dir = tmp.path();
    import(dir, "github-issues", &[&fixture("tickets/gh-issue-list.json")]);
    let from = dir.join("content/2025/2025-04-01-search-77.md");
    let to = dir.join("content/search-rebalance.md");
    std::fs::rename(&from, &to).expect("rename");
    let changed = dir.join("changed.json");
    std::fs::write(&changed, read(&fixture("tickets/gh-issue-list.json")).replace("incident::mitigated", "incident::resolved"))
        .expect("write");
    let report = import(dir, "github-issues", &[&changed]);
    assert!(report.contains("status mitigated → resolved") && report.contains("search-rebalance.md"), "{report}");
    assert!(!from.exists(), "no second stub");
}

#[test]
fn bad_input_is_reported_with_its_place() {
    let tmp = archive();
    let dir = tmp.path();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, "[\n  {\"iid\": 1,\n  \"title\": }\n]").expect("write");
    let out =
        pmbook().arg("-C").arg(dir).args(["import", "--from", "gitlab-issues"]).arg(&bad).assert().failure().code(1).get_output().clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.json:3:") && err.contains("not valid JSON"), "{err}");
    std::fs::write(&bad, "{\"message\": \"401 Unauthorized\"}").expect("write");
    let out =
        pmbook().arg("-C").arg(dir).args(["import", "--from", "github-issues"]).arg(&bad).assert().failure().code(1).get_output().clone();
    assert!(String::from_utf8_lossy(&out.stderr).contains("expected a JSON array of issues"));
    // A bad [import.labels] entry is a book.toml error.
    std::fs::write(dir.join("book.toml"), "[import.labels]\n\"sev1\" = \"sevrity: SEV-1\"\n").expect("write");
    let out = pmbook().arg("-C").arg(dir).arg("check").assert().failure().code(1).get_output().clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("error[config]") && err.contains("book.toml:2:1") && err.contains("\"field: value\""), "{err}");
}
