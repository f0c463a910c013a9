//! `pathfolio import roster`: a OneRoster 1.2 export or a plain CSV into roster.yaml
//! and student folders; re-imports keep the teacher's fields and never change ids.

mod common;

use common::{Course, manifest_dir};

fn oneroster() -> String {
    manifest_dir()
        .join("tests/fixtures/oneroster")
        .to_string_lossy()
        .into_owned()
}

fn course() -> Course {
    Course::from_files(&[("course.yaml", "title: Biology 9\n")])
}

const BOTH: [&str; 4] = ["--class", "cls-bio9-p3", "--class", "cls-bio9-p5"];

fn import(course: &Course, source: &str, extra: &[&str]) -> common::Run {
    let mut args = vec!["import", "roster", source];
    args.extend_from_slice(extra);
    course.run(&args)
}

#[test]
fn a_oneroster_export_becomes_a_roster_and_folders() {
    let c = course();
    let run = import(&c, &oneroster(), &BOTH);
    run.success().stdout_has("5 added");
    let roster = c.read("roster.yaml");
    // Students only (not the teacher), of the chosen classes only, without the
    // enrollment marked `tobedeleted`; sections from the class code.
    for line in [
        "- id: ada-l\n  name: \"Ada Lovelace\"\n  sis_id: \"100234\"\n  section: \"P3\"\n",
        "- id: mateo-g\n  name: \"Mateo García\"\n",
        "- id: priya-s\n  name: \"Priya Sharma\"\n  sis_id: \"100236\"\n  section: \"P5\"\n",
        // Two Adas with the same last initial: the second id is made unique, and
        // without an `identifier` the sis_id is the user's sourcedId.
        "- id: ada-l2\n  name: \"Ada Lindqvist\"\n  sis_id: \"usr-4\"\n",
        // The preferred names win over the legal ones.
        "- id: kenji-t\n  name: \"Kenji Tanaka\"\n",
    ] {
        assert!(roster.contains(line), "missing {line:?} in:\n{roster}");
    }
    for absent in ["Rivera", "Zoë", "Otto", "T-900"] {
        assert!(!roster.contains(absent), "{absent} in:\n{roster}");
    }
    let profile = c.read("students/ada-l2/profile.md");
    assert!(profile.contains("name: Ada Lindqvist"));
    assert!(profile.contains("publish: false"));
    // The roster is a course file the build reads without complaint.
    c.check().success();
}

#[test]
fn a_reimport_keeps_what_the_teacher_wrote_and_never_changes_an_id() {
    let c = course();
    import(&c, &oneroster(), &BOTH).success();
    // The teacher fills in what the school does not know, with comments.
    let mine = c.read("roster.yaml").replace(
        "  section: \"P3\"\n- id: mateo-g",
        "  section: \"P3\"\n  level: meeting   # after the September check\n  needs: [extended time]\n  notes: Strong in discussion.\n  consent: { publish: true, photos: false, voice: true, date: 2026-09-02, by: guardian }\n- id: mateo-g",
    );
    c.write("roster.yaml", &mine);
    // The school's list changes: Ada changes name and section, Mateo leaves,
    // a new student arrives with the name of an existing one.
    let school = c.outside("school");
    std::fs::create_dir_all(&school).unwrap();
    for f in ["classes.csv", "enrollments.csv", "users.csv"] {
        let text = std::fs::read_to_string(manifest_dir().join("tests/fixtures/oneroster").join(f))
            .unwrap();
        let text = match f {
            "users.csv" => {
                text.replace(",Ada,Lovelace,", ",Ada,King,")
                    + "usr-9,,,true,al,,Ada,Lee,,100250,,,,,09,,,,,,,sch-1,\n"
            }
            "enrollments.csv" => {
                text.replace("enr-2,,,cls-bio9-p3", "enr-2,,,cls-bio9-p5")
                    .replace("enr-3,,,", "enr-3,tobedeleted,2026-10-01,")
                    + "enr-9,,,cls-bio9-p3,sch-1,usr-9,student,false,2026-10-02,\n"
            }
            _ => text,
        };
        std::fs::write(school.join(f), text).unwrap();
    }
    let run = import(&c, school.to_str().unwrap(), &BOTH);
    run.success()
        .stdout_has("1 added, 2 updated")
        .stdout_has("ada-l3")
        .stdout_has("mateo-g (sis_id 100235) is not in the school's list");
    let roster = c.read("roster.yaml");
    let expected = mine
        .replace("name: \"Ada Lovelace\"", "name: \"Ada King\"")
        .replace(
            "sis_id: \"100234\"\n  section: \"P3\"",
            "sis_id: \"100234\"\n  section: \"P5\"",
        )
        + "- id: ada-l3\n  name: \"Ada Lee\"\n  sis_id: \"100250\"\n  section: \"P3\"\n";
    assert_eq!(roster, expected);
    // Mateo's entry and folder are kept.
    assert!(c.path("students/mateo-g/profile.md").is_file());
    // The same list again changes nothing.
    let before = c.snapshot();
    import(&c, school.to_str().unwrap(), &BOTH)
        .success()
        .stdout_has("is up to date");
    assert_eq!(before, c.snapshot());
}

#[test]
fn a_bad_row_is_reported_at_its_cell_and_nothing_is_written() {
    let c = course();
    c.write(
        "class.csv",
        "name,id,section,sis_id,email\nAda Lovelace,ada-l,P3,1\nGrace Hopper,Grace H!,P3,2\n,,P4,3\nAlan Turing,,P4,1\n",
    );
    let before = c.snapshot();
    let run = import(&c, "class.csv", &[]);
    run.failure()
        .stderr_has("class.csv:1:5: warning: the column `email` is not used")
        .stderr_has("class.csv:3:2: `Grace H!` cannot be a student id")
        .stderr_has("class.csv:4:1: this student has no name")
        .stderr_has("nothing was written");
    assert_eq!(before, c.snapshot());
}

#[test]
fn a_duplicate_sis_id_and_an_unknown_class_are_errors() {
    let c = course();
    c.write("class.csv", "name,sis_id\nAda Lovelace,1\nAlan Turing,1\n");
    import(&c, "class.csv", &[])
        .failure()
        .stderr_has("class.csv:3:1: sis_id `1` is listed twice");
    import(&c, &oneroster(), &["--class", "cls-bio9-p4"])
        .failure()
        .stderr_has("there is no class `cls-bio9-p4`")
        .stderr_has("did you mean `cls-bio9-p");
    assert!(!c.path("roster.yaml").exists());
}

#[test]
fn a_plain_csv_adopts_the_folders_a_course_already_has() {
    let c = course();
    c.write(
        "students/ada-l/profile.md",
        "---\nname: Ada\npublish: true\n---\nMe.\n",
    );
    c.write(
        "class.csv",
        "first_name,last_name,section\nAda,Lovelace,P3\nZoë María,Bravo,P3\n",
    );
    import(&c, "class.csv", &[]).success().stdout_has("2 added");
    let roster = c.read("roster.yaml");
    assert!(roster.contains("- id: ada-l\n  name: \"Ada Lovelace\"\n  section: \"P3\"\n"));
    assert!(roster.contains("- id: zoë-b\n"));
    // Ada's own profile is untouched; only Zoë gets a new folder.
    assert_eq!(
        c.read("students/ada-l/profile.md"),
        "---\nname: Ada\npublish: true\n---\nMe.\n"
    );
    assert!(
        c.read("students/zoë-b/profile.md")
            .contains("publish: false")
    );
}

#[test]
fn new_student_adds_a_roster_entry_when_the_course_keeps_a_roster() {
    let c = course();
    c.run(&["new", "student", "Grace Hopper"]).success();
    assert!(!c.path("roster.yaml").exists(), "no roster, none made");
    c.write(
        "roster.yaml",
        "# my class\n- id: grace-h\n  name: Grace Hopper\n",
    );
    c.run(&["new", "student", "Alan Turing"])
        .success()
        .stdout_has("roster.yaml");
    assert_eq!(
        c.read("roster.yaml"),
        "# my class\n- id: grace-h\n  name: Grace Hopper\n- id: alan-t\n  name: \"Alan Turing\"\n"
    );
    // The new student is known, unpublished (no consent yet), with no warning about the roster.
    let check = c.check();
    assert!(!check.stderr.contains("no entry"), "{}", check.stderr);
}
