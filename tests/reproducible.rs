//! SPEC §3 and issue 11: two builds of the same input are byte-identical, whether
//! into two folders, again with `--force`, or with the image cache cold or warm;
//! and nothing but the site goes into the site (the build's stamp lives in the
//! course's cache folder).

mod common;

use common::{Course, assert_same_files, list_files};

#[test]
fn two_builds_of_the_example_course_are_byte_identical() {
    let course = Course::example_course();
    // Cold: no made image copies yet.
    let _ = std::fs::remove_dir_all(course.path(".pathfolio-cache"));
    for audience in ["public", "teacher"] {
        let a = course.build_ok(&format!("{audience}-a"), &["--audience", audience]);
        let b = course.build_ok(&format!("{audience}-b"), &["--audience", audience]);
        let first = a.snapshot();
        assert!(
            first.keys().any(|f| f.ends_with(".png")),
            "the example course publishes images"
        );
        assert_eq!(list_files(&a.root), list_files(&b.root), "{audience}");
        assert_same_files(&first, &b.snapshot(), audience);
        // Again into the first folder, building anyway.
        course.build_ok(
            &format!("{audience}-a"),
            &["--audience", audience, "--force"],
        );
        assert_same_files(&first, &a.snapshot(), audience);
    }
}

#[test]
fn the_stamp_is_kept_in_the_cache_folder_one_per_output_folder() {
    let course = Course::fixture("minimal");
    let a = course.build_ok("a", &[]);
    let b = course.build_ok("b", &["--audience", "teacher"]);
    for site in [&a, &b] {
        let hidden: Vec<String> = site
            .files()
            .into_iter()
            // `.nojekyll` is the site's own (GitHub Pages serves it as it is).
            .filter(|f| *f != ".nojekyll" && f.split('/').any(|part| part.starts_with('.')))
            .collect();
        assert!(hidden.is_empty(), "hidden files in the site: {hidden:?}");
    }
    let cache = course.path(".pathfolio-cache");
    assert!(
        std::fs::read_to_string(cache.join("CACHEDIR.TAG"))
            .unwrap()
            .starts_with("Signature: 8a477f597d28d172789f06886806bc55")
    );
    let stamps = list_files(&cache.join("stamps-v2"));
    assert_eq!(stamps.len(), 2, "{stamps:?}");
    for stamp in stamps {
        let text = std::fs::read_to_string(cache.join("stamps-v2").join(&stamp)).unwrap();
        for name in ["sam", "first-try", "minimal", "/"] {
            assert!(!text.contains(name), "{name} in {text}");
        }
    }
}
