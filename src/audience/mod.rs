//! Stage 5: remove from the model what an audience may not see (SPEC §4).
//!
//! Rendering only ever receives the filtered model, so no template, index or copied
//! file can show a private field: it is no longer there.

use crate::model::{AssessmentTarget, Course, NameStyle, Student};

/// Who a build is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Audience {
    Public,
    Teacher,
    /// One student, by id.
    Student(String),
}

impl Audience {
    pub fn name(&self) -> &'static str {
        match self {
            Audience::Public => "public",
            Audience::Teacher => "teacher",
            Audience::Student(_) => "student",
        }
    }

    /// Whether scores, mastery and feedback may be shown.
    pub fn shows_scores(&self, course: &Course) -> bool {
        match self {
            Audience::Public => course.config.privacy.show_scores_public,
            Audience::Teacher | Audience::Student(_) => true,
        }
    }
}

/// Returns the part of `course` that `audience` may see.
pub fn filter(mut course: Course, audience: &Audience) -> Course {
    let scores = audience.shows_scores(&course);
    let style = course.config.privacy.names;
    if *audience != Audience::Teacher {
        for t in &mut course.config.teachers {
            t.contact = None;
        }
        // A draft unit is hidden with its playlists and any mention of it.
        let drafts: Vec<String> = course
            .units
            .iter()
            .filter(|u| u.draft)
            .map(|u| u.slug.clone())
            .collect();
        course.units.retain(|u| !u.draft);
        course
            .playlists
            .retain(|p| p.unit.as_ref().is_none_or(|u| !drafts.contains(u)));
        let playlists: Vec<String> = course.playlists.iter().map(|p| p.slug.clone()).collect();
        for s in &mut course.students {
            for e in &mut s.evidence {
                if e.unit.as_ref().is_some_and(|u| drafts.contains(u)) {
                    e.unit = None;
                }
                e.completes.retain(|c| {
                    c.split('/')
                        .next()
                        .is_some_and(|p| playlists.iter().any(|x| x == p))
                });
            }
        }
    }
    match audience {
        Audience::Teacher => {}
        Audience::Public => {
            course.students.retain(|s| s.publish);
            for s in &mut course.students {
                s.name = display_name(s, style);
                s.pseudonym = None;
                s.private = None;
                s.evidence.retain(|e| e.public);
                keep_assessments_of_shown_evidence(s);
                if !scores {
                    strip_scores(s);
                }
            }
        }
        Audience::Student(id) => {
            course.students.retain(|s| &s.id == id);
            for s in &mut course.students {
                s.private = None;
                s.pseudonym = None;
            }
        }
    }
    course
}

/// A student's name as `privacy.names` allows it in public.
pub fn display_name(s: &Student, style: NameStyle) -> String {
    let words: Vec<&str> = s.name.split_whitespace().collect();
    match (style, words.as_slice()) {
        (NameStyle::Full, _) => s.name.clone(),
        (NameStyle::Pseudonym, _) => s.pseudonym.clone().unwrap_or_else(|| s.id.clone()),
        (_, []) => s.id.clone(),
        (NameStyle::FirstName, [first, ..]) | (NameStyle::FirstNameLastInitial, [first]) => {
            first.to_string()
        }
        (NameStyle::FirstNameLastInitial, [first, .., last]) => {
            let initial: String = last.chars().next().into_iter().collect();
            format!("{first} {initial}.")
        }
    }
}

fn keep_assessments_of_shown_evidence(s: &mut Student) {
    let shown: Vec<String> = s.evidence.iter().map(|e| e.slug.clone()).collect();
    s.assessments.retain(|a| match &a.target {
        AssessmentTarget::Evidence { evidence, .. } => shown.contains(evidence),
        AssessmentTarget::Standard { .. } => true,
    });
}

fn strip_scores(s: &mut Student) {
    s.assessments.clear();
    for e in &mut s.evidence {
        e.self_assessment = None;
    }
}
