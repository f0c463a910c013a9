//! Reading the students' folders: each one's profile and evidence, and which
//! folders are students' at all.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::{RawStudent, Scope, is_hidden, list, read_markdown, read_named};
use crate::diag::{Diagnostic, Diagnostics};

/// Reads one student's folder (`profile.md` and `evidence/`) as `load` does.
pub fn read_student(id: String, dir: &Path, diags: &mut Diagnostics) -> RawStudent {
    let allowed = &Scope::student(dir);
    let profile_path = dir.join("profile.md");
    let profile = if profile_path.is_file() {
        read_markdown(&profile_path, allowed, diags)
    } else {
        diags.push(
            Diagnostic::error(
                &profile_path,
                None,
                format!("the student folder `{id}` has no profile.md"),
            )
            .with_hint("add profile.md with at least `name:` in its front matter"),
        );
        None
    };
    let evidence_dir = dir.join("evidence");
    let mut broken_evidence = BTreeSet::new();
    let evidence = read_named(&evidence_dir, allowed, &mut broken_evidence, diags);
    RawStudent {
        id,
        dir: dir.to_path_buf(),
        profile,
        evidence,
        broken_evidence,
    }
}

/// The students' folders. A folder reached through a symlink is read only when it
/// is not another student's folder (or inside one) and does not hold the course or
/// the students folder: a link must not hand one student's work to another id.
pub(super) fn student_folders(
    root: &Path,
    students_dir: &Path,
    scope: &Scope,
    diags: &mut Diagnostics,
) -> Vec<PathBuf> {
    let dirs: Vec<PathBuf> = list(students_dir, scope, diags)
        .into_iter()
        .filter(|d| d.is_dir() && !is_hidden(d))
        .collect();
    let real = |p: &Path| std::fs::canonicalize(p).ok();
    let (course, students) = (real(root), real(students_dir));
    let reals: Vec<Option<PathBuf>> = dirs.iter().map(|d| real(d)).collect();
    let mut out = Vec::new();
    for (i, dir) in dirs.iter().enumerate() {
        let Some(me) = &reals[i] else { continue };
        // Only a linked folder can be someone else's: the others are not compared.
        let holds_course = || {
            [&course, &students]
                .into_iter()
                .flatten()
                .any(|c| c.starts_with(me))
        };
        let shared = || {
            reals.iter().enumerate().any(|(j, other)| {
                j != i
                    && other
                        .as_ref()
                        .is_some_and(|o| me.starts_with(o) || o.starts_with(me))
            })
        };
        if dir.is_symlink() && (holds_course() || shared()) {
            diags.push(
                Diagnostic::error(
                    dir,
                    None,
                    "this student folder is a link to another student's folder or to the course, and is not read",
                )
                .with_hint("give each student a folder of their own"),
            );
            continue;
        }
        out.push(dir.clone());
    }
    out
}
