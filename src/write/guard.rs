//! Which output folders a build may replace.
//!
//! A build replaces its output folder as a whole, so the folder must not hold, be,
//! or sit inside anything of the course's own: the course itself, its folders of
//! source files, or the configured students folder. Paths are compared both as
//! written and with symlinks resolved, so `-o link-to-students/site` is caught too.

use std::path::{Component, Path, PathBuf};

use crate::diag::Diagnostic;

/// The course's own folders; an output inside one of them is refused.
const SOURCE_FOLDERS: [&str; 9] = [
    "students",
    "units",
    "playlists",
    "rubrics",
    "resources",
    "static",
    "templates",
    "assessments",
    "evidence",
];

/// Refuses an output folder that would overwrite or swallow files it must not.
pub fn check_output(dir: &Path, out: &Path) -> Result<(), Diagnostic> {
    let refuse = |msg: &str, hint: &str| Err(Diagnostic::error(out, None, msg).with_hint(hint));
    let other = "choose another output folder with -o, such as `public` inside the course";
    let course = lexical(dir);
    let course_real = std::fs::canonicalize(dir).unwrap_or_else(|_| course.clone());
    // `..` is resolved after the links before it (as the system does when writing),
    // so `-o link-into-students/../site` is judged where it really lands.
    let (target, target_real) = (lexical(out), physical(out));
    let contains = |outer: &Path, inner: &Path| inner.starts_with(outer);
    if contains(&target, &course) || contains(&target_real, &course_real) {
        return refuse(
            "the output folder would replace the course folder itself",
            other,
        );
    }
    let mut protected: Vec<PathBuf> = SOURCE_FOLDERS.iter().map(|s| course.join(s)).collect();
    // course.yaml may put the students' folder, the assessments and the roster
    // outside the course.
    let places = crate::load::Places::read(dir);
    protected.push(lexical(&places.students));
    protected.push(lexical(&places.assessments));
    protected.push(lexical(&places.roster));
    for p in &protected {
        let p_real = physical(p);
        if contains(p, &target) || contains(&p_real, &target_real) || contains(&target, p) {
            return refuse(
                "the output folder is inside (or holds) a folder of the course's own files",
                other,
            );
        }
    }
    if out.exists() && !out.is_dir() {
        return refuse(
            "the output folder is a file",
            "a build replaces its output folder as a whole; choose a folder name with -o",
        );
    }
    if out.is_dir() {
        if std::fs::metadata(out).is_ok_and(|m| m.permissions().readonly()) {
            return refuse(
                "the output folder is read-only",
                "make it writable, or choose another output folder with -o",
            );
        }
        let empty = std::fs::read_dir(out).is_ok_and(|mut r| r.next().is_none());
        // Every pathfolio site has a 404.html; anything else is someone's files.
        if !empty && !out.join("404.html").is_file() {
            return refuse(
                "the output folder holds files that are not a pathfolio site, and a build replaces the whole folder",
                "choose a new or empty folder with -o, or move those files away first",
            );
        }
    }
    Ok(())
}

/// The absolute path without `.` and `..`, without touching the disk.
pub fn lexical(p: &Path) -> PathBuf {
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

/// Where `p` really is: absolute, each existing component's symlinks resolved
/// before the `..` that follows it, and the part that does not exist yet taken
/// as written.
pub fn physical(p: &Path) -> PathBuf {
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let mut cur = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                if cur.exists() {
                    cur = std::fs::canonicalize(&cur).unwrap_or(cur);
                }
                cur.pop();
            }
            Component::CurDir => {}
            c => {
                cur.push(c);
                if cur.is_symlink()
                    && let Ok(real) = std::fs::canonicalize(&cur)
                {
                    cur = real;
                }
            }
        }
    }
    cur
}

#[cfg(test)]
mod tests {
    use super::*;

    fn course() -> tempfile::TempDir {
        let t = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(t.path().join("c/students")).unwrap();
        std::fs::create_dir_all(t.path().join("roster")).unwrap();
        std::fs::write(
            t.path().join("c/course.yaml"),
            "title: C\nstudents_dir: ../roster\n",
        )
        .unwrap();
        t
    }

    #[cfg(unix)]
    #[test]
    fn dotdot_after_a_link_into_students_is_refused() {
        let t = course();
        let c = t.path().join("c");
        std::fs::create_dir_all(c.join("students/ada-l/evidence")).unwrap();
        std::os::unix::fs::symlink(c.join("students/ada-l/evidence"), c.join("lnk")).unwrap();
        // Lexically `lnk/../site` is `c/site`; really it is `students/ada-l/site`.
        let err = check_output(&c, &c.join("lnk/../site")).unwrap_err();
        assert!(
            err.message.contains("course's own files"),
            "{}",
            err.message
        );
        assert!(check_output(&c, &c.join("site")).is_ok());
    }

    #[test]
    fn refuses_the_course_its_folders_and_the_students_folder() {
        let t = course();
        let c = t.path().join("c");
        for bad in [
            ".",
            "..",
            "students/site",
            "units",
            "../roster/site",
            "../roster",
        ] {
            assert!(check_output(&c, &c.join(bad)).is_err(), "{bad}");
        }
        for good in ["public", "private/teacher", "../site"] {
            assert!(check_output(&c, &c.join(good)).is_ok(), "{good}");
        }
    }

    #[test]
    fn follows_symlinks_into_the_course() {
        let t = course();
        let c = t.path().join("c");
        std::os::unix::fs::symlink(c.join("students"), t.path().join("link")).unwrap();
        assert!(check_output(&c, &t.path().join("link/site")).is_err());
    }

    #[test]
    fn refuses_files_read_only_folders_and_foreign_folders() {
        let t = course();
        let c = t.path().join("c");
        std::fs::write(t.path().join("afile"), "x").unwrap();
        assert!(check_output(&c, &t.path().join("afile")).is_err());
        let foreign = t.path().join("docs");
        std::fs::create_dir_all(&foreign).unwrap();
        std::fs::write(foreign.join("letter.txt"), "keep me").unwrap();
        let e = check_output(&c, &foreign).unwrap_err();
        assert!(e.message.contains("not a pathfolio site"), "{e}");
        std::fs::write(foreign.join("404.html"), "site").unwrap();
        assert!(check_output(&c, &foreign).is_ok());
        let mut perms = std::fs::metadata(&foreign).unwrap().permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&foreign, perms).unwrap();
        let refused = check_output(&c, &foreign);
        let mut perms = std::fs::metadata(&foreign).unwrap().permissions();
        #[allow(clippy::permissions_set_readonly_false)]
        perms.set_readonly(false);
        std::fs::set_permissions(&foreign, perms).unwrap();
        assert!(refused.unwrap_err().message.contains("read-only"));
    }
}
