//! Mastery, progress, next steps, the class grid, and the teacher-data commands
//! (`export mastery`, `import case`), built from the `minimal` fixture.
//!
//! In that fixture Sam has one rubric score of 3 on MIN-1 (criterion `clarity`) and a
//! standard-only level 2 on MIN-2; their evidence completes `first-steps/poster`, one
//! option of a "choose 1" group. The course uses the default scale and method.

mod common;

use common::Course;

#[test]
fn teacher_mastery_page_shows_levels_labels_trend_and_sources() {
    let course = Course::fixture("minimal");
    let site = course.build_ok("teacher", &["--audience", "teacher"]);
    let text = site.plain("students/sam-k/mastery/index.html");
    assert!(text.contains("3.0 Proficient"), "{text}");
    assert!(text.contains("2.0 Developing"), "{text}");
    assert!(
        text.contains("My first poster"),
        "the evidence behind MIN-1 is listed: {text}"
    );
    assert!(
        text.contains("Talked it through"),
        "the standard-only note is listed: {text}"
    );
    let html = site.text("students/sam-k/mastery/index.html");
    assert!(
        html.contains("<svg") && html.contains("role=\"img\""),
        "a trend chart with a text alternative"
    );
    assert!(
        !html.contains("<script"),
        "no JavaScript is needed to read it"
    );
    let home = site.plain("students/sam-k/index.html");
    assert!(home.contains("Mastery at a glance"), "{home}");
}

#[test]
fn progress_page_shows_choices_checkpoints_and_ranked_next_steps() {
    let course = Course::fixture("minimal");
    let site = course.build_ok("teacher", &["--audience", "teacher"]);
    let text = site.plain("students/sam-k/progress/index.html");
    assert!(text.contains("1 of 2 chosen: Make a poster"), "{text}");
    assert!(
        text.contains("Poster checkpoint") && text.contains("not assessed yet"),
        "{text}"
    );
    // Must-do items come first, in playlist order, each with its reason in words.
    let next = text
        .split("Next for you")
        .nth(1)
        .expect("a Next for you section");
    let next = next.split("items done").next().unwrap_or(next);
    let handout = next
        .find("Read the handout")
        .expect("the must-do handout is suggested");
    let checkpoint = next
        .find("Poster checkpoint")
        .expect("the must-do checkpoint is suggested");
    let video = next
        .find("A video about systems")
        .expect("the may-do video is suggested");
    assert!(handout < checkpoint && checkpoint < video, "{next}");
    assert!(next.contains("Must-do in First Steps Playlist"), "{next}");
    assert!(
        !next.contains("Make a poster"),
        "a finished choice group is not suggested again"
    );
}

#[test]
fn class_grid_is_teacher_only_and_sortable_without_javascript() {
    let course = Course::fixture("minimal");
    let teacher = course.build_ok("teacher", &["--audience", "teacher"]);
    teacher.assert_has(&[
        "class/index.html",
        "class/min-1/index.html",
        "class/min-2/index.html",
    ]);
    let grid = teacher.plain("class/index.html");
    assert!(
        grid.contains("Sam K") && grid.contains("3.0 Proficient"),
        "{grid}"
    );
    assert!(
        grid.contains("Below proficient"),
        "MIN-2 lists Sam for re-teaching: {grid}"
    );
    let unit = teacher.plain("units/first-steps/index.html");
    assert!(unit.contains("1 of 1 student proficient"), "{unit}");
    assert!(
        teacher.link_problems().is_empty(),
        "{:?}",
        teacher.link_problems()
    );

    let public = course.build_ok("public", &[]);
    public.assert_lacks(&[
        "class/index.html",
        "students/sam-k/mastery/index.html",
        "students/sam-k/progress/index.html",
    ]);
    assert!(
        !public
            .plain("students/sam-k/index.html")
            .contains("Mastery at a glance")
    );
    assert!(
        !public
            .plain("units/first-steps/index.html")
            .contains("proficient")
    );

    let student = course.build_ok("student", &["--audience", "student", "--student", "sam-k"]);
    student.assert_lacks(&["class/index.html"]);
    student.assert_has(&[
        "students/sam-k/mastery/index.html",
        "students/sam-k/progress/index.html",
    ]);
}

#[test]
fn public_mastery_appears_only_when_the_course_allows_it() {
    let course = Course::fixture("minimal");
    course.edit(
        "course.yaml",
        "base_url: /minimal/",
        "base_url: /minimal/\nprivacy:\n  show_scores_public: true",
    );
    let public = course.build_ok("public", &[]);
    public.assert_has(&["students/sam-k/mastery/index.html"]);
    public.assert_lacks(&["class/index.html"]);
    assert!(
        public
            .plain("students/sam-k/mastery/index.html")
            .contains("3.0 Proficient")
    );
}

#[test]
fn export_mastery_csv_has_one_row_per_student_and_standard() {
    let course = Course::fixture("minimal");
    let run = course.run(&["export", "mastery"]);
    run.success();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "student_id,name,sis_id,section,standard,level,label,scores,last_score,method",
            "sam-k,Sam Kim,,,MIN-1,3.0,Proficient,1,2026-09-20,decaying_average",
            "sam-k,Sam Kim,,,MIN-2,2.0,Developing,1,2026-09-25,decaying_average",
        ]
    );
    let json = course.run(&["export", "mastery", "--format", "json"]);
    json.success();
    let rows: serde_json::Value = serde_json::from_str(&json.stdout).expect("valid JSON");
    assert_eq!(rows.as_array().map(Vec::len), Some(2));
    assert_eq!(rows[1]["label"], "Developing");
}

#[test]
fn export_mastery_carries_the_rosters_sis_id_and_section() {
    let course = Course::example_course();
    let run = course.run(&["export", "mastery"]);
    run.success();
    assert!(
        run.stdout
            .lines()
            .any(|l| l.starts_with("ada-l,Ada Lindqvist,100234,P3,")),
        "{}",
        run.stdout
    );
}

/// Issue 11: a student's name that a spreadsheet would run as a formula comes back,
/// read by a real CSV reader, as the same text with a `'` in front; numbers stay numbers.
#[test]
fn export_mastery_csv_defuses_formulas_read_back_with_a_csv_reader() {
    let names = [
        "=HYPERLINK(\"http://x\",\"y\")",
        "+1+1",
        "-2+3",
        "@SUM(A1)",
        "\t=1+1",
        "\r=1+1",
    ];
    let course = Course::fixture("minimal");
    for (i, name) in names.iter().enumerate() {
        let yaml = serde_json::to_string(name).expect("a YAML-quoted name");
        course.write(
            &format!("students/s{i}/profile.md"),
            &format!("---\nname: {yaml}\npublish: true\n---\n"),
        );
    }
    let run = course.run(&["export", "mastery"]);
    run.success();
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let mut seen = Vec::new();
    for record in reader.records() {
        let record = record.expect("a well-formed CSV record");
        let (id, name, level) = (&record[0], &record[1], &record[5]);
        if let Some(i) = id.strip_prefix('s').and_then(|i| i.parse::<usize>().ok()) {
            assert_eq!(name, format!("'{}", names[i]), "{run}");
            seen.push(i);
        } else {
            assert_eq!(name, "Sam Kim");
            assert!(level.parse::<f64>().is_ok(), "{level}");
        }
    }
    seen.dedup();
    assert_eq!(seen, (0..names.len()).collect::<Vec<_>>());
}

#[test]
fn export_refuses_to_write_into_the_public_site() {
    let course = Course::fixture("minimal");
    course.run(&["build"]).success();
    let run = course.run(&["export", "mastery", "-o", "public/mastery.csv"]);
    run.failure().stderr_has("teacher data");
    assert!(!course.path("public/mastery.csv").exists());
    course
        .run(&["export", "mastery", "-o", "mastery.csv"])
        .success();
    assert!(course.read("mastery.csv").contains("MIN-2"));
}

#[test]
fn import_case_writes_standards_and_never_overwrites_without_force() {
    let course = Course::fixture("minimal");
    let package = common::manifest_dir().join("tests/fixtures/case/package.json");
    let package = package.to_str().expect("UTF-8 path");
    let before = course.read("standards.yaml");
    course
        .run(&["import", "case", package])
        .failure()
        .stderr_has("--force");
    assert_eq!(
        course.read("standards.yaml"),
        before,
        "nothing was overwritten"
    );

    course
        .run(&["import", "case", package, "--force"])
        .success()
        .stdout_has("Wrote 2 standards");
    let yaml = course.read("standards.yaml");
    let one = yaml.find("\"SYS-1\"").expect("SYS-1 imported");
    let two = yaml.find("\"SYS-2\"").expect("SYS-2 imported");
    assert!(one < two, "sequence numbers give the order: {yaml}");
    assert!(yaml.contains("group: \"Systems and Change\""), "{yaml}");
    assert!(yaml.contains(r#"the \"whole\" system"#), "{yaml}");
}

#[test]
fn import_case_reports_a_broken_package_with_its_position() {
    let course = Course::fixture("minimal");
    course.write(
        "bad.json",
        "{\n  \"CFItems\": [\n    {\"identifier\": 1,}\n  ]\n}\n",
    );
    let run = course.run(&["import", "case", "bad.json", "--force"]);
    run.failure().no_panic().stderr_has("bad.json:3:");
}

#[test]
fn progress_counts_the_required_path_and_shows_may_do_items_as_extras() {
    // The required path of First Steps: the handout, one option of "Show it", and
    // the checkpoint (the video is a may-do item).
    let course = Course::fixture("minimal");
    let site = course.build_ok("before", &["--audience", "teacher"]);
    let text = site.plain("students/sam-k/progress/index.html");
    assert!(text.contains("1 of 3 required items done (33%)"), "{text}");
    assert!(!text.contains("extra"), "{text}");
    let playlist = site.plain("playlists/first-steps/index.html");
    assert!(
        playlist.contains("about 10 minutes for the required path"),
        "{playlist}"
    );

    // Sam does everything, both options of the choice group included, and the
    // checkpoint counts once the teacher has scored it.
    course.write(
        "students/sam-k/evidence/all-the-rest.md",
        "---\ntitle: All the rest\ndate: 2026-09-25\ncompletes: [first-steps/read-handout, first-steps/extra-video, first-steps/talk, first-steps/check]\n---\nDone.\n",
    );
    let scores = course.read("assessments/sam-k.yaml");
    course.write(
        "assessments/sam-k.yaml",
        &format!("{scores}- evidence: all-the-rest\n  rubric: poster\n  date: 2026-09-26\n  scores: {{ clarity: 4 }}\n"),
    );
    let site = course.build_ok("after", &["--audience", "teacher"]);
    let text = site.plain("students/sam-k/progress/index.html");
    assert!(text.contains("Required path finished: 100%"), "{text}");
    assert!(text.contains("+2 extras"), "{text}");
    assert!(!text.contains("required items done"), "{text}");
}
