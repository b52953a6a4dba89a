//! Messages a new user meets: each mistake reported once, with the hint
//! that fixes it, and usage errors exiting with 2.

use crate::common::*;

/// `check --format json` on one file in a fresh archive: (code, line, help).
fn findings(doc: &str) -> Vec<(String, u64, String)> {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("book.toml"), "[book]\ntitle = \"t\"\n").unwrap();
    std::fs::create_dir_all(tmp.path().join("content")).unwrap();
    std::fs::write(tmp.path().join("content/a.md"), doc).unwrap();
    let out = pmbook().arg("-C").arg(tmp.path()).args(["check", "--format", "json"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].as_str().unwrap().to_string(), d["line"].as_u64().unwrap(), d["help"].as_str().unwrap_or("").to_string()))
        .collect()
}

#[test]
fn a_missing_zone_is_reported_once_not_as_missing_milestones() {
    let got = findings(
        "---\ntitle: x\nseverity: SEV-3\nstatus: resolved\nimpact:\n  mitigated: 2024-01-01 10:00\n  resolved: 2024-01-01 11:00\naction_items:\n  - title: y\n---\n",
    );
    let codes: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
    assert_eq!(codes, ["missing-zone", "missing-zone"], "{got:?}");
}

#[test]
fn a_bad_due_date_gets_a_date_hint() {
    let got = findings("---\ntitle: x\naction_items:\n  - title: y\n    due: next week\n---\n");
    assert_eq!(got[0].0, "invalid-date");
    assert_eq!(got[0].1, 5);
    assert!(got[0].2.contains("YYYY-MM-DD") && !got[0].2.contains("09:12"), "{got:?}");
}

#[test]
fn did_you_mean_for_statuses_kinds_zones_and_severities() {
    let got = findings(
        "---\ntitle: x\nstatus: resolvd\ntimezone: Europe/Berln\ntimeline:\n  - at: \"09:00\"\n    kind: mitigaton\n    text: y\naction_items:\n  - title: z\n    status: don\n---\n",
    );
    let help = |code: &str, line: u64| got.iter().find(|g| g.0 == code && g.1 == line).map(|g| g.2.clone()).unwrap_or_default();
    assert_eq!(help("invalid-value", 3), "did you mean `resolved`?", "{got:?}");
    assert_eq!(help("unknown-zone", 4), "did you mean `Europe/Berlin`?", "{got:?}");
    assert_eq!(help("invalid-value", 7), "did you mean `mitigation`?", "{got:?}");
    assert_eq!(help("invalid-value", 11), "did you mean `done`?", "{got:?}");
    // A level beyond the scale is not a typo of the first level.
    let got = findings("---\ntitle: x\nseverity: SEV-5\n---\n");
    assert_eq!(got[0].0, "unknown-severity");
    assert!(!got[0].2.contains("did you mean"), "{got:?}");
    assert!(got[0].2.contains("SEV-1, SEV-2, SEV-3, SEV-4"), "{got:?}");
    let got = findings("---\ntitle: x\nseverity: SVE-2\n---\n");
    assert!(got[0].2.contains("did you mean `SEV-2`"), "{got:?}");
}

#[test]
fn invalid_arguments_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    pmbook().arg("init").arg(tmp.path()).assert().success();
    let out = pmbook().arg("-C").arg(tmp.path()).args(["new", "x", "--date", "2026-13-01"]).assert().code(2).get_output().clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("YYYY-MM-DD"), "{stderr}");
    // generate takes its folder from -C too, and needs one of them.
    let dir = tmp.path().join("gen");
    pmbook().arg("-C").arg(&dir).args(["generate", "--count", "3"]).assert().success();
    assert!(dir.join("book.toml").is_file());
    pmbook().args(["generate", "--count", "3"]).assert().code(2);
}
