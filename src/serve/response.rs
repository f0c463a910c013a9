//! What every response of the preview says: the status, and the headers that
//! tell the browser what it may run (`nosniff`, a Content-Security-Policy, no
//! referrer, no use by other sites' pages).

use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::sync::OnceLock;

use super::reload;

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
    /// The header's value. (The default theme's 404 page has one inline script,
    /// for hosts that serve it under a base path; `serve` puts a `<base>` in that
    /// page itself, so the script is not needed here and stays blocked.)
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

/// Refuses a connection over the cap at once, from the accepting thread.
pub fn busy(stream: TcpStream) -> io::Result<()> {
    // Nothing here may wait: what of the request has arrived is read (so that
    // closing does not reset the connection before the answer is read), the short
    // answer fits the empty send buffer.
    stream.set_nonblocking(true)?;
    let mut scratch = [0u8; 4096];
    let _ = (&stream).read(&mut scratch);
    let body = "The preview is busy: try again in a moment";
    let mut head = response_head(
        503,
        Policy::Site,
        &format!(
            "Content-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nRetry-After: 1\r\n",
            body.len()
        ),
    );
    head.push_str(body);
    (&stream).write_all(head.as_bytes())?;
    stream.shutdown(Shutdown::Write)
}

/// The status line and the headers every response has, then `more` (each line
/// ending in CRLF), then the blank line.
pub fn response_head(status: u16, policy: Policy, more: &str) -> String {
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

/// A whole response (only its head for HEAD).
pub fn send(
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
