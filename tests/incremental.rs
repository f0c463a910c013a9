//! `serve` renders again only the students whose folders changed (`pipeline::live`).
//! Each test edits a copy of the example course, updates the site in memory, and
//! holds the result against a full build of the edited course: the same files with
//! the same bytes, the same pages, the same sitemap entries.

mod common;

use std::path::PathBuf;

use common::Course;
use pathfolio::audience::Audience;
use pathfolio::pipeline::live::Live;
use pathfolio::{Content, Site};

const EVIDENCE: &str = "students/ada-l/evidence/punnett-squares.md";

fn audiences() -> [Audience; 3] {
    [
        Audience::Teacher,
        Audience::Public,
        Audience::Student("ada-l".into()),
    ]
}

/// A full build in memory of the course as it is on disk now.
fn full(course: &Course, audience: &Audience) -> Site {
    match Live::new(course.dir(), audience).full() {
        Ok((site, _)) => site,
        Err(d) => panic!("the course should build: {d:?}"),
    }
}

/// Paths as the watcher gives them: absolute, links resolved.
fn watched(course: &Course, rels: &[&str]) -> Vec<PathBuf> {
    let root = std::fs::canonicalize(course.dir()).expect("course folder");
    rels.iter().map(|r| root.join(r)).collect()
}

fn assert_same(updated: &Site, full: &Site, what: &str) {
    let keys = |s: &Site| s.files.keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(updated), keys(full), "{what}: the same files");
    for (path, content) in &full.files {
        assert!(
            updated.files.get(path) == Some(content),
            "{what}: {path} differs from a full build:\n{}",
            text(updated, path)
        );
    }
    assert_eq!(updated.pages, full.pages, "{what}: page count");
    assert_eq!(updated.students, full.students, "{what}: student count");
    let sorted = |s: &Site| {
        let mut v = s.indexable.clone();
        v.sort();
        v
    };
    assert_eq!(sorted(updated), sorted(full), "{what}: indexable pages");
}

fn text(site: &Site, path: &str) -> String {
    match site.files.get(path) {
        Some(Content::Bytes(b)) => String::from_utf8_lossy(b).chars().take(2000).collect(),
        other => format!("{other:?}"),
    }
}

/// Builds, makes `change`, updates in place, and compares with a full build. Returns
/// the updated site of the last audience for further checks.
fn update_matches_full(change: impl Fn(&Course), rels: &[&str]) -> Vec<(Audience, Site)> {
    let mut out = Vec::new();
    for audience in audiences() {
        let course = Course::example_course();
        let mut live = Live::new(course.dir(), &audience);
        let (mut site, _) = live.full().expect("the example course builds");
        change(&course);
        let (update, warnings) = live
            .update(&watched(&course, rels))
            .expect("a change inside a student's folder is updated in place")
            .expect("the update renders");
        assert!(!warnings.has_errors());
        update.apply_to(&mut site);
        let what = format!("{audience:?} after changing {rels:?}");
        assert_same(&site, &full(&course, &audience), &what);
        out.push((audience, site));
    }
    out
}

#[test]
fn an_edited_reflection_is_shown_as_a_full_build_shows_it() {
    let sites = update_matches_full(
        |c| {
            c.edit(
                EVIDENCE,
                "Punnett square practice",
                "Punnett squares, revised",
            );
            c.edit(EVIDENCE, "practice problems", "CANARY-EDIT problems");
        },
        &[EVIDENCE],
    );
    for (audience, site) in sites {
        let page = site
            .text("students/ada-l/evidence/punnett-squares/index.html")
            .expect("the evidence page");
        assert!(page.contains("CANARY-EDIT"), "{audience:?}: the new text");
        let index = site.text("search/search-index.js").expect("search index");
        assert!(index.contains("Punnett squares, revised"), "{audience:?}");
    }
}

#[test]
fn a_new_name_reaches_the_roster_and_the_class_grid() {
    let sites = update_matches_full(
        |c| {
            c.edit(
                "students/ada-l/profile.md",
                "name: Ada Lindqvist",
                "name: Ada Renamed",
            );
        },
        &["students/ada-l/profile.md"],
    );
    let (_, teacher) = &sites[0];
    for page in ["students/index.html", "class/index.html"] {
        let html = teacher.text(page).expect(page);
        assert!(html.contains("Ada Renamed"), "{page}");
        assert!(!html.contains("Ada Lindqvist"), "{page}");
    }
}

#[test]
fn evidence_added_removed_or_made_private_matches_a_full_build() {
    update_matches_full(
        |c| {
            c.write(
                "students/ada-l/evidence/new-work.md",
                "---\ntitle: New work\ndate: 2026-11-20\nstandards: [HS-LS3-3]\n---\nFresh.\n",
            );
        },
        &["students/ada-l/evidence/new-work.md"],
    );
    update_matches_full(
        |c| {
            c.remove(EVIDENCE);
        },
        &[EVIDENCE],
    );
    // Withdrawn from the public site: no page, no search entry, no sitemap entry.
    let sites = update_matches_full(
        |c| {
            c.edit(
                "students/ada-l/profile.md",
                "publish: true",
                "publish: false",
            );
        },
        &["students/ada-l/profile.md"],
    );
    let (_, public) = &sites[1];
    assert!(
        public
            .files
            .keys()
            .all(|p| !p.starts_with("students/ada-l/"))
    );
    let index = public.text("search/search-index.js").expect("search index");
    assert!(
        !index.contains("students/ada-l/"),
        "no search entry leads to her pages"
    );
}

#[test]
fn two_students_changed_at_once() {
    update_matches_full(
        |c| {
            c.edit(EVIDENCE, "practice problems", "problems, twice");
            c.edit(
                "students/zoe-b/profile.md",
                "I keep a bird",
                "I keep a sea bird",
            );
        },
        &[EVIDENCE, "students/zoe-b/profile.md"],
    );
}

#[test]
fn an_update_renders_the_pages_that_can_show_the_change() {
    let course = Course::example_course();
    let mut live = Live::new(course.dir(), &Audience::Teacher);
    live.full().expect("builds");
    let roster = ["students/index.html", "class/index.html"];
    // A new reflection changes nothing the roster or the class grid show of her.
    course.edit(EVIDENCE, "practice problems", "CANARY-EDIT problems");
    let (update, _) = live
        .update(&watched(&course, &[EVIDENCE]))
        .expect("in place")
        .expect("renders");
    let pages: Vec<&String> = update.site.files.keys().collect();
    assert!(update.site.files.contains_key("students/ada-l/index.html"));
    assert!(update.site.files.contains_key("index.html"), "{pages:?}");
    assert!(pages.iter().all(|p| !p.starts_with("students/zoe-b/")));
    for page in roster {
        assert!(!update.site.files.contains_key(page), "{page} is kept");
    }
    // A new name does.
    course.edit(
        "students/ada-l/profile.md",
        "name: Ada Lindqvist",
        "name: Ada Renamed",
    );
    let (update, _) = live
        .update(&watched(&course, &["students/ada-l/profile.md"]))
        .expect("in place")
        .expect("renders");
    for page in roster {
        let html = update.site.text(page).expect(page);
        assert!(html.contains("Ada Renamed"), "{page}");
    }
}

#[test]
fn other_changes_and_problems_go_through_a_full_build() {
    let course = Course::example_course();
    let mut live = Live::new(course.dir(), &Audience::Teacher);
    live.full().expect("builds");
    // Not a student's file: the whole course may depend on it.
    course.edit("course.yaml", "title:", "# edited\ntitle:");
    assert!(live.update(&watched(&course, &["course.yaml"])).is_none());
    // A new student folder changes the roster of folders.
    assert!(
        live.update(&watched(&course, &["students/new-kid"]))
            .is_none()
    );

    let mut live = Live::new(course.dir(), &Audience::Teacher);
    live.full().expect("builds");
    // A mistake: the full build reports it, with every other problem, as `build` does.
    course.edit(EVIDENCE, "date: 2026-11-13", "date: 2026-13-45");
    assert!(live.update(&watched(&course, &[EVIDENCE])).is_none());
    // A student's mistake withholds just that item, with a warning (SPEC §4).
    let (withheld, problems) = live
        .full()
        .expect("a student's bad date withholds the item");
    assert!(
        problems
            .iter()
            .any(|d| d.path.ends_with("punnett-squares.md") && !d.is_error()),
        "{:?}",
        problems.iter().map(|d| d.to_string()).collect::<Vec<_>>()
    );
    assert!(
        !withheld.files.keys().any(|p| p.contains("punnett-squares")),
        "the withheld item has pages"
    );
    // Fixed again: a full build, then updates work again.
    course.edit(EVIDENCE, "date: 2026-13-45", "date: 2026-11-14");
    let (site, _) = live.full().expect("builds again");
    course.edit(EVIDENCE, "practice problems", "practice sets");
    let (update, _) = live
        .update(&watched(&course, &[EVIDENCE]))
        .expect("in place")
        .expect("renders");
    let mut site = site;
    update.apply_to(&mut site);
    assert_same(&site, &full(&course, &Audience::Teacher), "after the fix");
}
