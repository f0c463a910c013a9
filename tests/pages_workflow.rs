//! The GitHub Pages workflow that `pathfolio init` writes (docs/publishing.md): its
//! build step writes the folder its upload step publishes, and running that very
//! build command in the new course gives a site ready for Pages.

mod common;

use common::*;
use serde_json::Value;

/// The `run:` commands and `uses:` steps of every job, in order.
fn steps(workflow: &Value) -> Vec<Value> {
    workflow["jobs"]
        .as_object()
        .expect("jobs")
        .values()
        .flat_map(|j| j["steps"].as_array().cloned().unwrap_or_default())
        .collect()
}

/// The output folder of a `pathfolio build` command line: `-o`/`--out`, else the
/// public audience's default `public`.
fn output_of(command: &str) -> String {
    let words: Vec<&str> = command.split_whitespace().collect();
    words
        .windows(2)
        .find(|w| w[0] == "-o" || w[0] == "--out")
        .map(|w| w[1].trim_matches('"').trim_end_matches('/').to_string())
        .unwrap_or_else(|| "public".into())
}

#[test]
fn the_init_workflow_builds_into_public_and_uploads_public() {
    let course = Course::empty();
    course.run(&["init", "."]).success();
    let text = course.read(".github/workflows/pages.yml");
    let workflow: Value = serde_saphyr::from_str(&text).expect("the workflow is YAML");
    let steps = steps(&workflow);
    let build = steps
        .iter()
        .filter_map(|s| s["run"].as_str())
        .find(|r| r.contains("pathfolio build"))
        .expect("a step runs `pathfolio build`");
    assert!(
        !build.contains("--audience") || build.contains("--audience public"),
        "the workflow must publish the public audience only: {build}"
    );
    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/upload-pages-artifact@"))
        })
        .expect("an upload-pages-artifact step");
    let uploaded = upload["with"]["path"]
        .as_str()
        .expect("with: path")
        .trim_end_matches('/');
    assert_eq!(uploaded, "public", "{text}");
    assert_eq!(
        output_of(build),
        uploaded,
        "build writes {build:?}, upload reads {uploaded}"
    );

    // Run the workflow's build command as Actions would, with the base URL that
    // configure-pages gives for a project site.
    let line = build.replace(
        "${{ steps.pages.outputs.base_url }}",
        "https://owner.github.io/course",
    );
    let args: Vec<String> = line
        .split_whitespace()
        .skip_while(|w| *w != "build")
        .map(|w| w.trim_matches('"').to_string())
        .collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    course.run(&args).success();
    let site = Output::at(course.path(uploaded));
    site.assert_links_ok()
        .assert_has(&["index.html", "404.html", ".nojekyll", "robots.txt"]);
    if line.contains("--base-url") {
        let sitemap = site.text("sitemap.xml");
        assert!(
            sitemap.contains("<loc>https://owner.github.io/course/index.html</loc>"),
            "{sitemap}"
        );
    }
    // The teacher's private build never lands in the uploaded folder.
    assert!(!course.path("public/class").exists());
}
