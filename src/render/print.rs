//! A student's whole portfolio on one page, for printing to paper or PDF from the
//! browser: every evidence item the audience may see, oldest first, each starting
//! on a new printed page (template `print.html`).

use super::paths::href;
use super::{Renderer, json};
use crate::model::Student;

/// Where a student's printable portfolio lives in the site.
pub fn path(student_id: &str) -> String {
    format!("students/{student_id}/print/index.html")
}

/// The href of that page, from the site root.
pub fn href_of(student_id: &str) -> String {
    href(&path(student_id))
}

impl Renderer<'_> {
    /// The printable portfolio of one student; indexed like the student's other pages.
    /// `student` is the student's view, made once for all their pages.
    pub(super) fn print_page(&mut self, s: &Student, student: tera::Value) {
        let v = self.views;
        // A printed portfolio reads like a book: oldest work first.
        let mut items: Vec<_> = s.evidence.iter().collect();
        items.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.slug.cmp(&b.slug)));
        let evidence: Vec<_> = items
            .iter()
            // A reflection's relative links (its own images) must start from this page.
            .map(|e| v.evidence_on(s, e, &path(&s.id)))
            .collect();
        self.page(
            &path(&s.id),
            "print",
            &format!("{}: whole portfolio", s.name),
            !self.course.config.privacy.index_student_pages,
            [("student", student), ("evidence", json(&evidence))],
        );
    }
}
