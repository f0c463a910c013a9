//! Views of the students: the roster's entries and each portfolio's home.

use serde::Serialize;

use super::Views;
use crate::model::*;
use crate::site::paths::{self, href};

#[derive(Serialize, Clone)]
pub struct StudentSummary {
    pub id: String,
    pub name: String,
    pub href: String,
    pub evidence_count: usize,
    pub featured_count: usize,
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
    pub level: String,
    pub private: serde_json::Value,
    pub extra: Extra,
    pub mastery: Option<Vec<super::learning::LevelCell>>,
    pub progress_href: String,
    pub mastery_href: String,
    /// The whole portfolio on one printable page.
    pub print_href: String,
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
            level: s.level.map(|l| l.as_str().to_string()).unwrap_or_default(),
            private: s
                .private
                .clone()
                .unwrap_or(serde_json::Value::Object(Default::default())),
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
        }
    }
}
