//! `pathfolio init` and `pathfolio new`: new course files from templates built into
//! the binary. Nothing here ever overwrites a file.

pub mod new;

use std::fmt;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::diag::terminal_safe;

/// Why a scaffolding command wrote nothing (or stopped), in words for a teacher.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    pub hint: Option<String>,
}

impl Problem {
    pub fn new(message: impl Into<String>) -> Problem {
        Problem {
            message: message.into(),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Problem {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A problem may quote a course file's names (see `diag::terminal_safe`).
        write!(f, "error: {}", terminal_safe(&self.message))?;
        if let Some(h) = &self.hint {
            write!(f, "\n  hint: {}", terminal_safe(h))?;
        }
        Ok(())
    }
}

/// The example course of `pathfolio init`: (path in the course, text). Hidden files
/// are kept under visible names here so they do not act inside this repository.
const COURSE: &[(&str, &str)] = &[
    ("course.yaml", include_str!("init/course.yaml")),
    ("standards.yaml", include_str!("init/standards.yaml")),
    ("roster.yaml", include_str!("init/roster.yaml")),
    (
        "units/01-getting-started.md",
        include_str!("init/units/01-getting-started.md"),
    ),
    (
        "playlists/getting-started.md",
        include_str!("init/playlists/getting-started.md"),
    ),
    ("rubrics/poster.md", include_str!("init/rubrics/poster.md")),
    (
        "resources/investigations.txt",
        include_str!("init/resources/investigations.txt"),
    ),
    (
        "assessments/alex-s.yaml",
        include_str!("init/assessments/alex-s.yaml"),
    ),
    (
        "students/alex-s/profile.md",
        include_str!("init/students/alex-s/profile.md"),
    ),
    (
        "students/alex-s/evidence/question-poster/index.md",
        include_str!("init/students/alex-s/evidence/question-poster/index.md"),
    ),
    (
        "students/alex-s/evidence/question-poster/poster.svg",
        include_str!("init/students/alex-s/evidence/question-poster/poster.svg"),
    ),
    (".gitignore", include_str!("init/gitignore")),
    (
        ".github/workflows/pages.yml",
        include_str!("init/github/workflows/pages.yml"),
    ),
];

/// What `init` did.
#[derive(Debug, Default)]
pub struct InitReport {
    /// Files written, in the course folder.
    pub written: Vec<PathBuf>,
    /// Files that were there already and were left alone (only with `force`).
    pub kept: Vec<PathBuf>,
}

/// Writes the example course into `dir`, creating it if needed. A folder with
/// anything in it (other than `.git`) is refused unless `force`; even then no
/// existing file is replaced: the example's file is skipped and reported as kept.
pub fn init(dir: &Path, force: bool) -> Result<InitReport, Problem> {
    if dir.exists() && !dir.is_dir() {
        return Err(Problem::new(format!(
            "`{}` is a file, not a folder",
            dir.display()
        )));
    }
    if !force && has_content(dir) {
        return Err(Problem::new(format!("the folder `{}` is not empty", dir.display()))
            .with_hint("give a new folder (`pathfolio init my-course`), or add --force to add the example's missing files; existing files are never replaced"));
    }
    let mut report = InitReport::default();
    for (rel, text) in COURSE {
        let path = dir.join(rel);
        if write_new(&path, &fill(text))? {
            report.written.push(path);
        } else {
            report.kept.push(path);
        }
    }
    Ok(report)
}

/// The Pages workflow downloads the release of the pathfolio that wrote it: this
/// build's version, from the repository named in Cargo.toml.
fn fill(text: &str) -> String {
    text.replace("@PATHFOLIO_VERSION@", env!("CARGO_PKG_VERSION"))
        .replace(
            "@PATHFOLIO_REPOSITORY@",
            env!("CARGO_PKG_REPOSITORY").trim_end_matches('/'),
        )
}

/// True if `dir` holds anything but a `.git` folder (a freshly cloned empty repository).
fn has_content(dir: &Path) -> bool {
    std::fs::read_dir(dir)
        .map(|entries| entries.flatten().any(|e| e.file_name() != ".git"))
        .unwrap_or(false)
}

/// Writes a new file, creating its folders; false if the file already exists
/// (it is left as it was).
pub(crate) fn write_new(path: &Path, text: &str) -> Result<bool, Problem> {
    let fail = |e: std::io::Error| {
        Problem::new(format!("cannot write `{}`: {e}", path.display()))
            .with_hint("check that you may write in this folder")
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(fail)?;
    }
    // create_new refuses an existing file atomically: nothing is ever overwritten.
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(mut f) => {
            f.write_all(text.as_bytes()).map_err(fail)?;
            Ok(true)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(fail(e)),
    }
}

/// A YAML double-quoted string: safe for any title, with `:` or `#` or quotes in it.
pub(crate) fn yaml_quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_quote_escapes() {
        assert_eq!(
            yaml_quote(r#"Cells: "the" \ units"#),
            r#""Cells: \"the\" \\ units""#
        );
        assert_eq!(yaml_quote("a\nb"), "\"a b\"");
    }

    #[test]
    fn write_new_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a/b.md");
        assert_eq!(write_new(&p, "one"), Ok(true));
        assert_eq!(write_new(&p, "two"), Ok(false));
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "one");
    }
}
