//! The offline search (docs/search.md): a compact index of what the audience may see,
//! shipped as a script that assigns a global, so the search page works from `file://`
//! where a browser refuses to `fetch()` a JSON file.
//!
//! The index is built from the audience-filtered course, the same data the pages are
//! rendered from, and only from fields those pages show: a private field is not in
//! the model any more, and `extra:`, `private:` and scores are never read here.

use serde::Serialize;

use super::views::{LinkView, Views};
use super::{Content, Renderer, json};
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

/// What kind of page a result is; the index stores the position in this list.
const KINDS: [&str; 6] = [
    "Unit",
    "Playlist",
    "Rubric",
    "Standard",
    "Portfolio",
    "Evidence",
];

#[derive(Clone, Copy)]
enum Kind {
    Unit,
    Playlist,
    Rubric,
    Standard,
    Portfolio,
    Evidence,
}

/// One searchable page: kind, title, href from the site root, a subtitle, the text.
pub(crate) type Doc = (u8, String, String, String, String);

/// What the search page template gets as `search`.
#[derive(Serialize)]
struct SearchView {
    index_href: &'static str,
    script_href: &'static str,
    /// Where to go without JavaScript: the standards page, or the home page.
    fallback: LinkView,
}

impl Renderer<'_> {
    /// The search page and its index.
    pub(super) fn search_page(&mut self) {
        let c = self.course;
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
        let view = SearchView {
            index_href: INDEX,
            script_href: "assets/search.js",
            fallback,
        };
        let course_entries = json_entries(&docs(self.views));
        let previous = self.update.map(|(site, _)| site);
        let of = |s: &Student| {
            let part = self.site.by_student.get(&s.id);
            part.or_else(|| previous?.by_student.get(&s.id))
        };
        let size = course_entries.len()
            + c.students
                .iter()
                .filter_map(of)
                .map(|p| p.docs.len() + 1)
                .sum::<usize>();
        let mut index = IndexWriter::new(size);
        index.push(&course_entries);
        if self.sink.is_some() {
            // A build into a folder never updates its site again: each student's
            // entries are moved out as they are joined, so a school's index is not
            // held twice.
            for s in &c.students {
                if let Some(p) = self.site.by_student.get_mut(&s.id) {
                    index.push(&std::mem::take(&mut p.docs));
                }
            }
        } else {
            for s in &c.students {
                if let Some(p) = of(s) {
                    index.push(&p.docs);
                }
            }
        }
        self.site
            .files
            .insert(INDEX.into(), Content::Bytes(index.finish().into_bytes()));
        self.page(PAGE, "search", "Search", true, [("search", json(&view))]);
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
        let kinds = serde_json::to_string(&KINDS).unwrap_or_else(|_| "[]".into());
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

/// Entries of the index as JSON array items, comma-separated. Each student's are
/// made with their pages and kept with the site, so `serve` joins them again
/// without making them again.
pub(crate) fn json_entries(docs: &[Doc]) -> String {
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

fn doc(kind: Kind, title: &str, href: String, sub: &str, parts: &[&str]) -> Doc {
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
    (kind as u8, title.to_string(), href, sub.to_string(), text)
}

/// The entries of the whole course's pages; the students' come from [`student_docs`].
fn docs(v: &Views) -> Vec<Doc> {
    let c: &Course = v.course;
    let mut out = Vec::new();
    for u in &c.units {
        let questions = u.essential_questions.join(" ");
        let criteria = u.success_criteria.join(" ");
        let codes = u.standards.join(" ");
        out.push(doc(
            Kind::Unit,
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
            Kind::Playlist,
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
            Kind::Rubric,
            &r.title,
            href(&paths::rubric(&r.slug)),
            "",
            &[&criteria.join(" "), &r.body],
        ));
    }
    for s in &c.standards {
        out.push(doc(
            Kind::Standard,
            &s.code,
            format!("standards/index.html#{}", standard_id(&s.code)),
            &s.student,
            &[&s.statement, &s.group],
        ));
    }
    out
}

/// One student's entries: their portfolio and each evidence item. Made with the
/// student's pages (on the same core) and kept with the site for `serve` updates.
pub(crate) fn student_docs(v: &Views, s: &Student) -> Vec<Doc> {
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
        Kind::Portfolio,
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
        Kind::Evidence,
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
