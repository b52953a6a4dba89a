//! Every incident is reachable from each index it belongs to: its factor,
//! service, team, severity, tag and year pages, the board and the
//! all-incidents page; the ledger lists every action item. Checked on the
//! example archive and on a generated archive of 10,000 post-mortems.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::common::*;
use pmbook::slug::slugify;
use serde_json::Value;

/// Slugs of the incident pages a page links to.
fn linked_incidents(page: &Path) -> HashSet<String> {
    let html = std::fs::read_to_string(page).unwrap_or_else(|e| panic!("{}: {e}", page.display()));
    html.split("incidents/")
        .skip(1)
        .filter_map(|rest| rest.split_once('/').map(|(slug, _)| slug.to_string()))
        .filter(|s| !s.is_empty() && !s.contains(['"', '<', ' ']))
        .collect()
}

fn assert_reachable(site: &Path) -> usize {
    let json: Value = serde_json::from_str(&std::fs::read_to_string(site.join("incidents.json")).unwrap()).unwrap();
    let incidents = json["incidents"].as_array().unwrap();
    let mut pages: HashMap<String, HashSet<String>> = HashMap::new();
    let mut links =
        |rel: String| -> HashSet<String> { pages.entry(rel.clone()).or_insert_with(|| linked_incidents(&site.join(&rel))).clone() };
    let all = links("incidents/index.html".into());
    let board = links("board/index.html".into());
    let mut index_pages: HashMap<String, String> = HashMap::new();
    let mut checked = 0;
    for inc in incidents {
        let slug = inc["slug"].as_str().unwrap();
        assert!(site.join(format!("incidents/{slug}/index.html")).exists(), "{slug} has no page");
        assert!(all.contains(slug), "{slug} missing from the all-incidents page");
        assert!(board.contains(slug), "{slug} missing from the board");
        let mut terms: Vec<(String, String)> = Vec::new();
        for (key, kind) in [("contributing_factors", "factors"), ("services", "services"), ("teams", "teams"), ("tags", "tags")] {
            terms.extend(inc[key].as_array().unwrap().iter().map(|v| (kind.to_string(), slugify(v.as_str().unwrap()))));
        }
        if let Some(s) = inc["severity"].as_str() {
            terms.push(("severities".into(), slugify(s)));
        }
        if let Some(d) = inc["date"].as_str() {
            terms.push(("years".into(), d[..4].to_string()));
        }
        for (kind, term) in terms {
            let index = index_pages
                .entry(kind.clone())
                .or_insert_with(|| std::fs::read_to_string(site.join(format!("{kind}/index.html"))).unwrap());
            assert!(index.contains(&format!("{kind}/{term}/")), "{kind}/index.html does not list {term}");
            let page = format!("{kind}/{term}/index.html");
            assert!(links(page.clone()).contains(slug), "{slug} is not linked from {page}");
            checked += 1;
        }
    }
    // The ledger has one row per action item.
    let items: usize = incidents.iter().map(|i| i["counts"]["action_items"].as_u64().unwrap() as usize).sum();
    let ledger = std::fs::read_to_string(site.join("action-items/index.html")).unwrap();
    assert_eq!(ledger.matches("<tr class=\"action ").count(), items, "ledger rows");
    let csv = std::fs::read_to_string(site.join("action-items.csv")).unwrap();
    assert_eq!(csv.lines().count(), items + 1, "csv rows");
    let stats = std::fs::read_to_string(site.join("stats/index.html")).unwrap();
    assert!(stats.contains("<svg") && stats.contains("Incidents per month by severity"));
    checked
}

#[test]
fn example_archive_every_incident_reachable_from_its_indexes() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    pmbook().arg("-C").arg(repo()).args(["build", "--quiet", "--dest"]).arg(&site).assert().success();
    let checked = assert_reachable(&site);
    assert!(checked > 50, "checked {checked} links");
    // Factor pages carry book.toml's descriptions and their trend.
    let page = std::fs::read_to_string(site.join("factors/config-change/index.html")).unwrap();
    assert!(page.contains("A configuration change set the incident off"));
    assert!(page.contains("Per year"));
    // The board puts the active incident in its column.
    let board = std::fs::read_to_string(site.join("board/index.html")).unwrap();
    let active = board.split("board-active").nth(1).unwrap().split("</section>").next().unwrap();
    assert!(active.contains("PM-2026-017"), "{active}");
}

#[test]
fn generated_archive_of_ten_thousand() {
    let tmp = tempfile::tempdir().unwrap();
    pmbook().arg("generate").arg(tmp.path()).args(["--count", "10000", "--seed", "42"]).assert().success();
    let out = pmbook().arg("-C").arg(tmp.path()).args(["check", "--format", "json"]).assert().success().get_output().stdout.clone();
    let json: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(json["errors"], 0);
    pmbook().arg("-C").arg(tmp.path()).args(["build", "--quiet", "--no-search"]).assert().success();
    let checked = assert_reachable(&tmp.path().join("site"));
    eprintln!("10,000 incidents: {checked} incident-to-index links checked");
    // The index stays small: no bodies (they are in incidents/<slug>/index.json).
    let size = std::fs::metadata(tmp.path().join("site/incidents.json")).unwrap().len();
    eprintln!("incidents.json: {size} bytes");
    assert!(size <= 15_000_000, "incidents.json is {size} bytes at 10,000 incidents");
    assert!(checked > 50_000, "checked {checked}");
}
