//! A student's problem never stops the class (SPEC §4).
//!
//! After every check has run, an error in a student's own files leaves out just
//! what is broken: the evidence item whose file (or folder) has the error, or the
//! whole student for an error anywhere else in their folder (the profile, the folder
//! itself). This is decided here, once, from where the errors are, so every check —
//! front matter, references, links, media — withholds alike. `check` still reports
//! those problems as errors; a build reports them as warnings ([`for_build`]) and
//! goes on, unless `--strict`.

use std::collections::BTreeSet;
use std::path::{Component, Path};

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::load::{Sources, split_order_prefix};
use crate::model::{AssessmentTarget, Course, Withheld};

/// Whose file `path` is: the student id, and the evidence slug when it is inside
/// that student's `evidence/` folder. None for the teacher's files.
fn owner(path: &Path, students_dir: &Path) -> Option<(String, Option<String>)> {
    // No students folder (no course.yaml): nothing is a student's.
    if students_dir.as_os_str().is_empty() {
        return None;
    }
    let rel = path.strip_prefix(students_dir).ok()?;
    let mut parts = rel.components().filter_map(|c| match c {
        Component::Normal(n) => Some(n.to_string_lossy().into_owned()),
        _ => None,
    });
    let id = parts.next()?;
    let slug = match (parts.next().as_deref(), parts.next()) {
        (Some("evidence"), Some(name)) => {
            let base = match name.strip_suffix(".md") {
                Some(stem) if parts.next().is_none() => stem.to_string(),
                _ => name,
            };
            Some(split_order_prefix(&base).1.to_string())
        }
        _ => None,
    };
    Some((id, slug))
}

/// What the errors in `diags` withhold: one entry per student or evidence item,
/// a student left out whole taking the place of their items.
fn collect(diags: &Diagnostics, root: &Path, students_dir: &Path) -> Vec<Withheld> {
    let mut found: Vec<Withheld> = Vec::new();
    // A students folder that holds the course itself (`students_dir: .`) cannot
    // tell a student's files from the teacher's: nothing is withheld then.
    if root.starts_with(students_dir) {
        return found;
    }
    for d in diags.iter().filter(|d| d.is_error()) {
        let Some((student, evidence)) = owner(&d.path, students_dir) else {
            continue;
        };
        if found
            .iter()
            .any(|w| w.student == student && w.evidence == evidence)
        {
            continue;
        }
        let path = match &evidence {
            Some(_) => d.path.clone(),
            None => students_dir.join(&student),
        };
        found.push(Withheld {
            student,
            evidence,
            path,
            scores: Vec::new(),
        });
    }
    let whole: BTreeSet<String> = found
        .iter()
        .filter(|w| w.evidence.is_none())
        .map(|w| w.student.clone())
        .collect();
    found.retain(|w| w.evidence.is_none() || !whole.contains(&w.student));
    found.sort();
    found
}

/// Removes from `course` what has errors in students' files, and the teacher's
/// scores of evidence that is no longer there. Records what was left out.
pub(super) fn withhold(sources: &Sources, course: &mut Course, diags: &Diagnostics) {
    if sources.standalone {
        // A student's own folder has no class to protect: its errors stop the build.
        return;
    }
    let withheld = collect(diags, &sources.root, &sources.students_dir);
    let whole: BTreeSet<String> = withheld
        .iter()
        .filter(|w| w.evidence.is_none())
        .map(|w| w.student.clone())
        .collect();
    course.students.retain(|s| !whole.contains(&s.id));
    let mut withheld = withheld;
    for s in &mut course.students {
        let mut items = withheld
            .iter_mut()
            .filter(|w| w.student == s.id && w.evidence.is_some())
            .peekable();
        if items.peek().is_none() {
            continue;
        }
        let file = sources.assessments.iter().find(|(id, _)| id == &s.id);
        for w in items {
            let Some(slug) = &w.evidence else { continue };
            s.evidence.retain(|e| &e.slug != slug);
            s.assessments.retain(|a| {
                let scores_it = matches!(&a.target,
                    AssessmentTarget::Evidence { evidence, .. } if evidence == slug);
                if scores_it && let Some((_, file)) = file {
                    let pos = file.raw.get(a.seq).map(|v| file.pos(v));
                    w.scores.push((file.path.clone(), pos));
                }
                !scores_it
            });
        }
    }
    course.withheld = withheld;
}

/// A build's view of the problems: errors in students' own files become warnings
/// (what they broke is withheld, the class is built), with one line per withheld
/// student or item saying so. `diags` are all of them, the loader's included (a
/// file that could not be read never reached the model). `check` does not use
/// this: there they stay errors.
pub fn for_build(diags: Diagnostics, course: &mut Course, students_dir: &Path) -> Diagnostics {
    if course.standalone {
        return diags;
    }
    let mut all = collect(&diags, &course.root, students_dir);
    for w in &mut all {
        if let Some(known) = course
            .withheld
            .iter()
            .find(|k| k.student == w.student && k.evidence == w.evidence)
        {
            w.scores = known.scores.clone();
        }
    }
    course.withheld = all;
    let mut out = Diagnostics::new();
    let demote = !course.root.starts_with(students_dir);
    for mut d in diags {
        if demote && d.is_error() && owner(&d.path, students_dir).is_some() {
            d.severity = Severity::Warning;
        }
        out.push(d);
    }
    for w in &course.withheld {
        let what = match &w.evidence {
            Some(slug) => format!("the evidence item `{slug}` is left out of the site"),
            None => format!("the student `{}` is left out of the site", w.student),
        };
        out.push(Diagnostic::warning(&w.path, None, what).with_hint(
            "fix the problems reported in the student's files; the rest of the class is built",
        ));
        for (file, pos) in &w.scores {
            let slug = w.evidence.as_deref().unwrap_or_default();
            out.push(
                Diagnostic::warning(
                    file,
                    *pos,
                    format!(
                        "this score of `{slug}` is left out while that evidence item is withheld"
                    ),
                )
                .with_hint(
                    "it comes back once the student's file is fixed; nothing to change here",
                ),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owner_names_the_student_and_the_evidence_slug() {
        let s = Path::new("/c/students");
        let own = |p: &str| owner(Path::new(p), s);
        assert_eq!(
            own("/c/students/ada-l/evidence/02-model.md"),
            Some(("ada-l".into(), Some("model".into())))
        );
        assert_eq!(
            own("/c/students/ada-l/evidence/model/index.md"),
            Some(("ada-l".into(), Some("model".into())))
        );
        assert_eq!(
            own("/c/students/ada-l/evidence/model/a.md"),
            Some(("ada-l".into(), Some("model".into())))
        );
        assert_eq!(
            own("/c/students/ada-l/profile.md"),
            Some(("ada-l".into(), None))
        );
        assert_eq!(own("/c/students/ada-l"), Some(("ada-l".into(), None)));
        assert_eq!(own("/c/units/x.md"), None);
        assert_eq!(own("/c/students"), None);
    }
}
