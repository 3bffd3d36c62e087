//! A small HTTP/1.1 server for the preview, on the standard library: GET and
//! HEAD of the current generation's files, and a server-sent-events stream
//! that tells open pages to reload. One thread per connection; every
//! response but the event stream closes its connection. Request heads are
//! read within [`Limits`], only loopback Host names are answered unless the
//! server was bound to the network on purpose, and the accept loop outlives
//! failed thread starts and descriptor exhaustion.

use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use super::request::{self, HostPolicy, Limits};
use super::site::Generation;
use super::{EVENTS, overlay};
use crate::diagnostic::Diagnostic;

/// What the server shows, shared with the rebuild loop.
pub(crate) struct Shown {
    /// The last good generation (none while the site has never built).
    pub(crate) generation: RwLock<Option<Arc<Generation>>>,
    /// Problems of the latest attempt (shown as an overlay; empty when good).
    pub(crate) problems: RwLock<Vec<Diagnostic>>,
    /// Bumped whenever what is shown changes.
    pub(crate) version: RwLock<u64>,
    clients: Mutex<Vec<Sender<u64>>>,
}

impl Shown {
    /// Starts with `generation`, if the site built.
    pub(crate) fn new(generation: Option<Generation>) -> Shown {
        Shown {
            generation: RwLock::new(generation.map(Arc::new)),
            problems: RwLock::new(Vec::new()),
            version: RwLock::new(1),
            clients: Mutex::new(Vec::new()),
        }
    }

    /// Publishes a change: a new generation and/or new problems; every open
    /// page is told to reload.
    pub(crate) fn publish(&self, generation: Option<Generation>, problems: Vec<Diagnostic>) {
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

/// How long a response may take to be taken by the client.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);

/// Warnings about the same trouble are repeated at most this often.
const REPEAT_WARNING: Duration = Duration::from_secs(60);

/// The server: what it shows, whom it answers, and where it reports trouble.
pub(crate) struct Server {
    /// What is shown.
    pub(crate) shown: Arc<Shown>,
    /// Which Host names are answered.
    pub(crate) hosts: HostPolicy,
    /// How much of a request is read.
    pub(crate) limits: Limits,
    /// Prints a warning line on the console.
    pub(crate) warn: Box<dyn Fn(String) + Send + Sync>,
}

/// Starts a thread running `job`; the job is lost if the thread cannot start.
pub(crate) type Spawn = fn(Box<dyn FnOnce() + Send>) -> io::Result<()>;

/// Starts connection threads with the standard library.
pub(crate) fn spawn_thread(job: Box<dyn FnOnce() + Send>) -> io::Result<()> {
    std::thread::Builder::new().name("forewarn-http".to_string()).spawn(job).map(drop)
}

/// A warning printed once, then again only if the trouble lasts or recurs
/// after [`REPEAT_WARNING`].
#[derive(Default)]
struct Once {
    last: Option<Instant>,
}

impl Once {
    fn warn(&mut self, server: &Server, line: impl FnOnce() -> String) {
        if self.last.is_none_or(|t| t.elapsed() >= REPEAT_WARNING) {
            (server.warn)(line());
            self.last = Some(Instant::now());
        }
    }
}

/// Serves `listener` forever, one thread per connection started by `spawn`.
pub(crate) fn run(listener: TcpListener, server: Arc<Server>, spawn: Spawn) {
    let (mut accept_trouble, mut thread_trouble) = (Once::default(), Once::default());
    let mut pause = Duration::ZERO;
    loop {
        let stream = match listener.accept() {
            Ok((stream, _)) => stream,
            // Trouble with that one connection only.
            Err(e) if matches!(e.kind(), io::ErrorKind::Interrupted | io::ErrorKind::ConnectionAborted) => continue,
            Err(e) => {
                // Out of descriptors (EMFILE) and the like: accept fails at
                // once while connections wait, so wait before trying again.
                accept_trouble.warn(&server, || {
                    format!(
                        "warning: serve cannot accept connections: {e}; it retries until it can \
                         (if it lasts, close other programs or raise the open-file limit, `ulimit -n`)"
                    )
                });
                pause = (pause * 2).clamp(Duration::from_millis(10), Duration::from_secs(1));
                std::thread::sleep(pause);
                continue;
            }
        };
        pause = Duration::ZERO;
        // The stream goes to the thread only once it runs, so a failed start
        // leaves it here to be answered on this thread.
        let (tx, rx) = mpsc::sync_channel::<TcpStream>(1);
        let for_thread = Arc::clone(&server);
        let started = spawn(Box::new(move || {
            if let Ok(stream) = rx.recv() {
                for_thread.connection(stream, false);
            }
        }));
        match started {
            Ok(()) => {
                let _ = tx.send(stream);
            }
            Err(e) => {
                thread_trouble.warn(&server, || {
                    format!(
                        "warning: serve cannot start a thread for a connection: {e}; \
                         it answers one request at a time until it can"
                    )
                });
                server.connection(stream, true);
            }
        }
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
    percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// The output path for a URL path, or `None` when it tries to leave the site.
pub(crate) fn output_path(url_path: &str) -> Option<PathBuf> {
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

fn respond(stream: &mut TcpStream, status: &str, kind: &str, body: &[u8], head: bool, extra: &str) -> io::Result<()> {
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

/// Answers a request that is refused before it was read whole, then closes
/// without resetting the connection under the client while it is still
/// sending: a reset can drop the answer before the client reads it.
fn refuse(stream: &mut TcpStream, status: &str, body: &str, extra: &str) {
    if respond(stream, status, "text/plain; charset=utf-8", body.as_bytes(), false, extra).is_err() {
        return;
    }
    let _ = stream.shutdown(Shutdown::Write);
    let until = Instant::now() + Duration::from_millis(500);
    let mut buf = [0u8; 8192];
    let mut drained = 0;
    while drained < 1 << 20 {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return;
        }
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => drained += n,
        }
    }
}

/// Where to send `/x` when it names the folder `x/`: on this server, with
/// empty segments dropped so the location cannot begin with `//` (which a
/// browser reads as another host).
fn folder_location(target: &str) -> String {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if segments.is_empty() { "/".to_string() } else { format!("/{}/", segments.join("/")) }
}

impl Server {
    /// Reads one request from `stream` and answers it. `inline` is set when
    /// the connection is answered on the accepting thread: the reload
    /// stream, which never ends, is then refused.
    fn connection(&self, mut stream: TcpStream, inline: bool) {
        let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
        let limits = if inline { self.limits.inline() } else { self.limits };
        let head = match request::read_head(&stream, &limits) {
            Ok(head) => head,
            Err(refusal) => {
                if let Some((status, body)) = refusal.response() {
                    refuse(&mut stream, status, &body, "");
                }
                return;
            }
        };
        match &head.host {
            Some(host) if !self.hosts.allows(host) => {
                return refuse(
                    &mut stream,
                    "403 Forbidden",
                    "forewarn serve answers only requests for localhost, 127.0.0.1 or [::1]; \
                     to preview under another name, start it with --bind\n",
                    "",
                );
            }
            None if !head.http10 => {
                return refuse(&mut stream, "400 Bad Request", "bad request: no Host header\n", "");
            }
            _ => {}
        }
        let head_only = head.method == "HEAD";
        if head.method != "GET" && !head_only {
            return refuse(&mut stream, "405 Method Not Allowed", "GET only\n", "Allow: GET, HEAD\r\n");
        }
        if head.target.split('?').next() == Some(EVENTS) {
            if inline {
                return refuse(&mut stream, "503 Service Unavailable", "busy: try again\n", "Retry-After: 2\r\n");
            }
            let _ = self.events(stream);
            return;
        }
        let _ = self.page(&mut stream, &head.target, head_only);
    }

    /// Answers a request for a file of the site.
    fn page(&self, stream: &mut TcpStream, target: &str, head: bool) -> io::Result<()> {
        let shown = &self.shown;
        let Some(rel) = output_path(target) else {
            return respond(stream, "400 Bad Request", "text/plain", b"bad path\n", head, "");
        };
        let generation = shown.generation.read().map_err(|_| io::Error::other("lock"))?.clone();
        let problems = shown.problems.read().map(|p| p.clone()).unwrap_or_default();
        let Some(generation) = generation else {
            // Nothing ever built: every page is the overlay.
            let page = overlay::inject(overlay::EMPTY_PAGE, &problems, shown.version());
            return respond(stream, "200 OK", "text/html; charset=utf-8", page.as_bytes(), head, "");
        };
        let (status, rel, found) = match generation.get(&rel) {
            Some(r) => ("200 OK", rel, r),
            None => {
                // `/x` for a folder `x/`: redirect like a static server does.
                let dir = rel.join("index.html");
                if rel.extension().is_none() && generation.get(&dir).is_some() {
                    let location = folder_location(target);
                    return respond(
                        stream,
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
                    None => return respond(stream, "404 Not Found", "text/plain", b"not found\n", head, ""),
                }
            }
        };
        let name = rel.to_string_lossy().into_owned();
        let kind = content_type(&name);
        match found {
            Ok(bytes) if kind.starts_with("text/html") => {
                let page = overlay::inject(&String::from_utf8_lossy(&bytes), &problems, shown.version());
                respond(stream, status, kind, page.as_bytes(), head, "")
            }
            Ok(bytes) => respond(stream, status, kind, &bytes, head, ""),
            Err(render_problems) => {
                let mut all = problems;
                all.extend(render_problems);
                let page = overlay::inject(overlay::EMPTY_PAGE, &all, shown.version());
                respond(stream, "500 Internal Server Error", "text/html; charset=utf-8", page.as_bytes(), head, "")
            }
        }
    }

    /// The reload stream: the current version, then each new one.
    fn events(&self, mut stream: TcpStream) -> io::Result<()> {
        let rx = self.shown.subscribe();
        stream.set_write_timeout(Some(Duration::from_secs(5)))?;
        write!(
            stream,
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\nretry: 500\ndata: {}\n\n",
            self.shown.version()
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
        assert_eq!(output_path("/a%20b.css"), Some(PathBuf::from("a b.css")));
        assert_eq!(output_path("/ends%20"), Some(PathBuf::from("ends ")));
        assert_eq!(output_path("/../etc/passwd"), None);
        assert_eq!(output_path("/%2e%2e/x"), None);
    }

    #[test]
    fn folder_redirects_stay_on_this_server() {
        assert_eq!(folder_location("/notices/a"), "/notices/a/");
        assert_eq!(folder_location("//evil.example"), "/evil.example/");
        assert_eq!(folder_location("///a//b?x=//y"), "/a/b/");
        assert_eq!(folder_location("/%2F%2Fevil.example"), "/%2F%2Fevil.example/");
        assert_eq!(folder_location("//"), "/");
    }

    fn get(addr: std::net::SocketAddr, path: &str) -> String {
        let mut s = TcpStream::connect(addr).unwrap();
        write!(s, "GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
        let mut text = String::new();
        let _ = s.read_to_string(&mut text);
        text
    }

    #[test]
    fn connections_are_answered_when_no_thread_can_start() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let warnings = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&warnings);
        let server = Arc::new(Server {
            shown: Arc::new(Shown::new(None)),
            hosts: HostPolicy::new("127.0.0.1", addr.ip()),
            limits: Limits::DEFAULT,
            warn: Box::new(move |line| sink.lock().unwrap().push(line)),
        });
        let no_threads: Spawn = |_| Err(io::Error::other("no threads left"));
        std::thread::spawn(move || run(listener, server, no_threads));
        for _ in 0..3 {
            assert!(get(addr, "/").starts_with("HTTP/1.1 200 OK"));
        }
        assert!(get(addr, EVENTS).starts_with("HTTP/1.1 503"), "the endless stream is not served inline");
        let warnings = warnings.lock().unwrap();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("no threads left"));
    }
}
