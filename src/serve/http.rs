//! A small HTTP/1.1 server for the preview, on the standard library: GET and
//! HEAD of the current generation's files, and a server-sent-events stream
//! that tells open pages to reload. One thread per connection; every
//! response but the event stream closes its connection.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use super::overlay;
use super::site::Generation;
use crate::diagnostic::Diagnostic;

/// The path of the reload event stream.
pub const EVENTS: &str = "/__forewarn/events";

/// What the server shows, shared with the watcher thread.
pub struct Shown {
    /// The last good generation (none while the site has never built).
    pub generation: RwLock<Option<Arc<Generation>>>,
    /// Problems of the latest attempt (shown as an overlay; empty when good).
    pub problems: RwLock<Vec<Diagnostic>>,
    /// Bumped whenever what is shown changes.
    pub version: RwLock<u64>,
    clients: Mutex<Vec<Sender<u64>>>,
}

impl Shown {
    /// Starts with `generation`, if the site built.
    pub fn new(generation: Option<Generation>) -> Shown {
        Shown {
            generation: RwLock::new(generation.map(Arc::new)),
            problems: RwLock::new(Vec::new()),
            version: RwLock::new(1),
            clients: Mutex::new(Vec::new()),
        }
    }

    /// Publishes a change: a new generation and/or new problems; every open
    /// page is told to reload.
    pub fn publish(&self, generation: Option<Generation>, problems: Vec<Diagnostic>) {
        if let Some(g) = generation
            && let Ok(mut slot) = self.generation.write()
        {
            *slot = Some(Arc::new(g));
        }
        if let Ok(mut p) = self.problems.write() {
            *p = problems;
        }
        let version = match self.version.write() {
            Ok(mut v) => {
                *v += 1;
                *v
            }
            Err(_) => return,
        };
        if let Ok(mut clients) = self.clients.lock() {
            clients.retain(|c| c.send(version).is_ok());
        }
    }

    fn subscribe(&self) -> Receiver<u64> {
        let (tx, rx) = mpsc::channel();
        if let Ok(mut clients) = self.clients.lock() {
            clients.push(tx);
        }
        rx
    }

    fn version(&self) -> u64 {
        self.version.read().map_or(0, |v| *v)
    }
}

/// Serves `listener` forever.
pub fn run(listener: TcpListener, shown: Arc<Shown>) {
    for stream in listener.incoming().flatten() {
        let shown = Arc::clone(&shown);
        std::thread::spawn(move || {
            let _ = handle(stream, &shown);
        });
    }
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Some(b) = std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The output path for a URL path, or `None` when it tries to leave the site.
pub fn output_path(url_path: &str) -> Option<PathBuf> {
    let path = percent_decode(url_path.split(['?', '#']).next().unwrap_or("/"));
    let mut rel = PathBuf::new();
    for part in path.split('/').filter(|p| !p.is_empty()) {
        if part == ".." || part == "." || part.contains('\\') || part.contains('\0') {
            return None;
        }
        rel.push(part);
    }
    if path.ends_with('/') || rel.as_os_str().is_empty() {
        rel.push("index.html");
    }
    Some(rel)
}

fn respond(
    stream: &mut TcpStream,
    status: &str,
    kind: &str,
    body: &[u8],
    head: bool,
    extra: &str,
) -> std::io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n{extra}Connection: close\r\n\r\n",
        body.len()
    )?;
    if !head {
        stream.write_all(body)?;
    }
    stream.flush()
}

fn handle(mut stream: TcpStream, shown: &Shown) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
    }
    let mut parts = request.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let head = method == "HEAD";
    if method != "GET" && !head {
        return respond(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain",
            b"GET only\n",
            false,
            "Allow: GET, HEAD\r\n",
        );
    }
    if target.split('?').next() == Some(EVENTS) {
        return events(stream, shown);
    }
    let Some(rel) = output_path(target) else {
        return respond(&mut stream, "400 Bad Request", "text/plain", b"bad path\n", head, "");
    };
    let generation = shown.generation.read().map_err(|_| std::io::Error::other("lock"))?.clone();
    let problems = shown.problems.read().map(|p| p.clone()).unwrap_or_default();
    let Some(generation) = generation else {
        // Nothing ever built: every page is the overlay.
        let page = overlay::inject(overlay::EMPTY_PAGE, &problems, shown.version());
        return respond(&mut stream, "200 OK", "text/html; charset=utf-8", page.as_bytes(), head, "");
    };
    let (status, rel, found) = match generation.get(&rel) {
        Some(r) => ("200 OK", rel, r),
        None => {
            // `/x` for a folder `x/`: redirect like a static server does.
            let dir = rel.join("index.html");
            if rel.extension().is_none() && generation.get(&dir).is_some() {
                let location = format!("{}/", target.split('?').next().unwrap_or("/").trim_end_matches('/'));
                return respond(
                    &mut stream,
                    "301 Moved Permanently",
                    "text/plain",
                    b"",
                    head,
                    &format!("Location: {location}\r\n"),
                );
            }
            let nf = PathBuf::from("404.html");
            match generation.get(&nf) {
                Some(r) => ("404 Not Found", nf, r),
                None => return respond(&mut stream, "404 Not Found", "text/plain", b"not found\n", head, ""),
            }
        }
    };
    let name = rel.to_string_lossy().into_owned();
    let kind = content_type(&name);
    match found {
        Ok(bytes) if kind.starts_with("text/html") => {
            let page = overlay::inject(&String::from_utf8_lossy(&bytes), &problems, shown.version());
            respond(&mut stream, status, kind, page.as_bytes(), head, "")
        }
        Ok(bytes) => respond(&mut stream, status, kind, &bytes, head, ""),
        Err(render_problems) => {
            let mut all = problems;
            all.extend(render_problems);
            let page = overlay::inject(overlay::EMPTY_PAGE, &all, shown.version());
            respond(&mut stream, "500 Internal Server Error", "text/html; charset=utf-8", page.as_bytes(), head, "")
        }
    }
}

fn events(mut stream: TcpStream, shown: &Shown) -> std::io::Result<()> {
    let rx = shown.subscribe();
    stream.set_write_timeout(Some(Duration::from_secs(5)))?;
    write!(
        stream,
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\nretry: 500\ndata: {}\n\n",
        shown.version()
    )?;
    stream.flush()?;
    loop {
        match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(version) => write!(stream, "data: {version}\n\n")?,
            Err(mpsc::RecvTimeoutError::Timeout) => stream.write_all(b": keep-alive\n\n")?,
            Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
        }
        stream.flush()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_paths_map_to_output_files() {
        assert_eq!(output_path("/"), Some(PathBuf::from("index.html")));
        assert_eq!(output_path("/notices/a/?x=1"), Some(PathBuf::from("notices/a/index.html")));
        assert_eq!(output_path("/feed.xml"), Some(PathBuf::from("feed.xml")));
        assert_eq!(output_path("/a%20b/"), Some(PathBuf::from("a b/index.html")));
        assert_eq!(output_path("/../etc/passwd"), None);
        assert_eq!(output_path("/%2e%2e/x"), None);
    }
}
