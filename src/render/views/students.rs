//! Views of the students: the roster's entries and each portfolio's home.

use serde::Serialize;

use super::Views;
use crate::compute::grading;
use crate::model::*;
use crate::site::paths::{self, href};

#[derive(Serialize, Clone)]
pub struct StudentSummary {
    pub id: String,
    pub name: String,
    pub href: String,
    pub evidence_count: usize,
    pub featured_count: usize,
    /// The roster's section; empty outside the teacher audience (the class grid
    /// groups its rows by it).
    pub section: String,
    /// What the teacher's roster says; teacher audience only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub teacher: Option<TeacherFacts>,
}

/// A student as the teacher's roster records them (SPEC §2.9), for the teacher's
/// students page.
#[derive(Serialize, Clone)]
pub struct TeacherFacts {
    /// Whether the student is in the public build (their wish and, with a roster,
    /// the consent on record).
    pub published: bool,
    /// Whether the profile says `publish: true`.
    pub wishes_to_publish: bool,
    /// Whether the course has a roster, and whether it lists this student.
    pub has_roster: bool,
    pub on_roster: bool,
    pub sis_id: String,
    pub readiness: String,
    pub needs: Vec<String>,
    pub notes: String,
    /// None: no consent on record.
    pub consent: Option<ConsentFacts>,
    /// Must-do items left in playlists past due (see `compute::grading`).
    pub past_due: usize,
    /// Evidence items waiting for a score (the rule of the to-grade queue).
    pub to_grade: usize,
}

#[derive(Serialize, Clone)]
pub struct ConsentFacts {
    pub publish: bool,
    pub photos: bool,
    pub voice: bool,
    pub date: String,
    pub by: String,
}

#[derive(Serialize)]
pub struct StudentView {
    #[serde(flatten)]
    pub summary: StudentSummary,
    pub about_html: String,
    pub interests: Vec<String>,
    pub strengths: Vec<String>,
    pub goals: Vec<String>,
    pub prefers: Vec<String>,
    pub extra: Extra,
    pub mastery: Option<Vec<super::learning::LevelCell>>,
    pub progress_href: String,
    pub mastery_href: String,
    /// The whole portfolio on one printable page.
    pub print_href: String,
    /// The student's picture (an image of their evidence, `avatar:` in the profile),
    /// or none: the template shows their initials.
    pub avatar: Option<super::Thumbnail>,
}

impl Views<'_> {
    pub fn student_summary(&self, s: &Student) -> StudentSummary {
        StudentSummary {
            id: s.id.clone(),
            name: s.name.clone(),
            // A standalone portfolio is the whole site: its home is the site's home.
            href: if self.course.standalone {
                "index.html".to_string()
            } else {
                href(&paths::student(&s.id))
            },
            evidence_count: s.evidence.len(),
            featured_count: s.evidence.iter().filter(|e| e.featured).count(),
            section: s
                .roster
                .as_ref()
                .and_then(|r| r.section.clone())
                .unwrap_or_default(),
            teacher: self.policy.teacher_notes.then(|| self.teacher_facts(s)),
        }
    }

    fn teacher_facts(&self, s: &Student) -> TeacherFacts {
        let r = s.roster.as_ref();
        TeacherFacts {
            published: crate::audience::published(self.course, s),
            wishes_to_publish: s.publish,
            has_roster: self.course.has_roster,
            on_roster: r.is_some(),
            sis_id: r.and_then(|r| r.sis_id.clone()).unwrap_or_default(),
            readiness: s.level.map(|l| l.as_str().to_string()).unwrap_or_default(),
            needs: r.map(|r| r.needs.clone()).unwrap_or_default(),
            notes: r.map(|r| r.notes.clone()).unwrap_or_default(),
            consent: r.and_then(|r| r.consent).map(|c| ConsentFacts {
                publish: c.publish,
                photos: c.photos,
                voice: c.voice,
                date: c.date.map(|d| d.to_string()).unwrap_or_default(),
                by: c.by.map(|b| b.as_str().to_string()).unwrap_or_default(),
            }),
            past_due: grading::past_due_count(&self.computed.progress(self.course, s)),
            to_grade: grading::waiting_count(self.course, s),
        }
    }

    pub fn student(&self, s: &Student) -> StudentView {
        let scores = self.policy.scores && !self.course.standalone;
        StudentView {
            summary: self.student_summary(s),
            about_html: self.links.html(
                &s.about,
                3,
                &s.source,
                &crate::markdown::links::student_home(self.course, s),
            ),
            interests: s.interests.clone(),
            strengths: s.strengths.clone(),
            goals: s.goals.clone(),
            prefers: s.prefers.iter().map(|k| k.as_str().to_string()).collect(),
            extra: s.extra.clone(),
            mastery: scores.then(|| self.mastery_summary(s)),
            progress_href: if scores {
                href(&paths::progress(&s.id))
            } else {
                String::new()
            },
            mastery_href: if scores {
                href(&paths::mastery(&s.id))
            } else {
                String::new()
            },
            print_href: href(&paths::print(&s.id)),
            avatar: self.avatar(s),
        }
    }
}
