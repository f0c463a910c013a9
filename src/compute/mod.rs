//! Stage 5: what is computed from the (audience-filtered) model: each student's
//! mastery of each standard, and their progress through the playlists.
//!
//! Computing from the filtered model means a score that an audience may not see can
//! never shape what that audience is shown.

pub mod due;
pub mod grading;
pub mod mastery;
pub mod progress;

use std::borrow::Cow;
use std::collections::HashMap;

use rayon::prelude::*;

use crate::model::{AssessmentTarget, Course, Date, Student};
use mastery::{Mastery, Score};
use progress::PlaylistProgress;

/// Every student's mastery and playlist progress, computed once per build (on all
/// cores) and then read by every page that shows them: a student's numbers appear
/// on each of their pages, on the class grid (once per standard) and in the unit and
/// playlist summaries, and computing them again for each would dominate a build.
#[derive(Debug, Default)]
pub struct Computed {
    by_student: HashMap<String, (Vec<StandardMastery>, Vec<PlaylistProgress>)>,
}

impl Computed {
    /// Computes everything for every student of `course` (the filtered course).
    pub fn new(course: &Course) -> Computed {
        let by_student = course
            .students
            .par_iter()
            .map(|s| {
                let m = student_mastery(course, s);
                (s.id.clone(), (m, progress::progress(course, s)))
            })
            .collect();
        Computed { by_student }
    }

    /// Computes again for the students in `ids` (of the filtered `course`), after
    /// their files changed; a student no longer in `course` is forgotten.
    pub fn update(&mut self, course: &Course, ids: &std::collections::BTreeSet<String>) {
        self.by_student.retain(|id, _| !ids.contains(id));
        for s in course.students.iter().filter(|s| ids.contains(&s.id)) {
            let m = student_mastery(course, s);
            let p = progress::progress(course, s);
            self.by_student.insert(s.id.clone(), (m, p));
        }
    }

    /// `student`'s mastery of every standard (computed now if it was not before).
    pub fn mastery<'a>(&'a self, course: &Course, student: &Student) -> Cow<'a, [StandardMastery]> {
        match self.by_student.get(&student.id) {
            Some((m, _)) => Cow::Borrowed(m),
            None => Cow::Owned(student_mastery(course, student)),
        }
    }

    /// `student`'s progress through every playlist (computed now if it was not before).
    pub fn progress<'a>(
        &'a self,
        course: &Course,
        student: &Student,
    ) -> Cow<'a, [PlaylistProgress]> {
        match self.by_student.get(&student.id) {
            Some((_, p)) => Cow::Borrowed(p),
            None => Cow::Owned(progress::progress(course, student)),
        }
    }
}

/// Where one score on a standard came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub date: Date,
    pub seq: usize,
    pub value: f64,
    /// The evidence item scored, if any.
    pub evidence: Option<String>,
    /// The rubric criterion's title, or the feedback of a standard-only assessment.
    pub source: String,
}

/// A student's mastery of one standard and the scores behind it, in date order.
#[derive(Debug, Clone, PartialEq)]
pub struct StandardMastery {
    pub code: String,
    pub result: Mastery,
    pub points: Vec<Point>,
}

/// Every score of `student` on standard `code`, in date order (ties by file order).
pub fn points(course: &Course, student: &Student, code: &str) -> Vec<Point> {
    let mut out = Vec::new();
    for (i, a) in student.assessments.iter().enumerate() {
        match &a.target {
            AssessmentTarget::Standard {
                standard,
                level,
                feedback,
            } if standard == code => out.push(Point {
                date: a.date,
                seq: i,
                value: *level,
                evidence: None,
                // `note` is the teacher's alone: the audience filter has emptied it
                // in every build but the teacher's.
                source: match (feedback.is_empty(), a.note.is_empty()) {
                    (_, true) => feedback.clone(),
                    (true, false) => format!("Teacher's note: {}", a.note),
                    (false, false) => format!("{feedback} (teacher's note: {})", a.note),
                },
            }),
            AssessmentTarget::Evidence {
                evidence,
                scores: Some(scores),
                ..
            } => {
                let Some(rubric) = course.rubric(&scores.rubric) else {
                    continue;
                };
                for (criterion, value) in &scores.scores {
                    let Some(c) = rubric.criteria.iter().find(|c| &c.id == criterion) else {
                        continue;
                    };
                    if c.standard.as_deref() == Some(code) {
                        out.push(Point {
                            date: a.date,
                            seq: i,
                            value: *value,
                            evidence: Some(evidence.clone()),
                            source: c.title.clone(),
                        });
                    }
                }
            }
            _ => {}
        }
    }
    out.sort_by_key(|a| (a.date, a.seq));
    out
}

/// The student's mastery of every standard of the course, in standards.yaml order.
pub fn student_mastery(course: &Course, student: &Student) -> Vec<StandardMastery> {
    course
        .standards
        .iter()
        .map(|s| {
            let points = points(course, student, &s.code);
            let scores: Vec<Score<Date>> = points
                .iter()
                .map(|p| Score {
                    date: p.date,
                    seq: p.seq,
                    value: p.value,
                })
                .collect();
            StandardMastery {
                code: s.code.clone(),
                result: mastery::compute(&scores, &course.config.mastery),
                points,
            }
        })
        .collect()
}
