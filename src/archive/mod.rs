//! A school's read-only archive of past courses: each course's public site in its
//! own folder, an index page by year and term, all in a BagIt bag that can be
//! verified later (see docs/archive.md).
//!
//! ```text
//! ARCHIVE/
//!   bagit.txt  bag-info.txt  manifest-sha256.txt  tagmanifest-sha256.txt
//!   data/index.html                       the index by year and term
//!   data/<term-slug>/<course-slug>/…      each course's public build
//! ```
//!
//! The archive is made in a new folder beside ARCHIVE and moved into place only when
//! everything worked, like a build.

pub mod bag;
pub mod index;
mod offline;
pub mod verify;

use std::path::{Path, PathBuf};

use crate::audience::Audience;
use crate::diag::{Diagnostic, Diagnostics};
use crate::pipeline::{BuildOptions, load_course, prepare};

pub use index::{Entry, year_of};
pub use verify::{Difference, Finding, Verification, verify};

/// What `pathfolio archive` was asked to do.
#[derive(Debug, Clone)]
pub struct ArchiveOptions {
    /// The course folders, in any order (the index sorts them).
    pub courses: Vec<PathBuf>,
    pub out: PathBuf,
    /// Replace an existing pathfolio archive at `out`.
    pub force: bool,
    /// The school, for `Source-Organization` and the index's heading.
    pub organization: Option<String>,
    /// Students left out of every course as if they had never been published
    /// (`--exclude-student`, after a family withdraws consent): no file of the
    /// archive holds anything of them, and nothing says that they were left out.
    pub exclude_students: Vec<String>,
}

/// What a successful archive run made.
#[derive(Debug)]
pub struct ArchiveReport {
    pub out: PathBuf,
    pub courses: Vec<Entry>,
    /// Payload files and bytes.
    pub files: usize,
    pub bytes: u64,
    /// SHA-256 of tagmanifest-sha256.txt, to note down somewhere else.
    pub fingerprint: String,
    /// Warnings from the courses' builds.
    pub diagnostics: Diagnostics,
}

/// Builds every course's public site and writes the archive. Nothing is written
/// unless every course builds.
pub fn create(opts: &ArchiveOptions) -> Result<ArchiveReport, Diagnostics> {
    check_target(opts)?;
    let mut diagnostics = Diagnostics::new();
    let mut errors = Diagnostics::new();
    let mut built: Vec<(Entry, &Path, crate::render::Site)> = Vec::new();
    // Every student id of every course, to tell a mistyped --exclude-student.
    let mut known: Vec<String> = Vec::new();
    for dir in &opts.courses {
        let (course, diags) = load_course(dir);
        if diags.has_errors() {
            errors.extend(prefix(dir, diags));
            continue;
        }
        if course.standalone {
            errors.push(
                Diagnostic::error(dir, None, "this is a student's folder, not a course")
                    .with_hint("archive course folders (those with course.yaml)"),
            );
            continue;
        }
        let c = &course.config;
        let entry = Entry {
            title: c.title.clone(),
            code: c.code.clone(),
            term: c.term.clone(),
            teachers: c.teachers.iter().map(|t| t.name.clone()).collect(),
            folder: index::folder(&c.term, &c.code, &c.title),
        };
        if let Some((_, other, _)) = built.iter().find(|(e, _, _)| e.folder == entry.folder) {
            errors.push(
                Diagnostic::error(
                    dir.join("course.yaml"),
                    None,
                    format!(
                        "this course would go in the same archive folder ({}) as {}",
                        entry.folder,
                        other.display()
                    ),
                )
                .with_hint("give the courses different `code:` values (or terms) in course.yaml"),
            );
            continue;
        }
        known.extend(course.students.iter().map(|s| s.id.clone()));
        match public_site(dir, &opts.exclude_students) {
            Ok((site, warnings)) => {
                diagnostics.extend(prefix(dir, warnings));
                built.push((entry, dir, site));
            }
            Err(d) => errors.extend(prefix(dir, d)),
        }
    }
    for id in &opts.exclude_students {
        if !errors.has_errors() && !known.contains(id) {
            let mut e = Diagnostic::error(
                Path::new("--exclude-student"),
                None,
                format!("there is no student `{id}` in the courses archived"),
            );
            e.hint = crate::diag::suggest(id, known.iter().map(String::as_str));
            errors.push(e);
        }
    }
    if errors.has_errors() {
        return Err(errors.sorted());
    }
    let staging = sibling(&opts.out, "new");
    let _ = std::fs::remove_dir_all(&staging);
    let result = write_bag(opts, &staging, &built, &mut diagnostics).and_then(
        |(files, bytes, fingerprint)| {
            swap(&staging, &opts.out)?;
            Ok((files, bytes, fingerprint))
        },
    );
    let _ = std::fs::remove_dir_all(&staging);
    let (files, bytes, fingerprint) = result.map_err(Diagnostics::from)?;
    Ok(ArchiveReport {
        out: opts.out.clone(),
        courses: built.into_iter().map(|(e, _, _)| e).collect(),
        files,
        bytes,
        fingerprint,
        diagnostics: diagnostics.sorted(),
    })
}

fn write_bag(
    opts: &ArchiveOptions,
    staging: &Path,
    built: &[(Entry, &Path, crate::render::Site)],
    diagnostics: &mut Diagnostics,
) -> Result<(usize, u64, String), Diagnostic> {
    let io = |what: &str, path: &Path, e: std::io::Error| {
        Diagnostic::error(path, None, format!("{what}: {e}")).with_hint(
            "check that you may write there and that the disk has room; nothing was changed",
        )
    };
    let data = staging.join("data");
    std::fs::create_dir_all(&data).map_err(|e| io("cannot create the archive", staging, e))?;
    for (entry, _, site) in built {
        crate::write::write(site, &data.join(&entry.folder))?;
    }
    for d in offline::check(&data) {
        diagnostics.push(d);
    }
    let date = crate::text::today().to_string();
    let entries: Vec<Entry> = built.iter().map(|(e, _, _)| e.clone()).collect();
    let page = index::page(&entries, opts.organization.as_deref(), &date);
    std::fs::write(data.join("index.html"), page)
        .map_err(|e| io("cannot write the index page", &data, e))?;
    let description = format!(
        "Read-only archive of {} course site(s), made by pathfolio",
        built.len()
    );
    bag::write_tags(staging, opts.organization.as_deref(), &description)
        .map_err(|e| io("cannot write the manifests", staging, e))
}

/// A course's public site, in memory, without the `exclude` students: they are
/// taken out of what the public may see before anything is computed or rendered,
/// so no page, search index, sitemap or copied file of the archive holds them.
fn public_site(
    dir: &Path,
    exclude: &[String],
) -> Result<(crate::render::Site, Diagnostics), Diagnostics> {
    let opts = BuildOptions {
        dir: dir.to_path_buf(),
        out: None,
        audience: Audience::Public,
        base_url: None,
        force: false,
        strict: false,
        today: None,
    };
    let mut p = prepare(&opts, &mut |_| {}, None)?;
    if !exclude.is_empty() {
        p.course.students.retain(|s| !exclude.contains(&s.id));
        p.course.withheld.retain(|w| !exclude.contains(&w.student));
        p.computed = crate::compute::Computed::new(&p.course);
    }
    let site = crate::render::site(&p.course, &p.policy, &p.computed, &crate::render::Memory)
        .map_err(|d| d.relative_to(dir))?;
    Ok((site, p.warnings))
}

/// Diagnostics of one course with paths that say which course they are in.
fn prefix(dir: &Path, diags: Diagnostics) -> Diagnostics {
    let mut out = Diagnostics::new();
    for mut d in diags.iter().cloned() {
        if d.path.is_relative() {
            d.path = dir.join(&d.path);
        }
        out.push(d);
    }
    out
}

/// A hidden folder beside `out`, for building into or moving the old archive to.
fn sibling(out: &Path, what: &str) -> PathBuf {
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = out
        .file_name()
        .map_or("archive".into(), |n| n.to_string_lossy().into_owned());
    parent.join(format!(".{name}.pathfolio-{what}-{}", std::process::id()))
}

/// Refuses an ARCHIVE folder that holds anything but a pathfolio archive, or a
/// pathfolio archive without `--force`, or a folder that holds one of the courses.
fn check_target(opts: &ArchiveOptions) -> Result<(), Diagnostics> {
    let out = &opts.out;
    let abs = |p: &Path| std::fs::canonicalize(p).or_else(|_| std::path::absolute(p));
    if let Ok(target) = abs(out) {
        for c in &opts.courses {
            if abs(c).is_ok_and(|c| c.starts_with(&target) || target.starts_with(&c)) {
                return Err(Diagnostics::from(
                    Diagnostic::error(
                        out,
                        None,
                        format!(
                            "the archive folder and the course folder {} are inside one another",
                            c.display()
                        ),
                    )
                    .with_hint(
                        "choose an archive folder outside the courses, such as `../archive-2027`",
                    ),
                ));
            }
        }
    }
    let empty = std::fs::read_dir(out).map_or(true, |mut r| r.next().is_none());
    if !out.exists() || (out.is_dir() && empty) {
        return Ok(());
    }
    let msg = if !out.is_dir() {
        "the archive folder is a file"
    } else if !bag::is_pathfolio_bag(out) {
        "the archive folder is not empty and is not a pathfolio archive; it was left as it is"
    } else if opts.force {
        return Ok(());
    } else {
        "there is already an archive in this folder"
    };
    let hint = if bag::is_pathfolio_bag(out) {
        "give --force to replace it (the old archive is removed only once the new one is complete), or choose another folder"
    } else {
        "choose a new or empty folder with -o"
    };
    Err(Diagnostics::from(
        Diagnostic::error(out, None, msg).with_hint(hint),
    ))
}

/// Moves the finished archive into place; an old one is removed only afterwards.
fn swap(staging: &Path, out: &Path) -> Result<(), Diagnostic> {
    let fail = |what: &str, e: std::io::Error| {
        Diagnostic::error(out, None, format!("{what}: {e}"))
            .with_hint("the previous archive, if any, was left as it was")
    };
    let old = sibling(out, "old");
    let had_old = out.exists();
    if had_old {
        let _ = std::fs::remove_dir_all(&old);
        std::fs::rename(out, &old).map_err(|e| fail("cannot move the old archive aside", e))?;
    }
    if let Err(e) = std::fs::rename(staging, out) {
        if had_old {
            let _ = std::fs::rename(&old, out);
        }
        return Err(fail("cannot move the new archive into place", e));
    }
    if had_old {
        let _ = std::fs::remove_dir_all(&old);
    }
    Ok(())
}
