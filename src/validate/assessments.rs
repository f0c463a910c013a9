//! The teacher's assessments of the students (SPEC §2.8).

use std::collections::{BTreeMap, BTreeSet};

use super::Validator;
use crate::diag::{Pos, suggest};
use crate::load::raw::{RawAssessment, Text};
use crate::load::{Loaded, Sources};
use crate::model::*;
use serde_saphyr::Spanned;

pub(super) fn assessments(
    s: &Sources,
    config: &CourseConfig,
    students: &mut [Student],
    v: &mut Validator,
) {
    let index: BTreeMap<String, usize> = students
        .iter()
        .enumerate()
        .map(|(i, st)| (st.id.clone(), i))
        .collect();
    // Evidence files that failed to load, by student: looked up for every score.
    let broken_by_student: BTreeMap<&str, &BTreeSet<String>> = s
        .students
        .iter()
        .map(|st| (st.id.as_str(), &st.broken_evidence))
        .collect();
    let scale_low = config.mastery.scale.first().map_or(1.0, |l| l.level);
    let scale_high = config.mastery.scale.last().map_or(4.0, |l| l.level);
    for (student_id, file) in &s.assessments {
        let Some(&si) = index.get(student_id) else {
            // A student whose folder exists but whose profile failed, or a students
            // folder that is missing: that problem is reported already.
            if !s.students_dir.is_dir() || s.students.iter().any(|st| &st.id == student_id) {
                continue;
            }
            // A warning: a student who removed their folder must not stop the class.
            let hint = suggest(student_id, index.keys().map(String::as_str))
                .unwrap_or_else(|| "name the file after a folder in the students folder".into());
            v.warning(
                file,
                None,
                format!("there is no student `{student_id}`; these assessments are left out"),
                hint,
            );
            continue;
        };
        let slugs: BTreeSet<String> = students[si]
            .evidence
            .iter()
            .map(|e| e.slug.clone())
            .collect();
        for (seq, a) in file.raw.iter().enumerate() {
            let pos = file.pos(a);
            let a = &a.value;
            let Some(date_text) = &a.date else {
                v.error(
                    file,
                    pos,
                    "this assessment has no `date`",
                    "add `date: YYYY-MM-DD`; mastery orders scores by date",
                );
                continue;
            };
            let Some(date) = v.date(file, date_text) else {
                continue;
            };
            let target = match (&a.evidence, &a.standard) {
                (Some(_), Some(_)) => {
                    v.error(
                        file,
                        pos,
                        "an assessment has either `evidence` or `standard`, not both",
                        "split it into two entries",
                    );
                    continue;
                }
                (None, None) => {
                    v.error(file, pos, "this assessment has neither `evidence` nor `standard`", "say which evidence item (`evidence: slug`) or standard (`standard: CODE`) it scores");
                    continue;
                }
                (Some(ev), None) => {
                    let broken = broken_by_student
                        .get(student_id.as_str())
                        .is_some_and(|b| b.contains(&ev.value));
                    let Some(t) = evidence_target(file, a, pos, ev, student_id, &slugs, broken, v)
                    else {
                        continue;
                    };
                    t
                }
                (None, Some(code)) => {
                    let Some(t) = standard_target(file, a, pos, code, (scale_low, scale_high), v)
                    else {
                        continue;
                    };
                    t
                }
            };
            let completes = v.item_refs(file, &a.completes);
            students[si].assessments.push(Assessment {
                seq,
                date,
                target,
                completes,
                note: a.note.clone().unwrap_or_default(),
            });
        }
        students[si].assessments.sort_by_key(|a| (a.date, a.seq));
    }
}

/// The target of a score of one evidence item: None (with a problem reported, or
/// silently for an item that failed to load) when it cannot count.
#[allow(clippy::too_many_arguments)]
fn evidence_target(
    file: &Loaded<Vec<Spanned<RawAssessment>>>,
    a: &RawAssessment,
    pos: Pos,
    ev: &Text,
    student_id: &str,
    slugs: &BTreeSet<String>,
    broken: bool,
    v: &mut Validator,
) -> Option<AssessmentTarget> {
    if a.level.is_some() {
        v.error(
            file,
            pos,
            "`level` belongs to a standard-only assessment",
            "with `evidence`, use `rubric`, `scores` and `feedback`",
        );
    }
    if broken {
        return None;
    }
    if !slugs.contains(&ev.value) {
        // The student's file is missing or withheld: the teacher's
        // score waits for it, and the class is built meanwhile.
        let hint = suggest(&ev.value, slugs.iter().map(String::as_str))
            .unwrap_or_else(|| "use the evidence item's file or folder name".into());
        v.warning(
            file,
            file.pos(ev),
            format!(
                "`{student_id}` has no evidence item `{}`; this score is left out",
                ev.value
            ),
            hint,
        );
        return None;
    }
    let scores = match (&a.rubric, &a.scores) {
        (Some(r), Some(sc)) => v.rubric_scores(file, r, sc),
        (Some(r), None) => v.rubric_scores(file, r, &BTreeMap::new()),
        (None, Some(_)) => {
            v.error(
                file,
                pos,
                "these scores have no `rubric`",
                "add `rubric: <rubric-slug>`",
            );
            None
        }
        (None, None) => None,
    };
    Some(AssessmentTarget::Evidence {
        evidence: ev.value.clone(),
        scores,
        feedback: a.feedback.clone().unwrap_or_default(),
    })
}

/// The target of a score on a standard without an evidence item.
fn standard_target(
    file: &Loaded<Vec<Spanned<RawAssessment>>>,
    a: &RawAssessment,
    pos: Pos,
    code: &Text,
    (scale_low, scale_high): (f64, f64),
    v: &mut Validator,
) -> Option<AssessmentTarget> {
    if a.rubric.is_some() || a.scores.is_some() {
        v.error(
            file,
            pos,
            "`rubric` and `scores` belong to an evidence assessment",
            "with `standard`, give `level` (and `feedback` or `note`)",
        );
    }
    if !v.check_standard(file, code) {
        return None;
    }
    let Some(level) = &a.level else {
        v.error(
            file,
            pos,
            "this standard assessment has no `level`",
            "add `level: 3` (a level of the course scale)",
        );
        return None;
    };
    if !v.score_in_range(file, level, scale_low, scale_high, "the course scale") {
        return None;
    }
    Some(AssessmentTarget::Standard {
        standard: code.value.clone(),
        level: level.value,
        feedback: a.feedback.clone().unwrap_or_default(),
    })
}
