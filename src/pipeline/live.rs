//! A site kept in memory and brought up to date after a change, for `serve`.
//!
//! A full build of a school's course renders tens of thousands of pages; a student
//! saving one evidence file changes a handful of them. When every changed file is
//! inside students' folders, only those students are read and checked again, and
//! only the jobs of their pages and of the whole course's pages (class grid,
//! roster, units) are rendered again; [`Update::apply_to`] puts them into the site
//! in memory and joins the search index and sitemap again. Any other change, and
//! any change that leaves a problem, goes through the full pipeline, so what
//! `serve` shows and reports is always what a full build would.

use std::collections::{BTreeSet, HashMap};
use std::path::{Component, Path, PathBuf};

use crate::audience::{self, Audience, Policy};
use crate::compute::Computed;
use crate::diag::Diagnostics;
use crate::load::{self, Sources};
use crate::model::{Course, Student};
use crate::render::{self, Renderer, Shown, Site};
use crate::validate;

/// What the last good build was made from.
struct Kept {
    sources: Sources,
    /// The validated course before filtering.
    course: Course,
    /// What the audience may see, which the pages were rendered from.
    filtered: Course,
    /// What the audience is shown, which cut `filtered`.
    policy: Policy,
    computed: Computed,
    /// What the pages of every student show of each (see [`Shown`]).
    shown: HashMap<String, Shown>,
    /// The to-grade count in the menu of every teacher page.
    to_grade: usize,
    /// Warnings of the last build, with the paths the user gave (not relative).
    warnings: Diagnostics,
    /// The students folder as the watcher names it (absolute, links resolved).
    students_real: PathBuf,
}

/// A course folder's site for one audience, kept up to date.
pub struct Live {
    dir: PathBuf,
    audience: Audience,
    /// The build date given (`serve --today`), else the course's own.
    today: Option<jiff::civil::Date>,
    kept: Option<Kept>,
}

/// The pages an update rendered: [`Update::apply_to`] the site it was made from.
pub struct Update {
    /// The pages rendered again.
    pub site: Site,
    /// The students whose pages it holds: every file of theirs is replaced.
    pub students: BTreeSet<String>,
    /// The whole course's pages it replaces: those it holds, and those gone.
    replaced: BTreeSet<String>,
    /// The pages of the whole site once applied.
    pages: usize,
    base_url: String,
    policy: Policy,
}

impl Update {
    /// Puts the update into the site it was made from. The result is the site a
    /// full render would give; `tests/incremental.rs` holds the two side by side.
    pub fn apply_to(self, site: &mut Site) {
        let Update {
            site: update,
            students,
            replaced,
            pages,
            base_url,
            policy,
        } = self;
        let gone = |path: &str| match owner(path) {
            Some(id) => students.contains(id),
            None => replaced.contains(path),
        };
        site.files.retain(|path, _| !gone(path));
        site.indexable.retain(|path| !gone(path));
        site.search.students.retain(|id, _| !students.contains(id));
        site.files.extend(update.files);
        site.indexable.extend(update.indexable);
        if update.search.course.is_some() {
            site.search.course = update.search.course;
        }
        site.search.students.extend(update.search.students);
        site.pages = pages;
        site.students = update.students;
        render::finish(site, &base_url, &policy);
    }
}

/// The student a site file belongs to: `students/<id>/…` belongs to `<id>`; every
/// other file (`students/index.html` too) belongs to the whole course.
fn owner(site_path: &str) -> Option<&str> {
    let rest = site_path.strip_prefix("students/")?;
    rest.split_once('/').map(|(id, _)| id)
}

impl Live {
    pub fn new(dir: &Path, audience: &Audience) -> Live {
        Live {
            dir: dir.to_path_buf(),
            audience: audience.clone(),
            today: None,
            kept: None,
        }
    }

    /// Builds as of `today` (`serve --today`) instead of the course's own date.
    pub fn as_of(self, today: Option<jiff::civil::Date>) -> Live {
        Live { today, ..self }
    }

    /// The students folder of the last good build, and whether the folder is one
    /// student's own (then it is that student's folder). None before a good build.
    pub fn students_dir(&self) -> Option<(&Path, bool)> {
        let kept = self.kept.as_ref()?;
        Some((&kept.sources.students_dir, kept.sources.standalone))
    }

    /// What the last build left out for problems in students' files.
    pub fn withheld(&self) -> &[crate::model::Withheld] {
        self.kept.as_ref().map_or(&[], |k| &k.course.withheld)
    }

    /// Builds the whole site in memory, keeping what a later [`Live::update`] needs.
    /// Returns the site and its warnings, or every problem.
    pub fn full(&mut self) -> Result<(Site, Diagnostics), Diagnostics> {
        self.kept = None;
        let dir = &self.dir;
        let opts = super::BuildOptions {
            dir: dir.clone(),
            out: None,
            audience: self.audience.clone(),
            base_url: None,
            force: false,
            strict: false,
            today: self.today,
        };
        let mut whole = None;
        let p = super::prepare(&opts, &mut |_| {}, Some(&mut whole))?;
        let r = Renderer::new(&p.course, &p.policy, &p.computed).map_err(|d| d.relative_to(dir))?;
        let mut site = r
            .render(&render::job::list(&p.course, &p.policy), &render::Memory)
            .map_err(|d| d.relative_to(dir))?;
        r.copy_files(&mut site);
        let students = p.course.students.iter();
        let shown = students.map(|s| (s.id.clone(), r.shown(s))).collect();
        let to_grade = r.to_grade();
        drop(r);
        // The search entries stay with the site for the next update.
        render::finish(&mut site, &p.course.config.base_url, &p.policy);
        let Some(super::Whole {
            sources,
            course,
            warnings,
        }) = whole
        else {
            return Ok((site, p.warnings));
        };
        let students_real =
            std::fs::canonicalize(&sources.students_dir).unwrap_or(sources.students_dir.clone());
        self.kept = Some(Kept {
            sources,
            course,
            filtered: p.course,
            policy: p.policy,
            computed: p.computed,
            shown,
            to_grade,
            warnings,
            students_real,
        });
        Ok((site, p.warnings))
    }

    /// The update that brings the last site this `Live` made (with any updates
    /// applied) up to date after the files `changed` (absolute paths, as the
    /// watcher gives them) changed. None when the change is not one this can do alone, or left
    /// a problem: then [`Live::full`] must run.
    pub fn update(
        &mut self,
        changed: &[PathBuf],
    ) -> Option<Result<(Update, Diagnostics), Diagnostics>> {
        let dir = self.dir.clone();
        let kept = self.kept.as_mut()?;
        let ids = changed_students(kept, changed)?;
        let mut diags = Diagnostics::new();
        let mut fresh = Vec::new();
        for id in &ids {
            let folder = kept.sources.students_dir.join(id);
            if !folder.join("profile.md").is_file() {
                return None;
            }
            fresh.push(load::read_student(id.clone(), &folder, &mut diags));
        }
        for raw in fresh {
            let at = kept.sources.students.iter().position(|s| s.id == raw.id)?;
            kept.sources.students[at] = raw;
        }
        let (narrow, more) = validate_students(&mut kept.sources, &ids);
        diags.extend(more);
        let in_scope = |d: &crate::diag::Diagnostic| {
            let path = dir.join(&d.path);
            ids.iter().any(|id| {
                path.starts_with(kept.sources.students_dir.join(id))
                    || (path.parent() == Some(&dir.join("assessments"))
                        && path.file_stem().is_some_and(|s| s == id.as_str()))
            })
        };
        // Problems are reported by the full build, with everything else it finds.
        if diags.has_errors() {
            self.kept = None;
            return None;
        }
        diags.retain(in_scope);
        kept.warnings.retain(|d| !in_scope(d));
        // A problem would have made this a full build: nothing of theirs is withheld.
        kept.course.withheld.retain(|w| !ids.contains(&w.student));
        kept.warnings.extend(diags);

        let before = course_pages(&kept.filtered, &kept.policy);
        splice(&mut kept.course.students, narrow.students.clone(), &ids);
        let shown = audience::filter(narrow, &kept.policy);
        splice(&mut kept.filtered.students, shown.students, &ids);
        kept.computed.update(&kept.filtered, &ids);
        let result = render_update(kept, &ids, before);
        Some(match result {
            Ok(update) => Ok((update, kept.warnings.clone().relative_to(&dir).sorted())),
            Err(d) => {
                self.kept = None;
                Err(d.relative_to(&dir))
            }
        })
    }
}

/// The ids of the students whose folders hold every file of `changed`, or None if
/// one is elsewhere, is a student folder itself (added, removed or renamed), or
/// is in a folder that was not a student's.
fn changed_students(kept: &Kept, changed: &[PathBuf]) -> Option<BTreeSet<String>> {
    if kept.sources.standalone || changed.is_empty() {
        return None;
    }
    let mut ids = BTreeSet::new();
    for path in changed {
        let rel = path.strip_prefix(&kept.students_real).ok()?;
        let mut parts = rel.components();
        let (Some(Component::Normal(id)), Some(_)) = (parts.next(), parts.next()) else {
            return None;
        };
        let id = id.to_str()?;
        if !kept.sources.students.iter().any(|s| s.id == id) {
            return None;
        }
        ids.insert(id.to_string());
    }
    Some(ids)
}

/// Renders the pages of the students in `ids`, and the pages of the whole course
/// (their menus may show what changed), after `kept` took in their changes. The
/// pages that show every student are left as they are when what they show of
/// these students did not change. `before`: the whole course's pages until now.
fn render_update(
    kept: &mut Kept,
    ids: &BTreeSet<String>,
    mut before: BTreeSet<String>,
) -> Result<Update, Diagnostics> {
    let course = &kept.filtered;
    let r = Renderer::new(course, &kept.policy, &kept.computed)?;
    let now: HashMap<&str, Shown> = course
        .students
        .iter()
        .filter(|s| ids.contains(&s.id))
        .map(|s| (s.id.as_str(), r.shown(s)))
        .collect();
    let same = ids
        .iter()
        .all(|id| kept.shown.get(id.as_str()) == now.get(id.as_str()));
    // The to-grade count is in every teacher page's menu: when it changes, every
    // page is rendered again.
    let everyone = r.to_grade() != kept.to_grade;
    let redo: BTreeSet<String> = if everyone {
        course.students.iter().map(|s| s.id.clone()).collect()
    } else {
        ids.clone()
    };
    let all = render::job::list(course, &kept.policy);
    let pages = all.len();
    let mut jobs = Vec::new();
    for job in all {
        match job.student() {
            Some(id) if !redo.contains(id) => {}
            None if same && job.shows_every_student() => {
                before.remove(&job.path(course));
            }
            _ => jobs.push(job),
        }
    }
    let site = r.render(&jobs, &render::Memory)?;
    kept.to_grade = r.to_grade();
    kept.shown.retain(|id, _| !ids.contains(id));
    kept.shown
        .extend(now.into_iter().map(|(id, shown)| (id.to_string(), shown)));
    Ok(Update {
        site,
        students: redo,
        replaced: before,
        pages,
        base_url: course.config.base_url.clone(),
        policy: kept.policy.clone(),
    })
}

/// The paths of the pages of the whole course (not of a student) of `course`.
fn course_pages(course: &Course, policy: &Policy) -> BTreeSet<String> {
    let all = render::job::list(course, policy);
    let of_course = all.iter().filter(|j| j.student().is_none());
    of_course.map(|j| j.path(course)).collect()
}

/// Validates the course as if the students in `ids` were its only students, so
/// their checks run against the course's standards, units, playlists and rubrics
/// without checking every other student again.
fn validate_students(sources: &mut Sources, ids: &BTreeSet<String>) -> (Course, Diagnostics) {
    let students = set_aside(&mut sources.students, |s| !ids.contains(&s.id));
    let marks = set_aside(&mut sources.assessments, |(id, _)| !ids.contains(id));
    let result = validate::validate(sources);
    put_back(&mut sources.students, students);
    put_back(&mut sources.assessments, marks);
    result
}

/// What [`set_aside`] took out of a list: each item with its place, and the places
/// of the items left in.
struct Aside<T> {
    taken: Vec<(usize, T)>,
    left: Vec<usize>,
}

/// Takes the items `take` picks out of `items`, remembering where each was.
fn set_aside<T>(items: &mut Vec<T>, take: impl Fn(&T) -> bool) -> Aside<T> {
    let mut aside = Aside {
        taken: Vec::new(),
        left: Vec::new(),
    };
    for (at, item) in std::mem::take(items).into_iter().enumerate() {
        if take(&item) {
            aside.taken.push((at, item));
        } else {
            aside.left.push(at);
            items.push(item);
        }
    }
    aside
}

/// Undoes [`set_aside`]: every item back in its place.
fn put_back<T>(items: &mut Vec<T>, aside: Aside<T>) {
    let mut all: Vec<(usize, T)> = aside.left.into_iter().zip(std::mem::take(items)).collect();
    all.extend(aside.taken);
    all.sort_by_key(|(at, _)| *at);
    items.extend(all.into_iter().map(|(_, item)| item));
}

/// Replaces the students in `ids` by `fresh`, keeping the list sorted by id as
/// `validate` makes it.
fn splice(students: &mut Vec<Student>, fresh: Vec<Student>, ids: &BTreeSet<String>) {
    students.retain(|s| !ids.contains(&s.id));
    students.extend(fresh);
    students.sort_by(|a, b| a.id.cmp(&b.id));
}
