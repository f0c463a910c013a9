//! The authoring loop: `init` a course, add to it with `new`, and `check` it, with
//! links between pages written as links to their source files.

mod common;

use common::*;

/// A course made by `pathfolio init` in an empty folder.
fn init_course() -> Course {
    let course = Course::empty();
    course
        .run(&["init"])
        .success()
        .stdout_has("Created a course");
    course
}

/// Builds into `<tmp>/<out>`; the build must succeed without a single warning.
fn build_clean(course: &Course, out: &str, extra: &[&str]) -> Output {
    let run = course.build(out, extra);
    run.success();
    assert!(run.diagnostics().is_empty(), "warnings:\n{run}");
    Output::at(course.outside(out))
}

#[test]
fn init_makes_a_course_that_builds_cleanly_for_every_audience() {
    let course = init_course();
    for f in [
        "course.yaml",
        "standards.yaml",
        "units/01-getting-started.md",
        "playlists/getting-started.md",
        "rubrics/poster.md",
        "students/alex-s/profile.md",
        "students/alex-s/evidence/question-poster/index.md",
        "assessments/alex-s.yaml",
    ] {
        assert!(course.path(f).is_file(), "init did not write {f}");
    }
    let ignore = course.read(".gitignore");
    assert!(ignore.lines().any(|l| l == "public/") && ignore.lines().any(|l| l == "private/"));
    let workflow = course.read(".github/workflows/pages.yml");
    for needle in [
        "actions/checkout@",
        "actions/configure-pages@",
        "actions/upload-pages-artifact@",
        "actions/deploy-pages@",
        "pages: write",
        "id-token: write",
        "sha256sum --check",
        "PATHFOLIO_VERSION",
    ] {
        assert!(workflow.contains(needle), "pages.yml lacks {needle}");
    }
    // The sample student has not consented: absent from the public site.
    let public = build_clean(&course, "public", &[]);
    public.assert_links_ok();
    public.assert_has(&[
        "units/getting-started/index.html",
        "rubrics/poster/index.html",
    ]);
    public.assert_lacks(&["students/alex-s/index.html"]);
    // Links written to source files became links to their pages, anchors kept.
    let unit = public.text("units/getting-started/index.html");
    assert!(
        unit.contains(r#"href="../../playlists/getting-started/index.html#before-you-start""#),
        "{unit}"
    );
    assert!(
        public
            .text("index.html")
            .contains(r#"href="units/getting-started/index.html""#)
    );
    let teacher = build_clean(&course, "teacher", &["--audience", "teacher"]);
    teacher.assert_links_ok();
    teacher.assert_has(&["students/alex-s/evidence/question-poster/poster.svg"]);
    build_clean(
        &course,
        "alex",
        &["--audience", "student", "--student", "alex-s"],
    )
    .assert_links_ok();
    // check: no errors or warnings, only notes.
    let check = course.check();
    check.success().stderr_has("0 errors, 0 warnings");
    assert!(
        check
            .diagnostics()
            .iter()
            .all(|d| d.message.starts_with("note: ")),
        "{check}"
    );
}

#[test]
fn init_refuses_a_folder_that_is_not_empty_and_force_never_overwrites() {
    let course = Course::empty();
    course.write("course.yaml", "title: Mine\n");
    course
        .run(&["init"])
        .failure()
        .stderr_has("is not empty")
        .stderr_has("--force");
    assert!(
        !course.path("units").exists(),
        "init wrote into a non-empty folder"
    );
    let run = course.run(&["init", ".", "--force"]);
    run.success().stderr_has("kept ./course.yaml");
    assert_eq!(course.read("course.yaml"), "title: Mine\n");
    assert!(course.path("units/01-getting-started.md").is_file());
    // A new folder is made; a folder with only .git counts as empty.
    course.run(&["init", "fresh"]).success();
    assert!(course.path("fresh/course.yaml").is_file());
    std::fs::create_dir_all(course.path("cloned/.git")).unwrap();
    course.run(&["init", "cloned"]).success();
}

#[test]
fn new_adds_each_kind_and_the_course_still_builds() {
    let course = init_course();
    let new = |args: &[&str]| {
        let mut all = vec!["new"];
        all.extend_from_slice(args);
        let run = course.run(&all);
        run.success();
        run.stdout.trim().to_string()
    };
    let unit = new(&["unit", "Cells & Tissues"]);
    assert!(unit.ends_with("units/02-cells-tissues.md"), "{unit}");
    assert!(
        course
            .read("units/02-cells-tissues.md")
            .contains("order: 2\n")
    );
    assert!(new(&["playlist", "Food Webs"]).ends_with("playlists/food-webs.md"));
    assert!(
        course
            .read("playlists/food-webs.md")
            .contains("unit: cells-tissues\n")
    );
    assert!(new(&["rubric", "Lab Report: Part 1"]).ends_with("rubrics/lab-report-part-1.md"));
    assert!(
        course
            .read("rubrics/lab-report-part-1.md")
            .contains("title: \"Lab Report: Part 1\"")
    );
    // A student id does not give away the full name; consent is not assumed.
    let student = new(&["student", "Ada Lovelace"]);
    assert!(student.contains("students/ada-l/profile.md"), "{student}");
    let profile = course.read("students/ada-l/profile.md");
    assert!(profile.contains("name: \"Ada Lovelace\"") && profile.contains("publish: false"));
    assert!(course.path("students/ada-l/evidence/.gitkeep").is_file());
    // Evidence for a student by id, and from inside a student's folder.
    assert!(
        new(&["evidence", "My Model", "--student", "ada-l"])
            .ends_with("students/ada-l/evidence/my-model.md")
    );
    let text = course.read("students/ada-l/evidence/my-model.md");
    let date = text
        .lines()
        .find_map(|l| l.strip_prefix("date: "))
        .expect("a date line");
    let year: i32 = date[..4].parse().expect("a year");
    assert!(date.len() == 10 && year >= 2025, "{date}");
    let inside = run_in(
        &course.path("students/alex-s/evidence"),
        &["new", "evidence", "Ñandú notes"],
    );
    inside.success();
    assert!(
        course
            .path("students/alex-s/evidence/ñandú-notes.md")
            .is_file(),
        "{inside}"
    );
    let site = course.build_ok("teacher", &["--audience", "teacher"]);
    site.assert_links_ok();
    site.assert_has(&[
        "units/cells-tissues/index.html",
        "playlists/food-webs/index.html",
        "rubrics/lab-report-part-1/index.html",
        "students/ada-l/evidence/my-model/index.html",
        "students/alex-s/evidence/ñandú-notes/index.html",
    ]);
    course.build("public", &[]).success();
}

/// `new evidence` dates work with the computer's own date, not UTC's: at one moment,
/// a computer 14 hours ahead of UTC and one 12 hours behind write different dates.
#[test]
fn new_evidence_is_dated_in_the_local_time_zone() {
    use jiff::Timestamp;
    use jiff::tz::{TimeZone, offset};
    use pathfolio::text::date_at;

    let course = init_course();
    let mut dates = Vec::new();
    // POSIX TZ rules: the offset is written west-positive.
    for (tz, hours, title) in [("PLUS-14", 14, "East"), ("MINUS+12", -12, "West")] {
        let zone = TimeZone::fixed(offset(hours));
        let before = date_at(Timestamp::now(), &zone).to_string();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_pathfolio"))
            .args(["new", "evidence", title, "--student", "alex-s"])
            .current_dir(course.path(""))
            .env("TZ", tz)
            .output()
            .expect("run the pathfolio binary");
        assert!(out.status.success(), "{out:?}");
        let after = date_at(Timestamp::now(), &zone).to_string();
        let text = course.read(&format!(
            "students/alex-s/evidence/{}.md",
            title.to_lowercase()
        ));
        let date = text
            .lines()
            .find_map(|l| l.strip_prefix("date: "))
            .expect("a date line")
            .to_string();
        assert!(
            date == before || date == after,
            "TZ={tz}: {date}, not {before}"
        );
        dates.push(date);
    }
    assert!(dates[0] > dates[1], "{dates:?}");
}

#[test]
fn new_never_overwrites() {
    let course = init_course();
    let before = course.snapshot();
    for args in [
        &["new", "unit", "Getting Started"][..],
        &["new", "playlist", "Getting started!"],
        &["new", "rubric", "Poster"],
        &["new", "student", "Alex Sample"],
        &["new", "evidence", "Question poster", "--student", "alex-s"],
    ] {
        course.run(args).failure().stderr_has("already");
    }
    course
        .run(&["new", "evidence", "X", "--student", "alex"])
        .failure()
        .stderr_has("did you mean `alex-s`?");
    course
        .run(&["new", "evidence", "X"])
        .failure()
        .stderr_has("not a student's folder");
    assert_same_files(
        &before,
        &course.snapshot(),
        "the course after refused `new`s",
    );
    course
        .run(&["new", "evidence", "Twice", "--student", "alex-s"])
        .success();
    let first = course.read("students/alex-s/evidence/twice.md");
    course
        .run(&["new", "evidence", "Twice", "--student", "alex-s"])
        .failure();
    assert_eq!(course.read("students/alex-s/evidence/twice.md"), first);
}

#[test]
fn check_finds_a_broken_link_a_missing_file_and_an_unknown_reference_in_one_run() {
    let course = init_course();
    course.write(
        "units/01-getting-started.md",
        "---\ntitle: Getting Started\nstandards: [SCI-1, SCI-9]\n---\nIntro.\n\nSee [the playlist](../playlists/getting-started.md#nowhere)\nand [the other one](../playlists/getting-startd.md).\n",
    );
    course.edit(
        "students/alex-s/evidence/question-poster/index.md",
        "**What I did:**",
        "![my plan](plan.png)\n\n**What I did:**",
    );
    let run = course.check();
    run.failure();
    let unit = "units/01-getting-started.md";
    let d = run.diag(unit, 3, "unknown standard `SCI-9`");
    assert_eq!(d.column, Some(20), "{d}");
    let d = run.diag(unit, 7, "no heading `#nowhere`");
    assert_eq!(d.column, Some(20), "{d}");
    let d = run.diag(
        unit,
        8,
        "broken link: there is no page `../playlists/getting-startd.md`",
    );
    assert_eq!(d.column, Some(21), "{d}");
    assert_eq!(
        d.hint.as_deref(),
        Some("did you mean `../playlists/getting-started.md`?")
    );
    let evidence = "students/alex-s/evidence/question-poster/index.md";
    let d = run.diag(evidence, 12, "missing image `plan.png`");
    assert_eq!(d.column, Some(12), "{d}");
    assert_eq!(run.diagnostics().len(), 4, "{run}");
    // Grouped by file, then counted.
    run.stderr_has(&format!("In {unit}: 3 errors\n"))
        .stderr_has(&format!("In {evidence}: 1 error\n"))
        .stderr_has("4 errors, 0 warnings, 0 notes in 2 files");
    // A broken link stops a build too.
    course.build("public", &[]).failure();
}

#[test]
fn strict_turns_an_unused_rubric_warning_into_an_error() {
    let course = init_course();
    course.run(&["new", "rubric", "Lab report"]).success();
    let path = "rubrics/lab-report.md";
    let run = course.check();
    run.success().stderr_has("1 warning");
    let d = run.diag(path, 2, "warning: the rubric `lab-report` is not used");
    assert!(d.hint.unwrap_or_default().contains("rubric: lab-report"));
    let strict = course.run(&["check", "--strict"]);
    strict.failure();
    let d = strict.diag(path, 2, "the rubric `lab-report` is not used");
    assert!(!d.message.starts_with("warning:"), "{d}");
    strict.stderr_has("1 error, 0 warnings");
}

#[test]
fn a_link_to_an_unpublished_student_is_plain_text_in_public() {
    let course = init_course();
    course.edit(
        "units/01-getting-started.md",
        "## Words to know",
        "See [Alex's poster](../students/alex-s/evidence/question-poster/index.md), [its folder](../students/alex-s/evidence/question-poster/) and ![the poster](../students/alex-s/evidence/question-poster/poster.svg).\n\n## Words to know",
    );
    let public = build_clean(&course, "public", &[]);
    let unit = public.text("units/getting-started/index.html");
    assert!(
        unit.contains("Alex's poster") || unit.contains("Alex&#x27;s poster"),
        "{unit}"
    );
    assert!(
        !unit.contains("alex-s"),
        "the public page points at an unpublished student:\n{unit}"
    );
    assert!(
        unit.contains("its folder") && unit.contains("the poster"),
        "{unit}"
    );
    let teacher = build_clean(&course, "teacher", &["--audience", "teacher"]);
    let unit = teacher.text("units/getting-started/index.html");
    let page = r#"href="../../students/alex-s/evidence/question-poster/index.html""#;
    assert_eq!(unit.matches(page).count(), 2, "{unit}");
    assert!(
        unit.contains(r#"src="../../students/alex-s/evidence/question-poster/poster.svg""#),
        "{unit}"
    );
    teacher.assert_links_ok();
}
