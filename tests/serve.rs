//! `pathfolio serve`: the real binary on a free port, a temporary copy of a fixture
//! course, plain HTTP over std::net, and (when Chromium and playwright-core are
//! installed) a real browser that must reload by itself.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::*;

/// How long a change may take to show: generous, for a busy 2-core machine.
const WAIT: Duration = Duration::from_secs(10);

/// A running `pathfolio serve`, killed when dropped.
struct Server {
    child: Child,
    port: u16,
    stdout: Arc<Mutex<Vec<String>>>,
    stderr: Arc<Mutex<Vec<String>>>,
}

/// Collects a pipe's lines in the background.
fn collect(pipe: impl Read + Send + 'static) -> Arc<Mutex<Vec<String>>> {
    let lines = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&lines);
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines().map_while(Result::ok) {
            sink.lock().unwrap().push(line);
        }
    });
    lines
}

impl Server {
    fn start(course: &Course, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_pathfolio"))
            .args(["serve", ".", "--port", "0", "--verbose"])
            .args(extra)
            .current_dir(course.dir())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start pathfolio serve");
        let stdout = collect(child.stdout.take().unwrap());
        let stderr = collect(child.stderr.take().unwrap());
        let mut server = Server {
            child,
            port: 0,
            stdout,
            stderr,
        };
        let line = server.wait_line("the Serving line", |l| l.starts_with("Serving "));
        let port = line
            .split("http://127.0.0.1:")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no 127.0.0.1 URL in {line:?}"));
        assert!(
            line.ends_with("/index.html — press Ctrl+C to stop"),
            "{line}"
        );
        server.port = port;
        server
    }

    fn out_lines(&self) -> Vec<String> {
        self.stdout.lock().unwrap().clone()
    }

    fn err_text(&self) -> String {
        self.stderr.lock().unwrap().join("\n")
    }

    /// Waits for a stdout line, failing with everything printed so far.
    fn wait_line(&mut self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            if let Some(l) = self.out_lines().into_iter().find(|l| pred(l)) {
                return l;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "serve exited ({status}) before {what}:\n{}",
                    self.err_text()
                );
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "no {what} within 30 s; stdout: {:?}; stderr: {}",
                self.out_lines(),
                self.err_text()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The `Host:` the server answers.
    fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// Sends a raw request; returns the status and the whole response text.
    fn raw(&self, request: &str) -> (u16, String) {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        s.set_read_timeout(Some(WAIT)).unwrap();
        s.write_all(request.as_bytes()).unwrap();
        let mut bytes = Vec::new();
        // A refused connection may be reset after its answer: the answer counts.
        if let Err(e) = s.read_to_end(&mut bytes) {
            assert!(!bytes.is_empty(), "read the response: {e}");
        }
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let status = text
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or_else(|| panic!("no status in {text:?}"));
        (status, text)
    }

    /// GET a path; returns the status, the head and the body.
    fn get(&self, path: &str) -> (u16, String, String) {
        let (status, text) = self.raw(&format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.host()
        ));
        let (head, body) = text.split_once("\r\n\r\n").expect("a response head");
        (status, head.to_string(), body.to_string())
    }

    /// Polls a page until `pred` holds for its body; returns that body.
    fn wait_for(&self, path: &str, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let (_, _, body) = self.get(path);
            if pred(&body) {
                return body;
            }
            assert!(
                start.elapsed() < WAIT,
                "{path}: no {what} within {WAIT:?}; last body:\n{body}\nstderr:\n{}",
                self.err_text()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The site version a served page was sent with (from its reload script).
fn generation(html: &str) -> u64 {
    html.split("/__pathfolio/events?since=")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no reload script in {html}"))
}

const UNIT: &str = "units/01-first-steps.md";
const UNIT_PAGE: &str = "/units/first-steps/index.html";

#[test]
fn serves_the_site_and_shows_a_change() {
    let course = Course::fixture("minimal");
    let server = Server::start(&course, &[]);

    let (status, head, home) = server.get("/");
    assert_eq!(status, 200, "{head}");
    assert!(
        head.contains("Content-Type: text/html; charset=utf-8"),
        "{head}"
    );
    assert!(home.contains("Minimal Course"));
    assert!(home.contains("Private preview"), "serve's banner");
    assert!(
        home.contains("Teacher view"),
        "the default audience is teacher"
    );
    let script = home.find("/__pathfolio/events").expect("reload script");
    assert!(
        script < home.rfind("</body>").unwrap(),
        "injected before </body>"
    );

    // Folders, HEAD, types and the 404 page.
    let (status, _, unit) = server.get("/units/first-steps/");
    assert_eq!(status, 200);
    assert!(unit.contains("A first unit"));
    let (status, head, _) = server.get("/units/first-steps");
    assert_eq!(status, 301);
    assert!(head.contains("Location: /units/first-steps/"), "{head}");
    let (status, head) = server.raw(&format!(
        "HEAD /index.html HTTP/1.1\r\nHost: {}\r\n\r\n",
        server.host()
    ));
    assert_eq!(status, 200);
    assert!(head.ends_with("\r\n\r\n"), "HEAD has no body: {head:?}");
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("Content-Length: "))
        .and_then(|n| n.trim().parse().ok())
        .expect("Content-Length");
    assert!(length > 500, "HEAD gives the page's length");
    let (status, head, _) = server.get("/assets/style.css");
    assert_eq!(status, 200);
    assert!(head.contains("Content-Type: text/css"), "{head}");
    let (status, head, _) = server.get("/resources/handout.txt");
    assert_eq!(status, 200, "{head}");
    assert!(head.contains("Content-Type: text/plain"), "{head}");
    let (status, _, missing) = server.get("/no/such/page.html");
    assert_eq!(status, 404);
    assert!(
        missing.contains("<base href=\"/\">"),
        "404 links work at any depth"
    );
    assert!(missing.contains("/__pathfolio/events"));

    // A change: the reload event is sent and the page is rebuilt.
    let mut events = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    let since = generation(&unit);
    write!(
        events,
        "GET /__pathfolio/events?since={since} HTTP/1.1\r\nHost: {}\r\n\r\n",
        server.host()
    )
    .unwrap();
    events.set_read_timeout(Some(WAIT)).unwrap();
    let mut events = BufReader::new(events);
    let mut line = String::new();
    events.read_line(&mut line).unwrap();
    assert!(line.starts_with("HTTP/1.1 200"), "{line}");

    let saved = Instant::now();
    course.edit(UNIT, "A first unit", "A changed unit");
    loop {
        line.clear();
        assert!(events.read_line(&mut line).unwrap() > 0, "stream closed");
        if line.starts_with("event: reload") {
            break;
        }
    }
    let to_event = saved.elapsed();
    let page = server.wait_for(UNIT_PAGE, "new text", |b| b.contains("A changed unit"));
    let to_page = saved.elapsed();
    assert!(generation(&page) > since);
    eprintln!(
        "save → reload event: {:.0} ms; save → new page fetched: {:.0} ms",
        to_event.as_secs_f64() * 1000.0,
        to_page.as_secs_f64() * 1000.0
    );
    assert!(to_event < WAIT);
}

#[test]
fn decodes_paths_and_refuses_those_outside_the_site() {
    let course = Course::fixture("minimal");
    std::fs::rename(course.path("students/sam-k"), course.path("students/Zoë")).unwrap();
    std::fs::rename(
        course.path("assessments/sam-k.yaml"),
        course.path("assessments/Zoë.yaml"),
    )
    .unwrap();
    std::fs::write(course.outside("secret.txt"), "top secret").unwrap();
    let server = Server::start(&course, &[]);
    let (status, _, page) = server.get("/students/Zo%C3%AB/index.html");
    assert_eq!(status, 200);
    assert!(page.contains("Sam Kim"));
    for target in [
        "/../secret.txt",
        "/units/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/../minimal/course.yaml",
    ] {
        let (status, text) = server.raw(&format!(
            "GET {target} HTTP/1.1\r\nHost: {}\r\n\r\n",
            server.host()
        ));
        assert!(status == 400 || status == 404, "{target}: {status}");
        assert!(
            !text.contains("top secret") && !text.contains("base_url"),
            "{target}"
        );
    }
    let (status, _) = server.raw(&format!(
        "POST /index.html HTTP/1.1\r\nHost: {}\r\nContent-Length: 0\r\n\r\n",
        server.host()
    ));
    assert_eq!(status, 405);
}

#[test]
fn a_broken_file_shows_its_problems_over_the_last_good_site() {
    let course = Course::fixture("minimal");
    let server = Server::start(&course, &[]);
    course.edit(UNIT, "title: First Steps", "titel: First Steps <b>");
    let page = server.wait_for(UNIT_PAGE, "error overlay", |b| {
        b.contains("pathfolio-errors")
    });
    assert!(page.contains("A first unit"), "the last good page stays");
    let overlay = &page[page.find("pathfolio-errors").unwrap()..];
    assert!(
        overlay.contains("units/01-first-steps.md:2:1: unknown field"),
        "{overlay}"
    );
    assert!(!page.contains("<b>"), "problems are escaped");
    let start = Instant::now();
    while !server.err_text().contains("units/01-first-steps.md:2:1:") {
        assert!(start.elapsed() < WAIT, "stderr: {}", server.err_text());
        std::thread::sleep(Duration::from_millis(50));
    }
    course.edit(UNIT, "titel: First Steps <b>", "title: Fixed Steps");
    server.wait_for(UNIT_PAGE, "the fixed page", |b| {
        b.contains("Fixed Steps") && !b.contains("pathfolio-errors")
    });
}

#[test]
fn a_students_broken_file_is_withheld_and_listed_over_the_page() {
    let course = Course::fixture("minimal");
    let server = Server::start(&course, &[]);
    let evidence = "students/sam-k/evidence/first-try.md";
    course.edit(evidence, "date: 2026-09-15", "date: 2026-02-30");
    // The class goes on: the unit page is rebuilt, with the withheld item listed.
    let page = server.wait_for(UNIT_PAGE, "withheld notice", |b| {
        b.contains("pathfolio-withheld")
    });
    assert!(!page.contains("pathfolio-errors"), "not a failed build");
    let notice = &page[page.find("pathfolio-withheld").unwrap()..];
    assert!(
        notice.contains(&format!("{evidence}:3:7: warning:")),
        "{notice}"
    );
    assert!(notice.contains("is left out of the site"), "{notice}");
    let (status, _, _) = server.get("/students/sam-k/evidence/first-try/index.html");
    assert_eq!(status, 404, "the withheld item is not served");
    course.edit(evidence, "date: 2026-02-30", "date: 2026-09-15");
    server.wait_for(UNIT_PAGE, "no notice once fixed", |b| {
        !b.contains("pathfolio-withheld")
    });
}

#[test]
fn a_course_broken_from_the_start_is_served_once_fixed() {
    let course = Course::fixture("minimal");
    course.edit(UNIT, "title: First Steps", "titel: First Steps");
    let server = Server::start(&course, &[]);
    let (status, _, page) = server.get(UNIT_PAGE);
    assert_eq!(status, 500);
    assert!(
        page.contains("units/01-first-steps.md:2:1: unknown field"),
        "{page}"
    );
    // The error page's reload stream must work, or the browser would give up on it.
    let (status, head) = server.raw(&format!(
        "HEAD /__pathfolio/events HTTP/1.1\r\nHost: {}\r\n\r\n",
        server.host()
    ));
    assert_eq!(status, 200);
    assert!(head.contains("Content-Type: text/event-stream"), "{head}");
    course.edit(UNIT, "titel:", "title:");
    server.wait_for(UNIT_PAGE, "the fixed page", |b| {
        b.contains("A first unit") && !b.contains("pathfolio-errors")
    });
}

#[test]
fn watches_a_students_folder_outside_the_course() {
    let course = Course::fixture("minimal");
    std::fs::rename(course.path("students"), course.outside("kids")).unwrap();
    let yaml = course.read("course.yaml");
    course.write("course.yaml", &format!("{yaml}students_dir: ../kids\n"));
    let server = Server::start(&course, &[]);
    let page = "/students/sam-k/index.html";
    assert!(server.get(page).2.contains("Hi, I'm Sam."));
    let profile = course.outside("kids/sam-k/profile.md");
    let text = std::fs::read_to_string(&profile).unwrap();
    std::fs::write(
        &profile,
        text.replace("Hi, I'm Sam.", "Hello from outside."),
    )
    .unwrap();
    server.wait_for(page, "the new profile", |b| {
        b.contains("Hello from outside.")
    });
}

#[test]
fn a_burst_of_saves_is_one_rebuild_and_outputs_are_ignored() {
    let course = Course::fixture("minimal");
    let mut server = Server::start(&course, &[]);
    let rebuilds = |s: &Server| {
        s.out_lines()
            .iter()
            .filter(|l| l.contains(" after a change") || l.contains(" after changes"))
            .count()
    };
    // An editor's save: a swap file, a backup, a temporary file written a few
    // times and renamed over the original, then a touch-up write, with short pauses
    // (well under the 100 ms quiet time) between the steps.
    let unit = course.path(UNIT);
    let text = course.read(UNIT).replace("A first unit", "A saved unit");
    let pause = || std::thread::sleep(Duration::from_millis(20));
    std::fs::write(course.path("units/.01-first-steps.md.swp"), "swap").unwrap();
    pause();
    std::fs::write(course.path("units/01-first-steps.md~"), &text).unwrap();
    let tmp = course.path("units/01-first-steps.md.tmp");
    for _ in 0..3 {
        pause();
        std::fs::write(&tmp, &text).unwrap();
    }
    pause();
    std::fs::rename(&tmp, &unit).unwrap();
    pause();
    std::fs::write(&unit, &text).unwrap();
    server.wait_for(UNIT_PAGE, "saved text", |b| b.contains("A saved unit"));
    server.wait_line("the rebuild line", |l| l.contains(" after a change"));
    std::thread::sleep(Duration::from_millis(600));
    assert_eq!(rebuilds(&server), 1, "{:?}", server.out_lines());
    assert!(
        server
            .out_lines()
            .iter()
            .any(|l| l.contains("after a change to units/01-first-steps.md")
                && l.contains("reload sent")),
        "--verbose gives the times: {:?}",
        server.out_lines()
    );

    // Output folders and hidden files never cause a rebuild.
    std::fs::create_dir_all(course.path("public/units")).unwrap();
    std::fs::write(course.path("public/units/x.html"), "x").unwrap();
    std::fs::create_dir_all(course.path("private")).unwrap();
    std::fs::write(course.path("private/x.html"), "x").unwrap();
    std::fs::write(course.path(".hidden.md"), "x").unwrap();
    std::thread::sleep(Duration::from_millis(600));
    assert_eq!(rebuilds(&server), 1, "{:?}", server.out_lines());
}

#[test]
fn built_sites_never_carry_the_reload_script() {
    let course = Course::fixture("minimal");
    for audience in [&["--audience", "teacher"][..], &[]] {
        let site = course.build_ok("site", audience);
        for f in site.files() {
            let bytes = site.bytes(&f);
            let text = String::from_utf8_lossy(&bytes);
            assert!(!text.contains("__pathfolio"), "{f}");
            assert!(!text.contains("pathfolio-preview"), "{f}");
        }
    }
    assert!(!course.path("public").exists() && !course.path("private").exists());
}

#[test]
fn serve_writes_nothing_into_the_course() {
    let course = Course::fixture("minimal");
    let before = course.snapshot();
    let server = Server::start(&course, &["--audience", "public"]);
    let (status, _, home) = server.get("/index.html");
    assert_eq!(status, 200);
    assert!(home.contains("Private preview") && !home.contains("Teacher view"));
    drop(server);
    assert_same_files(&before, &course.snapshot(), "the course after serve");
}

/// The browser test: Chromium loads a served page, the source file changes, and the
/// page must show the new text without being told to reload. Skipped (with a
/// message) when Chromium or playwright-core is missing, unless
/// PATHFOLIO_BROWSER_TEST=1 (as in CI after installing them), where that fails.
#[test]
fn a_real_browser_reloads_by_itself() {
    let required = std::env::var("PATHFOLIO_BROWSER_TEST").is_ok_and(|v| v == "1");
    let chromium = std::env::var("CHROMIUM_PATH").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let home = std::env::var("SITE_QUALITY_HOME").unwrap_or_else(|_| {
        let cache = std::env::var("XDG_CACHE_HOME")
            .unwrap_or_else(|_| format!("{}/.cache", std::env::var("HOME").unwrap_or_default()));
        format!("{cache}/site-quality")
    });
    let node_ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let missing: Vec<&str> = [
        (!Path::new(&chromium).exists()).then_some("chromium"),
        (!Path::new(&home)
            .join("node_modules/playwright-core")
            .is_dir())
        .then_some("playwright-core"),
        (!node_ok).then_some("node"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !missing.is_empty() {
        let msg = format!(
            "browser test skipped: {} not installed (run `bash ../shared/quality/install.sh`)",
            missing.join(", ")
        );
        assert!(!required, "{msg}, but PATHFOLIO_BROWSER_TEST=1");
        eprintln!("{msg}");
        return;
    }
    let course = Course::fixture("minimal");
    let server = Server::start(&course, &[]);
    let url = format!("http://127.0.0.1:{}{UNIT_PAGE}", server.port);
    let out = Command::new("node")
        .arg(manifest_dir().join("tests/browser/reload.mjs"))
        .args([&url, course.path(UNIT).to_str().unwrap()])
        .env("SITE_QUALITY_HOME", &home)
        .env("CHROMIUM_PATH", &chromium)
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    eprintln!("{stdout}{stderr}");
    assert!(
        out.status.success(),
        "browser test failed:\n{stdout}\n{stderr}\nserve stderr:\n{}",
        server.err_text()
    );
    assert!(stdout.contains("reloaded by itself"), "{stdout}");
    assert!(stdout.contains("error overlay shown"), "{stdout}");
    assert!(stdout.contains("overlay hidden by its button"), "{stdout}");
}

/// A student's evidence folder with a file of their own, copied into the site.
const NOTES: &str = "students/sam-k/evidence/lab/notes.txt";
const NOTES_PAGE: &str = "/students/sam-k/evidence/lab/notes.txt";

fn with_notes(course: &Course) {
    course.write(
        "students/sam-k/evidence/lab/index.md",
        "---\ntitle: Lab notes\ndate: 2026-09-20\nunit: first-steps\nstandards: [MIN-1]\n---\nMy notes.\n",
    );
    course.write(NOTES, "the original notes");
}

/// A header's value in a response head.
fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().find_map(|l| {
        let (n, v) = l.split_once(':')?;
        n.eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

#[test]
fn answers_only_its_own_host() {
    let course = Course::fixture("minimal");
    let server = Server::start(&course, &[]);
    let port = server.port;
    for host in [
        format!("evil.example:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
        "127.0.0.1".to_string(),
    ] {
        let (status, text) =
            server.raw(&format!("GET /index.html HTTP/1.1\r\nHost: {host}\r\n\r\n"));
        assert_eq!(status, 421, "{host}: {text}");
        assert!(!text.contains("Minimal Course"), "{host}: no page bytes");
        assert!(text.contains("X-Content-Type-Options: nosniff"), "{text}");
        let (status, text) = server.raw(&format!(
            "GET /__pathfolio/events HTTP/1.1\r\nHost: {host}\r\n\r\n"
        ));
        assert_eq!(status, 421, "{host}: the reload stream too: {text}");
    }
    let (status, text) = server.raw("GET /index.html HTTP/1.1\r\n\r\n");
    assert_eq!(status, 400, "no Host: {text}");
    assert!(!text.contains("Minimal Course"));
    let (status, _) = server.raw(&format!(
        "GET /index.html HTTP/1.1\r\nHost: {0}\r\nHost: evil.example:{0}\r\n\r\n",
        server.host()
    ));
    assert_eq!(status, 400, "two Hosts");
    for host in [format!("localhost:{port}"), format!("127.0.0.1:{port}")] {
        let (status, text) =
            server.raw(&format!("GET /index.html HTTP/1.1\r\nHost: {host}\r\n\r\n"));
        assert_eq!(status, 200, "{host}");
        assert!(text.contains("Minimal Course"));
    }
}

#[test]
fn every_response_says_what_may_run() {
    let course = Course::fixture("minimal");
    with_notes(&course);
    let server = Server::start(&course, &[]);
    let own = |target: &str| format!("GET {target} HTTP/1.1\r\nHost: {}\r\n\r\n", server.host());
    let requests = [
        own("/index.html"),
        own("/assets/style.css"),
        own("/resources/handout.txt"),
        own(NOTES_PAGE),
        own("/no/such/page.html"),
        own("/units/first-steps"),
        own("/../x"),
        format!(
            "HEAD /__pathfolio/events HTTP/1.1\r\nHost: {}\r\n\r\n",
            server.host()
        ),
        "GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n".to_string(),
        "GET / HTTP/1.1\r\n\r\n".to_string(),
    ];
    for request in &requests {
        let (status, text) = server.raw(request);
        let head = text.split("\r\n\r\n").next().unwrap();
        let what = format!("{request:?} → {status}:\n{head}");
        assert_eq!(
            header(head, "X-Content-Type-Options"),
            Some("nosniff"),
            "{what}"
        );
        assert_eq!(
            header(head, "Referrer-Policy"),
            Some("no-referrer"),
            "{what}"
        );
        let csp = header(head, "Content-Security-Policy").unwrap_or_else(|| panic!("{what}"));
        assert!(csp.contains("default-src"), "{what}");
    }

    // A page: its reload script is allowed by its hash, nothing else inline.
    let (status, head, page) = server.get("/units/first-steps/index.html");
    assert_eq!(status, 200);
    let csp = header(&head, "Content-Security-Policy").unwrap();
    assert!(
        !csp.contains("sandbox"),
        "pages need the reload script: {csp}"
    );
    assert!(csp.contains("script-src 'self' 'sha256-"), "{csp}");
    let scripts = csp
        .split(';')
        .find(|d| d.trim().starts_with("script-src"))
        .unwrap();
    assert!(!scripts.contains("unsafe"), "{scripts}");
    let script = page
        .split("<script data-events=")
        .nth(1)
        .and_then(|rest| rest.split_once('>'))
        .and_then(|(_, rest)| rest.split_once("</script>"))
        .map(|(body, _)| body)
        .expect("the reload script");
    let hash = {
        use base64::Engine;
        use sha2::Digest;
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(script.as_bytes()))
    };
    assert!(
        csp.contains(&format!("'sha256-{hash}'")),
        "the script's hash is allowed: {csp}"
    );
    assert!(!page.contains("onclick="), "no inline handlers");

    // A student's own file: sandboxed, however it is typed.
    let (status, head, body) = server.get(NOTES_PAGE);
    assert_eq!(status, 200, "{head}");
    assert_eq!(body, "the original notes");
    let csp = header(&head, "Content-Security-Policy").unwrap();
    assert!(csp.starts_with("sandbox;"), "{csp}");
    assert!(csp.contains("default-src 'none'"), "{csp}");
    // The teacher's files are the site's own.
    let (_, head, _) = server.get("/resources/handout.txt");
    assert!(
        !header(&head, "Content-Security-Policy")
            .unwrap()
            .contains("sandbox")
    );
}

#[cfg(unix)]
#[test]
fn a_failed_rebuild_serves_the_last_good_bytes_never_a_swapped_link() {
    let course = Course::fixture("minimal");
    with_notes(&course);
    let canary = course.outside("canary.txt");
    std::fs::write(&canary, "CANARY from outside the course").unwrap();
    let server = Server::start(&course, &[]);
    assert_eq!(server.get(NOTES_PAGE).2, "the original notes");

    // The course breaks, then the student swaps the file for a link out of it.
    course.edit(UNIT, "title: First Steps", "titel: First Steps");
    server.wait_for(UNIT_PAGE, "error overlay", |b| {
        b.contains("pathfolio-errors")
    });
    let failed = |s: &Server| {
        s.err_text()
            .matches("the last good version stays served")
            .count()
    };
    let before = failed(&server);
    std::fs::remove_file(course.path(NOTES)).unwrap();
    std::os::unix::fs::symlink(&canary, course.path(NOTES)).unwrap();
    let start = Instant::now();
    while failed(&server) == before {
        assert!(start.elapsed() < WAIT, "no rebuild: {}", server.err_text());
        std::thread::sleep(Duration::from_millis(50));
    }
    let (status, text) = server.raw(&format!(
        "GET {NOTES_PAGE} HTTP/1.1\r\nHost: {}\r\n\r\n",
        server.host()
    ));
    assert!(!text.contains("CANARY"), "{text}");
    assert_eq!(status, 200);
    assert!(text.ends_with("the original notes"), "{text}");

    // Fixed, the course builds again: the link is refused, never followed.
    course.edit(UNIT, "titel: First Steps", "title: First Steps");
    let start = Instant::now();
    loop {
        let (_, text) = server.raw(&format!(
            "GET {NOTES_PAGE} HTTP/1.1\r\nHost: {}\r\n\r\n",
            server.host()
        ));
        assert!(!text.contains("CANARY"), "{text}");
        if server
            .err_text()
            .matches("after a change to units/")
            .count()
            >= 2
            || server
                .out_lines()
                .iter()
                .any(|l| l.contains("after a change to units/"))
        {
            break;
        }
        assert!(start.elapsed() < WAIT, "no rebuild: {}", server.err_text());
        std::thread::sleep(Duration::from_millis(50));
    }
    let (_, text) = server.raw(&format!(
        "GET {NOTES_PAGE} HTTP/1.1\r\nHost: {}\r\n\r\n",
        server.host()
    ));
    assert!(!text.contains("CANARY"), "{text}");
}

/// The server's threads, from /proc.
#[cfg(target_os = "linux")]
fn threads(pid: u32) -> usize {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("Threads:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("Threads: in /proc")
}

#[cfg(target_os = "linux")]
#[test]
fn a_flood_of_idle_connections_makes_no_thread_each() {
    /// `slots::MAX_CONNECTIONS`.
    const CAP: usize = 64;
    let course = Course::fixture("minimal");
    let server = Server::start(&course, &[]);
    assert_eq!(server.get("/").0, 200);
    let pid = server.child.id();
    let before = threads(pid);
    let idle: Vec<TcpStream> = (0..CAP + 40)
        .map(|_| TcpStream::connect(("127.0.0.1", server.port)).unwrap())
        .collect();
    // Answered after the server accepted every idle connection before it.
    let (status, text) = server.raw(&format!(
        "GET /index.html HTTP/1.1\r\nHost: {}\r\n\r\n",
        server.host()
    ));
    assert!(status == 200 || status == 503, "{text}");
    if status == 503 {
        assert!(text.contains("X-Content-Type-Options: nosniff"));
        assert!(text.contains("Retry-After:"));
    }
    let during = threads(pid);
    assert!(
        during <= before + CAP + 1,
        "{} idle connections made {} threads",
        idle.len(),
        during - before.min(during)
    );
    drop(idle);
    server.wait_for(
        "/index.html",
        "the page once the idle connections left",
        |b| b.contains("Minimal Course"),
    );
}
