//! `pmbook build` on real archives: the example archive, a fixture archive,
//! atomicity, and the scaffolding commands.

use std::collections::{BTreeSet, VecDeque};
use std::path::{Path, PathBuf};

use crate::common::*;
use scraper::{Html, Selector};

/// Relative links of a page, resolved to files in the site.
fn links(site: &Path, page: &Path) -> Vec<PathBuf> {
    let html = std::fs::read_to_string(page).expect("page");
    let doc = Html::parse_document(&html);
    let sel = Selector::parse("a[href], link[href]").expect("selector");
    let dir = page.parent().expect("dir");
    let mut out = Vec::new();
    for el in doc.select(&sel) {
        let href = el.value().attr("href").unwrap_or("");
        if href.contains("://") || href.starts_with('#') || href.starts_with("mailto:") {
            continue;
        }
        let path = href.split('#').next().unwrap_or("");
        let mut target = dir.join(path);
        if path.ends_with('/') || path.is_empty() {
            target = target.join("index.html");
        }
        let norm: PathBuf = target.components().fold(PathBuf::new(), |mut acc, c| {
            match c {
                std::path::Component::ParentDir => {
                    acc.pop();
                }
                std::path::Component::CurDir => {}
                c => acc.push(c),
            }
            acc
        });
        assert!(norm.starts_with(site), "{} links outside the site: {href}", page.display());
        out.push(norm);
    }
    out
}

#[test]
fn example_archive_builds_and_every_incident_is_reachable_from_home() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    pmbook().arg("-C").arg(repo()).arg("build").arg("--dest").arg(&site).assert().success();

    let incidents: BTreeSet<PathBuf> = std::fs::read_dir(site.join("incidents"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.path().join("index.html"))
        .collect();
    let sources = walkdir::WalkDir::new(repo().join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .count();
    assert_eq!(incidents.len(), sources, "one page per post-mortem");

    // Directly linked from the home page.
    let home = site.join("index.html");
    let from_home: BTreeSet<PathBuf> = links(&site, &home).into_iter().collect();
    for page in &incidents {
        assert!(from_home.contains(page), "{} is not linked from the home page", page.display());
    }

    // No page anywhere links to a file that does not exist.
    let mut queue = VecDeque::from([home]);
    let mut seen = BTreeSet::new();
    while let Some(page) = queue.pop_front() {
        if !seen.insert(page.clone()) {
            continue;
        }
        for target in links(&site, &page) {
            assert!(target.exists(), "{} links to missing {}", page.display(), target.display());
            if target.extension().is_some_and(|x| x == "html") {
                queue.push_back(target);
            }
        }
    }
    assert!(seen.len() > incidents.len(), "crawled {} pages", seen.len());
}

#[test]
fn a_failed_build_leaves_the_previous_site_byte_for_byte() {
    let archive = temp_archive("valid");
    let site = archive.path().join("site");
    pmbook().arg("-C").arg(archive.path()).arg("build").assert().success();
    let before = snapshot_tree(&site);
    assert!(before.len() > 4);

    let bad = archive.path().join("content/2025-04-01-broken.md");
    std::fs::write(&bad, "---\ntitle: Broken\nseverity: SEV-9\n---\nbody\n").unwrap();
    let out = pmbook().arg("-C").arg(archive.path()).arg("build").assert().failure().code(1).get_output().clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("content/2025-04-01-broken.md:3:11"), "{stderr}");
    assert!(stderr.contains("previous site was left untouched"), "{stderr}");

    assert_eq!(snapshot_tree(&site), before, "the old site must be untouched");
    let leftovers: Vec<_> = std::fs::read_dir(archive.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("pmbook"))
        .collect();
    assert!(leftovers.is_empty(), "staging or lock left behind: {leftovers:?}");

    // Fixing the file publishes it.
    std::fs::write(&bad, "---\ntitle: Fixed\nseverity: SEV-4\n---\nbody\n").unwrap();
    pmbook().arg("-C").arg(archive.path()).arg("build").assert().success();
    assert!(site.join("incidents/2025-04-01-broken/index.html").exists());
}

#[test]
fn a_build_is_refused_while_another_holds_the_lock() {
    let archive = temp_archive("valid");
    std::fs::write(archive.path().join(".site.pmbook-lock"), std::process::id().to_string()).unwrap();
    let out = pmbook().arg("-C").arg(archive.path()).arg("build").assert().failure().get_output().clone();
    assert!(String::from_utf8_lossy(&out.stderr).contains("another pmbook build"));
    assert!(!archive.path().join("site").exists());
}

#[test]
fn incident_page_snapshot() {
    let archive = temp_archive("valid");
    pmbook().arg("-C").arg(archive.path()).arg("build").assert().success();
    let html = std::fs::read_to_string(archive.path().join("site/incidents/fx-001/index.html")).unwrap();
    let doc = Html::parse_document(&html);
    let main = doc.select(&Selector::parse("main").unwrap()).next().unwrap().html();
    insta::assert_snapshot!("incident_fx_001", main);

    // Facts a reader relies on, asserted directly as well.
    assert!(html.contains("14:05"), "times shown in the document's zone");
    assert!(main.contains("href=\"../../incidents/fx-002/index.html\""), "doc link resolved to the incident page");
    assert!(main.contains("config-change"), "alias folded into the vocabulary term");
    assert!(main.contains("overdue"), "an open item due before today is flagged");
    assert!(main.contains("hl-"), "code highlighted");
}

#[test]
fn home_page_snapshot() {
    let archive = temp_archive("valid");
    pmbook().arg("-C").arg(archive.path()).arg("build").assert().success();
    let html = std::fs::read_to_string(archive.path().join("site/index.html")).unwrap();
    let doc = Html::parse_document(&html);
    let main = doc.select(&Selector::parse("main").unwrap()).next().unwrap().html();
    insta::assert_snapshot!("home", main);
}

#[test]
fn pretty_links_end_in_a_slash() {
    let archive = temp_archive("valid");
    let cfg = archive.path().join("book.toml");
    let text = std::fs::read_to_string(&cfg).unwrap();
    std::fs::write(&cfg, format!("{text}\n[output]\npretty-links = true\n")).unwrap();
    pmbook().arg("-C").arg(archive.path()).arg("build").assert().success();
    let html = std::fs::read_to_string(archive.path().join("site/index.html")).unwrap();
    assert!(html.contains("href=\"./incidents/fx-001/\""), "{html}");
}

#[test]
fn a_theme_template_overrides_the_default() {
    let archive = temp_archive("valid");
    let tdir = archive.path().join("themes/default/templates");
    std::fs::create_dir_all(&tdir).unwrap();
    std::fs::write(tdir.join("incident.html"), "<p>custom {{ incident.id }} {{ incident.title }}</p>").unwrap();
    pmbook().arg("-C").arg(archive.path()).arg("build").assert().success();
    let html = std::fs::read_to_string(archive.path().join("site/incidents/fx-002/index.html")).unwrap();
    assert_eq!(html, "<p>custom FX-002 Cache stampede after mass expiry</p>");
}

#[test]
fn init_then_new_gives_an_archive_that_checks_and_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("pm");
    pmbook().arg("init").arg(&dir).arg("--title").arg("Ops \"quoted\" archive").assert().success();
    pmbook().arg("-C").arg(&dir).arg("new").arg("Disk full on db-3").assert().success();
    assert!(dir.join("content/2025/2025-06-01-disk-full-on-db-3.md").exists());
    // `new` never overwrites.
    pmbook().arg("-C").arg(&dir).arg("new").arg("Disk full on db-3").assert().failure();
    // One id scheme: the example is PM-2025-001, the next one PM-2025-002.
    let example = std::fs::read_to_string(dir.join("content/2025/2025-06-01-example-incident.md")).unwrap();
    assert!(example.contains("id: PM-2025-001"), "{example}");
    let new = std::fs::read_to_string(dir.join("content/2025/2025-06-01-disk-full-on-db-3.md")).unwrap();
    assert!(new.contains("id: PM-2025-002"), "{new}");
    // init leaves the default zone unset (times without a zone stay errors).
    let book = std::fs::read_to_string(dir.join("book.toml")).unwrap();
    assert!(book.contains("# default-zone") && !book.contains("\ndefault-zone"), "{book}");
    // The template's sample text is reported for review, as warnings.
    let out = pmbook().arg("-C").arg(&dir).arg("check").assert().success().get_output().clone();
    let report = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(report.contains("warning[placeholder]"), "{report}");
    assert!(!report.contains("error["), "{report}");
    pmbook().arg("-C").arg(&dir).arg("build").assert().success();
    let home = std::fs::read_to_string(dir.join("site/index.html")).unwrap();
    assert!(home.contains("Disk full on db-3"));
    assert!(home.contains("Ops &quot;quoted&quot; archive"));
    // init refuses to overwrite.
    pmbook().arg("init").arg(&dir).assert().failure();
}

#[test]
fn a_broken_book_toml_is_reported_with_its_line() {
    let archive = temp_archive("valid");
    std::fs::write(archive.path().join("book.toml"), "[book]\ntitle = \"x\"\n\n[output]\npretty-link = true\n").unwrap();
    let out = pmbook().arg("-C").arg(archive.path()).arg("build").assert().failure().code(1).get_output().clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("book.toml:5"), "{stderr}");
    assert!(stderr.contains("did you mean `pretty-links`"), "{stderr}");
}

#[test]
fn images_are_copied_furniture_is_skipped_and_date_only_rows_head_their_day() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path();
    std::fs::write(root.join("book.toml"), "[book]\ntitle = \"T\"\n").expect("book.toml");
    let dir = root.join("content/2024");
    std::fs::create_dir_all(dir.join("img")).expect("dirs");
    std::fs::write(dir.join("img/lag graph.png"), b"\x89PNG fake").expect("png");
    std::fs::write(root.join("content/README.md"), "# How to write a post-mortem\n\nNot an incident.\n").expect("readme");
    std::fs::write(
        dir.join("queue-lag.md"),
        "---\nid: IMG-1\ntitle: Queue lag\ndate: 2024-05-02\n---\n\n![Lag](img/lag%20graph.png)\n\n![Gone](img/missing.png)\n\n\
         ## Timeline\n\n- 2024-05-01: capacity review postponed\n- 2024-05-02 09:00 UTC: lag alert fired\n",
    )
    .expect("doc");
    let out = pmbook().arg("-C").arg(root).arg("build").assert().success().get_output().clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("warning[missing-file]") && stderr.contains("img/missing.png"), "{stderr}");
    assert!(stderr.contains("queue-lag.md:9"), "{stderr}");
    let site = root.join("site");
    assert_eq!(std::fs::read(site.join("files/2024/img/lag graph.png")).expect("copied image"), b"\x89PNG fake");
    let page = std::fs::read_to_string(site.join("incidents/img-1/index.html")).expect("page");
    assert!(page.contains("src=\"../../files/2024/img/lag%20graph.png\""), "{page}");
    assert!(!page.contains("pmbook:"), "unresolved pmbook: link left in the page");
    // README.md is repository furniture, not an incident.
    let incidents: Vec<_> =
        std::fs::read_dir(site.join("incidents")).expect("incidents").filter_map(Result::ok).filter(|e| e.path().is_dir()).collect();
    assert_eq!(incidents.len(), 1);
    // The date-only entry shows its day and no time.
    let doc = Html::parse_document(&page);
    let rows: Vec<String> =
        doc.select(&Selector::parse(".timeline li, .timeline tr").expect("sel")).map(|e| e.text().collect::<String>()).collect();
    let first = rows.iter().find(|r| r.contains("capacity review")).expect("date-only row");
    assert!(!first.contains("2024-05-01"), "the raw date is shown as a time: {first}");
    assert!(page.contains("1 May 2024"), "no day heading for the date-only row");
}
