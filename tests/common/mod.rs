//! A small fluent harness for pathfolio's integration tests, in the style of mdBook's
//! test suite: put a course into a temporary folder (a fixture from
//! `tests/fixtures/<name>/`, the example course, or inline `(path, text)` pairs), run
//! the real `pathfolio` binary on it, and look at what came out.
//!
//! ```ignore
//! let course = Course::fixture("minimal");
//! let site = course.build_ok("public", &[]);
//! site.assert_links_ok();
//! assert!(site.text("index.html").contains("Minimal Course"));
//! ```
//!
//! Not every test file uses every helper.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Component, Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

/// The crate's folder (where Cargo.toml is).
pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A folder of course files (or a student's standalone folder) in a fresh temporary
/// folder. The course lives in `<tmp>/<name>/`; outputs go beside it, in
/// `<tmp>/<output name>/`, so they never land inside the course unless a test asks.
pub struct Course {
    tmp: TempDir,
    dir: PathBuf,
}

impl Course {
    /// An empty course folder called `course`.
    pub fn empty() -> Course {
        Course::empty_named("course")
    }

    /// An empty folder with the given name (the name matters for a student's
    /// standalone folder: it is the student's id).
    pub fn empty_named(name: &str) -> Course {
        let tmp = tempfile::Builder::new()
            .prefix("pathfolio-test-")
            .tempdir()
            .expect("create a temporary folder");
        let dir = tmp.path().join(name);
        std::fs::create_dir_all(&dir).expect("create the course folder");
        Course { tmp, dir }
    }

    /// A copy of `tests/fixtures/<name>/`, in a folder with the fixture's last path
    /// component as its name.
    pub fn fixture(name: &str) -> Course {
        let src = manifest_dir().join("tests/fixtures").join(name);
        assert!(src.is_dir(), "no fixture at {}", src.display());
        let base = Path::new(name)
            .file_name()
            .expect("fixture name")
            .to_string_lossy()
            .into_owned();
        let course = Course::empty_named(&base);
        copy_tree(&src, &course.dir, &[]);
        course
    }

    /// A copy of the example course, without the sites a previous manual build may
    /// have left in it (`public/`, `private/`).
    pub fn example_course() -> Course {
        let src = manifest_dir().join("example-course");
        let course = Course::empty_named("example-course");
        copy_tree(&src, &course.dir, &["public", "private"]);
        course
    }

    /// A course folder made of inline `(path, text)` pairs.
    pub fn from_files(files: &[(&str, &str)]) -> Course {
        let course = Course::empty();
        course.files(files);
        course
    }

    /// Writes (or overwrites) several files.
    pub fn files(&self, files: &[(&str, &str)]) -> &Course {
        for (path, text) in files {
            self.write(path, text);
        }
        self
    }

    /// Writes (or overwrites) one text file, creating its folders.
    pub fn write(&self, rel: &str, text: &str) -> &Course {
        self.write_bytes(rel, text.as_bytes())
    }

    /// Writes (or overwrites) one file, creating its folders.
    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Course {
        let path = self.path(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create folders");
        }
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        self
    }

    /// Replaces `from` by `to` in a file; the text must be there.
    pub fn edit(&self, rel: &str, from: &str, to: &str) -> &Course {
        let text = self.read(rel);
        assert!(
            text.contains(from),
            "{rel} does not contain {from:?}:\n{text}"
        );
        self.write(rel, &text.replacen(from, to, 1))
    }

    /// Removes a file or a folder.
    pub fn remove(&self, rel: &str) -> &Course {
        let path = self.path(rel);
        if path.is_dir() {
            std::fs::remove_dir_all(&path).expect("remove folder");
        } else {
            std::fs::remove_file(&path).expect("remove file");
        }
        self
    }

    pub fn read(&self, rel: &str) -> String {
        let path = self.path(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
    }

    /// The course folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A path inside the course folder.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.join(rel)
    }

    /// The temporary folder that holds the course (and, by default, the outputs).
    pub fn tmp(&self) -> &Path {
        self.tmp.path()
    }

    /// A path beside the course folder, for outputs and outside folders.
    pub fn outside(&self, rel: &str) -> PathBuf {
        self.tmp.path().join(rel)
    }

    /// Runs `pathfolio <args>` in the course folder.
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(&self.dir, args)
    }

    /// `pathfolio build -o <tmp>/<out> <extra>` in the course folder.
    pub fn build(&self, out: &str, extra: &[&str]) -> Run {
        let out = self.outside(out);
        let mut args = vec!["build", "-o", out.to_str().expect("UTF-8 temp path")];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    /// Builds into `<tmp>/<out>`, insists that it worked, and returns the site.
    pub fn build_ok(&self, out: &str, extra: &[&str]) -> Output {
        self.build(out, extra).success();
        Output::at(self.outside(out))
    }

    /// `pathfolio check` in the course folder.
    pub fn check(&self) -> Run {
        self.run(&["check"])
    }

    /// Every file of the course folder with its bytes, to see that nothing changed.
    pub fn snapshot(&self) -> BTreeMap<String, Vec<u8>> {
        snapshot(&self.dir)
    }
}

/// Runs the real binary with `cwd` as its working folder.
pub fn run_in(cwd: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_pathfolio"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("run the pathfolio binary");
    Run {
        args: args.iter().map(|a| a.to_string()).collect(),
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// What one run of the binary did.
#[derive(Debug, Clone)]
pub struct Run {
    pub args: Vec<String>,
    /// None when the process was killed by a signal.
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl fmt::Display for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`pathfolio {}` exited with {:?}\n--- stdout\n{}--- stderr\n{}---",
            self.args.join(" "),
            self.code,
            self.stdout,
            self.stderr
        )
    }
}

impl Run {
    /// Exit status 0, and no panic.
    pub fn success(&self) -> &Run {
        assert_eq!(self.code, Some(0), "expected success:\n{self}");
        self.no_panic()
    }

    /// Exit status `code`, and no panic.
    pub fn fails_with(&self, code: i32) -> &Run {
        assert_eq!(
            self.code,
            Some(code),
            "expected exit status {code}:\n{self}"
        );
        self.no_panic()
    }

    /// A content problem: exit status 1.
    pub fn failure(&self) -> &Run {
        self.fails_with(1)
    }

    /// Neither a Rust panic nor a backtrace in the output.
    pub fn no_panic(&self) -> &Run {
        for bad in ["panicked", "RUST_BACKTRACE", "stack backtrace"] {
            assert!(
                !self.stderr.contains(bad) && !self.stdout.contains(bad),
                "panic text `{bad}`:\n{self}"
            );
        }
        self
    }

    pub fn stderr_has(&self, text: &str) -> &Run {
        assert!(self.stderr.contains(text), "stderr lacks {text:?}:\n{self}");
        self
    }

    pub fn stdout_has(&self, text: &str) -> &Run {
        assert!(self.stdout.contains(text), "stdout lacks {text:?}:\n{self}");
        self
    }

    /// The `path:line:column: message` and `path: message` problems on stderr,
    /// with their hints.
    pub fn diagnostics(&self) -> Vec<Diag> {
        parse_diagnostics(&self.stderr)
    }

    /// The one problem reported in `path` at `line` (None: of the whole file)
    /// whose message contains `message`; fails (showing everything) when there is none.
    pub fn diag(&self, path: &str, line: impl Into<Option<u32>>, message: &str) -> Diag {
        let line = line.into();
        let all = self.diagnostics();
        all.iter()
            .find(|d| d.path == path && d.line == line && d.message.contains(message))
            .cloned()
            .unwrap_or_else(|| {
                let at = line.map_or(String::new(), |l| format!(":{l}:_"));
                panic!("no diagnostic `{path}{at}: …{message}…` in:\n{self}")
            })
    }
}

/// One problem as printed: `path:line:column: message`, or `path: message` for a
/// problem without a line, and an optional hint line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diag {
    pub path: String,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub message: String,
    pub hint: Option<String>,
}

impl fmt::Display for Diag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path)?;
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(h) = &self.hint {
            write!(f, "\n  hint: {h}")?;
        }
        Ok(())
    }
}

/// Parses the diagnostics printed by pathfolio. Other lines (summaries) are skipped.
pub fn parse_diagnostics(stderr: &str) -> Vec<Diag> {
    let mut out: Vec<Diag> = Vec::new();
    let mut last_was_diag = false;
    for line in stderr.lines() {
        if let Some(hint) = line.strip_prefix("  hint: ") {
            if let (true, Some(d)) = (last_was_diag, out.last_mut()) {
                d.hint = Some(hint.to_string());
            }
            last_was_diag = false;
            continue;
        }
        last_was_diag = false;
        if let Some(d) = parse_diag_line(line) {
            out.push(d);
            last_was_diag = true;
        }
    }
    out
}

/// `path:12:3: message` or `path: message` → Diag.
fn parse_diag_line(line: &str) -> Option<Diag> {
    placed_diag_line(line).or_else(|| file_diag_line(line))
}

/// `path:12:3: message`: the path is everything before the first
/// `:<digits>:<digits>: ` in the line.
fn placed_diag_line(line: &str) -> Option<Diag> {
    let bytes = line.as_bytes();
    for (i, _) in line.match_indices(':') {
        let rest = &line[i + 1..];
        let l_len = rest.bytes().take_while(u8::is_ascii_digit).count();
        if l_len == 0 || bytes.get(i + 1 + l_len) != Some(&b':') {
            continue;
        }
        let after = &rest[l_len + 1..];
        let c_len = after.bytes().take_while(u8::is_ascii_digit).count();
        if c_len == 0 || !after[c_len..].starts_with(": ") {
            continue;
        }
        return Some(Diag {
            path: line[..i].to_string(),
            line: Some(rest[..l_len].parse().ok()?),
            column: Some(after[..c_len].parse().ok()?),
            message: after[c_len + 2..].to_string(),
            hint: None,
        });
    }
    None
}

/// `path: message`, a problem of a whole file or folder. Told from the other lines
/// pathfolio prints (`In a.md: 2 errors`, `error: …`, summaries) by a path
/// without spaces that is not a label; so such a path must have no spaces.
fn file_diag_line(line: &str) -> Option<Diag> {
    let (path, message) = line.split_once(": ")?;
    let label = ["error", "warning", "note", "hint"].contains(&path);
    if path.is_empty() || label || path.contains(char::is_whitespace) {
        return None;
    }
    Some(Diag {
        path: path.to_string(),
        line: None,
        column: None,
        message: message.to_string(),
        hint: None,
    })
}

/// A built site on disk.
pub struct Output {
    pub root: PathBuf,
}

impl Output {
    pub fn at(root: impl Into<PathBuf>) -> Output {
        Output { root: root.into() }
    }

    /// Every file, as `/`-separated paths relative to the site root, sorted.
    pub fn files(&self) -> Vec<String> {
        list_files(&self.root)
    }

    pub fn has(&self, rel: &str) -> bool {
        self.root.join(rel).is_file()
    }

    /// Fails unless every one of `paths` is a file of the site.
    pub fn assert_has(&self, paths: &[&str]) -> &Output {
        let missing: Vec<&&str> = paths.iter().filter(|p| !self.has(p)).collect();
        assert!(
            missing.is_empty(),
            "missing in {}: {missing:?}\nthe site has: {:#?}",
            self.root.display(),
            self.files()
        );
        self
    }

    pub fn assert_lacks(&self, paths: &[&str]) -> &Output {
        let present: Vec<&&str> = paths.iter().filter(|p| self.has(p)).collect();
        assert!(
            present.is_empty(),
            "should not be in {}: {present:?}",
            self.root.display()
        );
        self
    }

    pub fn bytes(&self, rel: &str) -> Vec<u8> {
        let path = self.root.join(rel);
        std::fs::read(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
    }

    /// A page's HTML.
    pub fn text(&self, rel: &str) -> String {
        String::from_utf8(self.bytes(rel)).unwrap_or_else(|_| panic!("{rel} is not UTF-8"))
    }

    /// A page's text without tags, entities decoded, whitespace collapsed.
    pub fn plain(&self, rel: &str) -> String {
        plain_text(&self.text(rel))
    }

    /// Every file with its bytes.
    pub fn snapshot(&self) -> BTreeMap<String, Vec<u8>> {
        snapshot(&self.root)
    }

    /// The link problems of the site (see [`check_links`]).
    pub fn link_problems(&self) -> Vec<String> {
        check_links(&self.root)
    }

    /// Fails, listing them, if any link of the site is broken.
    pub fn assert_links_ok(&self) -> &Output {
        let problems = self.link_problems();
        assert!(
            problems.is_empty(),
            "{} broken link(s) in {}:\n{}",
            problems.len(),
            self.root.display(),
            problems.join("\n")
        );
        self
    }
}

/// Copies a folder tree, skipping top-level entries named in `skip`.
pub fn copy_tree(src: &Path, dst: &Path, skip: &[&str]) {
    std::fs::create_dir_all(dst).expect("create folder");
    for entry in std::fs::read_dir(src).expect("read folder") {
        let entry = entry.expect("folder entry");
        let name = entry.file_name();
        if skip.iter().any(|s| name == std::ffi::OsStr::new(s)) {
            continue;
        }
        let from = entry.path();
        let to = dst.join(&name);
        if entry.file_type().expect("file type").is_dir() {
            copy_tree(&from, &to, &[]);
        } else {
            std::fs::copy(&from, &to).unwrap_or_else(|e| panic!("copy {}: {e}", from.display()));
        }
    }
}

/// Every file below `root`, as sorted `/`-separated relative paths.
pub fn list_files(root: &Path) -> Vec<String> {
    fn walk(dir: &Path, prefix: &str, out: &mut Vec<String>) {
        let Ok(read) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in read.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let rel = if prefix.is_empty() {
                name
            } else {
                format!("{prefix}/{name}")
            };
            let path = entry.path();
            if path.is_dir() {
                walk(&path, &rel, out);
            } else {
                out.push(rel);
            }
        }
    }
    let mut out = Vec::new();
    walk(root, "", &mut out);
    out.sort();
    out
}

/// Every file below `root` with its bytes.
pub fn snapshot(root: &Path) -> BTreeMap<String, Vec<u8>> {
    list_files(root)
        .into_iter()
        .map(|rel| {
            let bytes = std::fs::read(root.join(&rel)).expect("read file");
            (rel, bytes)
        })
        .collect()
}

/// Fails with a short list of differences unless two snapshots are byte-identical
/// (a site has no stamp or other file that may differ between builds: SPEC §3).
pub fn assert_same_files(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>, what: &str) {
    let names_a: BTreeSet<&String> = a.keys().collect();
    let names_b: BTreeSet<&String> = b.keys().collect();
    let only_a: Vec<_> = names_a.difference(&names_b).collect();
    let only_b: Vec<_> = names_b.difference(&names_a).collect();
    let changed: Vec<_> = a
        .iter()
        .filter(|(k, v)| b.get(*k).is_some_and(|w| w != *v))
        .map(|(k, _)| k)
        .collect();
    assert!(
        only_a.is_empty() && only_b.is_empty() && changed.is_empty(),
        "{what}: files only before: {only_a:?}; only after: {only_b:?}; changed: {changed:?}"
    );
}

// ---------------------------------------------------------------------------
// HTML scanning

/// One start tag: its lower-case name and its attributes (lower-case names,
/// entity-decoded values; a bare attribute has an empty value).
#[derive(Debug, Clone)]
pub struct Tag {
    pub name: String,
    pub attrs: Vec<(String, String)>,
}

impl Tag {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The start tags of an HTML document, in order. Comments, end tags, doctype and
/// the contents of `<script>` and `<style>` are skipped. A hand-written scanner, good
/// for the HTML pathfolio writes (and for hostile input, which it only has to survive).
pub fn tags(html: &str) -> Vec<Tag> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        i += off;
        if html[i..].starts_with("<!--") {
            i = html[i..].find("-->").map_or(b.len(), |e| i + e + 3);
            continue;
        }
        let next = b.get(i + 1).copied().unwrap_or(b' ');
        if !next.is_ascii_alphabetic() {
            // `</x>`, `<!DOCTYPE>`, `<?x?>` or a stray `<`.
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' && b[j] != b'/' {
            j += 1;
        }
        let name = html[i + 1..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
                j += 1;
            }
            if j >= b.len() || b[j] == b'>' {
                j += 1;
                break;
            }
            let start = j;
            while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'>' | b'=' | b'/')
            {
                j += 1;
            }
            let attr = html[start..j].to_ascii_lowercase();
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            let mut value = String::new();
            if j < b.len() && b[j] == b'=' {
                j += 1;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                    let q = b[j];
                    let vs = j + 1;
                    let ve = html[vs..]
                        .bytes()
                        .position(|c| c == q)
                        .map_or(b.len(), |p| vs + p);
                    value = decode_entities(&html[vs..ve]);
                    j = (ve + 1).min(b.len());
                } else {
                    let vs = j;
                    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                        j += 1;
                    }
                    value = decode_entities(&html[vs..j]);
                }
            }
            if !attr.is_empty() {
                attrs.push((attr, value));
            } else if j < b.len() && b[j] != b'>' {
                j += 1;
            }
        }
        i = j.min(b.len());
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            i = html[i..]
                .to_ascii_lowercase()
                .find(&close)
                .map_or(b.len(), |e| i + e);
        }
        out.push(Tag { name, attrs });
    }
    out
}

/// Decodes the character references pathfolio's templates and sanitizer produce
/// (named basics and numeric ones).
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest[1..].find(';').filter(|&e| e <= 10).map(|e| e + 1);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                n if n.starts_with("#x") || n.starts_with("#X") => u32::from_str_radix(&n[2..], 16)
                    .ok()
                    .and_then(char::from_u32),
                n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text of an HTML document: tags removed, entities decoded, whitespace
/// collapsed to single spaces.
pub fn plain_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                text.push(' ');
            }
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    decode_entities(&text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Collapses whitespace, for comparing source text with page text.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every `id` in a document.
pub fn ids(html: &str) -> BTreeSet<String> {
    tags(html)
        .into_iter()
        .filter_map(|t| t.attr("id").map(str::to_string))
        .collect()
}

/// Decodes `%XX` escapes; None when they do not make UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The attributes that hold URLs the link checker follows.
const LINK_ATTRS: [&str; 4] = ["href", "src", "srcset", "data"];

/// Checks every link of every `.html` file below `root`: each `href`, `src`,
/// `srcset` and `data` value that is relative must name a file of the site
/// (percent-decoded, without `?query` and `#fragment`, not ending in `/`, not
/// leaving the site), and a `#fragment` must be an `id` of the target page (or of
/// the same page for `#x` alone). `http(s):` and `mailto:` links are not followed;
/// any other scheme, a root-absolute `/path` and a `//host` link are problems, since
/// pathfolio's links must work under any base path and from disk. Returns one line
/// per problem.
pub fn check_links(root: &Path) -> Vec<String> {
    let files = list_files(root);
    let file_set: BTreeSet<&str> = files.iter().map(String::as_str).collect();
    let mut id_cache: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut ids_of = |page: &str| -> BTreeSet<String> {
        id_cache
            .entry(page.to_string())
            .or_insert_with(|| {
                std::fs::read(root.join(page))
                    .map(|b| ids(&String::from_utf8_lossy(&b)))
                    .unwrap_or_default()
            })
            .clone()
    };
    let mut problems = Vec::new();
    for page in files.iter().filter(|f| f.ends_with(".html")) {
        let html = match std::fs::read(root.join(page)) {
            Ok(b) => String::from_utf8_lossy(&b).into_owned(),
            Err(e) => {
                problems.push(format!("{page}: cannot read: {e}"));
                continue;
            }
        };
        for tag in tags(&html) {
            for (attr, value) in &tag.attrs {
                if !LINK_ATTRS.contains(&attr.as_str()) {
                    continue;
                }
                let urls: Vec<&str> = if attr == "srcset" {
                    value
                        .split(',')
                        .filter_map(|c| c.split_whitespace().next())
                        .collect()
                } else {
                    vec![value.as_str()]
                };
                for url in urls {
                    if let Err(why) = check_one(page, url, &file_set, &mut ids_of) {
                        problems.push(format!("{page}: <{} {attr}=\"{url}\">: {why}", tag.name));
                    }
                }
            }
        }
    }
    problems
}

fn check_one(
    page: &str,
    url: &str,
    files: &BTreeSet<&str>,
    ids_of: &mut impl FnMut(&str) -> BTreeSet<String>,
) -> Result<(), String> {
    let url = url.trim();
    if url.is_empty() {
        return Err("empty link".into());
    }
    if let Some(scheme) = scheme_of(url) {
        return match scheme.to_ascii_lowercase().as_str() {
            "http" | "https" | "mailto" => Ok(()),
            other => Err(format!("`{other}:` link")),
        };
    }
    if url.starts_with("//") {
        return Err("protocol-relative link (not relative to the site)".into());
    }
    if url.starts_with('/') {
        return Err("root-absolute link: breaks under a base path and from disk".into());
    }
    let (before_fragment, fragment) = match url.split_once('#') {
        Some((a, f)) => (a, Some(f)),
        None => (url, None),
    };
    let path_part = before_fragment.split('?').next().unwrap_or("");
    let target = if path_part.is_empty() {
        page.to_string()
    } else {
        let decoded =
            percent_decode(path_part).ok_or_else(|| "bad percent-encoding".to_string())?;
        if decoded.ends_with('/') {
            return Err("link ends in `/`: it must name a file (index.html)".into());
        }
        let base = page.rsplit_once('/').map_or("", |(d, _)| d);
        resolve(base, &decoded).ok_or_else(|| "leaves the site".to_string())?
    };
    if !files.contains(target.as_str()) {
        return Err(format!("no file `{target}` in the site"));
    }
    if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
        let fragment = percent_decode(fragment).unwrap_or_else(|| fragment.to_string());
        if target.ends_with(".html") && !ids_of(&target).contains(&fragment) {
            return Err(format!("`{target}` has no id=\"{fragment}\""));
        }
    }
    Ok(())
}

/// `https:` → Some("https"); a relative path → None.
fn scheme_of(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let scheme = &url[..colon];
    let valid = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(scheme)
}

/// Joins a relative path to a folder of the site; None if it climbs out of the site.
fn resolve(base: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
    for c in Path::new(rel).components() {
        match c {
            Component::Normal(s) => parts.push(s.to_str()?),
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(parts.join("/"))
}

// ---------------------------------------------------------------------------
// Privacy

/// Where a needle occurs in a site: in a file's bytes, or in a file's path.
pub fn find_in_site(files: &BTreeMap<String, Vec<u8>>, needle: &str) -> Vec<String> {
    let n = needle.as_bytes();
    let mut hits = Vec::new();
    for (path, bytes) in files {
        if path.contains(needle) {
            hits.push(format!("{path} (its path)"));
        }
        if !n.is_empty() && bytes.windows(n.len()).any(|w| w == n) {
            hits.push(path.clone());
        }
    }
    hits
}
