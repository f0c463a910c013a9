//! The last good site held in memory, copied files included, so that a request
//! never opens a source path: a student's file swapped for a link to
//! `/etc/passwd` after the build is never read, and while a rebuild fails the
//! bytes of the last good build stay served.
//!
//! Holding the bytes costs as much memory as the site's copied files, a course's
//! media included; that is the price of never reading a source per request. Bytes
//! of a file that did not change are shared with the previous build, so a rebuild
//! neither reads them again nor holds them twice. Pages come from the render's
//! `render::Memory` sink already; this holds the files a site only names.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use crate::load::{Owner, Scope};
use crate::render::{Content, Site};

/// A site as `serve` answers from it.
#[derive(Debug, Clone, Default)]
pub struct Served {
    pub site: Site,
    /// The bytes of the site's [`Content::Copy`] files, by site path. A copy that
    /// could not be read, or whose source leads out of its folder, is missing (and
    /// answered 404).
    pub copies: BTreeMap<String, Held>,
}

/// The bytes of one copied file, read once when its build succeeded.
#[derive(Debug, Clone)]
pub struct Held {
    pub bytes: Arc<[u8]>,
    /// From a student's folder: served sandboxed (see `http`).
    pub from_student: bool,
    stamp: Stamp,
}

/// What a copied file was read from: while it stays the same, its bytes do.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Stamp {
    real: PathBuf,
    len: u64,
    modified: Option<SystemTime>,
    /// Device and inode: a file replaced under the same name is a new file.
    id: (u64, u64),
}

/// The folders a site's copied files may come from.
#[derive(Debug, Clone)]
pub struct Origins {
    /// The students folder as the build named it, and with links resolved.
    students: PathBuf,
    students_real: Option<PathBuf>,
    /// The folder is one student's own: all of it is that student's.
    standalone: bool,
    /// The folders the teacher's files may come from, links resolved (`load::roots`).
    roots: Vec<PathBuf>,
}

impl Origins {
    /// For the course (or student's) folder `dir`, whose build read students
    /// from `students`.
    pub fn new(dir: &Path, students: &Path, standalone: bool) -> Origins {
        Origins {
            students: absolute(students),
            students_real: std::fs::canonicalize(students).ok(),
            standalone,
            roots: crate::load::roots(dir),
        }
    }

    /// The scope `source` is read in: a student's own folder (not the students
    /// folder, not a classmate's reached through a linked folder), else the
    /// course's folders.
    fn scope(&self, source: &Path) -> Scope {
        let Ok(rel) = absolute(source)
            .strip_prefix(&self.students)
            .map(Path::to_path_buf)
        else {
            return Scope::of(Owner::Teacher, self.roots.clone(), "the course folder");
        };
        let own = match (
            &self.students_real,
            self.standalone,
            rel.components().next(),
        ) {
            (Some(real), true, _) => vec![real.clone()],
            (Some(real), false, Some(Component::Normal(id))) => vec![real.join(id)],
            _ => Vec::new(),
        };
        Scope::of(Owner::Student, own, "the student's folder")
    }
}

/// The bytes of every [`Content::Copy`] of `site`, read through [`Scope::open`]:
/// reused from `previous` (or from another site path of the same file) while the
/// file is unchanged, read now otherwise.
pub fn hold(
    site: &Site,
    origins: &Origins,
    previous: Option<&BTreeMap<String, Held>>,
) -> BTreeMap<String, Held> {
    let mut known: HashMap<Stamp, Arc<[u8]>> = previous
        .into_iter()
        .flat_map(|p| p.values())
        .map(|h| (h.stamp.clone(), Arc::clone(&h.bytes)))
        .collect();
    let mut held = BTreeMap::new();
    for (site_path, content) in &site.files {
        let Content::Copy(source) = content else {
            continue;
        };
        let scope = origins.scope(source.found());
        let student = scope.owner() == Owner::Student;
        let Ok(opened) = scope.open(source.found()) else {
            continue;
        };
        let stamp = Stamp {
            id: opened.identity(),
            len: opened.meta.len(),
            modified: opened.meta.modified().ok(),
            real: opened.real,
        };
        let mut file = opened.file;
        let bytes = match known.get(&stamp) {
            Some(bytes) => Arc::clone(bytes),
            None => {
                let mut bytes = Vec::with_capacity(usize::try_from(stamp.len).unwrap_or(0));
                if file.read_to_end(&mut bytes).is_err() {
                    continue;
                }
                let bytes: Arc<[u8]> = bytes.into();
                known.insert(stamp.clone(), Arc::clone(&bytes));
                bytes
            }
        };
        held.insert(
            site_path.clone(),
            Held {
                bytes,
                // Made copies of a student's images live in the cache folder, but
                // their site path is still the student's.
                from_student: student || is_students(site_path),
                stamp,
            },
        );
    }
    held
}

/// `students/<id>/…`: a file of a student's part of the site.
pub fn is_students(site_path: &str) -> bool {
    site_path
        .strip_prefix("students/")
        .is_some_and(|rest| rest.contains('/'))
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &Path)]) -> Site {
        let mut s = Site::default();
        for (p, src) in files {
            s.files.insert(
                p.to_string(),
                Content::Copy(crate::load::Checked::made(src.to_path_buf())),
            );
        }
        s
    }

    #[test]
    fn holds_files_inside_their_folder_only() {
        let tmp = tempfile::tempdir().unwrap();
        let course = tmp.path().join("course");
        let ada = course.join("students/ada/evidence");
        let eve = course.join("students/eve/evidence");
        std::fs::create_dir_all(&ada).unwrap();
        std::fs::create_dir_all(&eve).unwrap();
        std::fs::create_dir_all(course.join("resources")).unwrap();
        std::fs::write(course.join("course.yaml"), "title: T\n").unwrap();
        std::fs::write(course.join("resources/a.txt"), "teacher").unwrap();
        std::fs::write(ada.join("secret.txt"), "ada's").unwrap();
        std::fs::write(eve.join("own.txt"), "eve's").unwrap();
        std::fs::write(tmp.path().join("outside.txt"), "canary").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(ada.join("secret.txt"), eve.join("peek.txt")).unwrap();
            std::os::unix::fs::symlink(tmp.path().join("outside.txt"), eve.join("out.txt"))
                .unwrap();
            std::fs::hard_link(ada.join("secret.txt"), eve.join("hard.txt")).unwrap();
        }
        let origins = Origins::new(&course, &course.join("students"), false);
        let s = site(&[
            ("resources/a.txt", &course.join("resources/a.txt")),
            ("students/eve/evidence/x/own.txt", &eve.join("own.txt")),
            ("students/eve/evidence/x/peek.txt", &eve.join("peek.txt")),
            ("students/eve/evidence/x/out.txt", &eve.join("out.txt")),
            ("students/eve/evidence/x/hard.txt", &eve.join("hard.txt")),
            ("students/eve/evidence/x/gone.txt", &eve.join("gone.txt")),
        ]);
        let held = hold(&s, &origins, None);
        let names: Vec<&str> = held.keys().map(String::as_str).collect();
        assert_eq!(
            names,
            ["resources/a.txt", "students/eve/evidence/x/own.txt"]
        );
        assert!(!held["resources/a.txt"].from_student);
        assert!(held["students/eve/evidence/x/own.txt"].from_student);
        assert_eq!(&*held["students/eve/evidence/x/own.txt"].bytes, b"eve's");

        // An unchanged file shares its bytes with the previous build.
        let again = hold(&s, &origins, Some(&held));
        let (a, b) = (&held["resources/a.txt"], &again["resources/a.txt"]);
        assert!(Arc::ptr_eq(&a.bytes, &b.bytes));
    }
}
