//! SPEC §2.9: the teacher's roster. Consent decides who is published and which
//! media go out; a roster problem stops the build; the teacher's judgements in a
//! profile are ignored with a warning; assessments' `completes:` (SPEC §2.8).

mod common;

use common::*;

/// The minimal course with a roster that consents to Sam's publishing.
fn course_with_roster(roster: &str) -> Course {
    let course = Course::fixture("minimal");
    course.write("roster.yaml", roster);
    course
}

const SAM: &str = "- id: sam-k\n  consent: { publish: true }\n";

fn png() -> Vec<u8> {
    let img = image::RgbaImage::from_fn(4, 3, |x, y| {
        image::Rgba([x as u8 * 60, 90, y as u8 * 80, 255])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

fn wav() -> Vec<u8> {
    fn chunk(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
        let mut c = kind.to_vec();
        c.extend((body.len() as u32).to_le_bytes());
        c.extend(body);
        if body.len() % 2 == 1 {
            c.push(0);
        }
        c
    }
    let mut body = b"WAVE".to_vec();
    body.extend(chunk(
        b"fmt ",
        &[1, 0, 1, 0, 0x44, 0xAC, 0, 0, 0x88, 0x58, 1, 0, 2, 0, 16, 0],
    ));
    body.extend(chunk(b"data", &[0; 64]));
    chunk(b"RIFF", &body)
}

/// Sam's evidence with a photo, a recording and a PDF-free text file.
fn with_media(course: &Course) {
    course.write(
        "students/sam-k/evidence/lab/index.md",
        "---\ntitle: Lab day\ndate: 2026-09-18\n---\nTEXT_STAYS_1c1c: what I measured.\n",
    );
    course.write_bytes("students/sam-k/evidence/lab/photo.png", &png());
    course.write_bytes("students/sam-k/evidence/lab/talk.wav", &wav());
    course.write("students/sam-k/evidence/lab/data.txt", "1 2 3\n");
}

fn media_files(site: &Output) -> Vec<String> {
    site.files()
        .into_iter()
        .filter(|f| f.starts_with("students/sam-k/evidence/lab/") && !f.ends_with(".html"))
        .collect()
}

#[test]
fn consent_to_publish_is_needed_besides_the_profile() {
    let course = course_with_roster("- id: sam-k\n  consent: { publish: false, by: guardian }\n");
    let site = course.build_ok("public", &[]);
    assert!(!site.files().iter().any(|f| f.starts_with("students/")));
    assert!(find_in_site(&site.snapshot(), "sam-k").is_empty());
    course.write("roster.yaml", SAM);
    let site = course.build_ok("public2", &[]);
    site.assert_has(&["students/sam-k/index.html"]);
}

#[test]
fn a_student_without_a_roster_entry_is_unpublished_with_a_warning() {
    let course = course_with_roster("- id: other-x\n");
    let run = course.build("public", &[]);
    run.success();
    run.stderr_has("`sam-k` has no entry in roster.yaml; they are left out of the public build");
    run.stderr_has("the roster lists `other-x`, but there is no student folder `other-x`");
    let site = Output::at(course.outside("public"));
    assert!(find_in_site(&site.snapshot(), "sam-k").is_empty());
    // The teacher still sees Sam, and that there is no consent on record.
    let teacher = course.build_ok("teacher", &["--audience", "teacher"]);
    assert!(
        teacher
            .plain("students/index.html")
            .contains("no consent on record")
    );
}

#[test]
fn without_a_roster_the_profile_alone_decides() {
    let course = Course::fixture("minimal");
    course
        .build_ok("public", &[])
        .assert_has(&["students/sam-k/index.html"]);
}

#[test]
fn photos_false_withholds_images_and_keeps_the_text() {
    let course = course_with_roster("- id: sam-k\n  consent: { publish: true, photos: false }\n");
    with_media(&course);
    let site = course.build_ok("public", &[]);
    site.assert_links_ok();
    let files = media_files(&site);
    assert!(!files.iter().any(|f| f.contains("photo")), "{files:?}");
    assert!(files.iter().any(|f| f.ends_with("talk.wav")), "{files:?}");
    assert!(files.iter().any(|f| f.ends_with("data.txt")), "{files:?}");
    let page = site.text("students/sam-k/evidence/lab/index.html");
    assert!(page.contains("TEXT_STAYS_1c1c"));
    assert!(!page.contains("photo"), "the page names the withheld photo");
    assert!(
        !page.to_lowercase().contains("consent"),
        "the page names consent"
    );
    // The teacher's and Sam's own builds keep the photo.
    for (out, args) in [
        ("teacher", vec!["--audience", "teacher"]),
        (
            "student",
            vec!["--audience", "student", "--student", "sam-k"],
        ),
    ] {
        let files = media_files(&course.build_ok(out, &args));
        assert!(
            files.iter().any(|f| f.contains("photo")),
            "{out}: {files:?}"
        );
    }
}

#[test]
fn voice_false_withholds_audio_and_video() {
    let course = course_with_roster("- id: sam-k\n  consent: { publish: true, voice: false }\n");
    with_media(&course);
    let site = course.build_ok("public", &[]);
    site.assert_links_ok();
    let files = media_files(&site);
    assert!(!files.iter().any(|f| f.contains("talk")), "{files:?}");
    assert!(files.iter().any(|f| f.contains("photo")), "{files:?}");
    assert!(
        site.text("students/sam-k/evidence/lab/index.html")
            .contains("TEXT_STAYS_1c1c")
    );
}

#[test]
fn level_and_private_in_a_profile_are_ignored_with_a_warning() {
    let course = course_with_roster(SAM);
    course.edit(
        "students/sam-k/profile.md",
        "publish: true\n",
        "publish: true\nlevel: meeting\nprivate:\n  notes: PROFILE_PRIVATE_5e5e\n",
    );
    let run = course.build("teacher", &["--audience", "teacher"]);
    run.success();
    run.diag(
        "students/sam-k/profile.md",
        4,
        "move `level: meeting` to the roster entry of sam-k in roster.yaml",
    );
    run.diag(
        "students/sam-k/profile.md",
        6,
        "move it to `notes:` or `needs:` of the roster entry of sam-k in roster.yaml",
    );
    let site = Output::at(course.outside("teacher"));
    let files = site.snapshot();
    assert!(find_in_site(&files, "PROFILE_PRIVATE_5e5e").is_empty());
    // Never used: the teacher's page shows no readiness for Sam.
    assert!(!site.plain("students/index.html").contains("meeting"));
}

#[test]
fn the_roster_gives_the_official_name_section_and_readiness_to_the_teacher() {
    let course = course_with_roster(
        "- id: sam-k\n  name: Samuel Kimura\n  section: P4\n  level: approaching\n  sis_id: 000900\n  consent: { publish: true }\n",
    );
    let teacher = course.build_ok("teacher", &["--audience", "teacher"]);
    let page = teacher.plain("students/index.html");
    for shown in ["Samuel Kimura", "Section P4", "approaching", "000900"] {
        assert!(page.contains(shown), "{shown} not in {page}");
    }
    assert!(teacher.plain("class/index.html").contains("Section P4"));
    let public = course.build_ok("public", &[]);
    let text = public.plain("students/index.html");
    assert!(text.contains("Samuel K."), "{text}");
    assert!(
        !text.contains("P4") && !text.contains("approaching"),
        "{text}"
    );
}

#[test]
fn an_unknown_roster_field_stops_the_build_with_a_suggestion() {
    let course = course_with_roster("- id: sam-k\n  secton: P1\n");
    let run = course.build("public", &[]);
    run.failure();
    let d = run.diag("roster.yaml", 2, "unknown field `secton`");
    assert!(d.hint.unwrap_or_default().contains("section"));
}

#[test]
fn roster_problems_stop_the_build_with_positions() {
    let course = course_with_roster(
        "- id: sam-k\n  section: P1\n- id: sam-k\n  sis_id: \"7\"\n- id: kai-l\n  sis_id: \"7\"\n  level: meting\n  extensions: { frist-steps: 2026-10-01 }\n  repo: not a url\n  consent: { by: grandma }\n",
    );
    let run = course.build("public", &[]);
    run.failure();
    run.diag(
        "roster.yaml",
        3,
        "the roster entry `sam-k` is defined twice",
    );
    run.diag("roster.yaml", 6, "the sis_id `7` is given twice");
    run.diag("roster.yaml", 7, "unknown readiness level `meting`");
    run.diag("roster.yaml", 8, "unknown playlist `frist-steps`");
    run.diag("roster.yaml", 9, "`not a url` is not a web address");
    run.diag("roster.yaml", 10, "unknown consent giver `grandma`");
}

#[test]
fn a_roster_and_assessments_outside_the_course_are_read_and_a_missing_one_stops_the_build() {
    let course = Course::fixture("minimal");
    let private = course.outside("private");
    std::fs::create_dir_all(private.join("scores")).unwrap();
    std::fs::write(
        private.join("class.yaml"),
        "- id: sam-k\n  notes: OUTSIDE_NOTE_4a4a\n",
    )
    .unwrap();
    std::fs::rename(
        course.path("assessments/sam-k.yaml"),
        private.join("scores/sam-k.yaml"),
    )
    .unwrap();
    course.edit(
        "course.yaml",
        "base_url: /minimal/",
        "base_url: /minimal/\nroster: ../private/class.yaml\nassessments_dir: ../private/scores",
    );
    let teacher = course.build_ok("teacher", &["--audience", "teacher"]);
    assert!(
        teacher
            .plain("students/index.html")
            .contains("OUTSIDE_NOTE_4a4a")
    );
    assert!(
        teacher
            .plain("students/sam-k/evidence/first-try/index.html")
            .contains("Clear poster.")
    );
    // No consent in that roster: Sam is not published.
    let public = course.build_ok("public", &[]);
    assert!(!public.files().iter().any(|f| f.starts_with("students/")));
    // The private checkout is missing: the build stops rather than publish anyone.
    std::fs::remove_file(private.join("class.yaml")).unwrap();
    let run = course.build("public2", &[]);
    run.failure();
    run.stderr_has("does not exist");
}

#[test]
fn an_assessment_completes_items_and_scoring_a_checkpoints_evidence_completes_it() {
    let course = course_with_roster(SAM);
    course.write(
        "students/sam-k/evidence/check-work.md",
        "---\ntitle: Checkpoint poster\ndate: 2026-09-21\ncompletes: [first-steps/check]\n---\nMy checkpoint.\n",
    );
    let progress = |out: &str| {
        course
            .build_ok(out, &["--audience", "student", "--student", "sam-k"])
            .plain("students/sam-k/progress/index.html")
    };
    // Claimed, not yet assessed: the checkpoint is still to do.
    let before = progress("before");
    assert!(
        before.contains("handed in, waiting for a score"),
        "{before}"
    );
    let text = course.read("assessments/sam-k.yaml");
    course.write(
        "assessments/sam-k.yaml",
        &format!(
            "{text}- evidence: check-work\n  rubric: poster\n  date: 2026-09-23\n  scores: {{ clarity: 4 }}\n- standard: MIN-1\n  date: 2026-09-24\n  level: 3\n  completes: [first-steps/read-handout]\n"
        ),
    );
    let after = progress("after");
    assert_ne!(before, after);
    assert!(!after.contains("waiting for a score"), "{after}");
    assert!(!after.contains("not assessed yet"), "{after}");
    // An unknown item in `completes:` is the teacher's error.
    course.write(
        "assessments/sam-k.yaml",
        &format!("{text}- standard: MIN-1\n  date: 2026-09-24\n  level: 3\n  completes: [first-steps/red-handout]\n"),
    );
    let run = course.build("bad", &[]);
    run.failure();
    run.stderr_has("the playlist `first-steps` has no item `red-handout`");
}
