//! Removes from the model what a [`Policy`] leaves out: rendering only ever
//! receives the filtered model.

use super::{Policy, Students};
use crate::model::{AssessmentTarget, Course, ImageStatus, MediaKind, NameStyle, Student};

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
    let roster = course.has_roster;
    match &policy.students {
        Students::All => {}
        Students::Published => course.students.retain(|s| is_published(roster, s)),
        Students::One(id) => course.students.retain(|s| &s.id == id),
    }
    for s in &mut course.students {
        s.name = display_name(s, policy.names);
        if policy.consent && roster {
            withhold_media(s);
        }
        if !policy.teacher_notes {
            s.pseudonym = None;
            s.roster = None;
            for a in &mut s.assessments {
                a.note.clear();
            }
        }
        if !policy.readiness {
            s.level = None;
        }
        if !policy.private_evidence {
            s.evidence.retain(|e| e.public);
            keep_assessments_of_shown_evidence(s);
        }
        if !policy.scores {
            strip_scores(s);
            // Due dates live on the progress pages, which go with the scores.
            s.extensions.clear();
        }
        keep_avatar_only_if_shown(s);
    }
    course
}

/// The avatar goes with the image it names: not when its item is left out
/// (`public: false`) or its images are withheld (no consent to photos).
fn keep_avatar_only_if_shown(s: &mut Student) {
    let shown = s.avatar.as_ref().is_some_and(|a| {
        s.evidence.iter().any(|e| {
            e.slug == a.evidence
                && e.files
                    .iter()
                    .any(|f| f.name == a.file && f.image != ImageStatus::Withheld)
        })
    });
    if !shown {
        s.avatar = None;
    }
}

/// Whether `s` is in the public build of `course`: their own `publish: true` and,
/// with a roster, the consent on record (SPEC §2.9).
pub fn published(course: &Course, s: &Student) -> bool {
    is_published(course.has_roster, s)
}

fn is_published(has_roster: bool, s: &Student) -> bool {
    s.publish && (!has_roster || consents(s).0)
}

/// What the consent on record allows: (publish, photos, voice); nothing without one.
fn consents(s: &Student) -> (bool, bool, bool) {
    s.roster
        .as_ref()
        .map_or((false, false, false), |r| r.allows())
}

/// Without consent to photos (or to voice), the student's images (or audio and
/// video) are withheld like a file over a limit: no copy, no link, no word on the
/// page about why; the text of the evidence stays.
fn withhold_media(s: &mut Student) {
    let (_, photos, voice) = consents(s);
    for e in &mut s.evidence {
        for f in &mut e.files {
            let kept = match f.kind {
                MediaKind::Image => photos,
                MediaKind::Audio | MediaKind::Video => voice,
                MediaKind::Pdf | MediaKind::File => true,
            };
            if !kept {
                f.image = ImageStatus::Withheld;
            }
        }
    }
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
