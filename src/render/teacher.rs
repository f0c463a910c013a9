//! The teacher's own pages (teacher audience, `Policy::class_pages`): the students
//! page with its dashboard, sorted by each of its columns (`Job::StudentsBy`).

use super::job::{Job, PageKind, StudentsOrder};
use super::renderer::{Out, Renderer};
use super::{Sink, json};
use crate::site::paths::StudentsSort;

impl Renderer<'_> {
    /// The students page with the dashboard, by name (`by` None) or sorted by one
    /// of its columns: each sorting is its own page, so sorting needs no script.
    pub(super) fn teacher_students_page(
        &self,
        by: Option<StudentsSort>,
        sink: &dyn Sink,
        out: &mut Out,
    ) {
        let (c, v) = (self.course, &self.views);
        // The class grid's rows, made once for every sorting of both pages.
        let grid = self.class_grid();
        let rows = &grid.rows;
        let order = super::views::class::dashboard_order(c, rows, by);
        let dashboard: Vec<_> = order.iter().map(|&i| &rows[i].0).collect();
        let students: Vec<_> = order.iter().map(|&i| &rows[i].0.student).collect();
        let sorts = v.dashboard_sorts(by);
        let sorted_by = sorts
            .iter()
            .find(|s| s.current)
            .map(|s| s.title.clone())
            .unwrap_or_default();
        let job = match by {
            None => Job::Students,
            Some(StudentsSort::PastDue) => Job::StudentsBy(StudentsOrder::PastDue),
            Some(StudentsSort::ToGrade) => Job::StudentsBy(StudentsOrder::ToGrade),
            Some(StudentsSort::Standard(code)) => {
                Job::StudentsBy(StudentsOrder::Standard(code.to_string()))
            }
        };
        let path = job.path(c);
        self.page(
            out,
            sink,
            (&path, PageKind::Students),
            "Students",
            [
                ("students", json(&students)),
                ("dashboard", json(&dashboard)),
                ("standards", grid.standards.clone()),
                ("sorts", json(&sorts)),
                ("sorted_by", json(&sorted_by)),
            ],
        );
    }
}
