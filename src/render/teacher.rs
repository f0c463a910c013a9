//! The teacher's own pages (teacher audience, `Policy::class_pages`): the students
//! page with its dashboard, sorted by each of its columns, and the to-grade queue.

use super::{Renderer, json};
use crate::site::paths::{self, StudentsSort};

impl Renderer<'_> {
    /// The students page with the dashboard (by name), and the same page sorted by
    /// each other column under `class/students/` (sorting with no script).
    pub(super) fn teacher_students_pages(&mut self, noindex: bool) {
        let (c, v) = (self.course, self.views);
        let rows = v.class_rows();
        let standards: Vec<_> = c
            .standards
            .iter()
            .map(|s| v.standard_ref(&s.code))
            .collect();
        let standards = json(&standards);
        let mut sorts: Vec<(String, Option<StudentsSort>)> =
            vec![("students/index.html".into(), None)];
        let keys = [StudentsSort::PastDue, StudentsSort::ToGrade]
            .into_iter()
            .chain(c.standards.iter().map(|s| StudentsSort::Standard(&s.code)));
        sorts.extend(keys.map(|k| (paths::students_by(k), Some(k))));
        for (path, by) in sorts {
            // An update may have taken the `class/` pages from the previous site.
            if self.site.files.contains_key(&path) || self.reuse(&path) {
                continue;
            }
            let order = super::views::class::dashboard_order(c, &rows, by);
            let dashboard: Vec<_> = order.iter().map(|&i| &rows[i].0).collect();
            let students: Vec<_> = order.iter().map(|&i| &rows[i].0.student).collect();
            let sorted_by = v
                .dashboard_sorts(by)
                .into_iter()
                .find(|s| s.current)
                .map(|s| s.title)
                .unwrap_or_default();
            self.page(
                &path,
                "students",
                "Students",
                noindex,
                [
                    ("students", json(&students)),
                    ("dashboard", json(&dashboard)),
                    ("standards", standards.clone()),
                    ("sorts", json(&v.dashboard_sorts(by))),
                    ("sorted_by", json(&sorted_by)),
                ],
            );
        }
    }

    /// The to-grade queue.
    pub(super) fn queue_page(&mut self) {
        let queue = self.views.queue();
        self.page(
            paths::TO_GRADE,
            "to_grade",
            "To grade",
            true,
            [("queue", json(&queue))],
        );
    }
}
