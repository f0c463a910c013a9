//! SPEC §4 with a hostile or careless student in the class: nothing is read from
//! outside a student's own folder, and a student's problem never stops the class.

mod common;

use common::*;

/// The minimal course with two more published students, Eve (who tries things)
/// and Kenji (unpublished; his work must never appear).
fn class() -> Course {
    let course = Course::fixture("minimal");
    course.files(&[
        (
            "students/eve-e/profile.md",
            "---\nname: Eve Evans\npublish: true\n---\nHi.\n",
        ),
        (
            "students/eve-e/evidence/fine.md",
            "---\ntitle: My fine work\ndate: 2026-09-16\n---\nEVE-FINE-WORK\n",
        ),
        (
            "students/kenji-t/profile.md",
            "---\nname: Kenji Tanaka\npublish: false\n---\nKENJI-PRIVATE-ABOUT\n",
        ),
        (
            "students/kenji-t/evidence/secret/index.md",
            "---\ntitle: Kenji secret\ndate: 2026-09-16\n---\nKENJI-PRIVATE-WORK\n",
        ),
        (
            "students/kenji-t/evidence/secret/notes.txt",
            "KENJI-PRIVATE-FILE\n",
        ),
    ]);
    course
}

/// Every file of the site, as bytes, must lack `canary`.
fn assert_absent(site: &Output, canary: &str) {
    for f in site.files() {
        let bytes = site.bytes(&f);
        assert!(
            !String::from_utf8_lossy(&bytes).contains(canary),
            "{canary} leaked into {f}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_symlinked_evidence_folder_leaks_nothing_and_withholds_only_that_student() {
    let course = class();
    std::fs::remove_dir_all(course.path("students/eve-e/evidence")).unwrap();
    std::os::unix::fs::symlink(
        "../kenji-t/evidence",
        course.path("students/eve-e/evidence"),
    )
    .unwrap();
    let run = course.build("public", &[]);
    run.success()
        .stdout_has("withheld")
        .stderr_has("points outside the folder `eve-e`");
    let site = Output::at(course.outside("public"));
    for canary in ["KENJI-PRIVATE-WORK", "KENJI-PRIVATE-FILE", "Kenji secret"] {
        assert_absent(&site, canary);
    }
    // The rest of the class is published as usual.
    site.assert_has(&["students/sam-k/evidence/first-try/index.html"]);
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_course_reads_nothing() {
    let course = class();
    std::fs::write(course.outside("secret.txt"), "MACHINE-SECRET\n").unwrap();
    let ev = course.path("students/eve-e/evidence/leak");
    std::fs::create_dir_all(&ev).unwrap();
    std::fs::write(
        ev.join("index.md"),
        "---\ntitle: Leak\ndate: 2026-09-17\n---\nText.\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(course.outside("secret.txt"), ev.join("secret.txt")).unwrap();
    // A hard link has no way back to its other name: refused as well.
    std::fs::hard_link(course.outside("secret.txt"), ev.join("hard.txt")).unwrap();
    let run = course.build("public", &[]);
    run.success();
    let site = Output::at(course.outside("public"));
    assert_absent(&site, "MACHINE-SECRET");
    run.stderr_has("hard link");
}

#[test]
fn a_broken_student_file_withholds_that_item_and_the_class_is_built() {
    let course = class();
    course.write(
        "students/eve-e/evidence/broken.md",
        "---\ntitle: Broken\ndate: 2026-02-30\n---\nEVE-BROKEN-WORK\n",
    );
    course.write_bytes(
        "students/eve-e/evidence/latin1.md",
        b"---\ntitle: Caf\xe9\ndate: 2026-09-18\n---\nx\n",
    );
    let run = course.build("public", &[]);
    run.success()
        .stdout_has("2 items withheld (warnings above)");
    let d = run.diag("students/eve-e/evidence/broken.md", 3, "2026-02-30");
    assert!(d.message.starts_with("warning: "), "{d}");
    run.diag("students/eve-e/evidence/latin1.md", 2, "not valid UTF-8");
    let site = Output::at(course.outside("public"));
    site.assert_has(&[
        "students/eve-e/evidence/fine/index.html",
        "students/sam-k/evidence/first-try/index.html",
    ])
    .assert_lacks(&["students/eve-e/evidence/broken/index.html"]);
    assert_absent(&site, "EVE-BROKEN-WORK");
}

#[test]
fn a_broken_profile_withholds_the_student_only() {
    let course = class();
    course.write(
        "students/eve-e/profile.md",
        "---\nname: Eve Evans\npublish: true\nnot_a_field: 1\n---\nHi.\n",
    );
    let run = course.build("public", &[]);
    run.success().stdout_has("1 item withheld");
    run.diag(
        "students/eve-e/profile.md",
        4,
        "unknown field `not_a_field`",
    );
    let site = Output::at(course.outside("public"));
    assert!(!site.has("students/eve-e/index.html"));
    assert_absent(&site, "EVE-FINE-WORK");
    site.assert_has(&["students/sam-k/index.html"]);
}

#[test]
fn strict_fails_on_a_students_problem_and_keeps_the_previous_site() {
    let course = class();
    let site = course.build_ok("public", &[]);
    let before = site.snapshot();
    course.write(
        "students/eve-e/evidence/broken.md",
        "---\ntitle: Broken\n---\nNo date.\n",
    );
    course
        .build("public", &["--strict"])
        .failure()
        .stderr_has("nothing was written");
    assert_same_files(&before, &site.snapshot(), "the previous site");
    // `check` reports it as an error too.
    course.check().failure();
}

#[test]
fn an_unsafe_link_in_front_matter_is_shown_as_text() {
    let course = class();
    course.write(
        "students/eve-e/evidence/fine.md",
        "---\ntitle: My fine work\ndate: 2026-09-16\nlinks:\n  - { title: Click me, url: \"javascript:alert(1)\" }\n  - { url: \"https://example.org/ok\" }\n---\nEVE-FINE-WORK\n",
    );
    let run = course.build("public", &[]);
    run.success();
    run.diag("students/eve-e/evidence/fine.md", 5, "is not a web address");
    let site = Output::at(course.outside("public"));
    let page = site.text("students/eve-e/evidence/fine/index.html");
    assert!(!page.contains("href=\"javascript:"), "{page}");
    assert!(page.contains("Click me (javascript:alert(1))"), "{page}");
    assert!(page.contains("href=\"https://example.org/ok\""));
    // Only a warning: no item is withheld for it.
    assert!(!run.stdout.contains("withheld"), "{}", run.stdout);
}

#[test]
fn a_score_of_missing_evidence_is_a_warning_not_a_stop() {
    let course = class();
    course.write(
        "assessments/eve-e.yaml",
        "- evidence: gone\n  rubric: poster\n  date: 2026-09-20\n  scores: { clarity: 3 }\n",
    );
    course.write(
        "assessments/nobody.yaml",
        "- standard: MIN-2\n  date: 2026-09-25\n  level: 2\n",
    );
    let run = course.build("public", &[]);
    run.success();
    run.diag("assessments/eve-e.yaml", 1, "has no evidence item `gone`");
    run.diag(
        "assessments/nobody.yaml",
        None,
        "there is no student `nobody`",
    );
}

#[test]
fn the_score_of_a_withheld_item_waits_with_a_warning() {
    let course = class();
    course.write(
        "students/sam-k/evidence/first-try.md",
        "---\ntitle: My first poster\ndate: 2026-09-15\nunit: nowhere\n---\nx\n",
    );
    let run = course.build("public", &[]);
    run.success();
    run.diag(
        "assessments/sam-k.yaml",
        1,
        "is left out while that evidence item is withheld",
    );
}

#[cfg(unix)]
#[test]
fn an_output_path_through_a_link_into_students_is_refused() {
    let course = class();
    std::os::unix::fs::symlink(course.path("students/eve-e/evidence"), course.path("lnk")).unwrap();
    let before = course.snapshot();
    course
        .run(&["build", "-o", "lnk/../site"])
        .failure()
        .stderr_has("course's own files");
    assert!(!course.path("students/eve-e/site").exists());
    assert_eq!(before.len(), course.snapshot().len());
}
