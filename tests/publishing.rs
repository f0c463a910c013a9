//! Publishing (docs/publishing.md): `.nojekyll`, `robots.txt`, `sitemap.xml`,
//! canonical links from `base_url`, `noindex` by audience, and a 404 page whose links
//! work at any depth. Built with the real binary from the `minimal` fixture.

mod common;

use common::*;

const BASE: &str = "https://user.github.io/course/";

/// The `minimal` course with an absolute base_url instead of its path one.
fn course_with_base(base: &str) -> Course {
    let course = Course::fixture("minimal");
    course.edit(
        "course.yaml",
        "base_url: /minimal/",
        &format!("base_url: {base}"),
    );
    course
}

fn meta_robots_noindex(html: &str) -> bool {
    tags(html).iter().any(|t| {
        t.name == "meta"
            && t.attr("name") == Some("robots")
            && t.attr("content").is_some_and(|c| c.contains("noindex"))
    })
}

fn canonical(html: &str) -> Option<String> {
    tags(html)
        .into_iter()
        .find(|t| t.name == "link" && t.attr("rel") == Some("canonical"))
        .and_then(|t| t.attr("href").map(str::to_string))
}

/// The `<loc>` addresses of a sitemap.
fn locs(xml: &str) -> Vec<String> {
    xml.split("<loc>")
        .skip(1)
        .map(|s| s.split("</loc>").next().unwrap().to_string())
        .collect()
}

fn html_pages(site: &Output) -> Vec<String> {
    site.files()
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect()
}

#[test]
fn public_build_has_nojekyll_robots_sitemap_and_canonical_links() {
    let course = course_with_base(BASE);
    let site = course.build_ok("public", &[]);
    site.assert_links_ok()
        .assert_has(&[".nojekyll", "robots.txt", "sitemap.xml", "404.html"]);

    let robots = site.text("robots.txt");
    assert!(robots.contains("Disallow: /course/students/"), "{robots}");
    assert!(
        robots.contains(&format!("Sitemap: {BASE}sitemap.xml")),
        "{robots}"
    );

    let urls = locs(&site.text("sitemap.xml"));
    for page in [
        "index.html",
        "standards/index.html",
        "units/first-steps/index.html",
        "playlists/first-steps/index.html",
        "rubrics/poster/index.html",
    ] {
        assert!(
            urls.contains(&format!("{BASE}{page}")),
            "{page} not in the sitemap: {urls:?}"
        );
    }
    // Never student pages (noindex by default), the 404 page or the search page.
    for url in &urls {
        assert!(url.starts_with(BASE), "{url}");
        for bad in ["/students/", "404.html", "/search/"] {
            assert!(!url.contains(bad), "{url} should not be in the sitemap");
        }
        // Every address in the sitemap is a page of the site.
        assert!(
            site.has(&url[BASE.len()..]),
            "{url} is not a page of the site"
        );
    }

    // A canonical link on each indexable page, none on noindex pages.
    for page in html_pages(&site) {
        let html = site.text(&page);
        let indexable = urls.contains(&format!("{BASE}{page}"));
        match (canonical(&html), indexable) {
            (Some(href), true) => assert_eq!(href, format!("{BASE}{page}")),
            (None, false) => assert!(
                meta_robots_noindex(&html),
                "{page}: neither canonical nor noindex"
            ),
            (c, i) => panic!("{page}: canonical {c:?}, in sitemap: {i}"),
        }
    }
}

#[test]
fn index_student_pages_puts_student_pages_in_the_sitemap() {
    let course = course_with_base(BASE);
    course.edit(
        "course.yaml",
        "base_url:",
        "privacy:\n  index_student_pages: true\nbase_url:",
    );
    let site = course.build_ok("public", &[]);
    let robots = site.text("robots.txt");
    assert!(!robots.contains("students/"), "{robots}");
    let urls = locs(&site.text("sitemap.xml"));
    let home = format!("{BASE}students/sam-k/index.html");
    assert!(urls.contains(&home), "{urls:?}");
    let html = site.text("students/sam-k/index.html");
    assert!(!meta_robots_noindex(&html));
    assert_eq!(canonical(&html).as_deref(), Some(home.as_str()));
}

#[test]
fn without_an_absolute_base_url_there_is_no_sitemap_and_no_canonical() {
    // The fixture's base_url is a path (`/minimal/`): enough for robots.txt and the
    // 404 page, not for absolute addresses.
    let course = Course::fixture("minimal");
    let site = course.build_ok("public", &[]);
    site.assert_has(&["robots.txt", ".nojekyll"])
        .assert_lacks(&["sitemap.xml"]);
    let robots = site.text("robots.txt");
    assert!(robots.contains("Disallow: /minimal/students/"), "{robots}");
    assert!(!robots.contains("Sitemap:"), "{robots}");
    for page in html_pages(&site) {
        assert_eq!(canonical(&site.text(&page)), None, "{page}");
    }
    // --base-url overrides course.yaml.
    let site = course.build_ok(
        "public-override",
        &["--base-url", "https://school.example/bio"],
    );
    let urls = locs(&site.text("sitemap.xml"));
    assert!(
        urls.contains(&"https://school.example/bio/index.html".to_string()),
        "{urls:?}"
    );
    assert_eq!(
        canonical(&site.text("units/first-steps/index.html")).as_deref(),
        Some("https://school.example/bio/units/first-steps/index.html")
    );
}

#[test]
fn teacher_and_student_builds_disallow_everything_and_are_noindex() {
    let course = course_with_base(BASE);
    for (out, args) in [
        ("teacher", vec!["--audience", "teacher"]),
        (
            "student",
            vec!["--audience", "student", "--student", "sam-k"],
        ),
    ] {
        let site = course.build_ok(out, &args);
        site.assert_links_ok().assert_lacks(&["sitemap.xml"]);
        let robots = site.text("robots.txt");
        assert!(
            robots.lines().any(|l| l.trim() == "Disallow: /"),
            "{out}: {robots}"
        );
        assert!(!robots.contains("Sitemap"), "{out}: {robots}");
        let pages = html_pages(&site);
        assert!(pages.len() > 5, "{out}: {pages:?}");
        for page in pages {
            let html = site.text(&page);
            assert!(meta_robots_noindex(&html), "{out}: {page} lacks noindex");
            assert_eq!(canonical(&html), None, "{out}: {page}");
        }
    }
}

#[test]
fn the_404_page_sets_its_base_only_when_served_under_the_base_path() {
    let course = course_with_base(BASE);
    let site = course.build_ok("public", &[]);
    let html = site.text("404.html");
    assert!(meta_robots_noindex(&html));
    // Relative links, as everywhere, so it works from disk and in check-site...
    for t in tags(&html) {
        if let Some(href) = t.attr("href").or(t.attr("src")) {
            assert!(
                !href.starts_with('/') && !href.contains("://"),
                "404.html: {href} is not relative"
            );
        }
    }
    // ...and a script that, served under /course/ (any depth), resolves them from there.
    let script = html
        .split("<script>")
        .nth(1)
        .and_then(|s| s.split("</script>").next())
        .expect("404.html has a base script");
    assert!(script.contains("\"/course/\""), "{script}");
    assert!(
        script.contains("location.pathname.indexOf(b) === 0"),
        "{script}"
    );
    let script_at = html.find("<script>").unwrap();
    let style_at = html.find("assets/style.css").unwrap();
    assert!(
        script_at < style_at,
        "the base must come before the stylesheet"
    );
    // No base path known: no script at all.
    let plain = Course::fixture("minimal");
    plain.edit("course.yaml", "base_url: /minimal/\n", "");
    let site = plain.build_ok("public", &[]);
    assert!(
        !site.text("404.html").contains("<script"),
        "no base_url, no script"
    );
    site.assert_lacks(&["sitemap.xml"]);
    assert!(site.text("robots.txt").contains("Disallow: /students/"));
}

mod browser;

/// GitHub Pages serves 404.html for a missing address at any depth: in a browser,
/// the page must then load its stylesheet and link from the site root.
#[test]
fn the_404_page_works_at_depth_in_a_browser() {
    let Some(chromium) = browser::chromium("the_404_page_works_at_depth_in_a_browser") else {
        return;
    };
    let course = course_with_base(BASE);
    let site = course.build_ok("public", &[]);
    let server = browser::PagesServer::start(&site.root, "/course/");
    let dom = browser::dump_dom(&chromium, &format!("{}/course/no/such/page", server.origin));
    assert!(dom.contains("Page not found"), "{dom}");
    assert!(
        dom.contains("<base href=\"/course/\">"),
        "the script set no base:\n{dom}"
    );
    let requests = server.requests.lock().unwrap().clone();
    assert!(
        requests.iter().any(|r| r == "/course/assets/style.css"),
        "the stylesheet was not loaded from the site root: {requests:?}"
    );
    // (Chromium's preload scanner may also ask for `/course/no/such/assets/style.css`
    // before the script runs; that answer is the 404 page, which is not CSS and is
    // ignored.)
}
