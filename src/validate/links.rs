//! Links and images in every Markdown body: each must lead to a page or file of the
//! site, and each `#anchor` to a heading of its page (the rule is in `markdown::links`).
//!
//! Checked against the whole course (every audience's pages), so a link is judged the
//! same in every build; what one audience may not see is unlinked when rendering.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics, Pos, did_you_mean};
use crate::load::Sources;
use crate::markdown::links::{self, LinkMap, Page, RelLink, is_markdown};
use crate::markdown::{LinkRef, RESERVED_IDS, heading_ids, link_refs};
use crate::model::Course;
use crate::site::paths::{self, item_anchor};
use crate::text::percent_decode;

/// Every broken link, missing file and unknown anchor of the course's Markdown.
pub(super) fn check(s: &Sources, course: &Course) -> Diagnostics {
    let map = LinkMap::new(course);
    let mut c = Checker {
        map: &map,
        by_site: HashMap::new(),
        pages: site_pages(course),
        anchors: HashMap::new(),
        diags: Diagnostics::new(),
    };
    for (_, t) in map.targets() {
        c.by_site.insert(t.site.clone(), t.page);
    }
    let named = s
        .units
        .iter()
        .map(|n| (&n.file.path, &n.file.body, n.file.body_line))
        .chain(
            s.playlists
                .iter()
                .map(|n| (&n.file.path, &n.file.body, n.file.body_line)),
        )
        .chain(
            s.rubrics
                .iter()
                .map(|n| (&n.file.path, &n.file.body, n.file.body_line)),
        );
    let students = s.students.iter().flat_map(|st| {
        st.profile
            .iter()
            .map(|p| (&p.path, &p.body, p.body_line))
            .chain(
                st.evidence
                    .iter()
                    .map(|n| (&n.file.path, &n.file.body, n.file.body_line)),
            )
    });
    // Finding the links parses every body: a school's thousands of evidence files
    // are parsed on all cores first, then checked in order.
    let files: Vec<_> = named.chain(students).collect();
    let refs: Vec<Vec<LinkRef>> = files
        .par_iter()
        .map(|(_, body, _)| link_refs(body))
        .collect();
    for ((path, body, body_line), refs) in files.into_iter().zip(refs) {
        // A file left out of the model has errors of its own; its links wait.
        let Some(page) = map.get(path).filter(|t| t.page.is_some()) else {
            continue;
        };
        let at = |offset: usize| Some(position(body, offset, body_line));
        c.links(path, body, refs, &page.site.clone(), &at);
    }
    if let Some(file) = s.course.as_ref().filter(|_| !course.standalone) {
        let description = file.raw.description.as_deref().unwrap_or("");
        // The description is a YAML string: find each link in the file's own text.
        let scope = crate::load::Scope::teacher(std::slice::from_ref(&s.root));
        let text = crate::load::read_checked(&file.path, &scope).unwrap_or_default();
        let at = |offset: usize| {
            let dest = link_refs(description)
                .into_iter()
                .find(|l| l.offset == offset)
                .map(|l| l.dest);
            dest.and_then(|d| text.find(&d))
                .map(|i| position(&text, i, 1))
        };
        c.body(&file.path, description, "index.html", &at);
    }
    c.diags
}

struct Checker<'m, 'c> {
    map: &'m LinkMap<'c>,
    /// Site path → the page it is (None for a copied file).
    by_site: HashMap<String, Option<Page<'c>>>,
    /// Pages made from no Markdown file (home, standards, progress…).
    pages: HashSet<String>,
    /// Anchors of each page, by site path, computed once.
    anchors: HashMap<String, BTreeSet<String>>,
    diags: Diagnostics,
}

impl<'c> Checker<'_, 'c> {
    /// Checks the links of one body, written in `path`, shown on the page `page`.
    fn body(&mut self, path: &Path, body: &str, page: &str, at: &dyn Fn(usize) -> Option<Pos>) {
        self.links(path, body, link_refs(body), page, at);
    }

    /// [`Checker::body`] with the body's links found already.
    fn links(
        &mut self,
        path: &Path,
        body: &str,
        refs: Vec<LinkRef>,
        page: &str,
        at: &dyn Fn(usize) -> Option<Pos>,
    ) {
        for l in refs {
            if let Some(fragment) = l.dest.strip_prefix('#') {
                let own = self.by_site.get(page).copied().flatten();
                self.anchor(path, at(l.offset), &l.dest, fragment, (page, body, own));
            } else if let Some(link) = links::parse(&l.dest) {
                self.link(path, at(l.offset), &l.dest, &link, page, l.image);
            }
        }
    }

    fn link(
        &mut self,
        path: &Path,
        pos: Option<Pos>,
        dest: &str,
        link: &RelLink,
        page: &str,
        image: bool,
    ) {
        let (resolved, target) = self.map.resolve(path, &link.path);
        let in_site = |p: &String| self.by_site.contains_key(p) || self.pages.contains(p);
        let site = match target {
            Some(t) => Some(t.site.clone()),
            None => site_join(page, &link.path).filter(in_site),
        };
        if let Some(site) = site {
            let target_page = self.by_site.get(&site).copied().flatten();
            if let (Some(fragment), Some(p)) = (link.fragment, target_page) {
                self.anchor(path, pos, dest, fragment, (&site, body_of(p), Some(p)));
            }
            return;
        }
        let folder = site_join(page, &link.path)
            .map(|p| format!("{p}/index.html"))
            .is_some_and(|p| in_site(&p));
        let (message, hint) = if resolved.is_file() && is_markdown(&link.path) {
            (
                format!("`{dest}` is not a page of the course"),
                "link to a unit, playlist, rubric, profile or evidence file".to_string(),
            )
        } else if resolved.is_file() {
            (
                format!("`{dest}` is not copied into the site"),
                "put the file in resources/, or beside the index.md of a folder item (units/02-name/index.md); an evidence item with a `files:` list must list it".to_string(),
            )
        } else if folder {
            (
                format!("`{dest}` names a folder of the site, not a page"),
                format!(
                    "write `{}/index.html` so the link also works opened from disk, or link to the page's .md file",
                    link.path.trim_end_matches('/')
                ),
            )
        } else {
            let what = if is_markdown(&link.path) {
                "broken link: there is no page"
            } else if image {
                "missing image"
            } else {
                "missing file"
            };
            let hint = nearby(&resolved, &link.path).unwrap_or_else(|| {
                "links are relative to this file, such as `../playlists/food-webs.md` or `../resources/handout.pdf`".to_string()
            });
            (format!("{what} `{dest}`"), hint)
        };
        self.diags
            .push(Diagnostic::error(path, pos, message).with_hint(hint));
    }

    /// Checks that `fragment` names an anchor of `target`: (site path, Markdown body, page).
    fn anchor(
        &mut self,
        path: &Path,
        pos: Option<Pos>,
        dest: &str,
        fragment: &str,
        (site, body, page): (&str, &str, Option<Page<'c>>),
    ) {
        // A page's anchors: its body's headings, its playlist items, and the ids the
        // theme itself reserves; computed once per page.
        let known = self.anchors.entry(site.to_string()).or_insert_with(|| {
            let mut ids: BTreeSet<String> = heading_ids(body).into_iter().collect();
            ids.extend(RESERVED_IDS.iter().map(|r| r.to_string()));
            if let Some(Page::Playlist(p)) = page {
                ids.extend(p.items().map(|i| item_anchor(&i.id)));
            }
            ids
        });
        let id = percent_decode(fragment);
        if known.contains(&id) {
            return;
        }
        let headings = known
            .iter()
            .map(String::as_str)
            .filter(|a| !RESERVED_IDS.contains(a));
        let hint = match did_you_mean(&id, headings) {
            Some(best) => format!("did you mean `#{best}`?"),
            None => "a heading's anchor is its words in lower case joined by dashes: `## What I learned` is `#what-i-learned`".into(),
        };
        let message = format!("`{dest}`: there is no heading `#{id}` on that page");
        self.diags
            .push(Diagnostic::error(path, pos, message).with_hint(hint));
    }
}

fn body_of<'a>(page: Page<'a>) -> &'a str {
    match page {
        Page::Unit(u) => &u.body,
        Page::Playlist(p) => &p.body,
        Page::Rubric(r) => &r.body,
        Page::Student(s) => &s.about,
        Page::Evidence(e) => &e.reflection,
    }
}

/// The pages of the site that no Markdown file makes.
fn site_pages(course: &Course) -> HashSet<String> {
    let mut pages: HashSet<String> = [
        "index.html",
        "standards/index.html",
        "students/index.html",
        "class/index.html",
        "404.html",
    ]
    .map(String::from)
    .into();
    for s in &course.students {
        pages.insert(paths::progress(&s.id));
        pages.insert(paths::mastery(&s.id));
    }
    pages.extend(course.standards.iter().map(|s| paths::class_by(&s.code)));
    pages
}

/// A site-style link: `link` read relative to the page at `page`; None if it leaves the site.
fn site_join(page: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for seg in link.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// "did you mean" for a missing file: the closest name in the folder it would be in.
fn nearby(resolved: &Path, written: &str) -> Option<String> {
    let wanted = resolved.file_name()?.to_string_lossy().into_owned();
    let names: Vec<String> = std::fs::read_dir(resolved.parent()?)
        .ok()?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    let best = did_you_mean(&wanted, names.iter().map(String::as_str))?;
    let prefix = written
        .trim_end_matches('/')
        .rsplit_once('/')
        .map_or("", |(a, _)| a);
    let sep = if prefix.is_empty() { "" } else { "/" };
    Some(format!("did you mean `{prefix}{sep}{best}`?"))
}

/// The file position of byte `offset` of a body that starts on file line `first_line`.
fn position(body: &str, offset: usize, first_line: u32) -> Pos {
    let before = body.get(..offset).unwrap_or(body);
    let line = before.matches('\n').count() as u32;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() as u32 + 1;
    Pos::new(first_line + line, column)
}
