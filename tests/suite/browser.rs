//! Browser tests in headless Chromium, driven by Playwright: search
//! (`tests/browser/search.test.mjs`) on a freshly built example site; the
//! pages (`tests/browser/site.test.mjs`): every part of a post-mortem once on
//! the example pages and on an imported page, the header search box, and
//! the incident page on a phone; and `pmbook serve`
//! (`tests/browser/serve.test.mjs`): live reload, the error overlay and
//! search on the served site.
//!
//! Needs Node.js, `tests/browser/node_modules` (`npm ci` there) and Chromium
//! (`/usr/bin/chromium`, or `CHROMIUM=...`). `.ci/run` installs them; when
//! they are absent outside CI the test says so and does nothing.

use std::process::Command;

use crate::common::*;

#[test]
fn search_query_and_factor_filter_in_a_real_browser() {
    if let Some(why) = browser_missing() {
        assert!(std::env::var_os("CI").is_none(), "CI must run the browser test, but {why}");
        eprintln!("SKIPPED: browser test: {why}");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    pmbook().arg("-C").arg(repo()).args(["build", "--quiet", "--dest"]).arg(&site).assert().success();
    let out = Command::new("node").arg(repo().join("tests/browser/search.test.mjs")).arg(&site).output().expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    eprintln!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "browser checks failed:\n{stdout}");
    assert!(stdout.contains("all browser checks passed"));

    // The same checks with the index split into shards of three incidents,
    // searched together: the same results and filter counts.
    let sharded = tmp.path().join("sharded");
    std::fs::create_dir_all(&sharded).unwrap();
    copy_tree(&repo().join("content"), &sharded.join("content"));
    let toml = std::fs::read_to_string(repo().join("book.toml")).unwrap();
    std::fs::write(sharded.join("book.toml"), toml.replacen("[output]", "[output]\nsearch-shard-size = 3", 1)).unwrap();
    let site = sharded.join("site");
    pmbook().arg("-C").arg(&sharded).args(["build", "--quiet"]).assert().success();
    assert!(site.join("pagefind-4/pagefind-entry.json").is_file(), "expected five search shards");
    let out = Command::new("node").arg(repo().join("tests/browser/search.test.mjs")).arg(&site).output().expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    eprintln!("sharded:\n{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success() && stdout.contains("all browser checks passed"), "sharded search failed:\n{stdout}");
}

#[test]
fn pages_header_search_and_phone_layout_in_a_real_browser() {
    if let Some(why) = browser_missing() {
        assert!(std::env::var_os("CI").is_none(), "CI must run the browser test, but {why}");
        eprintln!("SKIPPED: site browser test: {why}");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    pmbook().arg("-C").arg(repo()).args(["build", "--quiet", "--dest"]).arg(&site).assert().success();
    // An archive of imported legacy documents: their timeline and action
    // items stay in the body, and are shown once.
    let imported = tmp.path().join("imported");
    std::fs::create_dir_all(&imported).unwrap();
    std::fs::write(imported.join("book.toml"), "[book]\ntitle = \"Imported\"\n").unwrap();
    pmbook().arg("-C").arg(&imported).arg("import").arg(fixture("legacy")).arg("--into").arg(imported.join("content")).assert().success();
    pmbook().arg("-C").arg(&imported).args(["build", "--quiet"]).assert().success();
    // PMBOOK_SCREENSHOTS=DIR keeps screenshots of home, incident, search,
    // stats and the phone incident page.
    let mut cmd = Command::new("node");
    cmd.arg(repo().join("tests/browser/site.test.mjs")).arg(&site).arg(imported.join("site"));
    if let Some(dir) = std::env::var_os("PMBOOK_SCREENSHOTS") {
        cmd.arg(dir);
    }
    let out = cmd.output().expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    eprintln!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success() && stdout.contains("all site browser checks passed"), "site browser checks failed:\n{stdout}");
}

#[test]
fn serve_reload_and_error_overlay_in_a_real_browser() {
    if let Some(why) = browser_missing() {
        assert!(std::env::var_os("CI").is_none(), "CI must run the browser test, but {why}");
        eprintln!("SKIPPED: serve browser test: {why}");
        return;
    }
    // A scratch copy: the browser test edits a post-mortem in it.
    let tmp = temp_archive("valid");
    let root = tmp.path();
    let server = serve(root);
    let url = server.url.clone();
    let out = Command::new("node").arg(repo().join("tests/browser/serve.test.mjs")).arg(&url).arg(root).output().expect("node runs");
    let log = server.stop();
    let stdout = String::from_utf8_lossy(&out.stdout);
    eprintln!("{stdout}{}--- pmbook serve log\n{log}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "serve browser checks failed:\n{stdout}");
    assert!(stdout.contains("all serve browser checks passed"));
}
