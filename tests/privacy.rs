//! SPEC §4: who may see what. The `canary` fixture puts a unique string in every
//! field that some audience must not see; each audience is built with the real
//! binary, and every output file (pages and copied files, as bytes, and their paths)
//! is searched. A canary an audience may see must be found somewhere, so these
//! tests fail when the fixture or the search stops working.

mod common;

use std::collections::BTreeMap;

use common::*;

/// One canary and the audiences that may see it: public, teacher, and the student
/// `ada-l` (the student build of these tests).
struct Canary {
    text: &'static str,
    public: bool,
    teacher: bool,
    student: bool,
}

const fn canary(text: &'static str, public: bool, teacher: bool, student: bool) -> Canary {
    Canary {
        text,
        public,
        teacher,
        student,
    }
}

const STUDENT: &str = "ada-l";

#[rustfmt::skip]
const CANARIES: &[Canary] = &[
    //                                                   public teacher ada-l
    // course.yaml: a teacher's contact is for the teacher audience only.
    canary("CANARY_CONTACT_3b1e",                        false, true,  false),
    // A draft unit, its playlist and its item: teacher only.
    canary("CANARY_DRAFT_TITLE_41c9",                    false, true,  false),
    canary("CANARY_DRAFT_BODY_8e20",                     false, true,  false),
    canary("CANARY_DRAFT_PLAYLIST_6a1f",                 false, true,  false),
    canary("CANARY_DRAFT_ITEM_0b77",                     false, true,  false),
    // Ada's roster entry (notes, needs, sis_id, section, readiness, the consent
    // record): teacher only, never her own build (SPEC §2.9, §4).
    canary("CANARY_PRIVATE_NOTES_7f3a",                  false, true,  false),
    canary("CANARY_PRIVATE_LIST_c3d8",                   false, true,  false),
    canary("CANARY_SIS_ID_9f8e",                         false, true,  false),
    canary("CANARY_SECTION_4d4d",                        false, true,  false),
    canary("2019-03-17",                                 false, true,  false),
    canary("exceeding",                                  false, true,  false),
    // `private:` left in her profile is ignored: nobody sees it.
    canary("CANARY_PROFILE_PRIVATE_1e1e",                false, false, false),
    // Ada's full last name: the public site says "Ada L.".
    canary("Lovelace",                                   false, true,  true),
    // Ada's `public: false` evidence: title, reflection, file name, file content.
    canary("CANARY_SECRET_TITLE_2d4e",                   false, true,  true),
    canary("CANARY_SECRET_REFLECTION_9a0b",              false, true,  true),
    canary("CANARY_SECRET_FILE_NAME_5c6d",               false, true,  true),
    canary("CANARY_SECRET_FILE_CONTENT_e1f2",            false, true,  true),
    canary("CANARY_SECRET_FEEDBACK_a7b8",                false, true,  true),
    // Teacher feedback, on evidence and on a standard (show_scores_public: false).
    canary("CANARY_FEEDBACK_4b5c",                       false, true,  true),
    canary("CANARY_LATE_FEEDBACK_6d6d",                  false, true,  true),
    canary("CANARY_STANDARD_FEEDBACK_5a5a",              false, true,  true),
    // An assessment's `note` is the teacher's alone (SPEC §2.8).
    canary("CANARY_NOTE_8d9e",                           false, true,  false),
    canary("CANARY_EVIDENCE_NOTE_3c3c",                  false, true,  false),
    // Other published students: public, but not in Ada's own build.
    canary("CANARY_ZOE_ABOUT_5e6f",                      true,  true,  false),
    canary("CANARY_ZOE_REFLECTION_7c2b",                 true,  true,  false),
    canary("CANARY_ZOE_FILE_CONTENT_0f1a",               true,  true,  false),
    canary("carte du préau",                             true,  true,  false),
    canary("zo%C3%AB-b",                                 true,  true,  false),
    canary("Zoë",                                        true,  true,  false),
    canary("Brontë",                                     false, true,  false),
    canary("CANARY_ZOE_FEEDBACK_1b2c",                   false, true,  false),
    canary("CANARY_DMITRI_ABOUT_9d0e",                   true,  true,  false),
    canary("CANARY_DMITRI_REFLECTION_3e4f",              true,  true,  false),
    canary("dmitri-i",                                   true,  true,  false),
    canary("Дмитрий",                                    true,  true,  false),
    canary("Иванов",                                     false, true,  false),
    // A student with `publish: false`: only the teacher knows they exist.
    canary("canary-hidden-id-5d2c",                      false, true,  false),
    canary("CANARY_HIDDEN_NAME_1a2b",                    false, true,  false),
    canary("CANARY_HIDDEN_BODY_6f7a",                    false, true,  false),
    canary("CANARY_HIDDEN_EVIDENCE_TITLE_2c3d",          false, true,  false),
    canary("CANARY_HIDDEN_REFLECTION_4e5f",              false, true,  false),
    canary("CANARY_HIDDEN_FILE_NAME_6a7b",               false, true,  false),
    canary("CANARY_HIDDEN_FILE_CONTENT_8c9d",            false, true,  false),
    canary("CANARY_HIDDEN_FEEDBACK_0e1f",                false, true,  false),
    // Publishing wished in the profile, but the family's consent is withdrawn in
    // the roster, or the student is not on the roster at all.
    canary("withdrawn-w",                                false, true,  false),
    canary("CANARY_WITHDRAWN_NAME_7e7e",                 false, true,  false),
    canary("CANARY_WITHDRAWN_BODY_8a8a",                 false, true,  false),
    canary("noroster-n",                                 false, true,  false),
    canary("CANARY_NOROSTER_NAME_2b2b",                  false, true,  false),
    canary("CANARY_NOROSTER_BODY_3f3f",                  false, true,  false),
    // A student without any `publish:` (the default is false).
    canary("eleni-p",                                    false, true,  false),
    canary("Ελένη",                                      false, true,  false),
    canary("Παπαδοπούλου",                               false, true,  false),
    canary("CANARY_UNSET_BODY_2a3b",                     false, true,  false),
    canary("CANARY_UNSET_EVIDENCE_TITLE_4c5d",           false, true,  false),
    canary("CANARY_UNSET_REFLECTION_6e7f",               false, true,  false),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    Public,
    Teacher,
    Student,
}

impl Who {
    fn may_see(self, c: &Canary) -> bool {
        match self {
            Who::Public => c.public,
            Who::Teacher => c.teacher,
            Who::Student => c.student,
        }
    }

    fn args(self) -> Vec<&'static str> {
        match self {
            Who::Public => vec![],
            Who::Teacher => vec!["--audience", "teacher"],
            Who::Student => vec!["--audience", "student", "--student", STUDENT],
        }
    }
}

fn build(course: &Course, who: Who) -> BTreeMap<String, Vec<u8>> {
    let out = format!("{who:?}").to_lowercase();
    let site = course.build_ok(&out, &who.args());
    site.assert_links_ok();
    site.snapshot()
}

/// Checks one audience against the table: no forbidden canary anywhere, every
/// allowed canary somewhere.
fn assert_canaries(who: Who) {
    let course = Course::fixture("canary");
    let files = build(&course, who);
    assert!(
        files.len() > 5,
        "{who:?}: suspiciously small site: {files:?}"
    );
    let mut leaks = Vec::new();
    let mut missing = Vec::new();
    for c in CANARIES {
        let hits = find_in_site(&files, c.text);
        if who.may_see(c) {
            if hits.is_empty() {
                missing.push(c.text);
            }
        } else if !hits.is_empty() {
            leaks.push(format!("{:?} in {}", c.text, hits.join(", ")));
        }
    }
    assert!(
        leaks.is_empty(),
        "{who:?} build shows what it must not:\n{}",
        leaks.join("\n")
    );
    assert!(
        missing.is_empty(),
        "{who:?} build lacks what it should show (the fixture or the search is broken): {missing:?}"
    );
}

#[test]
fn public_build_leaks_no_private_field_unpublished_student_or_draft() {
    assert_canaries(Who::Public);
}

#[test]
fn teacher_build_shows_every_student_private_field_draft_and_contact() {
    assert_canaries(Who::Teacher);
}

#[test]
fn student_build_shows_own_data_and_nothing_of_other_students() {
    assert_canaries(Who::Student);
}

#[test]
fn public_names_follow_first_name_last_initial() {
    let course = Course::fixture("canary");
    let site = course.build_ok("public", &[]);
    let roster = site.plain("students/index.html");
    for name in ["Ada L.", "Zoë B.", "Дмитрий И."] {
        assert!(roster.contains(name), "{name} not on the roster: {roster}");
    }
    let portfolio = site.plain("students/ada-l/index.html");
    assert!(portfolio.contains("Ada L."), "{portfolio}");
    // Exactly the three published students have portfolios.
    let portfolios: Vec<String> = site
        .files()
        .into_iter()
        .filter(|f| f.starts_with("students/") && f.matches('/').count() == 2)
        .filter(|f| f.ends_with("/index.html"))
        .collect();
    assert_eq!(
        portfolios,
        [
            "students/ada-l/index.html",
            "students/dmitri-i/index.html",
            "students/zoë-b/index.html"
        ]
    );
}

#[test]
fn public_student_pages_are_noindex_unless_the_course_allows_indexing() {
    let course = Course::fixture("canary");
    let site = course.build_ok("public", &[]);
    let robots = |site: &Output, page: &str| {
        tags(&site.text(page)).into_iter().any(|t| {
            t.name == "meta"
                && t.attr("name") == Some("robots")
                && t.attr("content").is_some_and(|c| c.contains("noindex"))
        })
    };
    let student_pages: Vec<String> = site
        .files()
        .into_iter()
        .filter(|f| f.starts_with("students/") && f.ends_with(".html"))
        .collect();
    assert!(student_pages.len() >= 4, "{student_pages:?}");
    for page in &student_pages {
        assert!(robots(&site, page), "{page} lacks noindex");
    }
    assert!(
        !robots(&site, "index.html"),
        "the course home may be indexed"
    );

    course.edit(
        "course.yaml",
        "index_student_pages: false",
        "index_student_pages: true",
    );
    let site = course.build_ok("public-indexed", &[]);
    for page in &student_pages {
        assert!(!robots(&site, page), "{page} is noindex although allowed");
    }
}

#[test]
fn public_scores_when_allowed_still_hide_private_evidence_and_fields() {
    let course = Course::fixture("canary");
    course.edit(
        "course.yaml",
        "show_scores_public: false",
        "show_scores_public: true",
    );
    let files = build(&course, Who::Public);
    // Now feedback on public work is public...
    for shown in [
        "CANARY_FEEDBACK_4b5c",
        "CANARY_ZOE_FEEDBACK_1b2c",
        "CANARY_STANDARD_FEEDBACK_5a5a",
    ] {
        assert!(!find_in_site(&files, shown).is_empty(), "{shown} not shown");
    }
    // ...but not the feedback on a `public: false` item, nor anything private: an
    // assessment's `note` is the teacher's whatever the settings (SPEC §2.8).
    for c in CANARIES
        .iter()
        .filter(|c| !c.public && !c.text.contains("FEEDBACK"))
        .map(|c| c.text)
        .chain(["CANARY_SECRET_FEEDBACK_a7b8", "CANARY_HIDDEN_FEEDBACK_0e1f"])
    {
        let hits = find_in_site(&files, c);
        assert!(hits.is_empty(), "{c} leaked into {hits:?}");
    }
}

#[test]
fn a_course_without_published_students_has_no_trace_of_them_in_public() {
    let course = Course::fixture("minimal");
    course.edit(
        "students/sam-k/profile.md",
        "publish: true",
        "publish: false",
    );
    let site = course.build_ok("public", &[]);
    site.assert_links_ok();
    let students: Vec<String> = site
        .files()
        .into_iter()
        .filter(|f| f.starts_with("students/"))
        .collect();
    assert!(students.is_empty(), "{students:?}");
    let files = site.snapshot();
    for secret in [
        "sam-k",
        "Sam",
        "My first poster",
        "bicycle",
        "Clear poster.",
    ] {
        let hits = find_in_site(&files, secret);
        assert!(hits.is_empty(), "{secret:?} in {hits:?}");
    }
}

/// A tiny valid baseline JPEG (one flat 8×8 grey block) with an EXIF segment that
/// holds an image description and a GPS area, both canaries.
fn jpeg_with_exif(description: &str, gps_area: &str) -> Vec<u8> {
    fn seg(marker: u8, body: &[u8]) -> Vec<u8> {
        let mut s = vec![0xFF, marker];
        s.extend_from_slice(&((body.len() + 2) as u16).to_be_bytes());
        s.extend_from_slice(body);
        s
    }
    let be16 = |n: u16| n.to_be_bytes();
    let be32 = |n: u32| n.to_be_bytes();
    let desc = [description.as_bytes(), b"\0"].concat();
    let area = [gps_area.as_bytes(), b"\0"].concat();
    // TIFF, big-endian: IFD0 (ImageDescription, GPSInfo) then a GPS IFD.
    let ifd0 = 8u32;
    let desc_at = ifd0 + 2 + 2 * 12 + 4;
    let gps_ifd = desc_at + desc.len() as u32;
    let area_at = gps_ifd + 2 + 2 * 12 + 4;
    let mut tiff = b"MM\0\x2a".to_vec();
    tiff.extend(be32(ifd0));
    tiff.extend(be16(2));
    tiff.extend([be16(0x010E), be16(2)].concat());
    tiff.extend([be32(desc.len() as u32), be32(desc_at)].concat());
    tiff.extend([be16(0x8825), be16(4)].concat());
    tiff.extend([be32(1), be32(gps_ifd)].concat());
    tiff.extend(be32(0));
    tiff.extend(&desc);
    tiff.extend(be16(2));
    tiff.extend([be16(0x0000), be16(1), be16(0), be16(4)].concat());
    tiff.extend([2, 3, 0, 0]);
    tiff.extend([be16(0x001C), be16(7)].concat());
    tiff.extend([be32(area.len() as u32), be32(area_at)].concat());
    tiff.extend(be32(0));
    tiff.extend(&area);
    let mut jpeg = vec![0xFF, 0xD8];
    jpeg.extend(seg(0xE1, &[b"Exif\0\0".as_slice(), &tiff].concat()));
    jpeg.extend(seg(0xDB, &[[0u8].as_slice(), &[1u8; 64]].concat()));
    jpeg.extend(seg(0xC0, &[8, 0, 8, 0, 8, 1, 1, 0x11, 0]));
    let one_code = |class: u8| {
        let mut t = vec![class, 1];
        t.extend([0u8; 15]);
        t.push(0);
        t
    };
    jpeg.extend(seg(0xC4, &one_code(0x00)));
    jpeg.extend(seg(0xC4, &one_code(0x10)));
    jpeg.extend(seg(0xDA, &[1, 1, 0x00, 0, 63, 0]));
    // DC difference category 0 (code `0`), end of block (code `0`), padded with 1s.
    jpeg.push(0x3F);
    jpeg.extend([0xFF, 0xD9]);
    jpeg
}

#[test]
fn evidence_images_lose_exif_and_gps_metadata() {
    let course = Course::fixture("canary");
    let photo = jpeg_with_exif("CANARY_EXIF_DESCRIPTION_9f8e", "CANARY_EXIF_GPS_1d2e");
    course.write_bytes("students/ada-l/evidence/bridge-photo/photo.jpg", &photo);
    course.write(
        "students/ada-l/evidence/bridge-photo/index.md",
        "---\ntitle: A photo of my bridge\ndate: 2026-09-21\n---\nTaken at home.\n",
    );
    for who in [Who::Public, Who::Teacher, Who::Student] {
        let files = build(&course, who);
        let photo_out = "students/ada-l/evidence/bridge-photo/photo.jpg";
        let bytes = files
            .get(photo_out)
            .unwrap_or_else(|| panic!("{who:?}: {photo_out} was not published"));
        assert!(bytes.starts_with(&[0xFF, 0xD8]), "no longer a JPEG");
        for secret in [
            "CANARY_EXIF_DESCRIPTION_9f8e",
            "CANARY_EXIF_GPS_1d2e",
            "Exif",
        ] {
            let hits = find_in_site(&files, secret);
            assert!(hits.is_empty(), "{who:?}: {secret} in {hits:?}");
        }
    }
}

/// Readiness is the teacher's judgement (SPEC §2.6): it may order a student's
/// suggestions, but no page of any audience says "your level" to the student.
#[test]
fn no_page_names_a_students_readiness_to_them() {
    let course = Course::example_course();
    for who in [Who::Teacher, Who::Student] {
        let out = format!("ready-{who:?}").to_lowercase();
        let mut args = who.args();
        if who == Who::Student {
            // ada-l has a readiness level and suggestions that suit it.
            args = vec!["--audience", "student", "--student", "ada-l"];
        }
        let site = course.build_ok(&out, &args);
        for f in site.files().iter().filter(|f| f.ends_with(".html")) {
            let text = site.plain(f);
            assert!(
                !text.contains("your level"),
                "{f} names the readiness level"
            );
        }
    }
}
