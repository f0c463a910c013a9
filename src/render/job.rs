//! Every page of a site is a [`Job`]: which page, with what it needs to find its
//! data in the course. [`list`] says which pages a course has for one audience;
//! `render::render` renders any list of them, and `serve` chooses a shorter list
//! when only some students changed (`pipeline::live`).

use serde::Serialize;

use crate::audience::{Indexing, Policy};
use crate::model::Course;
use crate::site::paths;

/// One page of the site.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Job {
    /// The course's home page.
    Home,
    Standards,
    /// A unit, by slug.
    Unit(String),
    /// The class grid, sorted by name or by one standard's code.
    Class(Option<String>),
    /// A playlist, by slug.
    Playlist(String),
    /// A rubric, by slug.
    Rubric(String),
    /// The roster (in the teacher's build, with the dashboard, by name).
    Students,
    /// The teacher's students page sorted by one of the dashboard's columns.
    StudentsBy(StudentsOrder),
    /// The to-grade queue (teacher audience).
    ToGrade,
    /// A student's portfolio home, by student id (the site's home in a standalone
    /// portfolio). Its job also makes the student's search entries.
    Portfolio(String),
    Progress(String),
    Mastery(String),
    /// The whole portfolio on one page, for printing.
    Print(String),
    /// One evidence item, by student id and slug, with its files.
    Evidence(String, String),
    /// The standards page of a standalone portfolio.
    PortfolioStandards,
    /// The search page; its job also makes the whole course's search entries.
    Search,
    NotFound,
}

/// A column the teacher's students page is sorted by, besides the name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StudentsOrder {
    PastDue,
    ToGrade,
    /// A standard, by code.
    Standard(String),
}

impl StudentsOrder {
    pub fn sort(&self) -> paths::StudentsSort<'_> {
        match self {
            StudentsOrder::PastDue => paths::StudentsSort::PastDue,
            StudentsOrder::ToGrade => paths::StudentsSort::ToGrade,
            StudentsOrder::Standard(code) => paths::StudentsSort::Standard(code),
        }
    }
}

/// What kind of page a job makes: its template, its CSS class and its place in the
/// menu, and whether search engines may index it. Templates read it as `page.kind`
/// (the template's name without `.html`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    Index,
    Standards,
    Unit,
    Class,
    Playlist,
    Rubric,
    Students,
    Portfolio,
    Progress,
    Mastery,
    Print,
    Evidence,
    PortfolioStandards,
    Search,
    ToGrade,
    #[serde(rename = "404")]
    NotFound,
}

/// Which pages of a kind search engines may index, in a build that allows any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Indexable {
    /// The course's own pages.
    Course,
    /// Students' pages and the roster: only with `privacy.index_student_pages`.
    Student,
    /// Never (class grid, search, 404).
    Never,
}

impl PageKind {
    /// Every kind.
    #[cfg(test)]
    pub const ALL: [PageKind; 16] = [
        PageKind::Index,
        PageKind::Standards,
        PageKind::Unit,
        PageKind::Class,
        PageKind::Playlist,
        PageKind::Rubric,
        PageKind::Students,
        PageKind::Portfolio,
        PageKind::Progress,
        PageKind::Mastery,
        PageKind::Print,
        PageKind::Evidence,
        PageKind::PortfolioStandards,
        PageKind::Search,
        PageKind::ToGrade,
        PageKind::NotFound,
    ];

    /// The kind as templates and CSS see it (`page-unit`), and its template's stem.
    pub fn name(self) -> &'static str {
        match self {
            PageKind::Index => "index",
            PageKind::Standards => "standards",
            PageKind::Unit => "unit",
            PageKind::Class => "class",
            PageKind::Playlist => "playlist",
            PageKind::Rubric => "rubric",
            PageKind::Students => "students",
            PageKind::Portfolio => "portfolio",
            PageKind::Progress => "progress",
            PageKind::Mastery => "mastery",
            PageKind::Print => "print",
            PageKind::Evidence => "evidence",
            PageKind::PortfolioStandards => "portfolio_standards",
            PageKind::Search => "search",
            PageKind::ToGrade => "to_grade",
            PageKind::NotFound => "404",
        }
    }

    /// The template that renders it.
    pub fn template(self) -> String {
        format!("{}.html", self.name())
    }

    pub fn indexable(self) -> Indexable {
        match self {
            PageKind::Class | PageKind::Search | PageKind::ToGrade | PageKind::NotFound => {
                Indexable::Never
            }
            PageKind::Students
            | PageKind::Portfolio
            | PageKind::Progress
            | PageKind::Mastery
            | PageKind::Print
            | PageKind::Evidence => Indexable::Student,
            PageKind::Index
            | PageKind::Standards
            | PageKind::Unit
            | PageKind::Playlist
            | PageKind::Rubric
            | PageKind::PortfolioStandards => Indexable::Course,
        }
    }

    /// Whether a page of this kind carries `noindex` in a build by `policy`.
    pub fn noindex(self, policy: &Policy) -> bool {
        policy.indexing == Indexing::Never
            || match self.indexable() {
                Indexable::Course => false,
                Indexable::Student => !policy.indexes_student_pages(),
                Indexable::Never => true,
            }
    }
}

impl Job {
    pub fn kind(&self) -> PageKind {
        match self {
            Job::Home => PageKind::Index,
            Job::Standards => PageKind::Standards,
            Job::Unit(_) => PageKind::Unit,
            Job::Class(_) => PageKind::Class,
            Job::Playlist(_) => PageKind::Playlist,
            Job::Rubric(_) => PageKind::Rubric,
            Job::Students | Job::StudentsBy(_) => PageKind::Students,
            Job::ToGrade => PageKind::ToGrade,
            Job::Portfolio(_) => PageKind::Portfolio,
            Job::Progress(_) => PageKind::Progress,
            Job::Mastery(_) => PageKind::Mastery,
            Job::Print(_) => PageKind::Print,
            Job::Evidence(..) => PageKind::Evidence,
            Job::PortfolioStandards => PageKind::PortfolioStandards,
            Job::Search => PageKind::Search,
            Job::NotFound => PageKind::NotFound,
        }
    }

    /// The student whose page this is; None for a page of the whole course.
    pub fn student(&self) -> Option<&str> {
        match self {
            Job::Portfolio(id)
            | Job::Progress(id)
            | Job::Mastery(id)
            | Job::Print(id)
            | Job::Evidence(id, _) => Some(id),
            _ => None,
        }
    }

    /// Whether the page shows something of every student (names, counts, mastery):
    /// the roster, the class grid, and a unit's proficiency per standard.
    pub fn shows_every_student(&self) -> bool {
        // Not the to-grade queue: it lists each piece of work (title, date), which
        // `Shown` does not hold, so `serve` renders it again on every update.
        matches!(
            self,
            Job::Students | Job::StudentsBy(_) | Job::Class(_) | Job::Unit(_)
        )
    }

    /// Where the page lives in the site of `course`.
    pub fn path(&self, course: &Course) -> String {
        match self {
            Job::Home => "index.html".into(),
            Job::Standards | Job::PortfolioStandards => "standards/index.html".into(),
            Job::Unit(slug) => paths::unit(slug),
            Job::Class(None) => "class/index.html".into(),
            Job::Class(Some(code)) => paths::class_by(code),
            Job::Playlist(slug) => paths::playlist(slug),
            Job::Rubric(slug) => paths::rubric(slug),
            Job::Students => "students/index.html".into(),
            Job::StudentsBy(order) => paths::students_by(order.sort()),
            Job::ToGrade => paths::TO_GRADE.into(),
            // A standalone portfolio is the whole site: its home is the site's home.
            Job::Portfolio(_) if course.standalone => "index.html".into(),
            Job::Portfolio(id) => paths::student(id),
            Job::Progress(id) => paths::progress(id),
            Job::Mastery(id) => paths::mastery(id),
            Job::Print(id) => paths::print(id),
            Job::Evidence(id, slug) => paths::evidence(id, slug),
            Job::Search => super::search::PAGE.into(),
            Job::NotFound => "404.html".into(),
        }
    }
}

/// Every page of `course` (already filtered for the audience of `policy`), in the
/// order they are rendered: the whole course's pages, each student's, then the
/// pages every site has.
pub fn list(course: &Course, policy: &Policy) -> Vec<Job> {
    let mut jobs = Vec::new();
    let has_students = !course.students.is_empty();
    if !course.standalone {
        jobs.push(Job::Home);
        jobs.push(Job::Standards);
        jobs.extend(course.units.iter().map(|u| Job::Unit(u.slug.clone())));
        if policy.class_pages && has_students {
            jobs.push(Job::Class(None));
            let codes = course.standards.iter().map(|s| s.code.clone());
            jobs.extend(codes.map(|code| Job::Class(Some(code))));
        }
        jobs.extend(
            course
                .playlists
                .iter()
                .map(|p| Job::Playlist(p.slug.clone())),
        );
        jobs.extend(course.rubrics.iter().map(|r| Job::Rubric(r.slug.clone())));
        if has_students {
            jobs.push(Job::Students);
        }
        if policy.class_pages && has_students {
            let orders = [StudentsOrder::PastDue, StudentsOrder::ToGrade].into_iter();
            let codes = course.standards.iter().map(|s| s.code.clone());
            jobs.extend(
                orders
                    .chain(codes.map(StudentsOrder::Standard))
                    .map(Job::StudentsBy),
            );
            jobs.push(Job::ToGrade);
        }
    }
    for s in &course.students {
        jobs.extend(student_jobs(course, policy, &s.id));
    }
    if course.standalone && !course.standards.is_empty() {
        jobs.push(Job::PortfolioStandards);
    }
    jobs.push(Job::Search);
    jobs.push(Job::NotFound);
    jobs
}

/// The pages of one student of `course`: portfolio home, progress and mastery
/// (when scores are shown), the printable portfolio, and each evidence item.
fn student_jobs(course: &Course, policy: &Policy, id: &str) -> Vec<Job> {
    let Some(s) = course.students.iter().find(|s| s.id == id) else {
        return Vec::new();
    };
    let mut jobs = vec![Job::Portfolio(id.to_string())];
    if policy.scores && !course.standalone {
        jobs.push(Job::Progress(id.to_string()));
        jobs.push(Job::Mastery(id.to_string()));
    }
    jobs.push(Job::Print(id.to_string()));
    let items = s.evidence.iter();
    jobs.extend(items.map(|e| Job::Evidence(id.to_string(), e.slug.clone())));
    jobs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_serializes_as_the_name_of_its_template() {
        let templates = crate::render::templates::DEFAULT_TEMPLATES;
        for kind in PageKind::ALL {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.name()));
            let template = kind.template();
            assert!(
                templates.iter().any(|(name, _)| *name == template),
                "{template} is in the default theme"
            );
        }
    }
}
