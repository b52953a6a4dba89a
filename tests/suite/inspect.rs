//! `pmbook inspect`: the JSON model reflects every front-matter field.

use crate::common::*;
use chrono::{DateTime, FixedOffset, NaiveTime};
use pmbook::datetime::{ZoneTable, parse_time};
use pmbook::frontmatter::{self, Node};
use serde_json::Value;

fn inspect(file: &std::path::Path) -> Value {
    let out = pmbook().arg("-C").arg(repo()).args(["inspect", "--format", "json"]).arg(file).assert().success().get_output().clone();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema_version"], 1);
    v["incidents"][0].clone()
}

fn instant(v: &Value) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(v.as_str().unwrap_or_else(|| panic!("not a time: {v}"))).unwrap()
}

/// Compare a front-matter value with its JSON form, field by field.
fn same(path: &str, fm: &Node, json: &Value, zone: &str) {
    let zones = ZoneTable::default();
    match fm {
        Node::Map(entries) => {
            for (k, v) in entries {
                let json_value = &json[k.as_str()];
                let key = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                same(&key, v, json_value, zone);
            }
        }
        Node::List(items) => {
            let arr = json.as_array().unwrap_or_else(|| panic!("{path}: expected a list, got {json}"));
            assert_eq!(arr.len(), items.len(), "{path}");
            for (i, (item, j)) in items.iter().zip(arr).enumerate() {
                same(&format!("{path}[{i}]"), item, j, zone);
            }
        }
        Node::Null => assert!(json.is_null() || json.as_array().is_some_and(Vec::is_empty), "{path}: {json}"),
        scalar => {
            let text = scalar.as_text().unwrap();
            let leaf = path.rsplit('.').next().unwrap();
            if ["started", "detected", "mitigated", "resolved", "at"].contains(&leaf) {
                let got = instant(json);
                let parsed = parse_time(&text, &zones).unwrap();
                match (parsed.date, parsed.zone) {
                    (Some(_), Some(_)) => {
                        assert_eq!(got, parsed.resolve(None, None).unwrap(), "{path}")
                    }
                    _ => {
                        // Time-only: same wall-clock time in the document's zone.
                        let tz: chrono_tz::Tz = zone.parse().unwrap_or(chrono_tz::UTC);
                        assert_eq!(got.with_timezone(&tz).time(), parsed.time, "{path}");
                        assert!(parsed.time != NaiveTime::MIN || text.contains("00:00"));
                    }
                }
            } else if leaf == "timezone" {
                assert!(json.is_string(), "{path}");
            } else if ["status", "kind"].contains(&leaf) && !json.is_null() {
                assert_eq!(json.as_str().unwrap().replace('-', ""), text.to_lowercase().replace(['-', ' ', '\''], ""), "{path}");
            } else {
                assert_eq!(json.as_str().map(str::trim), Some(text.trim()), "{path}");
            }
        }
    }
}

#[test]
fn every_front_matter_field_round_trips() {
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(repo().join("content")).into_iter().filter_map(Result::ok) {
        if entry.path().extension().is_none_or(|x| x != "md") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let split = frontmatter::split(&text).unwrap();
        let (node, _) = frontmatter::parse(&split).unwrap();
        let json = inspect(entry.path());
        let zone = json["timezone"].as_str().unwrap_or("UTC").to_string();
        let Node::Map(entries) = &node else { panic!() };
        assert!(!entries.is_empty());
        for (k, v) in entries {
            same(k, v, &json[k.as_str()], &zone);
        }
        checked += 1;
    }
    assert!(checked >= 8, "checked {checked} files");
}

#[test]
fn text_form_shows_where_values_came_from() {
    let out = pmbook()
        .arg("-C")
        .arg(fixture("valid"))
        .arg("inspect")
        .arg(fixture("valid/content/2025-03-02-cache-stampede.md"))
        .assert()
        .success()
        .get_output()
        .clone();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("title           Cache stampede after mass expiry  [front-matter:3]"), "{text}");
    assert!(text.contains("started         2025-03-02T08:00:00+00:00  [front-matter:14]"), "{text}");
}

#[test]
fn json_snapshot_of_a_fixture() {
    let out = pmbook()
        .arg("-C")
        .arg(fixture("valid"))
        .args(["inspect", "--format", "json"])
        .arg(fixture("valid/content/2025-02-11-queue-backlog.md"))
        .assert()
        .success()
        .get_output()
        .clone();
    let mut v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["incidents"][0]["body_html"] = Value::String("<elided>".into());
    insta::assert_json_snapshot!("inspect_fx_001", v);
}

#[test]
fn loose_files_with_links_to_files_not_given_still_print_the_model_and_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("2024-05-02-db-failover.md");
    std::fs::write(&file, "# Database failover\n\nLike [the March one](2024-03-01-db.md).\n\n## Timeline\n\nAll times in UTC.\n\n- 10:00 Primary lost\n- 10:20 Failover done\n").unwrap();
    let out = pmbook().current_dir(dir.path()).args(["inspect", "--format", "json"]).arg(&file).assert().success().get_output().clone();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["incidents"][0]["title"], "Database failover");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("warning[broken-link]"), "{stderr}");
    // Inside an archive the same link is an error.
    std::fs::create_dir(dir.path().join("content")).unwrap();
    std::fs::write(dir.path().join("book.toml"), "[book]\ntitle = \"T\"\n").unwrap();
    let inside = dir.path().join("content/2024-05-02-db-failover.md");
    std::fs::rename(&file, &inside).unwrap();
    pmbook().current_dir(dir.path()).args(["inspect", "--format", "json"]).arg(&inside).assert().code(1);
}
