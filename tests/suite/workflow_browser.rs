//! The board and the weekly review in headless Chromium (Playwright), at
//! desktop and phone widths: `tests/browser/workflow.test.mjs` on a site
//! built from the workflow fixture. It checks what the cards and sections
//! show and that nothing is wider than the screen, and leaves screenshots in
//! `target/workflow-screenshots/` for a person to look at.
//!
//! Needs what `tests/suite/browser.rs` needs (Node.js, `npm ci` in
//! `tests/browser/`, Chromium); without them it prints SKIPPED and passes,
//! except under CI (`CI` set), where it fails.

use std::process::Command;

use crate::common::*;

#[test]
fn board_and_review_at_desktop_and_phone_widths() {
    if let Some(why) = browser_missing() {
        assert!(std::env::var_os("CI").is_none(), "CI must run the browser test, but {why}");
        eprintln!("SKIPPED: workflow browser test: {why}");
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let site = tmp.path().join("site");
    pmbook().arg("-C").arg(fixture("workflow")).args(["build", "--quiet", "--no-search", "--dest"]).arg(&site).assert().success();
    let shots = repo().join("target/workflow-screenshots");
    let out = Command::new("node").arg(repo().join("tests/browser/workflow.test.mjs")).arg(&site).arg(&shots).output().expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    eprintln!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success() && stdout.contains("all workflow browser checks passed"), "browser checks failed:\n{stdout}");
    for name in ["board-desktop", "board-phone", "review-desktop", "review-phone"] {
        assert!(shots.join(format!("{name}.png")).is_file(), "{name}.png");
    }
}
