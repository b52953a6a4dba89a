//! Phase actions: the `phase` of an action item (written, or from its
//! `kind`), the phases on the incident page, the board's cards (next phase,
//! what blocks it, age in phase, owner), and the `check` rules.

use crate::common::*;

/// A one-file archive with `front` as the front matter.
fn archive(front: &str, book: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    std::fs::write(tmp.path().join("book.toml"), format!("[time]\ndefault-zone = \"UTC\"\n{book}")).expect("book.toml");
    std::fs::create_dir_all(tmp.path().join("content")).expect("content");
    std::fs::write(tmp.path().join("content/a.md"), format!("---\n{front}---\n\nText.\n")).expect("a.md");
    tmp
}

const CLOSED_WITH_OPEN_WORK: &str = "id: PM-1
title: Closed too early
date: 2025-05-01
status: closed
impact:
  started: 2025-05-01 10:00
  mitigated: 2025-05-01 11:00
  resolved: 2025-05-02 11:00
action_items:
  - title: Fix it properly
    owner: a
    status: open
    kind: repair
  - title: Stop it happening again
    owner: b
    status: in-progress
    kind: prevent
  - title: Tell the customers
    owner: c
    status: open
    kind: process
    phase: mitigate
  - title: Already finished
    owner: d
    status: open
    done: 2025-05-03
    phase: close
";

fn findings(dir: &std::path::Path) -> (bool, Vec<(u64, String, String)>) {
    let out = pmbook().arg("-C").arg(dir).args(["check", "--format", "json"]).output().expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let got = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (d["line"].as_u64().unwrap_or(0), d["level"].as_str().unwrap_or("").to_string(), d["code"].as_str().unwrap_or("").to_string())
        })
        .collect();
    (out.status.success(), got)
}

#[test]
fn open_work_in_a_reached_phase_is_reported() {
    let tmp = archive(CLOSED_WITH_OPEN_WORK, "");
    let (ok, got) = findings(tmp.path());
    assert!(!ok, "a closed incident with open close-phase work fails the check");
    let expected = [
        (11, "warning", "phase-actions-open"),
        (15, "error", "phase-actions-open"),
        (19, "warning", "phase-actions-open"),
        (24, "error", "phase-actions-open"),
        (24, "warning", "done-date"),
    ];
    // Only this module's rules (review readiness adds its own findings).
    let got: Vec<(u64, &str, &str)> = got
        .iter()
        .filter(|(_, _, c)| c == "phase-actions-open" || c == "done-date")
        .map(|(l, lv, c)| (*l, lv.as_str(), c.as_str()))
        .collect();
    assert_eq!(got, expected);

    // `[check] closed-phase-actions = "warn"` makes the closing rule a warning.
    let tmp = archive(CLOSED_WITH_OPEN_WORK, "[check]\nclosed-phase-actions = \"warn\"\n");
    let (ok, got) = findings(tmp.path());
    assert!(ok, "{got:?}");
    assert!(got.iter().all(|(_, level, _)| level == "warning"), "{got:?}");
}

#[test]
fn the_message_says_which_phase_and_why() {
    let tmp = archive(CLOSED_WITH_OPEN_WORK, "");
    let out = pmbook().arg("-C").arg(tmp.path()).arg("check").output().expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(
            "action item \"Stop it happening again\" serves the `close` phase, and the incident is `closed` while it is still in-progress"
        ),
        "{text}"
    );
    assert!(text.contains("serves the `resolve` phase, which the incident has reached (status `closed`)"), "{text}");
}

#[test]
fn a_skipped_phase_stays_an_error() {
    // Resolved without a mitigated time: the mitigate phase was skipped.
    let tmp = archive(
        "id: PM-1\ntitle: Skipped\ndate: 2025-05-01\nstatus: resolved\nimpact:\n  started: 2025-05-01 10:00\naction_items:\n  - title: x\n    owner: a\n    status: done\n    kind: repair\n",
        "",
    );
    let (ok, got) = findings(tmp.path());
    assert!(!ok);
    assert!(got.iter().any(|(_, level, code)| level == "error" && code == "status-milestones"), "{got:?}");
}

#[test]
fn phases_are_in_the_model_with_their_default() {
    let tmp = archive(CLOSED_WITH_OPEN_WORK, "[check]\nclosed-phase-actions = \"warn\"\n");
    let out = pmbook()
        .arg("-C")
        .arg(tmp.path())
        .args(["inspect", "--format", "json"])
        .arg(tmp.path().join("content/a.md"))
        .output()
        .expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let items = json["incidents"][0]["action_items"].as_array().expect("items").clone();
    let phases: Vec<&str> = items.iter().map(|a| a["phase"].as_str().unwrap_or("null")).collect();
    assert_eq!(phases, ["resolve", "close", "mitigate", "close"]);
    assert_eq!(items[3]["done"], "2025-05-03");
    assert_eq!(items[0]["done"], serde_json::Value::Null);
}

#[test]
fn an_unknown_phase_is_an_invalid_value() {
    let tmp = archive("id: PM-1\ntitle: x\naction_items:\n  - title: y\n    phase: fixing\n", "");
    let (ok, got) = findings(tmp.path());
    assert!(!ok);
    assert!(got.iter().any(|(l, _, c)| *l == 6 && c == "invalid-value"), "{got:?}");
}

#[test]
fn incident_page_and_board_show_the_workflow() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let site = tmp.path().join("site");
    pmbook().arg("-C").arg(fixture("workflow")).args(["build", "--quiet", "--no-search", "--dest"]).arg(&site).assert().success();

    // WF-001 is mitigated: the mitigate phase got it there, resolve is next.
    let page = std::fs::read_to_string(site.join("incidents/wf-001/index.html")).expect("page");
    let html = scraper::Html::parse_document(&page);
    let sel = |s: &str| scraper::Selector::parse(s).expect("selector");
    let phases: Vec<String> = html.select(&sel(".phase")).map(|e| e.value().attr("class").unwrap_or("").to_string()).collect();
    assert_eq!(phases, ["phase phase-mitigate reached", "phase phase-resolve next", "phase phase-close"]);
    let resolve = html.select(&sel(".phase-resolve")).next().expect("resolve phase").text().collect::<String>();
    assert!(
        resolve.contains("Still needed to be resolved") && resolve.contains("Raise the limit properly in the GitOps repository"),
        "{resolve}"
    );
    let mitigate = html.select(&sel(".phase-mitigate")).next().expect("mitigate phase").text().collect::<String>();
    assert!(mitigate.contains("Got it there") && mitigate.contains("done 20 May 2025"), "{mitigate}");

    // The board: age in phase, owner, next phase and its blockers.
    let board = std::fs::read_to_string(site.join("board/index.html")).expect("board");
    let html = scraper::Html::parse_document(&board);
    let card = html
        .select(&sel(".card"))
        .find(|c| c.text().any(|t| t.contains("CI runners starved")))
        .expect("WF-001 card")
        .text()
        .collect::<Vec<_>>()
        .join(" ");
    let card = card.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(card.contains("In phase 12 days"), "{card}");
    assert!(card.contains("Owner Ada Quist"), "{card}");
    assert!(card.contains("Next Resolve — blocked by 1 open item"), "{card}");
    assert!(card.contains("Raise the limit properly in the GitOps repository"), "{card}");

    // A closed incident: age since its last close-phase item was done, no next phase.
    let closed = html.select(&sel(".board-closed .card")).next().expect("closed card").text().collect::<Vec<_>>().join(" ");
    let closed = closed.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(closed.contains("In phase 1 day") && closed.contains("Owner web") && !closed.contains("Next"), "{closed}");
}

#[test]
fn the_example_archive_shows_phase_actions() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let site = tmp.path().join("site");
    pmbook().arg("-C").arg(repo()).args(["build", "--quiet", "--no-search", "--dest"]).arg(&site).assert().success();
    let with_phases = std::fs::read_dir(site.join("incidents"))
        .expect("incidents")
        .filter_map(Result::ok)
        .filter(|e| std::fs::read_to_string(e.path().join("index.html")).is_ok_and(|p| p.contains("id=\"pm-phases\"")))
        .count();
    assert!(with_phases >= 3, "{with_phases} incident pages show phases");
}
