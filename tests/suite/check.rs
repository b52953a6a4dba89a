//! `pmbook check`: every planted mistake found at its file and line, in
//! every output format; clean archives stay clean.

use crate::common::*;

fn expected() -> Vec<(String, usize, String, String)> {
    let text = std::fs::read_to_string(fixture("invalid/expected.txt")).unwrap();
    let mut v: Vec<_> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            (f[0].to_string(), f[1].parse().unwrap(), f[2].to_string(), f[3].to_string())
        })
        .collect();
    v.sort();
    v
}

#[test]
fn every_planted_mistake_is_found_at_its_line() {
    let out =
        pmbook().arg("-C").arg(fixture("invalid")).args(["check", "--format", "json"]).assert().failure().code(1).get_output().clone();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut got: Vec<(String, usize, String, String)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap() as usize,
                d["level"].as_str().unwrap().to_string(),
                d["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    got.sort();
    assert_eq!(got, expected());
    let kinds: std::collections::BTreeSet<_> = got.iter().map(|g| g.3.clone()).collect();
    assert!(kinds.len() >= 15, "at least 15 kinds of mistakes, got {}", kinds.len());
}

#[test]
fn human_report_snapshot() {
    let out = pmbook().arg("-C").arg(fixture("invalid")).arg("check").assert().failure().get_output().clone();
    insta::assert_snapshot!("invalid_archive_human", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn github_annotations() {
    let out = pmbook().arg("-C").arg(fixture("invalid")).args(["check", "--format", "github"]).assert().failure().get_output().clone();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().count(), expected().len());
    assert!(
        stdout
            .contains("::error file=content/08-unknown-severity.md,line=4,col=12,title=unknown-severity::unknown severity `SEV-7` (help: "),
        "{stdout}"
    );
    assert!(stdout.contains("::warning file=content/16-timeline-order.md,line=14,"), "{stdout}");
}

#[test]
fn named_files_only_report_their_own_findings() {
    let dir = fixture("invalid");
    let out = pmbook()
        .arg("-C")
        .arg(&dir)
        .args(["check", "--format", "json"])
        .arg(dir.join("content/17b-duplicate-id-second.md"))
        .arg(dir.join("content/90-valid-yaml.md"))
        .assert()
        .failure()
        .get_output()
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let diags = json["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{json}");
    assert_eq!(diags[0]["code"], "duplicate-id", "found against the whole archive");
}

#[test]
fn a_named_file_that_does_not_parse_is_reported_once() {
    // Its front matter fails, so the archive's walk gives it no document,
    // only the error; naming it must not read it a second time.
    let dir = fixture("invalid");
    for name in ["02-yaml-unclosed-flow-list.md", "03-toml-missing-value.md"] {
        let out = pmbook()
            .arg("-C")
            .arg(&dir)
            .args(["check", "--format", "json"])
            .arg(dir.join("content").join(name))
            .assert()
            .failure()
            .get_output()
            .clone();
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let codes: Vec<&str> = json["diagnostics"].as_array().unwrap().iter().filter_map(|d| d["code"].as_str()).collect();
        assert_eq!(codes, ["front-matter-syntax"], "{name}: {json}");
    }
}

#[test]
fn warnings_fail_only_with_deny_warnings() {
    let dir = fixture("invalid");
    let file = dir.join("content/16-timeline-order.md");
    pmbook().arg("-C").arg(&dir).arg("check").arg(&file).assert().success();
    pmbook().arg("-C").arg(&dir).arg("check").arg("--deny-warnings").arg(&file).assert().failure().code(1);
}

#[test]
fn the_example_archive_is_clean() {
    let out = pmbook().arg("-C").arg(repo()).args(["check", "--deny-warnings"]).assert().success().get_output().clone();
    assert!(String::from_utf8_lossy(&out.stdout).contains("0 error(s), 0 warning(s)"));
    pmbook().arg("-C").arg(fixture("valid")).args(["check", "--deny-warnings"]).assert().success();
}

#[test]
fn a_loose_file_is_checked_with_the_defaults() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("note.txt");
    std::fs::write(&file, "---\ntitle: Loose\nimpact:\n  started: 2024-01-01 10:00\n---\n").unwrap();
    let out = pmbook().current_dir(tmp.path()).args(["check", "--format", "json"]).arg(&file).assert().failure().get_output().clone();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["diagnostics"][0]["code"], "missing-zone");
    assert_eq!(json["diagnostics"][0]["line"], 4);
}

#[test]
fn a_missing_file_is_a_clear_error() {
    let out = pmbook().args(["check", "/nonexistent/pm.md"]).assert().failure().get_output().clone();
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/pm.md: no such file"));
}

#[test]
fn review_readiness_levels_come_from_book_toml() {
    // Each review-readiness finding is planted once in tests/fixtures/invalid
    // (24–29); here book.toml's [check] turns one into an error and another off.
    let archive = temp_archive("invalid");
    let book = archive.path().join("book.toml");
    let toml = std::fs::read_to_string(&book).unwrap_or_default();
    std::fs::write(&book, format!("{toml}\n[check]\nopen-actions-closed = \"error\"\nplaceholder = \"off\"\n")).unwrap();
    let out = pmbook().arg("-C").arg(archive.path()).args(["check", "--format", "json"]).assert().failure().get_output().clone();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let find = |code: &str| json["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == code).cloned();
    assert_eq!(find("open-actions-closed").unwrap()["level"], "error");
    assert!(find("placeholder").is_none());
    assert_eq!(find("missing-due").unwrap()["level"], "warning");
    // A level that is not one of the three is a book.toml error.
    std::fs::write(&book, format!("{toml}\n[check]\nmissing-due = \"fatal\"\n")).unwrap();
    let out = pmbook().arg("-C").arg(archive.path()).arg("check").assert().failure().get_output().clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("book.toml") && stderr.contains("fatal"), "{stderr}");
}
