//! Headless Chromium for the tests that need a real browser (printing to PDF, running
//! the search page's script, a 404 page served at depth). A test calls [`chromium`]
//! first and returns early, saying so, when there is none: install it with
//! `bash /work/shared/quality/install.sh` (or set `CHROMIUM_PATH`).
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The Chromium binary, or None (with a message on stderr) when it is missing.
pub fn chromium(test: &str) -> Option<PathBuf> {
    let path = std::env::var_os("CHROMIUM_PATH")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if path.is_file() {
        Some(path)
    } else {
        eprintln!(
            "SKIPPED {test}: no Chromium at {} (install it with `bash /work/shared/quality/install.sh`)",
            path.display()
        );
        None
    }
}

/// Runs Chromium headless with `args` and a throwaway profile, so tests may run it
/// in parallel; gives up after a minute. Returns stdout.
pub fn run(chromium: &Path, args: &[&str]) -> String {
    let profile = tempfile::tempdir().expect("profile folder");
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--disable-extensions",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let mut stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut stdout, &mut s);
        s
    });
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait for chromium").is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("chromium did not finish within a minute: {args:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().unwrap_or_default()
}

/// `file://` URL of a local file (the harness's temporary folders are plain ASCII
/// except for what a test puts there, so spaces and non-ASCII are escaped).
pub fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

/// The DOM after the page's scripts ran.
pub fn dump_dom(chromium: &Path, url: &str) -> String {
    run(chromium, &["--dump-dom", url])
}

/// Prints `url` to a PDF file, as a student would with "Save as PDF".
pub fn print_to_pdf(chromium: &Path, url: &str, out: &Path) {
    let arg = format!("--print-to-pdf={}", out.display());
    run(chromium, &["--no-pdf-header-footer", &arg, url]);
    assert!(out.is_file(), "chromium wrote no PDF for {url}");
}

/// Pages of a PDF: its `/Type /Page` objects (not `/Pages`). Chromium writes page
/// dictionaries uncompressed.
pub fn pdf_pages(pdf: &[u8]) -> usize {
    let needle = b"/Type /Page";
    pdf.windows(needle.len() + 1)
        .filter(|w| &w[..needle.len()] == needle && !w[needle.len()].is_ascii_alphanumeric())
        .count()
}

/// A web server on 127.0.0.1 that serves `root` under `base` (`/course/`) like
/// GitHub Pages: a missing address gets `root/404.html` with status 404. Records
/// every path requested. Stops when dropped.
pub struct PagesServer {
    pub origin: String,
    pub requests: Arc<Mutex<Vec<String>>>,
    stop: Arc<Mutex<bool>>,
}

impl PagesServer {
    pub fn start(root: &Path, base: &str) -> PagesServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.set_nonblocking(true).expect("nonblocking");
        let origin = format!("http://{}", listener.local_addr().expect("addr"));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(Mutex::new(false));
        let (root, base) = (root.to_path_buf(), base.to_string());
        let (reqs, halt) = (requests.clone(), stop.clone());
        std::thread::spawn(move || {
            while !*halt.lock().unwrap() {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let _ = stream.set_nonblocking(false);
                        // A browser may open a connection it never uses.
                        let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
                        serve_one(stream, &root, &base, &reqs);
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(10)),
                }
            }
        });
        PagesServer {
            origin,
            requests,
            stop,
        }
    }
}

impl Drop for PagesServer {
    fn drop(&mut self) {
        *self.stop.lock().unwrap() = true;
    }
}

fn serve_one(
    mut stream: std::net::TcpStream,
    root: &Path,
    base: &str,
    requests: &Mutex<Vec<String>>,
) {
    let mut line = String::new();
    let mut reader = BufReader::new(stream.try_clone().expect("clone stream"));
    if reader.read_line(&mut line).is_err() {
        return;
    }
    // Skip the headers.
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        header.clear();
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/").to_string();
    requests.lock().unwrap().push(path.clone());
    let file = path
        .strip_prefix(base)
        .filter(|rel| !rel.split('/').any(|s| s == ".."))
        .map(|rel| {
            let p = root.join(rel);
            if p.is_dir() { p.join("index.html") } else { p }
        })
        .filter(|p| p.is_file());
    let (status, body, file) = match file {
        Some(f) => ("200 OK", std::fs::read(&f).unwrap_or_default(), f),
        None => (
            "404 Not Found",
            std::fs::read(root.join("404.html")).unwrap_or_default(),
            root.join("404.html"),
        ),
    };
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css",
        Some("js") => "text/javascript",
        _ => "application/octet-stream",
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}
