//! What each job's page shows: the views and template values of each page kind.

use super::job::{Job, PageKind};
use super::renderer::{ClassGrid, Out, Renderer};
use super::views::EvidenceView;
use super::views::class as learning;
use super::{Sink, json, publish, search};
use crate::model::Student;
use crate::site::paths;

impl Renderer<'_> {
    /// The page of `job`, which is not a student's.
    pub(super) fn course_page(&self, job: &Job, sink: &dyn Sink, out: &mut Out) {
        let (c, v) = (self.course, &self.views);
        let path = job.path(c);
        let at = (path.as_str(), job.kind());
        match job {
            Job::Home => {
                let units: Vec<_> = c.units.iter().map(|u| v.unit_summary(u)).collect();
                self.page(out, sink, at, &c.config.title, [("units", json(&units))]);
            }
            Job::Standards => {
                let groups = json(&v.standard_groups());
                self.page(out, sink, at, "Standards", [("groups", groups)]);
            }
            Job::Unit(slug) => {
                let Some(u) = c.unit(slug) else { return };
                let proficiency = if v.policy.class_pages {
                    v.unit_proficiency(&u.standards)
                } else {
                    Vec::new()
                };
                let vars = [
                    ("unit", json(&v.unit(u))),
                    ("proficiency", json(&proficiency)),
                ];
                self.page(out, sink, at, &u.title, vars);
            }
            Job::Class(by) => self.class_page(by.as_deref(), sink, out),
            Job::Playlist(slug) => {
                let Some(p) = c.playlist(slug) else { return };
                self.page(
                    out,
                    sink,
                    at,
                    &p.title,
                    [("playlist", json(&v.playlist(p)))],
                );
            }
            Job::Rubric(slug) => {
                let Some(rb) = c.rubric(slug) else { return };
                self.page(out, sink, at, &rb.title, [("rubric", json(&v.rubric(rb)))]);
            }
            Job::Students if v.policy.class_pages => self.teacher_students_page(None, sink, out),
            Job::StudentsBy(order) => self.teacher_students_page(Some(order.sort()), sink, out),
            Job::ToGrade => {
                let queue = json(&v.queue());
                self.page(out, sink, at, "To grade", [("queue", queue)]);
            }
            Job::Students => {
                let roster: Vec<_> = c.students.iter().map(|s| v.student_summary(s)).collect();
                self.page(out, sink, at, "Students", [("students", json(&roster))]);
            }
            Job::PortfolioStandards => {
                let groups = json(&v.portfolio_standards());
                self.page(out, sink, at, "Standards", [("groups", groups)]);
            }
            Job::Search => {
                out.site.search.course = Some(search::course_entries(v));
                let view = json(&search::view(c));
                self.page(out, sink, at, "Search", [("search", view)]);
            }
            Job::NotFound => {
                // Hosts serve 404.html for a missing address at any depth; the
                // template uses `base_path` to make its links work there
                // (docs/publishing.md).
                let base_path = publish::base_path(&c.config.base_url).unwrap_or_default();
                let vars = [("base_path", json(&base_path))];
                self.page(out, sink, at, "Page not found", vars);
            }
            Job::Portfolio(_)
            | Job::Progress(_)
            | Job::Mastery(_)
            | Job::Print(_)
            | Job::Evidence(..) => {}
        }
    }

    /// The class grid's rows and shared values, made once per render and read by
    /// every sorting of the grid and of the teacher's students page.
    pub(super) fn class_grid(&self) -> &ClassGrid {
        let (c, v) = (self.course, &self.views);
        self.class.get_or_init(|| {
            let standards: Vec<_> = c
                .standards
                .iter()
                .map(|s| v.standard_ref(&s.code))
                .collect();
            let rows = v.class_rows();
            ClassGrid {
                standards: json(&standards),
                per_standard: json(&v.standard_summaries()),
                per_playlist: json(&v.playlist_counts()),
                values: rows.iter().map(|(row, _)| json(row)).collect(),
                rows,
            }
        })
    }

    /// The class grid sorted by the standard `by` (its code), or by name.
    fn class_page(&self, by: Option<&str>, sink: &dyn Sink, out: &mut Out) {
        let c = self.course;
        let grid = self.class_grid();
        let at = by.and_then(|code| c.standards.iter().position(|s| s.code == code));
        let order = learning::class_order(&grid.rows, at);
        let sorted: Vec<tera::Value> = order.iter().map(|&i| grid.values[i].clone()).collect();
        let path = Job::Class(by.map(str::to_string)).path(c);
        self.page(
            out,
            sink,
            (&path, PageKind::Class),
            "Class mastery",
            [
                ("standards", grid.standards.clone()),
                ("rows", tera::Value::from(sorted)),
                ("sorted_by", json(&by.unwrap_or_default())),
                ("per_standard", grid.per_standard.clone()),
                ("per_playlist", grid.per_playlist.clone()),
            ],
        );
    }

    /// The pages `jobs` of one student, with their evidence files and (with the
    /// portfolio) their search entries. The student's view is made once for all
    /// their pages, and each reflection once for its page and the printable one.
    pub(super) fn student_pages(&self, s: &Student, jobs: &[&Job], sink: &dyn Sink, out: &mut Out) {
        let (c, v) = (self.course, &self.views);
        let summaries: Vec<_> = s
            .evidence
            .iter()
            .map(|e| v.evidence_summary(s, e))
            .collect();
        // A tera value is reference-counted, so each page's copy is cheap.
        let student = json(&v.student(s));
        let needs_views = jobs
            .iter()
            .any(|j| matches!(j, Job::Print(_) | Job::Evidence(..)));
        let views: Vec<EvidenceView> = if needs_views {
            s.evidence
                .iter()
                .zip(&summaries)
                .map(|(e, summary)| v.evidence(s, e, summary.clone()))
                .collect()
        } else {
            Vec::new()
        };
        for job in jobs {
            let path = job.path(c);
            let at = (path.as_str(), job.kind());
            match job {
                Job::Portfolio(_) => {
                    let featured: Vec<_> =
                        summaries.iter().filter(|e| e.featured).cloned().collect();
                    let vars = [
                        ("student", student.clone()),
                        ("featured", json(&featured)),
                        ("evidence", json(&summaries)),
                    ];
                    self.page(out, sink, at, &s.name, vars);
                    let entries = search::student_entries(v, s);
                    out.site.search.students.insert(s.id.clone(), entries);
                }
                Job::Progress(_) => {
                    let (playlists, next) = v.progress(s);
                    let vars = [
                        ("student", student.clone()),
                        ("playlists", json(&playlists)),
                        ("next", json(&next)),
                    ];
                    self.page(out, sink, at, &format!("Progress: {}", s.name), vars);
                }
                Job::Mastery(_) => {
                    let vars = [
                        ("student", student.clone()),
                        ("groups", json(&v.mastery_groups(s))),
                        ("method", json(&c.config.mastery.method.name())),
                    ];
                    self.page(out, sink, at, &format!("Mastery: {}", s.name), vars);
                }
                Job::Print(_) => self.print_page(s, student.clone(), &views, sink, out),
                Job::Evidence(_, slug) => {
                    let Some(i) = s.evidence.iter().position(|e| &e.slug == slug) else {
                        continue;
                    };
                    let (e, view) = (&s.evidence[i], &views[i]);
                    let vars = [("student", student.clone()), ("evidence", json(view))];
                    self.page(out, sink, at, &e.title, vars);
                    let dir = paths::evidence_dir(&s.id, &e.slug);
                    out.site
                        .files
                        .extend(self.media.evidence(e, &dir, v.policy));
                }
                _ => {}
            }
        }
    }
}
