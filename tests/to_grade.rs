//! Issue 14 items 2, 6 and 3's counts: the teacher's to-grade queue, the dashboard
//! on the teacher's students page, and who has done each playlist item. All three
//! are the teacher's alone (SPEC §4).

mod common;

use common::*;

/// The minimal course, its playlist long past due, with three students:
/// - Sam Kim (sam-k): the fixture's scored poster; nothing waits; the handout and the
///   checkpoint are left (2 past due).
/// - Lee Adams (lee-a): two unscored checkpoint attempts, notes claiming a standard,
///   the handout done (1 past due: the checkpoint is not scored).
/// - Kim Brown (kim-b): a scored checkpoint and an unscored second try, the handout
///   done (0 past due).
fn course() -> Course {
    let c = Course::fixture("minimal");
    c.edit(
        "playlists/first-steps.md",
        "due: 2026-09-30",
        "due: 2001-01-01",
    );
    let evidence = |student: &str, slug: &str, date: &str, front: &str| {
        c.write(
            &format!("students/{student}/evidence/{slug}.md"),
            &format!("---\ntitle: Work {slug}\ndate: {date}\n{front}---\nMy work.\n"),
        );
    };
    c.write(
        "students/lee-a/profile.md",
        "---\nname: Lee Adams\npublish: true\n---\nHi.\n",
    );
    evidence(
        "lee-a",
        "late-check",
        "2026-09-28",
        "completes: [first-steps/check]\nstandards: [MIN-1]\n",
    );
    evidence(
        "lee-a",
        "early-check",
        "2026-09-10",
        "completes: [first-steps/check]\n",
    );
    evidence("lee-a", "notes", "2026-09-12", "standards: [MIN-2]\n");
    evidence(
        "lee-a",
        "handout-notes",
        "2026-09-05",
        "completes: [first-steps/read-handout]\n",
    );
    c.write(
        "students/kim-b/profile.md",
        "---\nname: Kim Brown\npublish: false\n---\nHi.\n",
    );
    evidence(
        "kim-b",
        "check",
        "2026-09-11",
        "completes: [first-steps/check]\n",
    );
    evidence(
        "kim-b",
        "second",
        "2026-09-20",
        "completes: [first-steps/check]\n",
    );
    evidence(
        "kim-b",
        "handout",
        "2026-09-06",
        "completes: [first-steps/read-handout]\n",
    );
    c.write(
        "assessments/kim-b.yaml",
        "- evidence: check\n  rubric: poster\n  date: 2026-09-13\n  scores: { clarity: 2 }\n",
    );
    c
}

/// The queue's rows in page order: (student name, evidence title, date).
fn rows(html: &str) -> Vec<(String, String, String)> {
    html.split("<li><time datetime=\"")
        .skip(1)
        .map(|li| {
            let li = &li[..li.find("</li>").unwrap()];
            let links: Vec<String> = li
                .split("\">")
                .skip(2)
                .map(|s| s[..s.find("</a>").unwrap_or(0)].to_string())
                .collect();
            (links[0].clone(), links[1].clone(), li[..10].to_string())
        })
        .collect()
}

fn row(name: &str, title: &str, date: &str) -> (String, String, String) {
    (name.into(), title.into(), date.into())
}

#[test]
fn the_queue_lists_exactly_the_ungraded_work_oldest_first() {
    let c = course();
    let site = c.build_ok("teacher", &["--audience", "teacher"]);
    let html = site.text("to-grade/index.html");
    let (checkpoint, standards) = html.split_once("id=\"queue-standards\"").unwrap();
    assert_eq!(
        rows(checkpoint),
        [
            row("Lee Adams", "Work early-check", "2026-09-10"),
            row("Kim Brown", "Work second", "2026-09-20"),
            row("Lee Adams", "Work late-check", "2026-09-28"),
        ]
    );
    assert_eq!(
        rows(standards),
        [row("Lee Adams", "Work notes", "2026-09-12")]
    );
    assert!(checkpoint.contains("First Steps Playlist"));
    assert!(
        checkpoint.contains("<code>pathfolio export sheet first-steps/check --ungraded</code>")
    );
    // Each row links to the evidence page.
    assert!(html.contains("href=\"../students/lee-a/evidence/early-check/index.html\""));
    site.assert_links_ok();

    // Scoring one takes it off the queue.
    c.write(
        "assessments/kim-b.yaml",
        &(c.read("assessments/kim-b.yaml")
            + "- evidence: second\n  rubric: poster\n  date: 2026-09-22\n  scores: { clarity: 3 }\n"),
    );
    let site = c.build_ok("teacher2", &["--audience", "teacher"]);
    let html = site.text("to-grade/index.html");
    assert!(!html.contains("Work second"), "{html}");
    assert!(site.text("index.html").contains(">To grade (3)</a>"));
}

#[test]
fn the_queue_rows_are_the_rows_of_export_sheet_ungraded() {
    let c = course();
    let run = c.run(&["export", "sheet", "first-steps/check", "--ungraded"]);
    run.success();
    let mut sheet: Vec<(String, String, String)> = csv::Reader::from_reader(run.stdout.as_bytes())
        .records()
        .map(|r| {
            let r = r.unwrap();
            (
                r[1].to_string(),
                format!("Work {}", &r[2]),
                r[3].to_string(),
            )
        })
        .collect();
    let site = c.build_ok("teacher", &["--audience", "teacher"]);
    let html = site.text("to-grade/index.html");
    let (checkpoint, _) = html.split_once("id=\"queue-standards\"").unwrap();
    let queue = rows(checkpoint);
    sheet.sort_by(|a, b| (&a.2, &a.0).cmp(&(&b.2, &b.0)));
    assert_eq!(queue, sheet);
}

#[test]
fn the_navigation_counts_the_work_waiting() {
    let c = course();
    let site = c.build_ok("teacher", &["--audience", "teacher"]);
    // Four items wait (Lee's late check completes a checkpoint and claims a standard:
    // it counts once).
    for page in [
        "index.html",
        "students/index.html",
        "playlists/first-steps/index.html",
    ] {
        let html = site.text(page);
        assert!(html.contains(">To grade (4)</a>"), "{page}");
    }
    assert!(
        site.text("to-grade/index.html")
            .contains("aria-current=\"page\">To grade (4)</a>")
    );
}

/// The dashboard's rows on one page: (name, past due, to grade, cells).
fn dashboard(html: &str) -> Vec<(String, String, String, Vec<String>)> {
    let table = &html[html.find("class=\"class-grid dashboard\"").unwrap()..];
    let table = &table[table.find("<tbody>").unwrap()..table.find("</tbody>").unwrap()];
    table
        .split("<tr>")
        .skip(1)
        .map(|tr| {
            let name = tr.split("\">").nth(2).unwrap();
            let name = &name[..name.find("</a>").unwrap()];
            let cells: Vec<String> = tr
                .split("<td")
                .skip(1)
                .map(|td| plain_text(&format!("<td{}", &td[..td.find("</td>").unwrap()])))
                .collect();
            (
                name.to_string(),
                cells[0].clone(),
                cells[1].clone(),
                cells[2..].to_vec(),
            )
        })
        .collect()
}

#[test]
fn the_dashboard_shows_past_due_waiting_and_mastery_sorted_without_script() {
    let c = course();
    let site = c.build_ok("teacher", &["--audience", "teacher"]);
    let by_name = dashboard(&site.text("students/index.html"));
    let names = |rows: &[(String, String, String, Vec<String>)]| -> Vec<String> {
        rows.iter().map(|r| r.0.clone()).collect()
    };
    assert_eq!(names(&by_name), ["Kim Brown", "Lee Adams", "Sam Kim"]);
    let sam = &by_name[2];
    assert_eq!((sam.1.as_str(), sam.2.as_str()), ("2", "0"));
    // Level number and label per standard (MIN-1 from the poster, MIN-2 by hand).
    assert_eq!(sam.3, ["3.0 Proficient", "2.0 Developing"]);
    let lee = &by_name[1];
    assert_eq!((lee.1.as_str(), lee.2.as_str()), ("2", "3"));
    assert_eq!(lee.3, ["not yet", "not yet"]);
    let kim = &by_name[0];
    assert_eq!((kim.1.as_str(), kim.2.as_str()), ("1", "1"));
    assert_eq!(kim.3, ["2.0 Developing", "not yet"]);

    // Each column's heading links to the page sorted by it: plain HTML, no script.
    let html = site.text("students/index.html");
    assert!(html.contains("href=\"../class/students/past-due/index.html\""));
    assert!(!html.contains("<script>sort"));
    let sorted = |path: &str| names(&dashboard(&site.text(path)));
    assert_eq!(
        sorted("class/students/past-due/index.html"),
        // Lee and Sam both have two items past due: a tie keeps name order.
        ["Lee Adams", "Sam Kim", "Kim Brown"]
    );
    assert_eq!(
        sorted("class/students/to-grade/index.html"),
        ["Lee Adams", "Kim Brown", "Sam Kim"]
    );
    // By a standard as the class grid sorts: not yet assessed first, then the
    // lowest level.
    assert_eq!(
        sorted("class/students/std-min-1/index.html"),
        ["Lee Adams", "Kim Brown", "Sam Kim"]
    );
    assert!(
        site.text("class/students/std-min-1/index.html")
            .contains("MIN-1 (sorted)")
    );
    // The roster facts stay with the cards, in the same order.
    let cards = site.plain("class/students/past-due/index.html");
    let at = |name: &str| cards.rfind(name).unwrap();
    assert!(at("Lee Adams") < at("Sam Kim") && at("Sam Kim") < at("Kim Brown"));
    site.assert_links_ok();
}

#[test]
fn the_teachers_playlist_page_says_who_has_done_each_item() {
    let c = course();
    let site = c.build_ok("teacher", &["--audience", "teacher"]);
    let html = site.text("playlists/first-steps/index.html");
    let item = |id: &str| {
        let at = html.find(&format!("id=\"item-{id}\"")).unwrap();
        let rest = &html[at..];
        plain_text(&rest[..rest.find("</article>").unwrap()])
    };
    // Done as progress counts it: a checkpoint once it is scored.
    assert!(
        item("read-handout").contains("Done by 2 of 3 students Kim Brown Lee Adams"),
        "{}",
        item("read-handout")
    );
    assert!(item("check").contains("Done by 1 of 3 students Kim Brown"));
    assert!(item("poster").contains("Done by 1 of 3 students Sam Kim"));
    assert!(item("talk").contains("Done by 0 of 3 students Nobody yet."));
    assert!(html.contains("<details class=\"done-by\">"));
}

#[test]
fn the_queue_dashboard_and_counts_are_absent_outside_the_teacher_build() {
    let c = course();
    let public = c.build_ok("public", &[]);
    let student = c.build_ok("student", &["--audience", "student", "--student", "lee-a"]);
    for site in [&public, &student] {
        for f in site.files() {
            assert!(
                !f.starts_with("to-grade/") && !f.starts_with("class/"),
                "{f} in {}",
                site.root.display()
            );
            let Ok(text) = String::from_utf8(site.bytes(&f)) else {
                continue;
            };
            for word in [
                "To grade",
                "to-grade",
                "Done by",
                "done-by",
                "Dashboard",
                "export sheet",
            ] {
                assert!(
                    !text.contains(word),
                    "{word} in {f} of {}",
                    site.root.display()
                );
            }
        }
    }
    // The student still sees their own work, and the public site the published.
    assert!(student.has("students/lee-a/evidence/early-check/index.html"));
    assert!(public.has("students/lee-a/evidence/notes/index.html"));
    assert!(!public.has("students/kim-b/index.html"));
}
