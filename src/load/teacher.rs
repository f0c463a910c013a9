//! Where the teacher's files are (course.yaml's `students_dir`, `assessments_dir`,
//! `roster`: each may point outside the course, e.g. to a private checkout), and
//! reading the teacher's files about students: the roster and the assessments.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_saphyr::Spanned;

use super::raw::{RawAssessment, RawCourse, RawRosterEntry, Text};
use super::{Loaded, Scope, list, read_yaml, stem};
use crate::diag::{Diagnostic, Diagnostics};

/// The folders and files course.yaml places, each resolved against the course.
#[derive(Debug, Clone, Default)]
pub struct Places {
    pub students: PathBuf,
    pub assessments: PathBuf,
    pub roster: PathBuf,
    /// Whether course.yaml names `assessments_dir` / `roster` itself: then a missing
    /// one is an error (a private checkout that is not there must not publish
    /// students on their profile alone).
    pub assessments_given: bool,
    pub roster_given: bool,
    /// A theme folder other than the default theme.
    pub theme: Option<PathBuf>,
}

impl Places {
    /// The places `course` (course.yaml, if it could be read) gives, else the defaults.
    pub fn of(root: &Path, course: Option<&RawCourse>) -> Places {
        let place = |given: Option<&Text>, default: &str| {
            root.join(given.map_or(default, |t| t.value.as_str()))
        };
        Places {
            students: place(course.and_then(|c| c.students_dir.as_ref()), "students"),
            assessments: place(
                course.and_then(|c| c.assessments_dir.as_ref()),
                "assessments",
            ),
            roster: place(course.and_then(|c| c.roster.as_ref()), "roster.yaml"),
            assessments_given: course.is_some_and(|c| c.assessments_dir.is_some()),
            roster_given: course.is_some_and(|c| c.roster.is_some()),
            theme: course
                .and_then(|c| c.theme.as_ref())
                .filter(|t| t.value != "default")
                .map(|t| root.join(&t.value)),
        }
    }

    /// The places of the course at `root`, from course.yaml alone.
    pub fn read(root: &Path) -> Places {
        let mut ignored = Diagnostics::new();
        let course: Option<Loaded<RawCourse>> = read_yaml(
            &root.join("course.yaml"),
            &Scope::teacher(&[root.to_path_buf()]),
            &mut ignored,
        );
        Places::of(root, course.as_ref().map(|c| &c.raw))
    }

    /// The folder the roster file is in.
    pub fn roster_folder(&self) -> PathBuf {
        self.roster
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    }
}

/// Reads `roster.yaml` where course.yaml puts it; None when there is none.
pub fn read_roster(
    root: &Path,
    places: &Places,
    diags: &mut Diagnostics,
) -> Option<Loaded<Vec<Spanned<RawRosterEntry>>>> {
    let path = &places.roster;
    if !path.exists() && !path.is_symlink() {
        if places.roster_given {
            diags.push(
                Diagnostic::error(
                    root.join("course.yaml"),
                    None,
                    format!("the roster `{}` does not exist", path.display()),
                )
                .with_hint("check `roster:` in course.yaml (is the private checkout there?), or remove it to build without a roster"),
            );
        }
        return None;
    }
    let scope = Scope::teacher(&[root.to_path_buf(), places.roster_folder()]);
    read_yaml(path, &scope, diags)
}

/// Reads `assessments/<student-id>.yaml` files, by student id.
pub fn read_assessments(
    root: &Path,
    places: &Places,
    diags: &mut Diagnostics,
) -> Vec<(String, Loaded<Vec<Spanned<RawAssessment>>>)> {
    let dir = &places.assessments;
    if places.assessments_given && !dir.is_dir() {
        diags.push(
            Diagnostic::error(
                root.join("course.yaml"),
                None,
                format!("the assessments folder `{}` does not exist", dir.display()),
            )
            .with_hint("check `assessments_dir:` in course.yaml (is the private checkout there?)"),
        );
        return Vec::new();
    }
    let scope = &Scope::teacher(&[root.to_path_buf(), dir.clone()]);
    // A school has thousands of these files: they are read and parsed on all cores,
    // and the results kept in folder order, so nothing depends on the scheduling.
    let files: Vec<PathBuf> = list(dir, scope, diags)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml") && p.is_file())
        .collect();
    let read: Vec<_> = files
        .par_iter()
        .map(|path| {
            let mut d = Diagnostics::new();
            let loaded = read_yaml(path, scope, &mut d);
            (loaded.map(|l| (stem(path), l)), d)
        })
        .collect();
    let mut out = Vec::new();
    for (loaded, d) in read {
        out.extend(loaded);
        diags.extend(d);
    }
    out
}
