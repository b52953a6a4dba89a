//! `check --format gitlab` (GitLab Code Quality) and `check --format sarif`
//! (SARIF 2.1.0) on the invalid fixture archive: snapshots, the documented
//! fields, and the SARIF log validated against the official schema.

use crate::common::*;

fn check(format: &str) -> String {
    let out =
        pmbook().arg("-C").arg(fixture("invalid")).args(["check", "--format", format]).assert().failure().code(1).get_output().clone();
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn planted() -> usize {
    std::fs::read_to_string(fixture("invalid/expected.txt")).expect("expected.txt").lines().filter(|l| !l.trim().is_empty()).count()
}

#[test]
fn gitlab_code_quality_report() {
    let text = check("gitlab");
    insta::assert_snapshot!("gitlab_code_quality", text);
    let v: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let items = v.as_array().expect("a JSON array");
    assert_eq!(items.len(), planted());
    let mut fingerprints = std::collections::HashSet::new();
    for i in items {
        for key in ["description", "check_name", "fingerprint", "severity"] {
            assert!(i[key].is_string(), "{key} in {i}");
        }
        assert!(["major", "minor"].contains(&i["severity"].as_str().unwrap_or_default()), "{i}");
        assert!(i["location"]["path"].as_str().is_some_and(|p| p.starts_with("content/")), "{i}");
        assert!(i["location"]["lines"]["begin"].as_u64().is_some_and(|l| l >= 1), "{i}");
        assert!(fingerprints.insert(i["fingerprint"].as_str().unwrap_or_default().to_string()), "unique fingerprints");
    }
    assert!(items.iter().any(|i| i["check_name"] == "unknown-severity"
        && i["location"]["path"] == "content/08-unknown-severity.md"
        && i["location"]["lines"]["begin"] == 4
        && i["severity"] == "major"));
}

#[test]
fn gitlab_report_of_a_clean_archive_is_an_empty_array() {
    let out = pmbook().arg("-C").arg(fixture("valid")).args(["check", "--format", "gitlab"]).assert().success().get_output().clone();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v, serde_json::json!([]));
}

#[test]
fn sarif_log_snapshot_and_schema() {
    let text = check("sarif");
    insta::assert_snapshot!("sarif_log", text.replace(env!("CARGO_PKG_VERSION"), "[version]"));
    let log: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("sarif/sarif-schema-2.1.0.json")).expect("schema")).expect("schema JSON");
    let validator = jsonschema::options().should_validate_formats(true).build(&schema).expect("the schema compiles");
    let errors: Vec<String> = validator.iter_errors(&log).map(|e| format!("{} at {}", e, e.instance_path)).collect();
    assert!(errors.is_empty(), "SARIF log does not validate:\n{}", errors.join("\n"));

    // The validator does reject what the schema forbids.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken));

    let results = log["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), planted());
    let r = results.iter().find(|r| r["ruleId"] == "unknown-severity").expect("unknown-severity");
    assert_eq!(r["level"], "error");
    let loc = &r["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "content/08-unknown-severity.md");
    assert_eq!(loc["region"]["startLine"], 4);
    assert_eq!(loc["region"]["startColumn"], 12);
}

#[test]
fn sarif_of_a_clean_archive_validates_too() {
    let out = pmbook().arg("-C").arg(fixture("valid")).args(["check", "--format", "sarif"]).assert().success().get_output().clone();
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("sarif/sarif-schema-2.1.0.json")).expect("schema")).expect("schema JSON");
    assert!(jsonschema::is_valid(&schema, &log));
    assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
}
