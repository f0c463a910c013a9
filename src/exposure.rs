//! Where a public repository would expose the students: `pathfolio check` warns
//! when the students' folders, the roster or the assessments sit inside a git work
//! tree that looks like a public site's (docs/publishing.md). A public repository
//! shows every file in it, whatever the built site shows.
//!
//! Only files are read (`.git/config`, `CNAME`, `.nojekyll`); git is never run.
//! What can be recognised offline is a GitHub Pages site published from the
//! repository's own files: a `CNAME` or `.nojekyll` at the work tree's root or in
//! its `docs/` (Pages' two source folders), or an `origin` remote that is a
//! `<name>.github.io` repository. A private repository that publishes only a
//! built site (pathfolio's own Pages workflow) has none of these in its sources.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diag::{Diagnostic, Diagnostics};

/// The teacher's private files, as course.yaml places them (SPEC §2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Private {
    Students,
    Roster,
    Assessments,
}

impl Private {
    const ALL: [Private; 3] = [Private::Students, Private::Roster, Private::Assessments];

    /// The course.yaml key that moves it, and where it is by default.
    fn key_and_default(self) -> (&'static str, &'static str) {
        match self {
            Private::Students => ("students_dir", "students"),
            Private::Roster => ("roster", "roster.yaml"),
            Private::Assessments => ("assessments_dir", "assessments"),
        }
    }

    fn words(self) -> &'static str {
        match self {
            Private::Students => "the students' folders",
            Private::Roster => "the roster",
            Private::Assessments => "the assessments",
        }
    }
}

/// Why a work tree looks public.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sign {
    /// `CNAME` or `.nojekyll` (the path in the work tree): a Pages site published
    /// from the repository's files.
    PagesFile(String),
    /// The `origin` remote is a `<name>.github.io` repository.
    GithubIoOrigin,
}

impl Sign {
    fn words(&self) -> String {
        match self {
            Sign::PagesFile(f) => format!("it has `{f}`, so GitHub Pages publishes its files"),
            // The address itself is not shown: a remote URL may carry a token.
            Sign::GithubIoOrigin => {
                "its `origin` remote is a github.io repository, which is public".into()
            }
        }
    }
}

/// The locations only, read leniently: course.yaml's other fields and its
/// mistakes are `load`'s to report.
#[derive(Default, Deserialize)]
struct Locations {
    students_dir: Option<String>,
    roster: Option<String>,
    assessments_dir: Option<String>,
}

/// A work tree that looks public, and what of the course is inside it.
struct Exposed {
    tree: PathBuf,
    signs: Vec<Sign>,
    /// What, and where as course.yaml places it.
    inside: Vec<(Private, PathBuf)>,
}

/// A warning for each git work tree that looks public and holds any of the
/// course's private files, naming them; paths relative to `course` where they can be.
pub fn check(course: &Path) -> Diagnostics {
    let file = course.join("course.yaml");
    let places: Locations = std::fs::read_to_string(&file)
        .ok()
        .and_then(|text| crate::load::yaml::parse(&file, &text, 1).ok())
        .unwrap_or_default();
    let mut found: Vec<Exposed> = Vec::new();
    for what in Private::ALL {
        let (_, default) = what.key_and_default();
        let given = match what {
            Private::Students => &places.students_dir,
            Private::Roster => &places.roster,
            Private::Assessments => &places.assessments_dir,
        };
        let path = course.join(given.as_deref().unwrap_or(default));
        let Ok(real) = std::fs::canonicalize(&path) else {
            continue; // not there: nothing to expose
        };
        let Some(tree) = work_tree(&real) else {
            continue;
        };
        let signs = public_signs(&tree);
        if signs.is_empty() {
            continue;
        }
        match found.iter_mut().find(|e| e.tree == tree) {
            Some(e) => e.inside.push((what, path)),
            None => found.push(Exposed {
                tree,
                signs,
                inside: vec![(what, path)],
            }),
        }
    }
    let mut diags = Diagnostics::new();
    for Exposed {
        tree,
        signs,
        inside,
    } in found
    {
        let names: Vec<&str> = inside.iter().map(|(w, _)| w.words()).collect();
        let reasons: Vec<String> = signs.iter().map(Sign::words).collect();
        let message = format!(
            "{} {} inside the git work tree {}, which looks public ({}): a public repository shows every file in it, whatever the site shows",
            crate::text::and_list(&names),
            if names.len() == 1 && inside[0].0 == Private::Roster {
                "is"
            } else {
                "are"
            },
            tree.display(),
            reasons.join("; ")
        );
        let keys: Vec<String> = inside
            .iter()
            .map(|(w, _)| format!("`{}`", w.key_and_default().0))
            .collect();
        diags.push(
            Diagnostic::warning(&inside[0].1, None, message).with_hint(format!(
                "never push students' folders to a public repository: keep this repository private and publish only the built site, or move them to a private repository and point {} in course.yaml there (docs/publishing.md)",
                crate::text::and_list(&keys)
            )),
        );
    }
    diags.relative_to(course)
}

/// The root of the git work tree holding `path` (a folder or file), if any: the
/// nearest folder, from `path` up, with a `.git` folder or file.
fn work_tree(path: &Path) -> Option<PathBuf> {
    path.ancestors()
        .find(|a| a.join(".git").exists())
        .map(Path::to_path_buf)
}

/// What makes the work tree at `tree` look like a public repository's.
pub fn public_signs(tree: &Path) -> Vec<Sign> {
    let mut signs: Vec<Sign> = ["CNAME", ".nojekyll", "docs/CNAME", "docs/.nojekyll"]
        .into_iter()
        .filter(|f| tree.join(f).is_file())
        .map(|f| Sign::PagesFile(f.to_string()))
        .collect();
    if origin_url(tree).is_some_and(|url| is_github_io(&url)) {
        signs.push(Sign::GithubIoOrigin);
    }
    signs
}

/// The `url` of `[remote "origin"]` in the work tree's git config. A `.git` file
/// (a linked work tree or a submodule) names the git folder; a linked work tree's
/// config is in the common folder its `commondir` names.
fn origin_url(tree: &Path) -> Option<String> {
    let dot_git = tree.join(".git");
    let git_dir = if dot_git.is_dir() {
        dot_git
    } else {
        let text = std::fs::read_to_string(&dot_git).ok()?;
        let dir = text.lines().find_map(|l| l.strip_prefix("gitdir:"))?.trim();
        tree.join(dir)
    };
    let config_dir = match std::fs::read_to_string(git_dir.join("commondir")) {
        Ok(common) => git_dir.join(common.trim()),
        Err(_) => git_dir,
    };
    let config = std::fs::read_to_string(config_dir.join("config")).ok()?;
    remote_url(&config, "origin")
}

/// The `url` of a remote in the text of a git config file: the key is
/// case-insensitive, the remote's name is not.
fn remote_url(config: &str, remote: &str) -> Option<String> {
    let mut inside = false;
    for line in config.lines() {
        let line = line.trim();
        if let Some(header) = line.strip_prefix('[') {
            let header = header.split(']').next().unwrap_or_default();
            let mut words = header.splitn(2, char::is_whitespace);
            let section = words.next().unwrap_or_default();
            let name = words.next().unwrap_or_default().trim().trim_matches('"');
            inside = section.eq_ignore_ascii_case("remote") && name == remote;
            continue;
        }
        if !inside {
            continue;
        }
        if let Some((key, value)) = line.split_once('=')
            && key.trim().eq_ignore_ascii_case("url")
        {
            return Some(value.trim().trim_matches('"').to_string());
        }
    }
    None
}

/// A remote URL of a `<name>.github.io` repository, in any of git's forms
/// (`https://github.com/o/o.github.io.git`, `git@github.com:o/o.github.io`).
fn is_github_io(url: &str) -> bool {
    let repo = url
        .trim_end_matches('/')
        .trim_end_matches(".git")
        .rsplit(['/', ':'])
        .next()
        .unwrap_or_default();
    repo.to_ascii_lowercase().ends_with(".github.io")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_origin_url_is_read_from_its_section_only() {
        let config = "[core]\n\turl = nope\n[remote \"upstream\"]\n\turl = https://github.com/a/a.github.io\n[Remote \"origin\"]\n\tURL = git@github.com:school/bio9.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n";
        assert_eq!(
            remote_url(config, "origin").as_deref(),
            Some("git@github.com:school/bio9.git")
        );
        assert_eq!(remote_url("[remote \"origin\"]\n", "origin"), None);
    }

    #[test]
    fn github_io_repositories_are_recognised_in_every_url_form() {
        for url in [
            "https://github.com/ada/ada.github.io.git",
            "https://github.com/ada/Ada.GitHub.io",
            "git@github.com:ada/ada.github.io.git",
            "ssh://git@github.com/ada/ada.github.io/",
        ] {
            assert!(is_github_io(url), "{url}");
        }
        for url in [
            "https://github.com/ada/bio9.git",
            "https://github.com/github.io/bio9",
            "git@github.com:ada/portfolio",
        ] {
            assert!(!is_github_io(url), "{url}");
        }
    }
}
