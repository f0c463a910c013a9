//! The offline search index (search/search-index.js) holds only what its audience
//! may see (SPEC §4: "absent from every file of the output: ... search index").
//! Each audience of the `canary` fixture (see tests/fixtures/canary/README.md) is
//! built with the real binary; its index files are searched for every canary. A
//! canary the audience may see must be found in the index, so these tests fail when
//! the index stops indexing as well as when it leaks.

mod common;

use common::*;
use serde_json::Value;

/// The files of the search feature: the index and the page that loads it.
const INDEX_FILES: [&str; 2] = ["search/search-index.js", "search/index.html"];

/// (canary, public, teacher, ada-l's own build). Only text that pages show as text
/// is listed; file contents and file names are not indexed at all.
#[rustfmt::skip]
const CANARIES: &[(&str, bool, bool, bool)] = &[
    // Never in any index: contacts, the roster, feedback and notes are not
    // indexed even where the audience may see them on a page.
    ("CANARY_CONTACT_3b1e",               false, false, false),
    ("CANARY_PRIVATE_NOTES_7f3a",         false, false, false),
    ("CANARY_PRIVATE_LIST_c3d8",          false, false, false),
    ("CANARY_SIS_ID_9f8e",                false, false, false),
    ("CANARY_SECTION_4d4d",               false, false, false),
    ("CANARY_EVIDENCE_NOTE_3c3c",         false, false, false),
    ("CANARY_PROFILE_PRIVATE_1e1e",       false, false, false),
    ("CANARY_FEEDBACK_4b5c",              false, false, false),
    ("CANARY_SECRET_FEEDBACK_a7b8",       false, false, false),
    ("CANARY_NOTE_8d9e",                  false, false, false),
    ("CANARY_ZOE_FEEDBACK_1b2c",          false, false, false),
    ("CANARY_HIDDEN_FEEDBACK_0e1f",       false, false, false),
    ("CANARY_SECRET_FILE_CONTENT_e1f2",   false, false, false),
    // Drafts: the teacher's index only.
    ("CANARY_DRAFT_TITLE_41c9",           false, true,  false),
    ("CANARY_DRAFT_BODY_8e20",            false, true,  false),
    ("CANARY_DRAFT_PLAYLIST_6a1f",        false, true,  false),
    ("CANARY_DRAFT_ITEM_0b77",            false, true,  false),
    // Ada's full name and her `public: false` work: teacher and Ada.
    ("Lovelace",                          false, true,  true),
    ("CANARY_SECRET_TITLE_2d4e",          false, true,  true),
    ("CANARY_SECRET_REFLECTION_9a0b",     false, true,  true),
    // Other published students: public and teacher, never Ada's build.
    ("CANARY_ZOE_ABOUT_5e6f",             true,  true,  false),
    ("CANARY_ZOE_REFLECTION_7c2b",        true,  true,  false),
    ("CANARY_DMITRI_ABOUT_9d0e",          true,  true,  false),
    ("CANARY_DMITRI_REFLECTION_3e4f",     true,  true,  false),
    ("Brontë",                            false, true,  false),
    ("Иванов",                            false, true,  false),
    // Students who did not agree to publish: teacher only.
    ("canary-hidden-id-5d2c",             false, true,  false),
    ("CANARY_HIDDEN_NAME_1a2b",           false, true,  false),
    ("CANARY_HIDDEN_BODY_6f7a",           false, true,  false),
    ("CANARY_HIDDEN_EVIDENCE_TITLE_2c3d", false, true,  false),
    ("CANARY_HIDDEN_REFLECTION_4e5f",     false, true,  false),
    ("eleni-p",                           false, true,  false),
    ("Παπαδοπούλου",                      false, true,  false),
    ("CANARY_UNSET_BODY_2a3b",            false, true,  false),
    ("CANARY_UNSET_EVIDENCE_TITLE_4c5d",  false, true,  false),
    ("CANARY_UNSET_REFLECTION_6e7f",      false, true,  false),
];

/// The index's data: `window.pathfolioSearch = {...};` parsed as JSON.
fn index_data(js: &str) -> Value {
    let start = js.find('{').expect("the index assigns an object");
    let end = js.rfind('}').expect("the object ends");
    serde_json::from_str(&js[start..=end]).expect("the index is JSON")
}

/// Builds one audience and checks its index files against the table.
fn check(out: &str, args: &[&str], column: usize) {
    let course = Course::fixture("canary");
    let site = course.build_ok(out, args);
    site.assert_has(&INDEX_FILES);
    let index: String = INDEX_FILES.iter().map(|f| site.text(f)).collect();
    let docs = index_data(&site.text(INDEX_FILES[0]))["docs"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(docs.len() > 5, "{out}: suspiciously small index: {docs:?}");
    let mut leaks = Vec::new();
    let mut missing = Vec::new();
    for row in CANARIES {
        let allowed = [row.1, row.2, row.3][column];
        let found = index.contains(row.0);
        if found && !allowed {
            leaks.push(row.0);
        } else if !found && allowed {
            missing.push(row.0);
        }
    }
    assert!(leaks.is_empty(), "{out}: the search index leaks {leaks:?}");
    assert!(
        missing.is_empty(),
        "{out}: the search index lacks what this audience may see: {missing:?}"
    );
}

#[test]
fn public_index_has_published_work_and_nothing_private() {
    check("public", &[], 0);
}

#[test]
fn teacher_index_has_drafts_and_every_student_but_no_private_notes() {
    check("teacher", &["--audience", "teacher"], 1);
}

#[test]
fn student_index_has_own_work_and_nothing_of_other_students() {
    check(
        "student",
        &["--audience", "student", "--student", "ada-l"],
        2,
    );
}

#[test]
fn public_index_names_students_as_the_course_allows() {
    let course = Course::fixture("canary");
    let site = course.build_ok("public", &[]);
    let data = index_data(&site.text("search/search-index.js"));
    let names: Vec<&str> = data["docs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d[0] == 4)
        .filter_map(|d| d[1].as_str())
        .collect();
    assert!(names.contains(&"Ada L."), "{names:?}");
    // Every result leads to a page of this very site.
    for d in data["docs"].as_array().unwrap() {
        let href = d[2].as_str().unwrap();
        let file = percent_decode(href.split('#').next().unwrap()).unwrap();
        assert!(site.has(&file), "{href} is not a page of the public site");
    }
}
