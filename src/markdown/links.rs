//! Links written in Markdown bodies, from the file they are written in to the page or
//! file they become in the site.
//!
//! The rule (README, "Links between pages"): a relative link is read relative to the
//! Markdown file it is written in, as an editor's preview or GitHub reads it
//! (`../playlists/food-webs.md`, `images/cell.png`). When it names the source of a page
//! or a file that is copied into the site, it is rewritten to that page's or file's
//! address, relative to the page. Any other relative link is taken as an address in
//! the site, relative to the page (`../../playlists/food-webs/index.html`), and kept.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use super::{Rewrite, to_html_linked};
use crate::model::{Course, Evidence, ImageStatus, Playlist, Rubric, Student, Unit};
use crate::site::paths;
use crate::text::percent_decode;

/// The Markdown-bodied thing a page is made from, for its anchors.
#[derive(Debug, Clone, Copy)]
pub enum Page<'a> {
    Unit(&'a Unit),
    Playlist(&'a Playlist),
    Rubric(&'a Rubric),
    Student(&'a Student),
    Evidence(&'a Evidence),
}

/// A page or copied file of the site, found from its source.
#[derive(Debug, Clone)]
pub struct Target<'a> {
    /// Its path in the site, `/`-separated.
    pub site: String,
    /// The page it is, or None for a copied file.
    pub page: Option<Page<'a>>,
}

/// Every source file of a course that becomes a page or a copied file of its site.
/// Built from the audience-filtered course, so it knows only what that audience sees.
#[derive(Debug, Default)]
pub struct LinkMap<'a> {
    targets: HashMap<PathBuf, Target<'a>>,
    /// Files left out for a limit (already warned about): a link to one is shown
    /// as its text.
    withheld: HashSet<PathBuf>,
}

/// A relative link taken apart: the path (percent-decoded) and what follows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelLink<'d> {
    pub path: String,
    /// `?…` as written, or empty.
    pub query: &'d str,
    /// After `#`, as written.
    pub fragment: Option<&'d str>,
}

impl<'a> LinkMap<'a> {
    pub fn new(course: &'a Course) -> LinkMap<'a> {
        let mut m = LinkMap::default();
        // The course's own files over the size limit are left out too (media::inspect).
        let max = course.config.media.max_bytes();
        let asset = |m: &mut LinkMap, a: &crate::model::Asset| {
            m.file(a.source.found(), &a.site_path);
            if a.source.metadata().is_ok_and(|meta| meta.len() > max) {
                m.withheld.insert(normalize(a.source.found()));
            }
        };
        for u in &course.units {
            m.page(&u.source, paths::unit(&u.slug), Page::Unit(u));
            for a in &u.assets {
                asset(&mut m, a);
            }
        }
        for p in &course.playlists {
            m.page(&p.source, paths::playlist(&p.slug), Page::Playlist(p));
        }
        for r in &course.rubrics {
            m.page(&r.source, paths::rubric(&r.slug), Page::Rubric(r));
        }
        for a in course.resources.iter().chain(&course.statics) {
            asset(&mut m, a);
        }
        for s in &course.students {
            m.page(&s.source, student_home(course, s), Page::Student(s));
            for e in &s.evidence {
                m.page(
                    &e.source,
                    paths::evidence(&s.id, &e.slug),
                    Page::Evidence(e),
                );
                let dir = paths::evidence_dir(&s.id, &e.slug);
                for f in &e.files {
                    // A link to a file published as text leads to that copy.
                    let name = match f.image {
                        ImageStatus::Active => paths::text_name(&f.name),
                        ImageStatus::Withheld => {
                            m.withheld.insert(normalize(f.source.found()));
                            f.name.clone()
                        }
                        _ => f.name.clone(),
                    };
                    m.file(f.source.found(), &format!("{dir}/{name}"));
                }
            }
        }
        m
    }

    fn page(&mut self, source: &Path, site: String, page: Page<'a>) {
        let target = Target {
            site,
            page: Some(page),
        };
        // A folder-form item (`units/02-ecosystems/index.md`) may be linked by its folder.
        if source.file_name().is_some_and(|n| n == "index.md")
            && let Some(folder) = source.parent()
        {
            self.targets.insert(normalize(folder), target.clone());
        }
        self.targets.insert(normalize(source), target);
    }

    fn file(&mut self, source: &Path, site: &str) {
        let target = Target {
            site: site.to_string(),
            page: None,
        };
        self.targets.insert(normalize(source), target);
    }

    /// The source path a link written in `from` names, and what it is in the site.
    pub fn resolve(&self, from: &Path, link_path: &str) -> (PathBuf, Option<&Target<'a>>) {
        let dir = from.parent().unwrap_or(Path::new(""));
        let path = normalize(&dir.join(link_path));
        let target = self.targets.get(&path);
        (path, target)
    }

    /// What a source file becomes in the site, if anything.
    pub fn get(&self, source: &Path) -> Option<&Target<'a>> {
        self.targets.get(&normalize(source))
    }

    /// Every target, for looking them up by site path.
    pub fn targets(&self) -> impl Iterator<Item = (&PathBuf, &Target<'a>)> {
        self.targets.iter()
    }

    /// What the link `dest`, written in `from`, becomes on the page at `page`.
    pub fn rewrite(&self, from: &Path, page: &str, dest: &str) -> Rewrite {
        let Some(link) = parse(dest) else {
            return Rewrite::Keep;
        };
        match self.resolve(from, &link.path) {
            (path, Some(_)) if self.withheld.contains(&path) => Rewrite::Unlink,
            (_, Some(t)) => {
                let mut href = relative(page, &t.site);
                href.push_str(link.query);
                if let Some(f) = link.fragment {
                    href.push('#');
                    href.push_str(f);
                }
                Rewrite::To(href)
            }
            (path, None) if is_markdown(&link.path) || path.exists() => Rewrite::Unlink,
            (_, None) => Rewrite::Keep,
        }
    }

    /// A Markdown body read from `source`, as HTML for the page at `page`.
    /// `top` is the heading level of a `#` heading, as for [`super::to_html`].
    pub fn html(&self, markdown: &str, top: u8, source: &Path, page: &str) -> String {
        to_html_linked(markdown, top, &|dest| self.rewrite(source, page, dest))
    }

    /// [`LinkMap::html`], and whether the HTML has a link relative to `page` (else it
    /// is the same on every page).
    pub fn html_on(&self, markdown: &str, top: u8, source: &Path, page: &str) -> (String, bool) {
        let relative = std::cell::Cell::new(false);
        let html = to_html_linked(markdown, top, &|dest| {
            let r = self.rewrite(source, page, dest);
            if matches!(r, Rewrite::To(_)) {
                relative.set(true);
            }
            r
        });
        (html, relative.get())
    }
}

/// The page of a student's profile: the portfolio home (the site's home when the
/// student's folder is built on its own).
pub fn student_home(course: &Course, s: &Student) -> String {
    if course.standalone {
        "index.html".to_string()
    } else {
        paths::student(&s.id)
    }
}

/// A link that may name a course file: relative, with no scheme. In-page anchors
/// (`#x`), absolute paths and addresses with a scheme (`https:`, `mailto:`) are None.
pub fn parse(dest: &str) -> Option<RelLink<'_>> {
    let dest = dest.trim();
    if dest.is_empty() || dest.starts_with(['#', '/', '\\']) || has_scheme(dest) {
        return None;
    }
    let (rest, fragment) = match dest.split_once('#') {
        Some((a, f)) => (a, Some(f)),
        None => (dest, None),
    };
    let (path, query) = match rest.find('?') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    if path.is_empty() {
        return None;
    }
    Some(RelLink {
        path: percent_decode(path),
        query,
        fragment,
    })
}

/// True for `name.md`: a link to a page's source rather than to a file.
pub fn is_markdown(path: &str) -> bool {
    let name = path.trim_end_matches('/');
    name.len() > 3 && name[name.len() - 3..].eq_ignore_ascii_case(".md")
}

fn has_scheme(dest: &str) -> bool {
    let Some(colon) = dest.find(':') else {
        return false;
    };
    let scheme = &dest[..colon];
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// The href from the page at `from` to `to`, both site paths.
pub fn relative(from: &str, to: &str) -> String {
    let mut from_dir: Vec<&str> = from.split('/').collect();
    from_dir.pop();
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count()
        .min(to_parts.len().saturating_sub(1));
    let up = "../".repeat(from_dir.len() - common);
    format!("{up}{}", paths::href(&to_parts[common..].join("/")))
}

/// Removes `.` and `..` without touching the disk; a `..` that cannot be undone stays.
pub fn normalize(p: &Path) -> PathBuf {
    let mut parts: Vec<Component> = Vec::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match parts.last() {
                Some(Component::Normal(_)) => {
                    parts.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => parts.push(c),
            },
            c => parts.push(c),
        }
    }
    parts.iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_takes_only_relative_links() {
        for absolute in [
            "https://e.org/x",
            "mailto:a@b.c",
            "#top",
            "/x.html",
            "",
            "?q",
        ] {
            assert_eq!(parse(absolute), None, "{absolute}");
        }
        let l = parse("../a%20b.md?x=1#part").unwrap();
        assert_eq!(
            (l.path.as_str(), l.query, l.fragment),
            ("../a b.md", "?x=1", Some("part"))
        );
        assert_eq!(parse("notes:1.md").map(|l| l.path), None);
    }

    #[test]
    fn relative_hrefs_between_pages() {
        assert_eq!(
            relative("units/cells/index.html", "playlists/food-webs/index.html"),
            "../../playlists/food-webs/index.html"
        );
        assert_eq!(
            relative("units/eco/index.html", "units/eco/food web.svg"),
            "food%20web.svg"
        );
        assert_eq!(
            relative("index.html", "units/a/index.html"),
            "units/a/index.html"
        );
        assert_eq!(
            relative("units/a/index.html", "units/a/index.html"),
            "index.html"
        );
    }

    #[test]
    fn normalize_keeps_leading_parents() {
        assert_eq!(
            normalize(Path::new("./units/../playlists/a.md")),
            PathBuf::from("playlists/a.md")
        );
        assert_eq!(
            normalize(Path::new("../c/units/../../x")),
            PathBuf::from("../x")
        );
    }

    #[test]
    fn rewritten_and_unlinked_links_in_html() {
        let rewrite = |dest: &str| match dest {
            "a.md" => Rewrite::To("a/index.html".into()),
            "gone.md" | "gone.png" => Rewrite::Unlink,
            _ => Rewrite::Keep,
        };
        let html = to_html_linked(
            "[A](a.md) [Gone](gone.md) [![pic](gone.png)](a.md) [Web](https://e.org/)",
            2,
            &rewrite,
        );
        assert!(html.contains(r#"<a href="a/index.html""#), "{html}");
        assert!(html.contains("Gone") && !html.contains("gone"), "{html}");
        assert!(html.contains(">pic</a>"), "{html}");
        assert!(html.contains(r#"href="https://e.org/""#), "{html}");
    }
}
