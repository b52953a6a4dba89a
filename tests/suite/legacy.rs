//! Documents in shapes real archives hold that the corpus lacks: plain-text
//! wiki exports, a line-number gutter, mojibake, HTML tables, no extension.

use crate::common::*;
use serde_json::Value;

fn inspect(name: &str) -> Value {
    let out = pmbook().arg("inspect").arg("--format").arg("json").arg(fixture("legacy").join(name)).assert().success().get_output().clone();
    serde_json::from_slice::<Value>(&out.stdout).unwrap()["incidents"][0].clone()
}

fn ats(inc: &Value) -> Vec<String> {
    inc["timeline"].as_array().unwrap().iter().map(|e| e["at"].as_str().unwrap_or("-").to_string()).collect()
}

#[test]
fn plain_text_wiki_export_with_permalink_marks() {
    let inc = inspect("wiki-export.txt");
    assert_eq!(inc["title"], "Checkout errors during the spring sale");
    assert!(inc["summary"].as_str().unwrap().starts_with("For 40 minutes"));
    assert_eq!(
        ats(&inc),
        ["2024-04-04T13:00:00+05:30", "2024-04-04T13:12:00+05:30", "2024-04-04T13:25:00+05:30", "2024-04-04T13:40:00+05:30"]
    );
    assert_eq!(inc["impact"]["detected"], "2024-04-04T13:12:00+05:30");
    assert_eq!(inc["impact"]["resolved"], "2024-04-04T13:40:00+05:30");
    let a = &inc["action_items"][0];
    assert_eq!((a["owner"].as_str(), a["tracker"].as_str()), (Some("payments"), Some("PAY-311")));
    assert!(inc["provenance"]["text"]["detail"].as_str().unwrap().contains("read as headings"));
}

#[test]
fn line_number_gutter_and_twelve_hour_bullets_past_midnight() {
    let inc = inspect("gutter");
    assert_eq!(inc["title"], "Queue outage");
    // No date anywhere: times stay unresolved rather than invented.
    assert_eq!(inc["timeline"].as_array().unwrap().len(), 4);
    assert_eq!(inc["timeline"][0]["time_text"], "2:54 PM");
    assert!(inc["timeline"][0]["at"].is_null());
    assert_eq!(inc["timeline"][3]["line"], 10);
    let items = inc["action_items"].as_array().unwrap();
    assert_eq!((items[0]["status"].as_str(), items[0]["owner"].as_str()), (Some("done"), Some("sre")));
    assert_eq!(items[1]["status"], "open");
}

#[test]
fn mojibake_html_table_and_action_table() {
    let inc = inspect("mojibake-html.md");
    assert!(inc["summary"].as_str().unwrap().contains("wasn’t the resolver – it was"), "{}", inc["summary"]);
    assert_eq!(ats(&inc), ["2023-09-12T10:02:00-07:00", "2023-09-12T10:31:00-07:00"]);
    assert_eq!(inc["timeline"][1]["kind"], "detection");
    let items = inc["action_items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "placeholder row dropped");
    assert_eq!(
        (items[0]["status"].as_str(), items[0]["tracker"].as_str(), items[0]["due"].as_str()),
        (Some("done"), Some("NET-42"), Some("2023-09-20"))
    );
}

#[test]
fn check_names_what_a_reader_would_fix() {
    let out = pmbook().args(["check", "--format", "json"]).arg(fixture("legacy/gutter")).assert().success().get_output().clone();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes: Vec<&str> = json["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["timeline-unresolved"], "{json:#}");
}

#[test]
fn import_keeps_structured_front_matter_and_refuses_collisions() {
    let tmp = tempfile::tempdir().unwrap();
    let into = tmp.path().join("content");
    let src = fixture("valid/content/2025-02-11-queue-backlog.md");
    pmbook().arg("-C").arg(fixture("valid")).arg("import").arg("--into").arg(&into).arg(fixture("valid/content")).assert().success();
    let imported = into.join("2025-02-11-queue-backlog.md");
    let sibling = into.join("2025-03-02-cache-stampede.md");
    let before = pmbook()
        .arg("-C")
        .arg(fixture("valid"))
        .args(["inspect", "--format", "json"])
        .arg(&src)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let after = pmbook()
        .arg("-C")
        .arg(fixture("valid"))
        .args(["inspect", "--format", "json"])
        .arg(&imported)
        .arg(&sibling)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let (b, a): (Value, Value) = (serde_json::from_slice(&before).unwrap(), serde_json::from_slice(&after).unwrap());
    for key in ["title", "severity", "status", "timeline", "action_items", "contributing_factors", "root_cause"] {
        let strip = |v: &Value| {
            let mut v = v.clone();
            if let Some(items) = v.as_array_mut() {
                for i in items {
                    // The written form of times becomes RFC 3339; the instant must not change.
                    if let Some(o) = i.as_object_mut() {
                        o.retain(|k, _| !matches!(k.as_str(), "line" | "time_text" | "zone"));
                    }
                }
            }
            v
        };
        assert_eq!(strip(&a["incidents"][0][key]), strip(&b["incidents"][0][key]), "{key}");
    }
    // Two sources that would land on the same file: the second is refused.
    let dir = tmp.path().join("src");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.md"), "# A one\n\nText.\n").unwrap();
    std::fs::write(dir.join("a.txt"), "# A two\n\nText.\n").unwrap();
    std::fs::write(dir.join("README.md"), "# About this folder\n").unwrap();
    let out = pmbook().arg("import").arg("--into").arg(tmp.path().join("out")).arg(&dir).assert().failure().get_output().stdout.clone();
    let report = String::from_utf8_lossy(&out);
    assert!(report.contains("also written to"), "{report}");
    assert!(!report.contains("README"), "repository furniture is skipped: {report}");
}
