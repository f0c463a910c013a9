//! How content is read and turned into pages: line ends and byte-order marks,
//! sanitizing of student HTML and Markdown (SPEC §4), students folders outside the
//! course and standalone student folders (SPEC §2), template overrides, and the
//! folder form of units and evidence with their files.

mod common;

use common::*;

/// The minimal fixture's text files, for rewriting them.
const MINIMAL_TEXT_FILES: &[&str] = &[
    "course.yaml",
    "standards.yaml",
    "units/01-first-steps.md",
    "playlists/first-steps.md",
    "rubrics/poster.md",
    "students/sam-k/profile.md",
    "students/sam-k/evidence/first-try.md",
    "assessments/sam-k.yaml",
];

#[test]
fn crlf_line_ends_and_a_byte_order_mark_are_accepted() {
    let course = Course::fixture("minimal");
    let plain = course.build_ok("lf", &["--audience", "teacher"]);
    for file in MINIMAL_TEXT_FILES {
        let text = course.read(file);
        assert!(!text.contains('\r'));
        course.write(file, &format!("\u{feff}{}", text.replace('\n', "\r\n")));
    }
    let site = course.build_ok("crlf", &["--audience", "teacher"]);
    site.assert_links_ok();
    // The same site as with LF files, byte for byte.
    assert_same_files(&plain.snapshot(), &site.snapshot(), "CRLF+BOM vs LF");
    assert!(site.plain("index.html").contains("Minimal Course"));
    let evidence = site.plain("students/sam-k/evidence/first-try/index.html");
    assert!(evidence.contains("I made a poster about a bicycle as a system."));
}

#[test]
fn problems_in_crlf_files_are_reported_at_the_editors_line() {
    let course = Course::fixture("minimal");
    course.write(
        "units/01-first-steps.md",
        "\u{feff}---\r\ntitle: First Steps\r\n\r\nstandards: [MIN-1, MIN-7]\r\n---\r\nBody.\r\n",
    );
    let run = course.build("out", &[]);
    run.failure();
    let d = run.diag("units/01-first-steps.md", 4, "unknown standard `MIN-7`");
    assert_eq!(d.column, Some(20), "{d}");
}

/// Hostile HTML and Markdown a student might write, each marked so a test can
/// tell that it is gone.
const HOSTILE: &str = r#"
<script>window.CANARY_XSS_SCRIPT = 1</script>

<img src="https://example.org/x.png" onerror="CANARY_XSS_ONERROR()">

[click me](javascript:CANARY_XSS_JS())

<a href="JaVaScRiPt:CANARY_XSS_JS2()">mixed case</a>

<a href="  javascript:CANARY_XSS_JS3()">leading spaces</a>

<iframe src="https://example.org/CANARY_XSS_IFRAME"></iframe>

<svg onload="CANARY_XSS_SVG()"><circle r="1"/></svg>

<embed src="https://example.org/CANARY_XSS_EMBED.swf">

<form action="https://example.org/CANARY_XSS_FORM"><button>go</button></form>

<p style="background:url(javascript:CANARY_XSS_STYLE)">styled</p>

<a href="data:text/html;base64,PHNjcmlwdD4=">data link</a>

<meta http-equiv="refresh" content="0;url=https://example.org/CANARY_XSS_META">

<base href="https://example.org/CANARY_XSS_BASE/">

<details open ontoggle="CANARY_XSS_TOGGLE()"><summary>more</summary>hidden</details>

<div onmouseover="CANARY_XSS_MOUSE()">hover</div>
"#;

/// What must never reach any output file (compared case-insensitively). Tags the
/// theme itself might use one day (`<form>` for search, `<meta http-equiv>` for a
/// CSP) are caught by the canaries in their attributes instead.
const FORBIDDEN: &[&str] = &[
    "javascript:",
    "data:text/html",
    "onerror",
    "onload",
    "ontoggle",
    "onmouseover",
    "canary_xss",
];

/// Markdown that must survive sanitizing.
const GOOD_MARKDOWN: &str = "
## What I learned

Bridges carry loads.[^src] See [my next steps](#next).

| Part  | Count | Cost |
|:------|:-----:|-----:|
| stick |   40  | 2.00 |

### Next steps {#next}

- [x] build
- [ ] test

[^src]: My source: the library book.
";

#[test]
fn student_html_and_markdown_are_sanitized_in_every_audience() {
    let course = Course::fixture("minimal");
    course.write(
        "students/sam-k/profile.md",
        &format!("---\nname: Sam Kim\npublish: true\n---\nHi, I'm Sam.\n{HOSTILE}"),
    );
    course.write(
        "students/sam-k/evidence/first-try.md",
        &format!(
            "---\ntitle: \"<script>alert('title')</script> My poster\"\ndate: 2026-09-15\n---\nI made a poster.\n{HOSTILE}"
        ),
    );
    course.write(
        "assessments/sam-k.yaml",
        &format!(
            "- evidence: first-try\n  rubric: poster\n  date: 2026-09-20\n  scores: {{ clarity: 3 }}\n  feedback: |\n{}\n",
            HOSTILE
                .lines()
                .map(|l| format!("    {l}"))
                .collect::<Vec<_>>()
                .join("\n")
        ),
    );
    for (out, args) in [
        ("public", vec![]),
        ("teacher", vec!["--audience", "teacher"]),
        (
            "student",
            vec!["--audience", "student", "--student", "sam-k"],
        ),
    ] {
        let site = course.build_ok(out, &args);
        site.assert_links_ok();
        let files = site.snapshot();
        for (path, bytes) in &files {
            let lower = String::from_utf8_lossy(bytes).to_lowercase();
            for bad in FORBIDDEN {
                assert!(!lower.contains(bad), "{out}: `{bad}` in {path}");
            }
            // A <script> the student wrote would carry its canary; the theme's own
            // scripts (if any) are fine.
            assert!(!lower.contains("<script>window"), "{out}: script in {path}");
        }
        let page = site.text("students/sam-k/evidence/first-try/index.html");
        assert!(
            page.contains("&lt;script&gt;"),
            "{out}: the title is not escaped"
        );
        assert!(
            site.plain("students/sam-k/index.html")
                .contains("Hi, I'm Sam.")
        );
        assert!(
            page.contains("mixed case"),
            "{out}: the link text is gone too"
        );
    }
}

#[test]
fn heading_ids_footnotes_task_lists_and_table_alignment_survive_sanitizing() {
    let course = Course::fixture("minimal");
    course.write(
        "students/sam-k/evidence/first-try.md",
        &format!("---\ntitle: My first poster\ndate: 2026-09-15\n---\n{GOOD_MARKDOWN}"),
    );
    for (out, args) in [
        ("public", vec![]),
        ("teacher", vec!["--audience", "teacher"]),
    ] {
        let site = course.build_ok(out, &args);
        site.assert_links_ok();
        let html = site.text("students/sam-k/evidence/first-try/index.html");
        let tags = tags(&html);
        // Headings may be shifted down to fit under the page's own headings, so
        // any level will do.
        let heading = |id: &str| {
            tags.iter().any(|t| {
                t.name.len() == 2
                    && t.name.starts_with('h')
                    && t.name[1..]
                        .parse::<u8>()
                        .is_ok_and(|n| (1..=6).contains(&n))
                    && t.attr("id") == Some(id)
            })
        };
        assert!(heading("what-i-learned"), "{out}: heading id\n{html}");
        assert!(heading("next"), "{out}: explicit heading id\n{html}");
        assert!(
            tags.iter()
                .any(|t| t.name == "a" && t.attr("href") == Some("#next")),
            "{out}: link to a heading"
        );
        let ids = ids(&html);
        let footnote_link = tags
            .iter()
            .filter(|t| t.name == "a")
            .filter_map(|t| t.attr("href"))
            .find(|h| h.starts_with('#') && *h != "#next" && *h != "#main")
            .unwrap_or_else(|| panic!("{out}: no footnote reference\n{html}"));
        assert!(
            ids.contains(&footnote_link[1..]),
            "{out}: footnote {footnote_link} has no target"
        );
        assert!(
            html.contains("footnote-definition"),
            "{out}: footnote definition"
        );
        assert!(
            site.plain("students/sam-k/evidence/first-try/index.html")
                .contains("My source: the library book.")
        );
        let styles: Vec<String> = tags
            .iter()
            .filter(|t| t.name == "th" || t.name == "td")
            .filter_map(|t| t.attr("style"))
            .map(|s| s.replace(' ', ""))
            .collect();
        for align in ["text-align:left", "text-align:center", "text-align:right"] {
            assert!(
                styles.iter().any(|s| s.contains(align)),
                "{out}: no {align} in {styles:?}"
            );
        }
        let checkboxes: Vec<_> = tags
            .iter()
            .filter(|t| t.name == "input" && t.attr("type") == Some("checkbox"))
            .collect();
        assert_eq!(checkboxes.len(), 2, "{out}: task list");
        assert!(checkboxes[0].attr("checked").is_some());
        assert!(checkboxes.iter().all(|c| c.attr("disabled").is_some()));
    }
}

#[test]
fn students_folder_outside_the_course_folder_works() {
    let course = Course::fixture("minimal");
    std::fs::create_dir_all(course.outside("shared")).unwrap();
    std::fs::rename(
        course.path("students"),
        course.outside("shared/class-of-2027"),
    )
    .unwrap();
    let text = course.read("course.yaml") + "students_dir: ../shared/class-of-2027\n";
    course.write("course.yaml", &text);
    let site = course.build_ok("public", &[]);
    site.assert_links_ok().assert_has(&[
        "students/index.html",
        "students/sam-k/index.html",
        "students/sam-k/evidence/first-try/index.html",
    ]);
    assert!(
        site.plain("students/sam-k/index.html")
            .contains("Hi, I'm Sam.")
    );
    // A students_dir that does not exist is a problem in course.yaml.
    course.edit("course.yaml", "class-of-2027", "class-of-2028");
    let run = course.build("public", &[]);
    run.failure();
    let line = course
        .read("course.yaml")
        .lines()
        .position(|l| l.starts_with("students_dir"))
        .unwrap() as u32
        + 1;
    run.diag("course.yaml", line, "does not exist");
}

/// A student's own repository: profile.md and evidence/, no course.yaml. The folder
/// name is the student's id.
fn standalone() -> Course {
    let course = Course::empty_named("zoë");
    course.files(&[
        (
            "profile.md",
            "---\nname: Zoë Brontë\npublish: true\ninterests: [birds]\ngoals: [I want to finish early.]\n---\nI keep a bird list.\n",
        ),
        (
            "evidence/01-first-list.md",
            "---\ntitle: My first bird list\ndate: 2026-09-01\nstandards: [LS-1]\nfeatured: true\n---\nForty species so far.\n",
        ),
        (
            "evidence/carte/index.md",
            "---\ntitle: Carte du préau\ndate: 2026-09-02\n---\nA map of the nests.\n",
        ),
        ("evidence/carte/carte du préau.txt", "nests: 7\n"),
    ]);
    course
}

#[test]
fn a_students_standalone_folder_builds_into_a_portfolio_site() {
    let course = standalone();
    let site = course.build_ok("site", &[]);
    site.assert_links_ok().assert_has(&[
        "index.html",
        "students/zoë/evidence/first-list/index.html",
        "students/zoë/evidence/carte/index.html",
        "students/zoë/evidence/carte/carte du préau.txt",
    ]);
    let home = site.plain("index.html");
    for text in [
        "I keep a bird list.",
        "My first bird list",
        "Carte du préau",
        "birds",
    ] {
        assert!(
            home.contains(text),
            "{text} not on the portfolio home: {home}"
        );
    }
    assert_eq!(
        site.bytes("students/zoë/evidence/carte/carte du préau.txt"),
        b"nests: 7\n"
    );
    // Without standards.yaml, a standard is shown by its code.
    let page = site.plain("students/zoë/evidence/first-list/index.html");
    assert!(page.contains("LS-1"), "{page}");
    // With one beside profile.md, by its "I can" statement.
    course.write(
        "standards.yaml",
        "- code: LS-1\n  statement: Identify organisms.\n  student: I can tell birds apart by their songs.\n",
    );
    let site = course.build_ok("site-with-standards", &[]);
    site.assert_links_ok();
    let page = site.plain("students/zoë/evidence/first-list/index.html");
    assert!(
        page.contains("I can tell birds apart by their songs."),
        "{page}"
    );
}

#[test]
fn a_standalone_folder_builds_with_default_arguments_in_place() {
    let course = standalone();
    // `pathfolio build` in the folder itself: the id is still the folder's name,
    // and the site goes to public/ inside it.
    course.run(&["build"]).success();
    let site = Output::at(course.path("public"));
    site.assert_links_ok()
        .assert_has(&["index.html", "students/zoë/evidence/first-list/index.html"]);
    // Building again (with the old site in the folder) gives the same site.
    let first = site.snapshot();
    course.run(&["build"]).success();
    assert_same_files(&first, &site.snapshot(), "a second build in place");
    course
        .run(&[
            "build",
            "--audience",
            "student",
            "--student",
            "zoë",
            "-o",
            "../mine",
        ])
        .success();
    Output::at(course.outside("mine")).assert_links_ok();
}

#[test]
fn course_template_override_is_used() {
    let course = Course::fixture("minimal");
    course.write(
        "templates/unit.html",
        "{% extends \"base.html\" %}\n{% block content %}<h1 class=\"custom\">CUSTOM_UNIT_TEMPLATE {{ unit.title }}</h1>\n{{ unit.body_html | safe }}{% endblock content %}\n",
    );
    course.write(
        "templates/partials/footer.html",
        "<footer class=\"site-footer\"><p>CUSTOM_FOOTER {{ site.title }}</p></footer>\n",
    );
    let site = course.build_ok("public", &[]);
    site.assert_links_ok();
    let unit = site.plain("units/first-steps/index.html");
    assert!(unit.contains("CUSTOM_UNIT_TEMPLATE First Steps"), "{unit}");
    assert!(unit.contains("A first unit with a handout"), "{unit}");
    let home = site.text("index.html");
    assert!(!home.contains("CUSTOM_UNIT_TEMPLATE"));
    for page in site.files().iter().filter(|f| f.ends_with(".html")) {
        assert!(
            site.text(page).contains("CUSTOM_FOOTER Minimal Course"),
            "{page} lacks the overridden footer"
        );
    }
    // A broken override is a problem reported at the template, not a panic.
    course.write(
        "templates/unit.html",
        "{% extends \"base.html\" %}\n{% block content %}{{ unit.title \n",
    );
    let run = course.build("public", &[]);
    run.failure();
    assert!(
        run.diagnostics()
            .iter()
            .any(|d| d.path.ends_with("templates/unit.html")),
        "{run}"
    );
}

#[test]
fn folder_form_units_and_evidence_copy_their_files() {
    let course = Course::fixture("minimal");
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"></svg>\n";
    // A real 1×1 PNG without metadata: cleaning it (see tests/media.rs) keeps every byte.
    let png: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x01\0\0\0\x01\x08\0\0\0\0\x3a\x7e\x9b\x55\0\0\0\x0aIDAT\x78\x9c\x63\x68\0\0\0\x82\0\x81\x77\xcd\x72\xb6\0\0\0\0IEND\xae\x42\x60\x82";
    course.files(&[
        (
            "units/02-lab/index.md",
            "---\ntitle: Lab Unit\nstandards: [MIN-2]\n---\n![A lab diagram](diagram.svg)\n\n[The data](data/counts.csv)\n",
        ),
        ("units/02-lab/diagram.svg", svg),
        ("units/02-lab/data/counts.csv", "species,count\nant,47\n"),
        (
            "students/sam-k/evidence/lab-report/index.md",
            "---\ntitle: Lab report\ndate: 2026-09-18\n---\nMy report and my data.\n",
        ),
        ("students/sam-k/evidence/lab-report/report.txt", "Report.\n"),
        ("students/sam-k/evidence/lab-report/mes données.csv", "a,b\n1,2\n"),
        (
            "students/sam-k/evidence/chosen/index.md",
            "---\ntitle: Chosen files\ndate: 2026-09-19\nfiles:\n  - photo.png\n  - { file: notes.txt, caption: My notes }\n---\nOnly two files.\n",
        ),
        ("students/sam-k/evidence/chosen/notes.txt", "Notes.\n"),
        ("students/sam-k/evidence/chosen/draft-not-listed.txt", "DRAFT_NOT_LISTED\n"),
    ]);
    course.write_bytes("students/sam-k/evidence/chosen/photo.png", png);
    let site = course.build_ok("public", &[]);
    site.assert_links_ok();
    let copies: &[(&str, &str)] = &[
        ("units/lab/diagram.svg", "units/02-lab/diagram.svg"),
        ("units/lab/data/counts.csv", "units/02-lab/data/counts.csv"),
        (
            "students/sam-k/evidence/lab-report/report.txt",
            "students/sam-k/evidence/lab-report/report.txt",
        ),
        (
            "students/sam-k/evidence/lab-report/mes données.csv",
            "students/sam-k/evidence/lab-report/mes données.csv",
        ),
        (
            "students/sam-k/evidence/chosen/photo.png",
            "students/sam-k/evidence/chosen/photo.png",
        ),
        (
            "students/sam-k/evidence/chosen/notes.txt",
            "students/sam-k/evidence/chosen/notes.txt",
        ),
    ];
    for (out, src) in copies {
        assert!(
            site.has(out),
            "{out} was not copied; the site has {:#?}",
            site.files()
        );
        assert_eq!(
            site.bytes(out),
            std::fs::read(course.path(src)).unwrap(),
            "{out}"
        );
    }
    // The folder's index.md is not copied, and with `files:` only those are published.
    site.assert_lacks(&[
        "units/lab/index.md",
        "students/sam-k/evidence/lab-report/index.md",
        "students/sam-k/evidence/chosen/draft-not-listed.txt",
    ]);
    assert!(find_in_site(&site.snapshot(), "DRAFT_NOT_LISTED").is_empty());
    // The pages link their files (the link checker has checked that they resolve).
    let unit = tags(&site.text("units/lab/index.html"));
    assert!(unit.iter().any(|t| t.name == "img"
        && t.attr("src") == Some("diagram.svg")
        && t.attr("alt") == Some("A lab diagram")));
    let report = site.text("students/sam-k/evidence/lab-report/index.html");
    assert!(report.contains("mes%20donn%C3%A9es.csv"), "{report}");
    let chosen = site.plain("students/sam-k/evidence/chosen/index.html");
    assert!(chosen.contains("My notes"), "{chosen}");
}

#[test]
fn resources_and_static_files_are_copied() {
    let course = Course::fixture("minimal");
    course.write("static/CNAME", "course.example.org\n");
    course.write(
        "static/img/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
    );
    let site = course.build_ok("public", &[]);
    site.assert_links_ok();
    assert_eq!(
        site.bytes("resources/handout.txt"),
        b"Handout for the first unit.\n"
    );
    assert_eq!(site.bytes("CNAME"), b"course.example.org\n");
    assert!(site.has("img/logo.svg"));
    // The playlist item's `file:` links the copied resource.
    let playlist = tags(&site.text("playlists/first-steps/index.html"));
    assert!(
        playlist
            .iter()
            .any(|t| t.attr("href") == Some("../../resources/handout.txt"))
    );
}

#[test]
fn non_ascii_ids_and_file_names_are_percent_encoded_in_links() {
    let course = Course::fixture("canary");
    let site = course.build_ok("public", &[]);
    site.assert_links_ok().assert_has(&[
        "students/zoë-b/index.html",
        "students/zoë-b/evidence/carte-du-preau/carte du préau.txt",
    ]);
    let roster = site.text("students/index.html");
    assert!(
        roster.contains("href=\"zo%C3%AB-b/index.html\"")
            || roster.contains("zo%C3%AB-b/index.html"),
        "{roster}"
    );
    let page = site.text("students/zoë-b/evidence/carte-du-preau/index.html");
    assert!(page.contains("carte%20du%20pr%C3%A9au.txt"), "{page}");
    let names = site.plain("students/index.html");
    for name in ["Zoë B.", "Дмитрий И.", "Ada L."] {
        assert!(names.contains(name), "{name}");
    }
}
