//! A build with nothing changed since the last build into the same folder does no
//! work and leaves the site as it is (the stamp in `pipeline::stamp`, kept in the
//! course's `.pathfolio-cache/`); any change to the course, the options or the site
//! itself builds again.

mod common;

use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::time::{Duration, SystemTime};

use common::Course;

const UNCHANGED: &str = "Nothing changed since the last build";

/// Dates every file of the course an hour back, as files are when a teacher builds
/// again later (a change within seconds of a build is never trusted as unchanged).
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

/// Builds into `<tmp>/site`; whether it built (rather than finding nothing to do).
fn built(course: &Course, extra: &[&str]) -> bool {
    let run = course.build("site", extra);
    run.success();
    !run.stdout.contains(UNCHANGED)
}

fn ino(p: &Path) -> u64 {
    std::fs::metadata(p).expect("the page").ino()
}

#[test]
fn an_unchanged_course_is_not_built_again() {
    let course = Course::fixture("minimal");
    age(course.dir());
    let site = course.build_ok("site", &[]);
    let page = site.root.join("index.html");
    let first = ino(&page);
    assert!(!built(&course, &[]));
    assert_eq!(ino(&page), first, "the page was not written again");
    assert!(built(&course, &["--force"]), "--force builds anyway");
}

#[test]
fn a_changed_file_option_or_site_builds_again() {
    let course = Course::fixture("minimal");
    age(course.dir());
    course.build_ok("site", &[]);
    assert!(!built(&course, &[]));

    // Another audience or base_url into the same folder.
    assert!(built(&course, &["--audience", "teacher"]));
    let opts = [
        "--audience",
        "teacher",
        "--base-url",
        "https://example.org/x/",
    ];
    assert!(built(&course, &opts));
    assert!(!built(&course, &opts));

    // A file of the site removed by hand comes back.
    let site = course.outside("site");
    std::fs::remove_file(site.join("index.html")).expect("remove a page");
    assert!(built(&course, &opts));
    assert!(site.join("index.html").is_file());

    // A student's edit, even one that keeps the file's size.
    let rel = "students/sam-k/evidence/first-try.md";
    let text = course.read(rel);
    course.write(rel, &text.replace("bicycle", "tricycl"));
    assert!(built(&course, &opts));
    let page = std::fs::read_to_string(site.join("students/sam-k/evidence/first-try/index.html"))
        .expect("the evidence page");
    assert!(page.contains("tricycl"));
}

#[test]
fn a_fresh_edit_is_never_taken_for_no_change() {
    // Files written a moment ago (here: the fixture itself) may share a time with
    // an edit the build did not see, so the build runs every time.
    let course = Course::fixture("minimal");
    course.build_ok("site", &[]);
    assert!(built(&course, &[]));
}

/// The stamp is never in the site (the site must be byte-identical from build to
/// build), and each output folder has its own: building into one does not make the
/// other build again.
#[test]
fn two_output_folders_each_keep_their_own_stamp_outside_the_site() {
    let course = Course::fixture("minimal");
    age(course.dir());
    let site = course.build_ok("site", &[]);
    let other = course.build_ok("other", &[]);
    assert!(!site.has(".pathfolio-stamp") && !other.has(".pathfolio-stamp"));
    assert!(!built(&course, &[]));
    let run = course.build("other", &[]);
    run.success().stdout_has(UNCHANGED);
    // Removing the cache folder only costs a build.
    std::fs::remove_dir_all(course.path(".pathfolio-cache")).expect("remove the cache");
    assert!(built(&course, &[]));
    assert!(!built(&course, &[]));
}
