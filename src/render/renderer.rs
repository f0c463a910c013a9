//! Rendering a list of jobs: each page through its template into the sink, on all
//! cores. The pages of one student are one task (they share the student's views);
//! every other page is a task of its own. The parts are joined in the order of the
//! jobs, so the site does not depend on the scheduling.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use rayon::prelude::*;

use super::job::{Job, PageKind};
use super::templates::{self, Templates};
use super::views::{NavLink, PageView, Views};
use super::{Sink, Site, json, publish};
use crate::audience::Policy;
use crate::compute::Computed;
use crate::diag::Diagnostics;
use crate::markdown::links;
use crate::model::{Course, Student};
use crate::site::paths;

/// What every page of one render shares: the templates, the views of the filtered
/// course, the site's description, and the media publisher.
pub struct Renderer<'a> {
    pub(super) course: &'a Course,
    pub(super) templates: Templates,
    pub(super) views: Views<'a>,
    /// The site's description (`SiteView`) as the template value every page
    /// gets, made once.
    site_value: tera::Value,
    /// Images are published clean and resized (see `media`), never as they are.
    pub(super) media: crate::media::Publisher,
    /// Whether this render is a `check` (media work only checks; see `task`).
    dry_run: bool,
    /// The class grid's rows, made once for all its sortings.
    pub(super) class: OnceLock<ClassGrid>,
    /// The evidence waiting for a score (teacher audience; 0 otherwise): the count
    /// in every teacher page's menu.
    to_grade: usize,
    /// Tests: each page's template variables as JSON, by path (`pipeline::snapshots`).
    #[cfg(test)]
    pub(crate) captured: std::sync::Mutex<Vec<(String, serde_json::Value)>>,
}

/// What the pages that show every student ([`Job::shows_every_student`]: roster,
/// class grid, units) read of one student: their summary as the roster gets it,
/// their mastery and their progress. While it stays the same for every changed
/// student, those pages do too (`pipeline::live` keeps them). A field such a page
/// adds about a student must come through one of these.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    summary: String,
    mastery: Vec<crate::compute::StandardMastery>,
    progress: Vec<crate::compute::progress::PlaylistProgress>,
}

/// The class grid's rows, made once and shared by every sorting of it
/// (`pages::class_page`).
pub(super) struct ClassGrid {
    pub standards: tera::Value,
    pub per_standard: tera::Value,
    pub per_playlist: tera::Value,
    pub rows: Vec<(super::views::class::ClassRow, Vec<f64>)>,
    pub values: Vec<tera::Value>,
}

/// What one task made: its part of the site and its problems.
#[derive(Default)]
pub(super) struct Out {
    pub site: Site,
    pub diags: Diagnostics,
}

impl<'a> Renderer<'a> {
    pub fn new(
        course: &'a Course,
        policy: &'a Policy,
        computed: &'a Computed,
    ) -> Result<Renderer<'a>, Diagnostics> {
        let templates = templates::load(course)?;
        let views = Views {
            course,
            policy,
            links: links::LinkMap::new(course),
            computed,
        };
        let mut site_view = views.site();
        if course.standalone && site_view.title.is_empty() {
            // The site is one student's: its title names them as this audience may.
            if let Some(s) = course.students.first() {
                site_view.title = format!("{}’s portfolio", s.name);
            }
        }
        Ok(Renderer {
            course,
            templates,
            to_grade: site_view.to_grade,
            site_value: json(&site_view),
            #[cfg(test)]
            captured: std::sync::Mutex::new(Vec::new()),
            views,
            media: crate::media::Publisher::new(&course.root, &course.config.media),
            dry_run: crate::media::is_dry_run(),
            class: OnceLock::new(),
        })
    }

    /// Renders `jobs` into `sink`. Every problem comes back, or the pages.
    pub fn render(&self, jobs: &[Job], sink: &dyn Sink) -> Result<Site, Diagnostics> {
        let c = self.course;
        let by_id: HashMap<&str, &Student> =
            c.students.iter().map(|s| (s.id.as_str(), s)).collect();
        let tasks = tasks(jobs);
        let students: Vec<&Student> = tasks
            .iter()
            .filter_map(|t| by_id.get(t.first()?.student()?).copied())
            .collect();
        self.media.prepare(&students, self.views.policy);
        let outs: Vec<Out> = tasks
            .par_iter()
            .map(|task| {
                let _dry =
                    (self.dry_run && !crate::media::is_dry_run()).then(crate::media::dry_run);
                let mut out = Out::default();
                match task.first().and_then(|j| j.student()) {
                    Some(id) => {
                        if let Some(s) = by_id.get(id) {
                            self.student_pages(s, task, sink, &mut out);
                        }
                    }
                    None => task
                        .iter()
                        .for_each(|j| self.course_page(j, sink, &mut out)),
                }
                out
            })
            .collect();
        let mut site = Site {
            students: c.students.len(),
            ..Site::default()
        };
        let mut diags = Diagnostics::new();
        for out in outs {
            site.absorb(out.site);
            diags.extend(out.diags);
        }
        if diags.has_errors() {
            return Err(diags);
        }
        Ok(site)
    }

    /// The count of work waiting for a score that every teacher page's menu shows.
    pub fn to_grade(&self) -> usize {
        self.to_grade
    }

    /// What the pages of every student show of `s`.
    pub fn shown(&self, s: &Student) -> Shown {
        let (c, v) = (self.course, &self.views);
        Shown {
            summary: serde_json::to_string(&v.student_summary(s)).unwrap_or_default(),
            mastery: v.computed.mastery(c, s).into_owned(),
            progress: v.computed.progress(c, s).into_owned(),
        }
    }

    /// The main menu; each `href` is relative to the site root, like every other
    /// view href (the template puts `page.root` in front of it).
    fn nav(&self, kind: PageKind) -> Vec<NavLink> {
        let c = self.course;
        let mut nav = Vec::new();
        let mut add = |title: &str, path: &str, k: PageKind| {
            nav.push(NavLink {
                title: title.into(),
                href: paths::href(path),
                current: k == kind,
            });
        };
        if c.standalone {
            if let Some(s) = c.students.first() {
                add(&s.name, "index.html", PageKind::Portfolio);
            }
            if !c.standards.is_empty() {
                add(
                    "Standards",
                    "standards/index.html",
                    PageKind::PortfolioStandards,
                );
            }
            return nav;
        }
        add("Home", "index.html", PageKind::Index);
        add("Standards", "standards/index.html", PageKind::Standards);
        if !c.students.is_empty() {
            match self.views.policy.student() {
                Some(id) => add("My portfolio", &paths::student(id), PageKind::Portfolio),
                None => add("Students", "students/index.html", PageKind::Students),
            }
        }
        if self.views.policy.class_pages && !c.students.is_empty() {
            add("Class", "class/index.html", PageKind::Class);
            let to_grade = format!("To grade ({})", self.to_grade);
            add(&to_grade, paths::TO_GRADE, PageKind::ToGrade);
        }
        nav
    }

    /// Keeps a page's template variables as JSON, for the snapshot tests of the
    /// theming contract (docs/theming.md).
    #[cfg(test)]
    fn capture<const N: usize>(
        &self,
        path: &str,
        ctx: &tera::Context,
        vars: &[(&'static str, tera::Value); N],
    ) {
        let mut all = serde_json::Map::new();
        for key in ["site", "nav", "page"] {
            let value = ctx.get(key).map(serde_json::to_value);
            all.insert(key.into(), value.and_then(Result::ok).unwrap_or_default());
        }
        for (k, v) in vars {
            all.insert((*k).into(), serde_json::to_value(v).unwrap_or_default());
        }
        let mut captured = self.captured.lock().unwrap_or_else(|e| e.into_inner());
        captured.push((path.to_string(), serde_json::Value::Object(all)));
    }

    /// Renders the page of `kind` at `path` with `vars` and hands it to `sink`.
    pub(super) fn page<const N: usize>(
        &self,
        out: &mut Out,
        sink: &dyn Sink,
        (path, kind): (&str, PageKind),
        title: &str,
        vars: [(&'static str, tera::Value); N],
    ) {
        let noindex = kind.noindex(self.views.policy);
        let canonical = if noindex {
            String::new()
        } else {
            out.site.indexable.push(path.to_string());
            publish::canonical(&self.course.config.base_url, path)
        };
        let mut ctx = tera::Context::new();
        ctx.insert_value("site", self.site_value.clone());
        ctx.insert("nav", &self.nav(kind));
        ctx.insert(
            "page",
            &PageView {
                title: title.to_string(),
                kind,
                root: paths::root_of(path),
                noindex,
                canonical,
            },
        );
        #[cfg(test)]
        self.capture(path, &ctx, &vars);
        for (k, v) in vars {
            ctx.insert_value(k, v);
        }
        let template = kind.template();
        match self.templates.tera.render(&template, &ctx) {
            Ok(html) => match sink.put(path, html.into_bytes()) {
                Ok(content) => {
                    out.site.pages += 1;
                    out.site.files.insert(path.to_string(), content);
                }
                Err(d) => out.diags.push(d),
            },
            Err(e) => {
                let mut d =
                    templates::template_error(&PathBuf::from("templates").join(&template), &e);
                d.message = format!("{} (while rendering {path})", d.message);
                out.diags.push(d);
            }
        }
    }
}

/// The jobs in tasks: one student's pages together, every other page alone, in
/// the order of the first job of each.
fn tasks(jobs: &[Job]) -> Vec<Vec<&Job>> {
    let mut tasks: Vec<Vec<&Job>> = Vec::new();
    let mut of_student: HashMap<&str, usize> = HashMap::new();
    for job in jobs {
        match job.student() {
            Some(id) => match of_student.get(id) {
                Some(&at) => tasks[at].push(job),
                None => {
                    of_student.insert(id, tasks.len());
                    tasks.push(vec![job]);
                }
            },
            None => tasks.push(vec![job]),
        }
    }
    tasks
}
