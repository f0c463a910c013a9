//! Issue 11, items 2 and 4: a hostile or careless student's files cannot exhaust the
//! machine (an image header announcing 10 billion pixels, a 3 GB sparse file, 1 MB of
//! nested `<div>`), and a file a browser would run is published as plain text, never
//! as a page of the site's origin.

mod common;

use common::{Course, Output, tags};

const DIR: &str = "students/sam-k/evidence/hostile";

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

/// A PNG chunk with its length and CRC.
fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = (data.len() as u32).to_be_bytes().to_vec();
    let body = [&kind[..], data].concat();
    out.extend(&body);
    out.extend(crc32(&body).to_be_bytes());
    out
}

/// A tiny, well-formed PNG whose header says `width`×`height` (RGB, 8 bits): the
/// pixels it would take are never there.
fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend(height.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    // A zlib stream of a few zero bytes: the start of the first row.
    let idat = [0x78, 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01];
    [
        &b"\x89PNG\r\n\x1a\n"[..],
        &chunk(b"IHDR", &ihdr),
        &chunk(b"IDAT", &idat),
        &chunk(b"IEND", &[]),
    ]
    .concat()
}

fn hostile_course() -> Course {
    let course = Course::fixture("minimal");
    course.write(
        &format!("{DIR}/index.md"),
        "---\ntitle: Things I made\ndate: 2026-09-20\n---\nMy reflection stays.\n",
    );
    course
}

#[test]
fn an_image_over_the_pixel_limit_is_left_out_and_the_rest_kept() {
    let course = hostile_course();
    course.write_bytes(&format!("{DIR}/bomb.png"), &png_claiming(100_000, 100_000));
    course.edit(
        &format!("{DIR}/index.md"),
        "My reflection stays.",
        "My reflection stays. [Look](bomb.png).",
    );
    course.write(&format!("{DIR}/notes.txt"), "plain notes");
    let message = "the image is 100000×100000 pixels; the limit is 50 megapixels";
    for audience in ["public", "teacher"] {
        let run = course.build(audience, &["--audience", audience]);
        run.success().stderr_has(message);
        let site = Output::at(course.outside(audience));
        site.assert_lacks(&[&format!("{DIR}/bomb.png")])
            .assert_has(&[&format!("{DIR}/notes.txt")]);
        let page = site.text(&format!("{DIR}/index.html"));
        assert!(page.contains("My reflection stays."), "{page}");
        assert!(!page.contains("bomb.png"), "{page}");
        assert!(page.contains("Look"), "the link's text is kept: {page}");
        site.assert_links_ok();
    }
    let check = course.check();
    check.success();
    let d = check.diag(&format!("{DIR}/bomb.png"), None, message);
    assert!(d.hint.is_some(), "{d:?}");
}

#[test]
fn a_file_over_the_size_limit_is_withheld_and_never_read() {
    let course = hostile_course();
    // 3 GB that take no room on disk: read whole, it would take seconds and memory.
    let sparse = std::fs::File::create(course.path(&format!("{DIR}/huge.mp4"))).unwrap();
    sparse.set_len(3 << 30).unwrap();
    course.write(&format!("{DIR}/notes.txt"), "plain notes");
    let run = course.build("public", &[]);
    run.success()
        .stderr_has("huge.mp4")
        .stderr_has("3072.0 MB")
        .stderr_has("sparse file")
        .stderr_has("limits: max_file_mb")
        .stderr_has("it is not published");
    let site = Output::at(course.outside("public"));
    site.assert_lacks(&[&format!("{DIR}/huge.mp4")])
        .assert_has(&[&format!("{DIR}/notes.txt")]);
    assert!(
        site.text(&format!("{DIR}/index.html"))
            .contains("My reflection stays.")
    );
    course.check().success().stderr_has("huge.mp4");
}

#[test]
fn the_size_limit_is_set_in_limits_and_read_from_media_with_a_warning() {
    let course = hostile_course();
    course.write_bytes(&format!("{DIR}/big.pdf"), &vec![b'%'; 2 * 1024 * 1024]);
    let yaml = course.read("course.yaml");
    course.write(
        "course.yaml",
        &(yaml.clone() + "limits: { max_file_mb: 1 }\n"),
    );
    let run = course.build("a", &[]);
    run.success().stderr_has("big.pdf");
    Output::at(course.outside("a")).assert_lacks(&[&format!("{DIR}/big.pdf")]);

    course.write(
        "course.yaml",
        &(yaml.clone() + "limits: { max_file_mb: 3 }\n"),
    );
    course
        .build_ok("b", &[])
        .assert_has(&[&format!("{DIR}/big.pdf")]);

    // The old place still counts, with a warning that names the new one.
    course.write("course.yaml", &(yaml + "media: { max_file_mb: 1 }\n"));
    let run = course.build("c", &[]);
    run.success();
    let line = course.read("course.yaml").lines().count() as u32;
    let d = run.diag("course.yaml", line, "has moved to `limits: max_file_mb`");
    assert!(
        d.hint
            .is_some_and(|h| h.contains("limits: { max_file_mb: 1 }"))
    );
    Output::at(course.outside("c")).assert_lacks(&[&format!("{DIR}/big.pdf")]);
}

/// Files a browser would run, as a student might hand them in: (name, content).
const ACTIVE: [(&str, &str); 9] = [
    (
        "page.html",
        "<!doctype html><script>fetch('../../../../class/')</script>",
    ),
    (
        "x.XHTML",
        "<html xmlns=\"http://www.w3.org/1999/xhtml\"><script>alert(1)</script></html>",
    ),
    (
        "data.xml",
        "<?xml version=\"1.0\"?><x:script xmlns:x=\"http://www.w3.org/1999/xhtml\">alert(1)</x:script>",
    ),
    ("app.js", "alert(document.cookie)"),
    ("odd.htm.", "<p>trailing dot</p>"),
    (
        "archive.mhtml",
        "MIME-Version: 1.0\nContent-Type: text/html\n\n<script>alert(1)</script>",
    ),
    (
        "broken.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script><g>",
    ),
    ("README", "<!DOCTYPE html><html><script>alert(1)</script>"),
    ("notes.dat", "\n  <svg onload=alert(1)>"),
];

#[test]
fn student_files_a_browser_would_run_are_published_as_text() {
    let course = hostile_course();
    for (name, text) in ACTIVE {
        course.write(&format!("{DIR}/{name}"), text);
    }
    // A drawing that can be cleaned is still shown, without its script.
    course.write(
        &format!("{DIR}/a.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 2 2\"><script>alert(1)</script><rect width=\"2\" height=\"2\"/></svg>",
    );
    course.write(
        &format!("{DIR}/plain.txt"),
        "<html>text files stay text</html>",
    );
    for audience in ["public", "teacher"] {
        let run = course.build(audience, &["--audience", audience]);
        run.success().stderr_has("published as text");
        let site = Output::at(course.outside(audience));
        let dir_files: Vec<String> = site
            .files()
            .into_iter()
            .filter(|f| f.starts_with(DIR) && f != &format!("{DIR}/index.html"))
            .collect();
        for f in &dir_files {
            let ext = f
                .trim_end_matches(['.', ' '])
                .rsplit_once('.')
                .map_or(String::new(), |(_, e)| e.to_ascii_lowercase());
            assert!(
                !["html", "htm", "xhtml", "xml", "js", "mhtml"].contains(&ext.as_str()),
                "{f} is published under an active name"
            );
            assert!(!f.ends_with("/README"), "{f} is published as it is");
            assert!(!f.ends_with("/notes.dat"), "{f} is published as it is");
        }
        assert!(!dir_files.iter().any(|f| f.ends_with("broken.svg")));
        let page = site.text(&format!("{DIR}/index.html"));
        let links: Vec<String> = tags(&page)
            .iter()
            .filter(|t| t.name == "a")
            .filter_map(|t| t.attr("href").map(str::to_string))
            .collect();
        for (name, text) in ACTIVE {
            let copy = format!("{DIR}/{name}.txt");
            assert_eq!(site.bytes(&copy), text.as_bytes(), "{copy}");
            let href = links.iter().find(|h| {
                common::percent_decode(h).is_some_and(|h| h.ends_with(&format!("{name}.txt")))
            });
            assert!(href.is_some(), "no link to {name}.txt in {links:?}");
        }
        assert!(
            page.contains(
                "shown as text: web pages and scripts from students are not run on the site"
            ),
            "{page}"
        );
        let svg = site.text(&format!("{DIR}/a.svg"));
        assert!(!svg.contains("script"), "{svg}");
        site.assert_has(&[&format!("{DIR}/plain.txt")]);
        site.assert_links_ok();
    }
    course.check().success().stderr_has("published as text");
}

#[test]
fn a_megabyte_of_nested_divs_is_cut_to_a_bounded_depth() {
    let course = hostile_course();
    let body = "<div>".repeat(200_000) + "deep";
    course.write(
        &format!("{DIR}/index.md"),
        &format!("---\ntitle: Things I made\ndate: 2026-09-20\n---\n{body}\n"),
    );
    let site = course.build_ok("public", &[]);
    let page = site.text(&format!("{DIR}/index.html"));
    assert!(page.contains("deep"));
    let divs = page.matches("<div").count();
    assert!(divs < 200, "{divs} <div> on the page");
    assert_eq!(divs, page.matches("</div>").count(), "every div is closed");
}

#[test]
fn a_teachers_file_over_the_size_limit_is_left_out_and_its_links_kept_as_text() {
    let course = hostile_course();
    let yaml = course.read("course.yaml");
    course.write("course.yaml", &(yaml + "limits: { max_file_mb: 1 }\n"));
    course.write_bytes("resources/big.pdf", &vec![b'%'; 2 * 1024 * 1024]);
    let unit = course.read("units/01-first-steps.md");
    course.write(
        "units/01-first-steps.md",
        &(unit + "\nRead [the big handout](../resources/big.pdf).\n"),
    );
    let run = course.build("public", &[]);
    run.success()
        .stderr_has("big.pdf")
        .stderr_has("it is not published");
    let site = Output::at(course.outside("public"));
    site.assert_lacks(&["resources/big.pdf"]).assert_links_ok();
    assert!(
        site.text("units/first-steps/index.html")
            .contains("the big handout")
    );
}
