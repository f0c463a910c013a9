//! The offline search (docs/search.md): a search box on every page, a search page
//! that is usable without JavaScript, an index of every kind of page, and a script
//! that finds things when the site is opened from disk.

mod browser;
mod common;

use common::*;
use serde_json::Value;

fn index_docs(site: &Output) -> Vec<Value> {
    let js = site.text("search/search-index.js");
    assert!(
        js.contains("window.pathfolioSearch = "),
        "the index assigns a global: {js}"
    );
    let start = js.find('{').unwrap();
    let end = js.rfind('}').unwrap();
    let data: Value = serde_json::from_str(&js[start..=end]).expect("JSON index");
    data["docs"].as_array().cloned().unwrap_or_default()
}

#[test]
fn every_page_has_a_labelled_search_box_that_opens_the_search_page() {
    let course = Course::fixture("minimal");
    let site = course.build_ok("public", &[]);
    site.assert_links_ok();
    let pages: Vec<String> = site
        .files()
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect();
    assert!(pages.len() > 8, "{pages:?}");
    for page in &pages {
        let tags = tags(&site.text(page));
        let form = tags
            .iter()
            .find(|t| t.name == "form" && t.attr("role") == Some("search"))
            .unwrap_or_else(|| panic!("{page} has no search form"));
        let action = form.attr("action").unwrap();
        let root = "../".repeat(page.matches('/').count());
        assert_eq!(action, format!("{root}search/index.html"), "{page}");
        assert!(
            tags.iter()
                .any(|t| t.name == "label" && t.attr("for") == Some("site-search-q")),
            "{page}: the search box has no label"
        );
        assert!(tags.iter().any(|t| t.name == "input"
            && t.attr("id") == Some("site-search-q")
            && t.attr("name") == Some("q")));
    }
}

#[test]
fn the_search_page_works_without_javascript_and_announces_results() {
    let course = Course::fixture("minimal");
    let site = course.build_ok("public", &[]);
    let html = site.text("search/index.html");
    let tags = tags(&html);
    let has = |name: &str, attr: &str, value: &str| {
        tags.iter()
            .any(|t| t.name == name && t.attr(attr) == Some(value))
    };
    assert!(has("label", "for", "search-q"), "label");
    assert!(has("input", "id", "search-q"), "input");
    assert!(has("p", "aria-live", "polite"), "results are announced");
    // Without JavaScript: a message and a way to browse.
    let noscript = html.split("<noscript>").nth(1).expect("a noscript message");
    assert!(noscript.contains("needs JavaScript"), "{noscript}");
    assert!(
        noscript.contains("href=\"../standards/index.html\""),
        "{noscript}"
    );
    // The index is a script tag (works from file://), and nothing is fetched.
    let scripts: Vec<&str> = tags
        .iter()
        .filter(|t| t.name == "script")
        .filter_map(|t| t.attr("src"))
        .collect();
    assert_eq!(
        scripts,
        ["../search/search-index.js", "../assets/search.js"]
    );
    let code = site.text("assets/search.js");
    for forbidden in [
        "fetch(",
        "XMLHttpRequest",
        "import(",
        "innerHTML",
        "http://",
        "https://",
    ] {
        assert!(!code.contains(forbidden), "search.js uses {forbidden}");
    }
}

#[test]
fn the_index_covers_units_playlists_rubrics_standards_portfolios_and_evidence() {
    let course = Course::fixture("minimal");
    let site = course.build_ok("public", &[]);
    let docs = index_docs(&site);
    let find = |title: &str| {
        docs.iter()
            .find(|d| d[1] == title)
            .unwrap_or_else(|| panic!("no {title} in {docs:?}"))
    };
    // (title, kind, href, words of its text)
    for (title, kind, href, words) in [
        (
            "First Steps",
            0,
            "units/first-steps/index.html",
            "What is a system?",
        ),
        (
            "First Steps",
            0,
            "units/first-steps/index.html",
            "A first unit with a handout",
        ),
        (
            "MIN-1",
            3,
            "standards/index.html#std-min-1",
            "Describe a simple system.",
        ),
        (
            "My first poster",
            5,
            "students/sam-k/evidence/first-try/index.html",
            "bicycle as a system",
        ),
    ] {
        let d = find(title);
        assert_eq!(d[0], kind, "{title}");
        assert_eq!(d[2], href, "{title}");
        assert!(d[4].as_str().unwrap().contains(words), "{title}: {d:?}");
    }
    let kinds: Vec<i64> = docs.iter().map(|d| d[0].as_i64().unwrap()).collect();
    for k in 0..6 {
        assert!(kinds.contains(&k), "no document of kind {k}: {docs:?}");
    }
    // The standard's "I can" statement is its subtitle.
    assert_eq!(
        find("MIN-1")[3],
        "I can describe a simple system in my own words."
    );
}

/// The search page opened from disk, with `?q=` as the header box sends it: the
/// script finds the evidence and shows it as a link, with a count in the live region.
#[test]
fn searching_from_disk_finds_pages_in_a_browser() {
    let Some(chromium) = browser::chromium("searching_from_disk_finds_pages_in_a_browser") else {
        return;
    };
    let course = Course::fixture("minimal");
    let site = course.build_ok("public", &[]);
    let page = site.root.join("search/index.html");
    let url = format!("{}?q=BICYCLE%20system", browser::file_url(&page));
    let dom = browser::dump_dom(&chromium, &url);
    let results = dom
        .split("id=\"search-results\"")
        .nth(1)
        .and_then(|s| s.split("</ol>").next())
        .unwrap_or_else(|| panic!("no results list:\n{dom}"));
    assert!(
        results.contains("href=\"../students/sam-k/evidence/first-try/index.html\""),
        "{results}"
    );
    assert!(
        results.contains("<mark>"),
        "the match is highlighted: {results}"
    );
    assert!(dom.contains("1 result for “BICYCLE system”."), "{dom}");
    // No match: said so.
    let url = format!("{}?q=zzzz-nothing", browser::file_url(&page));
    let dom = browser::dump_dom(&chromium, &url);
    assert!(dom.contains("No results for “zzzz-nothing”."), "{dom}");
}
