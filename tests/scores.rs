//! Scoring through a spreadsheet: `export sheet` → filled in → `import scores`, and
//! `new assessment` for one score by hand.

mod common;

use common::Course;

const ITEM: &str = "food-webs/food-web-check";

fn read_csv(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn write_csv(rows: &[Vec<String>]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        w.write_record(r).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

/// The mastery export's row of one student on one standard: (scores, last score).
fn mastery(course: &Course, student: &str, standard: &str) -> (String, String) {
    let run = course.run(&["export", "mastery"]);
    run.success();
    let rows = read_csv(&run.stdout);
    let r = rows
        .iter()
        .find(|r| r[0] == student && r[4] == standard)
        .unwrap_or_else(|| panic!("no row for {student} {standard}"));
    (r[7].clone(), r[8].clone())
}

#[test]
fn a_sheet_round_trips_and_a_second_import_changes_nothing() {
    let c = Course::example_course();
    let run = c.run(&["export", "sheet", ITEM, "--all"]);
    run.success();
    let mut rows = read_csv(&run.stdout);
    assert_eq!(
        rows[0],
        [
            "student",
            "name",
            "evidence",
            "submitted",
            "assessed",
            "energy-flow (1, 2, 3, 4)",
            "interactions (1, 2, 3, 4)",
            "limits (1, 2, 3, 4)",
            "feedback",
            "note"
        ]
    );
    // Work already scored carries its scores; a student with no work has a blank row.
    let ada = rows.iter().position(|r| r[0] == "ada-l").unwrap();
    assert_eq!(rows[ada][2], "food-web-model");
    assert_eq!(rows[ada][5..8], ["4", "3", "2"]);
    let kenji = rows.iter().position(|r| r[0] == "kenji-t").unwrap();
    assert_eq!(rows[kenji][2], "");
    assert_eq!(rows[kenji][5..8], ["", "", ""]);

    // The teacher re-assesses Ada and scores Kenji's conversation.
    let before_ada = mastery(&c, "ada-l", "HS-LS2-4");
    rows[ada][4] = "2026-11-20".into();
    rows[ada][7] = "4".into();
    rows[ada][9] = "Redid it orally.".into();
    rows[kenji][4] = "2026-11-21".into();
    rows[kenji][5..8].clone_from_slice(&["2".into(), "3".into(), "3".into()]);
    rows[kenji][8] = "You explained the arrows well.".into();
    c.write("sheet.csv", &write_csv(&rows));
    let ada_file = c.read("assessments/ada-l.yaml");
    c.run(&["import", "scores", "sheet.csv"])
        .success()
        .stdout_has("Added 4 assessments for 2 students");
    // Appended: what was there stays byte for byte.
    let ada_after = c.read("assessments/ada-l.yaml");
    assert!(ada_after.starts_with(&ada_file));
    assert!(ada_after.ends_with(
        "- evidence: food-web-model\n  rubric: food-web-model\n  date: 2026-11-20\n  scores: { energy-flow: 4, interactions: 3, limits: 4 }\n  feedback: \"Your 10% rule calculations are exactly right. In the conference you named\\nfood as a limiting factor; bring a graph or numbers to show it.\"\n  note: \"Redid it orally.\"\n"
    ), "{ada_after}");
    // The build counts the new scores.
    let after_ada = mastery(&c, "ada-l", "HS-LS2-4");
    assert_ne!(before_ada, after_ada);
    assert_eq!(after_ada.1, "2026-11-20");
    assert_eq!(mastery(&c, "kenji-t", "HS-LS2-1").1, "2026-11-21");
    c.build_ok("teacher", &["--audience", "teacher"]);

    let snapshot = c.snapshot();
    c.run(&["import", "scores", "sheet.csv"])
        .success()
        .stdout_has("Added 0 assessments")
        .stdout_has("already there");
    assert_eq!(snapshot, c.snapshot());
}

#[test]
fn every_bad_cell_is_reported_and_nothing_is_written() {
    let c = Course::example_course();
    let rows = read_csv(&c.run(&["export", "sheet", ITEM, "--all"]).stdout);
    let mut bad = rows.clone();
    for r in bad.iter_mut().skip(1) {
        match r[0].as_str() {
            "mateo-g" => {
                r[0] = "mateo".into();
                r[5..8].clone_from_slice(&["1".into(), "1".into(), "1".into()]);
            }
            "zoe-b" => {
                r[4] = "2026-13-01".into();
                r[5..8].clone_from_slice(&["5".into(), "3".into(), "".into()]);
            }
            "sipho-n" => r[2] = "food-web".into(),
            _ => {}
        }
    }
    c.write("sheet.csv", &write_csv(&bad));
    let snapshot = c.snapshot();
    let run = c.run(&["import", "scores", "sheet.csv"]);
    run.failure()
        .stderr_has("sheet.csv:5:1: there is no student `mateo`")
        .stderr_has("did you mean `mateo-g`?")
        .stderr_has("sheet.csv:8:5: `2026-13-01` has no month 13")
        .stderr_has("sheet.csv:8:6: `5` is not a level of the rubric `food-web-model`")
        .stderr_has("its levels are 1, 2, 3 and 4")
        .stderr_has("sheet.csv:8:8: `limits` has no score, and other criteria of this row do")
        .stderr_has("nothing was written");
    // Sipho's row has no scores: skipped, so his unknown evidence is no problem.
    assert!(!run.stderr.contains("food-web`"), "{}", run.stderr);
    assert_eq!(snapshot, c.snapshot());
}

#[test]
fn ungraded_lists_only_work_without_an_assessment() {
    let c = Course::example_course();
    c.write(
        "students/kenji-t/evidence/my-web.md",
        "---\ntitle: My web\ndate: 2026-11-02\ncompletes: [food-webs/food-web-check]\n---\nIt is a web.\n",
    );
    let rows = read_csv(&c.run(&["export", "sheet", ITEM, "--ungraded"]).stdout);
    let students: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(students, ["kenji-t"]);
    assert_eq!(rows[1][2..4], ["my-web", "2026-11-02"]);
    c.run(&["export", "sheet", "food-webs/food-web-chek"])
        .failure()
        .stderr_has("did you mean `food-web-check`?");
    c.run(&["export", "sheet", "food-webs/intro-video"])
        .failure()
        .stderr_has("has no rubric");
}

#[test]
fn new_assessment_scores_one_item_by_hand() {
    let c = Course::example_course();
    c.write(
        "students/kenji-t/evidence/my-web.md",
        "---\ntitle: My web\ndate: 2026-11-02\ncompletes: [food-webs/food-web-check]\n---\nIt is a web.\n",
    );
    let file = c.read("assessments/kenji-t.yaml");
    c.run(&[
        "new",
        "assessment",
        "kenji-t",
        "my-web",
        "--score",
        "energy-flow=3",
    ])
    .failure()
    .stderr_has("give a score for each criterion of the rubric `food-web-model`")
    .stderr_has("--score interactions=LEVEL --score limits=LEVEL");
    c.run(&[
        "new",
        "assessment",
        "kenji-t",
        "my-web",
        "--score",
        "energy-flow=3",
        "--score",
        "interactions=9",
        "--score",
        "limits=2",
    ])
    .failure()
    .stderr_has("`9` is not a level of the rubric `food-web-model`");
    assert_eq!(c.read("assessments/kenji-t.yaml"), file);
    c.run(&[
        "new",
        "assessment",
        "kenji-t",
        "my-web",
        "--score",
        "energy-flow=3",
        "--score",
        "interactions=4",
        "--score",
        "limits=2",
        "--date",
        "2026-11-05",
        "--feedback",
        "Label the producers.",
    ])
    .success()
    .stdout_has("Added 1 assessment for 1 student");
    assert_eq!(
        c.read("assessments/kenji-t.yaml"),
        format!(
            "{file}- evidence: my-web\n  rubric: food-web-model\n  date: 2026-11-05\n  scores: {{ energy-flow: 3, interactions: 4, limits: 2 }}\n  feedback: \"Label the producers.\"\n"
        )
    );
    c.check().success();
}
