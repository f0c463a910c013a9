//! A student's own portfolio folder (profile.md + evidence/, no course.yaml) with a
//! `portfolio.yaml` that names the courses the student took: the site is complete on
//! its own (home, evidence, standards by course, search, print), and portfolio.yaml
//! is as strict as every other file.

mod common;

use common::*;

/// `<tmp>/bio9` (a course folder), `<tmp>/chem/standards.yaml`, and the student's own
/// folder `<tmp>/ada` with portfolio.yaml naming both.
fn student_with_courses() -> Course {
    let ada = Course::empty_named("ada");
    let write = |rel: &str, text: &str| {
        let p = ada.outside(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write(
        "bio9/course.yaml",
        "title: Biology 9\nbase_url: https://teacher.example/bio9/\n",
    );
    write(
        "bio9/standards.yaml",
        "- code: LS2-1\n  statement: Use representations of carrying capacity.\n  student: I can explain what limits a population.\n  group: Ecosystems\n",
    );
    write(
        "chem/standards.yaml",
        "- code: PS1-5\n  statement: Explain reaction rates.\n  student: I can explain why reactions speed up when it is warmer.\n",
    );
    ada.files(&[
        (
            "profile.md",
            "---\nname: Ada Lovelace\npublish: true\n---\nI like engines.\n",
        ),
        (
            "portfolio.yaml",
            "title: Ada's learning portfolio\nbase_url: https://ada.github.io/portfolio/\ncourses:\n  - path: ../bio9\n  - standards: ../chem/standards.yaml\n    title: Chemistry\n    extra: { year: 2027 }\nextra:\n  motto: Keep going\n",
        ),
        (
            "evidence/wolves.md",
            "---\ntitle: Wolves and deer\ndate: 2026-10-01\nstandards: [LS2-1]\n---\nThe deer ran out of food.\n",
        ),
        (
            "evidence/fizz.md",
            "---\ntitle: Fizzing tablets\ndate: 2027-02-01\nstandards: [PS1-5]\n---\nWarm water fizzed faster.\n",
        ),
    ]);
    ada
}

#[test]
fn a_portfolio_shows_each_courses_standards_and_is_a_complete_site() {
    let ada = student_with_courses();
    let run = ada.build("site", &[]);
    run.success();
    assert!(run.diagnostics().is_empty(), "{run}");
    let site = Output::at(ada.outside("site"));
    site.assert_links_ok().assert_has(&[
        "index.html",
        "standards/index.html",
        "students/ada/evidence/wolves/index.html",
        "students/ada/evidence/fizz/index.html",
        "students/ada/print/index.html",
        "search/index.html",
        "search/search-index.js",
        "robots.txt",
        ".nojekyll",
    ]);
    // Each piece of work shows its own course's "I can" statement, linked to it.
    let fizz = site.text("students/ada/evidence/fizz/index.html");
    assert!(plain_text(&fizz).contains("I can explain why reactions speed up when it is warmer."));
    assert!(
        fizz.contains("href=\"../../../../standards/index.html#std-ps1-5\""),
        "{fizz}"
    );
    let wolves = site.plain("students/ada/evidence/wolves/index.html");
    assert!(
        wolves.contains("I can explain what limits a population."),
        "{wolves}"
    );
    // The standards page groups them by course (course.yaml's title, or the entry's).
    let standards = site.plain("standards/index.html");
    let bio = standards.find("Biology 9 · Ecosystems").expect(&standards);
    let chem = standards.find("Chemistry").expect(&standards);
    assert!(bio < chem, "in the order of portfolio.yaml: {standards}");
    assert!(
        standards.contains("Fizzing tablets"),
        "the work on each standard: {standards}"
    );
    // portfolio.yaml's title, and its base_url for the sitemap (only the standards
    // page: student pages are noindex unless the portfolio allows indexing).
    let title = decode_entities(&site.text("index.html"));
    assert!(
        title.contains("Ada's learning portfolio</title>"),
        "{title}"
    );
    let sitemap = site.text("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://ada.github.io/portfolio/standards/index.html</loc>"),
        "{sitemap}"
    );
    assert!(!sitemap.contains("students/"), "{sitemap}");
    // Search finds the work of both courses.
    let index = site.text("search/search-index.js");
    assert!(
        index.contains("Warm water fizzed faster.") && index.contains("The deer ran out of food.")
    );
    // The public site names the student as privacy.names says (default: "Ada L.").
    assert!(!site.plain("index.html").contains("Lovelace"));
}

#[test]
fn a_portfolio_may_allow_indexing_and_full_names() {
    let ada = student_with_courses();
    ada.edit(
        "portfolio.yaml",
        "extra:\n  motto",
        "privacy:\n  names: full\n  index_student_pages: true\nextra:\n  motto",
    );
    let site = ada.build_ok("site", &[]);
    assert!(site.plain("index.html").contains("Ada Lovelace"));
    let sitemap = site.text("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://ada.github.io/portfolio/index.html</loc>"),
        "{sitemap}"
    );
    assert!(
        !site
            .text("robots.txt")
            .contains("Disallow: /portfolio/students/")
    );
}

#[test]
fn portfolio_yaml_problems_are_reported_where_they_are_written() {
    let ada = student_with_courses();
    ada.write(
        "portfolio.yaml",
        "title: Mine\ncourses:\n  - path: ../bio9\n    titel: Bio\n",
    );
    let run = ada.build("site", &[]);
    run.failure();
    let d = run.diag("portfolio.yaml", 4, "unknown field `titel`");
    assert_eq!(d.column, Some(5));
    assert!(d.hint.unwrap().contains("did you mean `title`?"));

    ada.write(
        "portfolio.yaml",
        "courses:\n  - title: Nothing\n  - path: ../nowhere\n  - standards: ../chem/missing.yaml\n  - path: ../bio9\n    standards: ../chem/standards.yaml\n",
    );
    let run = ada.build("site", &[]);
    run.failure();
    run.diag("portfolio.yaml", 2, "either `path:` or `standards:`");
    let d = run.diag(
        "portfolio.yaml",
        3,
        "there is no course folder at `../nowhere`",
    );
    assert_eq!(d.column, Some(11));
    run.diag(
        "portfolio.yaml",
        4,
        "no standards file at `../chem/missing.yaml`",
    );
    run.diag("portfolio.yaml", 5, "either `path:` or `standards:`");
    // The previous site is not replaced by a failed build.
    assert!(!ada.outside("site").exists());
}

#[test]
fn a_broken_course_standards_file_is_reported_in_that_file() {
    let ada = student_with_courses();
    std::fs::write(
        ada.outside("chem/standards.yaml"),
        "- code: PS1-5\n  statment: typo\n",
    )
    .unwrap();
    let run = ada.build("site", &[]);
    run.failure();
    let d = run.diag("../chem/standards.yaml", 2, "unknown field `statment`");
    assert!(d.hint.unwrap().contains("statement"));
}

#[test]
fn evidence_standards_are_checked_against_the_courses_standards() {
    let ada = student_with_courses();
    ada.edit(
        "evidence/fizz.md",
        "standards: [PS1-5]",
        "standards: [PS1-6]",
    );
    let run = ada.build("site", &[]);
    run.failure();
    let d = run.diag("evidence/fizz.md", 4, "unknown standard `PS1-6`");
    assert!(d.hint.unwrap().contains("PS1-5"), "{run}");
}

#[test]
fn a_code_in_two_courses_keeps_its_first_meaning_with_a_warning() {
    let ada = student_with_courses();
    std::fs::write(
        ada.outside("chem/standards.yaml"),
        "- code: PS1-5\n  statement: Explain reaction rates.\n- code: LS2-1\n  statement: Something else.\n",
    )
    .unwrap();
    let run = ada.build("site", &[]);
    run.success();
    let d = run.diag(
        "../chem/standards.yaml",
        3,
        "`LS2-1` is also in “Biology 9 · Ecosystems”",
    );
    assert_eq!(d.column, Some(9));
    let site = Output::at(ada.outside("site"));
    assert!(
        site.plain("students/ada/evidence/wolves/index.html")
            .contains("I can explain what limits a population.")
    );
}

#[test]
fn an_unpublished_portfolio_says_why_its_public_site_is_empty() {
    let ada = student_with_courses();
    ada.edit("profile.md", "publish: true\n", "");
    let run = ada.build("site", &[]);
    run.success();
    let d = run.diag("profile.md", 2, "this portfolio is not published");
    assert!(d.hint.unwrap().contains("publish: true"));
    // Its own private preview is complete.
    let site = ada.build_ok("preview", &["--audience", "student", "--student", "ada"]);
    site.assert_links_ok().assert_has(&[
        "index.html",
        "students/ada/print/index.html",
        "search/index.html",
    ]);
    assert!(site.text("robots.txt").contains("Disallow: /"));
}

#[test]
fn without_portfolio_yaml_the_title_names_the_student_as_the_public_may_see_them() {
    let ada = student_with_courses();
    ada.remove("portfolio.yaml");
    let site = ada.build_ok("site", &[]);
    let html = site.text("index.html");
    assert!(html.contains("Ada L.’s portfolio"), "{html}");
    assert!(!html.contains("Lovelace"));
    // No standards without portfolio.yaml or a standards.yaml: no standards page.
    site.assert_lacks(&["standards/index.html", "sitemap.xml"]);
}
