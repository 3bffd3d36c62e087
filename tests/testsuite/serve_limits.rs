//! `forewarn serve` under hostile or unlucky conditions: foreign Host
//! headers, oversized and slow requests, descriptor exhaustion, redirects
//! that could leave the host, a content folder deleted and restored, a FIFO
//! among the notices, and the startup messages. Every test talks only to
//! 127.0.0.1 and stays within a few seconds. Tests that read /proc or use
//! prlimit(1) run on Linux only.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::serve::{events, next_event};
use crate::support::{GOOD_NOTICE, TestSite};

/// A running `forewarn serve`, killed on drop; its stderr is collected.
struct Server {
    child: Child,
    port: u16,
    stderr: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn pid(&self) -> u32 {
        self.child.id()
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Waits until stderr contains `text`.
    #[track_caller]
    fn wait_for_stderr(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let err = self.stderr();
            if err.contains(text) {
                return err;
            }
            assert!(Instant::now() < deadline, "stderr never said {text:?}:\n{err}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Starts `forewarn --root SITE serve ARGS…` and collects its stderr.
fn spawn(site: &TestSite, args: &[&str]) -> (Child, Arc<Mutex<String>>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_forewarn"))
        .arg("--root")
        .arg(site.path())
        .arg("serve")
        .args(args)
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start serve");
    let stderr = Arc::new(Mutex::new(String::new()));
    let pipe = child.stderr.take().unwrap();
    let sink = Arc::clone(&stderr);
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines() {
            let Ok(line) = line else { return };
            let mut s = sink.lock().unwrap();
            s.push_str(&line);
            s.push('\n');
        }
    });
    (child, stderr)
}

/// Starts serve on a free port and waits until it answers.
fn start(site: &TestSite) -> Server {
    let port = free_port();
    let (child, stderr) = spawn(site, &["--port", &port.to_string()]);
    let server = Server { child, port, stderr };
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "serve did not start listening:\n{}", server.stderr());
        std::thread::sleep(Duration::from_millis(20));
    }
    server
}

/// A site with one good notice at /notices/layout/.
fn site() -> TestSite {
    let site = TestSite::new();
    site.write("content/notices/layout.md", GOOD_NOTICE);
    site
}

/// A response: status code, head (status line and headers) and body.
struct Response {
    status: u16,
    head: String,
    body: String,
}

impl Response {
    fn parse(bytes: &[u8]) -> Response {
        let text = String::from_utf8_lossy(bytes);
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
        Response { status, head: head.to_string(), body: body.to_string() }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|l| {
            let (n, v) = l.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }
}

/// Reads until the server closes (a reset after the response still counts).
fn read_response(s: &mut TcpStream) -> Response {
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut bytes = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        match s.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => bytes.extend_from_slice(&buf[..n]),
        }
    }
    Response::parse(&bytes)
}

/// Sends `raw` as is and reads the whole response.
fn send(port: u16, raw: &[u8]) -> Response {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.write_all(raw).unwrap();
    read_response(&mut s)
}

/// GET `path` with `Host: host`.
fn get_as(port: u16, host: &str, path: &str) -> Response {
    send(port, format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n").as_bytes())
}

fn get(port: u16, path: &str) -> Response {
    get_as(port, "localhost", path)
}

/// Waits until `path` satisfies `pred`.
#[track_caller]
fn eventually(port: u16, path: &str, pred: impl Fn(&Response) -> bool) -> Response {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let r = get(port, path);
        if pred(&r) {
            return r;
        }
        assert!(Instant::now() < deadline, "{path} never matched; last: {}\n{}", r.status, r.body);
        std::thread::sleep(Duration::from_millis(25));
    }
}

fn notice(title: &str) -> String {
    GOOD_NOTICE.replace("Invoices get a new layout", title)
}

#[cfg(target_os = "linux")]
/// A field of /proc/PID/status, in KiB.
fn proc_status_kib(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("no {field} in /proc/{pid}/status"))
}

#[cfg(target_os = "linux")]
/// User plus system CPU time of a process, in clock ticks.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // Fields after the command name, which is in parentheses.
    let rest = &stat[stat.rfind(')').unwrap() + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

fn has_program(name: &str) -> bool {
    Command::new(name).arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok()
}

#[test]
fn foreign_host_headers_are_refused() {
    let site = site();
    let server = start(&site);
    let port = server.port;
    for host in ["evil.example", &format!("evil.example:{port}"), "localhost.evil.example", "127.0.0.1.nip.io"] {
        let r = get_as(port, host, "/notices/layout/");
        assert_eq!(r.status, 403, "Host {host} must be refused:\n{}", r.head);
        assert!(!r.body.contains("Invoices"), "a refused request shows nothing of the site");
        assert!(r.body.contains("localhost"), "the refusal says what to use: {}", r.body);
    }
    let r = get_as(port, "evil.example", "/__forewarn/events");
    assert_eq!(r.status, 403, "the reload stream is refused too");
    for host in [
        "localhost",
        &format!("localhost:{port}"),
        "127.0.0.1",
        &format!("127.0.0.1:{port}"),
        "[::1]",
        &format!("[::1]:{port}"),
        "LocalHost",
        "preview.localhost",
        &format!("a.b.localhost:{port}"),
    ] {
        let r = get_as(port, host, "/notices/layout/");
        assert_eq!(r.status, 200, "Host {host} must be served:\n{}", r.head);
    }
    let r = send(port, b"GET / HTTP/1.1\r\n\r\n");
    assert_eq!(r.status, 400, "HTTP/1.1 without a Host is refused:\n{}", r.head);
}

#[cfg(target_os = "linux")]
#[test]
fn an_overlong_request_line_is_refused_with_bounded_memory() {
    let site = site();
    let server = start(&site);
    assert_eq!(get(server.port, "/").status, 200);
    let before = proc_status_kib(server.pid(), "VmHWM");
    let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    let mut writer = s.try_clone().unwrap();
    // 64 MiB of path; the server may stop reading (and reset) long before.
    let sender = std::thread::spawn(move || {
        let chunk = vec![b'a'; 1 << 20];
        let _ = writer.write_all(b"GET /");
        for _ in 0..64 {
            if writer.write_all(&chunk).is_err() {
                return;
            }
        }
        let _ = writer.write_all(b" HTTP/1.1\r\nHost: localhost\r\n\r\n");
    });
    let r = read_response(&mut s);
    let _ = s.shutdown(Shutdown::Both);
    let _ = sender.join();
    assert_eq!(r.status, 414, "{}", r.head);
    let grew = proc_status_kib(server.pid(), "VmHWM").saturating_sub(before);
    assert!(grew < 16 * 1024, "a 64 MiB request line raised the peak memory by {grew} KiB");
    assert_eq!(get(server.port, "/").status, 200, "the server still answers");
}

#[test]
fn too_many_or_too_large_headers_are_refused() {
    let site = site();
    let server = start(&site);
    let port = server.port;
    let mut many = String::from("GET / HTTP/1.1\r\nHost: localhost\r\n");
    for i in 0..200 {
        many.push_str(&format!("X-Header-{i}: {i}\r\n"));
    }
    many.push_str("\r\n");
    let r = send(port, many.as_bytes());
    assert_eq!(r.status, 431, "200 header lines:\n{}", r.head);

    let big = format!("GET / HTTP/1.1\r\nHost: localhost\r\nCookie: {}\r\n\r\n", "c".repeat(64 * 1024));
    let r = send(port, big.as_bytes());
    assert_eq!(r.status, 431, "a 64 KiB header:\n{}", r.head);

    let r = send(port, format!("GET /{} HTTP/1.1\r\nHost: localhost\r\n\r\n", "a".repeat(16 * 1024)).as_bytes());
    assert_eq!(r.status, 414, "a 16 KiB request target:\n{}", r.head);
    assert_eq!(get(port, "/").status, 200, "ordinary requests still work");
}

#[test]
fn a_double_slash_path_redirects_on_the_same_host() {
    let site = site();
    let server = start(&site);
    for path in ["//notices/layout", "///notices/layout", "//notices//layout"] {
        let r = get(server.port, path);
        assert_eq!(r.status, 301, "{path}:\n{}", r.head);
        let location = r.header("Location").unwrap_or_default();
        assert!(
            location.starts_with('/') && !location.starts_with("//") && !location.starts_with("/\\"),
            "{path} redirects to {location:?}, which a browser reads as another host"
        );
        assert_eq!(location, "/notices/layout/");
    }
    let r = get(server.port, "/notices/layout?x=1");
    assert_eq!(r.status, 301);
    assert_eq!(r.header("Location"), Some("/notices/layout/"));
}

#[test]
fn deleting_and_restoring_content_keeps_edits_reaching_the_browser() {
    let site = site();
    let server = start(&site);
    let port = server.port;
    let rx = events(port);
    next_event(&rx);
    let content = site.path().join("content");
    std::fs::remove_dir_all(&content).unwrap();
    next_event(&rx);
    eventually(port, "/notices/layout/", |r| r.body.contains("no content folder"));
    site.write("content/notices/layout.md", &notice("Restored layout"));
    next_event(&rx);
    eventually(port, "/notices/layout/", |r| r.status == 200 && r.body.contains("Restored layout"));
    // Edits after the restore still reach the preview.
    site.write("content/notices/layout.md", &notice("Edited after the restore"));
    next_event(&rx);
    eventually(port, "/notices/layout/", |r| r.status == 200 && r.body.contains("Edited after the restore"));
    site.write("content/notices/second.md", &notice("A new notice after the restore"));
    next_event(&rx);
    eventually(port, "/notices/second/", |r| r.status == 200);
}

#[test]
fn a_fifo_named_md_does_not_block_serve() {
    if !has_program("mkfifo") {
        eprintln!("skipped: no mkfifo on this system");
        return;
    }
    let site = site();
    let server = start(&site);
    let port = server.port;
    let rx = events(port);
    next_event(&rx);
    let fifo = site.path().join("content/notices/pipe.md");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    server.wait_for_stderr("pipe.md");
    let err = server.stderr();
    assert!(err.contains("not a regular file"), "{err}");
    // The preview still follows edits.
    site.write("content/notices/layout.md", &notice("Edited beside a FIFO"));
    next_event(&rx);
    eventually(port, "/notices/layout/", |r| r.status == 200 && r.body.contains("Edited beside a FIFO"));
    // A full reload (a new folder) does not open it either.
    site.write("content/notices/more/index.md", &notice("A folder notice"));
    next_event(&rx);
    eventually(port, "/notices/more/", |r| r.status == 200);
}

#[test]
fn port_zero_prints_the_real_port() {
    let site = site();
    let (child, stderr) = spawn(&site, &["--port", "0"]);
    let mut server = Server { child, port: 0, stderr };
    let err = server.wait_for_stderr("Serving");
    let port: u16 = err
        .split("http://127.0.0.1:")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no URL with a port in:\n{err}"));
    assert_ne!(port, 0, "the printed URL has port 0:\n{err}");
    server.port = port;
    assert_eq!(get(port, "/notices/layout/").status, 200, "the printed port is the one listening");
}

#[test]
fn a_bind_address_that_cannot_be_used_says_why() {
    let site = site();
    let port = free_port().to_string();
    let run = site.run(&["serve", "--bind", "no-such-host.invalid", "--port", &port]);
    run.expect(2);
    assert!(!run.stderr.contains("taken"), "an unresolvable name is not a taken port:\n{}", run.all());
    assert!(run.stderr.contains("no-such-host.invalid"), "{}", run.all());
    assert!(run.stderr.contains("cannot be resolved"), "{}", run.all());
    assert!(run.stderr.contains("--bind"), "the hint names the flag:\n{}", run.all());

    // An address of no interface of this machine (TEST-NET-1).
    let run = site.run(&["serve", "--bind", "192.0.2.1", "--port", &port]);
    run.expect(2);
    assert!(!run.stderr.contains("taken"), "{}", run.all());
    assert!(run.stderr.contains("not an address of this machine"), "{}", run.all());
}

#[cfg(target_os = "linux")]
/// Sets the soft open-file limit of a running process (the hard one stays).
fn limit_files(pid: u32, soft: &str) -> bool {
    Command::new("prlimit")
        .args(["--pid", &pid.to_string(), &format!("--nofile={soft}:")])
        .status()
        .is_ok_and(|s| s.success())
}

#[cfg(target_os = "linux")]
/// The soft open-file limit of a process.
fn files_limit(pid: u32) -> String {
    let limits = std::fs::read_to_string(format!("/proc/{pid}/limits")).unwrap();
    let line = limits.lines().find(|l| l.starts_with("Max open files")).unwrap();
    line.split_whitespace().nth(3).unwrap().to_string()
}

#[cfg(target_os = "linux")]
#[test]
fn descriptor_exhaustion_neither_spins_nor_stops_the_server() {
    if !has_program("prlimit") {
        eprintln!("skipped: no prlimit on this system");
        return;
    }
    let site = site();
    let server = start(&site);
    let port = server.port;
    assert_eq!(get(port, "/notices/layout/").status, 200);
    let pid = server.pid();
    let limit = files_limit(pid);
    // Below what is open already: every accept fails with EMFILE while the
    // connections wait in the listen queue.
    assert!(limit_files(pid, "1"), "prlimit failed");
    let waiting: Vec<TcpStream> = (0..4).map(|_| TcpStream::connect(("127.0.0.1", port)).unwrap()).collect();
    std::thread::sleep(Duration::from_millis(300));
    let before = cpu_ticks(pid);
    std::thread::sleep(Duration::from_secs(1));
    let used = cpu_ticks(pid) - before;
    // Spinning on accept takes most of a core (60 to 100 ticks a second).
    assert!(used < 10, "with no descriptors left the server used {used} ticks of CPU in one second");
    // Descriptors come back: the server answers again.
    assert!(limit_files(pid, &limit), "prlimit failed");
    drop(waiting);
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        let _ = s.write_all(b"GET /notices/layout/ HTTP/1.1\r\nHost: localhost\r\n\r\n");
        if read_response(&mut s).status == 200 {
            break;
        }
        assert!(Instant::now() < deadline, "the server never recovered:\n{}", server.stderr());
        std::thread::sleep(Duration::from_millis(50));
    }
    let err = server.stderr();
    assert_eq!(err.matches("cannot accept").count(), 1, "the problem is reported once:\n{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[cfg(target_os = "linux")]
#[test]
#[ignore = "timing-dependent: how much address space the server needs beside its threads varies; the unit test serve::http::tests::connections_are_answered_when_no_thread_can_start covers the fallback; run with --ignored to try it on a real process"]
fn a_failed_thread_start_neither_panics_nor_stops_the_server() {
    if !has_program("prlimit") {
        eprintln!("skipped: no prlimit on this system");
        return;
    }
    let site = site();
    let server = start(&site);
    let port = server.port;
    assert_eq!(get(port, "/notices/layout/").status, 200);
    let pid = server.pid();
    // Address space for a thread or two more: then thread starts fail.
    let room = (proc_status_kib(pid, "VmSize") + 6 * 1024) * 1024;
    let limited = Command::new("prlimit")
        .args(["--pid", &pid.to_string(), &format!("--as={room}:{room}")])
        .status()
        .is_ok_and(|s| s.success());
    assert!(limited, "prlimit failed");
    let idle: Vec<TcpStream> = (0..8).map(|_| TcpStream::connect(("127.0.0.1", port)).unwrap()).collect();
    std::thread::sleep(Duration::from_millis(300));
    let r = get(port, "/notices/layout/");
    assert_eq!(r.status, 200, "answered without a thread of its own:\n{}", server.stderr());
    drop(idle);
    assert_eq!(get(port, "/notices/layout/").status, 200);
    let err = server.stderr();
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(err.matches("cannot start a thread").count(), 1, "the problem is reported once:\n{err}");
}

#[test]
fn a_fifo_present_at_startup_is_skipped() {
    if !has_program("mkfifo") {
        eprintln!("skipped: no mkfifo on this system");
        return;
    }
    let site = site();
    assert!(Command::new("mkfifo").arg(site.path().join("content/notices/early.md")).status().unwrap().success());
    let server = start(&site);
    assert_eq!(get(server.port, "/notices/layout/").status, 200);
}
