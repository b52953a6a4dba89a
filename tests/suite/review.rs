//! The weekly review: `pmbook review` (Markdown and JSON, snapshot-tested)
//! and the `review/` page and feed, on the workflow fixture with a fixed
//! build date (2025-06-01, from `pmbook()`).

use crate::common::*;

fn review(args: &[&str]) -> String {
    let out = pmbook().arg("-C").arg(fixture("workflow")).arg("review").args(args).assert().success().get_output().clone();
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn markdown_digest() {
    let text = review(&[]);
    insta::assert_snapshot!("review_markdown", text);
}

#[test]
fn json_digest() {
    let text = review(&["--format", "json"]);
    insta::assert_snapshot!("review_json", text);
    let v: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(v["review_version"], 1);
    assert_eq!(
        (v["from"].as_str(), v["to"].as_str(), v["next_until"].as_str()),
        (Some("2025-05-26"), Some("2025-06-01"), Some("2025-06-08"))
    );
    let ids = |key: &str| -> Vec<String> {
        v[key]
            .as_array()
            .expect("list")
            .iter()
            .map(|x| x.get("incident").unwrap_or(x)["id"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(ids("opened"), ["WF-004", "WF-002"]);
    assert_eq!(ids("phases_reached"), ["WF-002", "WF-002", "WF-002"]);
    assert_eq!(ids("completed"), ["WF-002"; 4]);
    assert_eq!(ids("became_overdue"), ["WF-001"]);
    assert_eq!(ids("due_next"), ["WF-004", "WF-001"]);
    assert_eq!(ids("stuck"), ["WF-003"]);
    assert_eq!(v["stuck"][0]["days"], 60);
    assert_eq!(v["stuck"][0]["next"], "close");
}

#[test]
fn since_widens_the_period() {
    let v: serde_json::Value = serde_json::from_str(&review(&["--since", "2025-04-01", "--format", "json"])).expect("JSON");
    assert_eq!(v["from"], "2025-04-01");
    let opened: Vec<&str> = v["opened"].as_array().expect("list").iter().filter_map(|i| i["id"].as_str()).collect();
    assert_eq!(opened, ["WF-004", "WF-002", "WF-001", "WF-003"]);
    // WF-003's close-phase item fell due on 2025-04-30, inside the period.
    assert!(v["became_overdue"].as_array().expect("list").iter().any(|a| a["incident"]["id"] == "WF-003"));
    pmbook().arg("-C").arg(fixture("workflow")).args(["review", "--since", "2025-13-01"]).assert().failure();
}

#[test]
fn period_and_threshold_come_from_book_toml() {
    let tmp = temp_archive("workflow");
    let toml = std::fs::read_to_string(tmp.path().join("book.toml")).expect("book.toml");
    std::fs::write(tmp.path().join("book.toml"), format!("{toml}\n[review]\nperiod = 14\nstuck-after = 90\n")).expect("write");
    let out = pmbook().arg("-C").arg(tmp.path()).args(["review", "--format", "json"]).assert().success().get_output().clone();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!((v["from"].as_str(), v["next_until"].as_str()), (Some("2025-05-19"), Some("2025-06-15")));
    assert_eq!(v["opened"].as_array().map(Vec::len), Some(3));
    assert_eq!(v["stuck"], serde_json::json!([]));

    std::fs::write(tmp.path().join("book.toml"), format!("{toml}\n[review]\nperiod = 0\n")).expect("write");
    let out = pmbook().arg("-C").arg(tmp.path()).arg("review").assert().failure().code(1).get_output().clone();
    assert!(String::from_utf8_lossy(&out.stderr).contains("`[review] period` is a number of days"));
}

#[test]
fn review_page_and_feed() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let site = tmp.path().join("site");
    pmbook().arg("-C").arg(fixture("workflow")).args(["build", "--quiet", "--no-search", "--dest"]).arg(&site).assert().success();
    let page = std::fs::read_to_string(site.join("review/index.html")).expect("review page");
    let html = scraper::Html::parse_document(&page);
    let sel = |s: &str| scraper::Selector::parse(s).expect("selector");
    let text = |s: &str| html.select(&sel(s)).next().map(|e| e.text().collect::<Vec<_>>().join(" ")).unwrap_or_default();
    let squash = |s: String| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(squash(text("h1")), "Weekly review 26 May – 1 Jun 2025");
    assert!(squash(text("#opened")).contains("Incidents opened 2"));
    assert!(squash(text("#phases")).contains("closed Renewed certificate signed by the internal CA WF-002 on 2025-05-31"));
    assert!(squash(text("#completed")).contains("Monitor which CA signed the served certificate WF-002 Kim Lee close 2025-05-31 done"));
    assert!(
        squash(text("#became_overdue"))
            .contains("Raise the limit properly in the GitOps repository WF-001 Ada Quist resolve 2025-05-30 in-progress")
    );
    assert!(squash(text("#due_next")).contains("Due by 2025-06-08 2"));
    let stuck = squash(text("#stuck"));
    assert!(stuck.contains("Message consumer stuck after broker failover WF-003 — 60 days") && stuck.contains("next: close"), "{stuck}");
    // Incident links resolve.
    for a in html.select(&sel("main a[href^='../incidents/']")) {
        let href = a.value().attr("href").unwrap_or_default();
        assert!(site.join("review").join(href).is_file(), "{href}");
    }
    // The navigation links to it from every page.
    let home = std::fs::read_to_string(site.join("index.html")).expect("home");
    assert!(home.contains("href=\"./review/index.html\""), "nav link to the review");

    let feed = std::fs::read_to_string(site.join("review/feed.xml")).expect("feed");
    assert!(feed.starts_with("<?xml"));
    assert_eq!(feed.matches("<entry>").count(), 8);
    assert!(feed.contains("<title>Weekly review: 26 May – 1 Jun 2025</title>"));
    assert!(feed.contains("<title>Weekly review: 14 Apr – 20 Apr 2025</title>"), "{feed}");
    assert!(feed.contains("<id>urn:pmbook:review/#2025-06-01</id>"));
    assert!(feed.contains("<updated>2025-06-01T00:00:00+00:00</updated>"));
    // The entry's content is escaped HTML of the digest.
    assert!(feed.contains("&lt;h2&gt;Incidents opened (2)&lt;/h2&gt;"), "{feed}");
}

#[test]
fn review_page_of_the_example_archive() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let site = tmp.path().join("site");
    pmbook()
        .env("PMBOOK_TODAY", "2026-11-26")
        .arg("-C")
        .arg(repo())
        .args(["build", "--quiet", "--no-search", "--dest"])
        .arg(&site)
        .assert()
        .success();
    let page = std::fs::read_to_string(site.join("review/index.html")).expect("review page");
    assert!(page.contains("Usage events dead-lettered"), "the active incident of the example archive is in its review");
}
