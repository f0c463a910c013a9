//! Containment: every file pathfolio reads must stay inside the folder it belongs to.
//!
//! A student's files may be read only from that student's own folder; the teacher's
//! from the folders the course configures (the course folder, the students folder,
//! the theme). A path is resolved whole — every component, symlinks included, `..`
//! after the links it follows — before it is compared, so neither a symlinked file,
//! a symlinked parent folder (`evidence -> ../kenji-t/evidence`) nor `..` gets out.
//! A student's file with a second hard link is refused as well: its other name,
//! which may be anywhere on the same disk, cannot be checked.
//!
//! Every reader in `load` (and the validators that list evidence files) goes through
//! [`Scope::resolve`], and keeps the resolved path it returns, so later stages read
//! exactly the file that was checked.

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Pos};

/// Whose files a scope holds: the rules differ only in the hard-link check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Teacher,
    Student,
}

/// The folders one kind of file may be read from.
#[derive(Debug, Clone)]
pub struct Scope {
    owner: Owner,
    /// Canonical paths; a root that does not exist holds nothing and is dropped.
    roots: Vec<PathBuf>,
    /// How the scope is named in a refusal: "the course folder", "the folder `ada-l`".
    label: String,
}

impl Scope {
    /// The teacher's folders: the first is the course folder.
    pub fn teacher(roots: &[PathBuf]) -> Scope {
        Scope {
            owner: Owner::Teacher,
            roots: roots.iter().filter_map(|r| real(r).ok()).collect(),
            label: "the course folder".into(),
        }
    }

    /// One student's own folder.
    pub fn student(dir: &Path) -> Scope {
        let root = real(dir).ok();
        let name = root
            .as_deref()
            .unwrap_or(dir)
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        Scope {
            owner: Owner::Student,
            roots: root.into_iter().collect(),
            label: format!("the folder `{name}`"),
        }
    }

    /// A scope of folders whose links are already resolved (see `load::roots`).
    pub fn of(owner: Owner, roots: Vec<PathBuf>, label: impl Into<String>) -> Scope {
        Scope {
            owner,
            roots,
            label: label.into(),
        }
    }

    pub fn owner(&self) -> Owner {
        self.owner
    }

    /// The real path of `path` if it stays inside this scope; else a problem saying
    /// why it is not read.
    pub fn resolve(&self, path: &Path) -> Result<PathBuf, Diagnostic> {
        let what = if path.is_symlink() { "link" } else { "path" };
        let target = real(path).map_err(|e| {
            Diagnostic::error(path, Pos::START, format!("this {what} leads nowhere ({e})"))
                .with_hint("remove the link, or point it at a file inside the course")
        })?;
        if !self.roots.iter().any(|r| target.starts_with(r)) {
            // A path that is no link itself leaves through a linked folder above it.
            let how = if what == "link" {
                "points"
            } else {
                "leads, through a linked folder,"
            };
            return Err(Diagnostic::error(
                path,
                Pos::START,
                format!("this {what} {how} outside {} and is not read", self.label),
            )
            .with_hint("copy the file into that folder instead of linking to it"));
        }
        if self.owner == Owner::Student && links(&target) > 1 {
            return Err(Diagnostic::error(
                path,
                Pos::START,
                "this file has another name elsewhere (a hard link) and is not read",
            )
            .with_hint("copy the file instead of linking it (`cp`, not `ln`)"));
        }
        Ok(target)
    }

    /// Whether `path` stays inside this scope, without a problem to report.
    pub fn holds(&self, path: &Path) -> bool {
        self.resolve(path).is_ok()
    }

    /// Opens a regular file that this scope holds, and checks that the file opened
    /// is the one resolved (not a link put in its place in between).
    pub fn open(&self, path: &Path) -> Result<Opened, Diagnostic> {
        let real = self.resolve(path)?;
        let refuse = |what: &str| {
            Diagnostic::error(path, Pos::START, format!("cannot read this file: {what}"))
                .with_hint("check that the file exists and is a plain file")
        };
        let file = std::fs::File::open(&real).map_err(|e| refuse(&e.to_string()))?;
        let meta = file.metadata().map_err(|e| refuse(&e.to_string()))?;
        let named = std::fs::symlink_metadata(&real).map_err(|e| refuse(&e.to_string()))?;
        if !meta.is_file() || !named.is_file() || identity(&named) != identity(&meta) {
            return Err(refuse(
                "it is not a plain file, or it changed while being read",
            ));
        }
        Ok(Opened { file, real, meta })
    }
}

/// A file opened through [`Scope::open`].
#[derive(Debug)]
pub struct Opened {
    pub file: std::fs::File,
    /// Its real path.
    pub real: PathBuf,
    pub meta: std::fs::Metadata,
}

impl Opened {
    /// Device and inode: a file replaced under the same name is another file.
    pub fn identity(&self) -> (u64, u64) {
        identity(&self.meta)
    }
}

#[cfg(unix)]
fn identity(meta: &std::fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn identity(_: &std::fs::Metadata) -> (u64, u64) {
    (0, 0)
}

/// The canonical path: absolute, every symlink resolved, no `.` or `..`.
fn real(path: &Path) -> std::io::Result<PathBuf> {
    std::fs::canonicalize(path)
}

/// The number of hard links of a file (folders always count as one here).
#[cfg(unix)]
fn links(path: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path)
        .ok()
        .filter(|m| m.is_file())
        .map_or(1, |m| m.nlink())
}

#[cfg(not(unix))]
fn links(_: &Path) -> u64 {
    1
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn setup() -> tempfile::TempDir {
        let t = tempfile::tempdir().unwrap();
        for d in ["students/eve-e", "students/kenji-t/evidence", "outside"] {
            std::fs::create_dir_all(t.path().join(d)).unwrap();
        }
        std::fs::write(t.path().join("students/kenji-t/evidence/a.md"), "x").unwrap();
        std::fs::write(t.path().join("outside/secret.txt"), "x").unwrap();
        t
    }

    #[test]
    fn a_symlinked_parent_folder_is_refused() {
        let t = setup();
        let eve = t.path().join("students/eve-e");
        symlink("../kenji-t/evidence", eve.join("evidence")).unwrap();
        let scope = Scope::student(&eve);
        let err = scope.resolve(&eve.join("evidence/a.md")).unwrap_err();
        assert!(err.message.contains("outside the folder `eve-e`"), "{err}");
        assert!(scope.resolve(&eve.join("evidence")).is_err());
    }

    #[test]
    fn dotdot_after_a_link_is_resolved_physically() {
        let t = setup();
        let eve = t.path().join("students/eve-e");
        symlink("../../outside", eve.join("lnk")).unwrap();
        // Lexically `lnk/../..` would stay near eve-e; physically it leaves.
        let p = eve.join("lnk/../outside/secret.txt");
        assert!(Scope::student(&eve).resolve(&p).is_err());
    }

    #[test]
    fn a_hard_linked_student_file_is_refused_but_a_teachers_is_not() {
        let t = setup();
        let eve = t.path().join("students/eve-e");
        std::fs::hard_link(t.path().join("outside/secret.txt"), eve.join("s.txt")).unwrap();
        let err = Scope::student(&eve)
            .resolve(&eve.join("s.txt"))
            .unwrap_err();
        assert!(err.message.contains("hard link"), "{err}");
        let teacher = Scope::teacher(&[t.path().to_path_buf()]);
        assert!(teacher.resolve(&eve.join("s.txt")).is_ok());
    }

    #[test]
    fn files_inside_are_resolved_to_their_real_path() {
        let t = setup();
        let kenji = t.path().join("students/kenji-t");
        let real = Scope::student(&kenji)
            .resolve(&kenji.join("evidence/./a.md"))
            .unwrap();
        assert_eq!(
            real,
            std::fs::canonicalize(kenji.join("evidence/a.md")).unwrap()
        );
    }

    #[test]
    fn a_missing_root_holds_nothing() {
        let t = setup();
        let scope = Scope::student(&t.path().join("students/nobody"));
        assert!(!scope.holds(&t.path().join("outside/secret.txt")));
    }
}
