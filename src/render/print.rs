//! A student's whole portfolio on one page, for printing to paper or PDF from the
//! browser: every evidence item the audience may see, oldest first, each starting
//! on a new printed page (template `print.html`).

use super::job::PageKind;
use super::renderer::{Out, Renderer};
use super::views::EvidenceView;
use super::{Sink, json};
use crate::model::Student;
use crate::site::paths;

impl Renderer<'_> {
    /// The printable portfolio of one student; indexed like the student's other pages.
    /// `student` is the student's view, made once for all their pages.
    pub(super) fn print_page(
        &self,
        s: &Student,
        student: tera::Value,
        views: &[EvidenceView],
        sink: &dyn Sink,
        out: &mut Out,
    ) {
        let v = &self.views;
        // A printed portfolio reads like a book: oldest work first.
        let mut items: Vec<_> = s.evidence.iter().zip(views).collect();
        items.sort_by(|(a, _), (b, _)| a.date.cmp(&b.date).then_with(|| a.slug.cmp(&b.slug)));
        let evidence: Vec<EvidenceView> = items
            .into_iter()
            .map(|(e, view)| {
                let mut view = view.clone();
                // A reflection's relative links (its own images) must start from this page.
                if view.links_from_page {
                    view.reflection_html =
                        v.links
                            .html(&e.reflection, 3, &e.source, &paths::print(&s.id));
                }
                view
            })
            .collect();
        self.page(
            out,
            sink,
            (&paths::print(&s.id), PageKind::Print),
            &format!("{}: whole portfolio", s.name),
            [("student", student), ("evidence", json(&evidence))],
        );
    }
}
