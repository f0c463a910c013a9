//! A minimal HTTP/1.1 server for the preview: GET and HEAD of the in-memory site,
//! one thread per connection (at most `slots::MAX_CONNECTIONS`), every response
//! closes its connection. Only requests for `127.0.0.1:PORT` or `localhost:PORT`
//! are answered, and every response says what the browser may run. Written on
//! `std::net` because the reload stream must be flushed event by event, which small
//! server crates make awkward, and a local preview needs nothing more.

use std::collections::BTreeMap;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use super::State;
use super::memory::{Served, is_students};
use super::reload::{self, EVENTS_PATH};
use crate::render::Content;
use crate::render::links::percent_decode;

/// Request heads bigger than this are refused: a browser's are far smaller.
const MAX_HEAD: usize = 16 * 1024;
/// How often an idle reload stream gets a comment, which also finds closed tabs.
const KEEPALIVE: Duration = Duration::from_secs(15);

/// Where a request goes.
#[derive(Debug, PartialEq, Eq)]
pub enum Route {
    /// The reload stream; `since` is the site version the page was served with.
    Events {
        since: Option<u64>,
    },
    /// A file of the site, by site path.
    File(String),
    /// A folder without its trailing `/`: relative links need the `/`.
    Redirect(String),
    NotFound,
    BadRequest,
}

/// Maps a request target (`/units/cells/?x=1`) to a route, refusing any path that
/// could leave the site.
pub fn route(target: &str, files: &BTreeMap<String, Content>) -> Route {
    let target = target.split('#').next().unwrap_or(target);
    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (target, None),
    };
    if path == EVENTS_PATH {
        let since = query
            .and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("since=")))
            .and_then(|v| v.parse().ok());
        return Route::Events { since };
    }
    let Some(rel) = path.strip_prefix('/') else {
        return Route::BadRequest;
    };
    let decoded = percent_decode(rel);
    let bad = |seg: &str| seg == ".." || seg == "." || seg.contains(['\\', '\0']);
    if decoded.split('/').any(bad) {
        return Route::BadRequest;
    }
    let mut site_path = decoded.replace("//", "/");
    if site_path.is_empty() || site_path.ends_with('/') {
        site_path.push_str("index.html");
    }
    if files.contains_key(&site_path) {
        Route::File(site_path)
    } else if files.contains_key(&format!("{site_path}/index.html")) {
        Route::Redirect(format!("{path}/"))
    } else {
        Route::NotFound
    }
}

/// The Content-Type of a site path, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "mp3" => "audio/mpeg",
        "m4a" => "audio/mp4",
        "wav" => "audio/wav",
        "ogg" | "oga" => "audio/ogg",
        "mp4" | "m4v" => "video/mp4",
        "webm" => "video/webm",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// How long a client has to send its request head, in all.
const HEAD_TIME: Duration = Duration::from_secs(10);
/// How long one write may wait for a client that stopped reading.
const WRITE_TIME: Duration = Duration::from_secs(60);

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

/// Which Content-Security-Policy a response gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    /// The site's own pages and files: they load their styles, scripts and media
    /// from the site, and the reload script by its hash; no other inline script.
    Site,
    /// A file from a student's folder: a document of its own (no scripts, no
    /// forms, no access to the site's origin), whatever slipped through.
    Student,
}

impl Policy {
    pub fn header(self) -> &'static str {
        static SITE: OnceLock<String> = OnceLock::new();
        match self {
            Policy::Site => SITE.get_or_init(|| {
                format!(
                    "default-src 'self'; script-src 'self' {}; style-src 'self' 'unsafe-inline'; \
                     img-src 'self' data:; media-src 'self'; frame-ancestors 'self'; \
                     base-uri 'self'; form-action 'self'",
                    reload::script_hash()
                )
            }),
            Policy::Student => {
                "sandbox; default-src 'none'; img-src 'self' data:; media-src 'self'; \
                 style-src 'unsafe-inline'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'"
            }
        }
    }
}

/// Answers one connection. Errors only mean the browser went away.
pub fn handle(stream: TcpStream, state: &State) -> io::Result<()> {
    stream.set_write_timeout(Some(WRITE_TIME))?;
    let mut out = stream.try_clone()?;
    let plain = "text/plain; charset=utf-8";
    let head = match read_head(&stream) {
        Ok(Some(head)) => head,
        Ok(None) => return Ok(()),
        Err(_) => return send(&mut out, false, 400, plain, Policy::Site, b"Bad request"),
    };
    let Some(host) = &head.host else {
        return send(
            &mut out,
            false,
            400,
            plain,
            Policy::Site,
            b"Bad request: one Host header is needed",
        );
    };
    if !is_own_host(host, state.port) {
        let text = format!(
            "This preview answers only http://127.0.0.1:{0}/ and http://localhost:{0}/",
            state.port
        );
        return send(&mut out, false, 421, plain, Policy::Site, text.as_bytes());
    }
    let head_only = head.method == "HEAD";
    if head.method != "GET" && !head_only {
        return send(
            &mut out,
            false,
            405,
            plain,
            Policy::Site,
            b"Only GET and HEAD",
        );
    }
    let target = head.target;
    let snap = state.snapshot();
    let Some(served) = &snap.site else {
        return match route(&target, &BTreeMap::new()) {
            Route::Events { since } => events(out, head_only, state, since),
            // No build has worked yet: every page is the list of problems.
            _ => {
                let page = reload::error_page(&state.snippet(&snap));
                let html = "text/html; charset=utf-8";
                send(
                    &mut out,
                    head_only,
                    500,
                    html,
                    Policy::Site,
                    page.as_bytes(),
                )
            }
        };
    };
    match route(&target, &served.site.files) {
        Route::Events { since } => events(out, head_only, state, since),
        Route::File(path) => match body(served, &path) {
            Some((bytes, policy)) => {
                let kind = content_type(&path);
                if path.ends_with(".html") && policy == Policy::Site {
                    let page =
                        reload::inject(&String::from_utf8_lossy(bytes), &state.snippet(&snap));
                    send(&mut out, head_only, 200, kind, policy, page.as_bytes())
                } else {
                    send(&mut out, head_only, 200, kind, policy, bytes)
                }
            }
            None => not_found(&mut out, head_only, state, &snap, served),
        },
        Route::Redirect(location) => {
            let head = response_head(
                301,
                Policy::Site,
                &format!("Location: {location}\r\nContent-Length: 0\r\n"),
            );
            out.write_all(head.as_bytes())
        }
        Route::NotFound => not_found(&mut out, head_only, state, &snap, served),
        Route::BadRequest => send(
            &mut out,
            head_only,
            400,
            plain,
            Policy::Site,
            b"Bad request",
        ),
    }
}

/// Refuses a connection over the cap at once, from the accepting thread.
pub fn busy(stream: TcpStream) -> io::Result<()> {
    // Nothing here may wait: what of the request has arrived is read (so that
    // closing does not reset the connection before the answer is read), the short
    // answer fits the empty send buffer.
    stream.set_nonblocking(true)?;
    let mut scratch = [0u8; 4096];
    let _ = (&stream).read(&mut scratch);
    let body = b"The preview is busy: try again in a moment";
    let mut head = response_head(
        503,
        Policy::Site,
        &format!(
            "Content-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nRetry-After: 1\r\n",
            body.len()
        ),
    );
    head.push_str(std::str::from_utf8(body).unwrap_or_default());
    (&stream).write_all(head.as_bytes())?;
    stream.shutdown(Shutdown::Write)
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
fn read_head(stream: &TcpStream) -> io::Result<Option<Head>> {
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

/// A file's bytes, all in memory, and the policy it is served with.
fn body<'a>(served: &'a Served, path: &str) -> Option<(&'a [u8], Policy)> {
    let student = |yes: bool| if yes { Policy::Student } else { Policy::Site };
    match served.site.files.get(path)? {
        // The site's pages, and files made in memory (a student's resized image).
        Content::Bytes(b) => Some((b, student(is_students(path) && !path.ends_with(".html")))),
        Content::Copy(_) => served
            .copies
            .get(path)
            .map(|held| (&held.bytes[..], student(held.from_student))),
        // `serve` renders in memory, never into a folder.
        Content::Written => None,
    }
}

fn not_found(
    out: &mut TcpStream,
    head_only: bool,
    state: &State,
    snap: &super::Snapshot,
    served: &Served,
) -> io::Result<()> {
    match body(served, "404.html") {
        Some((html, Policy::Site)) => {
            let html = String::from_utf8_lossy(html);
            let page = reload::inject(&reload::with_root_base(&html), &state.snippet(snap));
            let html = "text/html; charset=utf-8";
            send(out, head_only, 404, html, Policy::Site, page.as_bytes())
        }
        _ => {
            let plain = "text/plain; charset=utf-8";
            send(out, head_only, 404, plain, Policy::Site, b"Not found")
        }
    }
}

/// The status line and the headers every response has, then `more` (each line
/// ending in CRLF), then the blank line.
fn response_head(status: u16, policy: Policy, more: &str) -> String {
    let reason = match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        421 => "Misdirected Request",
        503 => "Service Unavailable",
        _ => "Internal Server Error",
    };
    // CORP: another site's page cannot load these files with <script> or <img>
    // (the teacher's search index is a script).
    format!(
        "HTTP/1.1 {status} {reason}\r\n{more}Cache-Control: no-store\r\n\
         X-Content-Type-Options: nosniff\r\nContent-Security-Policy: {}\r\n\
         Referrer-Policy: no-referrer\r\nCross-Origin-Resource-Policy: same-origin\r\n\
         Connection: close\r\n\r\n",
        policy.header()
    )
}

fn send(
    out: &mut TcpStream,
    head_only: bool,
    status: u16,
    content_type: &str,
    policy: Policy,
    body: &[u8],
) -> io::Result<()> {
    let mut more = format!(
        "Content-Type: {content_type}\r\nContent-Length: {}\r\n",
        body.len()
    );
    if status == 405 {
        more.push_str("Allow: GET, HEAD\r\n");
    }
    out.write_all(response_head(status, policy, &more).as_bytes())?;
    if !head_only {
        out.write_all(body)?;
    }
    out.flush()
}

/// The reload stream: one `reload` event each time the site changes, until the
/// browser goes away (found by the keep-alive comments).
fn events(
    mut out: TcpStream,
    head_only: bool,
    state: &State,
    since: Option<u64>,
) -> io::Result<()> {
    out.set_nodelay(true)?;
    let head = response_head(200, Policy::Site, "Content-Type: text/event-stream\r\n");
    out.write_all(head.as_bytes())?;
    if head_only {
        return Ok(());
    }
    out.write_all(b"retry: 1000\n\n")?;
    let mut seen = since.unwrap_or_else(|| state.snapshot().generation);
    loop {
        match state.wait_for_change(seen, KEEPALIVE) {
            Some(generation) => {
                seen = generation;
                out.write_all(format!("event: reload\ndata: {generation}\n\n").as_bytes())?;
            }
            None => out.write_all(b": still here\n\n")?,
        }
        out.flush()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> BTreeMap<String, Content> {
        [
            "index.html",
            "units/cells/index.html",
            "students/Zoë/index.html",
            "a b.png",
        ]
        .into_iter()
        .map(|p| (p.to_string(), Content::Bytes(Vec::new())))
        .collect()
    }

    #[test]
    fn routes_requests() {
        let f = files();
        assert_eq!(route("/", &f), Route::File("index.html".into()));
        assert_eq!(
            route("/index.html?x=1", &f),
            Route::File("index.html".into())
        );
        assert_eq!(
            route("/units/cells/", &f),
            Route::File("units/cells/index.html".into())
        );
        assert_eq!(
            route("/units/cells", &f),
            Route::Redirect("/units/cells/".into())
        );
        assert_eq!(
            route("/students/Zo%C3%AB/index.html", &f),
            Route::File("students/Zoë/index.html".into())
        );
        assert_eq!(route("/a%20b.png", &f), Route::File("a b.png".into()));
        assert_eq!(route("/nope.html", &f), Route::NotFound);
        assert_eq!(
            route("/__pathfolio/events?since=42", &f),
            Route::Events { since: Some(42) }
        );
    }

    #[test]
    fn refuses_paths_that_leave_the_site() {
        let f = files();
        for bad in [
            "/../etc/passwd",
            "/units/../../x",
            "/%2e%2e/x",
            "/..%2Fx",
            "/a\\..\\b",
            "x",
        ] {
            assert_eq!(route(bad, &f), Route::BadRequest, "{bad}");
        }
    }

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

    #[test]
    fn types_by_extension() {
        assert_eq!(content_type("a/B.PNG"), "image/png");
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("assets/style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("noext"), "application/octet-stream");
    }
}
