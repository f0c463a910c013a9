//! SPEC §6: a problem in the content is reported as `path:line:column: message` plus
//! a hint, every problem in one run, never a panic, exit status 1, and the previous
//! output stays as it was. `pathfolio check` reports the same and writes nothing.

mod common;

use common::*;

/// Builds the minimal course once (it must work), then breaks it with `files`,
/// builds again (`--strict`) into the same folder and returns that failed run. The first site must
/// be left byte for byte as it was.
fn break_and_build(files: &[(&str, &[u8])]) -> (Course, Run) {
    let course = Course::fixture("minimal");
    let site = course.build_ok("public", &[]);
    let before = site.snapshot();
    assert!(before.contains_key("index.html"));
    for (path, bytes) in files {
        course.write_bytes(path, bytes);
    }
    // Strict, so that a student's broken file fails the build as a teacher's does
    // (without it, the student's item is withheld: see tests/hostile.rs).
    let run = course.build("public", &["--strict"]);
    run.failure()
        .stderr_has("nothing was written, the previous site is unchanged");
    assert_same_files(&before, &site.snapshot(), "the previous output");
    let leftovers: Vec<String> = std::fs::read_dir(course.tmp())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "minimal" && n != "public")
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary folders left behind: {leftovers:?}"
    );
    (course, run)
}

#[test]
fn unknown_standard_in_unit_front_matter_is_reported_at_its_line_and_column() {
    let (_, run) = break_and_build(&[(
        "units/01-first-steps.md",
        b"---\ntitle: First Steps\nstandards: [MIN-1, MIN-9]\n---\nBody.\n",
    )]);
    let d = run.diag("units/01-first-steps.md", 3, "unknown standard `MIN-9`");
    assert_eq!(d.column, Some(20), "{d}");
    assert_eq!(d.hint.as_deref(), Some("did you mean `MIN-2`?"), "{d}");
}

#[test]
fn unknown_field_suggests_the_closest_known_field() {
    let (_, run) = break_and_build(&[(
        "units/01-first-steps.md",
        b"---\ntitle: First Steps\nstandard: [MIN-1]\n---\nBody.\n",
    )]);
    let d = run.diag("units/01-first-steps.md", 3, "unknown field `standard`");
    assert_eq!(d.column, Some(1));
    let hint = d.hint.clone().unwrap_or_default();
    assert!(hint.contains("did you mean `standards`?"), "{d}");
}

#[test]
fn impossible_date_is_reported_at_the_date() {
    let (_, run) = break_and_build(&[(
        "students/sam-k/evidence/first-try.md",
        b"---\ntitle: My first poster\ndate: 2026-02-30\n---\nText.\n",
    )]);
    let d = run.diag("students/sam-k/evidence/first-try.md", 3, "2026-02-30");
    assert_eq!(d.column, Some(7), "{d}");
    assert!(d.hint.unwrap_or_default().contains("YYYY-MM-DD"));
}

#[test]
fn malformed_date_is_reported_at_the_date() {
    let (_, run) = break_and_build(&[(
        "units/01-first-steps.md",
        b"---\ntitle: First Steps\nstart: 9/1/2026\n---\n",
    )]);
    let d = run.diag("units/01-first-steps.md", 3, "9/1/2026");
    assert_eq!(d.column, Some(8), "{d}");
}

#[test]
fn score_outside_the_scale_in_assessments_is_reported_at_the_score() {
    let (_, run) = break_and_build(&[(
        "assessments/sam-k.yaml",
        b"- evidence: first-try\n  rubric: poster\n  date: 2026-09-20\n  scores: { clarity: 7 }\n- standard: MIN-2\n  date: 2026-09-25\n  level: 9\n",
    )]);
    let d = run.diag(
        "assessments/sam-k.yaml",
        4,
        "the score 7 is not a level of the rubric",
    );
    assert_eq!(d.column, Some(22), "{d}");
    let d = run.diag("assessments/sam-k.yaml", 7, "the score 9 is outside");
    assert_eq!(d.column, Some(10), "{d}");
    assert_eq!(d.hint.as_deref(), Some("use a level from 1 to 4"));
}

#[test]
fn unclosed_front_matter_fence_is_reported() {
    let (_, run) = break_and_build(&[(
        "units/01-first-steps.md",
        b"---\ntitle: First Steps\nstandards: [MIN-1]\n\nThe body, but the fence was never closed.\n",
    )]);
    let d = run.diag("units/01-first-steps.md", 1, "front matter never ends");
    assert!(d.hint.unwrap_or_default().contains("---"));
}

#[test]
fn invalid_utf8_is_reported_at_the_first_bad_byte() {
    let (_, run) = break_and_build(&[(
        "students/sam-k/profile.md",
        b"---\nname: Sam Kim\npublish: true\n---\nCaf\xe9 au lait.\n",
    )]);
    let d = run.diag("students/sam-k/profile.md", 5, "not valid UTF-8");
    assert_eq!(d.column, Some(4), "{d}");
    assert!(d.hint.unwrap_or_default().contains("UTF-8"));
}

/// Problems in six files, one each, that do not hide each other.
const SEVERAL: &[(&str, &[u8])] = &[
    (
        "units/01-first-steps.md",
        b"---\ntitle: First Steps\nstandards: [MIN-1, MIN-9]\n---\nBody.\n",
    ),
    (
        "units/02-second.md",
        b"---\ntitle: Second\nstandard: [MIN-1]\n---\n",
    ),
    (
        "students/sam-k/evidence/second-try.md",
        b"---\ntitle: Second try\ndate: 2026-13-01\n---\n",
    ),
    (
        "assessments/sam-k.yaml",
        b"- evidence: first-try\n  rubric: poster\n  date: 2026-09-20\n  scores: { clarity: 7 }\n",
    ),
    ("rubrics/extra.md", b"---\ntitle: Extra\ncriteria: []\n"),
    (
        "students/sam-k/evidence/notes.md",
        b"---\ntitle: Notes\ndate: 2026-09-01\n---\nCaf\xe9 notes\n",
    ),
];

/// (path, line, part of the message) of each problem in `SEVERAL`.
const SEVERAL_EXPECTED: &[(&str, u32, &str)] = &[
    ("units/01-first-steps.md", 3, "unknown standard `MIN-9`"),
    ("units/02-second.md", 3, "unknown field `standard`"),
    ("students/sam-k/evidence/second-try.md", 3, "2026-13-01"),
    (
        "assessments/sam-k.yaml",
        4,
        "the score 7 is not a level of the rubric",
    ),
    ("rubrics/extra.md", 1, "front matter never ends"),
    ("students/sam-k/evidence/notes.md", 5, "not valid UTF-8"),
];

#[test]
fn every_problem_in_several_files_is_reported_in_one_run() {
    let (_, run) = break_and_build(SEVERAL);
    for (path, line, message) in SEVERAL_EXPECTED {
        run.diag(path, *line, message);
    }
    let diags = run.diagnostics();
    assert!(diags.len() >= SEVERAL_EXPECTED.len());
    // Sorted by file, then line.
    let keys: Vec<(String, Option<u32>, Option<u32>)> = diags
        .iter()
        .map(|d| (d.path.clone(), d.line, d.column))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "problems are not sorted by file and line");
    // Every problem has a hint, and the summary counts them.
    for d in &diags {
        assert!(d.hint.is_some(), "no hint: {d}");
    }
    run.stderr_has(&format!("{} errors", diags.len()));
    assert!(
        run.stdout.is_empty(),
        "a failed build printed: {}",
        run.stdout
    );
}

#[test]
fn check_reports_the_same_problems_and_writes_nothing() {
    let (course, build_run) = break_and_build(SEVERAL);
    let before = course.snapshot();
    let listing = list_files(course.tmp());
    let check = course.check();
    check.failure();
    assert_eq!(
        check.diagnostics(),
        build_run.diagnostics(),
        "check and build disagree"
    );
    assert_same_files(&before, &course.snapshot(), "the course folder after check");
    assert_eq!(listing, list_files(course.tmp()), "check wrote files");
}

#[test]
fn check_on_a_good_course_succeeds_and_writes_nothing() {
    let course = Course::fixture("minimal");
    let before = list_files(course.tmp());
    let run = course.check();
    run.success();
    // Notes (such as playlist items nobody has completed yet) are not problems.
    let problems: Vec<_> = run
        .diagnostics()
        .into_iter()
        .filter(|d| !d.message.starts_with("note: "))
        .collect();
    assert!(problems.is_empty(), "{run}");
    assert_eq!(before, list_files(course.tmp()));
}

#[test]
fn output_folder_that_is_the_course_folder_is_refused() {
    let course = Course::fixture("minimal");
    let before = course.snapshot();
    for out in [".", "./", "../minimal", ".."] {
        let run = course.run(&["build", "-o", out]);
        run.failure().stderr_has("output folder");
        assert!(run.diagnostics().iter().any(|d| d.hint.is_some()), "{run}");
        assert_same_files(&before, &course.snapshot(), out);
    }
}

#[test]
fn output_folder_inside_the_students_folder_is_refused() {
    let course = Course::fixture("minimal");
    let before = course.snapshot();
    for out in ["students", "students/sam-k", "students/site", "units"] {
        course
            .run(&["build", "-o", out])
            .failure()
            .stderr_has("output folder");
        assert_same_files(&before, &course.snapshot(), out);
    }
}

#[test]
fn output_folder_that_is_an_outside_students_folder_is_refused() {
    let course = Course::fixture("minimal");
    std::fs::rename(course.path("students"), course.outside("class-students")).unwrap();
    let text = course.read("course.yaml") + "students_dir: ../class-students\n";
    course.write("course.yaml", &text);
    course
        .build_ok("out", &[])
        .assert_has(&["students/sam-k/index.html"]);
    let students_before = snapshot(&course.outside("class-students"));
    for out in ["../class-students", "../class-students/sam-k"] {
        let run = course.run(&["build", "-o", out]);
        run.failure().stderr_has("output folder");
        assert_same_files(
            &students_before,
            &snapshot(&course.outside("class-students")),
            "the students' own files",
        );
    }
}

#[test]
fn unknown_student_for_a_student_build_is_a_content_problem_with_a_hint() {
    let course = Course::fixture("minimal");
    let run = course.build("out", &["--audience", "student", "--student", "sam-c"]);
    run.failure().stderr_has("there is no student `sam-c`");
    let d = &run.diagnostics()[0];
    assert_eq!(d.hint.as_deref(), Some("did you mean `sam-k`?"), "{run}");
    assert!(!course.outside("out").exists());
}

#[test]
fn mismatched_audience_arguments_are_a_usage_error() {
    let course = Course::fixture("minimal");
    course
        .build("out", &["--audience", "student"])
        .fails_with(2)
        .stderr_has("--student");
    course
        .build("out", &["--student", "sam-k"])
        .fails_with(2)
        .stderr_has("--audience student");
    assert!(!course.outside("out").exists());
}

#[test]
fn a_folder_without_course_yaml_or_profile_is_reported() {
    let course = Course::from_files(&[("notes.md", "# not a course\n")]);
    let run = course.build("out", &[]);
    run.failure().stderr_has("no course.yaml");
    assert_eq!(run.diagnostics()[0].path, "course.yaml", "{run}");
}

#[test]
fn hostile_yaml_is_refused_without_a_panic() {
    let mut bomb =
        String::from("---\ntitle: x\nextra:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        let p = i - 1;
        bomb.push_str(&format!(
            "  a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    bomb.push_str("---\n");
    let deep = format!(
        "---\ntitle: x\nextra: {}1{}\n---\n",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let (_, run) = break_and_build(&[
        ("units/03-bomb.md", bomb.as_bytes()),
        ("units/04-deep.md", deep.as_bytes()),
    ]);
    // One problem (with a hint) in each file; the words may change.
    for file in ["units/03-bomb.md", "units/04-deep.md"] {
        assert!(
            run.diagnostics()
                .iter()
                .any(|d| d.path == file && d.hint.is_some()),
            "{file}: {run}"
        );
    }
}
