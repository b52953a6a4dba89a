//! Classification end to end: a Backstage catalogue as the service
//! vocabulary, inferred terms on the pages, and `pmbook classify`.

use std::path::Path;

use crate::common::*;

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from).into_iter().filter_map(Result::ok) {
        let rel = e.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

fn fixture() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("tests/fixtures/backstage"), tmp.path());
    tmp
}

#[test]
fn a_backstage_catalogue_files_services_under_their_owning_teams() {
    let root = fixture();
    let site = root.path().join("site");
    pmbook().arg("-C").arg(root.path()).args(["build", "--quiet", "--no-search"]).assert().success();
    let page = std::fs::read_to_string(site.join("incidents/2025-04-09-basket-timeouts/index.html")).unwrap();
    assert!(page.contains("basket-service"), "service chip");
    assert!(page.contains("team-orders"), "owning team chip");
    assert!(page.contains("chip inferred"), "inferred chips are marked");
    assert!(page.contains("inferred from:"), "with their source");
    let team = std::fs::read_to_string(site.join("teams/team-orders/index.html")).unwrap();
    assert!(team.contains("basket-service"), "the team's page lists the service");
    assert!(site.join("services/basket-service/index.html").is_file());
}

#[test]
fn inspect_shows_where_inferred_terms_came_from() {
    let root = fixture();
    let file = root.path().join("content/2025-04-09-basket-timeouts.md");
    let out = pmbook().arg("-C").arg(root.path()).args(["inspect", "--format", "json"]).arg(&file).assert().success().get_output().clone();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let inc = &v["incidents"][0];
    assert_eq!(inc["services"], serde_json::json!(["basket-service"]));
    assert_eq!(inc["teams"], serde_json::json!(["team-orders"]));
    assert_eq!(inc["provenance"]["contributing_factors"]["from"], "inferred");
    let factors: Vec<&str> = inc["contributing_factors"].as_array().unwrap().iter().filter_map(|f| f.as_str()).collect();
    assert!(factors.contains(&"config-change") && factors.contains(&"capacity-exhaustion"), "{factors:?}");
    let config = inc["inferred"].as_array().unwrap().iter().find(|i| i["value"] == "config-change").unwrap();
    assert_eq!(config["matched"], "misconfigured");
    assert_eq!(config["line"], 9);
}

#[test]
fn classify_is_a_dry_run_until_write() {
    let root = fixture();
    let file = root.path().join("content/2025-04-09-basket-timeouts.md");
    let before = std::fs::read_to_string(&file).unwrap();
    let out = pmbook().arg("-C").arg(root.path()).arg("classify").assert().success().get_output().stdout.clone();
    let report = String::from_utf8(out).unwrap();
    assert!(report.contains("+ contributing_factors: config-change ← \"misconfigured\""), "{report}");
    assert!(report.contains("would change"), "{report}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before, "a dry run writes nothing");

    pmbook().arg("-C").arg(root.path()).args(["classify", "--write"]).assert().success();
    let after = std::fs::read_to_string(&file).unwrap();
    assert!(after.starts_with("---\n# inferred by pmbook classify; correct if wrong"), "{after}");
    assert!(after.contains("\nservices: [\"basket-service\"]\n"), "{after}");
    assert!(after.contains("\nteams: [\"team-orders\"]\n"), "{after}");
    assert!(after.ends_with(&before), "the body is untouched");
    // Now the front matter says it: nothing more to add, and it is no longer inferred.
    let again = pmbook().arg("-C").arg(root.path()).arg("classify").assert().success().get_output().stdout.clone();
    assert!(String::from_utf8(again).unwrap().contains("nothing to add"));
}

#[test]
fn publish_false_keeps_inferred_terms_off_the_site() {
    let root = fixture();
    let toml = root.path().join("book.toml");
    let text = std::fs::read_to_string(&toml).unwrap().replace("[classify]\n", "[classify]\npublish = false\n");
    std::fs::write(&toml, text).unwrap();
    pmbook().arg("-C").arg(root.path()).args(["build", "--quiet", "--no-search"]).assert().success();
    let page = std::fs::read_to_string(root.path().join("site/incidents/2025-04-09-basket-timeouts/index.html")).unwrap();
    assert!(!page.contains("team-orders"), "inferred team not published");
    assert!(!root.path().join("site/teams/team-orders").exists());
}

#[test]
fn a_broken_catalogue_is_an_error_with_its_line() {
    let root = fixture();
    std::fs::write(root.path().join("catalog/catalog-info.yaml"), "kind: Group\nmetadata:\n  name: [unclosed\n").unwrap();
    let out = pmbook().arg("-C").arg(root.path()).args(["build", "--quiet"]).assert().failure().get_output().stderr.clone();
    let err = String::from_utf8(out).unwrap();
    assert!(err.contains("catalog-info.yaml") && err.contains("catalog"), "{err}");
}
