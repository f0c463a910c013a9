//! Where each page lives in the site, the anchors inside pages, and relative links
//! between pages.

use crate::text::{percent_encode, slugify};

/// A site path (`/`-separated, not encoded) as an href from the site root.
pub fn href(site_path: &str) -> String {
    site_path
        .split('/')
        .map(percent_encode)
        .collect::<Vec<_>>()
        .join("/")
}

/// The relative path from a page at `site_path` back to the site root.
pub fn root_of(site_path: &str) -> String {
    "../".repeat(site_path.matches('/').count())
}

pub fn unit(slug: &str) -> String {
    format!("units/{slug}/index.html")
}
pub fn playlist(slug: &str) -> String {
    format!("playlists/{slug}/index.html")
}
pub fn rubric(slug: &str) -> String {
    format!("rubrics/{slug}/index.html")
}
pub fn student(id: &str) -> String {
    format!("students/{id}/index.html")
}
pub fn evidence_dir(id: &str, slug: &str) -> String {
    format!("students/{id}/evidence/{slug}")
}
pub fn evidence(id: &str, slug: &str) -> String {
    format!("{}/index.html", evidence_dir(id, slug))
}
pub fn progress(id: &str) -> String {
    format!("students/{id}/progress/index.html")
}
pub fn mastery(id: &str) -> String {
    format!("students/{id}/mastery/index.html")
}
/// A student's whole portfolio on one page, for printing.
pub fn print(id: &str) -> String {
    format!("students/{id}/print/index.html")
}
/// The class grid sorted by one standard.
pub fn class_by(code: &str) -> String {
    format!("class/{}/index.html", slugify(code))
}

/// The teacher's to-grade queue.
pub const TO_GRADE: &str = "to-grade/index.html";

/// The teacher's students page sorted by one column (`past-due`, `to-grade`, or a
/// standard's code): standards get a prefix so no code can take a column's place.
pub fn students_by(key: StudentsSort) -> String {
    match key {
        StudentsSort::PastDue => "class/students/past-due/index.html".to_string(),
        StudentsSort::ToGrade => "class/students/to-grade/index.html".to_string(),
        StudentsSort::Standard(code) => format!("class/students/std-{}/index.html", slugify(code)),
    }
}

/// The columns the teacher's students page can be sorted by, besides the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StudentsSort<'a> {
    PastDue,
    ToGrade,
    Standard(&'a str),
}

/// The name a file published as text gets: its own name and `.txt`.
pub fn text_name(name: &str) -> String {
    format!("{name}.txt")
}

/// The HTML id of a standard on the standards page.
pub fn standard_id(code: &str) -> String {
    format!("std-{}", slugify(code))
}

/// The HTML id of a playlist item on its playlist's page.
pub fn item_anchor(id: &str) -> String {
    format!("item-{}", slugify(id))
}

/// The HTML id of a standard on a student's mastery page.
pub fn mastery_anchor(code: &str) -> String {
    format!("mastery-{}", slugify(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_odd_names() {
        assert_eq!(
            href("students/Zoë B/index.html"),
            "students/Zo%C3%AB%20B/index.html"
        );
        assert_eq!(root_of("students/a/evidence/b/index.html"), "../../../../");
        assert_eq!(root_of("index.html"), "");
    }
}
