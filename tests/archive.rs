//! `pathfolio archive`: two terms' courses into one BagIt bag that verifies, and
//! that fails verification (naming the file) after a byte changes or a file is
//! added or removed; and that `--exclude-student` leaves nothing of a student in it.

mod common;

use std::path::{Path, PathBuf};

use common::{Course, Output, Run, list_files, run_in, snapshot, tags};
use sha2::{Digest, Sha256};

/// The minimal fixture with another title, code and term.
fn course(title: &str, code: &str, term: &str) -> Course {
    let c = Course::fixture("minimal");
    c.edit(
        "course.yaml",
        "title: Minimal Course",
        &format!("title: {title}"),
    );
    c.edit("course.yaml", "code: MIN1", &format!("code: \"{code}\""));
    c.edit(
        "course.yaml",
        "term: \"2026\"",
        &format!("term: \"{term}\""),
    );
    c
}

struct Archive {
    // Kept so the temporary folders live as long as the archive.
    _courses: Vec<Course>,
    dir: PathBuf,
}

impl Archive {
    fn run(&self, args: &[&str]) -> Run {
        run_in(self.dir.parent().unwrap(), args)
    }
    fn verify(&self) -> Run {
        self.run(&["archive", "--verify", self.dir.to_str().unwrap()])
    }
    fn path(&self, rel: &str) -> PathBuf {
        self.dir.join(rel)
    }
}

/// A 2026-27 biology course and a Fall 2025 art course (no code) in one archive.
fn two_terms() -> (Archive, Run) {
    let bio = course("Biology 9", "BIO9", "2026-27");
    let art = course("Art and Design", "", "Fall 2025");
    let dir = bio.outside("school-archive");
    let run = run_in(
        bio.tmp(),
        &[
            "archive",
            "-o",
            dir.to_str().unwrap(),
            bio.dir().to_str().unwrap(),
            art.dir().to_str().unwrap(),
            "--organization",
            "Hill School",
        ],
    );
    (
        Archive {
            _courses: vec![bio, art],
            dir,
        },
        run,
    )
}

fn sha256(path: &Path) -> String {
    Sha256::digest(std::fs::read(path).unwrap())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn an_archive_of_two_terms_is_a_valid_bag_with_an_index() {
    let (a, run) = two_terms();
    run.success().stdout_has("Archived 2 course(s)");
    assert_eq!(
        std::fs::read_to_string(a.path("bagit.txt")).unwrap(),
        "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
    );
    // Every payload file is in the manifest with its real SHA-256, and nothing else.
    let data = list_files(&a.path("data"));
    let manifest = std::fs::read_to_string(a.path("manifest-sha256.txt")).unwrap();
    let mut listed: Vec<String> = Vec::new();
    for line in manifest.lines() {
        let (hash, path) = line.split_once("  ").unwrap();
        assert_eq!(hash, sha256(&a.path(path)), "{path}");
        listed.push(path.strip_prefix("data/").unwrap().to_string());
    }
    assert_eq!(listed, data);
    let info = std::fs::read_to_string(a.path("bag-info.txt")).unwrap();
    let bytes: u64 = data
        .iter()
        .map(|f| std::fs::metadata(a.path("data").join(f)).unwrap().len())
        .sum();
    assert!(
        info.contains(&format!("Payload-Oxum: {bytes}.{}\n", data.len())),
        "{info}"
    );
    for field in [
        "Bagging-Date: 20",
        "Bag-Software-Agent: pathfolio",
        "Source-Organization: Hill School",
    ] {
        assert!(info.contains(field), "{field} missing in {info}");
    }
    let tags_manifest = std::fs::read_to_string(a.path("tagmanifest-sha256.txt")).unwrap();
    for tag in ["bagit.txt", "bag-info.txt", "manifest-sha256.txt"] {
        assert!(
            tags_manifest.contains(&format!("{}  {tag}\n", sha256(&a.path(tag)))),
            "{tag}"
        );
    }

    // Stable folders and an index by year, newest first.
    let site = Output::at(a.path("data"));
    site.assert_has(&[
        "2026-27/bio9/index.html",
        "fall-2025/art-and-design/index.html",
    ]);
    site.assert_links_ok();
    let index = site.text("index.html");
    let (y26, y25) = (
        index.find(">2026</h2>").unwrap(),
        index.find(">2025</h2>").unwrap(),
    );
    assert!(y26 < y25, "{index}");
    assert!(index.contains("Hill School"));
    let links: Vec<String> = tags(&index)
        .iter()
        .filter_map(|t| t.attr("href").map(str::to_string))
        .collect();
    assert!(
        links.contains(&"2026-27/bio9/index.html".to_string()),
        "{links:?}"
    );
    // No file makes a request to another site.
    for f in site.files().iter().filter(|f| f.ends_with(".html")) {
        for t in tags(&site.text(f)) {
            for attr in ["src", "srcset"] {
                if let Some(v) = t.attr(attr) {
                    assert!(
                        !v.contains("://") && !v.starts_with("//"),
                        "{f}: {attr}={v}"
                    );
                }
            }
        }
    }
    a.verify().success().stdout_has("Archive OK");
}

#[test]
fn verification_names_each_changed_missing_or_extra_file() {
    let (a, run) = two_terms();
    run.success();
    let page = a.path("data/2026-27/bio9/index.html");
    let original = std::fs::read(&page).unwrap();
    let mut changed = original.clone();
    changed[100] ^= 1;
    std::fs::write(&page, &changed).unwrap();
    let v = a.verify();
    v.failure().stderr_has("changed");
    let d = v.diagnostics();
    assert_eq!(d.len(), 1, "{v}");
    assert!(d[0].path.ends_with("data/2026-27/bio9/index.html"), "{v}");
    std::fs::write(&page, &original).unwrap();
    a.verify().success();

    std::fs::write(a.path("data/fall-2025/notes.txt"), "added later").unwrap();
    let v = a.verify();
    v.failure();
    assert!(v.diagnostics().iter().any(|d| d.path.ends_with("data/fall-2025/notes.txt") && d.message.starts_with("extra")), "{v}");
    std::fs::remove_file(a.path("data/fall-2025/notes.txt")).unwrap();

    std::fs::remove_file(a.path("data/fall-2025/art-and-design/404.html")).unwrap();
    let v = a.verify();
    v.failure();
    assert!(
        v.diagnostics().iter().any(
            |d| d.path.ends_with("art-and-design/404.html") && d.message.starts_with("missing")
        ),
        "{v}"
    );

    // A tampered manifest is caught by the tag manifest.
    let manifest = a.path("manifest-sha256.txt");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(&manifest, text + "\n").unwrap();
    a.verify().failure().stderr_has("manifest-sha256.txt");
}

#[test]
fn an_existing_folder_is_replaced_only_when_it_is_an_archive_and_force_is_given() {
    let (a, run) = two_terms();
    run.success();
    let before = snapshot(&a.dir);
    let bio = a._courses[0].dir().to_str().unwrap().to_string();
    let out = a.dir.to_str().unwrap().to_string();
    a.run(&["archive", "-o", &out, &bio])
        .failure()
        .stderr_has("--force");
    common::assert_same_files(&before, &snapshot(&a.dir), "refused archive");
    a.run(&["archive", "-o", &out, &bio, "--force"]).success();
    assert!(
        !a.path("data/fall-2025").exists(),
        "the old archive was replaced"
    );
    a.verify().success();

    let other = a.dir.with_file_name("my-documents");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("letter.txt"), "keep me").unwrap();
    let run = a.run(&["archive", "-o", other.to_str().unwrap(), &bio, "--force"]);
    run.failure().stderr_has("not a pathfolio archive");
    assert_eq!(
        std::fs::read_to_string(other.join("letter.txt")).unwrap(),
        "keep me"
    );
}

#[test]
fn nothing_is_written_when_a_course_has_errors_or_two_share_a_folder() {
    let good = course("Biology 9", "BIO9", "2026-27");
    let twin = course("Biology 9 again", "BIO9", "2026-27");
    let broken = course("Broken", "BRK", "2026-27");
    broken.write("units/01-first-steps.md", "---\ntitle: [unclosed\n---\n");
    let out = good.outside("arch");
    let o = out.to_str().unwrap();
    let run = run_in(
        good.tmp(),
        &[
            "archive",
            "-o",
            o,
            good.dir().to_str().unwrap(),
            broken.dir().to_str().unwrap(),
        ],
    );
    run.failure();
    assert!(
        run.diagnostics()
            .iter()
            .any(|d| d.path.contains("units/01-first-steps.md")),
        "{run}"
    );
    assert!(!out.exists());
    let run = run_in(
        good.tmp(),
        &[
            "archive",
            "-o",
            o,
            good.dir().to_str().unwrap(),
            twin.dir().to_str().unwrap(),
        ],
    );
    run.failure().stderr_has("2026-27/bio9");
    assert!(!out.exists());
    let run = run_in(
        good.tmp(),
        &["archive", "--verify", good.dir().to_str().unwrap()],
    );
    run.failure().stderr_has("not an archive");
}

/// Issue 11: a link (here to /etc, and a linked folder) or a special file in the
/// bag is named and never followed or read; the rest of the bag still verifies.
#[test]
fn verification_names_links_and_special_files_without_following_them() {
    let (a, run) = two_terms();
    run.success();
    std::os::unix::fs::symlink("/etc", a.path("data/etc")).unwrap();
    let v = a.verify();
    v.failure().stderr_has("symbolic link");
    let d = v.diagnostics();
    assert_eq!(d.len(), 1, "{v}");
    assert!(d[0].path.ends_with("data/etc"), "{v}");
    assert!(!v.stderr.contains("passwd"), "{v}");
    std::fs::remove_file(a.path("data/etc")).unwrap();

    // A page swapped for a FIFO (reading it would hang) and a socket beside it.
    let page = a.path("data/2026-27/bio9/index.html");
    std::fs::remove_file(&page).unwrap();
    let fifo = std::process::Command::new("mkfifo")
        .arg(&page)
        .status()
        .unwrap();
    assert!(fifo.success());
    let _socket = std::os::unix::net::UnixListener::bind(a.path("data/sock")).unwrap();
    let v = a.verify();
    v.failure().stderr_has("special file");
    let paths: Vec<String> = v.diagnostics().iter().map(|d| d.path.clone()).collect();
    assert!(paths.iter().any(|p| p.ends_with("bio9/index.html")), "{v}");
    assert!(paths.iter().any(|p| p.ends_with("data/sock")), "{v}");
}

/// Issue 11: a file removed and both manifests rewritten to match is caught by
/// bag-info.txt's Payload-Oxum (bytes and files under data/).
#[test]
fn a_removed_file_with_rewritten_manifests_fails_on_payload_oxum() {
    let (a, run) = two_terms();
    run.success();
    let gone = "data/fall-2025/art-and-design/404.html";
    std::fs::remove_file(a.path(gone)).unwrap();
    let manifest = std::fs::read_to_string(a.path("manifest-sha256.txt")).unwrap();
    let manifest: String = manifest
        .lines()
        .filter(|l| !l.ends_with(gone))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(a.path("manifest-sha256.txt"), &manifest).unwrap();
    let tags: String = ["bagit.txt", "bag-info.txt", "manifest-sha256.txt"]
        .iter()
        .map(|t| format!("{}  {t}\n", sha256(&a.path(t))))
        .collect();
    std::fs::write(a.path("tagmanifest-sha256.txt"), tags).unwrap();
    let v = a.verify();
    v.failure().stderr_has("Payload-Oxum");
    let d = v.diagnostics();
    assert_eq!(d.len(), 1, "{v}");
    assert!(d[0].path.ends_with("bag-info.txt"), "{v}");
}

/// Issue 11: `--expect` compares the fingerprint `archive` printed; another one
/// fails with exit status 1, whatever the files say.
#[test]
fn verify_expect_compares_the_fingerprint() {
    let (a, run) = two_terms();
    run.success();
    let fingerprint = run
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("Fingerprint (SHA-256 of tagmanifest-sha256.txt): "))
        .expect("a fingerprint line")
        .to_string();
    assert_eq!(fingerprint, sha256(&a.path("tagmanifest-sha256.txt")));
    let dir = a.dir.to_str().unwrap();
    a.run(&["archive", "--verify", dir, "--expect", &fingerprint])
        .success()
        .stdout_has("(as expected)");
    a.run(&[
        "archive",
        "--verify",
        dir,
        "--expect",
        &fingerprint.to_uppercase(),
    ])
    .success();
    let wrong = format!("{}0", &fingerprint[..63]);
    let wrong = if wrong == fingerprint {
        format!("{}1", &fingerprint[..63])
    } else {
        wrong
    };
    let v = a.run(&["archive", "--verify", dir, "--expect", &wrong]);
    v.failure()
        .stderr_has(&format!("fingerprint is not {wrong}"))
        .stderr_has(&fingerprint);
    assert!(!v.stdout.contains("Archive OK"), "{v}");
    a.run(&["archive", "-o", dir, "--expect", &fingerprint])
        .fails_with(2);
}

/// The minimal course with a second published student, whose name, id, words and
/// attached file are easy to search for, and scores shown in public.
fn course_with_zora() -> Course {
    let c = course("Biology 9", "BIO9", "2026-27");
    c.write(
        "course.yaml",
        &format!(
            "{}privacy:\n  show_scores_public: true\n",
            c.read("course.yaml")
        ),
    );
    c.write(
        "students/zora-v/profile.md",
        "---\nname: Zora Vantablack\npublish: true\ninterests: [kelp]\ngoals: [Zora-goal-canary]\n---\nZora-about-canary.\n",
    );
    c.write(
        "students/zora-v/evidence/kelp/index.md",
        "---\ntitle: Zora-kelp-title-canary\ndate: 2026-09-18\nunit: first-steps\nstandards: [MIN-1]\n---\nMy [field notes](notes.txt) on a kelp forest.\n",
    );
    c.write(
        "students/zora-v/evidence/kelp/notes.txt",
        "Zora-attachment-canary\n",
    );
    c.write(
        "assessments/zora-v.yaml",
        "- evidence: kelp\n  rubric: poster\n  date: 2026-09-21\n  scores: { clarity: 3 }\n  feedback: Zora-feedback-canary.\n",
    );
    c
}

/// Every file of an archive (manifests and bag-info included) that holds `needle`
/// in its bytes or its path.
fn archive_hits(dir: &Path, needle: &str) -> Vec<String> {
    common::find_in_site(&snapshot(dir), needle)
}

const ZORA: [&str; 8] = [
    "zora-v",
    "Zora",
    "Vantablack",
    "Zora-goal-canary",
    "Zora-about-canary",
    "Zora-kelp-title-canary",
    "Zora-attachment-canary",
    "Zora-feedback-canary",
];

#[test]
fn an_archive_rebuilt_without_a_student_holds_nothing_of_them() {
    let c = course_with_zora();
    let course = c.dir().to_str().unwrap();
    let with = c.outside("with");
    run_in(c.tmp(), &["archive", "-o", with.to_str().unwrap(), course]).success();
    // Without exclusion she is there, so the searches below can find her.
    for needle in [
        "zora-v",
        "Zora",
        "Zora-kelp-title-canary",
        "Zora-attachment-canary",
        "Zora-feedback-canary",
    ] {
        assert!(
            !archive_hits(&with, needle).is_empty(),
            "{needle} not in the archive"
        );
    }

    let without = c.outside("without");
    run_in(
        c.tmp(),
        &[
            "archive",
            "-o",
            without.to_str().unwrap(),
            course,
            "--exclude-student",
            "zora-v",
        ],
    )
    .success()
    .stdout_has("Left out 1 student(s)");
    for needle in ZORA {
        let hits = archive_hits(&without, needle);
        assert!(
            hits.is_empty(),
            "{needle:?} is still in the archive: {hits:?}"
        );
    }
    // The rest of the class is as it was, and the bag verifies.
    let sam = |dir: &Path| {
        let mut files = list_files(&dir.join("data"));
        files.retain(|f| f.contains("students/sam-k/"));
        files
    };
    assert!(!sam(&without).is_empty());
    assert_eq!(sam(&with), sam(&without));
    run_in(c.tmp(), &["archive", "--verify", without.to_str().unwrap()]).success();
}

#[test]
fn exclude_student_is_repeatable_and_a_mistyped_id_writes_nothing() {
    let c = course_with_zora();
    let course = c.dir().to_str().unwrap();
    let out = c.outside("archive");
    let out = out.to_str().unwrap();
    run_in(
        c.tmp(),
        &["archive", "-o", out, course, "--exclude-student", "zora-x"],
    )
    .failure()
    .stderr_has("there is no student `zora-x`")
    .stderr_has("zora-v");
    assert!(!Path::new(out).exists());
    run_in(
        c.tmp(),
        &[
            "archive",
            "-o",
            out,
            course,
            "--exclude-student",
            "zora-v",
            "--exclude-student",
            "sam-k",
        ],
    )
    .success()
    .stdout_has("Left out 2 student(s)");
    for needle in ["zora-v", "sam-k", "Zora", "Sam Kim", "Sam K."] {
        let hits = archive_hits(Path::new(out), needle);
        assert!(
            hits.is_empty(),
            "{needle:?} is still in the archive: {hits:?}"
        );
    }
}
