//! The GitHub Pages workflow that `pathfolio init` writes (docs/publishing.md): its
//! build step writes the folder its upload step publishes, running that very build
//! command in the new course gives a site ready for Pages, and what it publishes
//! holds only the public site: no student's source file, no roster, no assessments.

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

/// The build step's command of the workflow `init` wrote, and the folder the
/// upload step publishes.
fn build_and_upload(workflow: &Value) -> (String, String) {
    let steps = steps(workflow);
    let build = steps
        .iter()
        .filter_map(|s| s["run"].as_str())
        .find(|r| r.contains("pathfolio build"))
        .expect("a step runs `pathfolio build`")
        .to_string();
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
        .trim_end_matches('/')
        .to_string();
    (build, uploaded)
}

/// Runs a workflow's `pathfolio build` command line in the course as Actions
/// would, with `BASE_URL` set as configure-pages sets it for a project site;
/// returns the command as run.
fn run_build(course: &Course, command: &str) -> String {
    let line = command
        .replace(
            "${BASE_URL:+--base-url \"$BASE_URL/\"}",
            "--base-url https://owner.github.io/course/",
        )
        .replace(
            "${{ steps.pages.outputs.base_url }}",
            "https://owner.github.io/course",
        );
    assert!(
        !line.contains('$'),
        "a shell expansion this test does not know: {line}"
    );
    let args: Vec<String> = line
        .split_whitespace()
        .skip_while(|w| *w != "build")
        .map(|w| w.trim_matches('"').to_string())
        .collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    course.run(&args).success();
    line
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
    let (build, uploaded) = build_and_upload(&workflow);
    let (build, uploaded) = (build.as_str(), uploaded.as_str());
    assert!(
        !build.contains("--audience") || build.contains("--audience public"),
        "the workflow must publish the public audience only: {build}"
    );
    assert_eq!(uploaded, "public", "{text}");
    assert_eq!(
        output_of(build),
        uploaded,
        "build writes {build:?}, upload reads {uploaded}"
    );

    // Run the workflow's build command as Actions would, with the base URL that
    // configure-pages gives for a project site.
    let line = run_build(&course, build);
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

/// Every step of the workflow that publishes something names `public`, and every
/// build step writes `public`: whichever route a teacher turns on (Pages of the
/// repository, or a separate public repository through a deploy key), nothing
/// but the public build leaves the repository.
#[test]
fn every_route_of_the_init_workflow_publishes_only_the_public_build() {
    let course = Course::empty();
    course.run(&["init", "."]).success();
    let workflow: Value =
        serde_saphyr::from_str(&course.read(".github/workflows/pages.yml")).expect("YAML");
    let steps = steps(&workflow);
    let builds: Vec<&str> = steps
        .iter()
        .filter_map(|s| s["run"].as_str())
        .filter(|r| r.contains("pathfolio build"))
        .collect();
    assert_eq!(builds.len(), 2, "a build for each route: {builds:?}");
    for b in &builds {
        assert_eq!(output_of(b), "public", "{b}");
        assert!(!b.contains("--audience"), "{b}");
    }
    let published: Vec<&str> = steps
        .iter()
        .filter_map(|s| {
            let uses = s["uses"].as_str()?;
            if uses.starts_with("actions/upload-pages-artifact@") {
                s["with"]["path"].as_str()
            } else if uses.starts_with("peaceiris/actions-gh-pages@") {
                s["with"]["publish_dir"].as_str()
            } else {
                None
            }
        })
        .collect();
    assert_eq!(published, ["public", "public"], "{steps:?}");
    // The public repository of the deploy-key route keeps no history: a student
    // left out of a later build is gone from it, not just from its latest commit.
    assert!(
        steps
            .iter()
            .any(|s| s["with"]["force_orphan"].as_bool() == Some(true)),
        "{steps:?}"
    );
}

/// The artifact that goes to Pages holds the public site only. A course with a
/// published student, an unpublished one, a roster and assessments is built with
/// the workflow's own command into the folder its upload step publishes; no file
/// there is a student's source file, the roster or an assessments file, and no
/// file holds what only the teacher knows or anything of the unpublished student.
#[test]
fn the_pages_artifact_holds_only_the_public_site() {
    let course = Course::empty();
    course.run(&["init", "."]).success();
    // alex-s (from init) is unpublished; pia-r is published.
    course.write(
        "students/pia-r/profile.md",
        "---\nname: Pia Rosenquist\npublish: true\ngoals: [Write clearly.]\n---\nI like tide pools.\n",
    );
    course.write(
        "students/pia-r/evidence/tide-pool.md",
        "---\ntitle: Tide pool survey\ndate: 2026-09-20\nstandards: [SCI-1]\n---\nI counted the snails in three pools.\n",
    );
    course.write(
        "assessments/pia-r.yaml",
        "- standard: SCI-1\n  date: 2026-09-25\n  level: 3\n  feedback: Careful counting-feedback-canary.\n  note: Quiet-in-group-note-canary.\n",
    );
    course.write(
        "roster.yaml",
        "- id: alex-s\n  name: Alex Sample\n  sis_id: \"SIS-556677\"\n  section: P3\n  level: meeting\n  needs: [needs-canary-extended-time]\n  notes: Roster-notes-canary about Alex.\n  consent: { publish: false, date: 2026-09-02, by: guardian }\n\
         - id: pia-r\n  name: Pia Rosenquist\n  sis_id: \"SIS-778899\"\n  section: P3\n  level: exceeding\n  needs: [needs-canary-large-print]\n  notes: Roster-notes-canary about Pia.\n  consent: { publish: true, photos: true, voice: true, date: 2026-09-02, by: guardian }\n",
    );
    let workflow: Value =
        serde_saphyr::from_str(&course.read(".github/workflows/pages.yml")).expect("YAML");
    let (build, uploaded) = build_and_upload(&workflow);
    run_build(&course, &build);
    let site = Output::at(course.path(&uploaded));
    let files = site.snapshot();
    assert!(
        files.keys().any(|f| f.starts_with("students/pia-r/")),
        "the published student is in the site: {:?}",
        files.keys()
    );

    // No source file: no Markdown or YAML at all, and no file with the bytes of a
    // file under students/, assessments/ or the roster.
    for name in files.keys() {
        assert!(
            !name.ends_with(".md") && !name.ends_with(".yaml") && !name.ends_with(".yml"),
            "a source file was published: {name}"
        );
    }
    let mut sources = snapshot(&course.path("students"));
    sources.extend(snapshot(&course.path("assessments")));
    sources.insert(
        "roster.yaml".into(),
        course.read("roster.yaml").into_bytes(),
    );
    for (source, bytes) in &sources {
        for (name, published) in &files {
            assert!(published != bytes, "{name} is a copy of {source}");
        }
    }
    // Nothing only the teacher knows, nothing of the unpublished student.
    for needle in [
        "SIS-556677",
        "SIS-778899",
        "needs-canary",
        "Roster-notes-canary",
        "Quiet-in-group-note-canary",
        "counting-feedback-canary",
        "Rosenquist",
        "alex-s",
        "Alex",
        "Your question is testable",
        "Talked through a fair test",
    ] {
        let hits = find_in_site(&files, needle);
        assert!(
            hits.is_empty(),
            "{needle:?} is in the published site: {hits:?}"
        );
    }
}
