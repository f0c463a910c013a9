//! `pathfolio check` warns when the students' folders, the roster or the
//! assessments sit inside a git work tree that looks like a public site's
//! (docs/publishing.md): fixture git trees with a hand-made `.git/config`.

mod common;

use common::*;

const ROSTER: &str =
    "- id: sam-k\n  name: Sam Kim\n  consent: { publish: true, date: 2026-09-02, by: guardian }\n";

/// The minimal course with a roster, in `<tmp>/repo/minimal`.
fn course() -> Course {
    let c = Course::fixture("minimal");
    c.write("roster.yaml", ROSTER);
    c
}

/// Makes `dir` a git work tree whose origin is `url`, as `git clone` leaves it.
fn git_tree(dir: &std::path::Path, url: &str) {
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    std::fs::write(
        dir.join(".git/config"),
        format!(
            "[core]\n\trepositoryformatversion = 0\n\tbare = false\n[remote \"origin\"]\n\turl = {url}\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n[branch \"main\"]\n\tremote = origin\n"
        ),
    )
    .unwrap();
}

const WARNING: &str = "looks public";

#[test]
fn a_course_in_a_github_io_repository_is_warned_about() {
    let c = course();
    git_tree(c.dir(), "git@github.com:ms-rivera/ms-rivera.github.io.git");
    let run = c.check();
    run.success()
        .stderr_has(WARNING)
        .stderr_has(
            "the students' folders, the roster and the assessments are inside the git work tree",
        )
        .stderr_has("its `origin` remote is a github.io repository")
        .stderr_has("never push students' folders to a public repository");
    // The remote's address is not repeated (it may carry a token).
    assert!(!run.stderr.contains("ms-rivera.github.io.git"), "{run}");
    // Warnings only; --strict makes it fail.
    c.run(&["check", "--strict"]).failure().stderr_has(WARNING);
}

#[test]
fn pages_files_at_the_root_of_an_enclosing_work_tree_are_recognised() {
    for file in ["CNAME", ".nojekyll", "docs/CNAME"] {
        let c = course();
        // The course is a folder of a larger repository that Pages publishes.
        let repo = c.tmp();
        git_tree(repo, "https://github.com/hill-school/courses.git");
        let path = repo.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "courses.hill.example\n").unwrap();
        c.check()
            .success()
            .stderr_has(WARNING)
            .stderr_has(&format!("it has `{file}`"));
    }
}

#[test]
fn a_linked_work_tree_reads_the_config_of_its_common_git_folder() {
    let c = course();
    let main = c.outside("main-clone");
    git_tree(&main, "https://github.com/ada/ada.github.io");
    let git_dir = main.join(".git/worktrees/minimal");
    std::fs::create_dir_all(&git_dir).unwrap();
    std::fs::write(git_dir.join("commondir"), "../..\n").unwrap();
    std::fs::write(c.path(".git"), format!("gitdir: {}\n", git_dir.display())).unwrap();
    c.check().success().stderr_has(WARNING);
}

#[test]
fn a_private_looking_repository_or_none_gives_no_warning() {
    let c = course();
    let run = c.check();
    run.success();
    assert!(!run.stderr.contains(WARNING), "no git tree at all:\n{run}");
    git_tree(c.dir(), "git@github.com:hill-school/bio9.git");
    let run = c.check();
    run.success();
    assert!(
        !run.stderr.contains(WARNING),
        "a repository that may be private:\n{run}"
    );
}

/// Route (b) of docs/publishing.md: the course files in a public repository, the
/// students' folders, the roster and the assessments in a private repository
/// checked out inside it (its own work tree): nothing to warn about.
#[test]
fn students_roster_and_assessments_in_a_nested_private_repository_are_not_warned_about() {
    let c = course();
    git_tree(c.dir(), "https://github.com/ms-rivera/ms-rivera.github.io");
    std::fs::write(c.path(".nojekyll"), "").unwrap();
    let private = c.path("private-data");
    git_tree(&private, "git@github.com:hill-school/bio9-private.git");
    std::fs::rename(c.path("students"), private.join("students")).unwrap();
    std::fs::rename(c.path("assessments"), private.join("assessments")).unwrap();
    std::fs::rename(c.path("roster.yaml"), private.join("roster.yaml")).unwrap();
    c.write(
        "course.yaml",
        &format!(
            "{}students_dir: private-data/students\nroster: private-data/roster.yaml\nassessments_dir: private-data/assessments\n",
            c.read("course.yaml")
        ),
    );
    let run = c.check();
    assert!(!run.stderr.contains(WARNING), "{run}");

    // Only what is left in the public tree is named.
    std::fs::rename(private.join("roster.yaml"), c.path("roster.yaml")).unwrap();
    c.edit("course.yaml", "roster: private-data/roster.yaml\n", "");
    c.check()
        .stderr_has("the roster is inside the git work tree")
        .stderr_has("it has `.nojekyll`");
}
