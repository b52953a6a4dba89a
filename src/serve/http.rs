//! The HTTP side of `pmbook serve`: files from the in-memory site, a
//! server-sent-events stream that tells pages to reload or show errors, and
//! the small script that listens to it (injected into every HTML page).
//! axum on a two-thread tokio runtime of its own.

use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use tokio::sync::mpsc::{self, UnboundedReceiver, UnboundedSender};
use tokio_stream::StreamExt;
use tokio_stream::wrappers::UnboundedReceiverStream;

use super::memory::MemorySite;

/// URL of the event stream.
pub const EVENTS_PATH: &str = "/__pmbook/events";
/// URL of the reload script.
pub const SCRIPT_PATH: &str = "/__pmbook/livereload.js";
const SCRIPT: &str = include_str!("livereload.js");
const SCRIPT_TAG: &str = "<script src=\"/__pmbook/livereload.js\" defer></script>";

/// An event for the browsers: name and data.
type Message = (&'static str, String);

/// Connected browsers, and the status each new one is told first.
#[derive(Debug)]
pub struct Hub {
    clients: Mutex<Vec<UnboundedSender<Message>>>,
    status: Mutex<String>,
}

impl Default for Hub {
    fn default() -> Self {
        Self::new()
    }
}

impl Hub {
    /// A hub with no clients and no errors.
    pub fn new() -> Self {
        Hub { clients: Mutex::new(Vec::new()), status: Mutex::new(r#"{"errors":[]}"#.to_string()) }
    }

    /// Send an event to every connected browser.
    pub fn broadcast(&self, name: &'static str, data: &str) {
        if let Ok(mut clients) = self.clients.lock() {
            clients.retain(|c| c.send((name, data.to_string())).is_ok());
        }
    }

    /// Set the build status (JSON with an `errors` list) and tell everyone.
    pub fn set_status(&self, json: &str) {
        if let Ok(mut s) = self.status.lock() {
            *s = json.to_string();
        }
        self.broadcast("status", json);
    }

    /// Tell browsers which site paths changed (`/incidents/x/index.html`,
    /// or `*` for all).
    pub fn reload(&self, paths: &[String]) {
        self.broadcast("reload", &serde_json::to_string(paths).unwrap_or_else(|_| "[\"*\"]".into()));
    }

    fn subscribe(&self) -> UnboundedReceiver<Message> {
        let (tx, rx) = mpsc::unbounded_channel();
        let status = self.status.lock().map(|s| s.clone()).unwrap_or_default();
        let _ = tx.send(("status", status));
        if let Ok(mut clients) = self.clients.lock() {
            clients.push(tx);
        }
        rx
    }

    /// How many browsers are connected.
    pub fn clients(&self) -> usize {
        self.clients.lock().map(|c| c.len()).unwrap_or(0)
    }
}

#[derive(Clone)]
struct App {
    site: Arc<MemorySite>,
    hub: Arc<Hub>,
}

/// Serve `site` on `listener` until the process ends.
pub fn run(listener: std::net::TcpListener, site: Arc<MemorySite>, hub: Arc<Hub>) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    runtime.block_on(async move {
        listener.set_nonblocking(true)?;
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let app = Router::new().fallback(handle).with_state(App { site, hub });
        axum::serve(listener, app).await
    })
}

async fn handle(State(app): State<App>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, "method not allowed").into_response();
    }
    let url = uri.path();
    if url == EVENTS_PATH {
        let stream = UnboundedReceiverStream::new(app.hub.subscribe())
            .map(|(name, data)| Ok::<Event, Infallible>(Event::default().event(name).data(data)));
        return Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))).into_response();
    }
    if url == SCRIPT_PATH {
        return file_response(SCRIPT.as_bytes().to_vec(), "text/javascript; charset=utf-8", StatusCode::OK);
    }
    let path = crate::markdown::percent_decode(url.trim_start_matches('/'));
    let rel = if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.clone() };
    match app.site.get(&rel) {
        Some(bytes) => {
            let kind = content_type(&rel);
            let body = if kind.starts_with("text/html") { inject(&bytes) } else { bytes.to_vec() };
            file_response(body, kind, StatusCode::OK)
        }
        // `/incidents/x` → `/incidents/x/`, so relative links resolve.
        None if app.site.get(&format!("{path}/index.html")).is_some() => {
            let mut r = StatusCode::MOVED_PERMANENTLY.into_response();
            if let Ok(v) = HeaderValue::from_str(&format!("{url}/")) {
                r.headers_mut().insert(header::LOCATION, v);
            }
            r
        }
        None => {
            let page = format!(
                "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Not found</title></head><body><h1>Not found</h1><p><code>{}</code> is not in the site. <a href=\"/\">Home</a></p></body></html>",
                crate::highlight::escape(url)
            );
            file_response(inject(page.as_bytes()), "text/html; charset=utf-8", StatusCode::NOT_FOUND)
        }
    }
}

fn file_response(body: Vec<u8>, kind: &'static str, status: StatusCode) -> Response {
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = status;
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    r
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
}
