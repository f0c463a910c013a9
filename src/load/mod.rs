//! Stage 1: find the course's files and read them into `Raw…` structs.
//!
//! Nothing here judges references between files; that is `validate`'s job. A file
//! that cannot be read or parsed becomes a diagnostic and is left out.

pub mod contain;
pub mod frontmatter;
pub mod portfolio;
pub mod raw;
pub mod source;
mod students;
pub mod teacher;
pub mod yaml;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use serde_saphyr::Spanned;

use crate::diag::{Diagnostic, Diagnostics, Pos};
pub use contain::{Checked, Owner, Scope};
use raw::*;
pub use students::read_student;
use students::student_folders;
pub use teacher::Places;

/// One parsed file: its raw fields, its Markdown body, and where its YAML starts.
#[derive(Debug)]
pub struct Loaded<T> {
    pub path: PathBuf,
    /// File line of the first YAML line; parser positions are shifted by it.
    pub yaml_line: u32,
    pub raw: T,
    pub body: String,
    /// File line where the Markdown body starts.
    pub body_line: u32,
}

impl<T> Loaded<T> {
    /// The file position of a value from this file's YAML.
    pub fn pos<V>(&self, value: &Spanned<V>) -> Pos {
        yaml::shift(value.referenced, self.yaml_line)
    }
}

/// A unit, playlist or rubric file and the slug its file name gives it.
#[derive(Debug)]
pub struct Named<T> {
    pub slug: String,
    /// The `NN-` prefix of the file name, used as the order when none is given.
    pub prefix_order: Option<i64>,
    /// The folder of a folder-form file (`units/<slug>/index.md`), for its assets.
    pub folder: Option<PathBuf>,
    pub file: Loaded<T>,
}

/// A student's folder as found.
#[derive(Debug)]
pub struct RawStudent {
    pub id: String,
    pub dir: PathBuf,
    pub profile: Option<Loaded<RawProfile>>,
    pub evidence: Vec<Named<RawEvidence>>,
    /// Slugs of evidence files that exist but could not be read (see [`Broken`]).
    pub broken_evidence: BTreeSet<String>,
}

/// Files that exist but could not be read or parsed. Their problem is already
/// reported; validation does not report references to them again as "unknown".
#[derive(Debug, Default, Clone)]
pub struct Broken {
    pub units: BTreeSet<String>,
    pub playlists: BTreeSet<String>,
    pub rubrics: BTreeSet<String>,
    /// standards.yaml exists but could not be read: every code is then unchecked.
    pub standards: bool,
}

/// Everything read from a course folder (or a student's standalone folder).
#[derive(Debug, Default)]
pub struct Sources {
    /// The folder the user pointed at.
    pub root: PathBuf,
    /// True for a student's own folder with `profile.md` and no `course.yaml`.
    pub standalone: bool,
    pub course: Option<Loaded<RawCourse>>,
    pub standards: Option<Loaded<Vec<Spanned<RawStandard>>>>,
    pub units: Vec<Named<RawUnit>>,
    pub playlists: Vec<Named<RawPlaylist>>,
    pub rubrics: Vec<Named<RawRubric>>,
    pub students_dir: PathBuf,
    pub students: Vec<RawStudent>,
    /// `roster.yaml` (or where course.yaml's `roster:` puts it), if there is one.
    pub roster: Option<Loaded<Vec<Spanned<RawRosterEntry>>>>,
    /// Whether a roster file exists (also when it could not be read).
    pub has_roster: bool,
    /// Where the roster is, or would be.
    pub roster_path: PathBuf,
    /// `assessments/<student-id>.yaml`, by student id.
    pub assessments: Vec<(String, Loaded<Vec<Spanned<RawAssessment>>>)>,
    /// Files copied as they are: (source, path in the site).
    pub resources: Vec<(Checked, String)>,
    pub statics: Vec<(Checked, String)>,
    /// The course's `templates/` overrides: (name, source text).
    pub templates: Vec<(String, String)>,
    pub broken: Broken,
    /// A standalone folder's `portfolio.yaml` and the course standards it names.
    pub portfolio: Option<portfolio::Portfolio>,
}

/// Reads the folder at `root`. Problems are collected, never thrown.
pub fn load(root: &Path) -> (Sources, Diagnostics) {
    let mut diags = Diagnostics::new();
    let mut s = Sources {
        root: root.to_path_buf(),
        ..Sources::default()
    };
    let course_file = root.join("course.yaml");
    if !course_file.is_file() && root.join("profile.md").is_file() {
        s.standalone = true;
        s.students_dir = root.to_path_buf();
        if root.join("standards.yaml").is_file() {
            s.standards = read_yaml(
                &root.join("standards.yaml"),
                &Scope::student(root),
                &mut diags,
            );
            s.broken.standards = s.standards.is_none();
        }
        // The folder's own name, also when `root` is `.` or ends in `..`.
        let id = std::fs::canonicalize(root)
            .unwrap_or_else(|_| root.to_path_buf())
            .file_name()
            .map_or("student".into(), |n| n.to_string_lossy().into_owned());
        s.students.push(read_student(id, root, &mut diags));
        read_copies(
            root,
            "static",
            "",
            &mut s.statics,
            &Scope::student(root),
            &mut diags,
        );
        s.templates = read_templates(root, &Scope::student(root), &mut diags);
        s.portfolio = portfolio::read(root, &mut diags);
        return (s, diags);
    }
    if !course_file.is_file() {
        diags.push(
            Diagnostic::error(&course_file, None, "no course.yaml in this folder")
                .with_hint("run pathfolio in a course folder (one with course.yaml), or in a student's folder with profile.md"),
        );
        return (s, diags);
    }
    s.course = read_yaml(
        &course_file,
        &Scope::teacher(&[root.to_path_buf()]),
        &mut diags,
    );
    let places = Places::of(root, s.course.as_ref().map(|c| &c.raw));
    s.students_dir = places.students.clone();
    let allowed = &Scope::teacher(&[root.to_path_buf(), s.students_dir.clone()]);
    let course_only = &Scope::teacher(&[root.to_path_buf()]);
    s.has_roster = places.roster.exists();
    s.roster_path = places.roster.clone();
    s.roster = teacher::read_roster(root, &places, &mut diags);
    s.assessments = teacher::read_assessments(root, &places, &mut diags);

    let standards_file = root.join("standards.yaml");
    if standards_file.is_file() {
        s.standards = read_yaml(&standards_file, course_only, &mut diags);
        s.broken.standards = s.standards.is_none();
    }
    let broken = &mut s.broken;
    s.units = read_named(
        &root.join("units"),
        course_only,
        &mut broken.units,
        &mut diags,
    );
    s.playlists = read_named(
        &root.join("playlists"),
        course_only,
        &mut broken.playlists,
        &mut diags,
    );
    s.rubrics = read_named(
        &root.join("rubrics"),
        course_only,
        &mut broken.rubrics,
        &mut diags,
    );
    if s.students_dir.is_dir() {
        let dirs = student_folders(root, &s.students_dir, allowed, &mut diags);
        let read: Vec<_> = dirs
            .par_iter()
            .map(|dir| {
                let mut d = Diagnostics::new();
                (read_student(file_name(dir), dir, &mut d), d)
            })
            .collect();
        for (student, d) in read {
            s.students.push(student);
            diags.extend(d);
        }
    }
    read_copies(
        root,
        "resources",
        "resources/",
        &mut s.resources,
        course_only,
        &mut diags,
    );
    read_copies(root, "static", "", &mut s.statics, course_only, &mut diags);
    s.templates = read_templates(root, course_only, &mut diags);
    (s, diags)
}

/// Where course.yaml puts the students folder, and a theme folder other than the
/// default theme, from course.yaml alone (the defaults if it cannot be read).
pub fn folders(root: &Path) -> (PathBuf, Option<PathBuf>) {
    let places = Places::read(root);
    (places.students, places.theme)
}

/// The folders a course is read from, absolute and with links resolved: the
/// course folder first, then the students, assessments, roster and theme folders
/// when course.yaml puts them outside it (and they exist). `serve` watches them;
/// `build` lists them to know whether anything changed.
pub fn roots(dir: &Path) -> Vec<PathBuf> {
    let real = |p: &Path| {
        std::fs::canonicalize(p)
            .or_else(|_| std::path::absolute(p))
            .unwrap_or_else(|_| p.to_path_buf())
    };
    let course = real(dir);
    let places = Places::read(dir);
    let mut roots = vec![course.clone()];
    let roster = places.roster_folder();
    let extras = [places.students, places.assessments, roster];
    for extra in extras.into_iter().chain(places.theme) {
        let extra = real(&extra);
        if extra.is_dir() && !extra.starts_with(&course) && !roots.contains(&extra) {
            roots.push(extra);
        }
    }
    roots
}

/// course.yaml as written, if it can be read: for what is needed before the
/// course is loaded (the build date of a build's stamp).
pub fn read_course(root: &Path) -> Option<raw::RawCourse> {
    let mut ignored = Diagnostics::new();
    let scope = Scope::teacher(&[root.to_path_buf()]);
    read_yaml::<raw::RawCourse>(&root.join("course.yaml"), &scope, &mut ignored).map(|c| c.raw)
}

/// Reads `<dir>/<name>.md` and `<dir>/<name>/index.md` files; the slugs of those
/// that cannot be read go into `broken`.
pub(crate) fn read_named<T: DeserializeOwned>(
    dir: &Path,
    scope: &Scope,
    broken: &mut BTreeSet<String>,
    diags: &mut Diagnostics,
) -> Vec<Named<T>> {
    let mut out = Vec::new();
    for path in list(dir, scope, diags) {
        let name = file_name(&path);
        if is_hidden(&path) {
            continue;
        }
        let (file, folder, base) = if path.is_dir() {
            let index = path.join("index.md");
            if !index.is_file() {
                diags.push(
                    Diagnostic::warning(&path, None, "this folder has no index.md and is skipped")
                        .with_hint("a folder item needs an index.md with front matter"),
                );
                continue;
            }
            (index, Some(path.clone()), name)
        } else if path.extension().is_some_and(|e| e == "md") {
            (path.clone(), None, stem(&path))
        } else {
            continue;
        };
        let (prefix_order, slug) = split_order_prefix(&base);
        match read_markdown(&file, scope, diags) {
            Some(loaded) => out.push(Named {
                slug: slug.to_string(),
                prefix_order,
                folder,
                file: loaded,
            }),
            None => {
                broken.insert(slug.to_string());
            }
        }
    }
    out
}

/// `01-cells` → (Some(1), "cells"); `cells` → (None, "cells").
pub fn split_order_prefix(name: &str) -> (Option<i64>, &str) {
    if let Some((digits, rest)) = name.split_once('-')
        && !digits.is_empty()
        && !rest.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit())
    {
        return (digits.parse().ok(), rest);
    }
    (None, name)
}

pub(crate) fn read_markdown<T: DeserializeOwned>(
    path: &Path,
    scope: &Scope,
    diags: &mut Diagnostics,
) -> Option<Loaded<T>> {
    let text = read_checked(path, scope).map_err(|d| diags.push(d)).ok()?;
    let split = match frontmatter::split(path, &text) {
        Ok(s) => s,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let body_line = frontmatter::body_line(&text, split.body);
    match yaml::parse::<T>(path, split.yaml, split.yaml_line) {
        Ok(raw) => Some(Loaded {
            path: path.to_path_buf(),
            yaml_line: split.yaml_line,
            raw,
            body: split.body.to_string(),
            body_line,
        }),
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

pub(crate) fn read_yaml<T: DeserializeOwned>(
    path: &Path,
    scope: &Scope,
    diags: &mut Diagnostics,
) -> Option<Loaded<T>> {
    let text = read_checked(path, scope).map_err(|d| diags.push(d)).ok()?;
    match yaml::parse::<T>(path, &text, 1) {
        Ok(raw) => Some(Loaded {
            path: path.to_path_buf(),
            yaml_line: 1,
            raw,
            body: String::new(),
            body_line: 1,
        }),
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

/// Reads a text file that `scope` holds; problems are reported at `path` as found.
pub fn read_checked(path: &Path, scope: &Scope) -> Result<String, Diagnostic> {
    source::read_checked_text(&scope.check(path)?)
}

/// Copies of every file under `root/sub`, mapped to `site_prefix` + relative path.
fn read_copies(
    root: &Path,
    sub: &str,
    site_prefix: &str,
    out: &mut Vec<(Checked, String)>,
    scope: &Scope,
    diags: &mut Diagnostics,
) {
    for f in walk_files(&root.join(sub), scope, diags) {
        out.push((f.file, format!("{site_prefix}{}", f.name)));
    }
}

fn read_templates(root: &Path, scope: &Scope, diags: &mut Diagnostics) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for f in walk_files(&root.join("templates"), scope, diags) {
        match source::read_checked_text(&f.file) {
            Ok(text) => out.push((f.name, text)),
            Err(d) => diags.push(d),
        }
    }
    out
}

/// A file found below a folder, checked against its scope.
#[derive(Debug, Clone)]
pub struct Found {
    pub file: Checked,
    /// The path below the folder walked, with `/` separators.
    pub name: String,
}

/// Every regular file below `dir`, sorted, hidden files skipped, each resolved and
/// checked against `scope` (a refused file is reported and left out).
pub fn walk_files(dir: &Path, scope: &Scope, diags: &mut Diagnostics) -> Vec<Found> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return out;
    }
    if let Err(d) = scope.resolve(dir) {
        diags.push(d);
        return out;
    }
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() || e.path_is_symlink() => {
                let file = match scope.check(e.path()) {
                    Ok(file) => file,
                    Err(d) => {
                        diags.push(d);
                        continue;
                    }
                };
                // A link to a folder is not walked into.
                if !file.real().is_file() {
                    continue;
                }
                let Ok(rel) = e.path().strip_prefix(dir) else {
                    continue;
                };
                let name = rel.to_string_lossy().replace('\\', "/");
                out.push(Found { file, name });
            }
            Ok(_) => {}
            Err(err) => {
                let path = err
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| dir.to_path_buf());
                diags.push(Diagnostic::error(
                    path,
                    None,
                    format!("cannot read this folder: {err}"),
                ));
            }
        }
    }
    out
}

/// The entries of one folder, sorted by name; the folder and each entry must stay
/// inside `scope` (a refused one is reported and left out).
pub(crate) fn list(dir: &Path, scope: &Scope, diags: &mut Diagnostics) -> Vec<PathBuf> {
    if !dir.exists() && !dir.is_symlink() {
        return Vec::new();
    }
    if let Err(d) = scope.resolve(dir) {
        diags.push(d);
        return Vec::new();
    }
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = read.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    paths
        .into_iter()
        .filter(|p| is_hidden(p) || scope.resolve(p).map_err(|d| diags.push(d)).is_ok())
        .collect()
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or(String::new(), |n| n.to_string_lossy().into_owned())
}

pub(crate) fn stem(path: &Path) -> String {
    path.file_stem()
        .map_or(String::new(), |n| n.to_string_lossy().into_owned())
}

pub(crate) fn is_hidden(path: &Path) -> bool {
    let n = file_name(path);
    n.starts_with('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_prefix() {
        assert_eq!(split_order_prefix("01-cells"), (Some(1), "cells"));
        assert_eq!(split_order_prefix("cells"), (None, "cells"));
        assert_eq!(split_order_prefix("ls2-1"), (None, "ls2-1"));
        assert_eq!(split_order_prefix("12-"), (None, "12-"));
    }
}
