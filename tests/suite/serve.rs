//! `pmbook serve`: a real server on a free port, real file edits, and what
//! a browser would see: pages, reload events and the error overlay's data.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use crate::common::*;

/// GET `path`: (status, body).
fn get(addr: &str, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).expect("connect");
    write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").expect("request");
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("response");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    (status, body)
}

/// Events from `/__pmbook/events` as (name, data), read on a thread.
fn events(addr: &str) -> Receiver<(String, String)> {
    let mut s = TcpStream::connect(addr).expect("connect");
    write!(s, "GET /__pmbook/events HTTP/1.1\r\nHost: {addr}\r\n\r\n").expect("request");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let reader = BufReader::new(s);
        let (mut name, mut data) = (String::new(), String::new());
        for line in reader.lines() {
            let Ok(line) = line else { return };
            if let Some(n) = line.strip_prefix("event: ") {
                name = n.to_string();
            } else if let Some(d) = line.strip_prefix("data: ") {
                data.push_str(d);
            } else if line.is_empty() && !name.is_empty() && tx.send((std::mem::take(&mut name), std::mem::take(&mut data))).is_err() {
                return;
            }
        }
    });
    rx
}

/// Wait for an event named `name` whose data satisfies `ok`.
fn wait_for(rx: &Receiver<(String, String)>, name: &str, ok: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut seen = Vec::new();
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match rx.recv_timeout(left) {
            Ok((n, d)) if n == name && ok(&d) => return d,
            Ok(other) => seen.push(other),
            Err(_) => break,
        }
    }
    panic!("no `{name}` event as expected; saw {seen:#?}");
}

/// Poll until `ok` holds (20 s at most).
fn eventually(what: &str, ok: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !ok() {
        assert!(Instant::now() < deadline, "timed out waiting: {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn title(body: &str) -> String {
    body.split("<title>").nth(1).and_then(|t| t.split('<').next()).unwrap_or_default().to_string()
}

/// Write a file the way an editor saves: to a temporary file, then rename.
fn save(path: &Path, text: &str) {
    let tmp = path.with_extension("md.tmp~");
    std::fs::write(&tmp, text).expect("write");
    std::fs::rename(&tmp, path).expect("rename");
}

#[test]
fn edits_errors_and_deletions_reach_the_browser() {
    let tmp = temp_archive("valid");
    let root = tmp.path();
    let doc: PathBuf = root.join("content/2025-02-11-queue-backlog.md");
    let original = std::fs::read_to_string(&doc).expect("doc");
    let server = serve(root);
    let addr = server.addr();

    // The site is served, with the reload script, and the search bundle.
    let (status, body) = get(&addr, "/incidents/fx-001/");
    assert_eq!(status, 200);
    assert!(title(&body).starts_with("Order queue backlog after broker upgrade"), "{}", title(&body));
    assert!(body.contains("/__pmbook/livereload.js"));
    assert_eq!(get(&addr, "/pagefind/pagefind.js").0, 200);
    assert_eq!(get(&addr, "/__pmbook/livereload.js").0, 200);
    assert_eq!(get(&addr, "/no/such/page/").0, 404);
    let rx = events(&addr);
    wait_for(&rx, "status", |d| d.contains("\"errors\":[]"));

    // An edit: the page changes and browsers on it are told to reload.
    save(&doc, &original.replace("title: Order queue backlog after broker upgrade", "title: Order queue backlog (edited)"));
    wait_for(&rx, "reload", |d| d.contains("/incidents/fx-001/index.html"));
    assert!(title(&get(&addr, "/incidents/fx-001/").1).starts_with("Order queue backlog (edited)"));
    // The term pages it is on follow right after the page itself.
    wait_for(&rx, "reload", |d| d.contains("/services/order-queue/index.html"));
    assert!(get(&addr, "/services/order-queue/").1.contains("Order queue backlog (edited)"));

    // A broken file: the overlay gets file and line; the last good page stays.
    save(&doc, &original.replace("severity: SEV-2", "severity: [SEV-2"));
    let status = wait_for(&rx, "status", |d| d.contains("front-matter-syntax"));
    assert!(status.contains("content/2025-02-11-queue-backlog.md"), "{status}");
    assert!(status.contains("\"line\":"), "{status}");
    let (code, body) = get(&addr, "/incidents/fx-001/");
    assert_eq!(code, 200);
    assert!(title(&body).starts_with("Order queue backlog (edited)"), "the last good page is no longer served");

    // Fixing it clears the overlay and shows the fix.
    save(&doc, &original.replace("title: Order queue backlog after broker upgrade", "title: Order queue backlog (fixed)"));
    wait_for(&rx, "status", |d| d.contains("\"errors\":[]"));
    wait_for(&rx, "reload", |d| d.contains("/incidents/fx-001/index.html"));
    assert!(title(&get(&addr, "/incidents/fx-001/").1).starts_with("Order queue backlog (fixed)"));

    // An id another post-mortem has: held back, with the error shown.
    save(&doc, &original.replace("id: FX-001", "id: FX-002"));
    wait_for(&rx, "status", |d| d.contains("duplicate-id"));
    assert!(title(&get(&addr, "/incidents/fx-001/").1).starts_with("Order queue backlog (fixed)"));
    // Written in place (not renamed over), back to its own id, with a new
    // title: the error goes and the page shows the edit.
    std::fs::write(&doc, original.replace("title: Order queue backlog after broker upgrade", "title: Order queue backlog (in place)"))
        .expect("write");
    wait_for(&rx, "status", |d| d.contains("\"errors\":[]"));
    wait_for(&rx, "reload", |d| d.contains("/incidents/fx-001/index.html"));
    assert!(title(&get(&addr, "/incidents/fx-001/").1).starts_with("Order queue backlog (in place)"));
    save(&doc, &original.replace("title: Order queue backlog after broker upgrade", "title: Order queue backlog (fixed)"));
    wait_for(&rx, "reload", |d| d.contains("/incidents/fx-001/index.html"));

    // A new post-mortem appears; a deleted one disappears.
    let new_doc = root.join("content/2025-04-01-dns-flap.md");
    save(
        &new_doc,
        "---\nid: FX-003\ntitle: DNS resolver flapping\ndate: 2025-04-01\nseverity: SEV-3\nservices: [edge-dns]\n---\n\nResolvers restarted in a loop.\n",
    );
    wait_for(&rx, "reload", |d| d.contains("/incidents/fx-003/index.html"));
    assert_eq!(get(&addr, "/incidents/fx-003/").0, 200);
    std::fs::remove_file(&new_doc).expect("remove");
    wait_for(&rx, "reload", |d| d.contains("/incidents/fx-003/index.html"));
    assert_eq!(get(&addr, "/incidents/fx-003/").0, 404);

    // The background render brings archive-wide pages up to date too.
    eventually("incidents.json catches up", || get(&addr, "/incidents.json").1.contains("Order queue backlog (fixed)"));
    assert!(get(&addr, "/incidents/fx-001/index.json").1.contains("Order queue backlog (fixed)"));
    // The terminal says when the errors are gone, not only when they come.
    let log = server.stop();
    assert!(log.contains("fixed: 1 error(s) cleared"), "{log}");
    assert!(log.matches("error(s) cleared").count() >= 2, "{log}");
}

#[test]
fn a_theme_change_rebuilds_everything() {
    let tmp = temp_archive("valid");
    let root = tmp.path();
    let server = serve(root);
    let rx = events(&server.addr());
    wait_for(&rx, "status", |_| true);
    let dir = root.join("themes/default/templates");
    std::fs::create_dir_all(&dir).expect("theme dir");
    // A theme folder that did not exist at start is picked up.
    save(&dir.join("board.html"), "{% extends \"base.html\" %}{% block content %}<p>custom board</p>{% endblock content %}");
    eventually("the new theme template is used", || get(&server.addr(), "/board/").1.contains("custom board"));
    wait_for(&rx, "reload", |d| d.contains('*'));
    // A book.toml change reloads every page.
    let toml = std::fs::read_to_string(root.join("book.toml")).expect("book.toml");
    save(&root.join("book.toml"), &toml.replace("Fixture archive", "Fixture archive (renamed)"));
    eventually("the new title is used", || title(&get(&server.addr(), "/").1).contains("Fixture archive (renamed)"));
    // A broken book.toml is shown with its line, and the site stays.
    save(&root.join("book.toml"), &format!("{toml}\n[output]\nsearh = true\n"));
    let status = wait_for(&rx, "status", |d| d.contains("searh"));
    assert!(status.contains("book.toml"), "{status}");
    assert_eq!(get(&server.addr(), "/board/").0, 200);
}
