//! The bad-input catalogue: every case in `tests/bad_input/<case>/` is the good
//! course `tests/bad_input/_base/` with the case's files laid over it (and the steps
//! of its `setup.txt` done), built with the real binary into an output folder that
//! already holds a good site. `expect.txt` says what must happen; see
//! `tests/bad_input/README.md` for both formats.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// A run that takes longer than this is killed and fails: a guard against hangs,
/// not a timing assertion.
const GUARD: Duration = Duration::from_secs(60);

fn catalogue() -> PathBuf {
    manifest_dir().join("tests/bad_input")
}

/// What `expect.txt` asks for.
#[derive(Debug, Default)]
struct Expect {
    /// None: the build must succeed; Some(code): it must fail with that status.
    exit: Option<i32>,
    diags: Vec<Diag>,
    /// No diagnostics other than the expected ones.
    only: bool,
    pages: Vec<String>,
    texts: Vec<(String, String)>,
    /// `withheld N`: a student's problem: the build succeeds with N items left out
    /// (the problems printed as warnings), and `--strict` fails as `exit 1` does.
    withheld: Option<usize>,
    /// Site paths that must not be there (what was withheld).
    absent: Vec<String>,
}

fn parse_expect(text: &str) -> Result<Expect, String> {
    let mut e = Expect::default();
    let mut seen_status = false;
    for line in text.lines() {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        if let Some(hint) = t.strip_prefix("hint: ") {
            let last = e
                .diags
                .last_mut()
                .ok_or("a hint: line before any diagnostic")?;
            last.hint = Some(hint.to_string());
        } else if t == "ok" {
            seen_status = true;
        } else if t == "only" {
            e.only = true;
        } else if let Some(code) = t.strip_prefix("exit ") {
            e.exit = Some(
                code.parse()
                    .map_err(|_| format!("bad exit status {code:?}"))?,
            );
            seen_status = true;
        } else if let Some(n) = t.strip_prefix("withheld ") {
            e.withheld = Some(n.parse().map_err(|_| format!("bad count {n:?}"))?);
            e.exit = Some(1);
            seen_status = true;
        } else if let Some(page) = t.strip_prefix("absent ") {
            e.absent.push(page.to_string());
        } else if let Some(page) = t.strip_prefix("page ") {
            e.pages.push(page.to_string());
        } else if let Some(rest) = t.strip_prefix("text ") {
            let (page, needle) = rest.split_once(' ').ok_or("text needs a page and a text")?;
            e.texts.push((page.to_string(), needle.to_string()));
        } else {
            let d = parse_diagnostics(t);
            e.diags
                .push(d.into_iter().next().ok_or(format!("cannot read {t:?}"))?);
        }
    }
    if !seen_status {
        return Err("expect.txt needs `ok` or `exit N`".into());
    }
    Ok(e)
}

/// `\n`, `\r`, `\t`, `\\` and `\xNN` in a setup line's text.
fn unescape(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 1 < b.len() {
            match b[i + 1] {
                b'n' => out.push(b'\n'),
                b'r' => out.push(b'\r'),
                b't' => out.push(b'\t'),
                b'x' if i + 3 < b.len() => {
                    let hex = std::str::from_utf8(&b[i + 2..i + 4]).unwrap_or("");
                    out.push(u8::from_str_radix(hex, 16).expect("\\xNN in setup.txt"));
                    i += 2;
                }
                c => out.push(c),
            }
            i += 2;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

/// `"a path with spaces" rest` or `path rest` → (path, rest).
fn split_path(s: &str) -> (&str, &str) {
    if let Some(quoted) = s.strip_prefix('"')
        && let Some((path, rest)) = quoted.split_once('"')
    {
        return (path, rest.strip_prefix(' ').unwrap_or(rest));
    }
    s.split_once(' ').unwrap_or((s, ""))
}

/// One case on disk: `<tmp>/course/` and its output folder.
struct Prepared {
    _tmp: tempfile::TempDir,
    course: PathBuf,
    out_arg: String,
    out: PathBuf,
    previous: bool,
    needs_permissions: bool,
    /// Paths made read-only, restored before the temporary folder is removed.
    locked: Vec<PathBuf>,
}

impl Drop for Prepared {
    fn drop(&mut self) {
        for p in &self.locked {
            set_mode(p, if p.is_dir() { 0o755 } else { 0o644 });
        }
    }
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode));
}

fn prepare(case: &Path) -> Prepared {
    let tmp = tempfile::Builder::new()
        .prefix("pathfolio-bad-")
        .tempdir()
        .unwrap();
    let course = tmp.path().join("course");
    copy_tree(&catalogue().join("_base"), &course, &[]);
    copy_tree(case, &course, &["expect.txt", "setup.txt"]);
    let mut p = Prepared {
        _tmp: tmp,
        out_arg: "../out".into(),
        out: PathBuf::new(),
        course,
        previous: true,
        needs_permissions: false,
        locked: Vec::new(),
    };
    let setup = std::fs::read_to_string(case.join("setup.txt")).unwrap_or_default();
    for line in setup
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        let (verb, rest) = line.split_once(' ').unwrap_or((line, ""));
        let at = |rel: &str| p.course.join(rel);
        let mkparent = |path: &Path| std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        match verb {
            "write" | "append" => {
                let (path, text) = split_path(rest);
                let (times, text) = if verb == "append" {
                    let (n, t) = text.split_once(' ').unwrap_or((text, ""));
                    (n.parse::<usize>().expect("append PATH COUNT TEXT"), t)
                } else {
                    (1, text)
                };
                let path = at(path);
                mkparent(&path);
                let mut bytes = if verb == "append" {
                    std::fs::read(&path).unwrap_or_default()
                } else {
                    Vec::new()
                };
                bytes.extend(unescape(text).repeat(times));
                std::fs::write(&path, bytes).unwrap();
            }
            "remove" => {
                let path = at(rest);
                if path.is_dir() {
                    std::fs::remove_dir_all(path).unwrap();
                } else {
                    std::fs::remove_file(path).unwrap();
                }
            }
            "move" => {
                let (from, to) = rest.split_once(' ').expect("move FROM TO");
                std::fs::rename(at(from), at(to)).unwrap();
            }
            "symlink" => {
                let (link, target) = rest.split_once(' ').expect("symlink LINK TARGET");
                let link = at(link);
                mkparent(&link);
                std::os::unix::fs::symlink(target, link).unwrap();
            }
            "nest-yaml" => {
                let (path, n) = rest.split_once(' ').expect("nest-yaml PATH N");
                let mut text = String::from("---\ntitle: Deep\nextra:\n");
                for i in 1..=n.parse::<usize>().unwrap() {
                    text.push_str(&format!("{}k{i}:\n", " ".repeat(i)));
                }
                text.push_str("---\n");
                std::fs::write(at(path), text).unwrap();
            }
            "nest-list" => {
                let (path, n) = rest.split_once(' ').expect("nest-list PATH N");
                let mut text = std::fs::read_to_string(at(path)).unwrap_or_default();
                for i in 0..n.parse::<usize>().unwrap() {
                    text.push_str(&format!("{}- item\n", "  ".repeat(i)));
                }
                std::fs::write(at(path), text).unwrap();
            }
            "alias-bomb" => {
                let mut text = String::from(
                    "---\ntitle: Bomb\nextra:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
                );
                for i in 1..12 {
                    let refs = vec![format!("*a{}", i - 1); 10].join(", ");
                    text.push_str(&format!("  a{i}: &a{i} [{refs}]\n"));
                }
                text.push_str("---\n");
                std::fs::write(at(rest), text).unwrap();
            }
            "out" => p.out_arg = rest.to_string(),
            "no-previous" => p.previous = false,
            "needs-permissions" => p.needs_permissions = true,
            "readonly" | "readonly-file" => {
                // Applied after the previous site is in place (see `run_case`).
                p.locked.push(at(rest));
            }
            other => panic!("unknown setup step {other:?} in {}", case.display()),
        }
    }
    // Without `..`, so it compares equal to the paths a folder walk finds.
    p.out = normalize(&p.course.join(&p.out_arg));
    p
}

fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

/// True when file permissions are not enforced (running as root).
fn permissions_ignored() -> bool {
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    set_mode(&locked, 0o555);
    let ignored = std::fs::write(locked.join("probe"), "x").is_ok();
    set_mode(&locked, 0o755);
    ignored
}

/// A good site built once from `_base`, to stand in as every case's previous output.
fn previous_site() -> &'static Path {
    static SITE: std::sync::OnceLock<(tempfile::TempDir, PathBuf)> = std::sync::OnceLock::new();
    let (_, path) = SITE.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        let base = catalogue().join("_base");
        let r = run_guarded(&base, &["build", ".", "-o", out.to_str().unwrap()]);
        assert_eq!(r.code, Some(0), "the base course must build:\n{}", r.stderr);
        (tmp, out)
    });
    path
}

/// Runs the binary, killing it after [`GUARD`].
fn run_guarded(cwd: &Path, args: &[&str]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pathfolio"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run pathfolio");
    // Drain the pipes on threads so a chatty run cannot block on a full pipe.
    let mut so = child.stdout.take().unwrap();
    let mut se = child.stderr.take().unwrap();
    let tout = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut so, &mut s).ok();
        s
    });
    let terr = std::thread::spawn(move || {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut se, &mut b).ok();
        String::from_utf8_lossy(&b).into_owned()
    });
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break Some(s);
        }
        if start.elapsed() > GUARD {
            child.kill().ok();
            child.wait().ok();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run {
        args: args.iter().map(|a| a.to_string()).collect(),
        code: status.and_then(|s| s.code()),
        stdout: tout.join().unwrap_or_default(),
        stderr: terr.join().unwrap_or_default(),
    }
}

/// Runs one case; returns its problems (empty when it passed) or a skip notice.
fn run_case(case: &Path, root_ignores_permissions: bool) -> Result<Vec<String>, String> {
    let name = case.file_name().unwrap().to_string_lossy().into_owned();
    let expect = parse_expect(&std::fs::read_to_string(case.join("expect.txt")).unwrap())
        .unwrap_or_else(|e| panic!("{name}: expect.txt: {e}"));
    let p = prepare(case);
    if p.needs_permissions && root_ignores_permissions {
        return Err(format!(
            "{name}: skipped, file permissions are not enforced for this user (root)"
        ));
    }
    let out_is_course = p.out_arg == ".";
    if p.previous && !out_is_course {
        copy_tree(previous_site(), &p.out, &[]);
    }
    for path in &p.locked {
        set_mode(path, if path.is_dir() { 0o555 } else { 0o000 });
    }
    let watched = if out_is_course { &p.course } else { &p.out };
    let before = snapshot_or_empty(watched);
    // Everything else in the temporary folder (the course, files beside it): a run
    // may change none of it, whatever the case.
    let world_before = tree_state(p._tmp.path(), &p.out);
    // A student's problem fails only a strict build; that run must leave the
    // previous site as it was, like any failed build.
    let strict = expect.withheld.is_some();
    let mut args = vec!["build", ".", "-o", &p.out_arg];
    if strict {
        args.push("--strict");
    }
    let r = run_guarded(&p.course, &args);
    let mut problems = Vec::new();
    let mut fail = |m: String| problems.push(format!("{name}: {m}"));
    if r.code.is_none() {
        fail(format!("killed after {GUARD:?} (or by a signal)"));
    }
    if r.stderr.contains("panicked") || r.stdout.contains("panicked") {
        fail(format!("panicked:\n{}", r.stderr));
    }
    let got = r.diagnostics();
    for d in &got {
        if d.hint.is_none() {
            fail(format!("no hint for `{d}`"));
        }
    }
    match expect.exit {
        Some(code) => {
            if r.code != Some(code) {
                fail(format!(
                    "exit status {:?}, expected {code}:\n{}",
                    r.code, r.stderr
                ));
            }
            for want in &expect.diags {
                let found = got.iter().find(|d| {
                    d.path == want.path
                        && d.line == want.line
                        && d.column == want.column
                        && d.message.contains(&want.message)
                });
                match found {
                    None => fail(format!("no `{want}` in:\n{}", r.stderr)),
                    Some(d) => {
                        if let Some(h) = &want.hint
                            && !d.hint.as_deref().is_some_and(|dh| dh.contains(h.as_str()))
                        {
                            fail(format!("hint of `{d}` lacks {h:?}"));
                        }
                    }
                }
            }
            if expect.only && got.len() != expect.diags.len() {
                fail(format!(
                    "expected only {} problem(s):\n{}",
                    expect.diags.len(),
                    r.stderr
                ));
            }
            let after = snapshot_or_empty(watched);
            if before != after {
                fail(format!(
                    "{} changed",
                    if out_is_course {
                        "the course"
                    } else {
                        "the previous output"
                    }
                ));
            }
        }
        None => {
            if r.code != Some(0) {
                fail(format!(
                    "should build, but exit status {:?}:\n{}",
                    r.code, r.stderr
                ));
            } else {
                let site = Output::at(&p.out);
                for page in &expect.pages {
                    if !site.has(page) {
                        fail(format!("no {page} in the site"));
                    }
                }
                for (page, needle) in &expect.texts {
                    if site.has(page) && !site.plain(page).contains(needle.as_str()) {
                        fail(format!("{page} lacks {needle:?}"));
                    }
                }
                for problem in site.link_problems() {
                    fail(format!("broken link: {problem}"));
                }
                // Warnings a good case must print.
                for want in &expect.diags {
                    let found = got.iter().any(|d| {
                        d.path == want.path
                            && d.line == want.line
                            && d.column == want.column
                            && d.message.contains(&want.message)
                            && want.hint.as_ref().is_none_or(|h| {
                                d.hint.as_deref().is_some_and(|dh| dh.contains(h.as_str()))
                            })
                    });
                    if !found {
                        fail(format!("no `{want}` in:\n{}", r.stderr));
                    }
                }
            }
        }
    }
    if let Some(n) = expect.withheld {
        let r = run_guarded(&p.course, &["build", ".", "-o", &p.out_arg]);
        let line = format!("{n} item{} withheld", if n == 1 { "" } else { "s" });
        if r.code != Some(0) || (n > 0 && !r.stdout.contains(&line)) {
            fail(format!(
                "should build with {line:?}, but exit status {:?}:\n{}{}",
                r.code, r.stdout, r.stderr
            ));
        }
        let got = r.diagnostics();
        for want in &expect.diags {
            let warned = got.iter().any(|d| {
                d.path == want.path
                    && d.line == want.line
                    && d.message.starts_with("warning: ")
                    && d.message.contains(&want.message)
            });
            if !warned {
                fail(format!("no warning `{want}` in:\n{}", r.stderr));
            }
        }
        let site = Output::at(&p.out);
        for page in &expect.absent {
            if site.has(page) {
                fail(format!("{page} was withheld but is in the site"));
            }
        }
        for page in &expect.pages {
            if !site.has(page) {
                fail(format!("no {page} in the site"));
            }
        }
        for problem in site.link_problems() {
            fail(format!("broken link: {problem}"));
        }
    }
    let world_after = tree_state(p._tmp.path(), &p.out);
    if !out_is_course && world_after != world_before {
        let changed: Vec<_> = world_before
            .keys()
            .chain(world_after.keys())
            .filter(|k| world_before.get(*k) != world_after.get(*k))
            .collect();
        fail(format!(
            "files outside the output folder were changed: {changed:?}"
        ));
    }
    let parent = p.out.parent().unwrap_or(&p.course).to_path_buf();
    let leftovers: Vec<String> = std::fs::read_dir(&parent)
        .map(|r| {
            r.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                // The cache (media copies, build stamps) stays by design.
                .filter(|n| n.contains(".pathfolio-") && n != ".pathfolio-cache")
                .collect()
        })
        .unwrap_or_default();
    if !leftovers.is_empty() {
        fail(format!("temporary folders left behind: {leftovers:?}"));
    }
    Ok(problems)
}

/// Every entry below `root` except `skip`, without following symlinks: files with
/// their bytes, links with their targets.
fn tree_state(root: &Path, skip: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(read) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in read.flatten() {
            let path = e.path();
            // The media module's cache of resized images (src/media/cache.rs) is
            // the one thing a build keeps beside the course's files, by design.
            if path == skip || e.file_name() == ".pathfolio-cache" {
                continue;
            }
            let Ok(meta) = std::fs::symlink_metadata(&path) else {
                continue;
            };
            let state = if meta.is_symlink() {
                let target = std::fs::read_link(&path).unwrap_or_default();
                format!("-> {}", target.display()).into_bytes()
            } else if meta.is_dir() {
                stack.push(path.clone());
                b"dir".to_vec()
            } else {
                std::fs::read(&path).unwrap_or_else(|_| b"unreadable".to_vec())
            };
            out.insert(path, state);
        }
    }
    out
}

fn snapshot_or_empty(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    if dir.is_dir() {
        snapshot(dir)
    } else {
        std::fs::read(dir)
            .map(|b| BTreeMap::from([(String::new(), b)]))
            .unwrap_or_default()
    }
}

fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(catalogue())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir() && !p.file_name().unwrap().to_string_lossy().starts_with('_'))
        .collect();
    cases.sort();
    cases
}

#[test]
fn every_catalogue_case_behaves() {
    let all = cases();
    assert!(
        all.len() >= 40,
        "the catalogue has only {} cases",
        all.len()
    );
    let root = permissions_ignored();
    // Two workers: the machine has two cores, and each case is one short process.
    let (left, right) = all.split_at(all.len() / 2);
    let results: Vec<Result<Vec<String>, String>> = std::thread::scope(|s| {
        let a = s.spawn(|| left.iter().map(|c| run_case(c, root)).collect::<Vec<_>>());
        let b = s.spawn(|| right.iter().map(|c| run_case(c, root)).collect::<Vec<_>>());
        let mut r = a.join().unwrap();
        r.extend(b.join().unwrap());
        r
    });
    let mut problems = Vec::new();
    for r in results {
        match r {
            Ok(p) => problems.extend(p),
            Err(skip) => eprintln!("{skip}"),
        }
    }
    assert!(
        problems.is_empty(),
        "{} problem(s) in the bad-input catalogue:\n\n{}",
        problems.len(),
        problems.join("\n\n")
    );
}

#[test]
fn expect_files_are_read_as_meant() {
    let e = parse_expect(
        "# c\nexit 1\nunits/a b.md:3:20: unknown `X`\n  hint: did you mean\nunits/e.md: empty\nonly\n",
    )
    .unwrap();
    assert_eq!(e.exit, Some(1));
    assert!(e.only);
    assert_eq!(
        (e.diags[0].path.as_str(), e.diags[0].line, e.diags[0].column),
        ("units/a b.md", Some(3), Some(20))
    );
    assert_eq!(
        (
            e.diags[1].path.as_str(),
            e.diags[1].line,
            e.diags[1].message.as_str()
        ),
        ("units/e.md", None, "empty")
    );
    assert_eq!(e.diags[0].hint.as_deref(), Some("did you mean"));
    let ok = parse_expect("ok\npage index.html\ntext index.html Hello world\n").unwrap();
    assert_eq!((ok.exit, ok.pages.len()), (None, 1));
    assert_eq!(ok.texts[0], ("index.html".into(), "Hello world".into()));
    assert!(parse_expect("page x\n").is_err());
    assert_eq!(unescape(r"a\tb\n\xff\\"), b"a\tb\n\xff\\".to_vec());
}
