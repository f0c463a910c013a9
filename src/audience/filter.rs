//! Removes from the model what a [`Policy`] leaves out: rendering only ever
//! receives the filtered model.

use super::{Policy, Students};
use crate::model::{AssessmentTarget, Course, NameStyle, Student};

/// Returns the part of `course` that the audience of `policy` may see.
pub fn filter(mut course: Course, policy: &Policy) -> Course {
    if !policy.teacher_contacts {
        for t in &mut course.config.teachers {
            t.contact = None;
        }
    }
    if !policy.drafts {
        remove_drafts(&mut course);
    }
    match &policy.students {
        Students::All => {}
        Students::Published => course.students.retain(|s| s.publish),
        Students::One(id) => course.students.retain(|s| &s.id == id),
    }
    for s in &mut course.students {
        s.name = display_name(s, policy.names);
        if !policy.teacher_notes {
            s.pseudonym = None;
            s.private = None;
        }
        if !policy.private_evidence {
            s.evidence.retain(|e| e.public);
            keep_assessments_of_shown_evidence(s);
        }
        if !policy.scores {
            strip_scores(s);
        }
    }
    course
}

/// A draft unit is hidden with its playlists and any mention of it.
fn remove_drafts(course: &mut Course) {
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
