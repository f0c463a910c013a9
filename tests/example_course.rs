//! The example course, built by the real binary into a temporary folder: the pages of
//! SPEC §3 exist, the content shows up, every link works, audiences differ as they
//! should, and builds are reproducible.
//!
//! The example course is still growing, so what is expected is read from its source
//! files (with a plain YAML parser, not pathfolio's loader) instead of being listed
//! here.

mod common;

use std::path::Path;

use common::*;
use serde_json::Value;

/// The YAML front matter of a Markdown file, as JSON values.
fn front_matter(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let rest = text
        .strip_prefix("---\n")
        .unwrap_or_else(|| panic!("{} has no front matter", path.display()));
    let end = rest.find("\n---").expect("end of front matter");
    serde_saphyr::from_str(&rest[..end + 1]).expect("front matter parses")
}

fn yaml_file(path: &Path) -> Value {
    serde_saphyr::from_str(&std::fs::read_to_string(path).unwrap()).expect("YAML parses")
}

/// `01-cells` → `cells` (SPEC §2.3).
fn slug_of(name: &str) -> String {
    match name.split_once('-') {
        Some((digits, rest))
            if !digits.is_empty()
                && !rest.is_empty()
                && digits.bytes().all(|b| b.is_ascii_digit()) =>
        {
            rest.to_string()
        }
        _ => name.to_string(),
    }
}

/// `units/x.md` and `units/x/index.md` files of a folder: (slug, file, folder of a
/// folder-form item).
fn named_files(dir: &Path) -> Vec<(String, std::path::PathBuf, Option<std::path::PathBuf>)> {
    let mut out = Vec::new();
    let Ok(read) = std::fs::read_dir(dir) else {
        return out;
    };
    let mut entries: Vec<_> = read.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() && path.join("index.md").is_file() {
            out.push((slug_of(&name), path.join("index.md"), Some(path.clone())));
        } else if let Some(stem) = name.strip_suffix(".md") {
            out.push((slug_of(stem), path.clone(), None));
        }
    }
    out
}

fn flag(v: &Value, key: &str, default: bool) -> bool {
    v.get(key).and_then(Value::as_bool).unwrap_or(default)
}

fn text(v: &Value, key: &str) -> String {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

struct EvidenceSrc {
    slug: String,
    public: bool,
    /// The files it publishes (from `files:`, or every file of its folder).
    files: Vec<String>,
}

struct StudentSrc {
    id: String,
    /// In the public build: the profile's `publish: true` and, with a roster, the
    /// consent on record (SPEC §2.9).
    publish: bool,
    /// The roster's consent to publishing images, and audio and video.
    photos: bool,
    voice: bool,
    evidence: Vec<EvidenceSrc>,
}

impl StudentSrc {
    /// Whether the public build may hold the evidence file `name` of this student.
    fn consents_to(&self, name: &str) -> bool {
        let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
        match ext.as_str() {
            "png" | "jpg" | "jpeg" | "gif" | "webp" | "svg" | "avif" => self.photos,
            "mp3" | "ogg" | "oga" | "wav" | "m4a" | "aac" | "flac" | "opus" | "mp4" | "webm"
            | "ogv" | "mov" | "m4v" => self.voice,
            _ => true,
        }
    }
}

/// What the example course's source files say the site holds.
struct Expect {
    title: String,
    /// (slug, title, draft, order)
    units: Vec<(String, String, bool, i64)>,
    /// (slug, unit slug)
    playlists: Vec<(String, String)>,
    rubrics: Vec<String>,
    students: Vec<StudentSrc>,
}

impl Expect {
    fn read(dir: &Path) -> Expect {
        let course = yaml_file(&dir.join("course.yaml"));
        let units = named_files(&dir.join("units"))
            .into_iter()
            .map(|(slug, file, _)| {
                let fm = front_matter(&file);
                let name = file
                    .strip_prefix(dir.join("units"))
                    .unwrap()
                    .components()
                    .next()
                    .unwrap()
                    .as_os_str()
                    .to_string_lossy()
                    .into_owned();
                let prefix = name
                    .split_once('-')
                    .and_then(|(d, _)| d.parse::<i64>().ok());
                let order = fm
                    .get("order")
                    .and_then(Value::as_i64)
                    .or(prefix)
                    .unwrap_or(i64::MAX);
                (slug, text(&fm, "title"), flag(&fm, "draft", false), order)
            })
            .collect();
        let playlists = named_files(&dir.join("playlists"))
            .into_iter()
            .map(|(slug, file, _)| (slug, text(&front_matter(&file), "unit")))
            .collect();
        let rubrics = named_files(&dir.join("rubrics"))
            .into_iter()
            .map(|(slug, _, _)| slug)
            .collect();
        let students_dir = dir.join(
            course
                .get("students_dir")
                .and_then(Value::as_str)
                .unwrap_or("students"),
        );
        let mut ids: Vec<_> = std::fs::read_dir(&students_dir)
            .unwrap()
            .flatten()
            .filter(|e| e.path().is_dir())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with('.'))
            .collect();
        ids.sort();
        let roster_file = dir.join(
            course
                .get("roster")
                .and_then(Value::as_str)
                .unwrap_or("roster.yaml"),
        );
        let roster = roster_file.is_file().then(|| yaml_file(&roster_file));
        let students = ids
            .into_iter()
            .map(|id| {
                let sdir = students_dir.join(&id);
                let profile = front_matter(&sdir.join("profile.md"));
                let evidence = named_files(&sdir.join("evidence"))
                    .into_iter()
                    .map(|(slug, file, folder)| {
                        let fm = front_matter(&file);
                        let files = match fm.get("files").and_then(Value::as_array) {
                            Some(list) => list
                                .iter()
                                .filter_map(|f| {
                                    f.as_str()
                                        .or_else(|| f.get("file").and_then(Value::as_str))
                                        .map(str::to_string)
                                })
                                .collect(),
                            None => folder
                                .map(|f| {
                                    list_files(&f)
                                        .into_iter()
                                        .filter(|n| n != "index.md")
                                        .collect()
                                })
                                .unwrap_or_default(),
                        };
                        EvidenceSrc {
                            slug,
                            public: flag(&fm, "public", true),
                            files,
                        }
                    })
                    .collect();
                let consent = roster.as_ref().map(|r| {
                    r.as_array()
                        .into_iter()
                        .flatten()
                        .find(|e| e.get("id").and_then(Value::as_str) == Some(&id))
                        .and_then(|e| e.get("consent"))
                        .cloned()
                        .unwrap_or(Value::Null)
                });
                let (publish, photos, voice) = match &consent {
                    None => (true, true, true),
                    Some(c) => {
                        let publish = flag(c, "publish", false);
                        (
                            publish,
                            flag(c, "photos", publish),
                            flag(c, "voice", publish),
                        )
                    }
                };
                StudentSrc {
                    publish: flag(&profile, "publish", false) && publish,
                    photos,
                    voice,
                    id,
                    evidence,
                }
            })
            .collect();
        Expect {
            title: text(&course, "title"),
            units,
            playlists,
            rubrics,
            students,
        }
    }

    fn is_draft(&self, unit: &str) -> bool {
        self.units.iter().any(|u| u.0 == unit && u.2)
    }

    fn units_in_order(&self) -> Vec<&(String, String, bool, i64)> {
        let mut units: Vec<_> = self.units.iter().collect();
        units.sort_by(|a, b| (a.3, &a.0).cmp(&(b.3, &b.0)));
        units
    }

    /// The pages of SPEC §3 that the audience's site must have.
    fn pages(&self, teacher: bool) -> Vec<String> {
        let mut pages = vec![
            "index.html".to_string(),
            "standards/index.html".into(),
            "students/index.html".into(),
        ];
        for (slug, _, draft, _) in &self.units {
            if teacher || !draft {
                pages.push(format!("units/{slug}/index.html"));
            }
        }
        for (slug, unit) in &self.playlists {
            if teacher || !self.is_draft(unit) {
                pages.push(format!("playlists/{slug}/index.html"));
            }
        }
        for slug in &self.rubrics {
            pages.push(format!("rubrics/{slug}/index.html"));
        }
        for s in self.students.iter().filter(|s| teacher || s.publish) {
            pages.push(format!("students/{}/index.html", s.id));
            for e in s.evidence.iter().filter(|e| teacher || e.public) {
                pages.push(format!("students/{}/evidence/{}/index.html", s.id, e.slug));
                for f in e.files.iter().filter(|f| teacher || s.consents_to(f)) {
                    pages.push(format!("students/{}/evidence/{}/{f}", s.id, e.slug));
                }
            }
            if teacher {
                pages.push(format!("students/{}/progress/index.html", s.id));
                pages.push(format!("students/{}/mastery/index.html", s.id));
            }
        }
        if teacher {
            pages.push("class/index.html".into());
        }
        pages
    }
}

fn example() -> (Course, Expect) {
    let course = Course::example_course();
    let expect = Expect::read(course.dir());
    assert!(!expect.units.is_empty() && !expect.students.is_empty());
    (course, expect)
}

#[test]
fn public_site_has_every_page_of_the_spec() {
    let (course, expect) = example();
    let site = course.build_ok("public", &[]);
    let pages = expect.pages(false);
    site.assert_has(&pages.iter().map(String::as_str).collect::<Vec<_>>());
    // Drafts, unpublished students, private evidence and the class grid are not there.
    let mut absent = vec!["class/index.html".to_string()];
    for (slug, _, draft, _) in &expect.units {
        if *draft {
            absent.push(format!("units/{slug}/index.html"));
        }
    }
    for s in &expect.students {
        if !s.publish {
            absent.push(format!("students/{}/index.html", s.id));
        }
        for e in s.evidence.iter().filter(|e| !e.public) {
            absent.push(format!("students/{}/evidence/{}/index.html", s.id, e.slug));
        }
    }
    site.assert_lacks(&absent.iter().map(String::as_str).collect::<Vec<_>>());
}

#[test]
fn teacher_site_has_every_page_including_drafts_and_class_grid() {
    let (course, expect) = example();
    let site = course.build_ok("teacher", &["--audience", "teacher"]);
    let pages = expect.pages(true);
    site.assert_has(&pages.iter().map(String::as_str).collect::<Vec<_>>());
}

#[test]
fn home_shows_course_title_and_units_in_order() {
    let (course, expect) = example();
    let site = course.build_ok("public", &[]);
    let home = site.plain("index.html");
    assert!(
        home.contains(&expect.title),
        "{} not in {home}",
        expect.title
    );
    let html = site.text("index.html");
    let title_tag = html
        .split_once("<title>")
        .and_then(|(_, r)| r.split_once("</title>"))
        .map(|(t, _)| decode_entities(t))
        .expect("a <title>");
    assert!(
        title_tag.contains(&expect.title),
        "<title>{title_tag}</title>"
    );
    // Units appear in course order: `order`, else the file name's `NN-` prefix.
    let positions: Vec<(String, Option<usize>)> = expect
        .units_in_order()
        .into_iter()
        .filter(|u| !u.2)
        .map(|u| (u.1.clone(), home.find(u.1.as_str())))
        .collect();
    assert!(
        positions.iter().all(|(_, p)| p.is_some()),
        "a unit title is missing from the home page: {positions:?}"
    );
    assert!(
        positions.windows(2).all(|w| w[0].1 < w[1].1),
        "units are not in course order on the home page: {positions:?}"
    );
    for (slug, title, _, _) in expect.units.iter().filter(|u| !u.2) {
        let page = site.plain(&format!("units/{slug}/index.html"));
        assert!(
            page.contains(title.as_str()),
            "unit {slug} lacks its title {title}"
        );
    }
}

#[test]
fn unit_and_standards_pages_show_i_can_statements() {
    let (course, expect) = example();
    let site = course.build_ok("public", &[]);
    let standards = yaml_file(&course.path("standards.yaml"));
    let standards = standards.as_array().expect("a list of standards");
    let slug = &expect
        .units
        .iter()
        .find(|u| !u.2)
        .expect("a published unit")
        .0;
    let unit_file = named_files(&course.path("units"))
        .into_iter()
        .find(|(s, _, _)| s == slug)
        .unwrap()
        .1;
    let code = front_matter(&unit_file)["standards"][0]
        .as_str()
        .expect("the unit has a standard")
        .to_string();
    let i_can = standards
        .iter()
        .find(|s| s["code"] == code.as_str())
        .and_then(|s| s["student"].as_str())
        .expect("the standard has an \"I can\" statement");
    assert!(i_can.starts_with("I can"), "{i_can}");
    let unit_page = site.plain(&format!("units/{slug}/index.html"));
    assert!(
        unit_page.contains(&squash(i_can)),
        "{i_can} not on unit {slug}"
    );
    let all = site.plain("standards/index.html");
    for s in standards {
        let student = s["student"].as_str().unwrap_or_default();
        assert!(
            all.contains(&squash(student)),
            "{student} not on the standards page"
        );
        assert!(all.contains(s["code"].as_str().unwrap()));
    }
}

#[test]
fn rubric_page_has_descriptors_in_a_table() {
    let (course, expect) = example();
    let site = course.build_ok("public", &[]);
    for slug in &expect.rubrics {
        let file = named_files(&course.path("rubrics"))
            .into_iter()
            .find(|(s, _, _)| s == slug)
            .unwrap()
            .1;
        let fm = front_matter(&file);
        let criterion = &fm["criteria"][0];
        let descriptors = criterion["descriptors"].as_object().expect("descriptors");
        let (_, descriptor) = descriptors.iter().next().expect("a descriptor");
        let descriptor = squash(descriptor.as_str().unwrap());
        let html = site.text(&format!("rubrics/{slug}/index.html"));
        let table = html
            .split_once("<table")
            .and_then(|(_, rest)| rest.split_once("</table>"))
            .map(|(t, _)| t)
            .unwrap_or_else(|| panic!("rubric {slug} has no <table>"));
        let cells: Vec<String> = table
            .split("<td")
            .skip(1)
            .map(|c| plain_text(&format!("<td{}", c.split("</td>").next().unwrap())))
            .collect();
        assert!(
            cells.iter().any(|c| c == &descriptor),
            "rubric {slug}: no <td> holds {descriptor:?}; cells: {cells:#?}"
        );
        let title = criterion["title"].as_str().unwrap();
        assert!(
            plain_text(table).contains(title),
            "criterion {title} not in the table"
        );
    }
}

#[test]
fn playlist_page_shows_must_do_items_and_choice_groups() {
    let (course, expect) = example();
    let site = course.build_ok("public", &[]);
    let mut seen_must = false;
    let mut seen_choice = false;
    for (slug, _) in expect.playlists.iter().filter(|p| !expect.is_draft(&p.1)) {
        let file = named_files(&course.path("playlists"))
            .into_iter()
            .find(|(s, _, _)| s == slug)
            .unwrap()
            .1;
        let fm = front_matter(&file);
        let page = site.plain(&format!("playlists/{slug}/index.html"));
        let html = site.text(&format!("playlists/{slug}/index.html"));
        let anchors = ids(&html);
        for item in fm["items"].as_array().into_iter().flatten() {
            if let Some(n) = item.get("choose").and_then(Value::as_u64) {
                seen_choice = true;
                let needle = format!("Choose {n} of");
                assert!(
                    page.contains(&needle),
                    "{slug}: no {needle:?} for a choice group"
                );
                let group = text(item, "title");
                assert!(
                    page.contains(&group),
                    "{slug}: choice group {group:?} missing"
                );
                for option in item["items"].as_array().into_iter().flatten() {
                    let t = text(option, "title");
                    assert!(page.contains(&squash(&t)), "{slug}: option {t:?} missing");
                    let id = text(option, "id");
                    assert!(
                        anchors.contains(&format!("item-{id}")),
                        "{slug}: no anchor for {id}"
                    );
                }
            } else {
                let t = text(item, "title");
                assert!(page.contains(&squash(&t)), "{slug}: item {t:?} missing");
                if flag(item, "required", true) {
                    seen_must = true;
                }
            }
        }
    }
    assert!(
        seen_must && seen_choice,
        "the example course has no must-do item or no choice group"
    );
    let all = expect
        .playlists
        .iter()
        .map(|(s, _)| site.plain(&format!("playlists/{s}/index.html")))
        .collect::<String>();
    assert!(
        all.contains("Must do"),
        "no \"Must do\" label on any playlist"
    );
}

#[test]
fn evidence_pages_show_images_with_alt_text_and_audio_players() {
    let (course, expect) = example();
    let site = course.build_ok("teacher", &["--audience", "teacher"]);
    let (mut images, mut audio) = (0, 0);
    for s in &expect.students {
        for e in &s.evidence {
            let page = format!("students/{}/evidence/{}/index.html", s.id, e.slug);
            let tags = tags(&site.text(&page));
            for f in &e.files {
                let lower = f.to_lowercase();
                let ends = |src: Option<&str>| {
                    src.and_then(percent_decode)
                        .is_some_and(|src| src.ends_with(&format!("/{f}")))
                };
                if [".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"]
                    .iter()
                    .any(|x| lower.ends_with(x))
                {
                    images += 1;
                    let img = tags
                        .iter()
                        .find(|t| t.name == "img" && ends(t.attr("src")))
                        .unwrap_or_else(|| panic!("{page}: no <img> for {f}"));
                    let alt = img.attr("alt").unwrap_or_default();
                    assert!(
                        !alt.trim().is_empty(),
                        "{page}: <img> for {f} has no alt text"
                    );
                }
                if [".wav", ".mp3", ".ogg", ".m4a"]
                    .iter()
                    .any(|x| lower.ends_with(x))
                {
                    audio += 1;
                    let player = tags
                        .iter()
                        .find(|t| t.name == "audio" && ends(t.attr("src")))
                        .unwrap_or_else(|| panic!("{page}: no <audio> for {f}"));
                    assert!(
                        player.attr("controls").is_some(),
                        "{page}: <audio> without controls"
                    );
                    assert!(site.text(&page).contains("<audio controls"));
                }
            }
        }
    }
    assert!(
        images > 0 && audio > 0,
        "the example course has no image ({images}) or no audio ({audio})"
    );
}

#[test]
fn every_internal_link_resolves_in_every_audience() {
    let (course, expect) = example();
    course.build_ok("public", &[]).assert_links_ok();
    course
        .build_ok("teacher", &["--audience", "teacher"])
        .assert_links_ok();
    let student = expect
        .students
        .iter()
        .find(|s| s.publish)
        .expect("a published student");
    let site = course.build_ok(
        "student",
        &["--audience", "student", "--student", &student.id],
    );
    site.assert_links_ok();
    // A student's own build has only that student's portfolio.
    for other in expect.students.iter().filter(|s| s.id != student.id) {
        assert!(!site.has(&format!("students/{}/index.html", other.id)));
    }
}

#[test]
fn no_internal_link_ends_in_a_slash() {
    let (course, _) = example();
    for (out, args) in [
        ("public", vec![]),
        ("teacher", vec!["--audience", "teacher"]),
    ] {
        let site = course.build_ok(out, &args);
        let mut bad = Vec::new();
        for page in site.files().iter().filter(|f| f.ends_with(".html")) {
            for tag in tags(&site.text(page)) {
                for (attr, value) in &tag.attrs {
                    let internal = !value.contains(':') && !value.starts_with('#');
                    if ["href", "src", "data"].contains(&attr.as_str())
                        && internal
                        && value.split(['#', '?']).next().unwrap_or("").ends_with('/')
                    {
                        bad.push(format!("{page}: {attr}=\"{value}\""));
                    }
                }
            }
        }
        assert!(
            bad.is_empty(),
            "{out}: links ending in `/`:\n{}",
            bad.join("\n")
        );
    }
}

#[test]
fn teacher_build_has_unpublished_students_and_public_build_does_not() {
    let (course, expect) = example();
    let hidden: Vec<&StudentSrc> = expect.students.iter().filter(|s| !s.publish).collect();
    assert!(
        !hidden.is_empty(),
        "the example course has no unpublished student"
    );
    let public = course.build_ok("public", &[]).snapshot();
    let teacher = course.build_ok("teacher", &["--audience", "teacher"]);
    let roster = teacher.text("students/index.html");
    for s in &hidden {
        assert!(teacher.has(&format!("students/{}/index.html", s.id)));
        assert!(roster.contains(&format!("students/{}/index.html", s.id)));
        let name = text(
            &front_matter(&course.path(&format!("students/{}/profile.md", s.id))),
            "name",
        );
        for needle in [s.id.as_str(), name.as_str()] {
            let hits = find_in_site(&public, needle);
            assert!(
                hits.is_empty(),
                "unpublished {needle:?} is in the public site: {hits:?}"
            );
        }
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let (course, _) = example();
    for args in [vec![], vec!["--audience", "teacher"]] {
        let a = course.build_ok("first", &args).snapshot();
        let b = course.build_ok("second", &args).snapshot();
        assert_same_files(&a, &b, "two builds of the example course");
        assert!(a.len() > 20);
    }
}

#[test]
fn build_writes_only_into_the_output_folder() {
    let (course, _) = example();
    let before = course.snapshot();
    let outside_before = list_files(course.tmp());
    course.build_ok("public", &[]);
    // The image cache is the one thing a build keeps in the course folder (README:
    // "Safe, light media"); it holds only cleaned copies and keeps itself out of git.
    let without_cache = |mut files: std::collections::BTreeMap<String, Vec<u8>>| {
        files.retain(|path, _| !path.starts_with(".pathfolio-cache/"));
        files
    };
    assert_same_files(
        &without_cache(before),
        &without_cache(course.snapshot()),
        "the course folder",
    );
    let new: Vec<String> = list_files(course.tmp())
        .into_iter()
        .filter(|f| !outside_before.contains(f) && !f.starts_with("public/"))
        .filter(|f| !f.starts_with("example-course/.pathfolio-cache/"))
        .collect();
    assert!(
        new.is_empty(),
        "files written outside the output folder: {new:?}"
    );
}
