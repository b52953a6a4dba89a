//! The real published post-mortems in `../shared/corpus/real` (read-only).
//!
//! When the folder is absent these tests say so on stderr and do nothing,
//! except under CI (`CI` set), where its absence is a failure.

use std::path::{Path, PathBuf};

use crate::common::*;
use serde_json::Value;

fn corpus() -> Option<PathBuf> {
    let dir = repo().join("../shared/corpus/real");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(std::env::var_os("CI").is_none(), "CI must have the real corpus at {}", dir.display());
    eprintln!("SKIPPED: the real corpus is absent ({}); these tests need it", dir.display());
    None
}

fn files(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix) && p.extension().is_some_and(|x| x == "md"))
        .collect();
    v.sort();
    v
}

/// An archive whose content directory is the corpus.
fn archive(dir: &Path) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("book.toml"),
        format!("[book]\ntitle = \"Corpus\"\n[build]\ncontent-dir = {:?}\n", dir.to_string_lossy()),
    )
    .unwrap();
    tmp
}

fn inspect(root: &Path, file: &Path) -> Value {
    let out = pmbook().arg("-C").arg(root).args(["inspect", "--format", "json"]).arg(file).assert().success().get_output().clone();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["incidents"][0].clone()
}

#[test]
fn every_document_builds_checks_and_inspects_without_an_error() {
    let Some(dir) = corpus() else { return };
    let root = archive(&dir);
    let out = pmbook().arg("-C").arg(root.path()).args(["check", "--format", "json"]).assert().success().get_output().clone();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["errors"], 0, "{json:#}");
    assert!(json["files"].as_u64().unwrap() >= 57);
    pmbook().arg("-C").arg(root.path()).arg("build").arg("--dest").arg(root.path().join("site")).assert().success();
    let all: Vec<PathBuf> = files(&dir, "");
    let out = pmbook().arg("-C").arg(root.path()).args(["inspect", "--format", "json"]).args(&all).assert().success().get_output().clone();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let incidents = v["incidents"].as_array().unwrap();
    assert_eq!(incidents.len(), all.len());
    let events: usize = incidents.iter().map(|i| i["timeline"].as_array().unwrap().len()).sum();
    let zoned = incidents.iter().flat_map(|i| i["timeline"].as_array().unwrap()).filter(|e| e["zone"].is_string()).count();
    let actions: usize = incidents.iter().map(|i| i["action_items"].as_array().unwrap().len()).sum();
    eprintln!("corpus: {} documents, {events} timeline entries ({zoned} with a zone), {actions} action items", incidents.len());
    assert!(events > 400 && actions > 150);
}

/// `All times in CET.` / `| Date and Time in CET |` → the zone pmbook should use.
fn expected_zone(token: &str) -> &'static str {
    match token.trim_matches(|c: char| !c.is_alphanumeric()) {
        "UTC" => "UTC",
        "CET" | "CEST" => "Europe/Paris",
        "PST" | "PDT" => "America/Los_Angeles",
        other => panic!("no expectation for zone {other}"),
    }
}

fn zone_of_document(text: &str) -> Option<&'static str> {
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("All times in ") {
            let token = rest.split([' ', '.', ',']).next().unwrap_or("");
            if rest.contains("(UTC") || rest.contains("(GMT") {
                return None; // an explicit offset; checked elsewhere
            }
            return Some(expected_zone(token));
        }
        if line.contains("Date and Time in ") {
            let token = line.split("Date and Time in ").nth(1).unwrap().split(['|', ' ']).next().unwrap();
            return Some(expected_zone(token));
        }
    }
    None
}

/// A row's date (year, month, day) and, when written, its time (hour, minute).
type RowTime = ((i32, u32, u32), Option<(u32, u32)>);

/// `| 2021-03-31 12:06 | …` → its date and time; a date-only cell has no time.
fn row_time(cell: &str) -> Option<RowTime> {
    let c = cell.trim().trim_start_matches('~');
    let (date, rest) = c.split_once(|ch: char| ch.is_whitespace()).unwrap_or((c, ""));
    let parts: Vec<&str> = date.split('-').collect();
    if parts.len() != 3 || !parts.iter().all(|p| p.chars().all(|x| x.is_ascii_digit())) {
        return None;
    }
    let ymd = (parts[0][..4].parse().ok()?, parts[1].parse().ok()?, parts[2].parse().ok()?);
    let rest = rest.trim().trim_end_matches('~');
    if rest.is_empty() {
        return Some((ymd, None));
    }
    let (h, m) = rest.split_once(':')?;
    let m: String = m.chars().take(2).collect();
    Some((ymd, Some((h.trim().parse().ok()?, m.parse().ok()?))))
}

#[test]
fn dfds_every_timeline_row_is_an_event_with_its_date_and_zone() {
    let Some(dir) = corpus() else { return };
    let root = archive(&dir);
    let mut rows_checked = 0;
    for file in files(&dir, "dfds__") {
        let text = std::fs::read_to_string(&file).unwrap();
        let zone = zone_of_document(&text).unwrap_or_else(|| panic!("{}: no zone sentence", file.display()));
        let inc = inspect(root.path(), &file);
        let events = inc["timeline"].as_array().unwrap();
        for (n, line) in text.lines().enumerate() {
            let cells: Vec<&str> = line.split('|').collect();
            if !line.trim_start().starts_with('|') || cells.len() < 3 {
                continue;
            }
            let cell = cells[1];
            let at_line = events.iter().find(|e| e["line"] == n + 1);
            let placeholder =
                cell.contains("HH:mm") || cell.contains("--:--") || cell.contains(":??") && !cell.contains('-') || cell.contains("14:??");
            match row_time(cell) {
                Some(_) if placeholder => assert!(at_line.is_none(), "{}:{}: placeholder row became an event", file.display(), n + 1),
                Some((ymd, time)) => {
                    let e = at_line.unwrap_or_else(|| panic!("{}:{}: row `{}` is not an event", file.display(), n + 1, line.trim()));
                    assert_eq!(e["zone"], zone, "{}:{}", file.display(), n + 1);
                    let date = format!("{:04}-{:02}-{:02}", ymd.0, ymd.1, ymd.2);
                    assert_eq!(e["date"], date, "{}:{}", file.display(), n + 1);
                    if let Some((h, m)) = time {
                        let at = chrono::DateTime::parse_from_rfc3339(e["at"].as_str().unwrap()).unwrap();
                        let tz: chrono_tz::Tz = zone.parse().unwrap();
                        let local = at.with_timezone(&tz);
                        assert_eq!(
                            local.format("%Y-%m-%d %H:%M").to_string(),
                            format!("{date} {h:02}:{m:02}"),
                            "{}:{}",
                            file.display(),
                            n + 1
                        );
                    }
                    rows_checked += 1;
                }
                None => {}
            }
        }
    }
    assert!(rows_checked >= 215, "checked {rows_checked} rows");
}

#[test]
fn mybinder_every_time_heading_is_an_event_in_the_documents_zone() {
    let Some(dir) = corpus() else { return };
    let root = archive(&dir);
    let mut checked = 0;
    for file in files(&dir, "mybinder__") {
        let text = std::fs::read_to_string(&file).unwrap();
        let inc = inspect(root.path(), &file);
        let events = inc["timeline"].as_array().unwrap();
        let sentence = text.lines().find(|l| l.starts_with("All times in ")).map(|l| l["All times in ".len()..].to_string());
        let mut in_timeline = false;
        for (n, line) in text.lines().enumerate() {
            if let Some(h2) = line.strip_prefix("## ") {
                let t = h2.trim().to_lowercase();
                if t.starts_with("timeline") {
                    in_timeline = true;
                    continue;
                }
                if !t.starts_with(|c: char| c.is_ascii_digit()) && !t.starts_with("feb ") {
                    in_timeline = false;
                }
            }
            let Some(h) = line.strip_prefix("### ").or_else(|| line.strip_prefix("## ")) else { continue };
            let h = h.trim_start_matches(['~', ' ']);
            let has_time = h.split_whitespace().any(|w| {
                let w = w.trim_end_matches([',', '-']);
                w.split_once(':').is_some_and(|(a, b)| {
                    !a.is_empty()
                        && a.len() <= 2
                        && a.chars().all(|c| c.is_ascii_digit())
                        && b.len() >= 2
                        && b[..2].chars().all(|c| c.is_ascii_digit())
                })
            });
            if !in_timeline || !has_time {
                continue;
            }
            let e = events
                .iter()
                .find(|e| e["line"] == n + 1)
                .unwrap_or_else(|| panic!("{}:{}: heading `{line}` is not an event", file.display(), n + 1));
            let zone = e["zone"].as_str().unwrap_or_else(|| panic!("{}:{}: no zone", file.display(), n + 1));
            // The zone next to the time, else the document's sentence, else
            // the zone its other headings name.
            let suffix_elsewhere = text.lines().any(|l| l.starts_with("### ") && l.trim_end().ends_with(" PST"));
            let named = if line.contains(" PST") || (sentence.is_none() && suffix_elsewhere) {
                "PST".to_string()
            } else {
                sentence.clone().unwrap_or_else(|| panic!("{}: no zone named", file.display()))
            };
            let expected = match named.trim().trim_end_matches('.') {
                s if s.starts_with("PST (UTC-7)") => "UTC-07:00",
                s if s.starts_with("CEST (UTC+2)") => "UTC+02:00",
                s if s.starts_with("CET (GMT+1)") => "UTC+01:00",
                s if s.starts_with("UTC+1") => "UTC+01:00",
                s if s.starts_with("GMT+2") => "UTC+02:00",
                s if s.starts_with("UC/Pacific") => "US/Pacific",
                s if s.starts_with("Central European Time") => "Europe/Paris",
                s => expected_zone(s.split_whitespace().next().unwrap_or("")),
            };
            assert_eq!(zone, expected, "{}:{}: `{line}`", file.display(), n + 1);
            assert!(e["at"].is_string(), "{}:{}: no instant", file.display(), n + 1);
            checked += 1;
        }
    }
    assert!(checked >= 190, "checked {checked} headings");
}

#[test]
fn import_writes_canonical_files_that_check_clean_and_never_overwrites() {
    let Some(dir) = corpus() else { return };
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("book.toml"), "[book]\ntitle = \"Imported\"\n").unwrap();
    let into = tmp.path().join("content");
    let out = pmbook().arg("-C").arg(tmp.path()).arg("import").arg(&dir).assert().success().get_output().clone();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("written"), "{report}");
    let count = std::fs::read_dir(&into).unwrap().count();
    assert!(count >= 57);
    pmbook().arg("-C").arg(tmp.path()).arg("check").assert().success();
    // A second import refuses to overwrite; --force does.
    pmbook().arg("-C").arg(tmp.path()).arg("import").arg(dir.join("k8s-test-infra__2019-02-05.md")).assert().failure().code(1);
    pmbook().arg("-C").arg(tmp.path()).arg("import").arg("--force").arg(dir.join("k8s-test-infra__2019-02-05.md")).assert().success();
}
