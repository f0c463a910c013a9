//! What the course defines but nothing uses: `pathfolio check` only, and only for a
//! course without errors (a file left out because of an error would make what it
//! refers to look unused).

use std::collections::BTreeSet;

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::load::Sources;
use crate::model::{AssessmentTarget, Course};

/// Warnings for unused rubrics and standards and for evidence that counts for
/// nothing; notes for playlist items no student has completed yet.
pub fn check(s: &Sources, course: &Course) -> Diagnostics {
    let mut diags = Diagnostics::new();
    if course.standalone {
        return diags;
    }
    let (standards, rubrics) = used(course);
    if let Some(file) = &s.standards {
        for st in file.raw.iter().map(|st| &st.value.code) {
            if !standards.contains(&st.value) {
                diags.push(
                    Diagnostic::warning(
                        &file.path,
                        file.pos(st),
                        format!("the standard `{}` is not used by any unit, playlist, rubric or evidence", st.value),
                    )
                    .with_hint("list it in a unit's `standards:`, or remove it from standards.yaml"),
                );
            }
        }
    }
    for r in &s.rubrics {
        if !rubrics.contains(&r.slug) {
            diags.push(
                Diagnostic::warning(
                    &r.file.path,
                    r.file.pos(&r.file.raw.title),
                    format!(
                        "the rubric `{}` is not used by any playlist item or assessment",
                        r.slug
                    ),
                )
                .with_hint(format!(
                    "give a checkpoint item `rubric: {}`, or remove this file",
                    r.slug
                )),
            );
        }
    }
    evidence_that_counts_for_nothing(s, course, &mut diags);
    if !course.students.is_empty() {
        items_nobody_completed(s, course, &mut diags);
    }
    diags
}

/// The standards and rubrics something refers to.
fn used(course: &Course) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut standards = BTreeSet::new();
    let mut rubrics = BTreeSet::new();
    for u in &course.units {
        standards.extend(u.standards.iter().cloned());
    }
    for p in &course.playlists {
        standards.extend(p.standards.iter().cloned());
        for i in p.items() {
            standards.extend(i.standards.iter().cloned());
            rubrics.extend(i.rubric.iter().cloned());
        }
    }
    for r in &course.rubrics {
        standards.extend(r.criteria.iter().filter_map(|c| c.standard.clone()));
    }
    for st in &course.students {
        for e in &st.evidence {
            standards.extend(e.standards.iter().cloned());
            rubrics.extend(e.self_assessment.iter().map(|sa| sa.rubric.clone()));
        }
        for a in &st.assessments {
            match &a.target {
                AssessmentTarget::Evidence { scores, .. } => {
                    rubrics.extend(scores.iter().map(|sc| sc.rubric.clone()));
                }
                AssessmentTarget::Standard { standard, .. } => {
                    standards.insert(standard.clone());
                }
            }
        }
    }
    (standards, rubrics)
}

fn evidence_that_counts_for_nothing(s: &Sources, course: &Course, diags: &mut Diagnostics) {
    for st in &course.students {
        let assessed: BTreeSet<&str> = st
            .assessments
            .iter()
            .filter_map(|a| match &a.target {
                AssessmentTarget::Evidence { evidence, .. } => Some(evidence.as_str()),
                AssessmentTarget::Standard { .. } => None,
            })
            .collect();
        for e in &st.evidence {
            if !e.completes.is_empty()
                || !e.standards.is_empty()
                || assessed.contains(e.slug.as_str())
            {
                continue;
            }
            let pos = s
                .students
                .iter()
                .flat_map(|raw| &raw.evidence)
                .find(|n| n.file.path == e.source)
                .map(|n| n.file.pos(&n.file.raw.title));
            diags.push(
                Diagnostic::warning(&e.source, pos, "this evidence completes no playlist item and shows no standard")
                    .with_hint("add `completes: [playlist/item-id]` or `standards: [CODE]` so it counts towards progress or mastery"),
            );
        }
    }
}

fn items_nobody_completed(s: &Sources, course: &Course, diags: &mut Diagnostics) {
    let by_evidence = course
        .students
        .iter()
        .flat_map(|st| &st.evidence)
        .flat_map(|e| &e.completes);
    let by_assessment = course
        .students
        .iter()
        .flat_map(|st| &st.assessments)
        .flat_map(|a| &a.completes);
    let done: BTreeSet<&str> = by_evidence
        .chain(by_assessment)
        .map(String::as_str)
        .collect();
    for named in &s.playlists {
        let Some(playlist) = course.playlist(&named.slug) else {
            continue;
        };
        let file = &named.file;
        let entries = file.raw.items.iter().flat_map(|e| {
            std::iter::once(&e.value).chain(e.value.items.iter().flatten().map(|i| &i.value))
        });
        for id in entries.filter_map(|e| e.id.as_ref()) {
            let reference = format!("{}/{}", playlist.slug, id.value);
            if done.contains(reference.as_str()) || !playlist.items().any(|i| i.id == id.value) {
                continue;
            }
            diags.push(Diagnostic {
                severity: Severity::Info,
                ..Diagnostic::warning(
                    &file.path,
                    file.pos(id),
                    format!("nobody has completed `{reference}` yet"),
                )
                .with_hint(format!(
                    "evidence (or an assessment) counts it as done with `completes: [{reference}]`"
                ))
            });
        }
    }
}
