//! The offline search (docs/search.md): a compact index of what the audience may see,
//! shipped as a script that assigns a global, so the search page works from `file://`
//! where a browser refuses to `fetch()` a JSON file.
//!
//! The index is built from the audience-filtered course, the same data the pages are
//! rendered from, and only from fields those pages show: a private field is not in
//! the model any more, and `extra:`, `private:` and scores are never read here.

use std::collections::BTreeMap;

use serde::ser::{Serialize, SerializeTuple, Serializer};

use super::views::{LinkView, Views};
use crate::markdown::excerpt;
use crate::model::{Course, Evidence, Student};
use crate::site::paths::{self, href, standard_id};

/// Where the search page lives.
pub const PAGE: &str = "search/index.html";
/// The index, beside the page.
pub const INDEX: &str = "search/search-index.js";
/// The global the index assigns; `assets/search.js` reads it.
const GLOBAL: &str = "pathfolioSearch";
/// Longest text kept per document: enough for a unit's overview or a reflection,
/// small enough that a class of portfolios stays a few hundred kilobytes.
const MAX_TEXT: usize = 3000;

/// What kind of page a result is. The index lists every kind's label once
/// (`kinds`) and each document stores the position of its kind in that list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    Unit,
    Playlist,
    Rubric,
    Standard,
    Portfolio,
    Evidence,
}

impl DocKind {
    /// Every kind, in the order of the index's `kinds`.
    pub const ALL: [DocKind; 6] = [
        DocKind::Unit,
        DocKind::Playlist,
        DocKind::Rubric,
        DocKind::Standard,
        DocKind::Portfolio,
        DocKind::Evidence,
    ];

    /// What the search page calls it.
    pub fn label(self) -> &'static str {
        match self {
            DocKind::Unit => "Unit",
            DocKind::Playlist => "Playlist",
            DocKind::Rubric => "Rubric",
            DocKind::Standard => "Standard",
            DocKind::Portfolio => "Portfolio",
            DocKind::Evidence => "Evidence",
        }
    }
}

impl Serialize for DocKind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let at = DocKind::ALL.iter().position(|k| k == self).unwrap_or(0);
        s.serialize_u8(at as u8)
    }
}

/// One searchable page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    pub kind: DocKind,
    pub title: String,
    /// From the site root.
    pub href: String,
    /// A line under the title: a unit's standards, an item's student.
    pub sub: String,
    pub text: String,
}

impl Serialize for Doc {
    /// As an array `[kind, title, href, sub, text]`: a school's index holds tens of
    /// thousands of documents, and `assets/search.js` reads them by position.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut t = s.serialize_tuple(5)?;
        t.serialize_element(&self.kind)?;
        t.serialize_element(&self.title)?;
        t.serialize_element(&self.href)?;
        t.serialize_element(&self.sub)?;
        t.serialize_element(&self.text)?;
        t.end()
    }
}

/// The entries of a site's index, as JSON array items (comma-separated), kept
/// by who made them until the index is joined: each student's are made with their
/// portfolio, so `serve` can join them again without making them again.
#[derive(Debug, Default, Clone)]
pub struct Entries {
    /// The whole course's, made with the search page.
    pub course: Option<String>,
    /// Each student's, by id (the order of the course's students).
    pub students: BTreeMap<String, String>,
}

impl Entries {
    pub(super) fn absorb(&mut self, other: Entries) {
        if other.course.is_some() {
            self.course = other.course;
        }
        self.students.extend(other.students);
    }

    /// The index, from borrowed entries (`serve` keeps them for its next update).
    pub fn index(&self) -> Vec<u8> {
        let parts = self.course.iter().chain(self.students.values());
        let size = parts.clone().map(|p| p.len() + 1).sum();
        let mut index = IndexWriter::new(size);
        parts.for_each(|p| index.push(p));
        index.finish().into_bytes()
    }

    /// The index, dropping each entry as it is joined.
    pub fn into_index(self) -> Vec<u8> {
        let size = self.course.iter().chain(self.students.values());
        let mut index = IndexWriter::new(size.map(|p| p.len() + 1).sum());
        let parts = self.course.into_iter().chain(self.students.into_values());
        parts.for_each(|p| index.push(&p));
        index.finish().into_bytes()
    }
}

/// What the search page template gets as `search`.
#[derive(serde::Serialize)]
pub struct SearchView {
    index_href: &'static str,
    script_href: &'static str,
    /// Where to go without JavaScript: the standards page, or the home page.
    fallback: LinkView,
}

/// The search page's view.
pub fn view(c: &Course) -> SearchView {
    let fallback = if c.standards.is_empty() {
        LinkView {
            title: "the home page".into(),
            href: "index.html".into(),
        }
    } else {
        LinkView {
            title: "the standards page".into(),
            href: "standards/index.html".into(),
        }
    };
    SearchView {
        index_href: INDEX,
        script_href: "assets/search.js",
        fallback,
    }
}

/// The index as a script: `window.pathfolioSearch = {"kinds":[…],"docs":[…]};`,
/// joined from parts made by [`json_entries`] in one allocation (it is the largest
/// file of a school's site).
struct IndexWriter {
    out: String,
    empty: bool,
}

impl IndexWriter {
    /// For parts of `size` bytes in all.
    fn new(size: usize) -> IndexWriter {
        let labels = DocKind::ALL.map(DocKind::label);
        let kinds = serde_json::to_string(&labels).unwrap_or_else(|_| "[]".into());
        let head = format!(
            "/* pathfolio search index: what this site's pages show, nothing more. */\nwindow.{GLOBAL} = {{\"kinds\":{kinds},\"docs\":["
        );
        let mut out = String::with_capacity(head.len() + size + 8);
        out.push_str(&head);
        IndexWriter { out, empty: true }
    }

    fn push(&mut self, part: &str) {
        if part.is_empty() {
            return;
        }
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        self.out.push_str(part);
    }

    fn finish(mut self) -> String {
        self.out.push_str("]};\n");
        self.out
    }
}

/// Entries of the index as JSON array items, comma-separated.
fn json_entries(docs: &[Doc]) -> String {
    let items: Vec<String> = docs
        .iter()
        .filter_map(|d| serde_json::to_string(d).ok())
        .collect();
    // JSON is JavaScript except for these two line terminators in older engines.
    items
        .join(",")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

fn doc(kind: DocKind, title: &str, href: String, sub: &str, parts: &[&str]) -> Doc {
    let text = parts
        .iter()
        .map(|p| excerpt(p, MAX_TEXT))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let text = match text.char_indices().nth(MAX_TEXT) {
        Some((cut, _)) => text[..cut].to_string(),
        None => text,
    };
    Doc {
        kind,
        title: title.to_string(),
        href,
        sub: sub.to_string(),
        text,
    }
}

/// The whole course's entries, as JSON items; the students' come from
/// [`student_entries`].
pub fn course_entries(v: &Views) -> String {
    json_entries(&docs(v))
}

/// One student's entries, as JSON items: their portfolio and each evidence item.
pub fn student_entries(v: &Views, s: &Student) -> String {
    json_entries(&student_docs(v, s))
}

/// The documents of the whole course's pages.
fn docs(v: &Views) -> Vec<Doc> {
    let c: &Course = v.course;
    let mut out = Vec::new();
    for u in &c.units {
        let questions = u.essential_questions.join(" ");
        let criteria = u.success_criteria.join(" ");
        let codes = u.standards.join(" ");
        out.push(doc(
            DocKind::Unit,
            &u.title,
            href(&paths::unit(&u.slug)),
            &codes,
            &[&questions, &criteria, &u.body],
        ));
    }
    for p in &c.playlists {
        let unit = p
            .unit
            .as_deref()
            .and_then(|u| c.unit(u))
            .map_or("", |u| u.title.as_str());
        let items: Vec<&str> = p.items().map(|i| i.title.as_str()).collect();
        out.push(doc(
            DocKind::Playlist,
            &p.title,
            href(&paths::playlist(&p.slug)),
            unit,
            &[&items.join(" "), &p.body, &p.standards.join(" ")],
        ));
    }
    for r in &c.rubrics {
        let criteria: Vec<String> = r
            .criteria
            .iter()
            .map(|cr| {
                let cells: Vec<&str> = cr.descriptors.values().map(String::as_str).collect();
                format!("{} {}", cr.title, cells.join(" "))
            })
            .collect();
        out.push(doc(
            DocKind::Rubric,
            &r.title,
            href(&paths::rubric(&r.slug)),
            "",
            &[&criteria.join(" "), &r.body],
        ));
    }
    for s in &c.standards {
        out.push(doc(
            DocKind::Standard,
            &s.code,
            format!("standards/index.html#{}", standard_id(&s.code)),
            &s.student,
            &[&s.statement, &s.group],
        ));
    }
    out
}

/// One student's documents: their portfolio and each evidence item.
fn student_docs(v: &Views, s: &Student) -> Vec<Doc> {
    let mut out = vec![student_doc(v, s)];
    out.extend(s.evidence.iter().map(|e| evidence_doc(v, s, e)));
    out
}

fn student_doc(v: &Views, s: &Student) -> Doc {
    let facts = [&s.interests, &s.strengths, &s.goals]
        .iter()
        .flat_map(|l| l.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join(" ");
    doc(
        DocKind::Portfolio,
        &s.name,
        v.student_summary(s).href,
        "",
        &[&s.about, &facts],
    )
}

fn evidence_doc(v: &Views, s: &Student, e: &Evidence) -> Doc {
    let unit = e.unit.as_deref().and_then(|u| v.course.unit(u));
    let unit = unit.map_or("", |u| u.title.as_str());
    let links: Vec<&str> = e.links.iter().map(|l| l.title.as_str()).collect();
    let captions: Vec<&str> = e
        .files
        .iter()
        .filter_map(|f| f.caption.as_deref())
        .collect();
    doc(
        DocKind::Evidence,
        &e.title,
        href(&paths::evidence(&s.id, &e.slug)),
        &s.name,
        &[
            &e.reflection,
            unit,
            &e.standards.join(" "),
            &links.join(" "),
            &captions.join(" "),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_is_an_array_read_by_position() {
        let doc = Doc {
            kind: DocKind::Evidence,
            title: "T".into(),
            href: "students/a/index.html".into(),
            sub: "Ada".into(),
            text: "line\u{2028}break".into(),
        };
        assert_eq!(
            json_entries(&[doc]),
            r#"[5,"T","students/a/index.html","Ada","line\u2028break"]"#
        );
        let index = String::from_utf8(Entries::default().index()).unwrap();
        assert!(index.contains(
            r#"{"kinds":["Unit","Playlist","Rubric","Standard","Portfolio","Evidence"],"docs":[]}"#
        ));
    }
}
