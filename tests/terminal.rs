//! Issue 11, terminal hygiene: a student's file name or YAML value reaches the
//! terminal with its control characters escaped (`\e`, `\u{7}`, `\n`), so it can
//! neither erase the lines above it nor print a line that looks like pathfolio's own.

mod common;

use common::{Course, Run, run_in};

/// ESC `[2K` erases the line; BEL rings; the line feed would start a fake line.
const ERASE: &str = "\u{1b}[2K";
const BELL: &str = "\u{7}";

fn assert_clean(run: &Run) {
    for (stream, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        for byte in [0x1b_u8, 0x07] {
            assert!(
                !text.as_bytes().contains(&byte),
                "byte {byte:#04x} on {stream}:\n{run}"
            );
        }
        assert!(
            !text.lines().any(|l| l.starts_with("Built 99 pages")),
            "a fake line on {stream}:\n{run}"
        );
    }
    run.no_panic();
}

#[test]
fn control_characters_from_a_students_files_are_escaped() {
    let course = Course::fixture("minimal");
    let name = format!("ev{ERASE}il{BELL}\nBuilt 99 pages.md");
    // A YAML string may spell ESC and BEL as `\e` and `\a`.
    course.write(
        &format!("students/sam-k/evidence/{name}"),
        "---\ntitle: \"Bad \\e[2K\\a title\"\ndate: 2026-09-16\nstandards: [\"\\e[2KFAKE\\a\"]\n---\nbody\n",
    );
    // The same characters typed raw into a value.
    course.write(
        "students/sam-k/evidence/raw.md",
        &format!("---\ntitle: raw {ERASE}{BELL} title\ndate: 2026-09-16\n---\nbody\n"),
    );
    for run in [course.check(), course.build("site", &[])] {
        assert_clean(&run);
        run.stderr_has("evidence/ev\\e[2Kil\\u{7}\\nBuilt 99 pages.md:")
            .stderr_has("`\\e[2KFAKE\\u{7}`")
            .stderr_has("raw.md:2:");
    }
}

#[test]
fn control_characters_in_a_course_title_are_escaped_in_the_archive_summary() {
    let course = Course::fixture("minimal");
    course.edit(
        "course.yaml",
        "title: Minimal Course",
        "title: \"Minimal\\e[2K\\a Course\"",
    );
    let out = course.outside("archive");
    let run = run_in(
        course.tmp(),
        &[
            "archive",
            "-o",
            out.to_str().unwrap(),
            course.dir().to_str().unwrap(),
        ],
    );
    run.success().stdout_has("Minimal\\e[2K\\u{7} Course");
    assert_clean(&run);
}
