//! Reading a request's head: within a size and a time limit, and only what
//! changes the answer (the request line and `Host`).

use std::io::{self, BufRead, BufReader, Read};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// Request heads bigger than this are refused: a browser's are far smaller.
const MAX_HEAD: usize = 16 * 1024;
/// How long a client has to send its request head, in all.
const HEAD_TIME: Duration = Duration::from_secs(10);

/// What the request head says that changes the answer.
#[derive(Debug, PartialEq, Eq)]
pub struct Head {
    pub method: String,
    pub target: String,
    /// None when there is none, or more than one.
    pub host: Option<String>,
}

/// Whether `host` (a request's `Host:`) is this computer's own name for a server
/// on `port`. Any other name is a page of another site that got its name to point
/// here (DNS rebinding): it must not read the private preview.
pub fn is_own_host(host: &str, port: u16) -> bool {
    let host = host.trim().to_ascii_lowercase();
    let (name, given) = match host.rsplit_once(':') {
        Some((name, p)) if !name.ends_with(':') => (name, p.parse::<u16>().ok()),
        _ => (host.as_str(), Some(80)),
    };
    given == Some(port) && matches!(name, "127.0.0.1" | "localhost")
}

/// A reader that gives up once `until` has passed, however slowly bytes come.
struct Timed<'a> {
    stream: &'a TcpStream,
    until: Instant,
}

impl Read for Timed<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        (&mut &*self.stream).read(buf)
    }
}

/// The request line and `Host` of a request; None for a connection closed at once.
pub fn read_head(stream: &TcpStream) -> io::Result<Option<Head>> {
    let timed = Timed {
        stream,
        until: Instant::now() + HEAD_TIME,
    };
    let mut reader = BufReader::new(timed.take(MAX_HEAD as u64));
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    let mut parts = line.split_whitespace();
    let (Some(method), Some(target), Some(version)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(io::Error::other("bad request line"));
    };
    if !version.starts_with("HTTP/1.") {
        return Err(io::Error::other("not HTTP/1"));
    }
    let (method, target) = (method.to_string(), target.to_string());
    let mut hosts: Vec<String> = Vec::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Err(io::Error::other("request head too long or cut off"));
        }
        if line == "\r\n" || line == "\n" {
            let host = match hosts.as_slice() {
                [one] => Some(one.clone()),
                _ => None,
            };
            return Ok(Some(Head {
                method,
                target,
                host,
            }));
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("host")
        {
            hosts.push(value.trim().to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_only_its_own_names() {
        for ok in ["127.0.0.1:1111", "localhost:1111", "LocalHost:1111 "] {
            assert!(is_own_host(ok, 1111), "{ok}");
        }
        for bad in [
            "evil.example:1111",
            "127.0.0.1",
            "127.0.0.1:2222",
            "localhost.:1111",
            "127.0.0.1.evil.example:1111",
            "[::1]:1111",
            "",
        ] {
            assert!(!is_own_host(bad, 1111), "{bad}");
        }
        assert!(is_own_host("localhost", 80));
    }
}
