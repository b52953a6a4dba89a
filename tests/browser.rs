//! Browser test: search in headless Chromium (driven by Playwright from
//! `tests/browser/search.test.mjs`) on a freshly built example site.
//!
//! Needs Node.js, `tests/browser/node_modules` (`npm ci` there) and Chromium
//! (`/usr/bin/chromium`, or `CHROMIUM=...`). `.ci/run` installs them; when
//! they are absent outside CI the test says so and does nothing.

mod common;

use std::path::PathBuf;
use std::process::Command;

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
}
