//! View models: what templates may read (documented in docs/theming.md).
//!
//! Built from the audience-filtered course; templates never see the model itself.
//! This file holds the `Views` context and the pieces every page shares; one file
//! per page family holds the rest (the HTML ids are in `site::paths`).

pub mod class;
mod course;
mod evidence;
mod grading;
pub mod learning;
pub mod palette;
mod students;

pub use evidence::*;
pub use students::*;

use serde::Serialize;

use crate::audience::Policy;
use crate::model::*;
use crate::site::paths::{self, href, standard_id};

#[derive(Serialize, Clone)]
pub struct SiteView {
    pub title: String,
    pub code: String,
    pub term: String,
    pub language: String,
    pub description_html: String,
    pub teachers: Vec<TeacherView>,
    pub audience: &'static str,
    pub student_id: String,
    pub show_scores: bool,
    pub has_students: bool,
    /// The student of a student build, by name (empty otherwise).
    pub student_name: String,
    /// The level palette of the course's mastery scale, lowest first (palette.rs).
    pub levels: Vec<palette::LevelTone>,
    /// Evidence items waiting for a score (teacher audience; 0 otherwise): the
    /// to-grade queue's count in the navigation.
    pub to_grade: usize,
    /// The build date (YYYY-MM-DD) that due dates are measured against, and in words.
    pub today: String,
    pub today_words: String,
    pub extra: Extra,
}

#[derive(Serialize, Clone)]
pub struct TeacherView {
    pub name: String,
    pub contact: String,
}

#[derive(Serialize, Clone)]
pub struct PageView {
    pub title: String,
    /// Serialized as the template's name without `.html` (`unit`, `404`).
    pub kind: super::PageKind,
    pub root: String,
    pub noindex: bool,
    /// The page's absolute address (`base_url` + its path), or empty: see
    /// `render::publish::canonical`.
    pub canonical: String,
}

#[derive(Serialize, Clone)]
pub struct NavLink {
    pub title: String,
    pub href: String,
    pub current: bool,
}

#[derive(Serialize, Clone)]
pub struct LinkView {
    pub title: String,
    pub href: String,
}

#[derive(Serialize, Clone)]
pub struct StandardRef {
    pub code: String,
    pub statement: String,
    pub student: String,
    pub href: String,
}

/// Builds views from one filtered course.
pub struct Views<'a> {
    pub course: &'a Course,
    /// What this audience is shown.
    pub policy: &'a Policy,
    /// Where links written in Markdown bodies lead in this audience's site.
    pub links: crate::markdown::links::LinkMap<'a>,
    /// Mastery and progress, computed once for the whole build.
    pub computed: &'a crate::compute::Computed,
}

fn date(d: Option<Date>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

impl<'a> Views<'a> {
    /// A date as the pages show it in words ("Tue 3 Oct", with the year when it is
    /// not the build date's; ISO in languages other than English); empty for none.
    /// The ISO date stays in `<time datetime>`.
    pub fn words(&self, d: Option<Date>) -> String {
        let c = &self.course.config;
        d.map(|d| d.words(c.today, &c.language)).unwrap_or_default()
    }

    pub fn site(&self) -> SiteView {
        let c = &self.course.config;
        SiteView {
            title: c.title.clone(),
            code: c.code.clone(),
            term: c.term.clone(),
            language: c.language.clone(),
            description_html: self.links.html(
                &c.description,
                2,
                &self.course.root.join("course.yaml"),
                "index.html",
            ),
            teachers: c
                .teachers
                .iter()
                .map(|t| TeacherView {
                    name: t.name.clone(),
                    contact: t.contact.clone().unwrap_or_default(),
                })
                .collect(),
            audience: self.policy.name,
            student_id: self.policy.student().unwrap_or_default().to_string(),
            show_scores: self.policy.scores,
            // A standalone portfolio has no roster page.
            has_students: !self.course.standalone && !self.course.students.is_empty(),
            student_name: self
                .policy
                .student()
                .and_then(|id| self.course.students.iter().find(|s| s.id == id))
                .map(|s| s.name.clone())
                .unwrap_or_default(),
            levels: palette::palette(&c.mastery.scale),
            to_grade: if self.policy.class_pages {
                self.queue_total()
            } else {
                0
            },
            today: c.today.to_string(),
            today_words: self.words(Some(c.today)),
            extra: c.extra.clone(),
        }
    }

    pub fn standard_ref(&self, code: &str) -> StandardRef {
        let s = self.course.standard(code);
        StandardRef {
            code: code.to_string(),
            statement: s.map(|s| s.statement.clone()).unwrap_or_default(),
            student: s.map(|s| s.student.clone()).unwrap_or_default(),
            // A standalone portfolio has a standards page when it knows any standard.
            href: if s.is_some() {
                format!("standards/index.html#{}", standard_id(code))
            } else {
                String::new()
            },
        }
    }

    fn standard_refs(&self, codes: &[String]) -> Vec<StandardRef> {
        codes.iter().map(|c| self.standard_ref(c)).collect()
    }

    fn unit_link(&self, slug: &str) -> Option<LinkView> {
        self.course.unit(slug).map(|u| LinkView {
            title: u.title.clone(),
            href: href(&paths::unit(slug)),
        })
    }

    fn rubric_link(&self, slug: &str) -> Option<LinkView> {
        self.course.rubric(slug).map(|r| LinkView {
            title: r.title.clone(),
            href: href(&paths::rubric(slug)),
        })
    }
}

pub(crate) fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
