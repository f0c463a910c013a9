//! The default theme's promises (issue 15), read from the example course's pages:
//! levels in colour with words and a legend, pages that lead with what to do or
//! with the work, and a portfolio that shows featured work once.

mod common;

use common::Course;

/// Where `needle` first appears in `hay`, or a failure naming it.
fn at(hay: &str, needle: &str) -> usize {
    hay.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is missing"))
}

#[test]
fn levels_are_coloured_by_step_and_always_named_with_a_legend() {
    let course = Course::example_course();
    let site = course.build_ok("teacher", &["--audience", "teacher"]);
    let css = site.text("assets/levels.css");
    for step in 1..=4 {
        assert_eq!(
            css.matches(&format!(".lv-{step} {{")).count(),
            2,
            "a light and a dark rule for level {step}: {css}"
        );
    }
    assert!(!css.contains(".lv-5"), "one rule per level of the scale");

    let grid = site.text("class/index.html");
    assert!(grid.contains("assets/levels.css"));
    assert!(
        grid.contains("class=\"level-legend\""),
        "the grid has a legend"
    );
    // An assessed cell: colour class, number and label together.
    assert!(
        grid.contains("lv-4\"><span class=\"level-number\">4.0</span> Advanced"),
        "{grid}"
    );

    let mastery = site.text("students/ada-l/mastery/index.html");
    let glance = &mastery[at(&mastery, "At a glance")..];
    assert!(
        glance.contains("href=\"../../../students/ada-l/mastery/index.html#mastery-hs-ls1-2\""),
        "each chip links to its standard's detail: {glance}"
    );
    assert!(mastery.contains("id=\"mastery-hs-ls1-2\""));
    assert!(glance.contains("level-legend"));
    // The sparkline writes each score's value.
    assert!(mastery.contains("<text class=\"value\""), "{mastery}");
}

#[test]
fn pages_lead_with_what_to_do_and_with_the_work() {
    let course = Course::example_course();
    let site = course.build_ok("student", &["--audience", "student", "--student", "ada-l"]);

    let unit = site.plain("units/cells/index.html");
    assert!(at(&unit, "What to do now") < at(&unit, "Learning targets"));
    assert!(unit.contains("Due Fri 2 Oct"), "due dates in words: {unit}");
    assert!(
        unit.contains("Cell City Due Fri 2 Oct Complete"),
        "the student's own progress on the unit page: {unit}"
    );

    let playlist = site.plain("playlists/cell-city/index.html");
    let path = at(&playlist, "Your path");
    assert!(path < at(&playlist, "Activities"));
    assert!(at(&playlist, "Activities") < at(&playlist, "How to use this playlist"));
    assert!(
        path < at(&playlist, "Video: A tour inside the cell"),
        "the required path names its items"
    );

    let evidence = site.text("students/ada-l/evidence/cell-city-map/index.html");
    assert!(
        at(&evidence, "<img") < at(&evidence, "What this shows"),
        "the work comes before its standards"
    );
}

#[test]
fn portfolio_has_a_cover_initials_and_shows_featured_work_once() {
    let course = Course::example_course();
    // Without an `avatar:`, the initials.
    course.edit(
        "students/ada-l/profile.md",
        "avatar: cell-city-map/cell-city-map.png   # a picture from my own evidence\n",
        "",
    );
    let site = course.build_ok("public", &[]);
    let home = site.text("students/ada-l/index.html");
    assert!(home.contains("class=\"avatar\" aria-hidden=\"true\">AL</span>"));
    assert!(
        home.contains("portfolio-hero__cover"),
        "a cover from featured work"
    );
    let featured = at(&home, "Featured work");
    let more = at(&home, "More of my work");
    assert!(featured < more);
    assert_eq!(
        home.matches(">My cell as a city</a>").count(),
        1,
        "featured work is shown once"
    );
    assert!(home[more..].contains(">Punnett square practice</a>"));
    assert!(home.contains("Fri 18 Sep"), "dates in words");
    assert!(
        home.contains("evidence-card__placeholder"),
        "a card without an image keeps the shape of the others"
    );
}

#[test]
fn roster_cards_do_not_lay_out_name_and_count_side_by_side() {
    let course = Course::example_course();
    let site = course.build_ok("public", &[]);
    let css = site.text("assets/style.css");
    // The card-grid's flex rule applies only to a plain <li> wrapping a card; a roster
    // card is the <li> itself ("Ada L.4 pieces of work" was the bug).
    assert!(css.contains(".card-grid > li:not(.card) { display: flex; }"));
    assert!(css.contains(".card-grid > li.card { display: block; }"));
}

#[test]
fn the_avatar_is_an_image_of_the_students_own_work_and_goes_with_it() {
    let course = Course::example_course();
    // Ada's profile names an image of her cell map.
    let site = course.build_ok("teacher", &["--audience", "teacher"]);
    let home = site.text("students/ada-l/index.html");
    assert!(
        home.contains("class=\"avatar avatar--image\" src=\"../../students/ada-l/evidence/cell-city-map/cell-city-map.png\""),
        "{home}"
    );
    // Zoë's family gave no consent to photos: her picture is in the teacher's
    // build only; the public one shows initials and holds no copy.
    course.edit(
        "students/zoe-b/profile.md",
        "---\n",
        "---\navatar: cell-model-3d/cell-model.png\n",
    );
    let teacher = course.build_ok("teacher2", &["--audience", "teacher"]);
    assert!(
        teacher
            .text("students/zoe-b/index.html")
            .contains("avatar--image")
    );
    let public = course.build_ok("public", &[]);
    let zoe = public.text("students/zoe-b/index.html");
    assert!(
        !zoe.contains("avatar--image") && zoe.contains("class=\"avatar\""),
        "{zoe}"
    );
    assert!(!public.has("students/zoe-b/evidence/cell-model-3d/cell-model.png"));
    // A name that is not an image of their evidence: a warning, and the initials.
    course.edit(
        "students/zoe-b/profile.md",
        "avatar: cell-model-3d/cell-model.png",
        "avatar: cell-model-3d/cell-modle.png",
    );
    let run = course.build("teacher3", &["--audience", "teacher"]);
    run.success()
        .stderr_has("`cell-model-3d` has no file `cell-modle.png` for the avatar")
        .stderr_has("did you mean `cell-model.png`?");
}
