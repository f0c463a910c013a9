//! The printable portfolio (`students/<id>/print/index.html`): every piece of work
//! the audience may see on one page, each starting on a new printed page, linked
//! from the portfolio home; printed to PDF with headless Chromium when it is there.

mod browser;
mod common;

use common::*;

/// The `minimal` course with three more short pieces of work for sam-k, one of them
/// kept out of the public site.
fn course() -> Course {
    let course = Course::fixture("minimal");
    course.files(&[
        (
            "students/sam-k/evidence/second.md",
            "---\ntitle: Second piece PRINT_SECOND\ndate: 2026-09-20\nstandards: [MIN-2]\nlinks:\n  - { title: My slides, url: \"https://example.org/slides\" }\n---\nA short reflection.\n",
        ),
        (
            "students/sam-k/evidence/third.md",
            "---\ntitle: Third piece PRINT_THIRD\ndate: 2026-09-25\n---\nAnother short reflection.\n",
        ),
        (
            "students/sam-k/evidence/private.md",
            "---\ntitle: Private piece PRINT_PRIVATE\ndate: 2026-09-26\npublic: false\n---\nNot for the web.\n",
        ),
    ]);
    course
}

const PAGE: &str = "students/sam-k/print/index.html";

#[test]
fn the_print_page_has_all_visible_work_in_date_order_and_is_linked_from_the_portfolio() {
    let course = course();
    let site = course.build_ok("public", &[]);
    site.assert_links_ok();
    let home = site.text("students/sam-k/index.html");
    assert!(
        tags(&home)
            .iter()
            .any(|t| t.name == "a"
                && t.attr("href") == Some("../../students/sam-k/print/index.html")),
        "the portfolio home does not link to the print page"
    );
    let html = site.text(PAGE);
    let text = plain_text(&html);
    let first = text.find("My first poster").expect("first piece");
    let second = text
        .find("Second piece PRINT_SECOND")
        .expect("second piece");
    let third = text.find("Third piece PRINT_THIRD").expect("third piece");
    assert!(first < second && second < third, "oldest first: {text}");
    assert!(
        !html.contains("PRINT_PRIVATE"),
        "public: false work in the public print page"
    );
    // Standards by their "I can" statements, and links written out as text.
    assert!(
        text.contains("MIN-2 — I can explain what changed and why."),
        "{text}"
    );
    assert!(
        text.contains("My slides: https://example.org/slides"),
        "{text}"
    );
    let items = tags(&html)
        .iter()
        .filter(|t| t.name == "article" && t.attr("class") == Some("print-item"))
        .count();
    assert_eq!(items, 3);
    // On paper: a new page per item, no header, menu or footer.
    let css = site.text("assets/print.css");
    assert!(css.contains("break-before: page"), "{css}");
    assert!(css.contains(".site-header, .site-footer"), "{css}");

    let teacher = course.build_ok("teacher", &["--audience", "teacher"]);
    assert!(
        teacher.text(PAGE).contains("PRINT_PRIVATE"),
        "the teacher sees all work"
    );
}

/// Printed from disk with Chromium, as a student would "Save as PDF": a cover page,
/// then one page per (short) piece of work.
#[test]
fn the_print_page_prints_one_page_per_piece_of_work() {
    let Some(chromium) = browser::chromium("the_print_page_prints_one_page_per_piece_of_work")
    else {
        return;
    };
    let course = course();
    let site = course.build_ok("public", &[]);
    let pdf = course.outside("portfolio.pdf");
    browser::print_to_pdf(&chromium, &browser::file_url(&site.root.join(PAGE)), &pdf);
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"), "not a PDF");
    assert_eq!(
        browser::pdf_pages(&bytes),
        1 + 3,
        "a cover and three pieces of work"
    );

    // The example course's longest portfolio still prints to a sane number of pages.
    let example = Course::example_course();
    let site = example.build_ok("example", &[]);
    let student = site
        .files()
        .into_iter()
        .filter(|f| f.starts_with("students/") && f.ends_with("/print/index.html"))
        .max_by_key(|f| site.text(f).matches("class=\"print-item\"").count())
        .expect("a print page in the example course");
    let items = site.text(&student).matches("class=\"print-item\"").count();
    let pdf = example.outside("example.pdf");
    browser::print_to_pdf(
        &chromium,
        &browser::file_url(&site.root.join(&student)),
        &pdf,
    );
    let pages = browser::pdf_pages(&std::fs::read(&pdf).unwrap());
    assert!(
        pages > items && pages <= 3 * (items + 1),
        "{student}: {pages} pages for {items} pieces of work"
    );
}
