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

use crate::diag::Diagnostic;

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
            Diagnostic::error(path, None, format!("this {what} leads nowhere ({e})"))
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
                None,
                format!("this {what} {how} outside {} and is not read", self.label),
            )
            .with_hint("copy the file into that folder instead of linking to it"));
        }
        if self.owner == Owner::Student && links(&target) > 1 {
            return Err(Diagnostic::error(
                path,
                None,
                "this file has another name elsewhere (a hard link) and is not read",
            )
            .with_hint("copy the file instead of linking it (`cp`, not `ln`)"));
        }
        Ok(target)
    }

    /// `path`, resolved and checked: the only way to a [`Checked`] file.
    pub fn check(&self, path: &Path) -> Result<Checked, Diagnostic> {
        let real = self.resolve(path)?;
        Ok(Checked {
            found: path.to_path_buf(),
            real,
        })
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
            Diagnostic::error(path, None, format!("cannot read this file: {what}"))
                .with_hint("check that the file exists and is a plain file")
        };
        let file = open_without_links(&real).map_err(|e| refuse(&e.to_string()))?;
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

/// A file that passed its scope's check. Later stages read it only through
/// [`Checked::open`], which opens the real path that was checked and refuses it if
/// any part of it has become a link since: a student who swaps a checked file for
/// a link while a build runs gets an error, not the link's target.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Checked {
    found: PathBuf,
    real: PathBuf,
}

impl Checked {
    /// A file pathfolio made itself (the media cache): its path is its own.
    pub fn made(path: PathBuf) -> Checked {
        Checked {
            found: path.clone(),
            real: path,
        }
    }

    /// The path as found in the course, for messages and for matching links.
    pub fn found(&self) -> &Path {
        &self.found
    }

    /// The real path that was checked (for comparing files, not for opening).
    pub fn real(&self) -> &Path {
        &self.real
    }

    /// Opens the checked file for reading.
    pub fn open(&self) -> std::io::Result<std::fs::File> {
        open_without_links(&self.real)
    }

    /// The whole file.
    pub fn read(&self) -> std::io::Result<Vec<u8>> {
        use std::io::Read;
        let mut file = self.open()?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)?;
        Ok(bytes)
    }

    /// The file's metadata, from the file opened.
    pub fn metadata(&self) -> std::io::Result<std::fs::Metadata> {
        self.open()?.metadata()
    }
}

/// Opens `real` (a path without links, as [`Scope::resolve`] returns) and fails if
/// a link has appeared anywhere in it. On Linux the kernel refuses every link on
/// the way (`openat2` with `RESOLVE_NO_SYMLINKS`); elsewhere, or on a kernel without
/// it, the file opened must be the one the path names.
fn open_without_links(real: &Path) -> std::io::Result<std::fs::File> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, Mode, OFlags, ResolveFlags, openat2};
        loop {
            match openat2(
                CWD,
                real,
                OFlags::RDONLY | OFlags::CLOEXEC,
                Mode::empty(),
                ResolveFlags::NO_SYMLINKS,
            ) {
                Ok(fd) => return Ok(std::fs::File::from(fd)),
                Err(rustix::io::Errno::AGAIN | rustix::io::Errno::INTR) => continue,
                Err(rustix::io::Errno::NOSYS | rustix::io::Errno::PERM) => break,
                Err(e) => return Err(e.into()),
            }
        }
    }
    let file = std::fs::File::open(real)?;
    let meta = file.metadata()?;
    let named = std::fs::symlink_metadata(real)?;
    if identity(&named) != identity(&meta) || real.ancestors().any(Path::is_symlink) {
        return Err(std::io::Error::other(
            "the file changed into a link while being read",
        ));
    }
    Ok(file)
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
    fn a_checked_file_swapped_for_a_link_is_not_read() {
        let t = setup();
        let kenji = t.path().join("students/kenji-t");
        let checked = Scope::student(&kenji)
            .check(&kenji.join("evidence/a.md"))
            .unwrap();
        assert_eq!(checked.read().unwrap(), b"x");
        // After the check, the folder becomes a link to a secret elsewhere.
        std::fs::rename(kenji.join("evidence"), kenji.join("old")).unwrap();
        std::fs::create_dir_all(t.path().join("outside/ev")).unwrap();
        std::fs::write(t.path().join("outside/ev/a.md"), "SECRET").unwrap();
        symlink(t.path().join("outside/ev"), kenji.join("evidence")).unwrap();
        assert!(checked.read().is_err(), "a link in the path is refused");
        // The file itself swapped for a link: refused too.
        std::fs::remove_file(kenji.join("evidence")).unwrap();
        std::fs::rename(kenji.join("old"), kenji.join("evidence")).unwrap();
        std::fs::remove_file(kenji.join("evidence/a.md")).unwrap();
        symlink(
            t.path().join("outside/secret.txt"),
            kenji.join("evidence/a.md"),
        )
        .unwrap();
        assert!(checked.read().is_err());
    }

    #[test]
    fn a_missing_root_holds_nothing() {
        let t = setup();
        let scope = Scope::student(&t.path().join("students/nobody"));
        assert!(!scope.holds(&t.path().join("outside/secret.txt")));
    }
}
