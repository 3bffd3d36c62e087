//! Opening the preview's socket: resolving `--bind`, choosing the port,
//! and the URL and Host names that follow from what was bound.

use std::io;
use std::net::{SocketAddr, TcpListener, ToSocketAddrs};

use super::request::HostPolicy;
use super::{DEFAULT_PORT, ServeOptions};
use crate::build::Failure;
use crate::diagnostic::Diagnostic;

/// A bound socket and what follows from it.
pub(crate) struct Listening {
    /// The socket.
    pub(crate) listener: TcpListener,
    /// The port bound (the real one when `--port 0` asked for any).
    pub(crate) port: u16,
    /// The preview's URL, for people.
    pub(crate) url: String,
    /// Which Host names the server answers.
    pub(crate) hosts: HostPolicy,
    /// Whether other machines can reach the preview.
    pub(crate) public: bool,
}

fn failure(bind: &str, port: u16, message: String, help: impl Into<String>) -> Failure {
    Failure::Input(vec![Diagnostic::error("serve", format!("{bind}:{port}"), message).help(help)])
}

/// Resolves `--bind` and listens on the first port that is free (only the
/// one asked for when `--port` is given).
pub(crate) fn open(options: &ServeOptions) -> Result<Listening, Failure> {
    let bind = options.bind.as_str();
    // `[::1]` as in a URL, or `::1`.
    let name = bind.strip_prefix('[').and_then(|b| b.strip_suffix(']')).unwrap_or(bind);
    let explicit = options.port.is_some();
    let first = options.port.unwrap_or(DEFAULT_PORT);
    let addrs: Vec<SocketAddr> = match (name, first).to_socket_addrs() {
        Ok(addrs) => addrs.collect(),
        Err(e) => {
            return Err(failure(
                bind,
                first,
                format!("cannot listen on {bind}: the address cannot be resolved ({e})"),
                "pass an IP address or a name this machine resolves to --bind: \
                 127.0.0.1 (this machine only, the default) or 0.0.0.0 (every network interface)",
            ));
        }
    };
    let tries: u16 = if explicit { 1 } else { 10 };
    let mut last = None;
    for port in (first..=u16::MAX).take(usize::from(tries)) {
        let at: Vec<SocketAddr> = addrs.iter().map(|a| SocketAddr::new(a.ip(), port)).collect();
        match TcpListener::bind(&at[..]) {
            Ok(listener) => return listening(listener, bind, name),
            // Only a taken port is worth trying the next one for.
            Err(e) if e.kind() == io::ErrorKind::AddrInUse && !explicit => last = Some(e),
            Err(e) => return Err(bind_error(bind, first, explicit, &e)),
        }
    }
    let e = last.unwrap_or_else(|| io::ErrorKind::AddrInUse.into());
    Err(bind_error(bind, first, explicit, &e))
}

/// What went wrong listening on `bind` from port `first`, and what to do.
fn bind_error(bind: &str, first: u16, explicit: bool, e: &io::Error) -> Failure {
    let message = format!("cannot listen on {bind}:{first}: {e}");
    let help = match e.kind() {
        io::ErrorKind::AddrInUse if explicit => format!(
            "port {first} is taken: stop the other server or choose another port with --port {}",
            first.saturating_add(1)
        ),
        io::ErrorKind::AddrInUse => {
            format!("ports {first} to {} are taken: choose one with --port", first.saturating_add(9))
        }
        io::ErrorKind::AddrNotAvailable => {
            return failure(
                bind,
                first,
                format!("cannot listen on {bind}: it is not an address of this machine ({e})"),
                "pass one of this machine's addresses to --bind: 127.0.0.1 (this machine only, the default) \
                 or 0.0.0.0 (every network interface)",
            );
        }
        io::ErrorKind::PermissionDenied => {
            format!("port {first} needs more privileges than this user has: choose a port above 1023 with --port")
        }
        _ => "check --bind and --port".to_string(),
    };
    failure(bind, first, message, help)
}

fn listening(listener: TcpListener, bind: &str, name: &str) -> Result<Listening, Failure> {
    let local = listener.local_addr().map_err(|e| {
        failure(bind, 0, format!("cannot tell which port was opened: {e}"), "try again, or pass --port")
    })?;
    let ip = local.ip();
    let host = if ip.is_unspecified() {
        "localhost".to_string()
    } else if name.contains(':') {
        format!("[{name}]")
    } else {
        name.to_string()
    };
    let port = local.port();
    Ok(Listening {
        listener,
        port,
        url: format!("http://{host}:{port}"),
        hosts: HostPolicy::new(name, ip),
        public: !ip.is_loopback(),
    })
}
