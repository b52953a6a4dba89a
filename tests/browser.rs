//! Browser tests in headless Chromium, driven by Playwright: search
//! (`tests/browser/search.test.mjs`) on a freshly built example site, and
//! `pmbook serve` (`tests/browser/serve.test.mjs`): live reload, the error
//! overlay and search on the served site.
//!
//! Needs Node.js, `tests/browser/node_modules` (`npm ci` there) and Chromium
//! (`/usr/bin/chromium`, or `CHROMIUM=...`). `.ci/run` installs them; when
//! they are absent outside CI the test says so and does nothing.

mod common;

use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use common::*;

fn missing() -> Option<String> {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !PathBuf::from(&chromium).exists() {
        return Some(format!("no Chromium at {chromium}"));
    }
    if Command::new("node").arg("--version").output().is_err() {
        return Some("no node on PATH".into());
    }
    if !repo().join("tests/browser/node_modules/playwright-core").is_dir() {
        return Some("tests/browser/node_modules is missing (run `npm ci` in tests/browser)".into());
    }
    None
}

#[test]
fn search_query_and_factor_filter_in_a_real_browser() {
    if let Some(why) = missing() {
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

/// A running `pmbook serve`, killed on drop (also when the test panics).
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn serve_reload_and_error_overlay_in_a_real_browser() {
    if let Some(why) = missing() {
        assert!(std::env::var_os("CI").is_none(), "CI must run the browser test, but {why}");
        eprintln!("SKIPPED: serve browser test: {why}");
        return;
    }
    // A scratch copy: the browser test edits a post-mortem in it.
    let tmp = temp_archive("valid");
    let root = tmp.path();
    let child = Command::new(assert_cmd::cargo::cargo_bin("pmbook"))
        .arg("-C")
        .arg(root)
        .args(["serve", "--port", "0", "--quiet"])
        .env("PMBOOK_TODAY", "2025-06-01")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("serve starts");
    let mut server = Server(child);
    // The server's log (rebuilds, the errors it reports), shown with node's output.
    let mut stderr = server.0.stderr.take().expect("stderr");
    let log = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let mut line = String::new();
    BufReader::new(server.0.stdout.take().expect("stdout")).read_line(&mut line).expect("first line");
    let url = line.split_whitespace().find(|w| w.starts_with("http://")).unwrap_or_else(|| panic!("no URL in {line:?}")).to_string();
    let out = Command::new("node").arg(repo().join("tests/browser/serve.test.mjs")).arg(&url).arg(root).output().expect("node runs");
    drop(server);
    let log = log.join().unwrap_or_default();
    let stdout = String::from_utf8_lossy(&out.stdout);
    eprintln!("{stdout}{}--- pmbook serve log\n{log}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "serve browser checks failed:\n{stdout}");
    assert!(stdout.contains("all serve browser checks passed"));
}
