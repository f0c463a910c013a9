//! Dates that matter (issue 14 item 4): the build date (`--today`, `as_of:`,
//! `timezone:`), due / past due / on track per student and playlist, the roster's
//! extensions, "Next for you" by the units' dates, and dates in words.
//!
//! The course: unit `past` (September) with playlist `old` (due Fri 25 Sep), unit
//! `now` (October) with playlist `cur` (due Tue 20 Oct). Ada has her own date for
//! `old` (Fri 9 Oct); Ben has none; Cy finished `cur`. It is built as of Mon 5 Oct.

mod common;

use std::path::Path;
use std::time::{Duration, SystemTime};

use common::{Course, Output};

const COURSE: &str =
    "title: Dates\nbase_url: /dates/\ntimezone: America/Chicago\nas_of: 2026-10-05\n";

fn course() -> Course {
    let profile = |name: &str| format!("---\nname: {name}\n---\n");
    Course::from_files(&[
        ("course.yaml", COURSE),
        (
            "units/01-past.md",
            "---\ntitle: Past unit\nstart: 2026-09-01\nend: 2026-09-30\n---\n",
        ),
        (
            "units/02-now.md",
            "---\ntitle: Current unit\nstart: 2026-10-01\nend: 2026-10-31\n---\n",
        ),
        (
            "playlists/old.md",
            "---\ntitle: Old playlist\nunit: past\ndue: 2026-09-25\nitems:\n  - { id: old-must, title: Old must-do, kind: read }\n  - { id: old-may, title: Old may-do, kind: read, required: false }\n---\n",
        ),
        (
            "playlists/cur.md",
            "---\ntitle: Current playlist\nunit: now\ndue: 2026-10-20\nitems:\n  - { id: cur-must, title: Current must-do, kind: read }\n  - { id: cur-may, title: Current may-do, kind: read, required: false }\n---\n",
        ),
        ("students/ada/profile.md", &profile("Ada A")),
        ("students/ben/profile.md", &profile("Ben B")),
        ("students/cy/profile.md", &profile("Cy C")),
        (
            "students/cy/evidence/done.md",
            "---\ntitle: Done\ndate: 2026-10-02\ncompletes: [cur/cur-must]\n---\nDone.\n",
        ),
        (
            "roster.yaml",
            "- id: ada\n  extensions: { old: 2026-10-09 }\n  consent: { publish: true }\n- id: ben\n  consent: { publish: true }\n- id: cy\n  consent: { publish: true }\n",
        ),
    ])
}

/// The text of one playlist's section of a progress page.
fn section<'a>(page: &'a str, title: &str) -> &'a str {
    let at = page
        .rfind(title)
        .unwrap_or_else(|| panic!("no {title} in {page}"));
    let rest = &page[at..];
    let end = rest[title.len()..]
        .find(" playlist")
        .map_or(rest.len(), |e| e + title.len());
    &rest[..end]
}

/// The "Next for you" list of a student's progress page, as text.
fn next(site: &Output, id: &str) -> String {
    let html = site.text(&format!("students/{id}/progress/index.html"));
    let list = html
        .split(r#"class="next-steps""#)
        .nth(1)
        .and_then(|l| l.split("</ol>").next())
        .unwrap_or_else(|| panic!("no Next for you list in {html}"));
    common::plain_text(list)
}

fn progress(site: &Output, id: &str) -> String {
    site.plain(&format!("students/{id}/progress/index.html"))
}

#[test]
fn as_of_pins_the_build_date_and_today_overrides_it() {
    let course = course();
    let site = course.build_ok("as-of", &["--audience", "teacher"]);
    let html = site.text("students/ben/progress/index.html");
    assert!(
        html.contains(r#"As of <time datetime="2026-10-05">Mon 5 Oct</time>"#),
        "{html}"
    );
    let site = course.build_ok("today", &["--audience", "teacher", "--today", "2026-09-20"]);
    let ben = progress(&site, "ben");
    assert!(ben.contains("As of Sun 20 Sep"), "{ben}");
    assert!(
        section(&ben, "Old playlist").contains("On track"),
        "before its due date: {ben}"
    );
    course
        .build("bad", &["--today", "2026-9-20"])
        .fails_with(2)
        .stderr_has("YYYY-MM-DD");
}

#[test]
fn an_unknown_timezone_is_an_error_at_its_line() {
    let course = course();
    course.write(
        "course.yaml",
        "title: Dates\nbase_url: /dates/\ntimezone: America/Chicgo\n",
    );
    let run = course.check();
    run.failure();
    let d = run.diag("course.yaml", 3, "unknown time zone `America/Chicgo`");
    assert_eq!(
        d.hint.as_deref(),
        Some("did you mean `America/Chicago`?"),
        "{run}"
    );
    course.write(
        "course.yaml",
        "title: Dates\nbase_url: /dates/\nas_of: 2026-10-05\ntimezone: Moon/Base\n",
    );
    let run = course.check();
    let d = run.diag("course.yaml", 4, "unknown time zone `Moon/Base`");
    assert!(
        d.hint
            .as_deref()
            .is_some_and(|h| h.contains("America/Chicago")),
        "an example: {run}"
    );
    course.build("site", &[]).failure();
    course.write("course.yaml", "title: Dates\nas_of: 2026-10-35\n");
    course
        .check()
        .failure()
        .diag("course.yaml", 2, "2026-10-35");
}

#[test]
fn past_due_on_track_and_finished_in_words() {
    let course = course();
    let site = course.build_ok("site", &["--audience", "teacher"]);
    let ben = progress(&site, "ben");
    assert!(
        section(&ben, "Old playlist").contains("Past due · due Fri 25 Sep"),
        "{ben}"
    );
    assert!(
        section(&ben, "Current playlist").contains("On track · due Tue 20 Oct"),
        "{ben}"
    );
    let cy = progress(&site, "cy");
    assert!(
        section(&cy, "Current playlist").contains("Finished"),
        "{cy}"
    );
    assert!(section(&cy, "Current playlist").contains("100%"), "{cy}");
    // The ISO date stays in the markup.
    let html = site.text("students/ben/progress/index.html");
    assert!(
        html.contains(r#"<time datetime="2026-09-25">Fri 25 Sep</time>"#),
        "{html}"
    );
}

#[test]
fn an_extension_moves_that_students_due_date_and_only_theirs() {
    let course = course();
    let site = course.build_ok("site", &["--audience", "teacher"]);
    let ada = progress(&site, "ada");
    let old = section(&ada, "Old playlist");
    assert!(
        old.contains("On track · your own due date Fri 9 Oct (the class's was Fri 25 Sep)"),
        "{ada}"
    );
    let ben = progress(&site, "ben");
    assert!(section(&ben, "Old playlist").contains("Past due"), "{ben}");
    // Her own page in her own build says the same.
    let own = course.build_ok("ada", &["--audience", "student", "--student", "ada"]);
    assert!(progress(&own, "ada").contains("your own due date Fri 9 Oct"));
    // After her date, she is past due too.
    let later = course.build_ok("later", &["--audience", "teacher", "--today", "2026-10-12"]);
    let ada = progress(&later, "ada");
    assert!(
        section(&ada, "Old playlist").contains("Past due · your own due date Fri 9 Oct"),
        "{ada}"
    );
}

#[test]
fn next_for_you_skips_an_ended_units_may_do_items_and_flags_required_ones() {
    let course = course();
    let site = course.build_ok("site", &["--audience", "teacher"]);
    let n = next(&site, "ben");
    assert!(!n.contains("Old may-do"), "an ended unit's may-do: {n}");
    let (cur, old) = (
        n.find("Current must-do").expect("the current must-do"),
        n.find("Old must-do")
            .expect("the ended unit's required item"),
    );
    assert!(cur < old, "the current unit comes first: {n}");
    assert!(n.contains("Past due: it was due Fri 25 Sep"), "{n}");
    // Ada's own date is still ahead: not past due, but its unit has ended.
    let n = next(&site, "ada");
    assert!(
        n.contains("Its unit has ended; your own due date is Fri 9 Oct"),
        "{n}"
    );
    assert!(!n.contains("Past due"), "{n}");
    // Before the units' dates, the current unit's may-do is suggested and the
    // September unit is the current one.
    let early = course.build_ok("early", &["--audience", "teacher", "--today", "2026-09-10"]);
    let n = next(&early, "ben");
    assert!(n.contains("Old may-do"), "{n}");
    let (old, cur) = (
        n.find("Old must-do").unwrap(),
        n.find("Current must-do").unwrap(),
    );
    assert!(old < cur, "{n}");
}

/// Dates every file of the course an hour back (a change within seconds of a build
/// is never trusted as unchanged).
fn age(dir: &Path) {
    let past = SystemTime::now() - Duration::from_secs(3600);
    for entry in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.file_type().is_file() {
            let f = std::fs::File::options()
                .write(true)
                .open(entry.path())
                .expect("open to set its time");
            f.set_modified(past).expect("set the file's time");
        }
    }
}

#[test]
fn the_stamp_builds_again_when_only_the_date_changes() {
    const UNCHANGED: &str = "Nothing changed since the last build";
    let course = course();
    age(course.dir());
    let first = course.build("site", &["--today", "2026-10-05"]);
    assert!(!first.success().stdout.contains(UNCHANGED));
    let same = course.build("site", &["--today", "2026-10-05"]);
    assert!(same.success().stdout.contains(UNCHANGED), "{same}");
    let other = course.build("site", &["--today", "2026-10-06"]);
    assert!(!other.success().stdout.contains(UNCHANGED), "{other}");
    // Without --today, the as_of date decides: built again, then unchanged.
    assert!(
        !course
            .build("site", &[])
            .success()
            .stdout
            .contains(UNCHANGED)
    );
    assert!(
        course
            .build("site", &[])
            .success()
            .stdout
            .contains(UNCHANGED)
    );
}

#[test]
fn builds_are_identical_for_the_same_input_and_date() {
    let course = course();
    let a = course.build_ok("a", &["--audience", "teacher", "--today", "2027-01-04"]);
    let b = course.build_ok("b", &["--audience", "teacher", "--today", "2027-01-04"]);
    assert_eq!(a.snapshot(), b.snapshot());
    // Another year than the build date's: the year is said.
    let ben = progress(&a, "ben");
    assert!(ben.contains("due Fri 25 Sep 2026"), "{ben}");
    assert!(ben.contains("As of Mon 4 Jan"), "{ben}");
}

#[test]
fn the_example_course_shows_a_realistic_week() {
    let course = Course::example_course();
    let site = course.build_ok("site", &["--audience", "teacher"]);
    let ada = progress(&site, "ada-l");
    assert!(ada.contains("As of Tue 24 Nov"), "{ada}");
    assert!(
        ada.contains("Cell City Finished") && ada.contains("Required path finished: 100%"),
        "{ada}"
    );
    let mateo = progress(&site, "mateo-g");
    assert!(
        mateo.contains("Past due · your own due date Fri 13 Nov (the class's was Fri 30 Oct)"),
        "{mateo}"
    );
    let kenji = progress(&site, "kenji-t");
    assert!(kenji.contains("Past due · due Fri 30 Oct"), "{kenji}");
    let zoe = progress(&site, "zoe-b");
    assert!(zoe.contains("handed in, waiting for a score"), "{zoe}");
}
