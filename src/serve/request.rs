//! Reading one request head within limits, and deciding whether its Host
//! may be answered. Memory per connection stays within the limits whatever
//! the client sends, and a slow client is cut off at a deadline.

use std::io::{self, BufRead, BufReader, Read};
use std::net::{IpAddr, TcpStream};
use std::time::{Duration, Instant};

/// How much of a request head the server reads, and for how long.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Limits {
    /// The longest request line, in bytes (line end included).
    pub(crate) line: usize,
    /// The most bytes of header lines (line ends included).
    pub(crate) headers: usize,
    /// The most header lines.
    pub(crate) header_lines: usize,
    /// How long the whole head may take to arrive.
    pub(crate) head_time: Duration,
}

impl Limits {
    /// The limits of an ordinary connection.
    pub(crate) const DEFAULT: Limits =
        Limits { line: 8 * 1024, headers: 16 * 1024, header_lines: 100, head_time: Duration::from_secs(10) };

    /// The limits when the connection is answered on the accepting thread:
    /// every other connection waits meanwhile, so a slow one is cut sooner.
    pub(crate) fn inline(self) -> Limits {
        Limits { head_time: self.head_time.min(Duration::from_millis(500)), ..self }
    }
}

/// A request head that was read whole.
#[derive(Debug)]
pub(crate) struct Head {
    /// The method, as sent (`GET`).
    pub(crate) method: String,
    /// The request target: a path with an optional query (`/a/?b`).
    pub(crate) target: String,
    /// Whether the request is HTTP/1.0 (which may omit `Host`).
    pub(crate) http10: bool,
    /// The `Host` header's value, if there was one.
    pub(crate) host: Option<String>,
}

/// Why a request head was not read.
#[derive(Debug)]
pub(crate) enum Refusal {
    /// The request line is over [`Limits::line`] (414).
    LineTooLong,
    /// The headers are over [`Limits::headers`] or [`Limits::header_lines`] (431).
    HeadersTooLarge,
    /// The head did not arrive within [`Limits::head_time`] (408).
    TooSlow,
    /// The head is not HTTP/1.x as this server reads it (400).
    Malformed(&'static str),
    /// The client closed the connection or it failed: nothing to answer.
    Gone,
}

impl Refusal {
    /// The status line and body to answer with, if any.
    pub(crate) fn response(&self) -> Option<(&'static str, String)> {
        Some(match self {
            Refusal::LineTooLong => ("414 URI Too Long", "the request line is too long\n".to_string()),
            Refusal::HeadersTooLarge => {
                ("431 Request Header Fields Too Large", "the request headers are too large\n".to_string())
            }
            Refusal::TooSlow => ("408 Request Timeout", "the request did not arrive in time\n".to_string()),
            Refusal::Malformed(why) => ("400 Bad Request", format!("bad request: {why}\n")),
            Refusal::Gone => return None,
        })
    }
}

/// Reads from a socket, failing with `TimedOut` once `until` has passed.
struct Deadline<'a> {
    stream: &'a TcpStream,
    until: Instant,
}

impl Read for Deadline<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        // Each read waits only for what is left, so dripping bytes does not
        // extend the deadline.
        self.stream.set_read_timeout(Some(left))?;
        let mut stream = self.stream;
        stream.read(buf)
    }
}

/// Reads the request head from `stream` within `limits`.
pub(crate) fn read_head(stream: &TcpStream, limits: &Limits) -> Result<Head, Refusal> {
    let until = Instant::now() + limits.head_time;
    parse_head(BufReader::with_capacity(4096, Deadline { stream, until }), limits)
}

/// One line of at most `limit` bytes, into `buf`; `Ok(false)` when it is
/// longer (only `limit + 1` bytes are ever held).
fn read_line(reader: &mut impl BufRead, limit: usize, buf: &mut Vec<u8>) -> Result<bool, Refusal> {
    buf.clear();
    let n = reader.by_ref().take(limit as u64 + 1).read_until(b'\n', buf).map_err(|e| match e.kind() {
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => Refusal::TooSlow,
        _ => Refusal::Gone,
    })?;
    if n > limit {
        return Ok(false);
    }
    if buf.ends_with(b"\n") {
        return Ok(true);
    }
    // The connection ended inside a line.
    Err(Refusal::Gone)
}

/// Reads and checks a head from `reader` (see [`read_head`]).
pub(crate) fn parse_head(mut reader: impl BufRead, limits: &Limits) -> Result<Head, Refusal> {
    let mut buf = Vec::new();
    if !read_line(&mut reader, limits.line, &mut buf)? {
        return Err(Refusal::LineTooLong);
    }
    let line = std::str::from_utf8(&buf).map_err(|_| Refusal::Malformed("the request line is not text"))?;
    let mut parts = line.trim_end_matches(['\r', '\n']).split(' ');
    let (Some(method), Some(target), Some(version), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Refusal::Malformed("the request line is not `METHOD /path HTTP/1.1`"));
    };
    let http10 = match version {
        "HTTP/1.1" => false,
        "HTTP/1.0" => true,
        _ => return Err(Refusal::Malformed("only HTTP/1.0 and HTTP/1.1 are served")),
    };
    // Only paths: an absolute URL would name its own host.
    if !target.starts_with('/') {
        return Err(Refusal::Malformed("the request target must be a path"));
    }
    let mut head = Head { method: method.to_string(), target: target.to_string(), http10, host: None };
    let mut left = limits.headers;
    let mut lines = 0;
    loop {
        if !read_line(&mut reader, left, &mut buf)? {
            return Err(Refusal::HeadersTooLarge);
        }
        left -= buf.len();
        if buf == b"\r\n" || buf == b"\n" {
            return Ok(head);
        }
        lines += 1;
        if lines > limits.header_lines {
            return Err(Refusal::HeadersTooLarge);
        }
        let Some(colon) = buf.iter().position(|&b| b == b':') else { continue };
        let (name, value) = (&buf[..colon], &buf[colon + 1..]);
        if name.eq_ignore_ascii_case(b"host") {
            let value = std::str::from_utf8(value).map_err(|_| Refusal::Malformed("the Host header is not text"))?;
            if head.host.replace(value.trim().to_string()).is_some() {
                return Err(Refusal::Malformed("more than one Host header"));
            }
        }
    }
}

/// Which `Host` values the server answers. A browser sends the name it
/// resolved: a page of another site whose name was made to resolve to this
/// machine (DNS rebinding) sends its own name, and is refused.
#[derive(Clone, Debug)]
pub(crate) struct HostPolicy {
    /// Any host (the server was bound to a non-loopback address on purpose).
    any: bool,
    /// Names accepted besides loopback ones: `--bind` and the bound address.
    names: Vec<String>,
}

impl HostPolicy {
    /// The policy of a server bound to `addr`, asked for as `bind`.
    pub(crate) fn new(bind: &str, addr: IpAddr) -> HostPolicy {
        let mut names = vec![normalize(bind), normalize(&addr.to_string())];
        names.dedup();
        HostPolicy { any: !addr.is_loopback(), names }
    }

    /// Whether a request with this `Host` value may be answered.
    pub(crate) fn allows(&self, host: &str) -> bool {
        if self.any {
            return true;
        }
        let Some(name) = host_name(host) else { return false };
        let name = normalize(name);
        name == "localhost"
            || name.ends_with(".localhost")
            || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
            || self.names.contains(&name)
    }
}

/// Lower case, without brackets or a final dot.
fn normalize(name: &str) -> String {
    name.trim_start_matches('[').trim_end_matches(']').trim_end_matches('.').to_ascii_lowercase()
}

/// The name in a `Host` value (`name`, `name:port`, `[v6]`, `[v6]:port`),
/// or `None` when it is not one of those.
fn host_name(value: &str) -> Option<&str> {
    let port_ok = |p: &str| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit());
    if let Some(rest) = value.strip_prefix('[') {
        let (name, after) = rest.split_once(']')?;
        return (after.is_empty() || after.strip_prefix(':').is_some_and(port_ok)).then_some(name);
    }
    let name = match value.split_once(':') {
        Some((name, port)) if port_ok(port) => name,
        Some(_) => return None,
        None => value,
    };
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::net::{Ipv4Addr, Ipv6Addr, TcpListener};

    fn parse(raw: &[u8]) -> Result<Head, Refusal> {
        parse_head(raw, &Limits::DEFAULT)
    }

    #[test]
    fn heads_are_read_within_limits() {
        let head = parse(b"GET /a/?b HTTP/1.1\r\nhOST: Example:80\r\nAccept: */*\r\n\r\nignored").unwrap();
        assert_eq!((head.method.as_str(), head.target.as_str(), head.http10), ("GET", "/a/?b", false));
        assert_eq!(head.host.as_deref(), Some("Example:80"));
        assert!(parse(b"GET / HTTP/1.0\n\n").unwrap().http10);

        let long = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(9000));
        assert!(matches!(parse(long.as_bytes()), Err(Refusal::LineTooLong)));
        let many = format!("GET / HTTP/1.1\r\n{}\r\n", "A: b\r\n".repeat(101));
        assert!(matches!(parse(many.as_bytes()), Err(Refusal::HeadersTooLarge)));
        let big = format!("GET / HTTP/1.1\r\nA: {}\r\n\r\n", "b".repeat(17 * 1024));
        assert!(matches!(parse(big.as_bytes()), Err(Refusal::HeadersTooLarge)));

        for bad in [
            &b"GET http://x/ HTTP/1.1\r\n\r\n"[..],
            b"GET /\r\n\r\n",
            b"GET / HTTP/2\r\n\r\n",
            b"GET  / HTTP/1.1\r\n\r\n",
        ] {
            assert!(matches!(parse(bad), Err(Refusal::Malformed(_))), "{}", String::from_utf8_lossy(bad));
        }
        assert!(matches!(parse(b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"), Err(Refusal::Malformed(_))));
        assert!(matches!(parse(b"GET / HTTP/1.1\r\nHost: a\r\n"), Err(Refusal::Gone)));
        assert!(matches!(parse(b""), Err(Refusal::Gone)));
    }

    #[test]
    fn a_slow_client_is_cut_off_at_the_deadline() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        // One byte every 50 ms: each read is quick, the whole head is not.
        let client = std::thread::spawn(move || {
            let mut s = TcpStream::connect(addr).unwrap();
            for b in b"GET / HTTP/1.1\r\nHost: localhost\r\nX: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" {
                if s.write_all(&[*b]).is_err() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        });
        let (stream, _) = listener.accept().unwrap();
        let limits = Limits { head_time: Duration::from_millis(300), ..Limits::DEFAULT };
        let started = Instant::now();
        assert!(matches!(read_head(&stream, &limits), Err(Refusal::TooSlow)));
        let took = started.elapsed();
        assert!(took < Duration::from_secs(2), "took {took:?}");
        drop(stream);
        client.join().unwrap();
    }

    #[test]
    fn only_loopback_hosts_are_answered_on_a_loopback_bind() {
        let local = HostPolicy::new("127.0.0.1", IpAddr::V4(Ipv4Addr::LOCALHOST));
        for ok in [
            "localhost",
            "localhost:1111",
            "LOCALHOST.",
            "a.localhost",
            "a.b.localhost:80",
            "127.0.0.1",
            "127.0.0.1:1",
            "[::1]",
            "[::1]:1111",
        ] {
            assert!(local.allows(ok), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example",
            "",
            ":80",
            "localhost:x",
            "[::1",
            "::1",
            "[::2]",
            "10.0.0.1",
            "localhost:1111:1",
        ] {
            assert!(!local.allows(bad), "{bad}");
        }
        let named = HostPolicy::new("preview.test", IpAddr::V4(Ipv4Addr::LOCALHOST));
        assert!(named.allows("preview.test:1111") && !named.allows("other.test"));
        let v6 = HostPolicy::new("::1", IpAddr::V6(Ipv6Addr::LOCALHOST));
        assert!(v6.allows("[::1]:1111") && !v6.allows("evil.example"));
        let open = HostPolicy::new("0.0.0.0", IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        assert!(open.allows("evil.example") && open.allows("192.168.1.5:1111"));
    }
}
