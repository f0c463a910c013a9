//! A minimal HTTP/1.1 server for the preview: GET and HEAD of the in-memory site,
//! one thread per connection (at most `slots::MAX_CONNECTIONS`), every response
//! closes its connection. Only requests for `127.0.0.1:PORT` or `localhost:PORT`
//! are answered, and every response says what the browser may run. Written on
//! `std::net` because the reload stream must be flushed event by event, which small
//! server crates make awkward, and a local preview needs nothing more.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::net::TcpStream;
use std::time::Duration;

use super::State;
use super::memory::{Served, is_students};
use super::reload::{self, EVENTS_PATH};
use super::request::{is_own_host, read_head};
use super::response::{Policy, response_head, send};
use crate::render::Content;
use crate::text::percent_decode;

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

/// How long one write may wait for a client that stopped reading.
const WRITE_TIME: Duration = Duration::from_secs(60);

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
    fn types_by_extension() {
        assert_eq!(content_type("a/B.PNG"), "image/png");
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("assets/style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("noext"), "application/octet-stream");
    }
}
