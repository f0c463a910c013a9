//! Stage 6: the filtered course into the files of a site, in memory.
//!
//! Every page is a job (a path, a template and its view); jobs are rendered the same
//! way for `build`, `check` and tests, and handed to `write` as one `Site`.

pub mod chart;
pub mod print;
pub mod publish;
pub mod search;
pub mod standalone;
mod teacher;
pub mod templates;
pub mod views;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde::Serialize;

use rayon::prelude::*;

use crate::audience::{Indexing, Policy};
use crate::compute::Computed;
use crate::diag::Diagnostics;
use crate::markdown::links;
use crate::model::{Course, Student};
use crate::site::paths;
use templates::{Templates, ThemeFile};
use views::{NavLink, PageView, Views};

pub use crate::site::Content;

/// Where pages go as soon as they are rendered, so that a school's site never sits
/// in memory whole (`write::Staging`). Pages given to a sink are in the site as
/// [`Content::Written`].
pub trait Sink: Sync {
    fn put(&self, site_path: &str, bytes: &[u8]) -> Result<(), crate::diag::Diagnostic>;
}

/// A whole site in memory: site path (`/`-separated) → content. Sorted, so writing
/// and hashing it is deterministic.
#[derive(Debug, Default, Clone)]
pub struct Site {
    pub files: BTreeMap<String, Content>,
    pub pages: usize,
    /// Pages search engines may index (public, without `noindex`): the sitemap.
    pub indexable: Vec<String>,
    /// Students whose portfolios the site holds.
    pub students: usize,
    /// What each student's part of the site added beyond its files, by student id,
    /// so that [`render_update`] can keep the parts of students that did not change.
    pub(crate) by_student: BTreeMap<String, StudentPart>,
    /// The to-grade count every teacher page's navigation shows (see [`render_some`]).
    pub(crate) to_grade: usize,
}

/// Besides its files (all under `students/<id>/`), one student's part of a site.
#[derive(Debug, Default, Clone)]
pub(crate) struct StudentPart {
    pages: usize,
    /// The student's entries in the search index, as JSON (see `search`).
    docs: String,
    /// A hash of what the whole course's pages show of the student (see
    /// [`roster_facts`]): while it stays the same, those pages do too.
    roster: u64,
}

/// A hash of everything the pages of the whole course (roster, class grid, unit
/// proficiency) show of `s`: their summary, mastery and progress.
fn roster_facts(v: &Views, s: &Student) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    format!(
        "{:?}\n{:?}\n{:?}",
        serde_json::to_string(&v.student_summary(s)).ok(),
        v.computed.mastery(v.course, s),
        v.computed.progress(v.course, s)
    )
    .hash(&mut h);
    h.finish()
}

/// The student a site file belongs to: `students/<id>/…` belongs to `<id>`; every
/// other file (`students/index.html` too) belongs to the whole course.
fn owner(site_path: &str) -> Option<&str> {
    let rest = site_path.strip_prefix("students/")?;
    rest.split_once('/').map(|(id, _)| id)
}

impl Site {
    fn page(&mut self, path: String, html: String) {
        self.pages += 1;
        self.files.insert(path, Content::Bytes(html.into_bytes()));
    }

    fn written(&mut self, path: String) {
        self.pages += 1;
        self.files.insert(path, Content::Written);
    }

    /// Replaces the parts of this site that `update` re-rendered: every file of the
    /// whole course, and the files of the students in `students` (which `update`
    /// holds, unless they are no longer on the site). The result is the site a full
    /// render would give; `tests/incremental.rs` holds the two side by side.
    pub fn apply(&mut self, update: Site, students: &BTreeSet<String>) {
        let Site {
            files,
            pages,
            indexable,
            students: count,
            by_student,
            to_grade,
        } = update;
        // An update may render more students than changed (see `render_some`).
        let redone = |id: &str| students.contains(id) || by_student.contains_key(id);
        let kept = |path: &str| owner(path).is_some_and(|id| !redone(id));
        self.files.retain(|path, _| kept(path));
        self.files.extend(files);
        self.indexable.retain(|path| kept(path));
        self.indexable.extend(indexable);
        self.by_student.retain(|id, _| !redone(id));
        self.to_grade = to_grade;
        self.pages = pages + self.by_student.values().map(|p| p.pages).sum::<usize>();
        self.by_student.extend(by_student);
        self.students = count;
    }

    /// The text of a page, for tests and tools.
    pub fn text(&self, path: &str) -> Option<String> {
        match self.files.get(path)? {
            Content::Bytes(b) => Some(String::from_utf8_lossy(b).into_owned()),
            Content::Copy(p) => p.read().ok().and_then(|b| String::from_utf8(b).ok()),
            Content::Written => None,
        }
    }
}

/// Renders every page and lists every file the site needs.
pub fn render(course: &Course, policy: &Policy) -> Result<Site, Diagnostics> {
    render_with(course, policy, &Computed::new(course))
}

/// [`render`] with mastery and progress computed beforehand (`build` times the two
/// steps apart). Pages are rendered on all cores: each student's pages, and each
/// class grid page, by one task with its own part of the site; the parts are joined
/// in the same order every time, so the site does not depend on the scheduling.
pub fn render_with(
    course: &Course,
    policy: &Policy,
    computed: &Computed,
) -> Result<Site, Diagnostics> {
    render_some(course, policy, computed, None, None)
}

/// [`render_with`], handing each page to `sink` as soon as it is rendered.
pub fn render_into(
    course: &Course,
    policy: &Policy,
    computed: &Computed,
    sink: &dyn Sink,
) -> Result<Site, Diagnostics> {
    render_some(course, policy, computed, None, Some(sink))
}

/// The part of the site that changes when only the students in `students` changed:
/// every page of the whole course (the class grid, the roster and the search index
/// show every student) and those students' pages, reusing from `previous` what the
/// others' pages add to the search index. [`Site::apply`] puts it into `previous`.
/// `serve` uses it to show an edited evidence item without rendering every page.
pub fn render_update(
    course: &Course,
    policy: &Policy,
    computed: &Computed,
    previous: &Site,
    students: &BTreeSet<String>,
) -> Result<Site, Diagnostics> {
    render_some(course, policy, computed, Some((previous, students)), None)
}

fn render_some(
    course: &Course,
    policy: &Policy,
    computed: &Computed,
    update: Option<(&Site, &BTreeSet<String>)>,
    sink: Option<&dyn Sink>,
) -> Result<Site, Diagnostics> {
    let templates = templates::load(course)?;
    let views = Views {
        course,
        policy,
        links: links::LinkMap::new(course),
        computed,
    };
    let site_view = views.site();
    // The to-grade count is in the navigation of every teacher page: when it
    // changes, an update renders every student's pages again.
    let everyone: BTreeSet<String>;
    let update = match update {
        Some((previous, _)) if previous.to_grade != site_view.to_grade => {
            everyone = course.students.iter().map(|s| s.id.clone()).collect();
            Some((previous, &everyone))
        }
        other => other,
    };
    let mut r = Renderer {
        templates: &templates,
        views: &views,
        site_view,
        site_value: tera::Value::none(),
        site: Site::default(),
        diags: Diagnostics::new(),
        course,
        dry_run: crate::media::is_dry_run(),
        update,
        same_roster: None,
        sink,
    };
    r.same_roster = update.and_then(|(previous, ids)| {
        let unchanged = ids.iter().all(|id| {
            let now = course.students.iter().find(|s| &s.id == id);
            let before = previous.by_student.get(id);
            now.zip(before)
                .is_some_and(|(s, p)| p.roster == roster_facts(&views, s))
        });
        unchanged.then_some(previous)
    });
    if course.standalone && r.site_view.title.is_empty() {
        // The site is one student's: its title names them as this audience may.
        if let Some(s) = course.students.first() {
            r.site_view.title = format!("{}’s portfolio", s.name);
        }
    }
    r.site_value = json(&r.site_view);
    r.all();
    if r.diags.has_errors() {
        return Err(r.diags);
    }
    publish::add_files(&mut r.site, course, policy);
    r.site.to_grade = r.site_view.to_grade;
    Ok(r.site)
}

struct Renderer<'a> {
    templates: &'a Templates,
    views: &'a Views<'a>,
    site_view: views::SiteView,
    /// `site_view` as the template value every page gets, made once.
    site_value: tera::Value,
    site: Site,
    diags: Diagnostics,
    course: &'a Course,
    /// Whether this render is a `check` (media work only checks; see `part`).
    dry_run: bool,
    /// For [`render_update`]: the previous site and the students to render again.
    update: Option<(&'a Site, &'a BTreeSet<String>)>,
    /// For [`render_update`]: the site whose pages of the whole course that show
    /// students (roster, class grid, units) are still right, because what they
    /// show of the changed students did not change.
    same_roster: Option<&'a Site>,
    /// Where pages go as they are rendered, if anywhere (see [`Sink`]).
    sink: Option<&'a dyn Sink>,
}

impl<'a> Renderer<'a> {
    /// Every page and file of the site.
    fn all(&mut self) {
        let c = self.course;
        let v = self.views;
        self.site.students = c.students.len();
        // Images are published clean and resized (see `media`), never as they are.
        let media = crate::media::Publisher::new(&c.root, &c.config.media);
        let students: Vec<&Student> = c
            .students
            .iter()
            .filter(|s| self.update.is_none_or(|(_, ids)| ids.contains(&s.id)))
            .collect();
        media.prepare(&students, v.policy);
        let student_pages_noindex = !v.policy.indexes_student_pages();
        if !c.standalone {
            self.course_pages(student_pages_noindex);
        }
        let this = &*self;
        let parts: Vec<Renderer> = students
            .par_iter()
            .map(|s| {
                this.part(|part| {
                    part.student_pages(s, &media, student_pages_noindex);
                })
            })
            .collect();
        self.absorb(parts);
        self.site_pages();
        self.copy_files(&media);
    }

    /// The pages of a whole course (not of a standalone portfolio): home, standards,
    /// units, class pages, playlists, rubrics and the roster, each reused when an
    /// update may.
    fn course_pages(&mut self, student_pages_noindex: bool) {
        let c = self.course;
        let v = self.views;
        let units: Vec<_> = c.units.iter().map(|u| v.unit_summary(u)).collect();
        self.page(
            "index.html",
            "index",
            &c.config.title,
            false,
            [("units", json(&units))],
        );
        self.page(
            "standards/index.html",
            "standards",
            "Standards",
            false,
            [("groups", json(&v.standard_groups()))],
        );
        let class_pages = v.policy.class_pages;
        for u in &c.units {
            if self.reuse(&paths::unit(&u.slug)) {
                continue;
            }
            let proficiency = if class_pages {
                v.unit_proficiency(&u.standards)
            } else {
                Vec::new()
            };
            self.page(
                &paths::unit(&u.slug),
                "unit",
                &u.title,
                false,
                [
                    ("unit", json(&v.unit(u))),
                    ("proficiency", json(&proficiency)),
                ],
            );
        }
        if class_pages && !c.students.is_empty() {
            match self.same_roster {
                Some(previous) => {
                    for path in previous.files.keys().filter(|p| p.starts_with("class/")) {
                        self.reuse(path);
                    }
                }
                None => self.class_pages(),
            }
        }
        for p in &c.playlists {
            self.page(
                &paths::playlist(&p.slug),
                "playlist",
                &p.title,
                false,
                [("playlist", json(&v.playlist(p)))],
            );
        }
        for rb in &c.rubrics {
            self.page(
                &paths::rubric(&rb.slug),
                "rubric",
                &rb.title,
                false,
                [("rubric", json(&v.rubric(rb)))],
            );
        }
        if class_pages && !c.students.is_empty() {
            self.teacher_students_pages(student_pages_noindex);
            self.queue_page();
        } else if !c.students.is_empty() && !self.reuse("students/index.html") {
            let roster: Vec<_> = c.students.iter().map(|s| v.student_summary(s)).collect();
            self.page(
                "students/index.html",
                "students",
                "Students",
                student_pages_noindex,
                [("students", json(&roster))],
            );
        }
    }

    /// The pages of every site, made after the students' ones: the standards of a
    /// standalone portfolio, search and 404.
    fn site_pages(&mut self) {
        let c = self.course;
        let v = self.views;
        if c.standalone && !c.standards.is_empty() {
            self.page(
                "standards/index.html",
                "portfolio_standards",
                "Standards",
                false,
                [("groups", json(&v.portfolio_standards()))],
            );
        }
        self.search_page();
        // Hosts serve 404.html for a missing address at any depth; the template uses
        // `base_path` to make its links work there (docs/publishing.md).
        let base_path = publish::base_path(&c.config.base_url).unwrap_or_default();
        self.page(
            "404.html",
            "404",
            "Page not found",
            true,
            [("base_path", json(&base_path))],
        );
    }

    /// The course's resources, static files and unit assets as this audience may
    /// have them, and the theme's static files.
    fn copy_files(&mut self, media: &crate::media::Publisher) {
        let c = self.course;
        let v = self.views;
        for a in c
            .resources
            .iter()
            .chain(&c.statics)
            .chain(c.units.iter().flat_map(|u| &u.assets))
        {
            if let Some(content) = media.asset(&a.source, &a.site_path, v.policy) {
                self.site.files.insert(a.site_path.clone(), content);
            }
        }
        for (path, file) in &self.templates.statics {
            let content = match file {
                ThemeFile::Embedded(text) => Content::Bytes(text.as_bytes().to_vec()),
                ThemeFile::Generated(text) => Content::Bytes(text.as_bytes().to_vec()),
                ThemeFile::Disk(p) => Content::Copy(p.clone()),
            };
            self.site.files.insert(path.clone(), content);
        }
    }

    /// One student's pages and files: portfolio home, progress and mastery (when
    /// scores are shown), the printable portfolio, and each evidence item.
    fn student_pages(&mut self, s: &Student, media: &crate::media::Publisher, noindex: bool) {
        let (c, v) = (self.course, self.views);
        let pages_before = self.site.pages;
        let summaries: Vec<_> = s
            .evidence
            .iter()
            .map(|e| v.evidence_summary(s, e))
            .collect();
        let featured: Vec<_> = summaries.iter().filter(|e| e.featured).cloned().collect();
        // Made once and shared by every page of the student (a tera value is
        // reference-counted, so each page's copy is cheap).
        let student = json(&v.student(s));
        // A standalone portfolio is the whole site: its home is the site's home.
        let home = if c.standalone {
            "index.html".to_string()
        } else {
            paths::student(&s.id)
        };
        self.page(
            &home,
            "portfolio",
            &s.name,
            noindex,
            [
                ("student", student.clone()),
                ("featured", json(&featured)),
                ("evidence", json(&summaries)),
            ],
        );
        if self.site_view.show_scores && !c.standalone {
            let (playlists, next) = v.progress(s);
            self.page(
                &paths::progress(&s.id),
                "progress",
                &format!("Progress: {}", s.name),
                noindex,
                [
                    ("student", student.clone()),
                    ("playlists", json(&playlists)),
                    ("next", json(&next)),
                ],
            );
            self.page(
                &paths::mastery(&s.id),
                "mastery",
                &format!("Mastery: {}", s.name),
                noindex,
                [
                    ("student", student.clone()),
                    ("groups", json(&v.mastery_groups(s))),
                    ("method", json(&c.config.mastery.method.name())),
                ],
            );
        }
        // Each reflection is rendered once, for its page, and reused by the
        // printable portfolio wherever its links do not depend on the page.
        let views: Vec<_> = s
            .evidence
            .iter()
            .zip(summaries)
            .map(|(e, summary)| v.evidence(s, e, summary))
            .collect();
        self.print_page(s, student.clone(), &views);
        for (e, view) in s.evidence.iter().zip(&views) {
            let dir = paths::evidence_dir(&s.id, &e.slug);
            self.page(
                &paths::evidence(&s.id, &e.slug),
                "evidence",
                &e.title,
                noindex,
                [("student", student.clone()), ("evidence", json(view))],
            );
            for (path, content) in media.evidence(e, &dir, v.policy) {
                self.site.files.insert(path, content);
            }
        }
        let part = StudentPart {
            pages: self.site.pages - pages_before,
            docs: search::json_entries(&search::student_docs(v, s)),
            // Only a site kept in memory (`serve`) is ever updated.
            roster: if self.sink.is_none() {
                roster_facts(v, s)
            } else {
                0
            },
        };
        self.site.by_student.insert(s.id.clone(), part);
    }

    /// Runs `work` on an empty renderer that shares this one's templates and views,
    /// on whichever thread calls it, and returns it with the pages it made. Media work
    /// in a dry run (`check`) stays a dry run on that thread too.
    fn part(&self, work: impl FnOnce(&mut Renderer<'a>)) -> Renderer<'a> {
        let _dry = (self.dry_run && !crate::media::is_dry_run()).then(crate::media::dry_run);
        let mut part = Renderer {
            templates: self.templates,
            views: self.views,
            site_view: self.site_view.clone(),
            site_value: self.site_value.clone(),
            site: Site::default(),
            diags: Diagnostics::new(),
            course: self.course,
            dry_run: self.dry_run,
            update: self.update,
            same_roster: self.same_roster,
            sink: self.sink,
        };
        work(&mut part);
        part
    }

    /// Adds the pages, files and problems of `parts`, in order.
    fn absorb(&mut self, parts: Vec<Renderer<'a>>) {
        for part in parts {
            self.site.pages += part.site.pages;
            self.site.files.extend(part.site.files);
            self.site.indexable.extend(part.site.indexable);
            self.site.by_student.extend(part.site.by_student);
            self.diags.extend(part.diags);
        }
    }

    /// The class grid, once sorted by name and once by each standard. Each row is
    /// made once and shared by every sorting of it.
    fn class_pages(&mut self) {
        let (c, v) = (self.course, self.views);
        let standards: Vec<_> = c
            .standards
            .iter()
            .map(|s| v.standard_ref(&s.code))
            .collect();
        let summaries = json(&v.standard_summaries());
        let playlists = json(&v.playlist_counts());
        let rows = v.class_rows();
        let values: Vec<tera::Value> = rows.iter().map(|(row, _)| json(row)).collect();
        let mut sorts = vec![(String::from("class/index.html"), None, String::new())];
        sorts.extend(
            c.standards
                .iter()
                .enumerate()
                .map(|(i, s)| (paths::class_by(&s.code), Some(i), s.code.clone())),
        );
        let standards = json(&standards);
        let this = &*self;
        let parts: Vec<Renderer> = sorts
            .into_par_iter()
            .map(|(path, by, code)| {
                let order = views::class::class_order(&rows, by);
                let sorted: Vec<tera::Value> = order.iter().map(|&i| values[i].clone()).collect();
                this.part(|part| {
                    part.page(
                        &path,
                        "class",
                        "Class mastery",
                        true,
                        [
                            ("standards", standards.clone()),
                            ("rows", tera::Value::from(sorted)),
                            ("sorted_by", json(&code)),
                            ("per_standard", summaries.clone()),
                            ("per_playlist", playlists.clone()),
                        ],
                    )
                })
            })
            .collect();
        self.absorb(parts);
    }

    /// Takes the page at `path` from the previous site when it is still right (see
    /// `same_roster`); whether it did.
    fn reuse(&mut self, path: &str) -> bool {
        let Some(previous) = self.same_roster else {
            return false;
        };
        let Some(content) = previous.files.get(path) else {
            return false;
        };
        self.site.pages += 1;
        self.site.files.insert(path.to_string(), content.clone());
        if previous.indexable.iter().any(|p| p == path) {
            self.site.indexable.push(path.to_string());
        }
        true
    }

    /// The main menu; each `href` is relative to the site root, like every other
    /// view href (the template puts `page.root` in front of it).
    fn nav(&self, kind: &str) -> Vec<NavLink> {
        let c = self.course;
        let mut nav = Vec::new();
        let mut add = |title: &str, path: &str, k: &str| {
            nav.push(NavLink {
                title: title.into(),
                href: paths::href(path),
                current: k == kind,
            });
        };
        if c.standalone {
            if let Some(s) = c.students.first() {
                add(&s.name, "index.html", "portfolio");
            }
            if !c.standards.is_empty() {
                add("Standards", "standards/index.html", "portfolio_standards");
            }
            return nav;
        }
        add("Home", "index.html", "index");
        add("Standards", "standards/index.html", "standards");
        if !c.students.is_empty() {
            match self.views.policy.student() {
                Some(id) => add("My portfolio", &paths::student(id), "portfolio"),
                None => add("Students", "students/index.html", "students"),
            }
        }
        if self.views.policy.class_pages && !c.students.is_empty() {
            add("Class", "class/index.html", "class");
            let to_grade = format!("To grade ({})", self.site_view.to_grade);
            add(&to_grade, paths::TO_GRADE, "to_grade");
        }
        nav
    }

    fn page<const N: usize>(
        &mut self,
        path: &str,
        kind: &'static str,
        title: &str,
        noindex: bool,
        vars: [(&'static str, tera::Value); N],
    ) {
        let root = paths::root_of(path);
        // Only public pages may be indexed; teacher and student builds never.
        let noindex = noindex || kind == "404" || self.views.policy.indexing == Indexing::Never;
        let canonical = if noindex {
            String::new()
        } else {
            self.site.indexable.push(path.to_string());
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
                root,
                noindex,
                canonical,
            },
        );
        for (k, v) in vars {
            ctx.insert_value(k, v);
        }
        let template = format!("{kind}.html");
        match self.templates.tera.render(&template, &ctx) {
            Ok(html) => match self.sink {
                None => self.site.page(path.to_string(), html),
                Some(sink) => match sink.put(path, html.as_bytes()) {
                    Ok(()) => self.site.written(path.to_string()),
                    Err(d) => self.diags.push(d),
                },
            },
            Err(e) => {
                let mut d =
                    templates::template_error(&PathBuf::from("templates").join(&template), &e);
                d.message = format!("{} (while rendering {path})", d.message);
                self.diags.push(d);
            }
        }
    }
}

/// A view as a template value. Views are plain data (strings, numbers, lists), which
/// always serialize; made straight into tera's own value, which pages share cheaply.
fn json<T: Serialize>(value: &T) -> tera::Value {
    tera::Value::try_from_serializable(value).unwrap_or_else(|_| tera::Value::none())
}
