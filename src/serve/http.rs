//! The HTTP side of `pmbook serve`: files from the in-memory site, a
//! server-sent-events stream that tells pages to reload or show errors, and
//! the small script that listens to it (injected into every HTML page).

use std::io::Write;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tiny_http::{Header, Request, Response, Server};

use super::memory::MemorySite;

/// URL of the event stream.
pub const EVENTS_PATH: &str = "/__pmbook/events";
/// URL of the reload script.
pub const SCRIPT_PATH: &str = "/__pmbook/livereload.js";
const SCRIPT: &str = include_str!("livereload.js");
const SCRIPT_TAG: &str = "<script src=\"/__pmbook/livereload.js\" defer></script>";

/// Connected browsers, and the status each new one is told first.
#[derive(Debug, Default)]
pub struct Hub {
    clients: Mutex<Vec<Sender<String>>>,
    status: Mutex<String>,
}

impl Hub {
    /// A hub with no clients and no errors.
    pub fn new() -> Self {
        let hub = Self::default();
        if let Ok(mut s) = hub.status.lock() {
            *s = event("status", r#"{"errors":[]}"#);
        }
        hub
    }

    /// Send an event to every connected browser.
    pub fn broadcast(&self, name: &str, data: &str) {
        let msg = event(name, data);
        if let Ok(mut clients) = self.clients.lock() {
            clients.retain(|c| c.send(msg.clone()).is_ok());
        }
    }

    /// Set the build status (JSON with an `errors` list) and tell everyone.
    pub fn set_status(&self, json: &str) {
        if let Ok(mut s) = self.status.lock() {
            *s = event("status", json);
        }
        self.broadcast("status", json);
    }

    /// Tell browsers which site paths changed (`/incidents/x/index.html`,
    /// or `*` for all).
    pub fn reload(&self, paths: &[String]) {
        self.broadcast("reload", &serde_json::to_string(paths).unwrap_or_else(|_| "[\"*\"]".into()));
    }

    fn subscribe(&self) -> (Receiver<String>, String) {
        let (tx, rx) = mpsc::channel();
        if let Ok(mut clients) = self.clients.lock() {
            clients.push(tx);
        }
        (rx, self.status.lock().map(|s| s.clone()).unwrap_or_default())
    }

    /// How many browsers are connected.
    pub fn clients(&self) -> usize {
        self.clients.lock().map(|c| c.len()).unwrap_or(0)
    }
}

fn event(name: &str, data: &str) -> String {
    let mut out = format!("event: {name}\n");
    for line in data.lines() {
        out.push_str("data: ");
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');
    out
}

/// Answer requests until the server is unblocked, one thread per request
/// (event streams stay open).
pub fn run(server: Arc<Server>, site: Arc<MemorySite>, hub: Arc<Hub>) {
    for request in server.incoming_requests() {
        let (site, hub) = (site.clone(), hub.clone());
        std::thread::spawn(move || handle(request, &site, &hub));
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .unwrap_or_else(|_| Header::from_bytes(&b"X-Invalid"[..], &b"1"[..]).expect("static header"))
}

fn handle(request: Request, site: &MemorySite, hub: &Hub) {
    let url = request.url().split(['?', '#']).next().unwrap_or("/").to_string();
    if !matches!(request.method(), tiny_http::Method::Get | tiny_http::Method::Head) {
        let _ = request.respond(Response::from_string("method not allowed").with_status_code(405));
        return;
    }
    if url == EVENTS_PATH {
        stream_events(request, hub);
        return;
    }
    if url == SCRIPT_PATH {
        let _ = request.respond(
            Response::from_string(SCRIPT)
                .with_header(header("Content-Type", "text/javascript; charset=utf-8"))
                .with_header(header("Cache-Control", "no-cache")),
        );
        return;
    }
    let path = crate::markdown::percent_decode(url.trim_start_matches('/'));
    let rel = if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.clone() };
    match site.get(&rel) {
        Some(bytes) => {
            let kind = content_type(&rel);
            let body: Vec<u8> = if kind.starts_with("text/html") { inject(&bytes) } else { bytes.to_vec() };
            let _ = request.respond(
                Response::from_data(body).with_header(header("Content-Type", kind)).with_header(header("Cache-Control", "no-cache")),
            );
        }
        // `/incidents/x` → `/incidents/x/`, so relative links resolve.
        None if site.get(&format!("{path}/index.html")).is_some() => {
            let _ = request.respond(Response::empty(301).with_header(header("Location", &format!("{url}/"))));
        }
        None => {
            let page = format!(
                "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Not found</title></head><body><h1>Not found</h1><p><code>{}</code> is not in the site. <a href=\"/\">Home</a></p></body></html>",
                crate::highlight::escape(&url)
            );
            let _ = request.respond(
                Response::from_data(inject(page.as_bytes()))
                    .with_status_code(404)
                    .with_header(header("Content-Type", "text/html; charset=utf-8")),
            );
        }
    }
}

/// The page with the reload script before `</body>` (or at the end).
fn inject(html: &[u8]) -> Vec<u8> {
    let needle = b"</body>";
    let at = html.windows(needle.len()).rposition(|w| w.eq_ignore_ascii_case(needle)).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + SCRIPT_TAG.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(SCRIPT_TAG.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// Keep the connection open and write events as they come; a comment every
/// 15 s finds browsers that went away.
fn stream_events(request: Request, hub: &Hub) {
    let (rx, status) = hub.subscribe();
    let mut w = request.into_writer();
    let head =
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: keep-alive\r\n\r\nretry: 500\n\n";
    if w.write_all(head.as_bytes()).and_then(|_| w.write_all(status.as_bytes())).and_then(|_| w.flush()).is_err() {
        return;
    }
    loop {
        let msg = match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(m) => m,
            Err(RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if w.write_all(msg.as_bytes()).and_then(|_| w.flush()).is_err() {
            return;
        }
    }
}

/// Content type by file extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/atom+xml",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "wasm" => "application/wasm",
        "txt" | "md" => "text/plain; charset=utf-8",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_last_body_end() {
        let out = String::from_utf8(inject(b"<html><body><p>x</p></BODY></html>")).unwrap();
        assert_eq!(out, format!("<html><body><p>x</p>{SCRIPT_TAG}</BODY></html>"));
        assert!(String::from_utf8(inject(b"<p>bare")).unwrap().ends_with(SCRIPT_TAG));
    }

    #[test]
    fn events_are_framed_line_by_line() {
        assert_eq!(event("status", "{\"a\":1}\n{\"b\":2}"), "event: status\ndata: {\"a\":1}\ndata: {\"b\":2}\n\n");
    }
}
